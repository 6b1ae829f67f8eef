import assert from 'node:assert/strict';
import type { Scalar } from 'yaml';
import { textMap, subSpan } from '../../../server/src/model/adapters/helm/yaml-text';
import { parseYaml, YamlWalker } from '../../../server/src/parse/yaml';

function scalar(text: string, key: string): Scalar {
  const y = parseYaml(text);
  const d = y.documents[0]!;
  const w = new YamlWalker(d);
  return w.get(d.contents, key) as Scalar;
}

function sliceOf(text: string, key: string, from: number, to: number): string {
  const map = textMap(text, scalar(text, key));
  const s = subSpan(map, from, to);
  return text.slice(s.start, s.end);
}

describe('Helm values: positions inside YAML scalars', () => {
  it('maps every character of an indented literal block (|) to the file', () => {
    const text = 'config: |\n    listeners=SASL_SSL://:9093\n      continued = x\n\n    ssl.client.auth=required\nnext: 1\n';
    const map = textMap(text, scalar(text, 'config'));
    assert.equal(map.value, 'listeners=SASL_SSL://:9093\n  continued = x\n\nssl.client.auth=required\n');
    assert.ok(map.chars);
    const i = map.value.indexOf('required');
    assert.equal(sliceOf(text, 'config', i, i + 8), 'required');
    const j = map.value.indexOf('continued');
    assert.equal(sliceOf(text, 'config', j, j + 9), 'continued');
    assert.equal(text.slice(map.span.start, map.span.end), 'listeners=SASL_SSL://:9093\n      continued = x\n\n    ssl.client.auth=required');
  });

  it('keeps CRLF line breaks as one character of the value', () => {
    const text = 'config: |-\r\n  a=1\r\n  b=2\r\n';
    const map = textMap(text, scalar(text, 'config'));
    assert.equal(map.value, 'a=1\nb=2');
    assert.equal(sliceOf(text, 'config', 4, 7), 'b=2');
    assert.equal(sliceOf(text, 'config', 3, 4), '\r\n');
  });

  it('keep chomping (|+) and an explicit indentation indicator', () => {
    const text = 'a: |+\n  x\n\nb: |2\n    y\n';
    assert.equal(textMap(text, scalar(text, 'a')).value, 'x\n\n');
    const b = textMap(text, scalar(text, 'b'));
    assert.equal(b.value, '  y\n');
    assert.equal(sliceOf(text, 'b', 2, 3), 'y');
  });

  it('aligns folded blocks and multi-line plain scalars on their words', () => {
    const text = 'f: >\n  one\n  two\np: first\n  second\n';
    assert.equal(sliceOf(text, 'f', 4, 7), 'two');
    assert.equal(sliceOf(text, 'p', 6, 12), 'second');
  });

  it('quoted scalars: inside the quotes; escapes make the whole scalar the span', () => {
    const text = 'a: "x=1,y=2"\nb: \'it\'\'s\'\nc: "t\\u0041b"\n';
    assert.equal(sliceOf(text, 'a', 4, 7), 'y=2');
    assert.equal(sliceOf(text, 'b', 2, 3), "''");
    assert.equal(sliceOf(text, 'b', 3, 4), 's');
    assert.equal(sliceOf(text, 'c', 1, 2), '"t\\u0041b"');
  });

  it('YAML 1.1 values Helm reads differently from their text map to the whole scalar', () => {
    const text = 'a: yes\n';
    const map = textMap(text, scalar(text, 'a'));
    assert.equal(map.value, 'true');
    assert.equal(sliceOf(text, 'a', 0, 2), 'yes');
  });
});
