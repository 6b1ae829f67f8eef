import assert from 'node:assert/strict';
import { readProperties } from '../../server/src/model/adapters/properties';
import type { KafkaVersion } from '../../server/src/model/types';
import type { Report } from '../../server/src/engine/types';
import rule from '../../rules/zookeeper-tls-missing-cnxn-socket';
import { ruleTester } from '../rule-tester';

const NETTY = 'zookeeper.clientCnxnSocket=org.apache.zookeeper.ClientCnxnSocketNetty';

ruleTester('zookeeper-tls-missing-cnxn-socket', {
  valid: [
    { name: 'TLS with the Netty socket', text: `broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\n${NETTY}\n` },
    { name: 'TLS off is left to zookeeper-without-tls', text: 'broker.id=0\nzookeeper.connect=zk:2181\n' },
    { name: 'a custom socket class is trusted', text: 'broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\nzookeeper.clientCnxnSocket=com.example.TlsSocket\n' },
    { name: 'KRaft (not migrating) ignores zookeeper.* keys', text: 'process.roles=broker\nnode.id=1\nzookeeper.ssl.client.enable=true\n' },
    { name: 'Kafka 2.4 does not read the key, so TLS is off', text: 'broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\n', options: { kafkaVersion: '2.4' } },
    { name: 'a templated socket cannot be evaluated', text: 'broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\nzookeeper.clientCnxnSocket={{ .Values.socket }}\n' },
  ],
  invalid: [
    {
      name: 'TLS on, socket absent: inserted after the switch',
      text: 'broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\nzookeeper.ssl.truststore.location=/etc/kafka/zk-trust.p12\n',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 33, severity: 'error', messageIncludes: 'zookeeper.clientCnxnSocket' }],
      fixSafety: 'safe',
      output: `broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\n${NETTY}\nzookeeper.ssl.truststore.location=/etc/kafka/zk-trust.p12\n`,
    },
    {
      name: 'CRLF kept',
      text: 'broker.id=0\r\nzookeeper.connect=zk:2182\r\nzookeeper.ssl.client.enable=true\r\n',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 33, severity: 'error' }],
      output: `broker.id=0\r\nzookeeper.connect=zk:2182\r\nzookeeper.ssl.client.enable=true\r\n${NETTY}\r\n`,
    },
    {
      name: 'the switch written with a continuation: the whole entry is the span',
      text: 'broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=\\\n    true\n',
      findings: [{ line: 3, column: 1, endLine: 4, endColumn: 9, severity: 'error' }],
      output: `broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=\\\n    true\n${NETTY}\n`,
    },
    {
      name: 'the NIO socket written explicitly is replaced',
      text: 'broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\nzookeeper.clientCnxnSocket=org.apache.zookeeper.ClientCnxnSocketNIO\n',
      findings: [{ line: 4, column: 28, endLine: 4, endColumn: 68, severity: 'error' }],
      output: `broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\n${NETTY}\n`,
    },
    {
      name: 'a blank socket value is the entry span',
      text: 'broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\nzookeeper.clientCnxnSocket=\n',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 28, severity: 'error' }],
      output: `broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\n${NETTY}\n`,
    },
    {
      name: 'migration: a KRaft controller with ZooKeeper TLS',
      text: 'process.roles=controller\nnode.id=3000\nzookeeper.metadata.migration.enable=true\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=TRUE\n',
      findings: [{ line: 5, column: 1, endLine: 5, endColumn: 33, severity: 'error' }],
      output: `process.roles=controller\nnode.id=3000\nzookeeper.metadata.migration.enable=true\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=TRUE\n${NETTY}\n`,
    },
  ],
});

function reportsWith(text: string, jvm: Array<[string, string]>, version?: KafkaVersion): Report[] {
  const doc = readProperties('server.properties', text, version).documents[0]!;
  (doc.facts as Map<string, unknown>).set('jvmSystemProperties', new Map(jvm));
  const reports: Report[] = [];
  rule.check(doc, { options: { rules: {}, allowSuppressions: true }, report: (r) => reports.push(r) });
  return reports;
}

describe('rule zookeeper-tls-missing-cnxn-socket: JVM system properties (facts)', () => {
  const text = 'broker.id=0\nzookeeper.connect=zk:2182\n';
  it('TLS from -Dzookeeper.client.secure=true without a socket: error on zookeeper.connect, key inserted after it', () => {
    const r = reportsWith(text, [['zookeeper.client.secure', 'true']]);
    assert.equal(r.length, 1);
    assert.deepEqual(r[0]!.span, { start: 12, end: 37 });
    assert.equal(r[0]!.fix?.safety, 'safe');
    assert.deepEqual(r[0]!.fix?.changes, [{ op: 'set', key: 'zookeeper.clientCnxnSocket', value: 'org.apache.zookeeper.ClientCnxnSocketNetty', after: 'zookeeper.connect' }]);
  });
  it('-Dzookeeper.clientCnxnSocket=…Netty satisfies it', () => {
    assert.equal(reportsWith(text, [['zookeeper.client.secure', 'true'], ['zookeeper.clientCnxnSocket', 'org.apache.zookeeper.ClientCnxnSocketNetty']]).length, 0);
  });
  it('-Dzookeeper.clientCnxnSocket naming NIO is reported and fixed with the key', () => {
    const r = reportsWith(text, [['zookeeper.client.secure', 'true'], ['zookeeper.clientCnxnSocket', 'org.apache.zookeeper.ClientCnxnSocketNIO']]);
    assert.equal(r.length, 1);
    assert.equal(r[0]!.fix?.changes[0]?.op, 'set');
  });
  it('Kafka 2.4: reported without a fix (only -D options work there)', () => {
    const r = reportsWith(text, [['zookeeper.client.secure', 'true']], { major: 2, minor: 4, source: 'test' });
    assert.equal(r.length, 1);
    assert.equal(r[0]!.fix, undefined);
  });
});
