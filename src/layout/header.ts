/**
 * The project header's layout: each label (项目名称, 主管部门, 实施单位, 项目金额)
 * takes the cell after it; a 自评得分 printed there is kept for the total.
 */
import type { Cell, Row } from '../parse/rows.js';
import type { Diagnostic, Form } from '../contract/schema.js';
import { toFigure } from '../parse/values.js';
import { unplaced, type CellLedger } from '../parse/ledger.js';


/** A 自评得分 printed beside the project's identity: the declared score, when the form has no 总分 row. */
export interface HeaderScore {
  label: Cell;
  value: Cell;
}

export function readHeader(rows: readonly Row[], ledger: CellLedger, diagnostics: Diagnostic[], scores: HeaderScore[]): Form['project'] {
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
        case 'total':
          // Its figure is read (or reported) with the form's total.
          scores.push({ label: cell, value });
          i++;
          continue;
        default:
          continue;
      }
      ledger.field(value);
      i++;
    }
  }
  return project;
}

