/**
 * The audit report in a real browser: the seed's report opened from disk,
 * its overview figures, the cells highlighted for the seed's known findings
 * (figures read off the sample's lines, cited), sorting, filtering, print
 * layout, and a report of 1 000 forms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, parse, type Document } from '../../src/index.js';
import { renderReport } from '../../src/report/render.js';
import { OUTPUT_DIR, launchChromium, openPage, skipBrowser, writeOutput, type WatchedPage } from './chromium.js';

const SEED_FILE = 'samples/000_16052ebbc3505be3.txt';
const seed = (): Document => check(parse(readFileSync(join(import.meta.dirname, '..', '..', SEED_FILE)), { file: SEED_FILE }));

const BROWSER_TIMEOUT = 120_000;

/** The overview's rows in display order: form id and the cells' text by column. */
async function overviewRows(page: Page): Promise<Array<{ form: number; [column: string]: string | number }>> {
  return page.$$eval('#overview tbody tr.form-row', (rows) =>
    rows.map((row) => {
      const cells: { form: number; [column: string]: string | number } = { form: Number(row.getAttribute('data-form')) };
      for (const td of Array.from(row.querySelectorAll('td'))) {
        const column = Array.from(td.classList).find((c) => c.startsWith('c-'));
        if (column) cells[column.slice(2)] = (td.textContent ?? '').trim();
      }
      return cells;
    }),
  );
}

async function disputedCell(page: Page, form: number, line: number, field: string) {
  const selector = `.form-detail[data-form="${form}"] td[data-line="${line}"][data-field="${field}"]`;
  return page.$eval(selector, (td) => ({
    disputed: td.classList.contains('disputed'),
    severity: td.getAttribute('data-severity'),
    declared: td.getAttribute('data-declared'),
    expected: td.getAttribute('data-expected'),
    codes: td.getAttribute('data-codes'),
    title: td.getAttribute('title') ?? '',
    text: (td.textContent ?? '').replace(/\s+/g, ' ').trim(),
    background: getComputedStyle(td).backgroundColor,
  }));
}

async function expand(page: Page, form: number): Promise<void> {
  await page.click(`#overview tr.form-row[data-form="${form}"]`);
  await page.waitForSelector(`.form-detail[data-form="${form}"]`);
}

describe.skipIf(skipBrowser)('audit report in Chromium', () => {
  let browser: Browser;
  let url: string;
  let opened: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    url = writeOutput('report-seed.html', renderReport([seed()], { title: '样例导出 审核报告' }));
    browser = await launchChromium();
    opened = await openPage(browser, url);
    page = opened.page;
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows one row per form, worst first, with form 4’s difference 96.49 − 92.49 = 4.00', async () => {
    const rows = await overviewRows(page);
    expect(rows).toHaveLength(7);
    expect(await page.textContent('#overview th[data-key="difference"]')).toContain('差额（复核 − 申报）');
    // Worst first: form 4 (2 errors), then form 2 (1 error: line 43), then by |difference|.
    expect(rows.slice(0, 2).map((row) => row.form)).toEqual([3, 1]);
    const form4 = rows.find((row) => row.form === 3)!;
    expect(form4).toMatchObject({ name: '专项业务', declaredTotal: '92.49', recomputedTotal: '96.49', difference: '4.00', errors: '2', warnings: '8' });
    expect(form4.grade).toBe('优 → 优');
    expect(form4.file).toBe(`${SEED_FILE}:111`);
    // Form 2 (lines 25–82): declared 99.86, recomputed 99.82.
    expect(rows.find((row) => row.form === 1)).toMatchObject({ declaredTotal: '99.86', recomputedTotal: '99.82', difference: '-0.04' });
    expect(await page.textContent('[data-card="forms"] .v')).toBe('7');
    expect(await page.textContent('[data-card="with-errors"] .v')).toBe('2');
  });

  it('draws the distribution of differences over all forms', async () => {
    const bins = await page.$$eval('#difference-chart svg g.bin', (groups) =>
      groups.map((g) => ({ bin: Number(g.getAttribute('data-bin')), count: Number(g.getAttribute('data-count')) })),
    );
    expect(bins.reduce((total, bin) => total + bin.count, 0)).toBe(7);
    // Form 4's 4.00 is alone in the highest bin.
    expect(bins.filter((bin) => bin.count > 0).at(-1)!.count).toBe(1);
  });

  it('highlights form 4’s disputed figures on the rows the findings name', async () => {
    await expand(page, 3);
    const weight = await disputedCell(page, 3, 156, 'total.weight');
    expect(weight).toMatchObject({ disputed: true, severity: 'error', declared: '100', expected: '104', codes: 'total-weight-mismatch' });
    expect(weight.text).toBe('100 → 104');
    expect(weight.title).toContain('总分的分值 100 不等于预算执行分值与各指标分值之和 104');
    expect(weight.title).toContain('is not funds weight + indicator weights');

    const score = await disputedCell(page, 3, 156, 'total.score');
    expect(score).toMatchObject({ disputed: true, severity: 'error', declared: '92.49', expected: '96.49' });
    expect(score.text).toBe('92.49 → 96.49');

    // Line 116: 19402034.90 ÷ 19416170.49 = 99.9272…%, written 99.92% (truncated).
    const rate = await disputedCell(page, 3, 116, 'funds.rate');
    expect(rate).toMatchObject({ disputed: true, severity: 'warning', declared: '99.92', expected: '99.93', codes: 'execution-rate-mismatch' });
    expect(rate.text).toBe('99.92% → 99.93');
    expect(rate.background).not.toBe(weight.background);

    // Figures the checker does not dispute stay plain.
    for (const [line, field] of [[116, 'funds.score'], [116, 'funds.adjustedBudget'], [123, 'score'], [124, 'weight']] as const) {
      expect((await disputedCell(page, 3, line, field)).disputed).toBe(false);
    }
    // Ten findings, each on its own cell.
    expect(await page.$$eval('.form-detail[data-form="3"] td.disputed', (cells) => cells.length)).toBe(10);
    // Every row carries its source line.
    const lines = await page.$$eval('.form-detail[data-form="3"] table.tree tr.lvl3 td.line', (cells) => cells.map((c) => Number(c.textContent)));
    expect(lines[0]).toBe(123);
    expect(lines.at(-1)).toBe(155);
  });

  it('highlights form 2’s line 43 score: declared 2, recomputed 1.96', async () => {
    await expand(page, 1);
    const cell = await disputedCell(page, 1, 43, 'score');
    expect(cell).toMatchObject({ disputed: true, severity: 'error', declared: '2', expected: '1.96', codes: 'indicator-score-mismatch' });
    expect(cell.text).toBe('2 → 1.96');
    expect(cell.title).toContain('得分 2 与计算得分 1.96 不符');
  });

  it('draws form 4’s charts: a bar group per part and both execution rates', async () => {
    const parts = await page.$$eval('.form-detail[data-form="3"] svg.parts-chart g.part', (groups) => groups.map((g) => g.getAttribute('data-label')));
    expect(parts).toEqual(['预算执行', '产出指标', '效益指标', '满意度指标']);
    const rateLabels = await page.$eval('.form-detail[data-form="3"] svg.rate-chart', (svg) => svg.textContent);
    expect(rateLabels).toContain('99.92%');
    expect(rateLabels).toContain('99.93%');
  });

  it('sorts by a clicked column, both ways, and back to worst first', async () => {
    await page.click('#overview th[data-key="difference"]');
    expect(await page.getAttribute('#overview th[data-key="difference"]', 'aria-sort')).toBe('descending');
    let rows = await overviewRows(page);
    expect(rows[0].difference).toBe('4.00');
    expect(rows.at(-1)!.difference).toBe('-0.04');

    await page.click('#overview th[data-key="difference"]');
    expect(await page.getAttribute('#overview th[data-key="difference"]', 'aria-sort')).toBe('ascending');
    rows = await overviewRows(page);
    expect(rows[0].difference).toBe('-0.04');

    await page.click('#overview th[data-key="declaredTotal"]');
    rows = await overviewRows(page);
    expect(rows.map((row) => Number(row.declaredTotal))).toEqual([99.86, 98.02, 95, 92.49, 87.93, 0, 0]);

    await page.click('button[data-action="reset-sort"]');
    rows = await overviewRows(page);
    expect(rows.slice(0, 2).map((row) => row.form)).toEqual([3, 1]);
  });

  it('filters by severity and by text', async () => {
    await page.selectOption('#severity-filter', 'error');
    expect((await overviewRows(page)).map((row) => row.name)).toEqual(['专项业务', '一般管理事务']);
    await page.selectOption('#severity-filter', 'clean');
    expect((await overviewRows(page)).map((row) => row.form).sort()).toEqual([0, 4]);
    await page.selectOption('#severity-filter', 'all');

    await page.fill('#text-filter', '疫情');
    expect((await overviewRows(page)).map((row) => row.name)).toEqual(['疫情防控']);
    // Finding codes are searchable too.
    await page.fill('#text-filter', 'duplicate-indicator');
    expect((await overviewRows(page)).map((row) => row.form)).toEqual([3]);
    await page.fill('#text-filter', 'no such form');
    expect(await overviewRows(page)).toHaveLength(0);
    expect(await page.textContent('#overview tbody')).toContain('没有符合条件的表');
    await page.fill('#text-filter', '');
    expect(await overviewRows(page)).toHaveLength(7);
  });

  it('saves a screenshot with form 4 expanded', async () => {
    if (!(await page.$('.form-detail[data-form="3"]'))) await expand(page, 3);
    const path = join(OUTPUT_DIR, 'report-seed.png');
    const image = await page.screenshot({ path, fullPage: true });
    expect(image.length).toBeGreaterThan(10_000);
  });

  it('prints every form expanded, one per page, without controls', async () => {
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await page.$$eval('#print-area .form-detail', (sections) => sections.length)).toBe(7);
    expect(await page.$eval('.controls', (el) => getComputedStyle(el).display)).toBe('none');
    expect(await page.$eval('#overview-panel', (el) => getComputedStyle(el).display)).toBe('none');
    expect(await page.$eval('#print-area .form-detail', (el) => getComputedStyle(el).breakBefore)).toBe('page');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });

  it('loaded nothing from the network and raised no script error', () => {
    expect(opened.requests).toEqual([]);
    expect(opened.errors).toEqual([]);
  });
});

describe.skipIf(skipBrowser)('audit report of 1 000 forms', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'loads and shows the first page of the overview, details only on demand',
    async () => {
      const { forms } = seed();
      const documents: Document[] = [];
      for (let copy = 0; documents.length * forms.length < 1000; copy++) {
        const file = `batch/${String(copy).padStart(3, '0')}.txt`;
        documents.push({ forms: forms.map((form) => ({ ...form, source: { ...form.source, file } })), diagnostics: [] });
      }
      const all = documents.flatMap((document) => document.forms).slice(0, 1000);
      const url = writeOutput('report-1000.html', renderReport([{ forms: all, diagnostics: [] }]));

      const { page, errors } = await openPage(browser, url);
      expect(await page.$$eval('#overview tbody tr.form-row', (rows) => rows.length)).toBe(50);
      expect(await page.textContent('[data-card="forms"] .v')).toBe('1000');
      expect(await page.textContent('#pager-status')).toContain('共 1000 张表');
      // Worst first: the copies of form 4 lead.
      expect((await overviewRows(page)).slice(0, 3).map((row) => row.name)).toEqual(['专项业务', '专项业务', '专项业务']);
      expect(await page.$$eval('.form-detail', (sections) => sections.length)).toBe(0);

      await page.click('button[data-action="next"]');
      expect(await page.textContent('#pager-page')).toBe('第 2 / 20 页');
      const second = await overviewRows(page);
      expect(second).toHaveLength(50);
      await expand(page, second[0].form as number);
      expect(await page.$$eval('.form-detail', (sections) => sections.length)).toBe(1);

      await page.click('button[data-action="last"]');
      expect(await overviewRows(page)).toHaveLength(50);
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT,
  );
});

describe.skipIf(skipBrowser)('audit report of incomplete documents', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'shows forms without sections or totals, their unplaced findings, and file notices',
    async () => {
      // The seed's first 12 lines: title, header and funds of form 1, no indicators, no 总分.
      const text = readFileSync(join(import.meta.dirname, '..', '..', SEED_FILE), 'utf8').split('\n').slice(0, 12).join('\n');
      const cut = check(parse(text, { file: 'cut.txt' }));
      const [whole] = seed().forms;
      const bare = { ...whole, funds: null, indicators: [], total: null, findings: [], summary: null, source: { ...whole.source, file: 'bare.txt' } };
      const empty = check(parse('', { file: 'empty.txt' }));
      const url = writeOutput('report-incomplete.html', renderReport([cut, { forms: [bare], diagnostics: [] }, empty, seed()]));

      const { page, errors } = await openPage(browser, url);
      const rows = await overviewRows(page);
      expect(rows).toHaveLength(9);
      expect(rows.find((row) => row.form === 1)).toMatchObject({ file: 'bare.txt:3', declaredTotal: '—', recomputedTotal: '—', difference: '—' });

      // Forms without a difference stay last whichever way the column is sorted.
      await page.click('#overview th[data-key="difference"]');
      expect((await overviewRows(page)).slice(-2).map((row) => row.form).sort()).toEqual([0, 1]);
      await page.click('#overview th[data-key="difference"]');
      expect((await overviewRows(page)).slice(-2).map((row) => row.form).sort()).toEqual([0, 1]);

      await expand(page, 0);
      await expand(page, 1);
      const unplaced = await page.$$eval('.form-detail[data-form="0"] tr.finding[data-unplaced="true"] td.code', (cells) => cells.map((c) => c.textContent));
      expect(unplaced).toEqual(['missing-section', 'missing-section']);
      expect(await page.textContent('.form-detail[data-form="0"]')).toContain('表中没有绩效指标');
      expect(await page.textContent('.form-detail[data-form="1"]')).toContain('表中没有项目资金部分');
      expect(await page.textContent('.notices')).toContain('the input is empty');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT,
  );
});
