import assert from 'node:assert/strict';
import { runCli, tempDir, writeTree } from './helpers';

const COMPOSE =
  'services:\n  kafka:\n    image: ${KAFKA_IMAGE}\n    ports:\n      - "9092:9092"\n    environment:\n' +
  '      KAFKA_ZOOKEEPER_CONNECT: zk:2181\n      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://${KAFKA_HOST}:9092\n';

describe('kafkalint CLI: files beside a YAML file', () => {
  it('reads a compose file with the variables of its .env', async () => {
    const d = tempDir();
    writeTree(d, { 'docker-compose.yml': COMPOSE, '.env': 'KAFKA_IMAGE=confluentinc/cp-kafka:7.6.0\nKAFKA_HOST=kafka.example.com\n' });
    const r = await runCli(['-f', 'compact', '--rule', 'no-authorizer=off', '--rule', 'log-dirs-in-tmp=off', '--rule', 'zookeeper-set-acl-disabled=off', '--rule', 'zookeeper-without-tls=off', '--rule', 'plaintext-inter-broker=off', '.'], { cwd: d });
    assert.equal(
      r.stdout,
      'docker-compose.yml:8:35: error plaintext-listener Listener PLAINTEXT uses PLAINTEXT: traffic on it is neither encrypted nor authenticated, and it is reachable from outside (a public advertised address or a published port).\n',
    );
    assert.equal(r.code, 1);
  });

  it('without .env the image is not known, and says so', async () => {
    const d = tempDir();
    writeTree(d, { 'docker-compose.yml': COMPOSE });
    const r = await runCli(['-f', 'compact', 'docker-compose.yml'], { cwd: d });
    assert.match(r.stdout, /^docker-compose\.yml:2:3: info not-understood Service kafka takes its image from a variable/);
    assert.equal(r.code, 0);
  });

  it('lints a Bitnami values.yaml that has its Chart.yaml beside it', async () => {
    const d = tempDir();
    const values = 'auth:\n  clientProtocol: plaintext\n  interBrokerProtocol: tls\nzookeeper:\n  enabled: true\n';
    writeTree(d, { 'values.yaml': values, 'Chart.yaml': 'apiVersion: v2\nname: kafka\nversion: 20.0.4\nappVersion: 3.3.1\n' });
    const r = await runCli(['-f', 'json', '--rule', 'no-authorizer=off', '.'], { cwd: d });
    const files = JSON.parse(r.stdout) as Array<{ path: string; findings: Array<{ ruleId: string; line: number; column: number }> }>;
    const pl = files[0]!.findings.filter((f) => f.ruleId === 'plaintext-listener').map((f) => [f.line, f.column]);
    assert.deepEqual(pl, [[2, 19]]);
  });
});
