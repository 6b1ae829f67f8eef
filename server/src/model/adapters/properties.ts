import { escapePropertiesKey, escapePropertiesValue, parseProperties, type PropertiesEntry } from '../../parse/properties';
import { detectLineEnding, LineIndex, type Span } from '../../parse/text';
import {
  brokerRole,
  clientRole,
  detectMode,
  forcedRole,
  hasBrokerMarkers,
  makeDocument,
  settingsMap,
} from '../document';
import { isSecretSetting } from '../secrets';
import { valueState } from '../values';
import type { Change, DocumentWriter, FileProblem, FormatTag, KafkaDocument, KafkaVersion, Role, Setting, TextEdit } from '../types';

/** Keys that only a ZooKeeper server config (zoo.cfg, zookeeper.properties) has. */
const ZOOKEEPER_MARKERS = ['dataDir', 'clientPort', 'secureClientPort', 'tickTime', 'initLimit', 'syncLimit', 'dataLogDir', 'clientPortAddress'];

/** librdkafka-only keys (RULES.md §B.2). */
const LIBRDKAFKA_MARKERS = [
  'sasl.mechanisms',
  'sasl.username',
  'sasl.password',
  'enable.ssl.certificate.verification',
  'ssl.ca.location',
  'ssl.certificate.location',
  'ssl.key.location',
  'enable.sasl.oauthbearer.unsecure.jwt',
  'metadata.broker.list',
];

export interface PropertiesRead {
  documents: KafkaDocument[];
  problems: FileProblem[];
}

function isLog4j(keys: string[]): boolean {
  return keys.some((k) => k.startsWith('log4j.') || k.startsWith('log4j2.') || k === 'rootLogger' || k.startsWith('rootLogger.') || /^logger\.[^.]+\.(name|level)$/.test(k));
}

/** Which kind of properties file this is, from a role comment, then its keys, then its name. */
export function propertiesRole(path: string, text: string, keys: Map<string, Setting>): Role {
  const forced = forcedRole(text);
  if (forced) return forced;
  const names = [...keys.keys()];
  if (isLog4j(names)) return 'log4j';
  if (hasBrokerMarkers(keys) && !(keys.has('bootstrap.servers') && !keys.has('process.roles') && !keys.has('broker.id') && !keys.has('node.id') && !keys.has('zookeeper.connect'))) {
    return brokerRole(keys);
  }
  if (ZOOKEEPER_MARKERS.some((k) => keys.has(k)) || names.some((k) => /^server\.\d+$/.test(k))) return 'zookeeper';
  if (LIBRDKAFKA_MARKERS.some((k) => keys.has(k))) return 'librdkafka';
  // MirrorMaker 2 names its clusters and sets `<alias>.bootstrap.servers` instead of a top-level one.
  if (keys.has('clusters') || names.some((k) => /^[^.]+\.bootstrap\.servers$/.test(k))) return clientRole(keys);
  if (keys.has('bootstrap.servers') || keys.has('security.protocol') || keys.has('sasl.mechanism') || keys.has('sasl.jaas.config')) return clientRole(keys);
  const base = path.split(/[\\/]/).pop() ?? path;
  if (/^(zoo\.cfg|zookeeper\.properties)$/i.test(base)) return 'zookeeper';
  if (/log4j2?\.properties$/i.test(base)) return 'log4j';
  if (/server\.properties$|broker\.properties$|controller\.properties$/i.test(base)) return brokerRole(keys);
  return 'unknown';
}

export function formatForRole(role: Role): FormatTag {
  switch (role) {
    case 'broker':
    case 'controller':
    case 'combined':
    case 'unknown':
      return 'properties';
    case 'librdkafka':
      return 'librdkafka';
    case 'zookeeper':
      return 'zookeeper';
    case 'log4j':
      return 'log4j';
    default:
      return 'client-properties';
  }
}

export function entryToSetting(e: PropertiesEntry, text: string): Setting {
  const raw = text.slice(e.valueSpan.start, e.valueSpan.end);
  return {
    key: e.key,
    value: e.value,
    state: valueState(e.value),
    keySpan: e.keySpan,
    valueSpan: e.valueSpan,
    entrySpan: e.entrySpan,
    origin: e.key,
    shadowed: [],
    secret: isSecretSetting(e.key, e.value) || isSecretSetting(e.key, raw),
  };
}

/** Read a `.properties`-syntax file (broker, client, librdkafka, zoo.cfg, log4j) into one document. */
export function readProperties(path: string, text: string, version?: KafkaVersion, forced?: Role): PropertiesRead {
  const parsed = parseProperties(text);
  const list = parsed.entries.map((e) => entryToSetting(e, text));
  const settings = settingsMap(list);
  const role = forced ?? propertiesRole(path, text, settings);
  const first = parsed.entries[0];
  const anchor: Span = first ? first.entrySpan : { start: 0, end: 0 };
  const doc = makeDocument({
    path,
    text,
    format: formatForRole(role),
    role,
    mode: role === 'broker' || role === 'controller' || role === 'combined' ? detectMode(settings, version) : 'unknown',
    ...(version ? { version } : {}),
    settings,
    anchor,
    span: { start: 0, end: text.length },
    writer: new PropertiesWriter(text, parsed.entries),
  });
  const problems: FileProblem[] = parsed.problems.map((p) => ({ span: p.span, message: p.message, severity: 'error', code: 'syntax-error' }));
  return { documents: [doc], problems };
}

/** Writes canonical changes as `.properties` lines, keeping the file's line endings, comments and order. */
export class PropertiesWriter implements DocumentWriter {
  private readonly eol: string;
  private readonly lines: LineIndex;

  constructor(
    private readonly text: string,
    private readonly entries: readonly PropertiesEntry[],
    /** Insert new entries no further than this offset (a block inside a larger file). */
    private readonly endOffset: number = text.length,
    /** Indentation to put before inserted lines. */
    private readonly indent: string = '',
  ) {
    this.eol = detectLineEnding(text);
    this.lines = new LineIndex(text);
  }

  private last(key: string): PropertiesEntry | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]!.key === key) return this.entries[i];
    return undefined;
  }

  edits(changes: readonly Change[]): TextEdit[] | null {
    const edits: TextEdit[] = [];
    const inserts = new Map<number, string[]>();
    const addInsert = (offset: number, line: string) => {
      const list = inserts.get(offset) ?? [];
      list.push(line);
      inserts.set(offset, list);
    };
    for (const change of changes) {
      if (change.op === 'set') {
        const existing = this.last(change.key);
        if (existing) {
          edits.push({ span: existing.valueSpan, newText: escapePropertiesValue(change.value) });
          continue;
        }
        const line = `${escapePropertiesKey(change.key)}=${escapePropertiesValue(change.value)}`;
        const after = change.after ? this.last(change.after) : undefined;
        addInsert(after ? after.entrySpan.end : this.endOffset, line);
      } else if (change.op === 'remove') {
        for (const e of this.entries) if (e.key === change.key) edits.push({ span: this.wholeLines(e.entrySpan), newText: '' });
      } else {
        const existing = this.last(change.key);
        if (!existing) return null;
        const raw = this.text.slice(existing.valueSpan.start, existing.valueSpan.end);
        if (raw === existing.value) {
          edits.push({ span: { start: existing.valueSpan.start + change.from, end: existing.valueSpan.start + change.to }, newText: escapeInner(change.text) });
        } else {
          const v = existing.value.slice(0, change.from) + change.text + existing.value.slice(change.to);
          edits.push({ span: existing.valueSpan, newText: escapePropertiesValue(v) });
        }
      }
    }
    for (const [offset, lines] of inserts) {
      const body = lines.map((l) => this.indent + l).join(this.eol);
      if (offset >= this.endOffset && offset === this.text.length) {
        const endsWithNewline = /[\r\n]$/.test(this.text);
        const prefix = this.text.length === 0 || endsWithNewline ? '' : this.eol;
        edits.push({ span: { start: offset, end: offset }, newText: prefix + body + (endsWithNewline || this.text.length === 0 ? this.eol : '') });
      } else if (offset >= this.endOffset) {
        // Inside a larger file: offset is the start of the line after the block.
        edits.push({ span: { start: offset, end: offset }, newText: body + this.eol });
      } else {
        edits.push({ span: { start: offset, end: offset }, newText: this.eol + body });
      }
    }
    return mergeEdits(edits);
  }

  /** The span of the lines an entry occupies, including the final line terminator. */
  private wholeLines(span: Span): Span {
    const startLine = this.lines.positionAt(span.start).line;
    const endLine = this.lines.positionAt(span.end).line;
    const start = this.lines.lineStarts[startLine]!;
    const end = endLine + 1 < this.lines.lineCount ? this.lines.lineStarts[endLine + 1]! : this.text.length;
    return { start, end };
  }
}

/** Escape text placed in the middle of a value (leading whitespace there is literal). */
function escapeInner(text: string): string {
  const escaped = escapePropertiesValue('x' + text);
  return escaped.slice(1);
}

/** Sort edits and drop exact duplicates; overlapping edits make the fix unusable. */
export function mergeEdits(edits: TextEdit[]): TextEdit[] | null {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.span.start === e.span.start && prev.span.end === e.span.end && prev.newText === e.newText) continue;
    if (prev && e.span.start < prev.span.end) return null;
    out.push(e);
  }
  return out;
}
