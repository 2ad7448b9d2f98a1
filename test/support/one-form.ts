/**
 * Forms written by hand in tests: lines with `|` for tabs, read by the whole
 * pipeline, which must find exactly one form in them.
 */
import { expect } from 'vitest';
import { parse } from '../../src/api/pipeline.js';
import type { Form } from '../../src/contract/schema.js';

/** The indicator header of the common template, `|` for tabs. */
export const INDICATOR_HEADER = '年度绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施';

/** The one form of `lines` (the first is line 1), every `|` read as a tab. */
export function oneForm(lines: readonly string[]): Form {
  const document = parse([...lines, ''].join('\n').replace(/\|/g, '\t'));
  expect(document.forms).toHaveLength(1);
  return document.forms[0];
}
