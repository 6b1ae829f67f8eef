import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SHARED_CORPUS } from '../shared';

/** The shared real-world corpus, next to the repository. */
export const CORPUS_DIR = SHARED_CORPUS;

export function corpusFiles(): string[] {
  if (!existsSync(CORPUS_DIR)) throw new Error(`The corpus is missing: expected it at ${CORPUS_DIR}`);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name !== 'MANIFEST.tsv') out.push(relative(CORPUS_DIR, p).split('\\').join('/'));
    }
  };
  walk(CORPUS_DIR);
  return out;
}

/** Decode as the CLI does: UTF-8 when valid, else ISO-8859-1. */
export function readCorpusFile(rel: string): string {
  const bytes = readFileSync(join(CORPUS_DIR, rel));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return bytes.toString('latin1');
  }
}
