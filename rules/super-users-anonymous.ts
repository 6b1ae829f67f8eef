import { isKnown } from '../server/src/model/values';
import { isBrokerLike } from '../server/src/model/document';
import { listItems } from '../server/src/model/listeners';
import { exactValueSubSpan } from '../server/src/model/literal-secrets';
import type { Change } from '../server/src/model/types';
import type { FixIntent, Rule } from '../server/src/engine/types';

/** KafkaPrincipal.ANONYMOUS; super.users entries are split on ';' and trimmed (StandardAuthorizer.getConfiguredSuperUsers, AclAuthorizer). */
const ANONYMOUS = 'User:ANONYMOUS';

const rule: Rule = {
  meta: {
    id: 'super-users-anonymous',
    checklist: 'ACL',
    severity: 'error',
    title: 'super.users grants superuser rights to unauthenticated connections (User:ANONYMOUS)',
    formats: ['properties', 'compose', 'strimzi', 'helm-bitnami', 'helm-confluent'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (!isBrokerLike(doc)) return;
    const setting = doc.settings.get('super.users');
    if (!setting || !isKnown(setting)) return;
    const items = listItems(setting.value, ';');
    const others = items.filter((i) => i.text !== ANONYMOUS);
    items.forEach((item, index) => {
      if (item.text !== ANONYMOUS) return;
      let removal: Change;
      if (others.length === 0) {
        removal = { op: 'remove', key: setting.key };
      } else {
        // Take the entry out with one neighbouring ';' so the list stays well formed.
        const next = items[index + 1];
        const from = next ? item.from : items[index - 1]!.to;
        const to = next ? next.from : item.to;
        removal = { op: 'replace-in-value', key: setting.key, from, to, text: '' };
      }
      const fix: FixIntent = {
        title: 'Remove User:ANONYMOUS from super.users (authenticate broker and controller listeners first, or inter-node traffic that runs as ANONYMOUS is denied)',
        safety: 'suggestion',
        changes: [removal],
      };
      const replace: FixIntent = {
        title: 'Replace User:ANONYMOUS with the authenticated broker principal',
        safety: 'suggestion',
        changes: [{ op: 'replace-in-value', key: setting.key, from: item.from, to: item.to, text: 'User:<BROKER_PRINCIPAL>' }],
      };
      ctx.report({
        span: exactValueSubSpan(doc, setting, item.from, item.to),
        message:
          'super.users lists User:ANONYMOUS, the principal of PLAINTEXT connections and of SSL connections without a client certificate, so unauthenticated peers bypass every ACL.',
        fix,
        suggestions: [replace],
      });
    });
  },
};

export default rule;
