/**
 * Exact positions of YAML scalar text, and in-place YAML edits that keep the file's quoting,
 * indentation, comments and line endings. Used by the Helm values adapters: settings written inside
 * a block scalar (a `config: |` holding server.properties text) point at their characters in the file,
 * and fixes are written back where the value lives.
 */
import { isMap, isScalar, isSeq, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from '../../../parse/text';
import { nodeSpan, scalarText, type YamlNode } from '../../../parse/yaml';
import type { TextEdit } from '../../types';

/** The decoded text of a scalar and where each of its characters is written. */
export interface TextMap {
  /** The value as Helm reads it (booleans and numbers as written by `scalarText`). */
  value: string;
  /** File span of each decoded character; undefined when the text cannot be mapped character by character. */
  chars: Span[] | undefined;
  /** Where the value is written: quoted scalars with their quotes, block scalars without their header. */
  span: Span;
  node: Scalar;
  block?: BlockLayout;
}

/** The layout of a `|` or `>` block scalar in the file. */
export interface BlockLayout {
  literal: boolean;
  chomp: 'clip' | 'strip' | 'keep';
  /** Spaces before each content line. */
  indent: number;
  /** The header (`|`, `|-`, `>+`…) from its first character to the end of its line, terminator excluded. */
  header: Span;
  /** First character of the first line after the header. */
  bodyStart: number;
  /** End of the scalar's text in the file (after the last content line's terminator, when it has one). */
  bodyEnd: number;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isBreak = (c: string | undefined) => c === '\n' || c === '\r';

/** Offset of the start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isBreak(text[i - 1])) i--;
  return i;
}

/** Offset of the end of the line holding `offset`, before its terminator. */
export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && !isBreak(text[i])) i++;
  return i;
}

/** Offset just after the terminator of the line holding `offset` (the text length on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const end = lineEndOf(text, offset);
  if (text[end] === '\r' && text[end + 1] === '\n') return end + 2;
  return end < text.length ? end + 1 : end;
}

/** Column (in UTF-16 units) of an offset in its line. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The leading spaces of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, lineEndOf(text, start)))![0];
}

function blockLayout(text: string, node: Scalar): BlockLayout | undefined {
  const r = node.range;
  if (!r) return undefined;
  const headerEnd = lineEndOf(text, r[0]);
  const headerText = text.slice(r[0], headerEnd);
  const m = /^([|>])([-+]?)([1-9]?)([-+]?)/.exec(headerText);
  if (!m) return undefined;
  const chompChar = m[2] || m[4];
  const chomp = chompChar === '-' ? 'strip' : chompChar === '+' ? 'keep' : 'clip';
  const bodyStart = nextLineStart(text, r[0]);
  const bodyEnd = Math.max(bodyStart, r[1]);
  let indent: number;
  if (m[3]) {
    // An explicit indentation indicator counts from the indentation of the parent node's line.
    indent = lineIndent(text, r[0]).length + Number(m[3]);
  } else {
    indent = 0;
    let pos = bodyStart;
    while (pos < bodyEnd) {
      const end = lineEndOf(text, pos);
      const line = text.slice(pos, end);
      if (line.trim() !== '') {
        indent = /^ */.exec(line)![0].length;
        break;
      }
      pos = nextLineStart(text, pos);
      if (pos === end) break;
    }
  }
  return { literal: m[1] === '|', chomp, indent, header: { start: r[0], end: headerEnd }, bodyStart, bodyEnd };
}

/** The lines of a block scalar body: where each content line starts, ends, and its terminator. */
interface BodyLine {
  start: number;
  /** First content character (after the indentation). */
  content: number;
  end: number;
  eolEnd: number;
}

function bodyLines(text: string, layout: BlockLayout): BodyLine[] {
  const lines: BodyLine[] = [];
  let pos = layout.bodyStart;
  while (pos < layout.bodyEnd) {
    const end = lineEndOf(text, pos);
    const next = nextLineStart(text, pos);
    const lead = /^ */.exec(text.slice(pos, end))![0].length;
    lines.push({ start: pos, content: pos + Math.min(lead, layout.indent), end, eolEnd: next });
    if (next === pos) break;
    pos = next;
  }
  return lines;
}

/** Character map of a literal block scalar, built from the file and checked against the parser's value. */
function literalChars(text: string, node: Scalar, layout: BlockLayout): { value: string; chars: Span[]; span: Span } | undefined {
  const lines = bodyLines(text, layout);
  // Trailing empty lines only matter for `keep`; the parser's value decides below.
  let last = lines.length - 1;
  while (last >= 0 && text.slice(lines[last]!.start, lines[last]!.end).trim() === '') last--;
  let value = '';
  const chars: Span[] = [];
  for (let i = 0; i <= last; i++) {
    const l = lines[i]!;
    const content = l.content <= l.end ? text.slice(l.content, l.end) : '';
    for (let k = 0; k < content.length; k++) {
      value += content[k];
      chars.push({ start: l.content + k, end: l.content + k + 1 });
    }
    if (i < last) {
      value += '\n';
      chars.push({ start: l.end, end: l.eolEnd });
    }
  }
  if (last >= 0 && layout.chomp !== 'strip') {
    const l = lines[last]!;
    value += '\n';
    chars.push({ start: l.end, end: l.eolEnd });
    if (layout.chomp === 'keep') {
      for (let i = last + 1; i < lines.length; i++) {
        value += '\n';
        chars.push({ start: lines[i]!.end, end: lines[i]!.eolEnd });
      }
    }
  }
  if (value !== String(node.value ?? '')) return undefined;
  const first = last >= 0 ? lines[0]!.content : layout.bodyStart;
  const lastContent = last >= 0 ? lines[last]!.end : layout.bodyStart;
  return { value, chars, span: { start: Math.min(first, lastContent), end: lastContent } };
}

/**
 * Align a decoded value with its source when only whitespace differs (folded and multi-line plain
 * scalars, quoted scalars without escapes): every other character must appear in order.
 */
function alignChars(text: string, value: string, from: number, to: number, singleQuoted = false): Span[] | undefined {
  const chars: Span[] = [];
  let j = from;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    while (true) {
      if (singleQuoted && c === "'" && text[j] === "'" && text[j + 1] === "'") {
        // `''` is one quote in a single-quoted scalar.
        chars.push({ start: j, end: j + 2 });
        j += 2;
        break;
      }
      if (j < to && text[j] === c) {
        chars.push({ start: j, end: j + 1 });
        j++;
        break;
      }
      if ((c === ' ' || c === '\n') && j < to && (isBlank(text[j]) || isBreak(text[j]))) {
        const start = j;
        while (j < to && (isBlank(text[j]) || isBreak(text[j]))) j++;
        chars.push({ start, end: j });
        break;
      }
      if (j < to && (isBlank(text[j]) || isBreak(text[j]))) {
        j++;
        continue;
      }
      return undefined;
    }
  }
  for (; j < to; j++) if (!isBlank(text[j]) && !isBreak(text[j])) return undefined;
  return chars;
}

/** The text map of a scalar node. */
export function textMap(text: string, node: Scalar): TextMap {
  const value = scalarText(node) ?? '';
  const whole = nodeSpan(node);
  const type = node.type;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const layout = blockLayout(text, node);
    if (layout) {
      if (layout.literal) {
        const lit = literalChars(text, node, layout);
        if (lit) return { value, chars: lit.chars, span: lit.span, node, block: layout };
      }
      const lines = bodyLines(text, layout).filter((l) => text.slice(l.start, l.end).trim() !== '');
      const span = lines.length ? { start: lines[0]!.content, end: lines[lines.length - 1]!.end } : { start: layout.bodyStart, end: layout.bodyStart };
      // Folded: the trailing line break (clip/keep) has no character of its own to align with.
      const core = value.replace(/\n+$/, '');
      const chars = alignChars(text, core, span.start, span.end);
      if (chars && core.length < value.length) for (let k = core.length; k < value.length; k++) chars.push({ start: span.end, end: span.end });
      return { value, chars, span, node, block: layout };
    }
    return { value, chars: undefined, span: whole, node };
  }
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    const chars = alignChars(text, value, whole.start + 1, Math.max(whole.start + 1, whole.end - 1), type === 'QUOTE_SINGLE');
    return { value, chars, span: whole, node };
  }
  const raw = text.slice(whole.start, whole.end);
  if (raw === value) {
    const chars: Span[] = [];
    for (let k = 0; k < value.length; k++) chars.push({ start: whole.start + k, end: whole.start + k + 1 });
    return { value, chars, span: whole, node };
  }
  // Plain multi-line scalars, or YAML 1.1 values Helm reads differently from their text (yes → true).
  const chars = typeof node.value === 'string' ? alignChars(text, value, whole.start, whole.end) : undefined;
  return { value, chars, span: whole, node };
}

/** The file span of `value.slice(from, to)`; the whole value span when characters cannot be mapped. */
export function subSpan(map: TextMap, from: number, to: number): Span {
  if (!map.chars) return map.span;
  if (from >= map.value.length) {
    const last = map.chars[map.chars.length - 1];
    const end = last ? last.end : map.span.start;
    return { start: end, end };
  }
  const start = map.chars[from]!.start;
  if (to <= from) return { start, end: start };
  return { start, end: map.chars[Math.min(to, map.value.length) - 1]!.end };
}

// ---------------------------------------------------------------------------------------------
// Writing scalars

const YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN)$/;
const NUMBERISH = /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0b[01_]+|0o?[0-7_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$/;

/** A string that YAML 1.1 would read as something else when written plain (a boolean, a number, null). */
export function looksTyped(value: string): boolean {
  return YAML11_SPECIAL.test(value) || NUMBERISH.test(value);
}

/** Whether a string can be written as a plain scalar and read back as the same string. */
export function safePlain(value: string, inFlow = false): boolean {
  if (value === '' || value !== value.trim() || /[\n\r\t]/.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return false;
  if (/: |:$| #/.test(value)) return false;
  if (inFlow && /[,[\]{}]/.test(value)) return false;
  return !looksTyped(value);
}

/** A YAML double-quoted scalar (JSON escapes are valid YAML escapes). */
export function doubleQuoted(value: string): string {
  return JSON.stringify(value);
}

/** How a new string value is written: plain when safe, double-quoted otherwise. */
export function renderString(value: string, inFlow = false): string {
  return safePlain(value, inFlow) ? value : doubleQuoted(value);
}

/**
 * The text that replaces a scalar so that it reads back as `value`, in the scalar's own style.
 * `typed` keeps booleans and numbers plain (`true`, `3600000`) when the old value was of that type.
 */
export function scalarReplacement(text: string, map: TextMap, value: string, eol: string, inFlow: boolean, strings = false): TextEdit {
  const node = map.node;
  const type = node.type;
  const old = node.value;
  const span = nodeSpan(node);
  if (type === 'QUOTE_DOUBLE') return { span, newText: doubleQuoted(value) };
  if (type === 'QUOTE_SINGLE' && !/[\n\r]/.test(value)) return { span, newText: `'${value.replace(/'/g, "''")}'` };
  if ((type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') && map.block) {
    const b = map.block;
    const indent = ' '.repeat(Math.max(b.indent, lineIndent(text, b.header.start).length + 2));
    const body = value.endsWith('\n') ? value.slice(0, -1) : value;
    const header = value.endsWith('\n') ? '|' : '|-';
    const lines = body.split('\n').map((l) => (l === '' ? '' : indent + l));
    // Keep the text after the body (next keys) untouched; end with a terminator when the old body had one.
    const hadEol = b.bodyEnd > b.bodyStart && isBreak(text[b.bodyEnd - 1]);
    return { span: { start: b.header.start, end: b.bodyEnd }, newText: header + eol + lines.join(eol) + (hadEol ? eol : '') };
  }
  if (!strings && typeof old === 'boolean' && /^(true|false)$/.test(value)) return { span, newText: value };
  if (!strings && typeof old === 'number' && NUMBERISH.test(value)) return { span, newText: value };
  return { span, newText: renderString(value, inFlow) };
}

// ---------------------------------------------------------------------------------------------
// Inserting and removing entries

/**
 * A new mapping entry: a scalar value already rendered as YAML text, nested entries, the lines of a
 * literal block scalar, or a block sequence of mappings.
 */
export type NewEntry =
  | { key: string; value: string }
  | { key: string; children: readonly NewEntry[] }
  | { key: string; block: readonly string[] }
  | { key: string; items: ReadonlyArray<readonly NewEntry[]> };

function renderKey(key: string): string {
  return safePlain(key) ? key : doubleQuoted(key);
}

function renderItem(entries: readonly NewEntry[], dashIndent: string, eol: string): string[] {
  const lines = renderBlock(entries, dashIndent + '  ', eol);
  if (lines.length) lines[0] = dashIndent + '- ' + lines[0]!.slice(dashIndent.length + 2);
  return lines;
}

function renderBlock(entries: readonly NewEntry[], indent: string, eol: string): string[] {
  const out: string[] = [];
  for (const e of entries) {
    if ('children' in e) {
      out.push(`${indent}${renderKey(e.key)}:`);
      out.push(...renderBlock(e.children, indent + '  ', eol));
    } else if ('block' in e) {
      out.push(`${indent}${renderKey(e.key)}: |`);
      for (const l of e.block) out.push(l === '' ? '' : `${indent}  ${l}`);
    } else if ('items' in e) {
      out.push(`${indent}${renderKey(e.key)}:`);
      for (const item of e.items) out.push(...renderItem(item, indent + '  ', eol));
    } else {
      out.push(`${indent}${renderKey(e.key)}: ${e.value}`);
    }
  }
  return out;
}

function renderFlow(entries: readonly NewEntry[]): string {
  return entries
    .map((e) => {
      const k = renderKey(e.key);
      if ('children' in e) return `${k}: {${renderFlow(e.children)}}`;
      if ('block' in e) return `${k}: ${doubleQuoted(e.block.join('\n') + '\n')}`;
      if ('items' in e) return `${k}: [${e.items.map((i) => `{${renderFlow(i)}}`).join(', ')}]`;
      return `${k}: ${e.value}`;
    })
    .join(', ');
}

/** The offset before the blanks that precede `pos` on its line (the space after `key:`). */
function backOverBlanks(text: string, pos: number): number {
  let p = pos;
  while (p > 0 && isBlank(text[p - 1])) p--;
  return p;
}

/** The offset after the last line the node's text occupies (its terminator included). */
function afterNode(text: string, node: YamlNode): number {
  const r = node.range;
  let end = r ? r[1] : 0;
  // Back up over the line breaks a block value's range may end with.
  while (end > 0 && (isBreak(text[end - 1]) || isBlank(text[end - 1]))) end--;
  return nextLineStart(text, Math.max(end - 1, 0));
}

/** Column of the first key of a block mapping (where new keys go). */
function blockKeyColumn(text: string, map: YAMLMap): number | undefined {
  const first = map.items[0] as Pair | undefined;
  const key = first?.key as YamlNode | undefined;
  const r = key?.range;
  return r ? columnOf(text, r[0]) : undefined;
}

/**
 * An edit that adds entries to a mapping. `owner` is the key of the mapping in its parent (for an
 * empty flow mapping `{}` or an empty value, the new entries go on the lines below it).
 */
export function insertIntoMap(text: string, map: YamlNode | null, owner: YamlNode | null, entries: readonly NewEntry[], eol: string, after?: Pair): TextEdit | undefined {
  if (entries.length === 0) return undefined;
  const ownerIndent = owner?.range ? columnOf(text, owner.range[0]) : -2;
  if (map && isMap(map)) {
    const m = map as YAMLMap;
    if (m.flow) {
      const r = m.range!;
      const close = text.lastIndexOf('}', r[1]);
      if (close < r[0]) return undefined;
      if (m.items.length === 0) {
        if (!owner) return { span: { start: r[0], end: close + 1 }, newText: `{${renderFlow(entries)}}` };
        const indent = ' '.repeat(ownerIndent + 2);
        // `key: {}` becomes a block mapping; a trailing comment stays on the key line.
        const lineEnd = lineEndOf(text, close);
        return { span: { start: backOverBlanks(text, r[0]), end: lineEnd }, newText: text.slice(close + 1, lineEnd) + eol + renderBlock(entries, indent, eol).join(eol) };
      }
      let before = close;
      while (before > r[0] && isBlank(text[before - 1])) before--;
      return { span: { start: before, end: before }, newText: `, ${renderFlow(entries)}` };
    }
    const col = blockKeyColumn(text, m);
    const last = (after && m.items.includes(after) ? after : m.items[m.items.length - 1]) as Pair | undefined;
    if (col === undefined || !last) return undefined;
    const lastNode = (last.value ?? last.key) as YamlNode;
    const at = afterNode(text, lastNode);
    const body = renderBlock(entries, ' '.repeat(col), eol).join(eol);
    const needsBreak = at === text.length && at > 0 && !isBreak(text[at - 1]);
    return { span: { start: at, end: at }, newText: (needsBreak ? eol : '') + body + (needsBreak ? '' : eol) };
  }
  // No mapping yet: the owner key has an empty (null) value, or a blank scalar such as "".
  if (!owner?.range) return undefined;
  const indent = ' '.repeat(ownerIndent + 2);
  const block = eol + renderBlock(entries, indent, eol).join(eol);
  if (map && isScalar(map) && map.range && map.range[1] > map.range[0]) {
    const lineEnd = lineEndOf(text, map.range[1]);
    return { span: { start: backOverBlanks(text, map.range[0]), end: lineEnd }, newText: text.slice(map.range[1], lineEnd) + block };
  }
  const keyLineEnd = lineEndOf(text, owner.range[0]);
  return { span: { start: keyLineEnd, end: keyLineEnd }, newText: block };
}

/** The span of whole lines from the line of `start` through the line of `end - 1`, terminator included. */
export function wholeLines(text: string, start: number, end: number): Span {
  return { start: lineStartOf(text, start), end: nextLineStart(text, Math.max(start, end - 1)) };
}

/** An edit that removes a mapping entry (its lines in a block mapping, the entry and a comma in a flow one). */
export function removeFromMap(text: string, map: YAMLMap, pair: Pair): TextEdit | undefined {
  const key = pair.key as YamlNode | null;
  const value = pair.value as YamlNode | null;
  const start = key?.range?.[0];
  const end = (value?.range ?? key?.range)?.[1];
  if (start === undefined || end === undefined) return undefined;
  if (!map.flow) {
    let e = end;
    while (e > start && (isBreak(text[e - 1]) || isBlank(text[e - 1]))) e--;
    return { span: wholeLines(text, start, e), newText: '' };
  }
  return flowItemRemoval(text, start, end, map.items.indexOf(pair), map.items.length);
}

function flowItemRemoval(text: string, start: number, end: number, index: number, count: number): TextEdit {
  if (count === 1) return { span: { start, end }, newText: '' };
  if (index < count - 1) {
    let e = end;
    while (e < text.length && text[e] !== ',') e++;
    e++;
    while (e < text.length && isBlank(text[e])) e++;
    return { span: { start, end: e }, newText: '' };
  }
  let s = start;
  while (s > 0 && text[s - 1] !== ',') s--;
  return { span: { start: s - 1, end }, newText: '' };
}

/** An edit that removes one item of a sequence. */
export function removeFromSeq(text: string, seq: YAMLSeq, index: number): TextEdit | undefined {
  const item = seq.items[index] as YamlNode | undefined;
  const r = item?.range;
  if (!r) return undefined;
  if (!seq.flow) {
    let e = r[1];
    while (e > r[0] && (isBreak(text[e - 1]) || isBlank(text[e - 1]))) e--;
    return { span: wholeLines(text, r[0], e), newText: '' };
  }
  return flowItemRemoval(text, r[0], r[1], index, seq.items.length);
}

/**
 * An edit that appends items to a sequence. Each item is a list of mapping entries (`- name: X` /
 * `  value: y`). An empty flow sequence `[]` under `owner` becomes a block sequence.
 */
export function appendToSeq(text: string, seq: YamlNode | null, owner: YamlNode | null, items: ReadonlyArray<readonly NewEntry[]>, eol: string): TextEdit | undefined {
  if (items.length === 0) return undefined;
  const ownerIndent = owner?.range ? columnOf(text, owner.range[0]) : 0;
  const item = (entries: readonly NewEntry[], dashIndent: string): string => renderItem(entries, dashIndent, eol).join(eol);
  if (seq && isSeq(seq)) {
    const s = seq as YAMLSeq;
    const r = s.range!;
    if (s.flow) {
      const close = text.lastIndexOf(']', r[1]);
      if (close < r[0]) return undefined;
      if (s.items.length === 0) {
        const dash = ' '.repeat(ownerIndent + 2);
        const lineEnd = lineEndOf(text, close);
        return { span: { start: backOverBlanks(text, r[0]), end: lineEnd }, newText: text.slice(close + 1, lineEnd) + eol + items.map((i) => item(i, dash)).join(eol) };
      }
      let before = close;
      while (before > r[0] && isBlank(text[before - 1])) before--;
      return { span: { start: before, end: before }, newText: items.map((i) => `, {${renderFlow(i)}}`).join('') };
    }
    const first = s.items[0] as YamlNode | undefined;
    const last = s.items[s.items.length - 1] as YamlNode | undefined;
    if (!first?.range || !last) return undefined;
    // The dash of an item sits before the item's node; its column is where new dashes go.
    const lineStart = lineStartOf(text, first.range[0]);
    const dashAt = text.lastIndexOf('-', first.range[0]);
    const dash = ' '.repeat(dashAt >= lineStart ? dashAt - lineStart : columnOf(text, first.range[0]));
    const at = afterNode(text, last);
    const needsBreak = at === text.length && at > 0 && !isBreak(text[at - 1]);
    return { span: { start: at, end: at }, newText: (needsBreak ? eol : '') + items.map((i) => item(i, dash)).join(eol) + (needsBreak ? '' : eol) };
  }
  if (!owner?.range) return undefined;
  const dash = ' '.repeat(ownerIndent + 2);
  const block = eol + items.map((i) => item(i, dash)).join(eol);
  if (seq && isScalar(seq) && seq.range && seq.range[1] > seq.range[0]) {
    const lineEnd = lineEndOf(text, seq.range[1]);
    return { span: { start: backOverBlanks(text, seq.range[0]), end: lineEnd }, newText: text.slice(seq.range[1], lineEnd) + block };
  }
  const keyLineEnd = lineEndOf(text, owner.range[0]);
  return { span: { start: keyLineEnd, end: keyLineEnd }, newText: block };
}

/** The text that replaces a blank scalar (`extraConfig: ""`) or an empty value with a literal block. */
export function newLiteralBlock(text: string, owner: YamlNode, lines: readonly string[], eol: string): string {
  const indent = ' '.repeat(columnOf(text, owner.range![0]) + 2);
  return '|' + eol + lines.map((l) => (l === '' ? '' : indent + l)).join(eol);
}
