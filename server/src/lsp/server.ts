import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  LSPErrorCodes,
  MarkupKind,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getRule } from '../engine/lint';
import { codeActions, FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND } from './code-actions';
import { completionsAt } from './completion';
import { ruleDocsUrl, toDiagnostics } from './diagnostics';
import { LintCache, type Linted } from './documents';
import { hoverAt } from './hover';
import { mergeSettings, parseSettings, settingsSection, type ServerSettings } from './settings';

export const SERVER_NAME = 'kafkalint';
export const STATS_REQUEST = 'kafkalint/stats';
const CONFIGURATION_TIMEOUT_MS = 3000;

interface ClientFeatures {
  configuration: boolean;
  configurationRegistration: boolean;
  documentChanges: boolean;
  markdownHover: boolean;
  showDocument: boolean;
  /** The client runs `kafkalint.showDocumentation` itself (initializationOptions.clientCommands). */
  clientShowsDocumentation: boolean;
}

function clientFeatures(caps: ClientCapabilities): ClientFeatures {
  return {
    configuration: caps.workspace?.configuration === true,
    configurationRegistration: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
    markdownHover: (caps.textDocument?.hover?.contentFormat ?? [MarkupKind.PlainText]).includes(MarkupKind.Markdown),
    showDocument: caps.window?.showDocument?.support === true,
    clientShowsDocumentation: false,
  };
}

// ---- parameter checks: malformed requests get InvalidParams, not an internal error ----

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isPosition(v: unknown): v is { line: number; character: number } {
  return isObject(v) && Number.isInteger(v.line) && Number.isInteger(v.character) && (v.line as number) >= 0 && (v.character as number) >= 0;
}
function isRange(v: unknown): boolean {
  return isObject(v) && isPosition(v.start) && isPosition(v.end);
}
function hasDocument(p: Record<string, unknown>): boolean {
  return isObject(p.textDocument) && typeof p.textDocument.uri === 'string';
}
function invalidParams(method: string, what: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `Invalid params for ${method}: ${what}`);
}
function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

export interface ServerState {
  readonly cache: LintCache;
  readonly shutdownReceived: boolean;
}

/** Wire the language features onto a connection and start listening. */
export function startServer(connection: Connection, version: string): ServerState {
  const documents = new TextDocuments(TextDocument);
  const cache = new LintCache();
  let features: ClientFeatures = clientFeatures({});
  let initLayer: Partial<ServerSettings> = {};
  let pushedLayer: Partial<ServerSettings> = {};
  const configLayers = new Map<string, Promise<Partial<ServerSettings>>>();
  const lastSettings = new Map<string, ServerSettings>();
  const timers = new Map<string, NodeJS.Timeout>();
  const lastPublished = new Map<string, number>();
  const opened = new Set<string>();
  let shutdownReceived = false;
  const reported = new Set<string>();

  const log = connection.console;
  /**
   * Log an internal error by its kind and stack frames. Messages are kept only for programming
   * errors V8 words itself (they name properties, not values); any other message may quote file
   * content, a secret included (JSON and YAML parsers do), so it is left out.
   */
  const logError = (what: string, err: unknown) => {
    const e = err instanceof Error ? err : new Error('non-error thrown');
    const frames = (e.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 8);
    const message = e instanceof TypeError || e instanceof ReferenceError ? `: ${e.message}` : '';
    log.error(`${what}: ${e.name}${message}\n${frames.join('\n')}`);
  };
  const reportSettingsProblems = (problems: string[]) => {
    for (const p of problems) {
      if (reported.has(p)) continue;
      reported.add(p);
      log.warn(`Ignoring a setting: ${p}.`);
    }
  };

  const layerOf = (raw: unknown): Partial<ServerSettings> => {
    const { settings, problems } = parseSettings(settingsSection(raw));
    reportSettingsProblems(problems);
    return settings;
  };

  async function settingsFor(uri: string): Promise<ServerSettings> {
    let client: Partial<ServerSettings> = pushedLayer;
    if (features.configuration) {
      let layer = configLayers.get(uri);
      if (!layer) {
        // A client that never answers must not stop linting: after a while, go on without its settings.
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<unknown>((resolve) => (timer = setTimeout(() => resolve(undefined), CONFIGURATION_TIMEOUT_MS)));
        layer = Promise.race([connection.workspace.getConfiguration({ scopeUri: uri, section: 'kafkalint' }), timeout]).then(
          (raw) => {
            clearTimeout(timer);
            return isObject(raw) ? layerOf(raw) : {};
          },
          () => {
            clearTimeout(timer);
            return {};
          },
        );
        configLayers.set(uri, layer);
      }
      client = await layer;
    }
    const settings = mergeSettings(initLayer, client);
    lastSettings.set(uri, settings);
    return settings;
  }

  /** The lint of a document's current version, for requests (settings as last read for it). */
  async function currentLint(uri: string): Promise<{ doc: TextDocument; linted: Linted } | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const settings = lastSettings.get(uri) ?? (await settingsFor(uri));
    const now = documents.get(uri);
    if (!now || !settings.enable) return undefined;
    return { doc: now, linted: cache.get(now, settings) };
  }

  function publish(uri: string, version: number, linted: Linted | undefined, doc: TextDocument): void {
    const diagnostics = linted ? toDiagnostics(linted.result, version, uri, doc) : [];
    lastPublished.set(uri, version);
    void connection.sendDiagnostics({ uri, version, diagnostics });
  }

  async function validate(uri: string, version: number): Promise<void> {
    try {
      const settings = await settingsFor(uri);
      const doc = documents.get(uri);
      // Closed, or edited while the settings were read: the newer version has its own lint scheduled.
      if (!doc || doc.version !== version) return;
      if ((lastPublished.get(uri) ?? -Infinity) > version) return;
      if (!settings.enable) {
        publish(uri, version, undefined, doc);
        return;
      }
      const linted = cache.get(doc, settings);
      publish(uri, version, linted, doc);
      // Shown with kafkalint.trace.server = messages/verbose: names and counts only, never file text.
      connection.tracer.log(`Linted ${uri} (version ${version}): ${linted.result.findings.length} findings, ${linted.result.problems.length} file problems, ${linted.millis.toFixed(1)} ms.`);
    } catch (err) {
      logError(`Linting ${uri} failed`, err);
    }
  }

  function schedule(uri: string, immediate = false): void {
    const doc = documents.get(uri);
    if (!doc) return;
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    const delay = immediate ? 0 : (lastSettings.get(uri) ?? mergeSettings(initLayer, pushedLayer)).debounceMs;
    const version = doc.version;
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void validate(uri, version);
      }, delay),
    );
  }

  documents.onDidChangeContent((e) => {
    const first = !opened.has(e.document.uri);
    opened.add(e.document.uri);
    schedule(e.document.uri, first);
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
    cache.delete(uri);
    configLayers.delete(uri);
    lastSettings.delete(uri);
    lastPublished.delete(uri);
    opened.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    features = clientFeatures(params.capabilities ?? {});
    initLayer = layerOf(params.initializationOptions);
    const opts = isObject(params.initializationOptions) ? params.initializationOptions : {};
    // A client that implements a command itself (the VS Code extension does for showDocumentation)
    // lists it here, so that the client library does not register it a second time.
    const clientCommands = Array.isArray(opts.clientCommands) ? opts.clientCommands.filter((c): c is string => typeof c === 'string') : [];
    const commands = [SHOW_DOCUMENTATION_COMMAND].filter((c) => !clientCommands.includes(c));
    features.clientShowsDocumentation = clientCommands.includes(SHOW_DOCUMENTATION_COMMAND);
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['=', ',', '.'], resolveProvider: false },
      },
      serverInfo: { name: SERVER_NAME, version },
    };
    if (commands.length) result.capabilities.executeCommandProvider = { commands };
    return result;
  });

  connection.onInitialized(() => {
    if (features.configuration && features.configurationRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kafkalint' }).catch(() => undefined);
    }
    log.info(`kafkalint language server ${version} ready.`);
  });

  connection.onShutdown(() => {
    shutdownReceived = true;
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  connection.onDidChangeConfiguration((params) => {
    configLayers.clear();
    lastSettings.clear();
    if (!features.configuration) pushedLayer = isObject(params?.settings) ? layerOf(params.settings) : {};
    for (const doc of documents.all()) schedule(doc.uri, true);
  });

  /** Common guard: cancellation first, then parameter checks, then errors that never leak file text. */
  function handle<P, R>(method: string, check: (p: Record<string, unknown>) => string | undefined, fn: (params: P, token: CancellationToken) => Promise<R> | R) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      if (token?.isCancellationRequested) throw cancelled();
      if (!isObject(params)) throw invalidParams(method, 'expected an object');
      const problem = check(params);
      if (problem) throw invalidParams(method, problem);
      try {
        const result = await fn(params, token);
        if (token?.isCancellationRequested) throw cancelled();
        return result;
      } catch (err) {
        if (err instanceof ResponseError) throw err;
        logError(`${method} failed`, err);
        throw new ResponseError(ErrorCodes.InternalError, `kafkalint could not answer ${method}; the server log has the details.`);
      }
    };
  }

  const positional = (p: Record<string, unknown>) => (!hasDocument(p) ? 'textDocument.uri is required' : !isPosition(p.position) ? 'position must have integer line and character' : undefined);

  connection.onHover(
    handle('textDocument/hover', positional, async (params: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
      const current = await currentLint(params.textDocument.uri);
      if (!current) return null;
      return hoverAt(current.doc, current.linted, current.doc.offsetAt(params.position), {
        markdown: features.markdownHover,
        // The VS Code extension opens the bundled page (works offline) through its own command.
        ...(features.clientShowsDocumentation ? { docsLink: (id: string) => `command:${SHOW_DOCUMENTATION_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}` } : {}),
      });
    }),
  );

  connection.onCompletion(
    handle('textDocument/completion', positional, async (params: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
      const current = await currentLint(params.textDocument.uri);
      if (!current) return null;
      return completionsAt(current.doc, current.linted, params.position);
    }),
  );

  connection.onCodeAction(
    handle(
      'textDocument/codeAction',
      (p) => (!hasDocument(p) ? 'textDocument.uri is required' : !isRange(p.range) ? 'range is required' : !isObject(p.context) ? 'context is required' : undefined),
      async (params: Parameters<typeof codeActions>[0]) => {
        const current = await currentLint(params.textDocument.uri);
        if (!current) return [];
        const diagnostics = Array.isArray(params.context.diagnostics) ? params.context.diagnostics.filter((d) => isObject(d) && isRange(d.range)) : [];
        const context = { ...params.context, diagnostics };
        if (context.only !== undefined && !Array.isArray(context.only)) delete context.only;
        return codeActions({ ...params, context }, { doc: current.doc, linted: current.linted, documentChanges: features.documentChanges });
      },
    ),
  );

  connection.onExecuteCommand(
    handle(
      'workspace/executeCommand',
      (p) => (typeof p.command !== 'string' ? 'command is required' : undefined),
      async (params: { command: string; arguments?: unknown[] }) => {
        if (params.command !== SHOW_DOCUMENTATION_COMMAND) throw invalidParams('workspace/executeCommand', `unknown command ${params.command}`);
        const id = params.arguments?.[0];
        if (typeof id !== 'string' || !getRule(id)) throw invalidParams('workspace/executeCommand', 'the first argument must be a kafkalint rule id');
        const url = ruleDocsUrl(id);
        if (features.showDocument) await connection.window.showDocument({ uri: url, external: true });
        // A notification, not showMessageRequest: nothing to answer, nothing that blocks the editor.
        else void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `kafkalint: documentation for ${id}: ${url}` });
        return null;
      },
    ),
  );

  connection.onRequest(STATS_REQUEST, () => ({
    memory: process.memoryUsage(),
    documents: documents.keys().length,
    cachedResults: cache.size,
    lint: { count: cache.lintCount, totalMillis: cache.lintMillis, lastMillis: cache.lastLintMillis },
  }));

  documents.listen(connection);
  connection.listen();
  return {
    cache,
    get shutdownReceived() {
      return shutdownReceived;
    },
  };
}
