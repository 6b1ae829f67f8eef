import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fix';
import { readDocuments } from '../../server/src/model/adapters';
import { COMPOSE_FACTS, interpolate, type Mount, type PublishedPort } from '../../server/src/model/adapters/compose';
import { decodeEnv, encodeEnv, imageInfo, type ImageFamily } from '../../server/src/model/images';
import type { Change, KafkaDocument } from '../../server/src/model/types';

const OPTS = { rules: {}, allowSuppressions: true };
const lines = (...l: string[]) => l.join('\n') + '\n';

function read(text: string): KafkaDocument[] {
  return readDocuments('docker-compose.yml', text, OPTS).documents;
}

function service(image: string, env: string[], extra: string[] = []): string {
  return lines('services:', '  kafka:', `    image: ${image}`, '    environment:', ...env.map((e) => `      ${e}`), ...extra);
}

/** The text of a span. */
const at = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

function fix(text: string, changes: Change[], doc = 0): string | null {
  const d = read(text)[doc]!;
  const edits = d.writer.edits(changes);
  return edits ? applyEdits(text, edits) : null;
}

describe('compose: decoding environment variables per image family (RULES.md §B.3)', () => {
  const table: Array<[ImageFamily, string, string | undefined]> = [
    // cp-kafka: `_` between non-`_` → `.`, `___` → `-`, `__` → `_`, lower case; exclusions.
    ['cp-kafka', 'KAFKA_ADVERTISED_LISTENERS', 'advertised.listeners'],
    ['cp-kafka', 'KAFKA_LISTENER_NAME_SASL__SSL_SCRAM___SHA___512_SASL_JAAS_CONFIG', 'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config'],
    ['cp-kafka', 'KAFKA_CONFLUENT_SUPPORT_METRICS_ENABLE', 'confluent.support.metrics.enable'],
    ['cp-kafka', 'KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET', 'zookeeper.clientCnxnSocket'],
    ['cp-kafka', 'KAFKA_HEAP_OPTS', undefined],
    ['cp-kafka', 'KAFKA_OPTS', undefined],
    ['cp-kafka', 'KAFKA_JMX_PORT', undefined],
    ['cp-kafka', 'KAFKA_LOG4J_LOGGERS', undefined],
    ['cp-kafka', 'KAFKA_SSL_KEYSTORE_FILENAME', undefined],
    ['cp-kafka', 'KAFKA_SSL_KEY_CREDENTIALS', undefined],
    ['cp-kafka', 'CONNECT_BOOTSTRAP_SERVERS', undefined],
    ['cp-connect', 'CONNECT_BOOTSTRAP_SERVERS', 'bootstrap.servers'],
    ['cp-connect', 'CONNECT_PRODUCER_SECURITY_PROTOCOL', 'producer.security.protocol'],
    ['cp-connect', 'KAFKA_HEAP_OPTS', undefined],
    // apache/kafka: every KAFKA_ removed, then `_`→`.`, `...`→`-`, `..`→`_`.
    ['apache', 'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP', 'listener.security.protocol.map'],
    ['apache', 'KAFKA_LISTENER_NAME_SASL__SSL_SCRAM___SHA___512_SASL_JAAS_CONFIG', 'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config'],
    ['apache', 'KAFKA_ADVERTISED_LISTENERS', 'advertised.listeners'],
    ['apache', 'KAFKA_LISTENERS_KAFKA_X', 'listeners.x'],
    ['apache', 'KAFKA_CFG_NODE_ID', 'cfg.node.id'],
    ['apache', 'KAFKA_JMX_HOSTNAME', undefined],
    ['apache', 'CLUSTER_ID', undefined],
    // bitnami: KAFKA_CFG_ only, `_`→`.`, the three special cases, legacy aliases.
    ['bitnami', 'KAFKA_CFG_LISTENERS', 'listeners'],
    ['bitnami', 'KAFKA_CFG_LISTENER_NAME_SASL_SSL_SSL_CLIENT_AUTH', 'listener.name.sasl_ssl.ssl.client.auth'],
    ['bitnami', 'KAFKA_CFG_LISTENER_NAME_SASL_PLAINTEXT_PLAIN_SASL_JAAS_CONFIG', 'listener.name.sasl_plaintext.plain.sasl.jaas.config'],
    ['bitnami', 'KAFKA_CFG_ZOOKEEPER_CLIENTCNXNSOCKET', 'zookeeper.clientCnxnSocket'],
    ['bitnami', 'KAFKA_CFG_LISTENER_NAME_PLAINTEXT_HOST_SSL_CLIENT_AUTH', 'listener.name.plaintext.host.ssl.client.auth'],
    ['bitnami', 'KAFKA_LISTENERS', 'listeners'],
    ['bitnami', 'KAFKA_ZOOKEEPER_CONNECT', 'zookeeper.connect'],
    ['bitnami', 'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR', 'offsets.topic.replication.factor'],
    ['bitnami', 'KAFKA_LOGS_DIRS', 'log.dirs'],
    ['bitnami', 'KAFKA_MAX_MESSAGE_BYTES', 'message.max.bytes'],
    ['bitnami', 'KAFKA_CONTROLLER_LISTENER_NAMES', undefined],
    ['bitnami', 'KAFKA_CLIENT_USERS', undefined],
    ['bitnami', 'ALLOW_PLAINTEXT_LISTENER', undefined],
    // cp-zookeeper: a fixed table, including the image's own typo.
    ['cp-zookeeper', 'ZOOKEEPER_SECURE_CLIENT_PORT', 'secureClientPort'],
    ['cp-zookeeper', 'ZOOKEEPER_SERVER_CNXN_FACTORY', 'serverCnxnFactory'],
    ['cp-zookeeper', 'ZOOKEEPER_SSL_QUORUM', 'sslQuorum'],
    ['cp-zookeeper', 'ZOOKEEPER_SSL_CLIENT_AUTH', 'ssl.clientAuth'],
    ['cp-zookeeper', 'ZOOKEEPER_AUTH_PROVIDER_SASL', 'authProvider.sasl'],
    ['cp-zookeeper', 'ZOOKEEPER_ADMIN_ENABLE_SERVER', 'admin.enableServer'],
    ['cp-zookeeper', 'ZOOKEEPER_SKIP_ACL', 'skipACL'],
    ['cp-zookeeper', 'ZOOKEEPER_SSL_OCPS', 'ssl.ocsp'],
    ['cp-zookeeper', 'ZOOKEEPER_4LW_COMMANDS_WHITELIST', undefined],
    ['bitnami-zookeeper', 'ZOO_PORT_NUMBER', 'clientPort'],
    ['bitnami-zookeeper', 'ZOO_TLS_QUORUM_ENABLE', 'sslQuorum'],
    ['zookeeper', 'ZOO_4LW_COMMANDS_WHITELIST', '4lw.commands.whitelist'],
  ];
  for (const [family, name, key] of table) {
    it(`${family}: ${name} → ${key ?? '(not a setting)'}`, () => assert.equal(decodeEnv(family, name), key));
  }

  it('cp-kafka 8.x (Go helper) decodes one-character segments differently from 7.x (Python helper)', () => {
    const v7 = imageInfo('confluentinc/cp-kafka:7.9.0');
    const v8 = imageInfo('confluentinc/cp-kafka:8.0.0');
    assert.equal(decodeEnv('cp-kafka', 'KAFKA_A_B_C', v7), 'a.b.c');
    assert.equal(decodeEnv('cp-kafka', 'KAFKA_A_B_C', v8), 'a.b_c');
    assert.equal(decodeEnv('cp-kafka', 'KAFKA_LOG_DIRS', v8), 'log.dirs');
    // The encoder refuses names the image would read back as another key.
    assert.equal(encodeEnv('cp-kafka', 'listener.name.a.ssl.client.auth', v8), undefined);
    assert.equal(encodeEnv('cp-kafka', 'listener.name.a.ssl.client.auth', v7), 'KAFKA_LISTENER_NAME_A_SSL_CLIENT_AUTH');
  });

  it('encoders are the inverse of the decoders, and refuse what an image cannot express', () => {
    assert.equal(encodeEnv('cp-kafka', 'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config'), 'KAFKA_LISTENER_NAME_SASL__SSL_SCRAM___SHA___512_SASL_JAAS_CONFIG');
    assert.equal(encodeEnv('apache', 'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config'), 'KAFKA_LISTENER_NAME_SASL__SSL_SCRAM___SHA___512_SASL_JAAS_CONFIG');
    assert.equal(encodeEnv('apache', 'kafka.metrics.reporters'), undefined, 'apache removes every KAFKA_');
    assert.equal(encodeEnv('cp-connect', 'producer.security.protocol'), 'CONNECT_PRODUCER_SECURITY_PROTOCOL');
    assert.equal(encodeEnv('bitnami', 'listener.name.sasl_ssl.ssl.client.auth'), 'KAFKA_CFG_LISTENER_NAME_SASL_SSL_SSL_CLIENT_AUTH');
    assert.equal(encodeEnv('bitnami', 'zookeeper.clientCnxnSocket'), 'KAFKA_CFG_ZOOKEEPER_CLIENTCNXNSOCKET');
    assert.equal(encodeEnv('bitnami', 'listener.name.client.scram-sha-512.sasl.jaas.config'), undefined);
    assert.equal(encodeEnv('bitnami', 'listener.name.plaintext_host.ssl.client.auth'), undefined);
    assert.equal(encodeEnv('cp-zookeeper', 'sslQuorum'), 'ZOOKEEPER_SSL_QUORUM');
    assert.equal(encodeEnv('cp-zookeeper', '4lw.commands.whitelist'), undefined);
  });
});

describe('compose: image families and versions from tags', () => {
  const table: Array<[string, ImageFamily | undefined, string | undefined]> = [
    ['confluentinc/cp-kafka:7.6.1', 'cp-kafka', '3.6'],
    ['confluentinc/cp-server:7.4.0-1-ubi8', 'cp-kafka', '3.4'],
    ['confluentinc/cp-kafka:5.5.1', 'cp-kafka', '2.5'],
    ['confluentinc/cp-kafka:8.0.0', 'cp-kafka', '4.0'],
    ['confluentinc/cp-kafka:4.1.0', 'cp-kafka', undefined],
    ['confluentinc/cp-kafka:latest', 'cp-kafka', undefined],
    ['${REPOSITORY}/cp-server:${TAG}', 'cp-kafka', undefined],
    ['my.registry:5000/confluentinc/cp-kafka:7.9.0', 'cp-kafka', '3.9'],
    ['confluentinc/cp-kafka-connect:7.5.0', 'cp-connect', '3.5'],
    ['confluentinc/cp-zookeeper:7.8.0', 'cp-zookeeper', '7.8'],
    ['apache/kafka:3.8.0', 'apache', '3.8'],
    ['apache/kafka-native:3.9.1', 'apache', '3.9'],
    ['docker.io/bitnami/kafka:3.7', 'bitnami', '3.7'],
    ['bitnamilegacy/kafka:2.7.0', 'bitnami', '2.7'],
    ['bitnami/kafka@sha256:0123', 'bitnami', undefined],
    ['wurstmeister/kafka:2.13-2.8.1', 'wurstmeister', '2.8'],
    ['zookeeper:3.7.2', 'zookeeper', '3.7'],
    ['bitnami/zookeeper:3.9', 'bitnami-zookeeper', '3.9'],
    ['ghcr.io/kafbat/kafka-ui:latest', undefined, undefined],
  ];
  for (const [image, family, version] of table) {
    it(`${image} → ${family ?? 'unknown'} ${version ?? ''}`, () => {
      const info = imageInfo(image);
      assert.equal(info?.family, family);
      assert.equal(info?.version ? `${info.version.major}.${info.version.minor}` : undefined, version);
    });
  }

  it('the image tag interpolates defaults and sets the document version', () => {
    const docs = read(service('bitnamilegacy/kafka:${KAFKA_IMAGE_TAG:-2.7.0}', ['KAFKA_CFG_ZOOKEEPER_CONNECT: zk:2181']));
    assert.equal(docs.length, 1);
    assert.deepEqual([docs[0]!.version?.major, docs[0]!.version?.minor, docs[0]!.mode], [2, 7, 'zk']);
  });

  it('services whose image cannot be told get one info problem', () => {
    const text = lines('services:', '  a:', '    image: ${IMAGE}', '    environment:', '      KAFKA_LISTENERS: PLAINTEXT://:9092', '  b:', '    environment:', '      KAFKA_X: y', '  c:', '    image: postgres', '    environment:', '      POSTGRES_PASSWORD: p');
    const r = readDocuments('docker-compose.yml', text, OPTS);
    assert.equal(r.documents.length, 0);
    assert.deepEqual(
      r.problems.map((p) => [at(text, p.span), p.severity]),
      [
        ['a', 'info'],
        ['b', 'info'],
      ],
    );
  });
});

describe('compose: environment forms, values and spans', () => {
  it('map form: key, value and entry spans; quotes excluded from the value', () => {
    const text = service('confluentinc/cp-kafka:7.6.1', ['KAFKA_ADVERTISED_LISTENERS: "SASL_SSL://kafka:9093"', "'KAFKA_SSL_CLIENT_AUTH': required"]);
    const d = read(text)[0]!;
    const adv = d.settings.get('advertised.listeners')!;
    assert.equal(adv.value, 'SASL_SSL://kafka:9093');
    assert.equal(at(text, adv.keySpan), 'KAFKA_ADVERTISED_LISTENERS');
    assert.equal(at(text, adv.valueSpan), '"SASL_SSL://kafka:9093"');
    assert.equal(at(text, adv.entrySpan), 'KAFKA_ADVERTISED_LISTENERS: "SASL_SSL://kafka:9093"');
    assert.equal(at(text, d.settings.get('ssl.client.auth')!.keySpan), 'KAFKA_SSL_CLIENT_AUTH');
    assert.equal(d.settings.get('advertised.listeners')!.origin, 'KAFKA_ADVERTISED_LISTENERS');
  });

  it('list form: `- NAME=value`, quoted or not, value spans inside the item', () => {
    const text = service('bitnami/kafka:3.7', ['- KAFKA_CFG_PROCESS_ROLES=controller,broker', '- "KAFKA_CFG_LISTENERS=PLAINTEXT://:9092"', '- KAFKA_CFG_NODE_ID']);
    const d = read(text)[0]!;
    const roles = d.settings.get('process.roles')!;
    assert.equal(at(text, roles.keySpan), 'KAFKA_CFG_PROCESS_ROLES');
    assert.equal(at(text, roles.valueSpan), 'controller,broker');
    assert.equal(at(text, d.settings.get('listeners')!.valueSpan), 'PLAINTEXT://:9092');
    assert.equal(at(text, d.settings.get('listeners')!.entrySpan), '"KAFKA_CFG_LISTENERS=PLAINTEXT://:9092"');
    // A name without `=` takes its value from the shell running compose.
    assert.equal(d.settings.get('node.id')!.state, 'unresolvable');
  });

  it('YAML 1.1 booleans other than true/false stay strings, as compose (YAML 1.2) reads them', () => {
    const text = service('bitnami/kafka:3.3', ['ALLOW_PLAINTEXT_LISTENER: yes', 'KAFKA_CFG_AUTO_CREATE_TOPICS_ENABLE: true', 'KAFKA_CFG_DELETE_TOPIC_ENABLE: off']);
    const d = read(text)[0]!;
    assert.equal(d.settings.get('ALLOW_PLAINTEXT_LISTENER')!.value, 'yes');
    assert.equal(d.settings.get('auto.create.topics.enable')!.value, 'true');
    assert.equal(d.settings.get('delete.topic.enable')!.value, 'off');
  });

  it('a variable with no value is unresolvable', () => {
    const d = read(service('confluentinc/cp-kafka:7.6.1', ['KAFKA_SSL_KEYSTORE_PASSWORD:', 'KAFKA_BROKER_ID: 1']))[0]!;
    assert.equal(d.settings.get('ssl.keystore.password')!.state, 'unresolvable');
    assert.equal(d.settings.get('broker.id')!.value, '1');
  });

  it('interpolation: defaults used, variables without default unresolvable, $$ escapes', () => {
    assert.deepEqual(interpolate('${HOST:-localhost}:9092'), { value: 'localhost:9092', unresolved: false });
    assert.deepEqual(interpolate('${HOST-h}'), { value: 'h', unresolved: false });
    assert.deepEqual(interpolate('${A:-${B:-x}}y'), { value: 'xy', unresolved: false });
    assert.deepEqual(interpolate('$${file:/s.properties:pw}'), { value: '${file:/s.properties:pw}', unresolved: false });
    assert.equal(interpolate('${HOST}').unresolved, true);
    assert.equal(interpolate('$HOST:9092').unresolved, true);
    assert.equal(interpolate('${HOST:?must be set}').unresolved, true);
    assert.equal(interpolate('${HOST:+x}').unresolved, true);
    assert.deepEqual(interpolate('RULE:^CN=(.*)$$/$$1/'), { value: 'RULE:^CN=(.*)$/$1/', unresolved: false });
    const text = service('confluentinc/cp-kafka:7.6.1', [
      'KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://${DOCKER_HOST_IP:-127.0.0.1}:9092',
      'KAFKA_SSL_KEYSTORE_PASSWORD: ${KEYSTORE_PASSWORD}',
      'KAFKA_SSL_TRUSTSTORE_PASSWORD: $${file:/etc/kafka/secrets/s.properties:pw}',
    ]);
    const d = read(text)[0]!;
    const adv = d.settings.get('advertised.listeners')!;
    assert.deepEqual([adv.value, adv.state], ['PLAINTEXT://127.0.0.1:9092', 'literal']);
    assert.equal(d.settings.get('ssl.keystore.password')!.state, 'unresolvable');
    assert.deepEqual([d.settings.get('ssl.truststore.password')!.value, d.settings.get('ssl.truststore.password')!.state], ['${file:/etc/kafka/secrets/s.properties:pw}', 'externalized']);
  });

  it('anchors and merge keys: values resolved, spans where the value is written', () => {
    const text = lines(
      'x-kafka-env: &kafka-env',
      '  KAFKA_CFG_PROCESS_ROLES: broker,controller',
      '  KAFKA_CFG_LISTENERS: PLAINTEXT://:9092',
      'x-base: &base',
      '  image: bitnami/kafka:3.7',
      'services:',
      '  kafka-1:',
      '    <<: *base',
      '    environment:',
      '      <<: *kafka-env',
      '      KAFKA_CFG_LISTENERS: SASL_SSL://:9093',
      '      KAFKA_CFG_NODE_ID: &id "1"',
      '  kafka-2:',
      '    <<: *base',
      '    environment:',
      '      <<: *kafka-env',
      '      KAFKA_CFG_NODE_ID: *id',
    );
    const [a, b] = read(text);
    assert.equal(a!.settings.get('process.roles')!.value, 'broker,controller');
    assert.equal(at(text, a!.settings.get('process.roles')!.keySpan), 'KAFKA_CFG_PROCESS_ROLES');
    assert.equal(text.slice(0, a!.settings.get('process.roles')!.valueSpan.start).split('\n').length, 2, 'span in the anchor');
    assert.equal(a!.settings.get('listeners')!.value, 'SASL_SSL://:9093');
    assert.equal(b!.settings.get('listeners')!.value, 'PLAINTEXT://:9092');
    assert.equal(b!.settings.get('node.id')!.value, '1');
    assert.equal(at(text, b!.settings.get('node.id')!.valueSpan), '"1"', 'an alias points at the anchored scalar');
  });

  it('bitnami: a legacy alias wins over KAFKA_CFG_ whatever the order', () => {
    const d = read(service('bitnami/kafka:3.7', ['KAFKA_LISTENERS: PLAINTEXT://:9092', 'KAFKA_CFG_LISTENERS: SASL_SSL://:9093']))[0]!;
    assert.equal(d.settings.get('listeners')!.value, 'PLAINTEXT://:9092');
    assert.equal(d.settings.get('listeners')!.shadowed.length, 1);
  });

  it('cp-kafka and apache derive listeners from advertised listeners (not for controllers, not when set)', () => {
    const text = service('confluentinc/cp-kafka:7.6.1', ['KAFKA_ADVERTISED_LISTENERS: INTERNAL://kafka:29092,EXTERNAL://localhost:9092']);
    const l = read(text)[0]!.settings.get('listeners')!;
    assert.equal(l.value, 'INTERNAL://0.0.0.0:29092,EXTERNAL://0.0.0.0:9092');
    assert.equal(at(text, l.valueSpan), 'INTERNAL://kafka:29092,EXTERNAL://localhost:9092');
    assert.match(l.origin, /derived/);
    assert.equal(read(service('apache/kafka:3.9.0', ['KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://h:9092']))[0]!.settings.get('listeners')!.value, 'PLAINTEXT://0.0.0.0:9092');
    assert.equal(read(service('apache/kafka:3.9.0', ['KAFKA_PROCESS_ROLES: controller', 'KAFKA_ADVERTISED_LISTENERS: CONTROLLER://h:9093']))[0]!.settings.has('listeners'), false);
    assert.equal(read(service('confluentinc/cp-kafka:7.6.1', ['KAFKA_LISTENERS: PLAINTEXT://127.0.0.1:9092', 'KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://h:9092']))[0]!.settings.get('listeners')!.value, 'PLAINTEXT://127.0.0.1:9092');
    assert.equal(read(service('bitnami/kafka:3.7', ['KAFKA_CFG_ADVERTISED_LISTENERS: PLAINTEXT://h:9092']))[0]!.settings.has('listeners'), false);
  });

  it('cp-kafka SSL helper variables become the store settings the image writes', () => {
    const text = service('confluentinc/cp-kafka:7.6.1', [
      'KAFKA_ADVERTISED_LISTENERS: SSL://kafka:9093',
      'KAFKA_SSL_KEYSTORE_FILENAME: kafka.keystore.jks',
      'KAFKA_SSL_KEYSTORE_CREDENTIALS: keystore_creds',
      'KAFKA_SSL_KEY_CREDENTIALS: key_creds',
      'KAFKA_SSL_TRUSTSTORE_FILENAME: kafka.truststore.jks',
    ]);
    const d = read(text)[0]!;
    assert.equal(d.settings.get('ssl.keystore.location')!.value, '/etc/kafka/secrets/kafka.keystore.jks');
    assert.equal(at(text, d.settings.get('ssl.keystore.location')!.valueSpan), 'kafka.keystore.jks');
    assert.equal(d.settings.get('ssl.keystore.password')!.state, 'externalized');
    assert.equal(d.settings.get('ssl.key.password')!.state, 'externalized');
    // The truststore pair is only read when client authentication is required or requested.
    assert.equal(d.settings.has('ssl.truststore.location'), false);
    const plain = read(service('confluentinc/cp-kafka:7.6.1', ['KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092', 'KAFKA_SSL_KEYSTORE_FILENAME: k.jks']))[0]!;
    assert.equal(plain.settings.has('ssl.keystore.location'), false);
  });

  it('published ports: short syntax with host address and ranges, long syntax', () => {
    const text = service('confluentinc/cp-kafka:7.6.1', ['KAFKA_BROKER_ID: 1'], ['    ports:', '      - "127.0.0.1:9092:9092"', '      - 9093', '      - "9100-9101:9100-9101/tcp"', '      - target: 8083', '        host_ip: 0.0.0.0', '      - target: 9999']);
    const ports = read(text)[0]!.facts.get(COMPOSE_FACTS.publishedPorts) as PublishedPort[];
    assert.deepEqual(
      ports.map((p) => [p.container, p.hostIp]),
      [
        [9092, '127.0.0.1'],
        [9093, ''],
        [9100, ''],
        [9101, ''],
        [8083, '0.0.0.0'],
        [9999, ''],
      ],
    );
  });

  it('mounted paths: short and long volume syntax, tmpfs excluded', () => {
    const text = service('bitnami/kafka:3.7', ['KAFKA_CFG_NODE_ID: "1"'], [
      '    volumes:',
      '      - kafka_data:/bitnami/kafka',
      '      - ./server.properties:/bitnami/kafka/config/server.properties:ro',
      '      - /var/anon',
      '      - type: tmpfs',
      '        target: /tmp',
      '      - type: bind',
      '        source: ${PWD}/certs',
      '        target: /opt/bitnami/kafka/config/certs',
    ]);
    const d = read(text)[0]!;
    assert.deepEqual(d.facts.get(COMPOSE_FACTS.mountedPaths), ['/bitnami/kafka', '/bitnami/kafka/config/server.properties', '/var/anon', '/opt/bitnami/kafka/config/certs']);
    const mounts = d.facts.get(COMPOSE_FACTS.mounts) as Mount[];
    assert.deepEqual(
      mounts.map((m) => [m.type, m.readOnly]),
      [
        ['volume', false],
        ['bind', true],
        ['volume', false],
        ['tmpfs', false],
        ['bind', false],
      ],
    );
    assert.equal(at(text, mounts[1]!.span), './server.properties:/bitnami/kafka/config/server.properties:ro');
  });

  it('findings about absent keys are anchored at the environment key', () => {
    const text = service('confluentinc/cp-kafka:7.6.1', ['KAFKA_BROKER_ID: 1']);
    assert.equal(at(text, read(text)[0]!.anchor), 'environment');
  });
});

describe('compose: ComposeEnvWriter', () => {
  it('sets an existing value keeping its quotes', () => {
    const text = service('confluentinc/cp-kafka:7.6.1', ["KAFKA_SSL_CLIENT_AUTH: 'none'", 'KAFKA_SECURITY_INTER_BROKER_PROTOCOL: "PLAINTEXT"', 'KAFKA_SASL_ENABLED_MECHANISMS: PLAIN']);
    assert.equal(
      fix(text, [
        { op: 'set', key: 'ssl.client.auth', value: 'required' },
        { op: 'set', key: 'security.inter.broker.protocol', value: 'SSL' },
        { op: 'set', key: 'sasl.enabled.mechanisms', value: 'SCRAM-SHA-512' },
      ]),
      service('confluentinc/cp-kafka:7.6.1', ["KAFKA_SSL_CLIENT_AUTH: 'required'", 'KAFKA_SECURITY_INTER_BROKER_PROTOCOL: "SSL"', 'KAFKA_SASL_ENABLED_MECHANISMS: SCRAM-SHA-512']),
    );
  });

  it('escapes $ for compose and quotes values YAML would read differently', () => {
    const text = service('confluentinc/cp-kafka:7.6.1', ['KAFKA_SSL_KEYSTORE_PASSWORD: secret']);
    assert.equal(fix(text, [{ op: 'set', key: 'ssl.keystore.password', value: '${file:/s.properties:pw}' }]), service('confluentinc/cp-kafka:7.6.1', ['KAFKA_SSL_KEYSTORE_PASSWORD: $${file:/s.properties:pw}']));
    assert.equal(fix(text, [{ op: 'set', key: 'auto.create.topics.enable', value: 'false' }]), service('confluentinc/cp-kafka:7.6.1', ['KAFKA_SSL_KEYSTORE_PASSWORD: secret', 'KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false"']));
  });

  it('inserts a new variable encoded for the image, in map form at the entries indentation', () => {
    const text = service('confluentinc/cp-kafka:7.6.1', ['KAFKA_LISTENERS: SASL_SSL://:9093'], ['    ports:', '      - "9093:9093"']);
    assert.equal(
      fix(text, [{ op: 'set', key: 'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config', value: 'x' }]),
      service('confluentinc/cp-kafka:7.6.1', ['KAFKA_LISTENERS: SASL_SSL://:9093', 'KAFKA_LISTENER_NAME_SASL__SSL_SCRAM___SHA___512_SASL_JAAS_CONFIG: x'], ['    ports:', '      - "9093:9093"']),
    );
  });

  it('inserts in list form, after the `after` key, and keeps CRLF', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const text = crlf(service('bitnami/kafka:3.7', ['- KAFKA_CFG_LISTENERS=SASL_SSL://:9092', '- KAFKA_CFG_NODE_ID=1']));
    assert.equal(
      fix(text, [{ op: 'set', key: 'sasl.enabled.mechanisms', value: 'SCRAM-SHA-512', after: 'listeners' }]),
      crlf(service('bitnami/kafka:3.7', ['- KAFKA_CFG_LISTENERS=SASL_SSL://:9092', '- KAFKA_CFG_SASL_ENABLED_MECHANISMS=SCRAM-SHA-512', '- KAFKA_CFG_NODE_ID=1'])),
    );
  });

  it('refuses keys the image cannot express', () => {
    const text = service('bitnami/kafka:3.7', ['KAFKA_CFG_LISTENERS: CLIENT://:9092']);
    assert.equal(fix(text, [{ op: 'set', key: 'listener.name.client.scram-sha-512.sasl.jaas.config', value: 'x' }]), null);
  });

  it('edits part of a value, and writes KAFKA_LISTENERS when the listeners were derived', () => {
    const text = service('confluentinc/cp-kafka:7.6.1', ['KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "INTERNAL:PLAINTEXT,EXTERNAL:SSL"', 'KAFKA_ADVERTISED_LISTENERS: INTERNAL://kafka:29092']);
    assert.equal(
      fix(text, [{ op: 'replace-in-value', key: 'listener.security.protocol.map', from: 9, to: 18, text: 'SASL_SSL' }]),
      service('confluentinc/cp-kafka:7.6.1', ['KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "INTERNAL:SASL_SSL,EXTERNAL:SSL"', 'KAFKA_ADVERTISED_LISTENERS: INTERNAL://kafka:29092']),
    );
    assert.equal(
      fix(text, [{ op: 'replace-in-value', key: 'listeners', from: 0, to: 8, text: 'INTERNAL_TLS' }]),
      service('confluentinc/cp-kafka:7.6.1', ['KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "INTERNAL:PLAINTEXT,EXTERNAL:SSL"', 'KAFKA_ADVERTISED_LISTENERS: INTERNAL://kafka:29092', 'KAFKA_LISTENERS: INTERNAL_TLS://0.0.0.0:29092']),
    );
  });

  it('removes every definition; an emptied environment goes with its key', () => {
    const text = service('bitnami/kafka:3.7', ['KAFKA_LISTENERS: PLAINTEXT://:9092', 'KAFKA_CFG_LISTENERS: PLAINTEXT://:9092 # comment', 'KAFKA_CFG_NODE_ID: "1"']);
    assert.equal(fix(text, [{ op: 'remove', key: 'listeners' }]), service('bitnami/kafka:3.7', ['KAFKA_CFG_NODE_ID: "1"']));
    assert.equal(fix(text, [{ op: 'remove', key: 'listeners' }, { op: 'remove', key: 'node.id' }]), lines('services:', '  kafka:', '    image: bitnami/kafka:3.7'));
  });

  it('never edits an anchor shared with other services: sets become a variable of this service', () => {
    const text = lines('x-env: &env', '  KAFKA_CFG_LISTENERS: PLAINTEXT://:9092', 'services:', '  kafka:', '    image: bitnami/kafka:3.7', '    environment:', '      <<: *env', '      KAFKA_CFG_NODE_ID: "1"');
    assert.equal(fix(text, [{ op: 'set', key: 'listeners', value: 'SSL://:9093' }]), text + '      KAFKA_CFG_LISTENERS: SSL://:9093\n');
    assert.equal(fix(text, [{ op: 'remove', key: 'listeners' }]), null);
  });

  it('creates an environment block when the service has none', () => {
    const text = lines('services:', '  kafka:', '    image: apache/kafka:3.9.0', '    ports: ["9092:9092"]');
    assert.equal(fix(text, [{ op: 'set', key: 'listeners', value: 'SSL://:9093' }]), lines('services:', '  kafka:', '    image: apache/kafka:3.9.0', '    environment:', '      KAFKA_LISTENERS: SSL://:9093', '    ports: ["9092:9092"]'));
  });

  it('cp-kafka SSL helpers: the keystore location is written as the file name, passwords cannot be set', () => {
    const text = service('confluentinc/cp-kafka:7.6.1', ['KAFKA_ADVERTISED_LISTENERS: SSL://kafka:9093', 'KAFKA_SSL_KEYSTORE_FILENAME: a.jks', 'KAFKA_SSL_KEYSTORE_CREDENTIALS: creds']);
    assert.equal(fix(text, [{ op: 'set', key: 'ssl.keystore.location', value: '/etc/kafka/secrets/b.jks' }]), text.replace('a.jks', 'b.jks'));
    assert.equal(fix(text, [{ op: 'set', key: 'ssl.keystore.location', value: '/elsewhere/b.jks' }]), null);
    assert.equal(fix(text, [{ op: 'set', key: 'ssl.keystore.password', value: 'x' }]), null);
  });
});
