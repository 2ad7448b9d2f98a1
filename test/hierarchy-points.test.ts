/**
 * Declared points choose the reading of merged 二级 labels (src/layout/hierarchy.ts,
 * `weightSums`): a group's weights add up to its label's points whatever decimals
 * the weights and the points are written with.
 */
import { describe, expect, it } from 'vitest';
import { INDICATOR_HEADER as HEADER, oneForm } from './support/one-form.js';
import type { Form } from '../src/contract/schema.js';


function form(...lines: string[]): Form {
  return oneForm(['项目名称|测试项目', HEADER, ...lines]);
}

const level2s = (f: Form) => f.indicators.map((i) => i.level2);

/** 数量 (3分), 时效, 质量 declared; a centred 二级 column gives 时效 乙 alone, a top one 乙 and 丙. */
const declared = (weights: readonly string[], time: string, quality: string) =>
  form(
    `|产出指标|数量指标(3分)|甲|1|1|${weights[0]}|${weights[0]}|`,
    `||时效指标(${time}分)|乙|1|1|${weights[1]}|${weights[1]}|`,
    `||||丙|1|1|${weights[2]}|${weights[2]}|`,
    `||质量指标(${quality}分)|丁|1|1|${weights[3]}|${weights[3]}|`,
    `||||戊|1|1|${weights[4]}|${weights[4]}|`,
  );
const CENTRED = ['数量指标', '时效指标', '质量指标', '质量指标', '质量指标'];
const TOP = ['数量指标', '时效指标', '时效指标', '质量指标', '质量指标'];

describe('declared points against weights written with decimals', () => {
  it('close a group whose weights add up, whatever decimals either is written with', () => {
    // Top: 时效 = 2.5 + 1.50 = 4, 质量 = 16 + 27 = 43.
    expect(level2s(declared(['3', '2.5', '1.50', '16', '27'], '4', '43'))).toEqual(TOP);
    expect(level2s(declared(['3.0', '2.5', '1.50', '16', '27'], '4.0', '43.00'))).toEqual(TOP);
    // Centred: 时效 = 4.0, 质量 = 6.5 + 16 + 20.50 = 43.
    expect(level2s(declared(['3', '4.0', '6.5', '16', '20.50'], '4', '43'))).toEqual(CENTRED);
    expect(level2s(declared(['3', '4.0', '6.5', '16', '20.50'], '4.00', '43.0'))).toEqual(CENTRED);
  });

});
