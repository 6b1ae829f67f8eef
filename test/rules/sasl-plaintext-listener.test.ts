import { ruleTester } from '../rule-tester';

ruleTester('sasl-plaintext-listener', {
  valid: [
    { name: 'SASL_SSL listener', text: 'broker.id=1\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=PLAIN\n' },
    { name: 'loopback-only SASL_PLAINTEXT bind', text: 'broker.id=1\nlisteners=SASL_PLAINTEXT://127.0.0.1:9092\nsasl.enabled.mechanisms=PLAIN\n' },
    { name: 'map entries for names not in listeners do not fire', text: 'broker.id=1\nlisteners=SSL://:9093\nlistener.security.protocol.map=SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT\n' },
    {
      name: 'broker-only node reaching SASL_PLAINTEXT controllers on loopback only',
      text: 'process.roles=broker\nnode.id=2\ncontroller.quorum.voters=1@localhost:9093\nlisteners=SSL://:9092\ninter.broker.listener.name=SSL\ncontroller.listener.names=CONTROLLER\nlistener.security.protocol.map=SSL:SSL,CONTROLLER:SASL_PLAINTEXT\n',
    },
    { name: 'template mechanisms are not judged', text: 'broker.id=1\nlisteners=SASL_PLAINTEXT://:9092\nsasl.enabled.mechanisms={{ mechanisms }}\n' },
    { name: 'client files are left to client-insecure-security-protocol', path: 'client.properties', text: 'bootstrap.servers=kafka:9092\nsecurity.protocol=SASL_PLAINTEXT\n' },
  ],
  invalid: [
    {
      name: 'SCRAM only is a warning; identity-named listener is renamed',
      text: 'broker.id=1\nlisteners=SASL_PLAINTEXT://:9092\nsasl.enabled.mechanisms=SCRAM-SHA-512\n',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 33, severity: 'warning', messageIncludes: 'SCRAM-SHA-512' }],
      fixSafety: 'suggestion',
      output:
        'broker.id=1\nlisteners=SASL_SSL://:9092\nlistener.name.sasl_ssl.ssl.keystore.location=<PATH_TO_KEYSTORE>\nlistener.name.sasl_ssl.ssl.keystore.password=${file:<SECRETS_FILE>:sasl_ssl.keystore.password}\nsasl.enabled.mechanisms=SCRAM-SHA-512\n',
    },
    {
      name: 'no mechanism written means GSSAPI: a warning',
      text: 'broker.id=1\nlisteners=SASL_PLAINTEXT://:9092\nadvertised.listeners=SASL_PLAINTEXT://kafka-1.kafka:9092\n',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 33, severity: 'warning', messageIncludes: 'GSSAPI' }],
      output:
        'broker.id=1\nlisteners=SASL_SSL://:9092\nlistener.name.sasl_ssl.ssl.keystore.location=<PATH_TO_KEYSTORE>\nlistener.name.sasl_ssl.ssl.keystore.password=${file:<SECRETS_FILE>:sasl_ssl.keystore.password}\nadvertised.listeners=SASL_SSL://kafka-1.kafka:9092\n',
    },
    {
      name: 'listener-prefixed PLAIN is an error; the map entry changes (CRLF kept, JAAS untouched)',
      text:
        'broker.id=1\r\nlisteners=INTERNAL://:9092,CLIENTS://:9094\r\nlistener.security.protocol.map=INTERNAL:SSL,CLIENTS:SASL_PLAINTEXT\r\n' +
        'listener.name.clients.sasl.enabled.mechanisms=PLAIN\r\n' +
        'listener.name.clients.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_admin="admin-secret";\r\n',
      findings: [{ line: 2, column: 28, endLine: 2, endColumn: 43, severity: 'error', messageIncludes: 'PLAIN' }],
      output:
        'broker.id=1\r\nlisteners=INTERNAL://:9092,CLIENTS://:9094\r\nlistener.security.protocol.map=INTERNAL:SSL,CLIENTS:SASL_SSL\r\n' +
        'listener.name.clients.ssl.keystore.location=<PATH_TO_KEYSTORE>\r\nlistener.name.clients.ssl.keystore.password=${file:<SECRETS_FILE>:clients.keystore.password}\r\n' +
        'listener.name.clients.sasl.enabled.mechanisms=PLAIN\r\n' +
        'listener.name.clients.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_admin="admin-secret";\r\n',
    },
    {
      name: 'identity-named listener with listener-prefixed keys: reported without a fix (secrets are never moved)',
      text: 'broker.id=1\nlisteners=SASL_PLAINTEXT://:9092\nsasl.enabled.mechanisms=PLAIN\nlistener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_admin="admin-secret";\n',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 33, severity: 'error' }],
    },
    {
      name: 'broker-only node sending OAUTHBEARER tokens to the controllers over SASL_PLAINTEXT',
      text:
        'process.roles=broker\nnode.id=2\ncontroller.quorum.voters=1@ctrl-1:9093\nlisteners=SASL_SSL://:9092\ncontroller.listener.names=CONTROLLER\n' +
        'listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT\nsasl.mechanism.controller.protocol=OAUTHBEARER\n',
      findings: [{ line: 5, column: 27, endLine: 5, endColumn: 37, severity: 'error', messageIncludes: 'OAUTHBEARER' }],
      output:
        'process.roles=broker\nnode.id=2\ncontroller.quorum.voters=1@ctrl-1:9093\nlisteners=SASL_SSL://:9092\ncontroller.listener.names=CONTROLLER\n' +
        'listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SASL_SSL\nlistener.name.controller.ssl.truststore.location=<PATH_TO_TRUSTSTORE>\nsasl.mechanism.controller.protocol=OAUTHBEARER\n',
    },
    {
      name: 'mechanisms written with an escape and a continuation are read as Kafka reads them',
      text: 'broker.id=1\nlisteners=INTERNAL://:9092\nlistener.security.protocol.map=INTERNAL\\:SASL_PLAINTEXT\nsasl.enabled.mechanisms=SCRAM-SHA-512,\\\n    PLAIN\n',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 27, severity: 'error' }],
      output:
        'broker.id=1\nlisteners=INTERNAL://:9092\nlistener.security.protocol.map=INTERNAL:SASL_SSL\n' +
        'listener.name.internal.ssl.keystore.location=<PATH_TO_KEYSTORE>\nlistener.name.internal.ssl.keystore.password=${file:<SECRETS_FILE>:internal.keystore.password}\n' +
        'sasl.enabled.mechanisms=SCRAM-SHA-512,\\\n    PLAIN\n',
    },
  ],
});
