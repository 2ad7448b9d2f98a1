/**
 * Large and adversarial inputs complete, and the size limit gives a clear
 * error. No timing is asserted (speed is measured by the benchmarks); each
 * case has a generous timeout so that a regression to quadratic work shows
 * as a failure rather than a hung run. Every case also checks what came out,
 * so the run must not only finish but read the input right.
 *
 * The adversarial inputs are 3 MB, a million characters or more: work
 * quadratic in the input (10^12 steps) would not end within the timeout,
 * where linear work takes a second or a few. Each is still past the caps it
 * tests (cells per line, cells per form) many times over.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { MAX_CELLS_PER_FORM, MAX_CELLS_PER_LINE } from '../src/parse/lex.js';
import { parse, parseSettings } from '../src/api/pipeline.js';
import { Document as DocumentSchema, type Document } from '../src/contract/schema.js';

const SIZE_MB = 3;
const SIZE = SIZE_MB * 1024 * 1024;
const LONG = 600_000;

const repeatTo = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
const HEADER = '年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n';
const ROW = '\t产出指标 (50分)\t数量指标\t采购数量\t100台\t100台\t5\t5\t\n';

function parseAndCheck(text: string): Document {
  const document = check(parse(text));
  expect(document.forms.every((f) => Array.isArray(f.indicators) && Array.isArray(f.diagnostics))).toBe(true);
  return document;
}

const codes = (document: Document) => [...document.diagnostics, ...document.forms.flatMap((f) => f.diagnostics)].map((d) => d.code);

describe(`${SIZE_MB} MB adversarial inputs complete`, () => {
  it(`a single ${SIZE_MB} MB line without separators: one unplaced cell, no form`, () => {
    const document = parseAndCheck(repeatTo('甲乙丙丁', SIZE));
    expect(document.forms).toEqual([]);
    expect(document.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['unplaced-cell', 1, 1],
      ['no-form', 1, 1],
    ]);
  }, LONG);

  it('1 000 000 tabs before one cell: the cell keeps its column', () => {
    const document = parseAndCheck('\t'.repeat(1_000_000) + '总分');
    expect(document.forms).toHaveLength(1);
    expect(document.forms[0].total?.line).toBe(1);
    expect(document.forms[0].total?.weight).toBeNull();
  }, LONG);

  it(`a ${SIZE_MB} MB row of ${(SIZE / 2 / 1e6).toFixed(1)} million cells: the first thousand reported in one diagnostic, the rest counted`, () => {
    const document = parseAndCheck(repeatTo('1\t', SIZE));
    expect(document.forms).toEqual([]);
    const unplaced = document.diagnostics.filter((d) => d.code === 'unplaced-cell');
    expect(unplaced.map((d) => d.detail?.count)).toEqual([MAX_CELLS_PER_LINE]);
    const cut = document.diagnostics.filter((d) => d.code === 'too-many-cells');
    expect(cut.map((d) => [d.line, d.column, d.detail?.cells])).toEqual([[1, 2 * MAX_CELLS_PER_LINE + 1, Math.ceil(SIZE / 2) - MAX_CELLS_PER_LINE]]);
  }, LONG);

  it('100 000 repeated indicator headers: one form, no indicator', () => {
    const document = parseAndCheck(HEADER.repeat(100_000));
    expect(document.forms).toHaveLength(1);
    expect(document.forms[0].indicators).toEqual([]);
    expect(codes(document).filter((c) => c === 'unplaced-cell')).toEqual([]);
  }, LONG);

  it(`${SIZE_MB} MB of indicator rows, each repeating its labels: every row up to the cap on cells per form read, the rest reported`, () => {
    const rows = Math.ceil(SIZE / Buffer.byteLength(ROW));
    const document = parseAndCheck(HEADER + ROW.repeat(rows));
    const indicators = document.forms[0].indicators;
    // The header's 9 cells, then 7 per row.
    const read = Math.floor((MAX_CELLS_PER_FORM - 9) / 7);
    expect(indicators).toHaveLength(read);
    expect(read).toBeLessThan(rows);
    expect(document.forms[0].diagnostics.filter((d) => d.code === 'too-many-cells').map((d) => [d.line, d.detail?.lines])).toEqual([[read + 2, rows - read]]);
    expect(indicators.every((i) => i.level1 === '产出指标' && i.level2 === '数量指标' && i.weight?.value === '5')).toBe(true);
  }, LONG);

  it(`${SIZE_MB} MB of rows holding only labels: no indicator, no crash`, () => {
    const document = parseAndCheck(HEADER + repeatTo('\t产出指标 (50分)\t数量指标\n', SIZE));
    expect(document.forms[0].indicators).toEqual([]);
  }, LONG);

  it(`${SIZE_MB} MB of centred labels over groups of three rows`, () => {
    const group = '\t\t\t采购数量\t100台\t100台\t5\t5\n\t产出指标\t数量指标\t采购数量\t100台\t100台\t5\t5\n\t\t\t采购数量\t100台\t100台\t5\t5\n';
    const groups = Math.ceil(SIZE / Buffer.byteLength(group));
    const document = parseAndCheck(HEADER + group.repeat(groups));
    const indicators = document.forms[0].indicators;
    // Rows up to the cap on cells per form are read; the lines after it are counted in one diagnostic.
    const unread = document.forms[0].diagnostics.filter((d) => d.code === 'too-many-cells').map((d) => Number(d.detail?.lines));
    expect(unread).toHaveLength(1);
    expect(indicators.length + unread[0]).toBe(groups * 3);
    expect(indicators.every((i) => i.level1 === '产出指标' && i.level2 === '数量指标')).toBe(true);
  }, LONG);

  it(`${SIZE_MB} MB of labels in one line`, () => {
    const document = parseAndCheck(HEADER + repeatTo('产出指标\t数量指标\t', SIZE));
    expect(document.forms).toHaveLength(1);
  }, LONG);

  it.each([
    ['an unclosed quote', '"' + repeatTo('x', SIZE)],
    ['quotes only', repeatTo('"', SIZE)],
    ['quoted cells', repeatTo('"a\t', SIZE)],
    ['an ampersand then spaces', '&' + repeatTo(' ', SIZE) + 'x'],
    ['an open tag then spaces', '<a' + repeatTo(' ', SIZE)],
    ['HTML paragraphs', repeatTo('<p>', SIZE)],
    ['entities', repeatTo('&amp;', SIZE)],
    ['line breaks', repeatTo('\n', SIZE)],
    ['carriage returns', repeatTo('\r', SIZE)],
    ['space-aligned cells', repeatTo('a  ', SIZE)],
    ['pipe-separated cells', repeatTo('| a ', SIZE)],
    ['thousands separators', repeatTo('1,234', SIZE)],
    ['titles', repeatTo('项目支出绩效自评表\n', SIZE)],
    ['full-width digits', repeatTo('１', SIZE)],
  ])(`${SIZE_MB} MB of %s`, (_, text) => {
    const document = parseAndCheck(text);
    expect(document.diagnostics.length + document.forms.length).toBeGreaterThan(0);
  }, LONG);
});

describe('many forms and the size limit', () => {
  const form = (i: number) =>
    [
      '项目支出绩效自评表',
      `项目名称\t项目${i}\t\t\t项目金额\t${i}`,
      '项目资金（元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
      '\t年度资金总额\t100\t100\t100\t10\t100.00%\t10',
      HEADER + ROW + `总分\t\t\t\t\t\t15\t15`,
      '',
    ].join('\n');

  it('a file of 10 000 forms parses, each form whole and in order', () => {
    const document = parseAndCheck(Array.from({ length: 10_000 }, (_, i) => form(i)).join('\n'));
    expect(document.forms).toHaveLength(10_000);
    document.forms.forEach((f, i) => {
      expect(f.project.name).toBe(`项目${i}`);
      expect(f.indicators).toHaveLength(1);
      expect(f.summary?.recomputedTotal).toBe('15.00');
    });
    expect(DocumentSchema.safeParse({ forms: document.forms.slice(0, 50), diagnostics: document.diagnostics }).success).toBe(true);
  }, LONG);

  it('refuses text past maxBytes with a clear error, and accepts it at the limit', () => {
    const text = form(1);
    const size = Buffer.byteLength(text);
    const refused = parse(text, { maxBytes: size - 1, file: 'big.txt' });
    expect(refused.forms).toEqual([]);
    expect(refused.diagnostics).toHaveLength(1);
    expect(refused.diagnostics[0]).toMatchObject({ code: 'input-too-large', severity: 'error', line: 0, column: 0, file: 'big.txt' });
    expect(refused.diagnostics[0].message.en).toContain(String(size - 1));
    expect(parse(text, { maxBytes: size }).forms).toHaveLength(1);
  });

  it('counts the limit in UTF-8 bytes, not characters', () => {
    const text = form(2);
    expect(text.length).toBeLessThan(Buffer.byteLength(text));
    expect(parse(text, { maxBytes: text.length }).diagnostics.map((d) => d.code)).toEqual(['input-too-large']);
  });

  it('refuses bytes past maxBytes with a clear error', () => {
    const bytes = new TextEncoder().encode(form(3));
    const refused = parse(bytes, { maxBytes: bytes.length - 1 });
    expect(refused.forms).toEqual([]);
    expect(refused.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([['input-too-large', 'error', 0, 0]]);
    expect(parse(bytes, { maxBytes: bytes.length }).forms).toHaveLength(1);
  });

  it('defaults to a generous limit of 512 MiB', () => {
    expect(parseSettings().maxBytes).toBe(512 * 1024 * 1024);
  });
});
