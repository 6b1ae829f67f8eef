import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { BIN, buildServer, LspClient, ROOT, SERVER_JS } from './lsp-client';

describe('language server: lifecycle', () => {
  before(function () {
    this.timeout(60000);
    buildServer();
  });

  it('initialize answers with the capabilities and server info', async () => {
    const client = LspClient.start();
    try {
      const result = await client.initialize();
      const version = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).version;
      assert.deepEqual(result, {
        capabilities: {
          textDocumentSync: { openClose: true, change: 2 },
          codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.kafkalint'], resolveProvider: false },
          hoverProvider: true,
          completionProvider: { triggerCharacters: ['=', ',', '.'], resolveProvider: false },
          executeCommandProvider: { commands: ['kafkalint.showDocumentation'] },
        },
        serverInfo: { name: 'kafkalint', version },
      });
      // With dynamic registration the server asks for configuration change notifications.
      const reg = await client.waitFor((m) => m.method === 'client/registerCapability', 5000, 'client/registerCapability');
      assert.equal(reg.params.registrations[0].method, 'workspace/didChangeConfiguration');
      assert.equal(await client.stop(), 0);
    } finally {
      client.proc.kill();
    }
  });

  it('does not offer a command the client runs itself', async () => {
    const client = LspClient.start();
    try {
      const result = await client.initialize({ initializationOptions: { clientCommands: ['kafkalint.showDocumentation'] } });
      assert.equal(result.capabilities.executeCommandProvider, undefined);
      await client.stop();
    } finally {
      client.proc.kill();
    }
  });

  it('shutdown answers null and exit ends the process with 0', async () => {
    const client = LspClient.start();
    try {
      await client.initialize();
      assert.equal(await client.request('shutdown'), null);
      client.notify('exit');
      assert.equal(await client.waitForExit(), 0);
    } finally {
      client.proc.kill();
    }
  });

  it('exit without shutdown ends the process with 1', async () => {
    const client = LspClient.start();
    try {
      await client.initialize();
      client.notify('exit');
      assert.equal(await client.waitForExit(), 1);
    } finally {
      client.proc.kill();
    }
  });

  it('ends when the client closes stdin', async () => {
    const client = LspClient.start();
    try {
      await client.initialize();
      client.proc.stdin.end();
      assert.equal(await client.waitForExit(), 1);
    } finally {
      client.proc.kill();
    }
  });

  it('talks stdio without a transport flag, through the bin script', async () => {
    const client = LspClient.start([], BIN);
    try {
      const result = await client.initialize();
      assert.equal(result.serverInfo.name, 'kafkalint');
      assert.equal(await client.stop(), 0);
    } finally {
      client.proc.kill();
    }
  });

  it('bin/kafkalint-language-server.js is executable with a node shebang', () => {
    assert.equal(statSync(BIN).mode & 0o755, 0o755);
    assert.match(readFileSync(BIN, 'utf8'), /^#!\/usr\/bin\/env node\n/);
    const r = spawnSync(BIN, ['--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('--socket=<port> connects to the client and speaks LSP', async () => {
    const net = await import('node:net');
    const { spawn } = await import('node:child_process');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const child = spawn(process.execPath, [SERVER_JS, `--socket=${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const reply = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no initialize reply over the socket')), 10000);
        server.on('connection', (socket) => {
          let data = '';
          socket.on('data', (chunk) => {
            data += chunk.toString('utf8');
            if (data.includes('"serverInfo"')) {
              clearTimeout(timer);
              resolve(data);
            }
          });
          const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
          socket.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        });
      });
      assert.match(reply, /"name":"kafkalint"/);
    } finally {
      child.kill();
      server.close();
    }
  });

  it('--node-ipc works through the library', async () => {
    const { fork } = await import('node:child_process');
    const child = fork(SERVER_JS, ['--node-ipc'], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let stdout = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    try {
      const reply = await new Promise<{ id: number; result: { serverInfo: { name: string } } }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no initialize reply over IPC')), 10000);
        child.on('message', (m: { id?: number; result?: unknown }) => {
          if (m.id === 1) {
            clearTimeout(timer);
            resolve(m as never);
          }
        });
        child.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
      });
      assert.equal(reply.result.serverInfo.name, 'kafkalint');
      assert.equal(stdout, '', 'nothing on stdout in IPC mode');
    } finally {
      child.kill();
    }
  });
});
