import type { TextEdit } from '../model/types';

/** Split into lines that keep their terminators, so joining them gives the text back. */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

interface Hunk {
  /** Old lines [oldStart, oldEnd) are replaced by new lines [newStart, newEnd). */
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** Myers' O((N+M)·D) line diff; undefined when the edit distance exceeds maxD. */
function myers(a: readonly number[], b: readonly number[], maxD: number): Hunk[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
    if (found >= 0) break;
  }
  if (found < 0) return undefined;
  // Walk back through the trace to list the matching diagonals, then the gaps between them.
  const matches: Array<[number, number]> = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY && x > 0 && y > 0 && a[x - 1] === b[y - 1]) {
      x--;
      y--;
      matches.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    matches.push([x, y]);
  }
  matches.reverse();
  const hunks: Hunk[] = [];
  let ai = 0;
  let bi = 0;
  for (const [mx, my] of [...matches, [n, m] as [number, number]]) {
    if (mx > ai || my > bi) hunks.push({ oldStart: ai, oldEnd: mx, newStart: bi, newEnd: my });
    ai = mx + 1;
    bi = my + 1;
  }
  return hunks;
}

/**
 * Small edits that turn `before` into `after`: a line diff whose hunks are then trimmed to the
 * characters that differ. Unchanged text between two changes is never part of an edit, which keeps
 * other lines (and any secret on them) out of the edit sent to the client.
 */
export function minimalEdits(before: string, after: string, maxD = 2000): TextEdit[] {
  if (before === after) return [];
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  const ids = new Map<string, number>();
  const intern = (l: string) => {
    let id = ids.get(l);
    if (id === undefined) {
      id = ids.size;
      ids.set(l, id);
    }
    return id;
  };
  let head = 0;
  while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head++;
  let tail = 0;
  while (tail < oldLines.length - head && tail < newLines.length - head && oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]) tail++;
  const a = oldLines.slice(head, oldLines.length - tail).map(intern);
  const b = newLines.slice(head, newLines.length - tail).map(intern);
  const hunks = myers(a, b, maxD) ?? [{ oldStart: 0, oldEnd: a.length, newStart: 0, newEnd: b.length }];

  const oldOffsets = [0];
  for (const l of oldLines) oldOffsets.push(oldOffsets[oldOffsets.length - 1]! + l.length);
  const edits: TextEdit[] = [];
  for (const h of hunks) {
    let start = oldOffsets[head + h.oldStart]!;
    let end = oldOffsets[head + h.oldEnd]!;
    let text = newLines.slice(head + h.newStart, head + h.newEnd).join('');
    // Trim characters the hunk keeps at both ends.
    let p = 0;
    while (p < text.length && start + p < end && before.charCodeAt(start + p) === text.charCodeAt(p)) p++;
    // Never cut a surrogate pair in two: positions inside one mean nothing to an editor.
    if (p > 0 && isHighSurrogate(text.charCodeAt(p - 1))) p--;
    start += p;
    text = text.slice(p);
    let s = 0;
    while (s < text.length && end - s > start && before.charCodeAt(end - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
    if (s > 0 && isLowSurrogate(text.charCodeAt(text.length - s))) s--;
    end -= s;
    text = text.slice(0, text.length - s);
    edits.push({ span: { start, end }, newText: text });
  }
  return edits;
}

/** Apply offset edits (sorted, non-overlapping) to a text. */
export function applyOffsetEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of [...edits].sort((x, y) => x.span.start - y.span.start)) {
    out += text.slice(pos, e.span.start) + e.newText;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}
