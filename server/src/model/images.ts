/**
 * Container images and how each turns environment variables into Kafka / ZooKeeper settings
 * (RULES.md §B.3). Data first; the compose adapter applies it.
 */

export type ImageFamily =
  | 'cp-kafka' // confluentinc/cp-kafka, cp-server, confluent-local, cp-enterprise-kafka [S29,S30,S31]
  | 'cp-connect' // confluentinc/cp-kafka-connect(-base), cp-server-connect: prefix CONNECT_
  | 'apache' // apache/kafka, apache/kafka-native (3.7+) [S25]
  | 'bitnami' // bitnami/kafka [S33]
  | 'wurstmeister' // wurstmeister/kafka: KAFKA_ prefix, `_` → `.`
  | 'cp-zookeeper'
  | 'bitnami-zookeeper'
  | 'zookeeper'; // the Docker official image

export interface ImageInfo {
  family: ImageFamily;
  tag: string;
  /** Kafka (or ZooKeeper) version the tag implies, when it can be told. */
  version?: { major: number; minor: number };
  zookeeper: boolean;
}

const FAMILIES: Array<[RegExp, ImageFamily]> = [
  // Confluent images are matched by name under any registry or namespace (mirrors, ${REPOSITORY}/…).
  [/(^|\/)(cp-kafka|cp-server|confluent-local|cp-enterprise-kafka)$/, 'cp-kafka'],
  [/(^|\/)(cp-kafka-connect|cp-kafka-connect-base|cp-server-connect|cp-server-connect-base)$/, 'cp-connect'],
  [/(^|\/)cp-zookeeper$/, 'cp-zookeeper'],
  [/(^|\/)apache\/kafka(-native)?$/, 'apache'],
  [/(^|\/)bitnami(legacy)?\/kafka$/, 'bitnami'],
  [/(^|\/)bitnami(legacy)?\/zookeeper$/, 'bitnami-zookeeper'],
  [/(^|\/)wurstmeister\/kafka$/, 'wurstmeister'],
  [/^(library\/)?zookeeper$|(^|\/)wurstmeister\/zookeeper$/, 'zookeeper'],
];

/** Confluent Platform major.minor → Apache Kafka major.minor (Confluent's interoperability table). */
const CP_TO_AK: Record<string, string> = {
  '5.0': '2.0', '5.1': '2.1', '5.2': '2.2', '5.3': '2.3', '5.4': '2.4', '5.5': '2.5',
  '6.0': '2.6', '6.1': '2.7', '6.2': '2.8',
  '7.0': '3.0', '7.1': '3.1', '7.2': '3.2', '7.3': '3.3', '7.4': '3.4', '7.5': '3.5', '7.6': '3.6', '7.7': '3.7', '7.8': '3.8', '7.9': '3.9',
  '8.0': '4.0', '8.1': '4.1',
};

export function imageInfo(image: string): ImageInfo | undefined {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const colon = ref.lastIndexOf(':');
  const slash = ref.lastIndexOf('/');
  const name = (colon > slash ? ref.slice(0, colon) : ref).replace(/^docker\.io\//, '').toLowerCase();
  const tag = colon > slash ? ref.slice(colon + 1) : 'latest';
  const family = FAMILIES.find(([re]) => re.test(name))?.[1];
  if (!family) return undefined;
  const info: ImageInfo = { family, tag, zookeeper: family.endsWith('zookeeper') };
  const m = /^v?(\d+)\.(\d+)/.exec(tag);
  if (m && !tag.includes('$')) {
    let major = Number(m[1]);
    let minor = Number(m[2]);
    if (family === 'cp-kafka' || family === 'cp-connect') {
      // Only rows of Confluent's table are trusted: CP 4.x is Kafka 1.x, not 4.x.
      const ak = CP_TO_AK[`${major}.${minor}`];
      if (!ak) return info;
      [major, minor] = ak.split('.').map(Number) as [number, number];
    }
    // wurstmeister tags are <scala>-<kafka>, e.g. 2.13-2.8.1
    const w = /^\d+\.\d+-(\d+)\.(\d+)/.exec(tag);
    if (family === 'wurstmeister' && w) [major, minor] = [Number(w[1]), Number(w[2])];
    info.version = { major, minor };
  }
  return info;
}

/** Variables the Kafka images use for the JVM and logging, never as properties. */
const EXCLUDED = new Set([
  'KAFKA_VERSION', 'KAFKA_HEAP_OPTS', 'KAFKA_LOG4J_OPTS', 'KAFKA_OPTS', 'KAFKA_JMX_OPTS', 'KAFKA_JVM_PERFORMANCE_OPTS',
  'KAFKA_GC_LOG_OPTS', 'KAFKA_LOG4J_ROOT_LOGLEVEL', 'KAFKA_LOG4J_LOGGERS', 'KAFKA_TOOLS_LOG4J_LOGLEVEL', 'KAFKA_JMX_PORT',
  'KAFKA_JMX_HOSTNAME', 'KAFKA_SSL_KEYSTORE_FILENAME', 'KAFKA_SSL_KEYSTORE_CREDENTIALS', 'KAFKA_SSL_KEY_CREDENTIALS',
  'KAFKA_SSL_TRUSTSTORE_FILENAME', 'KAFKA_SSL_TRUSTSTORE_CREDENTIALS', 'KAFKA_CREATE_TOPICS', 'KAFKA_ADVERTISED_HOST_NAME',
  'KAFKA_ADVERTISED_PORT', 'KAFKA_PORT', 'KAFKA_HOME', 'KAFKA_CLUSTER_ID', 'KAFKA_NODE_ID_OVERRIDE',
]);

/**
 * confluentinc images: `_`→`.`, `___`→`-`, `__`→`_`, lower case [S29,S30]. The Python helper (dub, 7.x
 * images) replaces every `_` with a non-`_` character on both sides; the Go helper (ub, 8.x images)
 * replaces matches of `[^_]_[^_]` without overlap, so in `A_B_C` the second `_` stays (`a.b_c`) [S29].
 */
export function decodeConfluent(name: string, prefix: string, goHelper = false): string | undefined {
  if (!name.startsWith(prefix) || EXCLUDED.has(name)) return undefined;
  if (name === 'KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET' && !goHelper) return 'zookeeper.clientCnxnSocket'; // special-cased by 7.x images [S31]
  const rest = name.slice(prefix.length);
  const dotted = goHelper ? rest.replace(/[^_]_[^_]/g, (m) => `${m[0]}.${m[2]}`) : rest.replace(/(?<=[^_])_(?=[^_])/g, '.');
  const k = dotted.replace(/___/g, '-').replace(/__/g, '_');
  return k ? k.toLowerCase() : undefined;
}

/** Confluent images from CP 8.0 (Kafka 4.0) on template with the Go helper; an unknown tag is taken as the latest. */
export function usesGoHelper(info: ImageInfo | undefined): boolean {
  if (!info || (info.family !== 'cp-kafka' && info.family !== 'cp-connect')) return false;
  return !info.version || info.version.major >= 4;
}

/** apache/kafka: every `KAFKA_` removed, `_`→`.`, `...`→`-`, `..`→`_` [S25]. */
export function decodeApache(name: string): string | undefined {
  if (!name.startsWith('KAFKA_') || EXCLUDED.has(name)) return undefined;
  const k = name.replace(/KAFKA_/g, '').toLowerCase().replace(/_/g, '.').replace(/\.\.\./g, '-').replace(/\.\./g, '_');
  return k || undefined;
}

/** Legacy bitnami names copied to KAFKA_CFG_<suffix> (kafka_create_alias_environment_variables, 3.x–4.0) [S33]. */
const BITNAMI_LEGACY = new Set([
  'ADVERTISED_LISTENERS', 'BROKER_ID', 'NODE_ID', 'CONTROLLER_QUORUM_VOTERS', 'PROCESS_ROLES', 'DEFAULT_REPLICATION_FACTOR',
  'DELETE_TOPIC_ENABLE', 'INTER_BROKER_LISTENER_NAME', 'LISTENERS', 'LISTENER_SECURITY_PROTOCOL_MAP', 'LOG_DIRS',
  'LOG_FLUSH_INTERVAL_MESSAGES', 'LOG_FLUSH_INTERVAL_MS', 'LOG_MESSAGE_FORMAT_VERSION', 'LOG_RETENTION_BYTES',
  'LOG_RETENTION_CHECK_INTERVALS_MS', 'LOG_RETENTION_HOURS', 'LOG_SEGMENT_BYTES', 'MESSAGE_MAX_BYTES', 'NUM_IO_THREADS',
  'NUM_NETWORK_THREADS', 'NUM_PARTITIONS', 'NUM_RECOVERY_THREADS_PER_DATA_DIR', 'OFFSETS_TOPIC_REPLICATION_FACTOR',
  'SOCKET_RECEIVE_BUFFER_BYTES', 'SOCKET_REQUEST_MAX_BYTES', 'SOCKET_SEND_BUFFER_BYTES', 'SSL_ENDPOINT_IDENTIFICATION_ALGORITHM',
  'TRANSACTION_STATE_LOG_MIN_ISR', 'TRANSACTION_STATE_LOG_REPLICATION_FACTOR', 'ZOOKEEPER_CONNECT', 'ZOOKEEPER_CONNECTION_TIMEOUT_MS',
  'AUTO_CREATE_TOPICS_ENABLE',
]);

/** Legacy bitnami names whose suffix differs from the key's (declare_alias_env) [S33]. */
const BITNAMI_RENAMED: Record<string, string> = {
  KAFKA_LOGS_DIRS: 'log.dirs',
  KAFKA_SEGMENT_BYTES: 'log.segment.bytes',
  KAFKA_MAX_MESSAGE_BYTES: 'message.max.bytes',
  KAFKA_ZOOKEEPER_CONNECT_TIMEOUT_MS: 'zookeeper.connection.timeout.ms',
};

/** Whether bitnami/kafka copies this variable over a KAFKA_CFG_* one (legacy alias). */
export function isBitnamiLegacyAlias(name: string): boolean {
  return name in BITNAMI_RENAMED || (name.startsWith('KAFKA_') && !name.startsWith('KAFKA_CFG_') && BITNAMI_LEGACY.has(name.slice(6)));
}

/** bitnami/kafka: `KAFKA_CFG_<X>` → lower(X with `_`→`.`), listener-name exceptions [S33]. */
export function decodeBitnami(name: string): string | undefined {
  if (BITNAMI_RENAMED[name]) return BITNAMI_RENAMED[name];
  let suffix: string | undefined;
  if (name.startsWith('KAFKA_CFG_')) suffix = name.slice('KAFKA_CFG_'.length);
  else if (name.startsWith('KAFKA_') && BITNAMI_LEGACY.has(name.slice(6))) suffix = name.slice(6);
  if (!suffix) return undefined;
  if (suffix === 'ZOOKEEPER_CLIENTCNXNSOCKET') return 'zookeeper.clientCnxnSocket';
  return suffix.toLowerCase().replace(/_/g, '.').replace(/sasl\.ssl/g, 'sasl_ssl').replace(/sasl\.plaintext/g, 'sasl_plaintext');
}

/** wurstmeister/kafka start script: `KAFKA_<X>` → lower(X) with `_`→`.`. */
export function decodeWurstmeister(name: string): string | undefined {
  if (!name.startsWith('KAFKA_') || EXCLUDED.has(name)) return undefined;
  return name.slice(6).toLowerCase().replace(/_/g, '.') || undefined;
}

/** cp-zookeeper maps a fixed table of names to zoo.cfg keys [S31 @7.7.x]. */
export const CP_ZOOKEEPER_KEYS: Record<string, string> = {
  ZOOKEEPER_CLIENT_PORT: 'clientPort',
  ZOOKEEPER_SECURE_CLIENT_PORT: 'secureClientPort',
  ZOOKEEPER_TICK_TIME: 'tickTime',
  ZOOKEEPER_INIT_LIMIT: 'initLimit',
  ZOOKEEPER_SYNC_LIMIT: 'syncLimit',
  ZOOKEEPER_SERVER_ID: 'myid',
  ZOOKEEPER_SERVERS: 'servers',
  ZOOKEEPER_SERVER_CNXN_FACTORY: 'serverCnxnFactory',
  ZOOKEEPER_SSL_QUORUM: 'sslQuorum',
  ZOOKEEPER_SSL_CLIENT_AUTH: 'ssl.clientAuth',
  ZOOKEEPER_SSL_KEYSTORE_LOCATION: 'ssl.keyStore.location',
  ZOOKEEPER_SSL_KEYSTORE_PASSWORD: 'ssl.keyStore.password',
  ZOOKEEPER_SSL_TRUSTSTORE_LOCATION: 'ssl.trustStore.location',
  ZOOKEEPER_SSL_TRUSTSTORE_PASSWORD: 'ssl.trustStore.password',
  ZOOKEEPER_SSL_QUORUM_KEYSTORE_LOCATION: 'ssl.quorum.keyStore.location',
  ZOOKEEPER_SSL_QUORUM_KEYSTORE_PASSWORD: 'ssl.quorum.keyStore.password',
  ZOOKEEPER_SSL_QUORUM_TRUSTSTORE_LOCATION: 'ssl.quorum.trustStore.location',
  ZOOKEEPER_SSL_QUORUM_TRUSTSTORE_PASSWORD: 'ssl.quorum.trustStore.password',
  ZOOKEEPER_SSL_HOSTNAME_VERIFICATION: 'ssl.hostnameVerification',
  ZOOKEEPER_SSL_ENABLED_PROTOCOLS: 'ssl.enabledProtocols',
  ZOOKEEPER_SSL_CIPHER_SUITES: 'ssl.ciphersuites',
  ZOOKEEPER_SSL_OCPS: 'ssl.ocsp',
  ZOOKEEPER_AUTH_PROVIDER_SASL: 'authProvider.sasl',
  ZOOKEEPER_AUTH_PROVIDER_X509: 'authProvider.x509',
  ZOOKEEPER_ADMIN_ENABLE_SERVER: 'admin.enableServer',
  ZOOKEEPER_ADMIN_SERVER_PORT: 'admin.serverPort',
  ZOOKEEPER_SKIP_ACL: 'skipACL',
  ZOOKEEPER_DATA_DIR: 'dataDir',
  ZOOKEEPER_DATA_LOG_DIR: 'dataLogDir',
  ZOOKEEPER_MAX_CLIENT_CNXNS: 'maxClientCnxns',
  ZOOKEEPER_QUORUM_LISTEN_ON_ALL_IPS: 'quorumListenOnAllIPs',
};

/** bitnami/zookeeper variables with their zoo.cfg meaning [S33]. */
export const BITNAMI_ZOOKEEPER_KEYS: Record<string, string> = {
  ZOO_PORT_NUMBER: 'clientPort',
  ZOO_TLS_PORT_NUMBER: 'secureClientPort',
  ZOO_4LW_COMMANDS_WHITELIST: '4lw.commands.whitelist',
  ZOO_ENABLE_ADMIN_SERVER: 'admin.enableServer',
  ZOO_ADMIN_SERVER_ADDRESS: 'admin.serverAddress',
  ZOO_TLS_QUORUM_ENABLE: 'sslQuorum',
  ZOO_TLS_CLIENT_AUTH: 'ssl.clientAuth',
  ZOO_DATA_DIR: 'dataDir',
  ZOO_DATA_LOG_DIR: 'dataLogDir',
};

/** Official zookeeper image variables. */
export const OFFICIAL_ZOOKEEPER_KEYS: Record<string, string> = {
  ZOO_TICK_TIME: 'tickTime',
  ZOO_INIT_LIMIT: 'initLimit',
  ZOO_SYNC_LIMIT: 'syncLimit',
  ZOO_MAX_CLIENT_CNXNS: 'maxClientCnxns',
  ZOO_4LW_COMMANDS_WHITELIST: '4lw.commands.whitelist',
  ZOO_ADMINSERVER_ENABLED: 'admin.enableServer',
  ZOO_DATA_DIR: 'dataDir',
  ZOO_DATA_LOG_DIR: 'dataLogDir',
  ZOO_PORT: 'clientPort',
};

/** Decode one variable for an image family; undefined when the image does not read it as a setting. */
export function decodeEnv(family: ImageFamily, name: string, info?: ImageInfo): string | undefined {
  switch (family) {
    case 'cp-kafka':
      return decodeConfluent(name, 'KAFKA_', usesGoHelper(info));
    case 'cp-connect':
      return decodeConfluent(name, 'CONNECT_', usesGoHelper(info));
    case 'apache':
      return decodeApache(name);
    case 'bitnami':
      return decodeBitnami(name);
    case 'wurstmeister':
      return decodeWurstmeister(name);
    case 'cp-zookeeper':
      return CP_ZOOKEEPER_KEYS[name];
    case 'bitnami-zookeeper':
      return BITNAMI_ZOOKEEPER_KEYS[name];
    case 'zookeeper':
      return OFFICIAL_ZOOKEEPER_KEYS[name];
  }
}

/** The variable name an image reads for a canonical key; undefined when the image cannot express it. */
export function encodeEnv(family: ImageFamily, key: string, info?: ImageInfo): string | undefined {
  const name = encodeRaw(family, key);
  // Only names that decode back to the key: e.g. bitnami has no escape for `_`, the Go helper of
  // 8.x Confluent images mis-decodes one-character segments.
  return name && decodeEnv(family, name, info) === key ? name : undefined;
}

function encodeRaw(family: ImageFamily, key: string): string | undefined {
  switch (family) {
    case 'cp-kafka':
    case 'apache':
    case 'cp-connect': {
      if (/[A-Z]/.test(key)) return key === 'zookeeper.clientCnxnSocket' && family === 'cp-kafka' ? 'KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET' : undefined;
      const prefix = family === 'cp-connect' ? 'CONNECT_' : 'KAFKA_';
      return prefix + key.replace(/_/g, '__').replace(/-/g, '___').replace(/\./g, '_').toUpperCase();
    }
    case 'bitnami': {
      if (key === 'zookeeper.clientCnxnSocket') return 'KAFKA_CFG_ZOOKEEPER_CLIENTCNXNSOCKET';
      const plain = key.replace(/sasl_ssl/g, 'saslssl').replace(/sasl_plaintext/g, 'saslplaintext');
      if (/[_A-Z-]/.test(plain)) return undefined;
      return 'KAFKA_CFG_' + key.replace(/\./g, '_').toUpperCase();
    }
    case 'wurstmeister':
      return /[_A-Z-]/.test(key) ? undefined : 'KAFKA_' + key.replace(/\./g, '_').toUpperCase();
    case 'cp-zookeeper':
      return Object.entries(CP_ZOOKEEPER_KEYS).find(([, k]) => k === key)?.[0];
    case 'bitnami-zookeeper':
      return Object.entries(BITNAMI_ZOOKEEPER_KEYS).find(([, k]) => k === key)?.[0];
    case 'zookeeper':
      return Object.entries(OFFICIAL_ZOOKEEPER_KEYS).find(([, k]) => k === key)?.[0];
  }
}
