/**
 * Gates the grammar uses to decide whether an unlabelled data row continues
 * the section before it. They read the row's typed cells (the token payload).
 */
import type { IToken } from 'chevrotain';
import type { Row } from '../src/rows.js';

const FIGURE_KINDS = new Set(['number', 'percent', 'quantity']);

const rowOf = (token: IToken): Row | undefined => token.payload as Row | undefined;

/** A funds row whose label the table does not know (`财政专户管理资金`): a text label then figures. */
export function looksLikeFundsRow(token: IToken): boolean {
  const row = rowOf(token);
  if (!row) return false;
  const [first, ...rest] = row.cells;
  if (!first || first.kind !== 'text') return false;
  if (row.cells.some((c) => c.kind === 'level1' || c.kind === 'level2')) return false;
  return rest.filter((c) => FIGURE_KINDS.has(c.kind)).length >= 3 && rest.some((c) => c.kind === 'percent' || c.kind === 'marker');
}

/** A row of goal text: words only, no indicator labels, no figures. */
export function looksLikeGoalText(token: IToken): boolean {
  const row = rowOf(token);
  if (!row) return false;
  return row.cells.every((c) => c.kind === 'text' || c.kind === 'notApplicable' || c.kind === 'marker');
}
