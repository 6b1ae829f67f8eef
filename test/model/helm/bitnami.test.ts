import assert from 'node:assert/strict';
import { lintText } from '../../../server/src/engine/lint';
import { chartHintFromFiles, readHelmValues } from '../../../server/src/model/adapters/helm';
import { listenerTable } from '../../../server/src/model/listeners';
import { parseYaml, YamlWalker } from '../../../server/src/parse/yaml';
import { doc, docs, expectSettings, pos, setting } from './helpers';

/** Where the listener table (what rules read) places each listener. */
function listenerSpans(d: ReturnType<typeof doc>): Record<string, [number, number, number, number]> {
  return Object.fromEntries(listenerTable(d).listeners.map((l) => [l.name, pos(d.text, l.span)]));
}

describe('Helm values: Bitnami kafka chart', () => {
  describe('≤23 (auth.* values)', () => {
    const text = [
      'image:',
      '  repository: bitnami/kafka',
      '  tag: 3.4.0-debian-11-r0',
      'auth:',
      '  clientProtocol: sasl_tls',
      '  interBrokerProtocol: plaintext',
      '  sasl:',
      '    mechanisms: plain,scram-sha-512',
      'authorizerClassName: kafka.security.authorizer.AclAuthorizer',
      'superUsers: User:admin;User:ANONYMOUS',
      'zookeeper:',
      '  enabled: false',
      'externalZookeeper:',
      '  servers:',
      '    - zk-0.zk:2181',
      '    - zk-1.zk:2181',
      'extraEnvVars:',
      '  - name: KAFKA_CFG_CONNECTIONS_MAX_REAUTH_MS',
      '    value: "3600000"',
      '',
    ].join('\n');

    it('decodes the protocols, SASL, TLS, authorization and ZooKeeper values with their spans', () => {
      const d = doc(text);
      assert.deepEqual([d.format, d.role, d.mode, d.version?.major, d.version?.minor], ['helm-bitnami', 'broker', 'zk', 3, 4]);
      expectSettings(d, [
        { key: 'listener.security.protocol.map', value: 'INTERNAL:PLAINTEXT,CLIENT:SASL_SSL', state: 'literal', at: 'auth', span: [4, 1, 4, 5] },
        { key: 'listeners', value: 'INTERNAL://:9093,CLIENT://:9092', state: 'default', at: 'auth', span: [4, 1, 4, 5] },
        { key: 'inter.broker.listener.name', value: 'INTERNAL', state: 'default', at: 'interBrokerProtocol', span: [6, 3, 6, 22] },
        { key: 'zookeeper.connect', value: 'zk-0.zk:2181,zk-1.zk:2181', state: 'literal', at: 'zk-0.zk:2181', span: [15, 7, 15, 19] },
        { key: 'sasl.enabled.mechanisms', value: 'PLAIN,SCRAM-SHA-512', state: 'literal', at: 'plain,scram-sha-512', span: [8, 17, 8, 36] },
        { key: 'sasl.mechanism.inter.broker.protocol', value: 'PLAIN', state: 'default', at: 'sasl', span: [7, 3, 7, 7] },
        { key: 'ssl.client.auth', value: 'none', state: 'literal', at: 'sasl_tls', span: [5, 19, 5, 27] },
        { key: 'ssl.endpoint.identification.algorithm', value: 'https', state: 'default', at: 'auth', span: [4, 1, 4, 5] },
        { key: 'authorizer.class.name', value: 'kafka.security.authorizer.AclAuthorizer', state: 'literal', at: 'kafka.security.authorizer.AclAuthorizer', span: [9, 22, 9, 61] },
        { key: 'allow.everyone.if.no.acl.found', value: 'true', state: 'default', at: 'authorizerClassName', span: [9, 1, 9, 20] },
        { key: 'super.users', value: 'User:admin;User:ANONYMOUS', state: 'literal', at: 'User:admin;User:ANONYMOUS', span: [10, 13, 10, 38] },
        { key: 'zookeeper.ssl.client.enable', value: 'false', state: 'default', at: 'enabled', span: [12, 3, 12, 10] },
        { key: 'connections.max.reauth.ms', value: '3600000', state: 'literal', at: '"3600000"', span: [19, 12, 19, 21] },
      ]);
      assert.deepEqual(listenerSpans(d), { INTERNAL: [6, 24, 6, 33], CLIENT: [5, 19, 5, 27] });
      assert.equal(setting(d, 'super.users').origin, 'superUsers');
      assert.match(setting(d, 'allow.everyone.if.no.acl.found').origin, /default allowEveryoneIfNoAclFound=true/);
    });

    it('a written config replaces the generated server.properties: spans inside the block, env ignored', () => {
      const t = [
        'auth:',
        '  clientProtocol: tls',
        'config: |',
        '  listeners=SSL://:9093',
        '  # a comment',
        '  ssl.client.auth = none',
        '  sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\',
        '    password="x";',
        'extraEnvVars:',
        '  - name: KAFKA_CFG_SSL_CLIENT_AUTH',
        '    value: required',
        '',
      ].join('\n');
      const d = doc(t);
      expectSettings(d, [
        { key: 'listeners', value: 'SSL://:9093', state: 'literal', at: 'SSL://:9093', span: [4, 13, 4, 24] },
        { key: 'ssl.client.auth', value: 'none', state: 'literal', at: 'none', span: [6, 21, 6, 25] },
        {
          key: 'sasl.jaas.config',
          value: 'org.apache.kafka.common.security.plain.PlainLoginModule required password="x";',
          state: 'literal',
          at: 'org.apache.kafka.common.security.plain.PlainLoginModule required \\\n    password="x";',
          span: [7, 20, 8, 18],
        },
      ]);
      assert.ok(setting(d, 'sasl.jaas.config').secret);
      assert.deepEqual(pos(t, setting(d, 'ssl.client.auth').keySpan), [6, 3, 6, 18]);
      assert.equal(d.settings.has('authorizer.class.name'), false, 'nothing generated when config is written');
      // As for compose: the image finds a mounted server.properties and skips these variables.
      assert.deepEqual((d.facts.get('mounts') as Array<{ target: string }>).map((m) => m.target), ['/bitnami/kafka/config/server.properties']);
      assert.deepEqual((d.facts.get('environment') as Array<{ name: string; value: string }>).map((e) => [e.name, e.value]), [['KAFKA_CFG_SSL_CLIENT_AUTH', 'required']]);
      assert.equal((d.facts.get('image') as { family: string }).family, 'bitnami');
    });

    it('chart defaults: a values file with only a client protocol', () => {
      const t = 'auth:\n  clientProtocol: mtls\nexternalAccess:\n  enabled: true\n';
      const d = doc(t);
      expectSettings(d, [
        { key: 'listener.security.protocol.map', value: 'INTERNAL:PLAINTEXT,CLIENT:SSL,EXTERNAL:SSL', state: 'literal', at: 'auth', span: [1, 1, 1, 5] },
        { key: 'listeners', value: 'INTERNAL://:9093,CLIENT://:9092,EXTERNAL://:9094', state: 'default', at: 'auth', span: [1, 1, 1, 5] },
        { key: 'ssl.client.auth', value: 'required', state: 'literal', at: 'mtls', span: [2, 19, 2, 23] },
        { key: 'authorizer.class.name', value: '', state: 'default', at: 'auth', span: [1, 1, 1, 5] },
        { key: 'zookeeper.connect', value: '<release>-zookeeper:2181', state: 'default', at: 'auth', span: [1, 1, 1, 5] },
      ]);
      // The external listener is published through the LoadBalancer/NodePort service.
      assert.deepEqual(
        (d.facts.get('publishedPorts') as Array<{ container: number; span: { start: number; end: number } }>).map((p) => [p.container, t.slice(p.span.start, p.span.end)]),
        [[9094, 'true']],
      );
      assert.deepEqual(listenerSpans(d), { INTERNAL: [1, 1, 1, 5], CLIENT: [2, 19, 2, 23], EXTERNAL: [2, 19, 2, 23] });
      assert.equal(d.mode, 'zk');
      // The bundled ZooKeeper subchart is a second document.
      const zk = docs(t)[1]!;
      assert.deepEqual([zk.role, zk.format], ['zookeeper', 'helm-bitnami']);
    });

    it('templated values are unresolvable', () => {
      const d = doc('auth:\n  clientProtocol: "{{ .Values.global.protocol }}"\nauthorizerClassName: "{{ .Values.authz }}"\n');
      assert.equal(setting(d, 'listener.security.protocol.map').state, 'unresolvable');
      assert.equal(setting(d, 'authorizer.class.name').state, 'unresolvable');
    });

    it('secrets written in the values are settings that are masked', () => {
      const d = doc('auth:\n  clientProtocol: sasl\n  sasl:\n    jaas:\n      clientPasswords: ["s3cret"]\n      interBrokerPassword: "hunter2"\n');
      const pw = setting(d, 'auth.sasl.jaas.clientPasswords');
      assert.deepEqual([pw.value, pw.secret, pw.state, d.text.slice(pw.valueSpan.start, pw.valueSpan.end)], ['s3cret', true, 'literal', '"s3cret"']);
      assert.equal(setting(d, 'auth.sasl.jaas.interBrokerPassword').secret, true);
      const r = lintText('values.yaml', d.text);
      assert.ok(r.secrets.includes('s3cret') && r.secrets.includes('hunter2'));
    });
  });

  describe('24–31 (listeners.* values)', () => {
    const text = [
      'listeners:',
      '  client:',
      '    protocol: SSL',
      '    sslClientAuth: requested',
      '  interbroker:',
      '    protocol: "PLAINTEXT"',
      'sasl:',
      '  enabledMechanisms: SCRAM-SHA-512',
      'tls:',
      '  endpointIdentificationAlgorithm: ""',
      'kraft:',
      '  enabled: false',
      'zookeeper:',
      '  enabled: true',
      'extraConfig: |-',
      '  authorizer.class.name=kafka.security.authorizer.AclAuthorizer',
      '  allow.everyone.if.no.acl.found=true',
      '',
    ].join('\r\n');

    it('decodes listeners, TLS and extraConfig lines (CRLF file)', () => {
      const d = doc(text);
      assert.deepEqual([d.role, d.mode, (d.facts.get('chart') as { schema: string }).schema], ['broker', 'zk', 'listeners']);
      expectSettings(d, [
        { key: 'listener.security.protocol.map', value: 'CLIENT:SSL,INTERNAL:PLAINTEXT', state: 'literal', at: 'listeners', span: [1, 1, 1, 10] },
        { key: 'listeners', value: 'CLIENT://:9092,INTERNAL://:9094', state: 'default', at: 'listeners', span: [1, 1, 1, 10] },
        { key: 'ssl.endpoint.identification.algorithm', value: '', state: 'literal', at: '""', span: [10, 36, 10, 38] },
        { key: 'ssl.client.auth', value: 'required', state: 'default', at: 'tls', span: [9, 1, 9, 4] },
        { key: 'listener.name.client.ssl.client.auth', value: 'requested', state: 'literal', at: 'requested', span: [4, 20, 4, 29] },
        { key: 'zookeeper.connect', value: '<release>-zookeeper:2181', state: 'default', at: 'true', span: [14, 12, 14, 16] },
        { key: 'authorizer.class.name', value: 'kafka.security.authorizer.AclAuthorizer', state: 'literal', at: 'kafka.security.authorizer.AclAuthorizer', span: [16, 25, 16, 64] },
        { key: 'allow.everyone.if.no.acl.found', value: 'true', state: 'literal', at: 'true', span: [17, 34, 17, 38] },
      ]);
      assert.deepEqual(listenerSpans(d), { CLIENT: [3, 15, 3, 18], INTERNAL: [6, 15, 6, 26] });
      assert.equal(d.settings.has('sasl.enabled.mechanisms'), false, 'no SASL listener: the chart renders no SASL settings');
    });

    it('defaults: every listener is SASL_PLAINTEXT with PLAIN, in KRaft with three combined nodes', () => {
      const d = doc('listeners:\n  client:\n    name: CLIENT\n');
      assert.deepEqual([d.role, d.mode], ['combined', 'kraft']);
      expectSettings(d, [
        { key: 'listener.security.protocol.map', value: 'CLIENT:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT', state: 'literal', at: 'listeners', span: [1, 1, 1, 10] },
        { key: 'process.roles', value: 'controller,broker', state: 'default', at: 'listeners', span: [1, 1, 1, 10] },
        { key: 'sasl.enabled.mechanisms', value: 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512', state: 'default', at: 'listeners', span: [1, 1, 1, 10] },
        { key: 'controller.listener.names', value: 'CONTROLLER', state: 'default', at: 'listeners', span: [1, 1, 1, 10] },
      ]);
      assert.deepEqual(listenerSpans(d), { CLIENT: [2, 3, 2, 9], INTERNAL: [1, 1, 1, 10], CONTROLLER: [1, 1, 1, 10] });
    });
  });

  describe('≥32 (Kafka 4, KRaft only)', () => {
    const text = [
      'kafka:',
      '  controller:',
      '    controllerOnly: true',
      '  broker:',
      '    replicaCount: 2',
      '    overrideConfiguration:',
      '      authorizer.class.name: org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      '  listeners:',
      '    client:',
      '      protocol: SASL_SSL',
      '    controller:',
      '      protocol: SSL',
      '  sasl:',
      '    enabledMechanisms: SCRAM-SHA-512,OAUTHBEARER',
      '  overrideConfiguration:',
      '    "connections.max.reauth.ms": 86400001',
      'other: {}',
      '',
    ].join('\n');

    it('an umbrella chart: one document per node group, overrideConfiguration entries win', () => {
      const [controller, broker] = docs(text);
      assert.ok(controller && broker);
      assert.deepEqual([controller.role, controller.mode, controller.version?.major], ['controller', 'kraft', 4]);
      assert.deepEqual([broker.role, broker.mode], ['broker', 'kraft']);
      expectSettings(controller, [
        { key: 'listeners', value: 'CONTROLLER://:9093', state: 'default', at: 'listeners', span: [8, 3, 8, 12] },
        { key: 'process.roles', value: 'controller', state: 'default', at: 'true', span: [3, 21, 3, 25] },
        { key: 'connections.max.reauth.ms', value: '86400001', state: 'literal', at: '86400001', span: [16, 34, 16, 42] },
      ]);
      assert.equal(controller.settings.has('authorizer.class.name'), false, 'broker.overrideConfiguration is not the controllers');
      expectSettings(broker, [
        { key: 'listener.security.protocol.map', value: 'CLIENT:SASL_SSL,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SSL', state: 'literal', at: 'listeners', span: [8, 3, 8, 12] },
        { key: 'process.roles', value: 'broker', state: 'default', at: '2', span: [5, 19, 5, 20] },
        { key: 'sasl.enabled.mechanisms', value: 'SCRAM-SHA-512,OAUTHBEARER', state: 'literal', at: 'SCRAM-SHA-512,OAUTHBEARER', span: [14, 24, 14, 49] },
        {
          key: 'listener.name.client.oauthbearer.sasl.server.callback.handler.class',
          value: 'org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler',
          state: 'default',
          at: 'SCRAM-SHA-512,OAUTHBEARER',
          span: [14, 24, 14, 49],
        },
        { key: 'authorizer.class.name', value: 'org.apache.kafka.metadata.authorizer.StandardAuthorizer', state: 'literal', at: 'org.apache.kafka.metadata.authorizer.StandardAuthorizer', span: [7, 30, 7, 85] },
      ]);
      assert.deepEqual(pos(text, setting(broker, 'connections.max.reauth.ms').keySpan), [16, 5, 16, 32]);
    });

    it('the chart major comes from Chart.lock when the caller passes it', () => {
      const lock = 'dependencies:\n- name: kafka\n  repository: oci://registry-1.docker.io/bitnamicharts\n  version: 22.1.3\n';
      const chartYaml = 'apiVersion: v2\nname: platform\nversion: 1.0.0\ndependencies:\n  - name: kafka\n    version: ">=20"\n    repository: oci://registry-1.docker.io/bitnamicharts\n';
      const hint = chartHintFromFiles(chartYaml, lock)!;
      assert.deepEqual(hint.dependencies, [{ name: 'kafka', version: '22.1.3', repository: 'oci://registry-1.docker.io/bitnamicharts' }]);
      // Shape alone says ≥24 (listeners.client); the lock file says 22.
      const values = 'kafka:\n  listeners:\n    client:\n      protocol: SSL\n  auth:\n    clientProtocol: tls\n';
      const y = parseYaml(values);
      const read = readHelmValues('values.yaml', values, y.documents[0]!, new YamlWalker(y.documents[0]!), undefined, { chart: hint });
      const chart = read.documents[0]!.facts.get('chart') as { schema: string; major: number; majorFrom: string };
      assert.deepEqual([chart.schema, chart.major, chart.majorFrom], ['auth', 22, 'Chart.lock']);
    });
  });

  describe('logging', () => {
    it('log4j (≤31) is a log4j document with the brokers authorizer as a fact', () => {
      const text = 'auth:\n  clientProtocol: tls\nauthorizerClassName: kafka.security.authorizer.AclAuthorizer\nlog4j: |\n  log4j.rootLogger=INFO, stdout\n  log4j.logger.kafka.authorizer.logger=WARN\nzookeeper:\n  enabled: false\n';
      const all = docs(text);
      const log = all.find((d) => d.role === 'log4j')!;
      assert.ok(log);
      expectSettings(log, [{ key: 'log4j.logger.kafka.authorizer.logger', value: 'WARN', state: 'literal', at: 'WARN', span: [6, 40, 6, 44] }]);
      assert.equal(log.facts.get('authorizerClassName'), 'kafka.security.authorizer.AclAuthorizer');
      assert.equal(log.mode, 'unknown');
    });

    it('log4j2 (≥32) in YAML syntax is said to be unchecked', () => {
      const r = lintText('values.yaml', 'controller:\n  replicaCount: 1\noverrideConfiguration: {}\nlog4j2: |\n  Configuration:\n    Loggers: {}\n');
      assert.deepEqual(r.problems.map((p) => [p.severity, p.range.start.line + 1]), [['info', 4]]);
      assert.equal(r.documents.filter((d) => d.role === 'log4j').length, 0);
    });
  });

  describe('what is not claimed', () => {
    it('a values file of another chart, a compose file and a Kubernetes resource named values.yaml', () => {
      assert.ok(lintText('values.yaml', 'replicaCount: 1\nimage:\n  repository: nginx\nauth:\n  enabled: true\n').skipped);
      assert.ok(lintText('values.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  auth: x\nauthorizerClassName: ""\n').skipped);
      const compose = 'services:\n  kafka:\n    image: bitnami/kafka:3.7\n    environment:\n      KAFKA_CFG_LISTENERS: PLAINTEXT://:9092\nauth:\n  clientProtocol: plaintext\n';
      assert.deepEqual(lintText('values.yaml', compose).documents.map((d) => d.format), ['compose']);
    });

    it('Kafka-shaped YAML whose name is not a values file', () => {
      const r = lintText('kafka.yaml', 'auth:\n  clientProtocol: plaintext\n');
      assert.ok(r.skipped);
      assert.equal(lintText('prod-values.yml', 'auth:\n  clientProtocol: plaintext\n').skipped, undefined);
      assert.equal(lintText('charts/kafka/values.prod.yaml', 'auth:\n  clientProtocol: plaintext\n').skipped, undefined);
    });

    it('existingConfigmap: the configuration is elsewhere, said once', () => {
      const r = lintText('values.yaml', 'auth:\n  clientProtocol: plaintext\nexistingConfigmap: my-kafka-config\nzookeeper:\n  enabled: false\n');
      assert.equal(r.documents.length, 0);
      assert.deepEqual(r.problems.map((p) => [p.severity, p.range.start.line + 1]), [['info', 3]]);
      assert.match(r.problems[0]!.message, /existingConfigmap/);
    });
  });
});
