import { CP_OVERRIDES_FACT, type CpOverride } from '../server/src/model/adapters/helm';
import { decodeConfluent, encodeEnv } from '../server/src/model/images';
import type { Change } from '../server/src/model/types';
import type { Rule } from '../server/src/engine/types';

/**
 * cp-helm-charts (and helm/charts incubator/kafka) render each `configurationOverrides` entry as the
 * variable upper(`KAFKA_` + key with `.` → `_`) with no escaping [S35 statefulset.yaml]; the cp-kafka
 * image turns each single `_` back into `.`, `__` into `_`, `___` into `-` and lower-cases the rest
 * [S29 ub.go ConvertKey, S30 dub.py env_to_props]. A key whose decoded name differs never reaches the
 * broker under its own name.
 */
const rule: Rule = {
  meta: {
    id: 'cp-helm-override-key-mangled',
    checklist: 'TR',
    severity: 'warning',
    title: 'A cp-helm-charts configurationOverrides key reaches the broker under another name',
    formats: ['helm-confluent'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    const overrides = doc.facts.get(CP_OVERRIDES_FACT);
    if (!Array.isArray(overrides)) return;
    for (const o of overrides as CpOverride[]) {
      if (o.decoded === o.written) continue;
      if (o.decoded === undefined) {
        ctx.report({
          span: o.keySpan,
          message: `configurationOverrides key "${o.written}" becomes the variable ${o.envName}, which the cp-kafka image reserves for its own use and does not write to server.properties, so "${o.written}" is never set.`,
        });
        continue;
      }
      const target = o.written;
      const env = encodeEnv('cp-kafka', target);
      const decoder = o.goDecoder ? 'the image reads every single "_" between two other characters as "." (one-character segments are not decoded correctly by its 8.x helper)' : 'the image reads each single "_" as "." and lower-cases the name';
      const setting = doc.settings.get(o.decoded);
      // Move the value only when it is not a secret and this entry is the only definition of the decoded key.
      const movable = !!env && decodeConfluent(env, 'KAFKA_') === target && !o.secret && !!setting && setting.shadowed.length === 0 && setting.state === 'literal';
      const changes: Change[] = movable ? [{ op: 'remove', key: o.decoded }, { op: 'set', key: target, value: setting!.value }] : [];
      ctx.report({
        span: o.keySpan,
        message:
          `configurationOverrides key "${o.written}" reaches the broker as "${o.decoded}": the chart renders it as ${o.envName} with no escaping and ${decoder}, so "${o.written}" is never set.` +
          (env ? ` Set it in customEnv as ${env} instead.` : ' The cp-kafka image has no variable name for this key; set it another way (for example a mounted configuration file).'),
        ...(movable
          ? {
              fix: {
                title: `Move "${o.written}" to customEnv as ${env}`,
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
