import { isBrokerLike } from '../server/src/model/document';
import { listenerTable, type Listener } from '../server/src/model/listeners';
import { isPubliclyExposed, listenerSpan, listenersEvaluable, moveListenerTo, quorumExposures, tlsPlaceholders } from '../server/src/model/tr-transit-kit';
import type { Change, KafkaDocument } from '../server/src/model/types';
import type { Rule } from '../server/src/engine/types';

/** Changes that put controller listener L on SSL, with TLS material placeholders (RULES.md plaintext-controller-listener fix). */
function controllerToSsl(doc: KafkaDocument, l: Listener): Change[] | undefined {
  const lower = l.name.toLowerCase();
  const material = { keystore: true, truststore: true, clientAuth: l.bound };
  if (l.protocolSource === 'map') {
    return moveListenerTo(doc, l, 'SSL')?.concat(tlsPlaceholders(doc, lower, 'listener.security.protocol.map', { keystore: false, truststore: true, clientAuth: l.bound }));
  }
  if (l.protocolSource === 'identity') {
    const moved = moveListenerTo(doc, l, 'SSL');
    if (!moved) return undefined;
    const after = doc.settings.has('listener.security.protocol.map') ? 'listener.security.protocol.map' : 'listeners';
    return moved.concat(tlsPlaceholders(doc, 'ssl', after, { keystore: false, truststore: true, clientAuth: l.bound }));
  }
  if (l.protocolSource !== 'kraft-implicit') return undefined;
  // Writing the map ends the implicit mapping for every name (KafkaConfig.effectiveListenerSecurityProtocolMap),
  // so it must list every listener: the other controller names keep PLAINTEXT, the rest their protocol.
  const table = listenerTable(doc);
  const entries: string[] = [];
  const seen = new Set<string>();
  for (const name of table.controllerNames) {
    if (seen.has(name)) continue;
    seen.add(name);
    entries.push(`${name}:${name === l.name ? 'SSL' : 'PLAINTEXT'}`);
  }
  for (const o of table.listeners) {
    if (seen.has(o.name)) continue;
    if (!o.protocol) return undefined;
    seen.add(o.name);
    entries.push(`${o.name}:${o.protocol}`);
  }
  const after = doc.settings.has('controller.listener.names') ? 'controller.listener.names' : doc.settings.has('listeners') ? 'listeners' : undefined;
  const map: Change = after
    ? { op: 'set', key: 'listener.security.protocol.map', value: entries.join(','), after }
    : { op: 'set', key: 'listener.security.protocol.map', value: entries.join(',') };
  return [map, ...tlsPlaceholders(doc, lower, after, material)];
}

const rule: Rule = {
  meta: {
    id: 'plaintext-controller-listener',
    checklist: 'TR',
    severity: 'warning',
    title: 'A KRaft controller listener uses PLAINTEXT',
    formats: ['properties', 'compose', 'helm-bitnami'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (!isBrokerLike(doc) || !listenersEvaluable(doc)) return;
    if (doc.mode !== 'kraft' && doc.mode !== 'migration') return;
    const table = listenerTable(doc);
    const quorum = quorumExposures(doc);
    for (const l of table.listeners) {
      if (!l.roles.has('controller') || l.protocol !== 'PLAINTEXT') continue;
      // A file without `listeners` is reported once, by implicit-plaintext-listener.
      if (l.bound && l.fromDefault) continue;
      // Single-node development: the controller binds loopback, or a broker only reaches controllers on loopback.
      if (l.bound ? l.exposure === 'loopback' : quorum.length > 0 && quorum.every((e) => e === 'loopback')) continue;
      const exposed = (l.bound && isPubliclyExposed(l)) || quorum.includes('public');
      const how = l.protocolSource === 'kraft-implicit' ? 'implicitly, because listener.security.protocol.map is not set' : 'through listener.security.protocol.map';
      const changes = controllerToSsl(doc, l);
      ctx.report({
        span: listenerSpan(doc, l),
        severity: exposed ? 'error' : undefined,
        message:
          (l.bound
            ? `Controller listener ${l.name} uses PLAINTEXT (${how})`
            : `This broker reaches the controllers through ${l.name}, which uses PLAINTEXT (${how})`) +
          `: the metadata log, including SCRAM credentials and dynamically set passwords, travels unencrypted and unauthenticated` +
          (exposed ? ', and the controller endpoints are on public addresses.' : '.'),
        ...(changes
          ? {
              fix: {
                title: `Move controller listener ${l.name} to SSL (then issue keystores and truststores to every controller and broker, and roll the whole quorum)`,
                safety: 'suggestion' as const,
                changes,
              },
            }
          : {}),
      });
    }
  },
};

export default rule;
