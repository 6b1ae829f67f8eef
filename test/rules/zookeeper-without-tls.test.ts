import assert from 'node:assert/strict';
import { readProperties } from '../../server/src/model/adapters/properties';
import type { Report } from '../../server/src/engine/types';
import rule from '../../rules/zookeeper-without-tls';
import { ruleTester } from '../rule-tester';

const NETTY = 'zookeeper.clientCnxnSocket=org.apache.zookeeper.ClientCnxnSocketNetty';
const TRUST = 'zookeeper.ssl.truststore.location=<PATH_TO_TRUSTSTORE>\nzookeeper.ssl.truststore.password=${file:<SECRETS_FILE>:zookeeper.truststore.password}';
const KEY = 'zookeeper.ssl.keystore.location=<PATH_TO_KEYSTORE>\nzookeeper.ssl.keystore.password=${file:<SECRETS_FILE>:zookeeper.keystore.password}';

ruleTester('zookeeper-without-tls', {
  valid: [
    {
      name: 'TLS on with the Netty socket',
      text: `broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\n${NETTY}\n`,
    },
    { name: 'the key is case-insensitive like every Kafka boolean', text: 'broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable= TRUE\n' },
    { name: 'KRaft broker without ZooKeeper', text: 'process.roles=broker\nnode.id=1\ncontroller.quorum.voters=1@c:9093\n' },
    {
      name: 'KRaft node with a leftover zookeeper.connect (not migrating) is left to ineffective-security-key',
      text: 'process.roles=broker\nnode.id=1\nzookeeper.connect=zk:2181\n',
    },
    { name: 'Kafka 4 has no ZooKeeper mode', text: 'broker.id=0\nzookeeper.connect=zk:2181\n', options: { kafkaVersion: '4.0' } },
    { name: 'mode unknown: no zookeeper.connect', text: 'broker.id=0\nlisteners=SSL://:9093\n' },
    { name: 'a template cannot be evaluated', text: 'broker.id=0\nzookeeper.connect=zk:2181\nzookeeper.ssl.client.enable={{ zk_tls }}\n' },
    { name: 'client configs do not talk to ZooKeeper', path: 'client.properties', text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SSL\n' },
  ],
  invalid: [
    {
      name: 'Kafka 3.7 sample: absent key, anchored on zookeeper.connect, mTLS fix with the port moved',
      text: 'broker.id=0\nlog.dirs=/var/lib/kafka\nzookeeper.connect=localhost:2181\nzookeeper.connection.timeout.ms=18000\n',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 33, severity: 'warning', messageIncludes: 'zookeeper.ssl.client.enable' }],
      fixSafety: 'suggestion',
      output: `broker.id=0\nlog.dirs=/var/lib/kafka\nzookeeper.connect=localhost:2182\nzookeeper.ssl.client.enable=true\n${NETTY}\n${TRUST}\n${KEY}\nzookeeper.connection.timeout.ms=18000\n`,
      suggestionOutputs: [`broker.id=0\nlog.dirs=/var/lib/kafka\nzookeeper.connect=localhost:2182\nzookeeper.ssl.client.enable=true\n${NETTY}\n${TRUST}\nzookeeper.connection.timeout.ms=18000\n`],
    },
    {
      name: 'written false and a public ZooKeeper host is an error on the value; chroot kept',
      text: 'broker.id=0\nzookeeper.connect=zk.example.com:2181/kafka\nzookeeper.ssl.client.enable=false\n',
      findings: [{ line: 3, column: 29, endLine: 3, endColumn: 34, severity: 'error' }],
      output: `broker.id=0\nzookeeper.connect=zk.example.com:2182/kafka\nzookeeper.ssl.client.enable=true\n${NETTY}\n${TRUST}\n${KEY}\n`,
    },
    {
      name: 'CRLF kept; every 2181 (written or implied) moves, other ports stay',
      text: 'broker.id=0\r\nzookeeper.connect=zk1:2181,zk2,zk3:2182/kafka\r\n',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 46, severity: 'warning' }],
      output:
        'broker.id=0\r\nzookeeper.connect=zk1:2182,zk2:2182,zk3:2182/kafka\r\n' +
        `zookeeper.ssl.client.enable=true\r\n${NETTY}\r\n${TRUST.replace('\n', '\r\n')}\r\n${KEY.replace('\n', '\r\n')}\r\n`,
    },
    {
      name: 'zookeeper.connect written with a line continuation is rewritten as one value',
      text: 'broker.id=0\nzookeeper.connect=zk1:2181,\\\n    zk2:2181\n',
      findings: [{ line: 2, column: 1, endLine: 3, endColumn: 13, severity: 'warning' }],
      output: `broker.id=0\nzookeeper.connect=zk1:2182,zk2:2182\nzookeeper.ssl.client.enable=true\n${NETTY}\n${TRUST}\n${KEY}\n`,
    },
    {
      name: 'existing stores are kept, a NIO socket is replaced, and no encryption-only variant is offered',
      text:
        'broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.clientCnxnSocket=org.apache.zookeeper.ClientCnxnSocketNIO\n' +
        'zookeeper.ssl.truststore.location=/etc/kafka/zk-trust.p12\nzookeeper.ssl.truststore.password=${file:/etc/kafka/s.properties:t}\n' +
        'zookeeper.ssl.keystore.location=/etc/kafka/zk.p12\nzookeeper.ssl.keystore.password=${file:/etc/kafka/s.properties:k}\n',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 26, severity: 'warning' }],
      output:
        `broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\n${NETTY}\n` +
        'zookeeper.ssl.truststore.location=/etc/kafka/zk-trust.p12\nzookeeper.ssl.truststore.password=${file:/etc/kafka/s.properties:t}\n' +
        'zookeeper.ssl.keystore.location=/etc/kafka/zk.p12\nzookeeper.ssl.keystore.password=${file:/etc/kafka/s.properties:k}\n',
      suggestionOutputs: [],
    },
    {
      name: 'migration: the KRaft controller also connects to ZooKeeper',
      text: 'process.roles=controller\nnode.id=3000\nzookeeper.metadata.migration.enable=true\nzookeeper.connect=zk:2182\ncontroller.quorum.voters=3000@c:9093\n',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 26, severity: 'warning' }],
      output: `process.roles=controller\nnode.id=3000\nzookeeper.metadata.migration.enable=true\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\n${NETTY}\n${TRUST}\n${KEY}\ncontroller.quorum.voters=3000@c:9093\n`,
    },
    {
      name: 'Kafka 2.4: only system properties work, so info without a fix',
      text: 'broker.id=0\nzookeeper.connect=zk:2181\n',
      options: { kafkaVersion: '2.4' },
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 26, severity: 'info' }],
    },
    {
      name: 'Kafka 2.4 ignores a written zookeeper.ssl.client.enable=true',
      text: 'broker.id=0\nzookeeper.connect=zk:2181\nzookeeper.ssl.client.enable=true\n',
      options: { kafkaVersion: '2.4.1' },
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 33, severity: 'info', messageIncludes: 'zookeeper.client.secure' }],
    },
  ],
});

/** Run the rule on a properties text with facts an adapter would attach. */
function reportsWith(text: string, facts: Record<string, unknown>): Report[] {
  const doc = readProperties('server.properties', text).documents[0]!;
  for (const [k, v] of Object.entries(facts)) (doc.facts as Map<string, unknown>).set(k, v);
  const reports: Report[] = [];
  rule.check(doc, { options: { rules: {}, allowSuppressions: true }, report: (r) => reports.push(r) });
  return reports;
}

describe('rule zookeeper-without-tls: JVM system properties (facts)', () => {
  const text = 'broker.id=0\nzookeeper.connect=zk:2182\n';
  it('-Dzookeeper.client.secure=true turns TLS on when the key is absent', () => {
    assert.equal(reportsWith(text, { jvmSystemProperties: new Map([['zookeeper.client.secure', 'true']]) }).length, 0);
  });
  it('the property must be exactly "true"', () => {
    const r = reportsWith(text, { jvmSystemProperties: new Map([['zookeeper.client.secure', 'TRUE']]) });
    assert.equal(r.length, 1);
    assert.match(r[0]!.message, /zookeeper\.client\.secure/);
  });
  it('a written key wins over the property', () => {
    const r = reportsWith(text + 'zookeeper.ssl.client.enable=false\n', { jvmSystemProperties: new Map([['zookeeper.client.secure', 'true']]) });
    assert.equal(r.length, 1);
  });
  it('Kafka 2.4 with the property set: no finding', () => {
    const doc = readProperties('server.properties', text, { major: 2, minor: 4, source: 'test' }).documents[0]!;
    (doc.facts as Map<string, unknown>).set('jvmSystemProperties', new Map([['zookeeper.client.secure', 'true']]));
    const reports: Report[] = [];
    rule.check(doc, { options: { rules: {}, allowSuppressions: true }, report: (r) => reports.push(r) });
    assert.equal(reports.length, 0);
  });
});
