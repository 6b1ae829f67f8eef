import { strimziListeners, type StrimziListenerFacts } from '../server/src/model/adapters/strimzi';
import { isBrokerLike } from '../server/src/model/document';
import { parseProtocolMap } from '../server/src/model/listeners';
import type { Change, KafkaDocument } from '../server/src/model/types';
import type { FixIntent, Rule } from '../server/src/engine/types';

/**
 * Changes that give a listener authentication, in Strimzi terms (the writer turns them into fields):
 * - `listener.name.<id>.ssl.client.auth=required` ⇒ `authentication: {type: tls}` (and `tls: true`:
 *   Strimzi rejects tls authentication on a listener without TLS, ListenersValidator [S37]);
 * - the listener's protocol map entry moved to SASL_SSL ⇒ `tls: true` + `authentication: {type: scram-sha-512}`.
 */
function candidates(doc: KafkaDocument, l: StrimziListenerFacts): FixIntent[] {
  const id = l.name.toLowerCase();
  const out: FixIntent[] = [];
  const tlsAuth: Change[] = [{ op: 'set', key: `listener.name.${id}.ssl.client.auth`, value: 'required' }];
  out.push({
    title: `Require client certificates on listener ${l.name} (authentication type tls${l.tls ? '' : ', which needs tls: true'}); give each client a KafkaUser with tls authentication first`,
    safety: 'suggestion',
    changes: tlsAuth,
  });
  const map = doc.settings.get('listener.security.protocol.map');
  const entry = map ? parseProtocolMap(map.value).find((e) => e.name === l.name) : undefined;
  if (map && entry) {
    for (const protocol of ['SASL_SSL', 'SASL_PLAINTEXT'] as const) {
      if (protocol === 'SASL_PLAINTEXT' && l.tls !== false) continue;
      out.push({
        title:
          protocol === 'SASL_SSL'
            ? `Authenticate listener ${l.name} with SCRAM-SHA-512 over TLS; give each client a KafkaUser with scram-sha-512 authentication first`
            : `Authenticate listener ${l.name} with SCRAM-SHA-512 (the listener stays unencrypted)`,
        safety: 'suggestion',
        changes: [{ op: 'replace-in-value', key: map.key, from: entry.protocolFrom, to: entry.to, text: protocol }],
      });
    }
  }
  // Keep only what the resource can express (e.g. the old `plain` listener can never use TLS).
  return out.filter((f) => {
    const edits = doc.writer.edits(f.changes);
    return !!edits && edits.length > 0;
  });
}

const rule: Rule = {
  meta: {
    id: 'strimzi-listener-unauthenticated',
    checklist: 'ACL',
    severity: 'warning',
    title: 'A Strimzi listener accepts clients without authentication',
    formats: ['strimzi'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (doc.format !== 'strimzi' || !isBrokerLike(doc)) return;
    for (const l of strimziListeners(doc)) {
      if (l.authentication !== undefined) continue;
      // External types reach outside the Kubernetes cluster; internal ones limited by networkPolicyPeers are a lesser risk [S38].
      const severity = l.external ? 'error' : l.networkPolicyPeers ? 'info' : 'warning';
      const where = l.external
        ? `, and its type ${l.type} exposes it outside the Kubernetes cluster`
        : l.networkPolicyPeers
          ? ' (networkPolicyPeers limits which pods can reach it)'
          : '';
      const [fix, ...suggestions] = candidates(doc, l);
      ctx.report({
        span: l.span,
        severity,
        message: `Listener ${l.name} has no authentication: every client that reaches port ${l.port ?? '?'} is accepted as User:ANONYMOUS${where}.`,
        ...(fix ? { fix } : {}),
        suggestions,
      });
    }
  },
};

export default rule;
