/**
 * The Excel output, read back with exceljs: codes and texts that a CSV would
 * lose (department `0402009`, targets `1-3`, `3/4`, `2023-12`) are text
 * cells, a figure is a number only when the number is exactly its decimal,
 * an amount of more than 15 digits stays text; frozen header row, widths,
 * Chinese headers with --lang zh; and the CLI writes it under --out or to a
 * standard output that is not a terminal.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import { exactNumber, xlsxBytes } from '../src/output/xlsx.js';
import { CLI, ROOT, SEED } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';

const AMOUNT = '12345678901234567.89';

/** A consistent form whose department, targets and amount a CSV opened in Excel would change. */
const FORM = [
  '项目支出绩效自评表',
  `项目名称\t测试项目\t\t\t项目金额\t${AMOUNT}`,
  '主管部门\t0402009\t\t\t实施单位\t区政务服务中心',
  '项目资金（元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
  `\t年度资金总额\t${AMOUNT}\t${AMOUNT}\t${AMOUNT}\t10\t100.00%\t10.00`,
  `\t其中：当年财政拨款\t${AMOUNT}\t${AMOUNT}\t${AMOUNT}\t—\t100.00%\t—`,
  '年度总体目标\t预期目标\t\t\t实际完成情况',
  '\t完成采购\t\t\t已完成采购',
  '年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
  '\t产出指标 (50分)\t数量指标\t采购批次\t1-3\t1-3\t20\t20',
  '\t\t质量指标\t合格比例\t3/4\t3/4\t15\t15',
  '\t\t时效指标\t完成时间\t2023-12\t2023-12\t15\t15',
  '\t效益指标 (40分)\t社会效益指标\t提高效率\t有效\t有效\t40\t39.5',
  '总分\t\t\t\t\t\t100\t99.5',
].join('\n');

async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The rows of a sheet as objects keyed by the header row, each cell with its type and value. */
function sheetRows(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.Cell>[] {
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.Cell>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Object.fromEntries(header.map((name, i) => [name, row.getCell(i + 1)])));
  }
  return rows;
}

const isText = (cell: ExcelJS.Cell, value: string) => {
  expect(cell.type).toBe(ExcelJS.ValueType.String);
  expect(cell.value).toBe(value);
};
const isNumber = (cell: ExcelJS.Cell, value: number, format?: string) => {
  expect(cell.type).toBe(ExcelJS.ValueType.Number);
  expect(cell.value).toBe(value);
  if (format !== undefined) expect(cell.numFmt).toBe(format);
};

describe('exactNumber', () => {
  it.each([
    ['10', 10, '0'],
    ['10.00', 10, '0.00'],
    ['99.92', 99.92, '0.00'],
    ['-4.00', -4, '0.00'],
    ['0.00', 0, '0.00'],
    ['007', 7, '0'],
    ['46876170.49', 46876170.49, '0.00'],
    ['123456789012.345', 123456789012.345, '0.000'],
  ])('%s is the number %d', (text, value, format) => {
    expect(exactNumber(text)).toEqual({ value, format });
  });

  it.each([
    [AMOUNT, 'more than 15 digits'],
    ['1234567890123456', '16 digits'],
    ['0.1234567890123456', '16 significant digits'],
    ['0.0000001', 'a number written 1e-7'],
    ['1-3', 'not a decimal'],
    ['1e5', 'not a decimal'],
    ['', 'empty'],
  ])('%s stays text (%s)', (text) => {
    expect(exactNumber(text)).toBeNull();
  });
});

describe('the workbook of a document', async () => {
  const document = check(parse(FORM, { file: 'a.txt' }));
  const workbook = await readWorkbook(await xlsxBytes([{ document, label: 'a.txt' }]));

  it('has a summary, indicators, funds and findings sheet, each with a frozen header row and column widths', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['summary', 'indicators', 'funds', 'findings']);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      // exceljs leaves out a column of its default width (9), which then reads back as undefined.
      const widths = Array.from({ length: sheet.columnCount }, (_, c) => sheet.getColumn(c + 1).width ?? 9);
      for (const width of widths) expect(width).toBeGreaterThanOrEqual(6);
      expect(new Set(widths).size).toBeGreaterThan(3);
    }
  });

  it('keeps the department code, the targets and the long amount as text', () => {
    const [summary] = sheetRows(workbook.getWorksheet('summary')!);
    isText(summary.department, '0402009');
    const indicators = sheetRows(workbook.getWorksheet('indicators')!);
    expect(indicators.map((r) => r.indicator.value)).toEqual(['采购批次', '合格比例', '完成时间', '提高效率']);
    isText(indicators[0].department, '0402009');
    isText(indicators[0].target, '1-3');
    isText(indicators[1].target, '3/4');
    isText(indicators[2].target, '2023-12');
    isText(indicators[2].actual, '2023-12');
    const funds = sheetRows(workbook.getWorksheet('funds')!);
    isText(funds[0].adjusted_budget, AMOUNT);
    isText(funds[0].executed, AMOUNT);
  });

  it('writes figures a number holds exactly as numbers, with their decimals shown', () => {
    const indicators = sheetRows(workbook.getWorksheet('indicators')!);
    isNumber(indicators[0].weight, 20, '0');
    isNumber(indicators[3].score, 39.5, '0.0');
    isNumber(indicators[0].line, 10);
    isNumber(indicators[0].form, 1);
    const funds = sheetRows(workbook.getWorksheet('funds')!);
    isNumber(funds[0].score, 10, '0.00');
    isNumber(funds[0].rate, 100, '0.00');
    const [summary] = sheetRows(workbook.getWorksheet('summary')!);
    isText(summary.project, '测试项目');
    isNumber(summary.declared_total, 99.5, '0.0');
    expect(summary.difference_declared_minus_recomputed.value).toBe(Number(document.forms[0].summary!.difference));
    isText(summary.declared_grade, document.forms[0].summary!.declaredGrade!);
  });

  it('lists findings and diagnostics with their codes and Chinese and English messages', async () => {
    const bad = check(parse(FORM.replace('\t40\t39.5', '\t40\t一百'), { file: 'b.txt' }));
    const book = await readWorkbook(await xlsxBytes([{ document: bad, label: 'b.txt' }]));
    const rows = sheetRows(book.getWorksheet('findings')!);
    const invalid = rows.find((r) => r.code.value === 'invalid-number')!;
    isText(invalid.kind, 'diagnostic');
    isText(invalid.message, '得分“一百”不是数字');
    isText(invalid.message_en, '得分 "一百" is not a number');
    isNumber(invalid.line, 13);
    const finding = rows.find((r) => r.kind.value === 'finding')!;
    const source = bad.forms[0].findings.find((f) => f.code === finding.code.value)!;
    isText(finding.message, source.message.zh);
    isText(finding.message_en, source.message.en);
  });

  it('has Chinese sheet names and headers in Chinese', async () => {
    const zh = await readWorkbook(await xlsxBytes([{ document, label: 'a.txt' }], 'zh'));
    expect(zh.worksheets.map((s) => s.name)).toEqual(['汇总', '绩效指标', '资金', '问题']);
    const [summary] = sheetRows(zh.getWorksheet('汇总')!);
    isText(summary['主管部门'], '0402009');
    expect(Object.keys(summary)).toContain('差额（申报－复核）');
    const [indicator] = sheetRows(zh.getWorksheet('绩效指标')!);
    isText(indicator['指标值'], '1-3');
  });
});

describe('jixiao --format xlsx', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes NAME.xlsx per input under --out', async () => {
    const run = await cli(['check', SEED, '--format', 'xlsx', '--out', dir, '--lang', 'zh']);
    expect(run.stderr).toContain('表 7 张');
    const book = await readWorkbook(readFileSync(join(dir, '000_16052ebbc3505be3.xlsx')));
    const summary = sheetRows(book.getWorksheet('汇总')!);
    expect(summary).toHaveLength(7);
    for (const row of summary) isText(row['主管部门'], '0402009');
    expect(summary[3]['项目名称'].value).toBe('专项业务');
    isNumber(summary[3]['申报总分'], 92.49, '0.00');
    isNumber(summary[3]['复核总分'], 96.49, '0.00');
    isNumber(summary[3]['差额（申报－复核）'], -4, '0.00');
    isNumber(summary[3]['错误'], 2);
  });

  it('writes one workbook to a standard output that is not a terminal', async () => {
    const run = spawnSync(process.execPath, [CLI, 'parse', SEED, '--format', 'xlsx'], { cwd: ROOT, env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '' } });
    expect(run.status).toBe(0);
    const book = await readWorkbook(run.stdout);
    expect(book.worksheets.map((s) => s.name)).toEqual(['summary', 'indicators', 'funds', 'findings']);
    expect(sheetRows(book.getWorksheet('indicators')!)).toHaveLength(129);
  });

  // util-linux `script` gives the command a terminal as standard output.
  it.skipIf(spawnSync('script', ['--version']).status !== 0)('refuses to write a workbook to a terminal', () => {
    const run = spawnSync('script', ['-qec', `'${process.execPath}' '${CLI}' check '${SEED}' --format xlsx`, '/dev/null'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('jixiao: --format xlsx: a workbook is not written to a terminal; give --out DIR or redirect standard output to a file');
  });
});
