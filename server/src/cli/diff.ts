import { LineIndex, type Span } from '../parse/text';
import { shownLine } from './mask';

export interface DiffSide {
  text: string;
  /** Ranges to mask in shown lines. */
  secretSpans: readonly Span[];
}

const CONTEXT = 3;
/** Above this many cells the changed middle is shown as one block instead of a minimal diff. */
const MAX_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; a: number; b: number };

function lineList(text: string): { lines: LineIndex; count: number } {
  const lines = new LineIndex(text);
  // A final terminator does not start another line.
  const count = text.length > 0 && lines.lineStarts[lines.lineCount - 1] === text.length ? lines.lineCount - 1 : text.length === 0 ? 0 : lines.lineCount;
  return { lines, count };
}

/** Raw line with its terminator, to compare lines exactly (line endings included). */
function rawLine(lines: LineIndex, i: number): string {
  const start = lines.lineStarts[i]!;
  const end = i + 1 < lines.lineCount ? lines.lineStarts[i + 1]! : lines.text.length;
  return lines.text.slice(start, end);
}

/** Line operations turning `a` into `b`: common prefix and suffix, and a longest common subsequence in between. */
function diffOps(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ops: Op[] = [];
  for (let i = 0; i < pre; i++) ops.push({ kind: ' ', a: i, b: i });
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  if (am.length * bm.length > MAX_CELLS) {
    am.forEach((_, i) => ops.push({ kind: '-', a: pre + i, b: -1 }));
    bm.forEach((_, j) => ops.push({ kind: '+', a: -1, b: pre + j }));
  } else {
    const n = am.length;
    const m = bm.length;
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i]![j] = am[i] === bm[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        ops.push({ kind: ' ', a: pre + i, b: pre + j });
        i++;
        j++;
      } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
        ops.push({ kind: '-', a: pre + i, b: -1 });
        i++;
      } else {
        ops.push({ kind: '+', a: -1, b: pre + j });
        j++;
      }
    }
  }
  for (let k = 0; k < suf; k++) ops.push({ kind: ' ', a: a.length - suf + k, b: b.length - suf + k });
  return ops;
}

/**
 * A unified diff between two versions of a file (line terminators not shown). Shown lines have
 * their secret ranges masked, so a hunk never prints a secret; such a hunk is for reading, not for
 * `git apply`.
 */
export function unifiedDiff(path: string, before: DiffSide, after: DiffSide, secrets: readonly string[]): string {
  const A = lineList(before.text);
  const B = lineList(after.text);
  const a = Array.from({ length: A.count }, (_, i) => rawLine(A.lines, i));
  const b = Array.from({ length: B.count }, (_, i) => rawLine(B.lines, i));
  const ops = diffOps(a, b);
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';

  const show = (side: 'a' | 'b', i: number): string => {
    const src = side === 'a' ? A : B;
    const spans = side === 'a' ? before.secretSpans : after.secretSpans;
    const text = shownLine(src.lines, i, spans, secrets).text;
    const raw = side === 'a' ? a[i]! : b[i]!;
    const noNewline = !/[\r\n]$/.test(raw);
    return text + (noNewline ? '\n\\ No newline at end of file' : '');
  };

  // Group changes into hunks with CONTEXT lines around them.
  const hunks: Array<[number, number]> = [];
  for (const idx of changed) {
    const from = Math.max(0, idx - CONTEXT);
    const to = Math.min(ops.length - 1, idx + CONTEXT);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else hunks.push([from, to]);
  }
  const out = [`--- a/${path}`, `+++ b/${path}`];
  for (const [from, to] of hunks) {
    const slice = ops.slice(from, to + 1);
    const aLines = slice.filter((o) => o.kind !== '+');
    const bLines = slice.filter((o) => o.kind !== '-');
    const aStart = aLines.length ? aLines[0]!.a + 1 : startBefore(ops, from, 'a');
    const bStart = bLines.length ? bLines[0]!.b + 1 : startBefore(ops, from, 'b');
    out.push(`@@ -${range(aStart, aLines.length)} +${range(bStart, bLines.length)} @@`);
    for (const o of slice) {
      if (o.kind === '+') out.push('+' + show('b', o.b));
      else out.push(o.kind + show('a', o.a));
    }
  }
  return out.join('\n') + '\n';
}

/** For an empty side of a hunk: the line number before it (unified diff convention). */
function startBefore(ops: Op[], from: number, side: 'a' | 'b'): number {
  for (let k = from - 1; k >= 0; k--) {
    const v = side === 'a' ? ops[k]!.a : ops[k]!.b;
    if (v >= 0) return v + 1;
  }
  return 0;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}
