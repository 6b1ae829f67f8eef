import { lintText } from './server/src/engine/lint';
import { readFileSync } from 'node:fs';
import { LineIndex } from './server/src/parse/text';
for (const f of process.argv.slice(2)) {
  const text = readFileSync('/work/shared/corpus/' + f, 'utf8');
  const li = new LineIndex(text);
  const r = lintText(f, text);
  console.log('=====', f, 'skipped=', r.skipped);
  for (const p of r.problems) console.log('  problem', p.severity, p.range.start.line + 1, p.message);
  for (const d of r.documents) {
    console.log('  doc', d.format, d.role, d.mode, JSON.stringify(d.version), 'facts', [...d.facts.keys()].join(','), 'anchor L', li.positionAt(d.anchor.start).line + 1);
    for (const s of d.settings.values()) {
      const pos = li.positionAt(s.valueSpan.start);
      console.log(`    ${s.key} = ${s.secret ? '***' : JSON.stringify(s.value)} [${s.state}] @${pos.line + 1}:${pos.character + 1} ${JSON.stringify(text.slice(s.valueSpan.start, s.valueSpan.end).slice(0, 60))} (${s.origin})`);
    }
    const ls = d.facts.get('listenerSpans') as Map<string, any> | undefined;
    if (ls) for (const [n, sp] of ls) console.log(`    listenerSpan ${n} @${li.positionAt(sp.start).line + 1} ${JSON.stringify(text.slice(sp.start, sp.end))}`);
  }
  for (const x of r.findings) console.log('  finding', x.ruleId, x.severity, x.range.start.line + 1, x.message.slice(0, 100));
}
