import { ruleTester } from '../rule-tester';

const KEYSTORE = (l: string, eol = '\n') =>
  `listener.name.${l}.ssl.keystore.location=<PATH_TO_KEYSTORE>${eol}listener.name.${l}.ssl.keystore.password=\${file:<SECRETS_FILE>:${l}.keystore.password}${eol}`;

ruleTester('implicit-plaintext-listener', {
  valid: [
    { name: 'listeners is written', text: 'broker.id=0\nzookeeper.connect=zk:2181\nlisteners=PLAINTEXT://:9092\n' },
    { name: 'default listener name mapped to SSL', text: 'broker.id=0\nlistener.security.protocol.map=PLAINTEXT:SSL\n' },
    {
      name: 'fragment: advertised names that only another source can declare (apache/kafka image file input)',
      text: 'process.roles=broker\nadvertised.listeners=PLAINTEXT_HOST://localhost:9092,SSL://localhost:9093\ncontroller.listener.names=CONTROLLER\n',
    },
    { name: 'fragment: inter-broker listener that is not the default one', text: 'broker.id=0\ninter.broker.listener.name=INTERNAL\n' },
    { name: 'fragment: KRaft controller whose controller listener is not the default one', text: 'process.roles=controller\nnode.id=1\ncontroller.listener.names=CONTROLLER\n' },
    { name: 'fragment: overlay marked only by a role comment', text: '# kafkalint: role=broker\nnum.partitions=3\n' },
    { name: 'pre-3.0 broker bound to loopback through host.name', text: 'broker.id=0\nhost.name=127.0.0.1\nport=9092\n', options: { kafkaVersion: '2.8' } },
    { name: 'template value for listeners is not judged', text: 'broker.id=0\nadvertised.listeners={{ .Values.advertised }}\n' },
    { name: 'client configs are not brokers', path: 'client.properties', text: 'bootstrap.servers=kafka:9092\n' },
  ],
  invalid: [
    {
      name: 'ZooKeeper-mode broker without listeners (Apache Kafka 3.7 default shape)',
      text: '# The id of the broker\nbroker.id=0\nlog.dirs=/tmp/kafka-logs\nzookeeper.connect=localhost:2181\n',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 12, severity: 'warning', messageIncludes: 'PLAINTEXT://:9092' }],
      fixSafety: 'suggestion',
      output:
        '# The id of the broker\nbroker.id=0\nlisteners=SASL_SSL://:9093\ninter.broker.listener.name=SASL_SSL\n' +
        KEYSTORE('sasl_ssl') +
        'log.dirs=/tmp/kafka-logs\nzookeeper.connect=localhost:2181\n',
      suggestionOutputs: [
        '# The id of the broker\nbroker.id=0\nlisteners=SSL://:9093\ninter.broker.listener.name=SSL\n' + KEYSTORE('ssl') + 'log.dirs=/tmp/kafka-logs\nzookeeper.connect=localhost:2181\n',
      ],
    },
    {
      name: 'KRaft broker-only node: the map is written with the controller on SSL',
      text: 'process.roles=broker\nnode.id=2\ncontroller.quorum.bootstrap.servers=ctrl-0:9093\ncontroller.listener.names=CONTROLLER\n',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 21, severity: 'warning' }],
      output:
        'process.roles=broker\nlisteners=SASL_SSL://:9093\ninter.broker.listener.name=SASL_SSL\nlistener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL\n' +
        KEYSTORE('sasl_ssl') +
        'listener.name.controller.ssl.truststore.location=<PATH_TO_TRUSTSTORE>\n' +
        'node.id=2\ncontroller.quorum.bootstrap.servers=ctrl-0:9093\ncontroller.listener.names=CONTROLLER\n',
    },
    {
      name: 'pre-3.0 broker with host.name and port, CRLF kept; the advertised PLAINTEXT endpoint moves too',
      text: 'broker.id=1\r\nhost.name=10.0.0.5\r\nport=9092\r\nadvertised.listeners=PLAINTEXT://kafka-1.example.com:9092\r\n',
      options: { kafkaVersion: '2.8' },
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 58, severity: 'warning', messageIncludes: 'PLAINTEXT://10.0.0.5:9092' }],
      output:
        'broker.id=1\r\nhost.name=10.0.0.5\r\nport=9092\r\nadvertised.listeners=SASL_SSL://kafka-1.example.com:9093\r\nlisteners=SASL_SSL://:9093\r\ninter.broker.listener.name=SASL_SSL\r\n' +
        KEYSTORE('sasl_ssl', '\r\n'),
    },
    {
      name: 'advertised listener written on a continuation line',
      text: 'broker.id=1\nadvertised.listeners=\\\n    PLAINTEXT://kafka-1.example.com:9092\n',
      findings: [{ line: 2, column: 1, endLine: 3, endColumn: 41, severity: 'warning' }],
      output:
        'broker.id=1\nadvertised.listeners=\\\n    SASL_SSL://kafka-1.example.com:9093\nlisteners=SASL_SSL://:9093\ninter.broker.listener.name=SASL_SSL\n' + KEYSTORE('sasl_ssl'),
    },
    {
      name: 'explicit map gains an entry for the new listener; security.inter.broker.protocol follows',
      text: 'broker.id=1\nsecurity.inter.broker.protocol=PLAINTEXT\nlistener.security.protocol.map=PLAINTEXT:PLAINTEXT,SSL:SSL\n',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 59, severity: 'warning' }],
      output:
        'broker.id=1\nsecurity.inter.broker.protocol=SASL_SSL\nlistener.security.protocol.map=PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL\nlisteners=SASL_SSL://:9093\n' +
        KEYSTORE('sasl_ssl'),
    },
  ],
});
