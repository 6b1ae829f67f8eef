import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROKER_NON_ASCII, BROKER_NON_ASCII_RENAME } from '../lsp/fixtures';
import { BIN, buildServer, CORPUS_KRAFT_39 } from '../lsp/lsp-client';
import { expectationsFor, requireProgram, RULE, sortCodesAndLines, type Expected } from './expectations';

const SCRIPT = join(__dirname, 'neovim-fix.lua');

describe('real client: headless Neovim 0.7', function () {
  this.timeout(90000);
  let dir: string;

  before(function () {
    this.timeout(90000);
    const version = requireProgram('nvim', ['--version'], 'apt-get install neovim');
    assert.match(version, /^NVIM v0\.\d+/);
    buildServer();
    dir = mkdtempSync(join(tmpdir(), 'kafkalint-nvim-'));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function runNeovim(file: string, expected: Expected): { report: Record<string, unknown>; ms: number } {
    const out = join(dir, `${Date.now()}-report.json`);
    const started = Date.now();
    const r = spawnSync('nvim', ['--headless', '--clean', '-u', SCRIPT], {
      encoding: 'utf8',
      timeout: 60000,
      env: { ...process.env, KAFKALINT_SERVER: BIN, KAFKALINT_FILE: file, KAFKALINT_RULE: RULE, KAFKALINT_ACTION: expected.fixTitle, KAFKALINT_OUT: out },
    });
    const ms = Date.now() - started;
    let report: Record<string, unknown> = {};
    try {
      report = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      // reported below
    }
    assert.equal(r.status, 0, `nvim exited with ${r.status} (${r.signal ?? ''}): ${String(report.error ?? '')}\nstderr: ${r.stderr}`);
    return { report, ms };
  }

  for (const [name, source] of [
    ['the Apache Kafka 3.9 KRaft sample server.properties', () => readFileSync(CORPUS_KRAFT_39, 'utf8')],
    ['a broker file with non-ASCII text before the listener', () => BROKER_NON_ASCII],
    ['a fix that edits two lines with non-ASCII text before the edit', () => BROKER_NON_ASCII_RENAME],
  ] as const) {
    it(`${name}: diagnostics, the ${RULE} quick fix, :write`, () => {
      const file = join(mkdtempSync(join(dir, 'case-')), 'server.properties');
      const text = source();
      // A writable copy (the corpus files are read-only).
      writeFileSync(file, text);
      const expected = expectationsFor(file, text);
      const { report } = runNeovim(file, expected);

      const before = report.before as Array<{ code: string; lnum: number; source: string; href: string; data: { ruleId: string } }>;
      assert.deepEqual(sortCodesAndLines(before.map((d) => [d.code, d.lnum])), expected.before);
      for (const d of before) {
        assert.equal(d.source, 'kafkalint');
        if (d.code !== 'kafkalint') {
          assert.equal(d.href, `https://github.com/kafkalint/kafkalint/blob/main/rules/${d.code}.md`);
          assert.equal(d.data.ruleId, d.code, 'data round-trips through Neovim');
        }
      }
      const titles = report.titles as string[];
      assert.ok(titles.includes(expected.fixTitle), titles.join('\n'));
      assert.ok(titles.includes(`Disable ${RULE} for this line`));
      assert.ok(titles.includes(`Show documentation for ${RULE}`));

      assert.equal(readFileSync(file, 'utf8'), expected.fixedText);
      // The server re-linted the edited buffer: what Neovim shows now is the engine's view of the fixed text.
      const after = report.after as Array<{ code: string; lnum: number }>;
      assert.deepEqual(sortCodesAndLines(after.map((d) => [d.code, d.lnum])), expected.after);
    });
  }
});
