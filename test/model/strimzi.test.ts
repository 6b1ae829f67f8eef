import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fix';
import { getRule, lintText } from '../../server/src/engine/lint';
import { readDocuments } from '../../server/src/model/adapters';
import { partSpan, strimziIgnoredConfig, strimziListeners } from '../../server/src/model/adapters/strimzi';
import { listenerTable, parseProtocolMap } from '../../server/src/model/listeners';
import { forbiddenPrefix } from '../../server/src/model/strimzi-config';
import type { Change, KafkaDocument } from '../../server/src/model/types';
import { LineIndex, type Span } from '../../server/src/parse/text';
import { parseYaml, YamlWalker } from '../../server/src/parse/yaml';
import { corpusFiles, readCorpusFile } from '../corpus/corpus';

const OPTIONS = { rules: {}, allowSuppressions: true };

function read(text: string, path = 'kafka.yaml') {
  return readDocuments(path, text, OPTIONS);
}

function only(text: string, path = 'kafka.yaml'): KafkaDocument {
  const r = read(text, path);
  assert.equal(r.documents.length, 1, `expected one document, got ${r.documents.length} (${r.skipped ?? ''})`);
  return r.documents[0]!;
}

/** 1-based `line:col-line:col` of a span (end exclusive), as the CLI prints it. */
function loc(text: string, span: Span): string {
  const lines = new LineIndex(text);
  const r = lines.rangeOf(span);
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/** key, value, state, where the value is written and its text. */
function table(doc: KafkaDocument, keys?: string[]): string[][] {
  const text = doc.text;
  return [...doc.settings.values()]
    .filter((s) => !keys || keys.includes(s.key))
    .map((s) => [s.key, s.secret ? '(secret)' : s.value, s.state, loc(text, s.valueSpan), text.slice(s.valueSpan.start, s.valueSpan.end).split('\n')[0]!]);
}

function apply(doc: KafkaDocument, changes: Change[]): string | null {
  const edits = doc.writer.edits(changes);
  return edits ? applyEdits(doc.text, edits) : null;
}

const CLUSTER = [
  'apiVersion: kafka.strimzi.io/v1beta2', //  1
  'kind: Kafka', //  2
  'metadata:', //  3
  '  name: prod', //  4
  'spec:', //  5
  '  kafka:', //  6
  '    version: 3.9.0', //  7
  '    listeners:', //  8
  '      - name: plain', //  9
  '        port: 9092', // 10
  '        type: internal', // 11
  '        tls: false', // 12
  '      - name: tls', // 13
  '        port: 9093', // 14
  '        type: internal', // 15
  '        tls: true', // 16
  '        authentication:', // 17
  '          type: tls', // 18
  '      - name: external', // 19
  '        port: 9094', // 20
  '        type: loadbalancer', // 21
  '        tls: true', // 22
  '        authentication:', // 23
  '          type: scram-sha-512', // 24
  '        configuration:', // 25
  '          maxConnections: 100', // 26
  '    authorization:', // 27
  '      type: simple', // 28
  '      superUsers:', // 29
  '        - CN=admin', // 30
  '        - ANONYMOUS', // 31
  '    config:', // 32
  '      auto.create.topics.enable: no', // 33
  '      log.message.format.version: 3.10', // 34
  '      min.insync.replicas: "2"', // 35
  "      ssl.cipher.suites: 'TLS_AES_256_GCM_SHA384'", // 36
  '      ssl.client.auth: required', // 37
  '      listener.name.external-9094.connections.max.reauth.ms: 3600000', // 38
  '  zookeeper:', // 39
  '    replicas: 3', // 40
  '',
].join('\n');

const OPERATOR_USERS =
  'User:CN=prod-kafka,O=io.strimzi;User:CN=prod-entity-topic-operator,O=io.strimzi;User:CN=prod-entity-user-operator,O=io.strimzi;' +
  'User:CN=prod-kafka-exporter,O=io.strimzi;User:CN=prod-cruise-control,O=io.strimzi;User:CN=cluster-operator,O=io.strimzi';

describe('Strimzi adapter', () => {
  describe('recognising resources', () => {
    it('claims Strimzi kinds and leaves other YAML alone', () => {
      assert.equal(only(CLUSTER).format, 'strimzi');
      const cfk = read('apiVersion: platform.confluent.io/v1beta1\nkind: Kafka\nmetadata:\n  name: kafka\nspec:\n  replicas: 3\n');
      assert.equal(cfk.documents.length, 0);
      assert.ok(cfk.skipped);
      const user = read('apiVersion: kafka.strimzi.io/v1\nkind: KafkaUser\nmetadata:\n  name: u\nspec:\n  authentication:\n    type: tls\n');
      assert.equal(user.documents.length, 0, 'a KafkaUser holds no Kafka configuration');
      const k8s = read('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kafka\ndata:\n  server.properties: |\n    listeners=PLAINTEXT://:9092\n');
      assert.equal(k8s.documents.length, 0);
    });

    it('claims no corpus file outside strimzi/', function () {
      this.timeout(30000);
      for (const rel of corpusFiles()) {
        const docs = read(readCorpusFile(rel), rel).documents.filter((d) => d.format === 'strimzi');
        if (rel.startsWith('strimzi/')) assert.ok(docs.length >= 1, rel);
        else assert.equal(docs.length, 0, rel);
      }
    });
  });

  describe('decoding a Kafka resource', () => {
    const doc = only(CLUSTER);

    it('reads mode, role, version, anchor and extent', () => {
      assert.equal(doc.role, 'broker');
      assert.equal(doc.mode, 'zk');
      assert.deepEqual(doc.version, { major: 3, minor: 9, patch: 0, source: 'spec.kafka.version' });
      assert.equal(loc(CLUSTER, doc.anchor), '6:3-6:8');
      assert.equal(loc(CLUSTER, doc.span), '1:1-40:16');
    });

    it('turns listeners, authentication, authorization and config into canonical settings with their spans', () => {
      assert.deepEqual(table(doc), [
        ['listener.name.tls-9093.ssl.client.auth', 'required', 'literal', '18:17-18:20', 'tls'],
        ['listener.name.external-9094.sasl.enabled.mechanisms', 'SCRAM-SHA-512', 'literal', '24:17-24:30', 'scram-sha-512'],
        ['listener.name.external-9094.max.connections', '100', 'literal', '26:27-26:30', '100'],
        ['sasl.enabled.mechanisms', '', 'default', '8:5-8:14', 'listeners'],
        ['zookeeper.connect', 'prod-zookeeper-client:2181', 'default', '39:3-39:12', 'zookeeper'],
        ['zookeeper.ssl.client.enable', 'true', 'default', '39:3-39:12', 'zookeeper'],
        ['zookeeper.clientCnxnSocket', 'org.apache.zookeeper.ClientCnxnSocketNetty', 'default', '39:3-39:12', 'zookeeper'],
        ['listeners', 'PLAIN-9092://0.0.0.0:9092,TLS-9093://0.0.0.0:9093,EXTERNAL-9094://0.0.0.0:9094', 'literal', '9:7-26:30', '- name: plain'],
        ['listener.security.protocol.map', 'PLAIN-9092:PLAINTEXT,TLS-9093:SSL,EXTERNAL-9094:SASL_SSL', 'literal', '9:7-26:30', '- name: plain'],
        ['authorizer.class.name', 'kafka.security.authorizer.AclAuthorizer', 'literal', '28:13-28:19', 'simple'],
        ['super.users', `${OPERATOR_USERS};User:CN=admin;User:ANONYMOUS`, 'literal', '30:9-31:20', '- CN=admin'],
        ['auto.create.topics.enable', 'false', 'literal', '33:34-33:36', 'no'],
        ['log.message.format.version', '3.1', 'literal', '34:35-34:39', '3.10'],
        ['min.insync.replicas', '2', 'literal', '35:28-35:31', '"2"'],
        ['ssl.cipher.suites', 'TLS_AES_256_GCM_SHA384', 'literal', '36:26-36:50', "'TLS_AES_256_GCM_SHA384'"],
        ['spec.kafka.config[ssl.client.auth]', 'required', 'literal', '37:24-37:32', 'required'],
        ['listener.name.external-9094.connections.max.reauth.ms', '3600000', 'literal', '38:62-38:69', '3600000'],
      ]);
      const sasl = doc.settings.get('listener.name.external-9094.sasl.enabled.mechanisms')!;
      assert.equal(loc(CLUSTER, sasl.keySpan), '24:11-24:15');
      assert.equal(loc(CLUSTER, sasl.entrySpan), '24:11-24:30');
      const cfg = doc.settings.get('min.insync.replicas')!;
      assert.equal(loc(CLUSTER, cfg.keySpan), '35:7-35:26');
      assert.equal(loc(CLUSTER, cfg.entrySpan), '35:7-35:31');
      assert.equal(doc.settings.get('listeners')!.origin, 'spec.kafka.listeners');
    });

    it('builds the listener table: one listener per entry, protocol from tls and authentication, spans on the listener', () => {
      const t = listenerTable(doc);
      assert.deepEqual(
        t.listeners.map((l) => [l.name, l.protocol, l.protocolSource, l.port, l.exposure, [...l.roles].join()]),
        [
          ['PLAIN-9092', 'PLAINTEXT', 'map', 9092, 'wildcard', 'client'],
          ['TLS-9093', 'SSL', 'map', 9093, 'wildcard', 'client'],
          ['EXTERNAL-9094', 'SASL_SSL', 'map', 9094, 'wildcard', 'client'],
        ],
      );
      // Every piece of the assembled values points at the listener that defines it.
      const listeners = doc.settings.get('listeners')!;
      const map = doc.settings.get('listener.security.protocol.map')!;
      const pieces = (s: typeof map, items: Array<{ from: number; to: number }>) => items.map((i) => CLUSTER.slice(partSpan(s, i.from, i.to).start, partSpan(s, i.from, i.to).end));
      const items = listeners.value.split(',').map((x) => ({ from: listeners.value.indexOf(x), to: listeners.value.indexOf(x) + x.length }));
      assert.deepEqual(pieces(listeners, items), ['plain', 'tls', 'external']);
      const entries = parseProtocolMap(map.value);
      assert.deepEqual(pieces(map, entries), ['plain', 'tls', 'external']);
      assert.deepEqual(
        entries.map((e) => loc(CLUSTER, partSpan(map, e.protocolFrom, e.to))),
        ['12:14-12:19', '16:14-16:18', '22:14-22:18'],
        'a protocol points at the tls value',
      );
    });

    it('gives per-listener facts the Strimzi rules read', () => {
      assert.deepEqual(
        strimziListeners(doc).map((l) => [l.name, l.crName, l.type, l.tls, l.authentication ?? '-', l.sasl, l.external, l.networkPolicyPeers, loc(CLUSTER, l.span)]),
        [
          ['PLAIN-9092', 'plain', 'internal', false, '-', false, false, false, '9:15-9:20'],
          ['TLS-9093', 'tls', 'internal', true, 'tls', false, false, false, '13:15-13:18'],
          ['EXTERNAL-9094', 'external', 'loadbalancer', true, 'scram-sha-512', true, true, false, '19:15-19:23'],
        ],
      );
    });

    it('keeps keys the operator drops out of the canonical view', () => {
      assert.equal(doc.settings.has('ssl.client.auth'), false);
      assert.deepEqual(
        strimziIgnoredConfig(doc).map((e) => [e.section, e.key, e.prefix, e.settingKey, loc(CLUSTER, e.keySpan)]),
        [['kafka', 'ssl.client.auth', 'ssl.', 'spec.kafka.config[ssl.client.auth]', '37:7-37:22']],
      );
    });

    it('super users: the operator adds its own principals and writes User: before each entry', () => {
      const s = doc.settings.get('super.users')!;
      const anonymous = s.value.indexOf('User:ANONYMOUS');
      assert.equal(loc(CLUSTER, partSpan(s, anonymous, anonymous + 'User:ANONYMOUS'.length)), '31:11-31:20');
    });
  });

  describe('forbidden prefixes and their exceptions (RULES.md §A.9)', () => {
    const cases: Array<[string, string | undefined]> = [
      ['listeners', 'listeners'],
      ['advertised.listeners', 'advertised.'],
      ['listener.security.protocol.map', 'listener.'],
      ['ssl.keystore.location', 'ssl.'],
      ['ssl.enabled.protocols', undefined],
      ['ssl.cipher.suites', undefined],
      ['ssl.protocol', undefined],
      ['ssl.secure.random.implementation', undefined],
      ['sasl.enabled.mechanisms', 'sasl.'],
      ['sasl.server.max.receive.size', undefined],
      ['security.inter.broker.protocol', 'security.'],
      ['password.encoder.secret', 'password.'],
      ['authorizer.class.name', 'authorizer.'],
      ['super.users', 'super.user'],
      ['zookeeper.set.acl', 'zookeeper.set.acl'],
      ['zookeeper.ssl.client.enable', 'zookeeper.ssl'],
      ['zookeeper.clientCnxnSocket', 'zookeeper.clientCnxnSocket'],
      ['zookeeper.connection.timeout.ms', undefined],
      ['inter.broker.listener.name', 'inter.broker.listener.name'],
      ['controller.listener.names', 'controller.'],
      ['controller.quorum.election.timeout.ms', undefined],
      ['listener.name.tls-9093.connections.max.reauth.ms', undefined],
      ['listener.name.tls-9093.max.connections', undefined],
      ['listener.name.tls-9093.max.connections.per.ip', undefined],
      ['listener.name.tls-9093.max.connection.creation.rate', undefined],
      ['listener.name.tls-9093.ssl.client.auth', 'listener.'],
      ['listener.name.other-9999.connections.max.reauth.ms', 'listener.'],
      ['allow.everyone.if.no.acl.found', undefined],
      ['connections.max.reauth.ms', undefined],
    ];
    for (const [key, prefix] of cases) {
      it(`${key} → ${prefix ?? 'allowed'}`, () => assert.equal(forbiddenPrefix('kafka', key, ['tls-9093']), prefix));
    }
    it('ZooKeeper and Connect lists', () => {
      assert.equal(forbiddenPrefix('zookeeper', 'ssl.quorum.hostnameVerification'), undefined);
      assert.equal(forbiddenPrefix('zookeeper', 'clientPort'), 'clientPort');
      assert.equal(forbiddenPrefix('connect', 'ssl.endpoint.identification.algorithm'), undefined);
      assert.equal(forbiddenPrefix('connect', 'sasl.jaas.config'), 'sasl.');
      assert.equal(forbiddenPrefix('listener', 'ssl.client.auth'), 'ssl.');
      assert.equal(forbiddenPrefix('listener', 'sasl.enabled.mechanisms'), undefined);
    });
  });

  describe('mode, role and version', () => {
    const kafka = (api: string, extra: string, kafkaExtra = '') =>
      `apiVersion: kafka.strimzi.io/${api}\nkind: Kafka\nmetadata:\n  name: c\n${extra}spec:\n  kafka:\n${kafkaExtra}    listeners:\n      - {name: tls, port: 9093, type: internal, tls: true}\n`;
    const pool = (roles: string) => `apiVersion: kafka.strimzi.io/v1\nkind: KafkaNodePool\nmetadata:\n  name: p\n  labels:\n    strimzi.io/cluster: c\nspec:\n  roles: [${roles}]\n---\n`;
    const cases: Array<[string, string, string, string | undefined]> = [
      ['v1beta1 with zookeeper', kafka('v1beta1', '') + '  zookeeper:\n    replicas: 3\n', 'zk/broker', undefined],
      ['v1beta2 with zookeeper and Kafka 3.9', kafka('v1beta2', '', '    version: 3.9.0\n') + '  zookeeper:\n    replicas: 3\n', 'zk/broker', '3.9'],
      ['v1beta2 KRaft annotation', kafka('v1beta2', '  annotations:\n    strimzi.io/kraft: enabled\n') + '  zookeeper:\n    replicas: 3\n', 'kraft/broker', undefined],
      ['v1beta2 migration annotation', kafka('v1beta2', '  annotations:\n    strimzi.io/kraft: migration\n') + '  zookeeper:\n    replicas: 3\n', 'migration/broker', undefined],
      ['v1beta2 without zookeeper', kafka('v1beta2', ''), 'kraft/broker', undefined],
      ['v1 (ZooKeeper removed)', kafka('v1', ''), 'kraft/broker', undefined],
      ['Kafka 4 with a stray zookeeper section', kafka('v1beta2', '', '    version: 4.0.0\n') + '  zookeeper:\n    replicas: 3\n', 'kraft/broker', '4.0'],
      ['dual-role node pool', pool('controller, broker') + kafka('v1', ''), 'kraft/combined', undefined],
      ['separate broker and controller pools', pool('controller') + pool('broker') + kafka('v1', ''), 'kraft/broker', undefined],
    ];
    for (const [name, text, modeRole, version] of cases) {
      it(name, () => {
        const docs = read(text).documents;
        assert.equal(docs.length, 1);
        const d = docs[0]!;
        assert.equal(`${d.mode}/${d.role}`, modeRole);
        assert.equal(d.version ? `${d.version.major}.${d.version.minor}` : undefined, version);
      });
    }
    it('an explicit Kafka version option wins over spec.kafka.version', () => {
      const d = readDocuments('kafka.yaml', kafka('v1beta2', '', '    version: 3.9.0\n'), { ...OPTIONS, kafkaVersion: { major: 3, minor: 7 } }).documents[0]!;
      assert.deepEqual(d.version, { major: 3, minor: 7, source: 'option' });
    });
  });

  describe('authorization', () => {
    const base = (authz: string, api = 'v1') => `apiVersion: kafka.strimzi.io/${api}\nkind: Kafka\nmetadata:\n  name: c\nspec:\n  kafka:\n    listeners:\n      - {name: tls, port: 9093, type: internal, tls: true}\n${authz}`;
    const cases: Array<[string, string, string, string, string]> = [
      ['simple (KRaft)', '    authorization:\n      type: simple\n', 'org.apache.kafka.metadata.authorizer.StandardAuthorizer', 'literal', 'simple'],
      ['keycloak', '    authorization:\n      type: keycloak\n', 'io.strimzi.kafka.oauth.server.authorizer.KeycloakAuthorizer', 'literal', 'keycloak'],
      ['opa', '    authorization:\n      type: opa\n      url: http://opa:8181/v1/data/kafka/allow\n', 'org.openpolicyagent.kafka.OpaAuthorizer', 'literal', 'opa'],
      ['custom', '    authorization:\n      type: custom\n      authorizerClass: com.example.Authz\n', 'com.example.Authz', 'literal', 'com.example.Authz'],
      ['templated type', '    authorization:\n      type: "{{ .Values.authz }}"\n', '{{ .Values.authz }}', 'unresolvable', '"{{ .Values.authz }}"'],
      ['absent: no authorizer, anchored on spec.kafka', '', '', 'default', 'kafka'],
    ];
    for (const [name, authz, value, state, written] of cases) {
      it(name, () => {
        const text = base(authz);
        const s = only(text).settings.get('authorizer.class.name')!;
        assert.deepEqual([s.value, s.state, text.slice(s.valueSpan.start, s.valueSpan.end)], [value, state, written]);
      });
    }
    it('absent authorization: no super.users either', () => {
      assert.equal(only(base('')).settings.has('super.users'), false);
    });
    it('authorization without superUsers: the operator principals, as a default anchored on type', () => {
      const text = base('    authorization:\n      type: simple\n');
      const s = only(text).settings.get('super.users')!;
      assert.equal(s.state, 'default');
      assert.equal(s.value, OPERATOR_USERS.replace(/prod/g, 'c'));
      assert.equal(text.slice(s.keySpan.start, s.keySpan.end), 'type');
    });
  });

  describe('client resources', () => {
    it('KafkaConnect: security from tls and authentication for the worker and its task clients; password never inline', () => {
      const text = readCorpusFile('strimzi/strimzi-1.x-scram__connect.yaml');
      const doc = only(text);
      assert.equal(doc.role, 'connect');
      assert.deepEqual(
        table(doc, ['bootstrap.servers', 'security.protocol', 'consumer.security.protocol', 'sasl.mechanism', 'sasl.jaas.config', 'group.id', 'config.storage.replication.factor']),
        [
          ['bootstrap.servers', 'my-cluster-kafka-bootstrap:9093', 'literal', '71:21-71:52', 'my-cluster-kafka-bootstrap:9093'],
          ['security.protocol', 'SASL_SSL', 'literal', '81:11-81:24', 'scram-sha-512'],
          ['sasl.mechanism', 'SCRAM-SHA-512', 'literal', '81:11-81:24', 'scram-sha-512'],
          ['sasl.jaas.config', '(secret)', 'externalized', '81:5-85:25', 'type: scram-sha-512'],
          ['consumer.security.protocol', 'SASL_SSL', 'literal', '81:11-81:24', 'scram-sha-512'],
          ['group.id', 'my-connect-group', 'literal', '72:12-72:28', 'my-connect-group'],
          ['config.storage.replication.factor', '-1', 'literal', '88:40-88:42', '-1'],
        ],
      );
    });

    it('KafkaConnect without tls: PLAINTEXT as the operator writes it, a default anchored on bootstrapServers', () => {
      const text = 'apiVersion: kafka.strimzi.io/v1\nkind: KafkaConnect\nmetadata:\n  name: c\nspec:\n  bootstrapServers: b:9092\n';
      const s = only(text).settings.get('producer.security.protocol')!;
      assert.deepEqual([s.value, s.state, text.slice(s.valueSpan.start, s.valueSpan.end)], ['PLAINTEXT', 'default', 'bootstrapServers: b:9092']);
    });

    it('KafkaMirrorMaker2 v1beta2: per-alias keys, connector flows and the clusters list', () => {
      const text = readCorpusFile('strimzi/strimzi-0.45__kafka-mirror-maker-2-tls.yaml');
      const doc = only(text);
      assert.equal(doc.role, 'mirrormaker');
      assert.deepEqual(
        table(doc, ['clusters', 'cluster-a.security.protocol', 'cluster-b.bootstrap.servers', 'cluster-b.offset.storage.replication.factor', 'cluster-a->cluster-b.sync.topic.acls.enabled']),
        [
          ['cluster-a.security.protocol', 'SSL', 'literal', '12:5-12:8', 'tls'],
          ['cluster-b.bootstrap.servers', 'cluster-b-kafka-bootstrap:9093', 'literal', '17:23-17:53', 'cluster-b-kafka-bootstrap:9093'],
          ['cluster-b.offset.storage.replication.factor', '-1', 'literal', '25:42-25:44', '-1'],
          ['cluster-a->cluster-b.sync.topic.acls.enabled', 'false', 'literal', '36:34-36:41', '"false"'],
          ['clusters', 'cluster-a,cluster-b', 'literal', '10:3-26:44', '- alias: "cluster-a" # Source cluster'],
        ],
      );
    });

    it('KafkaMirrorMaker2 v1: target and mirrors[].source', () => {
      const text =
        'apiVersion: kafka.strimzi.io/v1\nkind: KafkaMirrorMaker2\nmetadata:\n  name: m\nspec:\n  target:\n    alias: dst\n    bootstrapServers: dst:9092\n' +
        '  mirrors:\n    - source:\n        alias: src\n        bootstrapServers: src:9093\n        tls: {}\n        authentication:\n          type: tls\n';
      const doc = only(text);
      assert.deepEqual(
        table(doc, ['clusters', 'dst.security.protocol', 'src.security.protocol']).map((r) => r.slice(0, 3)),
        [
          ['dst.security.protocol', 'PLAINTEXT', 'default'],
          ['src.security.protocol', 'SSL', 'literal'],
          ['clusters', 'dst,src', 'literal'],
        ],
      );
    });
  });

  describe('values as the operator reads them', () => {
    const config = (body: string) => `apiVersion: kafka.strimzi.io/v1\nkind: Kafka\nmetadata:\n  name: c\nspec:\n  kafka:\n    listeners:\n      - {name: tls, port: 9093, type: internal, tls: true}\n    config:\n${body}`;
    it('YAML 1.1 booleans and numbers become their text; quoted text stays as written', () => {
      const doc = only(config('      a: on\n      b: 017\n      c: 1_000\n      d: .5\n      e: "017"\n      f: |\n        two\n        lines\n'));
      assert.deepEqual(
        ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => doc.settings.get(k)!.value),
        ['true', '15', '1000', '0.5', '017', 'two\nlines\n'],
      );
    });
    it('null and nested values are reported, not read', () => {
      const r = read(config('      a:\n      b: {x: 1}\n      c: ok\n'));
      assert.deepEqual(
        r.problems.map((p) => [p.severity, p.message]),
        [
          ['warning', 'spec.kafka.config.a has no value; the operator rejects null values.'],
          ['warning', 'spec.kafka.config.b is a list or map; the operator only accepts text, numbers and booleans here.'],
        ],
      );
      assert.deepEqual([...r.documents[0]!.settings.keys()].filter((k) => k.length === 1), ['c']);
    });
    it('templates are unresolvable; secrets are masked even when the operator drops the key', () => {
      const doc = only(config('      a: "{{ .Values.a }}"\n      ssl.keystore.password: changeit\n'));
      assert.equal(doc.settings.get('a')!.state, 'unresolvable');
      assert.equal(doc.settings.get('spec.kafka.config[ssl.keystore.password]')!.secret, true);
    });
    it('listener problems: missing tls, tls authentication without TLS, route without TLS', () => {
      const text = 'apiVersion: kafka.strimzi.io/v1\nkind: Kafka\nmetadata:\n  name: c\nspec:\n  kafka:\n    listeners:\n      - name: a\n        port: 9092\n        type: internal\n' +
        '      - name: b\n        port: 9093\n        type: internal\n        tls: false\n        authentication:\n          type: tls\n      - name: r\n        port: 9094\n        type: route\n        tls: false\n';
      assert.deepEqual(
        read(text).problems.map((p) => p.message),
        [
          'Listener a has no tls field, which Strimzi requires; it is read as tls: false.',
          'Listener B-9093 uses tls authentication without tls: true, which Strimzi rejects.',
          'Listener R-9094 is of type route, which Strimzi only accepts with tls: true.',
        ],
      );
    });
  });

  describe('writer', () => {
    const doc = only(CLUSTER);
    const lines = CLUSTER.split('\n');
    const replaceLine = (n: number, ...by: string[]) => [...lines.slice(0, n - 1), ...by, ...lines.slice(n)].join('\n');

    it('sets existing config values keeping their quoting', () => {
      assert.equal(apply(doc, [{ op: 'set', key: 'auto.create.topics.enable', value: 'true' }]), replaceLine(33, '      auto.create.topics.enable: true'));
      assert.equal(apply(doc, [{ op: 'set', key: 'min.insync.replicas', value: '3' }]), replaceLine(35, '      min.insync.replicas: "3"'));
      assert.equal(apply(doc, [{ op: 'set', key: 'ssl.cipher.suites', value: "it's" }]), replaceLine(36, "      ssl.cipher.suites: 'it''s'"));
      assert.equal(apply(doc, [{ op: 'set', key: 'log.message.format.version', value: '3.10' }]), replaceLine(34, '      log.message.format.version: "3.10"'), 'plain 3.10 would read as 3.1');
    });

    it('inserts new config keys after `after` and at the end', () => {
      assert.equal(
        apply(doc, [
          { op: 'set', key: 'connections.max.reauth.ms', value: '3600000', after: 'min.insync.replicas' },
          { op: 'set', key: 'allow.everyone.if.no.acl.found', value: 'false' },
        ]),
        [...lines.slice(0, 35), '      connections.max.reauth.ms: 3600000', ...lines.slice(35, 38), '      allow.everyone.if.no.acl.found: false', ...lines.slice(38)].join('\n'),
      );
    });

    it('removes config entries, and replaces inside a value', () => {
      assert.equal(apply(doc, [{ op: 'remove', key: 'min.insync.replicas' }]), replaceLine(35));
      assert.equal(apply(doc, [{ op: 'remove', key: 'spec.kafka.config[ssl.client.auth]' }]), replaceLine(37));
      assert.equal(apply(doc, [{ op: 'replace-in-value', key: 'ssl.cipher.suites', from: 4, to: 7, text: 'CHACHA20' }]), replaceLine(36, "      ssl.cipher.suites: 'TLS_CHACHA20_256_GCM_SHA384'"));
    });

    it('protocol map changes become tls and authentication on the listener', () => {
      const map = doc.settings.get('listener.security.protocol.map')!;
      const plain = parseProtocolMap(map.value)[0]!;
      const to = (p: string): Change => ({ op: 'replace-in-value', key: map.key, from: plain.protocolFrom, to: plain.to, text: p });
      assert.equal(apply(doc, [to('SSL')]), replaceLine(12, '        tls: true'));
      assert.equal(apply(doc, [to('SASL_SSL')]), replaceLine(12, '        tls: true', '        authentication:', '          type: scram-sha-512'));
      assert.equal(apply(doc, [{ op: 'set', key: map.key, value: map.value.replace('PLAIN-9092:PLAINTEXT', 'PLAIN-9092:SSL') }]), replaceLine(12, '        tls: true'));
      // The operator provides listener keystores: placeholders for them need no edit.
      assert.equal(apply(doc, [to('SSL'), { op: 'set', key: 'listener.name.plain-9092.ssl.keystore.location', value: '<PATH_TO_KEYSTORE>' }]), replaceLine(12, '        tls: true'));
      assert.deepEqual(doc.writer.edits([{ op: 'set', key: 'listener.name.plain-9092.ssl.keystore.password', value: 'x' }]), []);
      // Downgrades and unknown listeners cannot be expressed.
      const ext = parseProtocolMap(map.value)[2]!;
      assert.equal(apply(doc, [{ op: 'replace-in-value', key: map.key, from: ext.protocolFrom, to: ext.to, text: 'SSL' }]), null);
      assert.equal(apply(doc, [{ op: 'set', key: map.key, value: `${map.value},OTHER-1:SSL` }]), null);
    });

    it('per-listener keys: client authentication, allowed config, everything else refused', () => {
      assert.equal(apply(doc, [{ op: 'set', key: 'listener.name.plain-9092.ssl.client.auth', value: 'required' }]), replaceLine(12, '        tls: true', '        authentication:', '          type: tls'));
      assert.equal(
        apply(doc, [{ op: 'set', key: 'listener.name.tls-9093.connections.max.reauth.ms', value: '3600000' }]),
        [...lines.slice(0, 38), '      listener.name.tls-9093.connections.max.reauth.ms: 3600000', ...lines.slice(38)].join('\n'),
      );
      assert.equal(apply(doc, [{ op: 'set', key: 'listener.name.external-9094.max.connections', value: '50' }]), replaceLine(26, '          maxConnections: 50'));
      assert.equal(apply(doc, [{ op: 'set', key: 'listener.name.tls-9093.sasl.enabled.mechanisms', value: 'PLAIN' }]), null);
      assert.equal(apply(doc, [{ op: 'set', key: 'ssl.client.auth', value: 'required' }]), null, 'forbidden in spec.kafka.config');
      assert.equal(apply(doc, [{ op: 'set', key: 'listeners', value: 'X://:1' }]), null);
    });

    it('super users: remove, replace and append entries; the operator principals are kept out of the resource', () => {
      const s = doc.settings.get('super.users')!;
      const at = s.value.indexOf(';User:ANONYMOUS');
      assert.equal(apply(doc, [{ op: 'replace-in-value', key: 'super.users', from: at, to: s.value.length, text: '' }]), replaceLine(31));
      assert.equal(apply(doc, [{ op: 'replace-in-value', key: 'super.users', from: at + 1, to: s.value.length, text: 'User:CN=broker' }]), replaceLine(31, '        - CN=broker'));
      assert.equal(apply(doc, [{ op: 'set', key: 'super.users', value: `${s.value};User:ops` }]), replaceLine(31, '        - ANONYMOUS', '        - ops'));
      assert.equal(apply(doc, [{ op: 'remove', key: 'super.users' }]), [...lines.slice(0, 28), ...lines.slice(31)].join('\n'));
      assert.equal(apply(doc, [{ op: 'set', key: 'super.users', value: `${s.value};Group:ops` }]), null, 'Strimzi only writes User: principals');
    });

    it('authorization: created after the listeners, removed as a whole', () => {
      const text = CLUSTER.replace('    authorization:\n      type: simple\n      superUsers:\n        - CN=admin\n        - ANONYMOUS\n', '');
      const d = only(text);
      assert.equal(
        apply(d, [
          { op: 'set', key: 'authorizer.class.name', value: 'kafka.security.authorizer.AclAuthorizer', after: 'listeners' },
          { op: 'set', key: 'super.users', value: 'User:<ADMIN_PRINCIPAL>;User:<BROKER_PRINCIPAL>', after: 'listeners' },
        ]),
        text.replace('    config:\n', '    authorization:\n      type: simple\n      superUsers:\n        - <ADMIN_PRINCIPAL>\n        - <BROKER_PRINCIPAL>\n    config:\n'),
      );
      assert.equal(apply(d, [{ op: 'set', key: 'authorizer.class.name', value: 'com.example.Authz' }]), text.replace('    config:\n', '    authorization:\n      type: custom\n      authorizerClass: com.example.Authz\n    config:\n'));
      assert.equal(apply(doc, [{ op: 'remove', key: 'authorizer.class.name' }]), [...lines.slice(0, 26), ...lines.slice(31)].join('\n'));
      assert.deepEqual(doc.writer.edits([{ op: 'set', key: 'authorizer.class.name', value: 'org.apache.kafka.metadata.authorizer.StandardAuthorizer' }]), [], 'type simple already stands for it');
    });

    it('networkPolicyPeers from YAML text, in the style around the listener', () => {
      assert.equal(
        apply(doc, [{ op: 'set', key: 'spec.kafka.listeners[tls].networkPolicyPeers', value: '[{podSelector: {matchLabels: {app: client}}}]' }]),
        replaceLine(18, '          type: tls', '        networkPolicyPeers:', '          - podSelector:', '              matchLabels:', '                app: client'),
      );
    });

    it('a resource without config gets a new block; flow-style config stays flow; CRLF is kept', () => {
      const base = 'apiVersion: kafka.strimzi.io/v1\r\nkind: Kafka\r\nmetadata:\r\n  name: c\r\nspec:\r\n  kafka:\r\n    listeners:\r\n    - {name: tls, port: 9093, type: internal, tls: true}\r\n    storage:\r\n      type: ephemeral\r\n';
      assert.equal(
        apply(only(base), [{ op: 'set', key: 'connections.max.reauth.ms', value: '3600000' }]),
        base.replace('    storage:', '    config:\r\n      connections.max.reauth.ms: 3600000\r\n    storage:'),
      );
      const flow = base.replace('    storage:', '    config: {a.b: 1}\r\n    storage:');
      assert.equal(apply(only(flow), [{ op: 'set', key: 'c.d', value: 'x y' }]), flow.replace('{a.b: 1}', '{a.b: 1, c.d: x y}'));
      assert.equal(apply(only(flow), [{ op: 'remove', key: 'a.b' }]), base);
      const empty = base.replace('    storage:', '    config: {}\r\n    storage:');
      assert.equal(apply(only(empty), [{ op: 'set', key: 'c.d', value: '1' }]), empty.replace('{}', '{c.d: 1}'));
    });

    it('custom listener configuration: keys go to listenerConfig; block scalars edited in place', () => {
      const text = readCorpusFile('strimzi/strimzi-oauth-over-plain__kafka-oauth-over-plain-single-authz.yaml');
      const d = only(text);
      const key = 'listener.name.plain-9092.oauthbearer.sasl.jaas.config';
      const s = d.settings.get(key)!;
      const from = s.value.indexOf('http://keycloak:8080');
      const fixed = apply(d, [{ op: 'replace-in-value', key, from, to: from + 'http'.length, text: 'https' }])!;
      assert.equal(fixed, text.replace('oauth.valid.issuer.uri="http://keycloak', 'oauth.valid.issuer.uri="https://keycloak'));
      assert.equal(
        apply(d, [{ op: 'set', key: 'listener.name.plain-9092.sasl.login.refresh.buffer.seconds', value: '300' }]),
        text.replace('            connections.max.reauth.ms: 3600\n', '            connections.max.reauth.ms: 3600\n            sasl.login.refresh.buffer.seconds: 300\n'),
      );
    });

    it('KafkaConnect: security.protocol becomes tls and authentication; task-client keys keep their prefix', () => {
      const text = 'apiVersion: kafka.strimzi.io/v1\nkind: KafkaConnect\nmetadata:\n  name: c\nspec:\n  bootstrapServers: b:9092\n  config:\n    group.id: g\n';
      const d = only(text);
      assert.equal(
        apply(d, [{ op: 'set', key: 'security.protocol', value: 'SSL' }, { op: 'set', key: 'producer.security.protocol', value: 'SSL' }]),
        text.replace('  config:', '  tls:\n    trustedCertificates:\n      - secretName: <CLUSTER_CA_CERT_SECRET>\n        pattern: "*.crt"\n  config:'),
      );
      assert.equal(apply(d, [{ op: 'set', key: 'consumer.max.poll.records', value: '10' }]), text + '    consumer.max.poll.records: 10\n');
      assert.equal(apply(d, [{ op: 'set', key: 'sasl.jaas.config', value: 'x' }]), null, 'forbidden in a Connect config');
    });

    it('values merged in from an anchor (<<) are read but never edited through the alias', () => {
      const text =
        'defaults: &defaults\n  min.insync.replicas: 2\n---\n' +
        'apiVersion: kafka.strimzi.io/v1\nkind: Kafka\nmetadata:\n  name: c\nspec:\n  kafka:\n    listeners:\n      - {name: tls, port: 9093, type: internal, tls: true}\n    config:\n      <<: {min.insync.replicas: 2}\n      default.replication.factor: 3\n';
      const d = only(text);
      assert.equal(d.settings.get('min.insync.replicas')!.value, '2');
      assert.equal(apply(d, [{ op: 'set', key: 'min.insync.replicas', value: '3' }]), null);
      assert.equal(apply(d, [{ op: 'set', key: 'default.replication.factor', value: '2' }]), text.replace('default.replication.factor: 3', 'default.replication.factor: 2'));
    });

    it('KafkaMirrorMaker2: per-alias config entries', () => {
      const text = readCorpusFile('strimzi/strimzi-0.45__kafka-mirror-maker-2-tls.yaml');
      const d = only(text);
      assert.equal(apply(d, [{ op: 'set', key: 'cluster-b.offset.storage.replication.factor', value: '3' }]), text.replace('      offset.storage.replication.factor: -1', '      offset.storage.replication.factor: 3'));
      assert.equal(apply(d, [{ op: 'set', key: 'cluster-a->cluster-b.sync.topic.acls.enabled', value: 'true' }]), text.replace('sync.topic.acls.enabled: "false"', 'sync.topic.acls.enabled: "true"'));
    });
  });

  describe('the shared corpus', () => {
    const expected: Record<string, { role: string; mode: string; keys: string[] }> = {
      'strimzi/strimzi-0.19-v1beta1__kafka-ephemeral.yaml': {
        role: 'broker',
        mode: 'zk',
        keys: ['sasl.enabled.mechanisms', 'zookeeper.connect', 'zookeeper.ssl.client.enable', 'zookeeper.clientCnxnSocket', 'listeners', 'listener.security.protocol.map', 'authorizer.class.name', 'offsets.topic.replication.factor', 'transaction.state.log.replication.factor', 'transaction.state.log.min.isr', 'log.message.format.version'],
      },
      'strimzi/strimzi-0.45-zk__kafka-persistent.yaml': {
        role: 'broker',
        mode: 'zk',
        keys: ['sasl.enabled.mechanisms', 'zookeeper.connect', 'zookeeper.ssl.client.enable', 'zookeeper.clientCnxnSocket', 'listeners', 'listener.security.protocol.map', 'authorizer.class.name', 'offsets.topic.replication.factor', 'transaction.state.log.replication.factor', 'transaction.state.log.min.isr', 'default.replication.factor', 'min.insync.replicas', 'inter.broker.protocol.version'],
      },
      'strimzi/strimzi-1.x__kafka-persistent.yaml': {
        role: 'broker',
        mode: 'kraft',
        keys: ['sasl.enabled.mechanisms', 'listeners', 'listener.security.protocol.map', 'authorizer.class.name', 'offsets.topic.replication.factor', 'transaction.state.log.replication.factor', 'transaction.state.log.min.isr', 'default.replication.factor', 'min.insync.replicas'],
      },
      'strimzi/strimzi-1.x-scram__kafka.yaml': {
        role: 'broker',
        mode: 'kraft',
        keys: ['listener.name.tls-9093.sasl.enabled.mechanisms', 'sasl.enabled.mechanisms', 'listeners', 'listener.security.protocol.map', 'authorizer.class.name', 'super.users', 'offsets.topic.replication.factor', 'transaction.state.log.replication.factor', 'transaction.state.log.min.isr', 'default.replication.factor', 'min.insync.replicas'],
      },
      'strimzi/strimzi-1.x-keycloak__kafka-ephemeral-oauth-single-keycloak-authz.yaml': {
        role: 'combined',
        mode: 'kraft',
        keys: [
          'listener.name.tls-9093.sasl.enabled.mechanisms',
          'listener.name.tls-9093.oauthbearer.sasl.server.callback.handler.class',
          'listener.name.tls-9093.oauthbearer.sasl.jaas.config',
          'listener.name.tls-9093.connections.max.reauth.ms',
          'sasl.enabled.mechanisms',
          'listeners',
          'listener.security.protocol.map',
          'authorizer.class.name',
          'super.users',
          'principal.builder.class',
          'strimzi.authorization.client.id',
          'strimzi.authorization.token.endpoint.uri',
          'strimzi.authorization.ssl.endpoint.identification.algorithm',
          'strimzi.authorization.delegate.to.kafka.acl',
          'strimzi.authorization.ssl.truststore.location',
          'strimzi.authorization.ssl.truststore.type',
          'offsets.topic.replication.factor',
          'transaction.state.log.replication.factor',
          'transaction.state.log.min.isr',
          'default.replication.factor',
          'min.insync.replicas',
        ],
      },
      'strimzi/strimzi-oauth-over-plain__kafka-oauth-over-plain-single-authz.yaml': {
        role: 'combined',
        mode: 'kraft',
        keys: [
          'listener.name.plain-9092.sasl.enabled.mechanisms',
          'listener.name.plain-9092.oauthbearer.sasl.server.callback.handler.class',
          'listener.name.plain-9092.plain.sasl.server.callback.handler.class',
          'listener.name.plain-9092.oauthbearer.sasl.jaas.config',
          'listener.name.plain-9092.plain.sasl.jaas.config',
          'listener.name.plain-9092.connections.max.reauth.ms',
          'sasl.enabled.mechanisms',
          'listeners',
          'listener.security.protocol.map',
          'authorizer.class.name',
          'super.users',
          'principal.builder.class',
          'strimzi.authorization.client.id',
          'strimzi.authorization.token.endpoint.uri',
          'strimzi.authorization.ssl.endpoint.identification.algorithm',
          'strimzi.authorization.delegate.to.kafka.acl',
          'offsets.topic.replication.factor',
          'transaction.state.log.replication.factor',
          'transaction.state.log.min.isr',
          'default.replication.factor',
          'min.insync.replicas',
        ],
      },
    };

    it('lints every Strimzi corpus file without a crash or a file problem', function () {
      this.timeout(30000);
      for (const rel of corpusFiles().filter((f) => f.startsWith('strimzi/'))) {
        const r = lintText(rel, readCorpusFile(rel));
        assert.equal(r.skipped, undefined, rel);
        assert.deepEqual(r.problems.filter((p) => p.severity !== 'info'), [], rel);
      }
    });

    for (const [rel, want] of Object.entries(expected)) {
      it(`reads ${rel}`, () => {
        const d = only(readCorpusFile(rel), rel);
        assert.deepEqual([d.role, d.mode, [...d.settings.keys()]], [want.role, want.mode, want.keys]);
      });
    }

    it('the oauth-over-plain listener is SASL_PLAINTEXT with OAUTHBEARER and PLAIN; its superUsers entry becomes User:User:…', () => {
      const d = only(readCorpusFile('strimzi/strimzi-oauth-over-plain__kafka-oauth-over-plain-single-authz.yaml'));
      assert.equal(d.settings.get('listener.security.protocol.map')!.value, 'PLAIN-9092:SASL_PLAINTEXT');
      assert.ok(d.settings.get('super.users')!.value.endsWith(';User:User:service-account-kafka'));
    });
  });

  describe('files that cannot be read', () => {
    it('a merge-key bomb is refused as an alias bomb (active once YamlWalker expands merge keys)', function () {
      const probe = parseYaml('a: &a {x: 1}\nb: {<<: *a}\n').documents[0]!;
      const w = new YamlWalker(probe);
      if (!w.entries(w.get(probe.contents, 'b')).some((e) => e.key === 'x')) this.skip();
      const levels = ['x0: &x0 {a: 1}'];
      for (let i = 1; i <= 6; i++) levels.push(`x${i}: &x${i} {<<: [${Array(10).fill(`*x${i - 1}`).join(', ')}]}`);
      const text = `apiVersion: kafka.strimzi.io/v1\nkind: Kafka\n${levels.join('\n')}\nspec:\n  kafka:\n    config:\n      <<: [*x6, *x6]\n`;
      const r = lintText('kafka.yaml', text);
      assert.equal(r.skipped, 'alias bomb');
      assert.match(r.problems[0]!.message, /alias bomb/);
    });

    it('a billion-laughs file is never expanded', function () {
      this.timeout(5000);
      const levels = ['l0: &l0 [lol]'];
      for (let i = 1; i <= 9; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
      const text = `apiVersion: kafka.strimzi.io/v1\nkind: Kafka\n${levels.join('\n')}\nspec:\n  kafka:\n    listeners: *l9\n    config:\n      a: *l9\n`;
      const started = Date.now();
      const r = lintText('kafka.yaml', text);
      assert.ok(Date.now() - started < 3000);
      assert.ok(r.skipped === 'alias bomb' || r.problems.some((p) => /listeners is missing or empty/.test(p.message)));
    });

    it('broken YAML is a syntax error problem', () => {
      const r = lintText('kafka.yaml', 'apiVersion: kafka.strimzi.io/v1\nkind: Kafka\nspec:\n  kafka:\n    listeners: [\n');
      assert.equal(r.skipped, 'YAML syntax error');
      assert.equal(r.problems[0]!.severity, 'error');
    });

    it('a Kafka resource without spec.kafka is reported and skipped', () => {
      const r = read('apiVersion: kafka.strimzi.io/v1\nkind: Kafka\nmetadata:\n  name: c\nspec:\n  entityOperator: {}\n');
      assert.deepEqual(r.problems.map((p) => p.message), ['This Kafka resource has no spec.kafka section; nothing was checked.']);
    });
  });

  describe('existing rules on Strimzi documents (active once their formats include strimzi)', () => {
    it('plaintext-listener: a listener with tls: false gets its finding on that listener, fixed with tls: true', function () {
      const rule = getRule('plaintext-listener');
      if (!rule || !rule.meta.formats.includes('strimzi')) this.skip();
      const r = lintText('kafka.yaml', CLUSTER);
      const f = r.findings.filter((x) => x.ruleId === 'plaintext-listener');
      assert.deepEqual(f.map((x) => loc(CLUSTER, x.span)), ['9:15-9:20']);
      const all = [f[0]!.fix, ...f[0]!.suggestions].filter((x) => !!x).map((x) => applyEdits(CLUSTER, x!.edits));
      assert.ok(all.includes(CLUSTER.replace('        tls: false\n', '        tls: true\n')), 'one fix is exactly tls: true');
    });

    it('super-users-anonymous: the finding is on the ANONYMOUS entry', function () {
      const rule = getRule('super-users-anonymous');
      if (!rule || !rule.meta.formats.includes('strimzi')) this.skip();
      const f = lintText('kafka.yaml', CLUSTER).findings.filter((x) => x.ruleId === 'super-users-anonymous');
      assert.deepEqual(f.map((x) => loc(CLUSTER, x.span)), ['31:11-31:20']);
    });
  });
});
