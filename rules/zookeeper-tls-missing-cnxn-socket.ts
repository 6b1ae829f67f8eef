import { isKnown } from '../server/src/model/values';
import { anchorFor } from '../server/src/model/anchors';
import { connectsToZooKeeper, isNioSocket, NETTY_CLIENT_SOCKET, zkClientSocket, zkClientTls, zkTlsKeysSupported } from '../server/src/model/zk-client-security';
import type { Rule } from '../server/src/engine/types';

/**
 * ZooKeeper's client speaks TLS only through its Netty socket; the default NIO socket ignores
 * `zookeeper.client.secure`, so the broker cannot reach a TLS port (ZkConfigs `zookeeper.clientCnxnSocket`
 * doc, Kafka 2.5+).
 */
const rule: Rule = {
  meta: {
    id: 'zookeeper-tls-missing-cnxn-socket',
    checklist: 'ZK',
    severity: 'error',
    title: 'ZooKeeper TLS is on but the client socket is not Netty',
    formats: ['properties', 'compose', 'helm-bitnami', 'helm-confluent'],
    fix: 'safe',
  },
  check(doc, ctx) {
    if (!connectsToZooKeeper(doc)) return;
    const tls = zkClientTls(doc);
    if (tls.enabled !== true) return;
    const socket = zkClientSocket(doc);
    if (!isNioSocket(socket.className)) return;
    if (socket.setting && !isKnown(socket.setting)) return;

    const how = tls.via === 'key' ? 'zookeeper.ssl.client.enable=true' : 'the JVM property zookeeper.client.secure=true';
    const anchor = tls.via === 'key' && tls.setting ? tls.setting.entrySpan : anchorFor(doc, 'zookeeper.connect');
    const after = tls.via === 'key' && tls.setting ? tls.setting.key : 'zookeeper.connect';
    if (!zkTlsKeysSupported(doc)) {
      // Kafka < 2.5 reads no zookeeper.* client keys: only -Dzookeeper.clientCnxnSocket can fix it.
      ctx.report({
        span: anchor,
        message: `${how} turns on TLS to ZooKeeper, but the JVM options do not select the Netty socket (-Dzookeeper.clientCnxnSocket=${NETTY_CLIENT_SOCKET}), and the NIO socket cannot do TLS, so the broker cannot connect.`,
      });
      return;
    }
    if (socket.via === 'key' && socket.setting) {
      // Written, but blank or the NIO class: TLS cannot work with it either.
      const s = socket.setting;
      ctx.report({
        span: s.value.trim() ? s.valueSpan : s.entrySpan,
        message: `${how} turns on TLS to ZooKeeper, but zookeeper.clientCnxnSocket selects the NIO socket, which cannot do TLS, so the broker cannot connect.`,
        fix: {
          title: `Use the Netty client socket (${NETTY_CLIENT_SOCKET})`,
          safety: 'safe',
          changes: [{ op: 'set', key: s.key, value: NETTY_CLIENT_SOCKET }],
        },
      });
      return;
    }
    if (socket.via === 'system-property') {
      // -Dzookeeper.clientCnxnSocket names NIO: say so, and fix with the key (it wins over the property).
      ctx.report({
        span: anchor,
        message: `${how} turns on TLS to ZooKeeper, but the JVM property zookeeper.clientCnxnSocket selects the NIO socket, which cannot do TLS, so the broker cannot connect.`,
        fix: {
          title: `Set zookeeper.clientCnxnSocket to the Netty client socket (${NETTY_CLIENT_SOCKET})`,
          safety: 'safe',
          changes: [{ op: 'set', key: 'zookeeper.clientCnxnSocket', value: NETTY_CLIENT_SOCKET, after }],
        },
      });
      return;
    }
    ctx.report({
      span: anchor,
      message: `${how} turns on TLS to ZooKeeper, but zookeeper.clientCnxnSocket is not set, so the default NIO socket is used; it cannot do TLS and the broker cannot connect.`,
      fix: {
        title: `Add zookeeper.clientCnxnSocket=${NETTY_CLIENT_SOCKET}`,
        safety: 'safe',
        changes: [{ op: 'set', key: 'zookeeper.clientCnxnSocket', value: NETTY_CLIENT_SOCKET, after }],
      },
    });
  },
};

export default rule;
