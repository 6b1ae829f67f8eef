import { isBrokerLike } from '../server/src/model/document';
import { enabledMechanisms, listenerTable } from '../server/src/model/listeners';
import { listenerSpan, listenersEvaluable, moveListenerTo, quorumExposures, readable, tlsPlaceholders } from '../server/src/model/tr-transit-kit';
import type { Rule } from '../server/src/engine/types';

/** Mechanisms that put a reusable secret on the wire: a password (PLAIN) or a bearer token (OAUTHBEARER). */
const CLEAR_SECRET = new Set(['PLAIN', 'OAUTHBEARER']);

const rule: Rule = {
  meta: {
    id: 'sasl-plaintext-listener',
    checklist: 'TR',
    severity: 'warning',
    title: 'A listener authenticates with SASL but does not encrypt (SASL_PLAINTEXT)',
    formats: ['properties', 'compose', 'strimzi', 'helm-bitnami', 'helm-confluent'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (!isBrokerLike(doc) || !listenersEvaluable(doc)) return;
    const table = listenerTable(doc);
    const quorum = quorumExposures(doc);
    for (const l of table.listeners) {
      if (l.protocol !== 'SASL_PLAINTEXT') continue;
      let mechanisms: string[];
      if (l.bound) {
        if (l.exposure === 'loopback') continue;
        // Mechanisms accepted on L: listener.name.<l>.sasl.enabled.mechanisms › sasl.enabled.mechanisms › GSSAPI (BrokerSecurityConfigs).
        const enabled = doc.settings.get(`listener.name.${l.name.toLowerCase()}.sasl.enabled.mechanisms`) ?? doc.settings.get('sasl.enabled.mechanisms');
        if (enabled && !readable(enabled)) continue;
        mechanisms = enabledMechanisms(doc, l.name);
      } else {
        // Outbound controller link of a broker-only node: the mechanism it sends (KRaftConfigs, default GSSAPI).
        if (quorum.length > 0 && quorum.every((e) => e === 'loopback')) continue;
        const m = doc.settings.get('sasl.mechanism.controller.protocol');
        if (m && !readable(m)) continue;
        mechanisms = [(m?.value.trim() || 'GSSAPI').toUpperCase()];
      }
      const clear = mechanisms.filter((m) => CLEAR_SECRET.has(m));
      let changes = moveListenerTo(doc, l, 'SASL_SSL');
      // A broker that only connects to the controllers needs to trust their certificates, not a keystore.
      if (changes && !l.bound) {
        const lower = l.name.toLowerCase();
        changes = changes
          .filter((c) => !(c.op === 'set' && c.key.startsWith(`listener.name.${lower}.ssl.keystore.`)))
          .concat(tlsPlaceholders(doc, lower, 'listener.security.protocol.map', { keystore: false, truststore: true }));
      }
      const what = l.bound ? `Listener ${l.name}` : `This broker's link to the controllers (${l.name})`;
      ctx.report({
        span: listenerSpan(doc, l),
        severity: clear.length > 0 ? 'error' : undefined,
        message:
          clear.length > 0
            ? `${what} uses SASL_PLAINTEXT with ${clear.join(' and ')}: ${clear.includes('PLAIN') ? 'passwords' : 'bearer tokens'} and all records cross the network unencrypted, where anyone on the path can read and replay them.`
            : `${what} uses SASL_PLAINTEXT (${mechanisms.join(', ')}): clients authenticate, but records travel unencrypted.` +
              (mechanisms.some((m) => m.startsWith('SCRAM-'))
                ? ' SCRAM is meant to run inside TLS; a flaw in its nonce check (CVE-2024-56128) could only be exploited on connections without TLS.'
                : ''),
        ...(changes
          ? {
              fix: {
                title: `Switch ${l.name} to SASL_SSL (then provide a keystore on the brokers and a truststore to every client)`,
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
