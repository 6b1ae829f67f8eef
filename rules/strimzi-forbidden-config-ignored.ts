import { strimziIgnoredConfig, strimziListeners, type IgnoredConfigEntry } from '../server/src/model/adapters/strimzi';
import { listItems } from '../server/src/model/listeners';
import { forbiddenKeyHome } from '../server/src/model/strimzi-config';
import type { Change, KafkaDocument } from '../server/src/model/types';
import type { FixIntent, Rule } from '../server/src/engine/types';

function target(e: IgnoredConfigEntry): string {
  switch (e.section) {
    case 'zookeeper':
      return 'ZooKeeper';
    case 'connect':
      return 'Kafka Connect';
    case 'listener':
      return `listener ${e.listener ?? ''}`.trim();
    default:
      return 'the brokers';
  }
}

/** Changes that express the dropped key through the resource's own fields, when there is such a field. */
function moveChanges(doc: KafkaDocument, e: IgnoredConfigEntry): { changes: Change[]; title: string } | undefined {
  if (e.section !== 'kafka') return undefined;
  const remove: Change = { op: 'remove', key: e.settingKey };
  const key = e.key.toLowerCase();
  if (key === 'authorizer.class.name' && e.value.trim() && doc.settings.get('authorizer.class.name')?.state === 'default') {
    return { changes: [remove, { op: 'set', key: 'authorizer.class.name', value: e.value.trim() }], title: 'Move the authorizer to spec.kafka.authorization' };
  }
  if (key === 'super.users' && e.value.trim()) {
    const current = doc.settings.get('super.users');
    if (!current) return undefined;
    const known = new Set(listItems(current.value, ';').map((i) => i.text));
    const added = listItems(e.value, ';').map((i) => i.text).filter((p) => !known.has(p));
    if (added.length === 0) return { changes: [remove], title: 'Remove super.users from spec.kafka.config (spec.kafka.authorization already lists these principals)' };
    return { changes: [remove, { op: 'set', key: 'super.users', value: [current.value, ...added].join(';') }], title: 'Move these principals to spec.kafka.authorization.superUsers' };
  }
  if (key === 'ssl.client.auth' && e.value.trim().toLowerCase() === 'required') {
    const open = strimziListeners(doc).filter((l) => l.tls === true && l.authentication === undefined);
    if (open.length === 0) return undefined;
    return {
      changes: [remove, ...open.map((l): Change => ({ op: 'set', key: `listener.name.${l.name.toLowerCase()}.ssl.client.auth`, value: 'required' }))],
      title: `Require client certificates with authentication type tls on ${open.map((l) => l.name).join(', ')} instead`,
    };
  }
  return undefined;
}

function expressible(doc: KafkaDocument, changes: Change[]): boolean {
  const edits = doc.writer.edits(changes);
  return !!edits && edits.length > 0;
}

const rule: Rule = {
  meta: {
    id: 'strimzi-forbidden-config-ignored',
    checklist: 'TR',
    severity: 'warning',
    title: 'A Strimzi config key the operator drops, so the control it expresses is not applied',
    formats: ['strimzi'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (doc.format !== 'strimzi') return;
    for (const e of strimziIgnoredConfig(doc)) {
      const fixes: FixIntent[] = [];
      const move = moveChanges(doc, e);
      if (move && expressible(doc, move.changes)) fixes.push({ title: move.title, safety: 'suggestion', changes: move.changes });
      const removal: Change[] = [{ op: 'remove', key: e.settingKey }];
      if (expressible(doc, removal)) {
        fixes.push({ title: `Remove ${e.key} from ${e.where} (the operator ignores it)`, safety: 'suggestion', changes: removal });
      }
      const [fix, ...suggestions] = fixes;
      ctx.report({
        span: e.keySpan,
        message: `${e.where} sets ${e.key}, but the Strimzi operator drops keys starting with "${e.prefix}" (it only logs a warning), so this never reaches ${target(e)}; ${forbiddenKeyHome(e.section, e.key)}.`,
        ...(fix ? { fix } : {}),
        suggestions,
      });
    }
  },
};

export default rule;
