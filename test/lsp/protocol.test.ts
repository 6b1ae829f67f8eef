import assert from 'node:assert/strict';
import { BROKER, positionOf } from './fixtures';
import { buildServer, LspClient, type Json } from './lsp-client';

const URI = 'file:///work/cluster/server.properties';

function frame(body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

describe('language server: protocol robustness', () => {
  let client: LspClient;

  before(function () {
    this.timeout(60000);
    buildServer();
  });

  // One server for the whole suite: it must survive everything the tests throw at it.
  before(async () => {
    client = LspClient.start();
    await client.initialize();
    client.open(URI, BROKER);
    await client.diagnostics(URI, 1);
  });

  afterEach(async () => {
    const h = await client.request('textDocument/hover', { textDocument: { uri: URI }, position: positionOf(BROKER, 'PLAINTEXT://') });
    assert.ok(h.contents.value.includes('plaintext-listener'));
    assert.equal(client.exitCode, undefined, 'the server is still running');
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  const errorOf = async (p: Promise<Json>): Promise<Json> => {
    try {
      await p;
    } catch (e) {
      return (e as { error: Json }).error;
    }
    assert.fail('expected an error response');
  };

  it('a request cancelled before it runs is answered with RequestCancelled', async () => {
    // Request and cancellation in one write: the cancellation arrives while the request is queued.
    const id = 4242;
    const request = frame(JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 4, character: 12 } } }));
    const cancel = frame(JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }));
    client.writeRaw(Buffer.concat([request, cancel]));
    const reply = await client.waitFor((m) => m.id === id, 5000, 'the reply to the cancelled request');
    assert.equal(reply.error?.code, -32800);
    assert.equal(reply.result, undefined);
  });

  it('cancelling an unknown or finished request is harmless', async () => {
    client.notify('$/cancelRequest', { id: 999999 });
    const done = await client.request('textDocument/completion', { textDocument: { uri: URI }, position: { line: 7, character: 0 } });
    assert.ok(done.items.length > 0);
  });

  it('an unknown method is answered with MethodNotFound', async () => {
    const e = await errorOf(client.request('kafkalint/noSuchThing', {}));
    assert.equal(e.code, -32601);
    client.notify('kafkalint/noSuchNotification', {});
  });

  for (const [method, params] of [
    ['textDocument/hover', {}],
    ['textDocument/hover', { textDocument: { uri: URI }, position: { line: -1, character: 0 } }],
    ['textDocument/hover', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }],
    ['textDocument/completion', { textDocument: { uri: URI } }],
    ['textDocument/codeAction', { textDocument: { uri: URI }, context: { diagnostics: [] } }],
    ['textDocument/codeAction', { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }],
    ['workspace/executeCommand', { arguments: ['plaintext-listener'] }],
  ] as const) {
    it(`invalid params for ${method} (${JSON.stringify(params)}) get InvalidParams`, async () => {
      const e = await errorOf(client.request(method, params));
      assert.equal(e.code, -32602, JSON.stringify(e));
    });
  }

  it('malformed diagnostics in a code action context are ignored', async () => {
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } },
      context: { diagnostics: [null, 7, { range: 'x' }, { source: 'kafkalint', code: 'plaintext-listener', range: { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } }, data: 'junk' }] },
    });
    assert.ok(actions.some((a: Json) => a.title === 'Show documentation for plaintext-listener'));
  });

  it('params of the wrong JSON type get InvalidParams', async () => {
    const id = 777;
    client.writeRaw(frame(JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: 5 })));
    const reply = await client.waitFor((m) => m.id === id, 5000, 'reply');
    assert.equal(reply.error?.code, -32602);
  });

  it('garbage JSON in a frame is answered with a Parse error', async () => {
    client.writeRaw(frame('{"jsonrpc": "2.0", "id": 5, "method": '));
    const reply = await client.waitForNext((m) => m.id === null && m.error !== undefined, 5000, 'parse error');
    assert.equal(reply.error?.code, -32700);
  });

  it('a frame without Content-Length is answered with a Parse error', async () => {
    client.writeRaw('X-Nonsense: 1\r\n\r\n');
    const reply = await client.waitForNext((m) => m.id === null && m.error !== undefined, 5000, 'parse error');
    assert.equal(reply.error?.code, -32700);
  });

  it('JSON that is not a message is answered with Invalid request', async () => {
    client.writeRaw(frame('[1, 2, 3]'));
    const first = await client.waitForNext((m) => m.id === null && m.error?.code === -32600, 5000, 'invalid request');
    assert.ok(first);
    client.writeRaw(frame(JSON.stringify({ jsonrpc: '2.0', id: 31, method: 17 })));
    const second = await client.waitFor((m) => m.id === 31, 5000, 'invalid request with id');
    assert.equal(second.error?.code, -32600);
  });

  it('requests on documents that are not open answer empty', async () => {
    const other = 'file:///nowhere/server.properties';
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri: other }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), []);
    assert.equal(await client.request('textDocument/completion', { textDocument: { uri: other }, position: { line: 0, character: 0 } }), null);
  });

  it('answers kafkalint/stats with memory figures', async () => {
    const stats = await client.request('kafkalint/stats');
    assert.ok(stats.memory.rss > 0);
    assert.equal(stats.documents, 1);
  });
});
