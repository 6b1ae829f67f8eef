import { isMap, isPair, isScalar, isSeq, nodeSpan, scalarText, YamlWalker, AliasLimitError, MAX_ALIAS_EXPANSIONS, type YamlNode } from '../../parse/yaml';
import type { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { detectLineEnding, type Span, lineStart, nextLine } from '../../parse/text';
import { brokerRole, detectMode, makeDocument, settingsMap } from '../document';
import { decodeEnv, encodeEnv, imageInfo, isBitnamiLegacyAlias, type ImageFamily, type ImageInfo } from '../images';
import { isSecretSetting } from '../secrets';
import type { Change, DocumentWriter, FileProblem, KafkaDocument, KafkaVersion, Role, Setting, TextEdit, ValueState } from '../types';
import { valueState } from '../values';
import { mergeEdits } from './properties';

/** One environment variable of a service, as written. */
export interface EnvEntry {
  name: string;
  /** The value after compose interpolation (`$$` → `$`, `${VAR:-default}` → default). */
  value: string;
  /** The value as the YAML scalar gives it, before interpolation. */
  raw: string;
  state: ValueState;
  nameSpan: Span;
  valueSpan: Span;
  entrySpan: Span;
  /** Written as `- NAME=value` (list form). */
  listForm: boolean;
  /** The YAML node holding the value (map form) or the whole item (list form). */
  node: YamlNode | null;
  /** The pair (map form) or item (list form) as written in this service's own `environment` node; absent when merged in from an anchor. */
  own: Pair | YamlNode | undefined;
}

export interface PublishedPort {
  container: number;
  hostIp: string;
  span: Span;
}

/** A volume or bind mount of a service (compose `volumes:`, short or long syntax). */
export interface Mount {
  /** Host path or volume name; '' for an anonymous volume. */
  source: string;
  /** Absolute path inside the container. */
  target: string;
  type: 'bind' | 'volume' | 'tmpfs' | 'other';
  readOnly: boolean;
  span: Span;
}

/** Fact keys set on compose documents. */
export const COMPOSE_FACTS = {
  image: 'image',
  service: 'service',
  publishedPorts: 'publishedPorts',
  /** Contract shared with rules/log-dirs-in-tmp.ts: `readonly string[]` of container mount targets (volumes and bind mounts, not tmpfs). */
  mountedPaths: 'mountedPaths',
  mounts: 'mounts',
  /** The service's environment variables as written: `readonly EnvEntry[]`. */
  environment: 'environment',
  networkMode: 'networkMode',
  jvmSystemProperties: 'jvmSystemProperties',
  log4jLoggers: 'log4jLoggers',
} as const;

/**
 * A YamlWalker that expands merge keys. `parse/yaml.ts` compares the key's value with '<<', but the
 * `yaml` package (merge: true) gives merge keys a Symbol value, so its walker never expands them.
 */
export class ComposeWalker extends YamlWalker {
  private merges = 0;
  /** Values for `${VAR}` references (from a `.env` file beside the compose file). */
  variables: ReadonlyMap<string, string> = NO_VARIABLES;

  override entries(node: unknown): Array<{ key: string; keyNode: YamlNode | null; value: YamlNode | null; pair: Pair }> {
    const map = this.resolve(node);
    if (!map || !isMap(map)) return [];
    type E = { key: string; keyNode: YamlNode | null; value: YamlNode | null; pair: Pair };
    const own = new Map<string, E>();
    const merged: E[] = [];
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const keyNode = this.resolve(item.key);
      if (isScalar(keyNode) && (typeof keyNode.value === 'symbol' || keyNode.source === '<<') && (keyNode as Scalar).type !== 'QUOTE_DOUBLE' && (keyNode as Scalar).type !== 'QUOTE_SINGLE') {
        const sources = this.resolve(item.value);
        const list = sources && isSeq(sources) ? sources.items : [item.value];
        for (const src of list) {
          if (++this.merges > MAX_ALIAS_EXPANSIONS) throw new AliasLimitError();
          merged.push(...this.entries(src));
        }
        continue;
      }
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      own.set(key, { key, keyNode, value: this.resolve(item.value), pair: item });
    }
    // Earlier merge sources win over later ones; keys written in the mapping win over all.
    const result = new Map<string, E>();
    for (const e of merged) if (!own.has(e.key) && !result.has(e.key)) result.set(e.key, e);
    for (const [k, e] of own) result.set(k, e);
    return [...result.values()];
  }
}

/** Whether a YAML document is a compose file: top-level `services` with images or environments. */
export function isComposeDocument(walker: YamlWalker, root: unknown): boolean {
  const w = walker instanceof ComposeWalker ? walker : new ComposeWalker(walker.doc);
  const services = w.get(root, 'services');
  return !!services && isMap(services) && w.entries(services).some((s) => !!w.get(s.value, 'image') || !!w.get(s.value, 'environment'));
}

// ---------------------------------------------------------------------------------------------
// Interpolation (compose-spec "Interpolation")

export interface Interpolated {
  value: string;
  /** A variable without default (or `${VAR:?err}` / `${VAR:+alt}` / `$VAR`): the value depends on the environment. */
  unresolved: boolean;
}

/**
 * Compose interpolation of one value: `$$` → `$`; `${VAR:-default}` and `${VAR-default}` → the
 * default (nested expressions allowed); `${VAR}`, `$VAR`, `${VAR:?err}`, `${VAR:+alt}` and malformed
 * expressions stay as written and mark the value unresolved (no `.env` is read: the core does no I/O).
 */
const NO_VARIABLES: ReadonlyMap<string, string> = new Map();

/**
 * Compose interpolation: `$$` → `$`; `${VAR}`, `$VAR`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:+alt}`, `${VAR:?err}` resolved from `variables` (a `.env` file); what stays unknown is
 * marked unresolved.
 */
export function interpolate(raw: string, variables: ReadonlyMap<string, string> = NO_VARIABLES): Interpolated {
  let out = '';
  let unresolved = false;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const n = raw[i + 1];
    if (n === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (n === '{') {
      let depth = 0;
      let j = i + 2;
      for (; j < raw.length; j++) {
        if (raw[j] === '{') depth++;
        else if (raw[j] === '}') {
          if (depth === 0) break;
          depth--;
        }
      }
      if (j >= raw.length) {
        unresolved = true;
        out += raw.slice(i);
        break;
      }
      const body = raw.slice(i + 2, j);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
      const known = m ? variables.get(m[1]!) : undefined;
      const set = known !== undefined && (known !== '' || !m?.[2]?.startsWith(':'));
      if (m && set && !m[2]?.endsWith('+')) {
        out += known;
      } else if (m && m[2]?.endsWith('+')) {
        const d = set ? interpolate(m[3] ?? '', variables) : { value: '', unresolved: known === undefined && !variables.size };
        if (d.unresolved) unresolved = true;
        out += d.value;
      } else if (m && (m[2] === ':-' || m[2] === '-')) {
        const d = interpolate(m[3] ?? '', variables);
        if (d.unresolved) unresolved = true;
        out += d.value;
      } else {
        unresolved = true;
        out += raw.slice(i, j + 1);
      }
      i = j + 1;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1));
    if (name && variables.has(name[0])) {
      out += variables.get(name[0]);
      i += 1 + name[0].length;
      continue;
    }
    if (name) {
      unresolved = true;
      out += '$' + name[0];
      i += 1 + name[0].length;
      continue;
    }
    out += '$';
    i++;
  }
  return { value: out, unresolved };
}

/** Escape a value for compose: a literal `$` is written `$$`. */
export function escapeDollars(value: string): string {
  return value.replace(/\$/g, '$$$$');
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * A scalar as docker compose reads it (compose-go, YAML 1.2): YAML 1.1-only booleans (`yes`, `on`…)
 * are plain strings there, so their source text is kept. Null → undefined.
 */
function composeScalar(node: YamlNode | null, text: string): string | undefined {
  if (!node || !isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'boolean' && (node as Scalar).type === 'PLAIN') {
    const src = text.slice(nodeSpan(node).start, nodeSpan(node).end);
    return /^(true|false)$/i.test(src) ? String(v) : src;
  }
  if (v instanceof Date) return text.slice(nodeSpan(node).start, nodeSpan(node).end);
  return scalarText(node);
}

/** The span of a node's value without the trailing line breaks block scalars include. */
function trimmedSpan(text: string, node: YamlNode): Span {
  const s = nodeSpan(node);
  let end = s.end;
  while (end > s.start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return { start: s.start, end };
}

function envEntries(walker: ComposeWalker, text: string, envPair: Pair | undefined): EnvEntry[] {
  const out: EnvEntry[] = [];
  const env = envPair ? walker.resolve(envPair.value) : null;
  if (!env) return out;
  const ownNode = envPair?.value as YamlNode | null;
  if (isMap(env)) {
    const ownPairs = new Set(ownNode && isMap(ownNode) ? ownNode.items : []);
    for (const e of walker.entries(env)) {
      if (!e.keyNode) continue;
      const keySrc = nodeSpan(e.keyNode);
      const quotedKey = (e.keyNode as Scalar).type === 'QUOTE_DOUBLE' || (e.keyNode as Scalar).type === 'QUOTE_SINGLE';
      const nameSpan = quotedKey && text.slice(keySrc.start + 1, keySrc.end - 1) === e.key ? { start: keySrc.start + 1, end: keySrc.end - 1 } : keySrc;
      const raw = composeScalar(e.value, text);
      const valueSpan = e.value && e.value.range && raw !== undefined ? trimmedSpan(text, e.value) : { start: keySrc.end + 1, end: keySrc.end + 1 };
      if (raw === undefined) {
        const colon = text.indexOf(':', keySrc.end);
        valueSpan.start = valueSpan.end = colon + 1;
      }
      const i = interpolate(raw ?? '', walker.variables);
      out.push({
        name: e.key,
        value: i.value,
        raw: raw ?? '',
        // A variable without a value takes it from the shell running compose.
        state: raw === undefined || i.unresolved ? 'unresolvable' : stateOf(e.key, i.value),
        nameSpan,
        valueSpan,
        entrySpan: { start: keySrc.start, end: Math.max(valueSpan.end, keySrc.end) },
        listForm: false,
        node: e.value,
        own: ownPairs.has(e.pair) ? e.pair : undefined,
      });
    }
  } else if (isSeq(env)) {
    const ownItems = new Set(ownNode && isSeq(ownNode) ? ownNode.items : []);
    for (const raw of env.items) {
      const item = walker.resolve(raw);
      if (!item || !isScalar(item)) continue;
      const s = composeScalar(item, text) ?? '';
      const eq = s.indexOf('=');
      const name = eq >= 0 ? s.slice(0, eq) : s;
      const span = trimmedSpan(text, item);
      const written = text.slice(span.start, span.end);
      const inner = written === s ? span.start : written.length === s.length + 2 && written.slice(1, -1) === s ? span.start + 1 : -1;
      const nameSpan = inner >= 0 ? { start: inner, end: inner + name.length } : span;
      const valueSpan = inner >= 0 ? (eq >= 0 ? { start: inner + eq + 1, end: inner + s.length } : { start: inner + name.length, end: inner + name.length }) : span;
      const value = eq >= 0 ? s.slice(eq + 1) : '';
      const i = interpolate(value, walker.variables);
      out.push({
        name,
        value: i.value,
        raw: value,
        state: eq < 0 || i.unresolved ? 'unresolvable' : stateOf(name, i.value),
        nameSpan,
        valueSpan,
        entrySpan: span,
        listForm: true,
        node: item,
        own: ownItems.has(raw as YamlNode) ? (raw as YamlNode) : undefined,
      });
    }
  }
  return out;
}

function stateOf(name: string, value: string): ValueState {
  // Bitnami `<VAR>_FILE` and Confluent `*_CREDENTIALS` name files holding the secret.
  if (name.endsWith('_FILE') || /_CREDENTIALS$/.test(name)) return 'externalized';
  return valueState(value);
}

function expandPorts(spec: string): number[] {
  const [a, b] = spec.split('-').map(Number);
  if (a === undefined || !Number.isFinite(a)) return [];
  if (b === undefined || !Number.isFinite(b) || b < a || b - a > 1000) return [a];
  return Array.from({ length: b - a + 1 }, (_, k) => a + k);
}

function publishedPorts(walker: ComposeWalker, text: string, ports: YamlNode | null): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const item of walker.items(ports)) {
    if (isScalar(item)) {
      const spec = interpolate(composeScalar(item, text) ?? '', walker.variables).value.replace(/\/(tcp|udp|sctp)$/i, '');
      // [HOST_IP:][HOST_PORT:]CONTAINER_PORT, ranges allowed; a bare container port is published on a random host port.
      const m = /^(?:(\[[^\]]*\]|[^:]*):)??(?:([\d-]*):)?([\d-]+)$/.exec(spec);
      if (!m) continue;
      for (const container of expandPorts(m[3]!)) out.push({ container, hostIp: (m[1] ?? '').replace(/^\[|\]$/g, ''), span: nodeSpan(item) });
    } else if (isMap(item)) {
      const target = composeScalar(walker.get(item, 'target'), text);
      if (target === undefined) continue;
      // Long syntax: without `published` the port is published on a random host port.
      for (const container of expandPorts(interpolate(target, walker.variables).value)) {
        out.push({ container, hostIp: interpolate(composeScalar(walker.get(item, 'host_ip'), text) ?? '', walker.variables).value, span: nodeSpan(item) });
      }
    }
  }
  return out;
}

function mounts(walker: ComposeWalker, text: string, service: YamlNode | null): Mount[] {
  const out: Mount[] = [];
  for (const item of walker.items(walker.get(service, 'volumes'))) {
    if (isScalar(item)) {
      // SOURCE:TARGET[:MODE] or TARGET (anonymous volume); Windows sources like C:\x keep their drive colon.
      const spec = interpolate(composeScalar(item, text) ?? '', walker.variables).value;
      const m = /^((?:[A-Za-z]:)?[^:]*):(\/[^:]*)(?::([^:]*))?$/.exec(spec);
      const span = trimmedSpan(text, item);
      if (m) {
        const source = m[1]!;
        // Named volumes are plain names; anything path-like (`./x`, `/x`, `~/x`, `$PWD/x`, `C:\\x`) is a bind mount.
        const bind = /[/\\]/.test(source) || /^[.~]/.test(source);
        out.push({ source, target: m[2]!, type: bind ? 'bind' : 'volume', readOnly: /(^|,)ro(,|$)/.test(m[3] ?? ''), span });
      } else if (spec.startsWith('/')) {
        out.push({ source: '', target: spec, type: 'volume', readOnly: false, span });
      }
    } else if (isMap(item)) {
      const target = interpolate(composeScalar(walker.get(item, 'target'), text) ?? '', walker.variables).value;
      if (!target) continue;
      const type = composeScalar(walker.get(item, 'type'), text) ?? 'volume';
      out.push({
        source: interpolate(composeScalar(walker.get(item, 'source'), text) ?? '', walker.variables).value,
        target,
        type: type === 'bind' || type === 'volume' || type === 'tmpfs' ? type : 'other',
        readOnly: composeScalar(walker.get(item, 'read_only'), text) === 'true',
        span: trimmedSpan(text, item),
      });
    }
  }
  for (const item of walker.items(walker.get(service, 'tmpfs'))) {
    const t = composeScalar(item, text);
    if (t) out.push({ source: '', target: t.split(':')[0]!, type: 'tmpfs', readOnly: false, span: trimmedSpan(text, item) });
  }
  const single = composeScalar(walker.get(service, 'tmpfs'), text);
  if (single) out.push({ source: '', target: single.split(':')[0]!, type: 'tmpfs', readOnly: false, span: trimmedSpan(text, walker.get(service, 'tmpfs')!) });
  return out;
}

/** `-Dkey=value` system properties in JVM option strings. */
function systemProperties(value: string): Map<string, string> {
  const props = new Map<string, string>();
  for (const m of value.matchAll(/-D([^=\s]+)(?:=("[^"]*"|'[^']*'|\S*))?/g)) props.set(m[1]!, (m[2] ?? '').replace(/^["']|["']$/g, ''));
  return props;
}

function roleFor(info: ImageInfo, settings: Map<string, Setting>): Role {
  if (info.zookeeper) return 'zookeeper';
  if (info.family === 'cp-connect') return 'connect';
  return brokerRole(settings);
}

/** How a canonical key came to be: written, or derived by the image from another variable. */
interface Contribution {
  key: string;
  entry: EnvEntry;
  /** `listeners` derived from advertised listeners; SSL helper (`…_FILENAME`, `…_CREDENTIALS`). */
  derived?: 'listeners' | 'location' | 'password';
  setting: Setting;
}

function settingFor(key: string, e: EnvEntry, overrides: Partial<Setting> = {}): Setting {
  return {
    key,
    value: e.value,
    state: e.state,
    keySpan: e.nameSpan,
    valueSpan: e.valueSpan,
    entrySpan: e.entrySpan,
    origin: e.name,
    shadowed: [],
    secret: isSecretSetting(key, e.value) || isSecretSetting(e.name, e.value),
    ...overrides,
  };
}

const SECRETS_DIR = '/etc/kafka/secrets/';

/**
 * Settings the Confluent and Apache images derive in their `configure` scripts [S25,S31]:
 * with an `SSL://` advertised listener, `KAFKA_SSL_KEYSTORE_FILENAME` → `ssl.keystore.location`, the
 * `*_CREDENTIALS` files → store/key passwords, and (client auth required/requested) the truststore pair.
 * These are exported over any written `KAFKA_SSL_KEYSTORE_LOCATION`/password, so they win.
 */
function sslHelpers(family: ImageFamily, byName: Map<string, EnvEntry>): Contribution[] {
  if (family !== 'cp-kafka' && family !== 'apache') return [];
  const adv = byName.get('KAFKA_ADVERTISED_LISTENERS');
  if (!adv || !adv.value.includes('SSL://')) return [];
  const out: Contribution[] = [];
  const location = (name: string, key: string) => {
    const e = byName.get(name);
    if (e) out.push({ key, entry: e, derived: 'location', setting: settingFor(key, e, { value: SECRETS_DIR + e.value, origin: `${e.name} (${key} set by the image)`, secret: false }) });
  };
  const password = (name: string, key: string) => {
    const e = byName.get(name);
    if (e) out.push({ key, entry: e, derived: 'password', setting: settingFor(key, e, { value: '', state: e.state === 'unresolvable' ? 'unresolvable' : 'externalized', origin: `${e.name} (${key} read by the image from ${SECRETS_DIR}${e.value})`, secret: false }) });
  };
  location('KAFKA_SSL_KEYSTORE_FILENAME', 'ssl.keystore.location');
  password('KAFKA_SSL_KEY_CREDENTIALS', 'ssl.key.password');
  password('KAFKA_SSL_KEYSTORE_CREDENTIALS', 'ssl.keystore.password');
  const auth = byName.get('KAFKA_SSL_CLIENT_AUTH')?.value ?? '';
  if (/required|requested/.test(auth)) {
    location('KAFKA_SSL_TRUSTSTORE_FILENAME', 'ssl.truststore.location');
    password('KAFKA_SSL_TRUSTSTORE_CREDENTIALS', 'ssl.truststore.password');
  }
  return out;
}

/** `listeners` as cp-kafka and apache/kafka derive it from advertised listeners: `sed 's|://[^:]*:|://0.0.0.0:|g'` [S25,S31]. */
function deriveListeners(advertised: string): string {
  return advertised.replace(/:\/\/[^:]*:/g, '://0.0.0.0:');
}

/** Read every Kafka or ZooKeeper service of a compose file into documents. */
export function readCompose(
  path: string,
  text: string,
  doc: Document.Parsed,
  _walker: YamlWalker,
  version?: KafkaVersion,
  variables?: ReadonlyMap<string, string>,
): { documents: KafkaDocument[]; problems: FileProblem[] } {
  const walker = new ComposeWalker(doc);
  if (variables) walker.variables = variables;
  const documents: KafkaDocument[] = [];
  const problems: FileProblem[] = [];
  const services = walker.get(doc.contents, 'services');
  for (const service of walker.entries(services)) {
    const imageWritten = composeScalar(walker.get(service.value, 'image'), text);
    const image = imageWritten === undefined ? undefined : interpolate(imageWritten, walker.variables);
    const envPair = walker.entries(service.value).find((e) => e.key === 'environment')?.pair;
    const entries = envEntries(walker, text, envPair);
    // Confluent images are known by name under any registry, even one given by a variable (`${REPOSITORY}/cp-server`).
    const info = image ? imageInfo(image.value) : undefined;
    const serviceSpan = nodeSpan(service.keyNode);
    if (!info) {
      if (entries.some((e) => /^KAFKA_/.test(e.name))) {
        const why =
          image === undefined
            ? 'has no image (an override file merged onto another compose file?), so kafkalint cannot tell how its environment is read'
            : image.unresolved
              ? `takes its image from a variable (${imageWritten}), so kafkalint cannot tell how its environment is read`
              : `uses image ${image.value}, whose environment kafkalint does not know how to read`;
        problems.push({ span: serviceSpan, severity: 'info', message: `Service ${service.key} ${why}; its KAFKA_* variables were not checked.` });
      }
      continue;
    }
    const facts = new Map<string, unknown>();
    facts.set(COMPOSE_FACTS.image, info);
    facts.set(COMPOSE_FACTS.service, service.key);
    facts.set(COMPOSE_FACTS.environment, entries);
    const contributions: Contribution[] = [];
    const legacy: Contribution[] = [];
    const byName = new Map<string, EnvEntry>();
    for (const e of entries) {
      byName.set(e.name, e);
      const key = decodeEnv(info.family, e.name, info);
      if (e.name === 'KAFKA_OPTS' || e.name === 'SERVER_JVMFLAGS' || e.name === 'JVMFLAGS') facts.set(COMPOSE_FACTS.jvmSystemProperties, systemProperties(e.value));
      if (e.name === 'KAFKA_LOG4J_LOGGERS') facts.set(COMPOSE_FACTS.log4jLoggers, { value: e.value, span: e.valueSpan });
      const settingKey = key ?? e.name;
      const c: Contribution = { key: settingKey, entry: e, setting: settingFor(settingKey, e) };
      // bitnami: a legacy KAFKA_<X> alias is copied over KAFKA_CFG_<X> whenever it is set [S33 kafka_create_alias_environment_variables].
      if (info.family === 'bitnami' && isBitnamiLegacyAlias(e.name)) legacy.push(c);
      else contributions.push(c);
    }
    contributions.push(...legacy);
    contributions.push(...sslHelpers(info.family, byName));
    // cp-kafka and apache/kafka derive listeners from advertised listeners (sed 's|://[^:]*:|://0.0.0.0:|g')
    // unless KAFKA_LISTENERS is set or the node is a controller only [S25,S31].
    const written = new Set(contributions.map((c) => c.key));
    const roles = byName.get('KAFKA_PROCESS_ROLES')?.value;
    const adv = contributions.filter((c) => c.key === 'advertised.listeners').pop();
    if ((info.family === 'cp-kafka' || info.family === 'apache') && !written.has('listeners') && adv && roles !== 'controller') {
      const e = adv.entry;
      contributions.push({
        key: 'listeners',
        entry: e,
        derived: 'listeners',
        setting: settingFor('listeners', e, { value: deriveListeners(e.value), origin: `${e.name} (listeners derived by the image)` }),
      });
    }
    const settings = settingsMap(contributions.map((c) => c.setting));
    facts.set(COMPOSE_FACTS.publishedPorts, publishedPorts(walker, text, walker.get(service.value, 'ports')));
    const m = mounts(walker, text, service.value);
    facts.set(COMPOSE_FACTS.mounts, m);
    facts.set(COMPOSE_FACTS.mountedPaths, m.filter((x) => x.type !== 'tmpfs').map((x) => x.target));
    const networkMode = composeScalar(walker.get(service.value, 'network_mode'), text);
    if (networkMode !== undefined) facts.set(COMPOSE_FACTS.networkMode, networkMode);
    const kafkaVersion: KafkaVersion | undefined = version ?? (info.version && !info.zookeeper ? { ...info.version, source: `image ${image!.value}` } : undefined);
    const role = roleFor(info, settings);
    const serviceNode = service.value;
    // Findings about absent keys go on the service's `environment:` key, else on the service name (RULES.md §A.0).
    const anchor = envPair ? nodeSpan(envPair.key as YamlNode) : serviceSpan;
    documents.push(
      makeDocument({
        path,
        text,
        format: 'compose',
        role,
        mode: role === 'zookeeper' ? 'unknown' : detectMode(settings, kafkaVersion ?? (info.family === 'apache' ? { major: 4, minor: 0, source: 'apache/kafka runs KRaft' } : undefined)),
        ...(kafkaVersion ? { version: kafkaVersion } : {}),
        settings,
        anchor,
        span: serviceNode ? { start: serviceSpan.start, end: trimmedSpan(text, serviceNode).end } : serviceSpan,
        writer: new ComposeEnvWriter(text, info, contributions, envPair, serviceNode),
        facts,
      }),
    );
  }
  return { documents, problems };
}

// ---------------------------------------------------------------------------------------------
// Writer

const YAML_SPECIAL = /^(y|n|yes|no|true|false|on|off|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?\.(inf|nan)|[-+]?\d+(:[0-5]?\d)+(\.\d*)?)$/i;

/** A value that YAML (1.1 and 1.2) reads back as the same string without quotes. */
function plainSafe(v: string): boolean {
  return /^[A-Za-z0-9_./$][\w./:,@=+$(){}-]*$/.test(v) && !/:$/.test(v) && !/:\s/.test(v) && !YAML_SPECIAL.test(v);
}


/** Writes changes as environment variables encoded for the service's image. */
class ComposeEnvWriter implements DocumentWriter {
  private readonly eol: string;
  private readonly envNode: YamlNode | null;

  constructor(
    private readonly text: string,
    private readonly info: ImageInfo,
    private readonly contributions: readonly Contribution[],
    private readonly envPair: Pair | undefined,
    private readonly serviceNode: YamlNode | null,
  ) {
    this.eol = detectLineEnding(text);
    this.envNode = (envPair?.value as YamlNode | null) ?? null;
  }

  /** The contribution that decides `key` (the last one), if any. */
  private winner(key: string): Contribution | undefined {
    for (let i = this.contributions.length - 1; i >= 0; i--) if (this.contributions[i]!.key === key) return this.contributions[i];
    return undefined;
  }

  /** Render `value` (decoded) for a map-form value in the style of `node`. */
  private renderValue(value: string, node: YamlNode | null): string {
    const enc = escapeDollars(value);
    const type = node && isScalar(node) ? (node as Scalar).type : 'PLAIN';
    if (type === 'QUOTE_SINGLE') return `'${enc.replace(/'/g, "''")}'`;
    if (type === 'QUOTE_DOUBLE') return JSON.stringify(enc);
    return plainSafe(enc) ? enc : JSON.stringify(enc);
  }

  /** Render a list item `NAME=value` in the style of `node`. */
  private renderItem(name: string, value: string, node: YamlNode | null): string {
    const enc = `${name}=${escapeDollars(value)}`;
    const type = node && isScalar(node) ? (node as Scalar).type : 'PLAIN';
    if (type === 'QUOTE_SINGLE') return `'${enc.replace(/'/g, "''")}'`;
    if (type === 'QUOTE_DOUBLE') return JSON.stringify(enc);
    return plainSafe(enc) ? enc : JSON.stringify(enc);
  }

  /** The advertised listeners after this change set's replacements, when the set changes them. */
  private advertisedAfter(changes: readonly Change[]): string | undefined {
    const w = this.winner('advertised.listeners');
    if (!w) return undefined;
    let value = w.setting.value;
    const replacements = changes.filter((c): c is Extract<Change, { op: 'replace-in-value' }> => c.op === 'replace-in-value' && c.key === 'advertised.listeners');
    if (replacements.length === 0) return undefined;
    for (const r of [...replacements].sort((a, b) => b.from - a.from)) value = value.slice(0, r.from) + r.text + value.slice(r.to);
    return value;
  }

  edits(changes: readonly Change[]): TextEdit[] | null {
    const edits: TextEdit[] = [];
    const inserts: Array<{ name: string; value: string; after?: EnvEntry }> = [];
    const removed = new Set<EnvEntry>();
    const advertised = this.advertisedAfter(changes);
    for (const change of changes) {
      const w = this.winner(change.key);
      if (change.op === 'set') {
        if (w?.derived === 'password') return null;
        if (w?.derived === 'location') {
          if (!change.value.startsWith(SECRETS_DIR) || change.value.slice(SECRETS_DIR.length).includes('/')) return null;
          if (!w.entry.own) return null;
          edits.push(this.replaceValue(w.entry, change.value.slice(SECRETS_DIR.length)));
          continue;
        }
        if (w && !w.derived && w.entry.own) {
          edits.push(this.replaceValue(w.entry, change.value));
          continue;
        }
        // Absent, derived listeners, or defined in a merged anchor: write the variable in this service.
        const name = w && !w.derived && decodeEnv(this.info.family, w.entry.name, this.info) === change.key ? w.entry.name : encodeEnv(this.info.family, change.key, this.info);
        if (!name) return null;
        const after = change.after ? this.winner(change.after)?.entry : undefined;
        inserts.push({ name, value: change.value, ...(after?.own ? { after } : {}) });
      } else if (change.op === 'remove') {
        const list = this.contributions.filter((c) => c.key === change.key);
        for (const c of list) {
          if (c.derived === 'listeners') continue;
          if (c.derived || !c.entry.own) return null;
          removed.add(c.entry);
        }
        if (list.length && list.every((c) => c.derived === 'listeners')) return null;
      } else {
        if (!w) return null;
        const current = w.setting.value;
        const next = current.slice(0, change.from) + change.text + current.slice(change.to);
        if (w.derived === 'listeners') {
          // The image derives listeners from the advertised ones: when the same changes give those the
          // new value, nothing more is written.
          if (advertised !== undefined && deriveListeners(advertised) === next) continue;
          const name = encodeEnv(this.info.family, 'listeners', this.info);
          if (!name) return null;
          inserts.push({ name, value: next, after: w.entry });
          continue;
        }
        if (w.derived || !w.entry.own) return null;
        // Values built from variables cannot be edited in part without losing the reference.
        if (w.entry.raw !== escapeDollars(w.entry.value)) return null;
        const edit = this.partialEdit(w.entry, change.from, change.to, change.text);
        edits.push(edit ?? this.replaceValue(w.entry, next));
      }
    }
    if (removed.size) {
      const r = this.removal(removed);
      if (!r) return null;
      edits.push(...r);
    }
    if (inserts.length) {
      const r = this.insertion(inserts);
      if (!r) return null;
      edits.push(...r);
    }
    return mergeEdits(edits);
  }

  private replaceValue(e: EnvEntry, value: string): TextEdit {
    const node = e.node;
    if (e.listForm) {
      const span = node ? trimmedSpan(this.text, node) : e.entrySpan;
      return { span, newText: this.renderItem(e.name, value, node) };
    }
    if (!node || !node.range || e.valueSpan.start === e.valueSpan.end) {
      return { span: e.valueSpan, newText: ' ' + this.renderValue(value, null) };
    }
    return { span: trimmedSpan(this.text, node), newText: this.renderValue(value, node) };
  }

  /** An edit of part of a value written literally (plain, or quoted without escapes). */
  private partialEdit(e: EnvEntry, from: number, to: number, insert: string): TextEdit | undefined {
    const written = this.text.slice(e.valueSpan.start, e.valueSpan.end);
    const enc = escapeDollars(insert);
    const node = e.node && isScalar(e.node) ? (e.node as Scalar) : undefined;
    const type = node?.type ?? 'PLAIN';
    if (written === e.raw && e.raw === e.value) {
      // valueSpan is the value itself (plain map value, or inside a list item / quotes).
      const whole = e.value.slice(0, from) + insert + e.value.slice(to);
      const quoted = e.listForm ? this.text[trimmedSpan(this.text, e.node!).start] : type === 'PLAIN' ? '' : '"';
      if (quoted === '"' && /["\\]/.test(enc)) return undefined;
      if (quoted === "'" && enc.includes("'")) return undefined;
      if (!quoted && !(e.listForm ? plainSafe(`${e.name}=${whole}`) : plainSafe(whole))) return undefined;
      return { span: { start: e.valueSpan.start + from, end: e.valueSpan.start + to }, newText: enc };
    }
    const inner = written.length === e.raw.length + 2 && written.slice(1, -1) === e.raw && e.raw === e.value;
    if (inner && !/["'\\]/.test(enc)) return { span: { start: e.valueSpan.start + 1 + from, end: e.valueSpan.start + 1 + to }, newText: enc };
    return undefined;
  }

  private ownItems(): Array<Pair | YamlNode> {
    const n = this.envNode;
    if (n && isMap(n)) return (n as YAMLMap).items as Pair[];
    if (n && isSeq(n)) return (n as YAMLSeq).items as YamlNode[];
    return [];
  }

  private itemRange(item: Pair | YamlNode): Span {
    if (isPair(item)) {
      const k = nodeSpan(item.key as YamlNode);
      const v = item.value as YamlNode | null;
      return { start: k.start, end: v && v.range ? trimmedSpan(this.text, v).end : k.end };
    }
    return trimmedSpan(this.text, item);
  }

  private isFlow(): boolean {
    const n = this.envNode as { flow?: boolean } | null;
    return !!n?.flow;
  }

  private removal(removed: Set<EnvEntry>): TextEdit[] | undefined {
    if (this.isFlow()) return undefined;
    const own = this.ownItems();
    const all = own.every((item) => [...removed].some((e) => e.own === item));
    if (all && this.envPair) {
      // Every variable goes: remove `environment:` itself (an empty one is not a valid mapping).
      const keyStart = nodeSpan(this.envPair.key as YamlNode).start;
      const start = lineStart(this.text, keyStart);
      const end = own.length ? this.itemRange(own[own.length - 1]!).end : nodeSpan(this.envPair.key as YamlNode).end;
      return [{ span: { start, end: nextLine(this.text, Math.max(end - 1, start)) }, newText: '' }];
    }
    const out: TextEdit[] = [];
    for (const e of removed) {
      const r = this.itemRange(e.own!);
      const start = lineStart(this.text, r.start);
      const before = this.text.slice(start, r.start);
      if (before.trim() !== '' && before.trim() !== '-') return undefined;
      out.push({ span: { start, end: nextLine(this.text, Math.max(r.end - 1, start)) }, newText: '' });
    }
    return out;
  }

  private indentOf(offset: number): string {
    const start = lineStart(this.text, offset);
    return /^[ \t]*/.exec(this.text.slice(start))![0];
  }

  private insertion(list: Array<{ name: string; value: string; after?: EnvEntry }>): TextEdit[] | undefined {
    const text = this.text;
    const own = this.ownItems();
    const listForm = !!this.envNode && isSeq(this.envNode);
    // A list item takes the quotes of the item it follows (`- "KAFKA_X=…"` lists stay quoted).
    const render = (i: { name: string; value: string }, style: YamlNode | null = null) =>
      listForm ? `- ${this.renderItem(i.name, i.value, style)}` : `${i.name}: ${this.renderValue(i.value, null)}`;
    if (this.envNode && (isMap(this.envNode) || isSeq(this.envNode))) {
      if (this.isFlow() || own.length === 0) return undefined;
      const out: TextEdit[] = [];
      const groups = new Map<number, string[]>();
      const last = own[own.length - 1]!;
      const indent = this.indentOf(this.itemRange(last).start);
      for (const i of list) {
        const anchorItem = i.after?.own ?? last;
        const end = this.itemRange(anchorItem).end;
        const at = nextLine(text, Math.max(end - 1, 0));
        const style = listForm && !isPair(anchorItem) ? (anchorItem as YamlNode) : null;
        const line = indent + render(i, style);
        groups.set(at, [...(groups.get(at) ?? []), line]);
      }
      for (const [at, lines] of groups) {
        const body = lines.join(this.eol);
        if (at >= text.length && !/[\r\n]$/.test(text)) out.push({ span: { start: text.length, end: text.length }, newText: this.eol + body });
        else out.push({ span: { start: at, end: at }, newText: body + this.eol });
      }
      return out;
    }
    if (this.envPair || !this.serviceNode || !isMap(this.serviceNode) || (this.serviceNode as YAMLMap).flow) return undefined;
    // No environment yet: a new `environment:` block after the service's `image:` (else its first key).
    const items = (this.serviceNode as YAMLMap).items;
    const first = items[0];
    if (!first) return undefined;
    const keyStart = nodeSpan(first.key as YamlNode).start;
    const indent = this.indentOf(keyStart);
    const image = items.find((p) => isScalar(p.key) && (p.key as Scalar).value === 'image');
    const at = image ? nextLine(text, Math.max(this.itemRange(image).end - 1, 0)) : lineStart(text, keyStart);
    const body = `${indent}environment:${this.eol}` + list.map((i) => `${indent}  ${render(i)}`).join(this.eol) + this.eol;
    if (at >= text.length && !/[\r\n]$/.test(text)) return [{ span: { start: text.length, end: text.length }, newText: this.eol + body.slice(0, -this.eol.length) }];
    return [{ span: { start: at, end: at }, newText: body }];
  }
}

/** Variables of a `.env` file as compose reads it: `KEY=value`, `export` and comments allowed, quotes removed. */
export function parseDotEnv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split(/\r?\n|\r/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2]!;
    else value = value.replace(/\s+#.*$/, '');
    vars.set(m[1]!, value);
  }
  return vars;
}
