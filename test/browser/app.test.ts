/**
 * The offline page (dist/jixiao-app.html, written by `jixiao app -o`) in
 * headless Chromium, opened from disk: the samples (GB18030, UTF-16 and the
 * others) and an unreadable file fed through its file input give the forms,
 * findings, failure and downloads that `jixiao check` gives on the same files,
 * the report runs in its frame, and no request leaves the machine.
 * Needs the built package: `npm test` builds first.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_DIR, launchChromium, skipBrowser } from './chromium.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const INPUTS = join(OUTPUT_DIR, 'app-inputs');
const PAGE = join(OUTPUT_DIR, 'jixiao-app.html');
const UNREADABLE = 'png-renamed.txt';
const SAMPLES = readdirSync(join(ROOT, 'samples')).filter((name) => name.endsWith('.txt')).sort();
/** The unreadable file second, so that the files after it show that the batch went on. */
const NAMES = [SAMPLES[0], UNREADABLE, ...SAMPLES.slice(1)];
const ALLOWED_SCHEMES = ['file:', 'blob:', 'data:', 'about:'];

/** Generous: each test runs the command line too, on a machine that may be busy. */
const BROWSER_TIMEOUT = 180_000;
const CLI_TIMEOUT = 60_000;

type CliRun = { status: number | null; stdout: string; stderr: string };

/** `check` runs already made, by their arguments: the inputs do not change once copied, so one run serves every test that asks the same. */
const CHECKED = new Map<string, CliRun>();

/** The command line run in the inputs' directory, so that it names the files as the page does (by their names). */
function cli(args: string[]): CliRun {
  const key = args[0] === 'check' ? JSON.stringify(args) : null;
  const known = key === null ? undefined : CHECKED.get(key);
  if (known !== undefined) return known;
  // The first tests run before the inputs are copied: the folder must exist to be the working directory.
  mkdirSync(INPUTS, { recursive: true });
  const spawned = spawnSync(process.execPath, [CLI, ...args], { cwd: INPUTS, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const run = { status: spawned.status, stdout: spawned.stdout, stderr: spawned.stderr };
  if (key !== null) CHECKED.set(key, run);
  return run;
}

interface ShownFile {
  path: string;
  forms: number;
  failure: string | null;
  formsShown: { startLine: number; findings: [string, number][] }[];
  notices: [string, number][];
}

/** Every file's row, opened to show its forms' findings as [code, line] (listed by the worker when a row opens). */
async function shownFiles(page: Page): Promise<ShownFile[]> {
  for (const row of await page.$$('tr.file-row:not(.open)')) await row.click();
  await page.waitForFunction(() => document.querySelectorAll('tr.file-detail[data-ready="true"]').length === document.querySelectorAll('tr.file-row').length);
  return page.$$eval('tr.file-row', (rows) =>
    rows.map((row) => {
      const detail = row.nextElementSibling as HTMLElement;
      const findings = (scope: Element) =>
        Array.from(scope.querySelectorAll<HTMLElement>('tr.finding'), (tr) => [tr.dataset.code ?? '', Number(tr.dataset.line)] as [string, number]);
      const notices = detail.querySelector('section.notices');
      return {
        path: (row as HTMLElement).dataset.path ?? '',
        forms: Number((row as HTMLElement).dataset.forms),
        failure: (row as HTMLElement).dataset.failure ?? null,
        formsShown: Array.from(detail.querySelectorAll<HTMLElement>('section.form'), (section) => ({ startLine: Number(section.dataset.startLine), findings: findings(section) })),
        notices: notices ? findings(notices) : [],
      };
    }),
  );
}

interface CliDocument {
  forms: { source: { startLine: number }; findings: { code: string; line: number }[] }[];
  diagnostics: { code: string; line: number }[];
}

function expectedFiles(documents: CliDocument[]): Omit<ShownFile, 'failure'>[] {
  return documents.map((document, i) => ({
    path: NAMES[i],
    forms: document.forms.length,
    formsShown: document.forms.map((form) => ({ startLine: form.source.startLine, findings: form.findings.map((f): [string, number] => [f.code, f.line]) })),
    notices: document.diagnostics.map((d): [string, number] => [d.code, d.line]),
  }));
}

async function downloaded(page: Page, exportName: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export="${exportName}"]`)]);
  return readFileSync(await download.path(), 'utf8');
}

/** A report page without the text of its scripts (data blocks kept) and of its policy, which holds their hashes. */
function withoutCode(html: string): string {
  return html.replace(/(<script(?![^>]*\btype=)[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2').replace(/(http-equiv="Content-Security-Policy" content=")[^"]*"/i, '$1"');
}

/** Waits until the page has done everything asked of it (it marks the root element). */
async function settled(page: Page, files: number): Promise<void> {
  await page.waitForFunction((n) => document.documentElement.getAttribute('data-state') === 'done' && document.querySelectorAll('tr.file-row').length === n, files, { timeout: 120_000 });
}

describe('jixiao app', () => {
  it('is shipped in the package as dist/jixiao-app.html', () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    const [pack] = JSON.parse(run.stdout) as { files: { path: string }[] }[];
    expect(pack.files.map((file) => file.path)).toContain('dist/jixiao-app.html');
  }, CLI_TIMEOUT);

  it('writes the page to standard output without -o', () => {
    const run = cli(['app']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(ROOT, 'dist', 'jixiao-app.html'), 'utf8'));
  }, CLI_TIMEOUT);

  it('refuses to write the page over a directory', () => {
    mkdirSync(INPUTS, { recursive: true });
    const run = cli(['app', '-o', '.']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is a directory');
  }, CLI_TIMEOUT);
});

describe.skipIf(skipBrowser)('offline page in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build first');
    rmSync(INPUTS, { recursive: true, force: true });
    mkdirSync(INPUTS, { recursive: true });
    for (const name of SAMPLES) copyFileSync(join(ROOT, 'samples', name), join(INPUTS, name));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'unreadable', UNREADABLE), join(INPUTS, UNREADABLE));
    rmSync(PAGE, { force: true });
    const written = cli(['app', '-o', PAGE]);
    expect(written.status, written.stderr).toBe(0);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(pathToFileURL(PAGE).href);
    await page.waitForSelector('html[data-ready="true"]');
    await page.setInputFiles('#file-input', NAMES.map((name) => join(INPUTS, name)));
    await settled(page, NAMES.length);
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows for each file the forms and findings (code and line) that jixiao check --format json gives', async () => {
    const run = cli(['check', '--format', 'json', '--fail-on', 'never', ...NAMES]);
    expect(run.status).toBe(2); // one file could not be read
    const documents = JSON.parse(run.stdout) as CliDocument[];
    expect(documents).toHaveLength(NAMES.length);
    const shown = await shownFiles(page);
    expect(shown.map(({ failure: _, ...file }) => file)).toEqual(expectedFiles(documents));
    // The encodings: the GB18030 and UTF-16 copies of the seed give its 7 forms.
    for (const name of ['000_16052ebbc3505be3.txt', 'seed-gb18030-crlf.txt', 'seed-utf16le.txt', 'enc-utf16be-crlf.txt', 'enc-gbk-crlf.txt']) {
      expect(shown.find((file) => file.path === name)?.forms, name).toBe(name.includes('seed') || name.startsWith('000') ? 7 : 1);
    }
  }, BROWSER_TIMEOUT);

  it('lists the unreadable file with the reason the command line gives, and reads the files after it', async () => {
    // The page is Chinese: the reason is the one the command line gives under --lang zh.
    const run = cli(['check', '--fail-on', 'never', '--lang', 'zh', ...NAMES]);
    // The summary line ends with the reason's code: the page shows the words.
    const reason = run.stderr.split('\n').find((line) => line.startsWith(`  ${UNREADABLE}: `))?.slice(UNREADABLE.length + 4).replace(/ \[binary-input\]$/, '');
    expect(reason).toBe('像是其他格式的文件（如图片、压缩包或办公文档），不是文本导出文件');
    const shown = await shownFiles(page);
    expect(shown[1]).toMatchObject({ path: UNREADABLE, forms: 0, failure: reason });
    // A file not read shows no counts, not zeros.
    expect(await page.$$eval(`tr.file-row[data-index="1"] td.num`, (tds) => tds.map((td) => td.textContent))).toEqual(['—', '—', '—', '—']);
    expect(await page.textContent(`tr.file-row[data-index="1"] .status`)).toContain(reason);
    expect(shown.filter((file) => file.failure !== null).map((file) => file.path)).toEqual([UNREADABLE]);
    expect(shown.slice(2).every((file) => file.forms > 0)).toBe(true);
    expect(await page.textContent('#status')).toContain('1 个文件未能读取');
  }, BROWSER_TIMEOUT);

  it('downloads the CSV (Chinese, as the page) and JSON that jixiao check prints for the same files', async () => {
    const csv = cli(['check', '--format', 'csv', '--fail-on', 'never', '--lang', 'zh', ...NAMES]).stdout;
    expect(csv.startsWith('\uFEFF文件,表序号,项目名称,')).toBe(true);
    expect(csv.split('\r\n').length).toBeGreaterThan(100);
    expect(await downloaded(page, 'csv-indicators')).toBe(csv);
    expect(await downloaded(page, 'json')).toBe(cli(['check', '--format', 'json', '--fail-on', 'never', ...NAMES]).stdout);
  }, BROWSER_TIMEOUT);

  it('downloads the XLSX workbook of the same documents: a row per form, indicator and funds row, codes as text', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="xlsx"]')]);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const documents = JSON.parse(cli(['check', '--format', 'json', '--fail-on', 'never', ...NAMES]).stdout) as { forms: { project: { department: string | null }; indicators: unknown[]; funds: { rows: unknown[] } | null }[] }[];
    const forms = documents.flatMap((d) => d.forms);
    // Sheets in the page's language (Chinese by default): summary, indicators, funds, findings; row 1 is the header.
    const [summary, indicators, funds] = book.worksheets;
    expect(book.worksheets).toHaveLength(4);
    expect(summary.actualRowCount - 1).toBe(forms.length);
    expect(indicators.actualRowCount - 1).toBe(forms.reduce((n, f) => n + f.indicators.length, 0));
    expect(funds.actualRowCount - 1).toBe(forms.reduce((n, f) => n + (f.funds?.rows.length ?? 0), 0));
    const header = (summary.getRow(1).values as unknown[]).map(String);
    const department = header.indexOf('主管部门');
    expect(department).toBeGreaterThan(0);
    const codes: unknown[] = [];
    summary.eachRow((row, n) => n > 1 && row.getCell(department).value === '0402009' && codes.push(row.getCell(department).type));
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set([ExcelJS.ValueType.String]));
  }, BROWSER_TIMEOUT);

  it('shows the report in its sandboxed frame, running its script, and downloads it as jixiao report writes it', async () => {
    const frame = page.frames().find((f) => f.url() === 'about:srcdoc');
    expect(frame).toBeDefined();
    await frame!.waitForSelector('html[data-ready="true"]');
    expect(await frame!.textContent('body')).toContain('专项业务');
    expect(await page.getAttribute('#report', 'sandbox')).toBe('allow-scripts allow-modals allow-downloads');
    const report = await downloaded(page, 'report');
    // The frame is shown the report before its forms' sections are made, which it then holds in a template
    // (read, not laid out, until opened); the page saved has them in place.
    const shown = (await page.getAttribute('#report', 'srcdoc'))!;
    expect(shown).toContain('<template id="form-sections" data-apart></template>');
    expect(shown).not.toContain('<section class="form-detail"');
    await frame!.waitForSelector('html[data-sections="ready"]');
    // The page renders the report with its own bundle, whose minified script differs from the CLI's in text only.
    expect(withoutCode(report)).toBe(withoutCode(cli(['report', '--lang', 'zh', ...NAMES]).stdout));
    expect(withoutCode(report)).toContain('png-renamed.txt');
  }, BROWSER_TIMEOUT);

  it('checks every file again under the profile chosen', async () => {
    const under = (profile: string) => cli(['check', '--format', 'json', '--fail-on', 'never', '--profile', profile, ...NAMES]).stdout;
    // The profile changes the result on these files, so that the comparison below tells profiles apart.
    expect(under('mof2020')).not.toBe(under('default'));
    await page.selectOption('#profile', 'mof2020');
    await settled(page, NAMES.length);
    expect(await downloaded(page, 'json')).toBe(under('mof2020'));
    const shown = await shownFiles(page);
    expect(shown.map(({ failure: _, ...file }) => file)).toEqual(expectedFiles(JSON.parse(under('mof2020')) as CliDocument[]));
    await page.selectOption('#profile', 'default');
    await settled(page, NAMES.length);
    expect(await downloaded(page, 'json')).toBe(under('default'));
  }, BROWSER_TIMEOUT);

  it('speaks English when asked, findings included', async () => {
    await page.selectOption('#lang', 'en');
    await settled(page, NAMES.length);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toContain('Performance self-evaluation check');
    expect(await page.textContent('#status')).toContain('1 files could not be read');
    const documents = JSON.parse(cli(['check', '--format', 'json', '--fail-on', 'never', ...NAMES]).stdout) as { forms: { findings: { message: { en: string } }[] }[] }[];
    const first = documents[0].forms.flatMap((form) => form.findings)[0];
    await shownFiles(page);
    expect(await page.textContent('tr.file-detail')).toContain(first.message.en);
    await page.selectOption('#lang', 'zh');
    await settled(page, NAMES.length);
    expect(await page.textContent('h1')).toContain('绩效自评表复核');
  }, BROWSER_TIMEOUT);

  it('reads files dropped on the page', async () => {
    await page.click('#clear');
    await settled(page, 0);
    const name = 'enc-gbk-crlf.txt';
    const bytes = [...readFileSync(join(INPUTS, name))];
    await page.evaluate(
      ([fileName, content]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(content)], fileName));
        document.getElementById('drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      [name, bytes] as const,
    );
    await settled(page, 1);
    const [file] = await shownFiles(page);
    const [expected] = expectedFiles([JSON.parse(cli(['check', '--format', 'json', '--fail-on', 'never', name]).stdout) as CliDocument]);
    expect(file).toMatchObject({ ...expected, path: name, failure: null });
  }, BROWSER_TIMEOUT);

  it('reads a folder picked whole: its .txt files in path order, each named by its path', async () => {
    await page.click('#clear');
    await settled(page, 0);
    await page.setInputFiles('#folder-input', join(ROOT, 'test', 'fixtures', 'cli'));
    const expected = ['cli/2023/finance/seed.txt', 'cli/2023/health/seed-gb18030.txt', 'cli/2024/one-form-utf16.txt', 'cli/bad/empty.txt', 'cli/bad/image.txt'];
    await settled(page, expected.length);
    const shown = await shownFiles(page);
    expect(shown.map((file) => file.path)).toEqual(expected);
    expect(shown.map((file) => file.forms)).toEqual([7, 7, 1, 0, 0]);
    expect(shown.map((file) => file.failure !== null)).toEqual([false, false, false, true, true]);
  }, BROWSER_TIMEOUT);

  it('reads dropped workbooks, Word documents and pages as the command line does, and names a truncated workbook', async () => {
    const { splitForms, textTable, writePage, writeWordDocument, writeWorkbook } = await import('../support/office-writers.js');
    const sample = readFileSync(join(ROOT, 'samples', '000_16052ebbc3505be3.txt'), 'utf8');
    const forms = splitForms(sample).map(textTable);
    const workbook = await writeWorkbook([{ name: 'Sheet1', table: textTable(sample) }]);
    const files: [string, Uint8Array][] = [
      ['forms.xlsx', workbook],
      ['forms.docx', await writeWordDocument(forms)],
      ['forms.htm', new TextEncoder().encode(writePage(forms))],
      ['cut.xlsx', workbook.subarray(0, 4000)],
    ];
    for (const [name, bytes] of files) writeFileSync(join(INPUTS, name), bytes);
    await page.click('#clear');
    await settled(page, 0);
    await page.evaluate(
      (dropped) => {
        const transfer = new DataTransfer();
        for (const [fileName, content] of dropped) transfer.items.add(new File([new Uint8Array(content)], fileName));
        document.getElementById('drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      files.map(([name, bytes]) => [name, [...bytes]] as [string, number[]]),
    );
    await settled(page, files.length);
    const shown = await shownFiles(page);
    const documents = JSON.parse(cli(['check', '--format', 'json', '--fail-on', 'never', ...files.map(([name]) => name)]).stdout) as CliDocument[];
    expect(shown.map(({ failure: _, ...file }) => file)).toEqual(expectedFiles(documents).map((file, i) => ({ ...file, path: files[i][0] })));
    expect(shown.map((file) => file.forms)).toEqual([7, 7, 7, 0]);
    // In the page's language at this point (an earlier test may have switched it).
    expect(shown[3].failure).toMatch(/损坏或不完整|damaged or incomplete/);
  }, BROWSER_TIMEOUT);

  it('makes no network request and raises no error (a blocked script would be one)', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !ALLOWED_SCHEMES.includes(new URL(url).protocol))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
