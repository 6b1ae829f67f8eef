// The extension manifest (package.json) against the client code and the CLI it relies on.
// Plain mocha, no VS Code: runs with the rest of `npm test`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, PROBLEM_MATCHER, SECTION, TASK_TYPE } from '../../client/src/ids';
import { DEFAULT_FILE_PATTERNS, documentSelector, isRuleId, normalizePatterns, ruleIdFromArgument } from '../../client/src/selector';
import { formatCompact } from '../../server/src/cli/format/compact';
import { fileReport } from '../../server/src/cli/report';
import { lintText } from '../../server/src/engine/lint';
import { allRules } from '../../rules';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const settings = contributes.configuration.properties as Record<string, { default?: unknown; enum?: string[] }>;

describe('extension manifest', () => {
  it('contributes the settings the client and the server read', () => {
    for (const key of ['enable', 'rules', 'kafkaVersion', 'filePatterns', 'trace.server']) {
      assert.ok(settings[`${SECTION}.${key}`], `setting ${SECTION}.${key}`);
    }
    assert.deepEqual(settings['kafkalint.trace.server']!.enum, ['off', 'messages', 'verbose']);
    const severity = (settings['kafkalint.rules'] as { additionalProperties: { enum: string[] } }).additionalProperties.enum;
    assert.deepEqual(severity, ['error', 'warning', 'info', 'off']);
  });

  it('keeps the default file patterns in step with the client', () => {
    assert.deepEqual(settings['kafkalint.filePatterns']!.default, [...DEFAULT_FILE_PATTERNS]);
  });

  it('contributes every command the client registers, and no other', () => {
    const contributed = (contributes.commands as Array<{ command: string }>).map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
  });

  it('activates on properties files and on Kafka file names, never on every YAML file', () => {
    const events = pkg.activationEvents as string[];
    assert.ok(events.includes('onLanguage:properties'));
    assert.ok(events.some((e) => e.startsWith('workspaceContains:')));
    assert.ok(!events.includes('onLanguage:yaml') && !events.includes('*'));
  });

  it('declares untrusted-workspace support and no virtual-workspace support', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.capabilities.virtualWorkspaces, false);
  });

  it('points main at the bundled client', () => {
    assert.equal(pkg.main, './dist/client.js');
  });

  it('contributes the task type and the problem matcher the task uses', () => {
    assert.ok((contributes.taskDefinitions as Array<{ type: string }>).some((t) => t.type === TASK_TYPE));
    const names = (contributes.problemMatchers as Array<{ name: string }>).map((m) => `$${m.name}`);
    assert.ok(names.includes(PROBLEM_MATCHER));
  });
});

describe('problem matcher vs the CLI compact format', () => {
  const matcher = (contributes.problemMatchers as Array<{ name: string; owner: string; pattern: Record<string, string | number> }>).find(
    (m) => m.name === 'kafkalint',
  )!;
  const re = new RegExp(matcher.pattern.regexp as string);
  const group = (m: RegExpExecArray, key: string) => m[matcher.pattern[key] as number];

  it('reads every finding line the CLI writes', () => {
    const path = 'config/server.properties';
    const text = readFileSync(join(__dirname, 'fixture', 'server.properties'), 'utf8');
    const result = lintText(path, text);
    assert.ok(result.findings.length >= 2, 'the fixture has findings');
    const lines = formatCompact([fileReport(path, text, result, false)]).trimEnd().split('\n');
    const parsed = lines.map((l) => re.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    assert.deepEqual(
      parsed.map((m) => ({ file: group(m, 'file'), line: Number(group(m, 'line')), column: Number(group(m, 'column')), severity: group(m, 'severity'), code: group(m, 'code') })),
      result.findings.map((f) => ({ file: path, line: f.range.start.line + 1, column: f.range.start.character + 1, severity: f.severity, code: f.ruleId })),
    );
    for (const [i, m] of parsed.entries()) assert.equal(group(m, 'message'), result.findings[i]!.message);
  });

  it('keeps its markers apart from the language server diagnostics (own owner)', () => {
    assert.notEqual(matcher.owner, SECTION);
  });

  it('reads paths with spaces and parent folders', () => {
    const m = re.exec('../my configs/server.properties:12:3: warning plaintext-listener Listener PLAINTEXT uses PLAINTEXT.');
    assert.ok(m);
    assert.equal(group(m, 'file'), '../my configs/server.properties');
    assert.equal(group(m, 'code'), 'plaintext-listener');
  });
});

describe('document selector', () => {
  it('selects properties documents and the configured file patterns only', () => {
    const selector = documentSelector(DEFAULT_FILE_PATTERNS);
    assert.deepEqual(selector.slice(0, 2), [
      { scheme: 'file', language: 'properties' },
      { scheme: 'untitled', language: 'properties' },
    ]);
    assert.ok(selector.every((f) => f.language === undefined || f.language === 'properties'), 'no language filter but properties');
    assert.ok(selector.every((f) => f.scheme === 'file' || f.scheme === 'untitled'));
  });

  it('never selects every YAML file', () => {
    for (const p of DEFAULT_FILE_PATTERNS) {
      assert.ok(!/^\*\*\/\*\.(\{yml,yaml\}|ya?ml)$/.test(p), `${p} selects every YAML file`);
    }
  });

  it('cleans the user setting', () => {
    assert.deepEqual(normalizePatterns([' **/a.cfg ', '', 3, '**/a.cfg', '**/b.properties']), ['**/a.cfg', '**/b.properties']);
    assert.deepEqual(normalizePatterns('**/*.properties'), [...DEFAULT_FILE_PATTERNS]);
    assert.deepEqual(normalizePatterns([]), []);
  });
});

describe('show documentation', () => {
  it('takes the rule id in the shapes callers pass it', () => {
    assert.equal(ruleIdFromArgument('plaintext-listener'), 'plaintext-listener');
    assert.equal(ruleIdFromArgument(['no-authorizer']), 'no-authorizer');
    assert.equal(ruleIdFromArgument({ ruleId: 'no-authorizer' }), 'no-authorizer');
    assert.equal(ruleIdFromArgument({ code: { value: 'no-authorizer', target: 'https://x' } }), 'no-authorizer');
    assert.equal(ruleIdFromArgument(undefined), undefined);
    assert.equal(ruleIdFromArgument('../../etc/passwd'), undefined);
    assert.equal(ruleIdFromArgument('Plaintext Listener'), undefined);
  });

  it('finds a bundled page for every rule', () => {
    const pages = new Set(readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.md')));
    const missing = allRules.map((r) => r.meta.id).filter((id) => isRuleId(id) && !pages.has(`${id}.md`));
    assert.deepEqual(missing, [], 'rules without rules/<id>.md: "show documentation" would have nothing to open');
  });
});

describe('.vscodeignore', () => {
  const lines = readFileSync(join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('is an allow-list: everything excluded first', () => {
    assert.equal(lines[0], '**');
    assert.ok(lines.slice(1).every((l) => l.startsWith('!')), 'only re-includes after **');
  });

  it('re-includes the bundles, the rule pages and the manifest', () => {
    for (const f of ['!dist/client.js', '!dist/server.js', '!dist/cli.js', '!rules/*.md', '!package.json', '!LICENSE']) {
      assert.ok(lines.includes(f), f);
    }
    assert.ok(existsSync(join(root, 'LICENSE')));
  });
});
