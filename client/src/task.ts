// "Lint workspace": runs the bundled CLI over a workspace folder as a VS Code task; the `$kafkalint`
// problem matcher (package.json) turns its compact output into entries of the Problems panel.
import { type ChildProcess, spawn } from 'node:child_process';
import * as vscode from 'vscode';
import { PROBLEM_MATCHER, TASK_TYPE } from './ids';

/** Longest wait for the task terminal's view before the CLI starts anyway. */
const START_WAIT_MS = 3000;
/** Pause between the last line and the end of the task. */
const CLOSE_DELAY_MS = 750;
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
function runtime(): { command: string; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
  // Plain lines for the problem matcher.
  delete env.FORCE_COLOR;
  env.NO_COLOR = '1';
  return { command: process.execPath, env };
}

function cleanPaths(value: unknown): string[] {
  if (!Array.isArray(value)) return ['.'];
  const paths = value.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return paths.length > 0 ? paths : ['.'];
}

/**
 * The task's terminal: runs the CLI as a child process and writes its output line by line.
 *
 * VS Code's problem matcher reads what the terminal shows, and it misses lines written before the
 * terminal's view exists or after the task has already ended (seen in code-server: a CLI that is done
 * in a fraction of a second got none or only some of its lines matched). So the CLI is started only
 * once the terminal has its dimensions (its view exists), and the task ends a moment after the last
 * line is written.
 */
class LintTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private child: ChildProcess | undefined;
  private started = false;
  private closed = false;
  private startTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly args: string[],
    private readonly cwd: string,
  ) {}

  open(initialDimensions: vscode.TerminalDimensions | undefined): void {
    if (initialDimensions) this.start();
    // No view yet: start when VS Code sizes the terminal, or after a while regardless.
    else this.startTimer = setTimeout(() => this.start(), START_WAIT_MS);
  }

  setDimensions(): void {
    this.start();
  }

  private start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    if (this.startTimer) clearTimeout(this.startTimer);
    const { command, env } = runtime();
    this.line(`kafkalint ${this.args.slice(1).join(' ')}  (in ${this.cwd})`);
    let child: ChildProcess;
    try {
      child = spawn(command, this.args, { cwd: this.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (err) {
      this.finish(2, `Could not start the kafkalint CLI: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.child = child;
    const pipe = (stream: NodeJS.ReadableStream | null) => {
      if (!stream) return;
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split(/\r?\n/);
        pending = lines.pop() ?? '';
        for (const l of lines) this.line(l);
      });
      stream.on('end', () => {
        if (pending) this.line(pending);
        pending = '';
      });
    };
    pipe(child.stdout);
    pipe(child.stderr);
    child.on('error', (err) => this.finish(2, `Could not run the kafkalint CLI: ${err.message}`));
    child.on('close', (code, signal) => {
      const status = code ?? 2;
      const summary =
        signal !== null
          ? `kafkalint stopped (${signal}).`
          : status === 0
            ? 'kafkalint: no problems at or above the failing severity.'
            : status === 1
              ? 'kafkalint: problems found (see the Problems panel).'
              : `kafkalint exited with ${status} (usage or internal error).`;
      this.finish(status, summary);
    });
  }

  close(): void {
    this.child?.kill();
  }

  private line(text: string): void {
    if (!this.closed) this.writeEmitter.fire(`${text}\r\n`);
  }

  private finish(code: number, message: string): void {
    if (this.closed) return;
    this.line('');
    this.line(message);
    this.closed = true;
    // Let the terminal take in the last lines before the task (and its problem matcher) ends.
    setTimeout(() => this.closeEmitter.fire(code), CLOSE_DELAY_MS);
  }
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
    const args = [this.cliPath, '--format', 'compact', ...settingsArgs(folder), ...cleanPaths(definition.paths)];
    const cwd = folder.uri.fsPath;
    const execution = new vscode.CustomExecution(async () => new LintTerminal(args, cwd));
    const task = new vscode.Task(definition, folder, name, TASK_SOURCE, execution, [PROBLEM_MATCHER]);
    task.group = vscode.TaskGroup.Build;
    // The terminal is shown while the task runs: the problem matcher reads it (see LintTerminal).
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, focus: false, clear: true, showReuseMessage: false };
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

/** The user's kafkalint settings as CLI options, so the task reports what the editor reports. */
function settingsArgs(folder: vscode.WorkspaceFolder): string[] {
  const config = vscode.workspace.getConfiguration('kafkalint', folder.uri);
  const args: string[] = [];
  const rules = config.get<Record<string, unknown>>('rules') ?? {};
  for (const [id, level] of Object.entries(rules)) {
    if (/^[a-z0-9-]+$/.test(id) && typeof level === 'string' && /^(error|warning|info|off)$/.test(level)) args.push('--rule', `${id}=${level}`);
  }
  const version = config.get<string>('kafkaVersion');
  if (version && /^\d+(\.\d+){0,2}$/.test(version.trim())) args.push('--kafka-version', version.trim());
  return args;
}
