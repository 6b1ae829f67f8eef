import { isMap, isScalar, isSeq, nodeSpan, scalarText, YamlWalker, type YamlNode } from '../../parse/yaml';
import type { Document } from 'yaml';
import type { Span } from '../../parse/text';
import { brokerRole, detectMode, makeDocument, settingsMap } from '../document';
import { decodeEnv, encodeEnv, imageInfo, type ImageFamily, type ImageInfo } from '../images';
import { isSecretSetting } from '../secrets';
import type { Change, DocumentWriter, FileProblem, KafkaDocument, KafkaVersion, Role, Setting, TextEdit } from '../types';
import { valueState } from '../values';
import { mergeEdits } from './properties';

/** One environment variable of a service, as written. */
interface EnvEntry {
  name: string;
  value: string;
  nameSpan: Span;
  valueSpan: Span;
  entrySpan: Span;
  /** Written as `- NAME=value` (list form). */
  listForm: boolean;
}

export interface PublishedPort {
  container: number;
  hostIp: string;
  span: Span;
}

/** Whether a YAML document is a compose file: top-level `services` with images or environments. */
export function isComposeDocument(walker: YamlWalker, root: unknown): boolean {
  const services = walker.get(root, 'services');
  return !!services && isMap(services) && walker.entries(services).some((s) => !!walker.get(s.value, 'image') || !!walker.get(s.value, 'environment'));
}

/** `${VAR:-default}` → default; `${VAR}` stays (unresolvable); `$$` → `$`. */
function interpolate(value: string): string {
  return value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1').replace(/\$\$/g, '$');
}

function envEntries(walker: YamlWalker, text: string, env: YamlNode | null): EnvEntry[] {
  const out: EnvEntry[] = [];
  if (!env) return out;
  if (isMap(env)) {
    for (const e of walker.entries(env)) {
      if (!e.keyNode) continue;
      const nameSpan = nodeSpan(e.keyNode);
      const valueSpan = e.value ? nodeSpan(e.value) : { start: nameSpan.end, end: nameSpan.end };
      out.push({ name: e.key, value: scalarText(e.value) ?? '', nameSpan, valueSpan, entrySpan: { start: nameSpan.start, end: valueSpan.end }, listForm: false });
    }
  } else if (isSeq(env)) {
    for (const item of walker.items(env)) {
      if (!isScalar(item)) continue;
      const s = scalarText(item) ?? '';
      const eq = s.indexOf('=');
      const name = eq >= 0 ? s.slice(0, eq) : s;
      const span = nodeSpan(item);
      const raw = text.slice(span.start, span.end);
      const inner = raw === s ? span.start : raw.length === s.length + 2 ? span.start + 1 : -1;
      const nameSpan = inner >= 0 ? { start: inner, end: inner + name.length } : span;
      const valueSpan = inner >= 0 ? (eq >= 0 ? { start: inner + eq + 1, end: inner + s.length } : { start: inner + name.length, end: inner + name.length }) : span;
      out.push({ name, value: eq >= 0 ? s.slice(eq + 1) : '', nameSpan, valueSpan, entrySpan: span, listForm: true });
    }
  }
  return out;
}

function publishedPorts(walker: YamlWalker, ports: YamlNode | null): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const item of walker.items(ports)) {
    if (isScalar(item)) {
      const spec = (scalarText(item) ?? '').replace(/\/(tcp|udp)$/, '');
      // [HOST_IP:][HOST_PORT:]CONTAINER_PORT, with ranges
      const m = /^(?:(\[[^\]]*\]|[^:]*):)??(?:([\d-]*):)?([\d-]+)$/.exec(spec);
      if (!m) continue;
      const container = Number(m[3]!.split('-')[0]);
      out.push({ container, hostIp: m[1] ?? '', span: nodeSpan(item) });
    } else if (isMap(item)) {
      const target = Number(scalarText(walker.get(item, 'target')) ?? NaN);
      if (!Number.isFinite(target)) continue;
      const published = walker.get(item, 'published');
      if (!published) continue;
      out.push({ container: target, hostIp: scalarText(walker.get(item, 'host_ip')) ?? '', span: nodeSpan(item) });
    }
  }
  return out;
}

/** `-Dkey=value` system properties in JVM option strings. */
function systemProperties(value: string): Map<string, string> {
  const props = new Map<string, string>();
  for (const m of value.matchAll(/-D([^=\s]+)=("[^"]*"|'[^']*'|\S*)/g)) props.set(m[1]!, m[2]!.replace(/^["']|["']$/g, ''));
  return props;
}

function roleFor(info: ImageInfo, settings: Map<string, Setting>): Role {
  if (info.zookeeper) return 'zookeeper';
  if (info.family === 'cp-connect') return 'connect';
  return brokerRole(settings);
}

/** Read every Kafka or ZooKeeper service of a compose file into documents. */
export function readCompose(path: string, text: string, doc: Document.Parsed, walker: YamlWalker, version?: KafkaVersion): { documents: KafkaDocument[]; problems: FileProblem[] } {
  const documents: KafkaDocument[] = [];
  const problems: FileProblem[] = [];
  const services = walker.get(doc.contents, 'services');
  for (const service of walker.entries(services)) {
    const image = scalarText(walker.get(service.value, 'image'));
    const envNode = walker.get(service.value, 'environment');
    const entries = envEntries(walker, text, envNode);
    const info = image ? imageInfo(image) : undefined;
    const serviceSpan = nodeSpan(service.keyNode);
    if (!info) {
      if (entries.some((e) => /^KAFKA_/.test(e.name))) {
        problems.push({ span: serviceSpan, severity: 'info', message: `Service ${service.key}: image ${image ?? '(none)'} is not one whose environment kafkalint knows how to read; its KAFKA_* variables were not checked.` });
      }
      continue;
    }
    const list: Setting[] = [];
    const facts = new Map<string, unknown>();
    facts.set('image', info);
    facts.set('service', service.key);
    for (const e of entries) {
      const key = decodeEnv(info.family, e.name);
      const value = interpolate(e.value);
      if (e.name === 'KAFKA_OPTS' || e.name === 'SERVER_JVMFLAGS' || e.name === 'JVMFLAGS') facts.set('jvmSystemProperties', systemProperties(value));
      if (e.name === 'KAFKA_LOG4J_LOGGERS') facts.set('log4jLoggers', { value, span: e.valueSpan });
      const settingKey = key ?? e.name;
      const state = e.name.endsWith('_FILE') || /_CREDENTIALS$/.test(e.name) ? 'externalized' : valueState(e.value);
      list.push({
        key: settingKey,
        value,
        state,
        keySpan: e.nameSpan,
        valueSpan: e.valueSpan,
        entrySpan: e.entrySpan,
        origin: e.name,
        shadowed: [],
        secret: isSecretSetting(settingKey, value) || isSecretSetting(e.name, value),
      });
    }
    const settings = settingsMap(list);
    // cp-kafka and apache/kafka derive listeners from advertised.listeners, binding 0.0.0.0 [S25,S31].
    if ((info.family === 'cp-kafka' || info.family === 'apache') && !settings.has('listeners') && settings.has('advertised.listeners')) {
      const adv = settings.get('advertised.listeners')!;
      settings.set('listeners', { ...adv, key: 'listeners', value: adv.value.replace(/:\/\/[^:,]*:/g, '://0.0.0.0:'), origin: `${adv.origin} (listeners derived by the image)`, shadowed: [] });
    }
    facts.set('publishedPorts', publishedPorts(walker, walker.get(service.value, 'ports')));
    const kafkaVersion: KafkaVersion | undefined = version ?? (info.version && !info.zookeeper ? { ...info.version, source: `image ${image}` } : undefined);
    const role = roleFor(info, settings);
    const serviceNode = service.value;
    const anchor = envNode && service.pair.value ? { start: nodeSpan(service.keyNode).start, end: nodeSpan(service.keyNode).end } : serviceSpan;
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
        span: serviceNode ? { start: serviceSpan.start, end: nodeSpan(serviceNode).end } : serviceSpan,
        writer: new ComposeEnvWriter(text, info.family, entries, envNode, serviceNode),
        facts,
      }),
    );
  }
  return { documents, problems };
}

/** Writes changes as environment variables encoded for the service's image. */
class ComposeEnvWriter implements DocumentWriter {
  constructor(
    private readonly text: string,
    private readonly family: ImageFamily,
    private readonly entries: EnvEntry[],
    private readonly envNode: YamlNode | null,
    private readonly serviceNode: YamlNode | null,
  ) {}

  private find(key: string): EnvEntry | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (decodeEnv(this.family, e.name) === key || e.name === key) return e;
    }
    // Derived listeners live in the advertised listeners variable.
    if (key === 'listeners') return undefined;
    return undefined;
  }

  private lineIndent(offset: number): string {
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(this.text.slice(lineStart))![0];
  }

  private quote(value: string, forList: boolean, name?: string): string {
    const plain = forList ? `${name}=${value}` : value;
    if (/^[\w./:,@=+-]+$/.test(plain) && !/^(y|n|yes|no|true|false|on|off|null|~|\d+(\.\d+)?)$/i.test(plain)) return plain;
    return JSON.stringify(plain);
  }

  edits(changes: readonly Change[]): TextEdit[] | null {
    const edits: TextEdit[] = [];
    const inserted: string[] = [];
    for (const change of changes) {
      if (change.op === 'set') {
        const existing = this.find(change.key);
        if (existing) {
          const raw = this.text.slice(existing.valueSpan.start, existing.valueSpan.end);
          const quoted = /^["']/.test(raw) && !existing.listForm;
          edits.push({ span: existing.valueSpan, newText: quoted ? JSON.stringify(change.value) : this.quote(change.value, false) });
          continue;
        }
        const name = encodeEnv(this.family, change.key);
        if (!name) return null;
        inserted.push(this.renderNew(name, change.value));
      } else if (change.op === 'remove') {
        const existing = this.find(change.key);
        if (!existing) continue;
        const lineStart = this.text.lastIndexOf('\n', existing.entrySpan.start - 1) + 1;
        const nl = this.text.indexOf('\n', existing.entrySpan.end);
        edits.push({ span: { start: lineStart, end: nl < 0 ? this.text.length : nl + 1 }, newText: '' });
      } else {
        const existing = this.find(change.key);
        if (!existing) return null;
        const raw = this.text.slice(existing.valueSpan.start, existing.valueSpan.end);
        const decoded = interpolate(existing.value);
        const offset = raw === decoded ? 0 : raw.length === decoded.length + 2 ? 1 : -1;
        if (offset < 0) return null;
        edits.push({ span: { start: existing.valueSpan.start + offset + change.from, end: existing.valueSpan.start + offset + change.to }, newText: change.text });
      }
    }
    if (inserted.length) {
      const edit = this.insertion(inserted);
      if (!edit) return null;
      edits.push(edit);
    }
    return mergeEdits(edits);
  }

  private listForm(): boolean {
    return !!this.envNode && isSeq(this.envNode);
  }

  private renderNew(name: string, value: string): string {
    return this.listForm() ? `- ${this.quote(value, true, name)}` : `${name}: ${this.quote(value, false)}`;
  }

  /** New variables go after the last one, at its indentation; or a new `environment:` block. */
  private insertion(lines: string[]): TextEdit | null {
    const eol = this.text.includes('\r\n') ? '\r\n' : '\n';
    const last = this.entries[this.entries.length - 1];
    if (last && this.envNode && (isMap(this.envNode) ? !this.envNode.flow : !(this.envNode as { flow?: boolean }).flow)) {
      const indent = this.lineIndent(last.entrySpan.start);
      const lineEnd = this.text.indexOf('\n', last.entrySpan.end);
      const at = lineEnd < 0 ? this.text.length : lineEnd + 1;
      const body = lines.map((l) => indent + l).join(eol) + eol;
      return { span: { start: at, end: at }, newText: lineEnd < 0 ? eol + body : body };
    }
    if (!this.envNode && this.serviceNode && isMap(this.serviceNode) && !this.serviceNode.flow) {
      const first = this.serviceNode.items[0];
      const keyStart = nodeSpan(first?.key as YamlNode).start;
      const indent = this.lineIndent(keyStart);
      const lineStart = this.text.lastIndexOf('\n', keyStart - 1) + 1;
      const body = `${indent}environment:${eol}` + lines.map((l) => `${indent}  ${l.replace(/^- /, '')}`).join(eol) + eol;
      return { span: { start: lineStart, end: lineStart }, newText: body };
    }
    return null;
  }
}
