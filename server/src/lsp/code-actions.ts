import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixText, maskText } from '../engine/lint';
import type { Finding, ResolvedFix } from '../engine/types';
import { compatibleEdits } from '../engine/fix';
import type { TextEdit } from '../model/types';
import { detectLineEnding } from '../parse/text';
import { findingToDiagnostic, readDiagnosticData, SOURCE } from './diagnostics';
import { lintOptionsOf, uriToPath, type Linted } from './documents';
import { minimalEdits } from './text-diff';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kafkalint`;
export const SHOW_DOCUMENTATION_COMMAND = 'kafkalint.showDocumentation';
/** What the disable comment says until the user writes the real reason. */
export const REASON_PLACEHOLDER = 'TODO: reason';

export interface ActionContext {
  doc: TextDocument;
  linted: Linted;
  /** The client applies `documentChanges` (versioned edits), else plain `changes`. */
  documentChanges: boolean;
}

/** Whether a requested kind filter (`only`) admits actions of `kind`. */
function admits(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** Fix-all only when asked for explicitly: `source`, `source.fixAll` or `source.fixAll.kafkalint`. */
function fixAllRequested(only: readonly string[] | undefined): boolean {
  return !!only && only.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(`${o}.`));
}

export function workspaceEdit(doc: TextDocument, edits: readonly TextEdit[], documentChanges: boolean): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = [...edits]
    .sort((a, b) => a.span.start - b.span.start)
    .map((e) => ({ range: { start: doc.positionAt(e.span.start), end: doc.positionAt(e.span.end) }, newText: e.newText }));
  if (documentChanges) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: lspEdits }] };
  return { changes: { [doc.uri]: lspEdits } };
}

/**
 * The finding a client's diagnostic stands for, looked up in the lint of the current text:
 * by rule and span when the diagnostic is from this version, by fingerprint when it is older,
 * by rule and line when the client dropped `data`. The echoed range's columns are never used
 * (Neovim 0.7 sends byte columns).
 */
export function matchFinding(diag: Diagnostic, linted: Linted): number | undefined {
  if (diag.source !== undefined && diag.source !== SOURCE) return undefined;
  const findings = linted.result.findings;
  const data = readDiagnosticData(diag.data);
  if (data) {
    if (data.version === linted.version) {
      const i = findings.findIndex((f) => f.ruleId === data.ruleId && f.span.start === data.span.start && f.span.end === data.span.end);
      if (i >= 0) return i;
    }
    const j = linted.fingerprints.indexOf(data.fingerprint);
    return j >= 0 && findings[j]!.ruleId === data.ruleId ? j : undefined;
  }
  if (typeof diag.code === 'string' && diag.range && Number.isInteger(diag.range.start?.line)) {
    const i = findings.findIndex((f) => f.ruleId === diag.code && f.range.start.line === diag.range.start.line);
    return i >= 0 ? i : undefined;
  }
  return undefined;
}

const DIRECTIVE_LINE = /^(\s*[#!]\s*kafkalint-disable-next-line\b)(.*)$/;

function isBlankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#') || t.startsWith('!');
}

/** The line (0-based) where the entry holding this finding starts, for multi-line (continued) entries. */
function entryStartLine(finding: Finding, linted: Linted, doc: TextDocument): number {
  for (const d of linted.result.documents) {
    for (const setting of d.settings.values()) {
      for (const s of [setting, ...setting.shadowed]) {
        if (s.entrySpan.start <= finding.span.start && finding.span.start < s.entrySpan.end) return doc.positionAt(s.entrySpan.start).line;
      }
    }
  }
  return finding.range.start.line;
}

/**
 * `# kafkalint-disable-next-line <id> -- TODO: reason` above the finding's line, with that line's
 * indentation; or `, <id>` appended to a next-line directive already governing the line.
 * Undefined when the line continues an entry (a comment cannot go there) or the rule is already listed.
 */
export function disableLineEdit(doc: TextDocument, finding: Finding, linted: Linted): TextEdit | undefined {
  const line = finding.range.start.line;
  if (entryStartLine(finding, linted, doc) !== line) return undefined;
  const lineText = (n: number) => doc.getText(doc.getLineRange(n));
  const lineStart = (n: number) => doc.offsetAt({ line: n, character: 0 });
  for (let above = line - 1; above >= 0; above--) {
    const text = lineText(above);
    if (!isBlankOrComment(text)) break;
    const m = DIRECTIVE_LINE.exec(text);
    if (!m) continue;
    const rest = m[2]!;
    const sep = rest.indexOf('--');
    const idsPart = sep >= 0 ? rest.slice(0, sep) : rest;
    const ids = idsPart
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const reason = sep >= 0 ? rest.slice(sep + 2).trim() : '';
    const idsEnd = lineStart(above) + m[1]!.length + idsPart.trimEnd().length;
    if (ids.includes(finding.ruleId)) {
      if (reason) return undefined;
      return { span: { start: idsEnd, end: lineStart(above) + text.length }, newText: ` -- ${REASON_PLACEHOLDER}` };
    }
    const addition = ids.length ? `, ${finding.ruleId}` : ` ${finding.ruleId}`;
    if (sep >= 0) return { span: { start: idsEnd, end: idsEnd }, newText: addition };
    return { span: { start: idsEnd, end: lineStart(above) + text.length }, newText: `${addition} -- ${REASON_PLACEHOLDER}` };
  }
  const indent = /^[ \t]*/.exec(lineText(line))![0];
  const eol = detectLineEnding(doc.getText());
  const offset = lineStart(line);
  return { span: { start: offset, end: offset }, newText: `${indent}# kafkalint-disable-next-line ${finding.ruleId} -- ${REASON_PLACEHOLDER}${eol}` };
}

function fixAction(ctx: ActionContext, fix: ResolvedFix, diagnostic: Diagnostic, preferred: boolean): CodeAction {
  const action: CodeAction = {
    title: maskText(fix.title, ctx.linted.result.secrets),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEdit(ctx.doc, fix.edits, ctx.documentChanges),
  };
  if (preferred) action.isPreferred = true;
  return action;
}

/**
 * Edits of all safe fixes of the current text, as a diff of the text `fixText` produces. If a
 * diff hunk would carry a secret (unchanged text between two fixes on one line), fall back to the
 * first pass's own edits, which only hold what the fixes write.
 */
export function fixAllEdits(ctx: ActionContext): TextEdit[] {
  const text = ctx.doc.getText();
  const fixed = fixText(uriToPath(ctx.doc.uri), text, lintOptionsOf(ctx.linted.settings, ctx.doc.uri), 'safe');
  if (fixed.applied === 0 || fixed.text === text) return [];
  const edits = minimalEdits(text, fixed.text);
  const secrets = [...ctx.linted.result.secrets, ...fixed.result.secrets];
  if (edits.some((e) => secrets.some((s) => s.length >= 3 && e.newText.includes(s)))) return compatibleEdits(ctx.linted.result.findings, 'safe');
  return edits;
}

export function codeActions(params: CodeActionParams, ctx: ActionContext): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const { linted } = ctx;
  const findings = linted.result.findings;

  if (admits(only, CodeActionKind.QuickFix)) {
    const targets: Array<{ index: number; diagnostic: Diagnostic }> = [];
    const seen = new Set<number>();
    for (const diag of params.context.diagnostics ?? []) {
      const i = matchFinding(diag, linted);
      if (i === undefined || seen.has(i)) continue;
      seen.add(i);
      targets.push({ index: i, diagnostic: diag });
    }
    if ((params.context.diagnostics ?? []).length === 0) {
      // A client that sends no diagnostics: act on the findings that start on the requested lines.
      findings.forEach((f, i) => {
        if (f.range.start.line >= params.range.start.line && f.range.start.line <= params.range.end.line) {
          targets.push({ index: i, diagnostic: findingToDiagnostic(f, linted.fingerprints[i]!, linted.version, ctx.doc.uri, ctx.doc, linted.result.secrets) });
        }
      });
    }
    const fixes: CodeAction[] = [];
    const disables: CodeAction[] = [];
    const docs: CodeAction[] = [];
    const disabled = new Set<string>();
    const documented = new Set<string>();
    for (const { index, diagnostic } of targets) {
      const f = findings[index]!;
      if (f.fix) fixes.push(fixAction(ctx, f.fix, diagnostic, f.fix.safety === 'safe'));
      for (const s of f.suggestions) fixes.push(fixAction(ctx, s, diagnostic, false));
      const lineKey = `${f.ruleId}@${f.range.start.line}`;
      if (!disabled.has(lineKey)) {
        disabled.add(lineKey);
        const edit = disableLineEdit(ctx.doc, f, linted);
        if (edit) {
          disables.push({
            title: `Disable ${f.ruleId} for this line`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: workspaceEdit(ctx.doc, [edit], ctx.documentChanges),
          });
        }
      }
      if (!documented.has(f.ruleId)) {
        documented.add(f.ruleId);
        const title = `Show documentation for ${f.ruleId}`;
        docs.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: SHOW_DOCUMENTATION_COMMAND, arguments: [f.ruleId] } });
      }
    }
    actions.push(...fixes, ...disables, ...docs);
  }

  if (fixAllRequested(only)) {
    const edits = fixAllEdits(ctx);
    if (edits.length) {
      actions.push({ title: 'Fix all safe kafkalint problems', kind: FIX_ALL_KIND, edit: workspaceEdit(ctx.doc, edits, ctx.documentChanges) });
    }
  }
  return actions;
}
