import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, buildCli, ROOT, tempDir, writeTree } from './helpers';

/** Run the installed command: `node bin/kafkalint.js`, stdout a pipe (not a terminal). */
function kafkalint(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/kafkalint.js (the bundled CLI)', function () {
  this.timeout(60_000);
  let dir: string;

  before(async () => {
    await buildCli();
    dir = tempDir();
    writeTree(dir, {
      'insecure/server.properties': 'process.roles=broker\nnode.id=1\nlisteners=PLAINTEXT://kafka-0.example.com:9092\n',
      'clean/notes.properties': '# not a Kafka file\ngreeting=hello\n',
    });
  });

  it('is an executable script with a node shebang', () => {
    assert.ok(fs.readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n'));
    assert.equal(fs.statSync(BIN).mode & 0o755, 0o755);
  });

  it('exits 1 on findings and prints compact lines when stdout is not a terminal', () => {
    const r = kafkalint(['insecure'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^insecure\/server\.properties:3:11: (error|warning) plaintext-listener \S/m);
    for (const line of r.stdout.trimEnd().split('\n')) assert.match(line, /^insecure\/server\.properties:\d+:\d+: (error|warning|info) [a-z0-9-]+ \S/);
    assert.ok(!r.stdout.includes('\u001b['), 'no colour codes in a pipe');
  });

  it('exits 0 when nothing is found', () => {
    const r = kafkalint(['clean'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
  });

  it('exits 2 on a usage error or a missing path, with one line and no stack', () => {
    const bad = kafkalint(['--bogus'], dir);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'kafkalint: error: Unknown option --bogus. Run "kafkalint --help" for usage.\n');
    const missing = kafkalint(['nope.properties'], dir);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'nope.properties: error: no such file or folder\n');
  });

  it('prints its version and finds the rule pages next to the bundle', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(kafkalint(['--version'], dir).stdout, `kafkalint ${pkg.version}\n`);
    const explain = kafkalint(['explain', 'plaintext-listener'], dir);
    assert.equal(explain.code, 0);
    assert.equal(explain.stdout, fs.readFileSync(path.join(ROOT, 'rules/plaintext-listener.md'), 'utf8'));
  });

  it('lints the examples: `npm start` exits 1', () => {
    const r = kafkalint(['examples'], ROOT);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^examples\/insecure\/server\.properties:\d+:\d+: \w+ plaintext-listener /m);
  });
});
