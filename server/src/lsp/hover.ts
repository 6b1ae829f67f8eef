import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { maskText } from '../engine/lint';
import { CHECKLIST_SECTIONS, type Finding, type ResolvedFix } from '../engine/types';
import { LIBRDKAFKA_CATALOG_VERSION } from '../model/catalog/index';
import type { KafkaDocument, Setting } from '../model/types';
import type { Span } from '../parse/text';
import { ruleDocsUrl } from './diagnostics';
import type { Linted } from './documents';
import { catalogVersionOf, checklistSectionsOf, keyFacts, type KeyFacts } from './key-info';
import { render, type Line, type Section, type Segment } from './markup';

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Information' } as const;

function contains(span: Span, offset: number): boolean {
  return span.start === span.end ? offset === span.start : span.start <= offset && offset < span.end;
}

function fixLine(fix: ResolvedFix, secrets: readonly string[]): Line {
  return [fix.safety === 'safe' ? 'Fix (safe): ' : 'Suggested fix: ', maskText(fix.title, secrets)];
}

function findingSection(f: Finding, secrets: readonly string[], docsLink: (ruleId: string) => string): Section {
  const lines: Section = [
    [{ bold: `kafkalint ${SEVERITY_LABEL[f.severity]}` }, ' ', { code: f.ruleId }],
    [maskText(f.message, secrets)],
    ['Checklist: ', `${CHECKLIST_SECTIONS[f.checklist]} (${f.checklist})`],
  ];
  if (f.fix) lines.push(fixLine(f.fix, secrets));
  for (const s of f.suggestions) lines.push(fixLine(s, secrets));
  lines.push([{ link: `Documentation for ${f.ruleId}`, url: docsLink(f.ruleId) }]);
  return lines;
}

function defaultSegment(value: string | null): Segment {
  if (value === null) return 'no default';
  if (value === '') return 'empty';
  return { code: value };
}

function kafkaFactsSection(key: string, facts: Extract<KeyFacts, { kind: 'kafka' }>, doc: KafkaDocument, setting: Setting): Section {
  const e = facts.entry;
  const isPassword = e.type === 'password' || setting.secret;
  const versionNote = doc.version ? `Kafka ${doc.version.major}.${doc.version.minor}` : `Kafka ${e.version}, version not detected`;
  const lines: Section = [[{ code: key }, ` (${e.component} configuration, ${versionNote})`]];
  if (facts.prefix) lines.push(['Prefix ', { code: facts.prefix }, ' applied to ', { code: facts.base }]);
  const typeLine: Line = ['Type: ', e.type];
  if (!isPassword) {
    typeLine.push(` · Default (Kafka ${e.version}): `, defaultSegment(e.default));
    if (facts.other && facts.other.default !== e.default) typeLine.push(` · Kafka ${facts.other.version}: `, defaultSegment(facts.other.default));
  }
  lines.push(typeLine);
  if (e.enumValues?.length) lines.push(['Valid values: ', e.enumValues.join(', ')]);
  if (e.range && (e.range.min !== undefined || e.range.max !== undefined)) {
    lines.push(['Range: ', `${e.range.min ?? '…'} to ${e.range.max ?? '…'}`, e.range.alsoAllowed?.length ? ` (also ${e.range.alsoAllowed.join(', ')})` : '']);
  }
  const meta: string[] = [];
  if (e.updateMode) meta.push(`Update mode: ${e.updateMode}`);
  if (e.importance) meta.push(`Importance: ${e.importance}`);
  if (meta.length) lines.push([meta.join(' · ')]);
  if (e.removedIn) lines.push([{ bold: `Removed in Kafka ${e.removedIn}` }, doc.version && doc.version.major >= 4 ? ': this Kafka version no longer reads it.' : '.']);
  else {
    const wanted = catalogVersionOf(doc);
    if (!e.versions.includes(wanted) && !e.assumedIn?.includes(wanted)) lines.push([`Not in Kafka ${wanted}; present in Kafka ${e.versions.join(', ')}.`]);
  }
  if (e.deprecated) lines.push([{ bold: 'Deprecated.' }]);
  return lines;
}

function librdkafkaFactsSection(key: string, facts: Extract<KeyFacts, { kind: 'librdkafka' }>, setting: Setting): Section {
  const e = facts.entry;
  const lines: Section = [[{ code: key }, ` (librdkafka ${e.level} property, ${e.scope === 'both' ? 'producer and consumer' : e.scope}; librdkafka ${LIBRDKAFKA_CATALOG_VERSION})`]];
  const typeLine: Line = ['Type: ', e.type];
  if (!setting.secret) typeLine.push(' · Default: ', defaultSegment(e.default));
  lines.push(typeLine);
  if (e.enumValues?.length) lines.push([e.type === 'csv-flags' ? 'Flags: ' : 'Valid values: ', e.enumValues.join(', ')]);
  if (e.range && (e.range.min !== undefined || e.range.max !== undefined)) lines.push(['Range: ', `${e.range.min ?? '…'} to ${e.range.max ?? '…'}`]);
  if (e.aliasOf) lines.push(['Alias of ', { code: e.aliasOf }]);
  if (e.deprecated) lines.push([{ bold: 'Deprecated.' }]);
  return lines;
}

/** The settings (winning and shadowed) whose key is under the offset. */
function settingAt(linted: Linted, offset: number): { doc: KafkaDocument; setting: Setting } | undefined {
  for (const doc of linted.result.documents) {
    for (const winner of doc.settings.values()) {
      for (const s of [winner, ...winner.shadowed]) if (contains(s.keySpan, offset)) return { doc, setting: s };
    }
  }
  return undefined;
}

function keySection(doc: KafkaDocument, setting: Setting): Section | undefined {
  const facts = keyFacts(setting.key, doc);
  let lines: Section = [];
  if (facts?.kind === 'kafka') lines = kafkaFactsSection(setting.key, facts, doc, setting);
  else if (facts?.kind === 'librdkafka') lines = librdkafkaFactsSection(setting.key, facts, setting);
  const base = facts?.base ?? setting.key;
  const tags = checklistSectionsOf(base);
  if (!facts && tags.length === 0 && !setting.secret) return undefined;
  if (!facts) lines.push([{ code: setting.key }]);
  // Env vars, chart values and CR fields stand for a Kafka key: say which one the hover is about.
  if (setting.origin && setting.origin !== setting.key) lines.splice(1, 0, ['Set through ', { code: setting.origin }]);
  if (tags.length) lines.push(['Security checklist: ', tags.map((t) => `${CHECKLIST_SECTIONS[t]} (${t})`).join('; ')]);
  if (setting.secret) lines.push(['Holds a secret: kafkalint never shows its value.']);
  return lines;
}

export interface HoverOptions {
  markdown: boolean;
  /** The link to a rule's page: its web address, or a command URI when the client shows pages itself. */
  docsLink?: (ruleId: string) => string;
}

/** Hover at an offset: the findings there, then what the catalog knows of the key there. */
export function hoverAt(textDoc: TextDocument, linted: Linted, offset: number, options: HoverOptions): Hover | null {
  const { markdown } = options;
  const docsLink = options.docsLink ?? ruleDocsUrl;
  const secrets = linted.result.secrets;
  const sections: Section[] = [];
  let range: Span | undefined;
  // The most specific finding first: a listener inside a line before the whole line.
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const here = linted.result.findings
    .filter((f) => contains(f.span, offset))
    .sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start) || rank[a.severity] - rank[b.severity]);
  for (const f of here) sections.push(findingSection(f, secrets, docsLink));
  if (here.length) range = here[0]!.span;
  const at = settingAt(linted, offset);
  if (at) {
    const section = keySection(at.doc, at.setting);
    if (section) {
      sections.push(section);
      range ??= at.setting.keySpan;
    }
  }
  if (sections.length === 0 || !range) return null;
  // Every piece comes from the catalog, rule metadata or masked messages; mask once more as a guard.
  const value = maskText(render(sections, markdown), secrets);
  return {
    contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value },
    range: { start: textDoc.positionAt(range.start), end: textDoc.positionAt(range.end) },
  };
}
