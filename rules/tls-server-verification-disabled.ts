import { settingsWithBase } from '../server/src/model/anchors';
import { isBrokerLike, isClientLike } from '../server/src/model/document';
import { listenerTable } from '../server/src/model/listeners';
import { asProtocol, clientScopes, describeScopes, isSingleNodeCluster, listenersEvaluable, protocolOfName, readable, scopeSetting, type ClientScope } from '../server/src/model/tr-transit-kit';
import type { Span } from '../server/src/parse/text';
import type { KafkaDocument, Setting } from '../server/src/model/types';
import { isTrue } from '../server/src/model/values';
import type { FixIntent, Report, Rule, RuleContext, Severity } from '../server/src/engine/types';

const ALGORITHM = 'ssl.endpoint.identification.algorithm';
const ZK_ALGORITHM = 'zookeeper.ssl.endpoint.identification.algorithm';

/** A blank value has nothing to underline: point at the whole entry. */
function spanOf(s: Setting): Span {
  return s.value.trim() === '' ? s.entrySpan : s.valueSpan;
}

function setTo(s: Setting, value: string, title: string): FixIntent {
  return { title, safety: 'suggestion', changes: [{ op: 'set', key: s.key, value }] };
}

const SAN_NOTE = 'each certificate must list the host name it is reached by in its subject alternative names, or those connections fail';

function report(ctx: RuleContext, s: Setting, message: string, severity: Severity | undefined, fix: FixIntent, suggestions: FixIntent[] = []): void {
  const r: Report = { span: spanOf(s), message, fix, suggestions };
  if (severity) r.severity = severity;
  ctx.report(r);
}

/** Java keys (`ssl.endpoint.identification.algorithm` under any prefix): blank turns hostname verification off (SslConfigs, ≥2.0 default https). */
function javaBlankAlgorithms(doc: KafkaDocument): Setting[] {
  return settingsWithBase(doc, ALGORITHM).filter((s) => s.key !== ZK_ALGORITHM && !s.key.endsWith('.' + ZK_ALGORITHM) && readable(s) && s.value.trim() === '');
}

function javaFixes(s: Setting, removable: boolean): { fix: FixIntent; suggestions: FixIntent[] } {
  const fix = setTo(s, 'https', `Set ${s.key}=https (${SAN_NOTE})`);
  const suggestions: FixIntent[] = removable ? [{ title: `Remove ${s.key} to use Kafka's default, https (${SAN_NOTE})`, safety: 'suggestion', changes: [{ op: 'remove', key: s.key }] }] : [];
  return { fix, suggestions };
}

function checkBroker(doc: KafkaDocument, ctx: RuleContext): void {
  const table = listenerTable(doc);
  const single = isSingleNodeCluster(doc);
  const tls = (p: string | undefined) => p === 'SSL' || p === 'SASL_SSL';
  // On a broker the key only matters for the connections it opens: to other brokers (inter-broker and
  // control-plane listeners) and to controllers. Server-side engines never check client hostnames.
  const outbound = table.listeners.filter((l) => l.roles.has('inter-broker') || l.roles.has('controller') || l.roles.has('control-plane'));
  const interBrokerTls = doc.role !== 'controller' && tls(protocolOfName(doc, table.interBrokerName));
  // Unknown listener layout (templates): assume the key is in use.
  const anyOutboundTls = !listenersEvaluable(doc) || interBrokerTls || outbound.some((l) => tls(l.protocol));
  const removable = (doc.version?.major ?? 99) >= 2;

  for (const s of javaBlankAlgorithms(doc)) {
    const m = /^listener\.name\.([^.]+)\./.exec(s.key);
    let used = true;
    let scope: string;
    if (m) {
      const l = table.listeners.find((x) => x.name === m[1]!.toUpperCase());
      used = !!l && outbound.includes(l) && tls(l.protocol);
      scope = used
        ? `the broker does not check the hostnames in certificates presented on its outbound ${l!.name} connections`
        : `listener ${m[1]!.toUpperCase()} carries no outbound TLS connection from this broker, so the setting has no effect today, but it disables hostname checks as soon as it does`;
    } else if (s.key === ALGORITHM) {
      used = anyOutboundTls;
      scope = used
        ? 'the broker does not check the hostnames in certificates presented by the brokers and controllers it connects to'
        : 'no outbound TLS connection of this broker uses it today, but it disables hostname checks as soon as one does';
    } else {
      scope = 'the client this prefix configures accepts any trusted certificate whatever host it was issued for';
    }
    const brokerLink = m !== null || s.key === ALGORITHM;
    if (brokerLink && used && single) scope += ' (this file describes a one-node cluster, so no other node uses these connections yet)';
    const severity: Severity | undefined = brokerLink && (!used || single) ? 'info' : undefined;
    const { fix, suggestions } = javaFixes(s, removable && s.key === ALGORITHM);
    report(ctx, s, `${s.key} is empty, which turns hostname verification off: ${scope}.`, severity, fix, suggestions);
  }

  // ZooKeeper client TLS: anything but HTTPS maps to zookeeper.ssl.hostnameVerification=false (KafkaConfig.setZooKeeperClientProperty).
  if (doc.mode === 'kraft') return;
  const zk = readable(doc.settings.get(ZK_ALGORITHM));
  if (!zk || zk.value.trim().toUpperCase() === 'HTTPS') return;
  const zkTls = isTrue(doc.settings.get('zookeeper.ssl.client.enable')?.value);
  report(
    ctx,
    zk,
    `${ZK_ALGORITHM} is not HTTPS, so the broker does not check that ZooKeeper's certificate matches the ZooKeeper host` +
      (zkTls ? '.' : ' (zookeeper.ssl.client.enable is not true, so it takes effect only once TLS to ZooKeeper is turned on).'),
    zkTls ? undefined : 'info',
    setTo(zk, 'HTTPS', `Set ${ZK_ALGORITHM}=HTTPS (${SAN_NOTE})`),
    [{ title: `Remove ${ZK_ALGORITHM} to use the default, HTTPS`, safety: 'suggestion', changes: [{ op: 'remove', key: zk.key }] }],
  );
}

function checkJavaClient(doc: KafkaDocument, ctx: RuleContext): void {
  const removableVersion = (doc.version?.major ?? 99) >= 2;
  for (const s of javaBlankAlgorithms(doc)) {
    const { fix, suggestions } = javaFixes(s, removableVersion && s.key === ALGORITHM);
    report(ctx, s, `${s.key} is empty, which turns hostname verification off: the client accepts any certificate from a trusted CA whatever host it was issued for, so anyone holding one can pose as the brokers.`, undefined, fix, suggestions);
  }
  // Before Kafka 2.0 the Java default was no verification at all (SslConfigs @1.1: no default).
  if (!doc.version || doc.version.major >= 2) return;
  const all = clientScopes(doc);
  const groups = new Map<Setting, ClientScope[]>();
  for (const scope of all) {
    const proto = scopeSetting(doc, scope, 'security.protocol');
    if (!readable(proto)) continue;
    const p = asProtocol(proto!.value);
    if (p !== 'SSL' && p !== 'SASL_SSL') continue;
    if (scopeSetting(doc, scope, ALGORITHM)) continue;
    groups.set(proto!, [...(groups.get(proto!) ?? []), scope]);
  }
  for (const [proto, scopes] of groups) {
    const keys = [...new Set(scopes.map((s) => s.fixPrefix + ALGORITHM))];
    ctx.report({
      span: proto.valueSpan,
      severity: 'warning',
      message: `${keys.join(', ')} ${keys.length === 1 ? 'is' : 'are'} not set, and before Kafka 2.0 that means no hostname verification: ${describeScopes(scopes, all)} accept${all.length > 1 ? '' : 's'} any trusted certificate whatever host it was issued for.`,
      fix: {
        title: `Set ${keys.join(', ')}=https (${SAN_NOTE})`,
        safety: 'suggestion',
        changes: keys.map((key) => ({ op: 'set' as const, key, value: 'https', after: proto.key })),
      },
    });
  }
}

function checkLibrdkafka(doc: KafkaDocument, ctx: RuleContext): void {
  // librdkafka compares enum values case-insensitively; booleans accept true/t/1 and false/f/0 (rdkafka_conf.c).
  const alg = readable(doc.settings.get(ALGORITHM));
  if (alg && alg.value.trim().toLowerCase() === 'none') {
    report(ctx, alg, `${ALGORITHM} is none: the client does not check that the broker certificate was issued for the broker's hostname.`, undefined, setTo(alg, 'https', `Set ${ALGORITHM}=https (${SAN_NOTE})`));
  }
  const verify = readable(doc.settings.get('enable.ssl.certificate.verification'));
  if (verify && /^(false|f|0)$/i.test(verify.value.trim())) {
    report(
      ctx,
      verify,
      'enable.ssl.certificate.verification is false: the client accepts any broker certificate, including self-signed, expired or forged ones.',
      undefined,
      setTo(verify, 'true', 'Set enable.ssl.certificate.verification=true (the client needs ssl.ca.location or the system CA store to trust the brokers)'),
    );
  }
}

function checkZooKeeper(doc: KafkaDocument, ctx: RuleContext): void {
  // ZKConfig.getBoolean: anything but "true" (trimmed, any case) is false; the default is true (zookeeperAdmin.md).
  for (const key of ['ssl.hostnameVerification', 'ssl.quorum.hostnameVerification']) {
    const s = readable(doc.settings.get(key));
    if (!s || s.value.trim().toLowerCase() === 'true') continue;
    const what = key.includes('quorum') ? 'ensemble members' : 'clients and servers';
    report(
      ctx,
      s,
      `${key} is ${s.value.trim() === '' ? 'empty' : 'not true'}, so ZooKeeper does not check that certificates presented by ${what} match their hostnames.`,
      undefined,
      setTo(s, 'true', `Set ${key}=true (${SAN_NOTE})`),
      [{ title: `Remove ${key} to use ZooKeeper's default, true`, safety: 'suggestion', changes: [{ op: 'remove', key: s.key }] }],
    );
  }
}

const rule: Rule = {
  meta: {
    id: 'tls-server-verification-disabled',
    checklist: 'TR',
    severity: 'error',
    title: 'TLS hostname or certificate verification is turned off',
    formats: ['properties', 'client-properties', 'librdkafka', 'zookeeper', 'spring', 'compose', 'strimzi', 'helm-bitnami'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (doc.format === 'zookeeper') return checkZooKeeper(doc, ctx);
    if (doc.format === 'librdkafka') return checkLibrdkafka(doc, ctx);
    if (isBrokerLike(doc)) return checkBroker(doc, ctx);
    if (isClientLike(doc)) return checkJavaClient(doc, ctx);
  },
};

export default rule;
