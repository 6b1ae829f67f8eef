// What the engine itself says about a file, for the end-to-end test to compare the editor against:
// for each finding of one rule, its position and the exact text of the file after each of its fixes
// (the CLI's JSON output names fixes but never carries edit text).
//
//   tsx e2e/expected-fixes.ts <file> <rule-id>   → JSON on stdout
import { readFileSync } from 'node:fs';
import { applyEdits } from '../server/src/engine/fix';
import { lintText } from '../server/src/engine/lint';

const [file, ruleId] = process.argv.slice(2);
if (!file || !ruleId) {
  process.stderr.write('usage: expected-fixes.ts <file> <rule-id>\n');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const result = lintText(file, text, {});
const findings = result.findings
  .filter((f) => f.ruleId === ruleId)
  .map((f) => ({
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    fixes: [...(f.fix ? [f.fix] : []), ...f.suggestions].map((fix) => ({
      title: fix.title,
      safety: fix.safety,
      text: applyEdits(text, fix.edits),
    })),
  }));
process.stdout.write(JSON.stringify(findings));
