/**
 * Runs java.util.Properties.load (the JDK on PATH) over many inputs in one JVM; the reference
 * oracle for the properties reader. The oracle is compiled once per test process into a temp dir.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type JdkResult = { pairs: [string, string][] } | { error: string };

export interface JdkRequest {
  input: Buffer;
  /** load(Reader) over UTF-8 instead of load(InputStream), which reads ISO-8859-1. */
  utf8: boolean;
}

const ORACLE_SOURCE = path.join(__dirname, 'PropsOracle.java');
/** Both JVMs are short-lived: a quick-start JIT and the serial GC roughly halve their run time. */
const QUICK_JVM = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

let workDir: string | undefined;
let batchCount = 0;

/** Compiles the oracle on first use; returns the temp dir holding classes/ and the inputs. */
function compiledOracle(): string {
  if (workDir !== undefined) return workDir;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafkalint-props-oracle-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  try {
    execFileSync('javac', [...QUICK_JVM.map((o) => `-J${o}`), '-d', path.join(dir, 'classes'), ORACLE_SOURCE], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    throw new Error(describeFailure('javac', error));
  }
  workDir = dir;
  return dir;
}

function describeFailure(tool: string, error: unknown): string {
  const e = error as NodeJS.ErrnoException & { stderr?: Buffer | string };
  if (e.code === 'ENOENT') {
    return `${tool} was not found on PATH: the differential properties test needs a JDK (17 or later).`;
  }
  const stderr = e.stderr ? String(e.stderr).trim() : '';
  return `${tool} failed: ${e.message}${stderr ? `\n${stderr}` : ''}`;
}

/** Loads each input with the JDK, all in one JVM; results come back in input order. */
export function loadWithJdk(inputs: Buffer[], options: { utf8?: boolean } = {}): JdkResult[] {
  const utf8 = options.utf8 ?? false;
  return loadBatchWithJdk(inputs.map((input) => ({ input, utf8 })));
}

/**
 * Like loadWithJdk, with the decoding chosen per input; still a single JVM. The inputs are written
 * one after another into a single file and the oracle is given their byte ranges.
 */
export function loadBatchWithJdk(requests: JdkRequest[]): JdkResult[] {
  const dir = compiledOracle();
  const pack = path.join(dir, `inputs-${++batchCount}.bin`);
  const lines: string[] = [];
  const indexByLine = new Map<string, number>();
  let offset = 0;
  let utf8: boolean | undefined;
  requests.forEach((request, index) => {
    if (request.utf8 !== utf8) {
      utf8 = request.utf8;
      lines.push(utf8 ? '--utf8' : '--latin1');
    }
    const line = `${pack}\t${offset}\t${request.input.length}`;
    offset += request.input.length;
    indexByLine.set(line, index);
    lines.push(line);
  });
  fs.writeFileSync(pack, Buffer.concat(requests.map((r) => r.input)));
  try {
    const run = spawnSync(
      'java',
      [...QUICK_JVM, '-cp', path.join(dir, 'classes'), 'PropsOracle', '--batch'],
      { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 30 },
    );
    if (run.error) throw new Error(describeFailure('java', run.error));
    if (run.status !== 0) throw new Error(`the properties oracle exited with status ${run.status}:\n${run.stderr}`);
    return parseOracleOutput(run.stdout, indexByLine, requests.length);
  } finally {
    fs.rmSync(pack, { force: true });
  }
}

type OracleLine = { file: string } | { key: string; value: string } | { error: string };

function parseOracleOutput(stdout: string, indexByLine: Map<string, number>, count: number): JdkResult[] {
  const results: (JdkResult | undefined)[] = new Array(count).fill(undefined);
  let current = -1;
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const record = JSON.parse(line) as OracleLine;
    if ('file' in record) {
      const index = indexByLine.get(record.file);
      if (index === undefined) throw new Error(`the oracle reported an unknown input: ${record.file}`);
      current = index;
      results[index] = { pairs: [] };
      continue;
    }
    const result = results[current];
    if (result === undefined || !('pairs' in result)) throw new Error(`unexpected oracle output: ${line}`);
    if ('error' in record) results[current] = { error: record.error };
    else result.pairs.push([record.key, record.value]);
  }
  return results.map((result, index) => {
    if (result === undefined) throw new Error(`the oracle printed nothing for input ${index}`);
    return result;
  });
}
