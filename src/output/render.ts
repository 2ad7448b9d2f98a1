/**
 * Writes a parsed document back as a clean export: the canonical 9-column
 * tab-separated layout, one form after another. Figures, targets, actuals
 * and goal texts keep their raw text, so parsing the result gives the same
 * document apart from source positions; a messy export goes in, a clean one
 * comes out. Merged labels are printed on the first row of their group.
 */
import type { Document, Figure, Form, FundsRow, Indicator, Measure, TextCell } from '../contract/schema.js';
import { stripHtml } from '../parse/text.js';
import { FUNDS_COLUMN_ZH, GOALS_FIELD_ZH, INDICATOR_COLUMN_ZH, LEVEL_ZH, PROJECT_FIELD_ZH, SECTION_ZH } from '../tables/finding-words.js';

const WIDTH = 9;

type Line = string[];

export function render(document: Document): string {
  return document.forms.map((form) => formLines(form).map(toLine).join('\n') + '\n').join('\n');
}

function formLines(form: Form): Line[] {
  return [
    ...(form.title !== null ? [[textCell(form.title)]] : []),
    ...headerLines(form.project),
    ...(form.funds ? fundsLines(form.funds.unit, form.funds.rows) : []),
    ...(form.goals.expected || form.goals.actual ? goalsLines(form.goals.expected, form.goals.actual) : []),
    ...(form.indicators.length > 0 ? indicatorLines(form.indicators) : []),
    ...(form.total ? [row([[0, SECTION_ZH.total], [6, rawCell(form.total.weight)], [7, rawCell(form.total.score)]])] : []),
  ];
}

function headerLines(project: Form['project']): Line[] {
  return [
    row([[0, PROJECT_FIELD_ZH.name], [1, textCell(project.name)], [4, PROJECT_FIELD_ZH.amount], [5, rawCell(project.amount)]]),
    row([[0, PROJECT_FIELD_ZH.department], [1, textCell(project.department)], [4, PROJECT_FIELD_ZH.implementer], [5, textCell(project.implementer)]]),
  ];
}

const { initialBudget, adjustedBudget, received, executed, weight, rate, score } = FUNDS_COLUMN_ZH;
const FUNDS_CAPTIONS = [initialBudget, adjustedBudget, executed, weight, rate, score];
/** With a 到位数 column (Hebei's template), after 全年预算数. */
const FUNDS_CAPTIONS_RECEIVED = [initialBudget, adjustedBudget, received, executed, weight, rate, score];

function fundsLines(unit: string, rows: readonly FundsRow[]): Line[] {
  const received = rows.some((r) => r.received != null);
  const captions = received ? FUNDS_CAPTIONS_RECEIVED : FUNDS_CAPTIONS;
  // A reason a row gives goes under a 偏差原因 column after the figures.
  const reasonColumn = rows.some((r) => r.reason != null) ? captions.length + 2 : null;
  const reasonCaption: [number, string][] = reasonColumn === null ? [] : [[reasonColumn, INDICATOR_COLUMN_ZH.deviation]];
  const header = row([[0, `项目资金（${unit}）`], ...captions.map((c, i) => [i + 2, c] as [number, string]), ...reasonCaption]);
  const body = rows.map((r) => {
    const figures = received
      ? [r.initialBudget, r.adjustedBudget, r.received ?? null, r.executed, r.weight, r.rate, r.score]
      : [r.initialBudget, r.adjustedBudget, r.executed, r.weight, r.rate, r.score];
    const reason: [number, string][] = reasonColumn === null || r.reason == null ? [] : [[reasonColumn, rawCell(r.reason)]];
    return row([[1, textCell(r.label)], ...figures.map((f, i) => [i + 2, rawCell(f)] as [number, string]), ...reason]);
  });
  return [header, ...body];
}

function goalsLines(expected: TextCell | null, actual: TextCell | null): Line[] {
  return [
    row([[0, '年度总体目标'], [1, GOALS_FIELD_ZH.expected], [4, GOALS_FIELD_ZH.actual]]),
    row([[1, rawCell(expected)], [4, rawCell(actual)]]),
  ];
}

const INDICATOR_HEADER = [
  '年度绩效指标',
  LEVEL_ZH.level1,
  LEVEL_ZH.level2,
  INDICATOR_COLUMN_ZH.name,
  INDICATOR_COLUMN_ZH.target,
  INDICATOR_COLUMN_ZH.actual,
  INDICATOR_COLUMN_ZH.weight,
  INDICATOR_COLUMN_ZH.score,
  // The template's full caption of the deviation column.
  '偏差原因分析及改进措施',
];

/** One row per indicator; a 一级 or 二级 label is printed on the first row of its group. */
function indicatorLines(indicators: readonly Indicator[]): Line[] {
  const lines: Line[] = [INDICATOR_HEADER];
  let previous: Indicator | null = null;
  for (const indicator of indicators) {
    const opensLevel1 = previous === null || previous.level1 !== indicator.level1;
    const opensLevel2 = opensLevel1 || previous!.level2 !== indicator.level2;
    lines.push(
      row([
        [1, opensLevel1 ? level1Label(indicator) : ''],
        [2, opensLevel2 ? level2Label(indicator) : ''],
        [3, textCell(indicator.name)],
        [4, rawCell(indicator.target)],
        [5, rawCell(indicator.actual)],
        [6, rawCell(indicator.weight)],
        [7, rawCell(indicator.score)],
        [8, textCell(indicator.deviation)],
      ]),
    );
    previous = indicator;
  }
  return lines;
}

function level1Label(indicator: Indicator): string {
  if (indicator.level1 === null) return '';
  return indicator.level1Points === null ? indicator.level1 : `${indicator.level1} (${indicator.level1Points}分)`;
}

function level2Label(indicator: Indicator): string {
  if (indicator.level2 === null) return '';
  return indicator.level2Points === undefined ? indicator.level2 : `${indicator.level2} (${indicator.level2Points}分)`;
}

function row(cells: readonly (readonly [number, string])[]): Line {
  const line: Line = new Array(WIDTH).fill('');
  for (const [column, text] of cells) line[column] = text;
  return line;
}

function toLine(cells: Line): string {
  return cells.join('\t');
}

// ---- cells ------------------------------------------------------------------------

/** A cell written from its raw text (figures, measures, goal texts): as it was, quoted only where it must be. */
function rawCell(value: Figure | Measure | TextCell | null): string {
  if (value === null) return '';
  return isQuotedCell(value.raw) ? value.raw : quoteIfNeeded(value.raw);
}

/**
 * A cell written from its cleaned text (names, labels, codes): text that the
 * parser would read differently (HTML-like or entity-like text) is written
 * with entities so it reads back as the same text.
 */
function textCell(text: string | null): string {
  if (text === null) return '';
  const safe = stripHtml(text) === text ? text : text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return quoteIfNeeded(safe);
}

function quoteIfNeeded(text: string): string {
  return /[\t\r\n]/.test(text) || text.startsWith('"') ? excelQuote(text) : text;
}

export function excelQuote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** `"…"` with every inner quote doubled: an Excel-quoted cell as the lexer reads it. */
function isQuotedCell(raw: string): boolean {
  if (raw.length < 2 || raw[0] !== '"' || raw[raw.length - 1] !== '"') return false;
  return !raw.slice(1, -1).replace(/""/g, '').includes('"');
}
