/**
 * Deterministic generator of awkward `.properties` inputs for the differential test against the
 * JDK: separators, escapes (good and malformed), continuations, comments, every line terminator,
 * whitespace variants, Latin-1 or UTF-8 characters, and odd endings of the file.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  below(n: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** A small seeded generator (a Weyl sequence through a 32-bit mixing function). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 0x1_0000_0000;
  };
  const below = (n: number): number => Math.floor(next() * n);
  return {
    next,
    below,
    chance: (probability) => next() < probability,
    pick: (items) => items[below(items.length)]!,
  };
}

export type Charset = 'latin1' | 'utf8';

const TERMINATORS = ['\n', '\n', '\n', '\r\n', '\r\n', '\r', '\n\r'] as const;
const WHITESPACE = [' ', ' ', '  ', '\t', '\f', ' \t ', '\t\f', '    '] as const;
const WORDS = [
  'a', 'key', 'k1', 'ssl.keystore.password', 'listeners', 'x-y_z', 'A.B', 'PLAINTEXT://:9092',
  '"q"', "'s'", '*', '$', '${file:/s.txt:pw}', '{', '}', '%', '/', 'u', 'u00', '0041', 'true', '1',
] as const;
const SEPARATORS = [
  '=', '=', ':', ' ', '\t', '\f', ' = ', '\t:\t', ' =', '= ', '  ', ' : ', '==', '::', '=:', ' =:',
  ' \t=\f ', ' := ', ' = = ', '',
] as const;
const GOOD_ESCAPES = [
  '\\=', '\\:', '\\ ', '\\t', '\\n', '\\r', '\\f', '\\\\', '\\#', '\\!', '\\u0041', '\\u00e9',
  '\\u00E9', '\\uFFFF', '\\u0000', '\\ud83d\\ude00', '\\uD800', '\\x', '\\U0041', '\\"', '\\\t',
  '\\\f', '\\u003d', '\\u0020', '\\u000a', '\\b', '\\0',
] as const;
const BAD_ESCAPES = ['\\u12', '\\uZZZZ', '\\u00G0', '\\u', '\\u-123', '\\u 123', '\\u00e'] as const;
const LATIN1_CHARS = [
  'é', 'ÿ', 'ß', '\u0080', '\u0085', '\u009f', '\u00a0', '\u00ad', '\u000b', '\u0000', '\u007f', '\u0001',
] as const;
const UTF8_CHARS = [
  'é', 'ü', 'Ω', '中文', '😀', '𝄞', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\u3000',
] as const;
const PUNCTUATION = ['=', ':', '#', '!', ' ', '\t', '\f', '\\\\', ',', ';'] as const;
/** Characters for inputs made of noise, weighted towards the ones the reader treats specially. */
const NOISE = [
  '\\', '\\', '\\', '=', ':', ' ', ' ', '\t', '\f', '\n', '\n', '\r', '\r\n', '#', '!', 'u', '0', 'a', 'F', 'k',
] as const;
const ENDINGS = ['', '', '\n', '\r\n', '\\', '\\\n', '\\\r\n', '\\\r', '\n\\', '\n\\\n', ' ', '\\ ', '\n\n', '\\\\'] as const;

/** Generates `count` inputs; with 'latin1' every character fits in one byte. */
export function generatePropertiesInputs(count: number, seed: number, charset: Charset): string[] {
  const random = createRandom(seed);
  const inputs: string[] = [];
  for (let n = 0; n < count; n++) {
    let text = random.chance(0.25) ? noise(random, charset) : structured(random, charset);
    if (charset === 'utf8' && !/[^\x00-\x7f]/.test(text)) {
      const line = `${random.pick(UTF8_CHARS)}=${random.pick(UTF8_CHARS)}`;
      text = random.chance(0.5) ? `${line}\n${text}` : `${text}\n${line}`;
    }
    inputs.push(text);
  }
  return inputs;
}

function noise(random: Random, charset: Charset): string {
  let text = '';
  const length = random.below(40);
  for (let i = 0; i < length; i++) {
    if (random.chance(0.08)) text += foreignChar(random, charset);
    else text += random.pick(NOISE);
  }
  return text;
}

function structured(random: Random, charset: Charset): string {
  let text = charset === 'utf8' && random.chance(0.05) ? '\ufeff' : '';
  const lineCount = 1 + random.below(8);
  for (let n = 0; n < lineCount; n++) {
    text += line(random, charset);
    if (n < lineCount - 1) text += random.pick(TERMINATORS);
  }
  return text + random.pick(ENDINGS);
}

function line(random: Random, charset: Charset): string {
  const indent = random.chance(0.2) ? random.pick(WHITESPACE) : '';
  const kind = random.below(20);
  if (kind < 12) return indent + entry(random, charset);
  if (kind < 15) {
    // A comment, sometimes ending in a backslash (which does not continue it).
    const marker = random.pick(['#', '!', '#!', '##']);
    return indent + marker + parts(random, charset, 3) + (random.chance(0.4) ? '\\' : '');
  }
  if (kind === 15) return '';
  if (kind === 16) return random.pick(WHITESPACE);
  if (kind === 17) return indent + random.pick(['\\', '\\\\', '\\\\\\', '\\ ']);
  if (kind === 18) return indent + continuation(random) + random.pick(['#', '!']) + entry(random, charset);
  return indent + noise(random, charset).replace(/[\r\n]/g, '');
}

function entry(random: Random, charset: Charset): string {
  let text = parts(random, charset, 3);
  if (random.chance(0.15)) text += continuation(random);
  text += random.pick(SEPARATORS);
  if (random.chance(0.15)) text += continuation(random);
  const valueParts = random.below(4);
  for (let i = 0; i < valueParts; i++) {
    text += parts(random, charset, 2);
    if (random.chance(0.2)) text += continuation(random);
  }
  if (random.chance(0.1)) text += random.pick(WHITESPACE);
  return text;
}

/** A backslash line break, with the many ways the next line can begin. */
function continuation(random: Random): string {
  const backslashes = random.pick(['\\', '\\', '\\', '  \\', '\\\\\\', '\\\\']);
  const terminator = random.pick(TERMINATORS);
  const next = random.pick([
    '', '', '  ', '\t', ' \f ',
    // An empty continuation line, which ends the logical line.
    random.pick(WHITESPACE) + random.pick(TERMINATORS),
    '#', '!', ' #', '\\' + random.pick(TERMINATORS),
  ]);
  return backslashes + terminator + next;
}

function parts(random: Random, charset: Charset, max: number): string {
  let text = '';
  const count = 1 + random.below(max);
  for (let i = 0; i < count; i++) {
    const kind = random.below(20);
    if (kind < 9) text += random.pick(WORDS);
    else if (kind < 13) text += random.pick(GOOD_ESCAPES);
    else if (kind < 14) text += random.chance(0.35) ? random.pick(BAD_ESCAPES) : random.pick(GOOD_ESCAPES);
    else if (kind < 17) text += random.pick(PUNCTUATION);
    else text += foreignChar(random, charset);
  }
  return text;
}

function foreignChar(random: Random, charset: Charset): string {
  if (charset === 'latin1') {
    return random.chance(0.5) ? random.pick(LATIN1_CHARS) : String.fromCharCode(0x80 + random.below(0x80));
  }
  return random.pick(UTF8_CHARS);
}
