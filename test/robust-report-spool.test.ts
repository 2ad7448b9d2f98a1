/**
 * The one-page report of a batch of any size: its forms wait on disk, and
 * only what the overview, the order and the counts need stays in memory;
 * the page is the one `renderReport` makes of the same documents, byte for
 * byte, and `jixiao report` on standard output is that page.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import type { Document, Form } from '../src/contract/schema.js';
import { renderReport } from '../src/report/render.js';
import { SpooledReport, type FormStore } from '../src/report/spooled.js';
import { FormSpool } from '../src/cli/form-spool.js';
import { CLI, ROOT, SEED } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';

vi.setConfig({ testTimeout: 120_000 });

const seed = () => check(parse(readFileSync(join(ROOT, SEED)), { file: 'a.txt' }));

/** The documents as the command line hands them over: each form, then its document's diagnostics. */
async function spooled(documents: Document[], store: FormStore, options: { lang?: 'zh' | 'en'; title?: string } = {}): Promise<string> {
  const report = new SpooledReport(store, options);
  for (const document of documents) {
    for (const form of document.forms) await report.addForm(form);
    report.addDiagnostics(document.diagnostics);
  }
  if (store instanceof FormSpool) await store.seal();
  let page = '';
  for (const piece of report.pieces()) page += piece;
  return page;
}

/** A store that keeps each form as its JSON text, as the file does. */
function textStore(): FormStore & { reads: number } {
  const texts: string[] = [];
  return {
    reads: 0,
    put(form: Form) {
      texts.push(JSON.stringify(form));
    },
    get(id: number) {
      this.reads++;
      return JSON.parse(texts[id]) as Form;
    },
  };
}

describe('the spooled one-page report', () => {
  it('is the page renderReport makes: forms of several files, a form submitted twice, diagnostics of a file, both languages', async () => {
    const a = seed();
    const again = { ...check(parse(readFileSync(join(ROOT, SEED)), { file: 'b.txt' })) };
    const broken = check(parse('项目支出绩效自评表\n项目名称\t甲\n总分\t一百\t满分\n杂项\t杂项\n', { file: 'c.txt' }));
    const empty: Document = { forms: [], diagnostics: parse('', { file: 'd.txt' }).diagnostics };
    const documents = [a, again, broken, empty];
    expect(documents.flatMap((d) => d.diagnostics).length).toBeGreaterThan(0);
    for (const lang of ['zh', 'en'] as const) {
      const store = textStore();
      const page = await spooled(documents, store, { lang, title: '复核 <x>' });
      expect(page).toBe(renderReport([{ forms: documents.flatMap((d) => d.forms), diagnostics: documents.flatMap((d) => d.diagnostics) }], { lang, title: '复核 <x>' }));
      // Each form read back twice: once for its section, once for its data.
      expect(store.reads).toBe(2 * documents.flatMap((d) => d.forms).length);
    }
    // The twice-submitted forms are marked on the page.
    expect(renderReport(documents)).toContain('badge duplicate');
  });

  it('through its temporary file: the same page, and the file removed', async () => {
    const documents = [seed()];
    const store = await FormSpool.create();
    const path = (store as unknown as { path: string }).path;
    expect(existsSync(path)).toBe(true);
    try {
      expect(await spooled(documents, store)).toBe(renderReport(documents));
    } finally {
      await store.remove();
    }
    expect(existsSync(path)).toBe(false);
  });

  it('holds of each form what the overview needs, not the form: 300 forms of 400 indicators each add a few MB of heap', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const form = seed().forms[0];
    // A form with many indicators and findings: about 200 KB of JSON, several times that as objects.
    const big: Form = { ...form, indicators: Array.from({ length: 400 }, (_, i) => ({ ...form.indicators[i % form.indicators.length], name: `指标${i}` })) };
    const bytes = JSON.stringify(big).length;
    expect(bytes).toBeGreaterThan(150_000);
    const store = await FormSpool.create();
    try {
      const report = new SpooledReport(store);
      gc();
      const start = process.memoryUsage().heapUsed;
      for (let i = 0; i < 300; i++) await report.addForm({ ...big, project: { ...big.project, name: `项目${i}` } });
      gc();
      const grown = process.memoryUsage().heapUsed - start;
      // Held whole, 300 such forms are more than 300 × 150 KB = 45 MB.
      expect(grown).toBeLessThan(3 * 1024 * 1024);
      await store.seal();
      let length = 0;
      for (const piece of report.pieces()) length += piece.length;
      expect(length).toBeGreaterThan(300 * 10_000);
    } finally {
      await store.remove();
    }
  });
});

describe('jixiao report on standard output', () => {
  it('is the page of renderReport for the same documents', async () => {
    const run = await cli(['report', SEED, '-q', '--lang', 'en']);
    expect(run.status).toBe(0);
    const document = check(parse(readFileSync(join(ROOT, SEED)), { file: SEED }));
    expect(run.stdout).toBe(renderReport([document], { lang: 'en' }));
  });
});

describe('temporary files when standard output closes early', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'jixiao-spool-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.each([
    ['the forms of a report', `'${process.execPath}' '${CLI}' report in/*.txt -q | head -c 100 > /dev/null`],
    ['standard input', `cat in/*.txt | '${process.execPath}' '${CLI}' parse - --format ndjson -q | head -c 100 > /dev/null`],
  ])('%s: none left when the reader stops (| head)', (_, command) => {
    const temporary = join(scratch, `tmp-${_.length}`);
    mkdirSync(temporary);
    mkdirSync(join(scratch, 'in'), { recursive: true });
    for (let i = 0; i < 8; i++) copyFileSync(join(ROOT, SEED), join(scratch, 'in', `f${i}.txt`));
    const run = spawnSync('bash', ['-c', command], { cwd: scratch, encoding: 'utf8', env: { ...process.env, TMPDIR: temporary } });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(temporary)).toEqual([]);
  });
});

describe('the forms file at a signal', () => {
  it('is removed when the run is stopped (SIGTERM) while forms wait in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-spool-signal-'));
    const temporary = join(dir, 'tmp');
    mkdirSync(temporary);
    try {
      // A pipe left open after some forms: the run holds them in its file.
      const fifo = join(dir, 'input.txt');
      spawnSync('mkfifo', [fifo]);
      const child = spawn(process.execPath, [CLI, 'report', fifo, '-q', '--jobs', '1'], { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, TMPDIR: temporary } });
      const ended = new Promise<string | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
      const writer = createWriteStream(fifo);
      writer.write(Buffer.concat(Array.from({ length: 4 }, () => readFileSync(join(ROOT, SEED)))));
      let held = false;
      for (const end = Date.now() + 30_000; !held && Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 50))) held = readdirSync(temporary).length > 0;
      expect(held).toBe(true);
      child.kill('SIGTERM');
      expect(await ended).toBe('SIGTERM');
      writer.destroy();
      expect(readdirSync(temporary)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a temporary folder where nothing can be made', () => {
  it('a full one: the forms file says which folder, and nothing of it stays', async () => {
    const store = await FormSpool.create();
    const handle = (store as unknown as { handle: { appendFile: () => Promise<never> } }).handle;
    handle.appendFile = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    const form = seed().forms[0];
    let failure: unknown = null;
    try {
      // Past the first megabyte the forms are written.
      for (let i = 0; i < 200 && failure === null; i++) await store.put(form).catch((error: unknown) => (failure = error));
    } finally {
      await store.remove();
    }
    expect((failure as Error).message).toMatch(new RegExp(`^${tmpdir()}: no space left`));
  });

  it.each([
    ['report', ['report', SEED, '-q']],
    ['standard input', ['parse', '-', '--format', 'ndjson', '-q']],
  ])('%s: one line naming the folder, status 2', (_, args) => {
    const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input: readFileSync(join(ROOT, SEED)), encoding: 'utf8', env: { ...process.env, TMPDIR: '/nonexistent-jixiao', LANG: 'C' } });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['jixiao: /nonexistent-jixiao: no such file or directory (ENOENT)']);
  });
});
