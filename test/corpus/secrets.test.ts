/**
 * RULES.md §E.2: no output of the CLI may contain a secret value. Every file of the shared corpus
 * is linted in every output format (and through --fix and --fix-dry-run), and each output is
 * searched for every secret of that file: those the engine reports (`LintResult.secrets`) and those
 * this test finds on its own in the raw text (secret-looking keys, JAAS options, PEM private keys).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../rules';
import { HELP_TEXT } from '../../server/src/cli/args';
import { decode } from '../../server/src/cli/files';
import { lintText } from '../../server/src/engine/lint';
import { CHECKLIST_SECTIONS } from '../../server/src/engine/types';
import { runCli, tempDir } from '../cli/helpers';
import { SHARED_CORPUS } from '../shared';

const CORPUS = SHARED_CORPUS;
/** Shorter values are not compared: they occur by chance in ordinary words. */
const MIN_LENGTH = 4;

/** Last segment of a key (split on `.`, `_`, `-`) that names a secret. */
const SECRET_KEY_END = /(password|passwd|pwd|secret|passphrase|credentials?|token)s?$/i;
const JAAS_QUOTED = /\b(password|user_[A-Za-z0-9_-]+|clientSecret|oauth\.client\.secret)\s*=\s*\\?(["'])(.*?)\\?\2/g;
const JAAS_BARE = /\b(password|user_[A-Za-z0-9_-]+|clientSecret|oauth\.client\.secret)\s*=\s*([^\s"'\\;,\]]+)/g;
const PEM_PRIVATE = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----([\s\S]*?)-----END/g;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(full));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

/** Not a secret: empty, a placeholder, a reference to somewhere else, or a YAML structure token. */
function isCandidate(value: string): boolean {
  if (value.length < MIN_LENGTH) return false;
  if (/\$\{|\{\{|^\$[A-Za-z_]|^<.*>$/.test(value)) return false;
  if (/^(null|true|false|~|\[\]|\{\}|\||>|\|-|>-)$/i.test(value)) return false;
  return true;
}

/** Secret values found by reading the raw text, independently of the engine. */
export function scanSecrets(text: string): string[] {
  const found = new Set<string>();
  const add = (raw: string) => {
    // Drop what surrounds a value: quotes (maybe backslash-escaped), a JAAS `;`, a continuation `\`.
    const v = raw
      .trim()
      .replace(/[\s;\\]+$/, '')
      .replace(/^\\?["']|\\?["']$/g, '')
      .trim();
    if (isCandidate(v)) found.add(v);
  };
  for (const line of text.split(/\r\n|\n|\r/)) {
    const m = /^\s*(?:-\s*)?["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*(.*)$/.exec(line);
    if (!m) continue;
    const last = m[1]!.split(/[._-]/).pop() ?? '';
    if (SECRET_KEY_END.test(last)) add(m[2]!.replace(/\s+#.*$/, ''));
  }
  for (const m of text.matchAll(JAAS_QUOTED)) add(m[3]!);
  for (const m of text.matchAll(JAAS_BARE)) add(m[2]!);
  for (const m of text.matchAll(PEM_PRIVATE)) for (const line of m[2]!.split(/\\n|\r?\n/)) add(line);
  return [...found];
}

/**
 * Words the tool prints whatever it reads (rule ids and titles, checklist sections, help). A
 * "secret" inside them is a word such as a JAAS user name ("client"), not a leak.
 */
const VOCABULARY = [...allRules.flatMap((r) => [r.meta.id, r.meta.title]), ...Object.values(CHECKLIST_SECTIONS), HELP_TEXT].join('\n');

function leaks(output: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => s.length >= MIN_LENGTH && !VOCABULARY.includes(s) && output.includes(s));
}

describe('no secret in any CLI output (shared corpus)', function () {
  this.timeout(300_000);
  let files: string[] = [];

  before(function () {
    if (!fs.existsSync(CORPUS)) {
      throw new Error(`The shared corpus is missing: expected it at ${CORPUS} (shared/corpus beside the repository).`);
    }
    files = listFiles(CORPUS).filter((f) => path.basename(f) !== 'MANIFEST.tsv');
    assert.ok(files.length >= 50, `expected the corpus files, found ${files.length}`);
  });

  it('the secret scanner of this test finds what it should', () => {
    const text = [
      'ssl.keystore.password=kspass-1234',
      '      KAFKA_CFG_SSL_TRUSTSTORE_PASSWORD: tspass-5678',
      'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="jaas-pw-1" user_bob="bob-pw-22";',
      '    password=\\"escaped-pw-3\\";',
      'ssl.keyStore.passwordPath=/etc/zk/pw',
      'empty.password=',
      'ref.password=${file:/x:y}',
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
    ].join('\n');
    assert.deepEqual(scanSecrets(text).sort(), ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'bob-pw-22', 'escaped-pw-3', 'jaas-pw-1', 'kspass-1234', 'tspass-5678']);
  });

  it('holds secrets to look for', () => {
    let total = 0;
    for (const file of files) total += scanSecrets(decode(fs.readFileSync(file)).text).length;
    assert.ok(total >= 20, `only ${total} secret values found in the corpus`);
  });

  const variants: Array<{ name: string; args: string[]; env?: Record<string, string>; tty?: boolean; copy?: boolean }> = [
    { name: 'compact', args: ['-f', 'compact'] },
    { name: 'pretty', args: ['-f', 'pretty', '--no-color'] },
    { name: 'pretty with colour', args: ['-f', 'pretty', '--color'] },
    { name: 'pretty on a terminal', args: [], tty: true, env: {} },
    { name: 'json', args: ['-f', 'json'] },
    { name: 'sarif', args: ['-f', 'sarif'] },
    { name: 'every finding, suppressions ignored', args: ['-f', 'pretty', '--fail-on', 'info', '--no-inline-config'] },
    { name: '--fix-dry-run', args: ['--fix-dry-run', '-f', 'pretty'] },
    { name: '--fix (on a copy)', args: ['--fix', '-f', 'pretty'], copy: true },
  ];

  for (const variant of variants) {
    it(`${variant.name}: no output contains a secret of the file linted`, async () => {
      const problems: string[] = [];
      const work = variant.copy ? tempDir('kafkalint-corpus-') : undefined;
      if (work) fs.cpSync(CORPUS, work, { recursive: true });
      const cwd = work ?? CORPUS;
      for (const file of files) {
        const rel = path.relative(CORPUS, file);
        const { text } = decode(fs.readFileSync(file));
        const engineSecrets = lintText(rel.split(path.sep).join('/'), text).secrets;
        // The engine also lists JAAS option values such as `true` or a user name: drop the obvious non-secrets.
        const secrets = [...new Set([...engineSecrets.filter(isCandidate), ...scanSecrets(text)])];
        const r = await runCli([...variant.args, rel], { cwd, tty: variant.tty ?? false, env: variant.env ?? { NO_COLOR: '1' } });
        if (r.code !== 0 && r.code !== 1) problems.push(`${rel}: exit code ${r.code}: ${r.stderr.trim()}`);
        // The path is chosen by the user, not read from the file: take it out before searching.
        let output = (r.stdout + r.stderr).split(rel.split(path.sep).join('/')).join('<path>');
        if (variant.args.includes('sarif')) {
          // The rule descriptions do not depend on the input; the rest of the log does.
          const log = JSON.parse(r.stdout);
          delete log.runs[0].tool;
          output = (JSON.stringify(log) + r.stderr).split(rel.split(path.sep).join('/')).join('<path>');
        }
        for (const leaked of leaks(output, secrets)) problems.push(`${rel}: a secret of ${leaked.length} characters appears in the output`);
      }
      assert.deepEqual(problems, []);
    });
  }

  it('the SARIF rule descriptions are the same whatever is linted', async () => {
    const empty = tempDir();
    fs.writeFileSync(path.join(empty, 'x.properties'), '# nothing\n');
    const reference = JSON.parse((await runCli(['-f', 'sarif', 'x.properties'], { cwd: empty })).stdout).runs[0].tool;
    for (const file of files.slice(0, 10)) {
      const r = await runCli(['-f', 'sarif', path.relative(CORPUS, file)], { cwd: CORPUS });
      assert.deepEqual(JSON.parse(r.stdout).runs[0].tool, reference);
    }
  });
});
