/**
 * `npm run bench:app`: how long the offline page (dist/jixiao-app.html) takes,
 * in headless Chromium, to show its report once the last file of a batch has
 * been read — the wait an auditor sees after the progress bar is full. Two
 * batches of 200 files: the benchmark's mixed corpus (one to three forms per
 * file) and 200 copies of the 7-form sample export (1 400 forms). The page
 * is watched from inside: the moment its status says the report is being made
 * (every file read), the moment it marks itself done (the report's frame
 * has loaded and run its script: the report is shown) and the moment it hands
 * the report its forms' full sections (made after the report is shown; an
 * opened form waits for them). Target: the report shown within 5 s. Writes
 * the figures to bench/results/app-report.json.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { corpusPieces, writeBatch } from './corpus.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'bench', 'corpus');
const PAGE = join(OUT, 'jixiao-app.html');
const RESULTS = join(ROOT, 'bench', 'results');
const TARGET_SECONDS = 5;

interface Timing {
  batch: string;
  files: number;
  forms: number;
  /** From the first file handed to the page to the last one read. */
  readSeconds: number;
  /** From the last file read to the report shown. */
  showSeconds: number;
  /** Of which: the worker making the report's page, until the page has it. */
  renderSeconds: number;
  /** Of which: the report's frame loading the page and running its script. */
  frameSeconds: number;
  /** From the last file read to the forms' sections handed to the report (its forms can be opened and printed). */
  sectionsSeconds: number;
}

function seedCopies(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) copyFileSync(join(ROOT, 'samples', '000_16052ebbc3505be3.txt'), join(dir, `seed-${String(i).padStart(4, '0')}.txt`));
}

async function timeBatch(name: string, dir: string): Promise<Timing> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(dir, f));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(pathToFileURL(PAGE).href);
    await page.waitForSelector('html[data-ready="true"]');
    // Marks, in the page's own clock, when every file is read (the status turns to "rendering") and when it is done.
    await page.evaluate(() => {
      const marks = ((window as unknown as { benchMarks: Record<string, number> }).benchMarks = {} as Record<string, number>);
      const status = document.getElementById('status')!;
      new MutationObserver(() => {
        if (marks.read === undefined && /生成报告|Rendering/.test(status.textContent ?? '')) marks.read = performance.now();
        if (marks.received === undefined && /显示报告|Showing/.test(status.textContent ?? '')) marks.received = performance.now();
      }).observe(status, { childList: true, characterData: true, subtree: true });
      new MutationObserver(() => {
        if (document.documentElement.getAttribute('data-state') === 'done' && marks.read !== undefined) marks.shown ??= performance.now();
        if (document.documentElement.getAttribute('data-sections') === 'handed' && marks.read !== undefined) marks.sections ??= performance.now();
      }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-state', 'data-sections'] });
      marks.start = performance.now();
    });
    await page.setInputFiles('#file-input', files);
    await page.waitForFunction(() => { const m = (window as unknown as { benchMarks: Record<string, number> }).benchMarks; return m.shown !== undefined && m.sections !== undefined; }, undefined, { timeout: 600_000, polling: 100 });
    const marks = await page.evaluate(() => (window as unknown as { benchMarks: Record<string, number> }).benchMarks);
    const frame = page.frames().find((f) => f.url() === 'about:srcdoc');
    const navigation = frame ? await frame.evaluate(() => JSON.stringify(performance.getEntriesByType('navigation')[0]?.toJSON?.() ?? {})) : '{}';
    const n = JSON.parse(navigation) as Record<string, number>;
    if (n.domInteractive !== undefined) console.log(`  frame: parsed by ${(n.domInteractive / 1000).toFixed(2)} s, script run by ${(n.domContentLoadedEventEnd / 1000).toFixed(2)} s, loaded by ${(n.loadEventEnd / 1000).toFixed(2)} s`);
    const forms = await page.$$eval('tr.file-row', (rows) => rows.reduce((n, row) => n + Number((row as HTMLElement).dataset.forms ?? 0), 0));
    return { batch: name, files: files.length, forms, readSeconds: (marks.read - marks.start) / 1000, showSeconds: (marks.shown - marks.read) / 1000, renderSeconds: (marks.received - marks.read) / 1000, frameSeconds: (marks.shown - marks.received) / 1000, sectionsSeconds: (marks.sections - marks.read) / 1000 };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/chromium')) throw new Error('needs Chromium at /usr/bin/chromium (Debian package chromium)');
  mkdirSync(OUT, { recursive: true });
  const written = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'app', '-o', PAGE], { encoding: 'utf8' });
  if (written.status !== 0) throw new Error(written.stderr);
  const mixed = join(OUT, 'app-batch-200');
  writeBatch(mixed, 200, corpusPieces(join(ROOT, 'samples')));
  const seeds = join(OUT, 'app-seed-200');
  seedCopies(seeds, 200);
  const before = loadavg()[0];
  const timings = [await timeBatch('mixed corpus, 200 files', mixed), await timeBatch('200 copies of the 7-form sample', seeds)];
  for (const t of timings) {
    const verdict = t.showSeconds <= TARGET_SECONDS ? 'within' : 'OVER';
    console.log(
      `${t.batch}: ${t.forms} forms read in ${t.readSeconds.toFixed(2)} s; report shown ${t.showSeconds.toFixed(2)} s after the last file was read ` +
        `(${verdict} the ${TARGET_SECONDS} s target): ${t.renderSeconds.toFixed(2)} s making the page in the worker, ${t.frameSeconds.toFixed(2)} s loading it in the frame; ` +
        `its forms' sections handed to it ${t.sectionsSeconds.toFixed(2)} s after the last file was read`,
    );
  }
  const machine = { cpus: cpus().length, model: cpus()[0]?.model, loadBefore: before, loadAfter: loadavg()[0] };
  console.log(`machine: ${machine.cpus} cores (${machine.model}), load ${before.toFixed(2)} → ${machine.loadAfter.toFixed(2)}`);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'app-report.json'), JSON.stringify({ targetSeconds: TARGET_SECONDS, timings, machine }, null, 2) + '\n');
}

await main();
