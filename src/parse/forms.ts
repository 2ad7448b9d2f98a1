/**
 * Stage 4: rows → forms. The form grammar groups rows into forms and
 * sections; this module reads each section's cells into the output's fields
 * (header, funds, goals, total) and hands the indicator block, still as rows,
 * to the normalizer. Every cell is either used or reported.
 */
import { createTokenInstance } from 'chevrotain';
import { parseRowTokens, type FormPart, type PartKind } from '../../grammar/parser.js';
import { ROW_TOKEN_OF_KIND } from '../../grammar/tokens.js';
import {
  captionKey,
  captionPointsOf,
  FUNDS_COLUMNS,
  FUNDS_ROW_KIND,
  FUNDS_ROW_TEXT_KIND,
  fundsUnitOf,
  INDICATOR_COLUMNS,
  SCORE_ONLY_TOTAL_LABELS,
  SUM_ROW_LABELS,
  type FundsField,
} from '../tables/labels.js';
import type { Cell, Row } from './rows.js';
import type { Diagnostic, Figure, Form, FundsRow, Separator, TextCell, Total } from '../contract/schema.js';
import { normalizeNumber, toFigure, toMoneyFigure } from './values.js';
import { foldWidth } from './text.js';
import { CellLedger, unplaced } from './ledger.js';
import { Dec } from '../contract/decimal.js';
import { diagnostic } from '../catalogue/messages.js';

/** A form as the grammar found it: fields read, the indicator block still rows. */
export interface DraftForm extends Omit<Form, 'indicators' | 'findings' | 'summary'> {
  indicatorRows: Row[];
  ledger: CellLedger;
}

export interface FormsResult {
  forms: DraftForm[];
  diagnostics: Diagnostic[];
}

export function buildForms(rows: readonly Row[], file: string | null, encoding: string): FormsResult {
  const tokens = rows.map((row, i) => {
    const token = createTokenInstance(ROW_TOKEN_OF_KIND[row.kind], row.kind, i, i, row.line, row.line, 1, 1);
    token.payload = row;
    return token;
  });
  const outlines = parseRowTokens(tokens);
  const diagnostics: Diagnostic[] = outlines.errors.map((message) => diagnostic('grammar-error', { line: 0, column: 0 }, { parserMessage: message }));
  const forms: DraftForm[] = [];
  // Without recovery a grammar error leaves no forms: their rows are then reported, never dropped.
  if (!outlines.forms) return { forms: [], diagnostics: [...diagnostics, ...rows.flatMap((row) => row.cells.map((cell) => unplaced(cell, 'in rows the form grammar could not read')))] };
  for (const parts of outlines.forms) {
    const draft = readForm(rows, parts, file, encoding);
    if (draft) forms.push(draft);
    else for (const stray of strayRows(rows, parts)) diagnostics.push(stray);
  }
  return { forms, diagnostics };
}

// ---- a form's parts -------------------------------------------------------------

/** The rows of the form's parts of these kinds, in document order. */
function rowsOf(rows: readonly Row[], parts: readonly FormPart[], kinds: readonly PartKind[]): Row[] {
  return parts.filter((part) => kinds.includes(part.kind)).flatMap((part) => rows.slice(part.from, part.to));
}

const ALL_PARTS: readonly PartKind[] = ['header', 'funds', 'goals', 'indicators', 'total', 'title', 'page', 'data'];

function strayRows(rows: readonly Row[], parts: readonly FormPart[]): Diagnostic[] {
  return rowsOf(rows, parts, ALL_PARTS).flatMap((row) => row.cells.map((cell) => unplaced(cell, 'outside any form')));
}

// ---- one form -------------------------------------------------------------------

function readForm(rows: readonly Row[], parts: readonly FormPart[], file: string | null, encoding: string): DraftForm | null {
  const all = rowsOf(rows, parts, ALL_PARTS);
  const sections = {
    header: rowsOf(rows, parts, ['header']),
    funds: rowsOf(rows, parts, ['funds']),
    goals: rowsOf(rows, parts, ['goals']),
    indicators: rowsOf(rows, parts, ['indicators']),
    total: rowsOf(rows, parts, ['total']),
  };
  // Rows of the form's loose parts: titles, page lines and rows outside every section.
  const loose = rowsOf(rows, parts, ['title', 'page', 'data']);
  const hasContent = sections.header.length + sections.funds.length + sections.indicators.length + sections.total.length + sections.goals.length > 0;
  if (!hasContent) return null;

  const ledger = new CellLedger();
  const diagnostics: Diagnostic[] = [];
  for (const row of loose) {
    if (row.kind === 'title' || row.kind === 'page') row.cells.forEach((c) => ledger.label(c));
  }
  const separator = dominantSeparator(all);
  const headerScores: HeaderScore[] = [];
  const project = readHeader(sections.header, ledger, diagnostics, headerScores);
  const draft: DraftForm = {
    title: titleOf(all),
    source: { file, startLine: all[0].line, endLine: all[all.length - 1].line, encoding, separator },
    project,
    funds: readFunds(sections.funds, ledger, diagnostics),
    goals: readGoals(sections.goals, ledger, diagnostics),
    total: readTotal(sections.total, headerScores, pointsColumns(sections.indicators), ledger, diagnostics),
    indicatorRows: sections.indicators,
    diagnostics,
    ledger,
  };
  // Rows outside every section (other than titles and page lines) are reported cell by cell.
  for (const row of loose) {
    if (row.kind === 'data') row.cells.forEach((c) => diagnostics.push(unplaced(c, 'outside any section')));
  }
  return draft;
}

/** The form's title: its opening title rows joined, so a year printed under the title (`（2022年度）`) stays with it. */
function titleOf(rows: readonly Row[]): string | null {
  const opening: string[] = [];
  for (const row of rows) {
    if (row.kind !== 'title') break;
    // A title printed twice (a page header repeated) is one title; a title and its year in two cells are one line.
    const text = row.cells.map((cell) => cell.text).join('');
    if (opening[opening.length - 1] !== text) opening.push(text);
  }
  return opening.length > 0 ? opening.join('') : null;
}

function dominantSeparator(rows: readonly Row[]): Separator {
  const counts = new Map<Separator, number>();
  for (const row of rows) counts.set(row.separator, (counts.get(row.separator) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'tab';
}

// ---- header ---------------------------------------------------------------------

/** A 自评得分 printed beside the project's identity: the declared score, when the form has no 总分 row. */
interface HeaderScore {
  label: Cell;
  value: Cell;
}

function readHeader(rows: readonly Row[], ledger: CellLedger, diagnostics: Diagnostic[], scores: HeaderScore[]): Form['project'] {
  const project: Form['project'] = { name: null, amount: null, department: null, implementer: null };
  for (const row of rows) {
    const cells = row.cells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell.kind !== 'label') {
        diagnostics.push(unplaced(cell, 'in the project header'));
        continue;
      }
      ledger.label(cell);
      const value = cells[i + 1];
      if (!value || value.kind === 'label') continue;
      switch (cell.label) {
        case 'projectName':
          project.name = value.text;
          break;
        case 'department':
          project.department = value.text;
          break;
        case 'implementer':
          project.implementer = value.text;
          break;
        case 'projectAmount':
          project.amount = toFigure(value, '项目金额').value;
          break;
        case 'total':
          // Its figure is read (or reported) with the form's total.
          scores.push({ label: cell, value });
          i++;
          continue;
        default:
          continue;
      }
      ledger.field(value);
      i++;
    }
  }
  return project;
}

// ---- funds ------------------------------------------------------------------------

/** The canonical funds layout, left to right; 到位数 is placed only where a header shows it. */
const FUNDS_ORDER: readonly FundsField[] = ['initialBudget', 'adjustedBudget', 'executed', 'weight', 'rate', 'score'];

function readFunds(rows: readonly Row[], ledger: CellLedger, diagnostics: Diagnostic[]): Form['funds'] {
  if (rows.length === 0) return null;
  const headerRows = rows.filter((r) => r.kind === 'fundsHeader');
  let unit: '元' | '万元' | '亿元' | null = null;
  let points: { value: string; cell: Cell } | null = null;
  const columns = new Map<number, FundsField>();
  for (const headerRow of headerRows) {
    for (const cell of headerRow.cells) {
      unit = unit ?? fundsUnitOf(cell.text);
      const field = FUNDS_COLUMNS[captionKey(cell.text)];
      if (field) columns.set(cell.index, field);
      else if (cell.label === 'fundsHeader') {
        const declared = captionPointsOf(cell.text);
        if (declared && !points) points = { value: declared, cell };
      }
      if (field || cell.kind === 'label' || cell.kind === 'sharedColumn') ledger.label(cell);
      else diagnostics.push(unplaced(cell, 'in the funds header'));
    }
  }
  const bodyRows = rows.filter((row) => row.kind !== 'fundsHeader');
  const hasTotalRow = bodyRows.some((row) => row.cells[0]?.label === 'fundsTotal');
  const fundsRows = bodyRows.map((row) => readFundsRow(row, columns, hasTotalRow, headerRows.length > 0, unit, ledger, diagnostics));
  // `预算执行情况（万元）（20分）` with no 分值 column: the block's points are the total row's weight.
  const totalRow = fundsRows.find((r) => r.kind === 'total');
  if (points && totalRow && totalRow.weight === null && ![...columns.values()].includes('weight')) {
    totalRow.weight = { raw: points.value, value: points.value, line: points.cell.line, column: points.cell.column };
  }
  return { unit: unit ?? '元', line: (headerRows[0] ?? rows[0]).line, rows: fundsRows };
}

function fundsRowKind(labelCell: Cell, hasTotalRow: boolean): FundsRow['kind'] {
  if (labelCell.label === 'total') return SUM_ROW_LABELS.has(captionKey(labelCell.text)) && !hasTotalRow ? 'total' : 'unknown';
  if (labelCell.label) return FUNDS_ROW_KIND[labelCell.label] ?? 'unknown';
  return FUNDS_ROW_TEXT_KIND[captionKey(labelCell.text)] ?? 'unknown';
}

function readFundsRow(
  row: Row,
  columns: ReadonlyMap<number, FundsField>,
  hasTotalRow: boolean,
  hasHeader: boolean,
  unit: string | null,
  ledger: CellLedger,
  diagnostics: Diagnostic[],
): FundsRow {
  const [labelCell, ...values] = row.cells;
  ledger.label(labelCell);
  const result: FundsRow = {
    label: labelCell.text.replace(/\s+/g, ''),
    kind: fundsRowKind(labelCell, hasTotalRow),
    initialBudget: null,
    adjustedBudget: null,
    received: null,
    executed: null,
    weight: null,
    rate: null,
    score: null,
    line: row.line,
  };
  const assignment = assignFundsCells(values, columns);
  for (const [field, cell] of assignment.fields) {
    const converted = field === 'rate' || field === 'weight' || field === 'score' ? toFigure(cell, field) : toMoneyFigure(cell, field, unit);
    result[field] = converted.value;
    diagnostics.push(...converted.diagnostics);
    ledger.field(cell);
  }
  for (const cell of assignment.rest) diagnostics.push(unplaced(cell, 'in a funds row'));
  for (const { cell, candidates } of assignment.unmatched) diagnostics.push(fundsColumnUnmatched(cell, candidates, hasHeader));
  return result;
}

function fundsColumnUnmatched(cell: Cell, candidates: readonly FundsField[], hasHeader: boolean): Diagnostic {
  return diagnostic('funds-column-unmatched', cell, { text: cell.text, candidates: [...candidates], header: hasHeader });
}

export interface FundsAssignment {
  fields: [FundsField, Cell][];
  /** Cells that suit no field: reported as unplaced. */
  rest: Cell[];
  /** Cells that suit several fields, none for certain: reported, not read. */
  unmatched: { cell: Cell; candidates: FundsField[] }[];
}

const AMOUNTS: ReadonlySet<FundsField> = new Set(['initialBudget', 'adjustedBudget', 'received', 'executed']);

/**
 * How well a cell's kind suits a funds field: 0 when it cannot hold it. The
 * rate is the only percent; dashes and slashes mostly stand in for 分值 and
 * 得分 of the component rows; amounts are plain numbers.
 */
function fundsFit(field: FundsField, cell: Cell): number {
  switch (cell.kind) {
    case 'percent':
      return field === 'rate' ? 2 : 0;
    case 'number':
      return AMOUNTS.has(field) ? 2 : field === 'rate' ? 0 : 1;
    case 'quantity':
      return AMOUNTS.has(field) ? 1 : 0;
    case 'marker':
    case 'notApplicable':
      return field === 'weight' || field === 'score' ? 2 : 1;
    default:
      return 0;
  }
}

/** The most points a 分值 or 得分 can hold. */
const MAX_POINTS = new Dec(100);

/**
 * Whether a cell may stand under a caption. In its own column any fitting
 * kind will do, and a rate written without its `%` (`98.62`) stands under
 * 执行率; one column off only a sure fit: an amount under an amount, the
 * percent under 执行率, a marker or a figure of at most 100 under 分值/得分.
 */
function fitsUnderCaption(field: FundsField, cell: Cell, exact: boolean): boolean {
  if (exact) return fundsFit(field, cell) > 0 || (field === 'rate' && cell.kind === 'number');
  if (fundsFit(field, cell) === 2) return true;
  if (cell.kind !== 'number' || (field !== 'weight' && field !== 'score')) return false;
  const value = normalizeNumber(foldWidth(cell.text));
  return value !== null && new Dec(value).lte(MAX_POINTS);
}

/**
 * Which figure is which. By the header's columns: every cell under a caption
 * that suits it, in its own column (tab and pipe exports keep empty cells,
 * and space-aligned rows are placed under their captions by the rows stage)
 * or, for a row drifted by one column, all of them one column off. Otherwise
 * by kind, in the header's column order (see alignFunds): a cell whose field
 * every best match agrees on is read, the others are reported.
 */
export function assignFundsCells(values: readonly Cell[], columns: ReadonlyMap<number, FundsField>): FundsAssignment {
  if (columns.size === 0) return assignWithoutHeader(values);
  const byColumn = placeByColumns(values, columns);
  if (byColumn) return { fields: byColumn, rest: [], unmatched: [] };
  // The match recurses once per cell: a row far wider than any funds layout is matched on its first cells only.
  const aligned = alignFunds(values.slice(0, MAX_FUNDS_CELLS), fieldOrder(columns), columns);
  return values.length <= MAX_FUNDS_CELLS ? aligned : { ...aligned, rest: [...aligned.rest, ...values.slice(MAX_FUNDS_CELLS)] };
}

const MAX_FUNDS_CELLS = 32;

/**
 * A funds block without a header: the templates differ in which columns they
 * have (预算数 · 到位数 · 执行数, no 年初预算数, no 分值), so a figure's kind
 * tells its field only where one field takes that kind: the percent is the
 * rate. Every other figure is reported, not guessed.
 */
function assignWithoutHeader(values: readonly Cell[]): FundsAssignment {
  const percents = values.filter((cell) => cell.kind === 'percent');
  const fields: [FundsField, Cell][] = percents.length === 1 ? [['rate', percents[0]]] : [];
  const rest = values.filter((cell) => FUNDS_ORDER.every((field) => fundsFit(field, cell) === 0));
  const unmatched = values
    .filter((cell) => !fields.some(([, placed]) => placed === cell) && !rest.includes(cell))
    .map((cell) => ({ cell, candidates: FUNDS_ORDER.filter((field) => fundsFit(field, cell) > 0) }));
  return { fields, rest, unmatched };
}

/** The cells placed under the header's captions, in their columns or all one column off; null when neither fits every cell. */
function placeByColumns(values: readonly Cell[], columns: ReadonlyMap<number, FundsField>): [FundsField, Cell][] | null {
  if (values.length === 0 || columns.size === 0) return null;
  const at = (shift: number): [FundsField, Cell][] | null => {
    const pairs: [FundsField, Cell][] = [];
    const used = new Set<FundsField>();
    for (const cell of values) {
      const field = columns.get(cell.index + shift);
      if (!field || used.has(field) || !fitsUnderCaption(field, cell, shift === 0)) return null;
      used.add(field);
      pairs.push([field, cell]);
    }
    return pairs;
  };
  const exact = at(0);
  if (exact) return exact;
  // Only a complete row is read one column off: a row short of cells may as well have lost one.
  if (values.length !== new Set(columns.values()).size) return null;
  const drifted = [at(1), at(-1)].filter((p): p is [FundsField, Cell][] => p !== null);
  return drifted.length === 1 ? drifted[0] : null;
}

/** The header's fields in column order, with any of the canonical ones it lacks inserted where the canonical layout has them. */
function fieldOrder(columns: ReadonlyMap<number, FundsField>): FundsField[] {
  const order = [...new Set([...columns.entries()].sort((a, b) => a[0] - b[0]).map(([, field]) => field))];
  FUNDS_ORDER.forEach((field, k) => {
    if (order.includes(field)) return;
    const after = k === 0 ? -1 : order.indexOf(FUNDS_ORDER[k - 1]);
    order.splice(after + 1, 0, field);
  });
  return order;
}

const SKIPPED_CELL = -3;
/** A field the header does not show is a worse home than one it does. */
const ABSENT_FIELD = 1.5;
/** Enough best matches to tell a certain cell from an uncertain one; more are not kept. */
const MAX_MATCHES = 64;

/** One match: for each cell, the index of its field in the order, or -1 when it is left out. */
type Match = number[];

/** Whether every cell a match places stands within one column of its field's caption (fields the header lacks have none). */
function keepsColumns(match: Match, values: readonly Cell[], order: readonly FundsField[], columnOf: ReadonlyMap<FundsField, number>): boolean {
  return match.every((k, i) => {
    const column = k < 0 ? undefined : columnOf.get(order[k]);
    return column === undefined || Math.abs(column - values[i].index) <= 1;
  });
}

/**
 * The order-keeping matches of cells to fields with the best total fit. A
 * cell left out (it suits no field) costs more than any poor fit, so every
 * cell that can be placed is. Of the best matches, those that keep every
 * cell within a column of its caption are preferred. A cell is read when
 * they all give it the same field (or leave it out: then it is reported as
 * unplaced); when they disagree on it, it is reported with the fields it
 * might be.
 */
export function alignFunds(values: readonly Cell[], order: readonly FundsField[], columns: ReadonlyMap<number, FundsField>): FundsAssignment {
  const shown = new Set(columns.values());
  const columnOf = new Map([...columns.entries()].map(([column, field]) => [field, column] as [FundsField, number]));
  // The common case, a full row: every cell suits the field in its place.
  if (values.length === order.length && values.every((cell, i) => fundsFit(order[i], cell) > 0)) {
    return { fields: values.map((cell, i) => [order[i], cell] as [FundsField, Cell]), rest: [], unmatched: [] };
  }
  const penalty = (field: FundsField) => (shown.size >= 3 && !shown.has(field) ? ABSENT_FIELD : 0);
  const memo = new Map<number, { score: number; matches: Match[] }>();
  const best = (i: number, j: number): { score: number; matches: Match[] } => {
    if (i === values.length) return { score: 0, matches: [[]] };
    const key = i * 64 + j;
    const known = memo.get(key);
    if (known) return known;
    const skipped = best(i + 1, j);
    let score = SKIPPED_CELL + skipped.score;
    let matches: Match[] = skipped.matches.map((m) => [-1, ...m]);
    for (let k = j; k < order.length; k++) {
      const fit = fundsFit(order[k], values[i]);
      if (fit === 0) continue;
      const rest = best(i + 1, k + 1);
      const total = fit - penalty(order[k]) + rest.score;
      if (total > score) {
        score = total;
        matches = [];
      }
      if (total === score) matches.push(...rest.matches.map((m) => [k, ...m]));
    }
    const result = { score, matches: matches.slice(0, MAX_MATCHES) };
    memo.set(key, result);
    return result;
  };
  const all = best(0, 0).matches;
  const near = all.filter((m) => keepsColumns(m, values, order, columnOf));
  const matches = near.length > 0 ? near : all;
  const fields: [FundsField, Cell][] = [];
  const rest: Cell[] = [];
  const unmatched: FundsAssignment['unmatched'] = [];
  values.forEach((cell, i) => {
    const homes = [...new Set(matches.map((m) => m[i]))];
    if (homes.length === 1) {
      if (homes[0] < 0) rest.push(cell);
      else fields.push([order[homes[0]], cell]);
    } else unmatched.push({ cell, candidates: homes.filter((k) => k >= 0).map((k) => order[k]) });
  });
  return { fields, rest, unmatched };
}

// ---- goals ------------------------------------------------------------------------

function readGoals(rows: readonly Row[], ledger: CellLedger, diagnostics: Diagnostic[]): Form['goals'] {
  const texts: Cell[] = [];
  let actualColumn = -1;
  for (const row of rows) {
    for (const cell of row.cells) {
      if (cell.kind === 'label') {
        ledger.label(cell);
        if (cell.label === 'goalsActual') actualColumn = cell.index;
      } else texts.push(cell);
    }
  }
  const toText = (cell: Cell | undefined): TextCell | null => {
    if (!cell) return null;
    ledger.field(cell);
    return { text: cell.text, raw: cell.raw, line: cell.line, column: cell.column };
  };
  if (texts.length === 1) {
    const only = texts[0];
    const isActual = actualColumn >= 0 && only.index >= actualColumn;
    return isActual ? { expected: null, actual: toText(only) } : { expected: toText(only), actual: null };
  }
  for (const extra of texts.slice(2)) diagnostics.push(unplaced(extra, 'after the two goal texts'));
  return { expected: toText(texts[0]), actual: toText(texts[1]) };
}

// ---- total ------------------------------------------------------------------------

/** Where the indicator header prints 分值 and 得分: the columns a total row's figures stand under. */
export interface PointsColumns {
  weight: number | null;
  score: number | null;
}

function pointsColumns(indicatorRows: readonly Row[]): PointsColumns {
  const columns: PointsColumns = { weight: null, score: null };
  for (const row of indicatorRows) {
    if (row.kind !== 'indicatorHeader') continue;
    for (const cell of row.cells) {
      const field = INDICATOR_COLUMNS[captionKey(cell.text)];
      if (field === 'weight' || field === 'score') columns[field] = cell.index;
    }
  }
  return columns;
}

/**
 * A dash under the 偏差原因 column (right of both 分值 and 得分) fills that
 * column; it is neither the total's weight nor its score.
 */
function standsRightOfPoints(cell: Cell, columns: PointsColumns): boolean {
  if (columns.weight === null && columns.score === null) return false;
  return cell.index > Math.max(columns.weight ?? -1, columns.score ?? -1);
}

/** A total row whose label says its figure is the score (自评得分). */
const isScoreOnly = (row: Row) => row.cells.some((c) => c.label === 'total' && SCORE_ONLY_TOTAL_LABELS.has(captionKey(c.text)));

/**
 * The form's total: its 总分 (or 合计) row, else a 自评得分 row or one printed
 * in the header block. Two figures are the weight and the score, in that
 * order (wherever they stand: the sample prints them one or two columns left
 * of the header's); a lone figure is the score when it stands under 得分 or
 * its label says so, and is otherwise reported, since a weight and a score
 * printed one column left cannot be told apart.
 */
function readTotal(rows: readonly Row[], headerScores: readonly HeaderScore[], columns: PointsColumns, ledger: CellLedger, diagnostics: Diagnostic[]): Total | null {
  const main = rows.find((r) => !isScoreOnly(r)) ?? rows[0];
  const repeated = rows.filter((r) => r !== main);
  for (const cell of repeated.flatMap((r) => r.cells)) {
    if (cell.kind === 'label') ledger.label(cell);
    else diagnostics.push(unplaced(cell, 'in a repeated 总分 row'));
  }
  if (!main) return readHeaderScore(headerScores, ledger, diagnostics);
  for (const { value } of headerScores) diagnostics.push(unplaced(value, 'beside a 总分 row'));
  const filler = (cell: Cell) => cell.kind === 'marker' && standsRightOfPoints(cell, columns);
  const values = main.cells.filter((cell) => cell.kind !== 'label' && !filler(cell));
  main.cells.filter((cell) => cell.kind === 'label' || filler(cell)).forEach((cell) => ledger.label(cell));
  if (values.length === 1 && values[0].kind !== 'marker') {
    const [only] = values;
    const scoreOnly = isScoreOnly(main);
    if (scoreOnly || (columns.score !== null && only.index === columns.score)) return { weight: null, score: totalFigure(only, '总分得分', ledger, diagnostics), line: main.line };
    diagnostics.push(totalFigureUnmatched(only, columns));
    return { weight: null, score: null, line: main.line };
  }
  let weight: Figure | null = null;
  let score: Figure | null = null;
  for (const cell of values) {
    if (cell.kind === 'marker' && weight && score) {
      ledger.label(cell);
      continue;
    }
    if (weight && score) {
      diagnostics.push(unplaced(cell, 'in the 总分 row'));
      continue;
    }
    const figure = totalFigure(cell, weight ? '总分得分' : '总分分值', ledger, diagnostics);
    if (!weight) weight = figure;
    else score = figure;
  }
  return { weight, score, line: main.line };
}

function totalFigure(cell: Cell, field: string, ledger: CellLedger, diagnostics: Diagnostic[]): Figure {
  const converted = toFigure(cell, field);
  diagnostics.push(...converted.diagnostics);
  ledger.field(cell);
  return converted.value;
}

/** A 自评得分 in the header block, the form having no total row: its score. */
function readHeaderScore(headerScores: readonly HeaderScore[], ledger: CellLedger, diagnostics: Diagnostic[]): Total | null {
  const [first, ...others] = headerScores;
  if (!first) return null;
  for (const { value } of others) diagnostics.push(unplaced(value, 'in a repeated 自评得分'));
  if (!SCORE_ONLY_TOTAL_LABELS.has(captionKey(first.label.text))) {
    diagnostics.push(totalFigureUnmatched(first.value, { weight: null, score: null }));
    return { weight: null, score: null, line: first.label.line };
  }
  return { weight: null, score: totalFigure(first.value, '总分得分', ledger, diagnostics), line: first.label.line };
}

function totalFigureUnmatched(cell: Cell, columns: PointsColumns): Diagnostic {
  return diagnostic('total-figure-unmatched', cell, { text: cell.text, column: cell.index, weightColumn: columns.weight, scoreColumn: columns.score });
}

/** Diagnostics that stand for an input cell not read into the output (the nothing-lost count takes them as reports). */
export const CELL_REPORT_CODES: ReadonlySet<string> = new Set(['unplaced-cell', 'funds-column-unmatched', 'total-figure-unmatched']);
