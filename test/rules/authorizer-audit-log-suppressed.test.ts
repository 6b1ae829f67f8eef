import assert from 'node:assert/strict';
import { readProperties } from '../../server/src/model/adapters/properties';
import type { Report } from '../../server/src/engine/types';
import rule from '../../rules/authorizer-audit-log-suppressed';
import { effectiveLoggerLevel } from '../../server/src/model/log4j-logger-levels';
import { ruleTester } from '../rule-tester';

const L1 = 'log4j.properties';
const L2 = 'log4j2.properties';
const APPENDER1 = 'log4j.appender.authorizerAppender=org.apache.log4j.DailyRollingFileAppender\n';

ruleTester('authorizer-audit-log-suppressed', {
  valid: [
    {
      name: "Kafka 3.x's own log4j.properties",
      path: L1,
      text:
        'log4j.rootLogger=INFO, stdout, kafkaAppender\nlog4j.logger.kafka=INFO\n' +
        APPENDER1 +
        'log4j.logger.kafka.authorizer.logger=INFO, authorizerAppender\nlog4j.additivity.kafka.authorizer.logger=false\n',
    },
    { name: 'a quiet root with the audit logger at INFO', path: L1, text: 'log4j.rootLogger=WARN, stdout\nlog4j.logger.kafka.authorizer.logger=info, stdout\n' },
    { name: 'log4j 1 root defaults to DEBUG', path: L1, text: 'log4j.appender.stdout=org.apache.log4j.ConsoleAppender\nlog4j.logger.kafka.controller=TRACE\n' },
    { name: 'log4j 1 turns an unknown level name into DEBUG', path: L1, text: 'log4j.rootLogger=WARN, stdout\nlog4j.logger.kafka.authorizer.logger=WARNING\n' },
    { name: 'the CLI tools config is not a broker config', path: 'tools-log4j.properties', text: 'log4j.rootLogger=WARN, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\n' },
    {
      name: 'the Connect config is not a broker config',
      path: 'connect-log4j.properties',
      text: 'log4j.rootLogger=WARN, stdout\nlog4j.logger.org.reflections=ERROR\n',
    },
    { name: 'a substituted root level cannot be evaluated', path: L1, text: 'log4j.rootLogger=${kafka.root.logger}\nlog4j.logger.kafka.request.logger=WARN\n' },
    { name: 'log4j2: the kafka logger at INFO below a WARN root', path: L2, text: 'rootLogger = WARN, STDOUT\nlogger.kafka.name = kafka\nlogger.kafka.level = INFO\n' },
    {
      name: 'log4j2: a logger id missing from loggers= does not exist',
      path: L2,
      text: 'loggers=kafka\nrootLogger.level=INFO\nlogger.kafka.name=kafka\nlogger.kafka.level=INFO\nlogger.authorizer.name=kafka.authorizer.logger\nlogger.authorizer.level=WARN\n',
    },
  ],
  invalid: [
    {
      name: 'log4j 1: the audit logger itself at WARN; its appenders are kept',
      path: L1,
      text: 'log4j.rootLogger=INFO, stdout\n' + APPENDER1 + 'log4j.logger.kafka.authorizer.logger=WARN, authorizerAppender\n',
      findings: [{ line: 3, column: 38, endLine: 3, endColumn: 42, severity: 'warning', messageIncludes: 'kafka.authorizer.logger' }],
      fixSafety: 'suggestion',
      output: 'log4j.rootLogger=INFO, stdout\n' + APPENDER1 + 'log4j.logger.kafka.authorizer.logger=INFO, authorizerAppender\n',
    },
    {
      name: 'log4j 1: inherited from the kafka logger; the audit appender exists, so it gets its own file',
      path: L1,
      text: 'log4j.rootLogger=INFO, stdout\n' + APPENDER1 + 'log4j.logger.kafka=WARN\nlog4j.logger.kafka.controller=TRACE, controllerAppender\n',
      findings: [{ line: 3, column: 20, endLine: 3, endColumn: 24, severity: 'warning', messageIncludes: 'kafka' }],
      output:
        'log4j.rootLogger=INFO, stdout\n' +
        APPENDER1 +
        'log4j.logger.kafka=WARN\nlog4j.logger.kafka.controller=TRACE, controllerAppender\nlog4j.logger.kafka.authorizer.logger=INFO, authorizerAppender\nlog4j.additivity.kafka.authorizer.logger=false\n',
    },
    {
      name: 'log4j 1: from the root, no audit appender: the logger alone is added',
      path: L1,
      text: 'log4j.rootLogger=ERROR, stdout\nlog4j.appender.stdout=org.apache.log4j.ConsoleAppender\n',
      findings: [{ line: 1, column: 18, endLine: 1, endColumn: 23, severity: 'warning' }],
      output: 'log4j.rootLogger=ERROR, stdout\nlog4j.logger.kafka.authorizer.logger=INFO\nlog4j.appender.stdout=org.apache.log4j.ConsoleAppender\n',
    },
    {
      name: 'log4j 1: INHERITED takes the root level; the fix writes INFO in its place',
      path: L1,
      text: 'log4j.rootLogger=OFF, stdout\nlog4j.logger.kafka.authorizer.logger=INHERITED, authorizerAppender\n',
      findings: [{ line: 1, column: 18, endLine: 1, endColumn: 21, severity: 'warning' }],
      output: 'log4j.rootLogger=OFF, stdout\nlog4j.logger.kafka.authorizer.logger=INFO, authorizerAppender\n',
    },
    {
      name: 'log4j 1: an empty level slot also inherits',
      path: L1,
      text: 'log4j.rootLogger=FATAL, stdout\nlog4j.logger.kafka.authorizer.logger=, authorizerAppender\n',
      findings: [{ line: 1, column: 18, endLine: 1, endColumn: 23, severity: 'warning' }],
      output: 'log4j.rootLogger=FATAL, stdout\nlog4j.logger.kafka.authorizer.logger=INFO, authorizerAppender\n',
    },
    {
      name: 'log4j 1: a value written across a continuation is the span and is rewritten whole',
      path: L1,
      text: 'log4j.rootLogger=INFO, stdout\nlog4j.logger.kafka.authorizer.logger=WARN,\\\n    authorizerAppender\n',
      findings: [{ line: 2, column: 38, endLine: 3, endColumn: 23, severity: 'warning' }],
      output: 'log4j.rootLogger=INFO, stdout\nlog4j.logger.kafka.authorizer.logger=INFO,authorizerAppender\n',
    },
    {
      name: 'log4j 1: log4j.threshold above INFO drops the records whatever the logger says',
      path: L1,
      text: 'log4j.threshold=WARN\nlog4j.rootLogger=INFO, stdout\nlog4j.logger.kafka.authorizer.logger=INFO, stdout\n',
      findings: [{ line: 1, column: 17, endLine: 1, endColumn: 21, severity: 'warning', messageIncludes: 'log4j.threshold' }],
      output: 'log4j.threshold=INFO\nlog4j.rootLogger=INFO, stdout\nlog4j.logger.kafka.authorizer.logger=INFO, stdout\n',
    },
    {
      name: 'log4j2: the root at WARN; CRLF kept; a logger is declared after the root logger lines',
      path: L2,
      text: 'appender.console.type=Console\r\nappender.console.name=STDOUT\r\nrootLogger.level=WARN\r\nrootLogger.appenderRef.stdout.ref=STDOUT\r\n',
      findings: [{ line: 3, column: 18, endLine: 3, endColumn: 22, severity: 'warning' }],
      output:
        'appender.console.type=Console\r\nappender.console.name=STDOUT\r\nrootLogger.level=WARN\r\nrootLogger.appenderRef.stdout.ref=STDOUT\r\n' +
        'logger.authorizer.name=kafka.authorizer.logger\r\nlogger.authorizer.level=INFO\r\n',
    },
    {
      name: 'log4j2: the audit logger at WARN is set to INFO',
      path: L2,
      text: 'rootLogger.level=INFO\nlogger.authorizer.name=kafka.authorizer.logger\nlogger.authorizer.level=WARN\nlogger.authorizer.additivity=false\n',
      findings: [{ line: 3, column: 25, endLine: 3, endColumn: 29, severity: 'warning' }],
      output: 'rootLogger.level=INFO\nlogger.authorizer.name=kafka.authorizer.logger\nlogger.authorizer.level=INFO\nlogger.authorizer.additivity=false\n',
    },
    {
      name: 'log4j2: the level-and-refs shorthand wins over .level',
      path: L2,
      text: 'rootLogger = INFO, STDOUT\nlogger.authorizer = ERROR, AuthorizerAppender\nlogger.authorizer.name = kafka.authorizer.logger\nlogger.authorizer.level = INFO\n',
      findings: [{ line: 2, column: 21, endLine: 2, endColumn: 26, severity: 'warning' }],
      output: 'rootLogger = INFO, STDOUT\nlogger.authorizer = INFO, AuthorizerAppender\nlogger.authorizer.name = kafka.authorizer.logger\nlogger.authorizer.level = INFO\n',
    },
    {
      name: 'log4j2: with a loggers= list the new id is listed; the audit appender exists, so it is referenced',
      path: L2,
      text:
        'appender.authorizer.type=RollingFile\nappender.authorizer.name=AuthorizerAppender\nrootLogger=WARN, STDOUT\nloggers=kafka\n' +
        'logger.kafka.name=kafka\n',
      findings: [{ line: 3, column: 12, endLine: 3, endColumn: 16, severity: 'warning' }],
      output:
        'appender.authorizer.type=RollingFile\nappender.authorizer.name=AuthorizerAppender\nrootLogger=WARN, STDOUT\nloggers=kafka, authorizer\n' +
        'logger.kafka.name=kafka\nlogger.authorizer.name=kafka.authorizer.logger\nlogger.authorizer.level=INFO\nlogger.authorizer.additivity=false\nlogger.authorizer.appenderRef.authorizer.ref=AuthorizerAppender\n',
    },
    {
      name: 'log4j2: no root level at all means ERROR; anchored on the first entry',
      path: L2,
      text: 'appender.console.type=Console\nappender.console.name=STDOUT\nlogger.kafka.name=kafka\n',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 30, severity: 'warning' }],
      output: 'appender.console.type=Console\nappender.console.name=STDOUT\nlogger.kafka.name=kafka\nlogger.authorizer.name=kafka.authorizer.logger\nlogger.authorizer.level=INFO\n',
    },
  ],
});

describe('rule authorizer-audit-log-suppressed: model and facts', () => {
  it('effective level walks kafka.authorizer.logger › kafka.authorizer › kafka › root', () => {
    const doc = readProperties(L1, 'log4j.rootLogger=DEBUG\nlog4j.logger.kafka=INFO\nlog4j.category.kafka.authorizer=ERROR\n').documents[0]!;
    const e = effectiveLoggerLevel(doc, 'kafka.authorizer.logger');
    assert.equal(e?.level, 'ERROR');
    assert.equal(e?.decidedBy?.logger, 'kafka.authorizer');
  });
  it('Confluent Server audits elsewhere: info', () => {
    const doc = readProperties(L1, 'log4j.rootLogger=WARN, stdout\n').documents[0]!;
    (doc.facts as Map<string, unknown>).set('authorizerClassName', 'io.confluent.kafka.security.authorizer.ConfluentServerAuthorizer');
    const reports: Report[] = [];
    rule.check(doc, { options: { rules: {}, allowSuppressions: true }, report: (r) => reports.push(r) });
    assert.equal(reports.length, 1);
    assert.equal(reports[0]!.severity, 'info');
  });
});
