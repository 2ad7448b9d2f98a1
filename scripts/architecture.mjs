// `node scripts/architecture.mjs` (npm run architecture): draws the layers of the
// sources and which imports which, from the real imports as dependency-cruiser
// reads them under .dependency-cruiser.cjs, as a Mermaid flowchart in
// docs/architecture.md. `--check` writes nothing and exits 1 when the file
// differs from the drawing of the sources as they are now.
import { cruise } from 'dependency-cruiser';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'architecture.md');
const LAYER_RULE = /^(.+)-imports-only-below$/;

const config = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs'));
/** The layers from the bottom, as the layering rules name them: each a name and the pattern of its paths. */
const layers = config.forbidden.filter((rule) => LAYER_RULE.test(rule.name)).map((rule) => ({ name: LAYER_RULE.exec(rule.name)[1], path: new RegExp(rule.from.path) }));
const layerOf = (path) => layers.find((layer) => layer.path.test(path))?.name ?? null;

const { enhancedResolveOptions, ...options } = config.options;
process.chdir(ROOT);
const { output } = await cruise(['src', 'grammar', 'profiles'], { ...options, validate: false }, enhancedResolveOptions);

const edges = new Set();
const present = new Set();
for (const module of output.modules) {
  const from = layerOf(module.source);
  if (from === null) continue;
  present.add(from);
  for (const dependency of module.dependencies) {
    const to = layerOf(dependency.resolved);
    if (to !== null && to !== from) edges.add(`${from} --> ${to}`);
  }
}
const rank = (name) => layers.findIndex((layer) => layer.name === name);
const byLayer = (a, b) => rank(a.split(' --> ')[0]) - rank(b.split(' --> ')[0]) || rank(a.split(' --> ')[1]) - rank(b.split(' --> ')[1]);
const folders = (name) => {
  // '^(src/parse|grammar)/' → src/parse/ + grammar/
  const source = layers.find((layer) => layer.name === name).path.source.replaceAll('\\/', '/');
  return source.replace(/^\^/, '').replace(/\/$/, '').replace(/^\((.*)\)$/, '$1').split('|').map((folder) => `${folder}/`).join(' + ');
};

const drawing = [
  '# Architecture',
  '',
  'Written by `npm run architecture` (scripts/architecture.mjs) from the imports of the',
  'sources; `npm test` fails when it no longer matches them. An arrow goes from a layer',
  'to a layer it imports; the layers are listed from the bottom, and the rules that keep',
  'every arrow pointing down are in .dependency-cruiser.cjs.',
  '',
  '```mermaid',
  'flowchart BT',
  ...layers.filter((layer) => present.has(layer.name)).map((layer) => `  ${layer.name}["${layer.name}<br/>${folders(layer.name)}"]`),
  ...[...edges].sort(byLayer).map((edge) => `  ${edge}`),
  '```',
  '',
].join('\n');

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(OUT, 'utf8');
  } catch {
    // Missing: differs.
  }
  if (committed !== drawing) {
    console.error('docs/architecture.md does not match the imports of the sources: run npm run architecture');
    process.exit(1);
  }
} else {
  writeFileSync(OUT, drawing);
  console.log(`docs/architecture.md: ${present.size} layers, ${edges.size} arrows`);
}
