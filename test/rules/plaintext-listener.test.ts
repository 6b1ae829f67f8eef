import { ruleTester } from '../rule-tester';

ruleTester('plaintext-listener', {
  valid: [
    { name: 'TLS and SASL_SSL listeners', text: 'process.roles=broker\nlisteners=SSL://:9093,SASL_SSL://:9094\n' },
    { name: 'loopback-only PLAINTEXT bind', text: 'broker.id=0\nlisteners=PLAINTEXT://127.0.0.1:9092\n' },
    { name: 'custom name mapped to SSL', text: 'broker.id=0\nlisteners=INTERNAL://:9092\nlistener.security.protocol.map=INTERNAL:SSL\n' },
    { name: 'KRaft controller listener is left to plaintext-controller-listener', text: 'process.roles=controller\nnode.id=1\nlisteners=CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\n' },
    { name: 'absent listeners are left to implicit-plaintext-listener', text: 'broker.id=0\nzookeeper.connect=zk:2181\n' },
    { name: 'map entries for names not in listeners do not fire', text: 'broker.id=0\nlisteners=SSL://:9093\nlistener.security.protocol.map=SSL:SSL,PLAINTEXT:PLAINTEXT\n' },
    { name: 'client configs are not brokers', path: 'client.properties', text: 'bootstrap.servers=kafka:9092\nsecurity.protocol=SSL\n' },
  ],
  invalid: [
    {
      name: 'identity-named PLAINTEXT listener is renamed',
      text: 'broker.id=0\nlisteners=PLAINTEXT://:9092\nadvertised.listeners=PLAINTEXT://kafka-0.kafka:9092\n',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 28, severity: 'warning' }],
      fixSafety: 'suggestion',
      output:
        'broker.id=0\nlisteners=SASL_SSL://:9092\nlistener.name.sasl_ssl.ssl.keystore.location=<PATH_TO_KEYSTORE>\nlistener.name.sasl_ssl.ssl.keystore.password=${file:<SECRETS_FILE>:sasl_ssl.keystore.password}\nadvertised.listeners=SASL_SSL://kafka-0.kafka:9092\n',
      suggestionOutputs: [
        'broker.id=0\nlisteners=SSL://:9092\nlistener.name.ssl.ssl.keystore.location=<PATH_TO_KEYSTORE>\nlistener.name.ssl.ssl.keystore.password=${file:<SECRETS_FILE>:ssl.keystore.password}\nadvertised.listeners=SSL://kafka-0.kafka:9092\n',
      ],
    },
    {
      name: 'custom name mapped to PLAINTEXT: the map entry changes, CRLF kept',
      text: 'broker.id=0\r\nlisteners=INTERNAL://:9092,EXTERNAL://:9094\r\nlistener.security.protocol.map=INTERNAL:SSL,EXTERNAL:PLAINTEXT\r\n',
      findings: [{ line: 2, column: 28, endLine: 2, endColumn: 44, severity: 'warning' }],
      output:
        'broker.id=0\r\nlisteners=INTERNAL://:9092,EXTERNAL://:9094\r\nlistener.security.protocol.map=INTERNAL:SSL,EXTERNAL:SASL_SSL\r\nlistener.name.external.ssl.keystore.location=<PATH_TO_KEYSTORE>\r\nlistener.name.external.ssl.keystore.password=${file:<SECRETS_FILE>:external.keystore.password}\r\n',
    },
    {
      name: 'advertised on a public address is an error',
      text: 'broker.id=0\nlisteners=PLAINTEXT://0.0.0.0:9092\nadvertised.listeners=PLAINTEXT://kafka.example.com:9092\n',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 35, severity: 'error' }],
      output:
        'broker.id=0\nlisteners=SASL_SSL://0.0.0.0:9092\nlistener.name.sasl_ssl.ssl.keystore.location=<PATH_TO_KEYSTORE>\nlistener.name.sasl_ssl.ssl.keystore.password=${file:<SECRETS_FILE>:sasl_ssl.keystore.password}\nadvertised.listeners=SASL_SSL://kafka.example.com:9092\n',
    },
    {
      name: 'non-ASCII text before the listener keeps UTF-16 columns',
      text: '# réseau überall\nbroker.id=0\nlisteners=PLAINTEXT://:9092\n',
      findings: [{ line: 3, column: 11, endLine: 3, endColumn: 28, severity: 'warning' }],
      output:
        '# réseau überall\nbroker.id=0\nlisteners=SASL_SSL://:9092\nlistener.name.sasl_ssl.ssl.keystore.location=<PATH_TO_KEYSTORE>\nlistener.name.sasl_ssl.ssl.keystore.password=${file:<SECRETS_FILE>:sasl_ssl.keystore.password}\n',
    },
  ],
});
