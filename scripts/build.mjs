// Builds dist/: the bundled CLI and its worker (fast cold start), the library (ESM, dependencies
// left external), its type declarations and the JSON Schema of the output.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sep as pathSep } from 'node:path';

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

// In the CLI's bundles the profile schema (zod) is reached only by a dynamic
// import, made where a profile file is read: a run under a built-in profile
// never loads zod (src/check/profile-schema-lazy.ts).
const lazyProfileSchema = {
  name: 'lazy-profile-schema',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\/profile-schema\.js$/ }, (args) =>
      /[\\/]src[\\/]check[\\/]profile\.ts$/.test(args.importer) ? { path: fileURLToPath(new URL('../src/check/profile-schema-lazy.ts', import.meta.url)) } : undefined,
    );
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
  // callbacks), at a measurable cost to parsing. JIXIAO_NO_MINIFY=1 keeps the
  // names, for a CPU profile that can be read.
  minify: process.env.JIXIAO_NO_MINIFY !== '1',
  plugins: [reportClientConstant, lazyProfileSchema],
  // Loaded only for --format xlsx, from the package's dependencies: a start-up never parses it.
  external: ['exceljs'],
  logLevel: 'warning',
};
// Split: what only a dynamic import reaches (zod for profile files and
// `jixiao schema`, the report, the offline page's writer) goes to chunks of its
// own, which a start-up neither loads nor compiles; the code both entries need is
// one shared chunk. Chunks of earlier builds are removed once the new ones exist.
const cli = await build({ ...bundled, entryPoints: { cli: 'src/cli/bin.ts', worker: 'src/cli/worker.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]', metafile: true });
const chunks = new Set(Object.keys(cli.metafile.outputs).map((file) => file.replace(/^dist\//, '')));
for (const file of readdirSync('dist/chunks')) if (!chunks.has(`chunks/${file}`)) rmSync(`dist/chunks/${file}`, { force: true });
await build({
  entryPoints: ['src/api/index.ts'],
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
  entryPoints: ['src/api/core.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  define,
  packages: 'external',
  plugins: [reportClientConstant],
  logLevel: 'warning',
});

// Declarations: the TypeScript compiler writes them next to the bundle.
try {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--emitDeclarationOnly', '--outDir', 'dist/types'], { stdio: 'inherit' });
} catch {
  console.error('build: type declarations were not written (see the errors above)');
  process.exitCode = 1;
}
writeFileSync('dist/index.d.ts', "export * from './types/src/api/index.js';\n");
writeFileSync('dist/core.d.ts', "export * from './types/src/api/core.js';\n");

const { jsonSchema } = await import(new URL('../dist/index.js', import.meta.url).href);
writeFileSync('dist/jixiao.schema.json', JSON.stringify(jsonSchema(), null, 2) + '\n');

// The offline page (dist/jixiao-app.html): its main script inline, its worker's bundle embedded
// as JSON text and started from a Blob URL, both bundled for the browser. Its
// Content-Security-Policy allows no network and no script but these by hash (and the report's,
// which runs in a srcdoc frame and so under this page's policy too).
await buildApp();

async function buildApp() {
  const { createHash } = await import('node:crypto');
  const browser = { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', define, minify: true, write: false, logLevel: 'warning', plugins: [reportClientConstant, browserOnly()] };
  const [worker, main] = await Promise.all([
    build({ ...browser, entryPoints: ['src/app/worker.ts'] }),
    build({ ...browser, entryPoints: ['src/app/page.ts'] }),
  ]);
  const workerSource = worker.outputFiles[0].text;
  const mainSource = main.outputFiles[0].text;
  if (/<\/script|<!--/i.test(mainSource)) throw new Error('build: the page script holds </script or <!--, which would end it early');
  const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const csp = [
    "default-src 'none'",
    `script-src ${[hash(mainSource), ...(await reportScriptHashes(workerSource, hash))].join(' ')}`,
    // The report sets styles on its elements; styles load nothing under default-src 'none'.
    "style-src 'unsafe-inline'",
    'worker-src blob:',
    // The report frame is a srcdoc document, which frame-src does not govern: no frame is loaded from anywhere.
    "frame-src 'none'",
    "connect-src 'none'",
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const fill = { CSP: csp, VERSION: pkg.version, STYLE: readFileSync('src/app/style.css', 'utf8'), WORKER: scriptSafeJson(workerSource), MAIN: mainSource };
  const page = readFileSync('src/app/shell.html', 'utf8').replace(/%(CSP|VERSION|STYLE|WORKER|MAIN)%/g, (_, key) => fill[key]);
  writeFileSync('dist/jixiao-app.html', page);
}

/** Fails the build on any `node:` import in the page's bundles; the profile loader's file reading becomes a stub. */
function browserOnly() {
  return {
    name: 'browser-only',
    setup(b) {
      b.onResolve({ filter: /^node:/ }, (args) => {
        if (args.path === 'node:fs' && args.importer.endsWith(`src${pathSep}check${pathSep}profile.ts`)) return { path: new URL('../src/app/no-fs.ts', import.meta.url).pathname };
        return { errors: [{ text: `${args.path} imported by ${args.importer}: the page's bundles run in a browser` }] };
      });
    },
  };
}

/**
 * The hashes of the report's inline scripts. The report page is shown in a
 * srcdoc frame, which runs under this page's policy as well as its own, so
 * they must be allowed here. Its script is the source text of a function of
 * the bundle that renders it, so the reports are rendered by the worker's own
 * bundle, run here in a V8 context with the few browser globals it uses: an
 * empty report and the sample's, in each language. The build fails if the
 * script of a report depends on its data (no hash known now could allow it).
 */
async function reportScriptHashes(workerSource, hash) {
  const { runInNewContext } = await import('node:vm');
  const reports = [];
  const context = { TextDecoder, TextEncoder, Blob, console, setTimeout, clearTimeout, queueMicrotask, structuredClone, onmessage: null };
  context.postMessage = (reply) => reply.kind === 'report' && reports.push(reply.html);
  context.globalThis = context;
  context.self = context;
  runInNewContext(workerSource, context);
  const ask = async (data) => {
    const before = reports.length;
    context.onmessage({ data });
    for (let i = 0; i < 1000 && reports.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    if (reports.length === before) throw new Error(`build: the page's worker gave no report for ${data.kind}`);
    return reports[reports.length - 1];
  };
  const seed = new Blob([readFileSync('samples/000_16052ebbc3505be3.txt')]);
  const scripts = (html) =>
    [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)]
      .filter(([, attributes = '']) => !/\btype\s*=\s*["']?(?!text\/javascript|module)/i.test(attributes))
      .map(([, , body]) => hash(body));
  const hashes = new Set();
  for (const lang of ['zh', 'en']) {
    const empty = scripts(await ask({ kind: 'lang', lang }));
    const full = scripts(await ask({ kind: 'add', files: [{ path: 'seed.txt', file: seed }] }));
    await ask({ kind: 'clear' });
    if (full.some((h) => !empty.includes(h))) {
      throw new Error("build: the report's script depends on its data, so the offline page cannot allow it by hash");
    }
    for (const h of empty) hashes.add(h);
  }
  return [...hashes];
}

function scriptSafeJson(value) {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
