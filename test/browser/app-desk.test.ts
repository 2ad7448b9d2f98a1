/**
 * The offline page as an auditor's desk, on a phone-sized screen (390 px),
 * in Chromium, as `jixiao app -o` writes it: the report inline at its full
 * height (no scroller inside the page), the work announced until the report
 * shows, no "还没有文件。" beside listed files, a file not read shown without
 * counts, and the auditor's review marks kept by the page for its sandboxed
 * report across a reload.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/api/index.js';
import { OUTPUT_DIR, ROOT, launchChromium, loadAppFiles, skipBrowser } from './chromium.js';
import { englishWords } from '../support/english-words.js';

const INPUTS = join(OUTPUT_DIR, 'app-desk-inputs');
const PAGE = join(OUTPUT_DIR, 'jixiao-app-desk.html');
const FILES = ['000_16052ebbc3505be3.txt', 'png-renamed.txt', 'bad-values.txt'];
const TIMEOUT = 180_000;

const loadFiles = (page: Page): Promise<Frame> => loadAppFiles(page, FILES.map((name) => join(INPUTS, name)));

describe.skipIf(skipBrowser)('the offline page at 390 px, in Chromium', { timeout: TIMEOUT }, () => {
  let browser: Browser;
  let page: Page;
  let frame: Frame;

  beforeAll(async () => {
    rmSync(INPUTS, { recursive: true, force: true });
    mkdirSync(INPUTS, { recursive: true });
    copyFileSync(join(ROOT, 'samples', FILES[0]), join(INPUTS, FILES[0]));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'unreadable', FILES[1]), join(INPUTS, FILES[1]));
    copyFileSync(join(ROOT, 'samples', FILES[2]), join(INPUTS, FILES[2]));
    const written = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'app', '-o', PAGE], { encoding: 'utf8' });
    expect(written.status, written.stderr).toBe(0);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
    await page.goto(pathToFileURL(PAGE).href);
    await page.waitForSelector('html[data-ready="true"]');
    expect(await page.isVisible('#no-files')).toBe(true);
    frame = await loadFiles(page);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  it('is done only once the report shows, and lists the files without “还没有文件。”', async () => {
    expect(await frame.getAttribute('html', 'data-ready')).toBe('true');
    expect(await page.textContent('#status')).toMatch(/^完成：3 个文件/);
    expect(await page.isVisible('#no-files')).toBe(false);
  });

  it('shows no English word, the page and its report, a file’s details open (codes, file names and the forms’ own text aside)', async () => {
    await page.click('tr.file-row[data-index="0"]');
    await page.click('tr.file-row[data-index="1"]');
    await page.waitForSelector('tr.file-row[data-index="0"] + tr.file-detail[data-ready="true"]');
    await page.waitForSelector('tr.file-row[data-index="1"] + tr.file-detail[data-ready="true"]');
    const text = (await page.evaluate(() => document.body.innerText)) + '\n' + (await frame.evaluate(() => document.body.innerText));
    expect(text).toContain('依据的规则');
    // The language menu names each language in itself (中文 / English), as language menus do.
    // A rule's source may name the sample export it was learnt from (samples/…): a file name.
    expect(englishWords(text.replace(/jixiao|\bEnglish\b/g, ''), [...FILES, `samples/${FILES[0]}`])).toEqual([]);
  });

  it('says under a file why a form of it cannot be graded, and beside each finding where its rule is written', async () => {
    const row = 'tr.file-row[data-index="2"]';
    if (!(await page.$eval(row, (tr) => tr.classList.contains('open')))) await page.click(row);
    await page.waitForSelector(`${row} + tr.file-detail[data-ready="true"]`);
    await page.waitForSelector('tr.file-row[data-index="0"] + tr.file-detail[data-ready="true"]');
    const headings = await page.$$eval(`${row} + tr.file-detail section.form h3`, (hs) => hs.map((h) => h.textContent ?? ''));
    // samples/bad-values.txt: its second and third forms declare no total.
    expect(headings.filter((h) => h.endsWith(' · 无法评级：未申报总分'))).toHaveLength(2);
    const sources = await page.$$eval('tr.file-row[data-index="0"] + tr.file-detail tr.finding td.rule .rule-source', (divs) => divs.map((d) => d.textContent ?? ''));
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((text) => text.startsWith('依据：') && text.length > 3)).toBe(true);
    expect(sources.some((text) => text.includes('财预〔2020〕10号'))).toBe(true);
  });

  it('shows a file it could not read without counts, and names profiles in Chinese', async () => {
    const cells = await page.$$eval('tr.file-row[data-index="1"] td.num', (tds) => tds.map((td) => td.textContent));
    expect(cells).toEqual(['—', '—', '—', '—']);
    const profiles = await page.$$eval('#profile option', (options) => options.map((o) => o.textContent));
    expect(profiles).toContain('财政部 2020 口径（mof2020）');
  });

  it('shows the report inline at its full height: the frame does not scroll, the page does not overflow 390 px', async () => {
    const inner = await frame.evaluate(() => document.documentElement.scrollHeight);
    const outer = await page.$eval('#report', (iframe) => iframe.getBoundingClientRect().height);
    expect(Math.abs(outer - inner)).toBeLessThanOrEqual(4);
    expect(inner).toBeGreaterThan(844);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });

  it('holds its forms’ sections until one is opened, and prints those the report’s filter shows', async () => {
    expect(await frame.$$eval('#forms > .form-detail', (sections) => sections.length)).toBe(0);
    expect(await frame.getAttribute('html', 'data-sections')).toBe('ready');
    await frame.selectOption('#severity-filter', 'error');
    // The overview's order is worst first (its rows are made from the forms' data the frame is handed).
    const inOrder = await frame.$$eval('#overview tbody tr.form-row', (rows) => rows.map((row) => Number(row.getAttribute('data-form'))));
    const shown = [...inOrder].sort((a, b) => a - b);
    expect(shown.length).toBeGreaterThan(0);
    // The print button waits for the shown forms' sections, asked of the page as they are not held yet; then it prints.
    await frame.evaluate(() => {
      window.print = () => document.documentElement.setAttribute('data-printed', 'true');
    });
    await frame.click('button[data-action="print"]');
    await frame.waitForSelector('html[data-printed="true"]');
    await page.emulateMedia({ media: 'print' });
    const printed = await frame.$$eval('#forms .form-detail', (sections) => sections.filter((s) => (s as HTMLElement).offsetParent !== null).map((s) => Number(s.getAttribute('data-form'))));
    expect([...printed].sort((a, b) => a - b)).toEqual(shown);
    // In the report's order, worst first, as `jixiao report` prints them.
    expect(printed).toEqual(inOrder);
    await frame.evaluate(() => {
      window.dispatchEvent(new Event('afterprint'));
      document.documentElement.removeAttribute('data-printed');
    });
    await page.emulateMedia({ media: 'screen' });
    await frame.selectOption('#severity-filter', 'all');
  });

  it('downloads as CSV and XLSX only the forms the report’s filter shows, each keeping its place in its file, and says so', async () => {
    const documents = FILES.map((name) => {
      const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', join(INPUTS, name), '--format', 'json', '-q', '--fail-on', 'never'], { encoding: 'utf8' });
      return JSON.parse(run.stdout) as Document;
    });
    // The report numbers forms over the files in order; "errors only" shows those with an error finding or parse error.
    const expected = documents.flatMap((document, file) => document.forms.map((form, at) => ({ form, key: `${FILES[file]}#${at + 1}` })))
      .filter(({ form }) => (form.summary?.counts.error ?? 0) + form.diagnostics.filter((d) => d.severity === 'error').length > 0)
      .map(({ key }) => key);
    expect(expected.length).toBeGreaterThan(0);
    await frame.selectOption('#severity-filter', 'error');
    await page.waitForSelector('#downloads-filter:not([hidden])');
    expect(await page.textContent('#downloads-filter')).toContain(`只含其显示的 ${expected.length} 张表`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="csv-findings"]')]);
    const { default: Papa } = await import('papaparse');
    const [header, ...rows] = Papa.parse<string[]>(readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const keys = [...new Set(rows.map((row) => `${row[header.indexOf('文件')]}#${row[header.indexOf('表序号')]}`))];
    expect(keys.sort()).toEqual([...expected].sort());
    const [workbook] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="xlsx"]')]);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await workbook.path())!) as unknown as ArrayBuffer);
    expect(book.getWorksheet('汇总')!.actualRowCount - 1).toBe(expected.length);
    await frame.selectOption('#severity-filter', 'all');
    await page.waitForSelector('#downloads-filter', { state: 'hidden' });
  });

  it('keeps the marks of its sandboxed report across a reload of the page', async () => {
    await frame.click('#overview tr.form-row[data-form="3"]');
    const row = '#overview .form-detail[data-form="3"] tr.finding[data-key^="total-score-mismatch@"]';
    await frame.click(`${row} button[data-review="confirmed"]`);
    await frame.fill(`${row} input.review-note`, '已核实');
    await frame.press(`${row} input.review-note`, 'Tab');
    await page.waitForFunction(() => (localStorage.getItem('jixiao-review-v1') ?? '').includes('已核实'));
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    frame = await loadFiles(page);
    await frame.waitForFunction(() => document.getElementById('review-counts')?.textContent === '已确认 1 项，已排除 0 项');
    await frame.click('#overview tr.form-row[data-form="3"]');
    expect(await frame.inputValue(`${row} input.review-note`)).toBe('已核实');
  });
});
