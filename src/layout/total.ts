/**
 * The 总分 row's layout: its figures against the indicator header's 分值 and
 * 得分 columns, or the 自评得分 of the project header when the form has no 总分 row.
 */
import { captionKey, INDICATOR_COLUMNS, SCORE_ONLY_TOTAL_LABELS } from '../tables/labels.js';
import type { Cell, Row } from '../parse/rows.js';
import type { Diagnostic, Figure, Total } from '../schema.js';
import { toFigure } from '../parse/values.js';
import { unplaced, type CellLedger } from '../parse/ledger.js';
import { diagnostic } from '../messages.js';
import type { HeaderScore } from './header.js';


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
export function readTotal(rows: readonly Row[], headerScores: readonly HeaderScore[], columns: PointsColumns, ledger: CellLedger, diagnostics: Diagnostic[]): Total | null {
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
