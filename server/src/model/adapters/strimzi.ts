/**
 * Strimzi custom resources (RULES.md §B.6): `Kafka` (with the `KafkaNodePool`s of the same file),
 * `KafkaConnect` and `KafkaMirrorMaker2`, read the way the cluster operator turns them into Kafka
 * configuration [S36–S38], and a writer that turns canonical changes back into edits of the resource.
 *
 * Canonical view of a `Kafka` resource:
 * - user listeners `spec.kafka.listeners[]` become `listeners` (`<NAME>-<PORT>://0.0.0.0:<port>`) and
 *   `listener.security.protocol.map`; the pieces of both values point at each listener (`parts`, see
 *   `partSpan`), the protocol of a map entry at the listener's `tls` value;
 * - the operator's own listeners (CONTROLPLANE-9090, REPLICATION-9091; TLS with client certificates)
 *   are left out of the table and only listed in the facts;
 * - `authentication` gives `listener.name.<id>.` keys, `authorization` gives `authorizer.class.name`
 *   and `super.users`, `spec.kafka.config` gives canonical keys; keys the operator drops are kept
 *   under `spec.kafka.config[<key>]` (never read as Kafka keys) and listed in the facts;
 * - values the operator writes although the resource does not say so are settings with state
 *   `default`, anchored on the most related node.
 */
import { parseDocument, type Document, type Pair } from 'yaml';
import { isAlias, isMap, isScalar, isSeq, nodeSpan, scalarText, YamlWalker, type YamlNode } from '../../parse/yaml';
import type { Span } from '../../parse/text';
import { makeDocument, parseVersion, settingsMap } from '../document';
import { listItems, parseProtocolMap, type SecurityProtocol } from '../listeners';
import { isSecretSetting } from '../secrets';
import {
  ACL_AUTHORIZER,
  EXTERNAL_LISTENER_TYPES,
  forbiddenPrefix,
  KAFKA_PER_LISTENER_ALLOWED,
  KEYCLOAK_AUTHORIZER,
  OPA_AUTHORIZER,
  OPERATOR_LISTENERS,
  operatorSuperUsers,
  SIMPLE_ACL_AUTHORIZER,
  SIMPLE_AUTHORIZER_CLASSES,
  STANDARD_AUTHORIZER,
  TLS_ONLY_LISTENER_TYPES,
  type ConfigSection,
} from '../strimzi-config';
import type { Change, DocumentWriter, FileProblem, KafkaDocument, KafkaVersion, Mode, Role, Setting, TextEdit, ValueState } from '../types';
import { valueState } from '../values';
import { mergeEdits } from './properties';

// ---------------------------------------------------------------------------------------------
// Detection

const STRIMZI_API = /^kafka\.strimzi\.io\/v1(alpha1|beta1|beta2)?$/;
const STRIMZI_KINDS = new Set(['Kafka', 'KafkaNodePool', 'KafkaConnect', 'KafkaMirrorMaker2', 'KafkaMirrorMaker', 'KafkaBridge', 'KafkaConnector', 'KafkaUser', 'KafkaTopic', 'KafkaRebalance']);

/** A Strimzi resource: `apiVersion: kafka.strimzi.io/…` and a Strimzi kind (Confluent's `platform.confluent.io` Kafka is not one). */
export function isStrimziDocument(walker: YamlWalker, root: unknown): boolean {
  const api = scalarText(walker.get(root, 'apiVersion'));
  const kind = scalarText(walker.get(root, 'kind'));
  return !!api && STRIMZI_API.test(api.trim()) && !!kind && STRIMZI_KINDS.has(kind.trim());
}

// ---------------------------------------------------------------------------------------------
// Facts the rules read

/** A piece of an assembled value and where it is written (see `partSpan`). */
export interface ValuePart {
  from: number;
  to: number;
  span: Span;
}

/** A setting whose value the adapter assembled from several nodes. */
export type AssembledSetting = Setting & { parts?: ValuePart[] };

/**
 * Where `value.slice(from, to)` of an assembled setting is written: the smallest part that contains
 * the range, else the whole value span. (The same lookup `valueSubSpan` needs for these settings.)
 */
export function partSpan(setting: Setting, from: number, to: number): Span {
  const parts = (setting as AssembledSetting).parts;
  let best: ValuePart | undefined;
  for (const p of parts ?? []) if (p.from <= from && to <= p.to && (!best || p.to - p.from < best.to - best.from)) best = p;
  return best ? best.span : setting.valueSpan;
}

export interface StrimziListenerFacts {
  /** Canonical (upper-case) listener name `<NAME>-<PORT>`. */
  name: string;
  /** The listener's `name` in the resource. */
  crName: string;
  port?: number;
  type?: string;
  /** undefined when it cannot be evaluated. */
  tls?: boolean;
  /** `authentication.type`, when the listener has one. */
  authentication?: string;
  sasl: boolean;
  protocol?: SecurityProtocol;
  external: boolean;
  /** `networkPolicyPeers` with at least one peer. */
  networkPolicyPeers: boolean;
  /** Old map-style listeners (`plain: {}`, `tls: {}`, `external: {…}`), converted as the operator does. */
  legacy: boolean;
  /** The listener's name (or its key in the old format). */
  span: Span;
  /** The whole listener entry. */
  itemSpan: Span;
  tlsSpan?: Span;
  authSpan?: Span;
  peersSpan?: Span;
  /** Scalar fields of `authentication` (OAuth endpoints, `disableTlsHostnameVerification`, …). */
  authFields: Record<string, { value: string; span: Span }>;
}

export interface IgnoredConfigEntry {
  section: ConfigSection;
  /** The key as written. */
  key: string;
  /** The setting key it is kept under, e.g. `spec.kafka.config[ssl.client.auth]`. */
  settingKey: string;
  /** Where it is written, in words: `spec.kafka.config`. */
  where: string;
  prefix: string;
  keySpan: Span;
  valueSpan: Span;
  entrySpan: Span;
  value: string;
  /** The listener whose `listenerConfig` holds it. */
  listener?: string;
}

export const FACT_RESOURCE = 'strimzi';
export const FACT_LISTENERS = 'strimziListeners';
export const FACT_IGNORED_CONFIG = 'strimziIgnoredConfig';
export const FACT_OPERATOR_LISTENERS = 'strimziOperatorListeners';
export const FACT_NODE_POOLS = 'strimziNodePools';
export const FACT_LOGGING = 'strimziLogging';
export const FACT_CERTIFICATE_AUTHORITIES = 'strimziCertificateAuthorities';

export function strimziListeners(doc: KafkaDocument): StrimziListenerFacts[] {
  return (doc.facts.get(FACT_LISTENERS) as StrimziListenerFacts[] | undefined) ?? [];
}

export function strimziIgnoredConfig(doc: KafkaDocument): IgnoredConfigEntry[] {
  return (doc.facts.get(FACT_IGNORED_CONFIG) as IgnoredConfigEntry[] | undefined) ?? [];
}

/** Key for a raw `config` entry: `spec.kafka.config[<key>]`. The bracket keeps it from ending with a Kafka key. */
export function configEntryKey(where: string, key: string): string {
  return `${where}[${key}]`;
}

/** Key for a listener field, e.g. `spec.kafka.listeners[external].networkPolicyPeers` (value: YAML text). */
export function listenerFieldKey(crName: string, field: string): string {
  return `spec.kafka.listeners[${crName}].${field}`;
}

// ---------------------------------------------------------------------------------------------
// YAML helpers

interface Field {
  key: string;
  keyNode: YamlNode;
  value: YamlNode | null;
  pair: Pair;
}

/** Pairs of a mapping, resolved once per node (every alias resolution costs a walk of the document). */
const FIELDS = new WeakMap<object, Field[]>();

function fields(w: YamlWalker, node: unknown): Field[] {
  if (!node || typeof node !== 'object') return [];
  const cached = FIELDS.get(node);
  if (cached) return cached;
  const out = w.entries(node).filter((e): e is Field => !!e.keyNode);
  FIELDS.set(node, out);
  return out;
}

function field(w: YamlWalker, node: unknown, name: string): Field | undefined {
  return fields(w, node).find((f) => f.key === name);
}

function isFlow(node: YamlNode | null | undefined): boolean {
  return !!node && (isMap(node) || isSeq(node)) && !!(node as { flow?: boolean }).flow;
}

/** End of a node's content: no trailing newline, comment or blank line. */
function contentEnd(text: string, node: YamlNode | null | undefined): number {
  if (!node || !node.range) return 0;
  if (isScalar(node) || isAlias(node) || isFlow(node)) {
    let end = node.range[1];
    const start = node.range[0];
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    return end;
  }
  if (isMap(node)) {
    const last = node.items[node.items.length - 1];
    if (!last) return node.range[0];
    return Math.max(contentEnd(text, last.key as YamlNode), contentEnd(text, last.value as YamlNode));
  }
  if (isSeq(node)) {
    const last = node.items[node.items.length - 1] as YamlNode | undefined;
    return last ? contentEnd(text, last) : node.range[0];
  }
  return (node as YamlNode).range?.[1] ?? 0;
}

function spanOf(text: string, node: YamlNode | null | undefined): Span {
  if (!node || !node.range) return { start: 0, end: 0 };
  return { start: node.range[0], end: contentEnd(text, node) };
}

function fieldSpan(text: string, f: Field): Span {
  const start = nodeSpan(f.keyNode).start;
  return { start, end: Math.max(contentEnd(text, f.keyNode) + 1, contentEnd(text, f.value)) };
}

/** A scalar value as the operator sees it (sigs.k8s.io/yaml → JSON → Jackson → `String.valueOf`). */
function decoded(node: YamlNode | null): string | undefined {
  if (!node || !isScalar(node)) return undefined;
  if (node.value === null || node.value === undefined) return undefined;
  return scalarText(node);
}

function boolOf(node: YamlNode | null): boolean | undefined {
  if (!node || !isScalar(node)) return undefined;
  if (typeof node.value === 'boolean') return node.value;
  const s = scalarText(node)?.trim().toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading

interface Ctx {
  path: string;
  text: string;
  doc: Document.Parsed;
  w: YamlWalker;
  version?: KafkaVersion;
  all: readonly Document.Parsed[];
  problems: FileProblem[];
}

class SettingList {
  readonly list: Setting[] = [];
  constructor(private readonly text: string) {}

  add(init: { key: string; value: string; state?: ValueState; keySpan: Span; valueSpan?: Span; entrySpan?: Span; origin: string; parts?: ValuePart[]; secretKey?: string }): Setting {
    const valueSpan = init.valueSpan ?? init.keySpan;
    const s: AssembledSetting = {
      key: init.key,
      value: init.value,
      state: init.state ?? valueState(init.value),
      keySpan: init.keySpan,
      valueSpan,
      entrySpan: init.entrySpan ?? { start: Math.min(init.keySpan.start, valueSpan.start), end: Math.max(init.keySpan.end, valueSpan.end) },
      origin: init.origin,
      shadowed: [],
      secret: isSecretSetting(init.secretKey ?? init.key, init.value),
    };
    if (init.parts) s.parts = init.parts;
    this.list.push(s);
    return s;
  }

  /** A setting defined by a key/value pair of the resource. */
  fromField(key: string, value: string, f: Field, origin: string, secretKey?: string): Setting {
    return this.add({ key, value, keySpan: nodeSpan(f.keyNode), valueSpan: spanOf(this.text, f.value), entrySpan: fieldSpan(this.text, f), origin, ...(secretKey ? { secretKey } : {}) });
  }

  /** A value the operator writes without the resource saying so, anchored on `at`. */
  operatorDefault(key: string, value: string, at: Span, origin: string): Setting {
    return this.add({ key, value, state: 'default', keySpan: at, valueSpan: at, entrySpan: at, origin });
  }
}

/** A raw `key: value` entry of a `config`-like map, with what holds it (for the writer). */
interface EntryRef {
  settingKey: string;
  field: Field;
  container: Container;
}

/** A mapping of the resource the writer can add to (and the pair that holds it). */
interface Container {
  map: YamlNode | null;
  /** The pair holding the map; undefined when the map itself is missing. */
  holder?: Field;
  /** Where to create the holder when it is missing. */
  parent?: Container;
  /** Key of the holder in `parent`. */
  name: string;
  /** Fields of `parent` after which a new holder goes, most preferred first. */
  after?: string[];
}

interface ListenerModel {
  facts: StrimziListenerFacts;
  id: string;
  /** The listener's mapping (new format) or the old-format value. */
  item: YamlNode | null;
  /** The pair holding the old-format listener (`plain: {}`). */
  legacyField?: Field;
  fieldsByName: Map<string, Field>;
  authMap: YamlNode | null;
  authField?: Field;
  container: Container;
  listenerConfig?: Container;
}

function readNodePools(ctx: Ctx, cluster: string): Array<{ name: string; roles: string[]; span: Span }> {
  const pools: Array<{ name: string; roles: string[]; span: Span }> = [];
  for (const d of ctx.all) {
    const w = d === ctx.doc ? ctx.w : new YamlWalker(d);
    const root = d.contents;
    if (!isStrimziDocument(w, root) || scalarText(w.get(root, 'kind'))?.trim() !== 'KafkaNodePool') continue;
    const label = scalarText(w.at(root, 'metadata', 'labels', 'strimzi.io/cluster'));
    if (label !== undefined && label !== cluster) continue;
    const rolesNode = w.at(root, 'spec', 'roles');
    const roles = w.items(rolesNode).map((r) => scalarText(r) ?? '').filter(Boolean);
    pools.push({ name: scalarText(w.at(root, 'metadata', 'name')) ?? '', roles, span: spanOf(ctx.text, rolesNode ?? (root as YamlNode)) });
  }
  return pools;
}

/** Read a Strimzi resource into the documents it describes (Kafka broker-side, Connect and MM2 client-side). */
export function readStrimzi(
  path: string,
  text: string,
  doc: Document.Parsed,
  walker: YamlWalker,
  version?: KafkaVersion,
  all: readonly Document.Parsed[] = [doc],
): { documents: KafkaDocument[]; problems: FileProblem[] } {
  const ctx: Ctx = { path, text, doc, w: walker, all, problems: [] };
  if (version) ctx.version = version;
  const kind = scalarText(walker.get(doc.contents, 'kind'))?.trim();
  const documents: KafkaDocument[] = [];
  const read = kind === 'Kafka' ? readKafka(ctx) : kind === 'KafkaConnect' ? readConnect(ctx) : kind === 'KafkaMirrorMaker2' ? readMirrorMaker2(ctx) : undefined;
  if (read) documents.push(read);
  return { documents, problems: ctx.problems };
}

function readKafka(ctx: Ctx): KafkaDocument | undefined {
  const { w, text } = ctx;
  const root = ctx.doc.contents;
  const specF = field(w, root, 'spec');
  const kafkaF = specF ? field(w, specF.value, 'kafka') : undefined;
  if (!specF || !kafkaF || !isMap(kafkaF.value)) {
    ctx.problems.push({ span: spanOf(text, (specF?.keyNode ?? w.get(root, 'kind')) as YamlNode), severity: 'warning', message: 'This Kafka resource has no spec.kafka section; nothing was checked.' });
    return undefined;
  }
  const kafka = kafkaF.value;
  const apiVersion = scalarText(w.get(root, 'apiVersion'))!.trim();
  const cluster = scalarText(w.at(root, 'metadata', 'name'))?.trim() || '<cluster>';
  const anchor = nodeSpan(kafkaF.keyNode);
  const settings = new SettingList(text);
  const facts = new Map<string, unknown>();
  const ignored: IgnoredConfigEntry[] = [];
  const entries: EntryRef[] = [];

  // Version: an explicit option › spec.kafka.version [RULES.md §A.0].
  const versionF = field(w, kafka, 'version');
  const version = ctx.version ?? parseVersion(decoded(versionF?.value ?? null), 'spec.kafka.version');

  // Mode: the KRaft annotation, the v1 API (ZooKeeper support removed in Strimzi 1.0), Kafka 4, spec.zookeeper, node pools [S38].
  const zkF = field(w, specF.value, 'zookeeper');
  const pools = readNodePools(ctx, cluster);
  const kraftAnnotation = scalarText(w.at(root, 'metadata', 'annotations', 'strimzi.io/kraft'))?.trim().toLowerCase();
  let mode: Mode;
  if (kraftAnnotation === 'migration' || kraftAnnotation === 'rollback') mode = 'migration';
  else if (kraftAnnotation === 'enabled') mode = 'kraft';
  else if (/\/v1$/.test(apiVersion)) mode = 'kraft';
  else if (version && version.major >= 4) mode = 'kraft';
  else if (zkF) mode = 'zk';
  else if (pools.some((p) => p.roles.includes('controller'))) mode = 'kraft';
  else if (/\/v1beta1$/.test(apiVersion)) mode = 'zk';
  else mode = 'kraft';
  const dual = pools.some((p) => p.roles.includes('broker') && p.roles.includes('controller'));
  const role: Role = dual ? 'combined' : pools.length > 0 && pools.every((p) => p.roles.includes('controller') && !p.roles.includes('broker')) ? 'controller' : 'broker';

  // Listeners.
  const listenersF = field(w, kafka, 'listeners');
  const kafkaContainer: Container = { map: kafka, holder: kafkaF, name: 'kafka' };
  const listeners = readListeners(ctx, listenersF, settings, ignored, entries);
  const ids = listeners.map((l) => l.id);
  const keyAnchor = listenersF ? nodeSpan(listenersF.keyNode) : anchor;

  // Operator defaults written whatever the resource says [S37 KafkaBrokerConfigurationBuilder.withListeners].
  settings.operatorDefault('sasl.enabled.mechanisms', '', keyAnchor, 'written blank by the Strimzi operator');
  if (mode === 'zk' || mode === 'migration') {
    // ZooKeeper-mode brokers reach ZooKeeper over mutual TLS set up by the operator [S38 con-securing-kafka-authentication].
    const zkAt = zkF ? nodeSpan(zkF.keyNode) : anchor;
    settings.operatorDefault('zookeeper.connect', `${cluster}-zookeeper-client:2181`, zkAt, 'set by the Strimzi operator');
    settings.operatorDefault('zookeeper.ssl.client.enable', 'true', zkAt, 'set by the Strimzi operator (mutual TLS to ZooKeeper)');
    settings.operatorDefault('zookeeper.clientCnxnSocket', 'org.apache.zookeeper.ClientCnxnSocketNetty', zkAt, 'set by the Strimzi operator');
  }

  if (listenersF && listeners.length > 0) {
    const items: string[] = [];
    const itemParts: ValuePart[] = [];
    const mapItems: string[] = [];
    const mapParts: ValuePart[] = [];
    let pos = 0;
    let mapPos = 0;
    for (const l of listeners) {
      const item = `${l.facts.name}://0.0.0.0:${l.facts.port}`;
      itemParts.push({ from: pos, to: pos + item.length, span: l.facts.span });
      items.push(item);
      pos += item.length + 1;
      if (l.facts.protocol) {
        const entry = `${l.facts.name}:${l.facts.protocol}`;
        mapParts.push({ from: mapPos, to: mapPos + entry.length, span: l.facts.span });
        mapParts.push({ from: mapPos + l.facts.name.length + 1, to: mapPos + entry.length, span: l.facts.tlsSpan ?? l.facts.span });
        mapItems.push(entry);
        mapPos += entry.length + 1;
      }
    }
    const keySpan = nodeSpan(listenersF.keyNode);
    const valueSpan = spanOf(text, listenersF.value);
    const entrySpan = fieldSpan(text, listenersF);
    settings.add({ key: 'listeners', value: items.join(','), state: 'literal', keySpan, valueSpan, entrySpan, origin: 'spec.kafka.listeners', parts: itemParts });
    settings.add({ key: 'listener.security.protocol.map', value: mapItems.join(','), state: 'literal', keySpan, valueSpan, entrySpan, origin: 'spec.kafka.listeners (tls and authentication)', parts: mapParts });
  } else {
    ctx.problems.push({ span: listenersF ? nodeSpan(listenersF.keyNode) : anchor, severity: 'warning', message: 'spec.kafka.listeners is missing or empty: Strimzi requires at least one listener.' });
    settings.operatorDefault('listeners', '', keyAnchor, 'no listener in spec.kafka.listeners');
  }

  // Authorization [S37 withAuthorization, S38 KafkaAuthorizationSimple].
  const authzF = field(w, kafka, 'authorization');
  let authz: AuthzModel | undefined;
  if (authzF && isMap(authzF.value)) {
    authz = readAuthorization(ctx, authzF, cluster, mode, version, settings);
  } else {
    // No authorization: no authorizer object, every request is allowed (authorizer.class.name default "") [S11].
    settings.operatorDefault('authorizer.class.name', '', anchor, 'spec.kafka.authorization is absent');
  }

  // spec.kafka.config.
  const configF = field(w, kafka, 'config');
  const configContainer: Container = { map: configF?.value ?? null, name: 'config', parent: kafkaContainer, after: ['authorization', 'listeners'] };
  if (configF) configContainer.holder = configF;
  readConfig(ctx, configF, 'kafka', 'spec.kafka.config', ids, settings, ignored, entries, configContainer);

  // spec.zookeeper.config (ZooKeeper-mode resources): only the keys the operator drops matter.
  if (zkF) {
    const zkConfigF = field(w, zkF.value, 'config');
    const zkContainer: Container = { map: zkConfigF?.value ?? null, name: 'config' };
    if (zkConfigF) zkContainer.holder = zkConfigF;
    readConfig(ctx, zkConfigF, 'zookeeper', 'spec.zookeeper.config', [], settings, ignored, entries, zkContainer, true);
  }

  // Logging and certificate authorities, for the rules that read them.
  const loggingF = field(w, kafka, 'logging');
  if (loggingF) {
    const loggers = fields(w, w.get(loggingF.value, 'loggers')).map((f) => ({ name: f.key, value: decoded(f.value) ?? '', keySpan: nodeSpan(f.keyNode), valueSpan: spanOf(text, f.value) }));
    facts.set(FACT_LOGGING, { type: scalarText(w.get(loggingF.value, 'type')) ?? '', loggers, span: nodeSpan(loggingF.keyNode) });
  }
  const cas: Record<string, { fields: Record<string, { value: string; span: Span }>; span: Span }> = {};
  for (const name of ['clusterCa', 'clientsCa']) {
    const f = field(w, specF.value, name);
    if (!f) continue;
    const out: Record<string, { value: string; span: Span }> = {};
    for (const x of fields(w, f.value)) {
      const v = decoded(x.value);
      if (v !== undefined) out[x.key] = { value: v, span: spanOf(text, x.value) };
    }
    cas[name] = { fields: out, span: nodeSpan(f.keyNode) };
  }
  facts.set(FACT_CERTIFICATE_AUTHORITIES, cas);

  facts.set(FACT_RESOURCE, { kind: 'Kafka', apiVersion, cluster });
  facts.set(FACT_LISTENERS, listeners.map((l) => l.facts));
  facts.set(FACT_IGNORED_CONFIG, ignored);
  facts.set(FACT_OPERATOR_LISTENERS, OPERATOR_LISTENERS);
  facts.set(FACT_NODE_POOLS, pools);

  const writer = new StrimziKafkaWriter(text, {
    kafka: kafkaContainer,
    listeners,
    authz,
    config: configContainer,
    entries,
    cluster,
    settings: () => doc.settings,
  }, detectStyle(text, root, w));
  const doc = makeDocument({
    path: ctx.path,
    text,
    format: 'strimzi',
    role,
    mode,
    ...(version ? { version } : {}),
    settings: settingsMap(settings.list),
    anchor,
    span: spanOf(text, root as YamlNode),
    writer,
    facts,
  });
  return doc;
}

const LEGACY_LISTENERS: Record<string, { port: number; tls: boolean }> = { plain: { port: 9092, tls: false }, tls: { port: 9093, tls: true }, external: { port: 9094, tls: true } };

function readListeners(ctx: Ctx, listenersF: Field | undefined, settings: SettingList, ignored: IgnoredConfigEntry[], entries: EntryRef[]): ListenerModel[] {
  const { w, text } = ctx;
  const out: ListenerModel[] = [];
  if (!listenersF || !listenersF.value) return out;
  const node = listenersF.value;
  const raw: Array<{ crName: string; port?: number; item: YamlNode | null; legacyField?: Field; nameSpan: Span; itemSpan: Span }> = [];
  if (isSeq(node)) {
    for (const item of w.items(node)) {
      if (!isMap(item)) continue;
      const nameF = field(w, item, 'name');
      const portF = field(w, item, 'port');
      const crName = decoded(nameF?.value ?? null)?.trim();
      const port = Number(decoded(portF?.value ?? null));
      if (!crName || !Number.isInteger(port)) {
        ctx.problems.push({ span: spanOf(text, item), severity: 'warning', message: 'A listener in spec.kafka.listeners has no usable name or port; it was not checked.' });
        continue;
      }
      raw.push({ crName, port, item, nameSpan: spanOf(text, nameF!.value), itemSpan: spanOf(text, item) });
    }
  } else if (isMap(node)) {
    // Old format (v1beta1, early v1beta2): converted as ListenersConvertor does [S37].
    for (const f of fields(w, node)) {
      const legacy = LEGACY_LISTENERS[f.key];
      if (!legacy) continue;
      raw.push({ crName: f.key, port: legacy.port, item: f.value, legacyField: f, nameSpan: nodeSpan(f.keyNode), itemSpan: fieldSpan(text, f) });
    }
  }
  const seen = new Set<string>();
  for (const r of raw) {
    const item = r.item;
    const fieldsByName = new Map(fields(w, item).map((f) => [f.key, f] as const));
    const legacy = !!r.legacyField;
    const typeF = fieldsByName.get('type');
    const tlsF = fieldsByName.get('tls');
    const authF = fieldsByName.get('authentication');
    const peersF = fieldsByName.get('networkPolicyPeers');
    let type = legacy ? (r.crName === 'external' ? decoded(typeF?.value ?? null)?.trim() : 'internal') : decoded(typeF?.value ?? null)?.trim();
    if (type !== undefined && valueState(type) === 'unresolvable') type = undefined;
    let tls: boolean | undefined;
    if (legacy && r.crName !== 'external') tls = LEGACY_LISTENERS[r.crName]!.tls;
    else if (tlsF) tls = boolOf(tlsF.value);
    else if (legacy) tls = true; // old external listeners default to TLS; route and ingress always use it
    else {
      tls = false; // GenericKafkaListener.tls defaults to false (and is required by the CRD)
      ctx.problems.push({ span: r.nameSpan, severity: 'warning', message: `Listener ${r.crName} has no tls field, which Strimzi requires; it is read as tls: false.` });
    }
    if (legacy && type && TLS_ONLY_LISTENER_TYPES.has(type)) tls = true;
    const authType = authF ? decoded(w.get(authF.value, 'type'))?.trim() : undefined;
    const authKnown = authType === undefined || valueState(authType) !== 'unresolvable';
    const sasl = authType === 'scram-sha-512' || authType === 'oauth' || (authType === 'custom' && boolOf(w.get(authF!.value, 'sasl')) === true);
    const id = `${r.crName}-${r.port}`.toLowerCase();
    const name = id.toUpperCase();
    if (seen.has(id)) ctx.problems.push({ span: r.nameSpan, severity: 'warning', message: `Two listeners are both ${name}; Strimzi requires unique names and ports.` });
    seen.add(id);
    const protocol: SecurityProtocol | undefined = tls === undefined || !authKnown ? undefined : ((sasl ? 'SASL_' : '') + (tls ? 'SSL' : 'PLAINTEXT')) as SecurityProtocol;
    if (protocol === undefined) ctx.problems.push({ span: r.nameSpan, severity: 'info', message: `Cannot evaluate the security protocol of listener ${name}: its tls or authentication type is a template or not a boolean.` });
    if (type && TLS_ONLY_LISTENER_TYPES.has(type) && tls === false) {
      ctx.problems.push({ span: tlsF ? spanOf(ctx.text, tlsF.value) : r.nameSpan, severity: 'warning', message: `Listener ${name} is of type ${type}, which Strimzi only accepts with tls: true.` });
    }
    if (authType === 'tls' && tls === false) {
      ctx.problems.push({ span: spanOf(ctx.text, w.get(authF!.value, 'type')), severity: 'warning', message: `Listener ${name} uses tls authentication without tls: true, which Strimzi rejects.` });
    }
    const peers = peersF ? w.items(peersF.value) : [];
    const authFields: Record<string, { value: string; span: Span }> = {};
    for (const f of fields(w, authF?.value)) {
      const v = decoded(f.value);
      if (v !== undefined) authFields[f.key] = { value: v, span: spanOf(text, f.value) };
    }
    const facts: StrimziListenerFacts = {
      name,
      crName: r.crName,
      sasl,
      external: !!type && EXTERNAL_LISTENER_TYPES.has(type),
      networkPolicyPeers: peers.length > 0,
      legacy,
      span: r.nameSpan,
      itemSpan: r.itemSpan,
      authFields,
    };
    if (r.port !== undefined) facts.port = r.port;
    if (type !== undefined) facts.type = type;
    if (tls !== undefined) facts.tls = tls;
    if (authType !== undefined) facts.authentication = authType;
    if (protocol) facts.protocol = protocol;
    if (tlsF) facts.tlsSpan = spanOf(text, tlsF.value);
    if (authF) facts.authSpan = spanOf(text, w.get(authF.value, 'type') ?? authF.keyNode);
    if (peersF) facts.peersSpan = nodeSpan(peersF.keyNode);
    const container: Container = { map: item, name: r.crName };
    if (r.legacyField) container.holder = r.legacyField;
    const model: ListenerModel = { facts, id, item, fieldsByName, authMap: authF?.value ?? null, container };
    if (r.legacyField) model.legacyField = r.legacyField;
    if (authF) model.authField = authF;
    out.push(model);
    readListenerSecurity(ctx, model, settings, ignored, entries);
  }
  return out;
}

/** `listener.name.<id>.` keys the operator derives from a listener's authentication and configuration [S37]. */
function readListenerSecurity(ctx: Ctx, l: ListenerModel, settings: SettingList, ignored: IgnoredConfigEntry[], entries: EntryRef[]): void {
  const { w } = ctx;
  const p = `listener.name.${l.id}.`;
  const authF = l.authField;
  const type = l.facts.authentication;
  const typeF = authF ? field(w, authF.value, 'type') : undefined;
  const origin = `spec.kafka.listeners[${l.facts.crName}].authentication`;
  if (authF && typeF) {
    if (type === 'tls') settings.fromField(`${p}ssl.client.auth`, 'required', typeF, `${origin}.type: tls`);
    if (type === 'scram-sha-512') settings.fromField(`${p}sasl.enabled.mechanisms`, 'SCRAM-SHA-512', typeF, `${origin}.type: scram-sha-512`);
    if (type === 'oauth') {
      // Legacy OAuth listeners: OAUTHBEARER unless disabled, PLAIN when enabled, validating callback handlers [S37].
      const bearer = boolOf(w.get(authF.value, 'enableOauthBearer')) !== false;
      const plain = boolOf(w.get(authF.value, 'enablePlain')) === true;
      const mechs = [...(bearer ? ['OAUTHBEARER'] : []), ...(plain ? ['PLAIN'] : [])];
      settings.fromField(`${p}sasl.enabled.mechanisms`, mechs.join(','), typeF, `${origin}.type: oauth`);
      if (bearer) settings.fromField(`${p}oauthbearer.sasl.server.callback.handler.class`, 'io.strimzi.kafka.oauth.server.JaasServerOauthValidatorCallbackHandler', typeF, `${origin}.type: oauth`);
      if (plain) settings.fromField(`${p}plain.sasl.server.callback.handler.class`, 'io.strimzi.kafka.oauth.server.plain.JaasServerOauthOverPlainValidatorCallbackHandler', typeF, `${origin}.type: oauth`);
      const reauthF = field(w, authF.value, 'maxSecondsWithoutReauthentication');
      const seconds = Number(decoded(reauthF?.value ?? null));
      if (reauthF && Number.isFinite(seconds)) settings.fromField(`${p}connections.max.reauth.ms`, String(seconds * 1000), reauthF, `${origin}.maxSecondsWithoutReauthentication (seconds × 1000)`);
    }
    if (type === 'custom') {
      const lcF = field(w, authF.value, 'listenerConfig');
      const lc: Container = { map: lcF?.value ?? null, name: 'listenerConfig', parent: { map: authF.value, holder: authF, name: 'authentication' } };
      if (lcF) lc.holder = lcF;
      l.listenerConfig = lc;
      for (const f of fields(w, lcF?.value)) {
        const value = configValue(ctx, f, `${origin}.listenerConfig`);
        if (value === undefined) continue;
        const prefix = forbiddenPrefix('listener', f.key);
        if (prefix) {
          const where = `${origin}.listenerConfig`;
          const settingKey = configEntryKey(where, f.key);
          const s = settings.fromField(settingKey, value, f, `${where}.${f.key} (dropped by the operator)`, f.key);
          ignored.push({ section: 'listener', key: f.key, settingKey, where, prefix, keySpan: s.keySpan, valueSpan: s.valueSpan, entrySpan: s.entrySpan, value, listener: l.facts.name });
          entries.push({ settingKey, field: f, container: lc });
          continue;
        }
        settings.fromField(`${p}${f.key}`, value, f, `${origin}.listenerConfig.${f.key}`);
        entries.push({ settingKey: `${p}${f.key}`, field: f, container: lc });
      }
    }
  }
  const confF = l.fieldsByName.get('configuration');
  for (const [fieldName, key] of [['maxConnections', 'max.connections'], ['maxConnectionCreationRate', 'max.connection.creation.rate']] as const) {
    const f = confF ? field(w, confF.value, fieldName) : undefined;
    const v = decoded(f?.value ?? null);
    if (f && v !== undefined) {
      settings.fromField(`${p}${key}`, v, f, `spec.kafka.listeners[${l.facts.crName}].configuration.${fieldName}`);
      entries.push({ settingKey: `${p}${key}`, field: f, container: { map: confF!.value, holder: confF!, name: 'configuration' } });
    }
  }
}

interface AuthzModel {
  field: Field;
  type?: string;
  typeF?: Field;
  classF?: Field;
  superUsersF?: Field;
  superUsers: Array<{ node: YamlNode; value: string }>;
}

function readAuthorization(ctx: Ctx, authzF: Field, cluster: string, mode: Mode, version: KafkaVersion | undefined, settings: SettingList): AuthzModel {
  const { w, text } = ctx;
  const typeF = field(w, authzF.value, 'type');
  const type = decoded(typeF?.value ?? null)?.trim();
  const classF = field(w, authzF.value, 'authorizerClass');
  const superUsersF = field(w, authzF.value, 'superUsers');
  const model: AuthzModel = { field: authzF, superUsers: [] };
  if (type !== undefined) model.type = type;
  if (typeF) model.typeF = typeF;
  if (classF) model.classF = classF;
  if (superUsersF) model.superUsersF = superUsersF;
  const at = typeF ?? authzF;
  let cls: string | undefined;
  let state: ValueState = 'literal';
  if (type === 'simple') {
    // KRaft: StandardAuthorizer; ZooKeeper mode: AclAuthorizer (Strimzi ≥0.20; SimpleAclAuthorizer before Kafka 2.4).
    cls = mode === 'kraft' ? STANDARD_AUTHORIZER : version && (version.major < 2 || (version.major === 2 && version.minor < 4)) ? SIMPLE_ACL_AUTHORIZER : ACL_AUTHORIZER;
  } else if (type === 'keycloak') cls = KEYCLOAK_AUTHORIZER;
  else if (type === 'opa') cls = OPA_AUTHORIZER;
  else if (type === 'custom') {
    const c = decoded(classF?.value ?? null);
    if (classF && c !== undefined) {
      settings.fromField('authorizer.class.name', c, classF, 'spec.kafka.authorization.authorizerClass');
    } else {
      ctx.problems.push({ span: nodeSpan(at.keyNode), severity: 'warning', message: 'A custom authorization needs authorizerClass; Strimzi rejects it without one.' });
      settings.fromField('authorizer.class.name', 'custom', at, 'spec.kafka.authorization.type: custom');
    }
  } else {
    cls = type ?? '';
    state = type !== undefined && valueState(type) === 'unresolvable' ? 'unresolvable' : 'literal';
    if (state === 'literal') ctx.problems.push({ span: spanOf(text, at.value ?? at.keyNode), severity: 'warning', message: `Unknown authorization type ${type ?? '(none)'}; it is read as an authorizer that is present.` });
    if (!cls) cls = 'unknown';
  }
  if (cls !== undefined) {
    settings.add({ key: 'authorizer.class.name', value: cls, state, keySpan: nodeSpan(at.keyNode), valueSpan: spanOf(text, at.value), entrySpan: fieldSpan(text, at), origin: `spec.kafka.authorization.type: ${type ?? ''}` });
  }
  // super.users: the operator's own principals, then `User:<entry>` for each superUsers entry [S37].
  const values = operatorSuperUsers(cluster);
  const parts: ValuePart[] = [];
  let pos = values.join(';').length;
  for (const item of w.items(superUsersF?.value)) {
    const v = decoded(item);
    if (v === undefined) continue;
    const entry = `User:${v}`;
    model.superUsers.push({ node: item, value: v });
    pos += 1;
    parts.push({ from: pos, to: pos + entry.length, span: spanOf(text, item) });
    pos += entry.length;
    values.push(entry);
  }
  if (superUsersF) {
    settings.add({ key: 'super.users', value: values.join(';'), keySpan: nodeSpan(superUsersF.keyNode), valueSpan: spanOf(text, superUsersF.value), entrySpan: fieldSpan(text, superUsersF), origin: 'spec.kafka.authorization.superUsers (with the operator\'s own principals)', parts });
  } else {
    settings.operatorDefault('super.users', values.join(';'), nodeSpan(at.keyNode), 'the Strimzi operator\'s own principals');
  }
  return model;
}

/** A config value as the operator reads it; null and nested values are reported instead. */
function configValue(ctx: Ctx, f: Field, where: string): string | undefined {
  if (f.value && isScalar(f.value) && f.value.value !== null && f.value.value !== undefined) return scalarText(f.value);
  const nested = !!f.value && !isScalar(f.value);
  ctx.problems.push({
    span: nodeSpan(f.keyNode),
    severity: 'warning',
    message: nested ? `${where}.${f.key} is a list or map; the operator only accepts text, numbers and booleans here.` : `${where}.${f.key} has no value; the operator rejects null values.`,
  });
  return undefined;
}

function readConfig(
  ctx: Ctx,
  configF: Field | undefined,
  section: ConfigSection,
  where: string,
  listenerIds: string[],
  settings: SettingList,
  ignored: IgnoredConfigEntry[],
  entries: EntryRef[],
  container: Container,
  rawOnly = false,
): void {
  for (const f of fields(ctx.w, configF?.value)) {
    const value = configValue(ctx, f, where);
    if (value === undefined) continue;
    const prefix = forbiddenPrefix(section, f.key, listenerIds);
    if (prefix || rawOnly) {
      const settingKey = configEntryKey(where, f.key);
      const s = settings.fromField(settingKey, value, f, prefix ? `${where}.${f.key} (dropped by the operator)` : `${where}.${f.key}`, f.key);
      if (prefix) ignored.push({ section, key: f.key, settingKey, where, prefix, keySpan: s.keySpan, valueSpan: s.valueSpan, entrySpan: s.entrySpan, value });
      entries.push({ settingKey, field: f, container });
      continue;
    }
    settings.fromField(f.key, value, f, `${where}.${f.key}`);
    entries.push({ settingKey: f.key, field: f, container });
  }
}

// ---------------------------------------------------------------------------------------------
// Client-side resources: KafkaConnect, KafkaMirrorMaker2

interface ClientTarget {
  /** Key prefix in the canonical view: '' (Connect) or `<alias>.` (MM2). */
  prefix: string;
  /** Prefixes that share the target's security settings (Connect task clients). */
  mirrors: string[];
  map: YamlNode;
  fieldsByName: Map<string, Field>;
  config: Container;
  tls: boolean;
  authType?: string;
  where: string;
}

/** Security keys the operator writes for a client from `tls` and `authentication` [S37 KafkaConnectConfigurationBuilder]. */
function readClientSecurity(ctx: Ctx, t: ClientTarget, settings: SettingList, anchor: Span): void {
  const { w, text } = ctx;
  const tlsF = t.fieldsByName.get('tls');
  const authF = t.fieldsByName.get('authentication');
  const typeF = authF ? field(w, authF.value, 'type') : undefined;
  const type = decoded(typeF?.value ?? null)?.trim();
  const sasl = !!type && type !== 'tls';
  const protocol = (sasl ? 'SASL_' : '') + (t.tls ? 'SSL' : 'PLAINTEXT');
  const unresolved = type !== undefined && valueState(type) === 'unresolvable';
  for (const p of [t.prefix, ...t.mirrors]) {
    if (typeF && sasl) settings.fromField(`${p}security.protocol`, protocol, typeF, `${t.where}.authentication.type and tls`);
    else if (tlsF) settings.add({ key: `${p}security.protocol`, value: protocol, state: unresolved ? 'unresolvable' : 'literal', keySpan: nodeSpan(tlsF.keyNode), valueSpan: nodeSpan(tlsF.keyNode), entrySpan: fieldSpan(text, tlsF), origin: `${t.where}.tls` });
    else settings.operatorDefault(`${p}security.protocol`, protocol, anchor, `${t.where} has no tls${typeF ? '' : ' and no authentication'} (written by the Strimzi operator)`);
    if (tlsF) {
      const secrets = w.items(w.get(tlsF.value, 'trustedCertificates')).map((c) => scalarText(w.get(c, 'secretName')) ?? '').filter(Boolean);
      if (secrets.length) settings.add({ key: `${p}ssl.truststore.certificates`, value: secrets.map((s) => `\${strimzisecrets:<namespace>/${s}:*.crt}`).join('\\n'), state: 'externalized', keySpan: nodeSpan(tlsF.keyNode), valueSpan: spanOf(text, tlsF.value), entrySpan: fieldSpan(text, tlsF), origin: `${t.where}.tls.trustedCertificates` });
    }
    if (!typeF || !type) continue;
    if (type === 'tls') {
      const ck = field(w, authF!.value, 'certificateAndKey');
      const secret = scalarText(w.get(ck?.value, 'secretName')) ?? '<secret>';
      const key = scalarText(w.get(ck?.value, 'key')) ?? '<key>';
      if (ck) settings.add({ key: `${p}ssl.keystore.key`, value: `\${strimzisecrets:<namespace>/${secret}:${key}}`, state: 'externalized', keySpan: nodeSpan(ck.keyNode), valueSpan: spanOf(text, ck.value), entrySpan: fieldSpan(text, ck), origin: `${t.where}.authentication.certificateAndKey` });
      continue;
    }
    const mech = type === 'scram-sha-512' ? 'SCRAM-SHA-512' : type === 'scram-sha-256' ? 'SCRAM-SHA-256' : type === 'plain' ? 'PLAIN' : type === 'oauth' ? 'OAUTHBEARER' : type;
    settings.fromField(`${p}sasl.mechanism`, mech, typeF, `${t.where}.authentication.type`);
    const module = mech === 'PLAIN' ? 'org.apache.kafka.common.security.plain.PlainLoginModule' : mech === 'OAUTHBEARER' ? 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule' : 'org.apache.kafka.common.security.scram.ScramLoginModule';
    // The password comes from a Kubernetes secret through a config provider: never inline [S37].
    const jaas = mech === 'OAUTHBEARER' ? `${module} required \${strimzienv:KAFKA_CONNECT_OAUTH_CONFIG};` : `${module} required username=\${strimzienv:KAFKA_CONNECT_SASL_USERNAME} password=\${strimzidir:<secret>:<password>};`;
    settings.add({ key: `${p}sasl.jaas.config`, value: jaas, state: 'externalized', keySpan: nodeSpan(authF!.keyNode), valueSpan: spanOf(text, authF!.value), entrySpan: fieldSpan(text, authF!), origin: `${t.where}.authentication` });
  }
}

function clientTarget(ctx: Ctx, map: YamlNode, prefix: string, mirrors: string[], where: string, parent: Container): ClientTarget {
  const fieldsByName = new Map(fields(ctx.w, map).map((f) => [f.key, f] as const));
  const configF = fieldsByName.get('config');
  const config: Container = { map: configF?.value ?? null, name: 'config', parent, after: ['authentication', 'tls'] };
  if (configF) config.holder = configF;
  const t: ClientTarget = { prefix, mirrors, map, fieldsByName, config, tls: !!fieldsByName.get('tls') && !!fieldsByName.get('tls')!.value && !(isScalar(fieldsByName.get('tls')!.value) && (fieldsByName.get('tls')!.value as { value: unknown }).value === null), where };
  const type = decoded(fieldsByName.get('authentication') ? ctx.w.get(fieldsByName.get('authentication')!.value, 'type') : null)?.trim();
  if (type) t.authType = type;
  return t;
}

function readClientConfig(ctx: Ctx, t: ClientTarget, settings: SettingList, ignored: IgnoredConfigEntry[], entries: EntryRef[]): void {
  for (const f of fields(ctx.w, t.config.map)) {
    const value = configValue(ctx, f, `${t.where}.config`);
    if (value === undefined) continue;
    const prefix = forbiddenPrefix('connect', f.key);
    if (prefix) {
      const where = `${t.where}.config`;
      const settingKey = configEntryKey(where, f.key);
      const s = settings.fromField(settingKey, value, f, `${where}.${f.key} (dropped by the operator)`, f.key);
      ignored.push({ section: 'connect', key: f.key, settingKey, where, prefix, keySpan: s.keySpan, valueSpan: s.valueSpan, entrySpan: s.entrySpan, value });
      entries.push({ settingKey, field: f, container: t.config });
      continue;
    }
    settings.fromField(`${t.prefix}${f.key}`, value, f, `${t.where}.config.${f.key}`);
    entries.push({ settingKey: `${t.prefix}${f.key}`, field: f, container: t.config });
  }
}

function readConnect(ctx: Ctx): KafkaDocument | undefined {
  const { w, text } = ctx;
  const root = ctx.doc.contents;
  const specF = field(w, root, 'spec');
  if (!specF || !isMap(specF.value)) return undefined;
  const spec = specF.value;
  const settings = new SettingList(text);
  const ignored: IgnoredConfigEntry[] = [];
  const entries: EntryRef[] = [];
  const specContainer: Container = { map: spec, holder: specF, name: 'spec' };
  const t = clientTarget(ctx, spec, '', ['producer.', 'consumer.', 'admin.'], 'spec', specContainer);
  const bootstrapF = t.fieldsByName.get('bootstrapServers');
  const anchor = bootstrapF ? fieldSpan(text, bootstrapF) : nodeSpan(specF.keyNode);
  if (bootstrapF) settings.fromField('bootstrap.servers', decoded(bootstrapF.value) ?? '', bootstrapF, 'spec.bootstrapServers');
  readClientSecurity(ctx, t, settings, anchor);
  // v1 moved the worker's group and storage topics out of `config` [S38 CHANGELOG].
  for (const [name, key] of [['groupId', 'group.id'], ['configStorageTopic', 'config.storage.topic'], ['offsetStorageTopic', 'offset.storage.topic'], ['statusStorageTopic', 'status.storage.topic']] as const) {
    const f = t.fieldsByName.get(name);
    const v = decoded(f?.value ?? null);
    if (f && v !== undefined) settings.fromField(key, v, f, `spec.${name}`);
  }
  readClientConfig(ctx, t, settings, ignored, entries);
  const version = ctx.version ?? parseVersion(decoded(t.fieldsByName.get('version')?.value ?? null), 'spec.version');
  const facts = new Map<string, unknown>([
    [FACT_RESOURCE, { kind: 'KafkaConnect', apiVersion: scalarText(w.get(root, 'apiVersion'))?.trim() ?? '' }],
    [FACT_IGNORED_CONFIG, ignored],
  ]);
  return makeDocument({
    path: ctx.path,
    text,
    format: 'strimzi',
    role: 'connect',
    mode: 'unknown',
    ...(version ? { version } : {}),
    settings: settingsMap(settings.list),
    anchor,
    span: spanOf(text, root as YamlNode),
    writer: new StrimziClientWriter(text, [t], entries, detectStyle(text, root, w)),
    facts,
  });
}

function readMirrorMaker2(ctx: Ctx): KafkaDocument | undefined {
  const { w, text } = ctx;
  const root = ctx.doc.contents;
  const specF = field(w, root, 'spec');
  if (!specF || !isMap(specF.value)) return undefined;
  const spec = specF.value;
  const settings = new SettingList(text);
  const ignored: IgnoredConfigEntry[] = [];
  const entries: EntryRef[] = [];
  const targets: ClientTarget[] = [];
  const aliases: Array<{ alias: string; span: Span }> = [];
  const add = (map: YamlNode, where: string, parent: Container) => {
    const aliasF = field(w, map, 'alias');
    const alias = decoded(aliasF?.value ?? null)?.trim();
    if (!alias || aliases.some((a) => a.alias === alias)) return;
    aliases.push({ alias, span: spanOf(text, aliasF!.value) });
    const t = clientTarget(ctx, map, `${alias}.`, [], where, parent);
    targets.push(t);
    const bootstrapF = t.fieldsByName.get('bootstrapServers');
    const anchor = bootstrapF ? fieldSpan(text, bootstrapF) : spanOf(text, aliasF!.value);
    if (bootstrapF) settings.fromField(`${alias}.bootstrap.servers`, decoded(bootstrapF.value) ?? '', bootstrapF, `${where}.bootstrapServers`);
    readClientSecurity(ctx, t, settings, anchor);
    readClientConfig(ctx, t, settings, ignored, entries);
  };
  // v1beta2: spec.clusters[]; v1: spec.target and spec.mirrors[].source [S38].
  const clustersF = field(w, spec, 'clusters');
  for (const c of w.items(clustersF?.value)) add(c, `spec.clusters[${scalarText(w.get(c, 'alias')) ?? ''}]`, { map: c, name: 'cluster' });
  const targetF = field(w, spec, 'target');
  if (targetF && isMap(targetF.value)) add(targetF.value, 'spec.target', { map: targetF.value, holder: targetF, name: 'target' });
  const mirrorsF = field(w, spec, 'mirrors');
  for (const m of w.items(mirrorsF?.value)) {
    const sourceF = field(w, m, 'source');
    if (sourceF && isMap(sourceF.value)) add(sourceF.value, 'spec.mirrors[].source', { map: sourceF.value, holder: sourceF, name: 'source' });
    const src = decoded(w.get(m, 'sourceCluster')) ?? decoded(w.at(m, 'source', 'alias'));
    const tgt = decoded(w.get(m, 'targetCluster')) ?? decoded(w.at(targetF?.value, 'alias')) ?? decoded(w.get(spec, 'connectCluster'));
    if (!src || !tgt) continue;
    for (const connector of ['sourceConnector', 'checkpointConnector', 'heartbeatConnector']) {
      const cf = field(w, m, connector);
      const configF = cf ? field(w, cf.value, 'config') : undefined;
      const container: Container = { map: configF?.value ?? null, name: 'config' };
      for (const f of fields(w, configF?.value)) {
        const value = configValue(ctx, f, `spec.mirrors[].${connector}.config`);
        if (value === undefined) continue;
        settings.fromField(`${src}->${tgt}.${f.key}`, value, f, `spec.mirrors[].${connector}.config.${f.key}`);
        entries.push({ settingKey: `${src}->${tgt}.${f.key}`, field: f, container });
      }
    }
  }
  if (aliases.length === 0) return undefined;
  const at = clustersF ?? targetF ?? specF;
  const clustersValue: string[] = [];
  const parts: ValuePart[] = [];
  let pos = 0;
  for (const a of aliases) {
    parts.push({ from: pos, to: pos + a.alias.length, span: a.span });
    clustersValue.push(a.alias);
    pos += a.alias.length + 1;
  }
  settings.add({ key: 'clusters', value: clustersValue.join(','), keySpan: nodeSpan(at.keyNode), valueSpan: spanOf(text, at.value), entrySpan: fieldSpan(text, at), origin: 'cluster aliases of the resource', parts });
  const version = ctx.version ?? parseVersion(decoded(w.get(spec, 'version')), 'spec.version');
  const facts = new Map<string, unknown>([
    [FACT_RESOURCE, { kind: 'KafkaMirrorMaker2', apiVersion: scalarText(w.get(root, 'apiVersion'))?.trim() ?? '' }],
    [FACT_IGNORED_CONFIG, ignored],
  ]);
  return makeDocument({
    path: ctx.path,
    text,
    format: 'strimzi',
    role: 'mirrormaker',
    mode: 'unknown',
    ...(version ? { version } : {}),
    settings: settingsMap(settings.list),
    anchor: nodeSpan(at.keyNode),
    span: spanOf(text, root as YamlNode),
    writer: new StrimziClientWriter(text, targets, entries, detectStyle(text, root, w)),
    facts,
  });
}

// ---------------------------------------------------------------------------------------------
// YAML text editing

/** A value to write: text (rendered plain or quoted), a list, or an ordered mapping. */
export type YValue = string | YValue[] | YMap;
export class YMap {
  constructor(readonly entries: Array<[string, YValue]>) {}
}

/** Plain when YAML 1.1 reads it back as the same text, else double-quoted (JSON strings are valid YAML). */
export function yamlScalar(value: string, flow = false): string {
  const risky = value === '' || /^\s|\s$/.test(value) || /[\n\r\t]/.test(value) || /^[?:,[\]{}#&*!|>'"%@`]/.test(value) || /^-(\s|$)/.test(value) || /: |:$| #/.test(value) || (flow && /[,[\]{}]/.test(value));
  if (!risky) {
    const d = parseDocument(`k: ${value}`, { version: '1.1' });
    if (d.errors.length === 0) {
      const node = d.get('k', true) as YamlNode | undefined;
      if (node && isScalar(node) && scalarText(node) === value && node.value !== null) return value;
    }
  }
  return JSON.stringify(value);
}

/** From YAML text (a fix value such as `[{podSelector: …}]`) to a value to write. */
export function yValueFromYaml(source: string): YValue | undefined {
  const d = parseDocument(source, { version: '1.1' });
  if (d.errors.length) return undefined;
  const conv = (n: unknown): YValue | undefined => {
    if (isScalar(n)) return scalarText(n as YamlNode) ?? '';
    if (isSeq(n)) {
      const out: YValue[] = [];
      for (const i of n.items) {
        const v = conv(i);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    }
    if (isMap(n)) {
      const out: Array<[string, YValue]> = [];
      for (const p of n.items) {
        const k = scalarText(p.key as YamlNode);
        const v = conv(p.value);
        if (k === undefined || v === undefined) return undefined;
        out.push([k, v]);
      }
      return new YMap(out);
    }
    return undefined;
  };
  return conv(d.contents);
}

function renderFlow(v: YValue): string {
  if (typeof v === 'string') return yamlScalar(v, true);
  if (Array.isArray(v)) return `[${v.map(renderFlow).join(', ')}]`;
  return `{${v.entries.map(([k, x]) => `${yamlScalar(k, true)}: ${renderFlow(x)}`).join(', ')}}`;
}

interface Style {
  unit: number;
  /** Columns between a key and the dash of its block sequence (0 or the unit). */
  seqIndent: number;
}

function renderPair(key: string, v: YValue, style: Style): string[] {
  const k = yamlScalar(key);
  if (typeof v === 'string') return [`${k}: ${yamlScalar(v)}`];
  if (Array.isArray(v)) {
    if (v.length === 0) return [`${k}: []`];
    return [`${k}:`, ...renderSeq(v, style).map((l) => ' '.repeat(style.seqIndent) + l)];
  }
  if (v.entries.length === 0) return [`${k}: {}`];
  return [`${k}:`, ...v.entries.flatMap(([ck, cv]) => renderPair(ck, cv, style)).map((l) => ' '.repeat(style.unit) + l)];
}

function renderSeq(items: YValue[], style: Style): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') out.push(`- ${yamlScalar(item)}`);
    else if (Array.isArray(item)) out.push(`- ${renderFlow(item)}`);
    else if (item.entries.length === 0) out.push('- {}');
    else {
      const lines = item.entries.flatMap(([k, v]) => renderPair(k, v, { ...style, unit: style.unit }));
      lines.forEach((l, i) => out.push((i === 0 ? '- ' : '  ') + l));
    }
  }
  return out;
}

/** Text edits on the YAML of one file that keep its quoting, indentation, comments and line endings. */
class YamlEditor {
  readonly eol: string;

  constructor(readonly text: string, readonly style: Style) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  nextLineStart(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl < 0 ? this.text.length : nl + 1;
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  end(node: YamlNode | null | undefined): number {
    return contentEnd(this.text, node);
  }

  pairEnd(f: Field): number {
    return Math.max(this.end(f.keyNode) + 1, this.end(f.value));
  }

  /** Insertion point at the start of the line after `offset`, with the prefix needed at end of file. */
  private lineAfter(offset: number): { at: number; prefix: string } {
    const at = this.nextLineStart(offset);
    return at === this.text.length && !/\n$/.test(this.text) ? { at, prefix: this.eol } : { at, prefix: '' };
  }

  /** Replace a scalar's value, keeping its quoting style. */
  replaceScalar(node: YamlNode | null, value: string, flow = false): TextEdit | null {
    if (!node || !isScalar(node) || !node.range) return null;
    const span = { start: node.range[0], end: this.end(node) };
    const type = (node as { type?: string }).type;
    if (type === 'QUOTE_DOUBLE') return { span, newText: JSON.stringify(value) };
    if (type === 'QUOTE_SINGLE' && !/[\n\r]/.test(value)) return { span, newText: `'${value.replace(/'/g, "''")}'` };
    if (type === 'BLOCK_LITERAL') {
      const lines = value.replace(/\n$/, '').split('\n');
      const firstContent = this.nextLineStart(span.start);
      const indent = /^[ ]*/.exec(this.text.slice(firstContent))![0].length || this.column(span.start) + this.style.unit;
      const header = value.endsWith('\n') && !value.endsWith('\n\n') ? '|' : value.endsWith('\n') ? null : '|-';
      if (header === null) return { span, newText: JSON.stringify(value) };
      return { span, newText: header + this.eol + lines.map((l) => (l ? ' '.repeat(indent) + l : '')).join(this.eol) };
    }
    return { span, newText: yamlScalar(value, flow) };
  }

  /** Replace `value.slice(from, to)` of a scalar whose decoded value is `value`. */
  replaceInScalar(node: YamlNode | null, value: string, from: number, to: number, text: string, flow = false): TextEdit | null {
    if (!node || !isScalar(node) || !node.range) return null;
    const raw = this.text.slice(node.range[0], this.end(node));
    const next = value.slice(0, from) + text + value.slice(to);
    const type = (node as { type?: string }).type;
    if (type === 'PLAIN' && raw === value && yamlScalar(next, flow) === next) return { span: { start: node.range[0] + from, end: node.range[0] + to }, newText: text };
    if (type === 'QUOTE_DOUBLE' && raw === JSON.stringify(value) && JSON.stringify(text) === `"${text}"`) {
      return { span: { start: node.range[0] + 1 + from, end: node.range[0] + 1 + to }, newText: text };
    }
    if (type === 'QUOTE_SINGLE' && raw === `'${value}'` && !text.includes("'") && !/[\n\r]/.test(text)) {
      return { span: { start: node.range[0] + 1 + from, end: node.range[0] + 1 + to }, newText: text };
    }
    if (type === 'BLOCK_LITERAL' && !/[\n\r]/.test(text) && !value.slice(from, to).includes('\n')) {
      // Map the value offset to its line of the block: content lines are the value's lines, indented.
      const lineNo = value.slice(0, from).split('\n').length - 1;
      const col = from - (value.lastIndexOf('\n', from - 1) + 1);
      let lineStart = this.nextLineStart(node.range[0]);
      for (let i = 0; i < lineNo; i++) lineStart = this.nextLineStart(lineStart);
      const indent = /^[ ]*/.exec(this.text.slice(lineStart))![0].length;
      const start = lineStart + indent + col;
      if (this.text.slice(start, start + (to - from)) === value.slice(from, to)) return { span: { start, end: start + (to - from) }, newText: text };
    }
    return this.replaceScalar(node, next, flow);
  }

  /** Insert pairs into a mapping after `after` (else after its last pair), in its own style. */
  insertPairs(map: YamlNode, after: Field | undefined, pairs: Array<[string, YValue]>): TextEdit | null {
    if (!isMap(map) || !map.range || pairs.length === 0) return null;
    if (isFlow(map)) {
      const rendered = pairs.map(([k, v]) => `${yamlScalar(k, true)}: ${renderFlow(v)}`).join(', ');
      const items = map.items;
      if (items.length === 0) {
        const open = this.text.indexOf('{', map.range[0]);
        return { span: { start: open + 1, end: open + 1 }, newText: rendered };
      }
      const anchor = after ?? toField(items[items.length - 1]!);
      const at = this.pairEnd(anchor);
      return { span: { start: at, end: at }, newText: `, ${rendered}` };
    }
    const first = map.items[0];
    if (!first) return null;
    const indent = this.column((first.key as YamlNode).range![0]);
    const anchor = after ?? toField(map.items[map.items.length - 1]!);
    const { at, prefix } = this.lineAfter(this.pairEnd(anchor));
    const lines = pairs.flatMap(([k, v]) => renderPair(k, v, this.style));
    return { span: { start: at, end: at }, newText: prefix + lines.map((l) => ' '.repeat(indent) + l).join(this.eol) + this.eol };
  }

  /** Give a key that has no value (`config:`) its first pairs. */
  fillEmpty(holder: Field, pairs: Array<[string, YValue]>): TextEdit | null {
    const v = holder.value;
    if (v && !(isScalar(v) && v.value === null && this.text.slice(v.range![0], v.range![1]).trim() === '')) {
      if (isMap(v) && isFlow(v) && v.items.length === 0) return this.insertPairs(v, undefined, pairs);
      return null;
    }
    const indent = this.column(nodeSpan(holder.keyNode).start) + this.style.unit;
    const { at, prefix } = this.lineAfter(this.end(holder.keyNode));
    const lines = pairs.flatMap(([k, val]) => renderPair(k, val, this.style));
    return { span: { start: at, end: at }, newText: prefix + lines.map((l) => ' '.repeat(indent) + l).join(this.eol) + this.eol };
  }

  /** Remove a pair (its lines in block style, with its comma in flow style). */
  removePair(map: YamlNode, f: Field): TextEdit | null {
    if (!isMap(map)) return null;
    const items = map.items.map(toField);
    const idx = items.findIndex((x) => x.pair === f.pair);
    if (idx < 0) return null;
    const start = nodeSpan(f.keyNode).start;
    if (isFlow(map)) {
      if (idx < items.length - 1) return { span: { start, end: nodeSpan(items[idx + 1]!.keyNode).start }, newText: '' };
      if (idx > 0) return { span: { start: this.pairEnd(items[idx - 1]!), end: this.pairEnd(f) }, newText: '' };
      return { span: { start, end: this.pairEnd(f) }, newText: '' };
    }
    const ls = this.lineStart(start);
    const before = this.text.slice(ls, start);
    if (before.trim() === '') return { span: { start: ls, end: this.nextLineStart(this.pairEnd(f)) }, newText: '' };
    if (before.trim() === '-' && idx < items.length - 1) return { span: { start, end: nodeSpan(items[idx + 1]!.keyNode).start }, newText: '' };
    return null;
  }

  /** Remove one item of a sequence. */
  removeItem(seq: YamlNode, item: YamlNode): TextEdit | null {
    if (!isSeq(seq) || !item.range) return null;
    const items = seq.items as YamlNode[];
    const idx = items.indexOf(item);
    if (idx < 0) return null;
    if (isFlow(seq)) {
      if (idx < items.length - 1) return { span: { start: item.range[0], end: items[idx + 1]!.range![0] }, newText: '' };
      if (idx > 0) return { span: { start: this.end(items[idx - 1]!), end: this.end(item) }, newText: '' };
      return { span: { start: item.range[0], end: this.end(item) }, newText: '' };
    }
    const ls = this.lineStart(item.range[0]);
    if (this.text.slice(ls, item.range[0]).trim() !== '-') return null;
    return { span: { start: ls, end: this.nextLineStart(this.end(item)) }, newText: '' };
  }

  /** Append items to a sequence. */
  appendItems(seq: YamlNode, values: YValue[]): TextEdit | null {
    if (!isSeq(seq) || !seq.range || values.length === 0) return null;
    const items = seq.items as YamlNode[];
    const last = items[items.length - 1];
    if (isFlow(seq)) {
      if (!last) {
        const open = this.text.indexOf('[', seq.range[0]);
        return { span: { start: open + 1, end: open + 1 }, newText: values.map(renderFlow).join(', ') };
      }
      const at = this.end(last);
      return { span: { start: at, end: at }, newText: ', ' + values.map(renderFlow).join(', ') };
    }
    if (!last || !last.range) return null;
    const dash = this.text.lastIndexOf('-', last.range[0] - 1);
    const indent = this.column(dash);
    const { at, prefix } = this.lineAfter(this.end(last));
    return { span: { start: at, end: at }, newText: prefix + renderSeq(values, this.style).map((l) => ' '.repeat(indent) + l).join(this.eol) + this.eol };
  }
}

/** Whether an entry is written in its own mapping (not merged in with `<<` from an anchor). */
function ownPair(e: EntryRef): boolean {
  return !!e.container.map && isMap(e.container.map) && e.container.map.items.includes(e.field.pair);
}

function toField(p: Pair): Field {
  return { key: scalarText(p.key as YamlNode) ?? '', keyNode: p.key as YamlNode, value: (p.value as YamlNode | null) ?? null, pair: p };
}

/** Indentation style of a resource: the indent of `spec`'s children and how block sequences sit under their key. */
function detectStyle(text: string, root: unknown, w: YamlWalker): Style {
  const col = (o: number) => o - (text.lastIndexOf('\n', o - 1) + 1);
  const spec = field(w, root, 'spec');
  let unit = 2;
  if (spec && isMap(spec.value) && !isFlow(spec.value) && spec.value.items[0]) {
    const u = col((spec.value.items[0].key as YamlNode).range![0]) - col(nodeSpan(spec.keyNode).start);
    if (u > 0) unit = u;
  }
  let seqIndent = unit;
  const visit = (node: unknown, keyCol: number | undefined, depth: number): boolean => {
    if (depth > 12) return false;
    if (isSeq(node) && !isFlow(node as YamlNode) && keyCol !== undefined && node.items[0]) {
      const first = node.items[0] as YamlNode;
      const dash = text.lastIndexOf('-', first.range![0] - 1);
      seqIndent = Math.max(0, col(dash) - keyCol);
      return true;
    }
    if (isMap(node) && !isFlow(node as YamlNode)) {
      for (const p of node.items) if (visit(p.value, col((p.key as YamlNode).range![0]), depth + 1)) return true;
    }
    return false;
  };
  visit(spec?.value, undefined, 0);
  return { unit, seqIndent };
}

// ---------------------------------------------------------------------------------------------
// Writers

interface KafkaWriterInit {
  kafka: Container;
  listeners: ListenerModel[];
  authz: AuthzModel | undefined;
  config: Container;
  entries: EntryRef[];
  cluster: string;
  settings: () => ReadonlyMap<string, Setting>;
}

interface ListenerPlan {
  tls?: boolean;
  /** New authentication type; null removes it. */
  auth?: string | null;
  /** New networkPolicyPeers; null removes them. */
  peers?: YValue | null;
  /** listenerConfig keys to add. */
  listenerConfig?: Array<[string, string]>;
}

const LISTENER_FIELD_ORDER = ['name', 'port', 'type', 'tls', 'authentication', 'configuration', 'networkPolicyPeers'];
const KEYSTORE_KEY = /^ssl\.(keystore|truststore)\.[a-z.]+$|^ssl\.key\.password$/;

/** Turns canonical changes on a Kafka resource into edits of its fields. */
class StrimziKafkaWriter implements DocumentWriter {
  private readonly ed: YamlEditor;

  constructor(
    text: string,
    private readonly k: KafkaWriterInit,
    style: Style,
  ) {
    this.ed = new YamlEditor(text, style);
  }

  private listenerById(id: string): ListenerModel | undefined {
    return this.k.listeners.find((l) => l.id === id.toLowerCase());
  }

  private listenerByName(crName: string): ListenerModel | undefined {
    return this.k.listeners.find((l) => l.facts.crName === crName);
  }

  private entriesFor(key: string): EntryRef[] {
    return this.k.entries.filter((e) => e.settingKey === key);
  }

  edits(changes: readonly Change[]): TextEdit[] | null {
    const plans = new Map<ListenerModel, ListenerPlan>();
    const planFor = (l: ListenerModel) => plans.get(l) ?? plans.set(l, {}).get(l)!;
    const authz: { create?: { type: string; authorizerClass?: string }; remove?: boolean; authorizerClass?: string; superUsers?: string[] | null } = {};
    const configInserts = new Map<Container, Array<{ key: string; value: string; after?: string }>>();
    const entryValues = new Map<EntryRef, string>();
    const entryRemoves = new Set<EntryRef>();
    const direct: TextEdit[] = [];

    const settings = this.k.settings();
    const addInsert = (c: Container, key: string, value: string, after?: string) => {
      const list = configInserts.get(c) ?? configInserts.set(c, []).get(c)!;
      const existing = list.find((x) => x.key === key);
      if (existing) existing.value = value;
      else list.push(after ? { key, value, after } : { key, value });
    };

    const applyMap = (value: string): boolean => {
      const parsed = parseProtocolMap(value);
      for (const e of parsed) {
        const l = this.k.listeners.find((x) => x.facts.name === e.name);
        if (!l) {
          if (OPERATOR_LISTENERS.some((o) => o.name === e.name && o.protocol === e.protocol)) continue;
          return false;
        }
        if (l.facts.protocol === e.protocol) continue;
        if (!/^(PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL)$/.test(e.protocol)) return false;
        const tls = e.protocol.endsWith('SSL');
        const sasl = e.protocol.startsWith('SASL_');
        const plan = planFor(l);
        if (tls !== l.facts.tls) plan.tls = tls;
        if (sasl && !l.facts.sasl) {
          if (l.facts.authentication !== undefined && plan.auth === undefined) return false;
          plan.auth = 'scram-sha-512';
        }
        if (!sasl && l.facts.sasl) return false;
      }
      return true;
    };

    const applyAuthorizer = (value: string): boolean => {
      const v = value.trim();
      const a = this.k.authz;
      if (!a) {
        if (!v) return true;
        authz.create = SIMPLE_AUTHORIZER_CLASSES.has(v) ? { type: 'simple' } : { type: 'custom', authorizerClass: v };
        return true;
      }
      if (!v) {
        authz.remove = true;
        return true;
      }
      if (a.type === 'simple' && SIMPLE_AUTHORIZER_CLASSES.has(v)) return true;
      if (a.type === 'custom' && a.classF) {
        authz.authorizerClass = v;
        return true;
      }
      return false;
    };

    const applySuperUsers = (value: string): boolean => {
      const operator = new Set(operatorSuperUsers(this.k.cluster));
      const users: string[] = [];
      for (const item of listItems(value, ';')) {
        if (operator.has(item.text)) continue;
        // The operator writes `User:<entry>`: only User principals can be expressed.
        if (!item.text.startsWith('User:')) return false;
        users.push(item.text.slice('User:'.length));
      }
      authz.superUsers = users;
      return true;
    };

    const setKey = (key: string, value: string, after?: string): boolean => {
      const path = /^spec\.kafka\.listeners\[([^\]]+)\]\.([A-Za-z]+)$/.exec(key);
      if (path) {
        const l = this.listenerByName(path[1]!);
        const v = yValueFromYaml(value);
        if (!l || v === undefined) return false;
        if (path[2] === 'networkPolicyPeers') planFor(l).peers = v;
        else if (path[2] === 'tls' && typeof v === 'string') planFor(l).tls = v === 'true';
        else if (path[2] === 'authentication' && v instanceof YMap && v.entries.length === 1 && v.entries[0]![0] === 'type' && typeof v.entries[0]![1] === 'string') planFor(l).auth = v.entries[0]![1];
        else return false;
        return true;
      }
      const raw = /^spec\.kafka\.config\[(.+)\]$/.exec(key);
      if (raw) {
        const existing = this.entriesFor(key);
        if (existing.length) {
          entryValues.set(existing[existing.length - 1]!, value);
          return true;
        }
        return setKey(raw[1]!, value, after);
      }
      if (key === 'listener.security.protocol.map') return applyMap(value);
      if (key === 'authorizer.class.name') return applyAuthorizer(value);
      if (key === 'super.users') return applySuperUsers(value);
      const existing = this.entriesFor(key);
      if (existing.length) {
        entryValues.set(existing[existing.length - 1]!, value);
        return true;
      }
      const lm = /^listener\.name\.([^.]+)\.(.+)$/.exec(key);
      if (lm) {
        const l = this.listenerById(lm[1]!);
        if (!l) return false;
        const rest = lm[2]!;
        if (rest === 'ssl.client.auth') {
          if (value.trim().toLowerCase() !== 'required') return false;
          const plan = planFor(l);
          if (l.facts.authentication === 'tls' && plan.auth === undefined) return true;
          if (l.facts.authentication !== undefined && plan.auth === undefined) return false;
          plan.auth = 'tls';
          if (l.facts.tls !== true) plan.tls = true;
          return true;
        }
        // Listener certificates and trust stores are provided by the operator for TLS listeners [S37].
        if (KEYSTORE_KEY.test(rest)) return true;
        if (KAFKA_PER_LISTENER_ALLOWED.test(rest)) {
          addInsert(this.k.config, key, value, after);
          return true;
        }
        if (l.facts.authentication === 'custom' && l.listenerConfig && !forbiddenPrefix('listener', rest)) {
          const plan = planFor(l);
          (plan.listenerConfig ??= []).push([rest, value]);
          return true;
        }
        return false;
      }
      if (settings.get(key)?.state === 'default') return forbiddenPrefix('kafka', key) ? false : (addInsert(this.k.config, key, value, after), true);
      if (forbiddenPrefix('kafka', key, this.k.listeners.map((l) => l.id))) return false;
      if (settings.has(key)) return false; // derived from a resource field this writer cannot set
      addInsert(this.k.config, key, value, after);
      return true;
    };

    for (const change of changes) {
      if (change.op === 'set') {
        if (!setKey(change.key, change.value, change.after)) return null;
      } else if (change.op === 'remove') {
        const path = /^spec\.kafka\.listeners\[([^\]]+)\]\.([A-Za-z]+)$/.exec(change.key);
        if (path) {
          const l = this.listenerByName(path[1]!);
          if (!l) return null;
          if (path[2] === 'networkPolicyPeers') planFor(l).peers = null;
          else if (path[2] === 'authentication') planFor(l).auth = null;
          else return null;
          continue;
        }
        const base = /^spec\.kafka\.config\[(.+)\]$/.exec(change.key)?.[1];
        for (const e of this.k.entries) if (e.settingKey === change.key || (!base && e.field.key === change.key && e.container === this.k.config)) entryRemoves.add(e);
        if (change.key === 'authorizer.class.name' && this.k.authz) authz.remove = true;
        else if (change.key === 'super.users' && this.k.authz?.superUsersF) authz.superUsers = null;
        else {
          const lm = /^listener\.name\.([^.]+)\.ssl\.client\.auth$/.exec(change.key);
          const l = lm ? this.listenerById(lm[1]!) : undefined;
          if (l && l.facts.authentication === 'tls') planFor(l).auth = null;
          else if (!this.entriesFor(change.key).length && settings.get(change.key) && settings.get(change.key)!.state !== 'default' && !base) return null;
        }
      } else {
        const s = settings.get(change.key);
        if (!s) return null;
        const next = s.value.slice(0, change.from) + change.text + s.value.slice(change.to);
        if (change.key === 'listener.security.protocol.map') {
          if (!applyMap(next)) return null;
          continue;
        }
        if (change.key === 'super.users') {
          if (!applySuperUsers(next)) return null;
          continue;
        }
        const entry = this.entriesFor(change.key).pop();
        if (!entry || !ownPair(entry)) return null;
        const edit = this.ed.replaceInScalar(entry.field.value, s.value, change.from, change.to, change.text, isFlow(entry.container.map));
        if (!edit) return null;
        direct.push(edit);
      }
    }

    const edits: TextEdit[] = [...direct];
    for (const [e, value] of entryValues) {
      if (!ownPair(e)) return null; // merged in from an anchor other nodes share
      const edit = this.ed.replaceScalar(e.field.value, value, isFlow(e.container.map));
      if (!edit) return null;
      edits.push(edit);
    }
    const removed = this.removeEntries(entryRemoves);
    if (!removed) return null;
    edits.push(...removed);
    for (const [l, plan] of plans) {
      const e = this.listenerEdits(l, plan);
      if (!e) return null;
      edits.push(...e);
    }
    const a = this.authzEdits(authz);
    if (!a) return null;
    edits.push(...a);
    for (const [c, list] of configInserts) {
      const e = this.insertEntries(c, list, entryRemoves);
      if (!e) return null;
      edits.push(...e);
    }
    return mergeEdits(edits);
  }

  /** Remove entries; a container left empty is removed as a whole. */
  private removeEntries(entries: Set<EntryRef>): TextEdit[] | null {
    const byContainer = new Map<Container, EntryRef[]>();
    for (const e of entries) (byContainer.get(e.container) ?? byContainer.set(e.container, []).get(e.container)!).push(e);
    const out: TextEdit[] = [];
    for (const [c, list] of byContainer) {
      const map = c.map;
      if (!map || !isMap(map)) return null;
      if (list.length === map.items.length && c.holder && c.parent?.map) {
        const edit = this.ed.removePair(c.parent.map, c.holder);
        if (!edit) return null;
        out.push(edit);
        continue;
      }
      for (const e of list) {
        const edit = this.ed.removePair(map, e.field);
        if (!edit) return null;
        out.push(edit);
      }
    }
    return out;
  }

  /** New config entries: after `after` when it is an entry of this container, else at its end; or a new container. */
  private insertEntries(c: Container, list: Array<{ key: string; value: string; after?: string }>, removing: Set<EntryRef>): TextEdit[] | null {
    const map = c.map;
    if (map && isMap(map) && map.items.length > 0) {
      const all = map.items.map(toField);
      const groups = new Map<Field | undefined, Array<[string, YValue]>>();
      for (const x of list) {
        const anchor = x.after ? all.filter((f) => f.key === x.after && ![...removing].some((r) => r.field.pair === f.pair)).pop() : undefined;
        (groups.get(anchor) ?? groups.set(anchor, []).get(anchor)!).push([x.key, x.value]);
      }
      const out: TextEdit[] = [];
      for (const [anchor, pairs] of groups) {
        const edit = this.ed.insertPairs(map, anchor, pairs);
        if (!edit) return null;
        out.push(edit);
      }
      return out;
    }
    const pairs: Array<[string, YValue]> = list.map((x) => [x.key, x.value]);
    if (c.holder) {
      const edit = this.ed.fillEmpty(c.holder, pairs);
      return edit ? [edit] : null;
    }
    const parent = c.parent?.map;
    if (!parent || !isMap(parent)) return null;
    const anchor = this.anchorIn(parent, c.after ?? []);
    const edit = this.ed.insertPairs(parent, anchor, [[c.name, new YMap(pairs)]]);
    return edit ? [edit] : null;
  }

  private anchorIn(map: YamlNode, names: string[]): Field | undefined {
    if (!isMap(map)) return undefined;
    const all = map.items.map(toField);
    for (const n of names) {
      const f = all.find((x) => x.key === n);
      if (f) return f;
    }
    return undefined;
  }

  private listenerEdits(l: ListenerModel, plan: ListenerPlan): TextEdit[] | null {
    const out: TextEdit[] = [];
    const inserts: Array<[string, YValue]> = [];
    const map = l.item;
    if (plan.tls !== undefined && plan.tls !== l.facts.tls) {
      if (l.facts.legacy && l.facts.crName !== 'external') return null; // old plain/tls listeners have a fixed protocol
      const tlsF = l.fieldsByName.get('tls');
      if (tlsF) {
        const e = this.ed.replaceScalar(tlsF.value, String(plan.tls), isFlow(map));
        if (!e) return null;
        out.push(e);
      } else inserts.push(['tls', String(plan.tls)]);
    }
    if (plan.auth !== undefined) {
      const authF = l.authField;
      if (plan.auth === null) {
        if (authF) {
          const e = map && this.ed.removePair(map, authF);
          if (!e) return null;
          out.push(e);
        }
      } else if (authF) {
        const auth = authF.value;
        if (!auth || !isMap(auth) || auth.items.length !== 1) return null;
        const only = toField(auth.items[0]!);
        if (only.key !== 'type') return null;
        const e = this.ed.replaceScalar(only.value, plan.auth, isFlow(auth));
        if (!e) return null;
        out.push(e);
      } else inserts.push(['authentication', new YMap([['type', plan.auth]])]);
    }
    if (plan.peers !== undefined) {
      const peersF = l.fieldsByName.get('networkPolicyPeers');
      if (plan.peers === null) {
        if (peersF) {
          const e = map && this.ed.removePair(map, peersF);
          if (!e) return null;
          out.push(e);
        }
      } else if (peersF) {
        if (!peersF.value || !isFlow(peersF.value)) return null;
        out.push({ span: spanOf(this.ed.text, peersF.value), newText: renderFlow(plan.peers) });
      } else inserts.push(['networkPolicyPeers', plan.peers]);
    }
    if (plan.listenerConfig?.length) {
      const c = l.listenerConfig!;
      const e = this.insertEntries(
        c,
        plan.listenerConfig.map(([key, value]) => ({ key, value })),
        new Set(),
      );
      if (!e) return null;
      out.push(...e);
    }
    if (inserts.length) {
      const e = this.insertListenerFields(l, inserts);
      if (!e) return null;
      out.push(...e);
    }
    return out;
  }

  /** Insert listener fields after the field that precedes each in the CRD's order. */
  private insertListenerFields(l: ListenerModel, inserts: Array<[string, YValue]>): TextEdit[] | null {
    const map = l.item;
    if (!map || !isMap(map)) {
      // `plain:` with no value in the old format.
      if (l.legacyField) {
        const e = this.ed.fillEmpty(l.legacyField, inserts);
        return e ? [e] : null;
      }
      return null;
    }
    if (map.items.length === 0) {
      const e = this.ed.insertPairs(map, undefined, inserts);
      return e ? [e] : null;
    }
    const present = map.items.map(toField);
    const groups = new Map<Field, Array<[string, YValue]>>();
    for (const ins of inserts) {
      const order = LISTENER_FIELD_ORDER.indexOf(ins[0]);
      let anchor: Field | undefined;
      for (const f of present) {
        const o = LISTENER_FIELD_ORDER.indexOf(f.key);
        if (o >= 0 && o < order && (!anchor || o >= LISTENER_FIELD_ORDER.indexOf(anchor.key))) anchor = f;
      }
      anchor ??= present[present.length - 1]!;
      (groups.get(anchor) ?? groups.set(anchor, []).get(anchor)!).push(ins);
    }
    const out: TextEdit[] = [];
    for (const [anchor, pairs] of groups) {
      const e = this.ed.insertPairs(map, anchor, pairs);
      if (!e) return null;
      out.push(e);
    }
    return out;
  }

  private authzEdits(plan: { create?: { type: string; authorizerClass?: string }; remove?: boolean; authorizerClass?: string; superUsers?: string[] | null }): TextEdit[] | null {
    const a = this.k.authz;
    const kafka = this.k.kafka.map!;
    if (plan.remove) {
      if (!a) return [];
      const e = this.ed.removePair(kafka, a.field);
      return e ? [e] : null;
    }
    if (plan.create) {
      if (a) return null;
      const entries: Array<[string, YValue]> = [['type', plan.create.type]];
      if (plan.create.authorizerClass) entries.push(['authorizerClass', plan.create.authorizerClass]);
      if (plan.superUsers) entries.push(['superUsers', plan.superUsers]);
      const e = this.ed.insertPairs(kafka, this.anchorIn(kafka, ['listeners']), [['authorization', new YMap(entries)]]);
      return e ? [e] : null;
    }
    const out: TextEdit[] = [];
    if (plan.authorizerClass !== undefined) {
      const e = this.ed.replaceScalar(a?.classF?.value ?? null, plan.authorizerClass);
      if (!e) return null;
      out.push(e);
    }
    if (plan.superUsers !== undefined) {
      if (!a) return plan.superUsers === null || plan.superUsers.length === 0 ? out : null;
      const authMap = a.field.value!;
      if (plan.superUsers === null) {
        const e = a.superUsersF ? this.ed.removePair(authMap, a.superUsersF) : undefined;
        if (e === null) return null;
        if (e) out.push(e);
        return out;
      }
      const e = this.superUsersEdits(a, plan.superUsers);
      if (!e) return null;
      out.push(...e);
    }
    return out;
  }

  private superUsersEdits(a: AuthzModel, next: string[]): TextEdit[] | null {
    const authMap = a.field.value!;
    const old = a.superUsers;
    if (!a.superUsersF) {
      if (next.length === 0) return [];
      const e = this.ed.insertPairs(authMap, undefined, [['superUsers', next]]);
      return e ? [e] : null;
    }
    const seq = a.superUsersF.value!;
    if (next.length === 0) {
      const e = this.ed.removePair(authMap, a.superUsersF);
      return e ? [e] : null;
    }
    if (next.length === old.length) {
      const out: TextEdit[] = [];
      for (let i = 0; i < next.length; i++) {
        if (next[i] === old[i]!.value) continue;
        const e = this.ed.replaceScalar(old[i]!.node, next[i]!, isFlow(seq));
        if (!e) return null;
        out.push(e);
      }
      return out;
    }
    if (next.length === old.length - 1) {
      const i = old.findIndex((o, idx) => o.value !== next[idx]);
      const idx = i < 0 ? old.length - 1 : i;
      if (old.filter((_, j) => j !== idx).some((o, j) => o.value !== next[j])) return null;
      const e = this.ed.removeItem(seq, old[idx]!.node);
      return e ? [e] : null;
    }
    if (next.length > old.length && old.every((o, i) => o.value === next[i])) {
      const e = this.ed.appendItems(seq, next.slice(old.length));
      return e ? [e] : null;
    }
    return null;
  }
}

/** Turns canonical changes on a KafkaConnect / KafkaMirrorMaker2 resource into edits. */
class StrimziClientWriter implements DocumentWriter {
  private readonly ed: YamlEditor;

  constructor(
    text: string,
    private readonly targets: ClientTarget[],
    private readonly entries: EntryRef[],
    style: Style,
  ) {
    this.ed = new YamlEditor(text, style);
  }

  /** The client a key belongs to; Connect's task-client prefixes share the worker's security fields only. */
  private targetFor(key: string): { t: ClientTarget; rest: string } | undefined {
    for (const t of [...this.targets].sort((a, b) => b.prefix.length - a.prefix.length)) {
      if (!key.startsWith(t.prefix)) continue;
      const rest = key.slice(t.prefix.length);
      const mirror = t.mirrors.find((m) => rest === `${m}security.protocol`);
      return { t, rest: mirror ? 'security.protocol' : rest };
    }
    return undefined;
  }

  edits(changes: readonly Change[]): TextEdit[] | null {
    const edits: TextEdit[] = [];
    const inserts = new Map<ClientTarget, Array<[string, YValue]>>();
    const configInserts = new Map<ClientTarget, Array<[string, YValue]>>();
    const done = new Set<string>();
    for (const change of changes) {
      const entry = this.entries.filter((e) => e.settingKey === change.key).pop();
      if (change.op === 'remove') {
        for (const e of this.entries.filter((x) => x.settingKey === change.key)) {
          const edit = e.container.map && this.ed.removePair(e.container.map, e.field);
          if (!edit) return null;
          edits.push(edit);
        }
        continue;
      }
      if (entry && !ownPair(entry)) return null; // merged in from an anchor other nodes share
      if (change.op === 'replace-in-value') {
        if (!entry) return null;
        const value = decoded(entry.field.value) ?? '';
        const edit = this.ed.replaceInScalar(entry.field.value, value, change.from, change.to, change.text, isFlow(entry.container.map));
        if (!edit) return null;
        edits.push(edit);
        continue;
      }
      if (entry) {
        const edit = this.ed.replaceScalar(entry.field.value, change.value, isFlow(entry.container.map));
        if (!edit) return null;
        edits.push(edit);
        continue;
      }
      const target = this.targetFor(change.key);
      if (!target) return null;
      const { t, rest } = target;
      if (rest === 'security.protocol') {
        const p = change.value.trim().toUpperCase();
        if (!/^(PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL)$/.test(p)) return null;
        const tls = p.endsWith('SSL');
        const sasl = p.startsWith('SASL_');
        const hasSasl = !!t.authType && t.authType !== 'tls';
        if ((!tls && t.tls) || (!sasl && hasSasl)) return null;
        if (done.has(t.prefix + p)) continue;
        done.add(t.prefix + p);
        const list = inserts.get(t) ?? inserts.set(t, []).get(t)!;
        if (tls && !t.tls) {
          list.push(['tls', new YMap([['trustedCertificates', [new YMap([['secretName', '<CLUSTER_CA_CERT_SECRET>'], ['pattern', '*.crt']])]]])]);
        }
        if (sasl && !hasSasl) {
          if (t.authType) return null;
          list.push(['authentication', new YMap([['type', 'scram-sha-512'], ['username', '<USERNAME>'], ['passwordSecret', new YMap([['secretName', '<SECRET_NAME>'], ['password', '<PASSWORD_KEY>']])]])]);
        }
        continue;
      }
      if (forbiddenPrefix('connect', rest) || /->/.test(change.key)) return null;
      (configInserts.get(t) ?? configInserts.set(t, []).get(t)!).push([rest, change.value]);
    }
    for (const [t, pairs] of inserts) {
      if (!pairs.length) continue;
      const all = [...t.fieldsByName.values()];
      const anchor = t.fieldsByName.get('tls') && pairs[0]![0] === 'authentication' ? t.fieldsByName.get('tls') : (t.fieldsByName.get('bootstrapServers') ?? all[all.length - 1]);
      const edit = this.ed.insertPairs(t.map, anchor, pairs);
      if (!edit) return null;
      edits.push(edit);
    }
    for (const [t, pairs] of configInserts) {
      const c = t.config;
      let edit: TextEdit | null;
      if (c.map && isMap(c.map) && c.map.items.length) edit = this.ed.insertPairs(c.map, undefined, pairs);
      else if (c.holder) edit = this.ed.fillEmpty(c.holder, pairs);
      else {
        const all = [...t.fieldsByName.values()];
        const anchor = (c.after ?? []).map((n) => t.fieldsByName.get(n)).find(Boolean) ?? all[all.length - 1];
        edit = this.ed.insertPairs(t.map, anchor, [['config', new YMap(pairs)]]);
      }
      if (!edit) return null;
      edits.push(edit);
    }
    return mergeEdits(edits);
  }
}

