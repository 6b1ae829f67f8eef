import { ruleTester } from '../rule-tester';

const lines = (...l: string[]) => l.join('\n') + '\n';

const PROVIDERS = 'config.providers=file\nconfig.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n';

ruleTester('inline-secret', {
  valid: [
    { name: 'file provider reference', text: `broker.id=0\n${PROVIDERS}ssl.keystore.password=\${file:/etc/kafka/secrets/broker.properties:ssl.keystore.password}\n` },
    { name: 'env provider reference', path: 'client.properties', text: 'bootstrap.servers=k:9093\nssl.key.password=${env:KAFKA_KEY_PASSWORD}\n' },
    { name: 'envsubst template cannot be judged', path: 'client.properties', text: 'bootstrap.servers=k:9093\nssl.truststore.password=${TRUSTSTORE_PASSWORD}\n' },
    { name: 'empty value', text: 'broker.id=0\nssl.key.password=\n' },
    { name: 'placeholder', path: 'client.properties', text: 'bootstrap.servers=k:9093\nssl.keystore.password=<KEYSTORE_PASSWORD>\n' },
    { name: 'null printed by a dump of the effective config', text: 'broker.id=0\npassword.encoder.secret=null\n' },
    { name: 'PASSWORD-typed keys holding public certificates are excluded', path: 'client.properties', text: 'bootstrap.servers=k:9093\nssl.truststore.certificates=-----BEGIN CERTIFICATE----- MIIB -----END CERTIFICATE-----\n' },
    { name: 'librdkafka user names are masked but not reported', path: 'client.conf', text: 'metadata.broker.list=k:9093\nsasl.username=alice\n' },
    { name: 'JAAS values are left to sasl-jaas-inline-credentials', path: 'client.properties', text: 'bootstrap.servers=k:9093\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="a" password="pw-1234";\n' },
    { name: 'PEM private keys are left to inline-pem-private-key', path: 'client.properties', text: 'bootstrap.servers=k:9093\nssl.keystore.key=-----BEGIN PRIVATE KEY----- MIIE -----END PRIVATE KEY-----\n' },
    { name: 'unknown keys that only look secret are masked, not reported', path: 'client.properties', text: 'bootstrap.servers=k:9093\nbasic.auth.user.secret=abc123\n' },
    {
      name: 'Spring: a store password from a Spring placeholder cannot be judged',
      path: 'application.yml',
      text: lines('spring:', '  kafka:', '    bootstrap-servers: kafka:9093', '    ssl:', '      key-store-password: ${KEYSTORE_PASSWORD}'),
    },
  ],
  invalid: [
    {
      name: 'broker keystore password: provider reference and provider declaration',
      text: 'broker.id=0\nlisteners=SSL://:9093\nssl.keystore.password=ks-pass-1\n',
      findings: [{ line: 3, column: 23, endLine: 3, endColumn: 32, severity: 'warning', messageIncludes: 'ssl.keystore.password' }],
      fixSafety: 'suggestion',
      output: `broker.id=0\nlisteners=SSL://:9093\nssl.keystore.password=\${file:<SECRETS_FILE>:ssl.keystore.password}\n${PROVIDERS}`,
    },
    {
      name: 'client with an existing provider list gets file appended, CRLF kept',
      path: 'producer.properties',
      text: 'bootstrap.servers=k:9093\r\nconfig.providers=env\r\nconfig.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\r\nssl.key.password=key-pass-2\r\n',
      findings: [{ line: 4, column: 18, endLine: 4, endColumn: 28, severity: 'warning' }],
      output:
        'bootstrap.servers=k:9093\r\nconfig.providers=env,file\r\nconfig.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\r\nconfig.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\r\nssl.key.password=${file:<SECRETS_FILE>:ssl.key.password}\r\n',
    },
    {
      name: 'an alias already bound to FileConfigProvider is reused; listener prefix kept',
      text: 'broker.id=0\nconfig.providers=secrets\nconfig.providers.secrets.class=org.apache.kafka.common.config.provider.FileConfigProvider\nlistener.name.internal.ssl.truststore.password=ts-pass-3\n',
      findings: [{ line: 4, column: 48, endLine: 4, endColumn: 57, severity: 'warning', messageIncludes: 'listener.name.internal.ssl.truststore.password' }],
      output:
        'broker.id=0\nconfig.providers=secrets\nconfig.providers.secrets.class=org.apache.kafka.common.config.provider.FileConfigProvider\nlistener.name.internal.ssl.truststore.password=${secrets:<SECRETS_FILE>:listener.name.internal.ssl.truststore.password}\n',
    },
    {
      name: 'value written with a continuation and an escape: the whole value is the span and is replaced',
      path: 'client.properties',
      text: 'bootstrap.servers=k:9093\nssl.keystore.password=ks-\\\n    pa\\u0073s\n',
      findings: [{ line: 2, column: 23, endLine: 3, endColumn: 14, severity: 'warning' }],
      output: `bootstrap.servers=k:9093\nssl.keystore.password=\${file:<SECRETS_FILE>:ssl.keystore.password}\n${PROVIDERS}`,
    },
    {
      name: 'Connect task and interceptor prefixes',
      path: 'connect-distributed.properties',
      text: 'bootstrap.servers=k:9093\ngroup.id=connect\nconfig.storage.topic=configs\nproducer.ssl.key.password=task-pass-5\nconfluent.monitoring.interceptor.ssl.keystore.password=int-pass-6\n',
      findings: [
        { line: 4, column: 27, endLine: 4, endColumn: 38, severity: 'warning', messageIncludes: 'producer.ssl.key.password' },
        { line: 5, column: 56, endLine: 5, endColumn: 66, severity: 'warning', messageIncludes: 'confluent.monitoring.interceptor.ssl.keystore.password' },
      ],
      output:
        'bootstrap.servers=k:9093\ngroup.id=connect\nconfig.storage.topic=configs\nproducer.ssl.key.password=${file:<SECRETS_FILE>:producer.ssl.key.password}\nconfluent.monitoring.interceptor.ssl.keystore.password=${file:<SECRETS_FILE>:confluent.monitoring.interceptor.ssl.keystore.password}\n' +
        PROVIDERS,
    },
    {
      name: 'an overridden earlier definition still exposes its value (reported without a fix: only the last definition can be edited)',
      path: 'client.properties',
      text: 'bootstrap.servers=k:9093\nssl.key.password=old-pass-12\nssl.key.password=new-pass-13\n',
      findings: [
        { line: 2, column: 18, endLine: 2, endColumn: 29, severity: 'warning' },
        { line: 3, column: 18, endLine: 3, endColumn: 29, severity: 'warning' },
      ],
    },
    {
      name: 'MirrorMaker 2 cluster alias prefix',
      path: 'connect-mirror-maker.properties',
      text: '# kafkalint: role=mirrormaker\nclusters=source, target\nsource.bootstrap.servers=a:9093\nsource.ssl.truststore.password=mm-pass-7\n',
      findings: [{ line: 4, column: 32, endLine: 4, endColumn: 41, severity: 'warning' }],
      output: `# kafkalint: role=mirrormaker\nclusters=source, target\nsource.bootstrap.servers=a:9093\nsource.ssl.truststore.password=\${file:<SECRETS_FILE>:source.ssl.truststore.password}\n${PROVIDERS}`,
    },
    {
      name: 'KRaft broker secret keys',
      text: 'process.roles=broker\nnode.id=1\ndelegation.token.secret.key=dt-key-8\n',
      findings: [{ line: 3, column: 29, endLine: 3, endColumn: 37, severity: 'warning' }],
      output: `process.roles=broker\nnode.id=1\ndelegation.token.secret.key=\${file:<SECRETS_FILE>:delegation.token.secret.key}\n${PROVIDERS}`,
    },
    {
      name: 'librdkafka has no provider mechanism: no fix',
      path: 'rdkafka.conf',
      text: 'metadata.broker.list=k:9093\nsecurity.protocol=sasl_ssl\nsasl.username=alice\nsasl.password=rd-pass-9\n',
      findings: [{ line: 4, column: 15, endLine: 4, endColumn: 24, severity: 'warning', messageIncludes: 'sasl.password' }],
    },
    {
      name: 'ZooKeeper store password becomes a passwordPath',
      path: 'zoo.cfg',
      text: 'dataDir=/var/lib/zookeeper\nsecureClientPort=2182\nssl.keyStore.location=/etc/zk/keystore.p12\nssl.keyStore.password=zk-pass-10\nssl.keyStore.type=PKCS12\n',
      findings: [{ line: 4, column: 23, endLine: 4, endColumn: 33, severity: 'warning', messageIncludes: 'ssl.keyStore.password' }],
      output: 'dataDir=/var/lib/zookeeper\nsecureClientPort=2182\nssl.keyStore.location=/etc/zk/keystore.p12\nssl.keyStore.passwordPath=<PATH_TO_PASSWORD_FILE>\nssl.keyStore.type=PKCS12\n',
    },
    {
      name: 'ZooKeeper password next to its passwordPath is only removed',
      path: 'zoo.cfg',
      text: 'dataDir=/var/lib/zookeeper\r\nssl.quorum.trustStore.password=zk-pass-11\r\nssl.quorum.trustStore.passwordPath=/etc/zk/ts.pw\r\n',
      findings: [{ line: 2, column: 32, endLine: 2, endColumn: 42, severity: 'warning', messageIncludes: 'ssl.quorum.trustStore.passwordPath' }],
      output: 'dataDir=/var/lib/zookeeper\r\nssl.quorum.trustStore.passwordPath=/etc/zk/ts.pw\r\n',
    },
    {
      name: 'Spring (application.yml): typed SSL passwords become Spring placeholders (quotes kept)',
      path: 'application.yml',
      text: lines(
        'spring:',
        '  kafka:',
        '    bootstrap-servers: kafka-1.example.com:9093',
        '    security:',
        '      protocol: SSL',
        '    ssl:',
        '      trust-store-location: classpath:kafka.truststore.jks',
        '      trust-store-password: "changeit"',
        '      key-store-location: classpath:kafka.keystore.jks',
        '      key-store-password: k3ystore-pw',
      ),
      findings: [
        { line: 8, column: 29, endLine: 8, endColumn: 39, severity: 'warning', messageIncludes: 'ssl.truststore.password' },
        { line: 10, column: 27, endLine: 10, endColumn: 38, severity: 'warning', messageIncludes: 'Spring placeholder' },
      ],
      fixSafety: 'suggestion',
      output: lines(
        'spring:',
        '  kafka:',
        '    bootstrap-servers: kafka-1.example.com:9093',
        '    security:',
        '      protocol: SSL',
        '    ssl:',
        '      trust-store-location: classpath:kafka.truststore.jks',
        '      trust-store-password: "${KAFKA_SSL_TRUSTSTORE_PASSWORD}"',
        '      key-store-location: classpath:kafka.keystore.jks',
        '      key-store-password: ${KAFKA_SSL_KEYSTORE_PASSWORD}',
      ),
    },
    {
      name: 'Spring (application.properties): a producer-only key password',
      path: 'application.properties',
      text: lines(
        'spring.kafka.bootstrap-servers=kafka-1.example.com:9093',
        'spring.kafka.security.protocol=SSL',
        'spring.kafka.ssl.trust-store-location=file:/etc/kafka/truststore.p12',
        'spring.kafka.producer.properties.ssl.key.password=pr0ducer-key',
      ),
      findings: [{ line: 4, column: 51, endLine: 4, endColumn: 63, severity: 'warning', messageIncludes: 'ssl.key.password' }],
      output: lines(
        'spring.kafka.bootstrap-servers=kafka-1.example.com:9093',
        'spring.kafka.security.protocol=SSL',
        'spring.kafka.ssl.trust-store-location=file:/etc/kafka/truststore.p12',
        'spring.kafka.producer.properties.ssl.key.password=${KAFKA_SSL_KEY_PASSWORD}',
      ),
    },
  ],
});
