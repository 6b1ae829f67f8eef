/** What a real editor must show and write, computed with the engine itself. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { applyEdits } from '../../server/src/engine/fix';
import { lintText } from '../../server/src/engine/lint';

export const RULE = 'plaintext-listener';

/** Fails (never skips) when the client is missing: CI installs it with apt. */
export function requireProgram(program: string, args: string[], install: string): string {
  const r = spawnSync(program, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) assert.fail(`${program} is required by this suite and could not be run (${r.error?.message ?? `exit ${r.status}`}); install it with ${install}`);
  return r.stdout.split('\n')[0]!;
}

export type CodesAndLines = Array<[string, number]>;

/** [rule id, or "kafkalint" for a file problem; 0-based line] of everything the engine reports, sorted. */
export function codesAndLines(path: string, text: string): CodesAndLines {
  const r = lintText(path, text);
  return sortCodesAndLines([...r.findings.map((f): [string, number] => [f.ruleId, f.range.start.line]), ...r.problems.map((p): [string, number] => ['kafkalint', p.range.start.line])]);
}

export function sortCodesAndLines(list: CodesAndLines): CodesAndLines {
  return [...list].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
}

export interface Expected {
  before: CodesAndLines;
  fixTitle: string;
  fixedText: string;
  after: CodesAndLines;
}

/** Diagnostics before, the title and result of the RULE finding's fix, diagnostics after it. */
export function expectationsFor(path: string, text: string): Expected {
  const finding = lintText(path, text).findings.find((f) => f.ruleId === RULE);
  assert.ok(finding?.fix, `the engine offers a fix for ${RULE}`);
  const fixedText = applyEdits(text, finding.fix.edits);
  return { before: codesAndLines(path, text), fixTitle: finding.fix.title, fixedText, after: codesAndLines(path, fixedText) };
}
