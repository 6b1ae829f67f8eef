import { orderedEntries, type FileReport } from '../report';

/** One line per finding: `path:line:col: severity rule-id message` (file problems show their kind, e.g. syntax-error, where the rule id would be). */
export function formatCompact(reports: readonly FileReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    for (const entry of orderedEntries(r)) {
      if (entry.kind === 'finding') {
        const f = entry.item;
        out.push(`${r.path}:${f.line}:${f.column}: ${f.severity} ${f.ruleId} ${f.message}`);
      } else if (entry.item.place) {
        const p = entry.item;
        out.push(`${r.path}:${p.place!.line}:${p.place!.column}: ${p.severity} ${p.code ?? 'file-error'} ${p.message}`);
      }
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
