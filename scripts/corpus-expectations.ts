// Prints the findings kafkalint reports on every file of the shared corpus, in the format of
// test/corpus/expected-findings.txt. Review the difference before replacing that file:
//   npx tsx scripts/corpus-expectations.ts > test/corpus/expected-findings.txt
import { lintText } from '../server/src/engine/lint';
import { corpusFiles, readCorpusFile } from '../test/corpus/corpus';

export function corpusExpectations(): string {
  let out = '# Reviewed findings per corpus file: line:column severity rule-id (regenerate with scripts/corpus-expectations.ts)\n';
  for (const rel of corpusFiles()) {
    const result = lintText(rel, readCorpusFile(rel));
    out += `\n${rel}${result.skipped ? `  (not linted: ${result.skipped})` : ''}\n`;
    for (const f of result.findings) out += `  ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId}\n`;
  }
  return out;
}

if (require.main === module) process.stdout.write(corpusExpectations());
