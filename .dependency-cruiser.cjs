/**
 * The layering of the sources, enforced in `npm test` (test/architecture.test.ts).
 *
 * From the bottom: the contract (the output schema and its codes, severities,
 * limits, the decimal type) and the domain tables import nothing of the
 * pipeline; the catalogue of messages speaks of the contract; then the stages
 * in the order data flows through them: reading files (io) and decoding,
 * parsing (src/parse with the grammar in grammar/), laying out, normalising,
 * checking; then what shows a checked document (output, report, the offline
 * page); the library's faces and drivers (api) above the stages; the command
 * line on top. A module may import its own layer and the layers below it.
 *
 * An exception is written into its rule with the reason, so that the rule
 * stands for every other module.
 */

/**
 * The layers from the bottom. A layer may import itself and the layers below
 * it, except where `below` narrows that: the contract, the domain tables and
 * the scoring profiles import nothing of the project.
 */
const LAYERS = [
  { name: 'contract', path: '^src/contract/', below: [], job: 'the output: the zod schema every type is inferred from, the finding and diagnostic codes, severities, the bound on diagnostics, the decimal type, the JSON Schema' },
  { name: 'tables', path: '^src/tables/', below: [], job: 'domain knowledge as data (labels, taxonomy, units, field names, the qualitative vocabulary, content cues, deadlines), importing nothing' },
  { name: 'profiles', path: '^profiles/', below: [], job: 'the scoring conventions of each authority, as JSON' },
  { name: 'catalogue', path: '^src/catalogue/', job: 'what a reader sees of a diagnostic, in Chinese and English, and the capped list diagnostics are collected in' },
  { name: 'io', path: '^src/io/', job: 'reading files at the edge: finding inputs by name and pattern, reading them within a size bound, the readers of workbooks, Word documents and pages' },
  { name: 'parse', path: '^(src/parse|grammar)/', job: 'bytes → text → blocks → tokens → rows → forms (the Chevrotain grammar in `grammar/`)' },
  { name: 'layout', path: '^src/layout/', job: 'which cell holds which field: each section\'s rows → its fields, and the 一级 and 二级 of every indicator row' },
  { name: 'normalize', path: '^src/normalize/', job: 'placed cells → values (figures, measures, the joined target)' },
  { name: 'check', path: '^src/check/', job: 'the checker: rules, scoring, the one profile resolver; findings and the summary' },
  { name: 'output', path: '^src/output/', job: 'JSON, NDJSON, text, CSV, XLSX, Parquet and the clean export of a document, read through the contract' },
  { name: 'report', path: '^src/report/', job: 'the audit report: checked documents → one HTML page' },
  { name: 'api', path: '^src/api/', job: 'the library\'s faces (`index.ts` for Node, `core.ts` browser-safe), the door that checks their arguments and the drivers that run the stages' },
  // The offline page runs the browser-safe pipeline in a Web Worker, through the library's core.
  { name: 'app', path: '^src/app/', job: 'the offline page: the browser-safe core in a Web Worker behind a drop zone' },
  { name: 'cli', path: '^src/cli/', job: 'the command line: arguments, worker threads, progress, files written in order' },
];

/** Imports a layer makes although its place does not allow them, each with its reason (none at present). */
const EXCEPTIONS = {};

const layerRules = LAYERS.map(({ name, path, below }, at) => {
  const may = below ?? LAYERS.slice(0, at).map((layer) => layer.name);
  return {
    name: `${name}-imports-only-below`,
    comment: `${name} may import only itself${may.length ? ` and ${may.join(', ')}` : ''}`,
    severity: 'error',
    from: { path },
    to: {
      // Only the project's own modules are layered; npm packages and node: builtins are not.
      path: '^(src|grammar|profiles)/',
      pathNot: [path, ...may.map((other) => LAYERS.find((layer) => layer.name === other).path), ...(EXCEPTIONS[name] ?? [])],
    },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A module never reaches itself through its imports, types included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'library-never-imports-cli',
      comment: 'The library (everything but src/cli) works without the command line.',
      severity: 'error',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'catalogue-never-imports-checker',
      comment: 'The catalogue of messages and rule statements reads the rules from the tables, never the checker that applies them.',
      severity: 'error',
      from: { path: '^src/catalogue/' },
      to: { path: '^src/check/' },
    },
    {
      name: 'output-never-imports-checker',
      comment: 'Outputs and the report read checked documents through the contract, never the checker.',
      severity: 'error',
      from: { path: '^src/(output|report)/' },
      to: { path: '^src/check/' },
    },
    {
      name: 'app-uses-checker-entry-only',
      comment: 'The offline page checks through the checker\'s entry (check.ts) and names the built-in profiles (profiles.ts); the rest of the checker is its own.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/check/', pathNot: '^src/check/(check|profiles)\\.ts$' },
    },
    ...layerRules,
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    enhancedResolveOptions: {
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      exportsFields: ['exports'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};

// The layers with each one's job, for the README's table of folders (scripts/architecture.mjs writes it);
// not enumerable, so that dependency-cruiser, which allows no key of its own configuration but its own, does not see it.
Object.defineProperty(module.exports, 'layers', { value: LAYERS.map(({ name, path, job }) => ({ name, path, job })), enumerable: false });
