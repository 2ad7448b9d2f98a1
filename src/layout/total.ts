/**
 * The 总分 row's layout: its figures against the indicator header's 分值 and
 * 得分 columns, or the 自评得分 of the project header when the form has no 总分 row.
 */
import { captionKeyOf } from './captions.js';
import { INDICATOR_COLUMNS, SCORE_ONLY_TOTAL_LABELS } from '../tables/labels.js';
import type { Cell, Row } from '../parse/rows.js';
import type { Diagnostic, Figure, Total } from '../contract/schema.js';
import { toFigure } from '../parse/values.js';
import { unplaced, type CellLedger } from '../parse/ledger.js';
import { diagnostic } from '../catalogue/messages.js';
import { Dec, EXACT_HUNDRED, parseScaled, scaledCompare, type Scaled } from '../contract/decimal.js';
import type { HeaderScore } from './header.js';
import { figureValueOf } from './placed-row.js';


/** Where the indicator header prints 分值 and 得分: the columns a total row's figures stand under. */
export interface PointsColumns {
  weight: number | null;
  score: number | null;
}

export function pointsColumns(indicatorRows: readonly Row[]): PointsColumns {
  const columns: PointsColumns = { weight: null, score: null };
  for (const row of indicatorRows) {
    if (row.kind !== 'indicatorHeader') continue;
    for (const cell of row.cells) {
      const field = INDICATOR_COLUMNS[captionKeyOf(cell.text)];
      if (field === 'weight' || field === 'score') columns[field] = cell.index;
    }
  }
  return columns;
}

/** A total row whose label says its figure is the score (自评得分). */
const isScoreOnly = (row: Row) => row.cells.some((c) => c.label === 'total' && SCORE_ONLY_TOTAL_LABELS.has(captionKeyOf(c.text)));

/**
 * The form's total: its 总分 (or 合计) row, else a 自评得分 row or one printed
 * in the header block. Two figures are the weight and the score, in that
 * order (wherever they stand: the sample prints them one or two columns left
 * of the header's); a lone figure is decided by the header and the form's
 * arithmetic (loneFigureField), and is otherwise reported, since a weight and
 * a score printed one column left cannot be told apart.
 */
export function readTotal(
  rows: readonly Row[],
  headerScores: readonly HeaderScore[],
  columns: PointsColumns,
  /** The form's sums, made only when a lone figure needs them. */
  sums: () => PointSums | null,
  ledger: CellLedger,
  diagnostics: Diagnostic[],
): Total | null {
  const main = rows.find((r) => !isScoreOnly(r)) ?? rows[0];
  const repeated = rows.filter((r) => r !== main);
  for (const cell of repeated.flatMap((r) => r.cells)) {
    if (cell.kind === 'label') ledger.label(cell);
    else diagnostics.push(unplaced(cell, 'in a repeated 总分 row'));
  }
  if (!main) return readHeaderScore(headerScores, ledger, diagnostics);
  for (const { value } of headerScores) diagnostics.push(unplaced(value, 'beside a 总分 row'));
  // `—`, `/`, `-` fill a cell that has no figure: an empty cell, neither the total's weight nor its score.
  const values = main.cells.filter((cell) => cell.kind !== 'label' && cell.kind !== 'marker');
  main.cells.filter((cell) => cell.kind === 'label' || cell.kind === 'marker').forEach((cell) => ledger.label(cell));
  if (values.length === 0) return { weight: null, score: null, line: main.line };
  if (values.length === 1) {
    const [only] = values;
    const field = loneFigureField(only, isScoreOnly(main), columns, sums);
    if (field === null) {
      diagnostics.push(totalFigureUnmatched(only, columns));
      return { weight: null, score: null, line: main.line };
    }
    const figure = totalFigure(only, field === 'weight' ? '总分分值' : '总分得分', ledger, diagnostics);
    return field === 'weight' ? { weight: figure, score: null, line: main.line } : { weight: null, score: figure, line: main.line };
  }
  let weight: Figure | null = null;
  let score: Figure | null = null;
  for (const cell of values) {
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

/**
 * The points the form's own figures add up to, that a 总分 row's lone figure
 * is held against: the full points (100) or the sum of the weights, against
 * the sum of the scores (each with and without the funds block's).
 */
export interface PointSums {
  weights: readonly Scaled[];
  scores: readonly Scaled[];
  /**
   * Where the funds block has a weight but prints no score (no 得分 column): the
   * form's score lies between the indicators' scores and those plus the funds
   * weight, and any figure in that range may be it.
   */
  scoreRange?: readonly [Scaled, Scaled];
}

/** What the form's arithmetic says a lone total figure is; null when it fits both or neither. */
function byArithmetic(cell: Cell, sumsOf: () => PointSums | null): 'weight' | 'score' | null {
  const value = figureValueOf(cell);
  const sums = value === null ? null : sumsOf();
  if (sums === null || value === null) return null;
  // A figure's value is a plain decimal (as normalizeNumber writes it), which an exact decimal reads.
  const figure = parseScaled(value) ?? parseScaled(new Dec(value).toFixed())!;
  const isWeight = scaledCompare(figure, EXACT_HUNDRED) === 0 || sums.weights.some((sum) => scaledCompare(sum, figure) === 0);
  const isScore =
    sums.scores.some((sum) => scaledCompare(sum, figure) === 0) ||
    (sums.scoreRange !== undefined && scaledCompare(figure, sums.scoreRange[0]) >= 0 && scaledCompare(figure, sums.scoreRange[1]) <= 0);
  return isWeight === isScore ? null : isWeight ? 'weight' : 'score';
}

/**
 * Which field a 总分 row's lone figure is: the score when the row's label says
 * so (自评得分); else by the header's 得分 column and the form's arithmetic,
 * which must not disagree; a figure under 分值 is the weight only when the
 * arithmetic says so too (a row printed one column left would put a score
 * there). Null: reported, not guessed.
 */
function loneFigureField(cell: Cell, scoreOnly: boolean, columns: PointsColumns, sums: () => PointSums | null): 'weight' | 'score' | null {
  if (scoreOnly) return 'score';
  const arithmetic = byArithmetic(cell, sums);
  if (columns.score !== null && cell.index === columns.score) return arithmetic === 'weight' ? null : 'score';
  return arithmetic;
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
  if (!SCORE_ONLY_TOTAL_LABELS.has(captionKeyOf(first.label.text))) {
    diagnostics.push(totalFigureUnmatched(first.value, { weight: null, score: null }));
    return { weight: null, score: null, line: first.label.line };
  }
  return { weight: null, score: totalFigure(first.value, '总分得分', ledger, diagnostics), line: first.label.line };
}

function totalFigureUnmatched(cell: Cell, columns: PointsColumns): Diagnostic {
  return diagnostic('total-figure-unmatched', cell, { text: cell.text, column: cell.index, weightColumn: columns.weight, scoreColumn: columns.score });
}
