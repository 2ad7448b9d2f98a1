/**
 * The goals block's layout: the two goal texts, 预期目标 then 实际完成情况; a
 * lone text is the actual one when it stands in or right of 实际完成情况's column.
 */
import type { Cell, Row } from '../parse/rows.js';
import type { Diagnostic, Form, TextCell } from '../contract/schema.js';
import { unplaced, type CellLedger } from '../parse/ledger.js';


export function readGoals(rows: readonly Row[], ledger: CellLedger, diagnostics: Diagnostic[]): Form['goals'] {
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

