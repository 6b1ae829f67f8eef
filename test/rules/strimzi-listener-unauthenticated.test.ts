import { ruleTester } from '../rule-tester';

const head = 'apiVersion: kafka.strimzi.io/v1\nkind: Kafka\nmetadata:\n  name: my-cluster\nspec:\n  kafka:\n    listeners:\n';

ruleTester('strimzi-listener-unauthenticated', {
  valid: [
    {
      name: 'every listener authenticates (tls, scram-sha-512, custom)',
      path: 'kafka.yaml',
      text:
        head +
        '      - name: tls\n        port: 9093\n        type: internal\n        tls: true\n        authentication:\n          type: tls\n' +
        '      - name: scram\n        port: 9094\n        type: loadbalancer\n        tls: true\n        authentication:\n          type: scram-sha-512\n' +
        '      - name: custom\n        port: 9095\n        type: internal\n        tls: true\n        authentication:\n          type: custom\n          sasl: true\n',
    },
    {
      name: 'KafkaConnect is a client, not a listener',
      path: 'connect.yaml',
      text: 'apiVersion: kafka.strimzi.io/v1\nkind: KafkaConnect\nmetadata:\n  name: c\nspec:\n  bootstrapServers: my-cluster-kafka-bootstrap:9092\n',
    },
    {
      name: 'Confluent for Kubernetes Kafka is not Strimzi',
      path: 'kafka.yaml',
      text: 'apiVersion: platform.confluent.io/v1beta1\nkind: Kafka\nmetadata:\n  name: kafka\nspec:\n  replicas: 3\n  listeners:\n    external:\n      tls:\n        enabled: false\n',
    },
  ],
  invalid: [
    {
      name: 'internal PLAINTEXT listener (warning) and nodeport listener (error); tls authentication added, tls turned on where needed',
      path: 'kafka.yaml',
      text:
        head +
        '      - name: plain\n        port: 9092\n        type: internal\n        tls: false\n' +
        '      - name: external\n        port: 9094\n        type: nodeport\n        tls: true\n        configuration:\n          preferredNodePortAddressType: InternalDNS\n',
      findings: [
        { line: 8, column: 15, endLine: 8, endColumn: 20, severity: 'warning', messageIncludes: 'PLAIN-9092' },
        { line: 12, column: 15, endLine: 12, endColumn: 23, severity: 'error', messageIncludes: 'nodeport' },
      ],
      fixSafety: 'suggestion',
      output:
        head +
        '      - name: plain\n        port: 9092\n        type: internal\n        tls: true\n        authentication:\n          type: tls\n' +
        '      - name: external\n        port: 9094\n        type: nodeport\n        tls: true\n        authentication:\n          type: tls\n        configuration:\n          preferredNodePortAddressType: InternalDNS\n',
      suggestionOutputs: [
        head +
          '      - name: plain\n        port: 9092\n        type: internal\n        tls: true\n        authentication:\n          type: scram-sha-512\n' +
          '      - name: external\n        port: 9094\n        type: nodeport\n        tls: true\n        configuration:\n          preferredNodePortAddressType: InternalDNS\n',
        head +
          '      - name: plain\n        port: 9092\n        type: internal\n        tls: false\n        authentication:\n          type: scram-sha-512\n' +
          '      - name: external\n        port: 9094\n        type: nodeport\n        tls: true\n        configuration:\n          preferredNodePortAddressType: InternalDNS\n',
      ],
    },
    {
      name: 'route listener is an error',
      path: 'kafka.yaml',
      text: head + '      - name: route\n        port: 9096\n        type: route\n        tls: true\n',
      findings: [{ line: 8, column: 15, endLine: 8, endColumn: 20, severity: 'error' }],
      output: head + '      - name: route\n        port: 9096\n        type: route\n        tls: true\n        authentication:\n          type: tls\n',
    },
    {
      name: 'flow-style listener limited by networkPolicyPeers is information; the fix stays in flow style',
      path: 'kafka.yaml',
      text: head + '      - {name: tls, port: 9093, type: internal, tls: true, networkPolicyPeers: [{podSelector: {matchLabels: {app: client}}}]}\n',
      findings: [{ line: 8, column: 16, endLine: 8, endColumn: 19, severity: 'info' }],
      output: head + '      - {name: tls, port: 9093, type: internal, tls: true, authentication: {type: tls}, networkPolicyPeers: [{podSelector: {matchLabels: {app: client}}}]}\n',
    },
    {
      name: 'old v1beta1 map-style listeners, CRLF kept: plain can only get SCRAM, tls gets client certificates',
      path: 'kafka.yaml',
      text: 'apiVersion: kafka.strimzi.io/v1beta1\r\nkind: Kafka\r\nmetadata:\r\n  name: old\r\nspec:\r\n  kafka:\r\n    listeners:\r\n      plain: {}\r\n      tls: {}\r\n  zookeeper:\r\n    replicas: 3\r\n',
      findings: [
        { line: 8, column: 7, endLine: 8, endColumn: 12, severity: 'warning' },
        { line: 9, column: 7, endLine: 9, endColumn: 10, severity: 'warning' },
      ],
      output:
        'apiVersion: kafka.strimzi.io/v1beta1\r\nkind: Kafka\r\nmetadata:\r\n  name: old\r\nspec:\r\n  kafka:\r\n    listeners:\r\n      plain: {authentication: {type: scram-sha-512}}\r\n      tls: {authentication: {type: tls}}\r\n  zookeeper:\r\n    replicas: 3\r\n',
    },
  ],
});
