/**
 * Gates the grammar uses to decide whether an unlabelled data row continues
 * the section before it. They read the row's typed cells (the token payload).
 */
import type { IToken } from 'chevrotain';
import { captionKey, FUNDS_ROW_TEXT_KIND, FUNDS_ROW_WORDS, isReasonLine, SUM_ROW_LABELS } from '../src/tables/labels.js';

const FIGURE_KINDS = new Set(['number', 'percent', 'quantity']);

/** What the gates read of a row token's payload: its typed cells, as the rows stage gives them. */
interface RowCells {
  cells: readonly { kind: string; text: string; label: string | null }[];
}

const rowOf = (token: IToken): RowCells | undefined => token.payload as RowCells | undefined;

const FUNDS_CELL_KINDS = new Set([...FIGURE_KINDS, 'marker', 'notApplicable']);

/**
 * A funds row whose label the table does not know (`财政专户管理资金`): a text
 * label then figures; one the funds block knows by its whole label (`其他`),
 * then figures or `/`; or one whose label names money (FUNDS_ROW_WORDS), then figures or nothing.
 */
export function looksLikeFundsRow(token: IToken): boolean {
  const row = rowOf(token);
  if (!row) return false;
  // A line that gives the block's reason (`偏差原因 | 因项目调整未支付完毕`) is a line of the block: its layout reads the reason.
  if (isReasonLine(row.cells)) return true;
  const cells = row.cells;
  const first = cells[0];
  if (!first || first.kind !== 'text') return false;
  // The cells after the label, read once: all of a funds row's kinds, how many figures, a rate or a marker among them.
  let fundsCells = true;
  let figures = 0;
  let rateOrMarker = false;
  for (let i = 1; i < cells.length; i++) {
    const kind = cells[i].kind;
    if (kind === 'level1' || kind === 'level2') return false;
    if (!FUNDS_CELL_KINDS.has(kind)) fundsCells = false;
    if (FIGURE_KINDS.has(kind)) figures++;
    if (kind === 'percent' || kind === 'marker') rateOrMarker = true;
  }
  if (fundsCells) {
    const key = captionKey(first.text);
    if (FUNDS_ROW_TEXT_KIND[key] && cells.length > 1) return true;
    // A money row left blank (`其中中央补助` with no figures) is a row of the block too.
    if (FUNDS_ROW_WORDS.test(key)) return true;
  }
  return figures >= 3 && rateOrMarker;
}

/**
 * A 合计 row inside the funds block: the block's total, not the form's 总分.
 * It carries the block's figures (a rate, or three figures or more), where a
 * 总分 row carries a weight and a score.
 */
export function looksLikeFundsSumRow(token: IToken): boolean {
  const row = rowOf(token);
  if (!row || !isSumLabelled(token)) return false;
  const cells = row.cells;
  let figures = 0;
  let rate = false;
  for (let i = 1; i < cells.length; i++) {
    const kind = cells[i].kind;
    if (!FUNDS_CELL_KINDS.has(kind)) return false;
    if (FIGURE_KINDS.has(kind)) figures++;
    if (kind === 'percent') rate = true;
  }
  return rate || figures >= 3;
}

/** A row whose label is 合计 or 总计 (SUM_ROW_LABELS): the funds block's total where the block holds it, else the form's 总分. */
export function isSumLabelled(token: IToken): boolean {
  const first = rowOf(token)?.cells[0];
  return first !== undefined && first.label === 'total' && SUM_ROW_LABELS.has(captionKey(first.text));
}

/** A row of goal text: words only, no indicator labels, no figures. */
export function looksLikeGoalText(token: IToken): boolean {
  const row = rowOf(token);
  if (!row) return false;
  return row.cells.every((c) => c.kind === 'text' || c.kind === 'notApplicable' || c.kind === 'marker');
}
