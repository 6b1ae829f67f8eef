import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  escapePropertiesKey,
  escapePropertiesValue,
  parseProperties,
  type PropertiesEntry,
} from '../../server/src/parse/properties';
import { LineIndex } from '../../server/src/parse/text';
import { loadBatchWithJdk, type JdkRequest, type JdkResult } from '../oracle/jdk';
import { generatePropertiesInputs } from './properties-generator';
import { SHARED_CORPUS } from '../shared';

type Pair = [number, number];

function entry(key: string, value: string, keySpan: Pair, valueSpan: Pair, entrySpan: Pair, line: number): PropertiesEntry {
  return {
    key,
    value,
    keySpan: { start: keySpan[0], end: keySpan[1] },
    valueSpan: { start: valueSpan[0], end: valueSpan[1] },
    entrySpan: { start: entrySpan[0], end: entrySpan[1] },
    line,
  };
}

interface Case {
  name: string;
  text: string;
  entries: PropertiesEntry[];
}

/** Exact expectations; every text here is also checked against the JDK below. */
const CASES: Case[] = [
  { name: '= separator', text: 'key=value', entries: [entry('key', 'value', [0, 3], [4, 9], [0, 9], 0)] },
  { name: ': separator', text: 'key:value', entries: [entry('key', 'value', [0, 3], [4, 9], [0, 9], 0)] },
  { name: 'space separator', text: 'key value', entries: [entry('key', 'value', [0, 3], [4, 9], [0, 9], 0)] },
  { name: 'tab separator', text: 'key\tvalue', entries: [entry('key', 'value', [0, 3], [4, 9], [0, 9], 0)] },
  { name: 'form feed separator', text: 'key\fvalue', entries: [entry('key', 'value', [0, 3], [4, 9], [0, 9], 0)] },
  { name: '= between spaces', text: 'key = value', entries: [entry('key', 'value', [0, 3], [6, 11], [0, 11], 0)] },
  { name: ': between spaces and tabs', text: 'key \t:\t value', entries: [entry('key', 'value', [0, 3], [8, 13], [0, 13], 0)] },
  {
    name: 'only one = or : belongs to the separator',
    text: 'a=:b\nc = = d\ne f=g',
    entries: [
      entry('a', ':b', [0, 1], [2, 4], [0, 4], 0),
      entry('c', '= d', [5, 6], [9, 12], [5, 12], 1),
      entry('e', 'f=g', [13, 14], [15, 18], [13, 18], 2),
    ],
  },
  {
    name: 'escaped separators and spaces in a key',
    text: 'a\\=b\\:c\\ d\\\te=v',
    entries: [entry('a=b:c d\te', 'v', [0, 13], [14, 15], [0, 15], 0)],
  },
  {
    name: 'escaped leading space and comment markers in a key',
    text: '\\ lead=1\n\\#hash=2\n\\!bang=3',
    entries: [
      entry(' lead', '1', [0, 6], [7, 8], [0, 8], 0),
      entry('#hash', '2', [9, 15], [16, 17], [9, 17], 1),
      entry('!bang', '3', [18, 24], [25, 26], [18, 26], 2),
    ],
  },
  {
    name: '\\uXXXX escapes in upper and lower case, surrogate pairs and control escapes',
    text: '\\u0041\\u00e9=\\u00E9\\uD83D\\ude00\\t\\n\\r\\f',
    entries: [entry('Aé', 'é😀\t\n\r\f', [0, 12], [13, 39], [0, 39], 0)],
  },
  {
    name: 'a backslash before an ordinary character is dropped',
    text: 'path=C:\\dir\\q\\\\x',
    entries: [entry('path', 'C:dirq\\x', [0, 4], [5, 16], [0, 16], 0)],
  },
  {
    name: 'a backslash at the end of the file is dropped',
    text: 'key=value\\',
    entries: [entry('key', 'value', [0, 3], [4, 9], [0, 10], 0)],
  },
  {
    name: 'an even number of backslashes does not continue the line',
    text: 'a=b\\\\\nc=d',
    entries: [entry('a', 'b\\', [0, 1], [2, 5], [0, 5], 0), entry('c', 'd', [6, 7], [8, 9], [6, 9], 1)],
  },
  {
    name: 'continuation drops the leading whitespace of the next line',
    text: 'key=a\\\n    b\\\n\tc',
    entries: [entry('key', 'abc', [0, 3], [4, 16], [0, 16], 0)],
  },
  {
    name: 'continuation inside a key and before the value',
    text: 'lo\\\n  ng\\\n  = v',
    entries: [entry('long', 'v', [0, 8], [14, 15], [0, 15], 0)],
  },
  {
    name: 'continuation across CRLF',
    text: 'a=1\\\r\n  2\r\nb=3',
    entries: [entry('a', '12', [0, 1], [2, 9], [0, 9], 0), entry('b', '3', [11, 12], [13, 14], [11, 14], 2)],
  },
  {
    name: 'continuation across a lone CR',
    text: 'a=1\\\r  2\rb=3',
    entries: [entry('a', '12', [0, 1], [2, 8], [0, 8], 0), entry('b', '3', [9, 10], [11, 12], [9, 12], 2)],
  },
  {
    name: 'an escape split by a continuation',
    text: 'k=\\u00\\\n  41',
    entries: [entry('k', 'A', [0, 1], [2, 12], [0, 12], 0)],
  },
  {
    name: 'an empty continuation line ends the logical line',
    text: 'a=1\\\n   \nb=2',
    entries: [entry('a', '1', [0, 1], [2, 3], [0, 4], 0), entry('b', '2', [9, 10], [11, 12], [9, 12], 2)],
  },
  {
    name: 'a comment line ending in a backslash does not continue',
    text: '# note \\\nkey=v',
    entries: [entry('key', 'v', [9, 12], [13, 14], [9, 14], 1)],
  },
  {
    name: '# at the start of a continuation line is content',
    text: 'key=a\\\n#b',
    entries: [entry('key', 'a#b', [0, 3], [4, 9], [0, 9], 0)],
  },
  {
    name: 'but after a line holding only a backslash, # starts a comment (JDK quirk)',
    text: '\\\n#b=c\nd=e',
    entries: [entry('d', 'e', [7, 8], [9, 10], [7, 10], 2)],
  },
  {
    name: 'a line holding only a backslash at the end of the file is an empty pair (JDK quirk)',
    text: 'a=1\n\\\n',
    entries: [entry('a', '1', [0, 1], [2, 3], [0, 3], 0), entry('', '', [4, 4], [4, 4], [4, 5], 1)],
  },
  {
    name: '... but not when whitespace or a CRLF follows it',
    text: 'a=1\n\\\r\n',
    entries: [entry('a', '1', [0, 1], [2, 3], [0, 3], 0)],
  },
  {
    name: 'last line without a terminator, blank and whitespace-only lines',
    text: '\n  \n\t\f\r\n  a=1\r\rb=2',
    entries: [entry('a', '1', [10, 11], [12, 13], [10, 13], 3), entry('b', '2', [15, 16], [17, 18], [15, 18], 5)],
  },
  {
    name: 'duplicates are kept in order',
    text: 'k=1\nk=2\nk=1\n',
    entries: [
      entry('k', '1', [0, 1], [2, 3], [0, 3], 0),
      entry('k', '2', [4, 5], [6, 7], [4, 7], 1),
      entry('k', '1', [8, 9], [10, 11], [8, 11], 2),
    ],
  },
  {
    name: 'empty values sit after the separator and its whitespace',
    text: 'a=\nb = \nc   \nd',
    entries: [
      entry('a', '', [0, 1], [2, 2], [0, 2], 0),
      entry('b', '', [3, 4], [7, 7], [3, 7], 1),
      entry('c', '', [8, 9], [12, 12], [8, 12], 2),
      entry('d', '', [13, 14], [14, 14], [13, 14], 3),
    ],
  },
  {
    name: 'empty key',
    text: '=value\n :x',
    entries: [entry('', 'value', [0, 0], [1, 6], [0, 6], 0), entry('', 'x', [8, 8], [9, 10], [8, 10], 1)],
  },
  {
    name: 'trailing whitespace of a value is kept',
    text: 'key=value \t',
    entries: [entry('key', 'value \t', [0, 3], [4, 11], [0, 11], 0)],
  },
  {
    name: 'spans count UTF-16 code units: é is 1, an emoji is 2',
    text: 'clé=valeur\nk😀y = v😀\n😀=x',
    entries: [
      entry('clé', 'valeur', [0, 3], [4, 10], [0, 10], 0),
      entry('k😀y', 'v😀', [11, 15], [18, 21], [11, 21], 1),
      entry('😀', 'x', [22, 24], [25, 26], [22, 26], 2),
    ],
  },
  {
    name: 'UTF-8 bytes read as ISO-8859-1 give one character per byte',
    text: Buffer.from('clé=x', 'utf8').toString('latin1'),
    entries: [entry('clÃ©', 'x', [0, 4], [5, 6], [0, 6], 0)],
  },
];

describe('parseProperties', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const parsed = parseProperties(c.text);
      assert.deepEqual(parsed.entries, c.entries);
      assert.deepEqual(parsed.problems, []);
    });
  }

  it('records comments with their text, only at the start of a logical line', () => {
    const text = '# a\n  ! b \\\r\nk=v # not a comment\n#';
    const parsed = parseProperties(text);
    assert.deepEqual(parsed.comments, [
      { span: { start: 0, end: 3 }, line: 0, text: ' a' },
      { span: { start: 6, end: 11 }, line: 1, text: ' b \\' },
      { span: { start: 33, end: 34 }, line: 3, text: '' },
    ]);
    assert.deepEqual(
      parsed.entries.map((e) => [e.key, e.value]),
      [['k', 'v # not a comment']],
    );
  });

  it('reports a malformed \\u escape and keeps its text', () => {
    const parsed = parseProperties('key=\\u00zz\n\\u12=x\nok=\\u00\\\n  4x\nend=\\u');
    assert.deepEqual(
      parsed.entries.map((e) => [e.key, e.value]),
      [
        ['key', '\\u00zz'],
        ['\\u12', 'x'],
        ['ok', '\\u004x'],
        ['end', '\\u'],
      ],
    );
    assert.deepEqual(
      parsed.problems.map((p) => p.span),
      [
        { start: 4, end: 8 },
        { start: 11, end: 15 },
        { start: 21, end: 30 },
        { start: 36, end: 38 },
      ],
    );
  });

  it('returns nothing for an empty or comment-only text', () => {
    assert.deepEqual(parseProperties(''), { entries: [], comments: [], problems: [] });
    assert.deepEqual(parseProperties('  \n\r\n\t').entries, []);
    assert.deepEqual(parseProperties('#x\\\n!y').entries, []);
  });
});

/** Strings that need escaping in a key or a value (or look as if they might). */
const TRICKY_STRINGS = [
  '', ' ', '  lead', 'trail  ', '=', ':', '==', '#x', '!x', 'a#b', 'a!b', 'a=b:c d', '\\', 'ends with \\',
  '\\u0041', '\\uZZ', 'tab\there', '\tlead', 'nl\nx', 'cr\r', '\r\n', '\f', '\fx', '=start', ':start',
  ' =', ' :', 'é', 'Ã©', '😀', '\u0000\u0001\u007f', '\u000b', '\u0085', '\u2028', '\ufeff', 'x\\\n',
  '${file:/etc/kafka/secrets.txt:password}', 'org.apache.kafka.common.security.plain.PlainLoginModule required username="a";',
];

const ROUND_TRIP_SEPARATORS = ['=', ' = ', ':', ' ', '\t', '\f'];

function roundTripTexts(): { key: string; value: string; text: string }[] {
  const texts: { key: string; value: string; text: string }[] = [];
  for (const key of TRICKY_STRINGS) {
    for (const value of TRICKY_STRINGS) {
      for (const separator of ROUND_TRIP_SEPARATORS) {
        // An empty key needs an explicit = or :, otherwise the value becomes the key.
        if (key === '' && separator.trim() === '') continue;
        texts.push({ key, value, text: escapePropertiesKey(key) + separator + escapePropertiesValue(value) });
      }
    }
  }
  return texts;
}

describe('escapePropertiesKey / escapePropertiesValue', () => {
  it('round-trip every tricky key and value through the parser, with every separator', () => {
    for (const { key, value, text } of roundTripTexts()) {
      const parsed = parseProperties(text + '\n');
      assert.deepEqual(
        parsed.entries.map((e) => [e.key, e.value]),
        [[key, value]],
        `escaped as ${JSON.stringify(text)}`,
      );
      assert.deepEqual(parsed.problems, []);
    }
  });

  it('keep printable ASCII and non-ASCII characters as they are', () => {
    assert.equal(escapePropertiesKey('listener.name.sasl_ssl.plain.sasl.jaas.config'), 'listener.name.sasl_ssl.plain.sasl.jaas.config');
    assert.equal(escapePropertiesValue('PLAINTEXT://:9092,SSL://é:9093 😀'), 'PLAINTEXT://:9092,SSL://é:9093 😀');
    assert.equal(escapePropertiesValue('a=b: #c !d'), 'a=b: #c !d');
  });

  it('escape what Properties.load would otherwise change', () => {
    assert.equal(escapePropertiesKey('#a b=c:d!'), '\\#a\\ b\\=c\\:d!');
    assert.equal(escapePropertiesKey('\\\t\n\r\f\u0001'), '\\\\\\t\\n\\r\\f\\u0001');
    assert.equal(escapePropertiesValue('  x  '), '\\  x  ');
    assert.equal(escapePropertiesValue('=x'), '\\=x');
    assert.equal(escapePropertiesValue('C:\\temp\n'), 'C:\\\\temp\\n');
  });
});

const CORPUS = SHARED_CORPUS;
const CORPUS_WHOLE_DIRS = ['broker-properties', 'client-properties', 'zookeeper'];
const CORPUS_FILTERED_DIRS = ['other', 'spring'];
const PROPERTIES_LIKE = /\.(properties|config|conf|cfg|template)$/;

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)]))
    .sort();
}

function propertiesLikeCorpusFiles(): string[] {
  if (!fs.existsSync(CORPUS)) {
    throw new Error(`The shared corpus is missing: expected it at ${CORPUS} (../shared/corpus next to the repository).`);
  }
  const files: string[] = [];
  for (const dir of CORPUS_WHOLE_DIRS) {
    const found = filesUnder(path.join(CORPUS, dir));
    assert.ok(found.length > 0, `no files in ${dir}`);
    files.push(...found);
  }
  for (const dir of CORPUS_FILTERED_DIRS) {
    files.push(...filesUnder(path.join(CORPUS, dir)).filter((f) => PROPERTIES_LIKE.test(f)));
  }
  return files;
}

interface DifferentialInput extends JdkRequest {
  label: string;
}

/** Why our reading of an input differs from the JDK's, or undefined if it does not. */
function disagreement(input: DifferentialInput, jdk: JdkResult): string | undefined {
  const text = input.input.toString(input.utf8 ? 'utf8' : 'latin1');
  const parsed = parseProperties(text);
  const ours = parsed.entries.map((e): [string, string] => [e.key, e.value]);
  const show = `${input.label} (${input.utf8 ? 'load(Reader), UTF-8' : 'load(InputStream)'}) ${JSON.stringify(text)}`;
  if ('error' in jdk) {
    return parsed.problems.length > 0 ? undefined : `${show}\n  JDK: ${jdk.error}\n  ours: no problem reported`;
  }
  if (parsed.problems.length > 0) return `${show}\n  JDK: loads it\n  ours: ${parsed.problems[0]!.message}`;
  try {
    assert.deepEqual(ours, jdk.pairs);
    return undefined;
  } catch {
    return `${show}\n  JDK:  ${JSON.stringify(jdk.pairs)}\n  ours: ${JSON.stringify(ours)}`;
  }
}

const SEED = 20240917;
const LATIN1_COUNT = 2400;
const UTF8_COUNT = 400;

describe('parseProperties against the JDK (java.util.Properties.load)', function () {
  this.timeout(120_000);

  const groups = new Map<string, DifferentialInput[]>();
  const results = new Map<DifferentialInput, JdkResult>();

  before(() => {
    const latin1 = (label: string, text: string): DifferentialInput => ({ label, input: Buffer.from(text, 'latin1'), utf8: false });
    const utf8 = (label: string, text: string): DifferentialInput => ({ label, input: Buffer.from(text, 'utf8'), utf8: true });
    // Texts with characters beyond U+00FF cannot be written as ISO-8859-1, so they go through load(Reader).
    const either = (label: string, text: string) => (/[^\x00-\xff]/.test(text) ? utf8(label, text) : latin1(label, text));

    groups.set(
      'generated ISO-8859-1',
      generatePropertiesInputs(LATIN1_COUNT, SEED, 'latin1').map((t, i) => latin1(`generated #${i}`, t)),
    );
    groups.set(
      'generated UTF-8',
      generatePropertiesInputs(UTF8_COUNT, SEED + 1, 'utf8').map((t, i) => utf8(`generated UTF-8 #${i}`, t)),
    );
    groups.set('hand-written', [
      ...CASES.map((c) => either(c.name, c.text)),
      ...roundTripTexts().map((r) => either(`escaped ${JSON.stringify([r.key, r.value])}`, r.text)),
    ]);
    groups.set(
      'corpus',
      propertiesLikeCorpusFiles().flatMap((file) => {
        const bytes = fs.readFileSync(file);
        const label = path.relative(CORPUS, file);
        return [
          { label, input: bytes, utf8: false },
          { label, input: bytes, utf8: true },
        ];
      }),
    );

    const all = [...groups.values()].flat();
    const jdk = loadBatchWithJdk(all);
    all.forEach((input, i) => results.set(input, jdk[i]!));
  });

  function expectAgreement(group: string): void {
    const inputs = groups.get(group)!;
    assert.ok(inputs.length > 0, `no ${group} inputs`);
    const failures = inputs.map((input) => disagreement(input, results.get(input)!)).filter((d) => d !== undefined);
    if (failures.length > 0) {
      assert.fail(`${failures.length} of ${inputs.length} ${group} inputs disagree with the JDK:\n${failures.slice(0, 5).join('\n')}`);
    }
  }

  it(`agrees on ${LATIN1_COUNT} generated inputs read as ISO-8859-1`, () => expectAgreement('generated ISO-8859-1'));
  it(`agrees on ${UTF8_COUNT} generated UTF-8 inputs read with load(Reader)`, () => expectAgreement('generated UTF-8'));
  it('agrees on the hand-written and round-trip inputs above', () => expectAgreement('hand-written'));
  it('agrees on every properties-like corpus file, in both decodings', () => expectAgreement('corpus'));

  it('exercises the cases that matter: errors, quirks and pairs', () => {
    const generated = [...groups.get('generated ISO-8859-1')!, ...groups.get('generated UTF-8')!];
    const outcomes = generated.map((input) => results.get(input)!);
    const errors = outcomes.filter((r) => 'error' in r).length;
    const pairs = outcomes.reduce((n, r) => n + ('pairs' in r ? r.pairs.length : 0), 0);
    const emptyPairs = outcomes.filter((r) => 'pairs' in r && r.pairs.some(([k, v]) => k === '' && v === '')).length;
    assert.ok(errors > 50 && errors < generated.length / 4, `${errors} inputs rejected by the JDK`);
    assert.ok(pairs > generated.length, `${pairs} pairs`);
    assert.ok(emptyPairs > 20, `${emptyPairs} inputs with an empty pair`);
  });

  it('gives spans that read back as the same entry', () => {
    for (const input of groups.get('generated ISO-8859-1')!) {
      const text = input.input.toString('latin1');
      const lines = new LineIndex(text);
      for (const e of parseProperties(text).entries) {
        const where = `${input.label} ${JSON.stringify(text)} ${JSON.stringify(e)}`;
        assert.ok(
          e.entrySpan.start === e.keySpan.start &&
            e.keySpan.start <= e.keySpan.end &&
            e.keySpan.end <= e.valueSpan.start &&
            e.valueSpan.start <= e.valueSpan.end &&
            e.valueSpan.end <= e.entrySpan.end,
          where,
        );
        assert.equal(e.line, lines.positionAt(e.keySpan.start).line, where);
        const raw = text.slice(e.entrySpan.start, e.entrySpan.end);
        if (/[\r\n]/.test(raw)) continue;
        // A one-line entry, cut out of its file, reads the same on its own.
        const alone = parseProperties(raw).entries.map((x) => [x.key, x.value]);
        assert.deepEqual(alone, [[e.key, e.value]], where);
      }
    }
  });
});
