import { createHash } from 'node:crypto';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { maskText } from '../engine/lint';
import type { Finding, LintResult, Severity } from '../engine/types';
import type { Span } from '../parse/text';

/** Where rule pages are published; `<id>.md` is appended. One constant so every surface links alike. */
export const RULE_DOCS_BASE_URL = 'https://github.com/kafkalint/kafkalint/blob/main/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${encodeURIComponent(ruleId)}.md`;
}

export const SOURCE = 'kafkalint';
/** `code` of diagnostics about the file itself (unparsable escapes, bad directives, skipped checks). */
export const FILE_PROBLEM_CODE = 'kafkalint';

/** What a diagnostic carries so a code action can find its finding again in the current text. */
export interface DiagnosticData {
  ruleId: string;
  /** Document version the diagnostic was computed for. */
  version: number;
  span: Span;
  /** Identifies the finding across edits that move it: rule, message and ordinal (never file text). */
  fingerprint: string;
}

export function toLspSeverity(s: Severity): DiagnosticSeverity {
  return s === 'error' ? DiagnosticSeverity.Error : s === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

/**
 * Fingerprints for a result's findings, in order. Built from the rule id, the (already masked)
 * message and the finding's ordinal among identical ones — never from the spanned text, which may
 * be a secret (RULES.md §E.2).
 */
export function fingerprints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.ruleId}\u0000${f.message}`;
    const ordinal = seen.get(base) ?? 0;
    seen.set(base, ordinal + 1);
    return createHash('sha256').update(`${base}\u0000${ordinal}`).digest('hex').slice(0, 16);
  });
}

export interface PositionMapper {
  positionAt(offset: number): { line: number; character: number };
}

export function findingToDiagnostic(f: Finding, fingerprint: string, version: number, uri: string, text: PositionMapper, secrets: readonly string[]): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, version, span: { start: f.span.start, end: f.span.end }, fingerprint };
  const d: Diagnostic = {
    range: f.range,
    severity: toLspSeverity(f.severity),
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    source: SOURCE,
    message: maskText(f.message, secrets),
    data,
  };
  if (f.related.length) {
    d.relatedInformation = f.related.map(
      (r): DiagnosticRelatedInformation => ({
        location: { uri, range: { start: text.positionAt(r.span.start), end: text.positionAt(r.span.end) } },
        message: maskText(r.message, secrets),
      }),
    );
  }
  return d;
}

/** All diagnostics of a lint result: findings, then problems with the file itself. */
export function toDiagnostics(result: LintResult, version: number, uri: string, text: PositionMapper): Diagnostic[] {
  const prints = fingerprints(result.findings);
  const out = result.findings.map((f, i) => findingToDiagnostic(f, prints[i]!, version, uri, text, result.secrets));
  for (const p of result.problems) {
    out.push({
      range: p.range,
      severity: toLspSeverity(p.severity),
      code: p.code ?? FILE_PROBLEM_CODE,
      source: SOURCE,
      message: maskText(p.message, result.secrets),
    });
  }
  return out;
}

function isSpan(v: unknown): v is Span {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return Number.isInteger(s.start) && Number.isInteger(s.end) && (s.start as number) >= 0 && (s.end as number) >= (s.start as number);
}

/** The data of one of our diagnostics as echoed by a client, if it is well formed. */
export function readDiagnosticData(v: unknown): DiagnosticData | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const d = v as Record<string, unknown>;
  if (typeof d.ruleId !== 'string' || !Number.isInteger(d.version) || !isSpan(d.span) || typeof d.fingerprint !== 'string') return undefined;
  return { ruleId: d.ruleId, version: d.version as number, span: { start: d.span.start, end: d.span.end }, fingerprint: d.fingerprint };
}
