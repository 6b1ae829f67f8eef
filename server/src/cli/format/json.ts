import { helpUri } from '../explain';
import { orderedEntries, totals, type FileReport } from '../report';

/**
 * A stable JSON array, one object per file, in path order. Fixes are shown by title and safety
 * only: edit text is never written.
 */
export function formatJson(reports: readonly FileReport[]): string {
  const files = reports.map((r) => {
    const t = totals([{ ...r, skipped: undefined }]);
    const findings = [];
    const problems = [];
    for (const entry of orderedEntries(r)) {
      if (entry.kind === 'finding') {
        const f = entry.item;
        findings.push({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          checklist: f.checklist,
          checklistSection: f.checklistSection,
          line: f.line,
          column: f.column,
          endLine: f.endLine,
          endColumn: f.endColumn,
          fix: f.fix ? { title: f.fix.title, safety: f.fix.safety } : null,
          suggestions: f.suggestions.map((s) => ({ title: s.title, safety: s.safety })),
          docs: helpUri(f.ruleId),
        });
      } else {
        const p = entry.item;
        problems.push({
          severity: p.severity,
          code: p.code ?? 'file-error',
          message: p.message,
          line: p.place?.line ?? null,
          column: p.place?.column ?? null,
          endLine: p.place?.endLine ?? null,
          endColumn: p.place?.endColumn ?? null,
        });
      }
    }
    return {
      path: r.path,
      ...(r.skipped ? { skipped: r.skipped } : {}),
      errorCount: t.error,
      warningCount: t.warning,
      infoCount: t.info,
      fixableCount: t.fixable,
      findings,
      problems,
    };
  });
  return JSON.stringify(files, null, 2) + '\n';
}
