/**
 * Stands in for `node:fs` in the page's worker bundle (see scripts/build.mjs):
 * only the profile loader imports it, to read a profile file by path, which
 * the page never asks for (it offers the built-in profiles by name).
 */
export function readFileSync(path: string): never {
  throw new Error(`cannot read "${path}": no file system in the browser`);
}
