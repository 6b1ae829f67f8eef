// Names the extension shares with package.json (contributions) and with the language server.
// Pure: no `vscode` import, so tests can check them against the manifest.

/** Settings section, language client id and diagnostic collection name. */
export const SECTION = 'kafkalint';

export const COMMANDS = {
  showDocumentation: 'kafkalint.showDocumentation',
  restartServer: 'kafkalint.restartServer',
  lintWorkspace: 'kafkalint.lintWorkspace',
  showOutput: 'kafkalint.showOutput',
} as const;

/** Task type of the "lint workspace" task, and the problem matcher it uses (package.json). */
export const TASK_TYPE = 'kafkalint';
export const PROBLEM_MATCHER = '$kafkalint';
