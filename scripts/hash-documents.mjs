// `node scripts/hash-documents.mjs OUT [ROOT] [--omit=summary.level1,…]`: one line
// per document, the sha1 of JSON.stringify(check(parse())) of every .txt under
// samples/ and test/fixtures/ (and the bench corpus, when `npm run bench` has
// written it), under the default profile and mof2020, from ROOT/dist (default:
// this checkout). Two builds give the same documents when their files are
// equal: a refactoring's check that nothing it was not meant to change did.
// `--omit` hashes each form without the fields named (paths within a form), so
// that a build which adds fields shows that it changed nothing else.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const omitted = args.filter((arg) => arg.startsWith('--omit=')).flatMap((arg) => arg.slice('--omit='.length).split(',').filter(Boolean).map((path) => path.split('.')));
const [out, root = resolve(import.meta.dirname, '..')] = args.filter((arg) => !arg.startsWith('--omit='));
if (!out) throw new Error('usage: node scripts/hash-documents.mjs OUT [ROOT] [--omit=PATH,…]');
/** The document without the omitted fields of each form. */
const omit = (document) => {
  for (const form of document.forms) {
    for (const path of omitted) {
      const parent = path.slice(0, -1).reduce((value, key) => (value == null ? value : value[key]), form);
      if (parent != null) delete parent[path[path.length - 1]];
    }
  }
  return document;
};
const { parse, check } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
const inputs = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.txt')) inputs.push(path);
  }
};
walk(join(root, 'samples'));
walk(join(root, 'test', 'fixtures'));
const corpus = join(root, 'bench', 'corpus', 'corpus-16mb.txt');
if (existsSync(corpus)) inputs.push(corpus);
const lines = [];
for (const path of inputs) {
  const name = relative(root, path);
  const document = parse(readFileSync(path), { file: name });
  for (const profile of ['default', 'mof2020']) {
    const checked = check(document, { profile });
    const hash = createHash('sha1').update(JSON.stringify(omitted.length > 0 ? omit(checked) : checked)).digest('hex');
    lines.push(`${name} ${profile} ${hash}`);
  }
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} documents hashed to ${out}`);
