/**
 * The funds block's layout: the header's captions name each column's field
 * (src/tables/labels.ts FUNDS_COLUMNS), its unit and declared points; each
 * row's figures are fitted to those columns (placeFundsCells), and a figure
 * no reading places for certain is reported, not guessed.
 */
import { captionKeyOf, isReasonCaptionText } from './captions.js';
import {
  captionPointsOf,
  FUNDS_COLUMNS,
  FUNDS_GOVERNMENT_SHARES,
  FUNDS_REASON_CAPTIONS,
  FUNDS_ROW_TEXT_KIND,
  fundsUnitOf,
  SUM_ROW_LABELS,
  withoutPartMark,
  type FundsField,
} from '../tables/templates.js';
import { FUNDS_ROW_KIND } from '../tables/labels.js';
import { FUNDS_BREAKDOWN_PREFIXES } from '../tables/checking.js';
import type { Cell, Row } from '../parse/rows.js';
import type { Diagnostic, Form, FundsRow } from '../contract/schema.js';
import { normalizeNumber, toFigure, toMoneyFigure } from '../parse/values.js';
import { foldLexical, foldWidth } from '../parse/text.js';
import { unplaced, type CellLedger } from '../parse/ledger.js';
import { Dec } from '../contract/decimal.js';
import { diagnostic } from '../catalogue/messages.js';


/** The canonical funds layout, left to right; 到位数 is placed only where a header shows it. */
const FUNDS_ORDER: readonly FundsField[] = ['initialBudget', 'adjustedBudget', 'executed', 'weight', 'rate', 'score'];

export function readFunds(rows: readonly Row[], ledger: CellLedger, diagnostics: Diagnostic[]): Form['funds'] {
  if (rows.length === 0) return null;
  const headerRows = rows.filter((r) => r.kind === 'fundsHeader');
  let unit: '元' | '万元' | '亿元' | null = null;
  let points: { value: string; cell: Cell } | null = null;
  const columns = new Map<number, FundsField>();
  let reasonColumn: number | null = null;
  for (const headerRow of headerRows) {
    for (const cell of headerRow.cells) {
      unit = unit ?? fundsUnitOf(cell.text);
      if (isReasonCaptionText(cell.text)) {
        reasonColumn ??= cell.index;
        ledger.label(cell);
        continue;
      }
      const field = FUNDS_COLUMNS[captionKeyOf(cell.text)];
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
  const split = bodyRows.map((row) => (isReasonCaptionText(row.cells[0].text) ? reasonLine(row.cells.slice(1)) : splitReason(row.cells.slice(1), reasonColumn)));
  const placed = blockColumns(split.map((one) => one.figures), columns);
  const fundsRows = nest(bodyRows.map((row, i) => readFundsRow(row, split[i], placed, hasTotalRow, headerRows.length > 0, unit, ledger, diagnostics)));
  // `预算执行情况（万元）（20分）` with no 分值 column: the block's points are the total row's weight.
  const totalRow = fundsRows.find((r) => r.kind === 'total');
  if (points && totalRow && totalRow.weight === null && ![...columns.values()].includes('weight')) {
    totalRow.weight = { raw: points.value, value: points.value, line: points.cell.line, column: points.cell.column };
  }
  return { unit: unit ?? '元', line: (headerRows[0] ?? rows[0]).line, rows: fundsRows };
}

/**
 * The columns the block's figures stand in. An export may print the header one
 * column left or right of the figures under it (a merged caption cell, a
 * dropped or added blank cell): when not every row's figures stand under a
 * caption that suits them, but one shift of the whole header puts every
 * figure of every row under a caption that does, the block is read with that
 * shift, one reading for the whole block (a blank leading column stays blank).
 */
function blockColumns(rowFigures: readonly (readonly Cell[])[], columns: ReadonlyMap<number, FundsField>): ReadonlyMap<number, FundsField> {
  const figures = rowFigures.filter((values) => values.length > 0);
  if (columns.size === 0 || figures.length === 0) return columns;
  const fitsUnder = (shift: number) =>
    figures.every((values) => {
      // Every cell under a caption that suits it, no two under one field.
      let used = 0;
      for (const cell of values) {
        const field = columns.get(cell.index - shift);
        if (field === undefined || !fitsUnderCaption(field, cell, true) || (used & FIELD_BIT[field]) !== 0) return false;
        used |= FIELD_BIT[field];
      }
      return true;
    });
  if (fitsUnder(0)) return columns;
  const shifts = [1, -1].filter(fitsUnder);
  if (shifts.length !== 1) return columns;
  return new Map([...columns.entries()].map(([index, field]) => [index + shifts[0], field]));
}

/**
 * The levels of the block's rows: a government's share of public money
 * (FUNDS_GOVERNMENT_SHARES) below a 财政拨款 row is a part of it, and says so
 * (parentLine); with no 财政拨款 above it, it is a fiscal source of the total
 * itself. Any other labelled row closes the 财政拨款 row's parts. A 其中 row
 * right under another 其中 row (其中：财政拨款, then 其中：当年财政拨款) breaks
 * that row down, one level deeper: it is a part of it, not a second source of
 * the total holding the same money.
 */
function nest(rows: FundsRow[]): FundsRow[] {
  let fiscal: FundsRow | null = null;
  let previous: FundsRow | null = null;
  for (const row of rows) {
    const above = previous;
    previous = row;
    if (FUNDS_GOVERNMENT_SHARES.has(withoutPartMark(row.label))) {
      if (fiscal) row.parentLine = fiscal.line;
      else if (row.kind === 'unknown') row.kind = 'fiscal';
      continue;
    }
    if (above && above.kind !== 'total' && isBreakdown(row) && isBreakdown(above)) row.parentLine = above.line;
    fiscal = row.kind === 'fiscal' ? row : null;
  }
  return rows;
}

/** A row that breaks the one above down: its label opens with 其中. */
const isBreakdown = (row: FundsRow) => FUNDS_BREAKDOWN_PREFIXES.some((prefix) => captionKeyOf(row.label).startsWith(prefix));

function fundsRowKind(labelCell: Cell, hasTotalRow: boolean): FundsRow['kind'] {
  if (labelCell.label === 'total') return SUM_ROW_LABELS.has(captionKeyOf(labelCell.text)) && !hasTotalRow ? 'total' : 'unknown';
  if (labelCell.label) return FUNDS_ROW_KIND[labelCell.label] ?? 'unknown';
  return FUNDS_ROW_TEXT_KIND[captionKeyOf(labelCell.text)] ?? 'unknown';
}

function readFundsRow(
  row: Row,
  split: ReasonSplit,
  columns: ReadonlyMap<number, FundsField>,
  hasTotalRow: boolean,
  hasHeader: boolean,
  unit: string | null,
  ledger: CellLedger,
  diagnostics: Diagnostic[],
): FundsRow {
  const labelCell = row.cells[0];
  const values = split.figures;
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
  for (let i = 0; i < assignment.fields.length; i++) {
    const field = assignment.fields[i][0];
    const cell = assignment.fields[i][1];
    const converted = field === 'rate' || field === 'weight' || field === 'score' ? toFigure(cell, field) : toMoneyFigure(cell, field, unit);
    result[field] = converted.value;
    for (const d of converted.diagnostics) diagnostics.push(d);
    ledger.field(cell);
  }
  for (const cell of assignment.rest) diagnostics.push(unplaced(cell, 'in a funds row'));
  for (const { cell, candidates } of assignment.unmatched) diagnostics.push(fundsColumnUnmatched(cell, candidates, hasHeader));
  for (const cell of split.captions) ledger.label(cell);
  if (split.reason) {
    ledger.field(split.reason);
    result.reason = { text: split.reason.text, raw: split.reason.raw, line: split.reason.line, column: split.reason.column };
  }
  for (const cell of split.stray) diagnostics.push(unplaced(cell, 'beside the reason of a funds row'));
  return result;
}

/** Whether a cell opens with a reason caption and a colon, the reason after it (`偏差原因：因项目调整未支付完毕`). */
function isLabelledReason(text: string): boolean {
  const folded = foldLexical(text).replace(/\s+/g, '').replace(/^\*/, '');
  return FUNDS_REASON_CAPTIONS.some((caption) => folded.startsWith(caption) && /^[:：]./.test(folded.slice(caption.length)));
}

/** A funds row's cells after its label, parted into its figures and the reason it gives. */
interface ReasonSplit {
  figures: readonly Cell[];
  /** The cell read as the row's reason (a filler `—` included: it is what the form wrote there). */
  reason: Cell | null;
  /** Reason captions printed in the row (`偏差原因` before its text). */
  captions: readonly Cell[];
  /** Cells after a reason that no field takes: reported. */
  stray: readonly Cell[];
}

const NO_CELLS: readonly Cell[] = Object.freeze([]);

/** A line of the block that gives its reason (`偏差原因 | 因项目调整未支付完毕`): a row of unknown kind, its one cell the reason. */
function reasonLine(values: readonly Cell[]): ReasonSplit {
  const reason = values.length === 1 ? values[0] : null;
  return { figures: [], reason, captions: [], stray: reason ? [] : [...values] };
}

/** Kinds a figure of the funds block has: a cell of one of these in the reason column stays a figure. */
const FIGURE_KINDS: ReadonlySet<Cell['kind']> = new Set(['number', 'percent', 'quantity']);

/**
 * Where a funds row gives its reason, it is read apart from the figures, so
 * that neither its text nor a filler standing for it (`—`) is taken for a
 * figure: after a reason caption printed in the row (`偏差原因 | 因…`, the
 * one cell after it; more are reported), in a cell that opens with the
 * caption (`偏差原因：因…`), or under the header's reason column (a cell that
 * stands in it and is no amount, rate or points, or words ending the row
 * one column off). Without any of these, a trailing text stays with the
 * figures, and is reported as a cell no column takes.
 */
function splitReason(values: readonly Cell[], reasonColumn: number | null): ReasonSplit {
  // The row's cells after its label are the caller's own list, read and never changed: all figures, the common case.
  const none: ReasonSplit = { figures: values, reason: null, captions: NO_CELLS, stray: NO_CELLS };
  let caption = -1;
  for (let i = 0; i < values.length && caption < 0; i++) if (isReasonCaptionText(values[i].text)) caption = i;
  if (caption >= 0) {
    const after = values.slice(caption + 1);
    const reason = after.length === 1 ? after[0] : null;
    return { figures: values.slice(0, caption), reason, captions: [values[caption]], stray: reason ? [] : after };
  }
  const labelled = values.findIndex((cell) => cell.kind === 'text' && isLabelledReason(cell.text));
  // The cell names itself a reason: the others stay figures, wherever it stands.
  if (labelled >= 0) return { figures: values.filter((_, i) => i !== labelled), reason: values[labelled], captions: [], stray: [] };
  if (reasonColumn === null) return none;
  const last = values[values.length - 1];
  const inColumn = values.find((cell) => cell.index === reasonColumn && !FIGURE_KINDS.has(cell.kind));
  const offColumn = last && last.kind === 'text' && Math.abs(last.index - reasonColumn) <= 1 ? last : undefined;
  const reason = inColumn ?? offColumn;
  if (!reason) return none;
  return { figures: values.filter((cell) => cell !== reason), reason, captions: [], stray: [] };
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

/** A bit for each field, to tell the fields a row has used. */
const FIELD_BIT: Readonly<Record<FundsField, number>> = { initialBudget: 1, adjustedBudget: 2, received: 4, executed: 8, weight: 16, rate: 32, score: 64 };

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
    let used = 0;
    for (const cell of values) {
      const field = columns.get(cell.index + shift);
      if (!field || (used & FIELD_BIT[field]) !== 0 || !fitsUnderCaption(field, cell, shift === 0)) return null;
      used |= FIELD_BIT[field];
    }
    // Every cell stands under its own field: the pairs are made once the row is known to fit.
    return values.map((cell): [FundsField, Cell] => [columns.get(cell.index + shift)!, cell]);
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

