// The offline page's report of one file, made as the page makes it, in this
// process, recording the peak resident set size in the file named by
// JIXIAO_BENCH_RSS. The page's worker is the bundle dist/jixiao-app.html
// embeds, run in a V8 context with the few browser globals it uses (as the
// build runs it to hash the report's script); the file is handed to it as the
// page hands a dropped file (a Blob), and each reply is copied as postMessage
// copies it into the page, the forms' sections once more into the report's
// frame. What the browser then lays out is not counted.
//
//   node bench/app-child.mjs dist/jixiao-app.html FILE
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { runInNewContext } from 'node:vm';

const out = process.env.JIXIAO_BENCH_RSS;
process.on('exit', () => {
  if (out) writeFileSync(out, String(process.resourceUsage().maxRSS * 1024));
});
const [appPath, file] = process.argv.slice(2);
const app = readFileSync(appPath, 'utf8');
const embedded = /<script type="application\/json" id="jixiao-worker">([\s\S]*?)<\/script>/.exec(app);
if (embedded === null) throw new Error(`${appPath}: no embedded worker`);
const workerSource = JSON.parse(embedded[1]);

const page = { report: null, sections: null, frameSections: null, files: [] };
let failed = null;
const context = { TextDecoder, TextEncoder, Blob, console, setTimeout, clearTimeout, queueMicrotask, structuredClone, onmessage: null };
context.postMessage = (reply) => {
  const copy = structuredClone(reply);
  if (copy.kind === 'file') page.files.push(copy.summary);
  else if (copy.kind === 'report') page.report = copy.html;
  else if (copy.kind === 'sections') {
    page.sections = copy.sections;
    page.frameSections = structuredClone(copy.sections);
  } else if (copy.kind === 'failed') failed = copy.message;
};
context.globalThis = context;
context.self = context;
runInNewContext(workerSource, context);
context.onmessage({ data: { kind: 'add', files: [{ path: basename(file), file: new Blob([readFileSync(file)]) }] } });
while (page.frameSections === null && failed === null) await new Promise((resolve) => setTimeout(resolve, 20));
if (failed !== null) {
  process.stderr.write(`the page's worker failed: ${failed}\n`);
  process.exit(1);
}
const forms = page.files.reduce((n, summary) => n + (summary.forms?.length ?? 0), 0);
process.stdout.write(`${forms} forms; report ${page.report.length} characters, ${page.sections.length} sections\n`);
