/**
 * A workbook is valid XML whatever the input holds: every text cell goes
 * through one sanitiser (src/output/xlsx.ts `xlsxText`), and the workbook is
 * read back with exceljs, whose XML parser refuses what XML 1.0 does not allow.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { xlsxBytes, xlsxText } from '../src/output/xlsx.js';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import { ROOT, SEED } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';

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
