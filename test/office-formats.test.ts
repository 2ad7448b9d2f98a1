/**
 * Workbooks, Word documents and saved web pages: the sample's seven forms
 * written by the suite's own writers (test/support/office-writers.ts) read
 * to the same documents as the text export, apart from where things are;
 * positions cited in the source's terms; merges read as spans; a workbook as
 * a department makes one, read by hand against its cells; bad archives and
 * formats read only after conversion named, the batch going on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { check, Document as DocumentSchema, parse, type Document } from '../src/api/index.js';
import { diagnosticMessage } from '../src/catalogue/messages.js';
import { readPageTables } from '../src/io/html.js';
import { readWordTables } from '../src/io/docx.js';
import { readWorkbook } from '../src/io/xlsx.js';
import { ZipArchive } from '../src/io/zip.js';
import { formatNumber } from '../src/io/number-format.js';
import { splitTable, workbookTable, writePage, writeWordDocument, writeWorkbook, type Merge, type TextTable } from './support/office-writers.js';

const SAMPLE = readFileSync(join(import.meta.dirname, '..', 'samples', '000_16052ebbc3505be3.txt'), 'utf8');
/** The sample as its workbook holds it: the export's reading (samples/000_16052ebbc3505be3.expected.json, checked by hand) gives each indicator row its cells and the merges of its labels. */
const whole = workbookTable(SAMPLE, parse(SAMPLE));
const TITLES = SAMPLE.split('\n').flatMap((line, i) => (line.trim() === '项目支出绩效自评表' ? [i] : []));
const forms = splitTable(whole, TITLES);

/** Keys that say where a thing is (or which file it came from), left out when documents of different formats are compared. */
const WHERE = new Set(['line', 'column', 'cell', 'startLine', 'endLine', 'format', 'sheet', 'table', 'columns', 'restsOnLine', 'file']);
/** A line named inside a message ("repeats the one on line 152") is a place too. */
const withoutPlaces = (document: Document) =>
  JSON.parse(JSON.stringify(document, (key, value) => (WHERE.has(key) ? undefined : typeof value === 'string' ? value.replace(/line \d+/g, 'line #').replace(/第 \d+ 行/g, '第 # 行') : value)));

const textDocument = check(parse(SAMPLE, { file: 'sample.txt' }));
/** What only the text export leaves open: where its merged labels belong. A workbook states it. */
const GUESSES = new Set(['ambiguous-hierarchy', 'label-or-name']);
const withoutGuesses = (document: Document): Document => ({ ...document, forms: document.forms.map((form) => ({ ...form, diagnostics: form.diagnostics.filter((d) => !GUESSES.has(d.code)) })) });

describe("the sample's seven forms in every format", async () => {
  const inputs: [string, Uint8Array][] = [
    ['one sheet (row = line)', await writeWorkbook([{ name: 'Sheet1', table: whole }])],
    ['a sheet per form', await writeWorkbook(forms.map((table, i) => ({ name: `表${i + 1}`, table })))],
    ['Word, a table per form', await writeWordDocument(forms)],
    ['web page, a table per form', new TextEncoder().encode(writePage(forms))],
  ];

  it.each(inputs)('%s: the same document as the text export, apart from where things are, with nothing left to guess', (_, bytes) => {
    const document = check(parse(bytes, { file: 'sample.bin' }));
    expect(document.forms).toHaveLength(7);
    expect(textDocument.forms[3].diagnostics.map((d) => [d.code, d.line])).toEqual([['ambiguous-hierarchy', 142]]);
    expect(withoutPlaces(document)).toEqual(withoutPlaces(withoutGuesses(textDocument)));
    expect(document.forms.flatMap((form) => form.diagnostics)).toEqual([]);
    expect(DocumentSchema.safeParse(document).success).toBe(true);
  });

  it('one sheet whose rows are the lines gives the very lines, and columns by letter', async () => {
    const document = parse(inputs[0][1], { file: 'sample.xlsx' });
    const stripped = (d: Document) => JSON.parse(JSON.stringify(d, (key, value) => (['column', 'cell', 'format', 'sheet', 'file', 'columns'].includes(key) ? undefined : value)));
    expect(stripped(document)).toEqual(stripped(withoutGuesses(parse(SAMPLE, { file: 'sample.txt' }))));
    // Line 123 of the sample: "\t产出指标 (50分)\t数量指标\t驻场技术人员\t10人\t5人\t3\t1.5": fields 4–7 are columns E–H.
    const indicator = document.forms[3].indicators.find((i) => i.name === '驻场技术人员')!;
    expect([indicator.target?.cell, indicator.actual?.cell, indicator.weight?.cell, indicator.score?.cell]).toEqual(['Sheet1!E123', 'Sheet1!F123', 'Sheet1!G123', 'Sheet1!H123']);
    expect([indicator.target?.column, indicator.score?.column]).toEqual([5, 8]);
    expect(document.forms[3].source).toMatchObject({ format: 'xlsx', sheet: 'Sheet1', startLine: 111, endLine: 156 });
    // Line 30: "\t年度资金总额\t10965761.00\t10525876.51\t…\t98.62%": numbers under 0.00 and 0.00% keep their decimals.
    const total = document.forms[1].funds!.rows[0];
    expect([total.initialBudget?.raw, total.rate?.raw, total.rate?.cell]).toEqual(['10965761.00', '98.62%', 'Sheet1!G30']);
  });

  it('a Word table and a page table cite table, row and column', async () => {
    for (const [bytes, format] of [
      [inputs[2][1], 'docx'],
      [inputs[3][1], 'html'],
    ] as const) {
      const form = parse(bytes, { file: `sample.${format}` }).forms[3];
      // Form 4 starts at line 111, so line 123 is its table's row 13.
      const indicator = form.indicators.find((i) => i.name === '驻场技术人员')!;
      expect(indicator.line).toBe(13);
      expect(indicator.score?.cell).toBe('T4!R13C8');
      expect(form.source).toMatchObject({ format, table: 4, startLine: 1 });
    }
  });

  const spans = (cells: { row: number; column: number; rowSpan: number; colSpan: number }[]) =>
    cells
      .filter((c) => c.rowSpan > 1 || c.colSpan > 1)
      .map((c) => `${c.row}:${c.column}:${c.rowSpan}x${c.colSpan}`)
      .sort();
  const expectedSpans = (table: TextTable) =>
    table.merges
      .filter((m: Merge) => (table.rows[m.row]?.[m.column] ?? '').trim() !== '')
      .map((m) => `${m.row + 1}:${m.column + 1}:${m.rowSpan}x${m.colSpan}`)
      .sort();

  it('merges come back as the spans of their top-left cells, in all three formats', async () => {
    const workbook = readWorkbook(new ZipArchive(inputs[1][1]));
    const word = readWordTables(new ZipArchive(inputs[2][1]));
    const page = readPageTables(writePage(forms));
    forms.forEach((table, i) => {
      expect(expectedSpans(table).length).toBeGreaterThan(5);
      expect(spans(workbook[i].grid.cells)).toEqual(expectedSpans(table));
      expect(spans(word[i].cells)).toEqual(expectedSpans(table));
      expect(spans(page[i].cells)).toEqual(expectedSpans(table));
    });
  });

  it('the spans reach the cells the layout reads, by line and field', async () => {
    const { readArchive, readPage } = await import('../src/io/read.js');
    const stated = new Map<string, string>();
    const capture = (text: string, _encoding: string, spans?: (line: number, index: number) => { colSpan: number; rowSpan: number } | null) => {
      text.split('\n').forEach((line, i) =>
        line.split('\t').forEach((cell, k) => {
          const span = spans?.(i + 1, k);
          if (span) stated.set(`${cell}@${i + 1}`, `${span.rowSpan}x${span.colSpan}`);
        }),
      );
      return { forms: [], diagnostics: [] };
    };
    readArchive(inputs[0][1], { file: null, maxBytes: 1e9 }, capture);
    // Form 4 as read by hand (expected.json): 产出指标 (50) on lines 123–141, 质量指标 129–134, 成本指标 141 alone, 效益指标 (40) 142–148;
    // 年度绩效指标 from the block's header (line 122) to its last row (155).
    expect(stated.get('产出指标(50分)@123')).toBe('19x1');
    expect(stated.get('质量指标@129')).toBe('6x1');
    expect(stated.get('成本指标@141')).toBeUndefined();
    expect(stated.get('效益指标(40分)@142')).toBe('7x1');
    expect(stated.get('年度绩效指标@122')).toBe('34x1');
    expect(stated.get('项目支出绩效自评表@1')).toBeUndefined();
    expect(stated.get('项目支出绩效自评表@111')).toBe('1x10');
    stated.clear();
    readPage(writePage([forms[3]]), 'utf-8', { file: null, maxBytes: 1e9 }, capture);
    // Form 4 alone on a page: it starts at line 111, so line 123 is its table's row 13.
    expect(stated.get('产出指标(50分)@13')).toBe('19x1');
  });

  it('the CLI-facing stream reads them as parse does', async () => {
    const { parseStreamToDocument } = await import('../src/api/index.js');
    for (const [, bytes] of inputs) {
      const streamed = await parseStreamToDocument([bytes.subarray(0, 3), bytes.subarray(3)], { file: 'x' });
      expect(streamed).toEqual(parse(bytes, { file: 'x' }));
    }
  });
});

describe('numbers as Excel shows them', () => {
  it.each([
    ['98.2', '0.00', '98.20'],
    ['0.9862', '0.00%', '98.62%'],
    ['10380629.85', '#,##0.00', '10,380,629.85'],
    ['2.675', '0.00', '2.68'],
    ['0.30000000000000004', 'General', '0.3'],
    ['-5', '#,##0.00;(#,##0.00)', '(5.00)'],
    ['10', '0"人"', '10人'],
    ['45291', 'yyyy/m/d', '2023/12/31'],
    ['45291', 'yyyy"年"m"月"d"日"', '2023年12月31日'],
    ['45000.5', 'yyyy-mm-dd hh:mm', '2023-03-15 12:00'],
    ['60', 'yyyy-mm-dd', '1900-02-29'],
    ['123.4', '0.0#', '123.4'],
  ])('%s under %s is %s', (stored, format, shown) => {
    expect(formatNumber(stored, format)).toBe(shown);
  });
});

/** A workbook as a department hands it over: a title merged across, a unit line, a hidden column of its own codes, a note under the table, a sheet of instructions. */
async function departmentWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('自评表');
  const rows: (string | number | null)[][] = [
    ['项目支出绩效自评表'],
    ['（2023年度）　填报单位：某区政务服务数据管理局'],
    ['项目名称', '政务大厅运行保障', null, null, '项目金额', 120000],
    ['主管部门', '0402009', null, null, '实施单位', '区政务服务中心'],
    ['项目资金 (元)', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', 120000, 120000, 117840.5, 10, 0.982, 9.82],
    [null, '其中：当年财政拨款', 120000, 120000, 117840.5, '—', 0.982, '—'],
    ['年度总体 目标', '预期目标', null, null, '*实际完成情况'],
    [null, '保障政务大厅正常运行。', null, null, '大厅全年正常运行。'],
    ['年度绩效 指标', '一级指标', '二级指标', '三级指标', '年度指标值', '*实际完成值', '*分值', '*得分', '偏差原因分析及改进措施'],
    [null, '产出指标 (50分)', '数量指标', '保障窗口数量', '≥40个', '42个', 25, 25],
    [null, null, '质量指标', '群众投诉处理率', '100%', '100%', 25, 25],
    [null, '效益指标 (30分)', '社会效益指标', '办件满意率', '≥95%', '98%', 30, 30],
    ['满意度指标', null, '服务对象满意度指标', '满意度', '≥90%', '96%', 10, 10],
    ['总分', null, null, null, null, 100, 99.82, '—'],
    ['注：本表数据由项目实施单位填报，经主管部门审核。'],
  ];
  rows.forEach((row, r) => row.forEach((value, c) => value !== null && (sheet.getCell(r + 1, c + 1).value = value)));
  for (const r of [6, 7]) {
    for (const c of [3, 4, 5]) sheet.getCell(r, c).numFmt = '#,##0.00';
    sheet.getCell(r, 7).numFmt = '0.00%';
  }
  sheet.getCell(6, 8).numFmt = '0.00';
  sheet.getCell(15, 7).numFmt = '0.00';
  sheet.mergeCells('A1:I1');
  sheet.mergeCells('A2:I2');
  sheet.mergeCells('B3:D3');
  sheet.mergeCells('A5:B5');
  sheet.mergeCells('A6:A7');
  sheet.mergeCells('B8:D8');
  sheet.mergeCells('B9:D9');
  sheet.mergeCells('A10:A13');
  sheet.mergeCells('B11:B12');
  sheet.mergeCells('A14:B14');
  sheet.mergeCells('A15:E15');
  sheet.mergeCells('A16:I16');
  // The department's own lookup codes, in a column it hides.
  sheet.getCell('J11').value = 'CZ-01';
  sheet.getCell('J12').value = 'CZ-02';
  sheet.getColumn(10).hidden = true;
  const notes = workbook.addWorksheet('填报说明');
  notes.getCell('A1').value = '填报说明';
  notes.getCell('A2').value = '1. 金额单位为元，保留两位小数。';
  notes.getCell('A3').value = '2. 标*的栏目由项目单位填写。';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('a workbook as a department makes one', async () => {
  const document = check(parse(await departmentWorkbook(), { file: '政务大厅.xlsx' }));

  it('reads the one form on its sheet, every figure from the cell it is in', () => {
    expect(document.forms).toHaveLength(1);
    const form = document.forms[0];
    expect(form.source).toMatchObject({ format: 'xlsx', sheet: '自评表' });
    expect(form.project).toMatchObject({ name: '政务大厅运行保障', department: '0402009', implementer: '区政务服务中心' });
    expect([form.project.amount?.raw, form.project.amount?.cell]).toEqual(['120000', '自评表!F3']);
    const total = form.funds!.rows[0];
    expect([total.kind, total.adjustedBudget?.raw, total.executed?.raw, total.rate?.raw, total.score?.raw]).toEqual(['total', '120,000.00', '117,840.50', '98.20%', '9.82']);
    expect([total.executed?.value, total.rate?.value, total.executed?.cell]).toEqual(['117840.50', '98.20', '自评表!E6']);
    expect(form.indicators.map((i) => [i.level1, i.level2, i.name, i.target?.raw, i.actual?.raw, i.weight?.raw, i.score?.raw, i.score?.cell])).toEqual([
      ['产出指标', '数量指标', '保障窗口数量', '≥40个', '42个', '25', '25', '自评表!H11'],
      ['产出指标', '质量指标', '群众投诉处理率', '100%', '100%', '25', '25', '自评表!H12'],
      ['效益指标', '社会效益指标', '办件满意率', '≥95%', '98%', '30', '30', '自评表!H13'],
      ['满意度指标', '服务对象满意度指标', '满意度', '≥90%', '96%', '10', '10', '自评表!H14'],
    ]);
    expect([form.total?.weight?.raw, form.total?.score?.raw, form.total?.score?.cell]).toEqual(['100', '99.82', '自评表!G15']);
    expect(form.goals.expected?.text).toBe('保障政务大厅正常运行。');
  });

  it('the audit report names the form by its sheet and a diagnostic by its cell', async () => {
    const { renderReport } = await import('../src/api/index.js');
    const html = renderReport([document]);
    expect(html).toContain('政务大厅.xlsx:自评表!1');
    expect(html).toContain('<td class="line">自评表!J11</td>');
  });

  it('reports the hidden column\'s cells, and reads nothing from the instructions sheet as a form', () => {
    const all = [...document.diagnostics, ...document.forms[0].diagnostics];
    const hidden = all.find((d) => d.code === 'hidden-cells');
    expect(hidden?.detail).toMatchObject({ count: 2, cells: ['自评表!J11', '自评表!J12'] });
    expect(diagnosticMessage(hidden!, 'zh')).toContain('隐藏的行或列中有 2 个单元格未读取');
    expect(all.some((d) => d.code === 'no-form')).toBe(false);
  });
});

describe('what cannot be read says so, and the rest goes on', async () => {
  const good = await writeWorkbook([{ name: 'Sheet1', table: forms[0] }]);
  const codeOf = (bytes: Uint8Array, options: { maxBytes?: number } = {}) => {
    const document = parse(bytes, { file: 'x', ...options });
    expect(document.forms).toHaveLength(0);
    return document.diagnostics.map((d) => [d.code, d.detail]);
  };

  it('a truncated workbook is damaged', () => {
    expect(codeOf(good.subarray(0, Math.floor(good.length / 2)))[0][0]).toBe('damaged-archive');
    expect(codeOf(good.subarray(0, good.length - 10))[0][0]).toBe('damaged-archive');
  });

  it('a zip bomb is refused by what its directory declares, before inflating', () => {
    const bomb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': new Uint8Array(64 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(codeOf(bomb, { maxBytes: 16 * 1024 * 1024 })[0]).toEqual(['archive-too-large', { size: 64 * 1024 * 1024 + 8, limit: 16 * 1024 * 1024 }]);
  });

  it('an entry that inflates to more than it declares is refused as it inflates', () => {
    const bytes = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': new Uint8Array(1024 * 1024) }, { level: 9 });
    const lying = bytes.slice();
    // The central directory entry of the workbook part: declare 100 bytes instead of 1 MiB.
    const view = new DataView(lying.buffer);
    for (let at = lying.length - 22; at >= 0; at--) {
      if (view.getUint32(at, true) === 0x02014b50 && new TextDecoder().decode(lying.subarray(at + 46, at + 46 + 15)) === 'xl/workbook.xml') view.setUint32(at + 24, 100, true);
    }
    expect(codeOf(lying)[0][0]).toBe('damaged-archive');
  });

  it('too many entries are refused before any is read', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= 10_000; i++) files[`f${i}`] = new Uint8Array(0);
    expect(codeOf(zipSync(files))[0]).toEqual(['archive-too-large', { entries: 10_001, limit: 10_000 }]);
  });

  const ole = (stream: string) => {
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    [...stream].forEach((ch, i) => (bytes[1024 + 2 * i] = ch.charCodeAt(0)));
    return bytes;
  };

  it('an encrypted workbook, an .xls, a PDF: named with how to convert them', () => {
    expect(codeOf(ole('EncryptedPackage'))[0][0]).toBe('encrypted-document');
    const xls = parse(ole('Workbook'), { file: 'old.xls' }).diagnostics[0];
    expect([xls.code, xls.detail]).toEqual(['unsupported-format', { format: 'xls' }]);
    expect(diagnosticMessage(xls, 'zh')).toContain('另存为 .xlsx');
    expect(xls.message.en).toContain('save it as .xlsx');
    expect(codeOf(strToU8('%PDF-1.7\n...'))[0]).toEqual(['unsupported-format', { format: 'pdf' }]);
    expect(diagnosticMessage(parse(strToU8('%PDF-1.7\n'), {}).diagnostics[0], 'zh')).toContain('制表符分隔');
  });

  it('a zip entry marked encrypted is an encrypted document', () => {
    const bytes = good.slice();
    const view = new DataView(bytes.buffer);
    for (let at = 0; at + 4 <= bytes.length; at++) if (view.getUint32(at, true) === 0x02014b50) view.setUint16(at + 8, view.getUint16(at + 8, true) | 1, true);
    expect(codeOf(bytes)[0][0]).toBe('encrypted-document');
  });

  it("a page's hidden cells (display:none, as Excel saves hidden columns) are reported, not read", () => {
    // Form 1's rows are 9 cells wide (sample lines 3–23); a hidden tenth column holds a code on the 项目名称 row (row 3), and a hidden row comes before 主管部门.
    const page = writePage([forms[0]])
      .replace(/(<td>项目名称<\/td>.*?)<\/tr>/, '$1<td style="display:none">内部编码</td></tr>')
      .replace(/<tr>(<td>主管部门)/, '<tr style="display: none"><td>作废</td></tr><tr>$1');
    const document = parse(page, { file: 'hidden.html' });
    expect(document.forms[0].project).toMatchObject({ name: '预算准备金', department: '0402009' });
    expect(document.forms[0].project.amount?.cell).toBe('T1!R3C6');
    expect(document.diagnostics.find((d) => d.code === 'hidden-cells')?.detail).toMatchObject({ count: 2, cells: ['T1!R3C10', 'T1!R4C1'], texts: ['内部编码', '作废'] });
  });

  it('a page is told by its content, not its name; a text export with markup in its cells is not a page', () => {
    const page = writePage([forms[0]]);
    expect(parse(page, { file: 'export.txt' }).forms[0].source.format).toBe('html');
    expect(parse(SAMPLE, { file: 'page.html' }).forms[0].source.format).toBeUndefined();
  });
});

describe('the built CLI over a folder mixing formats', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { jixiao } = await import('./fixtures/cli/run-cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-formats-'));
  const workbook = await writeWorkbook([{ name: 'Sheet1', table: whole }]);
  writeFileSync(join(dir, 'a.txt'), SAMPLE);
  writeFileSync(join(dir, 'b.xlsx'), workbook);
  writeFileSync(join(dir, 'c.docx'), await writeWordDocument(forms));
  writeFileSync(join(dir, 'd.htm'), writePage(forms));
  writeFileSync(join(dir, 'e-truncated.xlsx'), workbook.subarray(0, 5000));
  writeFileSync(join(dir, 'f-old.xls'), Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(600), ...strToU8('W\0o\0r\0k\0b\0o\0o\0k\0')]));

  it('reads every file, names the two it cannot read, and goes on', () => {
    const run = jixiao(['check', '*', '--format', 'ndjson', '--summary', 'json', '--jobs', '1'], { cwd: dir });
    const summary = JSON.parse(run.stderr.trim().split('\n').pop()!);
    expect(summary.files).toBe(6);
    expect(summary.forms).toBe(28);
    expect(summary.failed.map((f: { file: string }) => f.file)).toEqual(['e-truncated.xlsx', 'f-old.xls']);
    expect(run.status).toBe(2);
  });

  it('shows the sheet before the row, and the cell of a diagnostic, in Chinese too', () => {
    const run = jixiao(['check', 'b.xlsx', 'f-old.xls', '--lang', 'zh'], { cwd: dir });
    expect(run.stdout).toContain('b.xlsx:Sheet1!111  专项业务');
    expect(run.stderr).toContain('另存为 .xlsx');
    const csv = jixiao(['check', 'c.docx', '--table', 'indicators'], { cwd: dir }).stdout.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(csv[0].endsWith(',line,cell')).toBe(true);
    expect(csv.some((l) => l.includes('驻场技术人员') && l.endsWith(',13,T4!R13'))).toBe(true);
  });
});

/** Forms drawn per format, spread over the seeds. */
const SEED_COUNT = 200;
/**
 * Seeds among the first thousand whose labels no table knows stand at the top of a merge down their column, or alone
 * in a label column whose other groups are merged, where their rows read whole with them as names as well.
 */
const MERGED_UNKNOWN_LABELS = [2843921, 3208195, 3738768, 4031771, 4681129, 5306730, 5378001, 5932331, 7191452, 7650754];

describe('generated forms through every format', async () => {
  const { generateTemplate } = await import('./support/template-gen.js');
  const { compareToTruth } = await import('./support/template-compare.js');
  const { generatedTable } = await import('./support/office-writers.js');
  // Traits of a text export a workbook has no place for: a page break or a repeated header inside a merged group (a
  // workbook repeats its print titles on paper, not in its cells), and a funds header printed one column off its
  // figures (in a workbook each caption stands over its column). A gapped funds block is what a first figure column
  // merged over two columns leaves: the workbook states that merge (generatedTable).
  const allowed = { pageBreak: ['none'], repeatedHeader: ['no'], fundsHeader: ['aligned', 'gapped'] } as const;
  const SEEDS = [...Array.from({ length: SEED_COUNT }, (_, i) => 1000 + i * 7919), ...MERGED_UNKNOWN_LABELS];

  // A seed's template and how its text export reads depend on the seed alone:
  // each is drawn and read once for all the tests below (none changes them).
  const templates = new Map<number, ReturnType<typeof generateTemplate>>();
  const templateOf = (seed: number) => templates.get(seed) ?? templates.set(seed, generateTemplate(seed, allowed)).get(seed)!;
  const textVerdicts = new Map<number, string[]>();
  const textVerdictsOf = (seed: number) =>
    textVerdicts.get(seed) ?? textVerdicts.set(seed, compareToTruth(parse(templateOf(seed).bytes), templateOf(seed).truth).fields.map((f) => f.verdict)).get(seed)!;

  /**
   * Where the source states its merges, nothing is left to guess: every field
   * of every form is read as drawn, no indicator row or funds row is read where
   * none was drawn, and no row is reported as a guess (ambiguous-hierarchy, label-or-name).
   */
  it.each(['xlsx', 'docx', 'html'] as const)('%s: every field of every form is right, and nothing is left to guess', async (format) => {
    const wrong: string[] = [];
    let right = 0;
    let rightInText = 0;
    let total = 0;
    for (const [k, seed] of SEEDS.entries()) {
      const generated = templateOf(seed);
      const table = generatedTable(generated.truth);
      // Every other workbook holds its figures as numbers with the format that shows them as written, the others as text.
      const bytes =
        format === 'xlsx'
          ? await writeWorkbook([{ name: 'Sheet1', table }], { numbers: k % 2 === 1 })
          : format === 'docx'
            ? await writeWordDocument([table])
            : new TextEncoder().encode(writePage([table]));
      const document = parse(bytes, { file: `form.${format}` });
      const comparison = compareToTruth(document, generated.truth);
      const textFields = textVerdictsOf(seed);
      comparison.fields.forEach((f, i) => {
        total++;
        if (f.verdict === 'right') right++;
        else wrong.push(`seed ${seed} line ${f.line} ${f.field}: ${JSON.stringify(f.expected)} → ${JSON.stringify(f.got)} (${f.verdict})`);
        if (textFields[i] === 'right') rightInText++;
      });
      for (const e of comparison.extras) wrong.push(`seed ${seed} line ${e.line}: ${e.field} ${JSON.stringify(e.got)} where none was drawn`);
      for (const d of document.forms[0]?.diagnostics ?? []) if (GUESSES.has(d.code)) wrong.push(`seed ${seed} line ${d.line}: ${d.code}`);
    }
    expect(wrong).toEqual([]);
    console.log(`${format}: ${right} of ${total} fields right (text export: ${rightInText})`);
  }, 180_000);

  /**
   * A workbook that merges one label column and writes the other's labels once each, unmerged, on their group's top
   * row: the unmerged column states no extent, and the block is read as a text export is; no field is wrong or
   * missing without a report on its line.
   */
  it.each(['一级', '二级'] as const)('%s labels unmerged on a page that merges the other label column: nothing silently wrong', (unmerged) => {
    const silent: string[] = [];
    let right = 0;
    let total = 0;
    for (const seed of SEEDS) {
      const generated = templateOf(seed);
      const table = generatedTable(generated.truth);
      const column = (generated.truth.traits.leadColumn === 'yes' ? 1 : 0) + (unmerged === '一级' ? 0 : 1);
      table.merges = table.merges.filter((m) => !(m.column === column && m.rowSpan > 1));
      const comparison = compareToTruth(parse(new TextEncoder().encode(writePage([table])), { file: 'form.html' }), generated.truth);
      for (const f of [...comparison.fields, ...comparison.extras]) {
        total++;
        if (f.verdict === 'right') right++;
        if (f.verdict === 'wrong-silent' || f.verdict === 'missing-silent') silent.push(`seed ${seed} line ${f.line} ${f.field}: ${JSON.stringify(f.expected)} → ${JSON.stringify(f.got)}`);
      }
    }
    expect(silent).toEqual([]);
    console.log(`${unmerged} unmerged: ${right} of ${total} fields right`);
  }, 120_000);

  /**
   * A page that merges every other multi-row label group and writes the others' labels once, unmerged, on their
   * group's top row: the unmerged groups' extents are not stated, and the block is read as a text export is. No field
   * is wrong or missing without a report on its line, and as many are right as the text export reads right.
   */
  it('a page that merges only some label groups reads every field right, or reports it', () => {
    const wrong: string[] = [];
    let right = 0;
    let rightInText = 0;
    let total = 0;
    for (const seed of SEEDS) {
      const generated = templateOf(seed);
      rightInText += textVerdictsOf(seed).filter((verdict) => verdict === 'right').length;
      const table = generatedTable(generated.truth);
      const lead = generated.truth.traits.leadColumn === 'yes' ? 1 : 0;
      let k = 0;
      table.merges = table.merges.filter((m) => m.rowSpan === 1 || m.column > lead + 1 || k++ % 2 === 0);
      const comparison = compareToTruth(parse(new TextEncoder().encode(writePage([table])), { file: 'form.html' }), generated.truth);
      for (const f of [...comparison.fields, ...comparison.extras]) {
        total++;
        if (f.verdict === 'right') right++;
        else if (f.verdict === 'wrong-silent' || f.verdict === 'missing-silent') wrong.push(`seed ${seed} line ${f.line} ${f.field}: ${JSON.stringify(f.expected)} → ${JSON.stringify(f.got)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(right).toBeGreaterThanOrEqual(rightInText);
    console.log(`some groups merged: ${right} of ${total} fields right (text export: ${rightInText})`);
  }, 120_000);
});
