import { ruleTester } from '../rule-tester';

const lines = (...l: string[]) => l.join('\n') + '\n';

ruleTester('tls-server-verification-disabled', {
  valid: [
    { name: 'Java client with https', path: 'client.properties', text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SSL\nssl.endpoint.identification.algorithm=https\n' },
    { name: 'Java client relying on the default (2.0+)', path: 'client.properties', text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SSL\n' },
    { name: 'broker with HTTPS in any letter case', text: 'broker.id=1\nlisteners=SSL://:9093\ninter.broker.listener.name=SSL\nssl.endpoint.identification.algorithm=HTTPS\n' },
    { name: 'ZooKeeper client check is HTTPS', text: 'broker.id=1\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\nzookeeper.ssl.endpoint.identification.algorithm=Https\n' },
    { name: 'zookeeper.* keys are not read in KRaft mode (left to ineffective-security-key)', text: 'process.roles=broker\nnode.id=1\nlisteners=SSL://:9093\nzookeeper.ssl.endpoint.identification.algorithm=\n' },
    { name: 'librdkafka with verification on', path: 'rdkafka.conf', text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=ssl\nenable.ssl.certificate.verification=true\nssl.endpoint.identification.algorithm=https\n' },
    { name: 'zoo.cfg with hostname verification on', path: 'zoo.cfg', text: 'dataDir=/var/lib/zk\nsecureClientPort=2182\nssl.hostnameVerification=true\nssl.quorum.hostnameVerification=TRUE\n' },
    { name: 'template value is not judged', path: 'client.properties', text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SSL\nssl.endpoint.identification.algorithm={{ .Values.alg }}\n' },
    {
      name: 'Spring: https written in the properties map',
      path: 'application.yml',
      text: lines('spring:', '  kafka:', '    bootstrap-servers: kafka-1.example.com:9093', '    properties:', '      security.protocol: SSL', '      ssl.endpoint.identification.algorithm: https'),
    },
  ],
  invalid: [
    {
      name: 'Java client with a blank value (the entry is underlined)',
      path: 'client.properties',
      text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SSL\nssl.endpoint.identification.algorithm=\n',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 39, severity: 'error', messageIncludes: 'ssl.endpoint.identification.algorithm' }],
      fixSafety: 'suggestion',
      output: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SSL\nssl.endpoint.identification.algorithm=https\n',
      suggestionOutputs: ['bootstrap.servers=kafka:9093\nsecurity.protocol=SSL\n'],
    },
    {
      name: 'blank value followed by a space, CRLF kept',
      path: 'producer.ssl.config',
      text: 'ssl.truststore.location=/etc/kafka/secrets/truststore.jks\r\nssl.endpoint.identification.algorithm= \r\nsecurity.protocol=SSL\r\n',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 40, severity: 'error' }],
      output: 'ssl.truststore.location=/etc/kafka/secrets/truststore.jks\r\nssl.endpoint.identification.algorithm= https\r\nsecurity.protocol=SSL\r\n',
    },
    {
      name: 'Connect task producer prefix',
      path: 'connect-distributed.properties',
      text: 'bootstrap.servers=kafka:9093\ngroup.id=connect\nconfig.storage.topic=connect-configs\nsecurity.protocol=SSL\nproducer.security.protocol=SSL\nproducer.ssl.endpoint.identification.algorithm=\n',
      findings: [{ line: 6, column: 1, endLine: 6, endColumn: 48, severity: 'error', messageIncludes: 'producer.ssl.endpoint.identification.algorithm' }],
      output:
        'bootstrap.servers=kafka:9093\ngroup.id=connect\nconfig.storage.topic=connect-configs\nsecurity.protocol=SSL\nproducer.security.protocol=SSL\nproducer.ssl.endpoint.identification.algorithm=https\n',
      suggestionOutputs: [],
    },
    {
      name: 'broker: blank top-level value with a TLS inter-broker listener; ZooKeeper check not HTTPS',
      text:
        'broker.id=1\nzookeeper.connect=zk:2182\nlisteners=SSL://:9093\ninter.broker.listener.name=SSL\nssl.endpoint.identification.algorithm=\n' +
        'zookeeper.ssl.client.enable=true\nzookeeper.ssl.endpoint.identification.algorithm=none\n',
      findings: [
        { line: 5, column: 1, endLine: 5, endColumn: 39, severity: 'error' },
        { line: 7, column: 49, endLine: 7, endColumn: 53, severity: 'error', messageIncludes: 'zookeeper.ssl.endpoint.identification.algorithm' },
      ],
      output:
        'broker.id=1\nzookeeper.connect=zk:2182\nlisteners=SSL://:9093\ninter.broker.listener.name=SSL\nssl.endpoint.identification.algorithm=https\n' +
        'zookeeper.ssl.client.enable=true\nzookeeper.ssl.endpoint.identification.algorithm=HTTPS\n',
    },
    {
      name: 'broker: a blank on a listener with no outbound TLS connection is info',
      text: 'broker.id=1\nlisteners=SSL://:9093,EXTERNAL://:9094\nlistener.security.protocol.map=SSL:SSL,EXTERNAL:SSL\ninter.broker.listener.name=SSL\nlistener.name.external.ssl.endpoint.identification.algorithm=\n',
      findings: [{ line: 5, column: 1, endLine: 5, endColumn: 62, severity: 'info' }],
      output: 'broker.id=1\nlisteners=SSL://:9093,EXTERNAL://:9094\nlistener.security.protocol.map=SSL:SSL,EXTERNAL:SSL\ninter.broker.listener.name=SSL\nlistener.name.external.ssl.endpoint.identification.algorithm=https\n',
    },
    {
      name: 'broker: one-node KRaft cluster is info',
      text:
        'process.roles=broker,controller\nnode.id=1\ncontroller.quorum.voters=1@kafka-0:9093\nlisteners=SSL://:9092,CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\n' +
        'listener.security.protocol.map=SSL:SSL,CONTROLLER:SSL\ninter.broker.listener.name=SSL\nssl.endpoint.identification.algorithm=\n',
      findings: [{ line: 8, column: 1, endLine: 8, endColumn: 39, severity: 'info' }],
      output:
        'process.roles=broker,controller\nnode.id=1\ncontroller.quorum.voters=1@kafka-0:9093\nlisteners=SSL://:9092,CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\n' +
        'listener.security.protocol.map=SSL:SSL,CONTROLLER:SSL\ninter.broker.listener.name=SSL\nssl.endpoint.identification.algorithm=https\n',
    },
    {
      name: 'librdkafka: none (any case) and certificate verification off',
      path: 'rdkafka.conf',
      text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=ssl\nssl.endpoint.identification.algorithm=NONE\nenable.ssl.certificate.verification=f\n',
      findings: [
        { line: 3, column: 39, endLine: 3, endColumn: 43, severity: 'error' },
        { line: 4, column: 37, endLine: 4, endColumn: 38, severity: 'error', messageIncludes: 'enable.ssl.certificate.verification' },
      ],
      output: 'bootstrap.servers=kafka:9093\nsecurity.protocol=ssl\nssl.endpoint.identification.algorithm=https\nenable.ssl.certificate.verification=true\n',
    },
    {
      name: 'zoo.cfg: any value but true turns verification off; escaped value',
      path: 'zoo.cfg',
      text: 'dataDir=/var/lib/zk\nsecureClientPort=2182\nssl.hostnameVerification=\\u0066alse\nssl.quorum.hostnameVerification=no\n',
      findings: [
        { line: 3, column: 26, endLine: 3, endColumn: 36, severity: 'error' },
        { line: 4, column: 33, endLine: 4, endColumn: 35, severity: 'error', messageIncludes: 'ssl.quorum.hostnameVerification' },
      ],
      output: 'dataDir=/var/lib/zk\nsecureClientPort=2182\nssl.hostnameVerification=true\nssl.quorum.hostnameVerification=true\n',
      suggestionOutputs: ['dataDir=/var/lib/zk\nsecureClientPort=2182\nssl.quorum.hostnameVerification=no\n'],
    },
    {
      name: 'Kafka 1.1 Java client: an absent key meant no verification',
      path: 'client.properties',
      options: { kafkaVersion: '1.1' },
      text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SSL\n',
      findings: [{ line: 2, column: 19, endLine: 2, endColumn: 22, severity: 'warning' }],
      output: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SSL\nssl.endpoint.identification.algorithm=https\n',
    },
    {
      name: 'Spring (application.yml): "" in spring.kafka.properties becomes "https" (quotes kept); removing it drops the emptied properties map',
      path: 'application.yml',
      text: lines('spring:', '  kafka:', '    bootstrap-servers: kafka-1.example.com:9093', '    security:', '      protocol: SSL', '    properties:', '      ssl.endpoint.identification.algorithm: ""'),
      findings: [{ line: 7, column: 7, endLine: 7, endColumn: 48, severity: 'error' }],
      fixSafety: 'suggestion',
      output: lines('spring:', '  kafka:', '    bootstrap-servers: kafka-1.example.com:9093', '    security:', '      protocol: SSL', '    properties:', '      ssl.endpoint.identification.algorithm: "https"'),
      suggestionOutputs: [lines('spring:', '  kafka:', '    bootstrap-servers: kafka-1.example.com:9093', '    security:', '      protocol: SSL')],
    },
    {
      name: 'Spring (application.yml): a bracketed key with no value gets https after the colon',
      path: 'application.yml',
      text: lines('spring:', '  kafka:', '    bootstrap-servers: kafka-1.example.com:9093', '    properties:', '      security.protocol: SSL', '      "[ssl.endpoint.identification.algorithm]":'),
      findings: [{ line: 6, column: 7, endLine: 6, endColumn: 49, severity: 'error' }],
      output: lines('spring:', '  kafka:', '    bootstrap-servers: kafka-1.example.com:9093', '    properties:', '      security.protocol: SSL', '      "[ssl.endpoint.identification.algorithm]": https'),
      suggestionOutputs: [lines('spring:', '  kafka:', '    bootstrap-servers: kafka-1.example.com:9093', '    properties:', '      security.protocol: SSL')],
    },
    {
      name: 'Spring Cloud Stream binder configuration (single quotes kept)',
      path: 'application.yml',
      text: lines('spring:', '  cloud:', '    stream:', '      kafka:', '        binder:', '          brokers: kafka-1.example.com:9093', '          configuration:', '            security.protocol: SSL', "            ssl.endpoint.identification.algorithm: ''"),
      findings: [{ line: 9, column: 13, endLine: 9, endColumn: 54, severity: 'error' }],
      output: lines('spring:', '  cloud:', '    stream:', '      kafka:', '        binder:', '          brokers: kafka-1.example.com:9093', '          configuration:', '            security.protocol: SSL', "            ssl.endpoint.identification.algorithm: 'https'"),
    },
    {
      name: 'Spring (application.properties): a producer-only blank value',
      path: 'application.properties',
      text: lines('spring.kafka.bootstrap-servers=kafka-1.example.com:9093', 'spring.kafka.security.protocol=SSL', 'spring.kafka.producer.properties.ssl.endpoint.identification.algorithm='),
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 72, severity: 'error' }],
      output: lines('spring.kafka.bootstrap-servers=kafka-1.example.com:9093', 'spring.kafka.security.protocol=SSL', 'spring.kafka.producer.properties.ssl.endpoint.identification.algorithm=https'),
      suggestionOutputs: [lines('spring.kafka.bootstrap-servers=kafka-1.example.com:9093', 'spring.kafka.security.protocol=SSL')],
    },
  ],
});
