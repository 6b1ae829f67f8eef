import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import type { LintOptions } from '../../server/src/engine/types';
import type { Json } from './lsp-client';

export const DOCS = 'https://github.com/kafkalint/kafkalint/blob/main/rules/';

/** A KRaft combined node with one PLAINTEXT client listener (line 4) and no authorizer. */
export const BROKER = [
  '# a small KRaft node',
  'process.roles=broker,controller',
  'node.id=1',
  'controller.quorum.voters=1@localhost:9093',
  'listeners=PLAINTEXT://:9092,CONTROLLER://:9093',
  'controller.listener.names=CONTROLLER',
  'listener.security.protocol.map=CONTROLLER:SSL,PLAINTEXT:PLAINTEXT',
  '',
].join('\n');

/** The same node with non-ASCII text before the PLAINTEXT listener on its line (é: 1 UTF-16 unit, 😀: 2). */
export const BROKER_NON_ASCII = [
  '# réseau überall',
  'process.roles=broker,controller',
  'node.id=1',
  'controller.quorum.voters=1@localhost:9093',
  'listeners=SSL://café-😀.internal:9093,PLAINTEXT://:9092,CONTROLLER://:9094',
  'controller.listener.names=CONTROLLER',
  'listener.security.protocol.map=CONTROLLER:SSL,PLAINTEXT:PLAINTEXT,SSL:SSL',
  '',
].join('\n');

/**
 * A ZooKeeper-mode broker whose PLAINTEXT listener is named after its protocol: the fix renames it
 * on the two lines that hold non-ASCII text before it.
 */
export const BROKER_NON_ASCII_RENAME = [
  '# réseau überall',
  'broker.id=0',
  'zookeeper.connect=zk1:2181',
  'listeners=SSL://café-😀.internal:9093,PLAINTEXT://:9092',
  'advertised.listeners=SSL://café-😀.internal:9093,PLAINTEXT://kafka-ü.internal:9092',
  '',
].join('\n');

/** A ZooKeeper-mode broker with TLS to ZooKeeper but the NIO socket: a finding with a safe fix. */
export const ZK_BROKER = ['broker.id=0', 'zookeeper.connect=zk1:2182', 'zookeeper.ssl.client.enable=true', 'listeners=SSL://:9093', ''].join('\n');

export const JAAS_SECRET = 'Xq9-s3cr3t-Pw-77';
export const JAAS_USER_SECRET = 'Ul7-Wq8z-S3cret';
/** A broker whose JAAS configuration holds passwords; they must never leave the server. */
export const BROKER_WITH_JAAS = [
  'process.roles=broker,controller',
  'node.id=1',
  'controller.quorum.voters=1@localhost:9093',
  'listeners=SASL_PLAINTEXT://:9092,CONTROLLER://:9093',
  'controller.listener.names=CONTROLLER',
  'listener.security.protocol.map=CONTROLLER:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT',
  'sasl.enabled.mechanisms=PLAIN',
  `listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${JAAS_SECRET}" user_admin="${JAAS_SECRET}" user_alice="${JAAS_USER_SECRET}";`,
  `ssl.keystore.password=${JAAS_SECRET}`,
  '',
].join('\n');

export const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };

/** The diagnostics the server must publish for a text, built from the engine's own result. */
export function expectedDiagnostics(path: string, text: string, version: number, options: LintOptions = {}): Json[] {
  const r = lintText(path, text, options);
  const out: Json[] = r.findings.map((f) => ({
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: `${DOCS}${f.ruleId}.md` },
    source: 'kafkalint',
    message: f.message,
    data: { ruleId: f.ruleId, version, span: f.span },
  }));
  for (const p of r.problems) out.push({ range: p.range, severity: SEVERITY[p.severity], code: p.code, source: 'kafkalint', message: p.message });
  return out;
}

/** Compare published diagnostics with the expected ones; fingerprints are checked for shape only. */
export function assertDiagnostics(actual: Json[], expected: Json[]): void {
  const strip = (d: Json) => {
    const copy = JSON.parse(JSON.stringify(d));
    if (copy.data) {
      assert.match(copy.data.fingerprint, /^[0-9a-f]{16}$/);
      delete copy.data.fingerprint;
    }
    delete copy.relatedInformation;
    return copy;
  };
  assert.deepEqual(actual.map(strip), expected);
}

/** The 0-based line and UTF-16 column of the first occurrence of `needle`. */
export function positionOf(text: string, needle: string, from = 0): { line: number; character: number } {
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `"${needle}" not in text`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
