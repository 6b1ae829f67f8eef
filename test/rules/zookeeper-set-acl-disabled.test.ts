import { ruleTester } from '../rule-tester';

ruleTester('zookeeper-set-acl-disabled', {
  valid: [
    { name: 'ACLs on', text: 'broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.set.acl=true\n' },
    { name: 'boolean parsing is case-insensitive and trimmed', text: 'broker.id=0\nzookeeper.connect=zk:2182\nzookeeper.set.acl = True \n' },
    { name: 'KRaft (not migrating) has no znodes', text: 'process.roles=broker,controller\nnode.id=1\nzookeeper.set.acl=false\n' },
    { name: 'a templated value cannot be evaluated', text: 'broker.id=0\nzookeeper.connect=zk:2181\nzookeeper.set.acl={{"true" if zk_set_acl else "false"}}\n' },
    { name: 'Kafka 4 is KRaft only', text: 'broker.id=0\nzookeeper.connect=zk:2181\n', options: { kafkaVersion: '4.1' } },
    { name: 'client configs are not brokers', path: 'consumer.properties', text: 'bootstrap.servers=kafka:9092\ngroup.id=g\n' },
  ],
  invalid: [
    {
      name: 'absent: warning anchored on zookeeper.connect',
      text: 'broker.id=0\nzookeeper.connect=localhost:2181\nzookeeper.connection.timeout.ms=18000\n',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 33, severity: 'warning', messageIncludes: 'zookeeper.set.acl' }],
      fixSafety: 'suggestion',
      output: 'broker.id=0\nzookeeper.connect=localhost:2181\nzookeeper.set.acl=true\nzookeeper.connection.timeout.ms=18000\n',
    },
    {
      name: 'written false with SCRAM enabled is an error on the value',
      text: 'broker.id=0\nzookeeper.connect=zk:2181\nlisteners=SASL_SSL://:9094\nsasl.enabled.mechanisms=SCRAM-SHA-512\nzookeeper.set.acl=false\n',
      findings: [{ line: 5, column: 19, endLine: 5, endColumn: 24, severity: 'error', messageIncludes: '/config/users' }],
      output: 'broker.id=0\nzookeeper.connect=zk:2181\nlisteners=SASL_SSL://:9094\nsasl.enabled.mechanisms=SCRAM-SHA-512\nzookeeper.set.acl=true\n',
    },
    {
      name: 'SCRAM enabled only on one listener is an error too',
      text: 'broker.id=0\nzookeeper.connect=zk:2181\nlisteners=INTERNAL://:9094\nlistener.security.protocol.map=INTERNAL:SASL_SSL\nlistener.name.internal.sasl.enabled.mechanisms=PLAIN,scram-sha-256\n',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 26, severity: 'error' }],
      output: 'broker.id=0\nzookeeper.connect=zk:2181\nzookeeper.set.acl=true\nlisteners=INTERNAL://:9094\nlistener.security.protocol.map=INTERNAL:SASL_SSL\nlistener.name.internal.sasl.enabled.mechanisms=PLAIN,scram-sha-256\n',
    },
    {
      name: 'delegation tokens enabled is an error; CRLF kept',
      text: 'broker.id=0\r\nzookeeper.connect=zk:2181\r\ndelegation.token.secret.key=${file:/etc/kafka/secrets.properties:dt}\r\n',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 26, severity: 'error', messageIncludes: '/delegation_token' }],
      output: 'broker.id=0\r\nzookeeper.connect=zk:2181\r\nzookeeper.set.acl=true\r\ndelegation.token.secret.key=${file:/etc/kafka/secrets.properties:dt}\r\n',
    },
    {
      name: 'a value written across a continuation is the span and is replaced whole',
      text: 'broker.id=0\nzookeeper.connect=zk:2181\nzookeeper.set.acl=fal\\\n  se\n',
      findings: [{ line: 3, column: 19, endLine: 4, endColumn: 5, severity: 'warning' }],
      output: 'broker.id=0\nzookeeper.connect=zk:2181\nzookeeper.set.acl=true\n',
    },
    {
      name: 'migration: ZooKeeper still holds the metadata',
      text: 'process.roles=broker\nnode.id=1\nzookeeper.metadata.migration.enable=true\nzookeeper.connect=zk:2181\n',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 26, severity: 'warning' }],
      output: 'process.roles=broker\nnode.id=1\nzookeeper.metadata.migration.enable=true\nzookeeper.connect=zk:2181\nzookeeper.set.acl=true\n',
    },
  ],
});
