import { isBrokerLike } from '../server/src/model/document';
import type { PublishedPort } from '../server/src/model/adapters/compose';
import { strimziListeners } from '../server/src/model/adapters/strimzi';
import { classifyHost, listenerTable, listItems, parseListenerList, type Listener } from '../server/src/model/listeners';
import { fileProviderPlan, resolvesConfigProviders, secretReference } from '../server/src/model/literal-secrets';
import type { Change, KafkaDocument } from '../server/src/model/types';
import type { FixIntent, Rule } from '../server/src/engine/types';

/**
 * Advertised on a public address, its port published (compose on a non-loopback host address, Helm
 * external access), or a Strimzi listener of a type that reaches outside the Kubernetes cluster
 * (nodeport, loadbalancer, route, ingress, tlsroute; RULES.md §A.1).
 */
function isExposed(doc: KafkaDocument, l: Listener): boolean {
  if (l.advertisedExposure === 'public' || (l.advertisedHost === undefined && l.exposure === 'public')) return true;
  if (doc.format === 'strimzi' && strimziListeners(doc).some((s) => s.name === l.name && s.external)) return true;
  const ports = (doc.facts.get('publishedPorts') as PublishedPort[] | undefined) ?? [];
  return l.port !== undefined && ports.some((p) => p.container === l.port && classifyHost(p.hostIp) !== 'loopback');
}

/** Changes that move listener L to `protocol`, per RULES.md: map entry, or a rename for identity-named listeners. */
export function switchProtocol(doc: KafkaDocument, l: Listener, protocol: 'SASL_SSL' | 'SSL'): Change[] | undefined {
  const changes: Change[] = [];
  let newName = l.name;
  if (l.protocolSource === 'map') {
    const map = doc.settings.get('listener.security.protocol.map')!;
    const entry = listItems(map.value).find((i) => i.text.split(':')[0]!.trim().toUpperCase() === l.name);
    if (!entry) return undefined;
    const colon = map.value.indexOf(':', entry.from);
    changes.push({ op: 'replace-in-value', key: map.key, from: colon + 1, to: entry.to, text: protocol });
  } else if (l.protocolSource === 'identity') {
    newName = protocol;
    const table = listenerTable(doc);
    if (table.listeners.some((o) => o.name === newName)) return undefined;
    for (const key of ['listeners', 'advertised.listeners']) {
      const s = doc.settings.get(key);
      if (!s) continue;
      for (const item of parseListenerList(s.value)) {
        if (item.name === l.name) changes.push({ op: 'replace-in-value', key, from: item.from, to: item.nameTo, text: newName });
      }
    }
    const ibl = doc.settings.get('inter.broker.listener.name');
    if (ibl && ibl.value.trim().toUpperCase() === l.name) changes.push({ op: 'set', key: ibl.key, value: newName });
    if (changes.length === 0) return undefined;
  } else {
    return undefined;
  }
  const lower = newName.toLowerCase();
  const after = doc.settings.has('listener.security.protocol.map') ? 'listener.security.protocol.map' : 'listeners';
  // The password is read through a config provider, which must be declared for the reference to resolve.
  const provider = resolvesConfigProviders(doc) ? fileProviderPlan(doc) : undefined;
  changes.push(
    { op: 'set', key: `listener.name.${lower}.ssl.keystore.location`, value: '<PATH_TO_KEYSTORE>', after },
    { op: 'set', key: `listener.name.${lower}.ssl.keystore.password`, value: secretReference(provider?.alias ?? 'file', `${lower}.keystore.password`), after },
    ...(provider?.changes ?? []).map((c) => (c.op === 'set' && !c.after ? { ...c, after } : c)),
  );
  return changes;
}

const rule: Rule = {
  meta: {
    id: 'plaintext-listener',
    checklist: 'TR',
    severity: 'warning',
    title: 'A broker listener accepts unencrypted, unauthenticated PLAINTEXT connections',
    formats: ['properties', 'compose', 'strimzi', 'helm-bitnami', 'helm-confluent'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (!isBrokerLike(doc)) return;
    const table = listenerTable(doc);
    for (const l of table.listeners) {
      if (l.protocol !== 'PLAINTEXT' || l.roles.has('controller') || !l.bound || l.fromDefault) continue;
      if (l.exposure === 'loopback' && doc.format !== 'compose') continue;
      const exposed = isExposed(doc, l);
      const fixes: FixIntent[] = [];
      // RULES.md §A.1 quick fix: SASL_SSL first, except Strimzi, whose fix is `tls: true` on the listener
      // (SASL_SSL there also means choosing an authentication type, scram-sha-512, for every client).
      const order = doc.format === 'strimzi' ? (['SSL', 'SASL_SSL'] as const) : (['SASL_SSL', 'SSL'] as const);
      for (const protocol of order) {
        const changes = switchProtocol(doc, l, protocol);
        if (changes) {
          fixes.push({
            title: `Switch listener ${l.name} to ${protocol} (then provide the keystore${protocol === 'SASL_SSL' ? ', SASL mechanisms and credentials' : ''} and move clients over)`,
            safety: 'suggestion',
            changes,
          });
        }
      }
      const [fix, ...suggestions] = fixes;
      ctx.report({
        span: l.span,
        severity: exposed ? 'error' : undefined,
        message:
          `Listener ${l.name} uses PLAINTEXT: traffic on it is neither encrypted nor authenticated` +
          (exposed
            ? doc.format === 'strimzi'
              ? ', and its listener type exposes it outside the Kubernetes cluster.'
              : ', and it is reachable from outside (a public advertised address or a published port).'
            : '.'),
        ...(fix ? { fix } : {}),
        suggestions,
      });
    }
  },
};

export default rule;
