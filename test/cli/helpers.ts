import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { allRules } from '../../rules';
import type { Rule } from '../../server/src/engine/types';
import { run, type Io } from '../../server/src/cli/run';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'kafkalint.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process, as `kafkalint argv…` in `cwd`. */
export async function runCli(argv: string[], opts: { cwd: string; tty?: boolean; env?: Record<string, string | undefined> }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd: opts.cwd,
    env: opts.env ?? {},
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s) },
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

const tempDirs: string[] = [];
process.on('exit', () => {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A new empty folder, removed when the test process exits. */
export function tempDir(prefix = 'kafkalint-cli-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(d);
  return d;
}

/** Write files (relative path → content) under `dir`. */
export function writeTree(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/**
 * Rules owned by these tests, so exact-output assertions do not move when the real rules change.
 * They read keys no real rule reads (`demo.*`) and are registered only while a suite runs.
 */
export const testRules: Rule[] = [
  {
    meta: { id: 'cli-test-flag', checklist: 'TR', severity: 'warning', title: 'demo.flag is insecure', formats: ['properties', 'client-properties', 'librdkafka', 'zookeeper', 'log4j'], fix: 'safe' },
    check(doc, ctx) {
      const s = doc.settings.get('demo.flag');
      if (!s || s.value !== 'insecure') return;
      ctx.report({
        span: s.valueSpan,
        message: 'demo.flag is insecure.',
        fix: { title: 'Set demo.flag to secure and add demo.added', safety: 'safe', changes: [{ op: 'set', key: 'demo.flag', value: 'secure' }, { op: 'set', key: 'demo.added', value: 'yes', after: 'demo.flag' }] },
      });
    },
  },
  {
    meta: { id: 'cli-test-secret', checklist: 'ROT', severity: 'error', title: 'demo.password is in clear text', formats: ['properties', 'client-properties', 'librdkafka', 'zookeeper', 'log4j'] },
    check(doc, ctx) {
      const s = doc.settings.get('demo.password');
      if (!s || !s.value) return;
      ctx.report({ span: s.valueSpan, message: 'demo.password is written in clear text.' });
    },
  },
  {
    meta: { id: 'cli-test-note', checklist: 'AUD', severity: 'info', title: 'demo.note is set', formats: ['properties', 'client-properties', 'librdkafka', 'zookeeper', 'log4j'], fix: 'suggestion' },
    check(doc, ctx) {
      const s = doc.settings.get('demo.note');
      if (!s) return;
      ctx.report({ span: s.entrySpan, message: 'demo.note is set.', fix: { title: 'Remove demo.note', safety: 'suggestion', changes: [{ op: 'remove', key: 'demo.note' }] } });
    },
  },
];

/** Register the test rules for the current mocha suite. */
export function useTestRules(): void {
  before(() => {
    (allRules as Rule[]).push(...testRules);
  });
  after(() => {
    for (const r of testRules) {
      const i = (allRules as Rule[]).indexOf(r);
      if (i >= 0) (allRules as Rule[]).splice(i, 1);
    }
  });
}

/** `--rule <id>=off` for every rule not named: output then depends only on the named rules. */
export function onlyRules(...ids: string[]): string[] {
  return allRules.filter((r) => !ids.includes(r.meta.id)).flatMap((r) => ['--rule', `${r.meta.id}=off`]);
}

export const TEST_RULE_IDS = testRules.map((r) => r.meta.id);

/** Build the bundles with the project's own build script, so `bin/kafkalint.js` runs current sources. */
export async function buildCli(): Promise<void> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}
