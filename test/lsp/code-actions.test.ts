import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fix';
import { fixText, lintText } from '../../server/src/engine/lint';
import { BROKER, BROKER_NON_ASCII, BROKER_NON_ASCII_RENAME, DOCS, ZK_BROKER } from './fixtures';
import { applyLspEdits, buildServer, editsOf, LspClient, vscodeLikeCapabilities, type Json } from './lsp-client';

const URI = 'file:///work/cluster/server.properties';
const PATH = '/work/cluster/server.properties';

function engineFinding(text: string, ruleId: string) {
  const f = lintText(PATH, text).findings.find((x) => x.ruleId === ruleId);
  assert.ok(f, `the engine reports ${ruleId}`);
  return f;
}

describe('language server: code actions', () => {
  let client: LspClient;

  before(function () {
    this.timeout(60000);
    buildServer();
  });

  afterEach(async () => {
    await client?.stop().catch(() => undefined);
    client?.proc.kill();
  });

  async function openWith(text: string, options: { capabilities?: Json; uri?: string } = {}): Promise<Json[]> {
    client = LspClient.start();
    await client.initialize(options.capabilities ? { capabilities: options.capabilities } : {});
    client.open(options.uri ?? URI, text);
    return client.diagnostics(options.uri ?? URI, 1);
  }

  function actionsFor(diags: Json[], only?: string[], uri = URI): Promise<Json[]> {
    const context: Json = { diagnostics: diags };
    if (only) context.only = only;
    return client.request('textDocument/codeAction', { textDocument: { uri }, range: diags[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context });
  }

  it('offers the fix, each suggestion, disable-for-line and documentation, in that order', async () => {
    const diags = await openWith(BROKER);
    const pl = diags.filter((d) => d.code === 'plaintext-listener');
    const actions = await actionsFor(pl);
    const f = engineFinding(BROKER, 'plaintext-listener');
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred === true]),
      [
        [f.fix!.title, 'quickfix', false],
        [f.suggestions[0]!.title, 'quickfix', false],
        ['Disable plaintext-listener for this line', 'quickfix', false],
        ['Show documentation for plaintext-listener', 'quickfix', false],
      ],
    );
    for (const a of actions) assert.deepEqual(a.diagnostics, pl);
  });

  it('the fix and the suggestion edit the text exactly as the engine says', async () => {
    const diags = await openWith(BROKER);
    const actions = await actionsFor(diags.filter((d) => d.code === 'plaintext-listener'));
    const f = engineFinding(BROKER, 'plaintext-listener');
    assert.equal(applyLspEdits(BROKER, editsOf(actions[0].edit, URI)), applyEdits(BROKER, f.fix!.edits));
    assert.equal(applyLspEdits(BROKER, editsOf(actions[1].edit, URI)), applyEdits(BROKER, f.suggestions[0]!.edits));
    assert.ok(applyEdits(BROKER, f.fix!.edits).includes('PLAINTEXT:SASL_SSL'));
    // Versioned edits: the client rejects them if the document moved on.
    assert.deepEqual(actions[0].edit.documentChanges[0].textDocument, { uri: URI, version: 1 });
  });

  it('uses plain `changes` when the client does not take documentChanges', async () => {
    const caps = vscodeLikeCapabilities();
    delete caps.workspace.workspaceEdit;
    const diags = await openWith(BROKER, { capabilities: caps });
    const [action] = await actionsFor(diags.filter((d) => d.code === 'plaintext-listener'));
    assert.equal(action.edit.documentChanges, undefined);
    const f = engineFinding(BROKER, 'plaintext-listener');
    assert.equal(applyLspEdits(BROKER, action.edit.changes[URI]), applyEdits(BROKER, f.fix!.edits));
  });

  for (const [name, text] of [
    ['', BROKER_NON_ASCII],
    [', with edits on non-ASCII lines', BROKER_NON_ASCII_RENAME],
  ] as const) {
    it(`rebuilds edits from data, not from the echoed range (Neovim 0.7 sends byte columns)${name}`, async () => {
      const diags = await openWith(text);
      const pl = diags.find((d) => d.code === 'plaintext-listener');
      // What Neovim 0.7 echoes: the same diagnostic with UTF-8 byte columns.
      const line = text.split('\n')[pl.range.start.line]!;
      const bytes = (ch: number) => Buffer.byteLength(line.slice(0, ch), 'utf8');
      const echoed = { ...pl, range: { start: { line: pl.range.start.line, character: bytes(pl.range.start.character) }, end: { line: pl.range.end.line, character: bytes(pl.range.end.character) } } };
      assert.notDeepEqual(echoed.range, pl.range);
      const actions = await actionsFor([echoed], ['quickfix']);
      const f = engineFinding(text, 'plaintext-listener');
      assert.equal(applyLspEdits(text, editsOf(actions[0].edit, URI)), applyEdits(text, f.fix!.edits));
      f.suggestions.forEach((sug, i) => assert.equal(applyLspEdits(text, editsOf(actions[1 + i].edit, URI)), applyEdits(text, sug.edits)));
    });
  }

  it('a diagnostic from an older version is matched in the current text', async () => {
    const diags = await openWith(BROKER);
    const pl = diags.find((d) => d.code === 'plaintext-listener');
    client.change(URI, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# inserted line\n' }]);
    await client.diagnostics(URI, 2);
    const text2 = `# inserted line\n${BROKER}`;
    const actions = await actionsFor([pl], ['quickfix']);
    const f = engineFinding(text2, 'plaintext-listener');
    assert.equal(actions[0].title, f.fix!.title);
    assert.equal(applyLspEdits(text2, editsOf(actions[0].edit, URI)), applyEdits(text2, f.fix!.edits));
    assert.equal(actions[0].edit.documentChanges[0].textDocument.version, 2);
  });

  it('without context diagnostics, acts on the findings that start on the requested lines', async () => {
    await openWith(BROKER);
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } },
      context: { diagnostics: [] },
    });
    const titles = actions.map((a: Json) => a.title);
    assert.ok(titles.includes('Show documentation for plaintext-listener'));
    assert.ok(titles.includes('Show documentation for no-authorizer'));
    assert.ok(!titles.includes('Show documentation for log-dirs-in-tmp'), 'log-dirs-in-tmp is on line 1');
  });

  describe('disable for this line', () => {
    it('inserts a directive above the line with its indentation', async () => {
      const text = BROKER.replace('listeners=PLAINTEXT', '    listeners=PLAINTEXT');
      const diags = await openWith(text);
      const actions = await actionsFor(diags.filter((d) => d.code === 'plaintext-listener'));
      const disable = actions.find((a) => a.title === 'Disable plaintext-listener for this line');
      const after = applyLspEdits(text, editsOf(disable.edit, URI));
      assert.equal(after, text.replace('    listeners=PLAINTEXT', '    # kafkalint-disable-next-line plaintext-listener -- TODO: reason\n    listeners=PLAINTEXT'));
      assert.ok(!lintText(PATH, after).findings.some((f) => f.ruleId === 'plaintext-listener'), 'the directive suppresses the finding');
    });

    it('keeps CRLF line endings', async () => {
      const text = BROKER.replace(/\n/g, '\r\n');
      const diags = await openWith(text);
      const actions = await actionsFor(diags.filter((d) => d.code === 'plaintext-listener'));
      const disable = actions.find((a) => a.title.startsWith('Disable'));
      assert.equal(applyLspEdits(text, editsOf(disable.edit, URI)), text.replace('listeners=PLAINTEXT', '# kafkalint-disable-next-line plaintext-listener -- TODO: reason\r\nlisteners=PLAINTEXT'));
    });

    it('appends to a directive already above the line', async () => {
      const text = BROKER.replace('listeners=PLAINTEXT', '# kafkalint-disable-next-line no-authorizer -- single-node lab\nlisteners=PLAINTEXT');
      const diags = await openWith(text);
      assert.ok(!diags.some((d) => d.code === 'no-authorizer'));
      const actions = await actionsFor(diags.filter((d) => d.code === 'plaintext-listener'));
      const disable = actions.find((a) => a.title === 'Disable plaintext-listener for this line');
      const after = applyLspEdits(text, editsOf(disable.edit, URI));
      assert.equal(after, text.replace('no-authorizer -- single-node lab', 'no-authorizer, plaintext-listener -- single-node lab'));
      assert.ok(!lintText(PATH, after).findings.some((f) => f.ruleId === 'plaintext-listener'));
    });
  });

  describe('show documentation', () => {
    it('is a kafkalint.showDocumentation command with the rule id', async () => {
      const diags = await openWith(BROKER);
      const actions = await actionsFor(diags.filter((d) => d.code === 'plaintext-listener'));
      const docs = actions.find((a) => a.title === 'Show documentation for plaintext-listener');
      assert.deepEqual(docs.command, { title: 'Show documentation for plaintext-listener', command: 'kafkalint.showDocumentation', arguments: ['plaintext-listener'] });
      assert.equal(docs.edit, undefined);
    });

    it('workspace/executeCommand opens the page with window/showDocument', async () => {
      await openWith(BROKER);
      assert.equal(await client.request('workspace/executeCommand', { command: 'kafkalint.showDocumentation', arguments: ['no-authorizer'] }), null);
      const show = client.received.find((m) => m.method === 'window/showDocument');
      assert.deepEqual(show?.params, { uri: `${DOCS}no-authorizer.md`, external: true });
    });

    it('falls back to a message with the address when the client cannot show documents', async () => {
      const caps = vscodeLikeCapabilities();
      delete caps.window.showDocument;
      await openWith(BROKER, { capabilities: caps });
      await client.request('workspace/executeCommand', { command: 'kafkalint.showDocumentation', arguments: ['no-authorizer'] });
      const msg = await client.waitFor((m) => m.method === 'window/showMessage', 5000, 'window/showMessage');
      assert.ok(msg.params.message.includes(`${DOCS}no-authorizer.md`));
    });

    it('rejects an unknown rule or command with InvalidParams', async () => {
      await openWith(BROKER);
      await assert.rejects(client.request('workspace/executeCommand', { command: 'kafkalint.showDocumentation', arguments: ['no-such-rule'] }), (e: Json) => e.error.code === -32602);
      await assert.rejects(client.request('workspace/executeCommand', { command: 'kafkalint.other', arguments: [] }), (e: Json) => e.error.code === -32602);
    });
  });

  describe('fix all', () => {
    const ZK_URI = 'file:///work/zk/server.properties';
    const ZK_PATH = '/work/zk/server.properties';

    it('a safe fix is the preferred quick fix', async () => {
      const diags = await openWith(ZK_BROKER, { uri: ZK_URI });
      const d = diags.filter((x) => x.code === 'zookeeper-tls-missing-cnxn-socket');
      assert.equal(d.length, 1);
      const [action] = await actionsFor(d, ['quickfix'], ZK_URI);
      assert.equal(action.isPreferred, true);
    });

    for (const only of [['source.fixAll'], ['source.fixAll.kafkalint'], ['source']]) {
      it(`applies every safe fix of the current text for only=${JSON.stringify(only)}`, async () => {
        await openWith(ZK_BROKER, { uri: ZK_URI });
        const actions = await client.request('textDocument/codeAction', {
          textDocument: { uri: ZK_URI },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only, triggerKind: 2 },
        });
        assert.deepEqual(
          actions.map((a: Json) => [a.title, a.kind]),
          [['Fix all safe kafkalint problems', 'source.fixAll.kafkalint']],
        );
        const expected = fixText(ZK_PATH, ZK_BROKER);
        assert.ok(expected.applied >= 1);
        assert.equal(applyLspEdits(ZK_BROKER, editsOf(actions[0].edit, ZK_URI)), expected.text);
        assert.ok(expected.text.includes('zookeeper.clientCnxnSocket=org.apache.zookeeper.ClientCnxnSocketNetty'));
      });
    }

    it('quick fix requests do not include fix-all, and nothing safe means no fix-all', async () => {
      const diags = await openWith(BROKER);
      const quick = await actionsFor(diags, ['quickfix']);
      assert.ok(quick.every((a) => a.kind === 'quickfix'));
      assert.deepEqual(await actionsFor([], ['source.fixAll']), []);
    });
  });
});
