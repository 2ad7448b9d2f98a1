/**
 * The bad-input table of issue 9: each bad input gives a diagnostic with its
 * code, line and column, and the forms around it still parse as if the bad
 * one were not there. Positions are found in the source text by the test
 * itself (the first occurrence of the offending cell), never read back from
 * the parser.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import type { Diagnostic, Document, Form } from '../src/contract/schema.js';

/** A complete form whose arithmetic is consistent: parsed and checked alone it gives no diagnostic and no finding. */
function goodForm(name: string): string {
  return [
    '项目支出绩效自评表',
    `项目名称\t${name}\t\t\t项目金额\t1000`,
    '主管部门\t0402009\t\t\t实施单位\t区政务服务中心',
    '项目资金（元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
    '\t年度资金总额\t1000.00\t1000.00\t1000.00\t10\t100.00%\t10.00',
    '\t其中：当年财政拨款\t1000.00\t1000.00\t1000.00\t—\t100.00%\t—',
    '年度总体目标\t预期目标\t\t\t实际完成情况',
    '\t完成采购\t\t\t已完成采购',
    '年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
    '\t产出指标 (50分)\t数量指标\t采购数量\t100台\t100台\t50\t50',
    '\t效益指标 (40分)\t社会效益指标\t提高效率\t有效\t有效\t40\t40',
    '总分\t\t\t\t\t\t100\t100',
  ].join('\n');
}

const FIRST = goodForm('前一项目');
const LAST = goodForm('后一项目');

/** A file with the bad part between two good forms. */
const between = (bad: string) => [FIRST, bad, LAST].join('\n\n') + '\n';

/** 1-based line and column of the first occurrence of `needle` at or after `from` (a string that comes before it). */
function at(text: string, needle: string, from = ''): [number, number] {
  const offset = text.indexOf(needle, from ? text.indexOf(from) : 0);
  if (offset < 0) throw new Error(`"${needle}" not in the text`);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return [text.slice(0, offset).split('\n').length, offset - lineStart + 1];
}

const where = (diagnostics: readonly Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code).map((d) => [d.line, d.column]);

function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !['line', 'column', 'startLine', 'endLine'].includes(k))
      .map(([k, v]) => [k, withoutPositions(v)]),
  );
}

const alone = (text: string) => check(parse(text)).forms[0];

/** The good forms of the file read exactly as they read alone: same fields, no diagnostic, no finding. */
function expectNeighboursIntact(document: Document): Form {
  const forms = document.forms;
  expect(forms.length).toBeGreaterThanOrEqual(2);
  const [first, last] = [forms[0], forms[forms.length - 1]];
  expect(withoutPositions(first)).toEqual(withoutPositions(alone(FIRST)));
  expect(withoutPositions(last)).toEqual(withoutPositions(alone(LAST)));
  for (const form of [first, last]) {
    expect(form.diagnostics).toEqual([]);
    expect(form.findings).toEqual([]);
  }
  return forms.length === 3 ? forms[1] : first;
}

describe('the good form of the table', () => {
  it('gives no diagnostic and no finding on its own', () => {
    const form = alone(FIRST);
    expect(form.diagnostics).toEqual([]);
    expect(form.findings).toEqual([]);
    expect(form.indicators.map((i) => [i.level1, i.level2, i.name, i.weight?.value, i.score?.value])).toEqual([
      ['产出指标', '数量指标', '采购数量', '50', '50'],
      ['效益指标', '社会效益指标', '提高效率', '40', '40'],
    ]);
    expect(form.summary?.recomputedTotal).toBe('100.00');
  });
});

describe('bad input', () => {
  it('an empty file: no-form at 1:1', () => {
    for (const text of ['', '\n\n', '  \t \r\n']) {
      const document = check(parse(text));
      expect(document.forms).toEqual([]);
      expect(document.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([['no-form', 'error', 1, 1]]);
      expect(document.diagnostics[0].message.en).toMatch(/empty/);
    }
  });

  it('only a title: its cell is reported and no form is found', () => {
    const document = check(parse('项目支出绩效自评表\n'));
    expect(document.forms).toEqual([]);
    expect(document.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['unplaced-cell', 1, 1],
      ['no-form', 1, 1],
    ]);
  });

  it('a title alone at the end of a file: reported, the form before it intact', () => {
    const text = FIRST + '\n\n' + LAST + '\n\n项目支出绩效自评表\n';
    const document = check(parse(text));
    expectNeighboursIntact(document);
    expect(where(document.diagnostics, 'unplaced-cell')).toEqual([at(text, '项目支出绩效自评表', '后一项目')]);
  });

  it('a form cut off after its funds block: truncated-form where it ends, and the checker’s missing sections', () => {
    const cut = goodForm('中断项目').split('\n').slice(0, 6).join('\n');
    const text = between(cut);
    const document = check(parse(text));
    const form = expectNeighboursIntact(document);
    expect(form.project.name).toBe('中断项目');
    expect(form.funds?.rows.map((r) => r.adjustedBudget?.value)).toEqual(['1000.00', '1000.00']);
    expect(form.indicators).toEqual([]);
    expect(form.total).toBeNull();
    expect(form.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['truncated-form', at(text, '其中：当年财政拨款', '中断项目')[0], 1]]);
    expect(form.findings.map((f) => [f.code, f.field])).toEqual([
      ['missing-section', 'indicators'],
      ['missing-section', 'total'],
    ]);
  });

  it('a 总分 row with text where the figures belong: invalid-number on each', () => {
    const bad = goodForm('总分有误').replace('总分\t\t\t\t\t\t100\t100', '总分\t\t\t\t\t\t一百\t满分');
    const text = between(bad);
    const form = expectNeighboursIntact(check(parse(text)));
    expect(where(form.diagnostics, 'invalid-number')).toEqual([at(text, '一百'), at(text, '满分')]);
    expect(form.total?.weight).toMatchObject({ raw: '一百', value: null });
    expect(form.total?.score).toMatchObject({ raw: '满分', value: null });
    expect(form.indicators).toHaveLength(2);
  });

  it('weights written `2分` (read as 2, noted) and `二` (not a number)', () => {
    const bad = goodForm('分值有误').replace('\t100台\t100台\t50\t50', '\t100台\t100台\t50分\t50').replace('\t有效\t有效\t40\t40', '\t有效\t有效\t二\t40');
    const text = between(bad);
    const form = expectNeighboursIntact(check(parse(text)));
    expect(form.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['number-with-unit', 'info', ...at(text, '50分\t50')],
      ['invalid-number', 'error', ...at(text, '二\t40')],
    ]);
    expect(form.indicators.map((i) => [i.weight?.raw, i.weight?.value])).toEqual([
      ['50分', '50'],
      ['二', null],
    ]);
  });

  it('a negative amount: negative-number at its cell', () => {
    const bad = goodForm('负数金额').replace('\t年度资金总额\t1000.00', '\t年度资金总额\t-1000.00');
    const text = between(bad);
    const form = expectNeighboursIntact(check(parse(text)));
    expect(where(form.diagnostics, 'negative-number')).toEqual([at(text, '-1000.00')]);
    expect(form.funds?.rows[0].initialBudget?.value).toBe('-1000.00');
  });

  it('a number with two decimal points: invalid-number, the raw text kept', () => {
    const bad = goodForm('两个小数点').replace('\t40\t40', '\t40\t4.0.0');
    const text = between(bad);
    const form = expectNeighboursIntact(check(parse(text)));
    expect(where(form.diagnostics, 'invalid-number')).toEqual([at(text, '4.0.0')]);
    expect(form.indicators[1].score).toMatchObject({ raw: '4.0.0', value: null });
  });

  it('a percent over 1 000: percent-out-of-range, the value kept', () => {
    const bad = goodForm('超大比率').replace('\t10\t100.00%\t10.00', '\t10\t1500.00%\t10.00');
    const text = between(bad);
    const form = expectNeighboursIntact(check(parse(text)));
    expect(where(form.diagnostics, 'percent-out-of-range')).toEqual([at(text, '1500.00%')]);
    expect(form.funds?.rows[0].rate?.value).toBe('1500.00');
  });

  it('an indicator row with no name: indicator-without-name, its figures in their columns', () => {
    const bad = goodForm('缺少名称').replace('\t效益指标 (40分)\t社会效益指标\t提高效率\t有效\t有效\t40\t40', '\t效益指标 (40分)\t社会效益指标\t\t95%\t96%\t40\t40');
    const text = between(bad);
    const form = expectNeighboursIntact(check(parse(text)));
    // Reported on the row, at its first cell.
    expect(form.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['indicator-without-name', ...at(text, '效益指标 (40分)\t社会效益指标\t\t95%')]]);
    const nameless = form.indicators[1];
    expect([nameless.level1, nameless.level2, nameless.name, nameless.target?.raw, nameless.actual?.raw, nameless.weight?.raw, nameless.score?.raw]).toEqual([
      '效益指标', '社会效益指标', null, '95%', '96%', '40', '40',
    ]);
  });
});
