import { ruleTester } from '../rule-tester';

const TLS_MATERIAL = (eol = '\n', clientAuth = true) =>
  `listener.name.controller.ssl.keystore.location=<PATH_TO_KEYSTORE>${eol}` +
  `listener.name.controller.ssl.keystore.password=\${file:<SECRETS_FILE>:controller.keystore.password}${eol}` +
  `listener.name.controller.ssl.truststore.location=<PATH_TO_TRUSTSTORE>${eol}` +
  (clientAuth ? `listener.name.controller.ssl.client.auth=required${eol}` : '');

const KRAFT_39 =
  'process.roles=broker,controller\nnode.id=1\ncontroller.quorum.voters=1@localhost:9093\n' +
  'listeners=PLAINTEXT://:9092,CONTROLLER://:9093\ninter.broker.listener.name=PLAINTEXT\ncontroller.listener.names=CONTROLLER\n';

ruleTester('plaintext-controller-listener', {
  valid: [
    {
      name: 'controller listener mapped to SSL',
      text: 'process.roles=controller\nnode.id=1\nlisteners=CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\nlistener.security.protocol.map=CONTROLLER:SSL\n',
    },
    {
      name: 'single-node development on 127.0.0.1',
      text: 'process.roles=broker,controller\nnode.id=1\ncontroller.quorum.voters=1@127.0.0.1:9093\nlisteners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093\ncontroller.listener.names=CONTROLLER\n',
    },
    {
      name: 'broker-only node that reaches the controllers on loopback only',
      text: 'process.roles=broker\nnode.id=2\ncontroller.quorum.bootstrap.servers=localhost:9093\nlisteners=SSL://:9092\ninter.broker.listener.name=SSL\ncontroller.listener.names=CONTROLLER\nlistener.security.protocol.map=SSL:SSL,CONTROLLER:PLAINTEXT\n',
    },
    {
      name: 'Kafka 3.0 had no implicit PLAINTEXT mapping for controller names',
      text: 'process.roles=controller\nnode.id=1\nlisteners=CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\n',
      options: { kafkaVersion: '3.0' },
    },
    {
      name: 'no implicit mapping when listeners mention SSL',
      text: 'process.roles=broker,controller\nnode.id=1\nlisteners=SSL://:9092,CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\n',
    },
    { name: 'SASL_PLAINTEXT controller is left to sasl-plaintext-listener', text: KRAFT_39 + 'listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,PLAINTEXT:PLAINTEXT\n' },
    { name: 'ZooKeeper mode has no controller listeners', text: 'broker.id=0\nzookeeper.connect=zk:2181\nlisteners=SSL://:9093\ncontroller.listener.names=CONTROLLER\n' },
    { name: 'template controller names are not judged', text: 'process.roles=controller\nnode.id=1\nlisteners={{ listeners }}\ncontroller.listener.names={{ names }}\n' },
  ],
  invalid: [
    {
      name: 'Apache Kafka 3.9 default: explicit CONTROLLER:PLAINTEXT on a combined node',
      text: KRAFT_39 + 'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT\n',
      findings: [{ line: 4, column: 29, endLine: 4, endColumn: 47, severity: 'warning', messageIncludes: 'CONTROLLER' }],
      fixSafety: 'suggestion',
      output: KRAFT_39 + 'listener.security.protocol.map=CONTROLLER:SSL,PLAINTEXT:PLAINTEXT\n' + TLS_MATERIAL(),
    },
    {
      name: 'controller-only node with the implicit mapping: the full map is written',
      text: 'process.roles=controller\nnode.id=1\ncontroller.quorum.bootstrap.servers=ctrl-0:9093\nlisteners=CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\n',
      findings: [{ line: 4, column: 11, endLine: 4, endColumn: 29, severity: 'warning', messageIncludes: 'listener.security.protocol.map' }],
      output:
        'process.roles=controller\nnode.id=1\ncontroller.quorum.bootstrap.servers=ctrl-0:9093\nlisteners=CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\n' +
        'listener.security.protocol.map=CONTROLLER:SSL\n' +
        TLS_MATERIAL(),
    },
    {
      name: 'implicit mapping on a combined node keeps the other listeners in the new map',
      text: 'process.roles=broker,controller\nnode.id=1\ncontroller.quorum.voters=1@kafka-0:9093,2@kafka-1:9093\nlisteners=PLAINTEXT://:9092,CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\n',
      findings: [{ line: 4, column: 29, endLine: 4, endColumn: 47, severity: 'warning' }],
      output:
        'process.roles=broker,controller\nnode.id=1\ncontroller.quorum.voters=1@kafka-0:9093,2@kafka-1:9093\nlisteners=PLAINTEXT://:9092,CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\n' +
        'listener.security.protocol.map=CONTROLLER:SSL,PLAINTEXT:PLAINTEXT\n' +
        TLS_MATERIAL(),
    },
    {
      name: 'broker-only node: outbound link to controllers on public addresses is an error; map on a continuation line, CRLF kept',
      text:
        'process.roles=broker\r\nnode.id=4\r\ncontroller.quorum.voters=1@203.0.113.10:9093\r\nlisteners=SASL_SSL://:9092\r\ninter.broker.listener.name=SASL_SSL\r\n' +
        'controller.listener.names=CONTROLLER\r\nlistener.security.protocol.map=SASL_SSL:SASL_SSL,\\\r\n    CONTROLLER:PLAINTEXT\r\n',
      findings: [{ line: 6, column: 27, endLine: 6, endColumn: 37, severity: 'error' }],
      output:
        'process.roles=broker\r\nnode.id=4\r\ncontroller.quorum.voters=1@203.0.113.10:9093\r\nlisteners=SASL_SSL://:9092\r\ninter.broker.listener.name=SASL_SSL\r\n' +
        'controller.listener.names=CONTROLLER\r\nlistener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL\r\n' +
        TLS_MATERIAL('\r\n', false),
    },
    {
      name: 'existing TLS settings for the controller listener are kept, not overwritten',
      text: KRAFT_39 + 'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT\nlistener.name.controller.ssl.truststore.location=/etc/kafka/tls/truststore.p12\n',
      findings: [{ line: 4, column: 29, endLine: 4, endColumn: 47, severity: 'warning' }],
      output:
        KRAFT_39 +
        'listener.security.protocol.map=CONTROLLER:SSL,PLAINTEXT:PLAINTEXT\n' +
        'listener.name.controller.ssl.keystore.location=<PATH_TO_KEYSTORE>\nlistener.name.controller.ssl.keystore.password=${file:<SECRETS_FILE>:controller.keystore.password}\n' +
        'listener.name.controller.ssl.client.auth=required\n' +
        'listener.name.controller.ssl.truststore.location=/etc/kafka/tls/truststore.p12\n',
    },
  ],
});
