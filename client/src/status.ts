// The status bar item: is the language server running? A click shows its output.
import * as vscode from 'vscode';

export type ServerState = 'starting' | 'running' | 'stopped' | 'disabled' | 'failed';

const LOOK: Record<ServerState, { icon: string; words: string; warn?: boolean }> = {
  starting: { icon: '$(sync~spin)', words: 'starting' },
  running: { icon: '$(check)', words: 'running' },
  stopped: { icon: '$(debug-stop)', words: 'stopped' },
  disabled: { icon: '$(circle-slash)', words: 'disabled by the setting kafkalint.enable' },
  failed: { icon: '$(error)', words: 'failed; see the output', warn: true },
};

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private state: ServerState = 'stopped';
  private readonly listeners: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    showOutputCommand: string,
    private selector: vscode.DocumentSelector,
  ) {
    this.item = vscode.window.createStatusBarItem('kafkalint.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'kafkalint';
    this.item.command = showOutputCommand;
    this.listeners.push(vscode.window.onDidChangeActiveTextEditor(() => this.refresh()));
    this.refresh();
  }

  get current(): ServerState {
    return this.state;
  }

  set(state: ServerState): void {
    this.state = state;
    this.refresh();
  }

  setSelector(selector: vscode.DocumentSelector): void {
    this.selector = selector;
    this.refresh();
  }

  private refresh(): void {
    if (this.disposed) return;
    const look = LOOK[this.state];
    this.item.text = `${look.icon} kafkalint`;
    this.item.tooltip = `kafkalint language server: ${look.words}. Click to show its output.`;
    this.item.backgroundColor = look.warn ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.accessibilityInformation = { label: `kafkalint ${look.words}`, role: 'button' };
    // Shown where it matters: next to a Kafka configuration, or whenever the server is in trouble.
    const doc = vscode.window.activeTextEditor?.document;
    const relevant = !!doc && vscode.languages.match(this.selector, doc) > 0;
    if (relevant || this.state === 'failed') this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.disposed = true;
    for (const l of this.listeners) l.dispose();
    this.item.dispose();
  }
}
