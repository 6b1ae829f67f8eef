import { isKnown } from '../server/src/model/values';
import { isBrokerLike, versionAtLeast } from '../server/src/model/document';
import { effectiveSetting, enabledMechanisms, listenerTable, type Listener } from '../server/src/model/listeners';
import { trimmedValueSpan } from '../server/src/model/literal-secrets';
import type { Change, KafkaDocument, Setting } from '../server/src/model/types';
import type { FixIntent, RelatedInfo, Rule, Severity } from '../server/src/engine/types';

const KEY = 'connections.max.reauth.ms';
/** One hour: long enough to keep re-authentication cheap, short enough to cut off revoked accounts. */
const INTERVAL = '3600000';

interface Gap {
  mechanism: string;
  /** The effective setting when it is written (≤ 0); undefined when absent (Kafka's default 0). */
  setting?: Setting;
  severity: Severity;
}

/** The written value as a number, undefined when it cannot be judged (template, reference, not a number). */
function reauthMs(s: Setting): number | undefined {
  if (!isKnown(s)) return undefined;
  const v = s.value.trim();
  return /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

interface IgnoredKey {
  setting: Setting;
  /** What the key was evidently meant to set: one mechanism on this listener, or the whole listener. */
  scope: 'mechanism' | 'listener';
}

/** Keys that look meant for this listener/mechanism but that the broker does not read. */
function ignoredKeys(doc: KafkaDocument, l: Listener, mechanism: string): IgnoredKey[] {
  const lower = l.name.toLowerCase();
  const m = mechanism.toLowerCase();
  const listenerKey = `listener.name.${lower}.${KEY}`;
  const mechanismKey = `listener.name.${lower}.${m}.${KEY}`;
  const out: IgnoredKey[] = [];
  for (const s of doc.settings.values()) {
    const k = s.key.toLowerCase();
    // A bare `<mech>.connections.max.reauth.ms`: the mechanism prefix only works after a listener prefix.
    if (k === `${m}.${KEY}`) out.push({ setting: s, scope: 'mechanism' });
    // A prefix written in another case: Kafka builds it from the lower-cased listener and mechanism names.
    else if (k === mechanismKey && s.key !== mechanismKey) out.push({ setting: s, scope: 'mechanism' });
    else if (k === listenerKey && s.key !== listenerKey) out.push({ setting: s, scope: 'listener' });
  }
  return out;
}

function insertAfter(doc: KafkaDocument, l: Listener): string | undefined {
  const lower = l.name.toLowerCase();
  for (const k of [`listener.name.${lower}.sasl.enabled.mechanisms`, 'sasl.enabled.mechanisms', 'listener.security.protocol.map', 'listeners']) {
    if (doc.settings.has(k)) return k;
  }
  return undefined;
}

const rule: Rule = {
  meta: {
    id: 'sasl-without-reauth',
    checklist: 'RA',
    severity: 'warning',
    title: 'A SASL listener never asks clients to re-authenticate',
    formats: ['properties', 'compose', 'strimzi', 'helm-bitnami', 'helm-confluent'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (!isBrokerLike(doc)) return;
    // KAFKA-13848: from 3.3 an OAUTHBEARER session ends when its token expires even with re-authentication off.
    const at33 = versionAtLeast(doc.version, 3, 3);
    const oauthCapped = at33 !== false;
    for (const l of listenerTable(doc).listeners) {
      if (!l.bound || (l.protocol !== 'SASL_SSL' && l.protocol !== 'SASL_PLAINTEXT')) continue;
      const gaps: Gap[] = [];
      for (const mechanism of enabledMechanisms(doc, l.name)) {
        const s = effectiveSetting(doc, KEY, l.name, mechanism);
        if (s) {
          const ms = reauthMs(s);
          if (ms === undefined || ms > 0) continue;
        }
        const severity: Severity = mechanism === 'OAUTHBEARER' && oauthCapped ? 'info' : 'warning';
        gaps.push({ mechanism, ...(s ? { setting: s } : {}), severity });
      }
      if (gaps.length === 0) continue;

      const lower = l.name.toLowerCase();
      const mechanisms = gaps.map((g) => g.mechanism).join(', ');
      const written = [...new Set(gaps.map((g) => g.setting).filter((s): s is Setting => !!s))];
      const allAbsent = written.length === 0;
      const oneSetting = written.length === 1 && gaps.every((g) => g.setting === written[0]) ? written[0] : undefined;
      const severity: Severity = gaps.some((g) => g.severity === 'warning') ? 'warning' : 'info';

      const reason = allAbsent
        ? `${KEY} is not set (Kafka's default 0 turns re-authentication off)`
        : oneSetting
          ? `${oneSetting.key} is ${oneSetting.value.trim()}, which turns re-authentication off`
          : `the effective ${KEY} is 0 or below`;
      let message = `Listener ${l.name} never asks ${mechanisms} clients to re-authenticate: ${reason}, so a revoked credential keeps working on connections that are already open.`;

      const related: RelatedInfo[] = [];
      const ignoredNames: string[] = [];
      const changes: Change[] = [];
      const setKeys = new Set<string>();
      const set = (key: string, value: string, after?: string) => {
        if (setKeys.has(key)) return;
        setKeys.add(key);
        changes.push({ op: 'set', key, value, ...(after ? { after } : {}) });
      };
      let needListenerLevel = false;
      let listenerLevelValue: string | undefined;
      for (const g of gaps) {
        const ignored = ignoredKeys(doc, l, g.mechanism);
        for (const { setting: s } of ignored) {
          if (ignoredNames.includes(s.key)) continue;
          ignoredNames.push(s.key);
          related.push({ span: s.entrySpan, message: `${s.key} is not read by the broker; use listener.name.${lower}.${g.mechanism.toLowerCase()}.${KEY} or listener.name.${lower}.${KEY}.` });
        }
        if (g.setting) {
          set(g.setting.key, INTERVAL);
          continue;
        }
        const positive = (i: IgnoredKey) => (reauthMs(i.setting) ?? 0) > 0;
        const meantForMechanism = ignored.find((i) => i.scope === 'mechanism' && positive(i));
        if (meantForMechanism) {
          set(`listener.name.${lower}.${g.mechanism.toLowerCase()}.${KEY}`, meantForMechanism.setting.value.trim(), meantForMechanism.setting.key);
          continue;
        }
        const meantForListener = ignored.find((i) => i.scope === 'listener' && positive(i));
        if (meantForListener) listenerLevelValue = meantForListener.setting.value.trim();
        needListenerLevel = true;
      }
      const notes: string[] = [];
      if (ignoredNames.length > 0) {
        notes.push(`${ignoredNames.join(' and ')} ${ignoredNames.length > 1 ? 'are' : 'is'} not read by the broker: a mechanism prefix only counts after listener.name.${lower}., and listener prefixes are lower case.`);
      }
      if (severity === 'info') {
        notes.push(`Kafka 3.3 and later still end an OAUTHBEARER session when its token expires${at33 === undefined ? ' (the Kafka version is unknown, so 3.3 or later is assumed)' : ''}.`);
      }
      if (notes.length > 0) message += ' ' + notes.join(' ');
      const after = insertAfter(doc, l);
      const suggestions: FixIntent[] = [];
      if (needListenerLevel) {
        const base = [...changes];
        set(`listener.name.${lower}.${KEY}`, listenerLevelValue ?? INTERVAL, after);
        if (!doc.settings.has(KEY) && listenerLevelValue === undefined) {
          suggestions.push({
            title: `Set ${KEY}=${INTERVAL} for every listener (clients older than Kafka 2.2 are disconnected at each interval instead)`,
            safety: 'suggestion',
            changes: [...base, { op: 'set', key: KEY, value: INTERVAL, ...(after ? { after } : {}) }],
          });
        }
      }
      ctx.report({
        span: oneSetting ? trimmedValueSpan(doc, oneSetting) : l.span,
        severity,
        message,
        related,
        fix: {
          title: `Turn on re-authentication for ${l.name} connections (clients older than Kafka 2.2 cannot re-authenticate and are disconnected at each interval instead)`,
          safety: 'suggestion',
          changes,
        },
        suggestions,
      });
    }
  },
};

export default rule;
