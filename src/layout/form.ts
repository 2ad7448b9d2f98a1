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
import type { Diagnostic, Form } from '../contract/schema.js';
import { readFunds } from './funds.js';
import { readGoals } from './goals.js';
import { readHeader, type HeaderScore } from './header.js';
import { layoutIndicators, type IndicatorsLayout } from './indicators.js';
import { alignSpaceColumns } from './space-columns.js';
import { pointsColumns, readTotal, type PointSums } from './total.js';
import { Dec, parseScaled, scaledPlus, scaledToDec, SCALED_ZERO, type Scaled } from '../contract/decimal.js';
import type { Cell } from '../parse/rows.js';
import { figureValueOf } from './placed-row.js';

/** A form once laid out: its fields read, its indicator rows placed with their levels. */
export interface LaidForm extends Omit<Form, 'indicators' | 'findings' | 'summary'> {
  indicators: IndicatorsLayout;
  /** Whether the form has an indicator block at all (its header rows included). */
  hasIndicatorRows: boolean;
  ledger: CellLedger;
}

export function layoutForm(draft: DraftForm): LaidForm {
  const { sections, loose } = draft;
  alignSpaceColumns(draft.rows, new Set(sections.funds));
  const ledger = new CellLedger();
  const diagnostics: Diagnostic[] = [];
  for (const row of loose) {
    if (row.kind === 'title' || row.kind === 'page') row.cells.forEach((c) => ledger.label(c));
  }
  const headerScores: HeaderScore[] = [];
  const project = readHeader(sections.header, ledger, diagnostics, headerScores);
  const funds = readFunds(sections.funds, ledger, diagnostics);
  const goals = readGoals(sections.goals, ledger, diagnostics);
  // The indicator block is laid out before the 总分 row, whose lone figure its sums may decide; its reports follow the others'.
  const indicatorDiagnostics: Diagnostic[] = [];
  const indicators = layoutIndicators(sections.indicators, ledger, indicatorDiagnostics);
  const total = readTotal(sections.total, headerScores, pointsColumns(sections.indicators), () => pointSums(indicators, funds), ledger, diagnostics);
  // Rows outside every section (other than titles and page lines) are reported cell by cell.
  for (const row of loose) {
    if (row.kind === 'data') row.cells.forEach((c) => diagnostics.push(unplaced(c, 'outside any section')));
  }
  diagnostics.push(...indicatorDiagnostics);
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

const FULL_POINTS = new Dec(100);

/** The sums of the form's weights and scores (indicators, then with the funds block's), where it has any. */
function pointSums(indicators: IndicatorsLayout, funds: Form['funds']): PointSums | null {
  const sum = (cells: readonly (Cell | undefined)[]) => {
    const values = cells.flatMap((cell) => (cell ? [figureValueOf(cell)] : [])).filter((v): v is string => v !== null);
    if (values.length === 0) return null;
    // Plain decimals are added as scaled integers (the same sum, rounded as decimal.js rounds); any other text as before.
    let scaled: Scaled | null = SCALED_ZERO;
    for (const v of values) {
      const figure = parseScaled(v);
      if (figure === null) {
        scaled = null;
        break;
      }
      scaled = scaledPlus(scaled, figure);
    }
    return scaled !== null ? scaledToDec(scaled) : values.reduce((acc, v) => acc.plus(v), new Dec(0));
  };
  const placed = indicators.rows.map((r) => r.placed);
  const fundsTotal = funds?.rows.find((row) => row.kind === 'total');
  const withFunds = (own: Dec | null, figure: string | null | undefined): Dec[] => (own === null ? [] : figure ? [own, own.plus(figure)] : [own]);
  const ownWeights = sum(placed.map((p) => p.fields.weight));
  const weights = withFunds(ownWeights, fundsTotal?.weight?.value);
  const ownScores = sum(placed.map((p) => p.fields.score));
  const scores = withFunds(ownScores, fundsTotal?.score?.value);
  // A funds weight with no funds score: the funds block's share of the form's score is unknown, up to its weight. A funds
  // block that prints no weight (no 分值 column) still holds the share of the full points the indicators' weights leave.
  const fundsWeight = fundsTotal?.weight?.value;
  const leftShare = fundsTotal && !fundsWeight && !fundsTotal.score?.value && ownWeights !== null && ownWeights.lt(FULL_POINTS) ? FULL_POINTS.minus(ownWeights) : null;
  const share = fundsWeight ?? leftShare;
  const scoreRange = ownScores !== null && share && !fundsTotal?.score?.value ? ([ownScores, ownScores.plus(share)] as const) : undefined;
  if (weights.length + scores.length === 0) return null;
  return scoreRange ? { weights, scores, scoreRange } : { weights, scores };
}
