import assert from 'node:assert/strict';
import { doc, docs, write } from './helpers';

const lines = (...l: string[]) => l.join('\n') + '\n';
const crlf = (s: string) => s.replace(/\n/g, '\r\n');

describe('Helm values: writing changes back', () => {
  describe('Bitnami ≤23 chart values', () => {
    const text = lines('auth:', '  clientProtocol: plaintext   # clients', '  interBrokerProtocol: "plaintext"', 'authorizerClassName: ""', 'extraEnvVars: []');

    it('replace in value: a protocol in the listener map is written back as the auth.* value, comment kept', () => {
      const d = doc(text);
      const map = d.settings.get('listener.security.protocol.map')!.value;
      const from = map.indexOf('CLIENT:') + 'CLIENT:'.length;
      assert.equal(
        write(d, [{ op: 'replace-in-value', key: 'listener.security.protocol.map', from, to: from + 'PLAINTEXT'.length, text: 'SASL_SSL' }]),
        lines('auth:', '  clientProtocol: sasl_tls   # clients', '  interBrokerProtocol: "plaintext"', 'authorizerClassName: ""', 'extraEnvVars: []'),
      );
      assert.equal(
        write(d, [{ op: 'replace-in-value', key: 'listener.security.protocol.map', from: 9, to: 18, text: 'SSL' }]),
        lines('auth:', '  clientProtocol: plaintext   # clients', '  interBrokerProtocol: "tls"', 'authorizerClassName: ""', 'extraEnvVars: []'),
      );
    });

    it('set existing keeps the quotes; set absent writes the chart value next to its siblings (booleans plain)', () => {
      const d = doc(text);
      assert.equal(
        write(d, [{ op: 'set', key: 'authorizer.class.name', value: 'kafka.security.authorizer.AclAuthorizer' }]),
        lines('auth:', '  clientProtocol: plaintext   # clients', '  interBrokerProtocol: "plaintext"', 'authorizerClassName: "kafka.security.authorizer.AclAuthorizer"', 'extraEnvVars: []'),
      );
      assert.equal(
        write(d, [{ op: 'set', key: 'allow.everyone.if.no.acl.found', value: 'false' }]),
        lines('auth:', '  clientProtocol: plaintext   # clients', '  interBrokerProtocol: "plaintext"', 'authorizerClassName: ""', 'allowEveryoneIfNoAclFound: false', 'extraEnvVars: []'),
      );
      assert.equal(
        write(d, [{ op: 'set', key: 'zookeeper.ssl.client.enable', value: 'true' }]),
        lines('auth:', '  clientProtocol: plaintext   # clients', '  interBrokerProtocol: "plaintext"', '  zookeeper:', '    tls:', '      enabled: true', 'authorizerClassName: ""', 'extraEnvVars: []'),
      );
    });

    it('remove: a chart default that renders unless blank is written blank', () => {
      assert.equal(
        write(doc(text), [{ op: 'remove', key: 'super.users' }]),
        lines('auth:', '  clientProtocol: plaintext   # clients', '  interBrokerProtocol: "plaintext"', 'authorizerClassName: ""', 'superUsers: ""', 'extraEnvVars: []'),
      );
    });

    it('keys without a chart value go to extraEnvVars as KAFKA_CFG_* (CRLF kept); keys the image cannot name make no fix', () => {
      const d = doc(crlf(text));
      assert.equal(
        write(d, [
          { op: 'set', key: 'zookeeper.set.acl', value: 'true' },
          { op: 'set', key: 'listener.name.client.ssl.keystore.location', value: '<PATH_TO_KEYSTORE>' },
        ]),
        crlf(
          lines(
            'auth:',
            '  clientProtocol: plaintext   # clients',
            '  interBrokerProtocol: "plaintext"',
            'authorizerClassName: ""',
            'extraEnvVars:',
            '  - name: KAFKA_CFG_ZOOKEEPER_SET_ACL',
            '    value: "true"',
            '  - name: KAFKA_CFG_LISTENER_NAME_CLIENT_SSL_KEYSTORE_LOCATION',
            '    value: <PATH_TO_KEYSTORE>',
          ),
        ),
      );
      assert.equal(write(d, [{ op: 'set', key: 'some_key.with_underscore', value: 'x' }]), null);
      const more = doc(lines('auth:', '  clientProtocol: tls', 'extraEnvVars:', '  - name: KAFKA_CFG_NUM_PARTITIONS', '    value: "3"', '# end'));
      assert.equal(
        write(more, [{ op: 'set', key: 'ssl.endpoint.identification.algorithm', value: 'https' }, { op: 'remove', key: 'num.partitions' }]),
        // The chart has a value for this key: it is written there, not as a variable.
        lines('auth:', '  clientProtocol: tls', '  tls:', '    endpointIdentificationAlgorithm: https', 'extraEnvVars:', '# end'),
      );
    });
  });

  describe('server.properties text in a block scalar', () => {
    const text = crlf(lines('config: |', '  listeners=PLAINTEXT://:9092', '  ssl.client.auth=none', '  # end', 'auth:', '  clientProtocol: plaintext'));

    it('set existing, insert after a key, insert at the end, remove, replace in value (CRLF and indentation kept)', () => {
      const d = doc(text);
      assert.equal(write(d, [{ op: 'set', key: 'ssl.client.auth', value: 'required' }]), text.replace('auth=none', 'auth=required'));
      assert.equal(
        write(d, [{ op: 'set', key: 'authorizer.class.name', value: 'kafka.security.authorizer.AclAuthorizer', after: 'listeners' }]),
        crlf(lines('config: |', '  listeners=PLAINTEXT://:9092', '  authorizer.class.name=kafka.security.authorizer.AclAuthorizer', '  ssl.client.auth=none', '  # end', 'auth:', '  clientProtocol: plaintext')),
      );
      assert.equal(
        write(d, [{ op: 'set', key: 'zookeeper.set.acl', value: 'true' }]),
        crlf(lines('config: |', '  listeners=PLAINTEXT://:9092', '  ssl.client.auth=none', '  # end', '  zookeeper.set.acl=true', 'auth:', '  clientProtocol: plaintext')),
      );
      assert.equal(write(d, [{ op: 'remove', key: 'ssl.client.auth' }]), crlf(lines('config: |', '  listeners=PLAINTEXT://:9092', '  # end', 'auth:', '  clientProtocol: plaintext')));
      assert.equal(write(d, [{ op: 'replace-in-value', key: 'listeners', from: 0, to: 9, text: 'SASL_SSL' }]), text.replace('PLAINTEXT://', 'SASL_SSL://'));
    });

    it('a |- block with deeper indentation: lines added after the last one, the last one removed with its break', () => {
      const t = lines('config: |-', '    a.b=1', '    c.d=2', 'auth:', '  clientProtocol: tls');
      const d = doc(t);
      assert.equal(write(d, [{ op: 'set', key: 'e.f', value: '3' }]), lines('config: |-', '    a.b=1', '    c.d=2', '    e.f=3', 'auth:', '  clientProtocol: tls'));
      assert.equal(write(d, [{ op: 'remove', key: 'c.d' }]), lines('config: |-', '    a.b=1', 'auth:', '  clientProtocol: tls'));
      assert.equal(write(d, [{ op: 'remove', key: 'a.b' }]), lines('config: |-', '    c.d=2', 'auth:', '  clientProtocol: tls'));
    });
  });

  describe('Bitnami 24–31', () => {
    it('extraConfig is created, filled from a blank string, or appended to', () => {
      const absent = lines('listeners:', '  client:', '    protocol: SASL_PLAINTEXT', 'config: ""', 'tls: {}');
      assert.equal(
        write(doc(absent), [{ op: 'set', key: 'authorizer.class.name', value: 'X' }, { op: 'set', key: 'super.users', value: 'User:admin' }]),
        lines('listeners:', '  client:', '    protocol: SASL_PLAINTEXT', 'config: ""', 'extraConfig: |', '  authorizer.class.name=X', '  super.users=User:admin', 'tls: {}'),
      );
      const blank = lines('listeners:', '  client:', '    protocol: SASL_PLAINTEXT', 'extraConfig: ""  # more settings');
      assert.equal(
        write(doc(blank), [{ op: 'set', key: 'authorizer.class.name', value: 'X' }]),
        lines('listeners:', '  client:', '    protocol: SASL_PLAINTEXT', 'extraConfig: |  # more settings', '  authorizer.class.name=X'),
      );
      const existing = lines('listeners:', '  client:', '    protocol: SASL_PLAINTEXT', 'extraConfig: |', '  num.partitions=3');
      assert.equal(
        write(doc(existing), [{ op: 'set', key: 'authorizer.class.name', value: 'X' }]),
        lines('listeners:', '  client:', '    protocol: SASL_PLAINTEXT', 'extraConfig: |', '  num.partitions=3', '  authorizer.class.name=X'),
      );
    });

    it('an extraConfig line that overrides the chart is edited there, and new lines go next to it', () => {
      const t = lines('listeners:', '  client:', '    protocol: SSL', 'extraConfig: |', '  ssl.client.auth=none', '  num.partitions=3');
      assert.equal(
        write(doc(t), [
          { op: 'set', key: 'ssl.client.auth', value: 'required' },
          { op: 'set', key: 'listener.name.client.ssl.client.auth', value: 'required', after: 'ssl.client.auth' },
          { op: 'remove', key: 'num.partitions' },
        ]),
        lines('listeners:', '  client:', '    protocol: SSL', 'extraConfig: |', '  ssl.client.auth=required', '  listener.name.client.ssl.client.auth=required'),
      );
    });

    it('a listener protocol left to the chart default is written under listeners', () => {
      const t = lines('listeners:', '  client:', '    protocol: SASL_PLAINTEXT', 'kraft:', '  enabled: false');
      const d = doc(t);
      const map = d.settings.get('listener.security.protocol.map')!.value;
      const from = map.indexOf('INTERNAL:') + 'INTERNAL:'.length;
      assert.equal(
        write(d, [{ op: 'replace-in-value', key: 'listener.security.protocol.map', from, to: from + 'SASL_PLAINTEXT'.length, text: 'SASL_SSL' }]),
        lines('listeners:', '  client:', '    protocol: SASL_PLAINTEXT', '  interbroker:', '    protocol: SASL_SSL', 'kraft:', '  enabled: false'),
      );
    });
  });

  describe('Bitnami ≥32 overrideConfiguration', () => {
    it('an empty flow map becomes a block map; numbers are quoted', () => {
      const t = lines('controller:', '  replicaCount: 3', 'config: {}', 'overrideConfiguration: {}', 'secretConfig: ""');
      assert.equal(
        write(doc(t), [{ op: 'set', key: 'listener.name.client.connections.max.reauth.ms', value: '3600000' }, { op: 'set', key: 'authorizer.class.name', value: 'org.apache.kafka.metadata.authorizer.StandardAuthorizer' }]),
        lines('controller:', '  replicaCount: 3', 'config: {}', 'overrideConfiguration:', '  listener.name.client.connections.max.reauth.ms: "3600000"', '  authorizer.class.name: org.apache.kafka.metadata.authorizer.StandardAuthorizer', 'secretConfig: ""'),
      );
    });

    it('a block map: set existing, append, remove; a flow map: append', () => {
      const t = lines('controller:', '  replicaCount: 3', 'overrideConfiguration:', '  num.partitions: 3', '  "log.retention.hours": "168"');
      const d = doc(t);
      assert.equal(
        write(d, [{ op: 'set', key: 'num.partitions', value: '6' }, { op: 'set', key: 'a.b', value: 'c' }, { op: 'remove', key: 'log.retention.hours' }]),
        lines('controller:', '  replicaCount: 3', 'overrideConfiguration:', '  num.partitions: 6', '  a.b: c'),
      );
      const f = lines('controller:', '  replicaCount: 3', 'overrideConfiguration: {num.partitions: 3}');
      assert.equal(write(doc(f), [{ op: 'set', key: 'a.b', value: 'c' }]), lines('controller:', '  replicaCount: 3', 'overrideConfiguration: {num.partitions: 3, a.b: c}'));
    });

    it('absent: written after config', () => {
      const t = lines('controller:', '  replicaCount: 3', 'config: {}', 'log4j2: ""');
      assert.equal(write(doc(t), [{ op: 'set', key: 'a.b', value: 'c' }]), lines('controller:', '  replicaCount: 3', 'config: {}', 'overrideConfiguration:', '  a.b: c', 'log4j2: ""'));
    });
  });

  describe('cp-helm-charts', () => {
    const text = crlf(
      lines(
        'configurationOverrides:',
        '  "offsets.topic.replication.factor": "3"',
        '  "listener.security.protocol.map": |-',
        '   PLAINTEXT:PLAINTEXT,EXTERNAL:PLAINTEXT',
        '',
        '## Additional env variables',
        'customEnv: {}',
        '  # KAFKA_METRIC_REPORTERS: "x"',
      ),
    );

    it('replace inside a block-scalar value, insert into configurationOverrides (numbers quoted), camel case into customEnv', () => {
      const d = doc(text);
      const from = 'PLAINTEXT:PLAINTEXT,EXTERNAL:'.length;
      assert.equal(
        write(d, [{ op: 'replace-in-value', key: 'listener.security.protocol.map', from, to: from + 9, text: 'SASL_SSL' }]),
        text.replace('EXTERNAL:PLAINTEXT', 'EXTERNAL:SASL_SSL'),
      );
      assert.equal(
        write(d, [
          { op: 'set', key: 'connections.max.reauth.ms', value: '3600000' },
          { op: 'set', key: 'zookeeper.clientCnxnSocket', value: 'org.apache.zookeeper.ClientCnxnSocketNetty' },
        ]),
        crlf(
          lines(
            'configurationOverrides:',
            '  "offsets.topic.replication.factor": "3"',
            '  "listener.security.protocol.map": |-',
            '   PLAINTEXT:PLAINTEXT,EXTERNAL:PLAINTEXT',
            '  connections.max.reauth.ms: "3600000"',
            '',
            '## Additional env variables',
            'customEnv:',
            '  KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET: org.apache.zookeeper.ClientCnxnSocketNetty',
            '  # KAFKA_METRIC_REPORTERS: "x"',
          ),
        ),
      );
    });

    it('set an existing override keeps it a string; remove deletes the entry', () => {
      const d = doc(text);
      assert.equal(write(d, [{ op: 'set', key: 'offsets.topic.replication.factor', value: '1' }]), text.replace('factor": "3"', 'factor": "1"'));
      assert.equal(write(d, [{ op: 'remove', key: 'offsets.topic.replication.factor' }]), text.replace('  "offsets.topic.replication.factor": "3"\r\n', ''));
    });

    it('the listener the chart hard-codes cannot be renamed', () => {
      const d = doc(text);
      assert.equal(write(d, [{ op: 'replace-in-value', key: 'listeners', from: 0, to: 9, text: 'SASL_SSL' }]), null);
    });
  });

  describe('Bitnami zookeeper chart', () => {
    it('chart values are set in place; zoo.cfg keys with a ZOO_* variable go to extraEnvVars', () => {
      const t = lines('fourlwCommandsWhitelist: srvr, mntr, ruok, dump', 'containerPorts:', '  client: 2181', 'extraEnvVars: []');
      const d = docs(t)[0]!;
      assert.equal(d.role, 'zookeeper');
      assert.equal(write(d, [{ op: 'set', key: '4lw.commands.whitelist', value: 'srvr,mntr,ruok' }]), t.replace('srvr, mntr, ruok, dump', 'srvr,mntr,ruok'));
      assert.equal(
        write(d, [{ op: 'set', key: 'admin.enableServer', value: 'false' }]),
        lines('fourlwCommandsWhitelist: srvr, mntr, ruok, dump', 'containerPorts:', '  client: 2181', 'extraEnvVars:', '  - name: ZOO_ENABLE_ADMIN_SERVER', '    value: "false"'),
      );
      assert.equal(write(d, [{ op: 'remove', key: 'clientPort' }]), null);
    });
  });
});
