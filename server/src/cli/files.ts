import * as fs from 'node:fs';
import * as path from 'node:path';

/** Files larger than this are not read (the engine has the same limit on decoded text). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** How a file's bytes became text, so a fix can write it back the same way. */
export interface Encoding {
  /** Kafka reads `.properties` as ISO-8859-1; files that are not valid UTF-8 are read that way. */
  charset: 'utf8' | 'latin1';
  bom: boolean;
}

export type ReadOutcome =
  | { ok: true; text: string; encoding: Encoding; mode: number }
  /** `missing`: the path does not exist; `problem`: it exists but cannot be linted. */
  | { ok: false; kind: 'missing' | 'problem'; message: string };

/** Bytes to text: UTF-8 when valid (a BOM is stripped and remembered), else ISO-8859-1. */
export function decode(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: { charset: 'utf8', bom } };
  } catch {
    // Not UTF-8: every byte is one ISO-8859-1 character (and a BOM-like prefix is just text).
    return { text: Buffer.from(bytes).toString('latin1'), encoding: { charset: 'latin1', bom: false } };
  }
}

/**
 * Text to bytes in the file's own encoding. Characters that ISO-8859-1 cannot hold are written as
 * `\uXXXX` escapes, which is how `.properties` files spell them.
 */
export function encode(text: string, encoding: Encoding): Buffer {
  if (encoding.charset === 'latin1') {
    const safe = text.replace(/[^\u0000-\u00ff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
    return Buffer.from(safe, 'latin1');
  }
  const body = Buffer.from(text, 'utf8');
  return encoding.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

function describe(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; not linted';
    case 'ELOOP':
      return 'too many levels of symbolic links; not linted';
    case 'EISDIR':
      return 'is a folder';
    default:
      return `cannot be read (${err.code ?? err.message}); not linted`;
  }
}

/** Read a file for linting, with a one-line reason when it cannot be linted. */
export function readConfigFile(file: string): ReadOutcome {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, kind: err.code === 'ENOENT' || err.code === 'ENOTDIR' ? 'missing' : 'problem', message: describe(err) };
  }
  if (!stat.isFile()) return { ok: false, kind: 'problem', message: 'not a regular file; not linted' };
  if (stat.size > MAX_FILE_BYTES) return { ok: false, kind: 'problem', message: `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; not linted` };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { ok: false, kind: 'problem', message: describe(e as NodeJS.ErrnoException) };
  }
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, kind: 'problem', message: `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; not linted` };
  if (bytes.includes(0)) return { ok: false, kind: 'problem', message: 'file looks binary (it contains NUL bytes); not linted' };
  const { text, encoding } = decode(bytes);
  return { ok: true, text, encoding, mode: stat.mode & 0o7777 };
}

/**
 * Replace a file's content atomically: write a temporary file in the same folder with the same
 * mode, flush it to disk, then rename it over the original. A symbolic link is written through.
 */
export function writeFileAtomic(file: string, data: Uint8Array): void {
  const target = fs.realpathSync(file);
  const stat = fs.statSync(target);
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.kafkalint-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  const fd = fs.openSync(tmp, 'wx', stat.mode & 0o7777);
  try {
    fs.writeFileSync(fd, data);
    fs.fchmodSync(fd, stat.mode & 0o7777);
    try {
      fs.fchownSync(fd, stat.uid, stat.gid);
    } catch {
      // Only the owner or root may change ownership; keeping the mode is what matters.
    }
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  try {
    const dirFd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename itself is already atomic.
  }
}
