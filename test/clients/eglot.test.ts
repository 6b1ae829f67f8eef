import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROKER_NON_ASCII, BROKER_NON_ASCII_RENAME } from '../lsp/fixtures';
import { BIN, buildServer, CORPUS_KRAFT_39 } from '../lsp/lsp-client';
import { expectationsFor, requireProgram, RULE, sortCodesAndLines } from './expectations';

const SCRIPT = join(__dirname, 'eglot-fix.el');

interface EglotDiagnostic {
  line: number;
  code: string;
  source: string;
  ruleId: string | null;
}

describe('real client: Emacs eglot (batch)', function () {
  this.timeout(90000);
  let dir: string;

  before(function () {
    this.timeout(90000);
    assert.match(requireProgram('emacs', ['--version'], 'apt-get install emacs-nox elpa-eglot'), /^GNU Emacs \d+/);
    const probe = spawnSync('emacs', ['--batch', '--eval', "(progn (require 'eglot) (princ \"ok\"))"], { encoding: 'utf8' });
    assert.equal(probe.stdout, 'ok', `eglot is required by this suite; install it with apt-get install elpa-eglot\n${probe.stderr}`);
    buildServer();
    dir = mkdtempSync(join(tmpdir(), 'kafkalint-eglot-'));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, source] of [
    ['the Apache Kafka 3.9 KRaft sample server.properties', () => readFileSync(CORPUS_KRAFT_39, 'utf8')],
    ['a broker file with non-ASCII text before the listener', () => BROKER_NON_ASCII],
    ['a fix that edits two lines with non-ASCII text before the edit', () => BROKER_NON_ASCII_RENAME],
  ] as const) {
    it(`${name}: diagnostics, the ${RULE} quick fix, save`, () => {
      const file = join(mkdtempSync(join(dir, 'case-')), 'server.properties');
      const text = source();
      writeFileSync(file, text);
      const expected = expectationsFor(file, text);
      const out = join(dir, `${Date.now()}-report.json`);
      const r = spawnSync('emacs', ['--batch', '-l', SCRIPT], {
        encoding: 'utf8',
        timeout: 60000,
        env: { ...process.env, KAFKALINT_SERVER: BIN, KAFKALINT_FILE: file, KAFKALINT_RULE: RULE, KAFKALINT_ACTION: expected.fixTitle, KAFKALINT_OUT: out },
      });
      let report: Record<string, unknown> = {};
      try {
        report = JSON.parse(readFileSync(out, 'utf8'));
      } catch {
        // reported below
      }
      assert.equal(r.status, 0, `emacs exited with ${r.status} (${r.signal ?? ''}): ${String(report.error ?? '')}\nstderr: ${r.stderr}`);

      const before = report.before as EglotDiagnostic[];
      assert.deepEqual(sortCodesAndLines(before.map((d) => [d.code, d.line])), expected.before);
      for (const d of before) {
        assert.equal(d.source, 'kafkalint');
        if (d.code !== 'kafkalint') assert.equal(d.ruleId, d.code, 'data round-trips through eglot');
      }
      const titles = report.titles as string[];
      assert.ok(titles.includes(expected.fixTitle), titles.join('\n'));
      assert.ok(titles.includes(`Disable ${RULE} for this line`));
      assert.equal(readFileSync(file, 'utf8'), expected.fixedText);
      const after = report.after as EglotDiagnostic[];
      assert.deepEqual(sortCodesAndLines(after.map((d) => [d.code, d.line])), expected.after);
    });
  }
});
