import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { corpusExpectations } from '../../scripts/corpus-expectations';
import { corpusFiles, readCorpusFile } from './corpus';

function ruleLines(rel: string): Array<[string, number]> {
  return lintText(rel, readCorpusFile(rel)).findings.map((f) => [f.ruleId, f.range.start.line + 1]);
}

describe('the shared corpus', () => {
  it('lints every file without throwing', () => {
    const files = corpusFiles();
    assert.ok(files.length >= 75, `expected the 75 corpus files, found ${files.length}`);
    for (const rel of files) assert.doesNotThrow(() => lintText(rel, readCorpusFile(rel)), rel);
  });

  it('reports exactly the reviewed findings for every file', () => {
    const expected = readFileSync(join(__dirname, 'expected-findings.txt'), 'utf8');
    assert.equal(corpusExpectations(), expected);
  });

  it('Apache Kafka 3.7 ZooKeeper-mode default server.properties', () => {
    const ids = new Set(ruleLines('broker-properties/apache-kafka-3.7__server.properties').map(([id]) => id));
    for (const id of ['implicit-plaintext-listener', 'no-authorizer', 'zookeeper-without-tls', 'zookeeper-set-acl-disabled']) assert.ok(ids.has(id), id);
  });

  it('Apache Kafka 3.9 KRaft default server.properties', () => {
    const found = ruleLines('broker-properties/apache-kafka-3.9-kraft__server.properties');
    const text = readCorpusFile('broker-properties/apache-kafka-3.9-kraft__server.properties').split('\n');
    const lineOf = (prefix: string) => text.findIndex((l) => l.startsWith(prefix)) + 1;
    assert.ok(found.some(([id, line]) => id === 'plaintext-listener' && line === lineOf('listeners=')), 'plaintext-listener on listeners=');
    assert.ok(found.some(([id]) => id === 'plaintext-controller-listener'), 'plaintext-controller-listener');
    assert.ok(found.some(([id]) => id === 'no-authorizer'), 'no-authorizer');
  });
});
