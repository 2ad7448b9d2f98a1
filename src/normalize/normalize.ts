/**
 * Stage 6: the laid-out form → the output form. Each indicator row's placed
 * cells become its fields' values (figures, measures, the joined target),
 * under the 一级 and 二级 the layout gave it.
 */
import type { Cell } from '../parse/rows.js';
import type { Diagnostic, Figure, Form, Indicator, Measure } from '../contract/schema.js';
import { normalizeNumber, toFigure, toMeasure } from '../parse/values.js';
import type { LaidForm } from '../layout/form.js';
import type { ContentField } from '../layout/indicator-cells.js';
import { isIndicatorRow, joinedTargetText, rowPlace, type Levels, type PlacedRow } from '../layout/placed-row.js';
import { diagnostic } from '../catalogue/messages.js';
import { RememberedMap } from '../contract/remembered.js';

export function normalizeForm(laid: LaidForm): Form {
  const layout = laid.indicators;
  // The laid form is this stage's own (nothing reads it after): its list of diagnostics becomes the form's.
  const diagnostics = laid.diagnostics;
  const indicators: Indicator[] = [];
  const rows = layout.rows;
  for (let at = 0; at < rows.length; at++) {
    const { placed, levels } = rows[at];
    if (isIndicatorRow(placed)) indicators.push(toIndicator(placed, levels, diagnostics));
  }
  for (let at = 0; at < layout.late.length; at++) diagnostics.push(layout.late[at]);
  if (!laid.hasIndicatorRows && laid.total === null) diagnostics.push(truncated(laid));
  // The laid form's fields in their order, its layout's own left out.
  return {
    title: laid.title,
    source: laid.source,
    project: laid.project,
    funds: laid.funds,
    goals: laid.goals,
    total: laid.total,
    diagnostics,
    indicators,
    findings: [],
    summary: null,
  };
}

/** A form that stops before its indicator block and its 总分 row: the export was most likely cut off. */
function truncated(laid: LaidForm): Diagnostic {
  return diagnostic('truncated-form', { line: laid.source.endLine, column: 1 });
}

// ---- the output row ---------------------------------------------------------------------

function toIndicator(p: PlacedRow, levels: Levels, diagnostics: Diagnostic[]): Indicator {
  const { fields } = p;
  if (!fields.name || fields.name.kind === 'number' || fields.name.kind === 'percent') {
    diagnostics.push(diagnostic('indicator-without-name', rowPlace(p)));
  }
  const name = fields.name ? fields.name.text : null;
  const target = targetOf(fields);
  const actual = fields.actual ? measureOf(fields.actual) : null;
  const weight = fields.weight ? figureOf(fields.weight, '分值', diagnostics) : null;
  const score = fields.score ? figureOf(fields.score, '得分', diagnostics) : null;
  const deviation = fields.deviation ? fields.deviation.text || null : null;
  const line = p.row.line;
  // One literal for each shape (with 二级 points and without): the fields in the schema's order.
  return levels.level2Points
    ? {
        level1: levels.level1,
        level1Points: levels.level1Points,
        level2: levels.level2,
        level2Points: levels.level2Points,
        name,
        target,
        actual,
        weight,
        score,
        deviation,
        line,
        recomputedScore: null,
      }
    : { level1: levels.level1, level1Points: levels.level1Points, level2: levels.level2, name, target, actual, weight, score, deviation, line, recomputedScore: null };
}

/**
 * A weight or score cell as a figure. A plain figure (`6`, `98.62%`), a
 * filler (`—`) or 不适用 reads as `toFigure` reads it, without its report
 * list; any other cell (a sign, a rate past 1000 %, words) through `toFigure`.
 */
function figureOf(cell: Cell, caption: string, diagnostics: Diagnostic[]): Figure {
  const kind = cell.kind;
  if (kind === 'marker' || kind === 'notApplicable') return { raw: cell.raw, line: cell.line, column: cell.column, value: null };
  if (kind === 'number' || kind === 'percent') {
    const value = normalizeNumber(cell.tokens[0].image);
    if (value === null || (value.charCodeAt(0) !== 45 && (kind === 'number' || wholeDigits(value) < 4))) {
      return { raw: cell.raw, line: cell.line, column: cell.column, value };
    }
  }
  const converted = toFigure(cell, caption);
  for (let at = 0; at < converted.diagnostics.length; at++) diagnostics.push(converted.diagnostics[at]);
  return converted.value;
}

/** Digits before the point of a plain decimal text. */
function wholeDigits(value: string): number {
  const point = value.indexOf('.');
  return point < 0 ? value.length : point;
}

/**
 * The target, joined from its parts when the form splits it (see
 * joinedTargetText): its raw text is the joined text, its position that of
 * its value, else of its first part.
 */
function targetOf(fields: Partial<Record<ContentField, Cell>>): Measure | null {
  const joinedText = joinedTargetText(fields);
  const { targetOp: op, target: value, targetUnit: unit } = fields;
  if (joinedText === null) return value ? measureOf(value) : null;
  // joinedTargetText gives a text only when the form prints a comparator or a unit part.
  const at = (value ?? op ?? unit)!;
  // Without a value (`≥` · · `人次`) there is nothing to measure: the parts are kept as text.
  if (!value) return { raw: joinedText, text: joinedText, line: at.line, column: at.column, kind: 'text', op: null, value: null, unit: null };
  return wordsMeasure(joinedText, joinedText, at.line, at.column);
}

/**
 * A target or actual cell as `toMeasure` reads it. A plain figure (`95`,
 * `98.62%`) is read from its one number token. A cell of words is read from
 * its text alone (a deadline, a comparator in words, a quantity or plain
 * text), so that reading is kept by text and given again to every cell that
 * holds the same words. A quantity, a marker or 不适用 is read by `toMeasure`.
 */
function measureOf(cell: Cell): Measure {
  const kind = cell.kind;
  // A plain figure (its one number token, and a percent sign): its value, `%` as the unit of a percent.
  if (kind === 'number' || kind === 'percent') {
    const value = normalizeNumber(cell.tokens[0].image);
    if (value === null) return { raw: cell.raw, text: cell.text, line: cell.line, column: cell.column, kind: 'text', op: null, value: null, unit: null };
    return { raw: cell.raw, text: cell.text, line: cell.line, column: cell.column, kind, op: null, value, unit: kind === 'percent' ? '%' : null };
  }
  if (kind === 'quantity' || kind === 'notApplicable' || kind === 'marker') return toMeasure(cell);
  return wordsMeasure(cell.raw, cell.text, cell.line, cell.column);
}

/** The measure of a text of words (as a cell of kind `text` holding it reads), at a place. */
function wordsMeasure(raw: string, text: string, line: number, column: number): Measure {
  let read = WORDS_MEASURES.get(text);
  if (read === undefined) {
    const cell: Cell = { index: 0, offset: 0, line, column, raw: text, text, kind: 'text', label: null, tokens: [] };
    read = toMeasure(cell);
    if (text.length <= 128) WORDS_MEASURES.set(text, read);
  }
  return { raw, text, line, column, kind: read.kind, op: read.op, value: read.value, unit: read.unit };
}

/** The measures of texts of words already read, by text (only their kind, comparator, value and unit are given again). */
const WORDS_MEASURES = new RememberedMap<string, Measure>(8192);
