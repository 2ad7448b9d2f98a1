/**
 * Unit words that follow a figure in a target or actual cell ("100台",
 * "≤460.75万元"). Longer spellings come first so the lexer prefers them.
 */
import { textKeyed } from './text-keyed.js';

export const UNIT_WORDS: readonly string[] = [
  '平方公里', '平方米', '立方米', '万人次', '万次', '人次', '户次', '批次', '个工作日', '工作日', '小时', '分钟', '公里', '千米', '万元', '亿元', '万人', '万册', '万份', '万张', '百分比',
  '元', '台', '人', '件', '套', '个', '次', '天', '日', '月', '年', '户', '家', '项', '场', '份', '篇', '期', '座', '所', '辆', '册', '本', '米', '吨', '亩', '株', '头', '只', '条', '张', '处', '间', '类', '组', '部', '种', '名', '㎡', 'm2', 'km', 'kg',
];

/** Comparator spellings, symbols and words, mapped to their operator. */
export const COMPARATOR_WORDS: Readonly<Record<string, '>=' | '<=' | '>' | '<' | '='>> = textKeyed({
  '≥': '>=', '>=': '>=', '=>': '>=', '≧': '>=', 不低于: '>=', 不少于: '>=', 至少: '>=', 不小于: '>=', 大于等于: '>=', 大于或等于: '>=',
  '≤': '<=', '<=': '<=', '=<': '<=', '≦': '<=', 不高于: '<=', 不超过: '<=', 不大于: '<=', 不多于: '<=', 小于等于: '<=', 小于或等于: '<=', 控制在: '<=',
  '>': '>', 大于: '>', 高于: '>', 超过: '>',
  '<': '<', 小于: '<', 低于: '<',
  '=': '=', 等于: '=',
  // Look-alikes of `=` that forms print: box-drawing `═`, small `﹦`.
  '═': '=', '﹦': '=',
});

/** Words after a figure that turn it into a bound: "95%以上" is ≥ 95 %. */
export const COMPARATOR_SUFFIXES: Readonly<Record<string, '>=' | '<='>> = {
  以上: '>=', 及以上: '>=', 或以上: '>=', 以内: '<=', 以下: '<=', 及以下: '<=', 之内: '<=',
};
