import { CompletionItemKind, CompletionItemTag, MarkupKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CHECKLIST_SECTIONS } from '../engine/types';
import { kafkaKeysFor, librdkafkaKeys } from '../model/catalog/index';
import type { FormatTag, KafkaDocument } from '../model/types';
import type { Linted } from './documents';
import { catalogVersionOf, checklistSectionsOf, isListValued, keyFacts, keyFamilyOf, valueCandidates } from './key-info';

/** Formats written in `.properties` syntax, where line-based completion applies. */
const PROPERTIES_FORMATS: ReadonlySet<FormatTag> = new Set<FormatTag>(['properties', 'client-properties', 'librdkafka', 'zookeeper', 'log4j']);

/** One line explaining what a value of a security key means (case-insensitive). */
const VALUE_HINTS: Record<string, Record<string, string>> = {
  'security.protocol': {
    sasl_ssl: 'TLS encryption and SASL authentication',
    ssl: 'TLS encryption (authentication only with client certificates)',
    sasl_plaintext: 'SASL authentication without encryption',
    plaintext: 'neither encrypted nor authenticated',
  },
  'ssl.client.auth': {
    required: 'clients must present a trusted certificate',
    requested: 'a certificate is asked for but not required',
    none: 'no client certificate is asked for',
  },
};

const IMPORTANCE_ORDER: Record<string, string> = { high: '0', medium: '1', low: '2' };

interface LineShape {
  /** Offsets within the line. */
  keyStart: number;
  keyEnd: number;
  /** Where the value starts, or undefined when the line has no separator yet. */
  valueStart?: number;
}

/** Where the key, separator and value of a properties line are (java.util.Properties rules, one line). */
function shapeOf(line: string): LineShape {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '\f')) i++;
  const keyStart = i;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
    i++;
  }
  const keyEnd = Math.min(i, line.length);
  if (keyEnd >= line.length) return { keyStart, keyEnd };
  let j = keyEnd;
  while (j < line.length && (line[j] === ' ' || line[j] === '\t' || line[j] === '\f')) j++;
  if (line[j] === '=' || line[j] === ':') j++;
  while (j < line.length && (line[j] === ' ' || line[j] === '\t' || line[j] === '\f')) j++;
  return { keyStart, keyEnd, valueStart: j };
}

function endsWithContinuation(line: string): boolean {
  if (/^\s*[#!]/.test(line)) return false;
  const m = /\\+$/.exec(line);
  return !!m && m[0].length % 2 === 1;
}

function unescapeKey(raw: string): string {
  return raw.replace(/\\(.)/g, '$1');
}

function keyItems(doc: KafkaDocument, typedKey: string): CompletionItem[] {
  const family = keyFamilyOf(doc.role);
  if (!family) return [];
  const present = new Set(doc.settings.keys());
  present.delete(typedKey);
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (name: string, detail: string, deprecated: boolean, order: string, base: string) => {
    if (seen.has(name) || present.has(name)) return;
    seen.add(name);
    const item: CompletionItem = { label: name, kind: CompletionItemKind.Property, detail, sortText: `${order}${name}` };
    const tags = checklistSectionsOf(base);
    if (tags.length) {
      item.documentation = { kind: MarkupKind.PlainText, value: `Security checklist: ${tags.map((t) => `${CHECKLIST_SECTIONS[t]} (${t})`).join('; ')}` };
    }
    if (deprecated) item.tags = [CompletionItemTag.Deprecated];
    items.push(item);
  };
  if (family.kind === 'librdkafka') {
    for (const e of librdkafkaKeys()) {
      const detail = `${e.type}${e.default !== null && e.default !== '' ? ` · default ${e.default}` : ''} · librdkafka ${e.level}`;
      add(e.name, detail, !!e.deprecated, e.aliasOf ? '2' : '1', e.name);
    }
    return items;
  }
  const version = catalogVersionOf(doc);
  for (const group of family.groups) {
    for (const e of kafkaKeysFor(group, version)) {
      const showDefault = e.type !== 'password' && e.default !== null && e.default !== '';
      const detail = `${e.type}${showDefault ? ` · default ${e.default}` : ''} · ${e.component} (Kafka ${e.version})`;
      add(e.name, detail, !!e.deprecated || !!e.removedIn, IMPORTANCE_ORDER[e.importance ?? 'low'] ?? '2', e.name);
    }
  }
  return items;
}

function valueItems(doc: KafkaDocument, key: string, line: string, valueStart: number, cursor: number, lineNo: number): CompletionItem[] {
  const facts = keyFacts(key, doc);
  const base = facts?.base ?? key;
  const candidates = valueCandidates(facts, base);
  if (candidates.length === 0) return [];
  let start = valueStart;
  let end: number;
  let already = new Set<string>();
  if (isListValued(facts, base)) {
    const comma = line.lastIndexOf(',', cursor - 1);
    if (comma >= valueStart) start = comma + 1;
    while (start < cursor && (line[start] === ' ' || line[start] === '\t')) start++;
    end = cursor + (/^[^,\s]*/.exec(line.slice(cursor))?.[0].length ?? 0);
    already = new Set(
      line
        .slice(valueStart)
        .split(',')
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    );
    already.delete(line.slice(start, end).trim().toUpperCase());
  } else {
    end = cursor + (/^\S*/.exec(line.slice(cursor))?.[0].length ?? 0);
  }
  const hints = VALUE_HINTS[base] ?? {};
  const range = { start: { line: lineNo, character: start }, end: { line: lineNo, character: end } };
  return candidates
    .filter((v) => !already.has(v.toUpperCase()))
    .map((v, i): CompletionItem => {
      const item: CompletionItem = {
        label: v,
        kind: CompletionItemKind.EnumMember,
        sortText: String(i).padStart(3, '0'),
        textEdit: { range, newText: v },
      };
      const hint = hints[v.toLowerCase()];
      if (hint) item.detail = hint;
      return item;
    });
}

/** Completion in a properties document: keys of the document's role at a key, values after the separator. */
export function completionsAt(textDoc: TextDocument, linted: Linted, position: Position): CompletionList | null {
  const doc = linted.result.documents[0];
  if (!doc || !PROPERTIES_FORMATS.has(doc.format)) return null;
  if (position.line >= textDoc.lineCount) return null;
  const line = textDoc.getText(textDoc.getLineRange(position.line));
  const cursor = Math.min(position.character, line.length);
  if (/^\s*[#!]/.test(line)) return null;
  if (position.line > 0 && endsWithContinuation(textDoc.getText(textDoc.getLineRange(position.line - 1)))) return null;
  const shape = shapeOf(line);
  if (cursor < shape.keyStart) return null;
  if (shape.valueStart === undefined || cursor <= shape.keyEnd) {
    const typed = unescapeKey(line.slice(shape.keyStart, shape.keyEnd));
    const hasSeparator = shape.valueStart !== undefined;
    const range = { start: { line: position.line, character: shape.keyStart }, end: { line: position.line, character: shape.keyEnd } };
    const items = keyItems(doc, typed).map((item) => ({ ...item, textEdit: { range, newText: hasSeparator ? item.label : `${item.label}=` } }));
    return { isIncomplete: false, items };
  }
  const key = unescapeKey(line.slice(shape.keyStart, shape.keyEnd));
  return { isIncomplete: false, items: valueItems(doc, key, line, shape.valueStart, cursor, position.line) };
}
