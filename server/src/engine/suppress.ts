import type { LineIndex } from '../parse/text';
import type { FileProblem } from '../model/types';

export interface Directive {
  kind: 'next-line' | 'file';
  ruleIds: string[];
  /** 0-based line the directive applies to (next-line), or -1 for the whole file. */
  targetLine: number;
  line: number;
}

const DIRECTIVE = /(?:^|\s)[#!]\s*kafkalint-disable-(next-line|file)\b(.*)$/;

/**
 * Read `# kafkalint-disable-next-line <id>[, <id>] -- <reason>` and `# kafkalint-disable-file <id> -- <reason>`
 * comments. A directive without a reason or naming an unknown rule is reported and not honoured.
 */
export function readDirectives(lines: LineIndex, knownRule: (id: string) => boolean): { directives: Directive[]; problems: FileProblem[] } {
  const directives: Directive[] = [];
  const problems: FileProblem[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (!text.includes('kafkalint-disable')) continue;
    const m = DIRECTIVE.exec(text);
    if (!m) continue;
    const kind = m[1] as 'next-line' | 'file';
    const start = lines.lineStarts[line]! + (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    const span = { start, end: lines.lineStarts[line]! + text.length };
    const rest = m[2]!;
    const sep = rest.indexOf('--');
    const idsText = sep >= 0 ? rest.slice(0, sep) : rest;
    const reason = sep >= 0 ? rest.slice(sep + 2).trim() : '';
    const ids = idsText
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length === 0) {
      problems.push({ span, severity: 'warning', code: 'invalid-suppression', message: `kafkalint-disable-${kind} must name the rules it disables, e.g. "# kafkalint-disable-${kind} plaintext-listener -- <reason>".` });
      continue;
    }
    if (!reason) {
      problems.push({ span, severity: 'warning', code: 'invalid-suppression', message: `kafkalint-disable-${kind} needs a reason after " -- "; the directive is ignored until it has one.` });
      continue;
    }
    const unknown = ids.filter((id) => !knownRule(id));
    if (unknown.length) {
      problems.push({ span, severity: 'warning', code: 'invalid-suppression', message: `kafkalint-disable-${kind} names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}.` });
    }
    const known = ids.filter((id) => knownRule(id));
    if (!known.length) continue;
    let target = -1;
    if (kind === 'next-line') {
      target = line + 1;
      while (target < lines.lineCount && isBlankOrComment(lines.lineText(target))) target++;
    }
    directives.push({ kind, ruleIds: known, targetLine: target, line });
  }
  return { directives, problems };
}

function isBlankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#') || t.startsWith('!');
}

export function isSuppressed(directives: readonly Directive[], ruleId: string, line: number): boolean {
  return directives.some((d) => d.ruleIds.includes(ruleId) && (d.kind === 'file' || d.targetLine === line));
}
