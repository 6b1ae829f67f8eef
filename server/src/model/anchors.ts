import type { Span } from '../parse/text';
import type { KafkaDocument, Setting } from './types';

/** The entry of the first of these keys that is present, else the document's anchor (for findings about absent keys). */
export function anchorFor(doc: KafkaDocument, ...keys: string[]): Span {
  for (const k of keys) {
    const s = doc.settings.get(k);
    if (s) return s.entrySpan;
  }
  return doc.anchor;
}

/** The setting of the first present key. */
export function firstSetting(doc: KafkaDocument, ...keys: string[]): Setting | undefined {
  for (const k of keys) {
    const s = doc.settings.get(k);
    if (s) return s;
  }
  return undefined;
}

/** Settings whose key ends with `.<base>` or equals `base` (any prefix), in file order. */
export function settingsWithBase(doc: KafkaDocument, base: string): Setting[] {
  return [...doc.settings.values()].filter((s) => s.key === base || s.key.endsWith('.' + base)).sort((a, b) => a.keySpan.start - b.keySpan.start);
}
