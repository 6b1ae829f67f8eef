// Runs inside VS Code's extension host (see ../runTest.ts). The workspace is a copy of ../fixture.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'kafkalint.kafkalint';
const RULE = 'plaintext-listener';

interface CliFinding {
  ruleId: string;
  line: number;
  column: number;
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'object' && c !== null) return String(c.value);
  return c === undefined ? undefined : String(c);
}

function kafkalintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kafkalint');
}

/** "rule@line" (1-based), sorted, for comparing with the CLI. */
function marks(items: Array<{ rule: string; line: number }>): string[] {
  return items.map((i) => `${i.rule}@${i.line}`).sort();
}

describe('kafkalint in VS Code', function () {
  let extension: vscode.Extension<unknown>;
  let doc: vscode.TextDocument;
  let expected: CliFinding[];

  before(async function () {
    extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the fixture folder is open');
    const file = vscode.Uri.joinPath(folder.uri, 'server.properties');
    doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);

    // What the bundled CLI says about the same file (the extension host runs on Electron: make it Node).
    const cli = join(extension.extensionPath, 'dist', 'cli.js');
    const r = spawnSync(process.execPath, [cli, '--format', 'json', file.fsPath], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    assert.ok(r.status === 0 || r.status === 1, `the CLI ran: ${r.stderr}`);
    expected = (JSON.parse(r.stdout) as Array<{ findings: CliFinding[] }>)[0]!.findings;
    assert.ok(expected.some((f) => f.ruleId === RULE), `the fixture triggers ${RULE}`);
  });

  it('activates on a properties file', async () => {
    assert.equal(doc.languageId, 'properties');
    await waitFor('activation', () => extension.isActive);
  });

  it('shows the same findings as the CLI, with the rule id as code and kafkalint as source', async () => {
    const want = marks(expected.map((f) => ({ rule: f.ruleId, line: f.line })));
    const got = await waitFor('diagnostics', () => {
      const m = marks(kafkalintDiagnostics(doc.uri).map((d) => ({ rule: codeOf(d) ?? '', line: d.range.start.line + 1 })));
      return JSON.stringify(m) === JSON.stringify(want) ? m : undefined;
    });
    assert.deepEqual(got, want);
    const d = kafkalintDiagnostics(doc.uri).find((x) => codeOf(x) === RULE)!;
    const finding = expected.find((f) => f.ruleId === RULE)!;
    assert.equal(d.range.start.character + 1, finding.column);
    assert.ok(typeof d.code === 'object' && d.code.target instanceof vscode.Uri, 'the code links to the rule page');
  });

  it(`offers the fix and "show documentation" as quick fixes for ${RULE}`, async () => {
    const d = kafkalintDiagnostics(doc.uri).find((x) => codeOf(x) === RULE)!;
    const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const codeActions = actions.filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a);
    assert.ok(codeActions.some((a) => a.edit && a.diagnostics?.some((x) => codeOf(x) === RULE)), 'a fix with an edit');
    const docs = codeActions.find((a) => a.command?.command === 'kafkalint.showDocumentation');
    assert.ok(docs, 'a show-documentation action');
    assert.deepEqual(docs.command!.arguments, [RULE]);
  });

  it('opens the bundled rule page in the Markdown preview', async () => {
    await vscode.commands.executeCommand('kafkalint.showDocumentation', RULE);
    await waitFor('the preview tab', () =>
      vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label.includes(`${RULE}.md`))),
    );
    await vscode.window.showTextDocument(doc);
  });

  it('turns a rule off through kafkalint.rules', async () => {
    const config = vscode.workspace.getConfiguration('kafkalint');
    await config.update('rules', { [RULE]: 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(`${RULE} to disappear`, () => !kafkalintDiagnostics(doc.uri).some((d) => codeOf(d) === RULE));
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(`${RULE} to come back`, () => kafkalintDiagnostics(doc.uri).some((d) => codeOf(d) === RULE));
  });

  it('restarts the language server on kafkalint.restartServer', async () => {
    await vscode.commands.executeCommand('kafkalint.restartServer');
    await waitFor('diagnostics after the restart', () => kafkalintDiagnostics(doc.uri).some((d) => codeOf(d) === RULE));
  });

  it('provides the lint task with the kafkalint problem matcher', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'kafkalint' });
    const task = tasks.find((t) => t.source === 'kafkalint');
    assert.ok(task, 'a kafkalint task');
    assert.deepEqual(task.problemMatchers, ['$kafkalint']);
    assert.ok(task.execution instanceof vscode.CustomExecution);
  });

  it(`applies the ${RULE} fix`, async () => {
    const d = kafkalintDiagnostics(doc.uri).find((x) => codeOf(x) === RULE)!;
    const line = d.range.start.line;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.edit && a.diagnostics?.some((x) => codeOf(x) === RULE))!;
    const before = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), fix.title);
    assert.notEqual(doc.getText(), before);
    await waitFor(`${RULE} to leave line ${line + 1}`, () => !kafkalintDiagnostics(doc.uri).some((x) => codeOf(x) === RULE && x.range.start.line === line));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
