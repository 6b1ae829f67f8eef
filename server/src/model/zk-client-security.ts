/**
 * How a Kafka broker (or a KRaft controller during migration) talks to ZooKeeper: TLS, client socket,
 * JVM system properties and the hosts of `zookeeper.connect`. Used by the ZK rules of RULES.md §A.6.
 */
import { versionAtLeast } from './document';
import { classifyHost, listItems, type Exposure } from './listeners';
import type { KafkaDocument, Setting } from './types';
import { isTrue, isKnown } from './values';

/**
 * Fact key for the JVM system properties of the process that reads this document.
 *
 * Contract: `doc.facts.get(JVM_SYSTEM_PROPERTIES_FACT)` is a `ReadonlyMap<string, string>` built by an
 * adapter that can see the JVM options (`KAFKA_OPTS` in a compose file or env file, `SERVER_JVMFLAGS`,
 * a systemd unit…): one entry per `-Dname=value` (name case-sensitive as written, value the text after
 * the first `=`, `''` for a bare `-Dname`; last definition wins). The fact is absent when the JVM
 * options are not visible; an empty map means they are visible and set no property.
 */
export const JVM_SYSTEM_PROPERTIES_FACT = 'jvmSystemProperties';

/** The JVM system properties an adapter attached to the document, if it could see them. */
export function jvmSystemProperties(doc: KafkaDocument): ReadonlyMap<string, string> | undefined {
  const fact = doc.facts.get(JVM_SYSTEM_PROPERTIES_FACT);
  return fact instanceof Map ? (fact as ReadonlyMap<string, string>) : undefined;
}

/** A document whose process connects to ZooKeeper: a ZooKeeper-mode broker, or any node during migration. */
export function connectsToZooKeeper(doc: KafkaDocument): boolean {
  return (doc.role === 'broker' || doc.role === 'controller' || doc.role === 'combined') && (doc.mode === 'zk' || doc.mode === 'migration');
}

/** `zookeeper.ssl.client.enable` first appeared in Kafka 2.5 (KIP-515); before, only system properties work. */
export function zkTlsKeysSupported(doc: KafkaDocument): boolean {
  return versionAtLeast(doc.version, 2, 5) !== false;
}

export interface ZkClientTls {
  /** Whether the broker's ZooKeeper client uses TLS; undefined when a template hides the value. */
  enabled: boolean | undefined;
  /** What decided: the config key, the `zookeeper.client.secure` system property, or Kafka's default (false). */
  via: 'key' | 'system-property' | 'default';
  /** The `zookeeper.ssl.client.enable` entry when written (also when it is ignored on Kafka < 2.5). */
  setting?: Setting;
}

/**
 * Effective ZooKeeper client TLS (KafkaConfig.zkBooleanConfigOrSystemPropertyWithDefaultValue, 2.5+):
 * a written `zookeeper.ssl.client.enable` wins; otherwise the system property `zookeeper.client.secure`
 * counts only when it is exactly "true"; otherwise false. On Kafka < 2.5 the key does not exist.
 */
export function zkClientTls(doc: KafkaDocument): ZkClientTls {
  const setting = doc.settings.get('zookeeper.ssl.client.enable');
  const sys = jvmSystemProperties(doc)?.get('zookeeper.client.secure');
  if (setting && zkTlsKeysSupported(doc)) {
    if (!isKnown(setting)) return { enabled: undefined, via: 'key', setting };
    return { enabled: isTrue(setting.value), via: 'key', setting };
  }
  const base: ZkClientTls = sys !== undefined ? { enabled: sys === 'true', via: 'system-property' } : { enabled: false, via: 'default' };
  if (setting) base.setting = setting;
  return base;
}

export const NETTY_CLIENT_SOCKET = 'org.apache.zookeeper.ClientCnxnSocketNetty';

export interface ZkClientSocket {
  /** The class name in effect, if any is configured (key › system property). */
  className: string | undefined;
  via: 'key' | 'system-property' | 'default';
  setting?: Setting;
}

/** `zookeeper.clientCnxnSocket`: the key › `-Dzookeeper.clientCnxnSocket` › ZooKeeper's NIO default. */
export function zkClientSocket(doc: KafkaDocument): ZkClientSocket {
  const setting = doc.settings.get('zookeeper.clientCnxnSocket');
  if (setting && zkTlsKeysSupported(doc)) return { className: setting.value.trim(), via: 'key', setting };
  const sys = jvmSystemProperties(doc)?.get('zookeeper.clientCnxnSocket');
  if (sys !== undefined) return { className: sys.trim(), via: 'system-property' };
  return { className: undefined, via: 'default' };
}

/** Whether a client socket class is ZooKeeper's NIO socket (the default), which cannot speak TLS. */
export function isNioSocket(className: string | undefined): boolean {
  if (className === undefined) return true;
  const c = className.trim();
  return c === '' || c === 'ClientCnxnSocketNIO' || c === 'org.apache.zookeeper.ClientCnxnSocketNIO';
}

export interface ZkConnectHost {
  host: string;
  port?: number;
  /** Offsets in the setting's value: the whole `host[:port]` item, and the port digits when written. */
  from: number;
  to: number;
  portFrom?: number;
  portTo?: number;
  exposure: Exposure;
}

/** The hosts of a `zookeeper.connect` string `h1[:p1],h2[:p2]…[/chroot]` (ConnectStringParser). */
export function zkConnectHosts(value: string): ZkConnectHost[] {
  const slash = value.indexOf('/');
  const hostsPart = slash >= 0 ? value.slice(0, slash) : value;
  const out: ZkConnectHost[] = [];
  for (const item of listItems(hostsPart)) {
    const m = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(item.text);
    if (!m) continue;
    const h: ZkConnectHost = { host: m[1]!, from: item.from, to: item.to, exposure: classifyHost(m[1]!) };
    if (m[2] !== undefined && m[2] !== '') {
      h.port = Number(m[2]);
      h.portFrom = item.from + m[1]!.length + 1;
      h.portTo = item.to;
    }
    out.push(h);
  }
  return out;
}

/** Whether any `zookeeper.connect` host is on a public address. */
export function zkConnectPublic(doc: KafkaDocument): boolean {
  const s = doc.settings.get('zookeeper.connect');
  if (!s || !isKnown(s)) return false;
  return zkConnectHosts(s.value).some((h) => h.exposure === 'public');
}

/**
 * The smallest single replacement that turns `before` into `after` (common prefix and suffix kept),
 * as offsets into `before`: one `replace-in-value` change that also survives escaped values.
 */
export function minimalReplacement(before: string, after: string): { from: number; to: number; text: string } | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  return { from: start, to: endB, text: after.slice(start, endA) };
}

/**
 * `zookeeper.connect` with every port that is ZooKeeper's plaintext default (2181, written or implied)
 * changed to `securePort`; undefined when nothing changes.
 */
export function connectWithSecurePort(value: string, securePort = 2182): string | undefined {
  const hosts = zkConnectHosts(value);
  let out = '';
  let pos = 0;
  for (const h of hosts) {
    if (h.port === undefined && h.host.trim() !== '') {
      out += value.slice(pos, h.to) + `:${securePort}`;
      pos = h.to;
    } else if (h.port === 2181 && h.portFrom !== undefined) {
      out += value.slice(pos, h.portFrom) + String(securePort);
      pos = h.portTo!;
    }
  }
  out += value.slice(pos);
  return out === value ? undefined : out;
}
