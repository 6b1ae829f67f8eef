/**
 * Reading a Helm values tree: values by path with their YAML nodes, and how a value is decoded into
 * the text a chart renders (codecs, with their inverse for fixes).
 */
import { isMap, isScalar, isSeq, type Pair, type Scalar } from 'yaml';
import type { Span } from '../../../parse/text';
import { nodeSpan, scalarText, type YamlNode, type YamlWalker } from '../../../parse/yaml';
import { textMap, type TextMap } from './yaml-text';

/** A value of the values file, found by path (node null when absent). */
export interface ValueRef {
  /** Path from the values root, e.g. `['auth', 'clientProtocol']`. */
  path: readonly string[];
  node: YamlNode | null;
  keyNode: YamlNode | null;
  pair: Pair | null;
  /** The mapping that holds the value (when the whole path up to the last key exists). */
  parent: YamlNode | null;
}

/** How a chart turns a written value into the text of a Kafka setting, and back. */
export interface Codec {
  decode(raw: string): string;
  /** The value to write for a canonical value; undefined when no value renders it. */
  encode(value: string): string | undefined;
  /** Written values must stay strings (the chart prints numbers in Go's float notation). */
  strings?: boolean;
  /** Written values are YAML booleans (`if` in the chart's templates treats the string "false" as true). */
  booleans?: boolean;
}

export const IDENTITY: Codec = { decode: (v) => v, encode: (v) => v };

/** Booleans rendered with `| quote` or as properties: YAML 1.1 booleans read as true/false. */
export const BOOL: Codec = {
  decode: (v) => v,
  encode: (v) => (/^\s*true\s*$/i.test(v) ? 'true' : /^\s*false\s*$/i.test(v) ? 'false' : undefined),
  booleans: true,
};

/** Values the chart upper-cases (`upper .Values.listeners.client.protocol`). */
export const UPPER: Codec = { decode: (v) => v.toUpperCase(), encode: (v) => v };

type Entries = ReturnType<YamlWalker['entries']>;
/** Mapping entries per walker and node: merge keys are expanded once, not on every lookup. */
const entriesCache = new WeakMap<YamlWalker, WeakMap<object, Entries>>();

/** The entries of a mapping (merge keys expanded), computed once per node. */
export function entriesOf(walker: YamlWalker, node: YamlNode): Entries {
  let byNode = entriesCache.get(walker);
  if (!byNode) {
    byNode = new WeakMap();
    entriesCache.set(walker, byNode);
  }
  let e = byNode.get(node);
  if (!e) {
    e = walker.entries(node);
    byNode.set(node, e);
  }
  return e;
}

/** The values root of one chart in a YAML document (the document itself, or an umbrella sub-key). */
export class Values {
  constructor(
    readonly text: string,
    readonly walker: YamlWalker,
    /** The mapping the chart reads as `.Values`. */
    readonly root: YamlNode,
    /** The umbrella chart key (`kafka:`) when the values are nested, else null. */
    readonly rootKey: YamlNode | null,
    /** Where findings go when nothing of these values is written (a subchart left to its defaults). */
    readonly fallback?: Span,
  ) {}

  /** A sub-tree as its own values root (a subchart's `zookeeper:` key). */
  sub(key: string): Values | undefined {
    const ref = this.at(key);
    if (!ref.node || !isMap(ref.node)) return undefined;
    return new Values(this.text, this.walker, ref.node, ref.keyNode);
  }

  at(...path: string[]): ValueRef {
    let node: YamlNode | null = this.root;
    let keyNode: YamlNode | null = null;
    let pair: Pair | null = null;
    let parent: YamlNode | null = null;
    for (const k of path) {
      if (!node || !isMap(node)) return { path, node: null, keyNode: null, pair: null, parent: null };
      const e: { keyNode: YamlNode | null; value: YamlNode | null; pair: Pair } | undefined = entriesOf(this.walker, node).find((x) => x.key === k);
      if (!e) return { path, node: null, keyNode: null, pair: null, parent: node };
      parent = node;
      node = e.value;
      keyNode = e.keyNode;
      pair = e.pair;
    }
    return { path, node, keyNode, pair, parent };
  }

  /** The value as the chart's template sees it: a scalar's text; undefined when absent or not a scalar. */
  str(...path: string[]): string | undefined {
    const n = this.at(...path).node;
    return n && isScalar(n) ? (scalarText(n) ?? '') : undefined;
  }

  /** Go template truthiness of a value: absent, null, false, 0, "" and empty collections are false. */
  truthy(...path: string[]): boolean | undefined {
    const ref = this.at(...path);
    if (!ref.pair) return undefined;
    return truthy(ref.node);
  }

  /** Whether any of these paths exists. */
  has(...paths: string[][]): boolean {
    return paths.some((p) => !!this.at(...p).pair);
  }

  /** Text map of a scalar value. */
  map(ref: ValueRef): TextMap | undefined {
    return ref.node && isScalar(ref.node) ? textMap(this.text, ref.node as Scalar) : undefined;
  }

  /**
   * Where a finding about an absent value goes: the key of its deepest written ancestor, else the
   * umbrella key, else the first key of the values.
   */
  anchor(path: readonly string[]): Span {
    for (let n = path.length - 1; n >= 1; n--) {
      const ref = this.at(...path.slice(0, n));
      if (ref.keyNode) return nodeSpan(ref.keyNode);
    }
    if (this.rootKey) return nodeSpan(this.rootKey);
    const first = isMap(this.root) ? (this.root.items[0] as Pair | undefined) : undefined;
    if (first?.key) return nodeSpan(first.key as YamlNode);
    return this.fallback ?? { start: 0, end: 0 };
  }

  /** Span of the values root (the umbrella entry or the whole mapping). */
  span(): Span {
    if (!this.root.range && this.fallback) return this.fallback;
    const r = nodeSpan(this.root);
    return this.rootKey ? { start: nodeSpan(this.rootKey).start, end: r.end } : r;
  }

  /** The items of a sequence value. */
  items(ref: ValueRef): YamlNode[] {
    return ref.node && isSeq(ref.node) ? this.walker.items(ref.node) : [];
  }
}

/** Go template truthiness (`if .Values.x`). */
export function truthy(node: YamlNode | null): boolean {
  if (!node) return false;
  if (isScalar(node)) {
    const v = (node as Scalar).value;
    if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
    return true;
  }
  if (isMap(node)) return node.items.length > 0;
  if (isSeq(node)) return node.items.length > 0;
  return true;
}

/**
 * How Go's `%v` prints a float64 (Helm reads YAML numbers as float64; sprig's `quote` uses `%v`):
 * strconv's shortest `%g` switches to exponent form when the exponent is below -4 or at least 6
 * (precision 6 decides for the shortest form), so `3600000` prints as `3.6e+06`.
 */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, expText] = n.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** Sprig's `quote`/`printf "%s"` text of a values scalar: strings as written, booleans, numbers as Go floats. */
export function goText(node: YamlNode | null): string {
  if (!node || !isScalar(node)) return '';
  const v = (node as Scalar).value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goFloat(v);
  return String(v);
}
