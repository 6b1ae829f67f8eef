import assert from 'node:assert/strict';
import { applyEdits } from '../server/src/engine/fix';
import { getRule, lintText } from '../server/src/engine/lint';
import type { Finding, LintOptions, Severity } from '../server/src/engine/types';

/** An expected finding: 1-based line and column like the CLI prints, end exclusive. */
export interface ExpectedFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  /** Optional: a fragment the message must contain (ids and keys, not prose). */
  messageIncludes?: string;
}

export interface ValidCase {
  name: string;
  text: string;
  path?: string;
  options?: LintOptions;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
  /** Text after applying each finding's primary fix in turn. Absent: the rule must offer no fix here. */
  output?: string;
  /** Texts after applying the first finding's alternative suggestions, in order. */
  suggestionOutputs?: string[];
  /** The safety class of the first finding's primary fix. */
  fixSafety?: 'safe' | 'suggestion';
  /** The fixed text is expected to still trigger the rule (say why in the case name). */
  stillFindsAfterFix?: boolean;
}

function ruleFindings(id: string, path: string, text: string, options?: LintOptions): Finding[] {
  return lintText(path, text, options).findings.filter((f) => f.ruleId === id);
}

function asExpected(f: Finding): ExpectedFinding {
  return {
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
  };
}

/** A table test for one rule: valid inputs report nothing; invalid inputs report exactly these findings and fix to exactly this text. */
export function ruleTester(id: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${id}`, () => {
    it('is registered', () => {
      assert.ok(getRule(id), `rule ${id} is not in rules/index.ts`);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const found = ruleFindings(id, c.path ?? 'server.properties', c.text, c.options);
        assert.deepEqual(found.map(asExpected), [], `expected no ${id} finding`);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const path = c.path ?? 'server.properties';
        const found = ruleFindings(id, path, c.text, c.options);
        assert.deepEqual(
          found.map(asExpected),
          c.findings.map(({ messageIncludes: _m, ...rest }) => rest),
        );
        c.findings.forEach((e, i) => {
          if (e.messageIncludes) assert.ok(found[i]!.message.includes(e.messageIncludes), `message "${found[i]!.message}" lacks "${e.messageIncludes}"`);
        });
        if (c.output === undefined) {
          assert.equal(found[0]?.fix, undefined, 'the rule offers a fix here, but the case has no expected output');
          return;
        }
        assert.ok(found[0]?.fix, 'expected a fix');
        if (c.fixSafety) assert.equal(found[0]!.fix!.safety, c.fixSafety);
        // Apply the primary fix of each finding in turn, re-linting in between.
        let text = c.text;
        for (let pass = 0; pass < 20; pass++) {
          const next = ruleFindings(id, path, text, c.options).find((f) => f.fix);
          if (!next) break;
          const fixed = applyEdits(text, next.fix!.edits);
          if (fixed === text) break;
          text = fixed;
          if (pass >= found.length - 1) break;
        }
        assert.equal(text, c.output);
        if (!c.stillFindsAfterFix) {
          assert.deepEqual(ruleFindings(id, path, text, c.options).map(asExpected), [], 'the fixed text still triggers the rule');
        }
        if (c.suggestionOutputs) {
          const alternatives = found[0]!.suggestions.map((s) => applyEdits(c.text, s.edits));
          assert.deepEqual(alternatives, c.suggestionOutputs);
        }
      });
    }
  });
}
