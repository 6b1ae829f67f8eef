/**
 * Pieces shared by the Helm values readers: turning collected settings into a document, environment
 * lists, server.properties blocks, listener spans.
 */
import { isMap, isScalar, isSeq, type Pair, type Scalar } from 'yaml';
import { detectLineEnding, type Span } from '../../../parse/text';
import { nodeSpan, scalarText, type YamlNode } from '../../../parse/yaml';
import { brokerRole, detectMode, makeDocument, settingsMap } from '../../document';
import { parseListenerList, parseProtocolMap } from '../../listeners';
import type { FileProblem, FormatTag, KafkaDocument, KafkaVersion, Role, Setting, TextEdit } from '../../types';
import { valueState } from '../../values';
import { PropsBlock, partSpan, type Binding, type SettingsBuilder } from './model';
import { entriesOf, IDENTITY, Values, type Codec } from './values';
import { HelmWriter, seqItemRemover, type Sink } from './writer';
import { textMap } from './yaml-text';
import type { EnvEntry } from '../compose';

/**
 * Fact key: container ports published outside the cluster (`externalAccess`, `nodeport`), in the shape
 * of the compose adapter's `publishedPorts` (`{ container, hostIp, span }`), so exposure checks apply.
 */
export const PUBLISHED_PORTS_FACT = 'publishedPorts';

/** Fact key: the chart a document was read from (`HelmChartFact`). */
export const CHART_FACT = 'chart';

export interface HelmChartFact {
  /** `bitnami/kafka`, `bitnami/zookeeper`, `cp-helm-charts/cp-kafka`, `incubator/kafka`. */
  name: string;
  major?: number;
  /** Bitnami kafka value schema: `auth` (≤23), `listeners` (24–31), `kraft4` (≥32). */
  schema?: string;
  /** How the major was told: `Chart.lock`, `Chart.yaml`, or the value that shows it. */
  majorFrom?: string;
  /** Node group of a Bitnami ≥24 release: `controller` (controller-eligible) or `broker`. */
  nodeGroup?: string;
}

export interface HelmRead {
  documents: KafkaDocument[];
  problems: FileProblem[];
}

/** A `{name, value}` item of an environment list (`extraEnvVars`). */
export interface EnvItem {
  name: string;
  nameNode: YamlNode | null;
  /** The `value` entry, or the `valueFrom` entry (a Secret or ConfigMap reference). */
  valueRef: ReturnType<Values['at']>;
  fromRef: boolean;
  index: number;
  seq: YamlNode;
}

/** The items of an environment list value. */
export function envItems(values: Values, path: readonly string[]): EnvItem[] {
  const ref = values.at(...path);
  if (!ref.node || !isSeq(ref.node)) return [];
  const out: EnvItem[] = [];
  const seq = ref.node;
  values.walker.items(seq).forEach((item, index) => {
    if (!isMap(item)) return;
    const sub = new Values(values.text, values.walker, item, null);
    const nameRef = sub.at('name');
    const name = scalarText(nameRef.node);
    if (!name) return;
    const valueRef = sub.at('value');
    const fromRef = sub.at('valueFrom');
    out.push({ name, nameNode: nameRef.node, valueRef: valueRef.pair ? valueRef : fromRef, fromRef: !valueRef.pair && !!fromRef.pair, index, seq });
  });
  return out;
}

/**
 * The environment list as the compose adapter describes a service's environment (`COMPOSE_FACTS.environment`
 * shape), so rules about image variables read Helm `extraEnvVars` the same way.
 */
export function envEntries(values: Values, paths: ReadonlyArray<readonly string[]>): EnvEntry[] {
  const out: EnvEntry[] = [];
  for (const path of paths) {
    for (const item of envItems(values, path)) {
      const nameSpan = nodeSpan(item.nameNode);
      const node = item.valueRef.node;
      const map = !item.fromRef ? values.map(item.valueRef) : undefined;
      const valueSpan = map ? map.span : node ? nodeSpan(node) : { start: nameSpan.end, end: nameSpan.end };
      const raw = map?.value ?? '';
      const seqItems = isSeq(item.seq) ? item.seq.items : [];
      out.push({
        name: item.name,
        value: raw,
        raw,
        state: item.fromRef ? 'externalized' : valueState(raw),
        nameSpan,
        valueSpan,
        entrySpan: { start: nameSpan.start, end: Math.max(nameSpan.end, valueSpan.end) },
        listForm: false,
        node,
        own: seqItems[item.index] as YamlNode | undefined,
      });
    }
  }
  return out;
}

/**
 * Settings from an environment list, decoded by the image: `decode` maps a variable to its Kafka key.
 * `valueFrom` entries are references to a Secret or ConfigMap (state `externalized`).
 */
export function envSettings(b: SettingsBuilder, path: readonly string[], decode: (name: string) => string | undefined): Setting[] {
  const out: Setting[] = [];
  for (const item of envItems(b.values, path)) {
    const key = decode(item.name);
    if (!key) continue;
    const remove = seqItemRemover(b.values, item.seq, item.index);
    if (item.fromRef) {
      const span = item.valueRef.node ? nodeSpan(item.valueRef.node) : nodeSpan(item.nameNode);
      const s = b.fixed(key, `\${valueFrom:${item.name}}`, span, `${path.join('.')}: ${item.name} (valueFrom)`);
      s.state = 'externalized';
      s.keySpan = nodeSpan(item.nameNode);
      s.entrySpan = { start: s.keySpan.start, end: span.end };
      out.push(s);
      continue;
    }
    const s = b.written(key, item.nameNode, item.valueRef, IDENTITY, `${path.join('.')}: ${item.name}`, remove);
    if (s) out.push(s);
  }
  return out;
}

/** One block per scalar, so that settings and new lines of the same block are written together. */
const blocks = new WeakMap<object, PropsBlock>();

/** A server.properties block from a string value; undefined when the value is absent, blank or not text. */
export function propsBlock(values: Values, path: readonly string[]): PropsBlock | undefined {
  const ref = values.at(...path);
  if (!ref.node || !isScalar(ref.node)) return undefined;
  const known = blocks.get(ref.node);
  if (known) return known;
  const map = textMap(values.text, ref.node as Scalar);
  if (typeof (ref.node as Scalar).value !== 'string' || map.value.trim() === '') return undefined;
  const block = new PropsBlock(values.text, map, ref, path.join('.'));
  blocks.set(ref.node, block);
  return block;
}

/** Entries of a configuration map (`overrideConfiguration: {key: value}`), values rendered by the chart. */
export function mapSettings(b: SettingsBuilder, path: readonly string[], codec: Codec, decodeKey: (key: string) => string | undefined = (k) => k, remover?: (map: YamlNode, pair: Pair) => () => TextEdit | undefined): Setting[] {
  const ref = b.values.at(...path);
  if (!ref.node || !isMap(ref.node)) return [];
  const out: Setting[] = [];
  const map = ref.node;
  for (const e of entriesOf(b.values.walker, map)) {
    if (!e.value || !isScalar(e.value)) continue;
    const key = decodeKey(e.key);
    if (!key) continue;
    const valueRef = { path: [...path, e.key], node: e.value, keyNode: e.keyNode, pair: e.pair, parent: map };
    const s = b.written(key, e.keyNode, valueRef, codec, `${path.join('.')}: ${e.key}`, remover ? remover(map, e.pair) : () => undefined);
    if (s) out.push(s);
  }
  return out;
}

/**
 * Where each listener's protocol is decided: the protocol value the chart joins into the map
 * (`auth.clientProtocol`, `listeners.client.protocol`), or, for a chart default, the most related
 * written key. Helm listeners are joined from several values, so this is where a listener is "written".
 */
export function listenerSpans(values: Values, settings: ReadonlyMap<string, Setting>, bindings: ReadonlyMap<string, readonly Binding[]>): Map<string, Span> {
  const out = new Map<string, Span>();
  const map = settings.get('listener.security.protocol.map');
  const listeners = settings.get('listeners');
  const last = (key: string) => {
    const list = bindings.get(key);
    return list?.[list.length - 1];
  };
  const mapBinding = map ? last('listener.security.protocol.map') : undefined;
  const listenersBinding = listeners ? last('listeners') : undefined;
  const names = listeners ? parseListenerList(listeners.value).map((l) => ({ name: l.name, from: l.from, to: l.to })) : [];
  const entries = map ? parseProtocolMap(map.value) : [];
  for (const entry of entries) {
    if (mapBinding?.kind !== 'parts' || !map) continue;
    let pos = 0;
    for (const p of mapBinding.parts) {
      const end = pos + p.text.length;
      if (entry.protocolFrom >= pos && entry.to <= end && (p.link || p.absent)) {
        out.set(entry.name, p.link ? p.link.map.span : values.anchor(p.absent!.path));
        break;
      }
      pos = end;
    }
    if (!out.has(entry.name)) out.set(entry.name, partSpan(mapBinding.parts, entry.protocolFrom, entry.to, map.valueSpan));
  }
  if (listenersBinding?.kind === 'parts' && listeners) {
    for (const n of names) if (!out.has(n.name)) out.set(n.name, partSpan(listenersBinding.parts, n.from, n.to, listeners.valueSpan));
  }
  return out;
}

export interface DocumentSpec {
  path: string;
  text: string;
  format: FormatTag;
  values: Values;
  builder: SettingsBuilder;
  sinks: readonly Sink[];
  facts: Map<string, unknown>;
  anchor: Span;
  version?: KafkaVersion;
  /** Forced role (ZooKeeper); otherwise from `process.roles`. */
  role?: Role;
  /** Listener spans for charts whose listeners are not joined from protocol values. */
  listenerSpans?: (settings: ReadonlyMap<string, Setting>, bindings: ReadonlyMap<string, readonly Binding[]>) => Map<string, Span>;
}

/**
 * `Setting.parts` of a joined value: where each written (or defaulted) piece is, and for the listener
 * list and the protocol map, each listener item / map entry as a whole, placed where its protocol is
 * decided (the smallest piece holding a range wins in `valueSubSpan`).
 */
function assignParts(values: Values, settings: ReadonlyMap<string, Setting>, bindings: ReadonlyMap<string, readonly Binding[]>, listeners: Map<string, Span> | undefined): void {
  for (const [key, s] of settings) {
    const list = bindings.get(key);
    const b = list?.[list.length - 1];
    if (b?.kind !== 'parts') continue;
    const only = b.parts.length === 1 ? b.parts[0]! : undefined;
    // One written value rendered as written: its own characters are already the value span.
    if (only?.link && only.text === only.link.map.value) continue;
    const pieces: Array<{ from: number; to: number; span: Span }> = [];
    let pos = 0;
    for (const p of b.parts) {
      const end = pos + p.text.length;
      if (p.link) pieces.push({ from: pos, to: end, span: p.link.map.span });
      else if (p.absent) pieces.push({ from: pos, to: end, span: values.anchor(p.absent.path) });
      pos = end;
    }
    if (listeners && key === 'listeners') {
      for (const l of parseListenerList(s.value)) {
        const span = listeners.get(l.name);
        if (span) pieces.push({ from: l.from, to: l.to, span });
      }
    }
    if (listeners && key === 'listener.security.protocol.map') {
      for (const e of parseProtocolMap(s.value)) {
        const span = listeners.get(e.name);
        if (span) pieces.push({ from: e.from, to: e.to, span });
      }
    }
    s.parts = pieces;
  }
}

/** The document of one node group: last-wins settings, role, mode and the writer. */
export function buildDocument(spec: DocumentSpec): KafkaDocument {
  const { list, bindings } = spec.builder.build();
  const settings = settingsMap(list);
  const current = new Map<string, string>();
  for (const [k, s] of settings) current.set(k, s.value);
  const role = spec.role ?? brokerRole(settings);
  const kafka = role !== 'zookeeper' && role !== 'log4j';
  const mode = kafka ? detectMode(settings, spec.version) : 'unknown';
  const spans = kafka ? (spec.listenerSpans ?? ((s, b) => listenerSpans(spec.values, s, b)))(settings, bindings) : undefined;
  assignParts(spec.values, settings, bindings, spans);
  return makeDocument({
    path: spec.path,
    text: spec.text,
    format: spec.format,
    role,
    mode,
    ...(spec.version ? { version: spec.version } : {}),
    settings,
    anchor: spec.anchor,
    span: spec.values.span(),
    writer: new HelmWriter(spec.values, detectLineEnding(spec.text), bindings, spec.sinks, current),
    facts: spec.facts,
  });
}

/** A values scalar's text is a template (`{{ }}`) that Helm renders: its value cannot be known. */
export function isTemplate(value: string | undefined): boolean {
  return value !== undefined && valueState(value) === 'unresolvable';
}

/** `-Dname=value` system properties of a JVM options string. */
export function systemProperties(value: string): Map<string, string> {
  const props = new Map<string, string>();
  for (const m of value.matchAll(/-D([^=\s]+)(?:=("[^"]*"|'[^']*'|\S*))?/g)) props.set(m[1]!, (m[2] ?? '').replace(/^["']|["']$/g, ''));
  return props;
}
