import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fix';
import { readDocuments } from '../../server/src/model/adapters';
import { resolvePlaceholders, SPRING_CLIENTS_FACT, SPRING_DEFAULT_BOOTSTRAP_FACT, SPRING_SOURCE_FACT } from '../../server/src/model/adapters/spring';
import type { Change, KafkaDocument } from '../../server/src/model/types';

const OPTS = { rules: {}, allowSuppressions: true };
const lines = (...l: string[]) => l.join('\n') + '\n';
const at = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

function read(path: string, text: string): KafkaDocument[] {
  return readDocuments(path, text, OPTS).documents;
}

/** Settings of a document as key → value. */
function values(d: KafkaDocument): Record<string, string> {
  return Object.fromEntries([...d.settings].map(([k, s]) => [k, s.value]));
}

function clients(d: KafkaDocument): string[] {
  return d.facts.get(SPRING_CLIENTS_FACT) as string[];
}

function fix(path: string, text: string, changes: Change[], doc = 0): string | null {
  const d = read(path, text)[doc]!;
  const edits = d.writer.edits(changes);
  return edits ? applyEdits(text, edits) : null;
}

describe('spring: reading Spring Boot spring.kafka.*', () => {
  it('application.properties with spring.* keys is a Spring file, not plain client properties', () => {
    const text = lines('spring.kafka.bootstrap-servers=broker:9092', 'spring.kafka.security.protocol=SASL_SSL', 'spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512');
    const [d, ...rest] = read('src/main/resources/application.properties', text);
    assert.equal(rest.length, 0);
    assert.equal(d!.format, 'spring');
    assert.equal(d!.role, 'client');
    assert.deepEqual(values(d!), { 'bootstrap.servers': 'broker:9092', 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'SCRAM-SHA-512' });
    assert.deepEqual(clients(d!), ['producer', 'consumer', 'admin']);
    assert.equal(d!.facts.get(SPRING_SOURCE_FACT), 'boot');
    const sp = d!.settings.get('security.protocol')!;
    assert.equal(at(text, sp.keySpan), 'spring.kafka.security.protocol');
    assert.equal(at(text, sp.valueSpan), 'SASL_SSL');
    assert.equal(sp.origin, 'spring.kafka.security.protocol');
  });

  it('a Spring file without Kafka settings is skipped; other application.properties stay plain properties', () => {
    assert.equal(readDocuments('application.properties', 'spring.application.name=x\n', OPTS).skipped, 'a Spring Boot file without Kafka settings');
    assert.equal(read('client.properties', 'bootstrap.servers=b:9092\n')[0]!.format, 'client-properties');
  });

  it('typed SSL keys map to Kafka keys; passwords are secrets', () => {
    const text = lines(
      'spring.kafka.ssl.key-store-location=file:/etc/kafka/client.p12',
      'spring.kafka.ssl.key-store-password=changeit',
      'spring.kafka.ssl.key-store-type=PKCS12',
      'spring.kafka.ssl.key-password=k',
      'spring.kafka.ssl.trust-store-location=classpath:truststore.jks',
      'spring.kafka.ssl.trust-store-password=t',
      'spring.kafka.ssl.trust-store-type=JKS',
      'spring.kafka.ssl.protocol=TLSv1.3',
      'spring.kafka.client-id=app',
    );
    const d = read('application.properties', text)[0]!;
    assert.deepEqual(values(d), {
      'ssl.keystore.location': 'file:/etc/kafka/client.p12',
      'ssl.keystore.password': 'changeit',
      'ssl.keystore.type': 'PKCS12',
      'ssl.key.password': 'k',
      'ssl.truststore.location': 'classpath:truststore.jks',
      'ssl.truststore.password': 't',
      'ssl.truststore.type': 'JKS',
      'ssl.protocol': 'TLSv1.3',
      'client.id': 'app',
    });
    assert.deepEqual(
      [...d.settings.values()].filter((s) => s.secret).map((s) => s.key),
      ['ssl.keystore.password', 'ssl.key.password', 'ssl.truststore.password'],
    );
  });

  it('relaxed binding: camelCase and underscores in names, brackets and nested YAML for map keys', () => {
    const props = lines('spring.kafka.bootstrapServers=b:9092', 'spring.kafka.Security.Protocol=SSL', 'spring.kafka.properties[sasl.jaas.config]=x required;');
    assert.deepEqual(values(read('application.properties', props)[0]!), { 'bootstrap.servers': 'b:9092', 'security.protocol': 'SSL', 'sasl.jaas.config': 'x required;' });
    const yaml = lines('spring:', '  kafka:', '    bootstrap_servers: [a:9092, b:9092]', '    properties:', '      sasl:', '        mechanism: PLAIN', '      "[ssl.endpoint.identification.algorithm]": ""');
    const d = read('application.yml', yaml)[0]!;
    assert.deepEqual(values(d), { 'bootstrap.servers': 'a:9092,b:9092', 'sasl.mechanism': 'PLAIN', 'ssl.endpoint.identification.algorithm': '' });
    assert.equal(at(yaml, d.settings.get('sasl.mechanism')!.keySpan), 'mechanism');
    assert.equal(d.settings.get('sasl.mechanism')!.origin, 'spring.kafka.properties.sasl.mechanism');
  });

  it('precedence: spring.kafka.properties.* wins over typed keys whatever the order; per-client keys win over both', () => {
    const text = lines(
      'spring.kafka.properties.security.protocol=SASL_SSL',
      'spring.kafka.security.protocol=PLAINTEXT',
      'spring.kafka.consumer.security.protocol=SSL',
      'spring.kafka.producer.properties.security.protocol=SASL_PLAINTEXT',
      'spring.kafka.producer.security.protocol=SSL',
    );
    const docs = read('application.properties', text);
    const by = (c: string) => docs.find((d) => clients(d).includes(c))!;
    assert.equal(by('admin').settings.get('security.protocol')!.value, 'SASL_SSL');
    assert.equal(by('admin').settings.get('security.protocol')!.shadowed.length, 1);
    assert.equal(by('consumer').settings.get('security.protocol')!.value, 'SSL');
    assert.equal(by('producer').settings.get('security.protocol')!.value, 'SASL_PLAINTEXT');
    assert.equal(docs.length, 3);
  });

  it('clients with the same settings share a document; Streams gets one when configured', () => {
    const text = lines('spring.kafka.bootstrap-servers=b:9092', 'spring.kafka.producer.properties[max.block.ms]=1000', 'spring.kafka.streams.application-id=app');
    const docs = read('application.properties', text);
    assert.deepEqual(docs.map(clients), [['producer'], ['consumer', 'admin'], ['streams']]);
    assert.equal(docs[2]!.role, 'streams');
    assert.equal(docs[2]!.settings.get('application.id')!.value, 'app');
  });

  it('JAAS parts configure the JVM login context only when enabled, with the lowest precedence', () => {
    const yaml = lines(
      'spring:',
      '  kafka:',
      '    jaas:',
      '      enabled: true',
      '      login-module: org.apache.kafka.common.security.plain.PlainLoginModule',
      '      options:',
      '        username: alice',
      '        password: alice-secret',
    );
    const s = read('application.yml', yaml)[0]!.settings.get('sasl.jaas.config')!;
    assert.equal(s.value, 'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="alice-secret";');
    assert.equal(s.secret, true);
    assert.equal(at(yaml, s.keySpan), 'login-module');
    assert.equal(read('application.yml', yaml.replace('enabled: true', 'enabled: false')).length, 0);
    const both = yaml + '    properties:\n      sasl.jaas.config: "x required;"\n';
    assert.equal(read('application.yml', both)[0]!.settings.get('sasl.jaas.config')!.value, 'x required;');
  });

  it('YAML values as Spring reads them: null is empty, block scalars folded, booleans as text', () => {
    const yaml = lines('spring:', '  kafka:', '    properties:', '      ssl.endpoint.identification.algorithm:', '      sasl.jaas.config: >', '        a required', '        b="c";', '      enable.idempotence: yes');
    const d = read('application.yml', yaml)[0]!;
    assert.equal(d.settings.get('ssl.endpoint.identification.algorithm')!.value, '');
    assert.equal(d.settings.get('sasl.jaas.config')!.value, 'a required b="c";\n');
    assert.equal(at(yaml, d.settings.get('sasl.jaas.config')!.valueSpan), '>\n        a required\n        b="c";');
    assert.equal(d.settings.get('enable.idempotence')!.value, 'true');
  });

  it('the default bootstrap address is recorded when none is written', () => {
    const d = read('application.properties', 'spring.kafka.security.protocol=SSL\n')[0]!;
    assert.equal(d.facts.get(SPRING_DEFAULT_BOOTSTRAP_FACT), 'localhost:9092');
  });
});

describe('spring: placeholders', () => {
  const none = () => undefined;
  it('${VAR} is unresolvable; ${VAR:default} uses the default; file properties resolve', () => {
    assert.deepEqual(resolvePlaceholders('${BOOTSTRAP}', none), { value: '${BOOTSTRAP}', state: 'unresolvable' });
    assert.deepEqual(resolvePlaceholders('${PROTO:SASL_SSL}', none), { value: 'SASL_SSL', state: 'literal' });
    assert.deepEqual(resolvePlaceholders('${a:${b:x}}y', none), { value: 'xy', state: 'literal' });
    assert.deepEqual(resolvePlaceholders('${host}:9092', (n) => (n === 'host' ? 'broker' : undefined)), { value: 'broker:9092', state: 'literal' });
    assert.equal(resolvePlaceholders('Serdes$StringSerde', none).value, 'Serdes$StringSerde');
  });

  it('Kafka config-provider references are unresolvable (Spring substitutes them first)', () => {
    assert.equal(resolvePlaceholders('${file:/etc/secrets.properties:pw}', none).state, 'unresolvable');
  });

  it('in a file', () => {
    const text = lines('kafka.host=broker', 'spring.kafka.bootstrap-servers=${kafka.host}:9092', 'spring.kafka.properties.sasl.jaas.config=${SASL_JAAS_CONFIG}', 'spring.kafka.security.protocol=${PROTOCOL:SASL_SSL}');
    const d = read('application.properties', text)[0]!;
    assert.equal(d.settings.get('bootstrap.servers')!.value, 'broker:9092');
    assert.equal(d.settings.get('sasl.jaas.config')!.state, 'unresolvable');
    assert.deepEqual([d.settings.get('security.protocol')!.value, d.settings.get('security.protocol')!.state], ['SASL_SSL', 'literal']);
  });
});

describe('spring: profiles and documents', () => {
  it('YAML documents: the base, and each profile document over the base', () => {
    const yaml = lines('spring:', '  kafka:', '    bootstrap-servers: b:9092', '    security.protocol: SSL', '---', 'spring:', '  config.activate.on-profile: dev', '  kafka:', '    security.protocol: PLAINTEXT');
    const docs = read('application.yml', yaml);
    assert.deepEqual(docs.map((d) => d.settings.get('security.protocol')!.value), ['SSL', 'PLAINTEXT']);
    assert.equal(docs[1]!.settings.get('bootstrap.servers')!.value, 'b:9092');
  });

  it('#--- separates .properties documents', () => {
    const text = lines('spring.kafka.security.protocol=SSL', '#---', 'spring.config.activate.on-profile=dev', 'spring.kafka.security.protocol=PLAINTEXT');
    assert.deepEqual(read('application.properties', text).map((d) => d.settings.get('security.protocol')!.value), ['SSL', 'PLAINTEXT']);
  });
});

describe('spring: Spring Cloud Stream Kafka binder', () => {
  it('binder brokers (default port added), configuration.*, per-client properties, over the Boot settings', () => {
    const yaml = lines(
      'spring:',
      '  kafka:',
      '    security.protocol: PLAINTEXT',
      '  cloud.stream:',
      '    kafka.binder:',
      '      brokers: k1,k2:9093',
      '      configuration:',
      '        security.protocol: SASL_SSL',
      '      consumer-properties:',
      '        security.protocol: SSL',
    );
    const docs = read('application.yml', yaml);
    const binder = docs.filter((d) => d.facts.get(SPRING_SOURCE_FACT) === 'binder');
    assert.deepEqual(binder.map(clients), [['producer', 'admin'], ['consumer']]);
    assert.equal(binder[0]!.settings.get('bootstrap.servers')!.value, 'k1:9092,k2:9093');
    assert.equal(binder[0]!.settings.get('security.protocol')!.value, 'SASL_SSL');
    assert.equal(binder[1]!.settings.get('security.protocol')!.value, 'SSL');
    assert.equal(docs.filter((d) => d.facts.get(SPRING_SOURCE_FACT) === 'boot').length, 1);
  });

  it('multi-binder environments inherit the parent settings', () => {
    const yaml = lines(
      'spring.cloud.stream:',
      '  binders:',
      '    kafka1:',
      '      type: kafka',
      '      environment:',
      '        spring.cloud.stream.kafka.binder:',
      '          brokers: localhost:9092',
      '          configuration.sasl.jaas.config: "x required password=\\"p\\";"',
      '    rabbit:',
      '      type: rabbit',
      '  kafka.binder:',
      '    configuration:',
      '      security.protocol: SASL_PLAINTEXT',
    );
    const docs = read('application.yml', yaml);
    assert.equal(docs.length, 1);
    assert.equal(docs[0]!.facts.get(SPRING_SOURCE_FACT), 'binder:kafka1');
    assert.deepEqual(values(docs[0]!), { 'security.protocol': 'SASL_PLAINTEXT', 'sasl.jaas.config': 'x required password="p";', 'bootstrap.servers': 'localhost:9092' });
  });

  it('binder JAAS and the Kafka Streams binder', () => {
    const yaml = lines(
      'spring.cloud.stream:',
      '  kafka:',
      '    streams:',
      '      binder:',
      '        applicationId: words',
      '        configuration:',
      '          security.protocol: SASL_PLAINTEXT',
      '    binder:',
      '      jaas:',
      '        loginModule: org.apache.kafka.common.security.plain.PlainLoginModule',
      '        options:',
      '          username: admin',
      '          password: admin-secret',
    );
    const docs = read('application.yml', yaml);
    assert.deepEqual(docs.map((d) => d.facts.get(SPRING_SOURCE_FACT)), ['binder', 'streams-binder']);
    assert.equal(docs[0]!.settings.get('sasl.jaas.config')!.value, 'org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="admin-secret";');
    assert.equal(docs[1]!.role, 'streams');
    assert.equal(docs[1]!.settings.get('security.protocol')!.value, 'SASL_PLAINTEXT');
  });
});

describe('spring: writer', () => {
  it('.properties: sets keep the spelling, inserts use the typed Spring key next to related keys, CRLF kept', () => {
    const text = 'spring.kafka.bootstrap-servers=b:9092\r\nspring.kafka.properties[sasl.mechanism]=PLAIN\r\nlogging.level.root=info\r\n';
    assert.equal(
      fix('application.properties', text, [
        { op: 'set', key: 'sasl.mechanism', value: 'SCRAM-SHA-512' },
        { op: 'set', key: 'security.protocol', value: 'SASL_SSL' },
        { op: 'set', key: 'sasl.jaas.config', value: 'x required;' },
      ]),
      'spring.kafka.bootstrap-servers=b:9092\r\nspring.kafka.properties[sasl.mechanism]=SCRAM-SHA-512\r\nspring.kafka.security.protocol=SASL_SSL\r\nspring.kafka.properties[sasl.jaas.config]=x required;\r\nlogging.level.root=info\r\n',
    );
  });

  it('.properties: remove and replace-in-value', () => {
    const text = lines('spring.kafka.ssl.protocol=TLSv1.1', 'spring.kafka.properties.ssl.enabled.protocols=TLSv1.2,TLSv1.1');
    assert.equal(fix('application.properties', text, [{ op: 'remove', key: 'ssl.protocol' }]), lines('spring.kafka.properties.ssl.enabled.protocols=TLSv1.2,TLSv1.1'));
    assert.equal(fix('application.properties', text, [{ op: 'replace-in-value', key: 'ssl.enabled.protocols', from: 8, to: 15, text: 'TLSv1.3' }]), lines('spring.kafka.ssl.protocol=TLSv1.1', 'spring.kafka.properties.ssl.enabled.protocols=TLSv1.2,TLSv1.3'));
  });

  it('values with ${…} are refused: Spring would resolve them itself', () => {
    assert.equal(fix('application.properties', 'spring.kafka.ssl.key-store-password=x\n', [{ op: 'set', key: 'ssl.keystore.password', value: '${file:/s:pw}' }]), null);
  });

  it('YAML: keeps quotes and comments, nests new typed keys at the file indentation', () => {
    const yaml = lines('spring:', '  kafka:', '    bootstrap-servers: b:9092', '    security:', "      protocol: 'PLAINTEXT' # dev only", '    properties:', '      sasl.mechanism: PLAIN');
    assert.equal(fix('application.yml', yaml, [{ op: 'set', key: 'security.protocol', value: 'SASL_SSL' }]), yaml.replace("'PLAINTEXT'", "'SASL_SSL'"));
    assert.equal(
      fix('application.yml', yaml, [
        { op: 'set', key: 'ssl.truststore.location', value: '/etc/kafka/truststore.jks' },
        { op: 'set', key: 'sasl.jaas.config', value: 'a required b="c";' },
      ]),
      lines('spring:', '  kafka:', '    bootstrap-servers: b:9092', '    security:', "      protocol: 'PLAINTEXT' # dev only", '    properties:', '      sasl.mechanism: PLAIN', '      sasl.jaas.config: "a required b=\\"c\\";"', '    ssl:', '      trust-store-location: /etc/kafka/truststore.jks'),
    );
  });

  it('YAML: dotted keys where the file writes them, values for empty keys, no trailing newline kept', () => {
    const yaml = 'spring.cloud.stream:\n  kafka.binder:\n    brokers: localhost:9093\n    configuration:\n      ssl.endpoint.identification.algorithm:';
    assert.equal(fix('application.yml', yaml, [{ op: 'set', key: 'ssl.endpoint.identification.algorithm', value: 'https' }]), yaml + ' https');
    assert.equal(fix('application.yml', yaml, [{ op: 'set', key: 'security.protocol', value: 'SSL' }]), yaml + '\n      security.protocol: SSL');
  });

  it('YAML: removing the last key of a mapping removes the mapping', () => {
    const yaml = lines('spring:', '  kafka:', '    bootstrap-servers: b:9092', '    security:', '      protocol: PLAINTEXT');
    assert.equal(fix('application.yml', yaml, [{ op: 'remove', key: 'security.protocol' }]), lines('spring:', '  kafka:', '    bootstrap-servers: b:9092'));
  });

  it('YAML: replace-in-value on a plain scalar edits in place', () => {
    const yaml = lines('spring:', '  kafka:', '    properties:', '      ssl.enabled.protocols: TLSv1.2,TLSv1.1');
    assert.equal(fix('application.yml', yaml, [{ op: 'replace-in-value', key: 'ssl.enabled.protocols', from: 8, to: 15, text: 'TLSv1.3' }]), yaml.replace('TLSv1.1', 'TLSv1.3'));
  });
});

describe('spring: values a fix may write', () => {
  it('Spring placeholders are fine, config-provider references are not', () => {
    assert.equal(
      fix('application.properties', 'spring.kafka.ssl.key-store-password=x\n', [{ op: 'set', key: 'ssl.keystore.password', value: '${KAFKA_KEYSTORE_PASSWORD}' }]),
      'spring.kafka.ssl.key-store-password=${KAFKA_KEYSTORE_PASSWORD}\n',
    );
    assert.equal(fix('application.properties', 'spring.kafka.ssl.key-store-password=x\n', [{ op: 'set', key: 'ssl.keystore.password', value: '${env:PW}' }]), null);
  });
});
