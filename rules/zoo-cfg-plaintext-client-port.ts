import { classifyHost, valueSubSpan } from '../server/src/model/listeners';
import type { Change, KafkaDocument, Setting } from '../server/src/model/types';
import { isTrue, isKnown } from '../server/src/model/values';
import type { FixIntent, Rule } from '../server/src/engine/types';

const NETTY_SERVER_FACTORY = 'org.apache.zookeeper.server.NettyServerCnxnFactory';
/** Conventional secure client port (ZooKeeper admin guide examples); ZooKeeper has no default. */
const SECURE_PORT = '2182';

/** A port ZooKeeper opens: QuorumPeerConfig treats a missing or zero port as "not set". */
function opensPort(value: string): boolean {
  const v = value.trim();
  return v !== '' && !/^0+$/.test(v);
}

/** The `[address:]port` after `;` in a `server.N=host:peer:election[:role][;[address:]port]` entry. */
function serverClientPart(s: Setting): { from: number; to: number; address?: string; port: string } | undefined {
  const semi = s.value.indexOf(';');
  if (semi < 0) return undefined;
  const raw = s.value.slice(semi + 1);
  const text = raw.trim();
  if (!text) return undefined;
  const from = semi + 1 + (raw.length - raw.trimStart().length);
  const colon = text.lastIndexOf(':');
  const part: { from: number; to: number; address?: string; port: string } = { from, to: from + text.length, port: colon >= 0 ? text.slice(colon + 1) : text };
  if (colon >= 0) part.address = text.slice(0, colon);
  return part;
}

/** The entry written just before `key` that the fix keeps, where new lines go; else the one after. */
function insertionPoint(doc: KafkaDocument, key: string, removed: ReadonlySet<string>): string | undefined {
  const target = doc.settings.get(key)!;
  const kept = [...doc.settings.values()].filter((s) => !removed.has(s.key)).sort((a, b) => a.entrySpan.start - b.entrySpan.start);
  const before = kept.filter((s) => s.entrySpan.start < target.entrySpan.start);
  if (before.length) return before[before.length - 1]!.key;
  return kept.find((s) => s.entrySpan.start > target.entrySpan.start)?.key;
}

/**
 * Move the client port to TLS (ZooKeeper admin guide, "Client-Server mutual authentication" and
 * zoo.cfg keys of 3.5+; `ssl.keyStore.passwordPath` is 3.8+). `clientPortAddress` must go with
 * `clientPort`: QuorumPeerConfig refuses an address without a port.
 */
function toSecurePort(doc: KafkaDocument, clientPort: Setting, unified: boolean, legacyPassword: boolean): Change[] {
  const has = (k: string) => doc.settings.has(k);
  const removed = new Set(['clientPort', 'clientPortAddress', 'client.portUnification'].filter(has));
  const after = insertionPoint(doc, 'clientPort', removed);
  const changes: Change[] = [...removed].map((key): Change => ({ op: 'remove', key }));
  const add = (key: string, value: string) => changes.push({ op: 'set', key, value, ...(after ? { after } : {}) });
  const secure = doc.settings.get('secureClientPort');
  if (!secure || !opensPort(secure.value)) {
    // A unified port already serves TLS clients: keep its number so they stay connected.
    const port = unified ? clientPort.value.trim() : SECURE_PORT;
    if (secure) changes.push({ op: 'set', key: 'secureClientPort', value: port });
    else add('secureClientPort', port);
    const address = doc.settings.get('clientPortAddress');
    if (address && !has('secureClientPortAddress')) add('secureClientPortAddress', address.value.trim());
  }
  if (doc.settings.get('serverCnxnFactory')?.value.trim() !== NETTY_SERVER_FACTORY) {
    if (has('serverCnxnFactory')) changes.push({ op: 'set', key: 'serverCnxnFactory', value: NETTY_SERVER_FACTORY });
    else add('serverCnxnFactory', NETTY_SERVER_FACTORY);
  }
  if (!has('ssl.keyStore.location')) add('ssl.keyStore.location', '<PATH_TO_KEYSTORE>');
  if (!has('ssl.keyStore.passwordPath') && !has('ssl.keyStore.password')) {
    if (legacyPassword) add('ssl.keyStore.password', '<KEYSTORE_PASSWORD>');
    else add('ssl.keyStore.passwordPath', '<PATH_TO_KEYSTORE_PASSWORD_FILE>');
  }
  if (!has('ssl.trustStore.location')) add('ssl.trustStore.location', '<PATH_TO_TRUSTSTORE>');
  return changes;
}

const rule: Rule = {
  meta: {
    id: 'zoo-cfg-plaintext-client-port',
    checklist: 'ZK',
    severity: 'warning',
    title: 'ZooKeeper accepts plaintext client connections',
    formats: ['zookeeper', 'compose', 'helm-bitnami'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (doc.role !== 'zookeeper') return;
    const clientPort = doc.settings.get('clientPort');
    const secure = doc.settings.get('secureClientPort');
    const mixed = !!secure && opensPort(secure.value);
    const unified = isTrue(doc.settings.get('client.portUnification')?.value);

    if (clientPort && isKnown(clientPort) && opensPort(clientPort.value)) {
      const address = doc.settings.get('clientPortAddress');
      const loopback = !!address && isKnown(address) && classifyHost(address.value) === 'loopback';
      const port = clientPort.value.trim();
      const message = unified
        ? `clientPort ${port} has client.portUnification=true, so it accepts TLS and plaintext alike and clients can still connect without encryption.`
        : mixed
          ? `clientPort ${port} keeps a plaintext port open next to secureClientPort, so clients can still skip TLS and send session data and credentials in clear text.`
          : `clientPort ${port} is a plaintext client port: sessions, znode data and digest credentials cross the network unencrypted.`;
      let fix: FixIntent;
      const suggestions: FixIntent[] = [];
      if (mixed) {
        const removed = ['clientPort', 'clientPortAddress', 'client.portUnification'].filter((k) => doc.settings.has(k));
        fix = {
          title: 'Remove clientPort and keep only secureClientPort (move every client to the TLS port first)',
          safety: 'suggestion',
          changes: removed.map((key): Change => ({ op: 'remove', key })),
        };
      } else {
        const target = unified ? port : SECURE_PORT;
        fix = {
          title: `Replace clientPort with secureClientPort=${target} on the Netty factory with a keystore (password file: ZooKeeper 3.8+; give clients a truststore)`,
          safety: 'suggestion',
          changes: toSecurePort(doc, clientPort, unified, false),
        };
        const legacy = toSecurePort(doc, clientPort, unified, true);
        if (legacy.some((c) => c.op === 'set' && c.key === 'ssl.keyStore.password')) {
          suggestions.push({
            title: `Replace clientPort with secureClientPort=${target}, with the keystore password written inline (ZooKeeper before 3.8)`,
            safety: 'suggestion',
            changes: legacy,
          });
        }
      }
      ctx.report({
        span: valueSubSpan(doc, clientPort, clientPort.value.indexOf(port), clientPort.value.indexOf(port) + port.length),
        severity: loopback ? 'info' : undefined,
        message: loopback ? `${message} It is bound to a loopback address (clientPortAddress), so only local tools can use it.` : message,
        fix,
        suggestions,
      });
      return;
    }
    if (clientPort && !isKnown(clientPort)) return;

    // Dynamic configuration (3.5+): `server.N=…;[address:]port` opens the client port of server N.
    const servers = [...doc.settings.values()].filter((s) => /^server\.\d+$/.test(s.key) && isKnown(s)).sort((a, b) => a.entrySpan.start - b.entrySpan.start);
    for (const s of servers) {
      const part = serverClientPart(s);
      if (!part || !opensPort(part.port)) continue;
      const loopback = part.address !== undefined && classifyHost(part.address) === 'loopback';
      ctx.report({
        span: valueSubSpan(doc, s, part.from, part.to),
        severity: loopback ? 'info' : undefined,
        message:
          `${s.key} gives its server the plaintext client port ${part.port.trim()}: sessions, znode data and digest credentials cross the network unencrypted` +
          (loopback ? ', although only on a loopback address.' : '.'),
      });
    }
  },
};

export default rule;
