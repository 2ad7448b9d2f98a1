/**
 * The checker's rules: one row per finding code, with its default severity and
 * where the rule comes from (domain primer §4):
 * [MoF] 财预〔2020〕10号 and its form; [2021] 财预〔2021〕101号; [legacy] an older
 * form's filling notes; [vendor] provincial budget-system auto-scoring; [seed]
 * the sample export's own conventions; [Hubei] the Hubei template's filling
 * notes; [Sichuan] the Sichuan self-evaluation template (tpl-sichuan-2023) and
 * the primer's §5 on it; [jixiao] a consistency check of ours. A source
 * marked "from memory" was not read from a retrieved copy.
 * A profile may override a severity (`severity` in the profile JSON).
 */
import type { Severity } from '../schema.js';

export type RuleSourceTag = '[MoF]' | '[2021]' | '[legacy]' | '[vendor]' | '[seed]' | '[Hubei]' | '[Sichuan]' | '[jixiao]';

export interface Rule {
  code: string;
  severity: Severity;
  /** One or more source tags, concatenated: '[MoF][vendor]'. */
  source: string;
  description: { zh: string; en: string };
  /** Why the severity or scope is what it is, where that is a choice. */
  note?: string;
}

export const RULES = [
  {
    code: 'missing-section',
    severity: 'error',
    source: '[MoF]',
    description: {
      zh: '表中缺少项目资金、绩效指标或总分部分',
      en: 'The form lacks its funds block, its indicators or its 总分 row',
    },
  },
  {
    code: 'execution-rate-mismatch',
    severity: 'warning',
    source: '[MoF][vendor][seed]',
    description: {
      zh: '执行率应为 全年执行数 ÷ 全年预算数（年度资金总额行，百分比保留两位小数）',
      en: 'Execution rate should be 全年执行数 ÷ 全年预算数 (年度资金总额 row, percent to 2 decimals)',
    },
    note:
      'Under rateRounding "either" a truncated rate is consistent but still reported (expected = the rounded rate), ' +
      'because the seed does both (88.21 rounded, 99.92 truncated). Never an error: the score check uses the exact rate.',
  },
  {
    code: 'execution-score-mismatch',
    severity: 'error',
    source: '[vendor][seed]',
    description: {
      zh: '预算执行得分应为 分值 × min(执行率, 100%)',
      en: 'Budget execution score should be 分值 × min(rate, 100%)',
    },
  },
  {
    code: 'zero-budget',
    severity: 'error',
    source: '[MoF][seed]',
    description: {
      zh: '全年预算数为 0，执行率无定义',
      en: '全年预算数 is 0: the execution rate is undefined',
    },
    note: 'Only raised by profiles with zeroBudget "error"; the seed shows 0.00% and 0.00 (zeroBudget "zero").',
  },
  {
    code: 'funds-sum-mismatch',
    severity: 'error',
    source: '[MoF]',
    description: {
      zh: '年度资金总额应等于 当年财政拨款 + 上年结转资金 + 其他资金（逐列）',
      en: '年度资金总额 should equal 当年财政拨款 + 上年结转资金 + 其他资金, column by column',
    },
  },
  {
    code: 'score-exceeds-weight',
    severity: 'error',
    source: '[MoF][vendor]',
    description: {
      zh: '指标得分高于分值或为负数',
      en: 'An indicator score is above its weight, or negative',
    },
  },
  {
    code: 'indicator-score-mismatch',
    severity: 'error',
    source: '[MoF][legacy][vendor][seed]',
    description: {
      zh: '指标得分与按指标值、实际完成值和评分规则计算的得分不符',
      en: 'An indicator score differs from the one its target, actual and the profile\'s formula give',
    },
    note: 'Lowered to a warning when the declared score is within one rounding step of the recomputed one.',
  },
  {
    code: 'unverifiable-indicator',
    severity: 'info',
    source: '[jixiao]',
    description: {
      zh: '指标值与实际完成值无法比较或无法解析，得分未核验',
      en: 'Target and actual are not comparable or not parseable: the score was not verified',
    },
  },
  {
    code: 'not-applicable-scored',
    severity: 'warning',
    source: '[seed][legacy]',
    description: {
      zh: '不适用的指标带有非零分值或得分',
      en: 'A not-applicable (不适用) indicator carries a non-zero weight or score',
    },
  },
  {
    code: 'missing-deviation-reason',
    severity: 'warning',
    source: '[vendor]',
    description: {
      zh: '得分低于分值，但未填写偏差原因分析及改进措施',
      en: 'The score is below the weight but 偏差原因分析及改进措施 is empty',
    },
    note:
      'Kept a warning in every built-in profile: on the seed it fires on 5 rows out of ~100 (lines 96, 123, 141, 201, 223), ' +
      'which is signal rather than noise. A profile can lower it with "severity": {"missing-deviation-reason": "info"}.',
  },
  {
    code: 'level1-weight-mismatch',
    severity: 'warning',
    source: '[vendor]',
    description: {
      zh: '一级指标下各指标分值之和与其标注分值不符',
      en: 'The weights under a 一级 indicator do not add up to its declared points',
    },
    note:
      'Satisfaction rows count inside 效益指标 when the profile says so, or (auto) when 满意度指标 has no points of its own ' +
      'and funds + declared 一级 points make 100. A 一级 whose rows are all 不适用 (a suspended project) is not checked.',
  },
  {
    code: 'total-weight-mismatch',
    severity: 'error',
    source: '[MoF][vendor]',
    description: {
      zh: '总分的分值应等于 预算执行分值 + 各指标分值之和',
      en: 'The 总分 weight should equal the funds weight plus all indicator weights',
    },
  },
  {
    code: 'total-score-mismatch',
    severity: 'error',
    source: '[MoF][vendor]',
    description: {
      zh: '总分的得分应等于 预算执行得分 + 各指标得分之和',
      en: 'The 总分 score should equal the funds score plus all indicator scores',
    },
  },
  {
    code: 'duplicate-indicator',
    severity: 'warning',
    source: '[seed]',
    description: {
      zh: '同一指标（二级指标、三级指标名称、指标值均相同）重复出现',
      en: 'The same indicator (same 二级, name and target) appears more than once',
    },
    note: 'One finding per repeated row after the first, on the repeat\'s own line.',
  },
  {
    code: 'zero-budget-spent',
    severity: 'error',
    source: '[MoF][jixiao]',
    description: {
      zh: '全年预算数为 0 却有执行数',
      en: 'Money spent against a 全年预算数 of 0',
    },
    note: 'Raised on every funds row where it happens, whatever the profile\'s zeroBudget choice: spending needs a budget.',
  },
  {
    code: 'execution-over-budget',
    severity: 'warning',
    source: '[MoF][vendor]',
    description: {
      zh: '全年执行数超过全年预算数',
      en: '全年执行数 above 全年预算数',
    },
    note: 'A warning: the score is capped at 分值 anyway (executionCap); spending above the adjusted budget needs explaining.',
  },
  {
    code: 'component-rate-mismatch',
    severity: 'warning',
    source: '[MoF][vendor]',
    description: {
      zh: '资金来源行（当年财政拨款、上年结转资金、其他资金）的执行率与其执行数 ÷ 预算数不符',
      en: 'A source row (当年财政拨款, 上年结转资金, 其他资金) declares a rate other than its 执行数 ÷ 预算数',
    },
    note:
      'Consistent when rounded, or truncated, as the profile\'s rateRounding allows (under "either" a truncated rate is not ' +
      'reported again on these rows); a warning, since these rows carry no score. A zero budget leaves the rate undefined: not checked.',
  },
  {
    code: 'execution-reason-required',
    severity: 'warning',
    source: '[Sichuan]',
    description: {
      zh: '预算执行率低于规定值（四川：90%），须说明原因',
      en: 'Execution rate below the profile\'s threshold (Sichuan: 90 %): a reason is required',
    },
    note:
      'Only under a profile with executionReasonBelow (sichuan). The form model has no cell for an execution reason, ' +
      'so the finding asks for one whenever the rate is below the threshold.',
  },
  {
    code: 'total-weight-not-100',
    severity: 'warning',
    source: '[MoF][vendor]',
    description: {
      zh: '表中有适用指标，但总分的分值不是 100',
      en: 'The form has applicable rows but its 总分 weight is not 100',
    },
    note: 'Read from the declared 总分 weight (or, when absent, the sum of the weights). A suspended form (every row 不适用) is not checked.',
  },
  {
    code: 'grade-mismatch',
    severity: 'error',
    source: '[MoF]',
    description: {
      zh: '按申报总分与按复核总分得出的评价等级不同（如 优 → 良）',
      en: 'The grade of the declared total differs from the grade of the recomputed one (优 → 良)',
    },
    note: 'An error whatever the size of the difference: the grade is what gets published.',
  },
  {
    code: 'large-over-achievement',
    severity: 'warning',
    source: '[MoF]',
    description: {
      zh: '实际完成值远超指标值（不低于档案中的倍数，默认 2 倍）',
      en: 'An actual far above its target (at least the profile\'s ratio, 2× by default)',
    },
    note:
      'The MoF rules ask for the reasons of a target far exceeded and let the evaluator mark it down (target set too low); ' +
      'cited from memory of 财预〔2020〕10号, not from a retrieved copy. The ratio is overAchievementRatio in the profile.',
  },
  {
    code: 'strict-target-at-bound',
    severity: 'warning',
    source: '[jixiao]',
    description: {
      zh: '严格不等式指标值（> 或 <）的实际完成值恰在边界上',
      en: 'A strict target (> or <) whose actual is exactly at the bound',
    },
    note: 'Scored as met (the sources score ≥ and > alike), but strictly the target is not reached.',
  },
  {
    code: 'nonstandard-layout',
    severity: 'info',
    source: '[MoF][2021][Hubei][Sichuan]',
    description: {
      zh: '表的分值结构（满意度是否计入效益、各一级分值）与档案的标准不同',
      en: 'The form\'s layout (satisfaction inside 效益 or not, points of each block) differs from the profile\'s standard',
    },
    note: 'The 一级 sums are checked against the layout the form itself uses; the profile\'s standard only gives this note.',
  },
] as const satisfies readonly Rule[];

export type RuleCode = (typeof RULES)[number]['code'];

export const RULE_CODES = RULES.map((rule) => rule.code) as [RuleCode, ...RuleCode[]];

const RULES_BY_CODE: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.code, rule]));

export function ruleFor(code: RuleCode): Rule {
  // Every RuleCode is in the table by construction.
  return RULES_BY_CODE.get(code)!;
}

/**
 * The scores of a reverse (≤) indicator whose actual exceeds its target, by
 * rule, with their sources. A profile accepts one or more (`reverseRule`).
 */
export const REVERSE_RULE_SOURCES: Readonly<Record<'inverse' | 'binary' | 'linear2x', { formula: string; source: string }>> = {
  inverse: {
    formula: '分值 × 指标值 ÷ 实际值',
    source:
      '[legacy] filling notes of a published 自评表 (biz.doczj.com/doc/174893555.html); [Hubei] template notes ' +
      '(反向指标 得分 = 权重 × A ÷ B, 得分不得突破权重); the national proportional principle of 财预〔2020〕10号 (from memory)',
  },
  binary: { formula: '0', source: '[seed] lines 141, 201, 223 declare 0 for an exceeded cost ceiling' },
  linear2x: { formula: '分值 × (2 − 实际值 ÷ 指标值), not below 0', source: '[vendor] public code of a provincial budget system' },
};
