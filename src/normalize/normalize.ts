/**
 * Stage 6: the laid-out form → the output form. Each indicator row's placed
 * cells become its fields' values (figures, measures, the joined target),
 * under the 一级 and 二级 the layout gave it.
 */
import type { Cell } from '../parse/rows.js';
import type { Diagnostic, Form, Indicator, Measure } from '../contract/schema.js';
import { toFigure, toMeasure } from '../parse/values.js';
import type { LaidForm } from '../layout/form.js';
import type { ContentField } from '../layout/indicator-cells.js';
import { isIndicatorRow, joinedTargetText, rowPlace, type Levels, type PlacedRow } from '../layout/placed-row.js';
import { diagnostic } from '../catalogue/messages.js';

export function normalizeForm(laid: LaidForm): Form {
  const { indicators: layout, ledger, hasIndicatorRows, ...rest } = laid;
  const diagnostics = [...laid.diagnostics];
  const indicators: Indicator[] = [];
  for (const { placed, levels } of layout.rows) if (isIndicatorRow(placed)) indicators.push(toIndicator(placed, levels, diagnostics));
  diagnostics.push(...layout.late);
  if (!laid.hasIndicatorRows && laid.total === null) diagnostics.push(truncated(laid));
  return { ...rest, indicators, diagnostics, findings: [], summary: null };
}

/** A form that stops before its indicator block and its 总分 row: the export was most likely cut off. */
function truncated(laid: LaidForm): Diagnostic {
  return diagnostic('truncated-form', { line: laid.source.endLine, column: 1 });
}

// ---- the output row ---------------------------------------------------------------------

function toIndicator(p: PlacedRow, levels: Levels, diagnostics: Diagnostic[]): Indicator {
  const { fields } = p;
  const figure = (field: 'weight' | 'score', caption: string) => {
    const cell = fields[field];
    if (!cell) return null;
    const converted = toFigure(cell, caption);
    diagnostics.push(...converted.diagnostics);
    return converted.value;
  };
  if (!fields.name || fields.name.kind === 'number' || fields.name.kind === 'percent') {
    diagnostics.push(diagnostic('indicator-without-name', rowPlace(p)));
  }
  return {
    level1: levels.level1,
    level1Points: levels.level1Points,
    level2: levels.level2,
    ...(levels.level2Points ? { level2Points: levels.level2Points } : {}),
    name: fields.name ? fields.name.text : null,
    target: targetOf(fields),
    actual: fields.actual ? toMeasure(fields.actual) : null,
    weight: figure('weight', '分值'),
    score: figure('score', '得分'),
    deviation: fields.deviation ? fields.deviation.text || null : null,
    line: p.row.line,
    recomputedScore: null,
  };
}

/**
 * The target, joined from its parts when the form splits it (see
 * joinedTargetText): its raw text is the joined text, its position that of
 * its value, else of its first part.
 */
function targetOf(fields: Partial<Record<ContentField, Cell>>): Measure | null {
  const joinedText = joinedTargetText(fields);
  const { targetOp: op, target: value, targetUnit: unit } = fields;
  if (joinedText === null) return value ? toMeasure(value) : null;
  const parts = [op, value, unit].filter((c): c is Cell => c !== undefined);
  const at = value ?? parts[0];
  const joined: Cell = { ...at, raw: joinedText, text: joinedText, kind: 'text', label: null, tokens: [] };
  const measure = toMeasure(joined);
  // Without a value (`≥` · · `人次`) there is nothing to measure: the parts are kept as text.
  return value ? measure : { ...measure, kind: 'text', op: null, value: null, unit: null };
}
