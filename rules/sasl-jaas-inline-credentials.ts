import {
  exactValueSubSpan,
  fileProviderPlan,
  isPlaceholderSecret,
  jaasOptions,
  safeReferenceName,
  secretReference,
  springEnvName,
  springPlaceholder,
  type JaasOptionInfo,
} from '../server/src/model/literal-secrets';
import { valueState } from '../server/src/model/values';
import type { FixIntent, Rule } from '../server/src/engine/types';

/** JAAS options that carry a credential (RULES.md §E.1): PLAIN/SCRAM `password`, PLAIN's `user_<name>` user database, OAuth client secrets. */
function isCredentialOption(name: string): boolean {
  return name === 'password' || /^user_.+/.test(name) || name === 'clientSecret' || name === 'oauth.client.secret';
}

/** The key the credential gets in the secrets file: `<user>.password`, `<client id>.client.secret`, … */
function referenceKey(opt: JaasOptionInfo, siblings: JaasOptionInfo[]): string {
  const sibling = (name: string) => safeReferenceName(siblings.find((o) => o.name === name)?.value);
  if (opt.name.startsWith('user_')) {
    const user = safeReferenceName(opt.name.slice('user_'.length));
    return user ? `${user}.password` : 'password';
  }
  if (opt.name === 'password') {
    const user = sibling('username');
    return user ? `${user}.password` : 'password';
  }
  const client = sibling(opt.name === 'clientSecret' ? 'clientId' : 'oauth.client.id');
  return client ? `${client}.client.secret` : 'client.secret';
}

const rule: Rule = {
  meta: {
    id: 'sasl-jaas-inline-credentials',
    checklist: 'ROT',
    severity: 'warning',
    title: 'A JAAS configuration holds a password or client secret in clear text',
    formats: ['properties', 'client-properties', 'spring', 'compose', 'helm-bitnami', 'helm-confluent'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    const settings = [...doc.settings.values()].sort((a, b) => a.keySpan.start - b.keySpan.start);
    for (const winner of settings) {
      if (winner.key !== 'sasl.jaas.config' && !winner.key.endsWith('.sasl.jaas.config')) continue;
      for (const s of [...winner.shadowed, winner]) {
        const shadowed = s !== winner;
        const options = jaasOptions(s.value);
        for (const opt of options) {
          if (!isCredentialOption(opt.name)) continue;
          if (opt.value.trim() === '' || valueState(opt.value) !== 'literal' || isPlaceholderSecret(opt.value)) continue;
          // Spring resolves `${…}` itself, so a Spring file references an environment variable instead of a config provider.
          const spring = doc.format === 'spring';
          const plan = shadowed || spring ? undefined : fileProviderPlan(doc);
          const siblings = options.filter((o) => o.module === opt.module);
          const what = opt.name.startsWith('user_') ? "the password of a PLAIN user" : opt.name === 'password' ? 'a password' : 'an OAuth client secret';
          const overridden = shadowed ? ' This earlier definition is overridden further down, but the value is still in the file.' : '';
          let fix: FixIntent | undefined;
          if (spring && !shadowed) {
            const env = springEnvName(referenceKey(opt, siblings));
            const reference = springPlaceholder(env);
            fix = {
              title: `Read JAAS option ${opt.name} from the environment variable ${env} through a Spring placeholder (set the variable where the application runs first)`,
              safety: 'suggestion',
              changes: [{ op: 'replace-in-value', key: s.key, from: opt.from, to: opt.to, text: opt.quote ? reference : `"${reference}"` }],
            };
          } else if (plan) {
            const reference = secretReference(plan.alias, referenceKey(opt, siblings));
            fix = {
              title: `Read JAAS option ${opt.name} from a secrets file through the ${plan.alias} config provider (create the file with this key first)`,
              safety: 'suggestion',
              changes: [{ op: 'replace-in-value', key: s.key, from: opt.from, to: opt.to, text: opt.quote ? reference : `"${reference}"` }, ...plan.changes],
            };
          }
          ctx.report({
            span: exactValueSubSpan(doc, s, opt.from, opt.to),
            message: `JAAS option ${opt.name} in ${s.key} holds ${what} in clear text; reference it through ${spring ? 'a Spring placeholder' : 'a config provider'} so it can be rotated without editing this file.${overridden}`,
            ...(fix ? { fix } : {}),
          });
        }
      }
    }
  },
};

export default rule;
