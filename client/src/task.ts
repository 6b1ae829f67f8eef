// "Lint workspace": runs the bundled CLI over a workspace folder as a VS Code task; the `$kafkalint`
// problem matcher (package.json) turns its compact output into entries of the Problems panel.
import * as vscode from 'vscode';

export const TASK_TYPE = 'kafkalint';
const TASK_SOURCE = 'kafkalint';

interface LintTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  /** Paths or globs relative to the workspace folder; default ".". */
  paths?: string[];
}

/**
 * The runtime that runs the CLI: the one running this extension (Node in code-server and remote
 * hosts, Electron in desktop VS Code, where ELECTRON_RUN_AS_NODE makes it behave as Node). The
 * language server runs on the same one, so the task needs no Node on the user's PATH.
 */
function runtime(): { command: string; env: Record<string, string> } {
  const env: Record<string, string> = {};
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
  return { command: process.execPath, env };
}

function cleanPaths(value: unknown): string[] {
  if (!Array.isArray(value)) return ['.'];
  const paths = value.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return paths.length > 0 ? paths : ['.'];
}

export class LintTaskProvider implements vscode.TaskProvider {
  constructor(private readonly cliPath: string) {}

  provideTasks(): vscode.Task[] {
    return (vscode.workspace.workspaceFolders ?? []).map((folder) => this.create(folder, { type: TASK_TYPE }));
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as LintTaskDefinition;
    if (definition.type !== TASK_TYPE) return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    // A task from tasks.json must keep its own definition object.
    return this.create(folder, definition, task.name);
  }

  private create(folder: vscode.WorkspaceFolder, definition: LintTaskDefinition, name = 'lint workspace'): vscode.Task {
    const { command, env } = runtime();
    const args = [this.cliPath, '--format', 'compact', ...cleanPaths(definition.paths)];
    const execution = new vscode.ProcessExecution(command, args, { cwd: folder.uri.fsPath, env });
    const task = new vscode.Task(definition, folder, name, TASK_SOURCE, execution, ['$kafkalint']);
    task.group = vscode.TaskGroup.Build;
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true, showReuseMessage: false };
    task.detail = 'Lint every Kafka configuration in the folder with the kafkalint CLI';
    return task;
  }
}

/** `kafkalint.lintWorkspace`: run the lint task (asking for the folder in a multi-root workspace). */
export async function lintWorkspace(): Promise<void> {
  const tasks = (await vscode.tasks.fetchTasks({ type: TASK_TYPE })).filter((t) => t.source === TASK_SOURCE);
  if (tasks.length === 0) {
    void vscode.window.showInformationMessage('kafkalint: open a folder to lint it.');
    return;
  }
  let task = tasks[0];
  if (tasks.length > 1) {
    const picked = await vscode.window.showQuickPick(
      tasks.map((t) => ({ label: typeof t.scope === 'object' ? t.scope.name : t.name, task: t })),
      { title: 'kafkalint: lint which folder?' },
    );
    if (!picked) return;
    task = picked.task;
  }
  if (task) await vscode.tasks.executeTask(task);
}
