// Builds the bundles and packages the VS Code extension: kafkalint-<version>.vsix.
//
//   node scripts/package-vsix.mjs [--out <file.vsix>] [--no-build]
//
// Everything the extension runs is bundled by esbuild, so vsce runs with --no-dependencies and the
// .vscodeignore allow-list decides the content. The script then reads the archive back and fails if it
// holds anything outside that list or misses a file the extension needs.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = resolve(option('--out') ?? join(root, `${pkg.name}-${pkg.version}.vsix`));

function die(message) {
  console.error(`package-vsix: ${message}`);
  process.exit(1);
}

function run(cmd, cmdArgs, cwd) {
  // stdin closed: vsce never turns a warning into a y/N prompt.
  const r = spawnSync(cmd, cmdArgs, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error) die(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) die(`${[cmd, ...cmdArgs].join(' ')} exited with ${r.status}`);
}

if (!flag('--no-build')) run(process.execPath, [join(root, 'scripts/build.mjs')], root);

const bundles = ['dist/client.js', 'dist/server.js', 'dist/cli.js'];
for (const f of bundles) if (!existsSync(join(root, f))) die(`${f} is missing; the build did not produce it`);
const pages = readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.md'));
if (pages.length === 0) die('no rule pages (rules/*.md) to bundle');

// Package from a staging folder holding a snapshot of exactly what the .vscodeignore allow-list keeps:
// - other work in the tree (a concurrent build rewriting dist/, new rule pages) cannot change files
//   while vsce zips them;
// - vsce refuses a package.json with "files" (the npm package's list) next to a .vscodeignore, so the
//   staged manifest drops "files".
const staging = mkdtempSync(join(tmpdir(), 'kafkalint-vsix-'));
try {
  const manifest = { ...pkg };
  delete manifest.files;
  writeFileSync(join(staging, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  for (const f of ['.vscodeignore', 'README.md', 'LICENSE', 'CHANGELOG.md', ...bundles]) {
    if (!existsSync(join(root, f))) continue;
    mkdirSync(dirname(join(staging, f)), { recursive: true });
    cpSync(join(root, f), join(staging, f));
  }
  mkdirSync(join(staging, 'rules'));
  for (const f of pages) cpSync(join(root, 'rules', f), join(staging, 'rules', f));
  // A bundle caught half-written by a concurrent build would not parse.
  for (const f of bundles) {
    const check = spawnSync(process.execPath, ['--check', join(staging, f)], { encoding: 'utf8' });
    if (check.status !== 0) die(`${f} does not parse (was it being rewritten?): ${check.stderr.trim().split('\n')[0]}`);
  }

  mkdirSync(dirname(out), { recursive: true });
  const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
  if (!existsSync(vsce)) die('@vscode/vsce is not installed (npm ci)');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], staging);
} finally {
  rmSync(staging, { recursive: true, force: true });
}

// Read the archive's central directory back (a .vsix is a zip) and check its content.
function zipEntries(file) {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) die(`${file} is not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) die(`${file}: bad central directory`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

const entries = zipEntries(out);
const allowed = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/dist\/(client|server|cli)\.js$/,
  /^extension\/rules\/[a-z0-9-]+\.md$/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/LICENSE(\.txt)?$/i,
];
const stray = entries.filter((e) => !allowed.some((re) => re.test(e)));
if (stray.length > 0) die(`unexpected files in the .vsix: ${stray.join(', ')}`);
const required = ['extension/package.json', ...bundles.map((b) => `extension/${b}`), ...pages.map((f) => `extension/rules/${f}`)];
const missing = required.filter((r) => !entries.includes(r));
if (missing.length > 0) die(`missing from the .vsix: ${missing.join(', ')}`);

const size = statSync(out).size;
console.log(`package-vsix: ${out} (${(size / 1024).toFixed(1)} KiB, ${entries.length} entries, ${pages.length} rule pages)`);
