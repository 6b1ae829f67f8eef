import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import { applyOffsetEdits, minimalEdits } from '../../server/src/lsp/text-diff';
import { BROKER_WITH_JAAS, JAAS_SECRET, JAAS_USER_SECRET, positionOf } from './fixtures';
import { buildServer, LspClient, vscodeLikeCapabilities, type Json } from './lsp-client';

const URI = 'file:///work/cluster/server.properties';

/** Every piece of a secret long enough to identify it. */
function pieces(secret: string, length = 5): string[] {
  const out: string[] = [];
  for (let i = 0; i + length <= secret.length; i++) out.push(secret.slice(i, i + length));
  return out;
}

describe('language server: secrets never leave the server (RULES.md §E)', () => {
  before(function () {
    this.timeout(60000);
    buildServer();
  });

  for (const markdown of [true, false]) {
    it(`no diagnostic, hover, completion, code action or log holds a JAAS password (${markdown ? 'markdown' : 'plain text'} client)`, async function () {
      this.timeout(60000);
      const r = lintText('/work/cluster/server.properties', BROKER_WITH_JAAS);
      assert.ok(r.secrets.includes(JAAS_SECRET), 'the engine knows the value is a secret');

      const client = LspClient.start();
      try {
        const caps = vscodeLikeCapabilities();
        if (!markdown) caps.textDocument.hover.contentFormat = ['plaintext'];
        client.configuration = { rules: { 'no-such-rule-x': 'loud' } }; // makes the server log a settings warning
        await client.initialize({ capabilities: caps });
        client.notify('$/setTrace', { value: 'verbose' });
        client.open(URI, BROKER_WITH_JAAS);
        const diags = await client.diagnostics(URI, 1);
        assert.ok(diags.length >= 3);

        // Hover on every character of the JAAS line and of the keystore password line, and at
        // the start of every other line.
        const lines = BROKER_WITH_JAAS.split('\n');
        const hovers: Json[] = [];
        for (let line = 0; line < lines.length; line++) {
          const text = lines[line]!;
          const columns = /jaas\.config|keystore\.password/.test(text) ? Array.from({ length: text.length }, (_, i) => i) : [0];
          const replies = await Promise.all(columns.map((character) => client.request('textDocument/hover', { textDocument: { uri: URI }, position: { line, character } })));
          hovers.push(...replies.filter(Boolean));
        }
        assert.ok(hovers.some((h) => h.contents.value.includes('Holds a secret: kafkalint never shows its value.')));

        // Every code action for every diagnostic, fix-all, completion after each separator.
        for (const d of diags) await client.request('textDocument/codeAction', { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] } });
        await client.request('textDocument/codeAction', { textDocument: { uri: URI }, range: diags[0].range, context: { diagnostics: diags, only: ['source'] } });
        for (let line = 0; line < lines.length; line++) {
          const eq = lines[line]!.indexOf('=');
          if (eq >= 0) await client.request('textDocument/completion', { textDocument: { uri: URI }, position: { line, character: eq + 1 } });
          await client.request('textDocument/completion', { textDocument: { uri: URI }, position: { line, character: lines[line]!.length } });
        }
        // An edit inside the secret, and the re-lint it causes.
        const at = positionOf(BROKER_WITH_JAAS, JAAS_USER_SECRET);
        client.change(URI, 2, [{ range: { start: at, end: at }, text: 'Z' }]);
        await client.diagnostics(URI, 2);
        await client.request('workspace/executeCommand', { command: 'kafkalint.showDocumentation', arguments: ['inline-secret'] }).catch(() => undefined);
        await client.stop();

        const output = client.allOutput();
        assert.ok(output.length > 1000, 'the server said a lot');
        const decoded = client.received.map((m) => JSON.stringify(m)).join('\n');
        for (const secret of [JAAS_SECRET, JAAS_USER_SECRET, `Z${JAAS_USER_SECRET}`]) {
          for (const piece of pieces(secret)) {
            assert.ok(!output.includes(piece), `server output contains "${piece}" of a secret`);
            assert.ok(!decoded.includes(piece), `a server message contains "${piece}" of a secret`);
          }
        }
      } finally {
        client.proc.kill();
      }
    });
  }

  it('fix-all edits never carry unchanged text, so a secret between two fixes stays out', async () => {
    const before = `a=1\nsasl.jaas.config=x password="${JAAS_SECRET}";\nb=2\n`;
    const after = `a=10\nsasl.jaas.config=x password="${JAAS_SECRET}";\nb=20\nc=3\n`;
    const edits = minimalEdits(before, after);
    assert.equal(applyOffsetEdits(before, edits), after);
    for (const e of edits) assert.ok(!e.newText.includes(JAAS_SECRET.slice(0, 5)), JSON.stringify(edits));
  });
});
