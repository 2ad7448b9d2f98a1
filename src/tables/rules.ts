/**
 * The checker's rules as data: one row per finding code, with its default
 * severity, where the rule comes from (domain primer §4) and its statement in
 * Chinese and English:
 * [MoF] 财预〔2020〕10号 and its form; [2021] 财预〔2021〕101号; [legacy] an older
 * form's filling notes; [vendor] provincial budget-system auto-scoring; [seed]
 * the sample export's own conventions; [Hubei] the Hubei template's filling
 * notes; [Sichuan] the Sichuan self-evaluation template (tpl-sichuan-2023) and
 * the primer's §5 on it; [practice] what a careful auditor applies where no
 * text spells it out (primer §4, last part: each such finding states its
 * reason); [jixiao] a consistency check of ours. A source marked "from
 * memory" was not read from a retrieved copy. The documents each tag names
 * are rule-sources.ts; every finding carries them in its `rule`. A profile
 * may override a severity (`severity` in the profile JSON). The checker
 * applies these rules (src/check/rules.ts types each code against the
 * contract's finding codes); the catalogue reads their statements.
 */

export interface RuleEntry {
  code: string;
  severity: 'error' | 'warning' | 'info';
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
] as const satisfies readonly RuleEntry[];
