import { settingsWithBase } from '../server/src/model/anchors';
import { isBrokerLike, isClientLike } from '../server/src/model/document';
import { effectiveSetting, listenerTable, listItems, valueSubSpan } from '../server/src/model/listeners';
import { asProtocol, clientScopes, describeScopes, listenersEvaluable, readable, scopeSetting, type ClientScope } from '../server/src/model/tr-transit-kit';
import type { KafkaDocument, Setting } from '../server/src/model/types';
import type { FixIntent, Rule, RuleContext, Severity } from '../server/src/engine/types';

/** Protocol versions with known weaknesses: SSL 2/3 are broken (E), TLS 1.0/1.1 are deprecated by RFC 8996 (W). */
const WEAK_VERSION: Record<string, Severity> = { SSLV2: 'error', SSLV3: 'error', TLSV1: 'warning', 'TLSV1.1': 'warning' };
/** `ssl.protocol` values that select an old SSLContext; "SSL" is the legacy generic name. */
const WEAK_CONTEXT: Record<string, Severity> = { ...WEAK_VERSION, SSL: 'warning' };

const JVM_NOTE = 'Recent JVMs may already refuse TLS 1.0 and 1.1 through jdk.tls.disabledAlgorithms, but the setting still asks for them.';

interface Pair {
  /** The key listing enabled versions, e.g. `listener.name.x.ssl.enabled.protocols` or ZooKeeper `ssl.quorum.enabledProtocols`. */
  enabled: string;
  /** The matching context protocol key. */
  protocol: string;
}

/** Kafka before 2.5 cannot negotiate TLSv1.3 (KIP-573 / KAFKA-7251), so fixes stay on TLSv1.2 there. */
function tls13Possible(doc: KafkaDocument, zookeeperKey: boolean): boolean {
  if (zookeeperKey || doc.format === 'zookeeper' || !doc.version) return true;
  return doc.version.major > 2 || (doc.version.major === 2 && doc.version.minor >= 5);
}

function enabledFixes(doc: KafkaDocument, s: Setting, zookeeperKey: boolean): FixIntent[] {
  const values = tls13Possible(doc, zookeeperKey) ? ['TLSv1.3,TLSv1.2', 'TLSv1.2'] : ['TLSv1.2'];
  return values.map((v, i) => ({
    title: `Set ${s.key}=${v}${i === 0 && values.length > 1 ? ' (use TLSv1.2 alone if the JVM may be Java 8)' : ''}; clients limited to older versions will be refused`,
    safety: 'suggestion',
    changes: [{ op: 'set', key: s.key, value: v }],
  }));
}

function protocolFixes(doc: KafkaDocument, s: Setting, zookeeperKey: boolean): FixIntent[] {
  const values = tls13Possible(doc, zookeeperKey) ? ['TLSv1.3', 'TLSv1.2'] : ['TLSv1.2'];
  return values.map((v, i) => ({
    title: `Set ${s.key}=${v}${i === 0 && values.length > 1 ? ' (use TLSv1.2 if the JVM may be Java 8)' : ''}`,
    safety: 'suggestion',
    changes: [{ op: 'set', key: s.key, value: v }],
  }));
}

/** Every (enabled list, context protocol) key pair written in the document. */
function pairs(doc: KafkaDocument): Pair[] {
  if (doc.format === 'zookeeper') {
    // zoo.cfg: ssl.* for client connections, ssl.quorum.* for the ensemble (zookeeperAdmin.md).
    return [
      { enabled: 'ssl.enabledProtocols', protocol: 'ssl.protocol' },
      { enabled: 'ssl.quorum.enabledProtocols', protocol: 'ssl.quorum.protocol' },
    ];
  }
  const prefixes = new Set<string>();
  for (const base of ['ssl.enabled.protocols', 'ssl.protocol']) {
    for (const s of settingsWithBase(doc, base)) prefixes.add(s.key.slice(0, s.key.length - base.length));
  }
  return [...prefixes].map((p) => ({ enabled: p + 'ssl.enabled.protocols', protocol: p + 'ssl.protocol' }));
}

/**
 * A top-level broker key that every TLS listener overrides with its own `listener.name.<l>.` key is
 * not in effect anywhere (AbstractConfig.valuesWithPrefixOverride).
 */
function overriddenEverywhere(doc: KafkaDocument, key: string): boolean {
  if (!isBrokerLike(doc) || key.includes('.ssl.') || key.startsWith('zookeeper.')) return false;
  const tls = listenerTable(doc).listeners.filter((l) => l.protocol === 'SSL' || l.protocol === 'SASL_SSL');
  return tls.length > 0 && tls.every((l) => doc.settings.has(`listener.name.${l.name.toLowerCase()}.${key}`));
}

function checkWritten(doc: KafkaDocument, ctx: RuleContext): void {
  for (const pair of pairs(doc)) {
    const zookeeperKey = pair.enabled.startsWith('zookeeper.');
    const enabled = readable(doc.settings.get(pair.enabled));
    if (enabled && !overriddenEverywhere(doc, enabled.key)) {
      const [fix, ...suggestions] = enabledFixes(doc, enabled, zookeeperKey);
      // ZooKeeper lists are comma-separated too (X509Util.getEnabledProtocols).
      for (const item of listItems(enabled.value)) {
        const severity = WEAK_VERSION[item.text.toUpperCase()];
        if (!severity) continue;
        ctx.report({
          span: valueSubSpan(doc, enabled, item.from, item.to),
          severity,
          message:
            `${enabled.key} enables ${item.text}, ` +
            (severity === 'error' ? 'an SSL version that is broken and must never be negotiated.' : `a TLS version deprecated because of known weaknesses (RFC 8996). ${JVM_NOTE}`),
          ...(fix ? { fix } : {}),
          suggestions,
        });
      }
    }
    const proto = readable(doc.settings.get(pair.protocol));
    if (!proto || overriddenEverywhere(doc, proto.key)) continue;
    const value = proto.value.trim();
    const severity = WEAK_CONTEXT[value.toUpperCase()];
    const [fix, ...suggestions] = protocolFixes(doc, proto, zookeeperKey);
    if (severity) {
      ctx.report({
        span: proto.valueSpan,
        severity,
        message:
          `${proto.key} is ${value}: ` +
          (severity === 'error'
            ? 'the TLS context is built for a broken SSL version.'
            : value.toUpperCase() === 'SSL'
              ? 'the TLS context is requested under its legacy generic name, which leaves the versions to the runtime; name a current TLS version instead.'
              : `the TLS context is built for a deprecated TLS version (RFC 8996). ${JVM_NOTE}`),
        ...(fix ? { fix } : {}),
        suggestions,
      });
    } else if (value.toUpperCase() === 'TLS' && !doc.settings.has(pair.enabled)) {
      ctx.report({
        span: proto.valueSpan,
        severity: 'info',
        message: `${proto.key} is the generic TLS and ${pair.enabled} is not set beside it, so the accepted versions are left to the runtime's defaults; naming TLSv1.3 or TLSv1.2 makes the floor explicit.`,
        ...(fix ? { fix } : {}),
        suggestions,
      });
    }
  }
}

/** Kafka before 2.5 defaults ssl.enabled.protocols to TLSv1.2,TLSv1.1,TLSv1 (SslConfigs @2.0–2.4). */
function checkVersionDefault(doc: KafkaDocument, ctx: RuleContext): void {
  const v = doc.version;
  if (!v || doc.format === 'zookeeper' || v.major > 2 || (v.major === 2 && v.minor >= 5)) return;
  const version = `Kafka ${v.major}.${v.minor}`;
  const fixFor = (key: string, after: string | undefined): FixIntent => ({
    title: `Set ${key}=TLSv1.2; clients limited to TLS 1.0 or 1.1 will be refused`,
    safety: 'suggestion',
    changes: [after ? { op: 'set', key, value: 'TLSv1.2', after } : { op: 'set', key, value: 'TLSv1.2' }],
  });
  if (isBrokerLike(doc)) {
    if (!listenersEvaluable(doc)) return;
    for (const l of listenerTable(doc).listeners) {
      if (!l.bound || (l.protocol !== 'SSL' && l.protocol !== 'SASL_SSL')) continue;
      if (effectiveSetting(doc, 'ssl.enabled.protocols', l.name)) continue;
      ctx.report({
        span: l.span,
        message: `ssl.enabled.protocols is not set, and on ${version} its default is TLSv1.2,TLSv1.1,TLSv1, so ${l.protocol} listener ${l.name} still accepts deprecated TLS versions. ${JVM_NOTE}`,
        fix: fixFor('ssl.enabled.protocols', doc.settings.has('listeners') ? 'listeners' : undefined),
      });
    }
    return;
  }
  if (!isClientLike(doc)) return;
  const all = clientScopes(doc);
  const groups = new Map<Setting, ClientScope[]>();
  for (const scope of all) {
    const proto = readable(scopeSetting(doc, scope, 'security.protocol'));
    const p = asProtocol(proto?.value);
    if (!proto || (p !== 'SSL' && p !== 'SASL_SSL')) continue;
    if (scopeSetting(doc, scope, 'ssl.enabled.protocols')) continue;
    groups.set(proto, [...(groups.get(proto) ?? []), scope]);
  }
  for (const [proto, scopes] of groups) {
    const keys = [...new Set(scopes.map((s) => s.fixPrefix + 'ssl.enabled.protocols'))];
    ctx.report({
      span: proto.valueSpan,
      message: `${keys.join(', ')} ${keys.length === 1 ? 'is' : 'are'} not set, and on ${version} the default is TLSv1.2,TLSv1.1,TLSv1, so ${describeScopes(scopes, all)} may negotiate deprecated TLS versions. ${JVM_NOTE}`,
      fix: { ...fixFor(keys[0]!, proto.key), changes: keys.map((key) => ({ op: 'set' as const, key, value: 'TLSv1.2', after: proto.key })) },
    });
  }
}

const rule: Rule = {
  meta: {
    id: 'weak-tls-protocol',
    checklist: 'TR',
    severity: 'warning',
    title: 'SSLv3, TLS 1.0 or TLS 1.1 is enabled',
    formats: ['properties', 'client-properties', 'zookeeper', 'spring', 'compose', 'strimzi', 'helm-bitnami'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (!isBrokerLike(doc) && !isClientLike(doc) && doc.format !== 'zookeeper') return;
    checkWritten(doc, ctx);
    checkVersionDefault(doc, ctx);
  },
};

export default rule;
