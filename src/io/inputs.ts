/**
 * Expanding the file names and glob patterns of a command line into input
 * files. Kept apart from the pipeline: the command line finds its inputs
 * without loading the parser.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve as resolvePath, sep } from 'node:path';
import fg from 'fast-glob';
import { EXPORT_EXTENSIONS } from '../tables/export-files.js';

/**
 * An input file: its path as given or as a pattern or folder gave it, and the
 * directory it was found from (a pattern's base, the folder given, a named
 * file's own directory); `--out` mirrors from the common base of them all.
 */
export interface InputFile {
  path: string;
  base: string;
  /** Index of the argument that gave it. */
  argument: number;
}

export interface InputProblem {
  input: string;
  reason: string;
  /** The reason's key in the catalogue (`CLI_MESSAGES`) and its detail, for a message in the run's language. */
  key: 'input-no-match' | 'input-only-output' | 'input-empty-folder' | 'input-no-such-file';
  detail?: Record<string, string>;
}

/** A name that is a file already found under another name (a link, `./a` and `a`): read once. */
export interface SameFile {
  input: string;
  first: string;
}

export interface FindOptions {
  /** Directory that relative paths and patterns start from (default: the working directory). */
  cwd?: string;
  /** Files under this directory are left out (the output directory of a batch). */
  exclude?: string | null;
}

/**
 * Expands file names and glob patterns into files, in the order given (`-`,
 * standard input, is left to the caller); a
 * pattern's matches sorted by path, a file named twice kept once: twice by
 * the same name, or by two names of one file (device and inode), which is
 * told in `sameFiles`. Patterns never follow a symbolic link to a directory
 * (a link back up the tree would otherwise be walked again and again); a
 * symbolic link to a file is taken as that file. A name that
 * exists is taken literally (exports are often named `项目(2023)[1].txt`).
 * A folder gives every export file under it (see EXPORT_EXTENSIONS).
 */
export async function findInputs(args: readonly string[], options: FindOptions = {}): Promise<{ inputs: InputFile[]; problems: InputProblem[]; sameFiles: SameFile[] }> {
  const cwd = resolvePath(options.cwd ?? '.');
  const excluded = options.exclude ? withSep(resolvePath(cwd, options.exclude)) : null;
  const patterns = args.filter((arg) => arg !== '-' && !existsSync(resolvePath(cwd, arg)) && fg.isDynamicPattern(arg));
  const globBase = commonDirectory(patterns.flatMap((p) => patternBases(p, cwd)), cwd);
  const inputs: InputFile[] = [];
  const problems: InputProblem[] = [];
  const sameFiles: SameFile[] = [];
  const seen = new Set<string>();
  const identities = new Map<string, string>();
  /**
   * Adds a file once; false when a pattern's match is not a regular file (nor
   * a link to one). A file named as such may be a pipe or a device
   * (`<(command)`), read within the byte limit.
   */
  const add = async (path: string, base: string, argument: number, named = false): Promise<boolean> => {
    const full = resolvePath(cwd, path);
    if (seen.has(full)) return true;
    const info = await stat(full).catch(() => null);
    if (info === null || info.isDirectory() || (!named && !info.isFile())) return false;
    seen.add(full);
    const identity = `${info.dev}:${info.ino}`;
    const first = identities.get(identity);
    if (first !== undefined) {
      sameFiles.push({ input: path, first });
      return true;
    }
    identities.set(identity, path);
    inputs.push({ path, base, argument });
    return true;
  };
  for (const [argument, arg] of args.entries()) {
    if (arg === '-') continue;
    if (patterns.includes(arg)) {
      const matches = (await fg(arg, { cwd, onlyFiles: false, followSymbolicLinks: false, dot: false, unique: true })).sort(byCodeUnits);
      // A pattern over the tree that holds the output directory leaves out the outputs of an earlier run.
      const outsideOutput = excluded === null || patternBases(arg, cwd).some((b) => withSep(b).startsWith(excluded)) ? matches : matches.filter((m) => !resolvePath(cwd, m).startsWith(excluded));
      let files = 0;
      for (const match of outsideOutput) if (await add(match, globBase, argument)) files++;
      if (files === 0) {
        if (matches.length > outsideOutput.length && outsideOutput.length === 0) problems.push({ input: arg, reason: 'matches only files in the output directory', key: 'input-only-output' });
        else problems.push({ input: arg, reason: 'no file matches this pattern', key: 'input-no-match' });
      }
      continue;
    }
    const kind = await fileKind(resolvePath(cwd, arg));
    if (kind === 'file') await add(arg, dirname(resolvePath(cwd, arg)), argument, true);
    else if (kind === 'missing') problems.push({ input: arg, reason: 'no such file', key: 'input-no-such-file' });
    else {
      let files = 0;
      for (const file of await folderExports(arg, cwd, excluded)) if (await add(file, resolvePath(cwd, arg), argument)) files++;
      const extensions = EXPORT_EXTENSIONS.join(', ');
      if (files === 0) problems.push({ input: arg, reason: `is a folder without export files (${extensions})`, key: 'input-empty-folder', detail: { extensions } });
    }
  }
  return { inputs, problems, sameFiles };
}

/**
 * The export files anywhere under a folder (by their ending, any case;
 * hidden files and folders left out, as the output folder of a batch), as
 * paths that start with the folder as given, sorted.
 */
async function folderExports(folder: string, cwd: string, excluded: string | null): Promise<string[]> {
  const patterns = EXPORT_EXTENSIONS.map((ext) => `**/*${ext}`);
  // Links to folders are not walked (a link back up the tree would be walked again and again); links to files are kept for `add`, which reads through them.
  const found = await fg(patterns, { cwd: resolvePath(cwd, folder), onlyFiles: false, dot: false, unique: true, caseSensitiveMatch: false, followSymbolicLinks: false });
  const files = found.sort(byCodeUnits).map((file) => join(folder, file));
  return excluded === null ? files : files.filter((file) => !resolvePath(cwd, file).startsWith(excluded));
}

function patternBases(pattern: string, cwd: string): string[] {
  return fg.generateTasks([pattern]).map((task) => resolvePath(cwd, task.base));
}

function withSep(dir: string): string {
  return dir.endsWith(sep) ? dir : dir + sep;
}

async function fileKind(path: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The deepest directory containing all of `dirs` (absolute); `fallback` when there are none. */
function commonDirectory(dirs: readonly string[], fallback: string): string {
  if (dirs.length === 0) return fallback;
  let common = dirs[0];
  for (const dir of dirs.slice(1)) {
    while (dir !== common && !dir.startsWith(withSep(common))) common = dirname(common);
  }
  return common;
}
