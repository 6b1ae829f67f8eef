// "Show documentation": the rule pages ship inside the extension (rules/<id>.md), so this works offline.
import * as vscode from 'vscode';
import { isRuleId, ruleIdFromArgument } from './selector';

interface RulePick extends vscode.QuickPickItem {
  ruleId: string;
}

function rulesFolder(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'rules');
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Rule ids that have a page in the extension, sorted. */
export async function bundledRuleIds(extensionUri: vscode.Uri): Promise<string[]> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(rulesFolder(extensionUri));
  } catch {
    return [];
  }
  return entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.md'))
    .map(([name]) => name.slice(0, -'.md'.length))
    .filter(isRuleId)
    .sort();
}

/** Rule ids kafkalint reports in the active editor, so the picker can offer them first. */
function idsInActiveEditor(): Set<string> {
  const ids = new Set<string>();
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) return ids;
  for (const d of vscode.languages.getDiagnostics(doc.uri)) {
    if (d.source !== 'kafkalint') continue;
    const code = typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
    if (typeof code === 'string' && isRuleId(code)) ids.add(code);
  }
  return ids;
}

async function pickRule(extensionUri: vscode.Uri): Promise<string | undefined> {
  const ids = await bundledRuleIds(extensionUri);
  if (ids.length === 0) {
    void vscode.window.showErrorMessage('kafkalint: no rule pages were found in the extension.');
    return undefined;
  }
  const here = idsInActiveEditor();
  const items: RulePick[] = [];
  const inFile = ids.filter((id) => here.has(id));
  if (inFile.length > 0) {
    items.push({ label: 'Reported in this file', kind: vscode.QuickPickItemKind.Separator, ruleId: '' });
    for (const id of inFile) items.push({ label: id, ruleId: id });
    items.push({ label: 'All rules', kind: vscode.QuickPickItemKind.Separator, ruleId: '' });
  }
  for (const id of ids) if (!here.has(id)) items.push({ label: id, ruleId: id });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'kafkalint: show rule documentation',
    placeHolder: 'Rule id',
    matchOnDescription: true,
  });
  return picked?.ruleId || undefined;
}

/**
 * Opens the page of a rule in VS Code's Markdown preview. `arg` is the rule id (as the language
 * server's code actions pass it); without one (Command Palette, a key binding), the user picks a rule.
 */
export async function showDocumentation(extensionUri: vscode.Uri, arg?: unknown): Promise<void> {
  const id = ruleIdFromArgument(arg) ?? (await pickRule(extensionUri));
  if (!id) return;
  const page = vscode.Uri.joinPath(rulesFolder(extensionUri), `${id}.md`);
  if (!(await exists(page))) {
    void vscode.window.showErrorMessage(`kafkalint: there is no documentation page for rule "${id}".`);
    return;
  }
  // Beside the configuration being edited when there is one, so the finding stays in view.
  const command = vscode.window.activeTextEditor ? 'markdown.showPreviewToSide' : 'markdown.showPreview';
  await vscode.commands.executeCommand(command, page);
}
