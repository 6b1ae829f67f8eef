import { anchorFor } from '../server/src/model/anchors';
import { isBrokerLike } from '../server/src/model/document';
import { effectiveSetting, listenerTable } from '../server/src/model/listeners';
import type { Change } from '../server/src/model/types';
import type { Rule } from '../server/src/engine/types';

export const STANDARD_AUTHORIZER = 'org.apache.kafka.metadata.authorizer.StandardAuthorizer';
export const ACL_AUTHORIZER = 'kafka.security.authorizer.AclAuthorizer';

const rule: Rule = {
  meta: {
    id: 'no-authorizer',
    checklist: 'ACL',
    severity: 'warning',
    title: 'No authorizer is configured, so every request is allowed',
    formats: ['properties', 'compose', 'strimzi', 'helm-bitnami', 'helm-confluent'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (!isBrokerLike(doc)) return;
    const found = doc.settings.get('authorizer.class.name');
    // A chart or operator default is not written in the file: report it like an absent key.
    const setting = found?.state === 'default' ? undefined : found;
    if (found?.state === 'default' && found.value.trim() !== '') return;
    if (setting && (setting.value.trim() !== '' || setting.state === 'externalized' || setting.state === 'unresolvable')) return;

    const table = listenerTable(doc);
    const authenticates = table.listeners.some(
      (l) =>
        l.protocol === 'SASL_SSL' ||
        l.protocol === 'SASL_PLAINTEXT' ||
        (l.protocol === 'SSL' && /^(required|requested)$/i.test(effectiveSetting(doc, 'ssl.client.auth', l.name)?.value.trim() ?? '')),
    );
    const exposedPlaintext = table.listeners.some((l) => l.protocol === 'PLAINTEXT' && (l.advertisedExposure ?? l.exposure) === 'public');
    const allLoopback = table.listeners.every((l) => !l.bound || l.exposure === 'loopback');
    const severity = authenticates || exposedPlaintext ? 'error' : allLoopback ? 'warning' : undefined;

    const zk = doc.mode === 'zk' || (doc.mode === 'unknown' && doc.settings.has('zookeeper.connect'));
    const className = zk ? ACL_AUTHORIZER : STANDARD_AUTHORIZER;
    const changes: Change[] = [{ op: 'set', key: 'authorizer.class.name', value: className, ...(setting ? {} : { after: firstKey(doc) }) }];
    if (!doc.settings.has('super.users')) {
      // Strimzi adds the operator's and brokers' own users to superUsers itself [S36]: only the admin is asked for.
      const superUsers = doc.format === 'strimzi' ? 'User:<ADMIN_PRINCIPAL>' : 'User:<ADMIN_PRINCIPAL>;User:<BROKER_PRINCIPAL>';
      changes.push({ op: 'set', key: 'super.users', value: superUsers, after: setting ? 'authorizer.class.name' : firstKey(doc) });
    }
    ctx.report({
      // A chart or operator default is anchored by its adapter on the most related node.
      span: setting ? setting.entrySpan : found ? found.entrySpan : anchorFor(doc, 'listeners', 'process.roles', 'broker.id', 'node.id', 'zookeeper.connect'),
      severity,
      message:
        doc.format === 'strimzi'
          ? 'spec.kafka.authorization is not set, so the operator configures no authorizer: the brokers allow every request from every client.'
          : setting
            ? 'authorizer.class.name is blank: the broker creates no authorizer and allows every request from every client.'
            : 'authorizer.class.name is not set (Kafka\'s default is none): the broker allows every request from every client.',
      fix: {
        title:
          doc.format === 'strimzi'
            ? 'Add spec.kafka.authorization of type simple with superUsers (existing clients are denied until ACLs grant them access)'
            : `Enable ${zk ? 'AclAuthorizer' : 'StandardAuthorizer'} with super.users (existing clients are denied until ACLs grant them access)`,
        safety: 'suggestion',
        changes,
      },
    });
  },
};

function firstKey(doc: Parameters<Rule['check']>[0]): string | undefined {
  for (const k of ['listeners', 'process.roles', 'broker.id', 'node.id']) if (doc.settings.has(k)) return k;
  return undefined;
}

export default rule;
