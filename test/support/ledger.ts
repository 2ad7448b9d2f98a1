/**
 * The nothing-lost count: every non-empty cell of the input must be, in the
 * output, a field value, a recognised label, or a diagnostic reporting it
 * (`unplaced-cell`, `funds-column-unmatched`, `total-figure-unmatched`),
 * and exactly one of them.
 */
import type { CellAccount } from '../../src/api/pipeline.js';
import type { Document } from '../../src/contract/schema.js';
import { CELL_REPORT_CODES } from '../../src/parse/forms.js';

export interface Tally {
  input: number;
  fields: number;
  labels: number;
  unplaced: number;
  /** Input cells that are in none of the three. */
  missing: string[];
  /** Input cells counted more than once, and counted cells that are not input cells. */
  extra: string[];
}

const keyOf = (c: { line: number; column: number }) => `${c.line}:${c.column}`;

export function tally(document: Document, account: CellAccount): Tally {
  const unplaced = [...document.diagnostics, ...document.forms.flatMap((f) => f.diagnostics)].filter((d) => CELL_REPORT_CODES.has(d.code));
  const counted = new Map<string, number>();
  // A row's stray cells are one diagnostic, with the column of each in detail.columns.
  const unplacedCells = unplaced.flatMap((d) => ((d.detail?.columns as number[] | undefined) ?? [d.column]).map((column) => ({ line: d.line, column })));
  for (const key of [...account.fields, ...account.labels, ...unplacedCells].map(keyOf)) counted.set(key, (counted.get(key) ?? 0) + 1);
  const input = new Map(account.input.map((c) => [keyOf(c), c.text]));
  const missing = [...input.keys()].filter((k) => !counted.has(k)).map((k) => `${k} ${JSON.stringify(input.get(k))}`);
  const extra = [...counted.entries()].filter(([k, n]) => n > 1 || !input.has(k)).map(([k, n]) => `${k} ×${n} ${JSON.stringify(input.get(k) ?? null)}`);
  return { input: account.input.length, fields: account.fields.length, labels: account.labels.length, unplaced: unplacedCells.length, missing, extra };
}
