/**
 * A small JSON-RPC/LSP client for driving the built server over stdio in tests. It frames and
 * parses messages itself so that tests can also send broken frames and see every byte the server
 * writes (stdout and stderr are both kept).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SHARED_CORPUS } from '../shared';

export const ROOT = resolve(__dirname, '..', '..');
export const SERVER_JS = join(ROOT, 'dist', 'server.js');
export const BIN = join(ROOT, 'bin', 'kafkalint-language-server.js');
/** The Apache Kafka 3.9 KRaft sample in the shared real-world corpus. */
export const CORPUS_KRAFT_39 = resolve(SHARED_CORPUS, 'broker-properties', 'apache-kafka-3.9-kraft__server.properties');

let built = false;
/** Build the bundles once per mocha run (`node scripts/build.mjs`). */
export function buildServer(): void {
  if (built && existsSync(SERVER_JS)) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node scripts/build.mjs failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  if (!existsSync(SERVER_JS) || statSync(SERVER_JS).size === 0) throw new Error('the build did not produce dist/server.js');
  built = true;
}

export interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}

export class ResponseErrorLike extends Error {
  constructor(readonly error: RpcError) {
    super(`${error.code}: ${error.message}`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ServerMessage {
  id?: number | string | null;
  method?: string;
  params?: Json;
  result?: Json;
  error?: RpcError;
}

type RequestHandler = (params: Json) => Json;

/** Capabilities like VS Code's, as far as the server looks at them. */
export function vscodeLikeCapabilities(): Json {
  return {
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: true },
      executeCommand: { dynamicRegistration: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: true, didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { snippetSupport: true } },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
    },
    window: { showDocument: { support: true }, workDoneProgress: true },
    general: { positionEncodings: ['utf-16'] },
  };
}

/** A request handler's answer that means: never reply (a stuck client). */
export const NO_REPLY = Symbol('no reply');

export class LspClient {
  readonly stdout: Buffer[] = [];
  stderr = '';
  readonly received: ServerMessage[] = [];
  readonly sent: Json[] = [];
  exitCode: number | null | undefined;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number | string, { resolve: (v: Json) => void; reject: (e: Error) => void }>();
  private waiters: Array<{ test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }> = [];
  private readonly exited: Promise<number | null>;
  /** Answers to server → client requests; tests may replace them. */
  readonly handlers = new Map<string, RequestHandler>();
  /** What `workspace/configuration` answers for section `kafkalint` (null = not configured). */
  configuration: Json = null;

  constructor(readonly proc: ChildProcessWithoutNullStreams) {
    proc.stdout.on('data', (chunk: Buffer) => {
      this.stdout.push(chunk);
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.exited = new Promise((res) => proc.on('exit', (code) => res((this.exitCode = code))));
    this.handlers.set('workspace/configuration', (params) => (params.items ?? []).map(() => this.configuration));
    this.handlers.set('client/registerCapability', () => null);
    this.handlers.set('client/unregisterCapability', () => null);
    this.handlers.set('window/showDocument', () => ({ success: true }));
    this.handlers.set('window/workDoneProgress/create', () => null);
  }

  static start(args: string[] = ['--stdio'], script = SERVER_JS): LspClient {
    const proc = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'], cwd: ROOT });
    return new LspClient(proc);
  }

  private drain(): void {
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length: *(\d+)/i.exec(header);
      if (!m) throw new Error(`server sent a frame without Content-Length: ${header}`);
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as ServerMessage);
    }
  }

  private dispatch(msg: ServerMessage): void {
    this.received.push(msg);
    if (msg.method !== undefined && msg.id !== undefined && msg.id !== null) {
      const handler = this.handlers.get(msg.method);
      const result = handler ? handler(msg.params) : undefined;
      if (result === NO_REPLY) return;
      if (handler) this.write({ jsonrpc: '2.0', id: msg.id, result: result ?? null });
      else this.write({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: `client does not handle ${msg.method}` } });
    } else if (msg.method === undefined && msg.id !== undefined && msg.id !== null) {
      const p = this.pending.get(msg.id);
      if (p) {
        this.pending.delete(msg.id);
        if (msg.error) p.reject(new ResponseErrorLike(msg.error));
        else p.resolve(msg.result);
      }
    }
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (w.test(msg)) w.resolve(msg);
      else still.push(w);
    }
    this.waiters = still;
  }

  write(message: Json): void {
    this.sent.push(message);
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  writeRaw(bytes: Buffer | string): void {
    this.proc.stdin.write(bytes);
  }

  /** Send a request; resolves with its result, rejects with ResponseErrorLike. */
  request(method: string, params?: Json): Promise<Json> {
    return this.requestWithId(method, params).promise;
  }

  requestWithId(method: string, params?: Json): { id: number; promise: Promise<Json> } {
    const id = this.nextId++;
    const promise = new Promise<Json>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    const msg: Json = { jsonrpc: '2.0', id, method };
    if (params !== undefined) msg.params = params;
    this.write(msg);
    return { id, promise };
  }

  notify(method: string, params?: Json): void {
    const msg: Json = { jsonrpc: '2.0', method };
    if (params !== undefined) msg.params = params;
    this.write(msg);
  }

  /** The first message (already received or future) that passes `test`. */
  waitFor(test: (m: ServerMessage) => boolean, timeoutMs = 10000, what = 'a message'): Promise<ServerMessage> {
    const found = this.received.find(test);
    if (found) return Promise.resolve(found);
    return this.waitForNext(test, timeoutMs, what);
  }

  /** The next message from now on that passes `test`. */
  waitForNext(test: (m: ServerMessage) => boolean, timeoutMs = 10000, what = 'a message'): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** Diagnostics published for `uri` (optionally for one document version), waiting for them to arrive. */
  async diagnostics(uri: string, version?: number, timeoutMs = 10000): Promise<Json[]> {
    const test = (m: ServerMessage) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (version === undefined || m.params.version === version);
    const msg = await this.waitFor(test, timeoutMs, `diagnostics for ${uri}${version === undefined ? '' : ` v${version}`}`);
    return msg.params.diagnostics;
  }

  /** Every publishDiagnostics notification for `uri`, in arrival order. */
  published(uri: string): Json[] {
    return this.received.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri).map((m) => m.params);
  }

  async initialize(options: { capabilities?: Json; initializationOptions?: Json } = {}): Promise<Json> {
    const result = await this.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'kafkalint-test-client', version: '1' },
      rootUri: null,
      capabilities: options.capabilities ?? vscodeLikeCapabilities(),
      initializationOptions: options.initializationOptions ?? { debounceMs: 0 },
    });
    this.notify('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId = 'properties'): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: Json[]): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Everything the server wrote, stdout and stderr. */
  allOutput(): string {
    return Buffer.concat(this.stdout).toString('utf8') + this.stderr;
  }

  waitForExit(timeoutMs = 5000): Promise<number | null> {
    return Promise.race([this.exited, new Promise<number | null>((_, reject) => setTimeout(() => reject(new Error('server did not exit')), timeoutMs))]);
  }

  /** shutdown + exit; returns the exit code. */
  async stop(): Promise<number | null> {
    if (this.exitCode !== undefined) return this.exitCode;
    try {
      await this.request('shutdown');
      this.notify('exit');
      return await this.waitForExit();
    } finally {
      if (this.exitCode === undefined) this.proc.kill();
    }
  }
}

/** Apply LSP text edits (UTF-16 positions) to a text, as a client would. */
export function applyLspEdits(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  const offset = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : Math.min(starts[p.line]! + p.character, text.length));
  const sorted = edits.map((e, i) => ({ s: offset(e.range.start), e: offset(e.range.end), t: e.newText, i })).sort((a, b) => b.s - a.s || b.e - a.e || b.i - a.i);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}

/** The text edits of a WorkspaceEdit for one document, whichever form it uses. */
export function editsOf(edit: Json, uri: string): Json[] {
  if (edit.documentChanges) return edit.documentChanges.filter((d: Json) => d.textDocument.uri === uri).flatMap((d: Json) => d.edits);
  return edit.changes?.[uri] ?? [];
}
