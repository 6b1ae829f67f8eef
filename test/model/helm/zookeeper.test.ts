import assert from 'node:assert/strict';
import { doc, docs, expectSettings, setting } from './helpers';

describe('Helm values: Bitnami zookeeper chart', () => {
  it('maps chart values to zoo.cfg keys', () => {
    const text = [
      'image:',
      '  repository: bitnami/zookeeper',
      '  tag: 3.9.3-debian-12-r21',
      'fourlwCommandsWhitelist: srvr, mntr, ruok, dump',
      'containerPorts:',
      '  client: 2181',
      '  tls: 3181',
      'tls:',
      '  client:',
      '    enabled: true',
      '    auth: want',
      '  quorum:',
      '    enabled: false',
      'auth:',
      '  client:',
      '    enabled: true',
      '    clientPassword: "pw"',
      'service:',
      '  type: LoadBalancer',
      '',
    ].join('\n');
    const d = doc(text);
    const zkVersion = d.facts.get('zookeeperVersion') as { major: number; minor: number };
    assert.deepEqual([d.format, d.role, d.version, zkVersion.major, zkVersion.minor], ['helm-bitnami', 'zookeeper', undefined, 3, 9]);
    expectSettings(d, [
      { key: 'clientPort', value: '2181', state: 'literal', at: '2181', span: [6, 11, 6, 15] },
      { key: 'secureClientPort', value: '3181', state: 'literal', at: '3181', span: [7, 8, 7, 12] },
      { key: 'serverCnxnFactory', value: 'org.apache.zookeeper.server.NettyServerCnxnFactory', state: 'default', at: 'true', span: [10, 14, 10, 18] },
      { key: 'ssl.clientAuth', value: 'want', state: 'literal', at: 'want', span: [11, 11, 11, 15] },
      { key: 'sslQuorum', value: 'false', state: 'literal', at: 'false', span: [13, 14, 13, 19] },
      { key: '4lw.commands.whitelist', value: 'srvr, mntr, ruok, dump', state: 'literal', at: 'srvr, mntr, ruok, dump', span: [4, 26, 4, 48] },
      { key: 'authProvider.sasl', value: 'org.apache.zookeeper.server.auth.SASLAuthenticationProvider', state: 'default', at: 'true', span: [16, 14, 16, 18] },
      { key: 'tickTime', value: '2000', state: 'default', at: 'image', span: [1, 1, 1, 6] },
    ]);
    assert.equal(setting(d, 'auth.client.clientPassword').secret, true);
    const svc = d.facts.get('serviceType') as { value: string; span: { start: number; end: number } };
    assert.deepEqual([svc.value, text.slice(svc.span.start, svc.span.end)], ['LoadBalancer', 'LoadBalancer']);
  });

  it('a written configuration replaces zoo.cfg', () => {
    const d = doc('fourlwCommandsWhitelist: srvr\nconfiguration: |\n  clientPort=2181\n  4lw.commands.whitelist=*\n');
    expectSettings(d, [
      { key: 'clientPort', value: '2181', state: 'literal', at: '2181', span: [3, 14, 3, 18] },
      { key: '4lw.commands.whitelist', value: '*', state: 'literal', at: '*', span: [4, 26, 4, 27] },
    ]);
    assert.equal(d.settings.has('tickTime'), false);
  });

  it('the subchart of a Bitnami kafka release, left to its defaults', () => {
    const text = 'auth:\n  clientProtocol: plaintext\nzookeeper:\n  enabled: true\n  replicaCount: 3\n';
    const zk = docs(text)[1]!;
    assert.equal(zk.role, 'zookeeper');
    expectSettings(zk, [{ key: 'clientPort', value: '2181', state: 'default', at: 'zookeeper', span: [3, 1, 3, 10] }]);
    assert.equal(zk.facts.get('replicaCount'), '3');
  });
});
