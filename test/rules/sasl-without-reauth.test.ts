import { ruleTester } from '../rule-tester';

const SASL = 'broker.id=0\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=SCRAM-SHA-512\n';

ruleTester('sasl-without-reauth', {
  valid: [
    { name: 'global interval', text: `${SASL}connections.max.reauth.ms=3600000\n` },
    { name: 'listener-prefixed interval', text: `${SASL}listener.name.sasl_ssl.connections.max.reauth.ms=3600000\n` },
    {
      name: 'mechanism-level overrides may differ per mechanism',
      text: 'broker.id=0\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512\nlistener.name.sasl_ssl.plain.connections.max.reauth.ms=900000\nlistener.name.sasl_ssl.scram-sha-512.connections.max.reauth.ms=3600000\n',
    },
    { name: 'TLS and PLAINTEXT listeners do not authenticate with SASL', text: 'broker.id=0\nlisteners=SSL://:9093,PLAINTEXT://127.0.0.1:9092\n' },
    {
      name: 'a broker-only node does not serve the SASL controller listener it connects to',
      text: 'process.roles=broker\nnode.id=2\nlisteners=SSL://:9093\ncontroller.listener.names=CONTROLLER\nlistener.security.protocol.map=SSL:SSL,CONTROLLER:SASL_SSL\nconnections.max.reauth.ms=0\n',
    },
    { name: 'no mechanism enabled on the listener', text: 'broker.id=0\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=\n' },
    { name: 'template value cannot be judged', text: `${SASL}connections.max.reauth.ms={{ .Values.reauth }}\n` },
    { name: 'clients do not serve connections', path: 'client.properties', text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n' },
  ],
  invalid: [
    {
      name: 'absent: anchored on the listener, listener-level interval added, global as an alternative',
      text: `${SASL}`,
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 27, severity: 'warning', messageIncludes: 'connections.max.reauth.ms' }],
      fixSafety: 'suggestion',
      output: `${SASL}listener.name.sasl_ssl.connections.max.reauth.ms=3600000\n`,
      suggestionOutputs: [`${SASL}connections.max.reauth.ms=3600000\n`],
    },
    {
      name: 'explicit 0 is the offending value, CRLF kept',
      text: 'broker.id=0\r\nlisteners=SASL_PLAINTEXT://:9092\r\nsasl.enabled.mechanisms=PLAIN\r\nconnections.max.reauth.ms=0\r\n',
      findings: [{ line: 4, column: 27, endLine: 4, endColumn: 28, severity: 'warning' }],
      output: 'broker.id=0\r\nlisteners=SASL_PLAINTEXT://:9092\r\nsasl.enabled.mechanisms=PLAIN\r\nconnections.max.reauth.ms=3600000\r\n',
    },
    {
      name: 'a mechanism override of 0 beats a listener-level interval',
      text: 'broker.id=0\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256\nlistener.name.sasl_ssl.connections.max.reauth.ms=3600000\nlistener.name.sasl_ssl.plain.connections.max.reauth.ms=-1\n',
      findings: [{ line: 5, column: 56, endLine: 5, endColumn: 58, severity: 'warning', messageIncludes: 'PLAIN' }],
      output: 'broker.id=0\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256\nlistener.name.sasl_ssl.connections.max.reauth.ms=3600000\nlistener.name.sasl_ssl.plain.connections.max.reauth.ms=3600000\n',
    },
    {
      name: 'a bare mechanism prefix is not honoured: still fires, and the fix moves the value under the listener',
      text: 'broker.id=0\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=SCRAM-SHA-512\nscram-sha-512.connections.max.reauth.ms=600000\n',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 27, severity: 'warning', messageIncludes: 'scram-sha-512.connections.max.reauth.ms' }],
      output: 'broker.id=0\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=SCRAM-SHA-512\nscram-sha-512.connections.max.reauth.ms=600000\nlistener.name.sasl_ssl.scram-sha-512.connections.max.reauth.ms=600000\n',
    },
    {
      name: 'an upper-case listener prefix is not honoured either',
      text: 'broker.id=0\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=PLAIN\nlistener.name.SASL_SSL.connections.max.reauth.ms=3600000\n',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 27, severity: 'warning', messageIncludes: 'listener.name.SASL_SSL.connections.max.reauth.ms' }],
      output: 'broker.id=0\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=PLAIN\nlistener.name.sasl_ssl.connections.max.reauth.ms=3600000\nlistener.name.SASL_SSL.connections.max.reauth.ms=3600000\n',
    },
    {
      name: 'OAUTHBEARER only, version unknown: info (3.3+ semantics assumed)',
      text: 'process.roles=broker\nnode.id=1\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=OAUTHBEARER\n',
      findings: [{ line: 3, column: 11, endLine: 3, endColumn: 27, severity: 'info', messageIncludes: 'OAUTHBEARER' }],
      output: 'process.roles=broker\nnode.id=1\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=OAUTHBEARER\nlistener.name.sasl_ssl.connections.max.reauth.ms=3600000\n',
    },
    {
      name: 'OAUTHBEARER before 3.3: warning',
      options: { kafkaVersion: '3.2' },
      text: 'process.roles=broker\nnode.id=1\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=OAUTHBEARER\n',
      findings: [{ line: 3, column: 11, endLine: 3, endColumn: 27, severity: 'warning' }],
      output: 'process.roles=broker\nnode.id=1\nlisteners=SASL_SSL://:9093\nsasl.enabled.mechanisms=OAUTHBEARER\nlistener.name.sasl_ssl.connections.max.reauth.ms=3600000\n',
    },
    {
      name: 'one finding per SASL listener, with mechanisms from the listener prefix; GSSAPI is the default',
      text: 'broker.id=0\nlisteners=EXTERNAL://:9094,INTERNAL://:9093\nlistener.security.protocol.map=EXTERNAL:SASL_SSL,INTERNAL:SASL_PLAINTEXT\nlistener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512\n',
      findings: [
        { line: 2, column: 11, endLine: 2, endColumn: 27, severity: 'warning', messageIncludes: 'SCRAM-SHA-512' },
        { line: 2, column: 28, endLine: 2, endColumn: 44, severity: 'warning', messageIncludes: 'GSSAPI' },
      ],
      output:
        'broker.id=0\nlisteners=EXTERNAL://:9094,INTERNAL://:9093\nlistener.security.protocol.map=EXTERNAL:SASL_SSL,INTERNAL:SASL_PLAINTEXT\nlistener.name.internal.connections.max.reauth.ms=3600000\nlistener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512\nlistener.name.external.connections.max.reauth.ms=3600000\n',
    },
    {
      name: 'listeners written over a continuation line',
      text: 'broker.id=0\nlisteners=SASL_SSL://:9093,\\\n    SSL://:9094\nsasl.enabled.mechanisms=PLAIN\n',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 27, severity: 'warning' }],
      output: 'broker.id=0\nlisteners=SASL_SSL://:9093,\\\n    SSL://:9094\nsasl.enabled.mechanisms=PLAIN\nlistener.name.sasl_ssl.connections.max.reauth.ms=3600000\n',
    },
  ],
});
