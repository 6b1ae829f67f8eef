import type { KafkaDocument, KafkaVersion, Mode, Role, Setting } from './types';

/** Last-wins map of settings; earlier definitions are kept on the winner's `shadowed`. */
export function settingsMap(list: readonly Setting[]): Map<string, Setting> {
  const map = new Map<string, Setting>();
  for (const s of list) {
    const prev = map.get(s.key);
    if (prev) {
      s.shadowed = [...prev.shadowed, { ...prev, shadowed: [] }];
    }
    map.set(s.key, s);
  }
  return map;
}

const BROKER_MARKERS = [
  'process.roles',
  'zookeeper.connect',
  'broker.id',
  'node.id',
  'log.dirs',
  'log.dir',
  'controller.quorum.voters',
  'controller.quorum.bootstrap.servers',
  'inter.broker.listener.name',
  'advertised.listeners',
  'listener.security.protocol.map',
];

/** Broker-like per RULES.md §A.0; `listeners` with http(s) URIs belongs to Connect's REST server. */
export function hasBrokerMarkers(settings: ReadonlyMap<string, Setting>): boolean {
  if (BROKER_MARKERS.some((k) => settings.has(k))) return true;
  const listeners = settings.get('listeners');
  return !!listeners && !/^\s*https?:\/\//i.test(listeners.value);
}

/** Broker, controller or combined, from `process.roles` (ZooKeeper-mode nodes are brokers). */
export function brokerRole(settings: ReadonlyMap<string, Setting>): Role {
  const roles = (settings.get('process.roles')?.value ?? '')
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
  const broker = roles.includes('broker');
  const controller = roles.includes('controller');
  if (broker && controller) return 'combined';
  if (controller) return 'controller';
  return 'broker';
}

/** Metadata mode per RULES.md §A.0. Kafka 4 removed ZooKeeper mode. */
export function detectMode(settings: ReadonlyMap<string, Setting>, version?: KafkaVersion): Mode {
  const roles = settings.get('process.roles')?.value.trim() ?? '';
  const zk = (settings.get('zookeeper.connect')?.value.trim() ?? '') !== '';
  const migration = /^\s*true\s*$/i.test(settings.get('zookeeper.metadata.migration.enable')?.value ?? '');
  if (roles && zk && migration) return 'migration';
  if (roles) return 'kraft';
  if (version && version.major >= 4) return 'kraft';
  if (zk) return 'zk';
  return 'unknown';
}

/** Client flavour per RULES.md §A.0. */
export function clientRole(settings: ReadonlyMap<string, Setting>): Role {
  if (settings.has('clusters') || [...settings.keys()].some((k) => /^[^.]+->[^.]+\.enabled$/.test(k))) return 'mirrormaker';
  if ((settings.has('group.id') && settings.has('config.storage.topic')) || settings.has('plugin.path')) return 'connect';
  if (settings.has('application.id')) return 'streams';
  return 'client';
}

/** Parse "3.9", "3.9.1" or "4". */
export function parseVersion(text: string | undefined, source: string): KafkaVersion | undefined {
  const m = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text ?? '');
  if (!m) return undefined;
  const v: KafkaVersion = { major: Number(m[1]), minor: Number(m[2] ?? 0), source };
  if (m[3] !== undefined) v.patch = Number(m[3]);
  return v;
}

export function versionAtLeast(v: KafkaVersion | undefined, major: number, minor = 0): boolean | undefined {
  if (!v) return undefined;
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** The role a file forces with `# kafkalint: role=<role>`. */
export function forcedRole(text: string): Role | undefined {
  const m = /^[ \t]*[#!][ \t]*kafkalint:[ \t]*role[ \t]*=[ \t]*([a-z0-9-]+)/im.exec(text);
  if (!m) return undefined;
  const r = m[1] as Role;
  const known: Role[] = ['broker', 'controller', 'combined', 'client', 'connect', 'streams', 'mirrormaker', 'librdkafka', 'zookeeper', 'log4j'];
  return known.includes(r) ? r : undefined;
}

/** A document as an adapter builds it: facts are optional. */
export type DocumentInit = Omit<KafkaDocument, 'facts'> & { facts?: ReadonlyMap<string, unknown> };

export function makeDocument(init: DocumentInit): KafkaDocument {
  return { ...init, facts: init.facts ?? new Map() };
}

/** Whether a document describes a Kafka server node (broker, controller or both). */
export function isBrokerLike(doc: KafkaDocument): boolean {
  return doc.role === 'broker' || doc.role === 'controller' || doc.role === 'combined';
}

export function isClientLike(doc: KafkaDocument): boolean {
  return doc.role === 'client' || doc.role === 'connect' || doc.role === 'streams' || doc.role === 'mirrormaker' || doc.role === 'librdkafka';
}
