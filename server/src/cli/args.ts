import type { Severity } from '../engine/types';

export type OutputFormat = 'pretty' | 'compact' | 'json' | 'sarif';
export type FailOn = Severity | 'never';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['pretty', 'compact', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];
const RULE_LEVELS = ['error', 'warning', 'info', 'off'] as const;

export type Command = { kind: 'lint' } | { kind: 'explain'; ruleId?: string } | { kind: 'rules' } | { kind: 'help' } | { kind: 'version' };

export interface CliOptions {
  command: Command;
  paths: string[];
  /** Undefined: pretty when stdout is a terminal, compact otherwise. */
  format?: OutputFormat;
  failOn: FailOn;
  /** Undefined: colour when stdout is a terminal and NO_COLOR is not set. */
  color?: boolean;
  fix: boolean;
  fixDryRun: boolean;
  kafkaVersion?: string;
  rules: Array<{ id: string; level: Severity | 'off' }>;
  inlineConfig: boolean;
  quiet: boolean;
  maxWarnings?: number;
}

/** A mistake on the command line: exit code 2 with this one-line message. */
export class UsageError extends Error {}

/** Options that take a value, with their short aliases. */
const VALUE_OPTIONS = new Map<string, string>([
  ['--format', '--format'],
  ['-f', '--format'],
  ['--fail-on', '--fail-on'],
  ['--kafka-version', '--kafka-version'],
  ['--rule', '--rule'],
  ['--max-warnings', '--max-warnings'],
]);

const FLAG_OPTIONS = new Set(['--fix', '--fix-dry-run', '--color', '--no-color', '--no-inline-config', '--quiet', '-q', '--help', '-h', '--version', '-v']);

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    command: { kind: 'lint' },
    paths: [],
    failOn: 'warning',
    fix: false,
    fixDryRun: false,
    rules: [],
    inlineConfig: true,
    quiet: false,
  };
  const positionals: string[] = [];
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const canonical = VALUE_OPTIONS.get(name);
    if (canonical) {
      let value: string | undefined;
      if (eq > 0) value = arg.slice(eq + 1);
      else {
        value = argv[i + 1];
        if (value === undefined) throw new UsageError(`${name} needs a value.`);
        i++;
      }
      applyValue(options, canonical, value);
      continue;
    }
    if (eq > 0 || !FLAG_OPTIONS.has(name)) throw new UsageError(`Unknown option ${name}.`);
    switch (name) {
      case '--fix':
        options.fix = true;
        break;
      case '--fix-dry-run':
        options.fixDryRun = true;
        break;
      case '--color':
        options.color = true;
        break;
      case '--no-color':
        options.color = false;
        break;
      case '--no-inline-config':
        options.inlineConfig = false;
        break;
      case '--quiet':
      case '-q':
        options.quiet = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      case '--version':
      case '-v':
        version = true;
        break;
    }
  }
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together.');

  if (help) options.command = { kind: 'help' };
  else if (version) options.command = { kind: 'version' };
  else if (positionals[0] === 'explain') {
    if (positionals.length > 2) throw new UsageError('explain takes one rule id.');
    options.command = positionals[1] === undefined ? { kind: 'explain' } : { kind: 'explain', ruleId: positionals[1] };
  } else if (positionals[0] === 'rules') {
    if (positionals.length > 1) throw new UsageError('rules takes no arguments.');
    options.command = { kind: 'rules' };
  } else {
    options.paths = positionals;
  }
  return options;
}

function applyValue(options: CliOptions, name: string, value: string): void {
  switch (name) {
    case '--format': {
      if (!(OUTPUT_FORMATS as readonly string[]).includes(value)) throw new UsageError(`Unknown format "${value}"; use one of ${OUTPUT_FORMATS.join(', ')}.`);
      options.format = value as OutputFormat;
      return;
    }
    case '--fail-on': {
      if (!(FAIL_ON as readonly string[]).includes(value)) throw new UsageError(`--fail-on takes one of ${FAIL_ON.join(', ')}, not "${value}".`);
      options.failOn = value as FailOn;
      return;
    }
    case '--kafka-version': {
      if (!/^\d+\.\d+(\.\d+)?$/.test(value)) throw new UsageError(`--kafka-version takes a version like 3.9 or 3.9.1, not "${value}".`);
      options.kafkaVersion = value;
      return;
    }
    case '--rule': {
      const m = /^([^=]+)=(.*)$/.exec(value);
      if (!m) throw new UsageError(`--rule takes <rule-id>=<${RULE_LEVELS.join('|')}>, not "${value}".`);
      const level = m[2]!.trim();
      if (!(RULE_LEVELS as readonly string[]).includes(level)) throw new UsageError(`--rule ${m[1]}: the level must be one of ${RULE_LEVELS.join(', ')}, not "${level}".`);
      options.rules.push({ id: m[1]!.trim(), level: level as Severity | 'off' });
      return;
    }
    case '--max-warnings': {
      if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number, not "${value}".`);
      options.maxWarnings = Number(value);
      return;
    }
  }
}

export const HELP_TEXT = `Usage: kafkalint [options] [paths or globs...]
       kafkalint explain <rule-id>
       kafkalint rules

Finds insecure Apache Kafka settings in broker, client, ZooKeeper and log4j
configuration files, explains each finding against the Kafka security
checklist, and fixes what is safe to fix.

Paths: files are linted whatever their name; directories are searched
recursively for Kafka configuration files (recognised by name and content;
node_modules, .git, dist and hidden folders are skipped, symbolic links to
folders are not followed); quote globs such as 'config/**/*.properties'.
With no path, the current folder is searched.

Options:
  -f, --format <name>        pretty | compact | json | sarif
                             (default: pretty on a terminal, compact otherwise)
      --fail-on <level>      error | warning | info | never: the lowest
                             severity that makes the run fail (default: warning)
      --max-warnings <n>     also fail when there are more than n warnings
  -q, --quiet                report errors only; warnings and info findings
                             are neither shown nor counted
      --rule <id>=<level>    set a rule's severity: error | warning | info | off
                             (repeatable)
      --kafka-version <x.y>  Kafka version to assume when a file does not tell
      --no-inline-config     ignore kafkalint-disable comments (for CI)
      --fix                  apply safe fixes to the files, then report what
                             remains
      --fix-dry-run          print the safe fixes as a unified diff; change
                             nothing
      --color, --no-color    force colours on or off (default: on for a
                             terminal, off when NO_COLOR is set)
  -h, --help                 show this help
  -v, --version              show the version

Commands:
  explain <rule-id>          print a rule's documentation page
  rules                      list every rule with its checklist section,
                             default severity and fix kind
  (to lint a folder named "explain" or "rules", write ./rules)

Output: lines and columns are 1-based; columns count UTF-16 code units.
Secret values (passwords, JAAS credentials, private keys) are never printed:
they are shown as ********.

Exit codes:
  0  no finding at or above the --fail-on level
  1  findings at or above the --fail-on level, unreadable or binary files,
     or more warnings than --max-warnings
  2  usage error, unknown rule, a path that does not exist, or an internal
     error (set KAFKALINT_DEBUG=1 for details)
`;
