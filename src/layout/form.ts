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
import { Dec, EXACT_HUNDRED, parseScaled, scaledCompare, scaledMinus, scaledPlus, SCALED_ZERO, type Scaled } from '../contract/decimal.js';
import { figureValueOf, weightOf, weightScaledOf } from './placed-row.js';

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

/** A plain decimal text as an exact decimal (any other text through decimal.js, as the sums read it before). */
const scaledOf = (text: string): Scaled => parseScaled(text) ?? parseScaled(new Dec(text).toFixed())!;

/** The sums of the form's weights and scores (indicators, then with the funds block's), where it has any: exact decimals. */
function pointSums(indicators: IndicatorsLayout, funds: Form['funds']): PointSums | null {
  const sum = (field: 'weight' | 'score'): Scaled | null => {
    let total: Scaled | null = null;
    for (const { placed } of indicators.rows) {
      // A weight is read once per row (the hierarchy has read most already).
      if (field === 'weight') {
        const value = weightOf(placed);
        if (value !== null) total = scaledPlus(total ?? SCALED_ZERO, weightScaledOf(placed) ?? scaledOf(value));
        continue;
      }
      const cell = placed.fields[field];
      const value = cell ? figureValueOf(cell) : null;
      if (value !== null) total = scaledPlus(total ?? SCALED_ZERO, scaledOf(value));
    }
    return total;
  };
  const fundsTotal = funds?.rows.find((row) => row.kind === 'total');
  const withFunds = (own: Scaled | null, figure: string | null | undefined): Scaled[] => (own === null ? [] : figure ? [own, scaledPlus(own, scaledOf(figure))] : [own]);
  const ownWeights = sum('weight');
  const weights = withFunds(ownWeights, fundsTotal?.weight?.value);
  const ownScores = sum('score');
  const scores = withFunds(ownScores, fundsTotal?.score?.value);
  // A funds weight with no funds score: the funds block's share of the form's score is unknown, up to its weight. A funds
  // block that prints no weight (no 分值 column) still holds the share of the full points the indicators' weights leave.
  const fundsWeight = fundsTotal?.weight?.value;
  const leftShare = fundsTotal && !fundsWeight && !fundsTotal.score?.value && ownWeights !== null && scaledCompare(ownWeights, EXACT_HUNDRED) < 0 ? scaledMinus(EXACT_HUNDRED, ownWeights) : null;
  const share = fundsWeight == null ? leftShare : fundsWeight === '' ? null : scaledOf(fundsWeight);
  const scoreRange = ownScores !== null && share && !fundsTotal?.score?.value ? ([ownScores, scaledPlus(ownScores, share)] as const) : undefined;
  if (weights.length + scores.length === 0) return null;
  return scoreRange ? { weights, scores, scoreRange } : { weights, scores };
}
