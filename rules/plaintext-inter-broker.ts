import { isBrokerLike } from '../server/src/model/document';
import { listenerTable, type Listener } from '../server/src/model/listeners';
import { isSingleNodeCluster, listenerSpan, listenersEvaluable, moveListenerTo, protocolOfName, readable } from '../server/src/model/tr-transit-kit';
import type { Change, KafkaDocument, Setting } from '../server/src/model/types';
import type { FixIntent, Rule, RuleContext } from '../server/src/engine/types';

/** A TLS listener this broker binds that could carry inter-broker traffic instead. */
function tlsListenerFor(doc: KafkaDocument, current: string): Listener | undefined {
  const candidates = listenerTable(doc).listeners.filter(
    (l) => l.bound && !l.fromDefault && !l.roles.has('controller') && !l.roles.has('control-plane') && (l.protocol === 'SSL' || l.protocol === 'SASL_SSL'),
  );
  // Keep SASL when the inter-broker link authenticates with SASL today; otherwise plain TLS is the smaller step.
  const order = current === 'SASL_PLAINTEXT' ? ['SASL_SSL', 'SSL'] : ['SSL', 'SASL_SSL'];
  // Prefer a listener that is not advertised on a public address: inter-broker traffic stays inside.
  for (const internal of [true, false]) {
    for (const p of order) {
      const l = candidates.find((c) => c.protocol === p && (!internal || (c.advertisedExposure ?? c.exposure) !== 'public'));
      if (l) return l;
    }
  }
  return undefined;
}

/** `inter.broker.listener.name=<TLS listener>` and no `security.inter.broker.protocol` (both set is a startup error). */
function interBrokerFix(doc: KafkaDocument, current: string): FixIntent {
  const target = tlsListenerFor(doc, current);
  const name = target?.name ?? '<TLS_LISTENER>';
  const changes: Change[] = [];
  const ibl = doc.settings.get('inter.broker.listener.name');
  const ibp = doc.settings.get('security.inter.broker.protocol');
  if (ibl) {
    changes.push({ op: 'set', key: ibl.key, value: name });
  } else {
    const after = ['listeners', 'advertised.listeners', 'listener.security.protocol.map'].find((k) => doc.settings.has(k));
    changes.push(after ? { op: 'set', key: 'inter.broker.listener.name', value: name, after } : { op: 'set', key: 'inter.broker.listener.name', value: name });
  }
  if (ibp) changes.push({ op: 'remove', key: ibp.key });
  return {
    title: target
      ? `Send inter-broker traffic over listener ${name} (${target.protocol}); every broker needs a truststore, and a keystore if client authentication is required`
      : 'Point inter.broker.listener.name at a TLS listener (replace the placeholder with one declared in listeners)',
    safety: 'suggestion',
    changes,
  };
}

function describe(protocol: string): string {
  return protocol === 'SASL_PLAINTEXT'
    ? 'SASL_PLAINTEXT: brokers authenticate, but replicated records and the SASL exchange are not encrypted'
    : 'PLAINTEXT: replicated records travel between brokers unencrypted and unauthenticated';
}

function checkInterBroker(doc: KafkaDocument, ctx: RuleContext): void {
  const table = listenerTable(doc);
  const single = isSingleNodeCluster(doc);
  // Inter-broker listener (ReplicationConfigs, KafkaConfig.getInterBrokerListenerNameAndSecurityProtocol).
  const ibl = doc.settings.get('inter.broker.listener.name');
  const ibp = doc.settings.get('security.inter.broker.protocol');
  const chosen: Setting | undefined = ibl ?? ibp;
  if (chosen && !readable(chosen)) return;
  if (ibl && ibp) return; // both set: the broker refuses to start, nothing to judge
  const name = table.interBrokerName;
  const listener = table.listeners.find((l) => l.name === name && l.bound);
  // Without `listeners` and without an explicit choice, implicit-plaintext-listener reports the default listener.
  if (!chosen && (!listener || listener.fromDefault)) return;
  const protocol = listener?.protocol ?? protocolOfName(doc, name);
  if (protocol !== 'PLAINTEXT' && protocol !== 'SASL_PLAINTEXT') return;
  const loopback = listener !== undefined && !listener.fromDefault && listener.exposure === 'loopback';
  ctx.report({
    span: chosen ? (chosen.valueSpan.start === chosen.valueSpan.end ? chosen.entrySpan : chosen.valueSpan) : listenerSpan(doc, listener!),
    severity: single || loopback ? 'info' : undefined,
    message:
      (chosen
        ? `${chosen.key} selects listener ${name}, which uses ${describe(protocol)}.`
        : `Neither inter.broker.listener.name nor security.inter.broker.protocol is set, so brokers use the default listener PLAINTEXT, which uses ${describe(protocol)}.`) +
      (single ? ' This file describes a one-node cluster, so no other broker uses the link today.' : ''),
    fix: interBrokerFix(doc, protocol),
  });
}

/** ZooKeeper mode: the controller's dedicated control-plane listener (control.plane.listener.name, KIP-291). */
function checkControlPlane(doc: KafkaDocument, ctx: RuleContext): void {
  if (doc.mode !== 'zk' && doc.mode !== 'unknown') return;
  const cp = readable(doc.settings.get('control.plane.listener.name'));
  const cpName = cp?.value.trim().toUpperCase();
  if (!cp || !cpName || cpName === 'NULL') return;
  const cl = listenerTable(doc).listeners.find((l) => l.name === cpName && l.bound);
  if (!cl || (cl.protocol !== 'PLAINTEXT' && cl.protocol !== 'SASL_PLAINTEXT')) return;
  const fixes: FixIntent[] = [];
  for (const p of ['SSL', 'SASL_SSL'] as const) {
    const changes = moveListenerTo(doc, cl, p);
    if (changes) fixes.push({ title: `Switch control-plane listener ${cl.name} to ${p} (then give every broker the TLS material for it)`, safety: 'suggestion', changes });
  }
  const [fix, ...suggestions] = fixes;
  ctx.report({
    span: cp.valueSpan,
    severity: cl.exposure === 'loopback' ? 'info' : undefined,
    message: `control.plane.listener.name selects listener ${cl.name}, which uses ${cl.protocol}: the controller's requests to brokers are not encrypted.`,
    ...(fix ? { fix } : {}),
    suggestions,
  });
}

const rule: Rule = {
  meta: {
    id: 'plaintext-inter-broker',
    checklist: 'TR',
    severity: 'warning',
    title: 'Brokers replicate to each other over PLAINTEXT or SASL_PLAINTEXT',
    formats: ['properties', 'compose', 'helm-bitnami', 'helm-confluent'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (!isBrokerLike(doc) || doc.role === 'controller' || !listenersEvaluable(doc)) return;
    checkInterBroker(doc, ctx);
    checkControlPlane(doc, ctx);
  },
};

export default rule;
