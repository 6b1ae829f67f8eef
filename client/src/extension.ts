// The kafkalint VS Code extension. Thin on purpose: the language server (dist/server.js) owns every
// check, fix and setting's meaning; this file starts it, and adds what only an editor can do
// (commands, a task, a status bar item).
import * as vscode from 'vscode';
import {
  CloseAction,
  type ErrorHandler,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { showDocumentation } from './documentation';
import { COMMANDS, SECTION, TASK_TYPE } from './ids';
import { documentSelector, normalizePatterns } from './selector';
import { type ServerState, StatusItem } from './status';
import { LintTaskProvider, lintWorkspace } from './task';

/** Settings that decide which server runs and on what; the others are the server's to read. */
const RESTART_ON = [`${SECTION}.enable`, `${SECTION}.filePatterns`];

function settings() {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    enable: config.get<boolean>('enable', true) !== false,
    patterns: normalizePatterns(config.get<unknown>('filePatterns')),
  };
}

/** Starts, stops and restarts the language client, one operation at a time. */
class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private gaveUp = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly serverModule: string,
    private readonly output: vscode.LogOutputChannel,
    private readonly status: StatusItem,
  ) {}

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  dispose(): void {
    void this.stop();
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doStart(): Promise<void> {
    const { enable, patterns } = settings();
    const selector = documentSelector(patterns);
    this.status.setSelector(selector);
    if (!enable) {
      this.output.info('kafkalint is disabled (kafkalint.enable is false); the language server is not started.');
      this.status.set('disabled');
      return;
    }

    const serverOptions: ServerOptions = {
      run: { module: this.serverModule, transport: TransportKind.ipc },
      debug: {
        module: this.serverModule,
        transport: TransportKind.ipc,
        options: { execArgv: ['--nolazy', '--inspect=6019'] },
      },
    };
    this.gaveUp = false;
    // The default handler restarts a crashed server a few times; remember when it stops trying.
    let fallback: ErrorHandler | undefined;
    const errorHandler: ErrorHandler = {
      error: (error, message, count) => fallback!.error(error, message, count),
      closed: async () => {
        const result = await fallback!.closed();
        if (result.action === CloseAction.DoNotRestart) this.gaveUp = true;
        return result;
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: selector,
      diagnosticCollectionName: SECTION,
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler,
      // Settings are pulled by the server (workspace/configuration, section "kafkalint"), which
      // registers for their change notifications itself: no `synchronize` here.
      // This extension runs "show documentation" itself (the pages are bundled); the server must not
      // also offer it through workspace/executeCommand, or the client library would register it twice.
      initializationOptions: { clientCommands: [COMMANDS.showDocumentation] },
      // Hovers may link to the rule page.
      markdown: { isTrusted: { enabledCommands: [COMMANDS.showDocumentation] }, supportHtml: false },
    };
    const owned = new LanguageClient(SECTION, 'kafkalint', serverOptions, clientOptions);
    fallback = owned.createDefaultErrorHandler();
    owned.onDidChangeState((e) => {
      if (this.client === owned) this.status.set(this.toStatus(e.newState));
    });
    this.client = owned;
    this.status.set('starting');
    try {
      await owned.start();
    } catch (err) {
      this.output.error(`The kafkalint language server did not start: ${err instanceof Error ? err.message : String(err)}`);
      if (this.client === owned) this.status.set('failed');
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.dispose(2000);
      } catch (err) {
        this.output.warn(`Stopping the language server: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.status.set('stopped');
  }

  private toStatus(state: State): ServerState {
    switch (state) {
      case State.Running:
        return 'running';
      case State.Starting:
        return 'starting';
      case State.StartFailed:
        return 'failed';
      default:
        return this.gaveUp ? 'failed' : 'stopped';
    }
  }
}

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('kafkalint', { log: true });
  const status = new StatusItem(COMMANDS.showOutput, documentSelector(settings().patterns));
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const cliPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  controller = new ServerController(serverModule, output, status);

  context.subscriptions.push(
    output,
    status,
    controller,
    vscode.commands.registerCommand(COMMANDS.showDocumentation, (arg?: unknown) => showDocumentation(context.extensionUri, arg)),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      output.info('Restarting the language server (command).');
      await controller?.restart();
    }),
    vscode.commands.registerCommand(COMMANDS.lintWorkspace, () => lintWorkspace()),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new LintTaskProvider(cliPath)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_ON.some((key) => e.affectsConfiguration(key))) {
        output.info('Settings changed (kafkalint.enable or kafkalint.filePatterns); restarting the language server.');
        void controller?.restart();
      }
    }),
  );

  await controller.start();
}

export async function deactivate(): Promise<void> {
  const c = controller;
  controller = undefined;
  await c?.stop();
}
