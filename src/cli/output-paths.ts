/**
 * Where `--out DIR` writes each input's output: the input's path relative to
 * the common base of the batch's inputs (the deepest directory holding every
 * pattern's base, every folder given and every named file), extension
 * dropped, always inside DIR. Pure: no filesystem access.
 */
import { dirname, isAbsolute, parse as parsePath, relative, resolve, sep } from 'node:path';

/** The deepest directory holding all of `dirs`; `fallback` when there are none. */
export function commonBase(dirs: readonly string[], fallback: string): string {
  if (dirs.length === 0) return resolve(fallback);
  let common = resolve(dirs[0]);
  for (const dir of dirs.slice(1).map((d) => resolve(d))) {
    while (dir !== common && !dir.startsWith(common.endsWith(sep) ? common : common + sep)) common = dirname(common);
  }
  return common;
}

/** An input's path relative to the base, `/`-separated, with its extension: what a shard is chosen by. */
export function relativeInputPath(path: string, base: string): string {
  const inside = relative(resolve(base), resolve(path));
  return inside.split(sep).join('/');
}

/**
 * The name an input's outputs take under the output directory, as `/`-separated
 * segments without extension: `exports/2023/a.txt` with base `exports` → `2023/a`.
 * A path that leaves the base (`../x/a.txt`, `/data/a.txt`) keeps its absolute
 * path without the root (`data/a`); no segment is ever `..`.
 */
export function mirroredName(path: string, base: string): string {
  const full = resolve(path);
  const inside = relative(resolve(base), full);
  const rel = inside === '' || inside === '..' || inside.startsWith('..' + sep) || isAbsolute(inside) ? full.slice(parsePath(full).root.length) : inside;
  const segments = rel.split(/[\\/]+/).filter((s) => s !== '' && s !== '.').map((s) => (s === '..' ? '__' : s));
  if (segments.length === 0) return 'input';
  const last = segments.length - 1;
  const stem = segments[last].replace(/(?<=.)\.[^.]*$/, '');
  segments[last] = stem;
  return segments.join('/');
}

/** Makes names unique in input order: a second `a` becomes `a~2`, a third `a~3`. */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; taken.has(candidate); n++) candidate = `${name}~${n}`;
    taken.add(candidate);
    return candidate;
  });
}

/** The file for `name` + `suffix` under `dir`; null if it would fall outside `dir` (which `mirroredName` never gives). */
export function outputFile(dir: string, name: string, suffix: string): string | null {
  const root = resolve(dir);
  const file = resolve(root, name + suffix);
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}
