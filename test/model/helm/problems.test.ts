import assert from 'node:assert/strict';
import { lintText } from '../../../server/src/engine/lint';
import { listenerTable } from '../../../server/src/model/listeners';

describe('Helm values: files that cannot be read', () => {
  it('an alias bomb is a clear error, not a hang', () => {
    // Each level merges the previous one ten times: 10^6 entries if expanded.
    const lines = ['l0: &l0 {k: v}'];
    for (let i = 1; i <= 6; i++) lines.push(`l${i}: &l${i} {<<: [${Array(10).fill(`*l${i - 1}`).join(', ')}]}`);
    lines.push('auth:', '  <<: *l6', '  clientProtocol: plaintext');
    const started = Date.now();
    const r = lintText('values.yaml', lines.join('\n') + '\n');
    assert.ok(Date.now() - started < 5000);
    assert.equal(r.documents.length, 0);
    assert.ok(r.skipped);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.severity, 'error');
    assert.match(r.problems[0]!.message, /alias/i);
  });

  it('merge keys and aliases resolve to the scalar that defines the value', () => {
    const text = 'common: &p\n  clientProtocol: sasl_tls\nauth:\n  <<: *p\n  interBrokerProtocol: tls\n';
    const d = lintText('values.yaml', text).documents[0]!;
    const client = listenerTable(d).listeners.find((l) => l.name === 'CLIENT')!;
    assert.equal(text.slice(client.span.start, client.span.end), 'sasl_tls');
    assert.equal(d.settings.get('listener.security.protocol.map')!.value, 'INTERNAL:SSL,CLIENT:SASL_SSL');
  });

  it('a values file built from merge keys reads normally (lookups do not use up the alias budget)', () => {
    const lines = ['x-defaults: &d', '  clientProtocol: tls', '  interBrokerProtocol: tls', 'base: &b', '  <<: *d', 'auth:', '  <<: [*b, *d, *b, *d]'];
    for (let i = 0; i < 300; i++) lines.push(`k${i}: {<<: *d}`);
    const r = lintText('values.yaml', lines.join('\n') + '\n');
    assert.equal(r.skipped, undefined);
    assert.equal(r.documents[0]!.settings.get('listener.security.protocol.map')!.value, 'INTERNAL:SSL,CLIENT:SSL');
  });

  it('broken YAML is a syntax error with its position', () => {
    const r = lintText('values.yaml', 'auth:\n  clientProtocol: [plaintext\nsuperUsers: x\n');
    assert.equal(r.documents.length, 0);
    assert.equal(r.problems[0]!.severity, 'error');
    assert.match(r.problems[0]!.message, /YAML syntax error/);
  });

  it('bad server.properties text in a config block is reported inside the block', () => {
    const r = lintText('values.yaml', 'auth:\n  clientProtocol: tls\nconfig: |\n  ok=1\n  bad=\\u12\n');
    const p = r.problems.find((x) => x.severity === 'error');
    assert.ok(p, JSON.stringify(r.problems));
    assert.equal(p.range.start.line + 1, 5);
  });
});
