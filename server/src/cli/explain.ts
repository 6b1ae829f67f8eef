import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../../rules';
import { CHECKLIST_SECTIONS, type Rule } from '../engine/types';
import pkg from '../../../package.json';

export const TOOL_NAME = 'kafkalint';
export const TOOL_VERSION: string = pkg.version;
/** The project's home page, from package.json `repository.url`. */
export const INFORMATION_URI: string = (pkg.repository?.url ?? 'https://github.com/kafkalint/kafkalint').replace(/^git\+/, '').replace(/\.git$/, '');

/** Rules sorted by id: the order of every list and of SARIF `rules[]`. */
export function sortedRules(): Rule[] {
  return [...allRules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
}

export function findRule(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}

export function helpUri(id: string): string {
  return `${INFORMATION_URI}/blob/main/rules/${encodeURIComponent(id)}.md`;
}

/**
 * The folder holding the rule pages: next to the bundle (`dist/cli.js` → `rules/`), or the
 * repository's `rules/` when running from the TypeScript sources.
 */
export function rulesDir(): string | undefined {
  const candidates = [path.join(__dirname, '..', 'rules'), path.join(__dirname, '..', '..', '..', 'rules')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'plaintext-listener.md')) || hasMarkdown(dir));
}

function hasMarkdown(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((f) => f.endsWith('.md'));
  } catch {
    return false;
  }
}

/** The Markdown page of a rule, or undefined when it is not installed. */
export function rulePage(id: string): string | undefined {
  const dir = rulesDir();
  if (!dir || !/^[a-z0-9-]+$/.test(id)) return undefined;
  try {
    return fs.readFileSync(path.join(dir, `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

/** The body of one `## Heading` section of a rule page, trimmed. */
export function pageSection(page: string, heading: string): string | undefined {
  const lines = page.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim().toLowerCase() === `## ${heading.toLowerCase()}`);
  if (start < 0) return undefined;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (/^#{1,2}\s/.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  const body = lines.slice(start + 1, end).join('\n').trim();
  return body || undefined;
}

export function checklistLabel(rule: Rule): string {
  return `${CHECKLIST_SECTIONS[rule.meta.checklist]} (${rule.meta.checklist})`;
}

/** `kafkalint rules`: one line per rule. */
export function rulesTable(): string {
  const rows = sortedRules().map((r) => [r.meta.id, r.meta.checklist, r.meta.severity, r.meta.fix ?? '-', r.meta.title]);
  const header = ['RULE', 'CHECKLIST', 'SEVERITY', 'FIX', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export function rulesJson(): string {
  const list = sortedRules().map((r) => ({
    id: r.meta.id,
    checklist: r.meta.checklist,
    checklistSection: CHECKLIST_SECTIONS[r.meta.checklist],
    severity: r.meta.severity,
    fix: r.meta.fix ?? null,
    title: r.meta.title,
    helpUri: helpUri(r.meta.id),
  }));
  return JSON.stringify(list, null, 2) + '\n';
}
