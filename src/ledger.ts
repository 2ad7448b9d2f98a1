/**
 * Accounts for every non-empty cell a stage reads: a field value or a
 * recognised label. Cells it cannot place are reported as `unplaced-cell`
 * diagnostics, so fields + labels + reports = the cells of the input. The
 * ledger keeps the cells themselves, so a test can check that each input
 * cell is accounted for exactly once.
 */
import type { Cell } from './rows.js';

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
