/**
 * Which cell of an indicator row holds which field. The indicator header
 * names the columns the block has and their order (a results-only table has
 * no 分值/得分; a Sichuan table splits the target into 指标性质 · 指标值 ·
 * 度量单位); each row's cells are matched to those columns in order, by what
 * they hold, and where that leaves a choice, by their position under the
 * header. A cell no reading places with confidence is left unplaced, with the
 * reason.
 */
import { captionKeyOf } from './captions.js';
import { Comparator } from '../../grammar/tokens.js';
import { COMPARATOR_WORDS, UNIT_WORDS } from '../tables/units.js';
import { INDICATOR_COLUMNS, TARGET_NATURE_WORDS, type IndicatorColumn } from '../tables/labels.js';
import { foldWidth } from '../parse/text.js';
import { isDurationUnit } from '../tables/deadlines.js';
import type { Cell, Row } from '../parse/rows.js';
import { RememberedMap } from '../contract/remembered.js';
import { KeyCodes } from './key-codes.js';

export type ContentField = Exclude<IndicatorColumn, 'level1' | 'level2'>;

/** The canonical layout, for a block without a readable header. */
const DEFAULT_ORDER: readonly ContentField[] = ['name', 'target', 'actual', 'weight', 'score', 'deviation'];
const DEFAULT_COLUMNS: ReadonlyMap<number, IndicatorColumn> = new Map<number, IndicatorColumn>([
  [1, 'level1'],
  [2, 'level2'],
  ...DEFAULT_ORDER.map((f, i) => [i + 3, f] as [number, IndicatorColumn]),
]);

export interface IndicatorLayout {
  /** Column index → what it holds. */
  columns: ReadonlyMap<number, IndicatorColumn>;
  /** The content fields in column order. */
  order: readonly ContentField[];
  /** Whether the layout was read from a header row. */
  fromHeader: boolean;
  /** How far left a row may stand from the header: the shifts tried when matching its cells (see assignCells). */
  drifts: readonly number[];
}

export const DEFAULT_LAYOUT: IndicatorLayout = { columns: DEFAULT_COLUMNS, order: DEFAULT_ORDER, fromHeader: false, drifts: [0] };

/** How far left a row may have drifted: up to the 年度绩效指标, 一级 and 二级 cells dropped before its name. */
const DRIFT_SHIFTS = [0, -1, -2, -3] as const;

/**
 * Whether the header leaves a column without a caption between its first and last: an extra empty column of the
 * whole form, whose cell a drifted row may carry after its name as well as before, so no drift of a row is sure.
 */
function hasBlankColumn(columns: ReadonlyMap<number, IndicatorColumn>): boolean {
  const indexes = [...columns.keys()];
  const [first, last] = [Math.min(...indexes), Math.max(...indexes)];
  for (let i = first; i <= last; i++) if (!columns.has(i)) return true;
  return false;
}

/**
 * The layout named by the header rows: captions of a second header row right
 * under the first (the parts of a split target) override those above them.
 */
export function layoutOf(headers: readonly Row[]): IndicatorLayout {
  // The layout depends only on each header row's captioned cells (their columns and what their captions name): headers
  // alike in that give the one layout, never changed once made.
  const codes = HEADER_CODES;
  codes.start();
  for (const row of headers) {
    const at = codes.length;
    codes.push(0);
    for (const cell of row.cells) {
      const column = INDICATOR_COLUMNS[captionKeyOf(cell.text)];
      if (!column) continue;
      const half = cell.index * 2;
      // A column no key spells (never made by the stages before): read without the memo.
      if (!Number.isInteger(half) || half < 0 || half > 0x7fffffff) return readLayout(headers);
      codes.pushNumber(half);
      codes.push(COLUMN_CODES.get(column)!);
      codes.increment(at);
    }
  }
  const key = codes.text();
  let layout = LAYOUTS.get(key);
  if (layout === undefined) LAYOUTS.set(key, (layout = readLayout(headers)));
  return layout;
}

const HEADER_CODES = new KeyCodes();
const COLUMN_CODES: ReadonlyMap<IndicatorColumn, number> = new Map([...new Set(Object.values(INDICATOR_COLUMNS))].map((column, i) => [column, i]));
const LAYOUTS = new RememberedMap<string, IndicatorLayout>(4096);

function readLayout(headers: readonly Row[]): IndicatorLayout {
  const columns = new Map<number, IndicatorColumn>();
  for (const row of headers) {
    for (const cell of row.cells) {
      const column = INDICATOR_COLUMNS[captionKeyOf(cell.text)];
      if (!column) continue;
      // A second row's caption names the column it stands in; the one above spanned it.
      for (const [index, known] of columns) if (known === column && index !== cell.index && row !== headers[0]) columns.delete(index);
      columns.set(cell.index, column);
    }
  }
  const order = [...columns.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, c]) => c)
    .filter((c): c is ContentField => c !== 'level1' && c !== 'level2');
  if (!order.includes('name') || new Set(order).size !== order.length) return DEFAULT_LAYOUT;
  return { columns, order, fromHeader: true, drifts: hasBlankColumn(columns) ? [0] : DRIFT_SHIFTS };
}

/** Each layout's first column of each field (a layout is never changed once made). */
const FIRST_COLUMNS = new WeakMap<IndicatorLayout, ReadonlyMap<IndicatorColumn, number>>();

export function columnOf(layout: IndicatorLayout, field: IndicatorColumn): number | undefined {
  let first = FIRST_COLUMNS.get(layout);
  if (first === undefined) {
    const found = new Map<IndicatorColumn, number>();
    for (const [index, f] of layout.columns) if (!found.has(f)) found.set(f, index);
    FIRST_COLUMNS.set(layout, (first = found));
  }
  return first.get(field);
}

// ---- what a cell can hold -------------------------------------------------------------

const UNITS = new Set([...UNIT_WORDS, '%', '百分比']);
const OPS = new Set([...Object.keys(COMPARATOR_WORDS), ...Object.keys(TARGET_NATURE_WORDS)]);

const plain = (cell: Cell) => foldWidth(cell.text).replace(/\s+/g, '');
const isFigure = (cell: Cell) => cell.kind === 'number' || cell.kind === 'percent' || cell.kind === 'quantity';
const POINTS = /^\d+(\.\d+)?分$/;
/** A figure gone wrong (`5.0.0`, `1,00`): digits and separators only, not a number. */
const MALFORMED_FIGURE = /^[\d.,%]*\d[\d.,%]*$/;
/** Points written in words (`二`, `一百`, `满分`): not a number, but written where a weight or score stands, and reported there as such. */
const POINTS_IN_WORDS = /^(满分|[零〇一二两三四五六七八九十百]{1,4}分?)$/;

/** What a cell's text says about the fields it can hold: read once per row, however often the row is matched. */
export interface CellTraits {
  cell: Cell;
  unit: boolean;
  op: boolean;
  malformedFigure: boolean;
  pointsInWords: boolean;
  points: boolean;
  /** A bound (`≥95%`): a target's mark, seldom an actual's. */
  comparator: boolean;
  /** The cell's kind and the traits above as one number: all that `fit` reads, so that cells with equal codes fit alike. */
  code: number;
}

const KIND_CODE: Readonly<Record<Cell['kind'], number>> = {
  label: 0, sharedColumn: 1, level1: 2, level2: 3, title: 4, page: 5, number: 6, percent: 7, quantity: 8, notApplicable: 9, marker: 10, text: 11,
};

/** The bound of each memo of this module: past it a memo starts again. */
const SHAPE_MEMO_LIMIT = 50_000;

/** What a text or marker cell's text says of it, as the low bits of its code (unit 1, op 2, malformed figure 4, points in words 8, points 16), by text. */
const TEXT_TRAITS = new RememberedMap<string, number>(SHAPE_MEMO_LIMIT);
const MARKER_TRAITS = new RememberedMap<string, number>(SHAPE_MEMO_LIMIT);
/** The longest text whose traits are kept. */
const TEXT_KEPT = 64;

function textTraits(cell: Cell): number {
  const memo = cell.kind === 'text' ? TEXT_TRAITS : MARKER_TRAITS;
  const key = cell.text;
  // A long text (prose, seldom repeated) is never kept: it is read each time, without a lookup.
  let bits = key.length <= TEXT_KEPT ? memo.get(key) : undefined;
  if (bits === undefined) {
    const isText = cell.kind === 'text';
    const text = plain(cell);
    bits = (isText && (UNITS.has(text) || isDurationUnit(text)) ? 1 : 0) + (OPS.has(text) ? 2 : 0) + (isText && MALFORMED_FIGURE.test(text) ? 4 : 0) + (isText && POINTS_IN_WORDS.test(text) ? 8 : 0) + (isText && POINTS.test(text) ? 16 : 0);
    if (key.length <= TEXT_KEPT) memo.set(key, bits);
  }
  return bits;
}

export function traitsOf(cell: Cell): CellTraits {
  return new Traits(cell, codeOf(cell));
}

function codeOf(cell: Cell): number {
  const bits = cell.kind === 'text' || cell.kind === 'marker' ? textTraits(cell) : 0;
  // A number or a percent is a figure alone, with no comparator among its tokens (src/parse/cells.ts, cellKindOf).
  let comparator = false;
  if (cell.kind !== 'number' && cell.kind !== 'percent') {
    const tokens = cell.tokens;
    for (let i = 0; i < tokens.length; i++) if (tokens[i].tokenType === Comparator) comparator = true;
  }
  return KIND_CODE[cell.kind] * 64 + bits + (comparator ? 32 : 0);
}

/** The traits `rowTraits` gives, made once and given again row after row; the arrays of them, by length. */
const ROW_TRAITS: Traits[] = [];
const ROW_ARRAYS: Traits[][] = [];
const ROW_TRAITS_KEPT = 64;

/**
 * The traits of a row's cells, in an array and objects that the next call
 * gives again with other cells in them: read while the row is placed, never
 * kept past it.
 */
export function rowTraits(cells: readonly Cell[]): readonly CellTraits[] {
  if (cells.length > ROW_TRAITS_KEPT) return cells.map(traitsOf);
  for (let i = ROW_TRAITS.length; i < cells.length; i++) ROW_TRAITS.push(new Traits(cells[i], 0));
  const traits = (ROW_ARRAYS[cells.length] ??= ROW_TRAITS.slice(0, cells.length));
  for (let i = 0; i < cells.length; i++) {
    traits[i].cell = cells[i];
    traits[i].code = codeOf(cells[i]);
  }
  return traits;
}

/** A cell with its code: each trait is a bit of the code (unit 1, op 2, malformed figure 4, points in words 8, points 16, comparator 32). */
class Traits implements CellTraits {
  constructor(
    public cell: Cell,
    public code: number,
  ) {}
  get unit(): boolean {
    return (this.code & 1) !== 0;
  }
  get op(): boolean {
    return (this.code & 2) !== 0;
  }
  get malformedFigure(): boolean {
    return (this.code & 4) !== 0;
  }
  get pointsInWords(): boolean {
    return (this.code & 8) !== 0;
  }
  get points(): boolean {
    return (this.code & 16) !== 0;
  }
  get comparator(): boolean {
    return (this.code & 32) !== 0;
  }
}

// ---- placement memoised by shape ----------------------------------------------------------------
//
// A row's placement depends only on the layout, and on each cell's traits code and column: rows of the same shape
// (most rows of most forms) are matched once. The memo is bounded; past its bound it starts again.


/** A number for each distinct layout (its fields in order, its columns and its drifts), by layout. */
const LAYOUT_IDS = new WeakMap<IndicatorLayout, number>();
const LAYOUT_SHAPES = new Map<string, number>();

/** The layout asked about last, and its number: a block asks about one layout row after row. */
let lastLayout: IndicatorLayout | null = null;
let lastLayoutId = 0;

function layoutId(layout: IndicatorLayout): number {
  if (layout === lastLayout) return lastLayoutId;
  let id = LAYOUT_IDS.get(layout);
  if (id === undefined) {
    const shape = `${layout.order.join()}|${[...layout.columns].map(([index, column]) => `${index}=${column}`).join()}|${layout.drifts.join()}`;
    id = LAYOUT_SHAPES.get(shape);
    if (id === undefined) LAYOUT_SHAPES.set(shape, (id = LAYOUT_SHAPES.size));
    LAYOUT_IDS.set(layout, id);
  }
  lastLayout = layout;
  lastLayoutId = id;
  return id;
}

const KEY_CODES = new KeyCodes();

/** A row's shape as a short string (the cells from `from` on): the layout's number, each cell's traits code and, if asked, its column. */
function shapeKey(layout: IndicatorLayout, cells: readonly CellTraits[], withColumns: boolean, from = 0): string {
  const codes = KEY_CODES;
  codes.start();
  codes.pushNumber(layoutId(layout));
  for (let i = from; i < cells.length; i++) {
    const traits = cells[i];
    codes.push(traits.code);
    // A cell between two captions stands at a half column (src/layout/space-columns.ts): the key keeps the half.
    if (withColumns) codes.pushNumber(traits.cell.index * 2);
  }
  return codes.text();
}


/**
 * How well a cell suits a field: 0 when it cannot hold it, 1 when it can
 * but seldom does, 2 when it usually does, 3 for a name in text and the
 * parts of a split target (an operator or a unit alone says what it is).
 */
export function fit(field: ContentField, traits: CellTraits): number {
  const { cell } = traits;
  switch (field) {
    case 'name':
      if (isFigure(cell) || cell.kind === 'marker' || traits.op || traits.unit || traits.malformedFigure) return 0;
      // A row's first text is its name rather than a text target with the name missing.
      return cell.kind === 'notApplicable' ? 1 : 3;
    case 'targetOp':
      return traits.op ? 3 : 0;
    case 'targetUnit':
      return traits.unit ? 3 : 0;
    case 'target':
    case 'actual':
      if (traits.op || traits.unit) return 0;
      if (cell.kind === 'marker') return 1;
      // A bound (`≥95%`) is a target; an actual seldom carries one.
      return field === 'actual' && traits.comparator ? 1 : 2;
    case 'weight':
    case 'score':
      if (cell.kind === 'number' || cell.kind === 'marker' || traits.pointsInWords) return 2;
      if (cell.kind === 'notApplicable' || traits.malformedFigure || traits.points) return 1;
      return 0;
    case 'deviation':
      if (isFigure(cell) || traits.malformedFigure) return 0;
      return cell.kind === 'text' && !traits.pointsInWords ? 2 : 1;
  }
}

// ---- matching a row's cells to the layout --------------------------------------------------

export interface Unplaced {
  cell: Cell;
  reason: 'no-column' | 'ambiguous';
  /** The fields the readings that tie give the cell. */
  candidates: ContentField[];
}

export interface Assignment {
  fields: [ContentField, Cell][];
  unplaced: Unplaced[];
}

/** A cell left out costs more than any poor fit: every cell that can be placed is. */
const SKIPPED = -20;
/** Weight of a fit step against a cell standing under its own caption: the content decides, the column breaks ties. */
const FIT_WEIGHT = 4;
const UNDER_CAPTION = 3;
/** Readings enumerated at most per row: a row with more ties than that is read from the first ones found. */
const MAX_READINGS = 256;
/** Cells matched at most: a row far wider than any layout is matched on its first cells. */
const MAX_CELLS = 24;

/** One reading: for each cell, the index in `order` of its field, or -1 (left out). */
type Reading = number[];

/** What placing cell i in field j is worth, at [i * m + j] for m fields; 0 or less when it cannot go there. */
type Worth = Int16Array;

/** Each cell's fit to each field of the order, weighted: what the content says, before any column is looked at. */
function fitMatrix(cells: readonly CellTraits[], order: readonly ContentField[]): Worth {
  const m = order.length;
  const worth = new Int16Array(cells.length * m);
  cells.forEach((traits, i) => {
    for (let j = 0; j < m; j++) worth[i * m + j] = fit(order[j], traits) * FIT_WEIGHT;
  });
  return worth;
}

/** best[i * (m + 1) + j]: the best total worth of cells i… placed into fields j…. */
function worthTable(n: number, m: number, worth: Worth): Int32Array {
  const stride = m + 1;
  const best = new Int32Array((n + 1) * stride);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      let score = SKIPPED + best[(i + 1) * stride + j];
      if (j < m) {
        const w = worth[i * m + j];
        if (w > 0) score = Math.max(score, w + best[(i + 1) * stride + j + 1]);
        score = Math.max(score, best[i * stride + j + 1]);
      }
      best[i * stride + j] = score;
    }
  }
  return best;
}

/**
 * How a row's content cells read at best against the layout: the best total
 * fit, and whether the first best reading names the row and places every
 * cell (neither, for a row wider than MAX_CELLS).
 */
export interface RowFit {
  total: number;
  names: boolean;
  placesAll: boolean;
}

const ROW_FITS = new RememberedMap<string, RowFit>(SHAPE_MEMO_LIMIT);

/** How the cells from `from` on read (all of them by default). */
export function rowFit(cells: readonly CellTraits[], layout: IndicatorLayout, from = 0): RowFit {
  const key = shapeKey(layout, cells, false, from);
  let found = ROW_FITS.get(key);
  if (found === undefined) ROW_FITS.set(key, (found = rowFitOf(from === 0 ? cells : cells.slice(from), layout)));
  return found;
}

function rowFitOf(cells: readonly CellTraits[], layout: IndicatorLayout): RowFit {
  const kept = cells.slice(0, MAX_CELLS);
  const { order } = layout;
  const worth = fitMatrix(kept, order);
  const best = worthTable(kept.length, order.length, worth);
  if (cells.length > MAX_CELLS) return { total: best[0], names: false, placesAll: false };
  const reading = firstBestReading(kept.length, order.length, worth, best);
  return { total: best[0], names: reading.some((j) => j >= 0 && order[j] === 'name'), placesAll: reading.every((j) => j >= 0) };
}

/** The first reading bestReadings would list: at each cell, placing it before leaving it out before skipping a field. */
function firstBestReading(n: number, m: number, worth: Worth, best: Int32Array): Reading {
  const stride = m + 1;
  const reading: Reading = [];
  let [i, j] = [0, 0];
  while (i < n) {
    const target = best[i * stride + j];
    if (j < m && worth[i * m + j] > 0 && worth[i * m + j] + best[(i + 1) * stride + j + 1] === target) {
      reading.push(j);
      [i, j] = [i + 1, j + 1];
    } else if (SKIPPED + best[(i + 1) * stride + j] === target) {
      reading.push(-1);
      i++;
    } else j++;
  }
  return reading;
}

/** Skipping fields in different orders reaches the same reading more than once. */
function distinctReadings(readings: readonly Reading[]): Reading[] {
  const seen = new Set<string>();
  return readings.filter((r) => !seen.has(r.join()) && seen.add(r.join()));
}

/** Every order-keeping match of n cells to m fields with the best total worth. */
function bestReadings(n: number, m: number, worth: Worth): { total: number; readings: Reading[] } {
  const best = worthTable(n, m, worth);
  const stride = m + 1;
  const readings: Reading[] = [];
  const walk = (i: number, j: number, acc: number[]) => {
    if (readings.length >= MAX_READINGS) return;
    if (i === n) {
      readings.push([...acc]);
      return;
    }
    const target = best[i * stride + j];
    // Place cell i in field j.
    if (j < m) {
      const w = worth[i * m + j];
      if (w > 0 && w + best[(i + 1) * stride + j + 1] === target) {
        acc.push(j);
        walk(i + 1, j + 1, acc);
        acc.pop();
      }
    }
    // Leave cell i out.
    if (SKIPPED + best[(i + 1) * stride + j] === target) {
      acc.push(-1);
      walk(i + 1, j, acc);
      acc.pop();
    }
    // Skip field j (it is empty in this row).
    if (j < m && best[i * stride + j + 1] === target) walk(i, j + 1, acc);
  };
  walk(0, 0, []);
  return { total: best[0], readings: readings.length > 1 ? distinctReadings(readings) : readings };
}

/**
 * The fields of a row's content cells (the cells after its labels): the
 * order-keeping matches of cells to the header's fields with the best worth,
 * what each cell holds weighing most and its standing under the field's
 * caption breaking ties, when every cell of the reading stands so. Cells the best readings place differently are left
 * unplaced, as are cells no reading places.
 */
export function assignCells(content: readonly CellTraits[], layout: IndicatorLayout): Assignment {
  if (content.length === 0) return { fields: [], unplaced: [] };
  const choices = choicesOf(content, layout);
  const { order } = layout;
  // The fields the row fills, counted first: the list is made at its size.
  let filled = 0;
  for (const choice of choices) if (choice.length === 1 && choice[0] >= 0) filled++;
  const fields = new Array<[ContentField, Cell]>(filled);
  filled = 0;
  const unplaced: Unplaced[] = [];
  // Cells past the widest row matched come first among the unplaced, then those of the row left unplaced.
  for (let i = MAX_CELLS; i < content.length; i++) unplaced.push({ cell: content[i].cell, reason: 'no-column', candidates: [] });
  for (let i = 0; i < choices.length; i++) {
    const { cell } = content[i];
    const choice = choices[i];
    if (choice.length === 1 && choice[0] >= 0) fields[filled++] = [order[choice[0]], cell];
    else if (choice.length === 1) unplaced.push({ cell, reason: 'no-column', candidates: [] });
    else unplaced.push({ cell, reason: 'ambiguous', candidates: choice.filter((j) => j >= 0).map((j) => order[j]) });
  }
  return { fields, unplaced };
}

/**
 * What `assignCells` reads, before any list is made of it: for each of the row's first MAX_CELLS content cells, the
 * fields (indexes in the layout's order, -1 left out) its best readings give it; one field (or -1) is a placement,
 * several a tie. Cells past MAX_CELLS are placed nowhere. Remembered by the row's shape, never changed.
 */
export function choicesOf(content: readonly CellTraits[], layout: IndicatorLayout): readonly (readonly number[])[] {
  if (content.length === 0) return NO_CHOICES;
  const traits = content.length > MAX_CELLS ? content.slice(0, MAX_CELLS) : content;
  const key = shapeKey(layout, traits, true);
  let choices = CHOICES.get(key);
  if (choices === undefined) CHOICES.set(key, (choices = cellChoices(traits, layout)));
  return choices;
}

/** The cells past the widest row matched: never placed. */
export const MAX_MATCHED_CELLS = MAX_CELLS;

const NO_CHOICES: readonly (readonly number[])[] = [];

/** For each cell of a row shape, the fields (indexes in the layout's order, -1 left out) its best readings give it. */
const CHOICES = new RememberedMap<string, readonly (readonly number[])[]>(SHAPE_MEMO_LIMIT);

function cellChoices(traits: readonly CellTraits[], layout: IndicatorLayout): readonly (readonly number[])[] {
  const cells = traits.map((t) => t.cell);
  const { order } = layout;
  const n = cells.length;
  const m = order.length;
  const fits = fitMatrix(traits, order);
  let total = -Infinity;
  let readings: Reading[] = [];
  // A row stands as the header does, or drifted left by the empty cells an export drops before its name (the merged
  // label cells of the rows a label does not stand on). A drifted row is read by its columns only when its first
  // content cell is its name and every cell then stands under its field's caption; two shifts that read the row
  // differently leave the cells they disagree on unplaced.
  for (const shift of layout.drifts) {
    const captions = cells.map((cell) => layout.columns.get(cell.index - shift));
    // A drifted reading needs the first cell to be the name, standing under 三级指标.
    if (shift !== 0 && captions[0] !== 'name') continue;
    const under = (i: number, j: number) => captions[i] === order[j];
    const worth: Worth = fits.slice();
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) if (worth[i * m + j] > 0 && under(i, j)) worth[i * m + j] += UNDER_CAPTION;
    }
    const found = bestReadings(n, m, worth);
    // A shift under which some cell stands elsewhere than its field's caption says nothing about the row.
    if (!found.readings[0].every((j, i) => j < 0 || under(i, j))) continue;
    if (shift !== 0 && !found.readings.every((r) => r[0] >= 0 && order[r[0]] === 'name')) continue;
    if (found.total > total) [total, readings] = [found.total, found.readings];
    else if (found.total === total) readings = [...readings, ...found.readings];
  }
  if (readings.length === 0) readings = bestReadings(n, m, fits).readings;
  return cells.map((_, i) => (readings.length === 1 ? [readings[0][i]] : [...new Set(readings.map((r) => r[i]))]));
}
