import { ruleTester } from '../rule-tester';

const head = 'apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata:\n  name: my-cluster\nspec:\n  kafka:\n    listeners:\n      - name: tls\n        port: 9093\n        type: internal\n        tls: true\n';

ruleTester('strimzi-forbidden-config-ignored', {
  valid: [
    {
      name: 'the exceptions the operator allows, including per-listener keys of a declared listener',
      path: 'kafka.yaml',
      text:
        head +
        '    config:\n      ssl.enabled.protocols: TLSv1.3\n      ssl.cipher.suites: TLS_AES_256_GCM_SHA384\n      sasl.server.max.receive.size: 524288\n      zookeeper.connection.timeout.ms: 18000\n' +
        '      listener.name.tls-9093.connections.max.reauth.ms: 3600000\n      listener.name.tls-9093.max.connection.creation.rate: 20\n      controller.quorum.election.timeout.ms: 1000\n',
    },
    {
      name: 'KafkaConnect may set hostname verification',
      path: 'connect.yaml',
      text: 'apiVersion: kafka.strimzi.io/v1\nkind: KafkaConnect\nmetadata:\n  name: c\nspec:\n  bootstrapServers: b:9093\n  tls:\n    trustedCertificates: []\n  config:\n    ssl.endpoint.identification.algorithm: HTTPS\n',
    },
  ],
  invalid: [
    {
      name: 'broker and ZooKeeper keys the operator drops; controls move to the resource fields',
      path: 'kafka.yaml',
      text:
        head +
        '    config:\n      ssl.client.auth: required\n      authorizer.class.name: kafka.security.authorizer.AclAuthorizer\n      super.users: User:admin;User:ops\n      ssl.enabled.protocols: TLSv1.3\n      listener.name.other-9999.max.connections: 10\n' +
        '  zookeeper:\n    replicas: 3\n    config:\n      ssl.quorum.hostnameVerification: false\n      clientPort: 2181\n',
      findings: [
        { line: 13, column: 7, endLine: 13, endColumn: 22, severity: 'warning', messageIncludes: '"ssl."' },
        { line: 14, column: 7, endLine: 14, endColumn: 28, severity: 'warning', messageIncludes: 'spec.kafka.authorization' },
        { line: 15, column: 7, endLine: 15, endColumn: 18, severity: 'warning', messageIncludes: 'super.user' },
        { line: 17, column: 7, endLine: 17, endColumn: 47, severity: 'warning', messageIncludes: 'other-9999' },
        { line: 22, column: 7, endLine: 22, endColumn: 17, severity: 'warning', messageIncludes: 'ZooKeeper' },
      ],
      fixSafety: 'suggestion',
      output:
        head +
        '        authentication:\n          type: tls\n    authorization:\n      type: simple\n      superUsers:\n        - admin\n        - ops\n' +
        '    config:\n      ssl.enabled.protocols: TLSv1.3\n' +
        '  zookeeper:\n    replicas: 3\n    config:\n      ssl.quorum.hostnameVerification: false\n',
      suggestionOutputs: [
        head +
          '    config:\n      authorizer.class.name: kafka.security.authorizer.AclAuthorizer\n      super.users: User:admin;User:ops\n      ssl.enabled.protocols: TLSv1.3\n      listener.name.other-9999.max.connections: 10\n' +
          '  zookeeper:\n    replicas: 3\n    config:\n      ssl.quorum.hostnameVerification: false\n      clientPort: 2181\n',
      ],
    },
    {
      name: 'a config holding only dropped keys is removed whole; CRLF kept',
      path: 'kafka.yaml',
      text: head.replace(/\n/g, '\r\n') + '    config:\r\n      listeners: PLAINTEXT://:9092\r\n      security.inter.broker.protocol: PLAINTEXT\r\n    storage:\r\n      type: ephemeral\r\n',
      findings: [
        { line: 13, column: 7, endLine: 13, endColumn: 16, severity: 'warning' },
        { line: 14, column: 7, endLine: 14, endColumn: 37, severity: 'warning' },
      ],
      output: head.replace(/\n/g, '\r\n') + '    storage:\r\n      type: ephemeral\r\n',
    },
    {
      name: 'KafkaConnect: TLS keys belong in tls and authentication',
      path: 'connect.yaml',
      text: 'apiVersion: kafka.strimzi.io/v1\nkind: KafkaConnect\nmetadata:\n  name: c\nspec:\n  bootstrapServers: b:9093\n  config:\n    group.id: g\n    ssl.keystore.password: changeit\n',
      findings: [{ line: 9, column: 5, endLine: 9, endColumn: 26, severity: 'warning', messageIncludes: 'Kafka Connect' }],
      output: 'apiVersion: kafka.strimzi.io/v1\nkind: KafkaConnect\nmetadata:\n  name: c\nspec:\n  bootstrapServers: b:9093\n  config:\n    group.id: g\n',
    },
    {
      name: 'custom listener authentication: ssl. keys of listenerConfig are dropped',
      path: 'kafka.yaml',
      text:
        head +
        '        authentication:\n          type: custom\n          sasl: true\n          listenerConfig:\n            sasl.enabled.mechanisms: SCRAM-SHA-512\n            ssl.client.auth: required\n',
      findings: [{ line: 17, column: 13, endLine: 17, endColumn: 28, severity: 'warning', messageIncludes: 'TLS-9093' }],
      output: head + '        authentication:\n          type: custom\n          sasl: true\n          listenerConfig:\n            sasl.enabled.mechanisms: SCRAM-SHA-512\n',
    },
  ],
});
