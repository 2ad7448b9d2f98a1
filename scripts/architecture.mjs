// `node scripts/architecture.mjs` (npm run architecture): draws the layers of the
// sources and which imports which, from the real imports as dependency-cruiser
// reads them under .dependency-cruiser.cjs, as a Mermaid flowchart in
// docs/architecture.md, and writes the README's table of folders (between its
// `folders` markers) from the layers and the job each is given there. `--check`
// writes nothing and exits 1 when either differs from what the sources and the
// configuration give now.
import { cruise } from 'dependency-cruiser';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'architecture.md');
const README = join(ROOT, 'README.md');
const MAP_START = '<!-- folders: written by npm run architecture from .dependency-cruiser.cjs -->';
const MAP_END = '<!-- /folders -->';
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

/** The README's table of folders: each layer's folders and its job, from the bottom. */
const map = [
  MAP_START,
  '| folder | job |',
  '|---|---|',
  ...config.layers.map((layer) => `| ${folders(layer.name).split(' + ').map((folder) => `\`${folder}\``).join(', ')} | ${layer.job} |`),
  MAP_END,
].join('\n');
const readme = readFileSync(README, 'utf8');
const mapStart = readme.indexOf(MAP_START);
const mapEnd = readme.indexOf(MAP_END);
if (mapStart < 0 || mapEnd < mapStart) {
  console.error(`README.md has no table of folders between ${MAP_START} and ${MAP_END}`);
  process.exit(1);
}
const mapped = readme.slice(0, mapStart) + map + readme.slice(mapEnd + MAP_END.length);

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
  if (mapped !== readme) {
    console.error("README.md's table of folders does not match the layers of .dependency-cruiser.cjs: run npm run architecture");
    process.exit(1);
  }
} else {
  writeFileSync(OUT, drawing);
  writeFileSync(README, mapped);
  console.log(`docs/architecture.md: ${present.size} layers, ${edges.size} arrows; README.md: ${config.layers.length} folders`);
}
