/**
 * Turns canonical changes into edits of a Helm values file: a chart value is rewritten in its own
 * style (`auth.clientProtocol: plaintext` → `sasl_tls`), server.properties text inside a block scalar
 * is edited in place with the block's indentation, and keys the chart has no value for go to the
 * chart's free-form channel (extra environment variables, `extraConfig`, `overrideConfiguration`,
 * `configurationOverrides`/`customEnv`).
 */
import { isMap, isScalar, isSeq, type Pair } from 'yaml';
import { applyEdits } from '../../../engine/fix';
import { escapePropertiesKey, escapePropertiesValue } from '../../../parse/properties';
import type { Span } from '../../../parse/text';
import type { YamlNode } from '../../../parse/yaml';
import type { Change, DocumentWriter, TextEdit } from '../../types';
import { parseProtocolMap } from '../../listeners';
import { mergeEdits, PropertiesWriter } from '../properties';
import { partAt, type Binding, type Part, type PropsBlock } from './model';
import type { Codec, ValueRef, Values } from './values';
import {
  appendToSeq,
  insertIntoMap,
  lineEndOf,
  lineStartOf,
  looksTyped,
  newLiteralBlock,
  removeFromMap,
  removeFromSeq,
  renderString,
  scalarReplacement,
  subSpan,
  type NewEntry,
  type TextMap,
} from './yaml-text';

/** A new setting for a free-form channel. */
export interface NewSetting {
  key: string;
  value: string;
  after?: string;
}

/** A free-form channel of a chart: where keys without a chart value are written. */
/** What a sink may look at to decide whether it carries a key: the whole change set and the current values. */
export interface SinkContext {
  changes: readonly Change[];
  current(key: string): string;
}

export interface Sink {
  /** Whether this channel can carry the key. */
  accepts(key: string, context?: SinkContext): boolean;
  /** Edits that add the settings; null when one of them cannot be written. */
  add(items: readonly NewSetting[], blocks: BlockQueue): TextEdit[] | null;
}

/** Changes queued per server.properties block, written together so inserted lines keep their order. */
export class BlockQueue {
  readonly changes = new Map<PropsBlock, Change[]>();
  queue(block: PropsBlock, change: Change): void {
    const list = this.changes.get(block) ?? [];
    list.push(change);
    this.changes.set(block, list);
  }
}

function isInFlow(ref: ValueRef): boolean {
  const parent = ref.parent as { flow?: boolean } | null;
  return !!parent?.flow;
}

/** Rewrite a written value so that the chart renders `value`. */
function writeLink(text: string, eol: string, map: TextMap, ref: ValueRef, codec: Codec, value: string): TextEdit | undefined {
  const raw = codec.encode(value);
  if (raw === undefined) return undefined;
  const edit = scalarReplacement(text, map, raw, eol, isInFlow(ref), codec.strings);
  // `key:` with no value: keep a space after the colon.
  if (edit.span.start === edit.span.end && text[edit.span.start - 1] === ':') return { span: edit.span, newText: ' ' + edit.newText };
  return edit;
}

/**
 * Replace `value.slice(from, to)` of a written value: inside the scalar when its characters map
 * one to one and the new text needs no quoting, else by rewriting the scalar.
 */
function replaceInLink(text: string, eol: string, map: TextMap, ref: ValueRef, codec: Codec, decoded: string, from: number, to: number, insert: string): TextEdit | undefined {
  const next = decoded.slice(0, from) + insert + decoded.slice(to);
  if (decoded === map.value && map.chars && codec.encode(next) === next) {
    const type = map.node.type;
    const plainOk = type === 'PLAIN' && renderString(next, isInFlow(ref)) === next;
    const quotedOk = type === 'QUOTE_DOUBLE' && !/["\\\u0000-\u001f]/.test(insert);
    const singleOk = type === 'QUOTE_SINGLE' && !/['\n\r]/.test(insert);
    const blockOk = type === 'BLOCK_LITERAL' && !/[\n\r]/.test(insert);
    if (plainOk || quotedOk || singleOk || blockOk) return { span: subSpan(map, from, to), newText: insert };
  }
  return writeLink(text, eol, map, ref, codec, next);
}

/**
 * Write a value path that is absent (a chart default) under its deepest written ancestor, after a
 * written sibling from `near` when there is one (`allowEveryoneIfNoAclFound` after `authorizerClassName`).
 */
export function writePath(values: Values, eol: string, path: readonly string[], rendered: string, near: ReadonlyArray<readonly string[]> = []): TextEdit | undefined {
  let n = path.length - 1;
  let holder: ValueRef | undefined;
  for (; n >= 1; n--) {
    const ref = values.at(...path.slice(0, n));
    if (ref.pair) {
      holder = ref;
      break;
    }
  }
  const rest = path.slice(holder ? n : 0);
  const nest = (keys: readonly string[]): NewEntry => (keys.length === 1 ? { key: keys[0]!, value: rendered } : { key: keys[0]!, children: [nest(keys.slice(1))] });
  const entry = nest(rest);
  const depth = holder ? n : 0;
  const sibling = near
    .filter((p) => p.length === depth + 1 && p.slice(0, depth).every((k, i) => k === path[i]))
    .map((p) => values.at(...p).pair)
    .find((p) => !!p);
  if (!holder) return insertIntoMap(values.text, values.root, values.rootKey, [entry], eol, sibling ?? undefined);
  const node = holder.node;
  if (node && !isMap(node) && !(isScalar(node) && (node.value === null || node.value === ''))) return undefined;
  return insertIntoMap(values.text, node, holder.keyNode, [entry], eol, sibling ?? undefined);
}

/** A value rendered for a new mapping entry: strings quoted when YAML would read them as another type. */
function renderNewValue(value: string, inFlow = false, codec?: Codec): string {
  if (codec?.booleans && /^(true|false)$/.test(value)) return value;
  return renderString(value, inFlow);
}

/** Edits of a server.properties block, mapped from the block's text into the file. */
function blockEdits(text: string, eol: string, block: PropsBlock, changes: readonly Change[]): TextEdit[] | null {
  const map = block.map;
  const inner = new PropertiesWriter(map.value, block.entries).edits(changes);
  if (!inner) return null;
  if (inner.length === 0) return [];
  if (!map.chars || !map.block?.literal) {
    // Characters cannot be mapped one to one: rewrite the whole value.
    const next = applyEdits(map.value, inner);
    return [scalarReplacement(text, map, next, eol, isInFlow(block.ref))];
  }
  const indent = ' '.repeat(map.block.indent);
  const value = map.value;
  const fileAt = (s: number): number => (s < value.length ? map.chars![s]!.start : value.length > 0 ? map.chars![value.length - 1]!.end : map.span.start);
  const out: TextEdit[] = [];
  for (const e of inner) {
    const s = e.span.start;
    const t = e.span.end;
    let start = fileAt(s);
    const end = t > s ? map.chars![t - 1]!.end : start;
    const atLineStart = s === 0 || value[s - 1] === '\n';
    const lineStart = lineStartOf(text, start);
    const onlyIndentBefore = /^ *$/.test(text.slice(lineStart, start));
    if (t > s && atLineStart && onlyIndentBefore) {
      // Whole lines go with their indentation; the last line of a `|-` block takes the break before it.
      if (t === value.length && value[t - 1] !== '\n' && s > 0) start = map.chars![s - 1]!.start;
      else start = lineStart;
    }
    const parts = e.newText.split('\n');
    let newText = '';
    parts.forEach((p, i) => {
      if (i === 0) {
        if (p === '') return;
        if (atLineStart && t === s) {
          if (start === lineStart) newText += indent;
          else if (!onlyIndentBefore) newText += eol + indent;
        }
        newText += p;
        return;
      }
      newText += eol + (p === '' ? '' : indent + p);
    });
    out.push({ span: { start, end }, newText });
  }
  return out;
}

/** The writer of one Helm document. */
export class HelmWriter implements DocumentWriter {
  constructor(
    private readonly values: Values,
    private readonly eol: string,
    private readonly bindings: ReadonlyMap<string, readonly Binding[]>,
    private readonly sinks: readonly Sink[],
    /** The decoded value of each key (the winning definition). */
    private readonly current: ReadonlyMap<string, string>,
  ) {}

  private last(key: string): Binding | undefined {
    const list = this.bindings.get(key);
    return list?.[list.length - 1];
  }

  private sinkFor(key: string, context: SinkContext): Sink | undefined {
    return this.sinks.find((s) => s.accepts(key, context));
  }

  private setParts(parts: readonly Part[], current: string, value: string): TextEdit | undefined {
    let start = 0;
    while (start < current.length && start < value.length && current[start] === value[start]) start++;
    let endC = current.length;
    let endV = value.length;
    while (endC > start && endV > start && current[endC - 1] === value[endV - 1]) {
      endC--;
      endV--;
    }
    return this.replaceParts(parts, start, endC, value.slice(start, endV));
  }

  private replaceParts(parts: readonly Part[], from: number, to: number, insert: string): TextEdit | undefined {
    const at = partAt(parts, from, to);
    if (!at) return undefined;
    const p = at.part;
    const next = p.text.slice(0, from - at.offset) + insert + p.text.slice(to - at.offset);
    if (p.link) return replaceInLink(this.values.text, this.eol, p.link.map, p.link.ref, p.link.codec, p.text, from - at.offset, to - at.offset, insert);
    if (p.absent) {
      const raw = p.absent.codec.encode(next);
      if (raw === undefined) return undefined;
      return writePath(this.values, this.eol, p.absent.path, renderNewValue(raw, false, p.absent.codec));
    }
    return undefined;
  }

  /** Edits that give a bound key a new value; undefined when the binding cannot express it. */
  private setBinding(b: Binding, current: string, value: string): TextEdit | undefined {
    switch (b.kind) {
      case 'value':
        return writeLink(this.values.text, this.eol, b.link.map, b.link.ref, b.link.codec, value);
      case 'parts':
        return this.setParts(b.parts, current, value);
      case 'absent': {
        const raw = b.codec.encode(value);
        return raw === undefined ? undefined : writePath(this.values, this.eol, b.path, renderNewValue(raw, false, b.codec), b.near);
      }
      default:
        return undefined;
    }
  }

  edits(changes: readonly Change[]): TextEdit[] | null {
    const edits: TextEdit[] = [];
    const blocks = new BlockQueue();
    const pending = new Map<Sink, NewSetting[]>();
    const current = (key: string): string => this.current.get(key) ?? '';
    for (const change of changes) {
      const b = this.last(change.key);
      if (change.op === 'set') {
        if (b?.kind === 'props') {
          blocks.queue(b.block, change);
          continue;
        }
        const edit = b ? this.setBinding(b, current(change.key), change.value) : undefined;
        if (edit) {
          edits.push(edit);
          continue;
        }
        // No value of the chart renders it: the free-form channel (which the chart applies last).
        const sink = this.sinkFor(change.key, { changes, current });
        if (!sink) return null;
        const list = pending.get(sink) ?? [];
        list.push(change.after ? { key: change.key, value: change.value, after: change.after } : { key: change.key, value: change.value });
        pending.set(sink, list);
      } else if (change.op === 'remove') {
        for (const binding of this.bindings.get(change.key) ?? []) {
          if (binding.kind === 'props') blocks.queue(binding.block, { op: 'remove', key: change.key });
          else if (binding.kind === 'value' && binding.remove) {
            const e = binding.remove();
            if (!e) return null;
            edits.push(e);
          } else if (binding.kind === 'value' && binding.blank) {
            const e = writeLink(this.values.text, this.eol, binding.link.map, binding.link.ref, binding.link.codec, '');
            if (!e) return null;
            edits.push(e);
          } else if (binding.kind === 'absent' && binding.blank) {
            // A chart default the chart renders unless the value is blank (superUsers: User:admin).
            const e = writePath(this.values, this.eol, binding.path, '""', binding.near);
            if (!e) return null;
            edits.push(e);
          } else return null;
        }
      } else {
        if (!b) return null;
        if (b.kind === 'props') {
          blocks.queue(b.block, change);
          continue;
        }
        let edit: TextEdit | undefined;
        if (b.kind === 'value') edit = replaceInLink(this.values.text, this.eol, b.link.map, b.link.ref, b.link.codec, current(change.key), change.from, change.to, change.text);
        else if (b.kind === 'parts') edit = this.replaceParts(b.parts, change.from, change.to, change.text);
        else if (b.kind === 'absent') {
          const cur = current(change.key);
          edit = this.setBinding(b, cur, cur.slice(0, change.from) + change.text + cur.slice(change.to));
        }
        if (!edit) return null;
        edits.push(edit);
      }
    }
    for (const [sink, items] of pending) {
      const e = sink.add(items, blocks);
      if (!e) return null;
      edits.push(...e);
    }
    for (const [block, list] of blocks.changes) {
      const e = blockEdits(this.values.text, this.eol, block, list);
      if (!e) return null;
      edits.push(...e);
    }
    return mergeEdits(edits);
  }
}

// ---------------------------------------------------------------------------------------------
// Free-form channels

/** Where a new top-level values key goes: after `afterKey` when written, else at the end. */
function newTopLevel(values: Values, eol: string, entry: NewEntry, afterKey?: string): TextEdit | undefined {
  const after = afterKey ? values.at(afterKey).pair ?? undefined : undefined;
  return insertIntoMap(values.text, values.root, values.rootKey, [entry], eol, after);
}

/**
 * An environment list (`extraEnvVars: [{name, value}]`): names from `encode` (the image's variable
 * for the key), undefined when the image cannot express the key.
 */
export class EnvListSink implements Sink {
  constructor(
    private readonly values: Values,
    private readonly eol: string,
    private readonly path: readonly string[],
    private readonly encode: (key: string) => string | undefined,
  ) {}

  accepts(key: string): boolean {
    return this.encode(key) !== undefined;
  }

  add(items: readonly NewSetting[]): TextEdit[] | null {
    const entries: NewEntry[][] = [];
    for (const i of items) {
      const name = this.encode(i.key);
      if (!name) return null;
      entries.push([
        { key: 'name', value: name },
        { key: 'value', value: renderNewValue(i.value) },
      ]);
    }
    const ref = this.values.at(...this.path);
    let edit: TextEdit | undefined;
    if (ref.pair) edit = appendToSeq(this.values.text, ref.node, ref.keyNode, entries, this.eol);
    else edit = writePathEntry(this.values, this.eol, this.path, { key: this.path[this.path.length - 1]!, items: entries });
    return edit ? [edit] : null;
  }
}

/** Insert a new entry for `path` (whose last key is the entry's key) under its parent. */
function writePathEntry(values: Values, eol: string, path: readonly string[], entry: NewEntry, afterKey?: string): TextEdit | undefined {
  if (path.length === 1) return newTopLevel(values, eol, entry, afterKey);
  const parent = values.at(...path.slice(0, -1));
  if (!parent.pair) return undefined;
  return insertIntoMap(values.text, parent.node, parent.keyNode, [entry], eol);
}

/**
 * A configuration map (`overrideConfiguration`, `configurationOverrides`, `customEnv`): one entry per
 * setting, its key from `encode`. Numbers and booleans are quoted: the charts print values with
 * `quote`, which would turn a YAML number into Go's float text (`3.6e+06`).
 */
export class MapSink implements Sink {
  constructor(
    private readonly values: Values,
    private readonly eol: string,
    private readonly path: readonly string[],
    private readonly encode: (key: string) => string | undefined,
    private readonly afterKey?: string,
  ) {}

  accepts(key: string): boolean {
    return this.encode(key) !== undefined;
  }

  add(items: readonly NewSetting[]): TextEdit[] | null {
    const ref = this.values.at(...this.path);
    const inFlow = !!(ref.node && isMap(ref.node) && (ref.node as { flow?: boolean }).flow && (ref.node as { items: unknown[] }).items.length > 0);
    const entries: NewEntry[] = [];
    for (const i of items) {
      const key = this.encode(i.key);
      if (!key) return null;
      entries.push({ key, value: looksTyped(i.value) ? JSON.stringify(i.value) : renderNewValue(i.value, inFlow) });
    }
    let edit: TextEdit | undefined;
    if (ref.pair) {
      if (ref.node && !isMap(ref.node) && !(isScalar(ref.node) && (ref.node.value === null || ref.node.value === ''))) return null;
      edit = insertIntoMap(this.values.text, ref.node, ref.keyNode, entries, this.eol);
    } else {
      edit = writePathEntry(this.values, this.eol, this.path, { key: this.path[this.path.length - 1]!, children: entries }, this.afterKey);
    }
    return edit ? [edit] : null;
  }
}

/** A server.properties text in a string value (`extraConfig: |`): appended as `key=value` lines. */
export class PropsSink implements Sink {
  constructor(
    private readonly values: Values,
    private readonly eol: string,
    private readonly path: readonly string[],
    /** The parsed block when the value is a non-blank string. */
    private readonly block: PropsBlock | undefined,
    private readonly afterKey?: string,
  ) {}

  accepts(): boolean {
    return true;
  }

  add(items: readonly NewSetting[], blocks: BlockQueue): TextEdit[] | null {
    if (this.block) {
      const keys = new Set(this.block.entries.map((e) => e.key));
      for (const i of items) {
        const change: Change = i.after && keys.has(i.after) ? { op: 'set', key: i.key, value: i.value, after: i.after } : { op: 'set', key: i.key, value: i.value };
        blocks.queue(this.block, change);
      }
      return [];
    }
    const lines = items.map((i) => `${escapePropertiesKey(i.key)}=${escapePropertiesValue(i.value)}`);
    const ref = this.values.at(...this.path);
    if (ref.pair && ref.keyNode) {
      const node = ref.node;
      const span: Span | undefined = node?.range ? { start: node.range[0], end: node.range[1] } : undefined;
      if (node && !(isScalar(node) && (node.value === null || String(node.value).trim() === ''))) return null;
      const text = newLiteralBlock(this.values.text, ref.keyNode, lines, this.eol);
      if (span && span.end > span.start) {
        // `extraConfig: ""  # note` → `extraConfig: |  # note` and the lines below it.
        let start = span.start;
        while (start > 0 && this.values.text[start - 1] === ' ') start--;
        const lineEnd = lineEndOf(this.values.text, span.end);
        const comment = this.values.text.slice(span.end, lineEnd);
        return [{ span: { start, end: lineEnd }, newText: ' |' + comment + text.slice(1) }];
      }
      const at = ref.keyNode.range![1];
      const colon = this.values.text.indexOf(':', at);
      return colon < 0 ? null : [{ span: { start: colon + 1, end: colon + 1 }, newText: ' ' + text }];
    }
    const edit = writePathEntry(this.values, this.eol, this.path, { key: this.path[this.path.length - 1]!, block: lines }, this.afterKey);
    return edit ? [edit] : null;
  }
}

/** The remover of one mapping entry. */
export function mapEntryRemover(values: Values, map: YamlNode, pair: Pair): () => TextEdit | undefined {
  return () => (isMap(map) ? removeFromMap(values.text, map, pair) : undefined);
}

/** The remover of one sequence item. */
export function seqItemRemover(values: Values, seq: YamlNode, index: number): () => TextEdit | undefined {
  return () => (isSeq(seq) ? removeFromSeq(values.text, seq, index) : undefined);
}

/** Listener keystores and truststores: the Bitnami chart renders these from its own TLS values. */
const CHART_TLS_KEY = /^listener\.name\.([^.]+)\.ssl\.(?:keystore|truststore)\.(?:location|password)$/;

/** `listener.security.protocol.map` as the change set leaves it (replacements given as offsets into the current value). */
function protocolMapAfter(context: SinkContext): string {
  const key = 'listener.security.protocol.map';
  const current = context.current(key);
  let value = current;
  const replacements: Array<{ from: number; to: number; text: string }> = [];
  for (const c of context.changes) {
    if (c.key !== key) continue;
    if (c.op === 'set') value = c.value;
    else if (c.op === 'remove') value = '';
    else replacements.push(c);
  }
  if (value !== current) return value;
  for (const r of replacements.sort((a, b) => b.from - a.from)) value = value.slice(0, r.from) + r.text + value.slice(r.to);
  return value;
}

/**
 * The Bitnami chart's TLS material (RULES.md §B.4 "TLS material"): when a listener needs a keystore,
 * the chart mounts the certificates of its TLS secret and renders the store locations and passwords
 * itself, so a listener-prefixed store setting in the free-form configuration would only override the
 * chart's with a placeholder. Those settings are written as the chart's certificate secret instead:
 * nothing when the chart already has certificates (a secret, or self-generated ones), else the
 * secret value with a `<SECRET>` placeholder (RULES.md §A.1 `sasl-plaintext-listener`, HB:
 * `tls.existingSecret: <SECRET>`).
 */
export class ChartTlsSink implements Sink {
  constructor(
    private readonly values: Values,
    private readonly eol: string,
    /** Whether the chart already has certificates for its TLS listeners. */
    private readonly configured: boolean,
    /** The value that names the certificate secret: `tls.existingSecret`, or `auth.tls.existingSecrets` (a list, ≤23). */
    private readonly secretPath: readonly string[],
    private readonly list: boolean,
  ) {}

  /** Only for listeners that use TLS once the changes apply: the chart renders no stores for the others. */
  accepts(key: string, context?: SinkContext): boolean {
    const m = CHART_TLS_KEY.exec(key);
    if (!m || !context) return false;
    const protocol = parseProtocolMap(protocolMapAfter(context)).find((e) => e.name === m[1]!.toUpperCase())?.protocol;
    return protocol === 'SSL' || protocol === 'SASL_SSL';
  }

  add(): TextEdit[] | null {
    if (this.configured) return [];
    const placeholder = '<SECRET>';
    const ref = this.values.at(...this.secretPath);
    if (!ref.pair) {
      const edit = writePath(this.values, this.eol, this.secretPath, this.list ? `[${placeholder}]` : placeholder);
      return edit ? [edit] : null;
    }
    // Written but empty (`existingSecret: ""`, `existingSecrets: []`): replace the value.
    const node = ref.node;
    if (this.list) {
      if (!node || !isSeq(node) || node.items.length > 0 || !(node as { flow?: boolean }).flow || !node.range) return null;
      return [{ span: { start: node.range[0], end: node.range[1] }, newText: `[${placeholder}]` }];
    }
    const map = this.values.map(ref);
    if (!map) return null;
    const edit = writeLink(this.values.text, this.eol, map, ref, { decode: (v) => v, encode: (v) => v }, placeholder);
    return edit ? [edit] : null;
  }
}
