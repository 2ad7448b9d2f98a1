/**
 * Accounts for every non-empty cell a stage reads: a field value or a
 * recognised label. Cells it cannot place are reported as `unplaced-cell`
 * diagnostics, so fields + labels + reports = the cells of the input.
 */
import type { Cell } from './rows.js';

export class CellLedger {
  fields = 0;
  labels = 0;

  field(_cell: Cell): void {
    this.fields++;
  }

  label(_cell: Cell): void {
    this.labels++;
  }
}
