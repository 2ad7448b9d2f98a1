/**
 * What dist/ ships, in Chromium: the offline page on a 390 px phone screen
 * (nothing wider than the screen, its report's charts within it, an opened
 * form's too), and the report printed to PDF with the filter "errors only":
 * the PDF holds the forms the filter shows and no other.
 *
 * A form in a printed PDF is found by its named destination: Chromium writes
 * one (`/form-N`, the section's id) for each element a link of the page names
 * that is laid out in the PDF, on the page where it starts; a form left out
 * of print has none.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/api/index.js';
import { OUTPUT_DIR, ROOT, cliReport, chromiumForFile, openPage, runCli, skipBrowser } from './chromium.js';

const INPUTS = ['samples/000_16052ebbc3505be3.txt', 'samples/bad-values.txt'];
const TIMEOUT = 180_000;
/** One Chromium for every group of this file. */
const fileChromium = chromiumForFile();

/** The forms of the inputs in report order (numbered over the files), as `jixiao check` gives them. */
function checkedForms(): Document['forms'] {
  return runCli(['check', ...INPUTS, '--format', 'ndjson', '--fail-on', 'never', '-q'])
    .split('\n')
    .filter((line) => line !== '')
    .flatMap((line) => (JSON.parse(line) as Document).forms);
}

/** A PDF's pages, in order (walking its page tree), and its named destinations `form-N` with the page each is on. */
function pdfForms(pdf: Buffer): { pages: number; forms: Map<number, number> } {
  const text = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*(<<[\s\S]*?>>)\s*(?:endobj|stream)/g)) objects.set(Number(m[1]), m[2]);
  const root = [...objects].find(([, body]) => /\/Type \/Pages\b/.test(body) && !/\/Parent /.test(body));
  expect(root, 'the page tree').toBeDefined();
  const order: number[] = [];
  const walk = (id: number): void => {
    const body = objects.get(id) ?? '';
    if (!/\/Type \/Pages\b/.test(body)) return void order.push(id);
    for (const kid of /\/Kids \[([^\]]*)\]/.exec(body)![1].matchAll(/(\d+) 0 R/g)) walk(Number(kid[1]));
  };
  walk(root![0]);
  const forms = new Map<number, number>();
  for (const m of text.matchAll(/\/form-(\d+) \[(\d+) 0 R /g)) forms.set(Number(m[1]), order.indexOf(Number(m[2])));
  expect([...forms.values()].every((page) => page >= 0), 'every destination on a page of the tree').toBe(true);
  return { pages: order.length, forms };
}

describe.skipIf(skipBrowser)('the offline page at 390 px, in Chromium', { timeout: TIMEOUT }, () => {
  let browser: Browser;
  let page: Page;
  let frame: Frame;

  beforeAll(async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const app = join(OUTPUT_DIR, 'jixiao-app-phone.html');
    const written = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'app', '-o', app], { encoding: 'utf8' });
    expect(written.status, written.stderr).toBe(0);
    browser = fileChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(pathToFileURL(app).href);
    await page.waitForSelector('html[data-ready="true"]');
    await page.setInputFiles('#file-input', INPUTS.map((input) => join(ROOT, input)));
    await page.waitForFunction(() => document.documentElement.getAttribute('data-state') === 'done', undefined, { timeout: 120_000 });
    for (let waited = 0; waited < 60_000 && frame === undefined; waited += 100) {
      frame = page.frames().find((f) => f.url() === 'about:srcdoc')!;
      if (frame === undefined) await page.waitForTimeout(100);
    }
    await frame.waitForSelector('html[data-sections="ready"]', { timeout: 60_000 });
  }, TIMEOUT);

  /** Each chart of the report: its box, and the visible box it must lie in (the report's width, or the box it scrolls in). */
  const charts = () =>
    frame.$$eval('svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        let right = document.documentElement.clientWidth;
        for (let up = svg.parentElement; up !== null; up = up.parentElement) {
          if (getComputedStyle(up).overflowX !== 'visible') right = Math.min(right, up.getBoundingClientRect().right);
        }
        return { chart: svg.getAttribute('class'), left: box.left, right: box.right, width: box.width, visibleRight: right };
      }),
    );

  it('has no horizontal overflow: the page, nor its report', async () => {
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    const report = await frame.evaluate(() => [document.scrollingElement!.scrollWidth, document.scrollingElement!.clientWidth]);
    expect(report[1]).toBeLessThanOrEqual(390);
    expect(report[0]).toBeLessThanOrEqual(report[1]);
  });

  it('fits the report’s charts, and an opened form’s, within the screen', async () => {
    const overall = await charts();
    expect(overall.map((c) => c.chart).sort()).toEqual(['ranked-chart', 'ranked-chart']);
    await frame.click('#overview tbody tr.form-row');
    await frame.waitForSelector('.form-detail svg.parts-chart');
    const all = await charts();
    expect(all.map((c) => c.chart)).toEqual(expect.arrayContaining(['parts-chart', 'rate-chart']));
    for (const chart of all) {
      expect(chart.width, chart.chart!).toBeGreaterThan(200);
      expect(chart.left, chart.chart!).toBeGreaterThanOrEqual(0);
      expect(chart.right, chart.chart!).toBeLessThanOrEqual(chart.visibleRight + 0.5);
    }
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

describe.skipIf(skipBrowser)('the report printed to PDF with a filter, in Chromium', { timeout: TIMEOUT }, () => {
  let browser: Browser;
  let page: Page;
  let forms: Document['forms'];

  beforeAll(async () => {
    forms = checkedForms();
    browser = fileChromium();
    ({ page } = await openPage(browser, cliReport('report-print-filter.html', INPUTS)));
  }, TIMEOUT);

  it('holds every form, one from each page on, without a filter', async () => {
    const { pages, forms: printed } = pdfForms(await page.pdf({ preferCSSPageSize: true }));
    expect([...printed.keys()].sort((a, b) => a - b)).toEqual(forms.map((_, i) => i));
    expect(new Set(printed.values()).size).toBe(forms.length);
    expect(pages).toBeGreaterThanOrEqual(forms.length + 1);
  });

  it('holds only the forms with errors under "errors only", each on pages of its own', async () => {
    const all = pdfForms(await page.pdf({ preferCSSPageSize: true }));
    await page.selectOption('#severity-filter', 'error');
    const withErrors = forms.flatMap((form, i) => ((form.summary?.counts.error ?? 0) + form.diagnostics.filter((d) => d.severity === 'error').length > 0 ? [i] : []));
    expect(withErrors.length).toBeGreaterThan(0);
    expect(withErrors.length).toBeLessThan(forms.length);
    const filtered = pdfForms(await page.pdf({ preferCSSPageSize: true }));
    expect([...filtered.forms.keys()].sort((a, b) => a - b)).toEqual(withErrors);
    expect(new Set(filtered.forms.values()).size).toBe(withErrors.length);
    expect(filtered.pages).toBeLessThan(all.pages);
    await page.selectOption('#severity-filter', 'all');
  });
});
