/** A piece of a hover or documentation line, rendered as Markdown or as plain text. */
export type Segment = string | { code: string } | { bold: string } | { link: string; url: string };
export type Line = Segment[];
/** Sections are separated by a rule in Markdown. */
export type Section = Line[];

/**
 * Escape what would change the rendering of plain words: emphasis, code, links, HTML. Underscores
 * inside words (`SASL_SSL`) cannot start emphasis in CommonMark and stay as they are, which keeps
 * the text readable in clients that show Markdown source (Neovim, Emacs).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*[\]<>]/g, (c) => `\\${c}`).replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9_]|$)/g, (m) => m.replace('_', '\\_'));
}

function inlineCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function renderSegment(s: Segment, markdown: boolean): string {
  if (typeof s === 'string') return markdown ? escapeMarkdown(s) : s;
  if ('code' in s) return markdown ? inlineCode(s.code) : s.code;
  if ('bold' in s) return markdown ? `**${escapeMarkdown(s.bold)}**` : s.bold;
  return markdown ? `[${escapeMarkdown(s.link)}](${s.url})` : `${s.link}: ${s.url}`;
}

export function render(sections: readonly Section[], markdown: boolean): string {
  const parts = sections
    .filter((s) => s.length > 0)
    .map((lines) => lines.map((l) => l.map((s) => renderSegment(s, markdown)).join('')).join(markdown ? '\n\n' : '\n'));
  return parts.join(markdown ? '\n\n---\n\n' : '\n\n');
}
