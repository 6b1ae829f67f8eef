import { ruleTester } from '../rule-tester';

const CONNECT = 'bootstrap.servers=kafka:9093\ngroup.id=connect\nconfig.storage.topic=connect-configs\n';

ruleTester('client-insecure-security-protocol', {
  valid: [
    { name: 'SASL_SSL client', path: 'client.properties', text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n' },
    { name: 'loopback-only bootstrap servers (development)', path: 'consumer.properties', text: 'bootstrap.servers=localhost:9092,127.0.0.1:9093\ngroup.id=test\n' },
    { name: 'librdkafka enums are case-insensitive', path: 'rdkafka.conf', text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=Sasl_Ssl\nsasl.mechanisms=SCRAM-SHA-512\n' },
    {
      name: 'Connect worker with every task client configured',
      path: 'connect-distributed.properties',
      text: CONNECT + 'security.protocol=SSL\nproducer.security.protocol=SSL\nconsumer.security.protocol=SSL\nadmin.security.protocol=SSL\n',
    },
    { name: 'Connect admin clients inherit the top level (Worker.adminConfigs)', path: 'connect-distributed.properties', text: CONNECT + 'security.protocol=SSL\nproducer.security.protocol=SSL\nconsumer.security.protocol=SSL\n' },
    { name: 'Streams prefixes inherit the top level', path: 'streams.properties', text: 'application.id=orders\nbootstrap.servers=kafka:9093\nsecurity.protocol=SSL\nproducer.linger.ms=5\n' },
    {
      name: 'MirrorMaker 2: one alias set, the other inherits the top level',
      path: 'mm2.properties',
      text: '# kafkalint: role=mirrormaker\nclusters=A, B\nsecurity.protocol=SASL_SSL\nA.bootstrap.servers=a-1:9093\nB.bootstrap.servers=b-1:9093\nA.security.protocol=SSL\nA->B.enabled=true\n',
    },
    { name: 'config-provider reference cannot be evaluated', path: 'client.properties', text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=${file:/etc/kafka/client.properties:protocol}\n' },
    { name: 'broker files are not clients', text: 'broker.id=0\nlisteners=SSL://:9093\n' },
  ],
  invalid: [
    {
      name: 'absent security.protocol: the default PLAINTEXT, anchored on bootstrap.servers',
      path: 'producer.properties',
      text: 'bootstrap.servers=kafka-0.example.com:9092\nacks=all\n',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 43, severity: 'warning', messageIncludes: 'security.protocol' }],
      fixSafety: 'suggestion',
      output: 'bootstrap.servers=kafka-0.example.com:9092\nsecurity.protocol=SASL_SSL\nacks=all\n',
      suggestionOutputs: ['bootstrap.servers=kafka-0.example.com:9092\nsecurity.protocol=SSL\nacks=all\n'],
    },
    {
      name: 'SASL_PLAINTEXT with PLAIN is an error; the value is written across a continuation line',
      path: 'client.properties',
      text: 'bootstrap.servers=broker:9092\nsecurity.protocol=SASL_\\\n    PLAINTEXT\nsasl.mechanism=PLAIN\n',
      findings: [{ line: 2, column: 19, endLine: 3, endColumn: 14, severity: 'error' }],
      output: 'bootstrap.servers=broker:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n',
    },
    {
      name: 'SASL_PLAINTEXT with Kerberos (default GSSAPI) is a warning and only moves to SASL_SSL',
      path: 'producer.properties',
      text: 'bootstrap.servers=broker:9092\nsecurity.protocol=SASL_PLAINTEXT\nsasl.kerberos.service.name=kafka\n',
      findings: [{ line: 2, column: 19, endLine: 2, endColumn: 33, severity: 'warning' }],
      output: 'bootstrap.servers=broker:9092\nsecurity.protocol=SASL_SSL\nsasl.kerberos.service.name=kafka\n',
      suggestionOutputs: [],
    },
    {
      name: 'Connect: task producers and consumers do not inherit the worker\'s SASL_SSL',
      path: 'connect-distributed.properties',
      text: CONNECT + 'security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 27, severity: 'warning', messageIncludes: 'producer.security.protocol' }],
      output: CONNECT + 'security.protocol=SASL_SSL\nproducer.security.protocol=SASL_SSL\nconsumer.security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n',
      suggestionOutputs: [],
    },
    {
      name: 'Connect worker with no security at all: one finding, every missing key added (CRLF kept)',
      path: 'connect-distributed.properties',
      text: 'bootstrap.servers=kafka:9092\r\ngroup.id=connect\r\nconfig.storage.topic=connect-configs\r\n',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 29, severity: 'warning' }],
      output:
        'bootstrap.servers=kafka:9092\r\nsecurity.protocol=SASL_SSL\r\nproducer.security.protocol=SASL_SSL\r\nconsumer.security.protocol=SASL_SSL\r\ngroup.id=connect\r\nconfig.storage.topic=connect-configs\r\n',
      suggestionOutputs: [
        'bootstrap.servers=kafka:9092\r\nsecurity.protocol=SSL\r\nproducer.security.protocol=SSL\r\nconsumer.security.protocol=SSL\r\ngroup.id=connect\r\nconfig.storage.topic=connect-configs\r\n',
      ],
    },
    {
      name: 'Connect: an explicit admin.security.protocol=PLAINTEXT overrides the secure top level',
      path: 'connect-distributed.properties',
      text: CONNECT + 'security.protocol=SSL\nproducer.security.protocol=SSL\nconsumer.security.protocol=SSL\nadmin.security.protocol=PLAINTEXT\n',
      findings: [{ line: 7, column: 25, endLine: 7, endColumn: 34, severity: 'warning', messageIncludes: 'admin.security.protocol' }],
      output: CONNECT + 'security.protocol=SSL\nproducer.security.protocol=SSL\nconsumer.security.protocol=SSL\nadmin.security.protocol=SASL_SSL\n',
    },
    {
      name: 'Streams: a restore-consumer override with PLAIN over SASL_PLAINTEXT',
      path: 'streams.properties',
      text: 'application.id=orders\nbootstrap.servers=kafka:9093\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nrestore.consumer.security.protocol=SASL_PLAINTEXT\n',
      findings: [{ line: 5, column: 36, endLine: 5, endColumn: 50, severity: 'error', messageIncludes: 'restore.consumer.security.protocol' }],
      output: 'application.id=orders\nbootstrap.servers=kafka:9093\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nrestore.consumer.security.protocol=SASL_SSL\n',
    },
    {
      name: 'MirrorMaker 2: each cluster alias is evaluated on its own',
      path: 'mm2.properties',
      text: '# kafkalint: role=mirrormaker\nclusters=A, B\nA.bootstrap.servers=a-1:9092\nB.bootstrap.servers=b-1:9093\nB.security.protocol=SASL_SSL\nA->B.enabled=true\n',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 29, severity: 'warning', messageIncludes: 'A.security.protocol' }],
      output: '# kafkalint: role=mirrormaker\nclusters=A, B\nA.bootstrap.servers=a-1:9092\nA.security.protocol=SASL_SSL\nB.bootstrap.servers=b-1:9093\nB.security.protocol=SASL_SSL\nA->B.enabled=true\n',
      suggestionOutputs: ['# kafkalint: role=mirrormaker\nclusters=A, B\nA.bootstrap.servers=a-1:9092\nA.security.protocol=SSL\nB.bootstrap.servers=b-1:9093\nB.security.protocol=SASL_SSL\nA->B.enabled=true\n'],
    },
    {
      name: 'MirrorMaker 2: a top-level PLAINTEXT shared by both clusters is one finding',
      path: 'mm2.properties',
      text: '# kafkalint: role=mirrormaker\nclusters=A, B\nsecurity.protocol=PLAINTEXT\nA.bootstrap.servers=a-1:9092\nB.bootstrap.servers=b-1:9092\n',
      findings: [{ line: 3, column: 19, endLine: 3, endColumn: 28, severity: 'warning', messageIncludes: 'cluster B' }],
      output: '# kafkalint: role=mirrormaker\nclusters=A, B\nsecurity.protocol=SASL_SSL\nA.bootstrap.servers=a-1:9092\nB.bootstrap.servers=b-1:9092\n',
    },
    {
      name: 'librdkafka: value written with an escape; the fix uses the lower-case enum',
      path: 'rdkafka.conf',
      text: 'metadata.broker.list=kafka:9092\nsecurity.protocol=sasl\\_plaintext\nsasl.mechanisms=PLAIN\n',
      findings: [{ line: 2, column: 19, endLine: 2, endColumn: 34, severity: 'error' }],
      output: 'metadata.broker.list=kafka:9092\nsecurity.protocol=sasl_ssl\nsasl.mechanisms=PLAIN\n',
    },
    {
      name: 'librdkafka: absent security.protocol means plaintext',
      path: 'rdkafka.conf',
      text: 'bootstrap.servers=kafka:9092\nssl.ca.location=/etc/ssl/ca.pem\n',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 29, severity: 'warning' }],
      output: 'bootstrap.servers=kafka:9092\nsecurity.protocol=sasl_ssl\nssl.ca.location=/etc/ssl/ca.pem\n',
      suggestionOutputs: ['bootstrap.servers=kafka:9092\nsecurity.protocol=ssl\nssl.ca.location=/etc/ssl/ca.pem\n'],
    },
  ],
});
