import { ruleTester } from '../rule-tester';

const lines = (...l: string[]) => l.join('\n') + '\n';
const strimzi = (...l: string[]) => lines('apiVersion: kafka.strimzi.io/v1beta2', 'kind: Kafka', 'metadata:', '  name: my-cluster', 'spec:', '  kafka:', ...l);

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
    {
      name: 'Strimzi: SCRAM over TLS',
      path: 'kafka.yaml',
      text: strimzi('    listeners:', '      - name: scram', '        port: 9094', '        type: internal', '        tls: true', '        authentication:', '          type: scram-sha-512'),
    },
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
    {
      name: 'Strimzi: a scram-sha-512 listener with tls: false gets tls: true',
      path: 'kafka.yaml',
      text: strimzi(
        '    version: 3.7.0',
        '    listeners:',
        '      - name: scram',
        '        port: 9094',
        '        type: internal',
        '        tls: false',
        '        authentication:',
        '          type: scram-sha-512',
        '    authorization:',
        '      type: simple',
      ),
      findings: [{ line: 9, column: 15, endLine: 9, endColumn: 20, severity: 'warning', messageIncludes: 'SCRAM-9094' }],
      fixSafety: 'suggestion',
      output: strimzi(
        '    version: 3.7.0',
        '    listeners:',
        '      - name: scram',
        '        port: 9094',
        '        type: internal',
        '        tls: true',
        '        authentication:',
        '          type: scram-sha-512',
        '    authorization:',
        '      type: simple',
      ),
    },
    {
      name: 'Helm Bitnami ≤23: auth.clientProtocol sasl → sasl_tls; the chart generates the certificates (PEM), so nothing else is written',
      path: 'values.yaml',
      text: lines('auth:', '  clientProtocol: sasl', '  interBrokerProtocol: sasl_tls', '  sasl:', '    mechanisms: scram-sha-512', '    interBrokerMechanism: scram-sha-512', '  tls:', '    type: pem', '    autoGenerated: true'),
      findings: [{ line: 2, column: 19, endLine: 2, endColumn: 23, severity: 'warning', messageIncludes: 'Listener CLIENT' }],
      output: lines('auth:', '  clientProtocol: sasl_tls', '  interBrokerProtocol: sasl_tls', '  sasl:', '    mechanisms: scram-sha-512', '    interBrokerMechanism: scram-sha-512', '  tls:', '    type: pem', '    autoGenerated: true'),
    },
  ],
});
