/**
 * The one table of the Chinese names of fields: the funds and indicator
 * columns, the parts of a form, the field a finding disputes, the kind of a
 * funds row and what a table row is. English keeps the field names
 * themselves (`adjustedBudget`, `funds.rate`).
 */

/** The funds columns by field name, as a funds header captions them. */
export const FUNDS_COLUMN_ZH = {
  initialBudget: '年初预算数',
  adjustedBudget: '全年预算数',
  received: '到位数',
  executed: '全年执行数',
  weight: '分值',
  rate: '执行率',
  score: '得分',
} as const satisfies Readonly<Record<string, string>>;

/** The indicator columns by field name (the parts of a target as the 指标性质 and 度量单位 columns name them). */
export const INDICATOR_COLUMN_ZH = {
  name: '三级指标',
  targetOp: '指标性质',
  target: '年度指标值',
  targetUnit: '度量单位',
  actual: '实际完成值',
  weight: '分值',
  score: '得分',
  deviation: '偏差原因',
} as const satisfies Readonly<Record<string, string>>;

/** The project block's fields (`Form.project`), as a form captions them. */
export const PROJECT_FIELD_ZH = { name: '项目名称', amount: '项目金额', department: '主管部门', implementer: '实施单位' } as const satisfies Readonly<Record<string, string>>;

/** The overall goals (`Form.goals`), as a form captions them. */
export const GOALS_FIELD_ZH = { expected: '预期目标', actual: '实际完成情况' } as const satisfies Readonly<Record<string, string>>;

/** An indicator's levels (`Indicator.level1`, `level2`), as the indicator header captions them. */
export const LEVEL_ZH = { level1: '一级指标', level2: '二级指标' } as const satisfies Readonly<Record<string, string>>;

/** The figures the checker adds to a form (`Form.summary`, `Indicator.recomputedScore`), as the outputs head them. */
export const CHECKED_FIELD_ZH = {
  declaredTotal: '申报总分',
  recomputedTotal: '复核总分',
  declaredGrade: '申报等级',
  recomputedGrade: '复核等级',
  recomputedScore: '复核得分',
} as const satisfies Readonly<Record<string, string>>;

/** The parts of a form. */
export const SECTION_ZH = { funds: '项目资金', indicators: '绩效指标', total: '总分' } as const satisfies Readonly<Record<string, string>>;

/** The figure or part a finding names (`Finding.field`). */
export const FIELD_ZH: Readonly<Record<string, string>> = {
  'funds.initialBudget': FUNDS_COLUMN_ZH.initialBudget,
  'funds.adjustedBudget': FUNDS_COLUMN_ZH.adjustedBudget,
  'funds.received': FUNDS_COLUMN_ZH.received,
  'funds.executed': FUNDS_COLUMN_ZH.executed,
  'funds.weight': '预算执行分值',
  'funds.rate': FUNDS_COLUMN_ZH.rate,
  'funds.score': '预算执行得分',
  'funds.reason': INDICATOR_COLUMN_ZH.deviation,
  'total.weight': '总分·分值',
  'total.score': '总分·得分',
  level1Points: '一级指标分值',
  level2Points: '二级指标分值',
  name: INDICATOR_COLUMN_ZH.name,
  target: INDICATOR_COLUMN_ZH.target,
  actual: INDICATOR_COLUMN_ZH.actual,
  weight: INDICATOR_COLUMN_ZH.weight,
  score: INDICATOR_COLUMN_ZH.score,
  deviation: INDICATOR_COLUMN_ZH.deviation,
  ...SECTION_ZH,
  grade: '等级',
};

/** A funds row's kind (`FundsRow.kind`). */
export const FUNDS_KIND_ZH: Readonly<Record<string, string>> = {
  total: '年度资金总额',
  fiscal: '财政拨款',
  carryover: '上年结转',
  other: '其他资金',
  unknown: '未识别',
};

/** What a row of the findings table is. */
export const ROW_KIND_ZH: Readonly<Record<'finding' | 'diagnostic', string>> = { finding: '复核发现', diagnostic: '读取提示' };

