import { isBrokerLike } from '../server/src/model/document';
import { trimmedValueSpan } from '../server/src/model/literal-secrets';
import { isTrue, isKnown } from '../server/src/model/values';
import type { Rule } from '../server/src/engine/types';

/**
 * Authorizers known to read `allow.everyone.if.no.acl.found` (StandardAuthorizer.getDefaultResult,
 * AclAuthorizer and SimpleAclAuthorizer `allowEveryoneIfNoAclIsFound`). Other classes may ignore it.
 */
const HONOURING_AUTHORIZERS = new Set([
  'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
  'kafka.security.authorizer.AclAuthorizer',
  'kafka.security.auth.SimpleAclAuthorizer',
]);

const rule: Rule = {
  meta: {
    id: 'allow-everyone-if-no-acl',
    checklist: 'ACL',
    severity: 'error',
    title: 'Resources without ACLs are open to every principal',
    formats: ['properties', 'compose', 'strimzi', 'helm-bitnami', 'helm-confluent'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (!isBrokerLike(doc)) return;
    const allow = doc.settings.get('allow.everyone.if.no.acl.found');
    if (!allow || !isKnown(allow) || !isTrue(allow.value)) return;
    const authorizer = doc.settings.get('authorizer.class.name');
    // Without an authorizer the key does nothing (no-authorizer reports that); a template cannot be judged.
    if (!authorizer || !isKnown(authorizer) || authorizer.value.trim() === '') return;
    const className = authorizer.value.trim();
    const known = HONOURING_AUTHORIZERS.has(className);
    ctx.report({
      span: trimmedValueSpan(doc, allow),
      severity: known ? undefined : 'info',
      message: known
        ? 'allow.everyone.if.no.acl.found is enabled: any principal, anonymous ones included, may use every topic, group or other resource that has no ACL yet.'
        : `allow.everyone.if.no.acl.found is enabled; ${className} is not a built-in authorizer and may ignore it, but if it honours it, resources without ACLs are open to everyone.`,
      fix: {
        title: 'Set allow.everyone.if.no.acl.found=false (first grant ACLs to every client that relies on resources without ACLs)',
        safety: 'suggestion',
        changes: [{ op: 'set', key: allow.key, value: 'false' }],
      },
    });
  },
};

export default rule;
