import type { LintResult, Severity } from '../engine/types';
import { CHECKLIST_SECTIONS, type ChecklistTag, type FixSafety } from '../engine/types';
import { LineIndex, type Span } from '../parse/text';
import { safe } from './mask';

/** A fix as every output shows it: its title and whether --fix applies it; never its edit text. */
export interface ShownFix {
  title: string;
  safety: FixSafety;
}

/** Lines and columns are 1-based; columns count UTF-16 code units. */
export interface Place {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ShownFinding extends Place {
  ruleId: string;
  severity: Severity;
  /** Already masked. */
  message: string;
  checklist: ChecklistTag;
  checklistSection: string;
  span: Span;
  fix?: ShownFix;
  suggestions: ShownFix[];
}

export interface ShownProblem {
  severity: Severity;
  /** The kind of problem (`syntax-error`, `cannot-evaluate`, …), shown where a rule id would be. */
  code?: string;
  /** Already masked. */
  message: string;
  /** Absent for problems with the file as a whole (unreadable, binary, too large). */
  place?: Place;
  span?: Span;
}

/** What the CLI knows about one file, ready for any output format. */
export interface FileReport {
  /** Relative to the working folder, POSIX separators. */
  path: string;
  /** Decoded text, when the file could be read. */
  lines?: LineIndex;
  secrets: readonly string[];
  secretSpans: readonly Span[];
  findings: ShownFinding[];
  problems: ShownProblem[];
  /** "rule-id: fix title" of each fix applied by --fix (or that --fix-dry-run would apply). */
  fixed: string[];
  /** Set when an explicitly named file was read but is not a format kafkalint lints. */
  skipped?: string;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function fileReport(path: string, text: string, result: LintResult, quiet: boolean): FileReport {
  const secrets = result.secrets;
  const keep = (s: Severity) => !quiet || s === 'error';
  return {
    path,
    lines: new LineIndex(text),
    secrets,
    secretSpans: result.secretSpans,
    findings: result.findings
      .filter((f) => keep(f.severity))
      .map((f) => {
        const shown: ShownFinding = {
          ruleId: f.ruleId,
          severity: f.severity,
          message: safe(f.message, secrets),
          checklist: f.checklist,
          checklistSection: CHECKLIST_SECTIONS[f.checklist],
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
          span: f.span,
          suggestions: f.suggestions.map((s) => ({ title: safe(s.title, secrets), safety: s.safety })),
        };
        if (f.fix) shown.fix = { title: safe(f.fix.title, secrets), safety: f.fix.safety };
        return shown;
      }),
    problems: result.problems
      .filter((p) => keep(p.severity))
      .map((p) => ({
        severity: p.severity,
        code: p.code,
        message: safe(p.message, secrets),
        place: { line: p.range.start.line + 1, column: p.range.start.character + 1, endLine: p.range.end.line + 1, endColumn: p.range.end.character + 1 },
        span: p.span,
      })),
    fixed: [],
    ...(result.skipped && result.documents.length === 0 && result.problems.length === 0 ? { skipped: result.skipped } : {}),
  };
}

/** A file that could not be read or linted at all. */
export function problemReport(path: string, message: string): FileReport {
  return { path, secrets: [], secretSpans: [], findings: [], problems: [{ severity: 'error', message }], fixed: [] };
}

export interface Totals {
  error: number;
  warning: number;
  info: number;
  fixable: number;
  filesWithFindings: number;
  files: number;
}

export function totals(reports: readonly FileReport[]): Totals {
  const t: Totals = { error: 0, warning: 0, info: 0, fixable: 0, filesWithFindings: 0, files: 0 };
  for (const r of reports) {
    if (r.skipped) continue;
    t.files++;
    if (r.findings.length || r.problems.length) t.filesWithFindings++;
    for (const f of r.findings) {
      t[f.severity]++;
      if (f.fix?.safety === 'safe') t.fixable++;
    }
    for (const p of r.problems) t[p.severity]++;
  }
  return t;
}

/** Byte-wise order, so output does not depend on the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Findings and problems of one file in position order (problems without a place first). */
export function orderedEntries(r: FileReport): Array<{ kind: 'finding'; item: ShownFinding } | { kind: 'problem'; item: ShownProblem }> {
  const entries: Array<{ kind: 'finding'; item: ShownFinding } | { kind: 'problem'; item: ShownProblem }> = [
    ...r.problems.map((item) => ({ kind: 'problem' as const, item })),
    ...r.findings.map((item) => ({ kind: 'finding' as const, item })),
  ];
  const key = (e: (typeof entries)[number]) => (e.kind === 'finding' ? [e.item.line, e.item.column] : e.item.place ? [e.item.place.line, e.item.place.column] : [0, 0]);
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const [la, ca] = key(a.e);
      const [lb, cb] = key(b.e);
      return la! - lb! || ca! - cb! || a.i - b.i;
    })
    .map((x) => x.e);
}
