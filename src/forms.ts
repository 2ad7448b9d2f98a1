/**
 * Stage 4: rows → forms. The form grammar groups rows into forms and
 * sections; this module reads each section's cells into the output's fields
 * (header, funds, goals, total) and hands the indicator block, still as rows,
 * to the normalizer. Every cell is either used or reported.
 */
import { createTokenInstance, type CstNode, type IToken, type TokenType } from 'chevrotain';
import { parseRowTokens } from '../grammar/parser.js';
import {
  DataRow,
  DepartmentRow,
  FundsHeaderRow,
  FundsRow as FundsRowToken,
  GoalsRow,
  IndicatorHeaderRow,
  PageRow,
  ProjectRow,
  TitleRow,
  TotalRow,
} from '../grammar/tokens.js';
import { captionKey, FUNDS_COLUMNS, FUNDS_ROW_KIND, fundsUnitOf, type RowKind } from './tables/labels.js';
import type { Cell, Row } from './rows.js';
import type { Diagnostic, Figure, Form, FundsRow, Separator, TextCell, Total } from './schema.js';
import { toFigure } from './values.js';
import { CellLedger } from './ledger.js';

const TOKEN_OF_KIND: Readonly<Record<RowKind, TokenType>> = {
  title: TitleRow,
  project: ProjectRow,
  department: DepartmentRow,
  fundsHeader: FundsHeaderRow,
  funds: FundsRowToken,
  goals: GoalsRow,
  indicatorHeader: IndicatorHeaderRow,
  total: TotalRow,
  page: PageRow,
  data: DataRow,
};

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
    const token = createTokenInstance(TOKEN_OF_KIND[row.kind], row.kind, i, i, row.line, row.line, 1, 1);
    token.payload = row;
    return token;
  });
  const { cst, errors } = parseRowTokens(tokens);
  const diagnostics: Diagnostic[] = errors.map((message) => ({ code: 'grammar-error', severity: 'error', message, line: 0, column: 0 }));
  const forms: DraftForm[] = [];
  // Without recovery a grammar error leaves no tree: its rows are then reported, never dropped.
  if (!cst) return { forms: [], diagnostics: [...diagnostics, ...rows.flatMap((row) => row.cells.map((cell) => unplaced(cell, 'in rows the form grammar could not read')))] };
  for (const formNode of childNodes(cst, 'form')) {
    const draft = readForm(formNode, file, encoding);
    if (draft) forms.push(draft);
    else for (const stray of strayRows(formNode)) diagnostics.push(stray);
  }
  return { forms, diagnostics };
}

// ---- CST access ---------------------------------------------------------------

function childNodes(node: CstNode, name: string): CstNode[] {
  return (node.children[name] ?? []) as CstNode[];
}

/** All row tokens under a node, in document order. */
function rowsUnder(node: CstNode): Row[] {
  const tokens: IToken[] = [];
  const visit = (n: CstNode) => {
    for (const children of Object.values(n.children)) {
      for (const child of children) {
        if ('tokenType' in child) tokens.push(child);
        else visit(child);
      }
    }
  };
  visit(node);
  return tokens.sort((a, b) => a.startOffset - b.startOffset).map((t) => t.payload as Row);
}

/** Rows of the form's loose parts: titles, page lines and rows outside every section. */
function looseRows(form: CstNode): Row[] {
  const own = [...((form.children.TitleRow ?? []) as IToken[]), ...((form.children.PageRow ?? []) as IToken[]), ...((form.children.DataRow ?? []) as IToken[])];
  return own.sort((a, b) => a.startOffset - b.startOffset).map((t) => t.payload as Row);
}

function strayRows(form: CstNode): Diagnostic[] {
  return rowsUnder(form).flatMap((row) => row.cells.map((cell) => unplaced(cell, 'outside any form')));
}

// ---- one form -------------------------------------------------------------------

function readForm(node: CstNode, file: string | null, encoding: string): DraftForm | null {
  const all = rowsUnder(node);
  const sections = {
    header: childNodes(node, 'header').flatMap(rowsUnder),
    funds: childNodes(node, 'funds').flatMap(rowsUnder),
    goals: childNodes(node, 'goals').flatMap(rowsUnder),
    indicators: childNodes(node, 'indicators').flatMap(rowsUnder),
    total: childNodes(node, 'total').flatMap(rowsUnder),
  };
  const loose = looseRows(node);
  const hasContent = sections.header.length + sections.funds.length + sections.indicators.length + sections.total.length + sections.goals.length > 0;
  if (!hasContent) return null;

  const ledger = new CellLedger();
  const diagnostics: Diagnostic[] = [];
  for (const row of loose) {
    if (row.kind === 'title' || row.kind === 'page') row.cells.forEach((c) => ledger.label(c));
  }
  const separator = dominantSeparator(all);
  const draft: DraftForm = {
    title: titleOf(all),
    source: { file, startLine: all[0].line, endLine: all[all.length - 1].line, encoding, separator },
    project: readHeader(sections.header, ledger, diagnostics),
    funds: readFunds(sections.funds, ledger, diagnostics),
    goals: readGoals(sections.goals, ledger, diagnostics),
    total: readTotal(sections.total, ledger, diagnostics),
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
    // A title printed twice (a page header repeated) is one title.
    if (opening[opening.length - 1] !== row.cells[0].text) opening.push(row.cells[0].text);
  }
  return opening.length > 0 ? opening.join('') : null;
}

function dominantSeparator(rows: readonly Row[]): Separator {
  const counts = new Map<Separator, number>();
  for (const row of rows) counts.set(row.separator, (counts.get(row.separator) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'tab';
}

export function unplaced(cell: Cell, where: string): Diagnostic {
  return {
    code: 'unplaced-cell',
    severity: 'warning',
    message: `cell "${cell.text.slice(0, 60)}" ${where} could not be placed`,
    line: cell.line,
    column: cell.column,
    detail: { text: cell.text, where },
  };
}

// ---- header ---------------------------------------------------------------------

function readHeader(rows: readonly Row[], ledger: CellLedger, diagnostics: Diagnostic[]): Form['project'] {
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

type FundsField = 'initialBudget' | 'adjustedBudget' | 'executed' | 'weight' | 'rate' | 'score';
const FUNDS_ORDER: readonly FundsField[] = ['initialBudget', 'adjustedBudget', 'executed', 'weight', 'rate', 'score'];

function readFunds(rows: readonly Row[], ledger: CellLedger, diagnostics: Diagnostic[]): Form['funds'] {
  if (rows.length === 0) return null;
  const headerRows = rows.filter((r) => r.kind === 'fundsHeader');
  let unit: '元' | '万元' | '亿元' | null = null;
  const columns = new Map<number, FundsField>();
  for (const headerRow of headerRows) {
    for (const cell of headerRow.cells) {
      unit = unit ?? fundsUnitOf(cell.text);
      const field = FUNDS_COLUMNS[captionKey(cell.text)];
      if (field) columns.set(cell.index, field);
      if (field || cell.kind === 'label' || cell.kind === 'sharedColumn') ledger.label(cell);
      else diagnostics.push(unplaced(cell, 'in the funds header'));
    }
  }
  const fundsRows: FundsRow[] = [];
  for (const row of rows) {
    if (row.kind === 'fundsHeader') continue;
    fundsRows.push(readFundsRow(row, columns, ledger, diagnostics));
  }
  return { unit: unit ?? '元', line: (headerRows[0] ?? rows[0]).line, rows: fundsRows };
}

function readFundsRow(row: Row, columns: ReadonlyMap<number, FundsField>, ledger: CellLedger, diagnostics: Diagnostic[]): FundsRow {
  const [labelCell, ...values] = row.cells;
  ledger.label(labelCell);
  const result: FundsRow = {
    label: labelCell.text.replace(/\s+/g, ''),
    kind: (labelCell.label && FUNDS_ROW_KIND[labelCell.label]) || 'unknown',
    initialBudget: null,
    adjustedBudget: null,
    executed: null,
    weight: null,
    rate: null,
    score: null,
    line: row.line,
  };
  const assignment = assignFundsCells(values, columns);
  for (const [field, cell] of assignment.fields) {
    const converted = toFigure(cell, field);
    result[field] = converted.value;
    diagnostics.push(...converted.diagnostics);
    ledger.field(cell);
  }
  for (const cell of assignment.rest) diagnostics.push(unplaced(cell, 'in a funds row'));
  return result;
}

interface FundsAssignment {
  fields: [FundsField, Cell][];
  rest: Cell[];
}

const AMOUNTS: ReadonlySet<FundsField> = new Set(['initialBudget', 'adjustedBudget', 'executed']);

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

/**
 * Which figure is which. By the header's columns when every cell sits under a
 * caption that suits it (tab and pipe exports keep empty cells, and
 * space-aligned rows are placed under their captions by the rows stage);
 * otherwise by kind, in the header's column order: the best order-keeping
 * match of cells to fields (see alignFunds).
 */
export function assignFundsCells(values: readonly Cell[], columns: ReadonlyMap<number, FundsField>): FundsAssignment {
  if (values.length > 0 && values.length < FUNDS_ORDER.length) {
    const byColumn = values.map((c) => [columns.get(c.index), c] as [FundsField | undefined, Cell]);
    const placed = byColumn.every(([field, cell]) => field !== undefined && (fundsFit(field, cell) > 0 || (field === 'rate' && cell.kind === 'number')));
    if (placed && new Set(byColumn.map(([f]) => f)).size === byColumn.length) return { fields: byColumn as [FundsField, Cell][], rest: [] };
  }
  // The match recurses once per cell: a row far wider than any funds layout is matched on its first cells only.
  const aligned = alignFunds(values.slice(0, MAX_FUNDS_CELLS), fieldOrder(columns), new Set(columns.values()));
  return values.length <= MAX_FUNDS_CELLS ? aligned : { fields: aligned.fields, rest: [...aligned.rest, ...values.slice(MAX_FUNDS_CELLS)] };
}

const MAX_FUNDS_CELLS = 32;

/** The header's fields in column order, with any it lacks inserted where the canonical layout has them. */
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

/**
 * The order-keeping match of cells to fields with the best total fit. A cell
 * left out (it suits no field) costs more than any poor fit, so every cell
 * that can be placed is; among equal matches the leftmost fields win.
 */
export function alignFunds(values: readonly Cell[], order: readonly FundsField[], shown: ReadonlySet<FundsField>): FundsAssignment {
  // The common case, a full row: every cell suits the field in its place.
  if (values.length === order.length && values.every((cell, i) => fundsFit(order[i], cell) > 0)) {
    return { fields: values.map((cell, i) => [order[i], cell] as [FundsField, Cell]), rest: [] };
  }
  const penalty = (field: FundsField) => (shown.size >= 3 && !shown.has(field) ? ABSENT_FIELD : 0);
  const memo = new Map<number, { score: number; pairs: [number, number][] }>();
  const best = (i: number, j: number): { score: number; pairs: [number, number][] } => {
    if (i === values.length) return { score: 0, pairs: [] };
    const key = i * 16 + j;
    const known = memo.get(key);
    if (known) return known;
    let result = { score: SKIPPED_CELL + best(i + 1, j).score, pairs: best(i + 1, j).pairs };
    if (j < order.length) {
      const fit = fundsFit(order[j], values[i]);
      if (fit > 0) {
        const rest = best(i + 1, j + 1);
        const score = fit - penalty(order[j]) + rest.score;
        if (score >= result.score) result = { score, pairs: [[i, j], ...rest.pairs] };
      }
      const skip = best(i, j + 1);
      if (skip.score > result.score) result = skip;
    }
    memo.set(key, result);
    return result;
  };
  const { pairs } = best(0, 0);
  const placed = new Set(pairs.map(([i]) => i));
  return {
    fields: pairs.map(([i, j]) => [order[j], values[i]] as [FundsField, Cell]),
    rest: values.filter((_, i) => !placed.has(i)),
  };
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

function readTotal(rows: readonly Row[], ledger: CellLedger, diagnostics: Diagnostic[]): Total | null {
  const [row, ...repeated] = rows;
  if (!row) return null;
  // A second 总分 row in one form: its label is a label, its figures are reported.
  for (const cell of repeated.flatMap((r) => r.cells)) {
    if (cell.kind === 'label') ledger.label(cell);
    else diagnostics.push(unplaced(cell, 'in a repeated 总分 row'));
  }
  let weight: Figure | null = null;
  let score: Figure | null = null;
  for (const cell of row.cells) {
    if (cell.kind === 'label' || (cell.kind === 'marker' && weight && score)) {
      ledger.label(cell);
      continue;
    }
    if (weight && score) {
      diagnostics.push(unplaced(cell, 'in the 总分 row'));
      continue;
    }
    const converted = toFigure(cell, weight ? '总分得分' : '总分分值');
    diagnostics.push(...converted.diagnostics);
    ledger.field(cell);
    if (!weight) weight = converted.value;
    else score = converted.value;
  }
  return { weight, score, line: row.line };
}
