/**
 * What the Strimzi cluster operator does with a custom resource, as data (RULES.md §B.6, §A.9).
 *
 * Sources [S36–S38]: strimzi/strimzi-kafka-operator `KafkaClusterSpec.FORBIDDEN_PREFIXES` /
 * `FORBIDDEN_PREFIX_EXCEPTIONS`, `ZookeeperClusterSpec` (same constants), `KafkaConnectSpec` (same
 * constants), `KafkaListenerAuthenticationCustom.FORBIDDEN_PREFIXES`, `AbstractConfiguration.filterForbidden`
 * (the key, lower-cased, is compared with `startsWith`; an exception must equal the key exactly),
 * `KafkaConfiguration.modifyWithListeners` (per-listener exceptions `listener.name.<name>-<port>.<key>`),
 * `KafkaBrokerConfigurationBuilder` (listener ids, protocols, authorizers, super users).
 */

/** `spec.kafka.config` prefixes the operator drops with a warning [S36]. */
export const KAFKA_FORBIDDEN_PREFIXES: readonly string[] = [
  'listeners',
  'advertised.',
  'broker.',
  'listener.',
  'host.name',
  'port',
  'inter.broker.listener.name',
  'sasl.',
  'ssl.',
  'security.',
  'password.',
  'log.dir',
  'zookeeper.connect',
  'zookeeper.set.acl',
  'zookeeper.ssl',
  'zookeeper.clientCnxnSocket',
  'authorizer.',
  'super.user',
  'cruise.control.metrics.topic',
  'cruise.control.metrics.reporter.bootstrap.servers',
  'node.id',
  'process.roles',
  'controller.',
  'metadata.log.dir',
];

/** Keys under a forbidden prefix that `spec.kafka.config` may still set (exact keys) [S36]. */
export const KAFKA_FORBIDDEN_EXCEPTIONS: ReadonlySet<string> = new Set([
  'zookeeper.connection.timeout.ms',
  'sasl.server.max.receive.size',
  'ssl.cipher.suites',
  'ssl.protocol',
  'ssl.enabled.protocols',
  'ssl.secure.random.implementation',
  'cruise.control.metrics.topic.num.partitions',
  'cruise.control.metrics.topic.replication.factor',
  'cruise.control.metrics.topic.retention.ms',
  'cruise.control.metrics.topic.auto.create.retries',
  'cruise.control.metrics.topic.auto.create.timeout.ms',
  'cruise.control.metrics.topic.min.insync.replicas',
  'controller.quorum.election.backoff.max.ms',
  'controller.quorum.election.timeout.ms',
  'controller.quorum.fetch.timeout.ms',
]);

/**
 * Keys `spec.kafka.config` may set per user listener as `listener.name.<name>-<port>.<key>` (RULES.md §A.9:
 * re-authentication, connection limits) [S36 `ALLOWED_PER_LISTENER_CONFIGS`].
 */
export const KAFKA_PER_LISTENER_ALLOWED = /^(connections\.max\.reauth\.ms|max\.connections.*|max\.connection\.creation\.rate)$/;

/** `spec.zookeeper.config` prefixes the operator drops (ZooKeeper-mode clusters, Strimzi ≤0.45) [S38]. */
export const ZOOKEEPER_FORBIDDEN_PREFIXES: readonly string[] = [
  'server.',
  'dataDir',
  'dataLogDir',
  'clientPort',
  'authProvider',
  'quorum.auth',
  'requireClientAuthScheme',
  'snapshot.trust.empty',
  'standaloneEnabled',
  'reconfigEnabled',
  '4lw.commands.whitelist',
  'secureClientPort',
  'ssl.',
  'serverCnxnFactory',
  'sslQuorum',
];

export const ZOOKEEPER_FORBIDDEN_EXCEPTIONS: ReadonlySet<string> = new Set([
  'ssl.protocol',
  'ssl.quorum.protocol',
  'ssl.enabledProtocols',
  'ssl.quorum.enabledProtocols',
  'ssl.ciphersuites',
  'ssl.quorum.ciphersuites',
  'ssl.hostnameVerification',
  'ssl.quorum.hostnameVerification',
]);

/** KafkaConnect / KafkaMirrorMaker2 `config` prefixes the operator drops [S36 KafkaConnectSpec]. */
export const CONNECT_FORBIDDEN_PREFIXES: readonly string[] = [
  'ssl.',
  'sasl.',
  'security.',
  'listeners',
  'plugin.path',
  'rest.',
  'bootstrap.servers',
  'consumer.interceptor.classes',
  'producer.interceptor.classes',
];

export const CONNECT_FORBIDDEN_EXCEPTIONS: ReadonlySet<string> = new Set(['ssl.endpoint.identification.algorithm', 'ssl.cipher.suites', 'ssl.protocol', 'ssl.enabled.protocols']);

/** `authentication.listenerConfig` of a custom listener: `ssl.` keys are dropped [S37 KafkaListenerAuthenticationCustom]. */
export const CUSTOM_LISTENER_FORBIDDEN_PREFIXES: readonly string[] = ['ssl.'];

export type ConfigSection = 'kafka' | 'zookeeper' | 'connect' | 'listener';

/**
 * The forbidden prefix a key falls under, or undefined when the operator passes it on.
 * RULES.md §A.9 lists `zookeeper.clientCnxnSocket` as forbidden; the operator lower-cases the key before
 * comparing, so camel-case prefixes are matched here case-insensitively to follow the specification.
 */
export function forbiddenPrefix(section: ConfigSection, key: string, listenerIds: readonly string[] = []): string | undefined {
  const lower = key.toLowerCase();
  const [prefixes, exceptions] =
    section === 'kafka'
      ? [KAFKA_FORBIDDEN_PREFIXES, KAFKA_FORBIDDEN_EXCEPTIONS]
      : section === 'zookeeper'
        ? [ZOOKEEPER_FORBIDDEN_PREFIXES, ZOOKEEPER_FORBIDDEN_EXCEPTIONS]
        : section === 'connect'
          ? [CONNECT_FORBIDDEN_PREFIXES, CONNECT_FORBIDDEN_EXCEPTIONS]
          : [CUSTOM_LISTENER_FORBIDDEN_PREFIXES, new Set<string>()];
  const prefix = prefixes.find((p) => lower.startsWith(p.toLowerCase()));
  if (!prefix) return undefined;
  if (exceptions.has(key)) return undefined;
  if (section === 'kafka') {
    const m = /^listener\.name\.([^.]+)\.(.+)$/.exec(key);
    if (m && listenerIds.includes(m[1]!) && KAFKA_PER_LISTENER_ALLOWED.test(m[2]!)) return undefined;
  }
  return prefix;
}

/** Listener types that expose the brokers outside the Kubernetes cluster [S38 GenericKafkaListener]. */
export const EXTERNAL_LISTENER_TYPES: ReadonlySet<string> = new Set(['nodeport', 'loadbalancer', 'route', 'ingress', 'tlsroute']);
export const INTERNAL_LISTENER_TYPES: ReadonlySet<string> = new Set(['internal', 'cluster-ip']);
/** Types that only work with TLS (ListenersValidator) [S37]. */
export const TLS_ONLY_LISTENER_TYPES: ReadonlySet<string> = new Set(['route', 'ingress', 'tlsroute']);

/** The operator's own listeners: TLS with required client certificates on every node [S37]. */
export const OPERATOR_LISTENERS = [
  { name: 'CONTROLPLANE-9090', role: 'controller', protocol: 'SSL' },
  { name: 'REPLICATION-9091', role: 'inter-broker', protocol: 'SSL' },
] as const;

/** Authorizer classes the operator configures per `authorization.type` [S37, S38]. */
export const STANDARD_AUTHORIZER = 'org.apache.kafka.metadata.authorizer.StandardAuthorizer';
export const ACL_AUTHORIZER = 'kafka.security.authorizer.AclAuthorizer';
export const SIMPLE_ACL_AUTHORIZER = 'kafka.security.auth.SimpleAclAuthorizer';
export const KEYCLOAK_AUTHORIZER = 'io.strimzi.kafka.oauth.server.authorizer.KeycloakAuthorizer';
export const OPA_AUTHORIZER = 'org.openpolicyagent.kafka.OpaAuthorizer';
/** Kafka's own authorizers, which `authorization: {type: simple}` stands for. */
export const SIMPLE_AUTHORIZER_CLASSES: ReadonlySet<string> = new Set([STANDARD_AUTHORIZER, ACL_AUTHORIZER, SIMPLE_ACL_AUTHORIZER]);

/** Super users the operator always adds for its own components (withAuthorization) [S37]. */
export function operatorSuperUsers(cluster: string): string[] {
  return [
    `User:CN=${cluster}-kafka,O=io.strimzi`,
    `User:CN=${cluster}-entity-topic-operator,O=io.strimzi`,
    `User:CN=${cluster}-entity-user-operator,O=io.strimzi`,
    `User:CN=${cluster}-kafka-exporter,O=io.strimzi`,
    `User:CN=${cluster}-cruise-control,O=io.strimzi`,
    'User:CN=cluster-operator,O=io.strimzi',
  ];
}

/** Where a dropped key belongs instead, for messages. */
export function forbiddenKeyHome(section: ConfigSection, key: string): string {
  const k = key.toLowerCase();
  if (section === 'zookeeper') return 'the operator manages ZooKeeper ports, authentication and mutual TLS itself';
  if (section === 'connect') return 'use the resource\'s `bootstrapServers`, `tls` and `authentication` fields';
  if (section === 'listener') return 'the operator provides the listener certificate (`configuration.brokerCertChainAndKey` for your own)';
  if (k.startsWith('authorizer.') || k.startsWith('super.user')) return 'use `spec.kafka.authorization` (`type`, `superUsers`)';
  if (k.startsWith('ssl.') || k.startsWith('sasl.')) return 'use `tls` and `authentication` on the listener in `spec.kafka.listeners`';
  if (k.startsWith('listener') || k.startsWith('advertised.') || k.startsWith('security.') || k.startsWith('inter.broker.listener.name') || k === 'port' || k.startsWith('host.name')) {
    return 'declare listeners in `spec.kafka.listeners`; the operator writes the listener settings';
  }
  if (k.startsWith('zookeeper.')) return 'the operator connects to ZooKeeper over mutual TLS itself';
  if (k.startsWith('cruise.control')) return 'use `spec.cruiseControl`';
  return 'the operator sets it from the resource';
}
