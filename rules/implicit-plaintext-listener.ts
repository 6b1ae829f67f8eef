import { anchorFor } from '../server/src/model/anchors';
import { forcedRole, hasBrokerMarkers, isBrokerLike, versionAtLeast } from '../server/src/model/document';
import { classifyHost, listenerTable, parseListenerList, parseProtocolMap } from '../server/src/model/listeners';
import { listenersEvaluable, tlsPlaceholders } from '../server/src/model/tr-transit-kit';
import type { Change, KafkaDocument } from '../server/src/model/types';
import { splitList } from '../server/src/model/values';
import type { FixIntent, Rule } from '../server/src/engine/types';

/** Keys that bear on the default listener, most related first (where a finding about absent `listeners` goes). */
const ANCHOR_KEYS = ['advertised.listeners', 'port', 'host.name', 'listener.security.protocol.map', 'process.roles', 'broker.id', 'node.id', 'zookeeper.connect'];

/**
 * Without `listeners`, Kafka binds only a listener named PLAINTEXT. A file that names other listeners
 * elsewhere (advertised, inter-broker, controller) could not start on its own: it is a fragment that
 * tooling merges with settings from somewhere else (e.g. the apache/kafka image's env), so the real
 * `listeners` is not in this file.
 */
function isFragment(doc: KafkaDocument): boolean {
  const s = doc.settings;
  // A file that is a broker config only because its role comment says so, with no broker key of its
  // own, is an overlay that tooling merges into the real config.
  if (forcedRole(doc.text) && !hasBrokerMarkers(s)) return true;
  const adv = s.get('advertised.listeners');
  if (adv && parseListenerList(adv.value).some((l) => l.name !== 'PLAINTEXT')) return true;
  const ibl = s.get('inter.broker.listener.name')?.value.trim().toUpperCase();
  if (ibl && ibl !== 'PLAINTEXT') return true;
  const ibp = s.get('security.inter.broker.protocol')?.value.trim().toUpperCase();
  if (ibp && ibp !== 'PLAINTEXT') return true;
  const kraft = doc.mode === 'kraft' || doc.mode === 'migration';
  if (kraft && (doc.role === 'controller' || doc.role === 'combined')) {
    const names = splitList(s.get('controller.listener.names')?.value).map((n) => n.toUpperCase());
    if (!names.includes('PLAINTEXT')) return true;
  }
  return false;
}

function firstPresent(doc: KafkaDocument, keys: string[]): string | undefined {
  return keys.find((k) => doc.settings.has(k));
}

/** Changes that declare a TLS listener instead of the implicit PLAINTEXT one (RULES.md implicit-plaintext-listener fix). */
function declareListener(doc: KafkaDocument, protocol: 'SASL_SSL' | 'SSL', oldPort: number): Change[] | undefined {
  const s = doc.settings;
  const kraft = doc.mode === 'kraft' || doc.mode === 'migration';
  const controllerNames = kraft ? splitList(s.get('controller.listener.names')?.value).map((n) => n.toUpperCase()) : [];
  // The default listener is itself the controller listener: replacing it would remove the controller.
  if (controllerNames.includes('PLAINTEXT')) return undefined;
  const after = firstPresent(doc, ANCHOR_KEYS);
  const at = (c: { key: string; value: string }): Change => (after ? { op: 'set', ...c, after } : { op: 'set', ...c });
  const changes: Change[] = [at({ key: 'listeners', value: `${protocol}://:9093` })];

  // The inter-broker listener must be one of `listeners` (default: the listener named PLAINTEXT).
  if (doc.role !== 'controller') {
    const ibl = s.get('inter.broker.listener.name');
    const ibp = s.get('security.inter.broker.protocol');
    if (ibl) changes.push({ op: 'set', key: ibl.key, value: protocol });
    else if (ibp) changes.push({ op: 'set', key: ibp.key, value: protocol });
    else changes.push(at({ key: 'inter.broker.listener.name', value: protocol }));
  }

  // Advertised PLAINTEXT endpoints move with the listener; the port follows when it was the bind port.
  const adv = s.get('advertised.listeners');
  if (adv) {
    for (const item of parseListenerList(adv.value)) {
      if (item.name !== 'PLAINTEXT') continue;
      const text = adv.value.slice(item.from, item.to);
      let next = protocol + text.slice(item.nameTo - item.from);
      if (item.port === oldPort) next = next.replace(/:(\d+)(?=[^:]*$)/, ':9093');
      changes.push({ op: 'replace-in-value', key: adv.key, from: item.from, to: item.to, text: next });
    }
  }

  // An explicit map needs an entry for the new name. In KRaft, writing `listeners` with a TLS name ends
  // the implicit CONTROLLER→PLAINTEXT mapping (KafkaConfig.effectiveListenerSecurityProtocolMap, ≥3.1),
  // so the map is written with the controller names on SSL.
  const map = s.get('listener.security.protocol.map');
  if (map) {
    if (!parseProtocolMap(map.value).some((e) => e.name === protocol)) {
      const end = map.value.length;
      changes.push({ op: 'replace-in-value', key: map.key, from: end, to: end, text: (map.value.trim() ? ',' : '') + `${protocol}:${protocol}` });
    }
  } else if (controllerNames.length > 0) {
    changes.push(at({ key: 'listener.security.protocol.map', value: [`${protocol}:${protocol}`, ...controllerNames.map((n) => `${n}:SSL`)].join(',') }));
  }

  changes.push(...tlsPlaceholders(doc, protocol.toLowerCase(), after, { keystore: true }));
  if (!map) {
    for (const n of controllerNames) {
      changes.push(...tlsPlaceholders(doc, n.toLowerCase(), after, { keystore: doc.role !== 'broker', truststore: true }));
    }
  }
  return changes;
}

const rule: Rule = {
  meta: {
    id: 'implicit-plaintext-listener',
    checklist: 'TR',
    severity: 'warning',
    title: 'A broker without `listeners` falls back to Kafka\'s default PLAINTEXT listener',
    formats: ['properties', 'compose'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (!isBrokerLike(doc) || !listenersEvaluable(doc)) return;
    const listenersSetting = doc.settings.get('listeners');
    if (listenersSetting) return;
    if (isFragment(doc)) return;
    // cp-kafka derives listeners from the advertised listeners it requires [S31]; other images
    // (apache/kafka, bitnami, wurstmeister) start with Kafka's default listener when none is given.
    const image = doc.facts.get('image') as { family?: string } | undefined;
    if (doc.format === 'compose' && (image?.family === 'cp-kafka' || image?.family === 'cp-connect')) return;
    const table = listenerTable(doc);
    const l = table.listeners.find((x) => x.fromDefault && x.bound);
    if (!l || l.protocol !== 'PLAINTEXT') return;

    // Before 3.0 the default listener is built from host.name and port (KafkaConfig.listeners @2.8);
    // 3.0 removed both keys (Defaults.Listeners = "PLAINTEXT://:9092", KafkaConfig @3.0).
    const modern = versionAtLeast(doc.version, 3, 0);
    const hostName = doc.settings.get('host.name')?.value.trim() ?? '';
    const portSetting = doc.settings.get('port')?.value.trim();
    const legacy = modern !== true && (hostName !== '' || portSetting !== undefined);
    if (legacy && classifyHost(hostName) === 'loopback') return;
    const oldPort = legacy ? Number(portSetting ?? 9092) || 9092 : 9092;
    const effective = legacy ? `PLAINTEXT://${hostName}:${oldPort}` : 'PLAINTEXT://:9092';
    const whence =
      modern === true
        ? `Kafka ${doc.version!.major}.${doc.version!.minor}'s default`
        : legacy
          ? 'the pre-3.0 default built from host.name and port'
          : 'the default of Kafka 3.0 and later (older brokers built it from host.name and port)';

    const fixes: FixIntent[] = [];
    for (const protocol of ['SASL_SSL', 'SSL'] as const) {
      const changes = declareListener(doc, protocol, oldPort);
      if (!changes) continue;
      fixes.push({
        title:
          `Declare listeners=${protocol}://:9093 (then provide the keystore${protocol === 'SASL_SSL' ? ', SASL mechanisms and credentials' : ''} and move clients to port 9093` +
          (changes.some((c) => c.op === 'set' && c.key === 'listener.security.protocol.map') ? '; the controller link moves to SSL too, so the controllers must offer it' : '') +
          ')',
        safety: 'suggestion',
        changes,
      });
    }
    const [fix, ...suggestions] = fixes;
    ctx.report({
      span: anchorFor(doc, ...ANCHOR_KEYS),
      message: `listeners is not set, so the broker opens ${effective}, ${whence}: an unencrypted, unauthenticated listener${legacy && hostName !== '' ? '' : ' on every network interface'}.`,
      ...(fix ? { fix } : {}),
      suggestions,
    });
  },
};

export default rule;
