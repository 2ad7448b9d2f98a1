/**
 * The value converter on cells the pipeline built: figures keep their decimals
 * and lose thousands separators and full-width forms; measures split into
 * comparator, value and unit; markers and words stay what they are.
 */
import { describe, expect, it } from 'vitest';
import { lex } from '../src/parse/lex.js';
import { buildRows, type Cell } from '../src/parse/rows.js';
import { lineIndex } from '../src/parse/text.js';
import { nameOfLevel1, normalizeNumber, pointsOfLevel1, toFigure, toMeasure } from '../src/parse/values.js';

/** The one cell of a line lexed and split as the pipeline does. */
function cell(text: string): Cell {
  const line = `标签\t${text}\n`;
  const rows = buildRows(line, lex(line).chunks, lineIndex(line)).rows;
  expect(rows).toHaveLength(1);
  expect(rows[0].cells).toHaveLength(2);
  return rows[0].cells[1];
}

describe('normalizeNumber', () => {
  it.each([
    ['0.00', '0.00'],
    ['10380629.85', '10380629.85'],
    ['1,234.50', '1234.50'],
    ['10,380,629.85', '10380629.85'],
    ['007', '7'],
    ['-3.10', '-3.10'],
    ['-0', '0'],
  ])('%s → %s', (text, value) => {
    expect(normalizeNumber(text)).toBe(value);
  });

  it.each(['1,23', '12.', 'abc', '', '.5', '0.', '1.2.3', '1e5', ' 1', '1 ', '+1', '１２'])('%s is not a plain number', (text) => {
    expect(normalizeNumber(text)).toBeNull();
  });

  it.each(['0', '0.5', '00', '01.5', '00.5', '-0.50', '000', '0012.340'])('%s keeps its decimals and loses its leading zeros', (text) => {
    const unsigned = text.replace(/^-/, '');
    const [whole, decimals] = unsigned.split('.');
    const kept = (whole.replace(/^0+(?=\d)/, '') || '0') + (decimals === undefined ? '' : '.' + decimals);
    expect(normalizeNumber(text)).toBe(text.startsWith('-') ? '-' + kept : kept);
  });

  it('reads every short text of digits, points, commas and signs as the plain and grouped grammars do', () => {
    // Every text of up to five characters over these: the canonical ones come back as written, the others as the grammars read them.
    const alphabet = ['0', '1', '9', '.', ',', '-'];
    const canonical = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;
    const plain = /^-?\d+(\.\d+)?$/;
    const grouped = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
    let texts = [''];
    let seen = 0;
    for (let length = 1; length <= 5; length++) {
      texts = texts.flatMap((text) => alphabet.map((c) => text + c));
      for (const text of texts) {
        const value = normalizeNumber(text);
        if (canonical.test(text)) expect(value).toBe(text);
        else if (!plain.test(text) && !grouped.test(text)) expect(value).toBeNull();
        else expect(value).not.toBe(null);
        seen++;
      }
    }
    expect(seen).toBe(9330);
  });
});

describe('toFigure', () => {
  it.each([
    ['0.00', '0.00'],
    ['10380629.85', '10380629.85'],
    ['1,234.50', '1234.50'],
    ['１０，３８０，６２９．８５', '10380629.85'],
    ['１０', '10'],
    ['98.62%', '98.62'],
    ['９８．６２％', '98.62'],
    ['98.62 %', '98.62'],
    ['"10,380,629.85"', '10380629.85'],
  ])('%s has the value %s and keeps its raw text', (raw, value) => {
    const { value: figure, diagnostics } = toFigure(cell(raw), '全年执行数');
    expect(figure.value).toBe(value);
    expect(figure.raw).toBe(raw);
    expect(figure.line).toBe(1);
    expect(figure.column).toBe(4);
    expect(diagnostics).toEqual([]);
  });

  it.each(['—', '——', '-', '－', '/', '不适用'])('%s is a figure without a value', (raw) => {
    const { value: figure, diagnostics } = toFigure(cell(raw), '分值');
    expect(figure).toMatchObject({ raw, value: null });
    expect(diagnostics).toEqual([]);
  });

  it('points written with 分 are read, with a note', () => {
    const { value: figure, diagnostics } = toFigure(cell('10分'), '分值');
    expect(figure.value).toBe('10');
    expect(diagnostics.map((d) => d.code)).toEqual(['number-with-unit']);
  });

  it.each([
    ['1200%', ['percent-out-of-range']],
    ['1000.01%', ['percent-out-of-range']],
    ['1000%', []],
    ['999.99%', []],
  ])('%s over 1000 percent is reported: %j', (raw, codes) => {
    expect(toFigure(cell(raw), '执行率').diagnostics.map((d) => d.code)).toEqual(codes);
  });

  it('words are not a figure', () => {
    const { value: figure, diagnostics } = toFigure(cell('约十万'), '全年执行数');
    expect(figure.value).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['invalid-number']);
  });
});

describe('toMeasure', () => {
  it.each([
    ['100%', 'percent', null, '100', '%'],
    ['１００％', 'percent', null, '100', '%'],
    ['≥95%', 'percent', '>=', '95', '%'],
    ['>=95%', 'percent', '>=', '95', '%'],
    ['＞＝９５％', 'percent', '>=', '95', '%'],
    ['≤1%', 'percent', '<=', '1', '%'],
    ['＜＝３．３万元', 'quantity', '<=', '3.3', '万元'],
    ['＞８０％', 'percent', '>', '80', '%'],
    ['＜ ５％', 'percent', '<', '5', '%'],
    ['=100%', 'percent', '=', '100', '%'],
    ['＝１００％', 'percent', '=', '100', '%'],
    ['﹦100%', 'percent', '=', '100', '%'],
    ['100台', 'quantity', null, '100', '台'],
    ['100 台', 'quantity', null, '100', '台'],
    ['３２０ 公里', 'quantity', null, '320', '公里'],
    ['≥ 40 处', 'quantity', '>=', '40', '处'],
    ['≤1096.58万元', 'quantity', '<=', '1096.58', '万元'],
    ['1,350套', 'quantity', null, '1350', '套'],
    ['144', 'number', null, '144', null],
    ['0', 'number', null, '0', null],
    ['不低于95%', 'percent', '>=', '95', '%'],
    ['95%以上', 'percent', '>=', '95', '%'],
    ['控制在30万元以内', 'quantity', '<=', '30', '万元'],
    ['100百分比', 'percent', null, '100', '%'],
  ])('%s → %s %s %s %s', (raw, kind, op, value, unit) => {
    const measure = toMeasure(cell(raw));
    expect(measure).toMatchObject({ raw, kind, op, value, unit });
  });

  it.each(['及时', '有效', '效果明显', '达成预期指标', '部分达成预期指标并具有一定效果', '未达成预期指标且效果较差'])('qualitative %s stays text', (raw) => {
    expect(toMeasure(cell(raw))).toMatchObject({ raw, text: raw, kind: 'text', op: null, value: null, unit: null });
  });

  it('不适用 and dashes are markers, not values', () => {
    expect(toMeasure(cell('不适用'))).toMatchObject({ kind: 'notApplicable', value: null });
    expect(toMeasure(cell('/'))).toMatchObject({ kind: 'marker', value: null });
    expect(toMeasure(cell('—'))).toMatchObject({ kind: 'marker', value: null });
  });

  it('HTML around a figure: text without tags, raw kept, the figure read from the text', () => {
    const measure = toMeasure(cell('<p>≥90%</p>'));
    expect(measure).toMatchObject({ raw: '<p>≥90%</p>', text: '≥90%', op: '>=', value: '90', unit: '%' });
  });
});

describe('一级 labels', () => {
  it.each([
    ['产出指标 (50分)', '产出指标', '50'],
    ['产出指标（５０分）', '产出指标', '50'],
    ['满意度指标（10分）', '满意度指标', '10'],
    ['产 出 指 标 (50分)', '产出指标', '50'],
    ['成本指标', '成本指标', null],
  ])('%s is %s with %s points', (image, name, points) => {
    expect(nameOfLevel1(image)).toBe(name);
    expect(pointsOfLevel1(image)).toBe(points);
  });
});
