/**
 * A position-keeping reader for Java `.properties` files that stores exactly what
 * `java.util.Properties.load` (JDK 17) stores, in the order `load` stores it.
 *
 * The reader follows the JDK's two stages. The first joins natural lines into logical lines
 * (comments, blank lines, continuations). The second splits each logical line into key and value
 * and resolves escapes. Each character of a logical line keeps its source offset, so escapes that
 * run across a continuation still map back to the file.
 * test/parse/properties.test.ts checks the reader against the JDK itself.
 */
import type { Span } from './text';
import { LineIndex } from './text';

export interface PropertiesEntry {
  /** The key after unescaping. */
  key: string;
  /** The value after unescaping; continuation lines are joined without their leading whitespace. */
  value: string;
  /** Raw key text, escapes included; an empty span at the key position if the key is empty. */
  keySpan: Span;
  /**
   * Raw value text from its first to its last character (it may cross continuation lines); for an
   * empty value, an empty span where the value would start (after the separator and whitespace).
   */
  valueSpan: Span;
  /**
   * From the first character of the key to the last character of the logical line, a trailing
   * continuation backslash included; the line terminator is excluded.
   */
  entrySpan: Span;
  /** 0-based line of the first character of the key. */
  line: number;
}

export interface PropertiesComment {
  /** From the `#` or `!` to the end of the line, terminator excluded. */
  span: Span;
  line: number;
  /** The text after the comment marker. */
  text: string;
}

export interface PropertiesProblem {
  span: Span;
  message: string;
}

export interface ParsedProperties {
  /** Every stored pair in file order; duplicate keys are all kept (the last one wins in Java). */
  entries: PropertiesEntry[];
  comments: PropertiesComment[];
  problems: PropertiesProblem[];
}

const TAB = 0x09;
const LF = 0x0a;
const FF = 0x0c;
const CR = 0x0d;
const SPACE = 0x20;
const BANG = 0x21;
const HASH = 0x23;
const COLON = 0x3a;
const EQUALS = 0x3d;
const BACKSLASH = 0x5c;

function isWhitespace(c: number): boolean {
  return c === SPACE || c === TAB || c === FF;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/** One logical line: its characters with their source offsets. */
interface LogicalLine {
  chars: string;
  offsets: number[];
  /** Offset of the first character read into `chars` since it was last empty (it may have been dropped). */
  start: number;
  /** End of the last content character read, a dropped continuation backslash included. */
  end: number;
}

/**
 * Joins natural lines into logical lines the way the JDK's line reader does, including its corner
 * cases: a comment is recognised whenever nothing has been collected yet (so `\` alone on a line
 * followed by `#x` makes `#x` a comment); a continuation line that is empty ends the logical line;
 * and a line holding only a backslash that ends the file yields an empty line, which `load` stores
 * as an empty key with an empty value.
 */
class LineReader {
  private pos = 0;
  /** Set after a continuation ending in CR, so that the LF of a CRLF is not read as an empty line. */
  private skipLF = false;

  constructor(
    private readonly text: string,
    private readonly onComment: (start: number, end: number) => void,
  ) {}

  next(): LogicalLine | undefined {
    const text = this.text;
    const length = text.length;
    // Characters go into an array: dropping a continuation backslash from a string would copy it each time.
    const chars: string[] = [];
    const offsets: number[] = [];
    let start = -1;
    let end = -1;
    let skipWhitespace = true;
    let continuing = false;
    let precedingBackslash = false;

    const finish = (): LogicalLine => {
      if (precedingBackslash) {
        chars.pop();
        offsets.pop();
      }
      return { chars: chars.join(''), offsets, start, end };
    };

    for (;;) {
      if (this.pos >= length) {
        return chars.length === 0 ? undefined : finish();
      }
      const offset = this.pos++;
      const c = text.charCodeAt(offset);

      if (this.skipLF) {
        this.skipLF = false;
        if (c === LF) continue;
      }
      if (skipWhitespace) {
        if (isWhitespace(c)) continue;
        // Terminators are skipped too, except right after a continuation: there they end the line.
        if (!continuing && (c === CR || c === LF)) continue;
        skipWhitespace = false;
        continuing = false;
      }
      if (chars.length === 0 && (c === HASH || c === BANG)) {
        let eol = offset + 1;
        while (eol < length) {
          const d = text.charCodeAt(eol);
          if (d === CR || d === LF) break;
          eol++;
        }
        this.onComment(offset, eol);
        this.pos = Math.min(eol + 1, length);
        skipWhitespace = true;
        continue;
      }

      if (c !== CR && c !== LF) {
        if (chars.length === 0) start = offset;
        chars.push(text[offset]!);
        offsets.push(offset);
        end = offset + 1;
        precedingBackslash = c === BACKSLASH ? !precedingBackslash : false;
        continue;
      }

      // A line terminator.
      if (chars.length === 0) {
        skipWhitespace = true;
        continue;
      }
      // At the end of the file the JDK returns what it has; this holds even for a line reduced to
      // nothing by dropping its backslash, which is the one way an empty logical line comes out.
      if (this.pos >= length) return finish();
      if (!precedingBackslash) return { chars: chars.join(''), offsets, start, end };
      chars.pop();
      offsets.pop();
      precedingBackslash = false;
      skipWhitespace = true;
      continuing = true;
      if (c === CR) this.skipLF = true;
    }
  }
}

/** Parses a decoded `.properties` text; never throws. */
export function parseProperties(text: string): ParsedProperties {
  const lines = new LineIndex(text);
  const entries: PropertiesEntry[] = [];
  const comments: PropertiesComment[] = [];
  const problems: PropertiesProblem[] = [];

  const reader = new LineReader(text, (start, end) => {
    comments.push({
      span: { start, end },
      line: lines.positionAt(start).line,
      text: text.slice(start + 1, end),
    });
  });

  for (let logical = reader.next(); logical !== undefined; logical = reader.next()) {
    const { chars, offsets } = logical;
    const length = chars.length;

    // The key ends at the first unescaped '=', ':' or whitespace.
    let keyEnd = 0;
    let valueStart = length;
    let hasSeparator = false;
    let precedingBackslash = false;
    while (keyEnd < length) {
      const c = chars.charCodeAt(keyEnd);
      if (!precedingBackslash && (c === EQUALS || c === COLON)) {
        valueStart = keyEnd + 1;
        hasSeparator = true;
        break;
      }
      if (!precedingBackslash && isWhitespace(c)) {
        valueStart = keyEnd + 1;
        break;
      }
      precedingBackslash = c === BACKSLASH ? !precedingBackslash : false;
      keyEnd++;
    }
    // Whitespace, then at most one '=' or ':' if the key ended at whitespace, then whitespace.
    while (valueStart < length) {
      const c = chars.charCodeAt(valueStart);
      if (!isWhitespace(c)) {
        if (hasSeparator || (c !== EQUALS && c !== COLON)) break;
        hasSeparator = true;
      }
      valueStart++;
    }

    const lineStart = length > 0 ? offsets[0]! : logical.start;
    const keySpan =
      keyEnd > 0
        ? { start: lineStart, end: offsets[keyEnd - 1]! + 1 }
        : { start: lineStart, end: lineStart };
    let valueSpan: Span;
    if (valueStart < length) {
      valueSpan = { start: offsets[valueStart]!, end: offsets[length - 1]! + 1 };
    } else {
      const at = length > 0 ? offsets[length - 1]! + 1 : lineStart;
      valueSpan = { start: at, end: at };
    }

    entries.push({
      key: unescape(chars, offsets, 0, keyEnd, problems),
      value: unescape(chars, offsets, valueStart, length, problems),
      keySpan,
      valueSpan,
      entrySpan: { start: lineStart, end: logical.end },
      line: lines.positionAt(lineStart).line,
    });
  }

  return { entries, comments, problems };
}

/**
 * Resolves the escapes of chars[from, to). A malformed `\uXXXX` (Java rejects the whole file for
 * it) is reported and kept as written: the backslash, the `u` and the hex digits that follow.
 */
function unescape(
  chars: string,
  offsets: number[],
  from: number,
  to: number,
  problems: PropertiesProblem[],
): string {
  const firstBackslash = chars.indexOf('\\', from);
  if (firstBackslash < 0 || firstBackslash >= to) return chars.slice(from, to);

  let out = chars.slice(from, firstBackslash);
  let i = firstBackslash;
  while (i < to) {
    const c = chars[i++]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    // The line reader never leaves an unpaired backslash at the end of a key or a value.
    if (i >= to) break;
    const escaped = chars[i++]!;
    switch (escaped) {
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        let code = 0;
        let digits = 0;
        while (digits < 4 && i + digits < to) {
          const v = hexValue(chars.charCodeAt(i + digits));
          if (v < 0) break;
          code = code * 16 + v;
          digits++;
        }
        if (digits === 4) {
          out += String.fromCharCode(code);
        } else {
          const escapeStart = i - 2;
          const last = i + digits - 1;
          problems.push({
            span: { start: offsets[escapeStart]!, end: offsets[last]! + 1 },
            message:
              // The escape itself is not quoted: it may sit inside a password.
              'Malformed escape: \\u must be followed by ' +
              'exactly 4 hexadecimal digits. Java rejects the whole file.',
          });
          out += chars.slice(escapeStart, last + 1);
        }
        i += digits;
        break;
      }
      default:
        out += escaped;
    }
  }
  return out;
}

/**
 * Escapes a key so that `Properties.load` reads it back unchanged. Printable ASCII and non-ASCII
 * characters stay as they are (the file keeps its encoding).
 */
export function escapePropertiesKey(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const c = key[i]!;
    if (c === '=' || c === ':' || c === ' ' || ((c === '#' || c === '!') && i === 0)) {
      out += '\\' + c;
    } else {
      out += escapeCommon(c);
    }
  }
  return out;
}

/**
 * Escapes a value so that `Properties.load` reads it back unchanged, whichever separator precedes
 * it: a leading space, `=` or `:` is escaped so that it is not taken as part of the separator.
 */
export function escapePropertiesValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (i === 0 && (c === ' ' || c === '=' || c === ':')) {
      out += '\\' + c;
    } else {
      out += escapeCommon(c);
    }
  }
  return out;
}

function escapeCommon(c: string): string {
  switch (c) {
    case '\\':
      return '\\\\';
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\f':
      return '\\f';
  }
  const code = c.charCodeAt(0);
  // Other control characters are legal as they are but invisible in an editor.
  if (code < 0x20 || code === 0x7f) return '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
  return c;
}
