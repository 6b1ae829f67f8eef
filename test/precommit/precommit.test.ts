/**
 * The real pre-commit framework runs the `kafkalint` hook of this repository's working tree.
 *
 * The working tree (uncommitted work included; dist/ is not: the package's `prepare` script builds it) is committed into a
 * temporary clone; a temporary consumer repository points its `.pre-commit-config.yaml` at that
 * clone. pre-commit then does what it does for every user: clone the hook repository, `npm install`,
 * `npm pack`, install the tarball into a private node environment, and run `kafkalint` on the files.
 * See shared/research/real-clients.md §3 for the pitfalls this avoids (PRE_COMMIT_HOME, no pinned
 * language_version, `.npmrc` loglevel=silent).
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT, tempDir } from '../cli/helpers';

const PRE_COMMIT = '/usr/bin/pre-commit';

const GIT_ID = ['-c', 'user.name=kafkalint test', '-c', 'user.email=test@kafkalint.invalid', '-c', 'commit.gpgsign=false'];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...GIT_ID, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A clone of this repository whose last commit is the current working tree. */
function snapshotRepository(into: string): { repo: string; rev: string } {
  const repo = path.join(into, 'hook-repo');
  git(into, 'clone', '--quiet', '--no-hardlinks', ROOT, repo);
  const list = (args: string[]) =>
    execFileSync('git', ['ls-files', '-z', ...args], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
  for (const rel of list(['--deleted'])) fs.rmSync(path.join(repo, rel), { force: true });
  for (const rel of list(['--cached', '--others', '--exclude-standard'])) {
    const from = path.join(ROOT, rel);
    if (!fs.existsSync(from) || !fs.statSync(from).isFile()) continue;
    const to = path.join(repo, rel);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    fs.chmodSync(to, fs.statSync(from).mode & 0o777);
  }
  git(repo, 'add', '--all');
  git(repo, 'commit', '--quiet', '--no-verify', '--allow-empty', '-m', 'working tree snapshot for the pre-commit test');
  return { repo, rev: git(repo, 'rev-parse', 'HEAD').trim() };
}

describe('pre-commit hook (real pre-commit framework)', function () {
  // pre-commit installs the hook repository with npm the first time: allow for it.
  this.timeout(15 * 60_000);
  let consumer: string;
  let env: NodeJS.ProcessEnv;

  before(async function () {
    assert.ok(fs.existsSync(PRE_COMMIT), `pre-commit is not installed at ${PRE_COMMIT} (apt-get install pre-commit)`);
    const work = tempDir('kafkalint-precommit-');
    const snapshot = snapshotRepository(work);

    consumer = path.join(work, 'consumer');
    fs.mkdirSync(path.join(consumer, 'insecure'), { recursive: true });
    fs.mkdirSync(path.join(consumer, 'secure'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'examples/insecure/server.properties'), path.join(consumer, 'insecure/server.properties'));
    fs.copyFileSync(path.join(ROOT, 'examples/secure/server.properties'), path.join(consumer, 'secure/server.properties'));
    fs.writeFileSync(path.join(consumer, 'README.md'), '# a project that uses Kafka\n');
    fs.writeFileSync(
      path.join(consumer, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${snapshot.repo}\n    rev: ${snapshot.rev}\n    hooks:\n      - id: kafkalint\n`,
    );
    git(consumer, 'init', '--quiet');
    git(consumer, 'add', '--all');

    env = { ...process.env, PRE_COMMIT_HOME: path.join(work, 'pre-commit-home'), NO_COLOR: '1' };
    delete env.PRE_COMMIT_COLOR;
  });

  function preCommit(...files: string[]) {
    const r = spawnSync(PRE_COMMIT, ['run', 'kafkalint', '--color', 'never', '--files', ...files], { cwd: consumer, env, encoding: 'utf8' });
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
  }

  it('the hook is defined for pre-commit as documented', () => {
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    const hook = hooks.find((h) => h.id === 'kafkalint');
    assert.ok(hook);
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'kafkalint');
    assert.equal(hook.require_serial, false);
    assert.equal(hook.language_version, undefined, 'a pinned node version would make pre-commit download Node');
    const files = new RegExp(hook.files as string);
    for (const name of ['server.properties', 'zoo.cfg', 'kafka_jaas.conf', 'values.yaml', 'compose.yml']) assert.match(name, files);
    assert.doesNotMatch('README.md', files);
  });

  it(`fails on an insecure server.properties and names the rule`, function () {
    const r = preCommit('insecure/server.properties');
    assert.equal(r.code, 1, r.output);
    assert.match(r.output, /kafkalint\.+Failed/);
    assert.match(r.output, /insecure\/server\.properties:\d+:\d+: (error|warning) plaintext-listener /);
  });

  it('passes on a secure server.properties', () => {
    const r = preCommit('secure/server.properties');
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /kafkalint\.+Passed/);
  });

  it('skips files its pattern does not match', () => {
    const r = preCommit('README.md');
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /kafkalint\.+\(no files to check\)Skipped/);
  });
});
