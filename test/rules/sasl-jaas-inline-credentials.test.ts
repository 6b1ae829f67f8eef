import { ruleTester } from '../rule-tester';

const PROVIDERS = 'config.providers=file\nconfig.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n';
const PLAIN = 'org.apache.kafka.common.security.plain.PlainLoginModule required';
const SCRAM = 'org.apache.kafka.common.security.scram.ScramLoginModule required';

ruleTester('sasl-jaas-inline-credentials', {
  valid: [
    {
      name: 'password from a file provider',
      path: 'client.properties',
      text: `bootstrap.servers=k:9093\n${PROVIDERS}sasl.jaas.config=${PLAIN} username="alice" password="\${file:/etc/kafka/secrets/client.properties:alice.password}";\n`,
    },
    { name: 'password from an envsubst template cannot be judged', path: 'client.properties', text: `bootstrap.servers=k:9093\nsasl.jaas.config=${PLAIN} username="alice" password="\${ALICE_PASSWORD}";\n` },
    {
      name: 'Kerberos keytab login holds no password',
      path: 'client.properties',
      text: 'bootstrap.servers=k:9093\nsasl.jaas.config=com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true keyTab="/etc/security/kafka.keytab" principal="kafka/host@EXAMPLE.COM";\n',
    },
    { name: 'empty password', path: 'client.properties', text: `bootstrap.servers=k:9093\nsasl.jaas.config=${PLAIN} username="alice" password="";\n` },
    { name: 'placeholder password', path: 'client.properties', text: `bootstrap.servers=k:9093\nsasl.jaas.config=${PLAIN} username="alice" password="<ALICE_PASSWORD>";\n` },
    { name: 'user name alone', path: 'client.properties', text: `bootstrap.servers=k:9093\nsasl.jaas.config=${PLAIN} username="alice";\n` },
    {
      name: 'options that merely resemble credential options',
      path: 'client.properties',
      text: 'bootstrap.servers=k:9093\nsasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="alice" passwordFile="/etc/kafka/pw" user_="x";\n',
    },
    { name: 'a whole JAAS value from a provider', text: `broker.id=0\n${PROVIDERS}listener.name.sasl_ssl.plain.sasl.jaas.config=\${file:/etc/kafka/secrets/jaas.properties:plain}\n` },
  ],
  invalid: [
    {
      name: 'client JAAS over continuation lines with escaped quotes: exact span, value rewritten on one line',
      path: 'client.properties',
      text: `bootstrap.servers=k:9093\nsecurity.protocol=SASL_SSL\nsasl.jaas.config=${PLAIN} \\\n    username=\\"alice\\" \\\n    password=\\"al1ce-pw\\";\n`,
      findings: [{ line: 5, column: 16, endLine: 5, endColumn: 24, severity: 'warning', messageIncludes: 'sasl.jaas.config' }],
      fixSafety: 'suggestion',
      output: `bootstrap.servers=k:9093\nsecurity.protocol=SASL_SSL\nsasl.jaas.config=${PLAIN} username="alice" password="\${file:<SECRETS_FILE>:alice.password}";\n${PROVIDERS}`,
    },
    {
      name: 'broker PLAIN user list: one finding per option, bare and single-quoted values, CRLF kept',
      text: `broker.id=0\r\nlisteners=SASL_SSL://:9093\r\nlistener.name.sasl_ssl.plain.sasl.jaas.config=${PLAIN} username=admin password="adm1n-pw" user_admin="adm1n-pw" user_bob='b0b-pw';\r\n`,
      findings: [
        { line: 3, column: 137, endLine: 3, endColumn: 145, severity: 'warning', messageIncludes: 'listener.name.sasl_ssl.plain.sasl.jaas.config' },
        { line: 3, column: 159, endLine: 3, endColumn: 167, severity: 'warning' },
        { line: 3, column: 179, endLine: 3, endColumn: 185, severity: 'warning', messageIncludes: 'user_bob' },
      ],
      output: `broker.id=0\r\nlisteners=SASL_SSL://:9093\r\nlistener.name.sasl_ssl.plain.sasl.jaas.config=${PLAIN} username=admin password="\${file:<SECRETS_FILE>:admin.password}" user_admin="\${file:<SECRETS_FILE>:admin.password}" user_bob='\${file:<SECRETS_FILE>:bob.password}';\r\nconfig.providers=file\r\nconfig.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\r\n`,
    },
    {
      name: 'an unquoted password gets a quoted reference; an existing provider list is extended',
      path: 'client.properties',
      text: `bootstrap.servers=k:9093\nconfig.providers=env\nconfig.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\nsasl.jaas.config=${SCRAM} username=svc password=svcpw42;\n`,
      findings: [{ line: 4, column: 105, endLine: 4, endColumn: 112, severity: 'warning' }],
      output: `bootstrap.servers=k:9093\nconfig.providers=env,file\nconfig.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\nconfig.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\nsasl.jaas.config=${SCRAM} username=svc password="\${file:<SECRETS_FILE>:svc.password}";\n`,
    },
    {
      name: 'Connect task client prefix and an OAuth client secret',
      path: 'connect-distributed.properties',
      text: 'bootstrap.servers=k:9093\ngroup.id=connect\nconfig.storage.topic=configs\nproducer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="connect-svc" clientSecret="cl13nt-s3cret";\n',
      findings: [{ line: 4, column: 141, endLine: 4, endColumn: 154, severity: 'warning', messageIncludes: 'clientSecret' }],
      output:
        'bootstrap.servers=k:9093\ngroup.id=connect\nconfig.storage.topic=configs\nproducer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="connect-svc" clientSecret="${file:<SECRETS_FILE>:connect-svc.client.secret}";\n' +
        PROVIDERS,
    },
    {
      name: 'Strimzi OAuth option with a provider alias already bound to FileConfigProvider',
      path: 'client.properties',
      text: 'bootstrap.servers=k:9093\nconfig.providers=secrets\nconfig.providers.secrets.class=org.apache.kafka.common.config.provider.FileConfigProvider\nsasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required oauth.client.id="kafka-client" oauth.client.secret="s3cr3t-0auth";\n',
      findings: [{ line: 4, column: 147, endLine: 4, endColumn: 159, severity: 'warning', messageIncludes: 'oauth.client.secret' }],
      output:
        'bootstrap.servers=k:9093\nconfig.providers=secrets\nconfig.providers.secrets.class=org.apache.kafka.common.config.provider.FileConfigProvider\nsasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required oauth.client.id="kafka-client" oauth.client.secret="${secrets:<SECRETS_FILE>:kafka-client.client.secret}";\n',
    },
    {
      name: 'an overridden earlier JAAS value still exposes its password (reported without a fix)',
      path: 'client.properties',
      text: `bootstrap.servers=k:9093\nsasl.jaas.config=${PLAIN} username="a" password="old-pw-1";\nsasl.jaas.config=${PLAIN} username="a" password="new-pw-2";\n`,
      findings: [
        { line: 2, column: 106, endLine: 2, endColumn: 114, severity: 'warning' },
        { line: 3, column: 106, endLine: 3, endColumn: 114, severity: 'warning' },
      ],
    },
    {
      name: 'a user name that cannot be part of a reference key falls back to "password"',
      path: 'producer.config',
      text: `bootstrap.servers=ns.servicebus.windows.net:9093\nsasl.jaas.config=${PLAIN} username="$ConnectionString:x" password="Endpoint=sb://ns/;SharedAccessKey=abc";\n`,
      findings: [{ line: 2, column: 124, endLine: 2, endColumn: 161, severity: 'warning' }],
      output: `bootstrap.servers=ns.servicebus.windows.net:9093\nsasl.jaas.config=${PLAIN} username="$ConnectionString:x" password="\${file:<SECRETS_FILE>:password}";\n${PROVIDERS}`,
    },
  ],
});
