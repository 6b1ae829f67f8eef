import assert from 'node:assert/strict';
import { interpolate, parseDotEnv } from '../../server/src/model/adapters/compose';
import { lintText } from '../../server/src/engine/lint';

describe('docker-compose variables from a .env file', () => {
  const vars = parseDotEnv('# comment\nexport IMAGE=confluentinc/cp-kafka\nTAG="7.6.0"\nEMPTY=\nHOST=kafka.example.com # trailing comment\n');

  it('reads .env lines as compose does', () => {
    assert.deepEqual([...vars], [
      ['IMAGE', 'confluentinc/cp-kafka'],
      ['TAG', '7.6.0'],
      ['EMPTY', ''],
      ['HOST', 'kafka.example.com'],
    ]);
  });

  it('interpolates ${VAR}, $VAR and the default forms', () => {
    assert.deepEqual(interpolate('${IMAGE}:$TAG', vars), { value: 'confluentinc/cp-kafka:7.6.0', unresolved: false });
    assert.deepEqual(interpolate('${EMPTY:-fallback}', vars), { value: 'fallback', unresolved: false });
    assert.deepEqual(interpolate('${EMPTY-fallback}', vars), { value: '', unresolved: false });
    assert.deepEqual(interpolate('${MISSING:-x}', vars), { value: 'x', unresolved: false });
    assert.deepEqual(interpolate('${MISSING}', vars).unresolved, true);
    assert.deepEqual(interpolate('$$HOST', vars), { value: '$HOST', unresolved: false });
  });

  it('an image and listeners given through variables are read, findings stay on the written text', () => {
    const text =
      'services:\n  kafka:\n    image: ${IMAGE}:${TAG}\n    ports:\n      - "9092:9092"\n    environment:\n' +
      '      KAFKA_ZOOKEEPER_CONNECT: zk:2181\n      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://${HOST}:9092\n';
    const without = lintText('docker-compose.yml', text);
    assert.equal(without.documents.length, 0);
    const withEnv = lintText('docker-compose.yml', text, { dotEnv: 'IMAGE=confluentinc/cp-kafka\nTAG=7.6.0\nHOST=kafka.example.com\n' });
    const plaintext = withEnv.findings.filter((f) => f.ruleId === 'plaintext-listener');
    assert.deepEqual(
      plaintext.map((f) => [f.range.start.line + 1, f.range.start.character + 1, f.severity]),
      [[8, 35, 'error']],
    );
  });
});
