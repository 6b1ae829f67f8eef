import assert from 'node:assert/strict';
import { readProperties } from '../../server/src/model/adapters/properties';
import type { Report } from '../../server/src/engine/types';
import rule, { isTempPath } from '../../rules/log-dirs-in-tmp';
import { ruleTester } from '../rule-tester';

ruleTester('log-dirs-in-tmp', {
  valid: [
    { name: 'data volume', text: 'broker.id=0\nzookeeper.connect=zk:2181\nlog.dirs=/var/lib/kafka/data\n' },
    { name: 'log.dir is ignored when log.dirs is set', text: 'node.id=1\nprocess.roles=broker\nlog.dirs=/data/kafka\nlog.dir=/tmp/kafka-logs\n' },
    { name: '/tmpfs and /home/x/tmp are not /tmp', text: 'broker.id=0\nlog.dirs=/tmpfs/kafka,/home/kafka/tmp/logs\n' },
    { name: 'relative paths are not /tmp', text: 'broker.id=0\nlog.dirs=tmp/kafka-logs\n' },
    {
      name: 'a controller-only node with its own metadata.log.dir',
      text: 'process.roles=controller\nnode.id=3000\ncontroller.listener.names=CONTROLLER\nmetadata.log.dir=/var/lib/kafka/meta\n',
    },
    { name: 'a templated value cannot be evaluated', text: 'broker.id=0\nlog.dirs={{ .Values.logDirs }}\n' },
    { name: 'ZooKeeper on a data volume', path: 'zoo.cfg', text: 'dataDir=/var/lib/zookeeper\ndataLogDir=/var/lib/zookeeper-txn\nclientPort=2181\n' },
    { name: 'client configs have no data directories', path: 'producer.properties', text: 'bootstrap.servers=kafka:9092\n' },
  ],
  invalid: [
    {
      name: 'Kafka sample: log.dirs=/tmp/kafka-logs',
      text: 'broker.id=0\nlog.dirs=/tmp/kafka-logs\nzookeeper.connect=zk:2181\n',
      findings: [{ line: 2, column: 10, endLine: 2, endColumn: 25, severity: 'warning', messageIncludes: 'log.dirs' }],
      fixSafety: 'suggestion',
      output: 'broker.id=0\nlog.dirs=<ENCRYPTED_VOLUME_PATH>\nzookeeper.connect=zk:2181\n',
    },
    {
      name: 'each temp item of a list, with a placeholder per position',
      text: 'broker.id=0\nlog.dirs=/tmp/a, /data/b ,/var/tmp/c\n',
      findings: [
        { line: 2, column: 10, endLine: 2, endColumn: 16, severity: 'warning' },
        { line: 2, column: 27, endLine: 2, endColumn: 37, severity: 'warning' },
      ],
      output: 'broker.id=0\nlog.dirs=<ENCRYPTED_VOLUME_PATH_1>, /data/b ,<ENCRYPTED_VOLUME_PATH_3>\n',
    },
    {
      name: 'log.dir when log.dirs is absent; dot segments and double slashes normalised',
      text: 'broker.id=0\nlog.dir=//tmp/./kafka\n',
      findings: [{ line: 2, column: 9, endLine: 2, endColumn: 22, severity: 'warning', messageIncludes: 'log.dir' }],
      output: 'broker.id=0\nlog.dir=<ENCRYPTED_VOLUME_PATH>\n',
    },
    {
      name: 'absent log.dirs: Kafka default /tmp/kafka-logs, anchored on the first role key',
      text: 'process.roles=broker,controller\nnode.id=1\ncontroller.quorum.voters=1@localhost:9093\n',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 32, severity: 'warning', messageIncludes: '/tmp/kafka-logs' }],
      output: 'process.roles=broker,controller\nlog.dirs=<ENCRYPTED_VOLUME_PATH>\nnode.id=1\ncontroller.quorum.voters=1@localhost:9093\n',
    },
    {
      name: 'metadata.log.dir in /tmp; CRLF kept',
      text: 'process.roles=controller\r\nnode.id=3000\r\nlog.dirs=/var/lib/kafka\r\nmetadata.log.dir=/tmp/kraft-meta\r\n',
      findings: [{ line: 4, column: 18, endLine: 4, endColumn: 33, severity: 'warning', messageIncludes: 'metadata.log.dir' }],
      output: 'process.roles=controller\r\nnode.id=3000\r\nlog.dirs=/var/lib/kafka\r\nmetadata.log.dir=<ENCRYPTED_VOLUME_PATH>\r\n',
    },
    {
      name: 'a list written across a continuation: the whole value is the span',
      text: 'broker.id=0\nlog.dirs=/data/a,\\\n    /tmp/b\n',
      findings: [{ line: 2, column: 10, endLine: 3, endColumn: 11, severity: 'warning' }],
      output: 'broker.id=0\nlog.dirs=/data/a,<ENCRYPTED_VOLUME_PATH_2>\n',
    },
    {
      name: 'ZooKeeper sample: dataDir and dataLogDir',
      path: 'zoo.cfg',
      text: 'tickTime=2000\ndataDir=/tmp/zookeeper\ndataLogDir=/tmp/zookeeper/txn\nclientPort=2181\n',
      findings: [
        { line: 2, column: 9, endLine: 2, endColumn: 23, severity: 'warning', messageIncludes: 'dataDir' },
        { line: 3, column: 12, endLine: 3, endColumn: 30, severity: 'warning', messageIncludes: 'dataLogDir' },
      ],
      output: 'tickTime=2000\ndataDir=<ENCRYPTED_VOLUME_PATH>\ndataLogDir=<ENCRYPTED_VOLUME_PATH>\nclientPort=2181\n',
    },
    {
      name: 'an escaped character in a ZooKeeper path: the whole value is the span',
      path: 'zookeeper.properties',
      text: 'dataDir=\\u002ftmp/zookeeper\nclientPort=2181\n',
      findings: [{ line: 1, column: 9, endLine: 1, endColumn: 28, severity: 'warning' }],
      output: 'dataDir=<ENCRYPTED_VOLUME_PATH>\nclientPort=2181\n',
    },
  ],
});

describe('rule log-dirs-in-tmp: helpers and facts', () => {
  it('recognises temporary directories', () => {
    for (const p of ['/tmp', '/tmp/', '/tmp/kafka', '/var/tmp/x', '/private/tmp/x', '/data/../tmp/x']) assert.ok(isTempPath(p), p);
    for (const p of ['/tmpdata', '/data/tmp', 'tmp/x', '', 'C:\\tmp\\kafka']) assert.ok(!isTempPath(p), p);
  });
  it('a volume mounted at the directory lowers the finding to info', () => {
    const doc = readProperties('server.properties', 'broker.id=0\nlog.dirs=/tmp/kafka-logs\n').documents[0]!;
    (doc.facts as Map<string, unknown>).set('mountedPaths', ['/tmp/kafka-logs']);
    const reports: Report[] = [];
    rule.check(doc, { options: { rules: {}, allowSuppressions: true }, report: (r) => reports.push(r) });
    assert.equal(reports.length, 1);
    assert.equal(reports[0]!.severity, 'info');
  });
});
