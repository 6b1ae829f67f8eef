import { lintText, fixText, maskText, resolveOptions } from '../engine/lint';
import type { LintOptions, LintResult, ResolvedLintOptions, Severity } from '../engine/types';
import { withSiblingFiles } from '../io/siblings';
import { isKafkaConfig } from '../model/adapters';
import { HELP_TEXT, parseArgs, UsageError, type CliOptions, type OutputFormat } from './args';
import { unifiedDiff } from './diff';
import { discover, displayPath, type Target } from './discover';
import { findRule, rulePage, rulesJson, rulesTable, sortedRules, TOOL_NAME, TOOL_VERSION } from './explain';
import { encode, readConfigFile, writeFileAtomic, type ReadOutcome } from './files';
import { colors } from './format/color';
import { formatCompact } from './format/compact';
import { formatJson } from './format/json';
import { formatPretty } from './format/pretty';
import { formatSarif } from './format/sarif';
import { compareStrings, fileReport, problemReport, SEVERITY_RANK, totals, type FileReport, type Totals } from './report';

/** What the CLI touches of its process; tests pass their own. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Run the command line; returns the exit code. Never throws. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  // Secrets seen so far, so even an internal error message cannot print one.
  const seenSecrets: string[] = [];
  try {
    return runUnsafe(argv, io, seenSecrets);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`${TOOL_NAME}: error: ${e.message} Run "kafkalint --help" for usage.\n`);
      return EXIT_ERROR;
    }
    const where = e instanceof FileError ? ` while linting ${e.path}` : '';
    const err = (e instanceof FileError ? e.cause : e) as Error;
    if (io.env.KAFKALINT_DEBUG) {
      // Best effort: the file being linted may hold secrets the engine had not reported yet.
      io.stderr.write(maskText(`${TOOL_NAME}: internal error${where}: ${err?.stack ?? String(err)}`, seenSecrets) + '\n');
    } else {
      // The message is withheld: it may quote the file, and the file's secrets are not known yet.
      io.stderr.write(`${TOOL_NAME}: internal error${where} (set KAFKALINT_DEBUG=1 for the details)\n`);
    }
    return EXIT_ERROR;
  }
}

/** An unexpected error while linting one file. */
class FileError extends Error {
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`internal error while linting ${path}`);
  }
}

function runUnsafe(argv: readonly string[], io: Io, seenSecrets: string[]): number {
  const options = parseArgs(argv);
  switch (options.command.kind) {
    case 'help':
      io.stdout.write(HELP_TEXT);
      return EXIT_OK;
    case 'version':
      io.stdout.write(`${TOOL_NAME} ${TOOL_VERSION}\n`);
      return EXIT_OK;
    case 'rules':
      io.stdout.write(options.format === 'json' ? rulesJson() : rulesTable());
      return EXIT_OK;
    case 'explain':
      return explain(options.command.ruleId, io);
    case 'lint':
      return lint(options, io, seenSecrets);
  }
}

function knownIds(): string {
  return sortedRules()
    .map((r) => r.meta.id)
    .join(', ');
}

function explain(ruleId: string | undefined, io: Io): number {
  if (!ruleId) throw new UsageError(`explain needs a rule id; known rules: ${knownIds()}.`);
  if (!findRule(ruleId)) {
    io.stderr.write(`${TOOL_NAME}: error: unknown rule "${ruleId}". Known rules: ${knownIds()}.\n`);
    return EXIT_ERROR;
  }
  const page = rulePage(ruleId);
  if (!page) {
    io.stderr.write(`${TOOL_NAME}: error: the documentation page of ${ruleId} is not installed (rules/${ruleId}.md).\n`);
    return EXIT_ERROR;
  }
  io.stdout.write(page.endsWith('\n') ? page : page + '\n');
  return EXIT_OK;
}

function lintOptionsFrom(options: CliOptions): LintOptions {
  const lintOptions: LintOptions = { allowSuppressions: options.inlineConfig };
  if (options.kafkaVersion) lintOptions.kafkaVersion = options.kafkaVersion;
  if (options.rules.length) lintOptions.rules = Object.fromEntries(options.rules.map((r) => [r.id, r.level]));
  return lintOptions;
}

function lint(options: CliOptions, io: Io, seenSecrets: string[]): number {
  for (const r of options.rules) {
    if (!findRule(r.id)) throw new UsageError(`--rule names unknown rule "${r.id}"; known rules: ${knownIds()}.`);
  }
  const isTTY = !!io.stdout.isTTY;
  const format: OutputFormat = options.format ?? (isTTY ? 'pretty' : 'compact');
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  const c = colors(options.color ?? (isTTY && !noColor));

  const { targets, missing } = discover(options.paths, io.cwd);
  const linter = new FileLinter(options, seenSecrets);
  for (const target of targets) linter.lint(target, displayPath(io.cwd, target.file));
  const reports = linter.reports.sort((a, b) => compareStrings(a.path, b.path));

  // stderr: paths that name nothing, files that could not be linted, explicit files not linted.
  let err = '';
  for (const m of missing) err += `${m.arg}: error: ${m.message}\n`;
  for (const r of reports) {
    for (const p of r.problems) if (!p.place) err += `${r.path}: ${p.severity}: ${p.message}\n`;
    if (r.skipped && !options.quiet) err += `${r.path}: note: not linted: ${r.skipped}\n`;
  }
  if (err) io.stderr.write(err);

  // What --fix did (or --fix-dry-run would do) goes before the report, or to stderr beside JSON/SARIF.
  let fixes = '';
  for (const r of reports) {
    if (!r.fixed.length) continue;
    fixes += `${r.path}: ${options.fixDryRun ? 'would fix' : 'fixed'} ${plural(r.fixed.length, 'finding')}: ${r.fixed.join('; ')}\n`;
  }
  for (const r of reports) fixes += linter.diffs.get(r.path) ?? '';
  if (fixes) (format === 'json' || format === 'sarif' ? io.stderr : io.stdout).write(fixes);

  const linted = reports.filter((r) => !r.skipped);
  switch (format) {
    case 'pretty':
      io.stdout.write(formatPretty(linted, c));
      break;
    case 'compact':
      io.stdout.write(formatCompact(linted));
      break;
    case 'json':
      io.stdout.write(formatJson(reports));
      break;
    case 'sarif':
      io.stdout.write(formatSarif(linted, io.cwd));
      break;
  }
  return exitCode(options, totals(linted), missing.length > 0, io);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function exitCode(options: CliOptions, t: Totals, missing: boolean, io: Io): number {
  if (missing) return EXIT_ERROR;
  if (options.failOn !== 'never') {
    const threshold = SEVERITY_RANK[options.failOn as Severity];
    if ((['error', 'warning', 'info'] as const).some((s) => SEVERITY_RANK[s] >= threshold && t[s] > 0)) return EXIT_FINDINGS;
  }
  if (options.maxWarnings !== undefined && !options.quiet && t.warning > options.maxWarnings) {
    io.stderr.write(`${TOOL_NAME}: ${plural(t.warning, 'warning')}, more than --max-warnings ${options.maxWarnings} allows.\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/** File names that only Kafka, ZooKeeper or a Kafka deployment use. */
const KAFKA_CONFIG_NAME = /(^|[\\/])(server|broker|controller|producer|consumer|kraft|connect-[\w-]+|zookeeper)\.properties$|(^|[\\/])zoo\.cfg$/i;

/** Reads, lints and (with --fix) rewrites files one by one, collecting a report per file. */
class FileLinter {
  readonly reports: FileReport[] = [];
  /** --fix-dry-run: the diff of each file, by display path. */
  readonly diffs = new Map<string, string>();
  private readonly lintOptions: LintOptions;
  private readonly resolved: ResolvedLintOptions;

  constructor(
    private readonly options: CliOptions,
    /** Every secret met so far, to mask an internal error report. */
    private readonly seenSecrets: string[],
  ) {
    this.lintOptions = lintOptionsFrom(options);
    this.resolved = resolveOptions(this.lintOptions);
  }

  private optionsFor(file: string): LintOptions {
    return withSiblingFiles(file, this.lintOptions);
  }

  lint(target: Target, shown: string): void {
    const read = readConfigFile(target.file);
    if (!read.ok) {
      // Files met while searching a folder are only candidates: one we cannot read is reported only
      // when its name says it is a Kafka configuration (a binary server.properties must not pass).
      if (target.explicit || KAFKA_CONFIG_NAME.test(target.file)) this.reports.push(problemReport(shown, read.message));
      return;
    }
    try {
      this.lintText(target, shown, read);
    } catch (e) {
      throw new FileError(shown, e);
    }
  }

  private lintText(target: Target, shown: string, read: Extract<ReadOutcome, { ok: true }>): void {
    const options = this.optionsFor(target.file);
    if (!target.explicit && !isKafkaConfig(shown, read.text, options === this.lintOptions ? this.resolved : resolveOptions(options))) return;
    let text = read.text;
    let result: LintResult = lintText(shown, text, options);
    this.seenSecrets.push(...result.secrets);
    let fixedTitles: string[] = [];
    const fixing = this.options.fix || this.options.fixDryRun;
    if (fixing && result.findings.some((f) => f.fix?.safety === 'safe')) {
      const fixed = fixText(shown, text, options);
      this.seenSecrets.push(...fixed.result.secrets);
      if (fixed.text !== text) {
        const secrets = [...new Set([...result.secrets, ...fixed.result.secrets])].sort((a, b) => b.length - a.length);
        // A safe fix counts as applied when its finding is gone from the fixed text.
        const remaining = new Set(fixed.result.findings.map((f) => `${f.ruleId}\u0000${f.message}`));
        fixedTitles = result.findings
          .filter((f) => f.fix?.safety === 'safe' && !remaining.has(`${f.ruleId}\u0000${f.message}`))
          .map((f) => `${f.ruleId}: ${maskText(f.fix!.title, secrets)}`);
        if (this.options.fixDryRun) {
          // Nothing is written: the report is about the file as it is.
          const before = { text, secretSpans: result.secretSpans };
          const after = { text: fixed.text, secretSpans: fixed.result.secretSpans };
          this.diffs.set(shown, unifiedDiff(shown, before, after, secrets));
        } else {
          try {
            writeFileAtomic(target.file, encode(fixed.text, read.encoding));
          } catch (e) {
            const err = e as NodeJS.ErrnoException;
            this.reports.push(problemReport(shown, `cannot write the fixes (${err.code ?? err.message}); the file is unchanged`));
            return;
          }
          text = fixed.text;
          result = fixed.result;
        }
      }
    }
    const report = fileReport(shown, text, result, this.options.quiet);
    report.fixed = fixedTitles;
    this.reports.push(report);
  }
}
