// The offline page's report of one file, made as the page makes it, in this
// process, recording the peak resident set size in the file named by
// JIXIAO_BENCH_RSS. The page's worker is the bundle dist/jixiao-app.html
// embeds, run in a V8 context with the few browser globals it uses (as the
// build runs it to hash the report's script); the file is handed to it as the
// page hands a dropped file (a Blob), and each reply is copied (or its
// buffers moved) as postMessage does, into the page, then into the report's
// frame: the report, its forms' overview data, which the frame asks for and
// keeps, and the sections of the first page of the overview (the 50 worst
// forms) opened, which the frame keeps too. What the browser then lays out is
// not counted.
//
//   node bench/app-child.mjs dist/jixiao-app.html FILE
import { readFileSync, writeFileSync } from 'node:fs';
import { peakRssBytes } from './peak-rss.mjs';
import { basename } from 'node:path';
import { runInNewContext } from 'node:vm';

const out = process.env.JIXIAO_BENCH_RSS;
process.on('exit', () => {
  if (out) writeFileSync(out, String(peakRssBytes()));
});
const [appPath, file] = process.argv.slice(2);
const app = readFileSync(appPath, 'utf8');
const embedded = /<script type="application\/json" id="jixiao-worker">([\s\S]*?)<\/script>/.exec(app);
if (embedded === null) throw new Error(`${appPath}: no embedded worker`);
const workerSource = JSON.parse(embedded[1]);

const OPENED = 50;
const page = { report: null, files: [], frameForms: [], frameSections: [], opened: null, formCount: 0 };
let failed = null;
const ask = (data) => context.onmessage({ data });
const context = { TextDecoder, TextEncoder, Blob, console, setTimeout, clearTimeout, queueMicrotask, structuredClone, onmessage: null };
context.postMessage = (reply, transfer = []) => {
  const copy = structuredClone(reply, { transfer });
  if (copy.kind === 'file') page.files.push(copy.summary);
  else if (copy.kind === 'report') {
    page.report = copy.html;
    // The report's frame, once it has read its page, asks for its forms.
    ask({ kind: 'forms' });
  } else if (copy.kind === 'forms') {
    // Handed on to the frame, which keeps them; it opens the first page of its overview, worst first.
    const data = structuredClone(copy.data, { transfer: [copy.data.buffer] });
    page.frameForms.push(data);
    page.opened ??= [];
    const { fields, rows } = JSON.parse(new TextDecoder().decode(data));
    for (const row of rows) if (row[fields.indexOf('rank')] < OPENED) page.opened.push(row[fields.indexOf('id')]);
    page.formCount = page.frameForms.length;
    if (copy.last) {
      if (page.opened.length === 0) page.frameSections = null;
      else ask({ kind: 'sections', ids: page.opened });
    }
  } else if (copy.kind === 'sections') page.frameSections.push(...structuredClone(copy.sections));
  else if (copy.kind === 'failed') failed = copy.message;
};
context.globalThis = context;
context.self = context;
runInNewContext(workerSource, context);
ask({ kind: 'add', files: [{ path: basename(file), file: new Blob([readFileSync(file)]) }] });
const done = () => page.frameSections === null || (page.opened !== null && page.frameSections.length >= page.opened.length && page.opened.length > 0);
while (!done() && failed === null) await new Promise((resolve) => setTimeout(resolve, 20));
if (failed !== null) {
  process.stderr.write(`the page's worker failed: ${failed}\n`);
  process.exit(1);
}
const forms = page.files.reduce((n, summary) => n + (summary.forms ?? 0), 0);
const bytes = page.frameForms.reduce((n, data) => n + data.length, 0);
process.stdout.write(`${forms} forms; report ${page.report.length} characters, forms' data ${bytes} bytes, ${page.frameSections?.length ?? 0} sections opened\n`);
