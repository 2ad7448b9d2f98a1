/**
 * The checker's rules: one row per finding code, with its default severity and
 * where the rule comes from (domain primer §4):
 * [MoF] 财预〔2020〕10号 and its form; [2021] 财预〔2021〕101号; [legacy] an older
 * form's filling notes; [vendor] provincial budget-system auto-scoring; [seed]
 * the sample export's own conventions; [Hubei] the Hubei template's filling
 * notes; [Sichuan] the Sichuan self-evaluation template (tpl-sichuan-2023) and
 * the primer's §5 on it; [practice] what a careful auditor applies where no
 * text spells it out (primer §4, last part: each such finding states its
 * reason); [jixiao] a consistency check of ours. A source marked "from
 * memory" was not read from a retrieved copy. The documents each tag names
 * are src/tables/rule-sources.ts; every finding carries them in its `rule`.
 * A profile may override a severity (`severity` in the profile JSON).
 * Below the table, each finding's message: its words, filled from the values
 * the checker passes.
 */
import type { FindingCode } from '../contract/codes.js';
import type { Severity } from '../contract/schema.js';
import type { Text } from './score.js';
import { RULE_SOURCE_DOCUMENTS, type RuleSourceDocument, type RuleSourceTag } from '../tables/rule-sources.js';
import { FUNDS_COLUMN_ZH, SECTION_ZH } from '../tables/finding-words.js';

export interface Rule {
  code: FindingCode;
  severity: Severity;
  /** One or more source tags, concatenated: '[MoF][vendor]'. */
  source: string;
  description: { zh: string; en: string };
  /** Why the severity or scope is what it is, where that is a choice. */
  note?: string;
  /** The article of a source document this rule rests on, by source tag, where it is narrower than the document's (rule-sources.ts). */
  articles?: Readonly<Record<string, { zh: string; en: string }>>;
}

/** Articles of 财预〔2020〕10号 the rules rest on (cited from memory, as the document's entry says). */
const MOF_SCORING = { '[MoF]': { zh: '第十七条：定量指标按完成值与指标值的比例记分，定性指标分三档记分', en: 'article 17: quantitative indicators scored in proportion, qualitative ones in three bands' } };
const MOF_WEIGHTS = { '[MoF]': { zh: '第十六条：预算执行率与各一级指标的权重，总分由各项指标得分汇总形成', en: 'article 16: weights of the execution rate and of each 一级; the total is the sum of the scores' } };
const MOF_GRADES = { '[MoF]': { zh: '第二十六条：评价等级 优（90 分及以上）、良（80–90）、中（60–80）、差（60 分以下）', en: 'article 26: grades 优 (90 and above), 良 (80–90), 中 (60–80), 差 (below 60)' } };

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
    note:
      'Sums respect nesting, read from the labels: a 其中 row right under another 其中 row is its breakdown, summed into it ' +
      '(only when it has two parts or more: one 其中 part may be partial), not into 年度资金总额. Where the labels leave the ' +
      'nesting open (其中：中央资金 then 其中：省级资金 side by side; a row without 其中 after a breakdown) every reading is ' +
      'tried: none reported when one adds up, else the reading with the fewest mismatches and the smallest differences.',
  },
  {
    code: 'score-exceeds-weight',
    severity: 'error',
    source: '[MoF][vendor]',
    description: {
      zh: '指标得分高于分值或为负数',
      en: 'An indicator score is above its weight, or negative',
    },
    note:
      'Where the rule gives the row its full weight, a score above it is this one fact: no indicator-score-mismatch is ' +
      'told beside it. Where the rule gives less, both are told (the score is above the weight and above what the rule gives).',
  },
  {
    code: 'indicator-score-mismatch',
    articles: MOF_SCORING,
    severity: 'error',
    source: '[MoF][legacy][vendor][seed][practice]',
    description: {
      zh: '指标得分与按指标值、实际完成值和评分规则计算的得分不符',
      en: 'An indicator score differs from the one its target, actual and the profile\'s formula give',
    },
    note:
      'Lowered to a warning when the declared score is within one rounding step of the recomputed one. Besides the formulas of ' +
      'the sources, the scoring reads what an auditor reads [practice]: per-unit targets (≤800元/人) against an actual in the same ' +
      'unit, a fraction as a percent (19/20 = 95 %), a bare figure whose scale is certain, ranked scales (优>良>中>差 …), ' +
      'deadlines without a year in the form\'s year, and an actual restating its target as met.',
  },
  {
    code: 'unverifiable',
    severity: 'info',
    source: '[jixiao]',
    description: {
      zh: '判断所依据的数字位置不确定（读取时有诊断），未据此报告问题',
      en: 'A check withheld: the figure it rests on was placed with a diagnostic',
    },
    note:
      'Stands in for the warnings and errors a line would otherwise get when that line carries a placement diagnostic ' +
      '(PLACEMENT_DIAGNOSTICS in src/tables/checking.ts); one per line, naming the withheld codes. A 一级 sum is withheld only ' +
      'when some other reading the ambiguous-hierarchy diagnostic offers would make it add up. A 总分 row read with a weight ' +
      'other than 100 and no score holds one figure that may be the score: its weight findings are withheld too. A figure ' +
      'that is no number (invalid-number: 十, 5.0.0) withholds the sums it belongs to (its 一级, the totals, the grade), not its line.',
  },
  {
    code: 'no-weight-column',
    severity: 'info',
    source: '[jixiao]',
    description: {
      zh: '表中没有分值列（仅列目标与完成情况）：得分未核验，不评级',
      en: 'The form has no 分值 column (targets and results only): scores not verified, no grade',
    },
    note: 'One note for the form instead of one unverifiable-indicator per row.',
  },
  {
    code: 'missing-actual',
    articles: MOF_SCORING,
    severity: 'warning',
    source: '[MoF][practice]',
    description: {
      zh: '实际完成值为空，但指标得分大于 0',
      en: 'The 实际完成值 is blank but the row scores above 0',
    },
    note: 'The template marks 实际完成值 required (*): a score with no actual behind it cannot be verified and should not stand.',
  },
  {
    code: 'printed-grade-mismatch',
    articles: MOF_GRADES,
    severity: 'error',
    source: '[MoF][practice]',
    description: {
      zh: '表中填写的评价等级与申报总分所在档次不符',
      en: 'The grade printed on the form is not the band of its declared total',
    },
    note: 'Read from a grade word (优/良/中/差) beside the total or in a cell of its own, which the reader reports as an unplaced cell.',
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
      zh: '得分低于分值，但未填写偏差原因分析及改进措施（“无”“/”“—”不算原因）',
      en: 'The score is below the weight but 偏差原因分析及改进措施 is empty (无, /, — are no reason)',
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
    code: 'level2-weight-mismatch',
    severity: 'warning',
    source: '[vendor]',
    description: {
      zh: '二级指标下各指标分值之和与其标注分值不符',
      en: 'The weights under a 二级 indicator do not add up to its declared points',
    },
    note:
      'Only where the form prints a 二级 label with its points (数量指标(10分)): the rows of that group, as read, against them. ' +
      'A group whose rows are all 不适用 or carry no 分值 is not checked; a group whose rows were placed with a diagnostic is withheld.',
  },
  {
    code: 'total-weight-mismatch',
    articles: MOF_WEIGHTS,
    severity: 'error',
    source: '[MoF][vendor]',
    description: {
      zh: '总分的分值应等于 预算执行分值 + 各指标分值之和',
      en: 'The 总分 weight should equal the funds weight plus all indicator weights',
    },
  },
  {
    code: 'total-score-mismatch',
    articles: MOF_WEIGHTS,
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
    note:
      'Raised where it happens, whatever the profile\'s zeroBudget choice: spending needs a budget. A source row holding the ' +
      'same figures as 年度资金总额 (its only source) repeats the total\'s fact and is not reported again.',
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
      'Only under a profile with executionReasonBelow (sichuan). The form\'s own reason is read first: a funds row\'s reason ' +
      '(a 偏差原因 / 原因说明 column, a reason caption at the end of the row or on a line of its own), a text cell on the funds ' +
      'block\'s lines that the reader reports as unplaced, or a labelled line right after the block (原因分析：…); one that says ' +
      'more than 无, / or — is a reason, and then nothing is raised.',
  },
  {
    code: 'total-weight-not-100',
    articles: MOF_WEIGHTS,
    severity: 'warning',
    source: '[MoF][vendor]',
    description: {
      zh: '表中有适用指标，但总分的分值不是 100',
      en: 'The form has applicable rows but its 总分 weight is not 100',
    },
    note:
      'Speaks only of a declared 总分 weight, never of a sum jixiao made. A suspended form (every row 不适用) is not checked. ' +
      'Not told again where total-weight-mismatch already gives 100 as the sum of the parts (one fact, one finding).',
  },
  {
    code: 'grade-mismatch',
    articles: MOF_GRADES,
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
      zh: '实际完成值远超指标值（不低于评分口径中的倍数，默认 2 倍）',
      en: 'An actual far above its target (at least the profile\'s ratio, 2× by default)',
    },
    note:
      'The MoF rules ask for the reasons of a target far exceeded and let the evaluator mark it down (target set too low); ' +
      'cited from memory of 财预〔2020〕10号, not from a retrieved copy. The ratio is overAchievementRatio in the profile. ' +
      'Not raised where the row\'s 偏差原因 gives a reason (not 无, /, —): the explanation asked for is there.',
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
      zh: '表的分值结构（满意度是否计入效益、各一级分值）与评分口径的标准不同',
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
  'zero-budget': (_: Record<string, never>): Text => ({ zh: '全年预算数为 0，执行率无定义', en: '全年预算数 is 0: the execution rate is undefined' }),
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
  return (RULE_STATEMENTS[code] as (...args: typeof values) => Text)(...values);
}

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
export function ruleReference(code: RuleCode, statement: StatedRuleText): { code: RuleCode; zh: string; en: string; source: RuleSource[] } {
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
