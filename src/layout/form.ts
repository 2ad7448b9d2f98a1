/**
 * Stage 5: the layout of a form. Between the grammar, which groups rows into
 * sections, and the normalizer, which turns placed cells into values, this is
 * the one stage that decides which cell holds which field: the columns of
 * space-aligned rows, the project header, the funds block, the goals, the
 * indicator block and its hierarchy, and the 总分 row. Every cell is placed,
 * kept as a label, or reported.
 */
import type { DraftForm } from '../parse/forms.js';
import { CellLedger, unplaced } from '../parse/ledger.js';
import type { Diagnostic, Form } from '../schema.js';
import { readFunds } from './funds.js';
import { readGoals } from './goals.js';
import { readHeader, type HeaderScore } from './header.js';
import { layoutIndicators, type IndicatorsLayout } from './indicators.js';
import { alignSpaceColumns } from './space-columns.js';
import { pointsColumns, readTotal } from './total.js';

/** A form once laid out: its fields read, its indicator rows placed with their levels. */
export interface LaidForm extends Omit<Form, 'indicators' | 'findings' | 'summary'> {
  indicators: IndicatorsLayout;
  /** Whether the form has an indicator block at all (its header rows included). */
  hasIndicatorRows: boolean;
  ledger: CellLedger;
}

export function layoutForm(draft: DraftForm): LaidForm {
  const { sections, loose } = draft;
  alignSpaceColumns(draft.rows);
  const ledger = new CellLedger();
  const diagnostics: Diagnostic[] = [];
  for (const row of loose) {
    if (row.kind === 'title' || row.kind === 'page') row.cells.forEach((c) => ledger.label(c));
  }
  const headerScores: HeaderScore[] = [];
  const project = readHeader(sections.header, ledger, diagnostics, headerScores);
  const funds = readFunds(sections.funds, ledger, diagnostics);
  const goals = readGoals(sections.goals, ledger, diagnostics);
  const total = readTotal(sections.total, headerScores, pointsColumns(sections.indicators), ledger, diagnostics);
  // Rows outside every section (other than titles and page lines) are reported cell by cell.
  for (const row of loose) {
    if (row.kind === 'data') row.cells.forEach((c) => diagnostics.push(unplaced(c, 'outside any section')));
  }
  const indicators = layoutIndicators(sections.indicators, ledger, diagnostics);
  return {
    title: draft.title,
    source: draft.source,
    project,
    funds,
    goals,
    total,
    indicators,
    hasIndicatorRows: sections.indicators.length > 0,
    diagnostics,
    ledger,
  };
}
