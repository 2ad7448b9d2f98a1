/**
 * The audit report in a real browser, as shipped: every page here is written
 * by the built command line (`node dist/cli.js report …`; `npm test` builds
 * first) and opened from disk in headless Chromium. What the page must show is
 * taken from `node dist/cli.js check --format json` on the same input, or read
 * off the sample's lines (cited); never from the report's own code.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/api/index.js';
import { OUTPUT_DIR, ROOT, cliReport, chromiumForFile, openPage, runCli, skipBrowser, type WatchedPage } from './chromium.js';

const SEED_FILE = 'samples/000_16052ebbc3505be3.txt';
const BAD_FILE = 'samples/bad-values.txt';
const BROWSER_TIMEOUT = 120_000;
/** One Chromium for every group of this file. */
const fileChromium = chromiumForFile();

/** What the checker says of the inputs, from the built command line. */
function checked(inputs: string[], status = 0): Document[] {
  const output = runCli(['check', ...inputs, '--format', 'json', '--fail-on', 'never', '-q'], status).trim();
  const parsed = JSON.parse(output) as Document | Document[];
  return Array.isArray(parsed) ? parsed : [parsed];
}

/** `line severity code` of every finding, sorted, to compare as multisets. */
function findingKeys(findings: ReadonlyArray<{ line: number; severity: string; code: string }>): string[] {
  return findings.map((f) => `${f.line} ${f.severity} ${f.code}`).sort();
}

/** The overview's rows in display order: form id and the cells' text by column. */
async function overviewRows(page: Page): Promise<Array<{ form: number; [column: string]: string | number }>> {
  return page.$$eval('#overview tbody tr.form-row', (rows) =>
    rows
      .filter((row) => (row as HTMLElement).offsetParent !== null)
      .map((row) => {
        const cells: { form: number; [column: string]: string | number } = { form: Number(row.getAttribute('data-form')) };
        for (const td of Array.from(row.querySelectorAll('td'))) {
          const column = Array.from(td.classList).find((c) => c.startsWith('c-'));
          if (column) cells[column.slice(2)] = (td.textContent ?? '').replace(/^[▸▾]/, '').trim();
        }
        return cells;
      }),
  );
}

/** The findings and diagnostics a form's section shows, as `line severity code`, only if the section is visible. */
async function shownProblems(page: Page, section: string): Promise<{ visible: boolean; findings: string[]; diagnostics: string[] }> {
  return page.$eval(section, (element) => {
    const rows = (selector: string): string[] =>
      Array.from(element.querySelectorAll(selector))
        .filter((row) => (row as HTMLElement).offsetParent !== null)
        .map((row) => {
          const cells = Array.from(row.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim());
          const severity = Array.from(row.classList).find((c) => c.startsWith('sev-'))!.slice(4);
          return row.classList.contains('finding') ? `${cells[0]} ${severity} ${cells[2]}` : `${cells[0]} ${severity} ${cells[3]}`;
        })
        .sort();
    return { visible: (element as HTMLElement).offsetParent !== null, findings: rows('tr.finding'), diagnostics: rows('tr.diagnostic') };
  });
}

async function disputedCell(page: Page, form: number, line: number, field: string) {
  const selector = `.form-detail[data-form="${form}"] tr[data-line="${line}"] td[data-field="${field}"]`;
  return page.$eval(selector, (td) => ({
    disputed: td.classList.contains('disputed'),
    parseError: td.classList.contains('parse-error'),
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
  if (await page.$(`#overview tr.detail-row[data-detail="${form}"]`)) return;
  await page.click(`#overview tr.form-row[data-form="${form}"]`);
  await page.waitForSelector(`#overview .form-detail[data-form="${form}"]`);
}

/** Forms with a non-zero difference, largest |difference| first, at most ten: the ranked chart's bars. */
function largestDifferences(documents: Document[]): Array<{ form: number; difference: string }> {
  return documents
    .flatMap((document) => document.forms)
    .map((form, index) => ({ form: index, difference: form.summary?.difference ?? null }))
    .filter((row): row is { form: number; difference: string } => row.difference !== null && Number(row.difference) !== 0)
    .sort((a, b) => Math.abs(Number(b.difference)) - Math.abs(Number(a.difference)) || a.form - b.form)
    .slice(0, 10);
}

describe.skipIf(skipBrowser)('audit report written by the built CLI, in Chromium', { timeout: BROWSER_TIMEOUT }, () => {
  let browser: Browser;
  let url: string;
  let opened: WatchedPage;
  let page: Page;
  let documents: Document[];

  beforeAll(async () => {
    url = cliReport('report-seed.html', [SEED_FILE], ['--title', '样例导出 审核报告']);
    documents = checked([SEED_FILE]);
    browser = fileChromium();
    opened = await openPage(browser, url);
    page = opened.page;
  }, BROWSER_TIMEOUT);

  it('signals ready and shows one overview row per form with the checker’s totals and counts', async () => {
    expect(await page.getAttribute('html', 'data-ready')).toBe('true');
    const forms = documents[0].forms;
    const rows = await overviewRows(page);
    expect(rows).toHaveLength(forms.length);
    for (const row of rows) {
      const form = forms[row.form];
      const summary = form.summary!;
      expect(row).toMatchObject({
        declaredTotal: summary.declaredTotal ?? '—',
        recomputedTotal: summary.recomputedTotal ?? '—',
        difference: summary.difference ?? '—',
        errors: String(summary.counts.error),
        warnings: String(summary.counts.warning),
        infos: String(summary.counts.info),
        parseErrors: String(form.diagnostics.filter((d) => d.severity === 'error').length),
      });
    }
    expect(await page.textContent('[data-card="forms"] .v')).toBe(String(forms.length));
  });

  it('labels the difference 申报 − 复核 and gives form 4 (line 156: 92.49 declared, 96.49 recomputed) -4.00', async () => {
    expect(await page.textContent('#overview th[data-key="difference"]')).toContain('差额（申报 − 复核）');
    expect(await page.textContent('header .sub')).toContain('差额 = 申报 − 复核');
    const rows = await overviewRows(page);
    const form4 = rows.find((row) => row.form === 3)!;
    expect(form4).toMatchObject({ name: '专项业务', declaredTotal: '92.49', recomputedTotal: '96.49', difference: '-4.00', grade: '优 → 优' });
    expect(form4.file).toBe(`${SEED_FILE}:111`);
    // Worst first: form 4 (2 errors), then form 2 (1 error: line 43).
    expect(rows.slice(0, 2).map((row) => row.form)).toEqual([3, 1]);
  });

  it('shows every finding and diagnostic of every form when the forms are opened', async () => {
    await page.click('button[data-action="expand-page"]');
    for (const [index, form] of documents[0].forms.entries()) {
      const shown = await shownProblems(page, `#overview .form-detail[data-form="${index}"]`);
      expect(shown.visible).toBe(true);
      expect(shown.findings).toEqual(findingKeys(form.findings));
      expect(shown.diagnostics).toEqual(findingKeys(form.diagnostics));
    }
    await page.click('button[data-action="collapse-all"]');
    expect(await page.$$eval('#overview tr.detail-row', (rows) => rows.length)).toBe(0);
  });

  it('ranks the largest differences and counts findings by rule, as the checker gives them', async () => {
    const bars = await page.$$eval('#differences-panel g.bar', (groups) =>
      groups.map((g) => ({ form: Number(g.getAttribute('data-form')), difference: g.getAttribute('data-difference') })),
    );
    expect(bars).toEqual(largestDifferences(documents));
    const codes = await page.$$eval('#codes-panel g.bar', (groups) => groups.map((g) => [g.getAttribute('data-code'), Number(g.getAttribute('data-count'))] as const));
    const expected = new Map<string, number>();
    for (const finding of documents[0].forms.flatMap((form) => form.findings)) expected.set(finding.code, (expected.get(finding.code) ?? 0) + 1);
    expect(new Map(codes)).toEqual(expected);
  });

  it('opens the form a ranked bar names, and filters by the rule a bar names', async () => {
    await page.click('#differences-panel a[href="#form-3"]');
    expect(await page.$$eval('#overview tr.detail-row', (rows) => rows.map((row) => row.getAttribute('data-detail')))).toEqual(['3']);
    await page.click('#codes-panel g.bar[data-code="duplicate-indicator"]');
    expect(await page.inputValue('#text-filter')).toBe('duplicate-indicator');
    expect((await overviewRows(page)).map((row) => row.form)).toEqual([3]);
    await page.fill('#text-filter', '');
    await page.click('button[data-action="collapse-all"]');
  });

  it('highlights form 4’s disputed figures on the rows the findings name', async () => {
    await expand(page, 3);
    const weight = await disputedCell(page, 3, 156, 'total.weight');
    expect(weight).toMatchObject({ disputed: true, severity: 'error', declared: '100', expected: '104', codes: 'total-weight-mismatch' });
    expect(weight.text).toBe('100 → 104');
    expect(weight.title).toContain('总分的分值 100 不等于预算执行分值与各指标分值之和 104');

    const score = await disputedCell(page, 3, 156, 'total.score');
    expect(score).toMatchObject({ disputed: true, severity: 'error', declared: '92.49', expected: '96.49' });
    expect(score.text).toBe('92.49 → 96.49');

    // Line 116: 19402034.90 ÷ 19416170.49 = 99.9272…%, written 99.92% (truncated).
    const rate = await disputedCell(page, 3, 116, 'funds.rate');
    expect(rate).toMatchObject({ disputed: true, severity: 'warning', declared: '99.92', expected: '99.93', codes: 'execution-rate-mismatch' });
    expect(rate.text).toBe('99.92% → 99.93');
    expect(rate.background).not.toBe(weight.background);

    for (const [line, field] of [[116, 'funds.score'], [116, 'funds.adjustedBudget'], [123, 'score'], [124, 'weight']] as const) {
      expect((await disputedCell(page, 3, line, field)).disputed).toBe(false);
    }
    // One highlighted cell per finding of form 4 (each names its own cell).
    expect(await page.$$eval('#overview .form-detail[data-form="3"] td.disputed', (cells) => cells.length)).toBe(documents[0].forms[3].findings.length);
    const lines = await page.$$eval('#overview .form-detail[data-form="3"] table.tree tr.lvl3 td.line', (cells) => cells.map((c) => Number(c.textContent)));
    expect(lines[0]).toBe(123);
    expect(lines.at(-1)).toBe(155);
    expect(await page.textContent('#overview .form-detail[data-form="3"] .total-difference')).toBe('差额（申报 − 复核）-4.00');
  });

  it('highlights form 2’s line 43 score: declared 2, recomputed 1.96', async () => {
    await expand(page, 1);
    const cell = await disputedCell(page, 1, 43, 'score');
    expect(cell).toMatchObject({ disputed: true, severity: 'error', declared: '2', expected: '1.96', codes: 'indicator-score-mismatch' });
    expect(cell.text).toBe('2 → 1.96');
  });

  it('draws form 4’s charts when it is opened: a bar group per part and both execution rates', async () => {
    await expand(page, 3);
    const parts = await page.$$eval('#overview .form-detail[data-form="3"] svg.parts-chart g.part', (groups) => groups.map((g) => g.getAttribute('data-label')));
    expect(parts).toEqual(['预算执行', '产出指标', '效益指标', '满意度指标']);
    const rateLabels = await page.$eval('#overview .form-detail[data-form="3"] svg.rate-chart', (svg) => svg.textContent);
    expect(rateLabels).toContain('99.92%');
    expect(rateLabels).toContain('99.93%');
  });

  it('sorts by a clicked column, both ways, and back to worst first', async () => {
    const differences = documents[0].forms.map((form) => Number(form.summary!.difference));
    await page.click('#overview th[data-key="difference"]');
    expect(await page.getAttribute('#overview th[data-key="difference"]', 'aria-sort')).toBe('descending');
    // By the size of the difference: −4.00 is the largest, first.
    let rows = await overviewRows(page);
    expect(rows.map((row) => Math.abs(Number(row.difference)))).toEqual(differences.map(Math.abs).sort((a, b) => b - a));
    expect(rows[0].difference).toBe('-4.00');

    await page.click('#overview th[data-key="difference"]');
    expect(await page.getAttribute('#overview th[data-key="difference"]', 'aria-sort')).toBe('ascending');
    rows = await overviewRows(page);
    expect(rows.at(-1)!.difference).toBe('-4.00');

    await page.click('#overview th[data-key="declaredTotal"]');
    rows = await overviewRows(page);
    expect(rows.map((row) => Number(row.declaredTotal))).toEqual(documents[0].forms.map((form) => Number(form.summary!.declaredTotal)).sort((a, b) => b - a));

    await page.click('button[data-action="reset-sort"]');
    rows = await overviewRows(page);
    expect(rows.slice(0, 2).map((row) => row.form)).toEqual([3, 1]);
  });

  it('filters by severity and by text', async () => {
    const forms = documents[0].forms;
    await page.selectOption('#severity-filter', 'error');
    expect((await overviewRows(page)).map((row) => row.form).sort()).toEqual(forms.flatMap((form, i) => (form.summary!.counts.error > 0 ? [i] : [])));
    await page.selectOption('#severity-filter', 'clean');
    expect((await overviewRows(page)).map((row) => row.form).sort()).toEqual(forms.flatMap((form, i) => (form.findings.length === 0 ? [i] : [])));
    await page.selectOption('#severity-filter', 'all');

    await page.fill('#text-filter', '疫情');
    expect((await overviewRows(page)).map((row) => row.name)).toEqual(['疫情防控']);
    await page.fill('#text-filter', 'duplicate-indicator');
    expect((await overviewRows(page)).map((row) => row.form)).toEqual([3]);
    await page.fill('#text-filter', 'no such form');
    expect(await overviewRows(page)).toHaveLength(0);
    expect(await page.textContent('#overview tbody')).toContain('没有符合条件的表');
    await page.fill('#text-filter', '');
    expect(await overviewRows(page)).toHaveLength(forms.length);
  });

  it('saves a screenshot with form 4 expanded', async () => {
    await expand(page, 3);
    const image = await page.screenshot({ path: join(OUTPUT_DIR, 'report-seed.png'), fullPage: true });
    expect(image.length).toBeGreaterThan(10_000);
  });

  it('prints every form, one per page, landscape, or only the forms with findings', async () => {
    const forms = documents[0].forms;
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const printed = (): Promise<number[]> =>
      page.$$eval('#forms .form-detail', (sections) => sections.filter((s) => (s as HTMLElement).offsetParent !== null).map((s) => Number(s.getAttribute('data-form'))).sort());
    expect(await printed()).toEqual(forms.map((_, i) => i));
    expect(await overviewRows(page)).toHaveLength(forms.length);
    expect(await page.$eval('.controls', (el) => getComputedStyle(el).display)).toBe('none');
    expect(await page.$eval('#forms .form-detail', (el) => getComputedStyle(el).breakBefore)).toBe('page');
    expect(await page.$$eval('#forms .form-detail svg.parts-chart', (charts) => charts.length)).toBe(forms.length);

    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    await page.check('#print-findings-only');
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const withProblems = forms.flatMap((form, i) => (form.findings.length + form.diagnostics.length > 0 ? [i] : []));
    expect(withProblems.length).toBeLessThan(forms.length);
    expect(await printed()).toEqual(withProblems);
    expect((await overviewRows(page)).map((row) => row.form).sort()).toEqual(withProblems);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // @page A4 landscape: every page wider than high.
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThan(0);
    for (const [width, height] of boxes) expect(width).toBeGreaterThan(height);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    await page.uncheck('#print-findings-only');
    expect(await overviewRows(page)).toHaveLength(Math.min(forms.length, 50));
  });

  it('loaded nothing from the network and raised no script or console error', () => {
    expect(opened.requests).toEqual([]);
    expect(opened.errors).toEqual([]);
  });

  it('opens the form a link names (report.html#form-3)', async () => {
    const linked = await openPage(browser, url + '#form-3');
    expect(await linked.page.$$eval('#overview tr.detail-row', (rows) => rows.map((row) => row.getAttribute('data-detail')))).toEqual(['3']);
    expect(await linked.page.isVisible('#overview .form-detail[data-form="3"]')).toBe(true);
    expect(linked.errors).toEqual([]);
    await linked.page.close();
  });

  it('keeps the page 390 px wide on a phone: the overview scrolls inside its box', async () => {
    const phone = await openPage(browser, url, { viewport: { width: 390, height: 844 } });
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await phone.page.$eval('.overview-scroll', (el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }));
    expect(box.client).toBeLessThanOrEqual(390);
    expect(box.scroll).toBeGreaterThan(box.client);
    expect(box.overflow).toBe('auto');
    await expand(phone.page, 3);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.page.screenshot({ path: join(OUTPUT_DIR, 'report-seed-390.png'), fullPage: false });
    expect(phone.errors).toEqual([]);
    expect(phone.requests).toEqual([]);
    await phone.page.close();
  });
});

describe.skipIf(skipBrowser)('audit report with JavaScript disabled', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = fileChromium();
  }, BROWSER_TIMEOUT);

  it(
    'shows every form, every finding and every diagnostic, with the disputed cells highlighted',
    async () => {
      const inputs = [SEED_FILE, BAD_FILE];
      const url = cliReport('report-nojs.html', inputs);
      const documents = checked(inputs);
      const forms = documents.flatMap((document) => document.forms);
      const { page, errors, requests } = await openPage(browser, url, { javaScriptEnabled: false });
      expect(await page.getAttribute('html', 'data-ready')).toBeNull();
      expect(await overviewRows(page)).toHaveLength(forms.length);
      for (const [index, form] of forms.entries()) {
        const shown = await shownProblems(page, `#forms .form-detail[data-form="${index}"]`);
        expect(shown.visible).toBe(true);
        expect(shown.findings).toEqual(findingKeys(form.findings));
        expect(shown.diagnostics).toEqual(findingKeys(form.diagnostics));
      }
      // Controls that need the script are hidden; the overview links to each form.
      expect(await page.$eval('.controls', (el) => getComputedStyle(el).display)).toBe('none');
      await page.click('#overview tr.form-row[data-form="3"] a.form-link');
      expect(page.url()).toMatch(/#form-3$/);
      const weight = await disputedCell(page, 3, 156, 'total.weight');
      expect(weight).toMatchObject({ disputed: true, declared: '100', expected: '104' });
      expect(await page.$$eval('#forms .form-detail[data-form="3"] td.disputed', (cells) => cells.length)).toBe(forms[3].findings.length);
      // The overall charts are written by the server.
      expect(await page.$$eval('#differences-panel g.bar', (bars) => bars.map((bar) => Number(bar.getAttribute('data-form'))))).toEqual(
        largestDifferences(documents).map((bar) => bar.form),
      );
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    },
    BROWSER_TIMEOUT,
  );
});

describe.skipIf(skipBrowser)('form-level parse errors in the report', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = fileChromium();
  }, BROWSER_TIMEOUT);

  it(
    'counts them in the overview, sorts their form first and highlights the cells',
    async () => {
      const url = cliReport('report-bad-values.html', [BAD_FILE]);
      const [document] = checked([BAD_FILE]);
      const { page, errors } = await openPage(browser, url);
      // samples/bad-values.txt form 2 (总分有误项目): line 22 scores `5.0.0`, line 24 states 总分 `一百` · `满分`.
      const form = document.forms[1];
      const parseErrors = form.diagnostics.filter((d) => d.severity === 'error');
      expect(parseErrors.map((d) => d.line).sort()).toEqual([22, 24, 24]);
      const rows = await overviewRows(page);
      expect(rows[0]).toMatchObject({ form: 1, name: '总分有误项目', parseErrors: String(parseErrors.length) });
      expect(await page.textContent('[data-card="with-parse-errors"] .v')).toBe('1');
      await page.selectOption('#severity-filter', 'error');
      expect((await overviewRows(page)).map((row) => row.form)).toContain(1);
      await page.selectOption('#severity-filter', 'all');
      await expand(page, 1);
      for (const [line, field, text] of [[24, 'total.weight', '一百'], [24, 'total.score', '满分'], [22, 'score', '5.0.0']] as const) {
        const cell = await disputedCell(page, 1, line, field);
        expect(cell).toMatchObject({ disputed: true, parseError: true, severity: 'error', codes: 'invalid-number' });
        expect(cell.text).toBe(`${text} 无法读取`);
      }
      expect(await page.$eval('#codes-panel g.bar[data-code="invalid-number"][data-parse="true"]', (bar) => bar.getAttribute('data-count'))).toBe('3');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT,
  );
});

describe.skipIf(skipBrowser)('audit report of 210 forms', () => {
  let browser: Browser;
  const dir = join(OUTPUT_DIR, 'batch-210');

  beforeAll(async () => {
    browser = fileChromium();
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'pages the overview 50 rows at a time, worst first, and opens a form on demand',
    async () => {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      // 30 copies of the 7-form sample: five pages.
      for (let copy = 0; copy < 30; copy++) copyFileSync(join(ROOT, SEED_FILE), join(dir, `${String(copy).padStart(3, '0')}.txt`));
      const url = cliReport('report-210.html', [join(dir, '*.txt')]);

      const { page, errors } = await openPage(browser, url);
      expect(await page.$$eval('#overview tbody tr.form-row', (rows) => rows.length)).toBe(50);
      expect(await page.textContent('[data-card="forms"] .v')).toBe('210');
      expect(await page.textContent('#pager-status')).toContain('共 210 张表');
      // Worst first: the copies of form 4 lead.
      // The same seed in every file: each form is flagged as submitted more than once.
      expect((await overviewRows(page)).slice(0, 3).map((row) => row.name)).toEqual(['专项业务 重复提交', '专项业务 重复提交', '专项业务 重复提交']);
      expect(await page.$$eval('#overview .form-detail', (sections) => sections.length)).toBe(0);

      await page.click('button[data-action="next"]');
      expect(await page.textContent('#pager-page')).toBe('第 2 / 5 页');
      const second = await overviewRows(page);
      expect(second).toHaveLength(50);
      await expand(page, second[0].form as number);
      expect(await page.$$eval('#overview .form-detail', (sections) => sections.length)).toBe(1);

      await page.click('button[data-action="last"]');
      expect(await page.textContent('#pager-page')).toBe('第 5 / 5 页');
      expect(await overviewRows(page)).toHaveLength(10);
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT,
  );
});

describe.skipIf(skipBrowser)('audit report of incomplete exports', () => {
  let browser: Browser;
  const dir = join(OUTPUT_DIR, 'incomplete');

  beforeAll(async () => {
    browser = fileChromium();
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'shows forms without indicators or totals, their unplaced findings, and file notices',
    async () => {
      mkdirSync(dir, { recursive: true });
      // The seed's first 12 lines: title, header and funds of form 1, no indicators, no 总分.
      const text = readFileSync(join(ROOT, SEED_FILE), 'utf8').split('\n').slice(0, 12).join('\n');
      writeFileSync(join(dir, 'cut.txt'), text);
      writeFileSync(join(dir, 'empty.txt'), '');
      const inputs = [join(dir, 'cut.txt'), join(dir, 'empty.txt'), SEED_FILE];
      // The empty file fails the batch (exit 2), and the page still names it.
      const url = cliReport('report-incomplete.html', inputs, [], 2);
      const forms = checked(inputs, 2).flatMap((document) => document.forms);

      const { page, errors } = await openPage(browser, url);
      const rows = await overviewRows(page);
      expect(rows).toHaveLength(forms.length);
      // The cut form states no 总分: no declared total, so no difference.
      expect(forms[0].summary).toMatchObject({ declaredTotal: null, difference: null });
      expect(rows.find((row) => row.form === 0)).toMatchObject({ declaredTotal: '—', difference: '—' });

      // A form without a difference stays last whichever way the column is sorted.
      await page.click('#overview th[data-key="difference"]');
      expect((await overviewRows(page)).at(-1)!.form).toBe(0);
      await page.click('#overview th[data-key="difference"]');
      expect((await overviewRows(page)).at(-1)!.form).toBe(0);

      await expand(page, 0);
      const unplaced = await page.$$eval('#overview .form-detail[data-form="0"] tr.finding[data-unplaced="true"] td.code', (cells) => cells.map((c) => c.textContent));
      expect(unplaced).toEqual(forms[0].findings.filter((f) => f.code === 'missing-section').map((f) => f.code));
      expect(unplaced.length).toBeGreaterThan(0);
      expect(await page.textContent('#overview .form-detail[data-form="0"]')).toContain('表中没有绩效指标');
      expect(await page.textContent('.notices')).toContain('输入为空');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT,
  );
});
