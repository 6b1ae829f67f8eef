import { isClientLike } from '../server/src/model/document';
import {
  asProtocol,
  clientScopes,
  describeScopes,
  readable,
  scopeAnchor,
  scopeIsLoopbackOnly,
  scopeSetting,
  type ClientScope,
} from '../server/src/model/tr-transit-kit';
import type { Change, KafkaDocument, Setting } from '../server/src/model/types';
import type { FixIntent, Rule } from '../server/src/engine/types';

/** Mechanisms that put a reusable secret on the wire: a password (PLAIN) or a bearer token (OAUTHBEARER). */
const CLEAR_SECRET = new Set(['PLAIN', 'OAUTHBEARER']);

interface Group {
  /** The setting the clients take security.protocol from; absent when they fall back to the default. */
  source?: Setting;
  scopes: ClientScope[];
  protocol: 'PLAINTEXT' | 'SASL_PLAINTEXT';
}

/** SASL mechanism a scope uses (Java `sasl.mechanism`, librdkafka `sasl.mechanisms` or its alias), default GSSAPI. */
function mechanismOf(doc: KafkaDocument, scope: ClientScope): string {
  const s = scope.librdkafka ? scopeSetting(doc, scope, 'sasl.mechanisms', 'sasl.mechanism') : scopeSetting(doc, scope, 'sasl.mechanism');
  return (s?.value.trim() || 'GSSAPI').toUpperCase();
}

function spell(protocol: string, librdkafka: boolean): string {
  return librdkafka ? protocol.toLowerCase() : protocol;
}

function fixes(targets: string[][], build: (protocol: string) => Change[], librdkafka: boolean, note: string): FixIntent[] {
  return targets.map((choice) => ({
    title: `Set ${choice[0]} to ${spell(choice[1]!, librdkafka)} (${note})`,
    safety: 'suggestion' as const,
    changes: build(spell(choice[1]!, librdkafka)),
  }));
}

const rule: Rule = {
  meta: {
    id: 'client-insecure-security-protocol',
    checklist: 'TR',
    severity: 'warning',
    title: 'A client connects with PLAINTEXT or SASL_PLAINTEXT (security.protocol absent or insecure)',
    formats: ['client-properties', 'librdkafka', 'spring', 'compose', 'strimzi'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (!isClientLike(doc)) return;
    const all = clientScopes(doc);
    const groups = new Map<string, Group>();
    for (const scope of all) {
      if (scopeIsLoopbackOnly(doc, scope)) continue;
      const source = scopeSetting(doc, scope, 'security.protocol');
      if (source && !readable(source)) continue;
      // Absent means PLAINTEXT for Java clients (CommonClientConfigs) and librdkafka (CONFIGURATION.md).
      const protocol = source ? asProtocol(source.value) : 'PLAINTEXT';
      if (protocol !== 'PLAINTEXT' && protocol !== 'SASL_PLAINTEXT') continue;
      const id = source ? `set:${source.key}` : `absent:${scopeAnchor(doc, scope).span.start}`;
      const g = groups.get(id) ?? (source ? { source, scopes: [], protocol } : { scopes: [], protocol });
      g.scopes.push(scope);
      groups.set(id, g);
    }

    const librdkafka = doc.format === 'librdkafka';
    const top = readable(doc.settings.get('security.protocol'));
    const topProtocol = asProtocol(top?.value);
    for (const g of groups.values()) {
      const who = describeScopes(g.scopes, all);
      const plural = all.length > 1;
      const clearMechs = [...new Set(g.scopes.map((s) => mechanismOf(doc, s)))].filter((m) => g.protocol === 'SASL_PLAINTEXT' && CLEAR_SECRET.has(m));
      const severity = clearMechs.length > 0 ? ('error' as const) : undefined;
      const consequence =
        g.protocol === 'SASL_PLAINTEXT'
          ? clearMechs.length > 0
            ? `${clearMechs.join(' and ')} credentials and every record cross the network unencrypted, where anyone on the path can read and replay them`
            : 'the client authenticates, but every record crosses the network unencrypted'
          : 'nothing is encrypted and the brokers cannot tell who is connecting';

      if (g.source) {
        const src = g.source;
        const targets = g.protocol === 'SASL_PLAINTEXT' ? [[src.key, 'SASL_SSL']] : [[src.key, 'SASL_SSL'], [src.key, 'SSL']];
        const [fix, ...suggestions] = fixes(
          targets,
          (p) => [{ op: 'set', key: src.key, value: p }],
          librdkafka,
          'the brokers must offer that protocol on the bootstrap port, and a truststore for their CA is needed',
        );
        ctx.report({
          span: src.valueSpan,
          severity,
          message: `${src.key} is ${src.value.trim()}${plural ? ` for ${who}` : ''}: ${consequence}.`,
          ...(fix ? { fix } : {}),
          suggestions,
        });
        continue;
      }

      // Missing keys: one entry per prefix the clients read from (Connect task clients do not inherit the top level).
      const keys = [...new Set(g.scopes.map((s) => `${s.fixPrefix}security.protocol`))];
      const anchor = scopeAnchor(doc, g.scopes[0]!);
      const inherited = doc.role === 'connect' && topProtocol && topProtocol !== 'PLAINTEXT' && topProtocol !== 'SASL_PLAINTEXT' ? topProtocol : undefined;
      const targets = inherited ? [['', inherited]] : [['', 'SASL_SSL'], ['', 'SSL']];
      const build = (p: string): Change[] => keys.map((key) => (anchor.key ? { op: 'set', key, value: p, after: anchor.key } : { op: 'set', key, value: p }));
      const [fix, ...suggestions] = fixes(
        targets.map(([, p]) => [keys.join(', '), p!]),
        build,
        librdkafka,
        inherited ? 'then copy the worker\'s SASL and TLS client settings under the same prefixes' : 'the brokers must offer that protocol, and a truststore for their CA is needed',
      );
      const names = keys.length === 1 ? `${keys[0]} is` : `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]} are`;
      const connectNote =
        doc.role === 'connect' && keys.some((k) => k !== 'security.protocol') ? ' Connector producers and consumers do not inherit the worker\'s security settings.' : '';
      ctx.report({
        span: anchor.span,
        message: `${names} not set, so the default PLAINTEXT applies to ${who}: ${consequence}.${connectNote}`,
        ...(fix ? { fix } : {}),
        suggestions,
      });
    }
  },
};

export default rule;
