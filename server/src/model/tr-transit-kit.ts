/**
 * Helpers shared by the data-in-transit (TR) rules: listener spans and exposure, the KRaft quorum,
 * moving a listener to a TLS protocol, and the client "scopes" (which keys each Kafka client of a
 * Java client, Connect worker, Streams app, MirrorMaker 2 or librdkafka file reads).
 */
import type { Span } from '../parse/text';
import { anchorFor } from './anchors';
import { classifyHost, listenerTable, listItems, parseListenerList, parseProtocolMap, valueSubSpan, type Exposure, type Listener, type SecurityProtocol, SECURITY_PROTOCOLS } from './listeners';
import type { Change, KafkaDocument, Setting } from './types';
import { splitList } from './values';

/** A setting whose value can be evaluated (not a template, not a config-provider reference). */
export function readable(s: Setting | undefined): Setting | undefined {
  return s && (s.state === 'literal' || s.state === 'default') ? s : undefined;
}

/** Keys that shape the listener table; when one is a template or a reference, listener-based checks cannot be evaluated. */
const LISTENER_KEYS = [
  'listeners',
  'advertised.listeners',
  'listener.security.protocol.map',
  'controller.listener.names',
  'inter.broker.listener.name',
  'security.inter.broker.protocol',
  'control.plane.listener.name',
  'process.roles',
];

/** Every key that shapes the listener table holds a literal value (RULES.md §A.0: never judge unresolvable values). */
export function listenersEvaluable(doc: KafkaDocument): boolean {
  return LISTENER_KEYS.every((k) => {
    const s = doc.settings.get(k);
    return !s || s.state === 'literal' || s.state === 'default';
  });
}

export function asProtocol(value: string | undefined): SecurityProtocol | undefined {
  const up = (value ?? '').trim().toUpperCase();
  return (SECURITY_PROTOCOLS as readonly string[]).includes(up) ? (up as SecurityProtocol) : undefined;
}

/** The span of the item `name` (compared case-insensitively) inside a comma-separated setting. */
export function itemSpan(doc: KafkaDocument, setting: Setting, name: string): Span | undefined {
  const item = listItems(setting.value).find((i) => i.text.toUpperCase() === name.toUpperCase());
  return item ? valueSubSpan(doc, setting, item.from, item.to) : undefined;
}

/** Where a listener is written: its item in `listeners`, or for an outbound controller link its item in `controller.listener.names`. */
export function listenerSpan(doc: KafkaDocument, l: Listener): Span {
  if (l.bound) return l.span;
  const names = doc.settings.get('controller.listener.names');
  return (names && itemSpan(doc, names, l.name)) ?? l.span;
}

/** A bound listener is reachable from a public address (its advertised host, or its bind host when nothing is advertised). */
export function isPubliclyExposed(l: Listener): boolean {
  return l.advertisedExposure === 'public' || (l.advertisedHost === undefined && l.exposure === 'public');
}

/** Host part of `host:port`, `[v6]:port`, `id@host:port` or `PROTOCOL://host:port`. */
export function hostOf(endpoint: string): string {
  let e = endpoint.trim().replace(/^[A-Za-z0-9_.-]+:\/\//, '');
  const at = e.indexOf('@');
  if (at >= 0) e = e.slice(at + 1);
  if (e.startsWith('[')) return e.slice(0, e.indexOf(']') + 1);
  const colon = e.lastIndexOf(':');
  return colon >= 0 ? e.slice(0, colon) : e;
}

/** Exposure classes of the KRaft quorum endpoints (`controller.quorum.voters`, `controller.quorum.bootstrap.servers`); empty when unknown. */
export function quorumExposures(doc: KafkaDocument): Exposure[] {
  const out: Exposure[] = [];
  for (const key of ['controller.quorum.voters', 'controller.quorum.bootstrap.servers']) {
    const s = readable(doc.settings.get(key));
    if (!s) continue;
    for (const item of splitList(s.value)) out.push(classifyHost(hostOf(item)));
  }
  return out;
}

/**
 * The file describes a one-node cluster: a combined KRaft node whose quorum is exactly itself
 * (`controller.quorum.voters` has one voter, with this `node.id`).
 */
export function isSingleNodeCluster(doc: KafkaDocument): boolean {
  if (doc.role !== 'combined') return false;
  const voters = splitList(readable(doc.settings.get('controller.quorum.voters'))?.value);
  if (voters.length !== 1) return false;
  const id = voters[0]!.split('@')[0]!.trim();
  return id !== '' && id === doc.settings.get('node.id')?.value.trim();
}

/** The protocol of a listener name, even when the name is not in `listeners` (fragments): map entry, else identity. */
export function protocolOfName(doc: KafkaDocument, name: string): SecurityProtocol | undefined {
  const upper = name.trim().toUpperCase();
  const listed = listenerTable(doc).listeners.find((l) => l.name === upper);
  if (listed) return listed.protocol;
  const map = doc.settings.get('listener.security.protocol.map');
  if (map) {
    if (map.state !== 'literal' && map.state !== 'default') return undefined;
    return asProtocol(parseProtocolMap(map.value).find((e) => e.name === upper)?.protocol);
  }
  return asProtocol(upper);
}

/** `set` changes for TLS material placeholders of listener `lower`, skipping keys that are already present. */
export function tlsPlaceholders(
  doc: KafkaDocument,
  lower: string,
  after: string | undefined,
  what: { keystore?: boolean; truststore?: boolean; clientAuth?: boolean },
): Change[] {
  const wanted: Array<[string, string]> = [];
  if (what.keystore !== false) {
    wanted.push([`listener.name.${lower}.ssl.keystore.location`, '<PATH_TO_KEYSTORE>']);
    wanted.push([`listener.name.${lower}.ssl.keystore.password`, `\${file:<SECRETS_FILE>:${lower}.keystore.password}`]);
  }
  if (what.truststore) wanted.push([`listener.name.${lower}.ssl.truststore.location`, '<PATH_TO_TRUSTSTORE>']);
  if (what.clientAuth) wanted.push([`listener.name.${lower}.ssl.client.auth`, 'required']);
  return wanted
    .filter(([key]) => !doc.settings.has(key))
    .map(([key, value]) => (after ? { op: 'set' as const, key, value, after } : { op: 'set' as const, key, value }));
}

/**
 * Changes that move listener L to `protocol`: its entry in an explicit map changes; a listener named
 * after its protocol (default map) is renamed wherever the name is used. Keystore placeholders are
 * added when absent. Undefined when no safe edit exists, e.g. the new name is taken, or
 * `listener.name.<old>.` keys would have to move (their values may be secrets, which a fix never copies).
 */
export function moveListenerTo(doc: KafkaDocument, l: Listener, protocol: 'SASL_SSL' | 'SSL'): Change[] | undefined {
  const changes: Change[] = [];
  let newName = l.name;
  const map = doc.settings.get('listener.security.protocol.map');
  if (l.protocolSource === 'map' && map) {
    const entry = parseProtocolMap(map.value).find((e) => e.name === l.name);
    if (!entry) return undefined;
    changes.push({ op: 'replace-in-value', key: map.key, from: entry.protocolFrom, to: entry.to, text: protocol });
  } else if (l.protocolSource === 'identity') {
    newName = protocol;
    if (listenerTable(doc).listeners.some((o) => o.name === newName)) return undefined;
    const oldPrefix = `listener.name.${l.name.toLowerCase()}.`;
    if ([...doc.settings.keys()].some((k) => k.toLowerCase().startsWith(oldPrefix))) return undefined;
    for (const key of ['listeners', 'advertised.listeners']) {
      const s = doc.settings.get(key);
      if (!s) continue;
      for (const item of parseListenerList(s.value)) {
        if (item.name === l.name) changes.push({ op: 'replace-in-value', key, from: item.from, to: item.nameTo, text: newName });
      }
    }
    for (const key of ['controller.listener.names', 'inter.broker.listener.name', 'control.plane.listener.name']) {
      const s = doc.settings.get(key);
      if (!s) continue;
      for (const item of listItems(s.value)) {
        if (item.text.toUpperCase() === l.name) changes.push({ op: 'replace-in-value', key, from: item.from, to: item.to, text: newName });
      }
    }
    const ibp = doc.settings.get('security.inter.broker.protocol');
    if (ibp && ibp.value.trim().toUpperCase() === l.name) changes.push({ op: 'set', key: ibp.key, value: newName });
    if (changes.length === 0) return undefined;
  } else {
    return undefined;
  }
  const after = map ? map.key : doc.settings.has('listeners') ? 'listeners' : undefined;
  changes.push(...tlsPlaceholders(doc, newName.toLowerCase(), after, { keystore: true }));
  return changes;
}

// ---------------------------------------------------------------------------------------------
// Client scopes

/** One Kafka client (or a family of clients) a client-side file configures, and where it reads its keys. */
export interface ClientScope {
  /** Plain words for the clients: "the client", "connector producers", "clients of cluster A". */
  label: string;
  /** Key prefixes this client reads, most specific first; '' is the top level. */
  chain: string[];
  /** Prefix under which a missing key should be added for this client. */
  fixPrefix: string;
  /** librdkafka: lower-case enum values, `sasl.mechanisms`. */
  librdkafka: boolean;
  /** Name for a whole family of scopes ("clients of cluster A"), used when every member shares a finding. */
  family?: string;
}

/** MirrorMaker 2 cluster aliases: the `clusters` list, plus aliases named in `A->B.` flow keys. */
export function mm2Aliases(doc: KafkaDocument): string[] {
  const aliases = splitList(doc.settings.get('clusters')?.value);
  for (const key of doc.settings.keys()) {
    const m = /^([^.>-][^.>]*?)->([^.]+)\./.exec(key);
    if (m) for (const a of [m[1]!, m[2]!]) if (!aliases.includes(a)) aliases.push(a);
  }
  return aliases;
}

export function isMirrorMaker(doc: KafkaDocument): boolean {
  return doc.role === 'mirrormaker' || (doc.format === 'client-properties' && doc.settings.has('clusters'));
}

/**
 * The clients a client-side document configures:
 * - Java client, librdkafka: the top level.
 * - Connect worker: the worker's own clients (top level); connector producers and consumers read only
 *   `producer.`/`consumer.` keys (Worker.baseProducerConfigs / baseConsumerConfigs); connector admin
 *   clients read the top level overridden by `admin.` (Worker.adminConfigs).
 * - Streams: `main.consumer.`/`restore.consumer.`/`global.consumer.` › `consumer.` › top level; `producer.` › top; `admin.` › top (StreamsConfig).
 * - MirrorMaker 2: per cluster alias A, `A.producer.`/`A.consumer.`/`A.admin.` › `A.` › top level (MirrorMakerConfig.clusterProps).
 */
export function clientScopes(doc: KafkaDocument): ClientScope[] {
  const librdkafka = doc.format === 'librdkafka';
  const scope = (label: string, chain: string[], fixPrefix: string, family?: string): ClientScope =>
    family ? { label, chain, fixPrefix, librdkafka, family } : { label, chain, fixPrefix, librdkafka };
  if (librdkafka) return [scope('the client', [''], '')];
  if (isMirrorMaker(doc)) {
    const out: ClientScope[] = [];
    for (const a of mm2Aliases(doc)) {
      for (const c of ['producer', 'consumer', 'admin']) out.push(scope(`${c} clients of cluster ${a}`, [`${a}.${c}.`, `${a}.`, ''], `${a}.`, `clients of cluster ${a}`));
    }
    return out;
  }
  if (doc.role === 'connect') {
    return [
      scope('the worker', [''], ''),
      scope('connector producers', ['producer.'], 'producer.'),
      scope('connector consumers', ['consumer.'], 'consumer.'),
      scope('connector admin clients', ['admin.', ''], ''),
    ];
  }
  if (doc.role === 'streams') {
    return [
      scope('the main consumer', ['main.consumer.', 'consumer.', ''], '', 'every client of the application'),
      scope('the restore consumer', ['restore.consumer.', 'consumer.', ''], '', 'every client of the application'),
      scope('the global consumer', ['global.consumer.', 'consumer.', ''], '', 'every client of the application'),
      scope('the producer', ['producer.', ''], '', 'every client of the application'),
      scope('the admin client', ['admin.', ''], '', 'every client of the application'),
    ];
  }
  return [scope('the client', [''], '')];
}

/** The first setting of `base` along a scope's chain. */
export function scopeSetting(doc: KafkaDocument, scope: ClientScope, ...bases: string[]): Setting | undefined {
  for (const p of scope.chain) {
    for (const b of bases) {
      const s = doc.settings.get(p + b);
      if (s) return s;
    }
  }
  return undefined;
}

/** Every bootstrap host of a scope is a loopback address (a development setup). */
export function scopeIsLoopbackOnly(doc: KafkaDocument, scope: ClientScope): boolean {
  const chain = scope.chain.includes('') ? scope.chain : [...scope.chain, ''];
  let s: Setting | undefined;
  for (const p of chain) {
    s = doc.settings.get(p + 'bootstrap.servers') ?? (scope.librdkafka ? doc.settings.get(p + 'metadata.broker.list') : undefined);
    if (s) break;
  }
  if (!readable(s)) return false;
  const hosts = splitList(s!.value).map(hostOf);
  return hosts.length > 0 && hosts.every((h) => classifyHost(h) === 'loopback');
}

/** The anchor for a key missing from a scope: the most related present entry. */
export function scopeAnchor(doc: KafkaDocument, scope: ClientScope): { span: Span; key: string | undefined } {
  const prefix = scope.fixPrefix;
  const keys =
    prefix === ''
      ? ['bootstrap.servers', 'metadata.broker.list', 'sasl.mechanism', 'sasl.mechanisms', 'sasl.jaas.config']
      : /^(producer|consumer|admin)\.$/.test(prefix)
        ? ['security.protocol', 'bootstrap.servers']
        : [`${prefix}bootstrap.servers`, `${prefix}sasl.mechanism`, `${prefix}sasl.jaas.config`];
  for (const k of keys) if (doc.settings.has(k)) return { span: anchorFor(doc, k), key: k };
  return { span: doc.anchor, key: undefined };
}

/** Plain words for a set of scopes: whole families by their family name, the rest by label. */
export function describeScopes(scopes: readonly ClientScope[], all: readonly ClientScope[]): string {
  const parts: string[] = [];
  const done = new Set<ClientScope>();
  for (const s of scopes) {
    if (done.has(s)) continue;
    if (s.family) {
      const members = all.filter((o) => o.family === s.family);
      if (members.every((m) => scopes.includes(m))) {
        parts.push(s.family);
        members.forEach((m) => done.add(m));
        continue;
      }
    }
    parts.push(s.label);
    done.add(s);
  }
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
