/**
 * Helpers for the rules that report secrets written literally in a config (`inline-secret`,
 * `sasl-jaas-inline-credentials`): which keys count, what is only a placeholder, where a piece of
 * an escaped or continued value sits in the file, JAAS options with their quoting, and the
 * config-provider lines a `${file:…}` reference needs (KIP-297, FileConfigProvider).
 */
import { parseJaasConfig } from '../parse/jaas';
import type { Span } from '../parse/text';
import { listItems, valueSubSpan } from './listeners';
import { knownSecretBase, MASKED_ONLY_KEYS, SECRET_KEYS } from './secrets';
import type { Change, KafkaDocument, Setting } from './types';

export const FILE_CONFIG_PROVIDER = 'org.apache.kafka.common.config.provider.FileConfigProvider';
export const SECRETS_FILE_PLACEHOLDER = '<SECRETS_FILE>';

/**
 * The §E secret key a setting holds, under any prefix: the known prefixes of `knownSecretBase`,
 * else any dotted prefix ending at a known key (interceptor, Schema Registry client and similar
 * client prefixes such as `confluent.monitoring.interceptor.ssl.key.password`).
 */
export function secretBaseOf(key: string): string | undefined {
  const known = knownSecretBase(key);
  if (known) return known;
  return SECRET_SUFFIX.exec(key)?.[1];
}

/** `.<secret key>` at the end of a key; longest alternatives first so the longest base wins. */
const SECRET_SUFFIX = new RegExp(
  '\\.(' +
    [...SECRET_KEYS]
      .sort((a, b) => b.length - a.length)
      .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|') +
    ')$',
);

/** Secret keys `inline-secret` reports (public material and identifiers excluded, RULES.md §E.1). */
export function isReportableSecretBase(base: string): boolean {
  return !MASKED_ONLY_KEYS.has(base);
}

/**
 * Values that stand for a secret without being one: `<PASSWORD>`-style placeholders (or their
 * unclosed cousins with spaces), and `null`, which dumps of a broker's effective config (Strimzi,
 * `kafka-configs --describe --all`) print for an unset password.
 */
export function isPlaceholderSecret(value: string): boolean {
  const v = value.trim();
  if (v === 'null') return true;
  if (!v.startsWith('<')) return false;
  return /^<[^<>]+>$/.test(v) || /\s/.test(v);
}

// ---------------------------------------------------------------------------------------------
// Offsets inside escaped or continued `.properties` values

const isWs = (c: string | undefined) => c === ' ' || c === '\t' || c === '\f';

function joinLogical(text: string, span: Span): { chars: string; offsets: number[] } | undefined {
  let chars = '';
  const offsets: number[] = [];
  let precedingBackslash = false;
  let i = span.start;
  while (i < span.end) {
    const c = text[i]!;
    if (c === '\r' || c === '\n') {
      // Inside a value a line terminator can only follow a continuation backslash.
      if (!precedingBackslash) return undefined;
      chars = chars.slice(0, -1);
      offsets.pop();
      precedingBackslash = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      while (i < span.end && isWs(text[i])) i++;
      continue;
    }
    chars += c;
    offsets.push(i);
    precedingBackslash = c === '\\' ? !precedingBackslash : false;
    i++;
  }
  return { chars, offsets };
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

/**
 * Where each character of a properties value comes from in the file: `[start, end)` of its raw
 * text (an escape or a `\uXXXX` sequence counts as one character). Undefined when the raw text does
 * not read back to exactly `setting.value` (then the value is not written in properties syntax).
 */
export function rawCharSpans(doc: KafkaDocument, setting: Setting): Span[] | undefined {
  const logical = joinLogical(doc.text, setting.valueSpan);
  if (!logical) return undefined;
  const { chars, offsets } = logical;
  const spans: Span[] = [];
  let out = '';
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c !== '\\') {
      out += c;
      spans.push({ start: offsets[i]!, end: offsets[i]! + 1 });
      i++;
      continue;
    }
    if (i + 1 >= chars.length) break;
    const e = chars[i + 1]!;
    if (e === 'u') {
      let digits = 0;
      while (digits < 4 && i + 2 + digits < chars.length && /[0-9a-fA-F]/.test(chars[i + 2 + digits]!)) digits++;
      if (digits === 4) {
        out += String.fromCharCode(parseInt(chars.slice(i + 2, i + 6), 16));
        spans.push({ start: offsets[i]!, end: offsets[i + 5]! + 1 });
      } else {
        // Malformed: kept as written, one character per raw character.
        for (let k = i; k < i + 2 + digits; k++) {
          out += chars[k];
          spans.push({ start: offsets[k]!, end: offsets[k]! + 1 });
        }
      }
      i += 2 + digits;
      continue;
    }
    out += ESCAPES[e] ?? e;
    spans.push({ start: offsets[i]!, end: offsets[i + 1]! + 1 });
    i += 2;
  }
  return out === setting.value ? spans : undefined;
}

const YAML_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', t: '\t', n: '\n', r: '\r', '0': '\0', ' ': ' ' };

/**
 * Where each character of a one-line YAML quoted scalar comes from: `"…"` with backslash escapes
 * (`\"`, `\\`, `\n`, `\xHH`, `\uHHHH`, …) or `'…'` with `''`. Undefined for any other text.
 */
export function yamlQuotedCharSpans(text: string, span: Span): { value: string; spans: Span[] } | undefined {
  const raw = text.slice(span.start, span.end);
  if (raw.length < 2 || /[\r\n]/.test(raw)) return undefined;
  const q = raw[0];
  if ((q !== '"' && q !== "'") || raw[raw.length - 1] !== q) return undefined;
  let value = '';
  const spans: Span[] = [];
  let i = 1;
  const end = raw.length - 1;
  while (i < end) {
    const c = raw[i]!;
    const at = span.start + i;
    if (q === "'" && c === "'") {
      if (raw[i + 1] !== "'" || i + 1 >= end) return undefined;
      value += "'";
      spans.push({ start: at, end: at + 2 });
      i += 2;
      continue;
    }
    if (q === '"' && c === '"') return undefined;
    if (q === '"' && c === '\\') {
      const e = raw[i + 1];
      if (e === undefined || i + 1 >= end) return undefined;
      const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (hex) {
        const digits = raw.slice(i + 2, i + 2 + hex);
        if (digits.length !== hex || !/^[0-9a-fA-F]+$/.test(digits) || i + 2 + hex > end) return undefined;
        value += String.fromCodePoint(parseInt(digits, 16));
        spans.push({ start: at, end: at + 2 + hex });
        i += 2 + hex;
        continue;
      }
      const decoded = YAML_ESCAPES[e];
      if (decoded === undefined) return undefined;
      value += decoded;
      spans.push({ start: at, end: at + 2 });
      i += 2;
      continue;
    }
    value += c;
    spans.push({ start: at, end: at + 1 });
    i++;
  }
  return { value, spans };
}

/**
 * The raw-text span of `setting.value.slice(from, to)`: like `valueSubSpan`, but also exact when the
 * value is written with escapes or backslash continuations, or as a YAML quoted scalar with escapes
 * (checked by reading the raw text back); the whole value span when neither applies.
 */
export function exactValueSubSpan(doc: KafkaDocument, setting: Setting, from: number, to: number): Span {
  const simple = valueSubSpan(doc, setting, from, to);
  if (simple !== setting.valueSpan) return simple;
  const quoted = yamlQuotedCharSpans(doc.text, setting.valueSpan);
  if (quoted && quoted.value === setting.value && from >= 0 && from < to && to <= quoted.spans.length) {
    return { start: quoted.spans[from]!.start, end: quoted.spans[to - 1]!.end };
  }
  const spans = rawCharSpans(doc, setting);
  if (!spans || from < 0 || to > spans.length || from > to) return setting.valueSpan;
  if (from === to) {
    const at = from < spans.length ? spans[from]!.start : setting.valueSpan.end;
    return { start: at, end: at };
  }
  return { start: spans[from]!.start, end: spans[to - 1]!.end };
}

// ---------------------------------------------------------------------------------------------
// JAAS options with their quoting

export interface JaasOptionInfo {
  /** Index of the login module entry in the JAAS value. */
  module: number;
  loginModule: string;
  name: string;
  /** The option value as the login module receives it. */
  value: string;
  /** Offsets of the value in the JAAS string (the setting's value), quotes excluded. */
  from: number;
  to: number;
  /** The quote the value is written with, '' when bare. */
  quote: '"' | "'" | '';
}

/**
 * JAAS options of a `sasl.jaas.config` value. Kafka's JaasConfig reads it with a StreamTokenizer,
 * whose quote characters are both `"` and `'`; `parseJaasConfig` reads double quotes only, so single
 * quotes are swapped for it (same length, so offsets hold) and values are read back from the text.
 */
export function jaasOptions(text: string): JaasOptionInfo[] {
  let swapped = '';
  let quote: '"' | "'" | '' = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote && c === '\\' && i + 1 < text.length) {
      swapped += c + text[i + 1];
      i++;
      continue;
    }
    if (quote === "'") {
      if (c === "'") {
        quote = '';
        swapped += '"';
      } else swapped += c === '"' ? "'" : c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = '';
      swapped += c;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    swapped += c === "'" ? '"' : c;
  }
  const out: JaasOptionInfo[] = [];
  parseJaasConfig(swapped).forEach((mod, index) => {
    for (const opt of mod.options) {
      const before = text[opt.valueSpan.start - 1];
      const q: JaasOptionInfo['quote'] = swapped[opt.valueSpan.start - 1] === '"' && (before === '"' || before === "'") ? before : '';
      const raw = text.slice(opt.valueSpan.start, opt.valueSpan.end);
      out.push({
        module: index,
        loginModule: mod.loginModule,
        name: opt.name,
        value: q ? raw.replace(/\\(.)/gs, '$1') : raw,
        from: opt.valueSpan.start,
        to: opt.valueSpan.end,
        quote: q,
      });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Config providers

/** Formats whose Java components resolve `${provider:…}` references (AbstractConfig, Kafka 2.3+). */
export function resolvesConfigProviders(doc: KafkaDocument): boolean {
  return doc.format === 'properties' || doc.format === 'client-properties';
}

export interface FileProviderPlan {
  /** The provider alias to use in references. */
  alias: string;
  /** Changes that declare the provider, empty when it is already declared. */
  changes: Change[];
}

/**
 * How to reference a secrets file from this document: an alias already bound to FileConfigProvider,
 * else `file`, declared in `config.providers` (appended to an existing list) with its class.
 * Undefined when the provider list cannot be read (a template or a reference).
 */
export function fileProviderPlan(doc: KafkaDocument): FileProviderPlan | undefined {
  const providers = doc.settings.get('config.providers');
  if (providers && providers.state !== 'literal') return undefined;
  const aliases = listItems(providers?.value ?? '').map((i) => ({ ...i, alias: i.text }));
  for (const a of aliases) {
    const cls = doc.settings.get(`config.providers.${a.alias}.class`);
    if (cls && cls.value.trim() === FILE_CONFIG_PROVIDER) return { alias: a.alias, changes: [] };
  }
  // `file` unless that alias is taken by another provider class.
  const taken = (alias: string) => {
    const cls = doc.settings.get(`config.providers.${alias}.class`);
    return !!cls && cls.value.trim() !== FILE_CONFIG_PROVIDER;
  };
  const alias = !taken('file') ? 'file' : !taken('secretfile') ? 'secretfile' : undefined;
  if (!alias) return undefined;
  const changes: Change[] = [];
  if (!providers) {
    changes.push({ op: 'set', key: 'config.providers', value: alias });
  } else if (!aliases.some((a) => a.alias === alias)) {
    const value = providers.value;
    const end = value.trimEnd().length;
    changes.push({ op: 'replace-in-value', key: 'config.providers', from: end, to: end, text: aliases.length ? `,${alias}` : alias });
  }
  if (!doc.settings.has(`config.providers.${alias}.class`)) {
    changes.push({ op: 'set', key: `config.providers.${alias}.class`, value: FILE_CONFIG_PROVIDER, ...(providers ? { after: 'config.providers' } : {}) });
  }
  return { alias, changes };
}

/** `${<alias>:<SECRETS_FILE>:<key>}` */
export function secretReference(alias: string, key: string): string {
  return `\${${alias}:${SECRETS_FILE_PLACEHOLDER}:${key}}`;
}

/**
 * Spring Boot files: Spring resolves every `${…}` in them before Kafka sees the value (a
 * `${file:…}` provider reference would be replaced by its "default"), so a secret is referenced with a
 * Spring placeholder instead, here an environment variable named after the secret:
 * `ssl.truststore.password` → `${KAFKA_SSL_TRUSTSTORE_PASSWORD}`, `alice.password` → `${KAFKA_ALICE_PASSWORD}`.
 */
export function springEnvName(name: string): string {
  return 'KAFKA_' + name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** `${<NAME>}`: a Spring placeholder that Spring fills from the environment (or any other property source). */
export function springPlaceholder(envName: string): string {
  return `\${${envName}}`;
}

/** A name usable as a key inside a secrets file reference, or undefined. */
export function safeReferenceName(name: string | undefined): string | undefined {
  const n = (name ?? '').trim();
  return /^[A-Za-z0-9._@$-]+$/.test(n) ? n : undefined;
}

/** The span of the value without surrounding whitespace (a boolean or number written as `true `). */
export function trimmedValueSpan(doc: KafkaDocument, setting: Setting): Span {
  const lead = setting.value.length - setting.value.trimStart().length;
  const text = setting.value.trim();
  if (text === '') return setting.valueSpan;
  return exactValueSubSpan(doc, setting, lead, lead + text.length);
}
