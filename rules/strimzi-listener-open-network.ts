import { listenerFieldKey, strimziListeners } from '../server/src/model/adapters/strimzi';
import { isBrokerLike } from '../server/src/model/document';
import type { FixIntent, Rule } from '../server/src/engine/types';

/** A peer selecting the client pods by label (GenericKafkaListener.networkPolicyPeers) [S38]. */
const POD_PEERS = '[{podSelector: {matchLabels: {<LABEL>: <VALUE>}}}]';
/** A peer selecting client addresses, for listeners reached from outside the Kubernetes cluster. */
const CIDR_PEERS = '[{ipBlock: {cidr: <CLIENT_CIDR>}}]';

const rule: Rule = {
  meta: {
    id: 'strimzi-listener-open-network',
    checklist: 'ACL',
    severity: 'info',
    title: 'A Strimzi listener lets any network peer reach it (no networkPolicyPeers)',
    formats: ['strimzi'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (doc.format !== 'strimzi' || !isBrokerLike(doc)) return;
    for (const l of strimziListeners(doc)) {
      if (l.networkPolicyPeers) continue;
      const unauthenticated = l.authentication === undefined;
      const plaintext = l.tls === false;
      const weak = unauthenticated || plaintext;
      const also = unauthenticated && plaintext ? 'unauthenticated and unencrypted' : unauthenticated ? 'unauthenticated' : 'unencrypted';
      const key = listenerFieldKey(l.crName, 'networkPolicyPeers');
      const byPod: FixIntent = {
        title: `Allow only labelled client pods to reach listener ${l.name} (networkPolicyPeers; fill in the label)`,
        safety: 'suggestion',
        changes: [{ op: 'set', key, value: POD_PEERS }],
      };
      const byCidr: FixIntent = {
        title: `Allow only a client address range to reach listener ${l.name} (networkPolicyPeers ipBlock; fill in the range)`,
        safety: 'suggestion',
        changes: [{ op: 'set', key, value: CIDR_PEERS }],
      };
      ctx.report({
        span: l.span,
        severity: weak ? 'warning' : undefined,
        message:
          `Listener ${l.name} has no networkPolicyPeers, so the NetworkPolicy Strimzi creates lets any pod or address reach port ${l.port ?? '?'}` +
          (weak ? `; the listener is also ${also}.` : '.'),
        fix: l.external ? byCidr : byPod,
        suggestions: [l.external ? byPod : byCidr],
      });
    }
  },
};

export default rule;
