/**
 * The fixed labels of a self-evaluation form and their spellings across
 * templates. The lexer builds one token per entry; spaces between characters,
 * a leading `*`, a trailing colon and full-width brackets are tolerated by the
 * pattern builder, so only genuinely different wordings are listed here.
 */
import { foldWidth } from './width.js';
import { FUNDS_COLUMN_LABELS, FUNDS_ROW_LABELS } from './templates.js';

// The tables of each section's captions and row labels live in templates.ts; read them from there.
export * from './templates.js';

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
  // Every funds caption of the templates but the shared 分值 · 权重 · 得分, which decide no row kind by themselves.
  { key: 'fundsColumn', variants: FUNDS_COLUMN_LABELS },
  { key: 'fundsTotal', rowKind: 'funds', variants: FUNDS_ROW_LABELS.total },
  { key: 'fundsFiscal', rowKind: 'funds', variants: FUNDS_ROW_LABELS.fiscal },
  { key: 'fundsCarryover', rowKind: 'funds', variants: FUNDS_ROW_LABELS.carryover },
  { key: 'fundsOther', rowKind: 'funds', variants: FUNDS_ROW_LABELS.other },
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
const TITLE_PATTERN = /(自[评評]表|[绩績]效.{0,12}表|[评評][价價]表)/;

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
export const PAGE_MARKER = /第 *\d+ *[页頁](?: *[,/]? *共 *\d+ *[页頁])?|- *\d+ *-/;
/** A cell that is a page line: a page marker, or a bare "2/5". */
const PAGE_PATTERN = new RegExp(`^(?:${PAGE_MARKER.source}|\\d+ *\\/ *\\d+)$`);

/** Whether a text can hold a title at all: every title pattern names its 表. A cheap test before splitting a line into cells. */
export function mayHoldTitle(text: string): boolean {
  return text.indexOf(TITLE_MARK_CHARACTER) >= 0;
}

/** The one character every title holds (`表` of 自评表). */
export const TITLE_MARK_CHARACTER = '表';

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
  if (cells.length !== 2) return false;
  const first = cells[0];
  const second = cells[1];
  // Each cell tested in place: a row is read for this once per row of every form.
  return (title(first) || title(second)) && (title(first) || year(first)) && (title(second) || year(second));
}


/** Funds row label key → the row's kind in the output. */
export const FUNDS_ROW_KIND: Readonly<Partial<Record<LabelKey, 'total' | 'fiscal' | 'carryover' | 'other'>>> = {
  fundsTotal: 'total',
  fundsFiscal: 'fiscal',
  fundsCarryover: 'carryover',
  fundsOther: 'other',
};
