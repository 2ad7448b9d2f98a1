/**
 * The Chinese words of the finding and funds tables' values: the field a
 * finding disputes, the kind of a funds row, what a table row is, and the
 * sources a rule is written in. English keeps the codes themselves.
 */

/** The figure or part a finding names (`Finding.field`). */
export const FIELD_ZH: Readonly<Record<string, string>> = {
  'funds.initialBudget': '年初预算数',
  'funds.adjustedBudget': '全年预算数',
  'funds.received': '到位数',
  'funds.executed': '全年执行数',
  'funds.weight': '预算执行分值',
  'funds.rate': '执行率',
  'funds.score': '预算执行得分',
  'total.weight': '总分·分值',
  'total.score': '总分·得分',
  level1Points: '一级指标分值',
  name: '三级指标',
  target: '年度指标值',
  actual: '实际完成值',
  weight: '分值',
  score: '得分',
  deviation: '偏差原因',
  funds: '项目资金',
  indicators: '绩效指标',
  total: '总分',
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

