/**
 * Spring Boot (`spring.kafka.*`) and Spring Cloud Stream Kafka binder
 * (`spring.cloud.stream.kafka.binder.*`, `spring.cloud.stream.binders.<name>.environment.*`,
 * `spring.cloud.stream.kafka.streams.binder.*`) configuration, read from `application*.properties`
 * and `application*.yml` files, as canonical Kafka CLIENT documents.
 *
 * Model (decisions where the specification is silent):
 * - One document per Kafka client Spring creates (producer, consumer, admin; streams when configured),
 *   each holding the keys that client receives, merged the way Spring merges them. Clients that
 *   receive exactly the same settings share one document (fact `springClients` lists them).
 *   Spring Boot (KafkaProperties.buildCommonProperties / buildConsumerProperties …): typed common
 *   properties < `spring.kafka.properties.*` < typed per-client properties < per-client `properties.*`.
 *   Spring Cloud Stream binder (KafkaBinderConfigurationProperties.mergedConsumerConfiguration …):
 *   the Boot view < binder `configuration.*` < binder `consumer-properties.*`/`producer-properties.*`;
 *   binder `brokers` replace `bootstrap.servers`. A named binder reads the parent environment with its
 *   own `environment.*` properties on top (inheritEnvironment, the default).
 * - JAAS given as parts (`spring.kafka.jaas.*` when `enabled`, binder `jaas.*`) configures the JVM-wide
 *   `KafkaClient` login context (KafkaJaasLoginModuleInitializer); it is represented as the
 *   `sasl.jaas.config` it amounts to, with the lowest precedence (an explicit `sasl.jaas.config` wins).
 * - Placeholders `${name}` / `${name:default}` are resolved against the properties of the same file,
 *   else the default is used; with neither, the value is `unresolvable` (never guessed). A placeholder
 *   that names a Kafka config provider (`${file:…}`, `${dir:…}`, `${env:…}`) is `unresolvable`: Spring
 *   would substitute it before Kafka sees it, so its effective value cannot be told from the file.
 * - YAML documents and `#---` properties documents: documents without
 *   `spring.config.activate.on-profile` (or legacy `spring.profiles`) form the base; each
 *   profile-activated document is evaluated as base + itself.
 * - Only the Spring keys Kafka clients receive and that matter for the linter are mapped: bootstrap
 *   servers, client id, security protocol, SSL, pass-through `properties`/`configuration` maps, JAAS,
 *   Streams application id. Other Spring keys (serializers, group id, listener settings) are ignored.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { parseProperties, type PropertiesEntry } from '../../parse/properties';
import { detectLineEnding, type Span, lineStart, nextLine } from '../../parse/text';
import { AliasLimitError, MAX_ALIAS_EXPANSIONS, nodeSpan, scalarText, type YamlNode } from '../../parse/yaml';
import type { YamlWalker } from '../../parse/yaml';
import { clientRole, makeDocument, settingsMap } from '../document';
import { isSecretSetting } from '../secrets';
import type { Change, DocumentWriter, FileProblem, KafkaDocument, KafkaVersion, Setting, TextEdit, ValueState } from '../types';
import { valueState } from '../values';
import { mergeEdits, PropertiesWriter } from './properties';

/** Fact: the Spring clients (`producer`, `consumer`, `admin`, `streams`) a document describes. */
export const SPRING_CLIENTS_FACT = 'springClients';
/** Fact: where the clients come from: `boot`, `binder`, `binder:<name>` or `streams-binder`. */
export const SPRING_SOURCE_FACT = 'springSource';
/** Fact: the bootstrap address the clients use when none is written (`localhost:9092`). */
export const SPRING_DEFAULT_BOOTSTRAP_FACT = 'springDefaultBootstrap';

// ---------------------------------------------------------------------------------------------
// Flat Spring properties with positions

interface Element {
  text: string;
  /** Written in brackets (`properties[sasl.jaas.config]`): a map key kept as one element. */
  bracket: boolean;
}

interface YamlLocation {
  pair: Pair;
  map: YAMLMap;
  /** Pairs from the document root down to this one (for removing emptied parents). */
  chain: Array<{ pair: Pair; map: YAMLMap }>;
  list: boolean;
  doc: number;
}

/** One Spring property as written. */
export interface SpringEntry {
  /** The name as written (flattened for YAML): `spring.kafka.properties[sasl.jaas.config]`. */
  name: string;
  elements: Element[];
  /** The value as written (YAML scalar text, list items joined with commas). */
  raw: string;
  keySpan: Span;
  valueSpan: Span;
  entrySpan: Span;
  /** File order. */
  order: number;
  /** YAML document or `#---` properties document index. */
  part: number;
  props?: PropertiesEntry;
  yaml?: YamlLocation;
}

function parseName(name: string): Element[] {
  const out: Element[] = [];
  let cur = '';
  let i = 0;
  const flush = () => {
    if (cur !== '') out.push({ text: cur, bracket: false });
    cur = '';
  };
  while (i < name.length) {
    const c = name[i]!;
    if (c === '[') {
      const close = name.indexOf(']', i + 1);
      if (close < 0) {
        cur += name.slice(i);
        break;
      }
      flush();
      out.push({ text: name.slice(i + 1, close), bracket: true });
      i = close + 1;
      continue;
    }
    if (c === '.') flush();
    else cur += c;
    i++;
  }
  flush();
  return out;
}

/** Relaxed-binding form of a property name element: lower case, without `-` and `_`. */
const norm = (e: Element | undefined) => (e && !e.bracket ? e.text.toLowerCase().replace(/[-_]/g, '') : undefined);

function startsWith(elements: Element[], path: readonly string[]): boolean {
  return path.every((p, i) => norm(elements[i]) === p);
}

/** A map key made of the remaining elements: bracketed elements as written, others joined with dots. */
function mapKey(elements: Element[]): string {
  return elements.map((e) => e.text).join('.');
}

// ---------------------------------------------------------------------------------------------
// Reading .properties

const PROFILE_KEYS = [['spring', 'config', 'activate', 'onprofile'], ['spring', 'profiles']];

/** Spring Boot ≥2.4 splits a .properties file into documents at lines that are exactly `#---` or `!---`. */
function propertiesParts(text: string): Array<{ start: number; end: number }> {
  const parts: Array<{ start: number; end: number }> = [];
  let start = 0;
  const re = /^[#!]---[ \t]*(?:\r\n|\n|\r|$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '' ) {
      re.lastIndex++;
      continue;
    }
    parts.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  parts.push({ start, end: text.length });
  return parts;
}

function propertiesEntries(text: string): { entries: SpringEntry[]; all: PropertiesEntry[]; problems: FileProblem[] } {
  const entries: SpringEntry[] = [];
  const all: PropertiesEntry[] = [];
  const problems: FileProblem[] = [];
  let order = 0;
  propertiesParts(text).forEach((part, index) => {
    const parsed = parseProperties(text.slice(part.start, part.end));
    const shift = (s: Span): Span => ({ start: s.start + part.start, end: s.end + part.start });
    for (const p of parsed.problems) problems.push({ span: shift(p.span), message: p.message, severity: 'error' });
    for (const e of parsed.entries) {
      const shifted: PropertiesEntry = { ...e, keySpan: shift(e.keySpan), valueSpan: shift(e.valueSpan), entrySpan: shift(e.entrySpan) };
      all.push(shifted);
      entries.push({
        name: e.key,
        elements: parseName(e.key),
        raw: e.value,
        keySpan: shifted.keySpan,
        valueSpan: shifted.valueSpan,
        entrySpan: shifted.entrySpan,
        order: order++,
        part: index,
        props: shifted,
      });
    }
  });
  return { entries, all, problems };
}

// ---------------------------------------------------------------------------------------------
// Reading YAML

/** Scalar text as SnakeYAML hands it to Spring Boot: null becomes an empty string. */
function springScalar(node: YamlNode | null, text: string): string {
  if (!node || !isScalar(node)) return '';
  const v = (node as Scalar).value;
  if (v instanceof Date) return text.slice(nodeSpan(node).start, nodeSpan(node).end);
  return scalarText(node) ?? '';
}

class YamlFlattener {
  private expansions = 0;
  readonly entries: SpringEntry[] = [];
  private order = 0;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly part: number,
    startOrder: number,
  ) {
    this.order = startOrder;
  }

  private resolve(node: unknown): YamlNode | null {
    let n = node as YamlNode | null;
    let hops = 0;
    while (n && isAlias(n)) {
      if (++this.expansions > MAX_ALIAS_EXPANSIONS || ++hops > 100) throw new AliasLimitError();
      n = (n.resolve(this.doc) as YamlNode | undefined) ?? null;
    }
    return n;
  }

  walk(node: unknown, prefix: Element[], chain: Array<{ pair: Pair; map: YAMLMap }>): void {
    const map = this.resolve(node);
    if (!map || !isMap(map)) return;
    for (const item of map.items) {
      if (++this.expansions > MAX_ALIAS_EXPANSIONS) throw new AliasLimitError();
      const keyNode = this.resolve(item.key);
      if (!isScalar(keyNode)) continue;
      // Merge keys (`<<: *anchor`): the merged mapping's keys, overridden by keys written here (later).
      if (keyNode.source === '<<' || typeof keyNode.value === 'symbol') {
        const src = this.resolve(item.value);
        const list = src && isSeq(src) ? src.items : [item.value];
        for (const m of list) this.walk(m, prefix, chain);
        continue;
      }
      const key = String(keyNode.value ?? '');
      const elements = /^\[.*\]$/.test(key) ? [{ text: key.slice(1, -1), bracket: true }] : parseName(key);
      const path = [...prefix, ...elements];
      const value = this.resolve(item.value);
      const here = [...chain, { pair: item, map }];
      if (value && isMap(value)) {
        this.walk(value, path, here);
        continue;
      }
      const keySpan = nodeSpan(keyNode);
      let raw: string;
      let valueSpan: Span;
      let list = false;
      if (value && isSeq(value)) {
        list = true;
        raw = value.items
          .map((i) => this.resolve(i))
          .map((i) => springScalar(i, this.text))
          .join(',');
        valueSpan = valueRange(this.text, value);
      } else {
        raw = springScalar(value, this.text);
        valueSpan = value && value.range ? valueRange(this.text, value) : { start: keySpan.end + 1, end: keySpan.end + 1 };
        if (!value || !value.range) {
          const colon = this.text.indexOf(':', keySpan.end);
          valueSpan = { start: colon + 1, end: colon + 1 };
        }
      }
      this.entries.push({
        name: path.map((e) => (e.bracket ? `[${e.text}]` : e.text)).join('.').replace(/\.\[/g, '['),
        elements: path,
        raw,
        keySpan,
        valueSpan,
        entrySpan: { start: keySpan.start, end: Math.max(keySpan.end, valueSpan.end) },
        order: this.order++,
        part: this.part,
        yaml: { pair: item, map, chain: here, list, doc: this.part },
      });
    }
  }
}

/** The span of a value node without trailing line breaks (block scalars end after their last line break). */
function valueRange(text: string, node: YamlNode): Span {
  const s = nodeSpan(node);
  let end = s.end;
  while (end > s.start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return { start: s.start, end };
}

// ---------------------------------------------------------------------------------------------
// Placeholders

/** Kafka config-provider aliases that a `${alias:…}` reference most likely means. */
const PROVIDER_NAMES = new Set(['file', 'dir', 'env']);

interface Resolved {
  value: string;
  state: ValueState;
}

/** Resolve Spring `${name[:default]}` placeholders (PropertyPlaceholderHelper semantics, nested allowed). */
export function resolvePlaceholders(raw: string, lookup: (name: string) => string | undefined, depth = 0): Resolved {
  let unresolvable = false;
  let provider = false;
  const out = (function expand(s: string, level: number): string {
    let result = '';
    let i = 0;
    while (i < s.length) {
      const at = s.indexOf('${', i);
      if (at < 0) {
        result += s.slice(i);
        break;
      }
      result += s.slice(i, at);
      // Find the matching close brace, allowing nested placeholders.
      let nest = 0;
      let j = at + 2;
      for (; j < s.length; j++) {
        if (s.startsWith('${', j)) {
          nest++;
          j++;
        } else if (s[j] === '}') {
          if (nest === 0) break;
          nest--;
        }
      }
      if (j >= s.length) {
        result += s.slice(at);
        break;
      }
      const inner = expand(s.slice(at + 2, j), level + 1);
      const colon = inner.indexOf(':');
      const name = colon >= 0 ? inner.slice(0, colon) : inner;
      const fallback = colon >= 0 ? inner.slice(colon + 1) : undefined;
      const found = level + depth < 8 ? lookup(name) : undefined;
      if (PROVIDER_NAMES.has(name) && fallback !== undefined && found === undefined) {
        provider = true;
        result += s.slice(at, j + 1);
      } else if (found !== undefined) {
        const r = resolvePlaceholders(found, lookup, depth + level + 1);
        if (r.state === 'unresolvable') unresolvable = true;
        result += r.value;
      } else if (fallback !== undefined) {
        result += fallback;
      } else {
        unresolvable = true;
        result += s.slice(at, j + 1);
      }
      i = j + 1;
    }
    return result;
  })(raw, 0);
  if (unresolvable || provider) return { value: out, state: 'unresolvable' };
  const state = valueState(out);
  return { value: out, state: state === 'externalized' ? 'literal' : state };
}

// ---------------------------------------------------------------------------------------------
// Mapping Spring properties to Kafka keys

/** KafkaProperties.Ssl → Kafka SSL keys (Spring Boot 2.x/3.x `Ssl.buildProperties`). */
const SSL_KEYS: Record<string, string> = {
  keypassword: 'ssl.key.password',
  keystorecertificatechain: 'ssl.keystore.certificate.chain',
  keystorekey: 'ssl.keystore.key',
  keystorelocation: 'ssl.keystore.location',
  keystorepassword: 'ssl.keystore.password',
  keystoretype: 'ssl.keystore.type',
  truststorecertificates: 'ssl.truststore.certificates',
  truststorelocation: 'ssl.truststore.location',
  truststorepassword: 'ssl.truststore.password',
  truststoretype: 'ssl.truststore.type',
  protocol: 'ssl.protocol',
};
/** The canonical Spring spelling of each typed SSL key, for inserts. */
const SSL_SPRING_NAMES: Record<string, string> = {
  'ssl.key.password': 'key-password',
  'ssl.keystore.certificate.chain': 'key-store-certificate-chain',
  'ssl.keystore.key': 'key-store-key',
  'ssl.keystore.location': 'key-store-location',
  'ssl.keystore.password': 'key-store-password',
  'ssl.keystore.type': 'key-store-type',
  'ssl.truststore.certificates': 'trust-store-certificates',
  'ssl.truststore.location': 'trust-store-location',
  'ssl.truststore.password': 'trust-store-password',
  'ssl.truststore.type': 'trust-store-type',
  'ssl.protocol': 'protocol',
};

type Client = 'producer' | 'consumer' | 'admin' | 'streams';
const CLIENTS: readonly Client[] = ['producer', 'consumer', 'admin', 'streams'];

/** Precedence layers, lowest first. */
const Rank = {
  BootTyped: 1,
  BootProperties: 2,
  BootClientTyped: 3,
  BootClientProperties: 4,
  BinderConfiguration: 5,
  BinderClientProperties: 6,
  BinderBrokers: 7,
} as const;
type Rank = (typeof Rank)[keyof typeof Rank];

interface Contribution {
  key: string;
  entry: SpringEntry;
  rank: Rank;
  /** Only for these clients; undefined = every client of the source. */
  client?: Client;
  /** Comes from a named binder's `environment` (wins over the parent's at the same rank). */
  env: boolean;
  /** Extra transformation of the value (binder default broker port). */
  transform?: (v: string) => string;
}

interface JaasParts {
  enabled?: SpringEntry;
  module?: SpringEntry;
  flag?: SpringEntry;
  options: Array<{ name: string; entry: SpringEntry }>;
  env: boolean;
}

interface Source {
  kind: 'boot' | 'binder' | 'streams-binder';
  binder?: string;
  contributions: Contribution[];
  jaas?: JaasParts;
  /** Spring path under which new keys are written for this source. */
  base: string[];
  defaultPort?: SpringEntry;
}

const BOOT = ['spring', 'kafka'];
const BINDER = ['spring', 'cloud', 'stream', 'kafka', 'binder'];
const STREAMS_BINDER = ['spring', 'cloud', 'stream', 'kafka', 'streams', 'binder'];
const BINDERS = ['spring', 'cloud', 'stream', 'binders'];

function typedKey(rest: Element[]): string | undefined {
  const a = norm(rest[0]);
  const b = norm(rest[1]);
  if (rest.length === 1 && a === 'bootstrapservers') return 'bootstrap.servers';
  if (rest.length === 1 && a === 'clientid') return 'client.id';
  if (rest.length === 2 && a === 'security' && b === 'protocol') return 'security.protocol';
  if (rest.length === 2 && a === 'ssl' && b && SSL_KEYS[b]) return SSL_KEYS[b];
  return undefined;
}

function emptyJaas(env: boolean): JaasParts {
  return { options: [], env };
}

function addJaas(parts: JaasParts, rest: Element[], entry: SpringEntry): void {
  const a = norm(rest[0]);
  if (a === 'enabled' && rest.length === 1) parts.enabled = entry;
  else if (a === 'loginmodule' && rest.length === 1) parts.module = entry;
  else if (a === 'controlflag' && rest.length === 1) parts.flag = entry;
  else if (a === 'options' && rest.length > 1) parts.options.push({ name: mapKey(rest.slice(1)), entry });
}

/** Boot `spring.kafka.*` contributions of one entry (elements after the prefix). */
function bootContribution(rest: Element[], entry: SpringEntry, env: boolean, out: Contribution[], jaas: JaasParts): void {
  let client: Client | undefined;
  const first = norm(rest[0]);
  if (first && (CLIENTS as readonly string[]).includes(first) && rest.length > 1) {
    client = first as Client;
    rest = rest.slice(1);
  }
  const typed = typedKey(rest);
  const push = (key: string, rank: Rank): void => {
    out.push(client ? { key, entry, rank, client, env } : { key, entry, rank, env });
  };
  if (typed) return push(typed, client ? Rank.BootClientTyped : Rank.BootTyped);
  if (norm(rest[0]) === 'properties' && rest.length > 1) return push(mapKey(rest.slice(1)), client ? Rank.BootClientProperties : Rank.BootProperties);
  if (client === 'streams' && rest.length === 1 && norm(rest[0]) === 'applicationid') return push('application.id', Rank.BootClientTyped);
  if (!client && norm(rest[0]) === 'jaas' && rest.length > 1) addJaas(jaas, rest.slice(1), entry);
}

/** Binder (`spring.cloud.stream.kafka[.streams].binder.*`) contributions. */
function binderContribution(rest: Element[], entry: SpringEntry, env: boolean, source: Source, streams: boolean): void {
  const a = norm(rest[0]);
  if (a === 'brokers' && rest.length === 1) {
    source.contributions.push({ key: 'bootstrap.servers', entry, rank: Rank.BinderBrokers, env });
  } else if (a === 'defaultbrokerport' && rest.length === 1) {
    source.defaultPort = entry;
  } else if (a === 'configuration' && rest.length > 1) {
    source.contributions.push({ key: mapKey(rest.slice(1)), entry, rank: Rank.BinderConfiguration, env });
  } else if (!streams && (a === 'consumerproperties' || a === 'producerproperties') && rest.length > 1) {
    source.contributions.push({ key: mapKey(rest.slice(1)), entry, rank: Rank.BinderClientProperties, client: a === 'consumerproperties' ? 'consumer' : 'producer', env });
  } else if (streams && a === 'applicationid' && rest.length === 1) {
    source.contributions.push({ key: 'application.id', entry, rank: Rank.BinderConfiguration, env });
  } else if (a === 'jaas' && rest.length > 1) {
    source.jaas ??= emptyJaas(env);
    addJaas(source.jaas, rest.slice(1), entry);
  }
}

interface Classified {
  boot: Contribution[];
  bootJaas: JaasParts;
  binder?: Source;
  streamsBinder?: Source;
  binders: Map<string, { type?: string; env: SpringEntry[] }>;
  defaultBinder?: string;
}

function classify(entries: readonly SpringEntry[], env: boolean): Classified {
  const c: Classified = { boot: [], bootJaas: emptyJaas(env), binders: new Map() };
  for (const e of entries) {
    const el = e.elements;
    if (startsWith(el, BOOT) && el.length > 2) {
      bootContribution(el.slice(2), e, env, c.boot, c.bootJaas);
    } else if (startsWith(el, STREAMS_BINDER) && el.length > STREAMS_BINDER.length) {
      c.streamsBinder ??= { kind: 'streams-binder', contributions: [], base: [...STREAMS_BINDER] };
      binderContribution(el.slice(STREAMS_BINDER.length), e, env, c.streamsBinder, true);
    } else if (startsWith(el, BINDER) && el.length > BINDER.length) {
      c.binder ??= { kind: 'binder', contributions: [], base: [...BINDER] };
      binderContribution(el.slice(BINDER.length), e, env, c.binder, false);
    } else if (startsWith(el, BINDERS) && el.length > BINDERS.length + 1) {
      const name = el[BINDERS.length]!.text;
      const b = c.binders.get(name) ?? { env: [] };
      const what = norm(el[BINDERS.length + 1]);
      if (what === 'type' && el.length === BINDERS.length + 2) b.type = e.raw;
      else if (what === 'environment' && el.length > BINDERS.length + 2) b.env.push({ ...e, elements: el.slice(BINDERS.length + 2) });
      c.binders.set(name, b);
    } else if (startsWith(el, ['spring', 'cloud', 'stream', 'defaultbinder']) && el.length === 4) {
      c.defaultBinder = e.raw;
    }
  }
  return c;
}

/** Whether a set of Spring properties configures Kafka clients. */
function hasKafka(entries: readonly SpringEntry[]): boolean {
  return entries.some((e) => {
    const el = e.elements;
    return (startsWith(el, BOOT) && el.length > 2) || (startsWith(el, ['spring', 'cloud', 'stream', 'kafka']) && el.length > 4) || (startsWith(el, BINDERS) && el.length > 4);
  });
}

// ---------------------------------------------------------------------------------------------
// Views: the settings each client receives

interface ViewSetting {
  key: string;
  entries: SpringEntry[];
  setting: Setting;
  /** All contributions for this key in precedence order (the last one wins). */
  chain: Contribution[];
  jaas?: JaasParts;
}

interface View {
  clients: Client[];
  source: Source;
  label: string;
  settings: Map<string, Setting>;
  detail: Map<string, ViewSetting>;
}

function jaasSetting(parts: JaasParts, resolve: (e: SpringEntry) => Resolved): Setting | undefined {
  if (!parts.module && parts.options.length === 0) return undefined;
  const all = [parts.module, parts.flag, ...parts.options.map((o) => o.entry)].filter((e): e is SpringEntry => !!e);
  let state: ValueState = 'literal';
  const text = (e: SpringEntry) => {
    const r = resolve(e);
    if (r.state === 'unresolvable') state = 'unresolvable';
    return r.value;
  };
  // KafkaJaasLoginModuleInitializer defaults: Krb5LoginModule, REQUIRED.
  const module = parts.module ? text(parts.module).trim() : 'com.sun.security.auth.module.Krb5LoginModule';
  const flag = parts.flag ? text(parts.flag).trim().toLowerCase() : 'required';
  // Each option value is a piece written in its own entry (`parts`), so findings and fixes address that entry.
  let value = `${module} ${flag}`;
  const pieces: Array<{ from: number; to: number; span: Span }> = [];
  for (const o of parts.options) {
    const written = text(o.entry);
    const escaped = written.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    value += ` ${o.name}="`;
    pieces.push({ from: value.length, to: value.length + escaped.length, span: escaped === written ? optionValueSpan(o.entry, written) : o.entry.valueSpan });
    value += `${escaped}"`;
  }
  value += ';';
  const start = Math.min(...all.map((e) => e.entrySpan.start));
  const end = Math.max(...all.map((e) => e.entrySpan.end));
  const first = all.reduce((a, b) => (a.entrySpan.start <= b.entrySpan.start ? a : b));
  const origin = first.name.replace(/\.jaas\..*$/i, '.jaas.*').replace(/\[[^\]]*\]$/, '');
  return {
    key: 'sasl.jaas.config',
    value,
    state,
    keySpan: first.keySpan,
    valueSpan: { start, end },
    entrySpan: { start, end },
    origin: origin.endsWith('.jaas.*') ? origin : `${origin} (jaas)`,
    shadowed: [],
    secret: true,
    ...(pieces.length ? { parts: pieces } : {}),
  };
}

/** Where an option's value is written: the value itself, inside its quotes, else the whole value span. */
function optionValueSpan(entry: SpringEntry, value: string): Span {
  const span = entry.valueSpan;
  const len = span.end - span.start;
  if (entry.raw === value && len === value.length) return span;
  if (entry.raw === value && len === value.length + 2) return { start: span.start + 1, end: span.end - 1 };
  return span;
}

function buildView(source: Source, client: Client, bootContribs: readonly Contribution[], bootJaas: JaasParts, resolve: (e: SpringEntry) => Resolved): View {
  const contribs = [...(source.kind === 'boot' ? [] : bootContribs), ...source.contributions].filter((c) => !c.client || c.client === client);
  contribs.sort((a, b) => a.rank - b.rank || Number(a.env) - Number(b.env) || a.entry.order - b.entry.order);
  const list: Setting[] = [];
  const detail = new Map<string, ViewSetting>();
  // JAAS parts (lowest precedence): the source's own, else Boot's (when enabled).
  const jaasParts = source.jaas ?? (isBootJaasEnabled(bootJaas, resolve) ? bootJaas : undefined);
  if (jaasParts) {
    const s = jaasSetting(jaasParts, resolve);
    if (s) {
      list.push(s);
      detail.set(s.key, { key: s.key, entries: [], setting: s, chain: [], jaas: jaasParts });
    }
  }
  for (const c of contribs) {
    const r = resolve(c.entry);
    let value = r.value;
    if (c.rank === Rank.BinderBrokers) {
      const port = source.defaultPort ? resolve(source.defaultPort).value.trim() || '9092' : '9092';
      value = value
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean)
        .map((b) => (b.includes(':') ? b : `${b}:${port}`))
        .join(',');
    }
    const s: Setting = {
      key: c.key,
      value,
      state: r.state,
      keySpan: c.entry.keySpan,
      valueSpan: c.entry.valueSpan,
      entrySpan: c.entry.entrySpan,
      origin: c.entry.name,
      shadowed: [],
      secret: isSecretSetting(c.key, value) || isSecretSetting(c.entry.name, value),
    };
    list.push(s);
    const d = detail.get(c.key);
    if (d) {
      d.chain.push(c);
      d.entries.push(c.entry);
      d.setting = s;
      delete d.jaas;
    } else {
      detail.set(c.key, { key: c.key, entries: [c.entry], setting: s, chain: [c] });
    }
  }
  const settings = settingsMap(list);
  for (const d of detail.values()) d.setting = settings.get(d.key)!;
  const label = source.kind === 'boot' ? `spring.kafka ${client}` : source.binder ? `binder ${source.binder} ${client}` : `${source.kind} ${client}`;
  return { clients: [client], source, label, settings, detail };
}

function isBootJaasEnabled(parts: JaasParts, resolve: (e: SpringEntry) => Resolved): boolean {
  return !!parts.enabled && resolve(parts.enabled).value.trim().toLowerCase() === 'true';
}

function viewSignature(v: View): string {
  const parts: string[] = [v.source.kind, v.source.binder ?? ''];
  for (const [k, s] of [...v.settings].sort(([a], [b]) => a.localeCompare(b))) parts.push(`${k}\u0000${s.valueSpan.start}\u0000${s.value}`);
  return parts.join('\u0001');
}

/** Every client view of a set of entries, identical views merged. */
function views(entries: readonly SpringEntry[], resolve: (e: SpringEntry) => Resolved): View[] {
  const c = classify(entries, false);
  const out: View[] = [];
  const bootSource: Source = { kind: 'boot', contributions: c.boot, base: [...BOOT] };
  const bootClients: Client[] = ['producer', 'consumer', 'admin'];
  if (c.boot.some((x) => x.client === 'streams')) bootClients.push('streams');
  const hasBoot = c.boot.length > 0 || isBootJaasEnabled(c.bootJaas, resolve);
  if (hasBoot) for (const client of bootClients) out.push(buildView(bootSource, client, c.boot, c.bootJaas, resolve));

  const kafkaBinders = [...c.binders].filter(([, b]) => !b.type || /^(kafka|kstream|ktable|globalktable)$/i.test(b.type.trim()));
  if (kafkaBinders.length > 0) {
    const parent = entries.filter((e) => !(startsWith(e.elements, BINDERS) && e.elements.length > BINDERS.length));
    for (const [name, b] of kafkaBinders) {
      const streams = /^(kstream|ktable|globalktable)$/i.test((b.type ?? '').trim());
      // The binder's context: the parent environment, its own environment properties on top.
      const pc = classify(parent, false);
      const ec = classify(b.env, true);
      const boot = [...pc.boot, ...ec.boot];
      const bootJaas = ec.bootJaas.module || ec.bootJaas.options.length || ec.bootJaas.enabled ? ec.bootJaas : pc.bootJaas;
      const ps = streams ? pc.streamsBinder : pc.binder;
      const es = streams ? ec.streamsBinder : ec.binder;
      const source: Source = {
        kind: streams ? 'streams-binder' : 'binder',
        binder: name,
        contributions: [...(ps?.contributions ?? []), ...(es?.contributions ?? [])],
        base: [...BINDERS, name, 'environment', ...(streams ? STREAMS_BINDER : BINDER)],
      };
      const jaas = es?.jaas ?? ps?.jaas;
      if (jaas) source.jaas = jaas;
      const port = es?.defaultPort ?? ps?.defaultPort;
      if (port) source.defaultPort = port;
      for (const client of streams ? (['streams'] as Client[]) : (['producer', 'consumer', 'admin'] as Client[])) {
        out.push(buildView(source, client, boot, bootJaas, resolve));
      }
    }
  } else {
    if (c.binder) for (const client of ['producer', 'consumer', 'admin'] as Client[]) out.push(buildView(c.binder, client, c.boot, c.bootJaas, resolve));
  }
  if (c.streamsBinder && kafkaBinders.every(([, b]) => !/^(kstream|ktable|globalktable)$/i.test((b.type ?? '').trim()))) {
    out.push(buildView(c.streamsBinder, 'streams', c.boot, c.bootJaas, resolve));
  }
  const merged = new Map<string, View>();
  for (const v of out) {
    const sig = viewSignature(v);
    const prev = merged.get(sig);
    if (prev) prev.clients.push(...v.clients.filter((x) => !prev.clients.includes(x)));
    else merged.set(sig, v);
  }
  return [...merged.values()];
}

// ---------------------------------------------------------------------------------------------
// Documents

function isProfileGated(entries: readonly SpringEntry[]): boolean {
  return entries.some((e) => PROFILE_KEYS.some((p) => startsWith(e.elements, p) && e.elements.length === p.length));
}

function lookupIn(entries: readonly SpringEntry[]): (name: string) => string | undefined {
  const byName = new Map<string, string>();
  for (const e of entries) {
    byName.set(e.name, e.raw);
    byName.set(e.elements.map((x) => (x.bracket ? `[${x.text}]` : norm(x))).join('.'), e.raw);
  }
  return (name) => byName.get(name) ?? byName.get(parseName(name).map((x) => (x.bracket ? `[${x.text}]` : norm(x))).join('.'));
}

interface FileModel {
  text: string;
  syntax: 'properties' | 'yaml';
  entries: SpringEntry[];
  propsEntries: PropertiesEntry[];
  yamlDocs: Document.Parsed[];
}

function documentsFor(path: string, model: FileModel, version: KafkaVersion | undefined): KafkaDocument[] {
  const byPart = new Map<number, SpringEntry[]>();
  for (const e of model.entries) byPart.set(e.part, [...(byPart.get(e.part) ?? []), e]);
  const base: SpringEntry[] = [];
  const gated: SpringEntry[][] = [];
  for (const [, list] of [...byPart].sort(([a], [b]) => a - b)) {
    if (isProfileGated(list)) gated.push(list);
    else base.push(...list);
  }
  const scenarios: SpringEntry[][] = [];
  if (hasKafka(base)) scenarios.push(base);
  for (const g of gated) if (hasKafka(g)) scenarios.push([...base, ...g]);
  const lookup = lookupIn(model.entries);
  const resolve = (e: SpringEntry) => resolvePlaceholders(e.raw, lookup);
  const seen = new Set<string>();
  const docs: KafkaDocument[] = [];
  for (const scenario of scenarios) {
    for (const v of views(scenario, resolve)) {
      const sig = viewSignature(v) + '\u0002' + v.clients.join(',');
      if (seen.has(sig)) continue;
      seen.add(sig);
      const kafkaEntries = scenario.filter((e) => hasKafka([e]));
      const first = [...v.settings.values()].sort((a, b) => a.entrySpan.start - b.entrySpan.start)[0] ?? kafkaEntries[0];
      const facts = new Map<string, unknown>([
        [SPRING_CLIENTS_FACT, [...v.clients]],
        [SPRING_SOURCE_FACT, v.source.binder ? `${v.source.kind}:${v.source.binder}` : v.source.kind],
      ]);
      // Without a configured bootstrap address the clients use the framework default: Boot
      // KafkaProperties.bootstrapServers = localhost:9092, the binder's `brokers` = localhost (+ default port).
      if (!v.settings.has('bootstrap.servers')) facts.set(SPRING_DEFAULT_BOOTSTRAP_FACT, 'localhost:9092');
      docs.push(
        makeDocument({
          path,
          text: model.text,
          format: 'spring',
          role: clientRole(v.settings),
          mode: 'unknown',
          ...(version ? { version } : {}),
          settings: v.settings,
          anchor: first ? first.entrySpan : { start: 0, end: 0 },
          span: { start: 0, end: model.text.length },
          writer: new SpringWriter(model, v),
          facts,
        }),
      );
    }
  }
  return docs;
}

/** `application.properties`, `application-<profile>.properties`. */
export function isSpringPropertiesFile(path: string, text: string): boolean {
  // Cheap look first: no line starting with `spring` means no Spring key (a full parse costs more).
  if (!/^[ \t\f]*spring/m.test(text)) return false;
  const base = path.split(/[\\/]/).pop() ?? path;
  const keys = parseProperties(text).entries.map((e) => e.key);
  // Kafka settings under Spring prefixes are Spring's whatever the file is called.
  if (keys.some((k) => /^spring\.(kafka|cloud\.stream)[.[]/.test(k))) return true;
  return /(^|[^A-Za-z0-9])application(?:[-_.][^/\\]*)?\.properties$/i.test(base) && keys.some((k) => k.startsWith('spring.'));
}

/** Read a Spring Boot `.properties` file. */
export function readSpringProperties(path: string, text: string, version?: KafkaVersion): { documents: KafkaDocument[]; problems: FileProblem[]; skipped?: string } {
  const { entries, all, problems } = propertiesEntries(text);
  const documents = documentsFor(path, { text, syntax: 'properties', entries, propsEntries: all, yamlDocs: [] }, version);
  if (documents.length === 0 && problems.length === 0) return { documents, problems, skipped: 'a Spring Boot file without Kafka settings' };
  return { documents, problems };
}

function flattenYaml(text: string, docs: readonly Document.Parsed[]): SpringEntry[] {
  const out: SpringEntry[] = [];
  docs.forEach((d, i) => {
    const f = new YamlFlattener(text, d, i, out.length);
    f.walk(d.contents, [], []);
    out.push(...f.entries);
  });
  return out;
}

/** Whether a YAML document holds Spring Kafka or Spring Cloud Stream Kafka settings. */
export function isSpringDocument(walker: YamlWalker, root: unknown): boolean {
  return isSpringParsed(walker.doc, root);
}

function isSpringParsed(doc: Document.Parsed, root: unknown): boolean {
  const map = root as YamlNode | null;
  if (!map || !isMap(map)) return false;
  const top = map.items.some((p) => {
    const k = isScalar(p.key) ? String(p.key.value) : '';
    return k === 'spring' || k.startsWith('spring.');
  });
  if (!top) return false;
  const f = new YamlFlattener('', doc, 0, 0);
  f.walk(root, [], []);
  return hasKafka(f.entries);
}

/** Read every Spring document of a YAML file (called for the first one; later ones return nothing). */
export function readSpring(
  path: string,
  text: string,
  doc: Document.Parsed,
  walker: YamlWalker,
  version: KafkaVersion | undefined,
  all: readonly Document.Parsed[],
): { documents: KafkaDocument[]; problems: FileProblem[] } {
  void walker;
  const first = all.find((d) => isSpringParsed(d, d.contents));
  if (first !== doc) return { documents: [], problems: [] };
  const entries = flattenYaml(text, all);
  return { documents: documentsFor(path, { text, syntax: 'yaml', entries, propsEntries: [], yamlDocs: [...all] }, version), problems: [] };
}

// ---------------------------------------------------------------------------------------------
// Writer

const YAML11_SPECIAL = /^(y|n|yes|no|true|false|on|off|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[-+]?\d+(:[0-5]?\d)+(\.\d*)?)$/i;

function yamlPlainSafe(v: string): boolean {
  return /^[A-Za-z0-9_./$][\w./:,@=+$(){}-]*$/.test(v) && !/:$/.test(v) && !/:\s/.test(v) && !YAML11_SPECIAL.test(v);
}

/**
 * Whether `v`, written as a one-line plain scalar in block context, reads back as exactly this string
 * (a JAAS value with spaces and quotes does; one with `: ` or ` #` does not).
 */
function plainReadsBack(v: string): boolean {
  if (/[\r\n]/.test(v) || YAML11_SPECIAL.test(v)) return false;
  try {
    const doc = parseDocument(`k: ${v}\n`);
    return doc.errors.length === 0 && doc.get('k') === v;
  } catch {
    return false;
  }
}

function yamlQuote(v: string): string {
  return yamlPlainSafe(v) ? v : JSON.stringify(v);
}

function yamlKey(k: string): string {
  return /^[A-Za-z0-9_][\w.-]*$/.test(k) ? k : JSON.stringify(k);
}


/**
 * Whether a value can be written into a Spring file as meant: Spring resolves every `${…}` itself, so
 * only Spring placeholders (`${NAME}` / `${NAME:default}`, e.g. an environment variable) are allowed;
 * a Kafka config-provider reference (`${file:…}`) would be replaced by Spring before Kafka sees it.
 */
export function springWritable(value: string): boolean {
  for (const m of value.matchAll(/\$\{([^}:]*)(:[^}]*)?\}/g)) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(m[1]!) || PROVIDER_NAMES.has(m[1]!)) return false;
  }
  return !/\$\{(?![^}:]*(:[^}]*)?\})/.test(value);
}

class SpringWriter implements DocumentWriter {
  private readonly eol: string;

  constructor(
    private readonly model: FileModel,
    private readonly view: View,
  ) {
    this.eol = detectLineEnding(model.text);
  }

  edits(changes: readonly Change[]): TextEdit[] | null {
    const edits: TextEdit[] = [];
    const propsChanges: Change[] = [];
    const removals: Array<{ pair: Pair; map: YAMLMap; chain: YamlLocation['chain'] }> = [];
    const inserts: Array<{ path: Element[]; value: string; after?: SpringEntry }> = [];
    for (const change of changes) {
      const d = this.view.detail.get(change.key);
      const winner = d && !d.jaas ? d.entries[d.entries.length - 1] : undefined;
      if (change.op === 'set') {
        if (!springWritable(change.value)) return null;
        if (winner) {
          if (this.model.syntax === 'properties') propsChanges.push({ op: 'set', key: winner.name, value: change.value });
          else {
            const e = this.yamlSet(winner, change.value);
            if (!e) return null;
            edits.push(e);
          }
          continue;
        }
        const afterEntry = change.after ? this.view.detail.get(change.after)?.entries.at(-1) : undefined;
        inserts.push({ path: this.insertPath(change.key), value: change.value, ...(afterEntry ? { after: afterEntry } : {}) });
      } else if (change.op === 'remove') {
        if (!d) continue;
        const targets = d.jaas ? this.jaasEntries(d.jaas) : d.entries;
        for (const e of targets) {
          if (e.props) propsChanges.push({ op: 'remove', key: e.name });
          else if (e.yaml) removals.push(e.yaml);
        }
      } else {
        if (d?.jaas) {
          // JAAS given as parts: a whole option value is replaced by setting that option's own entry.
          const entry = this.jaasOption(d, change.from, change.to);
          if (!entry || /["\\]/.test(change.text) || !springWritable(change.text)) return null;
          if (this.model.syntax === 'properties') propsChanges.push({ op: 'set', key: entry.name, value: change.text });
          else {
            const e = this.yamlSet(entry, change.text);
            if (!e) return null;
            edits.push(e);
          }
          continue;
        }
        if (!winner) return null;
        const current = d!.setting.value;
        const next = current.slice(0, change.from) + change.text + current.slice(change.to);
        if (!springWritable(next)) return null;
        if (winner.raw !== current) return null; // placeholders or broker ports: offsets do not map
        if (this.model.syntax === 'properties') propsChanges.push({ op: 'replace-in-value', key: winner.name, from: change.from, to: change.to, text: change.text });
        else {
          const e = this.yamlReplace(winner, change.from, change.to, change.text, next);
          if (!e) return null;
          edits.push(e);
        }
      }
    }
    if (this.model.syntax === 'properties') {
      for (const ins of inserts) {
        const name = this.propertiesName(ins.path);
        const after = ins.after ?? this.nearest(ins.path);
        propsChanges.push(after ? { op: 'set', key: name, value: ins.value, after: after.name } : { op: 'set', key: name, value: ins.value });
      }
      if (propsChanges.length) {
        const more = new PropertiesWriter(this.model.text, this.model.propsEntries).edits(propsChanges);
        if (!more) return null;
        edits.push(...more);
      }
    } else {
      // Inserts at one offset: deeper mappings first, so each block stays under its parent.
      const byOffset = new Map<number, TextEdit[]>();
      for (const ins of inserts) {
        const e = this.yamlInsert(ins.path, ins.value, ins.after);
        if (!e) return null;
        byOffset.set(e.span.start, [...(byOffset.get(e.span.start) ?? []), e]);
      }
      const indent = (e: TextEdit) => /^(\r?\n)?( *)/.exec(e.newText)![2]!.length;
      for (const group of byOffset.values()) {
        const sorted = [...group].sort((a, b) => indent(b) - indent(a));
        const lead = sorted.some((e) => /^\r?\n/.test(e.newText));
        const body = sorted.map((e) => e.newText.replace(/^\r?\n/, '').replace(/\r?\n$/, '')).join(this.eol);
        edits.push({ span: sorted[0]!.span, newText: lead ? this.eol + body : body + this.eol });
      }
      const e = this.yamlRemove(removals);
      if (!e) return null;
      edits.push(...e);
    }
    return mergeEdits(edits);
  }

  /** The JAAS option entry whose whole value is `value.slice(from, to)` of the assembled JAAS setting. */
  private jaasOption(d: ViewSetting, from: number, to: number): SpringEntry | undefined {
    const piece = d.setting.parts?.find((p) => p.from === from && p.to === to);
    if (!piece || !d.jaas) return undefined;
    const entry = d.jaas.options.map((o) => o.entry).find((e) => e.valueSpan.start <= piece.span.start && piece.span.end <= e.valueSpan.end);
    // Only a value the entry holds as written (no placeholder resolved into it).
    return entry && entry.raw === d.setting.value.slice(from, to) ? entry : undefined;
  }

  private jaasEntries(p: JaasParts): SpringEntry[] {
    return [p.enabled, p.module, p.flag, ...p.options.map((o) => o.entry)].filter((e): e is SpringEntry => !!e);
  }

  /** The Spring property path where a missing key is written for this view. */
  private insertPath(key: string): Element[] {
    const src = this.view.source;
    const el = (t: string): Element => ({ text: t, bracket: false });
    const base = src.base.map(el);
    if (src.kind === 'boot') {
      if (key === 'bootstrap.servers') return [...base, el('bootstrap-servers')];
      if (key === 'client.id') return [...base, el('client-id')];
      if (key === 'security.protocol') return [...base, el('security'), el('protocol')];
      if (SSL_SPRING_NAMES[key]) return [...base, el('ssl'), el(SSL_SPRING_NAMES[key]!)];
      return [...base, el('properties'), { text: key, bracket: this.prefersBrackets() }];
    }
    if (key === 'bootstrap.servers') return [...base, el('brokers')];
    return [...base, el('configuration'), { text: key, bracket: this.prefersBrackets() }];
  }

  private prefersBrackets(): boolean {
    return this.model.syntax === 'properties' && this.model.entries.some((e) => e.elements.some((x) => x.bracket && x.text.includes('.')));
  }

  private propertiesName(path: Element[]): string {
    return path.map((e, i) => (e.bracket ? `[${e.text}]` : (i ? '.' : '') + e.text)).join('');
  }

  /** The entry sharing the longest path prefix with `path` (the last one on ties), to insert after it. */
  private nearest(path: Element[]): SpringEntry | undefined {
    const part = Math.max(...this.viewEntries().map((e) => e.part), 0);
    let best: SpringEntry | undefined;
    let bestLen = 0;
    for (const e of this.model.entries) {
      if (e.part !== part) continue;
      let n = 0;
      while (n < path.length && n < e.elements.length && norm(path[n]) === norm(e.elements[n]) && path[n]!.text === e.elements[n]!.text) n++;
      if (n >= bestLen && n > 0) {
        best = e;
        bestLen = n;
      }
    }
    return best;
  }

  private viewEntries(): SpringEntry[] {
    return [...this.view.detail.values()].flatMap((d) => (d.jaas ? this.jaasEntries(d.jaas) : d.entries));
  }

  // --- YAML

  private yamlSet(e: SpringEntry, value: string): TextEdit | undefined {
    if (!e.yaml || e.yaml.list) return undefined;
    const node = e.yaml.pair.value as YamlNode | null;
    const text = this.model.text;
    if (!node || !isScalar(node) || !node.range || node.range[0] === node.range[1]) {
      // `key:` with no value: write it after the colon.
      const colon = text.indexOf(':', e.keySpan.end);
      if (colon < 0) return undefined;
      return { span: { start: colon + 1, end: e.valueSpan.end > colon + 1 ? e.valueSpan.end : colon + 1 }, newText: ' ' + yamlQuote(value) };
    }
    const span = valueRange(text, node);
    switch ((node as Scalar).type) {
      case 'QUOTE_SINGLE':
        return { span, newText: `'${value.replace(/'/g, "''")}'` };
      case 'QUOTE_DOUBLE':
        return { span, newText: JSON.stringify(value) };
      default:
        return { span, newText: yamlQuote(value) };
    }
  }

  private yamlReplace(e: SpringEntry, from: number, to: number, insert: string, whole: string): TextEdit | undefined {
    if (!e.yaml || e.yaml.list) return undefined;
    const node = e.yaml.pair.value as YamlNode | null;
    if (!node || !isScalar(node)) return undefined;
    const span = valueRange(this.model.text, node);
    const raw = this.model.text.slice(span.start, span.end);
    const type = (node as Scalar).type;
    if (type === 'PLAIN' && raw === e.raw && (yamlPlainSafe(whole) || (!e.yaml.map.flow && plainReadsBack(whole)))) {
      return { span: { start: span.start + from, end: span.start + to }, newText: insert };
    }
    if ((type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') && raw.slice(1, -1) === e.raw && !/["'\\]/.test(insert)) {
      return { span: { start: span.start + 1 + from, end: span.start + 1 + to }, newText: insert };
    }
    return this.yamlSet(e, whole);
  }

  private yamlInsert(path: Element[], value: string, after?: SpringEntry): TextEdit | undefined {
    const text = this.model.text;
    const docIndex = Math.max(0, ...this.viewEntries().map((e) => e.part));
    const doc = this.model.yamlDocs[docIndex];
    if (!doc) return undefined;
    let map = doc.contents as YamlNode | null;
    if (!map || !isMap(map) || map.flow) return undefined;
    let i = 0;
    let depthCol = -1;
    // Descend through existing mappings whose (possibly dotted) keys match the path.
    for (;;) {
      let next: { node: YAMLMap; n: number } | undefined;
      for (const p of (map as YAMLMap).items) {
        if (!isScalar(p.key)) continue;
        const k = String(p.key.value);
        const els = /^\[.*\]$/.test(k) ? [{ text: k.slice(1, -1), bracket: true }] : parseName(k);
        if (els.length === 0 || i + els.length > path.length) continue;
        const match = els.every((x, j) => (x.bracket || path[i + j]!.bracket ? x.text === path[i + j]!.text : norm(x) === norm(path[i + j])));
        if (match && isMap(p.value) && !(p.value as YAMLMap).flow && (!next || els.length > next.n)) next = { node: p.value as YAMLMap, n: els.length };
      }
      if (!next) break;
      depthCol = this.column(nodeSpan(map as YamlNode).start);
      map = next.node;
      i += next.n;
    }
    if (i >= path.length) return undefined;
    const target = map as YAMLMap;
    const items = target.items.filter((p) => isScalar(p.key));
    const root = target === doc.contents;
    const childCol = items.length ? this.column(nodeSpan(items[0]!.key as YamlNode).start) : root ? 0 : depthCol + 2;
    const step = root ? 2 : Math.max(childCol - Math.max(depthCol, 0), 2) || 2;
    const dotted = items.some((p) => String((p.key as Scalar).value).includes('.') && !/^\[/.test(String((p.key as Scalar).value)));
    const rest = path.slice(i);
    const parts = rest.map((e) => e.text);
    const lines: string[] = [];
    if (dotted || rest.length === 1) {
      lines.push(`${' '.repeat(childCol)}${yamlKey(parts.join('.'))}: ${yamlQuote(value)}`);
    } else {
      const last = rest[rest.length - 1]!;
      const typed = rest.slice(0, -1);
      typed.forEach((e, n) => lines.push(`${' '.repeat(childCol + n * step)}${yamlKey(e.text)}:`));
      lines.push(`${' '.repeat(childCol + typed.length * step)}${yamlKey(last.text)}: ${yamlQuote(value)}`);
    }
    // After `after` when it lives in this mapping, else after the mapping's last entry.
    let anchorPair = items[items.length - 1];
    if (after?.yaml && target.items.includes(after.yaml.pair)) anchorPair = after.yaml.pair;
    if (!anchorPair) return undefined;
    const v = anchorPair.value as YamlNode | null;
    const end = v && v.range ? valueRange(text, v).end : nodeSpan(anchorPair.key as YamlNode).end;
    const at = nextLine(text, Math.max(end - 1, 0));
    const body = lines.join(this.eol);
    if (at >= text.length && !/[\r\n]$/.test(text)) return { span: { start: text.length, end: text.length }, newText: this.eol + body };
    return { span: { start: at, end: at }, newText: body + this.eol };
  }

  private column(offset: number): number {
    return offset - lineStart(this.model.text, offset);
  }

  /** Remove entries; a mapping whose every entry goes is removed with its key, up the chain. */
  private yamlRemove(list: Array<{ pair: Pair; map: YAMLMap; chain: YamlLocation['chain'] }>): TextEdit[] | undefined {
    const text = this.model.text;
    const gone = new Set<Pair>(list.map((l) => l.pair));
    const chains = new Map<Pair, YamlLocation['chain']>();
    for (const l of list) chains.set(l.pair, l.chain);
    // Climb: when every pair of a map is gone, its own pair goes too.
    let changed = true;
    while (changed) {
      changed = false;
      for (const chain of chains.values()) {
        for (let k = chain.length - 1; k > 0; k--) {
          const { map } = chain[k]!;
          const parent = chain[k - 1]!.pair;
          if (!gone.has(parent) && map.items.every((p) => gone.has(p))) {
            gone.add(parent);
            changed = true;
          }
        }
      }
    }
    // Only the outermost removed pairs produce edits.
    const outer = [...gone].filter((p) => ![...chains.values()].some((chain) => {
      const idx = chain.findIndex((c) => c.pair === p);
      return idx > 0 && chain.slice(0, idx).some((c) => gone.has(c.pair));
    }));
    const edits: TextEdit[] = [];
    for (const p of outer) {
      const keyStart = nodeSpan(p.key as YamlNode).start;
      const v = p.value as YamlNode | null;
      const end = v && v.range ? valueRange(text, v).end : nodeSpan(p.key as YamlNode).end;
      const start = lineStart(text, keyStart);
      if (text.slice(start, keyStart).trim() !== '') return undefined; // flow or same-line content
      edits.push({ span: { start, end: nextLine(text, Math.max(end - 1, start)) }, newText: '' });
    }
    return edits;
  }
}
