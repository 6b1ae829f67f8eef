import assert from 'node:assert/strict';
import { lintText } from '../../../server/src/engine/lint';
import { listenerTable } from '../../../server/src/model/listeners';
import type { KafkaDocument } from '../../../server/src/model/types';
import { corpusFiles, readCorpusFile } from '../../corpus/corpus';

/** 1-based line of a span start, and the text at it. */
function where(d: KafkaDocument, span: { start: number; end: number }): [number, string] {
  const line = d.text.slice(0, span.start).split(/\r\n|\r|\n/).length;
  return [line, d.text.slice(span.start, span.end)];
}

function valueAt(d: KafkaDocument, key: string): [string, string, number, string] {
  const s = d.settings.get(key);
  assert.ok(s, `${key} missing`);
  return [s.value, s.state, ...where(d, s.valueSpan)];
}

/** Where the listener table (what rules read) places each listener. */
function listenerLines(d: KafkaDocument): Record<string, [number, string]> {
  return Object.fromEntries(listenerTable(d).listeners.map((l) => [l.name, where(d, l.span)]));
}

const read = (rel: string) => lintText(rel, readCorpusFile(rel));

describe('Helm values: the shared corpus', () => {
  it('every Helm values file lints without a crash and is read; Helm templates are skipped with a reason', () => {
    const files = corpusFiles().filter((f) => f.startsWith('helm-values/') || /^other\/.*(configmap|statefulset)\.yaml$/.test(f));
    assert.ok(files.length >= 7, files.join(', '));
    for (const rel of files) {
      const r = read(rel);
      if (rel.startsWith('helm-values/')) {
        assert.equal(r.skipped, undefined, rel);
        assert.ok(r.documents.length > 0, rel);
        assert.ok(r.documents.every((d) => d.format === 'helm-bitnami' || d.format === 'helm-confluent'), rel);
      } else {
        assert.equal(r.documents.length, 0, rel);
        assert.match(r.skipped ?? '', /Helm template/, rel);
      }
    }
  });

  it('bitnami/kafka 20.0.4: a ZooKeeper-mode broker with auth.* protocols, plus the ZooKeeper subchart', () => {
    const r = read('helm-values/bitnami-kafka-20.0.4__values.yaml');
    const [broker, zk] = r.documents;
    assert.ok(broker && zk && r.documents.length === 2);
    assert.deepEqual([broker.role, broker.mode, broker.version?.major, broker.version?.minor], ['broker', 'zk', 3, 3]);
    assert.deepEqual((broker.facts.get('chart') as { schema: string }).schema, 'auth');
    assert.deepEqual(valueAt(broker, 'listener.security.protocol.map').slice(0, 2), ['INTERNAL:PLAINTEXT,CLIENT:PLAINTEXT', 'literal']);
    assert.deepEqual(valueAt(broker, 'listeners').slice(0, 1), ['INTERNAL://:9093,CLIENT://:9092']);
    assert.deepEqual(listenerLines(broker), { INTERNAL: [237, 'plaintext'], CLIENT: [233, 'plaintext'] });
    assert.deepEqual(valueAt(broker, 'authorizer.class.name'), ['', 'literal', 210, '""']);
    assert.deepEqual(valueAt(broker, 'allow.everyone.if.no.acl.found'), ['true', 'literal', 213, 'true']);
    assert.deepEqual(valueAt(broker, 'super.users'), ['User:admin', 'literal', 216, 'User:admin']);
    assert.deepEqual(valueAt(broker, 'zookeeper.ssl.client.enable'), ['false', 'literal', 355, 'false']);
    assert.deepEqual(valueAt(broker, 'inter.broker.listener.name'), ['INTERNAL', 'literal', 399, 'INTERNAL']);
    assert.deepEqual(valueAt(broker, 'zookeeper.connect'), ['<release>-zookeeper:2181', 'default', 1709, 'true']);
    assert.deepEqual(valueAt(broker, 'log.dirs'), ['/bitnami/kafka/data', 'literal', 164, '/bitnami/kafka/data']);
    assert.equal(broker.settings.has('sasl.enabled.mechanisms'), false, 'no SASL listener');
    assert.equal(broker.settings.has('ssl.endpoint.identification.algorithm'), false, 'no TLS listener');
    assert.deepEqual([zk.role, ...valueAt(zk, 'clientPort')], ['zookeeper', '2181', 'default', 1706, 'zookeeper']);
  });

  it('bitnami/kafka 32.4.4: three combined KRaft nodes, every listener SASL_PLAINTEXT with PLAIN', () => {
    const r = read('helm-values/bitnami-kafka-32.4.4__values.yaml');
    assert.equal(r.documents.length, 1, 'broker.replicaCount is 0');
    const d = r.documents[0]!;
    assert.deepEqual([d.role, d.mode, d.version?.major, (d.facts.get('chart') as { schema: string }).schema], ['combined', 'kraft', 4, 'kraft4']);
    assert.deepEqual(valueAt(d, 'listener.security.protocol.map').slice(0, 2), ['CLIENT:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT', 'literal']);
    assert.deepEqual(listenerLines(d), { CLIENT: [186, 'SASL_PLAINTEXT'], INTERNAL: [205, 'SASL_PLAINTEXT'], CONTROLLER: [197, 'SASL_PLAINTEXT'] });
    assert.deepEqual(valueAt(d, 'process.roles'), ['controller,broker', 'default', 679, 'false']);
    assert.deepEqual(valueAt(d, 'controller.listener.names'), ['CONTROLLER', 'literal', 195, 'CONTROLLER']);
    assert.deepEqual(valueAt(d, 'inter.broker.listener.name'), ['INTERNAL', 'literal', 206, 'INTERNAL']);
    assert.deepEqual(valueAt(d, 'sasl.enabled.mechanisms'), ['PLAIN,SCRAM-SHA-256,SCRAM-SHA-512', 'literal', 240, 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512']);
    assert.deepEqual(valueAt(d, 'sasl.mechanism.inter.broker.protocol'), ['PLAIN', 'literal', 243, 'PLAIN']);
    assert.deepEqual(valueAt(d, 'sasl.mechanism.controller.protocol'), ['PLAIN', 'literal', 246, 'PLAIN']);
    assert.deepEqual(valueAt(d, 'log.dir'), ['/bitnami/kafka/data', 'literal', 1099, '/bitnami/kafka']);
    // Empty passwords: the chart generates them, nothing is written in the file.
    assert.equal([...d.settings.values()].some((s) => s.secret), false);
    assert.equal(d.settings.has('authorizer.class.name'), false);
    assert.deepEqual(d.facts.get('publishedPorts'), []);
    const auto = d.facts.get('tlsAutoGenerated') as { enabled: boolean; engine: string };
    assert.deepEqual([auto.enabled, auto.engine], [true, 'helm']);
  });

  it('bitnami/zookeeper: plaintext client port 2181, TLS and SASL off', () => {
    const d = read('helm-values/bitnami-zookeeper__values.yaml').documents[0]!;
    const zkVersion = d.facts.get('zookeeperVersion') as { major: number; minor: number };
    assert.deepEqual([d.role, d.format, d.version, zkVersion.major, zkVersion.minor], ['zookeeper', 'helm-bitnami', undefined, 3, 9]);
    assert.deepEqual(valueAt(d, 'clientPort'), ['2181', 'literal', 272, '2181']);
    assert.deepEqual(valueAt(d, '4lw.commands.whitelist'), ['srvr, mntr, ruok', 'literal', 189, 'srvr, mntr, ruok']);
    assert.deepEqual(valueAt(d, 'sslQuorum'), ['false', 'literal', 972, 'false']);
    assert.equal(d.settings.has('secureClientPort'), false);
    assert.equal(d.settings.has('authProvider.sasl'), false);
  });

  it('cp-helm-charts cp-kafka: the chart PLAINTEXT listener and the written protocol map', () => {
    const r = read('helm-values/cp-helm-charts-cp-kafka__values.yaml');
    const d = r.documents[0]!;
    assert.deepEqual([d.format, d.role, d.mode, d.version?.major, d.version?.minor], ['helm-confluent', 'broker', 'zk', 2, 7]);
    assert.deepEqual(valueAt(d, 'offsets.topic.replication.factor'), ['3', 'literal', 45, '"3"']);
    assert.deepEqual(valueAt(d, 'listener.security.protocol.map'), ['PLAINTEXT:PLAINTEXT,EXTERNAL:PLAINTEXT', 'literal', 60, 'PLAINTEXT:PLAINTEXT,EXTERNAL:PLAINTEXT']);
    assert.deepEqual(valueAt(d, 'listeners').slice(0, 2), ['PLAINTEXT://0.0.0.0:9092', 'default']);
    // EXTERNAL is only in the map (its advertised listener is commented out), so the broker has one listener.
    assert.deepEqual(listenerLines(d), { PLAINTEXT: [60, 'PLAINTEXT:PLAINTEXT'] });
    assert.deepEqual(valueAt(d, 'zookeeper.connect'), ['<release>-cp-zookeeper-headless:2181', 'default', 148, 'true']);
    assert.deepEqual(r.problems.map((p) => [p.severity, p.range.start.line + 1]), [['info', 44]]);
  });

  it('helm/charts incubator/kafka: read as the cp image decodes it, with an info', () => {
    const r = read('helm-values/helm-charts-incubator-kafka__values.yaml');
    const d = r.documents[0]!;
    assert.deepEqual([d.format, (d.facts.get('chart') as { name: string }).name, d.version?.major, d.version?.minor], ['helm-confluent', 'incubator/kafka', 2, 0]);
    assert.deepEqual(valueAt(d, 'confluent.support.metrics.enable'), ['false', 'literal', 181, 'false']);
    assert.deepEqual(valueAt(d, 'listeners').slice(0, 2), ['PLAINTEXT://0.0.0.0:9092', 'default']);
    assert.deepEqual(r.problems.map((p) => [p.severity, p.range.start.line + 1]), [['info', 180]]);
  });
});
