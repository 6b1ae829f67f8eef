import { anchorFor, settingsWithBase } from '../server/src/model/anchors';
import { splitPrefix } from '../server/src/model/prefixes';
import type { KafkaDocument } from '../server/src/model/types';
import { isTrue, isKnown } from '../server/src/model/values';
import { connectsToZooKeeper } from '../server/src/model/zk-client-security';
import type { Rule } from '../server/src/engine/types';

/**
 * What makes open znodes an error: SCRAM verifiers live in /config/users and delegation-token
 * material in /delegation_token (ZkData.SensitiveRootPaths, Kafka 2.x–3.x).
 */
function sensitiveData(doc: KafkaDocument): 'scram' | 'delegation-token' | undefined {
  const scram = (v: string) => /SCRAM-SHA-(256|512)/i.test(v);
  if (settingsWithBase(doc, 'sasl.enabled.mechanisms').some((s) => scram(s.value))) return 'scram';
  if (scram(doc.settings.get('sasl.mechanism.inter.broker.protocol')?.value ?? '')) return 'scram';
  if ([...doc.settings.keys()].some((k) => splitPrefix(k).mechanism?.startsWith('scram-sha-'))) return 'scram';
  for (const key of ['delegation.token.secret.key', 'delegation.token.master.key']) {
    const s = doc.settings.get(key);
    if (s && (s.value.trim() !== '' || !isKnown(s))) return 'delegation-token';
  }
  return undefined;
}

const rule: Rule = {
  meta: {
    id: 'zookeeper-set-acl-disabled',
    checklist: 'ZK',
    severity: 'warning',
    title: 'The broker creates ZooKeeper znodes without ACLs',
    formats: ['properties', 'compose', 'helm-bitnami', 'helm-confluent'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (!connectsToZooKeeper(doc)) return;
    const setting = doc.settings.get('zookeeper.set.acl');
    if (setting && (!isKnown(setting) || isTrue(setting.value))) return;

    const data = sensitiveData(doc);
    const what =
      data === 'scram'
        ? 'including the SCRAM credentials under /config/users'
        : data === 'delegation-token'
          ? 'including the delegation-token data under /delegation_token'
          : 'including the Kafka ACLs under /kafka-acl and topic configuration';
    const state = setting ? 'zookeeper.set.acl is not true' : "zookeeper.set.acl is not set (Kafka's default is false)";
    ctx.report({
      span: setting ? (setting.value.trim() ? setting.valueSpan : setting.entrySpan) : anchorFor(doc, 'zookeeper.connect'),
      severity: data ? 'error' : undefined,
      message:
        `${state}, so the broker creates znodes that anyone who reaches ZooKeeper can read and change, ${what}. ` +
        'Turning it on needs a ZooKeeper identity for the broker (a JAAS Client section or a ZooKeeper TLS keystore), and existing znodes stay open until bin/zookeeper-security-migration.sh --zookeeper.acl=secure is run.',
      fix: {
        title: 'Set zookeeper.set.acl=true (give the broker a ZooKeeper identity first, then secure existing znodes with zookeeper-security-migration.sh)',
        safety: 'suggestion',
        changes: [{ op: 'set', key: 'zookeeper.set.acl', value: 'true', ...(setting ? {} : { after: 'zookeeper.connect' }) }],
      },
    });
  },
};

export default rule;
