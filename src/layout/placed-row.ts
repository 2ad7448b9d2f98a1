/**
 * An indicator row once the layout has read it: its level labels and the
 * cell of each field, before and after the hierarchy gives it its groups.
 */
import type { Cell, Row } from '../parse/rows.js';
import { foldWidth } from '../parse/text.js';
import { normalizeNumber, toFigure } from '../parse/values.js';
import { parseScaled, type Scaled } from '../contract/decimal.js';
import { TARGET_NATURE_WORDS } from '../tables/labels.js';
import type { ContentField } from './indicator-cells.js';
import type { LevelLabel } from './level-labels.js';

/** One indicator row with its cells placed, before the hierarchy is known. */
export interface PlacedRow {
  row: Row;
  level1Labels: LevelLabel[];
  /** Canonical 二级 names. */
  level2Labels: string[];
  fields: Partial<Record<ContentField, Cell>>;
  /** A 二级 read as a label that could be the row's name (reported). */
  doubt?: LevelLabel;
  /** A text read as the row's name that could be its label (reported): the label, and the row's fields read so. */
  asLabel?: { label: LevelLabel; fields: Partial<Record<ContentField, Cell>> };
  /** Points its 二级 labels declare (`时效指标(4分)`), by canonical name. */
  level2Points?: Map<string, string>;
  /** Rows the source says a label of this row covers (a merged cell's rowSpan), by the label's canonical name. */
  statedSpans?: Map<string, number>;
  /** The weight cell last read (see weightOf), its figure's value, and that value as an exact decimal (undefined: not read yet). */
  weightCell?: Cell;
  weightValue?: string | null;
  weightScaled?: Scaled | null;
}

/**
 * The value of the row's weight as its figure reads it (`figureValueOf`): the
 * hierarchy's memo key, its sums of a group's weights and the form's sums of
 * its points all ask, and it is read once per weight cell (a copy of the row
 * with other fields reads its own). Null without a weight.
 */
export function weightOf(p: PlacedRow): string | null {
  const cell = p.fields.weight;
  if (!cell) return null;
  if (p.weightCell !== cell) {
    p.weightCell = cell;
    p.weightValue = figureValueOf(cell);
    p.weightScaled = undefined;
  }
  return p.weightValue ?? null;
}

/** The row's weight (see weightOf) as an exact decimal, read once; null without a weight or when its value is not a plain decimal. */
export function weightScaledOf(p: PlacedRow): Scaled | null {
  const value = weightOf(p);
  if (value === null) return null;
  if (p.weightScaled === undefined) p.weightScaled = parseScaled(value);
  return p.weightScaled;
}

/**
 * A row's fields before any is placed: every field's key there, holding
 * nothing, so that every row's fields have one shape whichever it fills.
 */
export function noFields(): Partial<Record<ContentField, Cell>> {
  return { name: undefined, targetOp: undefined, target: undefined, targetUnit: undefined, actual: undefined, weight: undefined, score: undefined, deviation: undefined };
}

/** Where a diagnostic about a row points: its line, at its first cell. */
export const rowPlace = (p: PlacedRow) => ({ line: p.row.line, column: p.row.cells[0]?.column ?? 1 });

/** How a form's labels are written: canonical name → the form's spelling (its first). */
export interface Spellings {
  level1: Map<string, string>;
  level2: Map<string, string>;
  /** 二级 spellings read from labels that could be names: used when the form spells the label no other way. */
  doubtful: Map<string, string>;
}

/** A row with content: rows holding only labels give no indicator. */
export const isIndicatorRow = (p: PlacedRow) => Boolean(p.fields.name || p.fields.target || p.fields.weight || p.fields.score || p.fields.actual);

/** A row's 一级 (with its declared points) and 二级, as the form writes them once spelled. */
export interface Levels {
  level1: string | null;
  level1Points: string | null;
  level2: string | null;
  /** The points the row's 二级 group declares (`数量指标(10分)`), where the form prints them. */
  level2Points?: string | null;
}

/**
 * The target's text, joined from its parts when the form splits it over 指标性质 ·
 * 指标值 · 度量单位 (`≥` · `200` · `人次` → `≥200人次`; 正向 reads as ≥, 反向 as ≤,
 * 定性 adds nothing); null when the row has no split target.
 */
export function joinedTargetText(fields: Partial<Record<ContentField, Cell>>): string | null {
  const { targetOp: op, target: value, targetUnit: unit } = fields;
  if (!op && !unit) return null;
  const opWord = op ? foldWidth(op.text).replace(/\s+/g, '') : '';
  // 正向 and 反向 give a comparator; 定性 and 定量 none.
  // A printed comparator is kept as printed (`﹦`, `≧`); the measure folds it when it reads the value.
  const symbol = opWord in TARGET_NATURE_WORDS ? (SYMBOL[TARGET_NATURE_WORDS[opWord] ?? ''] ?? '') : (op?.text.replace(/\s+/g, '') ?? '');
  return `${symbol}${value?.text ?? ''}${unit?.text ?? ''}`;
}

const SYMBOL: Readonly<Record<string, string>> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

/**
 * The figure a cell holds, as `toFigure` reads it (its value alone, without the
 * figure and reports `toFigure` makes): a number's or a percent's text
 * normalised, nothing for a marker, else toFigure's own reading.
 */
export function figureValueOf(cell: Cell): string | null {
  if (cell.kind === 'number' || cell.kind === 'percent') return normalizeNumber(cell.tokens[0].image);
  if (cell.kind === 'marker' || cell.kind === 'notApplicable') return null;
  return toFigure(cell, '').value.value;
}
