import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SHARED_CATALOG } from '../shared';
import {
  catalogVersionFor,
  hasKafkaKey,
  kafkaComponentsOf,
  kafkaKeysFor,
  librdkafkaKeys,
  lookupKafkaKey,
  lookupLibrdkafkaKey,
  resolveKafkaKey,
  splitKnownPrefix,
  type CatalogVersion,
  type KafkaComponent,
} from '../../server/src/model/catalog/index';

const ROOT = resolve(__dirname, '..', '..');
const SHARED = SHARED_CATALOG;
const SCRIPT = join(ROOT, 'scripts', 'build-catalog.mjs');
const COMMITTED = join(ROOT, 'server', 'src', 'model', 'catalog', 'catalog.json');

function requireShared(): void {
  assert.ok(
    existsSync(join(SHARED, 'kafka-4.1.json')),
    `the shared Kafka catalog is required by this test and was not found at ${SHARED}`,
  );
}

interface SourceConfig {
  name: string;
  components: string[];
  type: string;
  default: string | null;
  importance: string | null;
  updateMode: string | null;
  validValuesParsed: { kind: string; values?: string[]; min?: string | null; max?: string | null; caseInsensitive?: boolean } | null;
}

describe('Kafka config catalog', () => {
  describe('catalog.json is current', () => {
    it('equals the generator output for ../shared/kafka-catalog', function () {
      this.timeout(60000);
      requireShared();
      const dir = mkdtempSync(join(tmpdir(), 'kafkalint-catalog-'));
      try {
        const out = join(dir, 'catalog.json');
        execFileSync(process.execPath, [SCRIPT, '--from', SHARED, '--out', out], { stdio: 'pipe' });
        const generated = readFileSync(out);
        const committed = readFileSync(COMMITTED);
        assert.ok(generated.equals(committed), 'server/src/model/catalog/catalog.json is out of date: run `node scripts/build-catalog.mjs` (npm run catalog)');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('the generator fails clearly when the source folder is missing', () => {
      const missing = join(tmpdir(), 'kafkalint-no-such-catalog');
      const r = spawnSync(process.execPath, [SCRIPT, '--from', missing, '--check'], { encoding: 'utf8' });
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /catalog folder not found: .*kafkalint-no-such-catalog/);
    });

    it('every source entry is found with its facts (3.9 and 4.1)', () => {
      requireShared();
      const groupOf: Record<string, KafkaComponent | undefined> = {
        broker: 'broker',
        topic: 'topic',
        producer: 'producer',
        consumer: 'consumer',
        admin: 'admin',
        connect: 'connect',
        'connect-source-connector': 'connector',
        'connect-sink-connector': 'connector',
        streams: 'streams',
        mirrormaker: 'mirrormaker',
        'mirrormaker-source': 'mirrormaker',
        'mirrormaker-checkpoint': 'mirrormaker',
        'mirrormaker-heartbeat': 'mirrormaker',
        'remote-log-metadata-manager': 'broker',
      };
      let checked = 0;
      for (const version of ['3.9', '4.1'] as CatalogVersion[]) {
        const src = JSON.parse(readFileSync(join(SHARED, `kafka-${version}.json`), 'utf8')) as { configs: SourceConfig[] };
        for (const c of src.configs) {
          for (const table of c.components) {
            const group = groupOf[table];
            if (!group) continue;
            const e = lookupKafkaKey(c.name, group, version);
            const where = `${version} ${table} ${c.name}`;
            assert.ok(e, `${where} missing`);
            assert.equal(e.version, version, where);
            assert.equal(e.type, c.type, where);
            assert.equal(e.default, c.default === '""' ? '' : c.default, where);
            assert.equal(e.importance, c.importance ?? undefined, where);
            assert.equal(e.updateMode, c.updateMode ?? undefined, where);
            const vp = c.validValuesParsed;
            assert.deepEqual(e.enumValues, vp?.kind === 'enum' ? vp.values : undefined, where);
            if (vp?.kind === 'range') {
              assert.equal(e.range?.min, vp.min == null ? undefined : Number(vp.min), where);
              assert.equal(e.range?.max, vp.max == null ? undefined : Number(vp.max), where);
            } else assert.equal(e.range, undefined, where);
            checked++;
          }
        }
      }
      assert.ok(checked > 1300, `only ${checked} entries checked`);
    });

    it('every librdkafka property is found', () => {
      requireShared();
      const src = JSON.parse(readFileSync(join(SHARED, 'librdkafka.json'), 'utf8')) as {
        configs: { name: string; level: 'global' | 'topic'; scope: string; type: string; aliasOf: string | null; deprecated: boolean }[];
      };
      assert.equal(librdkafkaKeys().length, src.configs.length);
      for (const p of src.configs) {
        const e = lookupLibrdkafkaKey(p.name, p.level);
        assert.ok(e, p.name);
        assert.equal(e.scope, p.scope, p.name);
        assert.equal(e.type, p.type, p.name);
        assert.equal(e.aliasOf, p.aliasOf ?? undefined, p.name);
        assert.equal(e.deprecated, p.deprecated ? true : undefined, p.name);
      }
      // A damaged source row (escaped pipes in a table cell) must not leak a truncated default.
      for (const e of librdkafkaKeys()) assert.ok(!(e.default ?? '').endsWith('\\'), e.name);
    });
  });

  describe('Kafka lookups', () => {
    it('broker listeners default', () => {
      for (const v of ['3.9', '4.1'] as const) {
        const e = lookupKafkaKey('listeners', 'broker', v);
        assert.equal(e?.default, 'PLAINTEXT://:9092');
        assert.equal(e?.updateMode, 'per-broker');
        assert.equal(e?.importance, 'high');
      }
      // Connect's REST listeners are a different key with other facts.
      assert.equal(lookupKafkaKey('listeners', 'connect')?.default, 'http://:8083');
    });

    it('client security.protocol', () => {
      const e = lookupKafkaKey('security.protocol', 'client');
      assert.ok(e);
      assert.equal(e.component, 'producer');
      assert.equal(e.default, 'PLAINTEXT');
      assert.ok(e.enumValues?.includes('SASL_SSL'));
      assert.deepEqual([...e.enumValues!].sort(), ['PLAINTEXT', 'SASL_PLAINTEXT', 'SASL_SSL', 'SSL']);
      assert.equal(e.caseInsensitive, true);
      assert.deepEqual(e.versions, ['3.9', '4.1']);
      for (const c of ['producer', 'consumer', 'admin', 'connect', 'streams', 'mirrormaker'] as const) {
        assert.equal(lookupKafkaKey('security.protocol', c)?.default, 'PLAINTEXT', c);
      }
      assert.equal(lookupKafkaKey('security.protocol', 'broker'), undefined);
    });

    it('ssl.protocol default changed between 3.9 and 4.1', () => {
      for (const c of ['broker', 'client'] as const) {
        assert.equal(lookupKafkaKey('ssl.protocol', c, '3.9')?.default, 'TLSv1.2', c);
        assert.equal(lookupKafkaKey('ssl.protocol', c, '4.1')?.default, 'TLSv1.3', c);
        assert.equal(lookupKafkaKey('ssl.protocol', c)?.default, 'TLSv1.3', c);
      }
    });

    it('advertised.listeners update mode changed', () => {
      assert.equal(lookupKafkaKey('advertised.listeners', 'broker', '3.9')?.updateMode, 'per-broker');
      assert.equal(lookupKafkaKey('advertised.listeners', 'broker', '4.1')?.updateMode, 'read-only');
    });

    it('zookeeper keys are removed in 4.0', () => {
      for (const v of ['3.9', '4.1'] as const) {
        const e = lookupKafkaKey('zookeeper.connect', 'broker', v);
        assert.ok(e, v);
        assert.equal(e.removedIn, '4.0');
        assert.deepEqual(e.versions, ['3.9']);
        assert.equal(e.version, '3.9');
      }
      assert.equal(hasKafkaKey('zookeeper.connect', 'broker', '3.9'), true);
      assert.equal(hasKafkaKey('zookeeper.connect', 'broker', '4.1'), false);
      assert.ok(!kafkaKeysFor('broker', '4.1').some((e) => e.name.startsWith('zookeeper.')));
      assert.equal(kafkaKeysFor('broker', '3.9').filter((e) => e.name.startsWith('zookeeper.')).length, 20);
      // Removed from topics too, but not every 3.9-only key is a removal.
      assert.equal(lookupKafkaKey('message.format.version', 'topic')?.removedIn, '4.0');
      assert.equal(lookupKafkaKey('add.partitions.to.txn.retry.backoff.ms', 'broker', '3.9')?.versions.join(), '4.1');
    });

    it('range with extra allowed values, topic server default', () => {
      const e = lookupKafkaKey('compression.gzip.level', 'topic');
      assert.deepEqual(e?.range, { min: 1, max: 9, alsoAllowed: [-1] });
      assert.equal(e?.serverDefault, 'compression.gzip.level');
    });

    it('supplementary authorizer keys are broker keys', () => {
      const e = lookupKafkaKey('allow.everyone.if.no.acl.found', 'broker', '3.9');
      assert.equal(e?.default, 'false');
      assert.equal(e?.type, 'boolean');
      assert.equal(e?.supplementary, true);
      assert.equal(lookupKafkaKey('super.users', 'broker')?.default, null);
    });

    it('MirrorMaker connector tables merged, 3.9 facts assumed for 4.1', () => {
      const e = lookupKafkaKey('emit.checkpoints.enabled', 'mirrormaker', '4.1');
      assert.equal(e?.default, 'true');
      assert.deepEqual(e?.versions, ['3.9']);
      assert.deepEqual(e?.assumedIn, ['4.1']);
      assert.equal(hasKafkaKey('emit.checkpoints.enabled', 'mirrormaker', '4.1'), true);
      assert.ok(kafkaKeysFor('mirrormaker', '4.1').some((k) => k.name === 'sync.topic.acls.enabled'));
    });

    it('connector-level keys are their own group', () => {
      assert.equal(lookupKafkaKey('key.converter', 'connect')?.required, true);
      assert.equal(lookupKafkaKey('key.converter', 'connector')?.required, undefined);
      assert.equal(lookupKafkaKey('errors.tolerance', 'connect'), undefined);
      assert.deepEqual(lookupKafkaKey('errors.tolerance', 'connector')?.enumValues, ['none', 'all']);
    });

    it('key lists and components', () => {
      const client = kafkaKeysFor('client', '4.1');
      assert.equal(new Set(client.map((e) => e.name)).size, client.length);
      assert.ok(client.some((e) => e.name === 'acks') && client.some((e) => e.name === 'isolation.level'));
      assert.deepEqual(
        client.map((e) => e.name),
        [...client.map((e) => e.name)].sort(),
      );
      assert.ok(kafkaComponentsOf('ssl.protocol').includes('broker'));
      assert.deepEqual(kafkaComponentsOf('zookeeper.connect', '4.1'), []);
      assert.equal(lookupKafkaKey('no.such.key', 'broker'), undefined);
    });

    it('entries are immutable', () => {
      const e = lookupKafkaKey('security.protocol', 'client')!;
      assert.throws(() => {
        (e as { default: string | null }).default = 'SSL';
      });
      assert.throws(() => e.enumValues!.push('X'));
    });

    it('catalogVersionFor', () => {
      assert.equal(catalogVersionFor(), '4.1');
      assert.equal(catalogVersionFor({ major: 3, minor: 9 }), '3.9');
      assert.equal(catalogVersionFor({ major: 2, minor: 8 }), '3.9');
      assert.equal(catalogVersionFor({ major: 4, minor: 0 }), '4.1');
      assert.equal(catalogVersionFor({ major: 4, minor: 2 }), '4.1');
    });
  });

  describe('librdkafka lookups', () => {
    it('sasl.mechanism is an alias of sasl.mechanisms', () => {
      const e = lookupLibrdkafkaKey('sasl.mechanism');
      assert.equal(e?.aliasOf, 'sasl.mechanisms');
      assert.equal(lookupLibrdkafkaKey('sasl.mechanisms')?.default, 'GSSAPI');
      assert.equal(lookupLibrdkafkaKey('bootstrap.servers')?.aliasOf, 'metadata.broker.list');
    });

    it('security.protocol enum', () => {
      const e = lookupLibrdkafkaKey('security.protocol');
      assert.equal(e?.type, 'enum');
      assert.deepEqual(e?.enumValues, ['plaintext', 'ssl', 'sasl_plaintext', 'sasl_ssl']);
      assert.equal(e?.default, 'plaintext');
      assert.equal(e?.scope, 'both');
      assert.equal(e?.level, 'global');
    });

    it('global and topic level properties of the same name', () => {
      assert.equal(lookupLibrdkafkaKey('compression.codec')?.default, 'none');
      assert.equal(lookupLibrdkafkaKey('compression.codec', 'topic')?.default, 'inherit');
      assert.equal(lookupLibrdkafkaKey('enable.auto.commit', 'topic')?.deprecated, true);
      assert.equal(lookupLibrdkafkaKey('enable.auto.commit')?.deprecated, undefined);
      assert.equal(lookupLibrdkafkaKey('request.required.acks')?.level, 'topic');
      assert.deepEqual(lookupLibrdkafkaKey('message.max.bytes')?.range, { min: 1000, max: 1000000000 });
    });
  });

  describe('splitKnownPrefix', () => {
    const cases: [string, KafkaComponent | 'client' | undefined, { prefix: string; base: string; component?: string; listener?: string; mechanism?: string }][] = [
      ['ssl.client.auth', 'broker', { prefix: '', base: 'ssl.client.auth', component: 'broker' }],
      ['listener.name.internal.ssl.client.auth', 'broker', { prefix: 'listener.name.internal.', base: 'ssl.client.auth', component: 'broker', listener: 'internal' }],
      [
        'listener.name.SASL_INT.scram-sha-512.sasl.jaas.config',
        'broker',
        { prefix: 'listener.name.SASL_INT.scram-sha-512.', base: 'sasl.jaas.config', component: 'broker', listener: 'sasl_int', mechanism: 'scram-sha-512' },
      ],
      ['listener.name.ext.oauthbearer.sasl.login.callback.handler.class', undefined, { prefix: 'listener.name.ext.oauthbearer.', base: 'sasl.login.callback.handler.class', component: 'broker', listener: 'ext', mechanism: 'oauthbearer' }],
      // structural: stripped even when the base is unknown
      ['listener.name.ext.my.plugin.key', 'broker', { prefix: 'listener.name.ext.', base: 'my.plugin.key', component: 'broker', listener: 'ext' }],
      ['producer.override.sasl.jaas.config', 'connector', { prefix: 'producer.override.', base: 'sasl.jaas.config', component: 'producer' }],
      ['consumer.override.foo.bar', 'connect', { prefix: 'consumer.override.', base: 'foo.bar', component: 'consumer' }],
      ['consumer.ssl.truststore.location', 'connect', { prefix: 'consumer.', base: 'ssl.truststore.location', component: 'consumer' }],
      ['admin.listeners.https.ssl.keystore.location', 'connect', { prefix: 'admin.listeners.https.', base: 'ssl.keystore.location', component: 'connect' }],
      ['main.consumer.max.poll.records', 'streams', { prefix: 'main.consumer.', base: 'max.poll.records', component: 'consumer' }],
      ['restore.consumer.security.protocol', 'streams', { prefix: 'restore.consumer.', base: 'security.protocol', component: 'consumer' }],
      ['global.consumer.isolation.level', 'streams', { prefix: 'global.consumer.', base: 'isolation.level', component: 'consumer' }],
      ['producer.acks', 'streams', { prefix: 'producer.', base: 'acks', component: 'producer' }],
      ['topic.min.insync.replicas', 'streams', { prefix: 'topic.', base: 'min.insync.replicas', component: 'topic' }],
      ['source.cluster.security.protocol', 'mirrormaker', { prefix: 'source.cluster.', base: 'security.protocol', component: 'client' }],
      ['target.admin.ssl.truststore.location', 'mirrormaker', { prefix: 'target.admin.', base: 'ssl.truststore.location', component: 'admin' }],
      ['us-east.sasl.jaas.config', 'mirrormaker', { prefix: 'us-east.', base: 'sasl.jaas.config', component: 'client' }],
      ['us-east.producer.acks', 'mirrormaker', { prefix: 'us-east.producer.', base: 'acks', component: 'producer' }],
      ['us-east->us-west.topics', 'mirrormaker', { prefix: 'us-east->us-west.', base: 'topics', component: 'mirrormaker' }],
      ['rlmm.config.remote.log.metadata.topic.replication.factor', 'broker', { prefix: 'rlmm.config.', base: 'remote.log.metadata.topic.replication.factor', component: 'broker' }],
      ['remote.log.metadata.common.client.security.protocol', 'broker', { prefix: 'remote.log.metadata.common.client.', base: 'security.protocol', component: 'client' }],
      ['topic.creation.default.cleanup.policy', 'connector', { prefix: 'topic.creation.default.', base: 'cleanup.policy', component: 'topic' }],
      // real keys that look prefixed stay whole
      ['consumer.poll.timeout.ms', 'mirrormaker', { prefix: '', base: 'consumer.poll.timeout.ms', component: 'mirrormaker' }],
      ['admin.timeout.ms', undefined, { prefix: '', base: 'admin.timeout.ms' }],
      ['producer.purgatory.purge.interval.requests', 'broker', { prefix: '', base: 'producer.purgatory.purge.interval.requests', component: 'broker' }],
      ['topic.creation.enable', 'connect', { prefix: '', base: 'topic.creation.enable', component: 'connect' }],
      ['zookeeper.ssl.keystore.location', 'broker', { prefix: '', base: 'zookeeper.ssl.keystore.location', component: 'broker' }],
      // no open-ended alias outside MirrorMaker; unknown client prefixes stay
      ['confluent.ssl.keystore.location', undefined, { prefix: '', base: 'confluent.ssl.keystore.location' }],
      ['producer.not.a.key', 'streams', { prefix: '', base: 'producer.not.a.key', component: 'streams' }],
      ['listener.name.x.ssl.keystore.location', 'producer', { prefix: '', base: 'listener.name.x.ssl.keystore.location', component: 'producer' }],
    ];
    for (const [key, component, expected] of cases) {
      it(`${key}${component ? ` (${component})` : ''}`, () => {
        assert.deepEqual(splitKnownPrefix(key, component), expected);
      });
    }

    it('resolveKafkaKey finds the base entry', () => {
      const r = resolveKafkaKey('listener.name.internal.ssl.client.auth', 'broker');
      assert.equal(r?.entry.name, 'ssl.client.auth');
      assert.equal(r?.entry.component, 'broker');
      assert.deepEqual(r?.entry.enumValues, ['required', 'requested', 'none']);
      assert.equal(resolveKafkaKey('producer.override.acks', 'connector')?.entry.default, 'all');
      assert.equal(resolveKafkaKey('no.such.key', 'broker'), undefined);
    });
  });
});
