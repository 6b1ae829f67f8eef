// Benchmarks the built language server (dist/server.js) over stdio, the way an editor drives it:
//   1. change → diagnostics latency on a generated 5,000-line broker file (debounce 0),
//   2. request latency (hover, completion, code actions) on that file,
//   3. server memory after opening 1,000 documents.
// Usage: npm run bench  (builds first)   or   node scripts/bench.mjs [--edits 50] [--docs 1000] [--lines 5000]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(ROOT, 'dist', 'server.js');
const SAMPLE = resolve(ROOT, '..', 'shared', 'corpus', 'broker-properties', 'apache-kafka-3.9-kraft__server.properties');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EDITS = arg('edits', 50);
const DOCS = arg('docs', 1000);
const LINES = arg('lines', 5000);

if (!existsSync(SERVER)) {
  console.error('dist/server.js is missing: run `npm run build` (or `npm run bench`, which builds first).');
  process.exit(2);
}

// ---- a minimal LSP client over stdio ----
class Client {
  constructor() {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.diagnosticWaiters = new Map();
    this.proc.stdout.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) break;
        const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))[1]);
        if (this.buffer.length < end + 4 + length) break;
        const msg = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
        this.buffer = this.buffer.subarray(end + 4 + length);
        this.dispatch(msg);
      }
    });
  }

  dispatch(msg) {
    if (msg.method === 'textDocument/publishDiagnostics') {
      const key = `${msg.params.uri}#${msg.params.version}`;
      const waiter = this.diagnosticWaiters.get(key);
      if (waiter) {
        this.diagnosticWaiters.delete(key);
        waiter({ at: performance.now(), count: msg.params.diagnostics.length });
      }
    } else if (msg.method && msg.id !== undefined) {
      this.write({ jsonrpc: '2.0', id: msg.id, result: null });
    } else if (msg.id !== undefined && this.pending.has(msg.id)) {
      const { resolve: done, reject } = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) reject(new Error(msg.error.message));
      else done(msg.result);
    }
  }

  write(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  request(method, params) {
    const id = this.nextId++;
    const promise = new Promise((res, rej) => this.pending.set(id, { resolve: res, reject: rej }));
    this.write({ jsonrpc: '2.0', id, method, params });
    return promise;
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  diagnostics(uri, version) {
    return new Promise((res) => this.diagnosticWaiters.set(`${uri}#${version}`, res));
  }

  async stop() {
    await this.request('shutdown');
    this.notify('exit');
    await new Promise((res) => this.proc.on('exit', res));
  }
}

// ---- inputs ----
function bigBrokerFile(lines) {
  const out = [
    '# Generated broker configuration for the kafkalint benchmark',
    'process.roles=broker,controller',
    'node.id=1',
    'controller.quorum.voters=1@kafka-1.internal:9093',
    'listeners=PLAINTEXT://:9092,CONTROLLER://:9093,INTERNAL://:9094',
    'advertised.listeners=PLAINTEXT://kafka-1.example.com:9092,INTERNAL://kafka-1.internal:9094',
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:SSL,PLAINTEXT:PLAINTEXT,INTERNAL:SASL_SSL',
    'inter.broker.listener.name=INTERNAL',
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'log.dirs=/var/lib/kafka/data',
  ];
  for (let i = 0; out.length < lines; i++) {
    switch (i % 10) {
      case 0:
        out.push(`# section ${i}: settings for tenant t${i % 97}`);
        break;
      case 1:
        out.push('');
        break;
      case 2:
        out.push(`listener.name.internal.scram-sha-512.connections.max.reauth.ms=${3600000 + i}`);
        break;
      case 3:
        out.push(`listener.name.t${i % 50}.ssl.keystore.location=/etc/kafka/secrets/t${i % 50}.jks`);
        break;
      default:
        out.push(`tenant.t${i}.quota.bytes.per.second=${1000 + i}`);
    }
  }
  return `${out.join('\n')}\n`;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1] };
};
const ms = (x) => `${x.toFixed(1)} ms`;
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

// ---- run ----
console.log(`kafkalint language server benchmark: node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const client = new Client();
await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
client.notify('initialized', {});
const atStart = await client.request('kafkalint/stats');
console.log(`server RSS after start: ${mib(atStart.memory.rss)}, heap used ${mib(atStart.memory.heapUsed)}`);

const text = bigBrokerFile(LINES);
const lineCount = text.split('\n').length - 1;
const uri = 'file:///bench/big/server.properties';
let started = performance.now();
let first = client.diagnostics(uri, 1);
client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'properties', version: 1, text } });
const opened = await first;
console.log(`open of a ${lineCount}-line broker file (${(text.length / 1024).toFixed(0)} KiB): first diagnostics after ${ms(opened.at - started)} (${opened.count} diagnostics)`);

// Edits to values spread over the file, one at a time: the time from sending didChange to the
// diagnostics of that version.
const lintBefore = (await client.request('kafkalint/stats')).lint;
const lines = text.split('\n');
const targets = lines.map((l, i) => (l.startsWith('tenant.') ? i : -1)).filter((i) => i >= 0);
const latencies = [];
for (let v = 2; v < EDITS + 2; v++) {
  const line = targets[(v * 7919) % targets.length];
  const col = lines[line].length;
  const done = client.diagnostics(uri, v);
  started = performance.now();
  client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col } }, text: String(v % 10) }] });
  const r = await done;
  latencies.push(r.at - started);
}
const lat = stats(latencies);
const lintAfter = (await client.request('kafkalint/stats')).lint;
const lintAverage = (lintAfter.totalMillis - lintBefore.totalMillis) / (lintAfter.count - lintBefore.count);
console.log(`change → diagnostics over ${EDITS} edits: median ${ms(lat.median)}, p95 ${ms(lat.p95)} (min ${ms(lat.min)}, max ${ms(lat.max)}); of which lintText ${ms(lintAverage)} on average`);

const timeRequests = async (n, make) => {
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await make(i);
    xs.push(performance.now() - t0);
  }
  return stats(xs);
};
const hover = await timeRequests(20, (i) => client.request('textDocument/hover', { textDocument: { uri }, position: { line: targets[i * 13] ?? 5, character: 3 } }));
const completion = await timeRequests(20, () => client.request('textDocument/completion', { textDocument: { uri }, position: { line: lineCount, character: 0 } }));
const actions = await timeRequests(20, () =>
  client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, context: { diagnostics: [] } }),
);
const fixAll = await timeRequests(5, () =>
  client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } }),
);
console.log(`on that file (cached lint): hover median ${ms(hover.median)}, completion median ${ms(completion.median)}, quick fixes median ${ms(actions.median)}, fix-all median ${ms(fixAll.median)}`);

const lintTotals = (await client.request('kafkalint/stats')).lint;
await client.stop();

// Memory after opening many ordinary documents (variants of a real 3.9 sample, each linted once),
// in a fresh server so that the big file above does not count.
const sample = existsSync(SAMPLE) ? readFileSync(SAMPLE, 'utf8') : bigBrokerFile(130);
const fresh = new Client();
await fresh.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
fresh.notify('initialized', {});
const before = await fresh.request('kafkalint/stats');
started = performance.now();
const waits = [];
for (let i = 0; i < DOCS; i++) {
  const docUri = `file:///bench/many/broker-${i}/server.properties`;
  waits.push(fresh.diagnostics(docUri, 1));
  fresh.notify('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'properties', version: 1, text: `${sample}node.id=${i + 1}\n` } });
}
await Promise.all(waits);
const openMs = performance.now() - started;
const after = await fresh.request('kafkalint/stats');
console.log(
  `${DOCS} documents of ${(sample.length / 1024).toFixed(1)} KiB opened and linted in ${ms(openMs)} (${ms(openMs / DOCS)} each): server RSS ${mib(before.memory.rss)} → ${mib(after.memory.rss)}, heap used ${mib(before.memory.heapUsed)} → ${mib(after.memory.heapUsed)}`,
);
console.log(`lintText inside the server: ${ms(lintTotals.totalMillis / lintTotals.count)} on average over ${lintTotals.count} lints of the big file; ${ms(after.lint.totalMillis / after.lint.count)} over the ${after.lint.count} small documents`);
await fresh.stop();

const TARGET_MS = 50;
if (lat.median >= TARGET_MS) console.log(`median change → diagnostics latency is above the ${TARGET_MS} ms target`);
