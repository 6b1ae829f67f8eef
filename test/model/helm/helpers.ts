import assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine/fix';
import { lintText } from '../../../server/src/engine/lint';
import { LineIndex, type Span } from '../../../server/src/parse/text';
import type { Change, KafkaDocument, Setting } from '../../../server/src/model/types';

/** 1-based line/column of a span, end exclusive, like the CLI prints. */
export function pos(text: string, span: Span): [number, number, number, number] {
  const li = new LineIndex(text);
  const s = li.positionAt(span.start);
  const e = li.positionAt(span.end);
  return [s.line + 1, s.character + 1, e.line + 1, e.character + 1];
}

/** The documents of a values file (fails when the file is skipped). */
export function docs(text: string, path = 'values.yaml'): KafkaDocument[] {
  const r = lintText(path, text);
  assert.equal(r.skipped, undefined, `skipped: ${r.skipped}`);
  return r.documents;
}

export function doc(text: string, path = 'values.yaml', index = 0): KafkaDocument {
  const d = docs(text, path)[index];
  assert.ok(d, `no document ${index}`);
  return d;
}

export function setting(d: KafkaDocument, key: string): Setting {
  const s = d.settings.get(key);
  assert.ok(s, `no setting ${key}; have ${[...d.settings.keys()].join(', ')}`);
  return s;
}

/** Expected decoding of one setting: value, state and where its value is written (text and position). */
export interface Expect {
  key: string;
  value: string;
  state: Setting['state'];
  /** The exact file text at the value span. */
  at: string;
  /** 1-based [line, column, endLine, endColumn] of the value span. */
  span: [number, number, number, number];
}

export function expectSettings(d: KafkaDocument, expected: readonly Expect[]): void {
  for (const e of expected) {
    const s = setting(d, e.key);
    assert.deepEqual(
      { key: s.key, value: s.value, state: s.state, at: d.text.slice(s.valueSpan.start, s.valueSpan.end), span: pos(d.text, s.valueSpan) },
      { key: e.key, value: e.value, state: e.state, at: e.at, span: e.span },
      e.key,
    );
  }
}

/** The text after the document's writer applies these changes; null when it cannot. */
export function write(d: KafkaDocument, changes: Change[]): string | null {
  const edits = d.writer.edits(changes);
  return edits ? applyEdits(d.text, edits) : null;
}
