import { isKnown } from '../server/src/model/values';
import { anchorFor } from '../server/src/model/anchors';
import type { Change, KafkaDocument } from '../server/src/model/types';
import {
  connectsToZooKeeper,
  connectWithSecurePort,
  jvmSystemProperties,
  minimalReplacement,
  NETTY_CLIENT_SOCKET,
  zkClientTls,
  zkConnectPublic,
  zkTlsKeysSupported,
} from '../server/src/model/zk-client-security';
import type { FixIntent, Rule } from '../server/src/engine/types';

/** The port ZooKeeper's documentation uses for `secureClientPort`; ZooKeeper itself has no default. */
const SECURE_PORT = 2182;

/**
 * Changes that turn on the broker's ZooKeeper TLS client (ZkConfigs, Kafka 2.5+, KIP-515): the switch,
 * the Netty socket TLS needs, the truststore, optionally a keystore (ZooKeeper's `ssl.clientAuth`
 * defaults to `need`), and `zookeeper.connect` moved from 2181 to the secure port.
 */
export function zkTlsChanges(doc: KafkaDocument, withKeystore: boolean): { changes: Change[]; portMoved: boolean } {
  const changes: Change[] = [];
  const enable = doc.settings.get('zookeeper.ssl.client.enable');
  const after = enable ? 'zookeeper.ssl.client.enable' : 'zookeeper.connect';
  changes.push({ op: 'set', key: 'zookeeper.ssl.client.enable', value: 'true', ...(enable ? {} : { after }) });
  const socket = doc.settings.get('zookeeper.clientCnxnSocket');
  if (!socket || socket.value.trim() !== NETTY_CLIENT_SOCKET) changes.push({ op: 'set', key: 'zookeeper.clientCnxnSocket', value: NETTY_CLIENT_SOCKET, after });
  const add = (key: string, value: string) => {
    if (!doc.settings.has(key)) changes.push({ op: 'set', key, value, after });
  };
  add('zookeeper.ssl.truststore.location', '<PATH_TO_TRUSTSTORE>');
  add('zookeeper.ssl.truststore.password', '${file:<SECRETS_FILE>:zookeeper.truststore.password}');
  if (withKeystore) {
    add('zookeeper.ssl.keystore.location', '<PATH_TO_KEYSTORE>');
    add('zookeeper.ssl.keystore.password', '${file:<SECRETS_FILE>:zookeeper.keystore.password}');
  }
  let portMoved = false;
  const connect = doc.settings.get('zookeeper.connect');
  if (connect && isKnown(connect)) {
    const moved = connectWithSecurePort(connect.value, SECURE_PORT);
    const edit = moved === undefined ? undefined : minimalReplacement(connect.value, moved);
    if (edit) {
      changes.push({ op: 'replace-in-value', key: connect.key, ...edit });
      portMoved = true;
    }
  }
  return { changes, portMoved };
}

const rule: Rule = {
  meta: {
    id: 'zookeeper-without-tls',
    checklist: 'ZK',
    severity: 'warning',
    title: 'The broker connects to ZooKeeper without TLS',
    formats: ['properties', 'compose', 'helm-bitnami', 'helm-confluent'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (!connectsToZooKeeper(doc)) return;
    const tls = zkClientTls(doc);
    if (tls.enabled !== false) return;
    const jvm = jvmSystemProperties(doc);

    if (!zkTlsKeysSupported(doc)) {
      // Kafka < 2.5 has no zookeeper.ssl.* keys; 2.4 (ZooKeeper 3.5 client) only honours system properties.
      const v = doc.version!;
      ctx.report({
        span: tls.setting ? tls.setting.entrySpan : anchorFor(doc, 'zookeeper.connect'),
        severity: 'info',
        message:
          `Kafka ${v.major}.${v.minor} has no zookeeper.ssl.* settings (they arrived in 2.5), so TLS to ZooKeeper can only be turned on with ` +
          `JVM system properties such as -Dzookeeper.client.secure=true in KAFKA_OPTS, ${jvm ? 'and the JVM options do not set it to true' : 'which this file cannot show'}.`,
      });
      return;
    }

    const publicHost = zkConnectPublic(doc);
    const consequence = publicHost
      ? 'its sessions, including ACL, SCRAM and dynamic configuration data, cross the network in clear text to a ZooKeeper host on a public address.'
      : 'its sessions, including ACL, SCRAM and dynamic configuration data, cross the network in clear text.';
    let message: string;
    if (tls.via === 'key') message = `zookeeper.ssl.client.enable is not true, so the broker connects to ZooKeeper without TLS: ${consequence}`;
    else if (tls.via === 'system-property')
      message = `zookeeper.ssl.client.enable is not set and the JVM property zookeeper.client.secure is not "true", so the broker connects to ZooKeeper without TLS: ${consequence}`;
    else message = `zookeeper.ssl.client.enable is not set (Kafka's default is false), so the broker connects to ZooKeeper without TLS: ${consequence}`;

    const mtls = zkTlsChanges(doc, true);
    const encryptOnly = zkTlsChanges(doc, false);
    const port = mtls.portMoved ? `; zookeeper.connect moves from 2181 to ${SECURE_PORT}` : '';
    const fix: FixIntent = {
      title: `Connect to ZooKeeper over TLS with a client certificate (the ensemble needs a secureClientPort${port})`,
      safety: 'suggestion',
      changes: mtls.changes,
    };
    const encrypt: FixIntent = {
      title: `Connect to ZooKeeper over TLS without a client certificate (only if the ensemble sets ssl.clientAuth=none or want${port})`,
      safety: 'suggestion',
      changes: encryptOnly.changes,
    };
    const written = tls.via === 'key' ? tls.setting : undefined;
    ctx.report({
      span: written ? (written.value.trim() ? written.valueSpan : written.entrySpan) : anchorFor(doc, 'zookeeper.connect'),
      severity: publicHost ? 'error' : undefined,
      message,
      fix,
      // The encryption-only variant differs only when the keystore lines are still missing.
      suggestions: encryptOnly.changes.length < mtls.changes.length ? [encrypt] : [],
    });
  },
};

export default rule;
