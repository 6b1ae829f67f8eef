import {
  fileProviderPlan,
  isPlaceholderSecret,
  isReportableSecretBase,
  resolvesConfigProviders,
  secretBaseOf,
  secretReference,
  springEnvName,
  springPlaceholder,
} from '../server/src/model/literal-secrets';
import type { Change, KafkaDocument, Setting } from '../server/src/model/types';
import type { FixIntent, Rule } from '../server/src/engine/types';

/** JAAS values are reported option by option by sasl-jaas-inline-credentials. */
const LEFT_TO_JAAS_RULE = 'sasl.jaas.config';
/** PEM private keys are reported by inline-pem-private-key. */
const PEM_KEYS = new Set(['ssl.keystore.key', 'ssl.key.pem']);
/** ZooKeeper store passwords that have a `…passwordPath` twin (ZooKeeper 3.8+, X509Util). */
const ZK_PASSWORD = /(^|\.)(keyStore|trustStore)\.password$/;

function where(doc: KafkaDocument): string {
  switch (doc.format) {
    case 'librdkafka':
      return 'librdkafka has no config providers, so have the application read it from the environment or a secret store and pass it in at start-up';
    case 'zookeeper':
      return 'keep it in a file readable only by ZooKeeper and point the matching passwordPath key at it (ZooKeeper 3.8+)';
    case 'spring':
      return 'keep it in the environment or a secret store and reference it with a Spring placeholder';
    default:
      return 'keep it in a secrets file or store and reference it through a config provider';
  }
}

/** The key of the entry written just before `offset`, to insert a replacement line in the same place. */
function precedingKey(doc: KafkaDocument, offset: number, except: string): string | undefined {
  return [...doc.settings.values()]
    .filter((o) => o.entrySpan.end <= offset && o.key !== except)
    .sort((a, b) => b.entrySpan.end - a.entrySpan.end)[0]?.key;
}

/**
 * The fix for the definition that wins. Earlier definitions get none: a canonical change can only
 * address the last definition of a key (or all of them), so those lines are deleted by hand.
 */
function fixFor(doc: KafkaDocument, winner: Setting): FixIntent | undefined {
  const first = winner.shadowed[0] ?? winner;
  if (doc.format === 'spring') {
    const env = springEnvName(winner.key);
    return {
      title: `Read ${winner.key} from the environment variable ${env} through a Spring placeholder (set the variable where the application runs first)`,
      safety: 'suggestion',
      changes: [{ op: 'set', key: winner.key, value: springPlaceholder(env) }],
    };
  }
  if (resolvesConfigProviders(doc)) {
    const plan = fileProviderPlan(doc);
    if (!plan) return undefined;
    return {
      title: `Read ${winner.key} from a secrets file through the ${plan.alias} config provider (create the file with this key first)`,
      safety: 'suggestion',
      changes: [{ op: 'set', key: winner.key, value: secretReference(plan.alias, winner.key) }, ...plan.changes],
    };
  }
  if (doc.format === 'zookeeper' && ZK_PASSWORD.test(winner.key)) {
    const pathKey = `${winner.key}Path`;
    const hasPath = (doc.settings.get(pathKey)?.value.trim() ?? '') !== '';
    const changes: Change[] = [{ op: 'remove', key: winner.key }];
    if (!hasPath) {
      const after = precedingKey(doc, first.keySpan.start, winner.key);
      changes.push({ op: 'set', key: pathKey, value: '<PATH_TO_PASSWORD_FILE>', ...(after ? { after } : {}) });
    }
    return {
      title: hasPath
        ? `Remove ${winner.key}: ${pathKey} is set and takes precedence`
        : `Replace ${winner.key} with ${pathKey} pointing at a password file (ZooKeeper 3.8+)`,
      safety: 'suggestion',
      changes,
    };
  }
  return undefined;
}

const rule: Rule = {
  meta: {
    id: 'inline-secret',
    checklist: 'ROT',
    severity: 'warning',
    title: 'A password or key is written in clear text in the configuration',
    formats: ['properties', 'client-properties', 'librdkafka', 'zookeeper', 'spring', 'compose', 'strimzi', 'helm-bitnami', 'helm-confluent'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    const settings = [...doc.settings.values()].sort((a, b) => a.keySpan.start - b.keySpan.start);
    for (const winner of settings) {
      const base = secretBaseOf(winner.key);
      if (!base || !isReportableSecretBase(base) || base === LEFT_TO_JAAS_RULE) continue;
      for (const s of [...winner.shadowed, winner]) {
        if (s.state !== 'literal' || s.value.trim() === '' || isPlaceholderSecret(s.value)) continue;
        if (PEM_KEYS.has(base) && s.value.includes('-----BEGIN')) continue;
        const shadowed = s !== winner;
        const overridden = shadowed ? ' This earlier definition is overridden further down, but the value is still in the file.' : '';
        const pathSetting = doc.format === 'zookeeper' && ZK_PASSWORD.test(s.key) ? doc.settings.get(`${s.key}Path`) : undefined;
        // X509Util.getPasswordFromConfigPropertyOrFile: a non-empty passwordPath wins over the password.
        const advice = pathSetting && pathSetting.value.trim() !== ''
          ? `ZooKeeper reads ${pathSetting.key} instead, so this line only exposes the password`
          : where(doc);
        const fix = shadowed ? undefined : fixFor(doc, winner);
        ctx.report({
          span: s.valueSpan,
          message: `${s.key} is written in clear text; ${advice}.${overridden}`,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
};

export default rule;
