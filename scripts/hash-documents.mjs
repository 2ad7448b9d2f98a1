// `node scripts/hash-documents.mjs OUT [ROOT]`: one line per document, the sha1 of
// JSON.stringify(check(parse())) of every .txt under samples/ and test/fixtures/
// (and the bench corpus, when `npm run bench` has written it), under the default
// profile and mof2020, from ROOT/dist (default: this checkout). Two builds give
// the same documents when their files are equal: a refactoring's check that
// nothing it was not meant to change did.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [out, root = resolve(import.meta.dirname, '..')] = process.argv.slice(2);
if (!out) throw new Error('usage: node scripts/hash-documents.mjs OUT [ROOT]');
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
    const hash = createHash('sha1').update(JSON.stringify(check(document, { profile }))).digest('hex');
    lines.push(`${name} ${profile} ${hash}`);
  }
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} documents hashed to ${out}`);
