// Builds dist/: the bundled CLI and its worker (fast cold start), the library (ESM, dependencies
// left external), its type declarations and the JSON Schema of the output.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const define = { JIXIAO_VERSION: JSON.stringify(pkg.version), JIXIAO_BUNDLED: 'true' };
// Files are overwritten in place rather than dist/ emptied first, so that a CLI
// test running while the package is rebuilt never finds dist/cli.js missing;
// only the declarations are cleared, since a renamed module would leave its old ones.
mkdirSync('dist', { recursive: true });
rmSync('dist/types', { recursive: true, force: true });

// The audit report's page script: src/report/client-script.ts bundles it (one
// definition of the bundle); here that module is run once and then replaced,
// in every bundle below, by a module returning its result as a constant, so
// the package never runs esbuild and the page carries exactly this script.
await build({
  entryPoints: ['src/report/client-script.ts'],
  outfile: 'dist/.build/client-script.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const { reportClientScript } = await import(new URL('../dist/.build/client-script.mjs', import.meta.url).href);
const reportClient = reportClientScript(fileURLToPath(new URL('../src/report/client/main.ts', import.meta.url)));
rmSync('dist/.build', { recursive: true, force: true });
const reportClientConstant = {
  name: 'report-client-constant',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]src[\\/]report[\\/]client-script\.ts$/ }, () => ({
      contents: `export function reportClientScript() { return ${JSON.stringify(reportClient)}; }`,
      loader: 'js',
    }));
  },
};

// The CLI and its worker threads are bundled with their dependencies: each
// thread starts by loading one file instead of hundreds of modules.
const bundled = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  define,
  banner: { js: "import { createRequire as __jixiaoRequire } from 'node:module'; const require = __jixiaoRequire(import.meta.url);" },
  // Smaller source compiles faster at start-up. Names are not kept: esbuild's
  // keepNames helper runs each time a named closure is created (grammar
  // callbacks), at a measurable cost to parsing.
  minify: true,
  plugins: [reportClientConstant],
  // Loaded only for --format xlsx, from the package's dependencies: a start-up never parses it.
  external: ['exceljs'],
  logLevel: 'warning',
};
await build({ ...bundled, entryPoints: ['src/bin.ts'], outfile: 'dist/cli.js' });
await build({ ...bundled, entryPoints: ['src/worker.ts'], outfile: 'dist/worker.js' });
await build({
  entryPoints: ['src/index.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  define,
  packages: 'external',
  plugins: [reportClientConstant],
  logLevel: 'warning',
});
// jixiao/core: the same pipeline for browsers, nothing from node: (test/core-browser.test.ts checks the bundle).
await build({
  entryPoints: ['src/core.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  define,
  packages: 'external',
  logLevel: 'warning',
});

// Declarations: the TypeScript compiler writes them next to the bundle.
try {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--emitDeclarationOnly', '--outDir', 'dist/types'], { stdio: 'inherit' });
} catch {
  console.error('build: type declarations were not written (see the errors above)');
  process.exitCode = 1;
}
writeFileSync('dist/index.d.ts', "export * from './types/src/index.js';\n");
writeFileSync('dist/core.d.ts', "export * from './types/src/core.js';\n");

const { jsonSchema } = await import(new URL('../dist/index.js', import.meta.url).href);
writeFileSync('dist/jixiao.schema.json', JSON.stringify(jsonSchema(), null, 2) + '\n');
