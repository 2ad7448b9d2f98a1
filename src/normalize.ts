/**
 * Stage 5: the indicator block's rows → the flat list of indicators, each with
 * its 一级 and 二级. Cells are placed by kind (labels, name, figures), with the
 * header's columns as a fallback; merged labels are spread over their group
 * whichever row of it they were printed on; the 二级 name decides the 一级
 * through the taxonomy table; ambiguous rows are reported with both readings.
 */
import { captionKey, INDICATOR_COLUMNS } from './tables/labels.js';
import { FRAMEWORK_2021_MARKERS, LEVEL2_ALIASES, level1Of, type Framework } from './tables/taxonomy.js';
import type { Cell, Row } from './rows.js';
import type { Diagnostic, Form, Indicator } from './schema.js';
import { nameOfLevel1, pointsOfLevel1, toFigure, toMeasure } from './values.js';
import { unplaced, type DraftForm } from './forms.js';
import type { CellLedger } from './ledger.js';

type Field = 'name' | 'target' | 'actual' | 'weight' | 'score' | 'deviation';
const FIELD_ORDER: readonly Field[] = ['name', 'target', 'actual', 'weight', 'score', 'deviation'];
const FIGURE_FIELDS: ReadonlySet<Field> = new Set(['weight', 'score']);

/** One indicator row with its cells placed, before the hierarchy is known. */
interface PlacedRow {
  row: Row;
  level1Labels: Cell[];
  level2Labels: string[];
  fields: Partial<Record<Field, Cell>>;
}

export function normalizeForm(draft: DraftForm): Form {
  const { indicatorRows, ledger, ...rest } = draft;
  const diagnostics = [...draft.diagnostics];
  const indicators = normalizeIndicators(indicatorRows, ledger, diagnostics);
  if (indicatorRows.length === 0 && draft.total === null) diagnostics.push(truncated(draft));
  return { ...rest, indicators, diagnostics, findings: [], summary: null };
}

/** A form that stops before its indicator block and its 总分 row: the export was most likely cut off. */
function truncated(draft: DraftForm): Diagnostic {
  return {
    code: 'truncated-form',
    severity: 'warning',
    message: 'the form ends with neither its indicator block (年度绩效指标) nor its 总分 row: the export may be cut off',
    line: draft.source.endLine,
    column: 1,
  };
}

export function normalizeIndicators(rows: readonly Row[], ledger: CellLedger, diagnostics: Diagnostic[]): Indicator[] {
  let columns = new Map<number, Field | 'level1' | 'level2'>();
  const placed: PlacedRow[] = [];
  for (const row of rows) {
    if (row.kind === 'indicatorHeader' || row.kind === 'page') {
      row.cells.forEach((c) => ledger.label(c));
      if (row.kind === 'indicatorHeader' && columns.size === 0) columns = headerColumns(row);
      continue;
    }
    placed.push(placeRow(row, columns, ledger, diagnostics));
  }
  const framework = frameworkOf(placed);
  const levels = assignHierarchy(placed, framework, diagnostics);
  const indicators: Indicator[] = [];
  placed.forEach((p, i) => {
    if (isIndicatorRow(p)) indicators.push(toIndicator(p, levels[i], diagnostics));
  });
  return indicators;
}

/** A row with content: rows holding only labels give no indicator. */
const isIndicatorRow = (p: PlacedRow) => Boolean(p.fields.name || p.fields.target || p.fields.weight || p.fields.score);

// ---- placing the cells of one row ---------------------------------------------------

function headerColumns(row: Row): Map<number, Field | 'level1' | 'level2'> {
  const columns = new Map<number, Field | 'level1' | 'level2'>();
  for (const cell of row.cells) {
    const field = INDICATOR_COLUMNS[captionKey(cell.text)];
    if (field) columns.set(cell.index, field);
  }
  return columns;
}

const isLevelLabel = (cell: Cell) => cell.kind === 'level1' || cell.kind === 'level2';

function placeRow(row: Row, columns: ReadonlyMap<number, Field | 'level1' | 'level2'>, ledger: CellLedger, diagnostics: Diagnostic[]): PlacedRow {
  const firstContent = row.cells.findIndex((c) => !isLevelLabel(c));
  const labels = firstContent < 0 ? row.cells : row.cells.slice(0, firstContent);
  const content = firstContent < 0 ? [] : row.cells.slice(firstContent);
  labels.forEach((c) => ledger.label(c));
  const placed: PlacedRow = { row, level1Labels: [], level2Labels: [], fields: {} };
  for (const cell of labels) {
    if (cell.kind === 'level2') placed.level2Labels.push(canonicalLevel2(cell.text));
    else placed.level1Labels.push(cell);
  }
  const assignment = assignFields(content, columns);
  for (const [field, cell] of assignment.fields) {
    placed.fields[field] = cell;
    ledger.field(cell);
  }
  for (const cell of assignment.rest) diagnostics.push(unplaced(cell, 'in an indicator row'));
  return placed;
}

function canonicalLevel2(text: string): string {
  const plain = captionKey(text);
  return LEVEL2_ALIASES[plain] ?? plain;
}

const plausibleFor = (field: Field, cell: Cell) =>
  !FIGURE_FIELDS.has(field) || cell.kind === 'number' || cell.kind === 'marker' || cell.kind === 'notApplicable';

/** A figure, a quantity or a dash is never an indicator's name: a row starting with one has lost its name. */
const couldBeName = (cell: Cell) => cell.kind !== 'number' && cell.kind !== 'percent' && cell.kind !== 'quantity' && cell.kind !== 'marker';

interface FieldAssignment {
  fields: [Field, Cell][];
  rest: Cell[];
}

/**
 * Which cell is which field. A full row (name, target, actual, weight, score)
 * is read in order whatever its columns; a shorter one is laid against the
 * header's columns, shifted so its name sits under 三级指标. A row whose
 * first cell cannot be a name is laid against the columns as it stands: its
 * name is missing.
 */
export function assignFields(content: readonly Cell[], columns: ReadonlyMap<number, string>): FieldAssignment {
  if (content.length === 0) return { fields: [], rest: [] };
  const inOrder = (): FieldAssignment => ({
    fields: content.slice(0, FIELD_ORDER.length).map((c, i) => [FIELD_ORDER[i], c] as [Field, Cell]),
    rest: content.slice(FIELD_ORDER.length),
  });
  if (content.length >= 5 && plausibleFor('weight', content[3]) && plausibleFor('score', content[4])) return inOrder();
  const nameColumn = [...columns.entries()].find(([, f]) => f === 'name')?.[0];
  if (nameColumn !== undefined) {
    const named = couldBeName(content[0]);
    for (const shift of named ? [0, content[0].index - nameColumn] : [0]) {
      const byColumn = content.map((c) => [columns.get(c.index - shift), c] as [string | undefined, Cell]);
      const fields = byColumn.filter(([f]) => f !== undefined && (FIELD_ORDER as readonly string[]).includes(f)) as [Field, Cell][];
      const unique = new Set(fields.map(([f]) => f)).size === fields.length;
      const startsRight = fields.length > 0 && (fields[0][0] === 'name') === named;
      if (fields.length === content.length && unique && startsRight && fields.every(([f, c]) => plausibleFor(f, c))) {
        return { fields, rest: [] };
      }
    }
  }
  return inOrder();
}

// ---- the hierarchy -------------------------------------------------------------------

function frameworkOf(rows: readonly PlacedRow[]): Framework {
  for (const p of rows) {
    if (p.level2Labels.some((l) => FRAMEWORK_2021_MARKERS.includes(l))) return '2021';
    if (p.level1Labels.some((c) => nameOfLevel1(c.text) === '成本指标' && pointsOfLevel1(c.text) !== null)) return '2021';
  }
  return '2020';
}

interface Levels {
  level1: string | null;
  level1Points: string | null;
  level2: string | null;
}

type Alignment = 'top' | 'middle' | 'bottom';

/** Where a merged label lands in a group of n rows under each alignment. */
const LABEL_OFFSET: Readonly<Record<Alignment, (n: number) => number>> = {
  top: () => 0,
  middle: (n) => Math.floor((n - 1) / 2),
  bottom: (n) => n - 1,
};

/** Alignments in the order a reading is preferred when several fit: exports mostly keep the label on the first row. */
const ALIGNMENTS: readonly Alignment[] = ['top', 'middle', 'bottom'];

/** The label each indicator row carries, once the labels are read. */
interface Marks {
  level1: (string | null)[];
  level2: (string | null)[];
  /** Rows whose 一级 label belonged to another group and was moved to the next row. */
  misplaced: Set<number>;
  points: Map<string, string | null>;
}

/**
 * Gives each row its 一级 and 二级. A merged label covers a group of rows and
 * was printed on its first, middle or last row. Each 二级 label (and each
 * 一级 label of a group without 二级, such as satisfaction) owns one group;
 * the groups of a 一级 are the consecutive 二级 groups whose taxonomy parent
 * it is, and its own label must sit in the same place of that larger group.
 * Every layout consistent with the labels is found; rows that two of them
 * place differently are reported as ambiguous. A block no clean layout
 * explains is read by the first-row heuristics of `fallbackReading`.
 */
function assignHierarchy(rows: PlacedRow[], framework: Framework, diagnostics: Diagnostic[]): Levels[] {
  const marks = readMarks(rows, framework);
  const units = unitsOf(marks, framework);
  const exact = exactReading(units, marks, rows.length);
  if (!exact) return fallbackReading(rows, marks, framework, diagnostics);
  const levelsOf = (unit: number): Levels => {
    if (unit < 0) return { level1: null, level1Points: null, level2: null };
    const { level1, level2 } = units[unit];
    return { level1, level1Points: level1 ? (marks.points.get(level1) ?? null) : null, level2 };
  };
  return rows.map((p, i) => {
    const chosen = levelsOf(exact.unitOf[i]);
    // Two groups of the same labels read the row alike: only a different 一级 or 二级 is an alternative.
    const seen = new Set([readingKey(chosen)]);
    const others = exact.alternatives[i].map(levelsOf).filter((l) => !seen.has(readingKey(l)) && seen.add(readingKey(l)));
    if (others.length > 0 && isIndicatorRow(p)) {
      const readings = [chosen, ...others].map((l) => `${l.level1 ?? '?'} / ${l.level2 ?? '—'}`);
      diagnostics.push({
        code: 'ambiguous-hierarchy',
        severity: 'warning',
        message: `the merged labels allow this row to be read as ${readings.join(' or ')}; read as ${readings[0]}`,
        line: p.row.line,
        column: p.row.cells[0]?.column ?? 1,
        detail: { chosen: pick(chosen), alternative: pick(others[0]), alternatives: others.map(pick) },
      });
    }
    return chosen;
  });
}

const pick = (l: Levels) => ({ level1: l.level1, level2: l.level2 });
const readingKey = (l: Levels) => `${l.level1}\u0000${l.level2}`;

/** The labels of each row: the 2020 成本指标 as a 二级, declared points, misplaced 一级 labels moved. */
function readMarks(rows: PlacedRow[], framework: Framework): Marks {
  // In the 2020 framework a pointless 成本指标 label is the 二级 under 产出指标.
  if (framework === '2020') {
    for (const p of rows) {
      const cost = p.level1Labels.filter((c) => nameOfLevel1(c.text) === '成本指标' && pointsOfLevel1(c.text) === null);
      if (cost.length > 0) {
        p.level1Labels = p.level1Labels.filter((c) => !cost.includes(c));
        p.level2Labels.push('成本指标');
      }
    }
  }
  const points = new Map<string, string | null>();
  for (const p of rows) {
    for (const cell of p.level1Labels) {
      const name = nameOfLevel1(cell.text);
      const declared = pointsOfLevel1(cell.text);
      if (!points.has(name) || (points.get(name) === null && declared !== null)) points.set(name, declared);
    }
  }
  const level1 = rows.map((p) => (p.level1Labels.length ? nameOfLevel1(p.level1Labels[p.level1Labels.length - 1].text) : null));
  const level2 = rows.map((p) => (p.level2Labels.length ? p.level2Labels[p.level2Labels.length - 1] : null));

  // A 一级 label printed on a row whose 二级 belongs to another 一级 cannot be
  // where its group is (seed lines 141, 223): it opens its group on the next row.
  const misplaced = new Set<number>();
  rows.forEach((_, i) => {
    const l1 = level1[i];
    const parent = level2[i] ? level1Of(level2[i]!, framework) : null;
    if (l1 && parent && parent !== l1) {
      misplaced.add(i);
      level1[i] = null;
      if (i + 1 < rows.length && level1[i + 1] === null) level1[i + 1] = l1;
    }
  });
  return { level1, level2, misplaced, points };
}

/** A label that owns a group of rows: a 二级 label, or the 一级 label of a group without 二级. */
interface Unit {
  row: number;
  level1: string | null;
  level2: string | null;
  /** A 一级 group of its own (no 二级 labels under it). */
  flat: boolean;
}

function unitsOf(marks: Marks, framework: Framework): Unit[] {
  const parents = new Set(marks.level2.flatMap((l) => (l ? [level1Of(l, framework)] : [])));
  const units: Unit[] = [];
  marks.level2.forEach((l2, row) => {
    const l1 = marks.level1[row];
    if (l2) units.push({ row, level1: level1Of(l2, framework), level2: l2, flat: false });
    else if (l1 && !parents.has(l1 as ReturnType<typeof level1Of>)) units.push({ row, level1: l1, level2: null, flat: true });
  });
  return units;
}

interface ExactReading {
  /** Row → index of the unit whose group holds it in the chosen reading. */
  unitOf: number[];
  /** Row → every unit some consistent reading puts it in. */
  alternatives: number[][];
}

/**
 * Every reading in which each label sits exactly where its alignment puts it
 * in its group, for each alignment; null when there is none. The chosen
 * reading comes from the first alignment in ALIGNMENTS that has one. When
 * no reading places the 一级 labels too (a 一级 label repeated over groups
 * of the same name), the readings that place the 二级 labels and keep each
 * 一级 label inside a group of its own name are taken instead.
 */
function exactReading(units: readonly Unit[], marks: Marks, rowCount: number): ExactReading | null {
  if (units.length === 0 || rowCount === 0) return null;
  const level1Marks = structuredLevel1Marks(units, marks);
  return readingsBy(units, level1Marks, rowCount, 'placed') ?? readingsBy(units, level1Marks, rowCount, 'named');
}

/** How the 一级 labels of a group are checked: at the alignment's offset, or only by name. */
type Level1Rule = 'placed' | 'named';

function readingsBy(units: readonly Unit[], level1Marks: Level1Marks, rowCount: number, rule: Level1Rule): ExactReading | null {
  let chosen: number[] | null = null;
  const spans: [number, number][] = units.map(() => [Infinity, -Infinity]);
  for (const alignment of ALIGNMENTS) {
    const found = layouts(units, level1Marks, rowCount, alignment, rule);
    if (!found) continue;
    chosen ??= found.starts;
    found.spans.forEach(([from, to], k) => {
      spans[k][0] = Math.min(spans[k][0], from);
      spans[k][1] = Math.max(spans[k][1], to);
    });
  }
  if (!chosen) return null;
  const unitOf = new Array<number>(rowCount).fill(-1);
  chosen.forEach((start, k) => {
    const end = k + 1 < chosen!.length ? chosen![k + 1] : rowCount;
    for (let i = start; i < end; i++) unitOf[i] = k;
  });
  const alternatives: number[][] = Array.from({ length: rowCount }, () => []);
  spans.forEach(([from, to], k) => {
    for (let i = from; i < to; i++) alternatives[i].push(k);
  });
  return { unitOf, alternatives };
}

/**
 * The 一级 labels that do not own a group themselves (their groups have 二级
 * labels), by row, with a prefix count to find them in a range of rows.
 */
interface Level1Marks {
  at: (string | null)[];
  /** before[i] = number of such labels in rows 0 … i-1. */
  before: Int32Array;
  /** The same count for each 一级 name. */
  beforeByName: Map<string, Int32Array>;
  /** firstFrom[i] = first row ≥ i holding one, or -1. */
  firstFrom: Int32Array;
}

function structuredLevel1Marks(units: readonly Unit[], marks: Marks): Level1Marks {
  const owning = new Set(units.filter((u) => u.flat).map((u) => u.row));
  const at = marks.level1.map((l, i) => (l && !owning.has(i) ? l : null));
  const prefixCount = (holds: (l: string | null) => boolean) => {
    const count = new Int32Array(at.length + 1);
    at.forEach((l, i) => (count[i + 1] = count[i] + (holds(l) ? 1 : 0)));
    return count;
  };
  const before = prefixCount((l) => l !== null);
  const beforeByName = new Map([...new Set(at.filter((l): l is string => l !== null))].map((name) => [name, prefixCount((l) => l === name)]));
  const firstFrom = new Int32Array(at.length + 1).fill(-1);
  for (let i = at.length - 1; i >= 0; i--) firstFrom[i] = at[i] ? i : firstFrom[i + 1];
  return { at, before, beforeByName, firstFrom };
}

interface Layouts {
  /** Group starts of one consistent reading, one per unit. */
  starts: number[];
  /** Per unit, the rows [from, to) its group covers in some consistent reading. */
  spans: [number, number][];
}

/** A state of the search: the current unit's group starts at `start`, its 一级 group at `groupStart`. */
interface Node {
  start: number;
  groupStart: number;
  preds: Node[];
  live: boolean;
  /** Fewest groups of even size on a way here, and the predecessor on that way. */
  evenGroups: number;
  best: Node | null;
}

/**
 * All readings of one alignment, by a walk over the units: each unit's group
 * starts where the previous one ended and must put the unit's label at the
 * alignment's offset; when a 一级 group (a run of units with the same parent)
 * closes, the 一级 labels inside it must be its own, at the same offset.
 * States are (group start, 一级 group start); their number stays within the
 * rows between two labels, so the walk is linear in practice, and it gives up
 * (null) past a budget proportional to the block.
 */
function layouts(units: readonly Unit[], level1: Level1Marks, rowCount: number, alignment: Alignment, rule: Level1Rule): Layouts | null {
  const offset = LABEL_OFFSET[alignment];
  const budget = 8 * rowCount + 64;
  let used = 1;
  const layers: Node[][] = [[{ start: 0, groupStart: 0, preds: [], live: false, evenGroups: 0, best: null }]];
  for (let k = 0; k < units.length; k++) {
    const unit = units[k];
    const last = k === units.length - 1;
    const limit = last ? rowCount : units[k + 1].row;
    const closesGroup = last || unit.flat || units[k + 1].flat || units[k + 1].level1 !== unit.level1;
    const next = new Map<number, Node>();
    for (const node of layers[k]) {
      for (const end of groupEnds(alignment, node.start, unit.row, limit)) {
        if (last && end !== rowCount) continue;
        if (closesGroup && !level1Fits(level1, node.groupStart, end, unit, offset, rule)) continue;
        const groupStart = closesGroup ? end : node.groupStart;
        const key = end * (rowCount + 1) + groupStart;
        let target = next.get(key);
        if (!target) {
          target = { start: end, groupStart, preds: [], live: false, evenGroups: Infinity, best: null };
          next.set(key, target);
          if (++used > budget) return null;
        }
        target.preds.push(node);
        const evenGroups = node.evenGroups + ((end - node.start) % 2 === 0 ? 1 : 0);
        if (evenGroups < target.evenGroups) {
          target.evenGroups = evenGroups;
          target.best = node;
        }
      }
    }
    if (next.size === 0) return null;
    layers.push([...next.values()]);
  }
  for (const node of layers[units.length]) node.live = true;
  const spans: [number, number][] = units.map(() => [Infinity, -Infinity]);
  for (let k = units.length; k > 0; k--) {
    for (const node of layers[k]) {
      if (!node.live) continue;
      for (const pred of node.preds) {
        pred.live = true;
        spans[k - 1][0] = Math.min(spans[k - 1][0], pred.start);
        spans[k - 1][1] = Math.max(spans[k - 1][1], node.start);
      }
    }
  }
  // The reading chosen: the one with the fewest groups of even size (a centred label sits exactly in the middle of an odd group).
  const starts: number[] = [];
  const final = layers[units.length].reduce((a, b) => (b.evenGroups < a.evenGroups ? b : a));
  for (let node: Node | null = final; node.best !== null; node = node.best) starts.push(node.best.start);
  return { starts: starts.reverse(), spans };
}

/** Where the group of a label at `row` can end (exclusive) if it starts at `start`, not past `limit`. */
function groupEnds(alignment: Alignment, start: number, row: number, limit: number): number[] {
  if (start > row) return [];
  if (alignment === 'top') return start === row ? [limit] : [];
  if (alignment === 'bottom') return row + 1 <= limit ? [row + 1] : [];
  const before = row - start;
  return [row + before + 1, row + before + 2].filter((end) => end <= limit);
}

/**
 * A closed 一级 group [from, to) holds no 一级 label but its own: once, at the
 * alignment's offset ('placed'), or any number of times anywhere ('named').
 */
function level1Fits(level1: Level1Marks, from: number, to: number, unit: Unit, offset: (n: number) => number, rule: Level1Rule): boolean {
  const count = level1.before[to] - level1.before[from];
  if (count === 0) return true;
  if (unit.flat) return false;
  if (rule === 'named') {
    const own = unit.level1 === null ? undefined : level1.beforeByName.get(unit.level1);
    return own !== undefined && own[to] - own[from] === count;
  }
  if (count > 1) return false;
  const row = level1.firstFrom[from];
  return level1.at[row] === unit.level1 && row - from === offset(to - from);
}

// ---- the fallback reading -------------------------------------------------------------

/**
 * For blocks no clean layout explains (labels missing or misplaced): labels
 * are spread by the alignment the block's first rows suggest, 一级 labels
 * separately; a row whose 二级 and 一级 readings disagree follows its 一级
 * label when the next 二级 label belongs to it, and is reported with both
 * readings (seed line 142).
 */
function fallbackReading(rows: PlacedRow[], marks: Marks, framework: Framework, diagnostics: Diagnostic[]): Levels[] {
  const alignment = fallbackAlignment(rows, marks);
  const level2Spread = spreadLabels(marks.level2, marks.level1, alignment);
  const level1Spread = spreadLabels(marks.level1, null, alignment);
  const nextLevel2 = labelsAfter(marks.level2);
  return rows.map((p, i) => {
    let level2 = level2Spread.labels[i];
    let level1: string | null = level2 ? level1Of(level2, framework) : null;
    const byLabel = level1Spread.labels[i];
    if (level2Spread.ambiguous.has(i) && isIndicatorRow(p)) {
      diagnostics.push({
        code: 'ambiguous-hierarchy',
        severity: 'warning',
        message: `row could belong to the 二级 group above or below it; read as ${level2}`,
        line: p.row.line,
        column: p.row.cells[0]?.column ?? 1,
        detail: { chosen: { level1, level2 } },
      });
    }
    if (level1 && byLabel && level1 !== byLabel && marks.level2[i] === null && !marks.misplaced.has(i) && byLabel !== '满意度指标') {
      const next = nextLevel2[i];
      if (next && level1Of(next, framework) === byLabel) {
        diagnostics.push({
          code: 'ambiguous-hierarchy',
          severity: 'warning',
          message: `row read as ${byLabel} / ${next}; it could also be ${level1} / ${level2} (the row before it)`,
          line: p.row.line,
          column: p.row.cells[0]?.column ?? 1,
          detail: { chosen: { level1: byLabel, level2: next }, alternative: { level1, level2 } },
        });
        level2 = next;
        level1 = byLabel;
      }
    }
    if (!level1) level1 = byLabel;
    return { level1, level1Points: level1 ? (marks.points.get(level1) ?? null) : null, level2 };
  });
}

/** For each row, the first 二级 label strictly below it. */
function labelsAfter(marks: readonly (string | null)[]): (string | null)[] {
  const after = new Array<string | null>(marks.length).fill(null);
  for (let i = marks.length - 2; i >= 0; i--) after[i] = marks[i + 1] ?? after[i + 1];
  return after;
}

function fallbackAlignment(rows: readonly PlacedRow[], marks: Marks): Alignment {
  const firstContent = rows.findIndex((p) => p.fields.name);
  if (firstContent < 0 || marks.level2[firstContent] !== null || marks.level1[firstContent] !== null) return 'top';
  // Bottom-aligned 一级 labels land on the last row of their last 二级 group, which carries that group's label too.
  const level1Rows = marks.level1.map((m, i) => (m && m !== '满意度指标' ? i : -1)).filter((i) => i >= 0);
  if (level1Rows.length > 0 && level1Rows.every((i) => marks.level2[i] !== null)) return 'bottom';
  return 'middle';
}

interface Spread {
  labels: (string | null)[];
  /** Rows that the centred label above or the one below could both cover. */
  ambiguous: Set<number>;
}

/**
 * Spreads labels over their groups. Top: a label covers the rows after it
 * until the next label (a satisfaction 一级 label closes the 二级 group
 * above it). Bottom: the rows before it since the previous one. Middle: the
 * rows between two labels are split evenly; with an odd number of them the
 * middle one could go either way.
 */
function spreadLabels(marks: readonly (string | null)[], resets: readonly (string | null)[] | null, alignment: Alignment): Spread {
  const labels: (string | null)[] = new Array(marks.length).fill(null);
  const ambiguous = new Set<number>();
  const at = marks.map((m, i) => (m ? i : -1)).filter((i) => i >= 0);
  if (at.length === 0) return { labels, ambiguous };
  if (alignment === 'top') {
    let current: string | null = null;
    marks.forEach((m, i) => {
      if (m) current = m;
      else if (resets?.[i] === '满意度指标') current = null;
      labels[i] = current;
    });
    return { labels, ambiguous };
  }
  if (alignment === 'bottom') {
    let current: string | null = null;
    for (let i = at[at.length - 1]; i >= 0; i--) {
      if (marks[i]) current = marks[i];
      labels[i] = current;
    }
    return { labels, ambiguous };
  }
  at.forEach((row, k) => {
    const from = k === 0 ? 0 : at[k - 1] + 1 + Math.ceil((row - at[k - 1] - 1) / 2);
    const to = k + 1 < at.length ? row + 1 + Math.ceil((at[k + 1] - row - 1) / 2) : marks.length;
    for (let i = from; i < to; i++) labels[i] = marks[row];
    if (k + 1 < at.length && (at[k + 1] - row - 1) % 2 === 1) ambiguous.add(to - 1);
  });
  return { labels, ambiguous };
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
    diagnostics.push({
      code: 'indicator-without-name',
      severity: 'warning',
      message: 'indicator row has no name',
      line: p.row.line,
      column: p.row.cells[0]?.column ?? 1,
    });
  }
  return {
    level1: levels.level1,
    level1Points: levels.level1Points,
    level2: levels.level2,
    name: fields.name ? fields.name.text : null,
    target: fields.target ? toMeasure(fields.target) : null,
    actual: fields.actual ? toMeasure(fields.actual) : null,
    weight: figure('weight', '分值'),
    score: figure('score', '得分'),
    deviation: fields.deviation ? fields.deviation.text || null : null,
    line: p.row.line,
    recomputedScore: null,
  };
}
