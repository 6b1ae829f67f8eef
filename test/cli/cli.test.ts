import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../rules';
import { onlyRules, ROOT, runCli, tempDir, TEST_RULE_IDS, useTestRules, writeTree } from './helpers';

const A = '# kafkalint: role=client\nbootstrap.servers=localhost:9092\ndemo.flag=insecure\ndemo.password=S3cr3t-Value!\ndemo.note=x\n';
const B = '# kafkalint: role=client\ndemo.flag=insecure\n';
const SECRET = 'S3cr3t-Value!';
const ESC = '\u001b';

const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

describe('kafkalint CLI', () => {
  useTestRules();
  const only = () => onlyRules(...TEST_RULE_IDS);
  let dir: string;

  before(() => {
    dir = tempDir();
    writeTree(dir, {
      'a.properties': A,
      'sub/b.properties': B,
      'node_modules/pkg/c.properties': B,
      '.hidden/d.properties': B,
      'dist/e.properties': B,
      'notes.txt': B,
      'readme.md': '# hello\n',
      'walked-binary.properties': Buffer.from([0x61, 0x3d, 0x00, 0x0a]),
    });
    fs.symlinkSync(path.join(dir, 'sub'), path.join(dir, 'linked-sub'));
  });

  describe('compact output and discovery', () => {
    it('walks the folder, skips node_modules, dist, hidden and symlinked folders, and prints exact lines', async () => {
      const r = await runCli(['-f', 'compact', ...only()], { cwd: dir });
      assert.equal(
        r.stdout,
        'a.properties:3:11: warning cli-test-flag demo.flag is insecure.\n' +
          'a.properties:4:15: error cli-test-secret demo.password is written in clear text.\n' +
          'a.properties:5:1: info cli-test-note demo.note is set.\n' +
          'sub/b.properties:2:11: warning cli-test-flag demo.flag is insecure.\n',
      );
      assert.equal(r.stderr, '');
      assert.equal(r.code, 1);
    });

    it('is the default format when stdout is not a terminal, and the bytes do not change between runs', async () => {
      const first = await runCli([...only(), '.'], { cwd: dir });
      const second = await runCli([...only(), 'sub', 'a.properties'], { cwd: dir });
      assert.equal(first.stdout, second.stdout);
      assert.match(first.stdout, /^a\.properties:3:11: warning cli-test-flag /);
    });

    it('paths are relative to the working folder with forward slashes', async () => {
      const r = await runCli(['-f', 'compact', ...only(), path.join(dir, 'sub')], { cwd: path.join(dir, 'node_modules') });
      assert.equal(r.stdout, '../sub/b.properties:2:11: warning cli-test-flag demo.flag is insecure.\n');
    });

    it('lints a file named explicitly whatever its name', async () => {
      const r = await runCli(['-f', 'compact', ...only(), 'notes.txt'], { cwd: dir });
      assert.equal(r.stdout, 'notes.txt:2:11: warning cli-test-flag demo.flag is insecure.\n');
      assert.equal(r.code, 1);
    });

    it('expands globs with picomatch', async () => {
      const r = await runCli(['-f', 'compact', ...only(), 'sub/**/*.properties'], { cwd: dir });
      assert.equal(r.stdout, 'sub/b.properties:2:11: warning cli-test-flag demo.flag is insecure.\n');
      const all = await runCli(['-f', 'compact', ...only(), '**/*.properties'], { cwd: dir });
      assert.doesNotMatch(all.stdout, /node_modules|dist\/|\.hidden/);
      assert.match(all.stdout, /^a\.properties:/m);
      assert.match(all.stdout, /^sub\/b\.properties:/m);
    });

    it('a glob that matches nothing is a usage error', async () => {
      const r = await runCli([...only(), 'nowhere/**/*.cfg'], { cwd: dir });
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'nowhere/**/*.cfg: error: no files match this glob\n');
    });

    it('a missing path gives one error line and exit 2, and the other files are still linted', async () => {
      const r = await runCli(['-f', 'compact', ...only(), 'missing.properties', 'sub'], { cwd: dir });
      assert.equal(r.stderr, 'missing.properties: error: no such file or folder\n');
      assert.equal(r.stdout, 'sub/b.properties:2:11: warning cli-test-flag demo.flag is insecure.\n');
      assert.equal(r.code, 2);
    });

    it('names a dangling symbolic link as missing', async () => {
      const d = tempDir();
      fs.symlinkSync(path.join(d, 'gone.properties'), path.join(d, 'dangling.properties'));
      const r = await runCli(['dangling.properties'], { cwd: d });
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'dangling.properties: error: no such file or folder\n');
    });
  });

  describe('files that cannot be linted', () => {
    let d: string;
    before(() => {
      d = tempDir();
      writeTree(d, {
        'binary.properties': Buffer.concat([Buffer.from('demo.flag=insecure\n'), Buffer.from([0, 1, 2])]),
        'huge.properties': Buffer.alloc(5 * 1024 * 1024 + 1, 0x23),
        'ok.properties': B,
      });
      fs.symlinkSync('loop-b.properties', path.join(d, 'loop-a.properties'));
      fs.symlinkSync('loop-a.properties', path.join(d, 'loop-b.properties'));
    });

    it('binary, too large and unreadable files get one error line each; the run goes on and fails', async () => {
      const r = await runCli(['-f', 'compact', ...only(), 'binary.properties', 'huge.properties', 'loop-a.properties', 'ok.properties'], { cwd: d });
      assert.equal(
        r.stderr,
        'binary.properties: error: file looks binary (it contains NUL bytes); not linted\n' +
          'huge.properties: error: file is larger than 5 MiB; not linted\n' +
          'loop-a.properties: error: too many levels of symbolic links; not linted\n',
      );
      assert.equal(r.stdout, 'ok.properties:2:11: warning cli-test-flag demo.flag is insecure.\n');
      assert.equal(r.code, 1);
    });

    it('file problems count as errors for --fail-on', async () => {
      const r = await runCli(['--fail-on', 'error', ...only(), 'binary.properties'], { cwd: d });
      assert.equal(r.code, 1);
      const never = await runCli(['--fail-on', 'never', ...only(), 'binary.properties'], { cwd: d });
      assert.equal(never.code, 0);
    });

    it('appear in JSON output as problems without a position', async () => {
      const r = await runCli(['-f', 'json', ...only(), 'binary.properties'], { cwd: d });
      assert.deepEqual(JSON.parse(r.stdout), [
        {
          path: 'binary.properties',
          errorCount: 1,
          warningCount: 0,
          infoCount: 0,
          fixableCount: 0,
          findings: [],
          problems: [{ severity: 'error', code: 'file-error', message: 'file looks binary (it contains NUL bytes); not linted', line: null, column: null, endLine: null, endColumn: null }],
        },
      ]);
    });

    it('a malformed \\u escape is a file problem with a position', async () => {
      const d2 = tempDir();
      writeTree(d2, { 'bad.properties': '# kafkalint: role=client\ndemo.x=\\u12G4\n' });
      const r = await runCli(['-f', 'compact', ...only(), 'bad.properties'], { cwd: d2 });
      assert.match(r.stdout, /^bad\.properties:2:\d+: error syntax-error Malformed escape/m);
      assert.equal(r.code, 1);
    });
  });

  describe('files that are not Kafka configuration', () => {
    it('a file named explicitly that kafkalint cannot read as Kafka configuration gets a note and does not fail', async () => {
      const d = tempDir();
      writeTree(d, { 'package.json': '{"name": "x"}\n' });
      const r = await runCli(['package.json'], { cwd: d });
      assert.equal(r.code, 0);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^package\.json: note: not linted: .+\n$/);
      assert.equal((await runCli(['-q', 'package.json'], { cwd: d })).stderr, '', '--quiet drops the note');
      const json = JSON.parse((await runCli(['-f', 'json', 'package.json'], { cwd: d })).stdout);
      assert.equal(json[0].path, 'package.json');
      assert.equal(typeof json[0].skipped, 'string');
    });
  });

  describe('json output', () => {
    it('is a stable array of files with exact fields and no edit text', async () => {
      const r = await runCli(['-f', 'json', ...only(), 'a.properties', 'sub'], { cwd: dir });
      const docs = (id: string) => `https://github.com/kafkalint/kafkalint/blob/main/rules/${id}.md`;
      const flag = (line: number) => ({
        ruleId: 'cli-test-flag',
        severity: 'warning',
        message: 'demo.flag is insecure.',
        checklist: 'TR',
        checklistSection: 'Secure data in transit',
        line,
        column: 11,
        endLine: line,
        endColumn: 19,
        fix: { title: 'Set demo.flag to secure and add demo.added', safety: 'safe' },
        suggestions: [],
        docs: docs('cli-test-flag'),
      });
      const expected = [
        {
          path: 'a.properties',
          errorCount: 1,
          warningCount: 1,
          infoCount: 1,
          fixableCount: 1,
          findings: [
            flag(3),
            {
              ruleId: 'cli-test-secret',
              severity: 'error',
              message: 'demo.password is written in clear text.',
              checklist: 'ROT',
              checklistSection: 'Rotate your keys',
              line: 4,
              column: 15,
              endLine: 4,
              endColumn: 28,
              fix: null,
              suggestions: [],
              docs: docs('cli-test-secret'),
            },
            {
              ruleId: 'cli-test-note',
              severity: 'info',
              message: 'demo.note is set.',
              checklist: 'AUD',
              checklistSection: 'Audit logs',
              line: 5,
              column: 1,
              endLine: 5,
              endColumn: 12,
              fix: { title: 'Remove demo.note', safety: 'suggestion' },
              suggestions: [],
              docs: docs('cli-test-note'),
            },
          ],
          problems: [],
        },
        { path: 'sub/b.properties', errorCount: 0, warningCount: 1, infoCount: 0, fixableCount: 1, findings: [flag(2)], problems: [] },
      ];
      assert.equal(r.stdout, JSON.stringify(expected, null, 2) + '\n');
      assert.ok(!r.stdout.includes(SECRET));
      assert.ok(!r.stdout.includes('demo.added=yes'), 'edit text is never written');
      assert.equal(r.code, 1);
    });
  });

  describe('pretty output', () => {
    const expected =
      'sub/b.properties:2:11  warning  cli-test-flag  demo.flag is insecure.\n' +
      '  1 | # kafkalint: role=client\n' +
      '> 2 | demo.flag=insecure\n' +
      '    |           ^^^^^^^^\n' +
      '  why: Secure data in transit (TR)\n' +
      '  fix: Set demo.flag to secure and add demo.added (safe: applied by --fix)\n' +
      '  docs: kafkalint explain cli-test-flag | https://github.com/kafkalint/kafkalint/blob/main/rules/cli-test-flag.md\n' +
      '\n' +
      '1 problem (0 errors, 1 warning, 0 info) in 1 of 1 file; 1 fixable with --fix.\n';

    it('is the default on a terminal; NO_COLOR turns colour off', async () => {
      const r = await runCli([...only(), 'sub'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } });
      assert.equal(r.stdout, expected);
      assert.ok(!r.stdout.includes(ESC));
    });

    it('is coloured on a terminal without NO_COLOR, with the same text', async () => {
      const r = await runCli([...only(), 'sub'], { cwd: dir, tty: true, env: {} });
      assert.ok(r.stdout.includes(`${ESC}[33mwarning${ESC}[39m`));
      assert.equal(stripAnsi(r.stdout), expected);
    });

    it('--color and --no-color override the terminal check', async () => {
      const forced = await runCli(['-f', 'pretty', '--color', ...only(), 'sub'], { cwd: dir, tty: false, env: { NO_COLOR: '1' } });
      assert.ok(forced.stdout.includes(ESC));
      const off = await runCli(['--no-color', ...only(), 'sub'], { cwd: dir, tty: true, env: {} });
      assert.equal(off.stdout, expected);
      const compact = await runCli(['-f', 'compact', ...only(), 'sub'], { cwd: dir, tty: true, env: {} });
      assert.ok(!compact.stdout.includes(ESC), 'compact output never has colour codes');
    });

    it('masks secrets in code frames and counts everything in the summary', async () => {
      const r = await runCli(['-f', 'pretty', ...only(), 'a.properties'], { cwd: dir });
      assert.ok(!r.stdout.includes(SECRET));
      assert.ok(!r.stdout.includes('S3cr'));
      assert.ok(r.stdout.includes('> 4 | demo.password=********\n    |               ^^^^^^^^\n'));
      assert.ok(r.stdout.endsWith('3 problems (1 error, 1 warning, 1 info) in 1 of 1 file; 1 fixable with --fix.\n'));
    });

    it('masks a secret that runs over continuation lines, and underlines the mask', async () => {
      const d = tempDir();
      writeTree(d, { 'multi.properties': '# kafkalint: role=client\ndemo.password=first-part-of-it\\\n    second-part-of-it\ndemo.other=1\n' });
      const r = await runCli(['-f', 'pretty', '--no-color', ...only()], { cwd: d });
      assert.ok(!r.stdout.includes('part-of-it'), r.stdout);
      assert.ok(
        r.stdout.startsWith(
          'multi.properties:2:15  error  cli-test-secret  demo.password is written in clear text.\n' +
            '  1 | # kafkalint: role=client\n' +
            '> 2 | demo.password=********\n' +
            '    |               ^^^^^^^^\n' +
            '> 3 | ********\n' +
            '    | ^^^^^^^^\n' +
            '  4 | demo.other=1\n',
        ),
        r.stdout,
      );
    });

    it('says so when nothing is found', async () => {
      const d = tempDir();
      writeTree(d, { 'clean.properties': '# kafkalint: role=client\ndemo.flag=secure\n' });
      const r = await runCli(['-f', 'pretty', ...only()], { cwd: d });
      assert.equal(r.stdout, 'No problems found in 1 file.\n');
      assert.equal(r.code, 0);
    });
  });

  describe('severity, rules and exit codes', () => {
    it('--quiet shows errors only and warnings do not fail', async () => {
      const r = await runCli(['-q', ...only(), 'a.properties', 'sub'], { cwd: dir });
      assert.equal(r.stdout, 'a.properties:4:15: error cli-test-secret demo.password is written in clear text.\n');
      assert.equal(r.code, 1);
      const warnOnly = await runCli(['-q', ...only(), 'sub'], { cwd: dir });
      assert.equal(warnOnly.stdout, '');
      assert.equal(warnOnly.code, 0);
    });

    it('--fail-on sets the lowest failing severity', async () => {
      assert.equal((await runCli([...only(), 'sub'], { cwd: dir })).code, 1, 'warnings fail by default');
      assert.equal((await runCli(['--fail-on', 'error', ...only(), 'sub'], { cwd: dir })).code, 0);
      assert.equal((await runCli(['--fail-on', 'never', ...only(), 'a.properties'], { cwd: dir })).code, 0);
      const d = tempDir();
      writeTree(d, { 'note.properties': '# kafkalint: role=client\ndemo.note=x\n' });
      assert.equal((await runCli([...only()], { cwd: d })).code, 0, 'info does not fail by default');
      assert.equal((await runCli(['--fail-on', 'info', ...only()], { cwd: d })).code, 1);
    });

    it('--max-warnings fails when there are more warnings than allowed', async () => {
      const over = await runCli(['--fail-on', 'error', '--max-warnings', '0', ...only(), 'sub'], { cwd: dir });
      assert.equal(over.code, 1);
      assert.equal(over.stderr, 'kafkalint: 1 warning, more than --max-warnings 0 allows.\n');
      assert.equal((await runCli(['--fail-on', 'error', '--max-warnings=1', ...only(), 'sub'], { cwd: dir })).code, 0);
    });

    it('--rule changes a severity or turns a rule off', async () => {
      const r = await runCli(['--rule', 'cli-test-flag=error', '--rule', 'cli-test-secret=off', '--rule=cli-test-note=off', ...only(), 'a.properties'], { cwd: dir });
      assert.equal(r.stdout, 'a.properties:3:11: error cli-test-flag demo.flag is insecure.\n');
    });

    it('usage errors exit 2 with one line', async () => {
      const cases: Array<[string[], RegExp]> = [
        [['--rule', 'no-such-rule=off'], /^kafkalint: error: --rule names unknown rule "no-such-rule"; known rules: .*cli-test-flag.*\n$/],
        [['--rule', 'cli-test-flag=loud'], /^kafkalint: error: --rule cli-test-flag: the level must be one of error, warning, info, off, not "loud"\. /],
        [['--bogus'], /^kafkalint: error: Unknown option --bogus\. Run "kafkalint --help" for usage\.\n$/],
        [['-f', 'xml'], /^kafkalint: error: Unknown format "xml"/],
        [['--fail-on', 'sometimes'], /^kafkalint: error: --fail-on takes one of error, warning, info, never/],
        [['--kafka-version', 'latest'], /^kafkalint: error: --kafka-version takes a version like 3\.9/],
        [['--max-warnings', '-1'], /^kafkalint: error: --max-warnings takes a whole number/],
        [['--format'], /^kafkalint: error: --format needs a value\./],
        [['--fix', '--fix-dry-run'], /^kafkalint: error: --fix and --fix-dry-run cannot be used together\./],
      ];
      for (const [argv, pattern] of cases) {
        const r = await runCli(argv, { cwd: dir });
        assert.equal(r.code, 2, argv.join(' '));
        assert.match(r.stderr, pattern);
        assert.equal(r.stderr.split('\n').length, 2, `one line for ${argv.join(' ')}`);
        assert.equal(r.stdout, '');
      }
    });

    it('--kafka-version is accepted', async () => {
      const r = await runCli(['--kafka-version', '3.9', ...only(), 'sub'], { cwd: dir });
      assert.equal(r.code, 1);
    });

    it('an internal error is one line without a stack, unless KAFKALINT_DEBUG is set', async () => {
      const crash = {
        meta: { id: 'cli-test-crash', checklist: 'PLAY' as const, severity: 'warning' as const, title: 'crashes', formats: ['client-properties' as const] },
        check(): void {
          throw new Error('boom from a rule');
        },
      };
      (allRules as unknown as object[]).push(crash);
      try {
        const r = await runCli(['sub'], { cwd: dir });
        assert.equal(r.code, 2);
        assert.equal(r.stderr, 'kafkalint: internal error while linting sub/b.properties (set KAFKALINT_DEBUG=1 for the details)\n');
        const debug = await runCli(['sub'], { cwd: dir, env: { KAFKALINT_DEBUG: '1' } });
        assert.equal(debug.code, 2);
        assert.match(debug.stderr, /^kafkalint: internal error while linting sub\/b\.properties: Error: boom from a rule\n\s+at /);
      } finally {
        (allRules as unknown as object[]).splice((allRules as unknown as object[]).indexOf(crash), 1);
      }
    });
  });

  describe('suppression comments', () => {
    const broker = 'process.roles=broker\nnode.id=1\n# kafkalint-disable-next-line plaintext-listener -- the mesh sidecar terminates mTLS\nlisteners=PLAINTEXT://kafka-0.example.com:9092\n';

    it('are honoured by default and ignored with --no-inline-config', async () => {
      const d = tempDir();
      writeTree(d, { 'server.properties': broker });
      const honoured = await runCli(['-f', 'compact', 'server.properties'], { cwd: d });
      assert.doesNotMatch(honoured.stdout, / plaintext-listener /);
      const ignored = await runCli(['-f', 'compact', '--no-inline-config', 'server.properties'], { cwd: d });
      assert.match(ignored.stdout, /^server\.properties:4:\d+: (error|warning) plaintext-listener /m);
      assert.equal(ignored.code, 1);
    });
  });

  describe('explain, rules, help and version', () => {
    it('explain prints the rule page', async () => {
      const r = await runCli(['explain', 'plaintext-listener'], { cwd: dir });
      assert.equal(r.code, 0);
      assert.equal(r.stdout, fs.readFileSync(path.join(ROOT, 'rules/plaintext-listener.md'), 'utf8'));
    });

    it('explain of an unknown rule exits 2 and lists the ids', async () => {
      const r = await runCli(['explain', 'plaintext-listner'], { cwd: dir });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^kafkalint: error: unknown rule "plaintext-listner"\. Known rules: .*no-authorizer, .*plaintext-listener/);
      assert.equal(r.stdout, '');
    });

    it('rules lists every rule with its checklist tag, severity and fix kind', async () => {
      const r = await runCli(['rules'], { cwd: dir });
      assert.equal(r.code, 0);
      const lines = r.stdout.trimEnd().split('\n');
      assert.match(lines[0]!, /^RULE\s+CHECKLIST\s+SEVERITY\s+FIX\s+TITLE$/);
      assert.match(r.stdout, /^plaintext-listener\s+TR\s+warning\s+suggestion\s+\S/m);
      assert.match(r.stdout, /^cli-test-flag\s+TR\s+warning\s+safe\s+demo\.flag is insecure$/m);
      const json = JSON.parse((await runCli(['rules', '-f', 'json'], { cwd: dir })).stdout) as Array<{ id: string; checklist: string }>;
      assert.ok(json.some((x) => x.id === 'no-authorizer' && x.checklist === 'ACL'));
    });

    it('--help lists every option, the formats and the exit codes', async () => {
      const r = await runCli(['--help'], { cwd: dir });
      assert.equal(r.code, 0);
      for (const word of ['--format', '--fail-on', '--max-warnings', '--quiet', '--rule', '--kafka-version', '--no-inline-config', '--fix', '--fix-dry-run', '--color', '--no-color', '--help', '--version', 'explain <rule-id>', 'rules', 'pretty | compact | json | sarif', 'UTF-16 code units', 'Exit codes']) {
        assert.ok(r.stdout.includes(word), word);
      }
    });

    it('--version prints the package version', async () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      const r = await runCli(['--version'], { cwd: dir });
      assert.equal(r.stdout, `kafkalint ${pkg.version}\n`);
    });
  });

  describe('real rules', () => {
    it('an insecure broker fails with plaintext-listener', async () => {
      const d = tempDir();
      writeTree(d, { 'server.properties': 'process.roles=broker\nnode.id=1\nlisteners=PLAINTEXT://kafka-0.example.com:9092\n' });
      const r = await runCli([], { cwd: d });
      assert.match(r.stdout, /^server\.properties:3:11: (error|warning) plaintext-listener /m);
      assert.equal(r.code, 1);
    });
  });
});
