import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText } from '../engine/lint';
import type { LintOptions, LintResult } from '../engine/types';
import { fingerprints } from './diagnostics';
import { settingsKey, type ServerSettings } from './settings';
import { withSiblingFiles } from '../io/siblings';

/** The path the engine sees for a document URI: a file path for `file:`, the URI's path otherwise. */
export function uriToPath(uri: string): string {
  try {
    const url = new URL(uri);
    if (url.protocol === 'file:') return fileURLToPath(url);
    return decodeURIComponent(url.pathname || uri);
  } catch {
    return uri;
  }
}

export function lintOptionsOf(settings: ServerSettings, uri?: string): LintOptions {
  const options: LintOptions = { rules: settings.rules };
  if (settings.kafkaVersion) options.kafkaVersion = settings.kafkaVersion;
  // A saved file's `.env` / `Chart.yaml` neighbours tell how compose and Helm read it.
  return uri?.startsWith('file:') ? withSiblingFiles(uriToPath(uri), options) : options;
}

/** A lint result for one version of one document, with the fingerprints its diagnostics carry. */
export interface Linted {
  uri: string;
  version: number;
  result: LintResult;
  fingerprints: string[];
  settings: ServerSettings;
  /** How long linting took, in milliseconds. */
  millis: number;
}

/**
 * Lint results of open documents, one per document: the latest version linted under the current
 * settings. Code actions, hovers and completion reuse it instead of linting again.
 */
export class LintCache {
  private readonly entries = new Map<string, Linted & { key: string }>();
  lintCount = 0;
  lintMillis = 0;
  lastLintMillis = 0;

  get(doc: TextDocument, settings: ServerSettings): Linted {
    const key = settingsKey(settings);
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.key === key) return hit;
    const started = performance.now();
    const result = lintText(uriToPath(doc.uri), doc.getText(), lintOptionsOf(settings, doc.uri));
    const elapsed = performance.now() - started;
    this.lintCount++;
    this.lintMillis += elapsed;
    this.lastLintMillis = elapsed;
    const entry = { uri: doc.uri, version: doc.version, result, fingerprints: fingerprints(result.findings), settings, millis: elapsed, key };
    this.entries.set(doc.uri, entry);
    return entry;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
