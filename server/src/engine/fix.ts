import type { TextEdit } from '../model/types';
import type { Finding, FixSafety } from './types';

/** Apply non-overlapping edits to a text; edits at the same offset keep their given order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.span.start - b.e.span.start || a.e.span.end - b.e.span.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    if (e.span.start < pos) continue;
    out += text.slice(pos, e.span.start) + e.newText;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}

/** Pick the fixes of these findings that do not overlap each other, in file order. */
export function compatibleEdits(findings: readonly Finding[], safety: FixSafety = 'safe'): TextEdit[] {
  const chosen: TextEdit[] = [];
  const taken: Array<{ start: number; end: number }> = [];
  const fixes = findings
    .map((f) => f.fix)
    .filter((f): f is NonNullable<typeof f> => !!f && (safety === 'suggestion' || f.safety === 'safe'))
    .sort((a, b) => (a.edits[0]?.span.start ?? 0) - (b.edits[0]?.span.start ?? 0));
  for (const fix of fixes) {
    const overlaps = fix.edits.some((e) =>
      taken.some((t) => (e.span.start < t.end && t.start < e.span.end) || (e.span.start === e.span.end && e.span.start === t.start && t.start === t.end)),
    );
    if (overlaps) continue;
    for (const e of fix.edits) {
      chosen.push(e);
      taken.push(e.span);
    }
  }
  return chosen;
}
