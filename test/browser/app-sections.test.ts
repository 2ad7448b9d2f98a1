/**
 * The offline page holds per form only what its report's overview needs:
 * its report's frame is shown a page without the overview's rows, the forms'
 * data or their sections, is handed the forms' data, and gets a form's
 * section only when the form is opened, printed or listed. In Chromium, as
 * `jixiao app -o` writes the page: an opened form shows the findings `jixiao
 * check` gives for it, and the 疑点清单 of a reloaded page, whose frame holds
 * no section, lists the confirmed finding with its note.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/api/index.js';
import { OUTPUT_DIR, ROOT, launchChromium, loadAppFiles, skipBrowser } from './chromium.js';

const INPUTS = join(OUTPUT_DIR, 'app-sections-inputs');
const PAGE = join(OUTPUT_DIR, 'jixiao-app-sections.html');
const FILES = ['000_16052ebbc3505be3.txt', 'bad-values.txt'];
const TIMEOUT = 180_000;
/** The seed's fourth form (line 111): its total and budget-execution score are disputed. */
const FORM = 3;

const loadFiles = (page: Page): Promise<Frame> => loadAppFiles(page, FILES.map((name) => join(INPUTS, name)));

/** The sections the frame holds (in its template, or in the page for printing). */
function heldSections(frame: Frame): Promise<number[]> {
  return frame.evaluate(() => {
    const template = document.getElementById('form-sections') as HTMLTemplateElement;
    const sections = [...Array.from(template.content.querySelectorAll('section.form-detail')), ...Array.from(document.querySelectorAll('#forms > section.form-detail'))];
    return sections.map((section) => Number(section.getAttribute('data-form'))).sort((a, b) => a - b);
  });
}

describe.skipIf(skipBrowser)('the offline page makes a form’s section when it is asked for, in Chromium', { timeout: TIMEOUT }, () => {
  let browser: Browser;
  let page: Page;
  let frame: Frame;
  let documents: Document[];

  beforeAll(async () => {
    rmSync(INPUTS, { recursive: true, force: true });
    mkdirSync(INPUTS, { recursive: true });
    for (const name of FILES) copyFileSync(join(ROOT, 'samples', name), join(INPUTS, name));
    const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8', cwd: INPUTS, maxBuffer: 64 * 1024 * 1024 });
    const written = cli(['app', '-o', PAGE]);
    expect(written.status, written.stderr).toBe(0);
    documents = JSON.parse(cli(['check', '--format', 'json', '--fail-on', 'never', ...FILES]).stdout) as Document[];
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    await page.goto(pathToFileURL(PAGE).href);
    await page.waitForSelector('html[data-ready="true"]');
    frame = await loadFiles(page);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows its report without rows, data or sections, and makes the overview’s rows from the forms’ data', async () => {
    const shown = (await page.getAttribute('#report', 'srcdoc'))!;
    expect(shown).toContain('<template id="form-sections" data-apart></template>');
    expect(shown).not.toContain('<tr class="form-row"');
    expect(shown).not.toContain('"reviewKey"');
    const forms = documents.flatMap((document) => document.forms);
    expect(forms.length).toBeGreaterThan(7);
    const rows = await frame.$$eval('#overview tbody tr.form-row', (trs) => trs.map((tr) => ({ form: Number(tr.getAttribute('data-form')), name: tr.querySelector('.c-name a')?.textContent })));
    expect(rows.map((row) => row.form).sort((a, b) => a - b)).toEqual(forms.map((_, id) => id));
    for (const row of rows) expect(row.name).toBe(forms[row.form].project.name ?? '—');
    expect(await heldSections(frame)).toEqual([]);
  });

  it('filters by text through the page’s worker, which holds the forms’ search texts: a rule’s code, then words of a message', async () => {
    const forms = documents.flatMap((document) => document.forms);
    const withCode = (code: string) => forms.flatMap((form, id) => (form.findings.some((finding) => finding.code === code) ? [id] : []));
    const rows = () => frame.$$eval('#overview tbody tr.form-row', (trs) => trs.map((tr) => Number(tr.getAttribute('data-form'))).sort((a, b) => a - b));
    const expected = withCode('missing-deviation-reason');
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.length).toBeLessThan(forms.length);
    await frame.fill('#text-filter', 'MISSING-deviation-reason');
    await frame.waitForFunction((n) => document.querySelectorAll('#overview tbody tr.form-row').length === n, expected.length);
    expect(await rows()).toEqual(expected);
    // Every word must match, in a message's text (here a form's own indicator name, quoted in one).
    await frame.fill('#text-filter', 'missing-deviation-reason 采购服装数量');
    const one = forms.flatMap((form, id) => (form.findings.some((finding) => finding.code === 'missing-deviation-reason' && finding.message.zh.includes('采购服装数量')) ? [id] : []));
    expect(one).toHaveLength(1);
    await frame.waitForFunction((n) => document.querySelectorAll('#overview tbody tr.form-row').length === n, one.length);
    expect(await rows()).toEqual(one);
    await frame.fill('#text-filter', '');
    await frame.waitForFunction((n) => document.querySelectorAll('#overview tbody tr.form-row').length === n, forms.length);
  });

  it('opens a form: its section comes when asked for, with the findings jixiao check gives', async () => {
    await frame.click(`#overview tr.form-row[data-form="${FORM}"]`);
    const section = `#overview tr.detail-row .form-detail[data-form="${FORM}"]`;
    await frame.waitForSelector(`${section} tr.finding`);
    const shown = await frame.$$eval(`${section} tr.finding`, (trs) => trs.map((tr) => `${tr.querySelector('.code')?.textContent}@${tr.getAttribute('data-line')}`).sort());
    const expected = documents[0].forms[FORM].findings.map((finding) => `${finding.code}@${finding.line}`).sort();
    expect(expected.length).toBeGreaterThan(1);
    expect(shown).toEqual(expected);
    // Its charts are drawn from the figures that came with it.
    await frame.waitForSelector(`${section} svg.parts-chart`);
    expect(await heldSections(frame)).toEqual([FORM]);
  });

  it('lists in the 疑点清单 a finding confirmed before a reload, asking for its form’s section then', async () => {
    const row = `#overview .form-detail[data-form="${FORM}"] tr.finding[data-key^="total-score-mismatch@"]`;
    await frame.click(`${row} button[data-review="confirmed"]`);
    await frame.fill(`${row} input.review-note`, '已核实：总分多报');
    await frame.press(`${row} input.review-note`, 'Tab');
    await page.waitForFunction(() => (localStorage.getItem('jixiao-review-v1') ?? '').includes('总分多报'));
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    frame = await loadFiles(page);
    await frame.waitForFunction(() => document.getElementById('review-counts')?.textContent === '已确认 1 项，已排除 0 项');
    expect(await heldSections(frame)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), frame.click('button[data-action="review-list-html"]')]);
    const list = readFileSync((await download.path())!, 'utf8');
    expect(list).toContain('total-score-mismatch');
    expect(list).toContain('已核实：总分多报');
    expect(list).toContain(documents[0].forms[FORM].project.name!);
    expect(await heldSections(frame)).toEqual([FORM]);
    const [workbook] = await Promise.all([page.waitForEvent('download'), frame.click('button[data-action="review-list-xlsx"]')]);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await workbook.path())!) as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.worksheets[1].eachRow((r) => r.eachCell((c) => void cells.push(String(c.value))));
    expect(cells).toContain('已核实：总分多报');
    expect(cells).toContain('total-score-mismatch');
  });
});
