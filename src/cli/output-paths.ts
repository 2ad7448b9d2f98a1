/**
 * Where `--out DIR` writes each input's output: the input's path relative to
 * its glob base (or to the working directory for a file named as such),
 * extension dropped, always inside DIR. Pure: no filesystem access.
 */
import { isAbsolute, parse as parsePath, relative, resolve, sep } from 'node:path';

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
