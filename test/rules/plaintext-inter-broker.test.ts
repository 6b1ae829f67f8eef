import { ruleTester } from '../rule-tester';

ruleTester('plaintext-inter-broker', {
  valid: [
    { name: 'inter-broker listener on SSL', text: 'broker.id=1\nzookeeper.connect=zk:2181\nlisteners=SSL://:9093\ninter.broker.listener.name=SSL\n' },
    {
      name: 'security.inter.broker.protocol=SASL_SSL',
      text: 'broker.id=1\nzookeeper.connect=zk:2181\nlisteners=PLAINTEXT://:9092,SASL_SSL://:9093\nsecurity.inter.broker.protocol=SASL_SSL\n',
    },
    { name: 'controller-only nodes have no inter-broker listener', text: 'process.roles=controller\nnode.id=1\nlisteners=CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\nlistener.security.protocol.map=CONTROLLER:SSL\n' },
    { name: 'absent listeners and no explicit choice are left to implicit-plaintext-listener', text: 'broker.id=0\nzookeeper.connect=zk:2181\n' },
    { name: 'template inter-broker name is not judged', text: 'broker.id=0\nlisteners=INTERNAL://:9092\ninter.broker.listener.name={{ interbroker }}\nlistener.security.protocol.map=INTERNAL:PLAINTEXT\n' },
    { name: 'control-plane listener on SSL', text: 'broker.id=1\nzookeeper.connect=zk:2181\nlisteners=SSL://:9093,CONTROL://:9095\nlistener.security.protocol.map=SSL:SSL,CONTROL:SSL\ninter.broker.listener.name=SSL\ncontrol.plane.listener.name=CONTROL\n' },
    { name: 'client configs have no inter-broker listener', path: 'client.properties', text: 'bootstrap.servers=kafka:9092\nsecurity.protocol=SSL\n' },
  ],
  invalid: [
    {
      name: 'default PLAINTEXT inter-broker listener; an SSL listener exists',
      text: 'broker.id=1\nzookeeper.connect=zk:2181\nlisteners=PLAINTEXT://:9092,SSL://:9093\n',
      findings: [{ line: 3, column: 11, endLine: 3, endColumn: 28, severity: 'warning' }],
      fixSafety: 'suggestion',
      output: 'broker.id=1\nzookeeper.connect=zk:2181\nlisteners=PLAINTEXT://:9092,SSL://:9093\ninter.broker.listener.name=SSL\n',
    },
    {
      name: 'security.inter.broker.protocol=SASL_PLAINTEXT is replaced by inter.broker.listener.name (CRLF kept)',
      text: 'broker.id=1\r\nzookeeper.connect=zk:2181\r\nlisteners=SASL_PLAINTEXT://:9092,SASL_SSL://:9093\r\nsecurity.inter.broker.protocol=SASL_PLAINTEXT\r\n',
      findings: [{ line: 4, column: 32, endLine: 4, endColumn: 46, severity: 'warning', messageIncludes: 'security.inter.broker.protocol' }],
      output: 'broker.id=1\r\nzookeeper.connect=zk:2181\r\nlisteners=SASL_PLAINTEXT://:9092,SASL_SSL://:9093\r\ninter.broker.listener.name=SASL_SSL\r\n',
    },
    {
      name: 'named listener mapped to PLAINTEXT; the internal TLS listener is preferred over the public one',
      text:
        'process.roles=broker\nnode.id=3\nlisteners=INTERNAL://:9092,EXTERNAL://:9094,REPLICATION://:9095\n' +
        'advertised.listeners=INTERNAL://kafka-3.kafka:9092,EXTERNAL://kafka-3.example.com:9094,REPLICATION://kafka-3.kafka:9095\n' +
        'listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:SSL,REPLICATION:SSL,CONTROLLER:SSL\ninter.broker.listener.name=INTERNAL\ncontroller.listener.names=CONTROLLER\n',
      findings: [{ line: 6, column: 28, endLine: 6, endColumn: 36, severity: 'warning' }],
      output:
        'process.roles=broker\nnode.id=3\nlisteners=INTERNAL://:9092,EXTERNAL://:9094,REPLICATION://:9095\n' +
        'advertised.listeners=INTERNAL://kafka-3.kafka:9092,EXTERNAL://kafka-3.example.com:9094,REPLICATION://kafka-3.kafka:9095\n' +
        'listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:SSL,REPLICATION:SSL,CONTROLLER:SSL\ninter.broker.listener.name=REPLICATION\ncontroller.listener.names=CONTROLLER\n',
    },
    {
      name: 'no TLS listener yet: a placeholder; the value is written on a continuation line',
      text: 'broker.id=1\ninter.broker.listener.name=\\\n  INTERNAL\nlisteners=INTERNAL://:9092\nlistener.security.protocol.map=INTERNAL:PLAINTEXT\n',
      findings: [{ line: 3, column: 3, endLine: 3, endColumn: 11, severity: 'warning' }],
      output: 'broker.id=1\ninter.broker.listener.name=\\\n  <TLS_LISTENER>\nlisteners=INTERNAL://:9092\nlistener.security.protocol.map=INTERNAL:PLAINTEXT\n',
    },
    {
      name: 'one-node KRaft cluster (Apache Kafka 3.9 default shape) is info',
      text:
        'process.roles=broker,controller\nnode.id=1\ncontroller.quorum.voters=1@localhost:9093\nlisteners=PLAINTEXT://:9092,CONTROLLER://:9093\n' +
        'inter.broker.listener.name=PLAINTEXT\ncontroller.listener.names=CONTROLLER\nlistener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT\n',
      findings: [{ line: 5, column: 28, endLine: 5, endColumn: 37, severity: 'info' }],
      output:
        'process.roles=broker,controller\nnode.id=1\ncontroller.quorum.voters=1@localhost:9093\nlisteners=PLAINTEXT://:9092,CONTROLLER://:9093\n' +
        'inter.broker.listener.name=<TLS_LISTENER>\ncontroller.listener.names=CONTROLLER\nlistener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT\n',
    },
    {
      name: 'ZooKeeper mode: a PLAINTEXT control-plane listener is reported too',
      text: 'broker.id=1\nzookeeper.connect=zk:2181\nlisteners=SSL://:9093,CONTROL://:9095\nlistener.security.protocol.map=SSL:SSL,CONTROL:PLAINTEXT\ninter.broker.listener.name=SSL\ncontrol.plane.listener.name=CONTROL\n',
      findings: [{ line: 6, column: 29, endLine: 6, endColumn: 36, severity: 'warning', messageIncludes: 'control.plane.listener.name' }],
      output:
        'broker.id=1\nzookeeper.connect=zk:2181\nlisteners=SSL://:9093,CONTROL://:9095\nlistener.security.protocol.map=SSL:SSL,CONTROL:SSL\n' +
        'listener.name.control.ssl.keystore.location=<PATH_TO_KEYSTORE>\nlistener.name.control.ssl.keystore.password=${file:<SECRETS_FILE>:control.keystore.password}\n' +
        'inter.broker.listener.name=SSL\ncontrol.plane.listener.name=CONTROL\n',
      suggestionOutputs: [
        'broker.id=1\nzookeeper.connect=zk:2181\nlisteners=SSL://:9093,CONTROL://:9095\nlistener.security.protocol.map=SSL:SSL,CONTROL:SASL_SSL\n' +
          'listener.name.control.ssl.keystore.location=<PATH_TO_KEYSTORE>\nlistener.name.control.ssl.keystore.password=${file:<SECRETS_FILE>:control.keystore.password}\n' +
          'inter.broker.listener.name=SSL\ncontrol.plane.listener.name=CONTROL\n',
      ],
    },
  ],
});
