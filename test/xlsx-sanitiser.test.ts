/**
 * A workbook is valid XML whatever the input holds: every text cell goes
 * through one sanitiser (src/output/xlsx.ts `xlsxText`), and the workbook is
 * read back with exceljs, whose XML parser refuses what XML 1.0 does not allow.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { xlsxBytes, xlsxText } from '../src/output/xlsx.js';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import { CLI, ROOT, SEED } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';
import { PEAK_RSS_PROBE, peakRssMb } from './support/peak-rss.js';

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-text-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** How Excel reads a cell's text: `_xHHHH_` is the character HHHH. */
const excelReads = (text: string) => text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** The seed export with its first project name changed. */
function exportNamed(name: string): string {
  return readFileSync(join(ROOT, SEED), 'utf8').replace('预算准备金', name);
}

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('xlsxText', () => {
  it('Excel reads back every text as written, but what no XML holds, which becomes U+FFFD and is counted', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('_', 'x', '0', '4', '1', 'F', '\u001b', '\uFFFE', '\uD800', 'a'), maxLength: 20 }), (a, b) => {
        const text = a + b;
        const { value, replaced } = xlsxText(text);
        expect(value).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        const expected = text.replace(/[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
        expect(excelReads(value)).toBe(expected);
        expect(replaced).toBe([...text].filter((c) => /^[\uFFFE\uFFFF\uD800-\uDFFF]$/.test(c)).length);
      }),
    );
  });
});

describe('xlsxText at an escape that borders another', () => {
  it.each([
    ['_x4FF4\u001b', 'an escape-like text before a control character, which is written as an escape'],
    ['_x4FF4_x4FF4_', 'two escape-like texts sharing their underscore'],
    ['_x0041_', 'one escape-like text'],
  ])('%j (%s) reads back as written', (text) => {
    expect(excelReads(xlsxText(text).value)).toBe(text);
  });
});

describe('the workbook read back', () => {
  const name = '项目\uFFFF甲\uFFFE_x0041_乙';

  it('the in-memory workbook (the offline page) opens and says what the input said', async () => {
    const document = check(parse(exportNamed(name), { file: 'a\u001b[2J.txt' }));
    const workbook = await readBack(await xlsxBytes([{ document, label: 'a\u001b[2J.txt' }]));
    const row = workbook.getWorksheet('summary')!.getRow(2);
    // exceljs reads shared strings as Excel does: escapes already decoded.
    expect(String(row.getCell(3).value)).toBe('项目\uFFFD甲\uFFFD_x0041_乙');
    expect(String(row.getCell(1).value)).toBe('a\u001b[2J.txt');
  });

  it('the CLI workbook (streamed) opens, keeps control characters of a file name and says what was replaced', async () => {
    const file = join(scratch, 'b\u0001c.txt');
    writeFileSync(file, exportNamed(name) + '\n' + exportNamed('实体&#xFFFF;项目'));
    const run = await cli(['check', file, '--format', 'xlsx', '-q', '--fail-on', 'never']);
    expect(run.status).toBe(0);
    const workbook = await readBack(run.bytes);
    const summary = workbook.getWorksheet('summary')!;
    expect(excelReads(String(summary.getRow(2).getCell(1).value))).toBe(file);
    expect(excelReads(String(summary.getRow(2).getCell(3).value))).toBe('项目\uFFFD甲\uFFFD_x0041_乙');
    expect(run.stderr).toMatch(/character\(s\) no workbook can hold/);
  });
});

describe('the streamed workbook', () => {
  it('holds, cell for cell, what the in-memory workbook holds (two files, several forms each)', async () => {
    const files = ['samples/000_16052ebbc3505be3.txt', 'samples/bad-values.txt'];
    const run = await cli(['check', ...files, '--format', 'xlsx', '-q', '--fail-on', 'never', '--jobs', '1']);
    const streamed = await readBack(run.bytes);
    const documents = files.map((file) => ({ document: check(parse(readFileSync(join(ROOT, file)), { file })), label: file }));
    const memory = await readBack(await xlsxBytes(documents));
    const cells = (workbook: ExcelJS.Workbook) =>
      workbook.worksheets.map((sheet) => {
        const rows: unknown[] = [sheet.name, sheet.rowCount, sheet.columnCount];
        sheet.eachRow((row) => rows.push(JSON.stringify(row.values), row.getCell(8).numFmt ?? null));
        return rows;
      });
    expect(cells(streamed)).toEqual(cells(memory));
  });
});

describe('the memory a workbook takes', () => {
  // A workbook held whole (exceljs's in-memory writer, as the CLI wrote one
  // before it streamed) takes a process past 320 MB for these 2 000 forms, and
  // ends it in a 64 MB heap; the streamed one takes near 130 MB, and fits in
  // half that heap.
  it('does not grow with the batch: 2 000 forms to one workbook on standard output fit a 64 MB heap and stay under 250 MB', () => {
    const form = (n: number) =>
      [
        '项目支出绩效自评表',
        `项目名称\t测试项目${n}\t\t\t项目金额\t1000`,
        '主管部门\t0402009\t\t\t实施单位\t区政务服务中心',
        '项目资金（元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
        '\t年度资金总额\t1000\t1000\t950\t10\t95.00%\t9.50',
        '年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
        '\t产出指标 (50分)\t数量指标\t采购批次\t≥3批\t3批\t50\t50',
        '\t效益指标 (30分)\t社会效益指标\t提高效率\t有效\t有效\t30\t29',
        '\t满意度指标 (10分)\t服务对象满意度指标\t满意度\t≥90%\t95%\t10\t10',
        '总分\t\t\t\t\t\t100\t98.5',
        '',
      ].join('\n');
    const file = join(scratch, 'many.txt');
    writeFileSync(file, Array.from({ length: 2000 }, (_, n) => form(n)).join(''));
    const run = spawnSync(process.execPath, ['--max-old-space-size=64', '--import', PEAK_RSS_PROBE, CLI, 'check', file, '--format', 'xlsx', '-q', '--fail-on', 'never', '--jobs', '1'], { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, timeout: 300_000 });
    expect(run.status).toBe(0);
    const rssMb = peakRssMb(run.stderr.toString());
    expect(rssMb).toBeLessThan(250);
    expect(run.stdout.subarray(0, 2).toString()).toBe('PK');
  }, 600_000);
});
