/**
 * An indicator header's layout is remembered by its captioned cells
 * (src/layout/indicator-cells.ts, `layoutOf`): headers that name the same
 * fields in other columns, or in two rows, are each read as they stand, in
 * whatever order a process meets them.
 */
import { describe, expect, it } from 'vitest';
import { oneForm } from './support/one-form.js';
import type { Form } from '../src/contract/schema.js';

function form(header: readonly string[], row: string): Form {
  return oneForm(['项目名称|测试项目', ...header, row]);
}

const read = (f: Form) => f.indicators.map((i) => [i.weight?.raw, i.score?.raw, i.actual?.raw ?? i.actual]);

const WEIGHT_FIRST = '年度绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分';
const SCORE_FIRST = '年度绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|得分|分值';
const ROW = '|产出指标|数量指标|甲|≥10台|12台|8|6';
/** The same captions in the same order, one column further right from 分值 on (a blank column of the sheet). */
const GAPPED = '年度绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值||分值|得分';
/** One figure after a blank cell: under 分值 in the gapped header, under 得分 in the plain one. */
const LONE = '|产出指标|数量指标|甲|≥10台|12台||8';

describe('a header read like one read before it', () => {
  it('reads its own columns', () => {
    for (let round = 0; round < 2; round++) {
      expect(read(form([WEIGHT_FIRST], ROW))[0].slice(0, 2)).toEqual(['8', '6']);
      expect(read(form([SCORE_FIRST], ROW))[0].slice(0, 2)).toEqual(['6', '8']);
      expect(read(form([GAPPED], LONE))[0].slice(0, 2)).toEqual(['8', undefined]);
      expect(read(form([WEIGHT_FIRST], LONE))[0].slice(0, 2)).toEqual([undefined, '8']);
    }
  });
});
