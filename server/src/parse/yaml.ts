import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Alias, type Document, type Node as YamlNode, type Pair, type Scalar } from 'yaml';
import type { Span } from './text';

/** A cap on alias expansions per file: an alias bomb gets a clear error instead of a hang. */
export const MAX_ALIAS_EXPANSIONS = 10_000;

export interface YamlFile {
  documents: Document.Parsed[];
  errors: Array<{ span: Span; message: string }>;
}

/**
 * Parse every YAML document of a file with source ranges, the way Helm and docker-compose read them:
 * YAML 1.1 (yes/no/on/off booleans), merge keys, duplicate keys tolerated (last wins).
 */
export function parseYaml(text: string): YamlFile {
  const documents = parseAllDocuments(text, { version: '1.1', merge: true, uniqueKeys: false, strict: false, prettyErrors: false });
  const list = Array.isArray(documents) ? documents : [];
  const errors: YamlFile['errors'] = [];
  for (const doc of list) {
    for (const e of doc.errors) errors.push({ span: { start: e.pos[0], end: e.pos[1] }, message: e.message.split('\n')[0]! });
  }
  return { documents: list, errors };
}

export class AliasLimitError extends Error {
  constructor() {
    super(`YAML aliases expand to more than ${MAX_ALIAS_EXPANSIONS} nodes (an alias bomb?); not linted.`);
  }
}

/** Resolves aliases with a budget shared by one file. */
export class YamlWalker {
  private expansions = 0;

  constructor(readonly doc: Document.Parsed) {}

  /** Anchored nodes by name, in document order; built once (Alias.resolve would walk the whole document per alias). */
  private anchors: Map<string, YamlNode[]> | undefined;

  private anchored(alias: Alias): YamlNode | null {
    if (!this.anchors) {
      const anchors = new Map<string, YamlNode[]>();
      visit(this.doc, (_key, node) => {
        const anchor = (node as { anchor?: string }).anchor;
        if (anchor && !isAlias(node)) {
          const list = anchors.get(anchor) ?? [];
          list.push(node as YamlNode);
          anchors.set(anchor, list);
        }
      });
      this.anchors = anchors;
    }
    // An alias refers to the closest earlier node with that anchor.
    const at = alias.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    let found: YamlNode | null = null;
    for (const n of this.anchors.get(alias.source) ?? []) if ((n.range?.[0] ?? 0) < at) found = n;
    return found;
  }

  /** The node an alias stands for; the node itself otherwise. */
  resolve(node: unknown): YamlNode | null {
    let n = node as YamlNode | null;
    let hops = 0;
    while (n && isAlias(n)) {
      if (++this.expansions > MAX_ALIAS_EXPANSIONS || ++hops > 100) throw new AliasLimitError();
      n = this.anchored(n);
    }
    return n;
  }

  /** Key/value pairs of a mapping, merge keys (`<<`) expanded, later keys winning. */
  entries(node: unknown): Array<{ key: string; keyNode: YamlNode | null; value: YamlNode | null; pair: Pair }> {
    const map = this.resolve(node);
    if (!map || !isMap(map)) return [];
    const out = new Map<string, { key: string; keyNode: YamlNode | null; value: YamlNode | null; pair: Pair }>();
    const merged: Array<{ key: string; keyNode: YamlNode | null; value: YamlNode | null; pair: Pair }> = [];
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const keyNode = this.resolve(item.key);
      const isMergeKey = isScalar(keyNode) && (keyNode.source === '<<' || keyNode.value === '<<' || typeof keyNode.value === 'symbol');
      const key = isScalar(keyNode) && typeof keyNode.value !== 'symbol' ? String(keyNode.value) : '';
      if (isMergeKey) {
        const sources = this.resolve(item.value);
        const list = sources && isSeq(sources) ? sources.items : [item.value];
        for (const src of list) {
          if (++this.expansions > MAX_ALIAS_EXPANSIONS) throw new AliasLimitError();
          for (const e of this.entries(src)) merged.push(e);
        }
        continue;
      }
      out.set(key, { key, keyNode, value: this.resolve(item.value), pair: item });
    }
    const result = new Map<string, { key: string; keyNode: YamlNode | null; value: YamlNode | null; pair: Pair }>();
    for (const e of merged) if (!out.has(e.key) && !result.has(e.key)) result.set(e.key, e);
    for (const [k, e] of out) result.set(k, e);
    return [...result.values()];
  }

  get(node: unknown, key: string): YamlNode | null {
    return this.entries(node).find((e) => e.key === key)?.value ?? null;
  }

  /** Follow a path of keys. */
  at(node: unknown, ...path: string[]): YamlNode | null {
    let n: YamlNode | null = this.resolve(node);
    for (const k of path) {
      if (!n) return null;
      n = this.get(n, k);
    }
    return n;
  }

  items(node: unknown): YamlNode[] {
    const seq = this.resolve(node);
    if (!seq || !isSeq(seq)) return [];
    return seq.items.map((i) => this.resolve(i)).filter((i): i is YamlNode => !!i);
  }
}

/** A scalar's value as text, the way compose and Helm see it (booleans and numbers as written). */
export function scalarText(node: YamlNode | null): string | undefined {
  if (!node || !isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

/** The source span of a node's value (without trailing comments), or an empty span. */
export function nodeSpan(node: YamlNode | null | undefined): Span {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

export { isMap, isScalar, isSeq, isPair, isAlias };
export type { YamlNode };
