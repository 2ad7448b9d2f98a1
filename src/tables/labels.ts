/**
 * The fixed labels of a self-evaluation form and their spellings across
 * templates. The lexer builds one token per entry; spaces between characters,
 * a leading `*`, a trailing colon and full-width brackets are tolerated by the
 * pattern builder, so only genuinely different wordings are listed here.
 */
import { foldWidth } from './width.js';
import { textKeyed } from './text-keyed.js';

/** What a row is, decided by the first row-kind label it holds. */
export type RowKind =
  | 'title'
  | 'project'
  | 'department'
  | 'fundsHeader'
  | 'funds'
  | 'goals'
  | 'indicatorHeader'
  | 'total'
  | 'page'
  | 'data';

export type LabelKey =
  | 'projectName'
  | 'projectAmount'
  | 'department'
  | 'implementer'
  | 'fundsHeader'
  | 'fundsColumn'
  | 'fundsTotal'
  | 'fundsFiscal'
  | 'fundsCarryover'
  | 'fundsOther'
  | 'goalsHeader'
  | 'goalsExpected'
  | 'goalsActual'
  | 'indicatorHeader'
  | 'indicatorColumn'
  | 'total';

export interface LabelDefinition {
  key: LabelKey;
  /** Row kind this label gives its row; undefined when the label alone does not decide it. */
  rowKind?: RowKind;
  variants: readonly string[];
}

export const LABELS: readonly LabelDefinition[] = [
  { key: 'projectName', rowKind: 'project', variants: ['项目名称'] },
  { key: 'projectAmount', variants: ['项目金额', '项目总金额'] },
  { key: 'department', rowKind: 'department', variants: ['主管部门', '主管单位', '预算部门'] },
  { key: 'implementer', variants: ['实施单位', '项目实施单位'] },
  // `预算执行情况(10分)` heads the funds block in Sichuan's template; the unit suffix `(万元)` is accepted on every label.
  { key: 'fundsHeader', rowKind: 'fundsHeader', variants: ['项目资金', '预算执行情况'] },
  {
    key: 'fundsColumn',
    variants: [
      '年初预算数',
      '全年预算数',
      '全年执行数',
      '执行率',
      '年初预算',
      '调整后预算数',
      '调整后预算',
      '年度预算数',
      '预算执行数',
      '预算执行率',
      '全年预算',
      '全年执行',
      '执行数',
      '预算数',
      '到位数',
      '资金到位数',
      '实际到位数',
    ],
  },
  { key: 'fundsTotal', rowKind: 'funds', variants: ['年度资金总额', '年度财政资金总额', '财政资金总额', '当年资金总额', '资金总额', '总额'] },
  {
    key: 'fundsFiscal',
    rowKind: 'funds',
    variants: ['其中:当年财政拨款', '其中:本年财政拨款', '其中:财政拨款', '其中:财政资金', '当年财政拨款', '本年财政拨款', '财政拨款', '财政资金'],
  },
  { key: 'fundsCarryover', rowKind: 'funds', variants: ['上年结转资金', '上年结转', '上年结余结转'] },
  { key: 'fundsOther', rowKind: 'funds', variants: ['其他资金', '其它资金', '上级补助资金', '上级补助'] },
  { key: 'goalsHeader', rowKind: 'goals', variants: ['年度总体目标', '总体目标', '年度目标'] },
  { key: 'goalsExpected', rowKind: 'goals', variants: ['预期目标'] },
  { key: 'goalsActual', rowKind: 'goals', variants: ['实际完成情况', '年度目标完成情况', '目标完成情况'] },
  { key: 'indicatorHeader', rowKind: 'indicatorHeader', variants: ['年度绩效指标', '绩效指标', '年度绩效目标'] },
  {
    key: 'indicatorColumn',
    rowKind: 'indicatorHeader',
    variants: [
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '全年实际完成值',
      '指标值',
      '偏差原因分析及改进措施',
      '偏差原因分析',
      '未完成原因分析',
      '偏差原因',
    ],
  },
  { key: 'total', rowKind: 'total', variants: ['总分', '合计', '总计', '总得分', '自评总分', '自评得分'] },
];

/** Words in a title row: a row of one cell matching this is a form title. */
const TITLE_PATTERN = /(自评表|绩效.{0,12}表|评价表)/;

/**
 * The form's own title as most exports print it, with or without its year,
 * in width-folded text: the lexer reads it as one token. Every such title is
 * also a title text (TITLE_PATTERN), which reads other wordings too.
 */
export const FORM_TITLE = /(?:\d{4} ?年度? ?)?项目支出绩效自评表(?: ?\( ?\d{4} ?年度? ?\))?/;

/** Longest cell read as a title: a longer one is a sentence that mentions the form. */
const MAX_TITLE_LENGTH = 60;

/** A title's year on a line of its own under the title: `（2022年度）`. */
const YEAR_LINE_PATTERN = /^[(（]\s*\d{4}\s*年度?\s*[)）]$/;

/**
 * The page marker of a printed or converted export, in width-folded text:
 * "第 2 页", "第2页 共5页", "- 2 -". The lexer reads it as one token.
 */
export const PAGE_MARKER = /第 *\d+ *页(?: *[,/]? *共 *\d+ *页)?|- *\d+ *-/;
/** A cell that is a page line: a page marker, or a bare "2/5". */
const PAGE_PATTERN = new RegExp(`^(?:${PAGE_MARKER.source}|\\d+ *\\/ *\\d+)$`);

/** Whether a text can hold a title at all: every title pattern names its 表. A cheap test before splitting a line into cells. */
export function mayHoldTitle(text: string): boolean {
  return text.indexOf('表') >= 0;
}

/** A cell's text that names the form: `项目支出绩效自评表`, `2023年度项目绩效自评表`. */
export function isTitleText(text: string): boolean {
  return text.length <= MAX_TITLE_LENGTH && TITLE_PATTERN.test(text);
}

/** A cell's text that is the year printed under a title: `（2022年度）`. */
export function isYearText(text: string): boolean {
  return YEAR_LINE_PATTERN.test(text);
}

/** A cell's text that is a page line: `第 2 页`, `- 2 -`, `2/5`. */
export function isPageText(text: string): boolean {
  return PAGE_PATTERN.test(foldWidth(text));
}

/**
 * Whether the non-empty cells of a row make a title row: one title (or year)
 * cell, or a title and its year in two cells (`项目支出绩效自评表 | （2023年度）`).
 * `title` and `year` test one cell; the lexer reads lines, the rows stage typed cells.
 */
export function isTitleRow<T>(cells: readonly T[], title: (cell: T) => boolean, year: (cell: T) => boolean): boolean {
  if (cells.length === 1) return title(cells[0]) || year(cells[0]);
  return cells.length === 2 && cells.some(title) && cells.every((c) => title(c) || year(c));
}

export type FundsField = 'initialBudget' | 'adjustedBudget' | 'received' | 'executed' | 'weight' | 'rate' | 'score';

/** Funds header captions → the field their column holds. */
export const FUNDS_COLUMNS: Readonly<Record<string, FundsField>> = textKeyed({
  年初预算数: 'initialBudget',
  年初预算: 'initialBudget',
  全年预算数: 'adjustedBudget',
  全年预算: 'adjustedBudget',
  调整后预算数: 'adjustedBudget',
  调整后预算: 'adjustedBudget',
  年度预算数: 'adjustedBudget',
  // Hebei and Hubei: 预算数 is the year's (adjusted) budget, 到位数 the money received.
  预算数: 'adjustedBudget',
  到位数: 'received',
  资金到位数: 'received',
  实际到位数: 'received',
  全年执行数: 'executed',
  全年执行: 'executed',
  预算执行数: 'executed',
  执行数: 'executed',
  分值: 'weight',
  权重: 'weight',
  执行率: 'rate',
  预算执行率: 'rate',
  得分: 'score',
});

/** What an indicator header column holds; 性质 and 单位 are the parts of a target split over three columns (Sichuan). */
export type IndicatorColumn = 'level1' | 'level2' | 'name' | 'targetOp' | 'target' | 'targetUnit' | 'actual' | 'weight' | 'score' | 'deviation';

/** Indicator header captions (as `captionKey` spells them) → the field their column holds. */
export const INDICATOR_COLUMNS: Readonly<Record<string, IndicatorColumn>> = textKeyed({
  一级指标: 'level1',
  一级: 'level1',
  二级指标: 'level2',
  二级: 'level2',
  三级指标: 'name',
  三级: 'name',
  指标名称: 'name',
  年度指标值: 'target',
  指标值: 'target',
  目标值: 'target',
  年度目标值: 'target',
  预期指标值: 'target',
  指标性质: 'targetOp',
  指标方向: 'targetOp',
  度量单位: 'targetUnit',
  计量单位: 'targetUnit',
  单位: 'targetUnit',
  实际完成值: 'actual',
  全年实际完成值: 'actual',
  实际值: 'actual',
  完成值: 'actual',
  实际完成指标值: 'actual',
  分值: 'weight',
  权重: 'weight',
  指标分值: 'weight',
  得分: 'score',
  自评得分: 'score',
  评分: 'score',
  偏差原因分析及改进措施: 'deviation',
  偏差原因分析: 'deviation',
  未完成原因分析: 'deviation',
  偏差原因: 'deviation',
  偏差原因及改进措施: 'deviation',
  未完成原因及改进措施: 'deviation',
  备注: 'deviation',
});

/** Words of a 指标性质 column → the comparator they give the joined target (正向 ≥, 反向 ≤; 定性 none). */
export const TARGET_NATURE_WORDS: Readonly<Record<string, '>=' | '<=' | '>' | '<' | '=' | null>> = textKeyed({
  正向: '>=',
  正向指标: '>=',
  反向: '<=',
  反向指标: '<=',
  定性: null,
  定量: null,
});

/** Funds row label key → the row's kind in the output. */
export const FUNDS_ROW_KIND: Readonly<Partial<Record<LabelKey, 'total' | 'fiscal' | 'carryover' | 'other'>>> = {
  fundsTotal: 'total',
  fundsFiscal: 'fiscal',
  fundsCarryover: 'carryover',
  fundsOther: 'other',
};

/**
 * Funds rows the lexer leaves as text (a word too common to be a label
 * anywhere in a form), known by their whole label inside the funds block.
 */
export const FUNDS_ROW_TEXT_KIND: Readonly<Record<string, 'total' | 'fiscal' | 'carryover' | 'other'>> = textKeyed({
  其他: 'other',
  其它: 'other',
});

/**
 * Words that say a row's own label names money (`2、政府性基金`, `(一)财政拨款小计`,
 * `自治区补助`, `单位资金`): inside the funds block, such a label followed by
 * figures alone is one more funds row, however few figures it carries.
 */
export const FUNDS_ROW_WORDS = /资金|拨款|预算|收入|补助|基金|小计|经费|总额|结转|结余/;

/**
 * Labels of a 合计/总计 row: inside the funds block it is the block's total
 * row (kind total when the block has no 年度资金总额), after it the form's 总分.
 */
export const SUM_ROW_LABELS: ReadonlySet<string> = new Set(['合计', '总计']);

/** Total-row labels whose single figure is the declared score (a 自评得分 printed in the header block). */
export const SCORE_ONLY_TOTAL_LABELS: ReadonlySet<string> = new Set(['自评得分', '自评总分', '总得分']);

const CAPTION_NOISE = /[*\s:]/g;
const CAPTION_SUFFIX = /(?:\((?:\d+(?:\.\d+)?分|亿元|万元|元|%)\))+$/;

/**
 * A caption as the column tables spell it: width-folded, without `*`, spaces,
 * colon or a points/unit suffix (`*分值`, `年度预算数（万元）` → `年度预算数`).
 */
export function captionKey(text: string): string {
  return foldWidth(text).replace(CAPTION_NOISE, '').replace(CAPTION_SUFFIX, '');
}

/** The points a caption declares: `预算执行情况（万元）（20分）` → `20`. */
export function captionPointsOf(text: string): string | null {
  const match = /\((\d+(?:\.\d+)?)分\)/.exec(foldWidth(text).replace(CAPTION_NOISE, ''));
  return match ? match[1] : null;
}

/** The unit a funds caption names: `项目资金（万元）`, `年度预算数(万元)` → 万元. */
export function fundsUnitOf(text: string): '元' | '万元' | '亿元' | null {
  const match = /\((亿元|万元|元)\)/.exec(foldWidth(text).replace(CAPTION_NOISE, ''));
  return match ? (match[1] as '元' | '万元' | '亿元') : null;
}
