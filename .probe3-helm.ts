import { lintText } from './server/src/engine/lint';
import { allRules } from './rules';
import { listenerTable } from './server/src/model/listeners';
import { readFileSync } from 'node:fs';
import { LineIndex } from './server/src/parse/text';
import { applyEdits } from './server/src/engine/fix';
const emulate = !process.argv.includes('--no-fact');
for (const f of process.argv.slice(2).filter((a) => !a.startsWith('--'))) {
  const text = readFileSync(f.startsWith('/') ? f : '/work/shared/corpus/' + f, 'utf8');
  const li = new LineIndex(text);
  const r = lintText(f, text);
  console.log('=====', f);
  for (const doc of r.documents) {
    if (emulate) {
      const spans = doc.facts.get('listenerSpans') as Map<string, any> | undefined;
      if (spans && doc.role !== 'zookeeper') for (const l of listenerTable(doc).listeners) l.span = spans.get(l.name) ?? l.span;
    }
    for (const rule of allRules) {
      rule.check(doc, { options: { rules: {}, allowSuppressions: true }, report(rep) {
        const p = li.positionAt(rep.span.start); const e = li.positionAt(rep.span.end);
        let fix = '';
        const intent = rep.fix;
        if (intent) { const edits = doc.writer.edits(intent.changes); fix = edits ? ' FIX:' + JSON.stringify(edits.map(x => [li.positionAt(x.span.start).line+1, text.slice(x.span.start, x.span.end), x.newText])) : ' FIX:null ' + JSON.stringify(intent.changes); }
        console.log(`  [${doc.role}] ${rule.meta.id} ${rep.severity ?? rule.meta.severity} ${p.line + 1}:${p.character + 1}-${e.line + 1}:${e.character + 1} ${JSON.stringify(text.slice(rep.span.start, rep.span.end)).slice(0,50)} :: ${rep.message.slice(0, 110)}${process.argv.includes('--fix') ? fix : ''}`);
      } });
    }
  }
}
