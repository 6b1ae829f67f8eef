import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** Folders never searched: dependencies, VCS data, build output (hidden folders are skipped too). */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist']);

/** Names worth opening while searching a folder; the content then decides (`isKafkaConfig`). */
const CANDIDATE_NAME = /\.(properties|cfg|conf|config|props|template|ya?ml)$/i;

export interface Target {
  /** Absolute path. */
  file: string;
  /** Named on the command line (or matched by a glob): linted whatever its name or content. */
  explicit: boolean;
}

export interface Discovery {
  targets: Target[];
  /** Command-line paths or globs that name nothing: exit code 2. */
  missing: Array<{ arg: string; message: string }>;
}

/** POSIX path of `file` relative to `cwd`: what every output shows. */
export function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}

function skipFolder(name: string): boolean {
  return SKIPPED_FOLDERS.has(name) || name.startsWith('.');
}

/** Every regular file under `dir`, in sorted order, without entering skipped or symlinked folders. */
function* walk(dir: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipFolder(e.name)) yield* walk(full);
    } else if (e.isFile()) {
      yield full;
    } else if (e.isSymbolicLink()) {
      // A link to a file is read through; a link to a folder is not followed.
      try {
        if (fs.statSync(full).isFile()) yield full;
      } catch {
        // Dangling link: nothing to lint.
      }
    }
  }
}

function isGlob(arg: string): boolean {
  return picomatch.scan(arg).isGlob;
}

/**
 * Turn command-line paths and globs into files. Files found by searching a folder are candidates
 * (`explicit: false`): the caller keeps those the engine recognises as Kafka configuration.
 */
export function discover(args: readonly string[], cwd: string): Discovery {
  const targets: Target[] = [];
  const missing: Discovery['missing'] = [];
  for (const arg of args.length ? args : ['.']) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats | undefined;
    let statError: NodeJS.ErrnoException | undefined;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      statError = e as NodeJS.ErrnoException;
    }
    if (stat?.isDirectory()) {
      for (const file of walk(abs)) if (CANDIDATE_NAME.test(file)) targets.push({ file, explicit: false });
      continue;
    }
    if (stat || (statError && statError.code !== 'ENOENT' && statError.code !== 'ENOTDIR')) {
      // A file, or something that exists but cannot be read: the reader reports why.
      targets.push({ file: abs, explicit: true });
      continue;
    }
    if (isGlob(arg)) {
      const posixArg = arg.split(path.sep).join('/');
      const scan = picomatch.scan(posixArg);
      const base = path.resolve(cwd, scan.base || '.');
      const absolute = path.isAbsolute(arg);
      const isMatch = picomatch(absolute ? posixArg : path.posix.normalize(posixArg));
      let found = 0;
      for (const file of walk(base)) {
        if (isMatch(toPosix(absolute ? file : path.relative(cwd, file)))) {
          targets.push({ file, explicit: true });
          found++;
        }
      }
      if (found === 0) missing.push({ arg, message: 'no files match this glob' });
      continue;
    }
    // A dangling symbolic link named on the command line is a missing file too.
    missing.push({ arg, message: 'no such file or folder' });
  }
  // One entry per file; a file named explicitly wins over the same file found in a folder.
  const byFile = new Map<string, Target>();
  for (const t of targets) {
    const prev = byFile.get(t.file);
    if (!prev || (t.explicit && !prev.explicit)) byFile.set(t.file, t);
  }
  return { targets: [...byFile.values()], missing };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
