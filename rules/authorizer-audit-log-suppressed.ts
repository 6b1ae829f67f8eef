import { listItems, valueSubSpan } from '../server/src/model/listeners';
import {
  dropsEventsAt,
  effectiveLoggerLevel,
  hasAppender,
  log4j2LoggerIds,
  log4jDialect,
  log4jThreshold,
  loggerDeclarations,
  type LevelDeclaration,
} from '../server/src/model/log4j-logger-levels';
import type { Change, KafkaDocument } from '../server/src/model/types';
import type { Rule } from '../server/src/engine/types';

/** The logger both AclAuthorizer and StandardAuthorizer write to: denials at INFO, allows at DEBUG. */
export const AUTHORIZER_LOGGER = 'kafka.authorizer.logger';

/**
 * Fact key for the authorizer class of the brokers this logging configuration belongs to.
 *
 * Contract: `doc.facts.get(AUTHORIZER_CLASS_FACT)` is the `authorizer.class.name` string of the
 * deployment (set by adapters that link a log config to its broker, e.g. a compose service or a Helm
 * release). Confluent Server's authorizer audits through its own event logs, not this logger.
 */
export const AUTHORIZER_CLASS_FACT = 'authorizerClassName';

/** Appender names Kafka's own configurations use for the audit log (log4j 1 3.x, log4j2 4.x). */
const APPENDER = { log4j1: 'authorizerAppender', log4j2: 'AuthorizerAppender' } as const;

/** Whether this logging config belongs to a broker, not to the CLI tools, Connect or ZooKeeper. */
function isBrokerLogging(doc: KafkaDocument): boolean {
  for (const name of loggerDeclarations(doc).keys()) if (name === 'kafka' || name.startsWith('kafka.') || name === 'state.change.logger') return true;
  const base = doc.path.split(/[\\/]/).pop() ?? doc.path;
  return /^log4j2?\.properties$/i.test(base);
}

/** Where new lines go: after the last logger entry of the file, else the root logger. */
function insertAfter(doc: KafkaDocument): string | undefined {
  const dialect = log4jDialect(doc);
  const isLogger = dialect === 'log4j1' ? (k: string) => k.startsWith('log4j.logger.') || k.startsWith('log4j.category.') : (k: string) => k.startsWith('logger.');
  const loggers = [...doc.settings.values()].filter((s) => isLogger(s.key)).sort((a, b) => a.entrySpan.start - b.entrySpan.start);
  if (loggers.length) return loggers[loggers.length - 1]!.key;
  // Else after the root logger's last line (log4j2 spreads it over rootLogger.* keys).
  const isRoot = (k: string) => k === 'log4j.rootLogger' || k === 'log4j.rootCategory' || k === 'rootLogger' || k.startsWith('rootLogger.');
  const roots = [...doc.settings.values()].filter((s) => isRoot(s.key)).sort((a, b) => a.entrySpan.start - b.entrySpan.start);
  return roots.length ? roots[roots.length - 1]!.key : undefined;
}

/** Changes that give kafka.authorizer.logger the INFO level. */
function infoChanges(doc: KafkaDocument): Change[] {
  const dialect = log4jDialect(doc);
  const own = loggerDeclarations(doc).get(AUTHORIZER_LOGGER);
  const after = insertAfter(doc);
  const at = after ? { after } : {};
  if (own?.level) {
    // The logger has a level slot (set, empty or INHERITED): write INFO there and keep its appenders.
    const l = own.level;
    return [{ op: 'replace-in-value', key: l.setting.key, from: l.from, to: l.to, text: 'INFO' }];
  }
  if (dialect === 'log4j1') {
    const appender = hasAppender(doc, APPENDER.log4j1);
    const changes: Change[] = [{ op: 'set', key: `log4j.logger.${AUTHORIZER_LOGGER}`, value: appender ? `INFO, ${APPENDER.log4j1}` : 'INFO', ...at }];
    if (appender && !doc.settings.has(`log4j.additivity.${AUTHORIZER_LOGGER}`)) {
      changes.push({ op: 'set', key: `log4j.additivity.${AUTHORIZER_LOGGER}`, value: 'false', ...at });
    }
    return changes;
  }
  if (own?.id) {
    // A log4j2 logger declared without a level.
    return [{ op: 'set', key: `logger.${own.id}.level`, value: 'INFO', after: own.setting.key }];
  }
  const ids = log4j2LoggerIds(doc);
  const id = !ids.has('authorizer') ? 'authorizer' : !ids.has('kafkaAuthorizer') ? 'kafkaAuthorizer' : 'kafkaAuthorizerAudit';
  const changes: Change[] = [
    { op: 'set', key: `logger.${id}.name`, value: AUTHORIZER_LOGGER, ...at },
    { op: 'set', key: `logger.${id}.level`, value: 'INFO', ...at },
  ];
  if (hasAppender(doc, APPENDER.log4j2)) {
    changes.push(
      { op: 'set', key: `logger.${id}.additivity`, value: 'false', ...at },
      { op: 'set', key: `logger.${id}.appenderRef.${id}.ref`, value: APPENDER.log4j2, ...at },
    );
  }
  const listed = doc.settings.get('loggers');
  if (listed && !listItems(listed.value).some((i) => i.text === id)) {
    const end = listed.value.trimEnd().length;
    changes.push({ op: 'replace-in-value', key: 'loggers', from: end, to: end, text: end > 0 ? `, ${id}` : id });
  }
  return changes;
}

function where(decl: LevelDeclaration | undefined, dialect: 'log4j1' | 'log4j2'): string {
  if (!decl) return dialect === 'log4j1' ? 'the root default' : "log4j2's root default, since no root level is set";
  if (decl.logger === AUTHORIZER_LOGGER) return 'its own setting';
  if (decl.logger === '') return 'the root logger';
  return `the ${decl.logger} logger`;
}

const rule: Rule = {
  meta: {
    id: 'authorizer-audit-log-suppressed',
    checklist: 'AUD',
    severity: 'warning',
    title: 'The authorizer audit logger is set above INFO, so access decisions are not logged',
    formats: ['log4j', 'helm-bitnami'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (doc.role !== 'log4j' || !isBrokerLogging(doc)) return;
    const dialect = log4jDialect(doc);
    const authorizer = doc.facts.get(AUTHORIZER_CLASS_FACT);
    const confluent = typeof authorizer === 'string' && /ConfluentServerAuthorizer/.test(authorizer);
    const severity = confluent ? ('info' as const) : undefined;
    const confluentNote = confluent ? ' Confluent Server writes its audit events through its own audit-log topics, so check those instead.' : '';

    const effective = effectiveLoggerLevel(doc, AUTHORIZER_LOGGER);
    if (effective && dropsEventsAt(effective.level, 'INFO')) {
      const decl = effective.decidedBy;
      const span = decl ? valueSubSpan(doc, decl.setting, decl.from, decl.to) : (doc.settings.get('rootLogger') ?? doc.settings.get('rootLogger.level'))?.entrySpan ?? doc.anchor;
      ctx.report({
        span,
        severity,
        message: `${AUTHORIZER_LOGGER} runs at ${effective.level} (from ${where(decl, dialect)}), so the authorizer's INFO records of denied requests and DEBUG records of allowed ones are dropped.${confluentNote}`,
        fix: {
          title: `Log ${AUTHORIZER_LOGGER} at INFO${decl && decl.logger !== AUTHORIZER_LOGGER ? ' (only this logger changes)' : ''}`,
          safety: 'suggestion',
          changes: infoChanges(doc),
        },
      });
    }

    // log4j 1: a repository threshold above INFO drops the records whatever the logger level is.
    const threshold = log4jThreshold(doc);
    if (threshold && !threshold.unknown && threshold.level && dropsEventsAt(threshold.level, 'INFO')) {
      ctx.report({
        span: valueSubSpan(doc, threshold.setting, threshold.from, threshold.to),
        severity,
        message: `log4j.threshold=${threshold.level} discards every event below ${threshold.level}, including the INFO records of ${AUTHORIZER_LOGGER}.${confluentNote}`,
        fix: {
          title: 'Lower log4j.threshold to INFO',
          safety: 'suggestion',
          changes: [{ op: 'set', key: threshold.setting.key, value: 'INFO' }],
        },
      });
    }
  },
};

export default rule;
