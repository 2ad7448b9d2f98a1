/**
 * Accounts for every non-empty cell a stage reads: a field value or a
 * recognised label. Cells it cannot place are reported as `unplaced-cell`
 * diagnostics, so fields + labels + reports = the cells of the input. The
 * ledger keeps the cells themselves, so a test can check that each input
 * cell is accounted for exactly once.
 */
import type { Cell } from './rows.js';
import type { Diagnostic } from '../contract/schema.js';
import { diagnostic, type DiagnosticDetails } from '../catalogue/messages.js';

export class CellLedger {
  readonly fieldCells: Cell[] = [];
  readonly labelCells: Cell[] = [];

  field(cell: Cell): void {
    this.fieldCells.push(cell);
  }

  label(cell: Cell): void {
    this.labelCells.push(cell);
  }

  get fields(): number {
    return this.fieldCells.length;
  }

  get labels(): number {
    return this.labelCells.length;
  }
}

/** Cells quoted in full in a row's `unplaced-cell` diagnostic; the others are counted and their columns listed. */
export const UNPLACED_QUOTED = 5;

/**
 * One `unplaced-cell` diagnostic per row instead of one per cell: at the
 * first cell's place, with `detail.count` cells, the texts of the first
 * `UNPLACED_QUOTED` in `detail.cells` (when more than one; the first is `detail.text`) and
 * the column of every one in `detail.columns`, so a row of a million stray
 * cells costs one diagnostic and nothing is dropped unsaid.
 */
export function collapseUnplaced(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rows = new Map<number, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.code !== 'unplaced-cell') continue;
    const row = rows.get(d.line);
    if (row) row.push(d);
    else rows.set(d.line, [d]);
  }
  if (rows.size === 0) return diagnostics as Diagnostic[];
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.code !== 'unplaced-cell') out.push(d);
    else if (rows.get(d.line)?.[0] === d) out.push(rowOfUnplaced(rows.get(d.line) as Diagnostic[]));
  }
  return out;
}

function rowOfUnplaced(cells: readonly Diagnostic[]): Diagnostic {
  const first = cells[0];
  const texts = cells.slice(0, UNPLACED_QUOTED).map((d) => String(d.detail?.text ?? ''));
  const columns = cells.map((d) => d.column);
  if (cells.length === 1) return { ...first, detail: { ...first.detail, count: 1, columns } };
  // Every unplaced-cell diagnostic is made by unplaced() below, with this detail.
  const detail = { ...(first.detail as DiagnosticDetails['unplaced-cell']), count: cells.length, cells: texts, columns };
  return { ...first, message: diagnostic('unplaced-cell', first, detail).message, detail };
}

/** The diagnostic for a cell no field takes: reported, never dropped; with why, for an indicator row's cell. */
export function unplaced(cell: Cell, where: string, why?: { reason: 'ambiguous' | 'no-column'; candidates: string[] }): Diagnostic {
  return diagnostic('unplaced-cell', cell, { text: cell.text, where, ...why });
}
