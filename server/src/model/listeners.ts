import type { Span } from '../parse/text';
import { versionAtLeast } from './document';
import type { KafkaDocument, Setting } from './types';
import { splitList } from './values';

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
export const SECURITY_PROTOCOLS: readonly SecurityProtocol[] = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'];

export type Exposure = 'loopback' | 'wildcard' | 'private' | 'public';
export type ListenerRole = 'controller' | 'inter-broker' | 'control-plane' | 'client';

/** Where a listener's protocol comes from. */
export type ProtocolSource =
  | 'map' // explicit listener.security.protocol.map entry
  | 'identity' // default map: the name is a protocol name
  | 'kraft-implicit' // KRaft ≥3.1: controller names map to PLAINTEXT when the map is not set
  | 'unknown';

export interface Listener {
  /** Upper-case listener name. */
  name: string;
  protocol: SecurityProtocol | undefined;
  protocolSource: ProtocolSource;
  host: string;
  port?: number;
  exposure: Exposure;
  advertisedHost?: string;
  advertisedExposure?: Exposure;
  roles: Set<ListenerRole>;
  /** Declared in `listeners`; false for controller names a broker-only node only connects to. */
  bound: boolean;
  /** `listeners` was absent and Kafka's default applies. */
  fromDefault: boolean;
  /** Where the listener is written (its text inside `listeners`), else the best related node. */
  span: Span;
  /** The listener's entry in listener.security.protocol.map, when explicit. */
  mapEntry?: { span: Span; protocolSpan: Span };
}

export interface ListenerTable {
  listeners: Listener[];
  /** The map was written explicitly. */
  mapExplicit: boolean;
  controllerNames: string[];
  interBrokerName: string;
  /** How the inter-broker listener was chosen. */
  interBrokerFrom: 'inter.broker.listener.name' | 'security.inter.broker.protocol' | 'default';
}

/** The raw-text span of `value.slice(from, to)`, precise when the value is written without escapes. */
export function valueSubSpan(doc: KafkaDocument, setting: Setting, from: number, to: number): Span {
  if (setting.parts) {
    let best: { from: number; to: number; span: Span } | undefined;
    for (const p of setting.parts) if (p.from <= from && to <= p.to && (!best || p.to - p.from < best.to - best.from)) best = p;
    return best ? best.span : setting.valueSpan;
  }
  const shift = verbatimShift(doc, setting);
  if (shift === undefined) return setting.valueSpan;
  return { start: setting.valueSpan.start + shift + from, end: setting.valueSpan.start + shift + to };
}

const shifts = new WeakMap<Setting, number | null>();

/** 0 when the value is written verbatim, 1 when verbatim inside quotes, else undefined (cached per setting). */
function verbatimShift(doc: KafkaDocument, setting: Setting): number | undefined {
  let shift = shifts.get(setting);
  if (shift === undefined) {
    const raw = doc.text.slice(setting.valueSpan.start, setting.valueSpan.end);
    shift = raw === setting.value ? 0 : raw.length === setting.value.length + 2 && raw.slice(1, -1) === setting.value ? 1 : null;
    shifts.set(setting, shift);
  }
  return shift ?? undefined;
}

/** List items of a comma-separated value with their offsets in the value. */
export function listItems(value: string, separator = ','): Array<{ text: string; from: number; to: number }> {
  const out: Array<{ text: string; from: number; to: number }> = [];
  let pos = 0;
  for (const part of value.split(separator)) {
    const lead = part.length - part.trimStart().length;
    const text = part.trim();
    if (text) out.push({ text, from: pos + lead, to: pos + lead + text.length });
    pos += part.length + separator.length;
  }
  return out;
}

const PUBLIC_TLDS = new Set(
  'com net org io co dev app cloud biz info xyz tech ai eu de uk fr es it nl be ch at se no dk fi pl cz pt ie us ca mx br ar au nz jp cn kr in sg hk tw ru za'.split(' '),
);

export function classifyHost(host: string): Exposure {
  const h = host.trim().replace(/^\[|\]$/g, '').toLowerCase();
  if (h === '' || h === '0.0.0.0' || h === '::' || h === '0:0:0:0:0:0:0:0') return 'wildcard';
  if (h === 'localhost' || /^127\./.test(h) || h === '::1') return 'loopback';
  if (/^10\./.test(h) || /^192\.168\./.test(h) || /^172\.(1[6-9]|2\d|3[01])\./.test(h) || /^f[cd][0-9a-f]{2}:/.test(h) || /^169\.254\./.test(h)) return 'private';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h) || h.includes(':')) return 'public';
  // Names: public only under a public top-level domain; single labels (compose services, pods),
  // cluster DNS and private suffixes are internal names.
  const tld = h.split('.').pop() ?? '';
  return h.includes('.') && PUBLIC_TLDS.has(tld) ? 'public' : 'private';
}

interface ParsedListener {
  name: string;
  host: string;
  port?: number;
  from: number;
  to: number;
  nameTo: number;
}

/** Parse `NAME://host:port` items. */
export function parseListenerList(value: string): ParsedListener[] {
  const out: ParsedListener[] = [];
  for (const item of listItems(value)) {
    const m = /^([A-Za-z0-9_.-]+):\/\/(\[[^\]]*\]|[^:/]*)(?::(\d+))?/.exec(item.text);
    if (!m) continue;
    const p: ParsedListener = { name: m[1]!.toUpperCase(), host: m[2]!, from: item.from, to: item.to, nameTo: item.from + m[1]!.length };
    if (m[3] !== undefined) p.port = Number(m[3]);
    out.push(p);
  }
  return out;
}

/** Parse `NAME:PROTOCOL` map entries. */
export function parseProtocolMap(value: string): Array<{ name: string; protocol: string; from: number; to: number; protocolFrom: number }> {
  const out: Array<{ name: string; protocol: string; from: number; to: number; protocolFrom: number }> = [];
  for (const item of listItems(value)) {
    const colon = item.text.indexOf(':');
    if (colon <= 0) continue;
    const protocol = item.text.slice(colon + 1).trim();
    const protocolFrom = item.from + item.text.indexOf(protocol, colon + 1);
    out.push({ name: item.text.slice(0, colon).trim().toUpperCase(), protocol: protocol.toUpperCase(), from: item.from, to: item.to, protocolFrom });
  }
  return out;
}

function asProtocol(p: string | undefined): SecurityProtocol | undefined {
  const up = (p ?? '').trim().toUpperCase();
  return (SECURITY_PROTOCOLS as readonly string[]).includes(up) ? (up as SecurityProtocol) : undefined;
}

/**
 * Where one `NAME://host:port` item is written. When the value is not written verbatim (escapes,
 * or listeners an image derives from the advertised listeners), the item is found by its name.
 */
function listenerItemSpan(doc: KafkaDocument, setting: Setting, item: ParsedListener): Span {
  const precise = valueSubSpan(doc, setting, item.from, item.to);
  if (precise !== setting.valueSpan) return precise;
  const raw = doc.text.slice(setting.valueSpan.start, setting.valueSpan.end);
  const at = raw.toUpperCase().indexOf(`${item.name}://`);
  if (at < 0) return setting.valueSpan;
  const next = raw.slice(at).search(/[,\s"']/);
  return { start: setting.valueSpan.start + at, end: setting.valueSpan.start + at + (next < 0 ? raw.length - at : next) };
}

const cache = new WeakMap<KafkaDocument, ListenerTable>();

/** The listener table of a broker-like document (RULES.md §A.0 LST). */
export function listenerTable(doc: KafkaDocument): ListenerTable {
  const cached = cache.get(doc);
  if (cached) return cached;
  const s = doc.settings;
  const listenersSetting = s.get('listeners');
  const advertised = s.get('advertised.listeners');
  const mapSetting = s.get('listener.security.protocol.map');
  const kraft = doc.mode === 'kraft' || doc.mode === 'migration';
  const controllerNames = kraft ? splitList(s.get('controller.listener.names')?.value).map((n) => n.toUpperCase()) : [];

  const parsedMap = mapSetting && mapSetting.state !== 'unresolvable' ? parseProtocolMap(mapSetting.value) : [];
  const mapExplicit = !!mapSetting && mapSetting.state !== 'unresolvable';

  let items: ParsedListener[];
  let fromDefault = false;
  if (listenersSetting) {
    items = parseListenerList(listenersSetting.value);
  } else {
    fromDefault = true;
    // Kafka ≥3.0 defaults listeners to PLAINTEXT://:9092; 2.x used host.name and port (default 9092).
    const port = Number(s.get('port')?.value ?? 9092) || 9092;
    items = [{ name: 'PLAINTEXT', host: s.get('host.name')?.value ?? '', port, from: 0, to: 0, nameTo: 0 }];
  }

  // KRaft ≥3.1: without an explicit map, controller names that mention no TLS/SASL map to PLAINTEXT.
  const mentionsSecure = /SSL|SASL/i.test((listenersSetting?.value ?? '') + (s.get('controller.listener.names')?.value ?? ''));
  const kraftImplicit = kraft && !mapExplicit && !mentionsSecure && versionAtLeast(doc.version, 3, 1) !== false;

  const protocolFor = (name: string): { protocol: SecurityProtocol | undefined; source: ProtocolSource; entry?: ReturnType<typeof parseProtocolMap>[number] } => {
    if (mapExplicit) {
      const entry = parsedMap.find((e) => e.name === name);
      if (entry) return { protocol: asProtocol(entry.protocol), source: 'map', entry };
      return { protocol: undefined, source: 'unknown' };
    }
    const identity = asProtocol(name);
    if (identity) return { protocol: identity, source: 'identity' };
    if (kraftImplicit && controllerNames.includes(name)) return { protocol: 'PLAINTEXT', source: 'kraft-implicit' };
    return { protocol: undefined, source: 'unknown' };
  };

  const advertisedItems = advertised ? parseListenerList(advertised.value) : [];
  let interBrokerName: string;
  let interBrokerFrom: ListenerTable['interBrokerFrom'];
  const ibl = s.get('inter.broker.listener.name')?.value.trim();
  const ibp = s.get('security.inter.broker.protocol')?.value.trim();
  if (ibl) {
    interBrokerName = ibl.toUpperCase();
    interBrokerFrom = 'inter.broker.listener.name';
  } else if (ibp) {
    interBrokerName = ibp.toUpperCase();
    interBrokerFrom = 'security.inter.broker.protocol';
  } else {
    interBrokerName = 'PLAINTEXT';
    interBrokerFrom = 'default';
  }
  const controlPlane = s.get('control.plane.listener.name')?.value.trim().toUpperCase();

  const listeners: Listener[] = items.map((item) => {
    const p = protocolFor(item.name);
    const adv = advertisedItems.find((a) => a.name === item.name);
    const roles = new Set<ListenerRole>();
    if (controllerNames.includes(item.name)) roles.add('controller');
    if (item.name === interBrokerName && doc.role !== 'controller') roles.add('inter-broker');
    if (!kraft && controlPlane && item.name === controlPlane) roles.add('control-plane');
    if (roles.size === 0) roles.add('client');
    const span = listenersSetting ? listenerItemSpan(doc, listenersSetting, item) : doc.anchor;
    const l: Listener = {
      name: item.name,
      protocol: p.protocol,
      protocolSource: p.source,
      host: item.host,
      exposure: classifyHost(item.host),
      roles,
      bound: true,
      fromDefault,
      span,
    };
    if (item.port !== undefined) l.port = item.port;
    if (adv) {
      l.advertisedHost = adv.host;
      l.advertisedExposure = classifyHost(adv.host);
    }
    if (p.entry && mapSetting) {
      l.mapEntry = { span: valueSubSpan(doc, mapSetting, p.entry.from, p.entry.to), protocolSpan: valueSubSpan(doc, mapSetting, p.entry.protocolFrom, p.entry.to) };
    }
    return l;
  });

  // Broker-only KRaft nodes connect to controller listeners they do not bind.
  for (const name of controllerNames) {
    if (listeners.some((l) => l.name === name)) continue;
    const p = protocolFor(name);
    const namesSetting = s.get('controller.listener.names');
    const l: Listener = {
      name,
      protocol: p.protocol,
      protocolSource: p.source,
      host: '',
      exposure: 'private',
      roles: new Set(['controller']),
      bound: false,
      fromDefault: false,
      span: namesSetting ? namesSetting.valueSpan : doc.anchor,
    };
    if (p.entry && mapSetting) {
      l.mapEntry = { span: valueSubSpan(doc, mapSetting, p.entry.from, p.entry.to), protocolSpan: valueSubSpan(doc, mapSetting, p.entry.protocolFrom, p.entry.to) };
    }
    listeners.push(l);
  }

  const table: ListenerTable = { listeners, mapExplicit, controllerNames, interBrokerName, interBrokerFrom };
  cache.set(doc, table);
  return table;
}

/**
 * Effective value of a broker setting on listener L and SASL mechanism M (RULES.md §A.0):
 * `listener.name.l.m.K` › `listener.name.l.K` › `K`. Only SASL-scoped keys use the mechanism step;
 * `sasl.jaas.config` has no unprefixed fallback on the server side.
 */
export function effectiveSetting(doc: KafkaDocument, key: string, listener?: string, mechanism?: string): Setting | undefined {
  const l = listener?.toLowerCase();
  const m = mechanism?.toLowerCase();
  const saslScoped = key === 'sasl.jaas.config' || key === 'connections.max.reauth.ms' || key === 'sasl.server.callback.handler.class' || key.startsWith('sasl.login.');
  if (l && m && saslScoped) {
    const v = doc.settings.get(`listener.name.${l}.${m}.${key}`);
    if (v) return v;
  }
  if (l) {
    const v = doc.settings.get(`listener.name.${l}.${key}`);
    if (v) return v;
  }
  if (key === 'sasl.jaas.config' && l) return undefined;
  return doc.settings.get(key);
}

/** SASL mechanisms enabled on a listener: prefixed › global › GSSAPI. */
export function enabledMechanisms(doc: KafkaDocument, listener: string): string[] {
  const s = effectiveSetting(doc, 'sasl.enabled.mechanisms', listener);
  if (!s) return ['GSSAPI'];
  return splitList(s.value).map((m) => m.toUpperCase());
}
