import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules } from '../../rules';
import { onlyRules, ROOT, runCli, tempDir, TEST_RULE_IDS, useTestRules, writeTree } from './helpers';

type Json = any;

const SECRET = 'S3cr3t-Value!';

describe('kafkalint --format sarif', () => {
  useTestRules();
  let dir: string;
  let sarif: Json;
  let raw: string;
  let code: number;

  before(async () => {
    dir = tempDir();
    writeTree(dir, {
      'a.properties': '# kafkalint: role=client\nbootstrap.servers=localhost:9092\ndemo.flag=insecure\ndemo.password=S3cr3t-Value!\ndemo.note=x\n',
      'my configs/server.properties': 'process.roles=broker\nnode.id=1\nlisteners=PLAINTEXT://kafka-0.example.com:9092\n',
      'binary.properties': Buffer.from([0x61, 0x00]),
    });
    const r = await runCli(['-f', 'sarif', ...onlyRules(...TEST_RULE_IDS, 'plaintext-listener'), '.', 'binary.properties'], { cwd: dir });
    raw = r.stdout;
    code = r.code;
    sarif = JSON.parse(raw);
  });

  it('has the SARIF 2.1.0 envelope and one run', () => {
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(sarif.runs.length, 1);
    const run = sarif.runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(dir + '/').href } });
    assert.ok(run.originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'));
    assert.equal(code, 1);
  });

  it('describes the tool and every rule, with the rule page as help', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const driver = sarif.runs[0].tool.driver;
    assert.equal(driver.name, 'kafkalint');
    assert.equal(driver.version, pkg.version);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(
      driver.rules.map((r: Json) => r.id),
      allRules.map((r) => r.meta.id).sort(),
    );
    for (const rule of driver.rules) {
      const meta = allRules.find((r) => r.meta.id === rule.id)!.meta;
      assert.equal(typeof rule.name, 'string');
      assert.equal(rule.shortDescription.text, meta.title);
      assert.ok(rule.fullDescription.text.length > 0);
      assert.ok(rule.help.text.length > 0 && rule.help.markdown.length > 0);
      assert.equal(rule.helpUri, `${driver.informationUri}/blob/main/rules/${rule.id}.md`);
      assert.equal(rule.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note' }[meta.severity]);
      assert.ok(rule.properties.tags.includes(meta.checklist), `${rule.id} tags include ${meta.checklist}`);
      assert.ok(rule.properties.tags.includes('security'));
    }
    const pl = driver.rules.find((r: Json) => r.id === 'plaintext-listener');
    assert.equal(pl.help.markdown, fs.readFileSync(path.join(ROOT, 'rules/plaintext-listener.md'), 'utf8'));
    assert.match(pl.fullDescription.text, /listener\.security\.protocol\.map/);
  });

  it('results carry the rule id and index, a level and 1-based regions on relative URIs', () => {
    const run = sarif.runs[0];
    const rules = run.tool.driver.rules;
    assert.ok(run.results.length >= 4);
    for (const result of run.results) {
      assert.equal(rules[result.ruleIndex].id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.equal(typeof result.message.text, 'string');
      const loc = result.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(!loc.artifactLocation.uri.startsWith('/'));
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(loc.region[k]) && loc.region[k] >= 1, k);
    }
    const uris = run.results.map((r: Json) => r.locations[0].physicalLocation.artifactLocation.uri);
    assert.deepEqual(uris, [...uris].sort(), 'sorted by path');
    const flag = run.results.find((r: Json) => r.ruleId === 'cli-test-flag');
    assert.deepEqual(flag.locations[0].physicalLocation, {
      artifactLocation: { uri: 'a.properties', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 11, endLine: 3, endColumn: 19, snippet: { text: 'insecure' } },
    });
    assert.equal(flag.level, 'warning');
    const note = run.results.find((r: Json) => r.ruleId === 'cli-test-note');
    assert.equal(note.level, 'note');
    const listener = run.results.find((r: Json) => r.ruleId === 'plaintext-listener');
    assert.equal(listener.locations[0].physicalLocation.artifactLocation.uri, 'my%20configs/server.properties');
    assert.equal(listener.locations[0].physicalLocation.region.startLine, 3);
    assert.equal(listener.locations[0].physicalLocation.region.startColumn, 11);
  });

  it('omits the snippet where the range touches a secret, and never prints the secret', () => {
    const secret = sarif.runs[0].results.find((r: Json) => r.ruleId === 'cli-test-secret');
    assert.deepEqual(secret.locations[0].physicalLocation.region, { startLine: 4, startColumn: 15, endLine: 4, endColumn: 28 });
    assert.ok(!raw.includes(SECRET));
    assert.ok(!raw.includes('S3cr'));
  });

  it('reports file problems as tool execution notifications', () => {
    const inv = sarif.runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, true);
    assert.deepEqual(inv.toolExecutionNotifications, [
      {
        level: 'error',
        message: { text: 'file looks binary (it contains NUL bytes); not linted' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'binary.properties', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
  });

  it('is byte-for-byte the same on a second run', async () => {
    const again = await runCli(['-f', 'sarif', ...onlyRules(...TEST_RULE_IDS, 'plaintext-listener'), '.', 'binary.properties'], { cwd: dir });
    assert.equal(again.stdout, raw);
  });
});
