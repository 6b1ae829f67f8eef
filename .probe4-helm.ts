import { lintText } from './server/src/engine/lint';
import { readFileSync } from 'node:fs';
import { LineIndex } from './server/src/parse/text';
for (const f of process.argv.slice(2)) {
  const text = readFileSync(f, 'utf8');
  const li = new LineIndex(text);
  const r = lintText(f, text);
  console.log('=====', f, r.skipped ?? '');
  for (const p of r.problems) console.log('  problem', p.severity, p.range.start.line + 1, p.message);
  for (const d of r.documents) {
    console.log('  doc', d.format, d.role, d.mode, JSON.stringify(d.version), JSON.stringify(d.facts.get('chart')));
    for (const s of d.settings.values()) {
      const a = li.positionAt(s.valueSpan.start), b = li.positionAt(s.valueSpan.end);
      console.log(`    ${s.key} = ${JSON.stringify(s.value)} [${s.state}${s.secret?',secret':''}] [${a.line + 1},${a.character + 1},${b.line+1},${b.character+1}] ${JSON.stringify(text.slice(s.valueSpan.start, s.valueSpan.end))}`);
    }
    const ls = d.facts.get('listenerSpans') as Map<string, any> | undefined;
    if (ls) for (const [n, sp] of ls) console.log(`    listenerSpan ${n} ${JSON.stringify(text.slice(sp.start, sp.end))} L${li.positionAt(sp.start).line+1}`);
  }
}
