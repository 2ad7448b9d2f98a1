/**
 * Units: the one table of the words that follow a figure in a target or
 * actual cell ("100台", "≤460.75万元", "5‰"), with what each means to the
 * checker. The lexer's unit token is every word here but the `%` sign, which
 * is a token of its own; the checker converts money exactly (1 万元 = 10 000
 * 元), reads 百分比 and ‰ as percent, and compares a count unit (台, 人, 件 …)
 * only with itself, scaled or not (万人 = 10 000 人). A unit missing from the table is a count unit of its own.
 */
import { textKeyed } from './text-keyed.js';

export type UnitFamily = 'money' | 'percent' | 'count';

export interface UnitDefinition {
  unit: string;
  family: UnitFamily;
  /** The unit values of this family are converted to before comparing. */
  base: string;
  /** How many `base` one of `unit` is, as an exact decimal string. */
  factor: string;
}

const count = (unit: string): UnitDefinition => ({ unit, family: 'count', base: unit, factor: '1' });

/** Scale words before a count unit: 1.5万人 is 15 000 人 (longest first). */
export const COUNT_SCALES: ReadonlyArray<readonly [string, string]> = [
  ['百万', '1000000'],
  ['亿', '100000000'],
  ['万', '10000'],
  ['千', '1000'],
];

/** A count unit printed with its scale (万人次): that many of the unit itself. */
const scaledCount = (unit: string): UnitDefinition => {
  const [scale, factor] = COUNT_SCALES.find(([word]) => unit.startsWith(word)) ?? ['', '1'];
  return { unit, family: 'count', base: unit.slice(scale.length), factor };
};

/** Every unit; money from the smallest to the largest (the checker tries them in this order). */
export const UNIT_TABLE: readonly UnitDefinition[] = [
  { unit: '元', family: 'money', base: '元', factor: '1' },
  { unit: '千元', family: 'money', base: '元', factor: '1000' },
  { unit: '万元', family: 'money', base: '元', factor: '10000' },
  { unit: '百万元', family: 'money', base: '元', factor: '1000000' },
  { unit: '亿元', family: 'money', base: '元', factor: '100000000' },
  { unit: '%', family: 'percent', base: '%', factor: '1' },
  { unit: '百分比', family: 'percent', base: '%', factor: '1' },
  { unit: '‰', family: 'percent', base: '%', factor: '0.1' },
  ...[
    '个', '台', '套', '人', '人次', '件', '次', '批次', '户', '份', '项', '场', '期', '篇', '所', '家', '辆', '名', '册', '本', '张', '条', '间', '座', '处', '天', '日', '小时', '月',
    '平方公里', '平方米', '立方米', '户次', '个工作日', '工作日', '分钟', '公里', '千米',
    '年', '米', '吨', '亩', '株', '头', '只', '类', '组', '部', '种', '㎡', 'm2', 'km', 'kg',
  ].map(count),
  ...['万人次', '万次', '万人', '万册', '万份', '万张'].map(scaledCount),
];

/** The unit words of the lexer's unit token: every unit but the `%` sign. */
export const UNIT_WORDS: readonly string[] = UNIT_TABLE.map((definition) => definition.unit).filter((unit) => unit !== '%');

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
