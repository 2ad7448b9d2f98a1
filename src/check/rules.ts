/**
 * The checker's rules (the table of src/tables/rules.ts, each code typed
 * against the contract's finding codes) and, below, each finding's message:
 * its words, filled from the values the checker passes.
 */
import type { FindingCode } from '../contract/codes.js';
import type { Severity } from '../contract/schema.js';
import { RememberedMap } from '../contract/remembered.js';
import type { Text } from './score.js';
import { RULE_SOURCE_DOCUMENTS, type RuleSourceDocument, type RuleSourceTag } from '../tables/rule-sources.js';
import { RULES as RULE_TABLE, type RuleEntry } from '../tables/rules.js';
import { FUNDS_COLUMN_ZH, SECTION_ZH } from '../tables/finding-words.js';

/** A rule of the table, its code one of the contract's finding codes. */
export interface Rule extends RuleEntry {
  code: FindingCode;
  severity: Severity;
}

export const RULES = RULE_TABLE satisfies readonly Rule[];

export type RuleCode = (typeof RULES)[number]['code'];

export const RULE_CODES = RULES.map((rule) => rule.code) as [RuleCode, ...RuleCode[]];

const RULES_BY_CODE: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.code, rule]));

export function ruleFor(code: RuleCode): Rule {
  // Every RuleCode is in the table by construction.
  return RULES_BY_CODE.get(code)!;
}

// ---------------------------------------------------------------------------
// Finding messages: the words of each finding, in Chinese and English, filled
// from the values the checker passes.

/** An indicator row as a finding names it: each part as written, `—` (or `?` for the name) when absent. */
export interface RowFacts {
  name: string;
  target: string;
  actual: string;
  weight: string;
}

/** What the execution rate was computed from: the row's figures, or null when a zero budget counts as a rate of 0. */
export type RateBasis = { executed: string; budget: string; rate: string } | null;

/** What a declared indicator score was compared with. */
export type ScoreComparison =
  | { kind: 'recomputed' }
  /** The profile's first score and the other scores it accepts. */
  | { kind: 'accepted'; others: readonly string[] }
  /** The nearest score in a qualitative band. */
  | { kind: 'band'; low: string; high: string };

export type LayoutBlock = 'execution' | 'output' | 'benefit' | 'benefitWithSatisfaction' | 'benefitAndSatisfaction' | 'satisfaction' | 'cost' | 'indicators';

/** One way a form's layout differs from the profile's standard. */
export type LayoutDifference =
  | { kind: 'satisfaction'; folded: boolean }
  | { kind: 'points'; block: LayoutBlock; found: string; standard: string };

export type FundsColumn = 'initialBudget' | 'adjustedBudget' | 'executed';

const SECTION_NAMES: Record<keyof typeof SECTION_ZH, Text> = {
  funds: { zh: SECTION_ZH.funds, en: `funds (${SECTION_ZH.funds})` },
  indicators: { zh: SECTION_ZH.indicators, en: `indicators (${SECTION_ZH.indicators})` },
  total: { zh: SECTION_ZH.total, en: `total (${SECTION_ZH.total})` },
};

const FUNDS_COLUMN_NAMES_ZH: Record<FundsColumn, string> = FUNDS_COLUMN_ZH;

const LAYOUT_BLOCK_NAMES: Record<LayoutBlock, Text> = {
  execution: { zh: '预算执行', en: 'execution' },
  output: { zh: '产出', en: 'output' },
  benefit: { zh: '效益', en: 'benefit' },
  benefitWithSatisfaction: { zh: '效益（含满意度）', en: 'benefit (satisfaction inside)' },
  benefitAndSatisfaction: { zh: '效益+满意度', en: 'benefit + satisfaction' },
  satisfaction: { zh: '满意度', en: 'satisfaction' },
  cost: { zh: '成本', en: 'cost' },
  indicators: { zh: '绩效指标', en: 'indicators' },
};

function aboutRow(row: RowFacts): Text {
  return {
    zh: `${row.name}：指标值 ${row.target}，实际完成值 ${row.actual}，分值 ${row.weight}`,
    en: `${row.name}: target ${row.target}, actual ${row.actual}, weight ${row.weight}`,
  };
}

function rateBasisText(basis: RateBasis): Text {
  if (basis === null) return { zh: '全年预算数为 0，按 0 计', en: '全年预算数 is 0, taken as 0' };
  const formula = `${basis.executed} ÷ ${basis.budget} = ${basis.rate}%`;
  return { zh: formula, en: formula };
}

function comparisonText(comparison: ScoreComparison): Text {
  switch (comparison.kind) {
    case 'recomputed':
      return { zh: '计算得分', en: 'the recomputed' };
    case 'accepted': {
      const others = comparison.others.join(', ');
      return { zh: `可接受的计算得分（另可为 ${others}）`, en: `the accepted scores (also ${others}):` };
    }
    case 'band':
      return { zh: `评分档次 [${comparison.low}, ${comparison.high}] 的最近值`, en: `band [${comparison.low}, ${comparison.high}], nearest` };
  }
}

export function layoutDifferenceText(difference: LayoutDifference): Text {
  if (difference.kind === 'satisfaction') {
    return difference.folded
      ? { zh: '满意度计入效益指标（标准为单列一级）', en: 'satisfaction counted inside 效益 (standard: a 一级 of its own)' }
      : { zh: '满意度单列为一级指标（标准为计入效益）', en: 'satisfaction a 一级 of its own (standard: inside 效益)' };
  }
  const name = LAYOUT_BLOCK_NAMES[difference.block];
  return {
    zh: `${name.zh} ${difference.found} 分（标准 ${difference.standard}）`,
    en: `${name.en} ${difference.found} (standard ${difference.standard})`,
  };
}

const FINDING_MESSAGES = {
  'missing-section': ({ section }: { section: keyof typeof SECTION_NAMES }): Text => ({
    zh: `表中缺少${SECTION_NAMES[section].zh}部分`,
    en: `the form has no ${SECTION_NAMES[section].en} section`,
  }),
  'execution-rate-mismatch': ({ declared, expected, truncated, basis }: { declared: string; expected: string; truncated: boolean; basis: RateBasis }): Text => {
    const about = rateBasisText(basis);
    return truncated
      ? {
          zh: `执行率 ${declared}% 为截断值，四舍五入应为 ${expected}%（${about.zh}）`,
          en: `execution rate ${declared}% is truncated; rounded it is ${expected}% (${about.en})`,
        }
      : {
          zh: `执行率 ${declared}% 与计算值 ${expected}% 不符（${about.zh}）`,
          en: `execution rate ${declared}% differs from the computed ${expected}% (${about.en})`,
        };
  },
  'execution-score-mismatch': ({ declared, expected, weight, rate }: { declared: string; expected: string; weight: string; rate: string }): Text => ({
    zh: `预算执行得分 ${declared} 与计算值 ${expected} 不符（分值 ${weight} × 执行率 ${rate}%）`,
    en: `execution score ${declared} differs from the computed ${expected} (weight ${weight} × rate ${rate}%)`,
  }),
  'zero-budget': (_: object): Text => ({ zh: '全年预算数为 0，执行率无定义', en: '全年预算数 is 0: the execution rate is undefined' }),
  'funds-sum-mismatch': ({ column, declared, expected }: { column: FundsColumn; declared: string; expected: string }): Text => ({
    zh: `${FUNDS_COLUMN_NAMES_ZH[column]}：年度资金总额 ${declared} 不等于各来源之和 ${expected}`,
    en: `${column}: 年度资金总额 ${declared} is not the sum of its sources, ${expected}`,
  }),
  'score-exceeds-weight': ({ declared, negative, row }: { declared: string; negative: boolean; row: RowFacts }): Text => {
    const about = aboutRow(row);
    return negative
      ? { zh: `得分 ${declared} 为负数（${about.zh}）`, en: `score ${declared} is negative (${about.en})` }
      : { zh: `得分 ${declared} 高于分值 ${row.weight}（${about.zh}）`, en: `score ${declared} is above the weight ${row.weight} (${about.en})` };
  },
  'indicator-score-mismatch': ({ declared, expected, comparedWith, row }: { declared: string; expected: string; comparedWith: ScoreComparison; row: RowFacts }): Text => {
    const against = comparisonText(comparedWith);
    const about = aboutRow(row);
    return {
      zh: `得分 ${declared} 与${against.zh} ${expected} 不符（${about.zh}）`,
      en: `score ${declared} differs from ${against.en} ${expected} (${about.en})`,
    };
  },
  'unverifiable-indicator': ({ reason }: { reason: Text }): Text => ({ zh: `得分未核验：${reason.zh}`, en: `score not verified: ${reason.en}` }),
  'not-applicable-scored': ({ field, declared, row }: { field: 'weight' | 'score'; declared: string | null; row: RowFacts }): Text => ({
    zh: `不适用的指标带有${field === 'weight' ? '分值' : '得分'} ${declared}（${aboutRow(row).zh}）`,
    en: `a not-applicable indicator carries ${field} ${declared} (${aboutRow(row).en})`,
  }),
  'missing-deviation-reason': ({ declared, row }: { declared: string | null; row: RowFacts }): Text => ({
    zh: `得分 ${declared} 低于分值 ${row.weight}，未填写偏差原因分析及改进措施（${row.name}）`,
    en: `score ${declared} is below the weight ${row.weight} and no deviation reason is given (${row.name})`,
  }),
  'level1-weight-mismatch': ({ level1, declared, total, satisfactionIncluded }: { level1: string; declared: string | null; total: string; satisfactionIncluded: boolean }): Text => {
    const scope = satisfactionIncluded ? { zh: '（含满意度指标）', en: ' (satisfaction included)' } : { zh: '', en: '' };
    return {
      zh: `${level1}${scope.zh}标注 ${declared} 分，各指标分值之和为 ${total}`,
      en: `${level1}${scope.en} declares ${declared} points; its weights add up to ${total}`,
    };
  },
  'level2-weight-mismatch': ({ level2, declared, total }: { level2: string; declared: string; total: string }): Text => ({
    zh: `${level2}标注 ${declared} 分，各指标分值之和为 ${total}`,
    en: `${level2} declares ${declared} points; its weights add up to ${total}`,
  }),
  'total-weight-mismatch': ({ declared, expected }: { declared: string; expected: string }): Text => ({
    zh: `总分的分值 ${declared} 不等于预算执行分值与各指标分值之和 ${expected}`,
    en: `总分 weight ${declared} is not funds weight + indicator weights, ${expected}`,
  }),
  'total-score-mismatch': ({ declared, expected, rescaled }: { declared: string; expected: string; rescaled?: boolean }): Text =>
    rescaled
      ? {
          zh: `总分的得分 ${declared} 不等于按适用指标分值折算为百分制的得分 ${expected}`,
          en: `总分 score ${declared} is not the score rescaled to the applicable weights (out of 100), ${expected}`,
        }
      : {
          zh: `总分的得分 ${declared} 不等于预算执行得分与各指标得分之和 ${expected}`,
          en: `总分 score ${declared} is not funds score + indicator scores, ${expected}`,
        },
  'duplicate-indicator': ({ name, target, firstLine }: { name: string; target: string; firstLine: number }): Text => ({
    zh: `指标“${name}”（指标值 ${target}）重复，首次出现在第 ${firstLine} 行`,
    en: `indicator "${name}" (target ${target}) repeats the one on line ${firstLine}`,
  }),
  'zero-budget-spent': ({ label, executed }: { label: string; executed: string }): Text => ({
    zh: `${label}：全年预算数为 0，全年执行数却为 ${executed}`,
    en: `${label}: 全年预算数 is 0 but 全年执行数 is ${executed}`,
  }),
  'execution-over-budget': ({ label, executed, budget }: { label: string; executed: string; budget: string }): Text => ({
    zh: `${label}：全年执行数 ${executed} 超过全年预算数 ${budget}`,
    en: `${label}: 全年执行数 ${executed} is above 全年预算数 ${budget}`,
  }),
  'component-rate-mismatch': ({ label, declared, executed, budget, expected }: { label: string; declared: string; executed: string | null; budget: string | null; expected: string }): Text => ({
    zh: `${label}：执行率 ${declared}% 与该行 ${executed} ÷ ${budget} = ${expected}% 不符`,
    en: `${label}: rate ${declared}% differs from the row's ${executed} ÷ ${budget} = ${expected}%`,
  }),
  'execution-reason-required': ({ rate, threshold }: { rate: string; threshold: string }): Text => ({
    zh: `预算执行率 ${rate}% 低于 ${threshold}%，须说明原因（表中资金部分未见偏差原因，请核对是否已另行说明）`,
    en: `execution rate ${rate}% is below ${threshold}%: a reason is required (none is given beside the funds rows; check whether one was given elsewhere)`,
  }),
  'total-weight-not-100': ({ weight }: { weight: string }): Text => ({
    zh: `总分的分值为 ${weight}，不是 100（表中有适用的指标）`,
    en: `总分 weight is ${weight}, not 100, and the form has applicable rows`,
  }),
  'unverifiable': ({ diagnostics, loneTotal, noFundsTotal, withheld }: { diagnostics: readonly string[]; loneTotal?: string; noFundsTotal?: boolean; withheld: readonly Text[] }): Text => {
    const why =
      loneTotal !== undefined
        ? { zh: `总分行只有一个数 ${loneTotal}，它可能是得分而非分值`, en: `the 总分 row holds one figure, ${loneTotal}, which may be its score rather than its weight` }
        : noFundsTotal
          ? { zh: '资金部分没有识别出年度资金总额行，预算执行的分值和得分未读取', en: 'no 年度资金总额 row was recognised in the funds block, so its weight and score were not read' }
          : diagnostics.length > 0 && diagnostics.every((code) => code === 'invalid-number')
            ? { zh: `本行有无法读取的数字（${diagnostics.join('、')}）`, en: `this line holds a figure that could not be read (${diagnostics.join(', ')})` }
            : { zh: `本行的单元格位置不确定（${diagnostics.join('、')}）`, en: `this line's cells were placed with a diagnostic (${diagnostics.join(', ')})` };
    return {
      zh: `未核验：${why.zh}，不据此判断：${withheld.map((text) => text.zh).join('；')}`,
      en: `not verified: ${why.en}, so nothing is concluded from it: ${withheld.map((text) => text.en).join('; ')}`,
    };
  },
  'no-weight-column': ({ rows }: { rows: number }): Text => ({
    zh: `表中没有分值列（${rows} 项指标均无分值）：各指标得分未核验，本表不评级`,
    en: `the form has no 分值 column (none of its ${rows} indicators has a weight): scores not verified, the form is not graded`,
  }),
  'missing-actual': ({ declared, row }: { declared: string; row: RowFacts }): Text => ({
    zh: `实际完成值为空，得分却为 ${declared}（${row.name}：指标值 ${row.target}，分值 ${row.weight}）`,
    en: `the 实际完成值 is blank but the score is ${declared} (${row.name}: target ${row.target}, weight ${row.weight})`,
  }),
  'printed-grade-mismatch': ({ printed, declaredTotal, band }: { printed: string; declaredTotal: string; band: string }): Text => ({
    zh: `表中填写的等级为“${printed}”，申报总分 ${declaredTotal} 应为“${band}”`,
    en: `the form prints the grade ${printed}; its declared total ${declaredTotal} grades ${band}`,
  }),
  'grade-mismatch': ({ declaredTotal, declaredGrade, recomputedTotal, recomputedGrade }: { declaredTotal: string | null; declaredGrade: string; recomputedTotal: string | null; recomputedGrade: string }): Text => ({
    zh: `申报总分 ${declaredTotal} 评为“${declaredGrade}”，复核总分 ${recomputedTotal} 应为“${recomputedGrade}”`,
    en: `the declared total ${declaredTotal} grades ${declaredGrade}; the recomputed ${recomputedTotal} grades ${recomputedGrade}`,
  }),
  'large-over-achievement': ({ times, threshold, row }: { times: string; threshold: string; row: RowFacts }): Text => ({
    zh: `实际完成值 ${row.actual} 为指标值 ${row.target} 的 ${times} 倍（不低于 ${threshold} 倍）：超额完成须说明原因，目标设定可能偏低，评价时可酌情扣分（${row.name}）`,
    en: `actual ${row.actual} is ${times} × the target ${row.target} (threshold ${threshold}×): a large over-achievement must be explained and may be marked down (${row.name})`,
  }),
  'strict-target-at-bound': ({ row }: { row: RowFacts }): Text => ({
    zh: `指标值 ${row.target} 为严格不等式，实际完成值 ${row.actual} 恰在边界上，严格说未达到（${row.name}）`,
    en: `target ${row.target} is strict and the actual ${row.actual} is exactly at its bound: strictly, not met (${row.name})`,
  }),
  'nonstandard-layout': ({ profile, differences }: { profile: string; differences: readonly LayoutDifference[] }): Text => {
    const texts = differences.map(layoutDifferenceText);
    return {
      zh: `表的分值结构与评分口径 ${profile} 的标准不同：${texts.map((text) => text.zh).join('；')}；各一级分值按表本身的结构核对`,
      en: `the form's layout differs from the ${profile} profile's standard: ${texts.map((text) => text.en).join('; ')}; the 一级 sums are checked by the form's own layout`,
    };
  },
} as const satisfies { [C in RuleCode]: (values: never) => Text };

/** The values a finding's message is written from, by rule code. */
export type MessageValues<C extends RuleCode> = Parameters<(typeof FINDING_MESSAGES)[C]>[0];

export function findingMessage<C extends RuleCode>(code: C, values: MessageValues<C>): Text {
  // Each code's function takes that code's values; TypeScript cannot follow the pairing through the index.
  return (FINDING_MESSAGES[code] as (values: MessageValues<C>) => Text)(values);
}

/**
 * Each rule as a finding's `rule` field states it, in Chinese and English: the
 * formula or condition the declared figure was held to, in the variant the
 * profile chose. (indicator-score-mismatch states the scoring rule of its
 * indicator, from score.ts.)
 */
const RULE_STATEMENTS = {
  'missing-section': () => ({ zh: '自评表应包括项目资金、绩效指标和总分三部分', en: 'a form has funds, indicators and 总分' }),
  'funds-sum-mismatch': ({ nested }: { nested: boolean }) =>
    nested
      ? { zh: '“其中”行 = 其下各细项之和；年度资金总额 = 各一级来源之和（逐列）', en: 'a 其中 row = Σ its own breakdown; 年度资金总额 = Σ its first-level sources, column by column' }
      : { zh: '年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金（逐列）', en: '年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, column by column' },
  'execution-rate-mismatch': ({ rounding }: { rounding: 'round' | 'truncate' | 'either' }) =>
    rounding === 'truncate'
      ? { zh: '执行率 = 全年执行数 ÷ 全年预算数，截断', en: 'rate = 全年执行数 ÷ 全年预算数, truncated' }
      : rounding === 'round'
        ? { zh: '执行率 = 全年执行数 ÷ 全年预算数，四舍五入', en: 'rate = 全年执行数 ÷ 全年预算数, rounded half-up' }
        : {
            zh: '执行率 = 全年执行数 ÷ 全年预算数，四舍五入（截断值可接受，但予以提示）',
            en: 'rate = 全年执行数 ÷ 全年预算数, rounded half-up (a truncated rate is accepted but reported)',
          },
  'execution-score-mismatch': ({ capped }: { capped: boolean }) =>
    capped ? { zh: '预算执行得分 = 分值 × min(执行率, 100%)', en: 'score = 分值 × min(rate, 100%)' } : { zh: '预算执行得分 = 分值 × 执行率（不封顶）', en: 'score = 分值 × rate (not capped)' },
  'zero-budget-spent': () => ({ zh: '全年执行数 ≤ 全年预算数；预算为 0 不应有支出', en: '全年执行数 ≤ 全年预算数; nothing spent against a budget of 0' }),
  'execution-over-budget': () => ({ zh: '全年执行数 ≤ 全年预算数', en: '全年执行数 ≤ 全年预算数' }),
  'component-rate-mismatch': () => ({ zh: '各资金来源行：执行率 = 全年执行数 ÷ 全年预算数', en: 'rate = 全年执行数 ÷ 全年预算数, row by row' }),
  'execution-reason-required': ({ threshold }: { threshold: string }) => ({ zh: `预算执行率低于 ${threshold}% 须说明原因`, en: `execution rate < ${threshold}% → a reason is required` }),
  'zero-budget': () => ({ zh: '全年预算数为 0 时执行率无定义', en: 'rate undefined when 全年预算数 = 0' }),
  'score-exceeds-weight': () => ({ zh: '0 ≤ 得分 ≤ 分值', en: '0 ≤ 得分 ≤ 分值' }),
  'not-applicable-scored': ({ asDeclared }: { asDeclared: boolean }) =>
    asDeclared ? { zh: '不适用指标：分值 0，得分 0', en: '不适用: 分值 0 and 得分 0' } : { zh: '不适用指标：得分 0（分值按比例折算）', en: '不适用: 得分 0 (weights rescaled)' },
  'missing-deviation-reason': () => ({
    zh: '得分 < 分值 → 应填写偏差原因分析及改进措施（“无”“/”“—”不算原因）',
    en: '得分 < 分值 → 偏差原因分析及改进措施 filled (无, /, — are no reason)',
  }),
  'missing-actual': () => ({ zh: '实际完成值为必填项（*）：得分大于 0 的指标应填写实际完成值', en: '实际完成值 is required (*): a row scored above 0 states its actual' }),
  'unverifiable-indicator': () => ({ zh: '指标值与实际完成值应可比较', en: 'target and actual comparable' }),
  'unverifiable': () => ({
    zh: '单元格位置不确定的数字不作为判断依据：不据猜测报告问题',
    en: 'a figure whose placement carries a diagnostic is not judged: no finding is built on a guess',
  }),
  'no-weight-column': () => ({ zh: '无分值列的表（仅列目标与完成情况）无法核验得分，不评级', en: 'a form without a 分值 column (targets and results only) has no scores to verify and is not graded' }),
  'strict-target-at-bound': () => ({ zh: '严格不等式（> 或 <）的指标值须超过边界，恰在边界上严格说未达到', en: 'a strict target (> or <) is met beyond its bound, not at it' }),
  'large-over-achievement': ({ ratio }: { ratio: string }) => ({
    zh: `实际完成值 ≥ 指标值的 ${ratio} 倍：须说明超额原因，目标可能设定偏低`,
    en: `actual ≥ ${ratio} × target: the over-achievement must be explained, and the target may have been set too low`,
  }),
  'nonstandard-layout': ({ profile }: { profile: string }) => ({ zh: `${profile} 评分配置的标准分值结构`, en: `the ${profile} profile's standard layout` }),
  'level1-weight-mismatch': ({ folded }: { folded: boolean }) =>
    folded
      ? { zh: '一级指标下各指标分值之和 = 其标注分值（满意度计入效益）', en: 'Σ weights under a 一级 = its points; 满意度 inside 效益' }
      : { zh: '一级指标下各指标分值之和 = 其标注分值', en: 'Σ weights under a 一级 = its points' },
  'level2-weight-mismatch': () => ({ zh: '二级指标下各指标分值之和 = 其标注分值', en: 'Σ weights under a 二级 = its points' }),
  'duplicate-indicator': () => ({ zh: '同一（二级指标、三级指标、指标值）只应出现一次', en: 'one row per (二级, 三级, 指标值)' }),
  'total-weight-not-100': () => ({ zh: '有适用指标时，表中标注的总分分值应为 100', en: 'the declared 总分 weight = 100 when any row applies' }),
  'total-weight-mismatch': () => ({ zh: '总分分值 = 预算执行分值 + 各指标分值之和', en: '总分 weight = funds 分值 + Σ indicator weights' }),
  'total-score-mismatch': ({ asDeclared }: { asDeclared: boolean }) =>
    asDeclared
      ? { zh: '总分得分 = 预算执行得分 + 各指标得分之和', en: '总分 score = funds 得分 + Σ indicator scores' }
      : { zh: '总分得分 = (预算执行得分 + 适用指标得分之和) ÷ 适用分值之和 × 100', en: '总分 score = (funds 得分 + Σ applicable scores) ÷ Σ applicable weights × 100' },
  'grade-mismatch': () => ({ zh: '按申报总分评定的等级 = 按复核总分评定的等级', en: 'grade of the declared total = grade of the recomputed total' }),
  'printed-grade-mismatch': ({ bands }: { bands: string }) => ({
    zh: `表中填写的等级应与申报总分所在档次一致（${bands}）`,
    en: `a grade printed on the form matches the band of its declared total (${bands})`,
  }),
} as const satisfies { [C in Exclude<RuleCode, 'indicator-score-mismatch'>]: (values: never) => Text };

type StatedRule = keyof typeof RULE_STATEMENTS;

/** The rule a finding of this code applies, as its `rule` field states it. */
export function ruleStatement<C extends StatedRule>(code: C, ...values: Parameters<(typeof RULE_STATEMENTS)[C]>): Text {
  const parameters = values[0] as Record<string, unknown> | undefined;
  // A statement is the same text for every finding of its rule with the same parameter (each takes one at most, a
  // flag or a figure of the profile's): written once, shared (and frozen, so that its rule reference is too).
  let value: unknown = undefined;
  if (parameters !== undefined) {
    let count = 0;
    for (const key in parameters) {
      value = parameters[key];
      count++;
    }
    if (count !== 1 || (typeof value !== 'boolean' && typeof value !== 'string')) return (RULE_STATEMENTS[code] as (...args: typeof values) => Text)(...values);
  }
  let byValue = STATEMENTS.get(code);
  if (byValue === undefined) STATEMENTS.set(code, (byValue = new RememberedMap<unknown, Text>(64)));
  let statement = byValue.get(value);
  if (statement === undefined) {
    statement = Object.freeze((RULE_STATEMENTS[code] as (...args: typeof values) => Text)(...values));
    // Parameters come from the profiles in use, a few; the bound keeps a stream of made-up ones from growing it.
    byValue.set(value, statement);
  }
  return statement;
}

/** Statements already written, by rule and parameter value (undefined for a rule without one). */
const STATEMENTS = new Map<StatedRule, Map<unknown, Text>>();

const SOURCE_TAG = /\[[^\]]+\]/g;

/** The documents a rule's source tags name (`[MoF][vendor]` → two documents), in the order written. */
export function ruleSources(tags: string, articles: Rule['articles'] = undefined): RuleSource[] {
  const found: RuleSource[] = [];
  for (const tag of tags.match(SOURCE_TAG) ?? []) {
    if (!(tag in RULE_SOURCE_DOCUMENTS)) continue;
    const document: RuleSourceDocument = RULE_SOURCE_DOCUMENTS[tag as RuleSourceTag];
    if (found.some((source) => source.tag === tag)) continue;
    const article = articles?.[tag];
    found.push({
      tag,
      zh: document.zh,
      en: document.en,
      article: article?.zh ?? document.article,
      articleEn: article?.en ?? document.articleEn,
      fromMemory: document.fromMemory,
    });
  }
  return found;
}

/** One source of a rule as a finding carries it. */
export interface RuleSource {
  tag: string;
  zh: string;
  en: string;
  article: string | null;
  articleEn: string | null;
  fromMemory: boolean;
}

/** A rule as a finding states it: the statement applied (the profile's variant) and, where it differs from the catalogue's, its own source tags. */
export interface StatedRuleText extends Text {
  /** Source tags of this statement when they are not the code's (a scoring rule of practice under indicator-score-mismatch). */
  tags?: string;
}

/** A finding's `rule` field: the code, the statement in both languages, and the documents it comes from. */
export function ruleReference(code: RuleCode, statement: StatedRuleText): RuleReference {
  // A shared statement (frozen: a rule's statement, a scoring rule) has one reference, shared by its findings.
  if (!Object.isFrozen(statement)) return newRuleReference(code, statement);
  const known = REFERENCES.get(statement);
  if (known !== undefined && known.code === code) return known;
  const reference = newRuleReference(code, statement);
  REFERENCES.set(statement, reference);
  return reference;
}

type RuleReference = { code: RuleCode; zh: string; en: string; source: RuleSource[] };

/** The reference each statement text was last given, by the text's object. */
const REFERENCES = new WeakMap<StatedRuleText, RuleReference>();

function newRuleReference(code: RuleCode, statement: StatedRuleText): RuleReference {
  const rule = ruleFor(code);
  const tags = statement.tags ?? rule.source;
  // A rule's sources are the same for every finding of it: made once per code and tags, and shared.
  let byTags = SOURCES_OF.get(code);
  if (byTags === undefined) SOURCES_OF.set(code, (byTags = new Map()));
  let source = byTags.get(tags);
  if (source === undefined) byTags.set(tags, (source = ruleSources(tags, rule.articles)));
  return { code, zh: statement.zh, en: statement.en, source };
}

const SOURCES_OF = new Map<RuleCode, Map<string, RuleSource[]>>();
