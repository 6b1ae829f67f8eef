import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import { assertDiagnostics, BROKER, BROKER_NON_ASCII, DOCS, expectedDiagnostics, positionOf } from './fixtures';
import { applyLspEdits, buildServer, CORPUS_KRAFT_39, LspClient, NO_REPLY, vscodeLikeCapabilities, type Json } from './lsp-client';

const URI = 'file:///work/cluster/server.properties';
const PATH = '/work/cluster/server.properties';

function byCode(diags: Json[], code: string): Json[] {
  return diags.filter((d) => d.code === code);
}

describe('language server: diagnostics', () => {
  let client: LspClient;

  before(function () {
    this.timeout(60000);
    buildServer();
  });

  afterEach(async () => {
    await client?.stop().catch(() => undefined);
    client?.proc.kill();
  });

  it('publishes on open with exact ranges, code, source, docs link and data', async () => {
    client = LspClient.start();
    await client.initialize();
    client.open(URI, BROKER);
    const diags = await client.diagnostics(URI, 1);
    assertDiagnostics(diags, expectedDiagnostics(PATH, BROKER, 1));
    const [pl] = byCode(diags, 'plaintext-listener');
    assert.deepEqual(pl.range, { start: { line: 4, character: 10 }, end: { line: 4, character: 27 } });
    assert.equal(pl.severity, 2);
    assert.equal(pl.source, 'kafkalint');
    assert.equal(pl.codeDescription.href, `${DOCS}plaintext-listener.md`);
    assert.deepEqual(pl.data.span, { start: BROKER.indexOf('PLAINTEXT://'), end: BROKER.indexOf('PLAINTEXT://') + 'PLAINTEXT://:9092'.length });
    assert.equal(pl.data.version, 1);
    assert.equal(pl.data.ruleId, 'plaintext-listener');
    assert.equal(byCode(diags, 'no-authorizer').length, 1);
    // Opening publishes once, not twice (onDidOpen and onDidChangeContent).
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(client.published(URI).length, 1);
  });

  it('re-publishes after an incremental change, and clears on close', async () => {
    client = LspClient.start();
    await client.initialize();
    client.open(URI, BROKER);
    await client.diagnostics(URI, 1);
    const start = positionOf(BROKER, 'PLAINTEXT:PLAINTEXT');
    start.character += 'PLAINTEXT:'.length;
    const change = { range: { start, end: { line: start.line, character: start.character + 'PLAINTEXT'.length } }, text: 'SASL_SSL' };
    client.change(URI, 2, [change]);
    const text2 = applyLspEdits(BROKER, [{ range: change.range, newText: change.text }]);
    const diags = await client.diagnostics(URI, 2);
    assertDiagnostics(diags, expectedDiagnostics(PATH, text2, 2));
    assert.equal(byCode(diags, 'plaintext-listener').length, 0);
    client.close(URI);
    const cleared = await client.waitForNext((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === URI, 5000, 'diagnostics after close');
    assert.deepEqual(cleared.params.diagnostics, []);
  });

  it('uses UTF-16 columns on lines with non-ASCII text', async () => {
    client = LspClient.start();
    await client.initialize();
    const uri = 'file:///work/cluster/r%C3%A9seau/server.properties';
    client.open(uri, BROKER_NON_ASCII);
    const diags = await client.diagnostics(uri, 1);
    assertDiagnostics(diags, expectedDiagnostics('/work/cluster/réseau/server.properties', BROKER_NON_ASCII, 1));
    const [pl] = byCode(diags, 'plaintext-listener');
    const at = positionOf(BROKER_NON_ASCII, 'PLAINTEXT://');
    assert.deepEqual(pl.range, { start: at, end: { line: at.line, character: at.character + 'PLAINTEXT://:9092'.length } });
    // 38 UTF-16 units; the same prefix is 43 bytes in UTF-8.
    assert.equal(at.character, 38);
  });

  it('reports problems with the file itself under their kind (syntax-error)', async () => {
    client = LspClient.start();
    await client.initialize();
    const text = `${BROKER}broken.value=\\u12G4\n`;
    client.open(URI, text);
    const diags = await client.diagnostics(URI, 1);
    const expected = expectedDiagnostics(PATH, text, 1);
    assert.ok(expected.some((d) => d.code === 'syntax-error'), 'the engine reports the malformed escape');
    assertDiagnostics(diags, expected);
  });

  it('publishes nothing for files that are not Kafka configuration', async () => {
    client = LspClient.start();
    await client.initialize();
    const uri = 'file:///work/notes.txt';
    client.open(uri, 'just some notes\nnothing = to see here at all\n', 1, 'plaintext');
    assert.deepEqual(await client.diagnostics(uri, 1), []);
  });

  describe('settings', () => {
    it('reads kafkalint.rules through workspace/configuration (severity overrides and off)', async () => {
      client = LspClient.start();
      client.configuration = { rules: { 'plaintext-listener': 'error', 'no-authorizer': 'off' } };
      await client.initialize();
      client.open(URI, BROKER);
      const diags = await client.diagnostics(URI, 1);
      assertDiagnostics(diags, expectedDiagnostics(PATH, BROKER, 1, { rules: { 'plaintext-listener': 'error', 'no-authorizer': 'off' } }));
      assert.equal(byCode(diags, 'plaintext-listener')[0].severity, 1);
      assert.equal(byCode(diags, 'no-authorizer').length, 0);
      const req = client.received.find((m) => m.method === 'workspace/configuration');
      assert.deepEqual(req?.params.items, [{ scopeUri: URI, section: 'kafkalint' }]);
    });

    it('kafkalint.enable=false publishes no diagnostics', async () => {
      client = LspClient.start();
      client.configuration = { enable: false };
      await client.initialize();
      client.open(URI, BROKER);
      assert.deepEqual(await client.diagnostics(URI, 1), []);
    });

    it('re-lints open documents on didChangeConfiguration', async () => {
      client = LspClient.start();
      await client.initialize();
      client.open(URI, BROKER);
      await client.diagnostics(URI, 1);
      client.configuration = { rules: { 'plaintext-listener': 'info' } };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const next = await client.waitForNext((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === URI, 5000, 're-lint');
      assert.equal(next.params.version, 1);
      assert.equal(byCode(next.params.diagnostics, 'plaintext-listener')[0].severity, 3);
    });

    it('without workspace/configuration: initializationOptions, then pushed settings', async () => {
      client = LspClient.start();
      const caps = vscodeLikeCapabilities();
      delete caps.workspace.configuration;
      await client.initialize({ capabilities: caps, initializationOptions: { debounceMs: 0, rules: { 'no-authorizer': 'error' } } });
      client.open(URI, BROKER);
      let diags = await client.diagnostics(URI, 1);
      assert.equal(byCode(diags, 'no-authorizer')[0].severity, 1);
      assert.equal(client.received.filter((m) => m.method === 'workspace/configuration').length, 0);
      client.notify('workspace/didChangeConfiguration', { settings: { kafkalint: { rules: { 'no-authorizer': 'off' } } } });
      const next = await client.waitForNext((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === URI, 5000, 're-lint');
      diags = next.params.diagnostics;
      assert.equal(byCode(diags, 'no-authorizer').length, 0);
    });

    it('lints with the initialization options when the client never answers workspace/configuration', async () => {
      client = LspClient.start();
      client.handlers.set('workspace/configuration', () => NO_REPLY);
      await client.initialize({ initializationOptions: { debounceMs: 0, rules: { 'no-authorizer': 'off' } } });
      client.open(URI, BROKER);
      const diags = await client.diagnostics(URI, 1, 8000);
      assert.equal(byCode(diags, 'no-authorizer').length, 0);
      assert.equal(byCode(diags, 'plaintext-listener').length, 1);
    });

    it('logs invalid settings by name and keeps the valid ones', async () => {
      client = LspClient.start();
      client.configuration = { rules: { 'plaintext-listener': 'loud', 'no-authorizer': 'off' }, kafkaVersion: 'latest' };
      await client.initialize();
      client.open(URI, BROKER);
      const diags = await client.diagnostics(URI, 1);
      assert.equal(byCode(diags, 'no-authorizer').length, 0);
      assert.equal(byCode(diags, 'plaintext-listener')[0].severity, 2);
      const logs = client.received.filter((m) => m.method === 'window/logMessage').map((m) => m.params.message);
      assert.ok(logs.some((l: string) => l.includes('kafkalint.rules.plaintext-listener')), logs.join('\n'));
      assert.ok(logs.some((l: string) => l.includes('kafkalint.kafkaVersion')), logs.join('\n'));
    });
  });

  describe('debounce and stale versions', () => {
    it('a burst of 200 incremental edits ends with the last version only', async function () {
      this.timeout(30000);
      client = LspClient.start();
      await client.initialize();
      client.open(URI, BROKER);
      await client.diagnostics(URI, 1);
      let text = BROKER;
      // 199 edits typing into the comment, then one that makes the PLAINTEXT listener SSL.
      for (let v = 2; v <= 200; v++) {
        const at = { line: 0, character: 2 + (v - 2) };
        client.change(URI, v, [{ range: { start: at, end: at }, text: 'é' }]);
        text = applyLspEdits(text, [{ range: { start: at, end: at }, newText: 'é' }]);
      }
      const start = positionOf(text, 'PLAINTEXT:PLAINTEXT');
      start.character += 'PLAINTEXT:'.length;
      const last = { range: { start, end: { line: start.line, character: start.character + 'PLAINTEXT'.length } }, text: 'SSL' };
      client.change(URI, 201, [last]);
      text = applyLspEdits(text, [{ range: last.range, newText: last.text }]);

      const diags = await client.diagnostics(URI, 201, 20000);
      assertDiagnostics(diags, expectedDiagnostics(PATH, text, 201));
      assert.equal(byCode(diags, 'plaintext-listener').length, 0);
      await new Promise((r) => setTimeout(r, 500));
      const versions = client.published(URI).map((p) => p.version);
      assert.equal(versions[versions.length - 1], 201, `last published version: ${versions.join(',')}`);
      for (let i = 1; i < versions.length; i++) assert.ok(versions[i] >= versions[i - 1], `published out of order: ${versions.join(',')}`);
      assert.equal(versions.filter((v) => v === 201).length, 1);
    });

    it('with a debounce, quick edits are linted once', async () => {
      client = LspClient.start();
      // Long enough that a loaded machine cannot split the burst.
      await client.initialize({ initializationOptions: { debounceMs: 500 } });
      client.open(URI, BROKER);
      await client.diagnostics(URI, 1, 3000); // opening is not delayed
      for (let v = 2; v <= 11; v++) client.change(URI, v, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: '#' }]);
      await client.diagnostics(URI, 11, 5000);
      await new Promise((r) => setTimeout(r, 700));
      assert.deepEqual(
        client.published(URI).map((p) => p.version),
        [1, 11],
      );
    });
  });

  it('matches the engine on the 3.9 KRaft sample from the corpus', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(CORPUS_KRAFT_39, 'utf8');
    client = LspClient.start();
    await client.initialize();
    client.open(URI, text);
    const diags = await client.diagnostics(URI, 1);
    assertDiagnostics(diags, expectedDiagnostics(PATH, text, 1));
    assert.ok(lintText(PATH, text).findings.some((f) => f.ruleId === 'plaintext-listener'));
  });
});
