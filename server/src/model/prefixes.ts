/**
 * Config-key prefixes Kafka components honour, so a rule can find `ssl.keystore.password`
 * under `listener.name.internal.`, `producer.`, `consumer.override.`, an MM2 cluster alias, …
 */

const CLIENT_PREFIXES = [
  // Connect worker: task clients and per-connector overrides (Worker.baseProducerConfigs, KIP-458)
  'producer.override.',
  'consumer.override.',
  'admin.override.',
  'producer.',
  'consumer.',
  'admin.',
  // Kafka Streams (StreamsConfig prefixes)
  'main.consumer.',
  'restore.consumer.',
  'global.consumer.',
  // Connect REST server TLS (RestServerConfig, SSLUtils)
  'admin.listeners.https.',
  'listeners.https.',
  // ZooKeeper client TLS on brokers uses its own key names, not a prefix; see zookeeper.ssl.*
];

export interface SplitKey {
  /** The prefix as written, '' when none. */
  prefix: string;
  /** The key without its prefix. */
  base: string;
  /** Listener name (lower case) when the prefix is listener.name.<l>. */
  listener?: string;
  /** SASL mechanism (lower case) when the prefix is listener.name.<l>.<mech>. */
  mechanism?: string;
}

const MECHANISM_PREFIX = /^(gssapi|plain|scram-sha-256|scram-sha-512|oauthbearer)\./;

/** Split a key into a known prefix and the base key. Unknown prefixes stay in the base. */
export function splitPrefix(key: string): SplitKey {
  const listener = /^listener\.name\.([^.]+)\./.exec(key);
  if (listener) {
    const rest = key.slice(listener[0].length);
    const mech = MECHANISM_PREFIX.exec(rest);
    if (mech) {
      return { prefix: listener[0] + mech[0], base: rest.slice(mech[0].length), listener: listener[1]!.toLowerCase(), mechanism: mech[1] };
    }
    return { prefix: listener[0], base: rest, listener: listener[1]!.toLowerCase() };
  }
  for (const p of CLIENT_PREFIXES) {
    if (key.startsWith(p) && key.length > p.length) return { prefix: p, base: key.slice(p.length) };
  }
  return { prefix: '', base: key };
}

/**
 * The base key under any prefix, including MirrorMaker 2 cluster aliases (`<alias>.`) when the
 * remainder is a known client key. Used for secrets and client security keys.
 */
export function baseKeyMatching(key: string, bases: ReadonlySet<string>): string | undefined {
  if (bases.has(key)) return key;
  const split = splitPrefix(key);
  if (split.prefix && bases.has(split.base)) return split.base;
  // MM2: "<alias>.<client prefix>?<key>" and Connect "<alias>.producer.override." …
  const dot = key.indexOf('.');
  if (dot > 0) {
    const rest = key.slice(dot + 1);
    if (bases.has(rest)) return rest;
    const inner = splitPrefix(rest);
    if (inner.prefix && bases.has(inner.base)) return inner.base;
  }
  return undefined;
}
