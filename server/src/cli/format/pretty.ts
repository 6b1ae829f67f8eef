import type { LineIndex, Span } from '../../parse/text';
import { helpUri } from '../explain';
import { shownLine } from '../mask';
import { orderedEntries, totals, type FileReport, type Place, type ShownFix } from '../report';
import { severityColor, type Colors } from './color';

/** At most this many lines of one finding are shown in its code frame. */
const MAX_FRAME_LINES = 6;

function plural(n: number, word: string, many = word + 's'): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** The lines of a range with one line of context each side, carets under the range, secrets masked. */
export function codeFrame(lines: LineIndex, place: Place, secretSpans: readonly Span[], secrets: readonly string[], c: Colors): string[] {
  let startLine = place.line - 1;
  let startCol = place.column - 1;
  let endLine = place.endLine - 1;
  let endCol = place.endColumn - 1;
  if (startLine >= lines.lineCount) return [];
  // A range that stops at the very start of a line ends on the line before.
  if (endLine > startLine && endCol === 0) {
    endLine--;
    endCol = lines.lineEnd(endLine) - lines.lineStarts[endLine]!;
  }
  endLine = Math.min(endLine, lines.lineCount - 1);
  const lastMarked = Math.min(endLine, startLine + MAX_FRAME_LINES - 1);
  const first = Math.max(0, startLine - 1);
  // The empty "line" after a final line terminator is not shown as context.
  const ends = lines.lineCount > 1 && lines.lineStarts[lines.lineCount - 1] === lines.text.length;
  const lastLine = Math.max(lines.lineCount - (ends ? 2 : 1), endLine);
  const last = Math.min(lastLine, lastMarked === endLine ? endLine + 1 : lastMarked);
  const width = String(last + 1).length;
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const shown = shownLine(lines, line, secretSpans, secrets);
    const marked = line >= startLine && line <= lastMarked;
    const gutter = `${marked ? '>' : ' '} ${String(line + 1).padStart(width)} |`;
    out.push(c.dim(gutter) + (shown.text ? ' ' + shown.text : ''));
    if (!marked) continue;
    const length = lines.lineEnd(line) - lines.lineStarts[line]!;
    const from = shown.column(line === startLine ? startCol : 0);
    const to = shown.columnEnd(line === endLine ? endCol : length);
    const pad = shown.text.slice(0, from).replace(/[^\t]/g, ' ');
    const carets = '^'.repeat(Math.max(1, to - from));
    out.push(c.dim(`  ${' '.repeat(width)} |`) + ' ' + pad + c.red(carets));
  }
  if (lastMarked < endLine) out.push(c.dim(`  ${' '.repeat(width)} | …`));
  return out;
}

function fixLine(fix: ShownFix): string {
  return fix.safety === 'safe' ? `${fix.title} (safe: applied by --fix)` : `${fix.title} (suggestion: review and apply it in your editor)`;
}

/** Human output: a header, a code frame and the why/fix/docs lines per finding, then a summary. */
export function formatPretty(reports: readonly FileReport[], c: Colors): string {
  const out: string[] = [];
  for (const r of reports) {
    for (const entry of orderedEntries(r)) {
      if (entry.kind === 'problem') {
        const p = entry.item;
        if (!p.place) continue; // reported on stderr
        const color = severityColor(c, p.severity);
        out.push(`${c.bold(`${r.path}:${p.place.line}:${p.place.column}`)}  ${color(p.severity)}  ${c.dim(p.code ?? 'file-error')}  ${p.message}`);
        if (r.lines) out.push(...codeFrame(r.lines, p.place, r.secretSpans, r.secrets, c));
        out.push('');
        continue;
      }
      const f = entry.item;
      const color = severityColor(c, f.severity);
      out.push(`${c.bold(`${r.path}:${f.line}:${f.column}`)}  ${color(f.severity)}  ${c.dim(f.ruleId)}  ${f.message}`);
      if (r.lines) out.push(...codeFrame(r.lines, f, r.secretSpans, r.secrets, c));
      out.push(`  ${c.bold('why:')} ${f.checklistSection} (${f.checklist})`);
      const [primary, ...others] = f.fix ? [f.fix, ...f.suggestions] : f.suggestions;
      if (primary) out.push(`  ${c.bold('fix:')} ${fixLine(primary)}`);
      for (const s of others) out.push(`       ${fixLine(s)}`);
      out.push(`  ${c.bold('docs:')} kafkalint explain ${f.ruleId} | ${helpUri(f.ruleId)}`);
      out.push('');
    }
  }
  out.push(summaryLine(reports, c));
  return out.join('\n') + '\n';
}

export function summaryLine(reports: readonly FileReport[], c: Colors): string {
  const t = totals(reports);
  const count = t.error + t.warning + t.info;
  const files = plural(t.files, 'file');
  if (count === 0) return c.green(`No problems found in ${files}.`);
  const parts = `${plural(t.error, 'error')}, ${plural(t.warning, 'warning')}, ${t.info} info`;
  const line = `${plural(count, 'problem')} (${parts}) in ${t.filesWithFindings} of ${files}; ${t.fixable} fixable with --fix.`;
  return t.error ? c.red(c.bold(line)) : t.warning ? c.yellow(c.bold(line)) : c.bold(line);
}
