/**
 * The hierarchy of a block is read once per block shape (src/layout/hierarchy.ts,
 * `readHierarchy`): blocks whose labels are alike but whose weights, names or
 * places differ must each be read on their own evidence, in whatever order a
 * process meets them.
 */
import { describe, expect, it } from 'vitest';
import { INDICATOR_HEADER as HEADER, oneForm } from './support/one-form.js';
import type { Form } from '../src/contract/schema.js';


function form(head: readonly string[], ...lines: string[]): Form {
  return oneForm(['项目名称|测试项目', ...head, HEADER, ...lines]);
}

const level2s = (f: Form) => f.indicators.map((i) => i.level2);
const ambiguous = (f: Form) => f.diagnostics.filter((d) => d.code === 'ambiguous-hierarchy').map((d) => [d.line, d.column, d.detail?.alternative]);

/**
 * 一级 on its first row; 数量 (3分), 时效 (4分), 质量 (43分) declared. With weights 3 · 4 · 6 · 16 · 21 only a centred 二级
 * column closes every group (时效 = 乙, 质量 = 丙 丁 戊); with 3 · 2 · 2 · 16 · 27 only the top one does (时效 = 乙 丙).
 */
const declared = (weights: readonly number[]) => [
  `|产出指标|数量指标(3分)|甲|1|1|${weights[0]}|${weights[0]}|`,
  `||时效指标(4分)|乙|1|1|${weights[1]}|${weights[1]}|`,
  `||||丙|1|1|${weights[2]}|${weights[2]}|`,
  `||质量指标(43分)|丁|1|1|${weights[3]}|${weights[3]}|`,
  `||||戊|1|1|${weights[4]}|${weights[4]}|`,
  '总分||||||50|50|',
];
const CENTRED = ['数量指标', '时效指标', '质量指标', '质量指标', '质量指标'];
const TOP = ['数量指标', '时效指标', '时效指标', '质量指标', '质量指标'];

/** Both conventions fit the labels; the third row's name, where it is a quality indicator's, makes it reported. */
const cued = (third: string) => ['|产出指标|数量指标|甲|1|1|3|3|', '||时效指标|乙|1|1|4|4|', `||||${third}|1|1|6|6|`, '||质量指标|丁|1|1|16|16|', '||||戊|1|1|21|21|', '总分||||||50|50|'];

describe('a block read like one read before it', () => {
  it('is read by its own weights where labels declare points', () => {
    for (let round = 0; round < 2; round++) {
      expect(level2s(form([], ...declared([3, 4, 6, 16, 21])))).toEqual(CENTRED);
      expect(level2s(form([], ...declared([3, 2, 2, 16, 27])))).toEqual(TOP);
    }
    expect(level2s(form([], ...declared([3, 2, 2, 16, 27])))).toEqual(TOP);
    expect(level2s(form([], ...declared([3, 4, 6, 16, 21])))).toEqual(CENTRED);
  });

  it('is read by its own rows’ names: only a row whose name points to another group is reported', () => {
    for (let round = 0; round < 2; round++) {
      const plain = form([], ...cued('丙'));
      expect(level2s(plain)).toEqual(TOP);
      expect(ambiguous(plain)).toEqual([]);
      const pointing = form([], ...cued('验收合格率'));
      expect(level2s(pointing)).toEqual(TOP);
      expect(ambiguous(pointing)).toEqual([[5, 5, { level1: '产出指标', level2: '质量指标' }]]);
    }
  });

  it('has its reports on its own lines, with details of their own', () => {
    const first = form([], ...cued('验收合格率'));
    const lower = form(['主管部门|某局', '实施单位|某单位'], ...cued('验收合格率'));
    expect(ambiguous(first)).toEqual([[5, 5, { level1: '产出指标', level2: '质量指标' }]]);
    expect(ambiguous(lower)).toEqual([[7, 5, { level1: '产出指标', level2: '质量指标' }]]);
    const [a, b] = [first, lower].map((f) => f.diagnostics.find((d) => d.code === 'ambiguous-hierarchy')!);
    expect(a.detail).not.toBe(b.detail);
    expect(a.message).not.toBe(b.message);
  });
});
