/**
 * The normalizer's readings given again: a target or actual of words is read
 * once per text, and every cell holding the same words gets that reading at
 * its own place (its raw text, line and column); a weight or score read
 * without its report list reads as any other, and one that needs a report
 * (a sign, a unit, words) still gets it.
 */
import { describe, expect, it } from 'vitest';
import { forgetRemembered } from '../src/contract/remembered.js';
import { INDICATOR_HEADER, oneForm } from './support/one-form.js';
import type { Form } from '../src/contract/schema.js';

const HEADER = INDICATOR_HEADER.replace(/\|/g, '\t');

/** A form around indicator rows written with `|` for tabs; the header is line 2, the first row line 3. */
function block(...rows: string[]): Form {
  return oneForm(['项目名称|测试项目', INDICATOR_HEADER, ...rows, '总分||||||100|100']);
}

describe('targets and actuals of words', () => {
  it('give each cell the reading of its words at its own place', () => {
    forgetRemembered();
    const form = block(
      '|产出指标|时效指标|完成时间|12月底前|11月底前|10|10|',
      '|效益指标|社会效益指标|群众认可|有效提升|有效提升|10|10|',
      // The same words again on later lines, at other columns (an empty cell before them).
      '||时效指标|验收时间||12月底前|11月底前|10|10',
      '|||宣传效果|有效提升|"有效提升"|10|10|',
    );
    const [first, second, third, fourth] = form.indicators;
    expect(first.target).toMatchObject({ raw: '12月底前', text: '12月底前', line: 3, kind: 'deadline', op: '<=', value: '12.31', unit: '日期' });
    expect(third.target).toMatchObject({ raw: '12月底前', text: '12月底前', line: 5, kind: 'deadline', op: '<=', value: '12.31', unit: '日期' });
    // Each at its own column: after 完成时间 and a tab on line 3, after 验收时间 and two tabs on line 5.
    expect(first.target!.column).toBe(17);
    expect(third.target!.column).toBe(14);
    expect(third.actual).toMatchObject({ raw: '11月底前', line: 5, kind: 'deadline', value: '11.30' });
    expect(second.actual).toMatchObject({ raw: '有效提升', text: '有效提升', line: 4, kind: 'text', op: null, value: null, unit: null });
    // Quoted in the source: its raw text is its own, its words (and their reading) the same.
    expect(fourth.actual).toMatchObject({ raw: '"有效提升"', text: '有效提升', line: 6, kind: 'text', value: null });
    expect(fourth.target).toMatchObject({ raw: '有效提升', line: 6, kind: 'text' });
  });

  it('reads the same form alike on empty readings and after them', () => {
    const rows = ['|产出指标|数量指标|培训人数|不少于100人次|120人次|10|10|', '|||覆盖范围|不少于100人次|全覆盖|10|8|范围扩大'];
    forgetRemembered();
    const fresh = block(...rows);
    const again = block(...rows);
    expect(again.indicators).toEqual(fresh.indicators);
    expect(fresh.indicators[0].target).toMatchObject({ kind: 'quantity', op: '>=', value: '100', unit: '人次' });
    expect(fresh.indicators[1].target).toMatchObject({ line: 4, kind: 'quantity', op: '>=', value: '100', unit: '人次' });
  });
});

describe('targets and actuals of one figure', () => {
  it('read as toMeasure reads them: a number, a percent with its unit', () => {
    const form = block('|产出指标|数量指标|完成数|100|98.62%|10|9|', '|||完成率|95％|1,200|10|10|');
    const [first, second] = form.indicators;
    expect(first.target).toEqual({ raw: '100', text: '100', line: 3, column: 16, kind: 'number', op: null, value: '100', unit: null });
    expect(first.actual).toEqual({ raw: '98.62%', text: '98.62%', line: 3, column: 20, kind: 'percent', op: null, value: '98.62', unit: '%' });
    expect(second.target).toMatchObject({ raw: '95％', line: 4, kind: 'percent', value: '95', unit: '%' });
    expect(second.actual).toMatchObject({ raw: '1,200', line: 4, kind: 'number', value: '1200', unit: null });
  });
});

describe('weights and scores', () => {
  it('read a plain figure, a filler and 不适用 without a report', () => {
    const form = block('|产出指标|数量指标|完成率|≥90%|95%|10.50|9.5|', '|||完成数|≥5台|不适用|—|不适用|');
    const [first, second] = form.indicators;
    expect(first.weight).toMatchObject({ raw: '10.50', value: '10.50', line: 3 });
    expect(first.score).toMatchObject({ raw: '9.5', value: '9.5', line: 3 });
    expect(second.weight).toMatchObject({ raw: '—', value: null, line: 4 });
    expect(second.score).toMatchObject({ raw: '不适用', value: null, line: 4 });
    expect(form.diagnostics.filter((d) => d.line === 3 || d.line === 4).map((d) => d.code)).toEqual([]);
  });

  it('still report a sign, a unit and words', () => {
    const form = block('|产出指标|数量指标|完成率|≥90%|95%|-5|0|', '|||完成数|≥5台|6台|10分|八|');
    const codes = form.diagnostics.map((d) => [d.line, d.code, d.detail?.field]);
    expect(codes).toEqual([
      [3, 'negative-number', '分值'],
      [4, 'number-with-unit', '分值'],
      [4, 'invalid-number', '得分'],
    ]);
    expect(form.indicators[0].weight).toMatchObject({ raw: '-5', value: '-5' });
    expect(form.indicators[1].weight).toMatchObject({ raw: '10分', value: '10' });
    expect(form.indicators[1].score).toMatchObject({ raw: '八', value: null });
  });
});
