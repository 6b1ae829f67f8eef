/**
 * Canonical settings of a Helm values file, each remembering where its value is written so that a
 * fix can be written back there: a chart value (`auth.clientProtocol`), several values the chart
 * joins (a listener map), a chart default (absent), a line of server.properties text inside a block
 * scalar, or an entry of a configuration map / environment list.
 */
import { isScalar, type Scalar } from 'yaml';
import { parseProperties, type PropertiesEntry } from '../../../parse/properties';
import type { Span } from '../../../parse/text';
import { nodeSpan, type YamlNode } from '../../../parse/yaml';
import { isSecretSetting } from '../../secrets';
import type { Setting, TextEdit, ValueState } from '../../types';
import { valueState } from '../../values';
import { IDENTITY, type Codec, type ValueRef, type Values } from './values';
import { subSpan, textMap, type TextMap } from './yaml-text';

/** A written value linked into a setting's text. */
export interface Link {
  ref: ValueRef;
  map: TextMap;
  codec: Codec;
}

/** A piece of a setting's text: chart text, a written value, or a chart default that an edit can write. */
export interface Part {
  text: string;
  link?: Link;
  /** A default: the value path that, once written, replaces this text. */
  absent?: { path: readonly string[]; codec: Codec };
}

/** Where a setting's value is written, as the writer needs it. */
export type Binding =
  /** One written value, decoded by the codec. `remove` deletes its entry when the chart allows it. */
  | { kind: 'value'; link: Link; remove?: () => TextEdit | undefined; blank?: boolean }
  /** Text the chart joins from values and fixed text. */
  | { kind: 'parts'; parts: Part[] }
  /** A chart default: setting it writes the value path; `blank` values can be removed by writing "". */
  | { kind: 'absent'; path: readonly string[]; codec: Codec; blank?: boolean; near?: ReadonlyArray<readonly string[]> }
  /** Chart text no value controls. */
  | { kind: 'fixed' }
  /** A line of server.properties text inside a block scalar. */
  | { kind: 'props'; block: PropsBlock; entry: PropertiesEntry };

/** A server.properties text written as a YAML string (`config: |`), with its positions in the file. */
export class PropsBlock {
  readonly entries: PropertiesEntry[];
  readonly problems: Array<{ span: Span; message: string }>;

  constructor(
    readonly text: string,
    readonly map: TextMap,
    readonly ref: ValueRef,
    /** The values path, for origins: `config`, `extraConfig`, `controller.extraConfig`… */
    readonly origin: string,
  ) {
    const parsed = parseProperties(map.value);
    this.entries = parsed.entries;
    this.problems = parsed.problems.map((p) => ({ span: this.span(p.span), message: p.message }));
  }

  /** The file span of a span of the decoded text. */
  span(s: Span): Span {
    const inner = subSpan(this.map, s.start, s.end);
    return inner;
  }
}

/** A setting plus its binding, before last-wins is applied. */
interface Entry {
  setting: Setting;
  binding: Binding;
}

function stateOf(value: string, parts?: readonly Part[]): ValueState {
  const s = valueState(value);
  if (s !== 'literal' || !parts) return s;
  if (parts.some((p) => p.link)) return 'literal';
  return 'default';
}

/** Collects the settings of one document in the order the chart applies them (last wins). */
export class SettingsBuilder {
  readonly entries: Entry[] = [];

  constructor(
    readonly values: Values,
    /** Where the chart's defaults are described in origins, e.g. `bitnami/kafka ≤23`. */
    readonly chart: string,
  ) {}

  private push(setting: Setting, binding: Binding): Setting {
    this.entries.push({ setting, binding });
    return setting;
  }

  private make(key: string, value: string, state: ValueState, keySpan: Span, valueSpan: Span, entrySpan: Span, origin: string, secret?: boolean): Setting {
    return { key, value, state, keySpan, valueSpan, entrySpan, origin, shadowed: [], secret: secret ?? isSecretSetting(key, value) };
  }

  /**
   * A setting taken from one value: written → its scalar; absent → the chart default, anchored on the
   * nearest written ancestor. Non-scalar values (lists, maps) are joined by `join` when given.
   */
  value(key: string, path: readonly string[], options: { codec?: Codec; def?: string; secret?: boolean; blank?: boolean; near?: ReadonlyArray<readonly string[]> } = {}): Setting | undefined {
    const codec = options.codec ?? IDENTITY;
    const ref = this.values.at(...path);
    const map = this.values.map(ref);
    if (ref.pair && map) {
      const value = codec.decode(map.value);
      const keySpan = ref.keyNode ? nodeSpan(ref.keyNode) : map.span;
      const entrySpan = { start: keySpan.start, end: Math.max(map.span.end, keySpan.end) };
      const binding: Binding = { kind: 'value', link: { ref, map, codec }, blank: options.blank ?? false };
      return this.push(this.make(key, value, valueState(map.value), keySpan, map.span, entrySpan, path.join('.'), options.secret), binding);
    }
    if (ref.pair) return undefined;
    if (options.def === undefined) return undefined;
    const s = this.absent(key, path, options.def, codec, options.secret, options.near);
    if (options.blank) (this.entries[this.entries.length - 1]!.binding as { blank?: boolean }).blank = true;
    return s;
  }

  /**
   * A chart default for an absent value path, anchored on the first written value of `near` (values
   * about the same thing), else on the nearest written ancestor.
   */
  absent(key: string, path: readonly string[], def: string, codec: Codec = IDENTITY, secret?: boolean, near: ReadonlyArray<readonly string[]> = []): Setting {
    const related = near.map((p) => this.values.at(...p)).find((r) => r.keyNode);
    const anchor = related?.keyNode ? nodeSpan(related.keyNode) : this.values.anchor(path);
    const value = codec.decode(def);
    return this.push(this.make(key, value, 'default', anchor, anchor, anchor, `${this.chart} default ${path.join('.')}=${def === '' ? '""' : def}`, secret), { kind: 'absent', path, codec, near });
  }

  /**
   * A setting the chart renders from its own text (state `default`: the file does not write the value,
   * the chart does), anchored on `anchor`, the value that makes the chart render it when written.
   */
  fixed(key: string, value: string, anchor: Span, origin: string): Setting {
    return this.push(this.make(key, value, 'default', anchor, anchor, anchor, origin), { kind: 'fixed' });
  }

  /** A part linked to a value, or the default text that stands for it. */
  part(path: readonly string[], def: string, codec: Codec = IDENTITY): Part {
    const ref = this.values.at(...path);
    const map = this.values.map(ref);
    if (ref.pair && map) return { text: codec.decode(map.value), link: { ref, map, codec } };
    return { text: codec.decode(def), absent: { path, codec } };
  }

  /**
   * A setting joined from parts. Its spans are those of `primary` (the value that decides it, when
   * written), else of `anchor`.
   */
  parts(key: string, parts: Part[], anchor: Span, origin: string, primary?: Part): Setting {
    const value = parts.map((p) => p.text).join('');
    const lead = primary?.link ?? parts.find((p) => p.link)?.link;
    const spans = lead && primary?.link ? { key: lead.ref.keyNode ? nodeSpan(lead.ref.keyNode) : lead.map.span, value: lead.map.span } : undefined;
    const keySpan = spans?.key ?? anchor;
    const valueSpan = spans?.value ?? anchor;
    const entrySpan = spans ? { start: keySpan.start, end: Math.max(keySpan.end, valueSpan.end) } : anchor;
    const unresolvable = parts.some((p) => p.link && valueState(p.link.map.value) === 'unresolvable');
    const state: ValueState = unresolvable ? 'unresolvable' : stateOf(value, parts);
    return this.push(this.make(key, value, state, keySpan, valueSpan, entrySpan, origin), { kind: 'parts', parts });
  }

  /** Every entry of a server.properties block (later entries win, as in the file). */
  props(block: PropsBlock): void {
    for (const e of block.entries) {
      const keySpan = block.span(e.keySpan);
      const valueSpan = block.span(e.valueSpan);
      const entrySpan = block.span(e.entrySpan);
      const raw = this.values.text.slice(valueSpan.start, valueSpan.end);
      this.push(
        this.make(e.key, e.value, valueState(e.value), keySpan, valueSpan, entrySpan, `${block.origin}: ${e.key}`, isSecretSetting(e.key, e.value) || isSecretSetting(e.key, raw)),
        { kind: 'props', block, entry: e },
      );
    }
  }

  /** An entry whose key and value are written in a mapping or list (config maps, env lists). */
  written(key: string, keyNode: YamlNode | null, ref: ValueRef, codec: Codec, origin: string, remove: () => TextEdit | undefined, secret?: boolean): Setting | undefined {
    const map = this.values.map(ref);
    if (!map) return undefined;
    const value = codec.decode(map.value);
    const keySpan = keyNode ? nodeSpan(keyNode) : map.span;
    const entrySpan = { start: Math.min(keySpan.start, map.span.start), end: Math.max(keySpan.end, map.span.end) };
    return this.push(
      this.make(key, value, valueState(value), keySpan, map.span, entrySpan, origin, secret ?? (isSecretSetting(key, value) || isSecretSetting(origin, value))),
      { kind: 'value', link: { ref, map, codec }, remove },
    );
  }

  /** A setting kept under its values path (a password value with no Kafka key of its own). */
  raw(path: readonly string[], secret: boolean, state?: ValueState): Setting | undefined {
    const ref = this.values.at(...path);
    const map = this.values.map(ref);
    if (!ref.pair) return undefined;
    const key = path.join('.');
    const items = this.values.items(ref);
    const only = items.length === 1 && isScalar(items[0]) ? (items[0] as Scalar) : undefined;
    if (!map && only) {
      // A list of one value: that value.
      const m = textMap(this.values.text, only);
      const keySpan = nodeSpan(ref.keyNode);
      return this.push(this.make(key, m.value, state ?? valueState(m.value), keySpan, m.span, { start: keySpan.start, end: nodeSpan(ref.node).end }, key, secret), { kind: 'fixed' });
    }
    if (!map) {
      // A list or map (e.g. a list of passwords): the whole node.
      const span = ref.node ? nodeSpan(ref.node) : nodeSpan(ref.keyNode);
      const keySpan = nodeSpan(ref.keyNode);
      const value = items.map((n) => (isScalar(n) ? textMap(this.values.text, n as Scalar).value : '')).join(',');
      return this.push(this.make(key, value, state ?? valueState(value), keySpan, span, { start: keySpan.start, end: span.end }, key, secret), { kind: 'fixed' });
    }
    const keySpan = ref.keyNode ? nodeSpan(ref.keyNode) : map.span;
    return this.push(
      this.make(key, map.value, state ?? valueState(map.value), keySpan, map.span, { start: keySpan.start, end: map.span.end }, key, secret),
      { kind: 'value', link: { ref, map, codec: IDENTITY } },
    );
  }

  /** Settings and the binding of each winning key. */
  build(): { list: Setting[]; bindings: Map<string, Binding[]> } {
    const bindings = new Map<string, Binding[]>();
    for (const e of this.entries) {
      const list = bindings.get(e.setting.key) ?? [];
      list.push(e.binding);
      bindings.set(e.setting.key, list);
    }
    return { list: this.entries.map((e) => e.setting), bindings };
  }
}

/** Where a value inside a setting's text is written: the part's file span, exact when it can be. */
export function partSpan(parts: readonly Part[], from: number, to: number, fallback: Span): Span {
  let pos = 0;
  for (const p of parts) {
    const end = pos + p.text.length;
    if (from >= pos && to <= end && p.link) {
      const raw = p.link.map.value;
      // Exact only when the decoded part is the written text.
      if (p.text === raw) return subSpan(p.link.map, from - pos, to - pos);
      return p.link.map.span;
    }
    pos = end;
  }
  return fallback;
}

/** The part holding `value.slice(from, to)` and its offset; a written or defaulted part is preferred at boundaries. */
export function partAt(parts: readonly Part[], from: number, to: number): { part: Part; offset: number } | undefined {
  let pos = 0;
  let fallback: { part: Part; offset: number } | undefined;
  for (const p of parts) {
    const end = pos + p.text.length;
    if (from >= pos && to <= end) {
      if (p.link || p.absent) return { part: p, offset: pos };
      fallback ??= { part: p, offset: pos };
    }
    pos = end;
  }
  return fallback;
}

