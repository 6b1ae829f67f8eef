import { ruleTester } from '../rule-tester';

const head = 'apiVersion: kafka.strimzi.io/v1\nkind: Kafka\nmetadata:\n  name: my-cluster\nspec:\n  kafka:\n    listeners:\n';

ruleTester('strimzi-listener-open-network', {
  valid: [
    {
      name: 'every listener lists its peers',
      path: 'kafka.yaml',
      text:
        head +
        '      - name: tls\n        port: 9093\n        type: internal\n        tls: true\n        networkPolicyPeers:\n          - podSelector:\n              matchLabels:\n                app: clients\n' +
        '      - {name: ext, port: 9094, type: loadbalancer, tls: true, networkPolicyPeers: [{ipBlock: {cidr: 10.0.0.0/8}}]}\n',
    },
    {
      name: 'not a Strimzi resource',
      path: 'server.properties',
      text: 'broker.id=0\nlisteners=SSL://:9093\n',
    },
  ],
  invalid: [
    {
      name: 'unauthenticated PLAINTEXT listener (warning) and authenticated TLS listener (information)',
      path: 'kafka.yaml',
      text:
        head +
        '      - name: plain\n        port: 9092\n        type: internal\n        tls: false\n' +
        '      - name: tls\n        port: 9093\n        type: internal\n        tls: true\n        authentication:\n          type: tls\n',
      findings: [
        { line: 8, column: 15, endLine: 8, endColumn: 20, severity: 'warning', messageIncludes: 'unauthenticated and unencrypted' },
        { line: 12, column: 15, endLine: 12, endColumn: 18, severity: 'info' },
      ],
      fixSafety: 'suggestion',
      output:
        head +
        '      - name: plain\n        port: 9092\n        type: internal\n        tls: false\n        networkPolicyPeers:\n          - podSelector:\n              matchLabels:\n                <LABEL>: <VALUE>\n' +
        '      - name: tls\n        port: 9093\n        type: internal\n        tls: true\n        authentication:\n          type: tls\n        networkPolicyPeers:\n          - podSelector:\n              matchLabels:\n                <LABEL>: <VALUE>\n',
      suggestionOutputs: [
        head +
          '      - name: plain\n        port: 9092\n        type: internal\n        tls: false\n        networkPolicyPeers:\n          - ipBlock:\n              cidr: <CLIENT_CIDR>\n' +
          '      - name: tls\n        port: 9093\n        type: internal\n        tls: true\n        authentication:\n          type: tls\n',
      ],
    },
    {
      name: 'external listener with an empty peer list gets an address range; zero-indented sequences and CRLF kept',
      path: 'kafka.yaml',
      text: 'apiVersion: kafka.strimzi.io/v1\r\nkind: Kafka\r\nmetadata:\r\n  name: c\r\nspec:\r\n  kafka:\r\n    listeners:\r\n    - name: ext\r\n      port: 9094\r\n      type: nodeport\r\n      tls: true\r\n      authentication:\r\n        type: tls\r\n      networkPolicyPeers: []\r\n',
      findings: [{ line: 8, column: 13, endLine: 8, endColumn: 16, severity: 'info' }],
      output: 'apiVersion: kafka.strimzi.io/v1\r\nkind: Kafka\r\nmetadata:\r\n  name: c\r\nspec:\r\n  kafka:\r\n    listeners:\r\n    - name: ext\r\n      port: 9094\r\n      type: nodeport\r\n      tls: true\r\n      authentication:\r\n        type: tls\r\n      networkPolicyPeers: [{ipBlock: {cidr: <CLIENT_CIDR>}}]\r\n',
    },
    {
      name: 'listener without peers at the end of the file (no final newline)',
      path: 'kafka.yaml',
      text: 'apiVersion: kafka.strimzi.io/v1\nkind: Kafka\nmetadata:\n  name: c\nspec:\n  kafka:\n    listeners:\n    - name: tls\n      port: 9093\n      type: internal\n      tls: true\n      authentication:\n        type: tls',
      findings: [{ line: 8, column: 13, endLine: 8, endColumn: 16, severity: 'info' }],
      output:
        'apiVersion: kafka.strimzi.io/v1\nkind: Kafka\nmetadata:\n  name: c\nspec:\n  kafka:\n    listeners:\n    - name: tls\n      port: 9093\n      type: internal\n      tls: true\n      authentication:\n        type: tls\n      networkPolicyPeers:\n      - podSelector:\n          matchLabels:\n            <LABEL>: <VALUE>\n',
    },
  ],
});
