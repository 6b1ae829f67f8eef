import { maskText } from '../engine/lint';
import { MASK } from '../model/secrets';
import type { LineIndex, Span } from '../parse/text';

export { MASK };

/** A source line as shown: secret ranges replaced by the mask, with a map from columns to shown columns. */
export interface ShownLine {
  text: string;
  /** Shown column where a range starting at this original column starts. */
  column(original: number): number;
  /** Shown column where a range ending at this original column ends (a masked piece is covered whole). */
  columnEnd(original: number): number;
}

/**
 * Line `line` of a text with every secret span replaced by `********` and, as a second guard,
 * every known secret value masked wherever it appears.
 */
export function shownLine(lines: LineIndex, line: number, secretSpans: readonly Span[], secrets: readonly string[]): ShownLine {
  const start = lines.lineStarts[line]!;
  const end = lines.lineEnd(line);
  const raw = lines.text.slice(start, end);
  const cuts = secretSpans
    .map((s) => ({ from: Math.max(s.start, start) - start, to: Math.min(s.end, end) - start }))
    .filter((c) => c.from < c.to)
    .sort((a, b) => a.from - b.from);
  // Merge overlapping cuts so each secret piece becomes one mask.
  const merged: Array<{ from: number; to: number }> = [];
  for (const c of cuts) {
    const last = merged[merged.length - 1];
    if (last && c.from <= last.to) last.to = Math.max(last.to, c.to);
    else merged.push({ ...c });
  }
  let text = '';
  let pos = 0;
  const pieces: Array<{ from: number; to: number; shownFrom: number }> = [];
  for (const c of merged) {
    text += raw.slice(pos, c.from);
    pieces.push({ from: c.from, to: c.to, shownFrom: text.length });
    text += MASK;
    pos = c.to;
  }
  text += raw.slice(pos);
  const map = (original: number, end: boolean): number => {
    let shift = 0;
    for (const p of pieces) {
      if (original <= p.from) break;
      if (original < p.to) return end ? p.shownFrom + MASK.length : p.shownFrom;
      shift += MASK.length - (p.to - p.from);
    }
    return original + shift;
  };
  // The second pass rarely changes anything once the spans are masked; columns may then drift a little.
  return { text: maskText(text, secrets), column: (o) => map(o, false), columnEnd: (o) => map(o, true) };
}

export function overlapsAny(span: Span, spans: readonly Span[]): boolean {
  if (span.start === span.end) return spans.some((s) => s.start <= span.start && span.start < s.end);
  return spans.some((s) => s.start < span.end && span.start < s.end);
}

/** Mask every known secret value in a string that is about to be printed. */
export function safe(text: string, secrets: readonly string[]): string {
  return maskText(text, secrets);
}
