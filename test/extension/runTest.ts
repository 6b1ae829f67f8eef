// Runs the extension-host suite (suite/) in a real desktop VS Code with @vscode/test-electron.
//
//   npm run test:vscode        (builds dist/, compiles this folder, runs it)
//
// test-electron downloads VS Code (update.code.visualstudio.com) into test/extension/.vscode-test
// unless VSCODE_EXECUTABLE names an installed one; VSCODE_TEST_VERSION picks the version
// ("stable" by default; "1.91.0" is the oldest this extension supports). Machines that cannot
// download VS Code use the code-server end-to-end test (e2e/) instead.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  // Compiled to test/extension/out/runTest.js.
  const root = resolve(__dirname, '..', '..', '..');
  for (const f of ['dist/client.js', 'dist/server.js']) {
    if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  const run = mkdtempSync(join(tmpdir(), 'kafkalint-vscode-test-'));
  const workspace = join(run, 'workspace');
  cpSync(join(root, 'test', 'extension', 'fixture'), workspace, { recursive: true });
  try {
    return await runTests({
      ...(process.env.VSCODE_EXECUTABLE
        ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE }
        : { version: process.env.VSCODE_TEST_VERSION ?? 'stable', cachePath: join(root, 'test', 'extension', '.vscode-test') }),
      extensionDevelopmentPath: root,
      extensionTestsPath: join(__dirname, 'suite', 'index.js'),
      launchArgs: [
        workspace,
        '--user-data-dir', join(run, 'user-data'),
        '--extensions-dir', join(run, 'extensions'),
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-telemetry',
      ],
    });
  } finally {
    rmSync(run, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
