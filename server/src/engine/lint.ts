import { readDocuments } from '../model/adapters';
import { parseDotEnv } from '../model/adapters/compose';
import { chartHintFromFiles } from '../model/adapters/helm';
import { parseVersion } from '../model/document';
import { splitPrefix } from '../model/prefixes';
import { MASK } from '../model/secrets';
import type { FileProblem, KafkaDocument } from '../model/types';
import { LineIndex, type Span } from '../parse/text';
import { parseJaasConfig } from '../parse/jaas';
import { allRules } from '../../../rules';
import { applyEdits, compatibleEdits } from './fix';
import { isSuppressed, readDirectives } from './suppress';
import type { Finding, LintOptions, LintResult, ResolvedFix, ResolvedLintOptions, Rule, Severity } from './types';

/** Files larger than this are not linted (a clear message instead of a slow editor). */
export const MAX_TEXT_LENGTH = 5 * 1024 * 1024;

const rulesById = new Map<string, Rule>(allRules.map((r) => [r.meta.id, r]));

export function getRule(id: string): Rule | undefined {
  return rulesById.get(id);
}

export function resolveOptions(options: LintOptions = {}): ResolvedLintOptions {
  const resolved: ResolvedLintOptions = { rules: options.rules ?? {}, allowSuppressions: options.allowSuppressions ?? true };
  if (options.kafkaVersion) {
    const v = parseVersion(options.kafkaVersion, 'option');
    if (v) resolved.kafkaVersion = v;
  }
  if (options.format) resolved.format = options.format;
  if (options.dotEnv !== undefined) resolved.variables = parseDotEnv(options.dotEnv);
  if (options.chartYaml !== undefined || options.chartLock !== undefined) {
    const chart = chartHintFromFiles(options.chartYaml, options.chartLock);
    if (chart) resolved.helmChart = chart;
  }
  return resolved;
}

/** Keys whose value the security rules read; a template there is worth saying once. */
const SECURITY_KEY = /^(listeners|advertised\.listeners|listener\.|security\.|ssl\.|sasl\.|authorizer\.class\.name|allow\.everyone\.if\.no\.acl\.found|super\.users|zookeeper\.(ssl\.|set\.acl|clientCnxnSocket)|connections\.max\.reauth\.ms|inter\.broker\.listener\.name|controller\.listener\.names|process\.roles)/;

function severityOf(rule: Rule, reported: Severity | undefined, options: ResolvedLintOptions): Severity | 'off' {
  const override = options.rules[rule.meta.id];
  if (override) return override;
  return reported ?? rule.meta.severity;
}

/** JAAS options that carry credentials (RULES.md §E.1); user names and paths are not secret. */
const SECRET_JAAS_OPTION = /^(password|user_.+|clientSecret|oauth\.client\.secret|.*(secret|password|passphrase|token).*)$/i;

/** Every value in the file that must never be printed: secret settings, JAAS option values. */
function collectSecrets(docs: readonly KafkaDocument[]): { values: string[]; spans: Span[] } {
  const values = new Set<string>();
  const spans: Span[] = [];
  for (const doc of docs) {
    for (const setting of doc.settings.values()) {
      for (const s of [setting, ...setting.shadowed]) {
        if (!s.secret) continue;
        spans.push(s.valueSpan);
        if (s.value.trim()) values.add(s.value);
        for (const mod of parseJaasConfig(s.value)) {
          for (const opt of mod.options) if (opt.value.length >= 3 && SECRET_JAAS_OPTION.test(opt.name)) values.add(opt.value);
        }
        for (const line of s.value.split(/\r?\n/)) if (line.trim().length >= 6) values.add(line.trim());
      }
    }
  }
  // A value that is also part of a key name (e.g. the word "password") is printed with that name by
  // design; masking it would only garble the name. Code frames still mask it by its span.
  const names = values.size ? docs.flatMap((d) => [...d.settings.values()].flatMap((s) => [s.key, s.origin])) : [];
  const shown = [...values].filter((v) => !names.some((n) => n.includes(v)));
  return { values: shown.sort((a, b) => b.length - a.length), spans };
}

/** Replace any secret value (or a long enough piece of one) in a message with the mask. */
export function maskText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 3) continue;
    out = out.split(s).join(MASK);
  }
  return out;
}

/** Lint one file's text. Pure: the caller reads and writes files. */
export function lintText(path: string, text: string, options: LintOptions = {}): LintResult {
  const resolved = resolveOptions(options);
  const lines = new LineIndex(text);
  const withRange = (p: FileProblem) => ({ ...p, code: p.code ?? 'not-understood', range: lines.rangeOf(p.span) });
  const empty = (skipped: string, problem?: FileProblem): LintResult => ({
    path,
    findings: [],
    problems: problem ? [withRange(problem)] : [],
    documents: [],
    secrets: [],
    secretSpans: [],
    skipped,
  });

  if (text.length > MAX_TEXT_LENGTH) {
    return empty('too large', { span: { start: 0, end: 0 }, severity: 'error', code: 'file-error', message: `File is larger than ${MAX_TEXT_LENGTH / 1024 / 1024} MiB; not linted.` });
  }
  if (text.includes('\u0000')) {
    return empty('binary', { span: { start: 0, end: 0 }, severity: 'error', code: 'file-error', message: 'File looks binary (it contains NUL characters); not linted.' });
  }

  const read = readDocuments(path, text, resolved);
  if (read.skipped) return { ...empty(read.skipped), problems: read.problems.map(withRange) };
  const documents = read.documents;
  const problems: FileProblem[] = [...read.problems];
  const secrets = collectSecrets(documents);

  const { directives, problems: directiveProblems } = resolved.allowSuppressions
    ? readDirectives(lines, (id) => rulesById.has(id))
    : { directives: [], problems: [] };
  problems.push(...directiveProblems);

  const findings: Finding[] = [];
  for (const doc of documents) {
    for (const setting of doc.settings.values()) {
      if (setting.state === 'unresolvable' && SECURITY_KEY.test(splitPrefix(setting.key).base)) {
        problems.push({ span: setting.valueSpan, severity: 'info', code: 'cannot-evaluate', message: `Cannot evaluate ${setting.key}: its value is a template or an unset variable, so the checks that read it were skipped.` });
      }
    }
    if (doc.role === 'unknown') continue;
    for (const rule of allRules) {
      if (!rule.meta.formats.includes(doc.format)) continue;
      if (resolved.rules[rule.meta.id] === 'off') continue;
      rule.check(doc, {
        options: resolved,
        report(report) {
          const severity = severityOf(rule, report.severity, resolved);
          if (severity === 'off') return;
          const range = lines.rangeOf(report.span);
          if (isSuppressed(directives, rule.meta.id, range.start.line)) return;
          const resolveFix = (intent: NonNullable<typeof report.fix>): ResolvedFix | undefined => {
            const edits = doc.writer.edits(intent.changes);
            if (!edits || edits.length === 0) return undefined;
            return { title: maskText(intent.title, secrets.values), safety: intent.safety, edits };
          };
          const fix = report.fix ? resolveFix(report.fix) : undefined;
          const suggestions = (report.suggestions ?? []).map(resolveFix).filter((f): f is ResolvedFix => !!f);
          const finding: Finding = {
            ruleId: rule.meta.id,
            severity,
            message: maskText(report.message, secrets.values),
            checklist: rule.meta.checklist,
            path,
            span: report.span,
            range,
            suggestions,
            related: (report.related ?? []).map((r) => ({ span: r.span, message: maskText(r.message, secrets.values) })),
          };
          if (fix) finding.fix = fix;
          findings.push(finding);
        },
      });
    }
  }

  findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId) || a.span.end - b.span.end);
  const dedup = findings.filter((f, i) => {
    const prev = findings[i - 1];
    return !prev || prev.ruleId !== f.ruleId || prev.span.start !== f.span.start || prev.span.end !== f.span.end || prev.message !== f.message;
  });
  // One note per place and message, even when several documents (Spring clients, node groups) share it.
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.span.start}:${p.span.end}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const sortedProblems = unique.map(withRange).sort((a, b) => a.span.start - b.span.start);
  return { path, findings: dedup, problems: sortedProblems, documents, secrets: secrets.values, secretSpans: secrets.spans };
}

/** Apply safe fixes until none applies (at most 10 passes, like ESLint). Returns the fixed text. */
export function fixText(path: string, text: string, options: LintOptions = {}, safety: 'safe' | 'suggestion' = 'safe'): { text: string; applied: number; result: LintResult } {
  let current = text;
  let applied = 0;
  let result = lintText(path, current, options);
  for (let pass = 0; pass < 10; pass++) {
    const edits = compatibleEdits(result.findings, safety);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    applied += edits.length;
    current = next;
    result = lintText(path, current, options);
  }
  return { text: current, applied, result };
}
