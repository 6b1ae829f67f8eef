import assert from 'node:assert/strict';
import { lintText } from '../../../server/src/engine/lint';
import { decodeConfluentGo, overrideEnvName } from '../../../server/src/model/adapters/helm/confluent';
import { goFloat } from '../../../server/src/model/adapters/helm/values';
import { listenerTable } from '../../../server/src/model/listeners';
import type { CpOverride } from '../../../server/src/model/adapters/helm';
import { doc, expectSettings, pos, setting } from './helpers';

describe('Helm values: Confluent cp-helm-charts cp-kafka', () => {
  const text = [
    'imageTag: 7.4.0',
    'configurationOverrides:',
    '  "offsets.topic.replication.factor": 3',
    '  "connections.max.reauth.ms": 3600000',
    '  "advertised.listeners": |-',
    '    EXTERNAL://kafka.example.com:19092',
    '  "listener.security.protocol.map": |-',
    '   PLAINTEXT:PLAINTEXT,EXTERNAL:SASL_SSL',
    '  "listener.name.sasl_ssl.plain.sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required;"',
    'customEnv:',
    '  KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET: org.apache.zookeeper.ClientCnxnSocketNetty',
    '  KAFKA_OPTS: "-Dzookeeper.client.secure=true"',
    'nodeport:',
    '  enabled: true',
    'brokers: 2',
    'cp-zookeeper:',
    '  enabled: false',
    '  url: zk.example.com:2181',
    '',
  ].join('\n');

  it('decodes configurationOverrides through the cp image, with the chart listener and customEnv', () => {
    const d = doc(text);
    assert.deepEqual([d.format, d.role, d.mode, d.version?.major, d.version?.minor], ['helm-confluent', 'broker', 'zk', 3, 4]);
    expectSettings(d, [
      { key: 'offsets.topic.replication.factor', value: '3', state: 'literal', at: '3', span: [3, 39, 3, 40] },
      // `quote` prints a YAML number as Go's %v of a float64.
      { key: 'connections.max.reauth.ms', value: '3.6e+06', state: 'literal', at: '3600000', span: [4, 32, 4, 39] },
      { key: 'listener.security.protocol.map', value: 'PLAINTEXT:PLAINTEXT,EXTERNAL:SASL_SSL', state: 'literal', at: 'PLAINTEXT:PLAINTEXT,EXTERNAL:SASL_SSL', span: [8, 4, 8, 41] },
      {
        key: 'advertised.listeners',
        value: 'PLAINTEXT://$(POD_NAME).<fullname>-headless.$(POD_NAMESPACE):9092,EXTERNAL://kafka.example.com:19092',
        state: 'literal',
        at: 'EXTERNAL://kafka.example.com:19092',
        span: [6, 5, 6, 39],
      },
      { key: 'listeners', value: 'PLAINTEXT://0.0.0.0:9092,EXTERNAL://0.0.0.0:19092', state: 'literal', at: 'EXTERNAL://kafka.example.com:19092', span: [6, 5, 6, 39] },
      { key: 'zookeeper.clientCnxnSocket', value: 'org.apache.zookeeper.ClientCnxnSocketNetty', state: 'literal', at: 'org.apache.zookeeper.ClientCnxnSocketNetty', span: [11, 39, 11, 81] },
      { key: 'zookeeper.connect', value: 'zk.example.com:2181', state: 'literal', at: 'zk.example.com:2181', span: [18, 8, 18, 27] },
    ]);
    // The mangled key is kept under the name the broker receives, and stays a secret.
    const jaas = setting(d, 'listener.name.sasl.ssl.plain.sasl.jaas.config');
    assert.equal(jaas.secret, true);
    assert.deepEqual(
      listenerTable(d).listeners.map((l) => [l.name, text.slice(l.span.start, l.span.end)]),
      [
        // The chart's own listener is placed on its map entry; a listener the values advertise, on its item.
        ['PLAINTEXT', 'PLAINTEXT:PLAINTEXT'],
        ['EXTERNAL', 'EXTERNAL://kafka.example.com:19092'],
      ],
    );
    const overrides = d.facts.get('cpOverrides') as CpOverride[];
    assert.deepEqual(
      overrides.map((o) => [o.written, o.envName, o.decoded]),
      [
        ['offsets.topic.replication.factor', 'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR', 'offsets.topic.replication.factor'],
        ['connections.max.reauth.ms', 'KAFKA_CONNECTIONS_MAX_REAUTH_MS', 'connections.max.reauth.ms'],
        ['advertised.listeners', 'KAFKA_ADVERTISED_LISTENERS', 'advertised.listeners'],
        ['listener.security.protocol.map', 'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP', 'listener.security.protocol.map'],
        ['listener.name.sasl_ssl.plain.sasl.jaas.config', 'KAFKA_LISTENER_NAME_SASL_SSL_PLAIN_SASL_JAAS_CONFIG', 'listener.name.sasl.ssl.plain.sasl.jaas.config'],
      ],
    );
    assert.deepEqual(pos(text, overrides[4]!.keySpan), [9, 3, 9, 50]);
    assert.equal((d.facts.get('jvmSystemProperties') as Map<string, string>).get('zookeeper.client.secure'), 'true');
    assert.deepEqual((d.facts.get('publishedPorts') as Array<{ container: number }>).map((p) => p.container), [31090, 31091]);
    assert.equal((d.facts.get('chart') as { name: string }).name, 'cp-helm-charts/cp-kafka');
  });

  it('says once that the chart is deprecated', () => {
    const r = lintText('values.yaml', text);
    assert.deepEqual(r.problems.filter((p) => /deprecated/.test(p.message)).map((p) => [p.severity, p.range.start.line + 1]), [['info', 2]]);
  });

  it('shell variables in advertised listeners are unresolvable', () => {
    const d = doc('configurationOverrides:\n  "advertised.listeners": EXTERNAL://${HOST_IP}:$((31090 + ${KAFKA_BROKER_ID}))\nnodeport:\n  enabled: false\n');
    assert.equal(setting(d, 'advertised.listeners').state, 'unresolvable');
    assert.equal(setting(d, 'listeners').state, 'unresolvable');
  });

  it('the chart PLAINTEXT listener is there with no overrides at all, anchored on configurationOverrides', () => {
    const d = doc('brokers: 3\nconfigurationOverrides: {}\ncustomEnv: {}\n');
    expectSettings(d, [
      { key: 'listeners', value: 'PLAINTEXT://0.0.0.0:9092', state: 'default', at: 'configurationOverrides', span: [2, 1, 2, 23] },
      { key: 'zookeeper.connect', value: '<release>-cp-zookeeper-headless:2181', state: 'default', at: 'configurationOverrides', span: [2, 1, 2, 23] },
    ]);
  });

  it('encoding helpers', () => {
    assert.equal(overrideEnvName('zookeeper.clientCnxnSocket'), 'KAFKA_ZOOKEEPER_CLIENTCNXNSOCKET');
    assert.equal(decodeConfluentGo('KAFKA_A_B_C', 'KAFKA_'), 'a.b_c');
    assert.deepEqual([goFloat(3), goFloat(100000), goFloat(1000000), goFloat(3600000), goFloat(86400000), goFloat(0.5), goFloat(0.00001)], ['3', '100000', '1e+06', '3.6e+06', '8.64e+07', '0.5', '1e-05']);
  });
});

describe('Helm values: helm/charts incubator/kafka', () => {
  it('reads configurationOverrides like cp-kafka and says what it leaves out', () => {
    const text = 'replicas: 3\nimage: "confluentinc/cp-kafka"\nimageTag: "5.0.1"\nkafkaHeapOptions: "-Xmx1G"\nconfigurationOverrides:\n  "confluent.support.metrics.enable": false  # no metrics\nenvOverrides: {}\nzookeeper:\n  enabled: true\n';
    const r = lintText('values.yaml', text);
    const d = r.documents[0]!;
    assert.deepEqual([d.format, (d.facts.get('chart') as { name: string }).name, d.version?.major, d.version?.minor], ['helm-confluent', 'incubator/kafka', 2, 0]);
    expectSettings(d, [
      { key: 'confluent.support.metrics.enable', value: 'false', state: 'literal', at: 'false', span: [6, 39, 6, 44] },
      { key: 'advertised.listeners', value: 'PLAINTEXT://$(POD_IP):9092', state: 'default', at: 'configurationOverrides', span: [5, 1, 5, 23] },
      { key: 'zookeeper.connect', value: '<release>-zookeeper:2181', state: 'default', at: 'zookeeper', span: [8, 1, 8, 10] },
    ]);
    assert.deepEqual(r.problems.map((p) => [p.severity, p.range.start.line + 1]), [['info', 5]]);
    assert.match(r.problems[0]!.message, /incubator\/kafka is archived/);
  });
});
