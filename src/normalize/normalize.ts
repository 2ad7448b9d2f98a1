/**
 * Stage 5: the indicator block's rows → the flat list of indicators, each with
 * its 一级 and 二级. The header names the block's columns; each row's labels
 * are read by meaning and by the column they stand in, its other cells matched
 * to the header's fields by what they hold and where they stand (see
 * indicator-cells.ts); merged labels are spread over their group whichever
 * row of it they were printed on; the 二级 name decides the 一级 through the
 * taxonomy table; where the labels allow several readings, the rows' own
 * names and targets choose between them (src/tables/content-cues.ts), and
 * rows they leave open are reported with every reading.
 */
import { TARGET_NATURE_WORDS } from '../tables/labels.js';
import { FRAMEWORK_2021_MARKERS, LEVEL1_NAMES, NAME_LIKE_LABELS, LEVEL2_ALSO_UNDER, LEVEL2_PARENT, level1Of, type Framework } from '../tables/taxonomy.js';
import type { Cell, Row } from '../parse/rows.js';
import type { Diagnostic, Form, Indicator, Measure } from '../contract/schema.js';
import { toFigure, toMeasure } from '../parse/values.js';
import type { DraftForm } from '../parse/forms.js';
import { unplaced } from '../parse/ledger.js';
import type { CellLedger } from '../parse/ledger.js';
import { assignCells, columnOf, rowFit, traitsOf, DEFAULT_LAYOUT, fit, layoutOf, type CellTraits, type ContentField, type IndicatorLayout } from './indicator-cells.js';
import { levelLabelOf, unknownLabelOf, type LevelLabel } from './level-labels.js';
import { foldWidth } from '../parse/text.js';
import { agreement, rowCueOf, type RowCue } from './content-cue.js';
import { diagnostic } from '../catalogue/messages.js';

/** One indicator row with its cells placed, before the hierarchy is known. */
interface PlacedRow {
  row: Row;
  level1Labels: LevelLabel[];
  /** Canonical 二级 names. */
  level2Labels: string[];
  fields: Partial<Record<ContentField, Cell>>;
  /** A 二级 read as a label that could be the row's name (reported). */
  doubt?: LevelLabel;
}

/** Where a diagnostic about a row points: its line, at its first cell. */
const rowPlace = (p: PlacedRow) => ({ line: p.row.line, column: p.row.cells[0]?.column ?? 1 });

/** How a form's labels are written: canonical name → the form's spelling (its first). */
interface Spellings {
  level1: Map<string, string>;
  level2: Map<string, string>;
  /** 二级 spellings read from labels that could be names: used when the form spells the label no other way. */
  doubtful: Map<string, string>;
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
  return diagnostic('truncated-form', { line: draft.source.endLine, column: 1 });
}

export function normalizeIndicators(rows: readonly Row[], ledger: CellLedger, diagnostics: Diagnostic[]): Indicator[] {
  const headers: Row[] = [];
  let layout: IndicatorLayout = DEFAULT_LAYOUT;
  const placed: PlacedRow[] = [];
  const spellings: Spellings = { level1: new Map(), level2: new Map(), doubtful: new Map() };
  const reported = new Set<string>();
  let previous: Row | null = null;
  for (const row of rows) {
    if (row.kind === 'indicatorHeader' || row.kind === 'page') {
      row.cells.forEach((c) => ledger.label(c));
      // The header's rows: the first, and one right under it (the parts of a split target).
      if (row.kind === 'indicatorHeader' && (headers.length === 0 || (headers.length === 1 && previous === headers[0]))) {
        headers.push(row);
        layout = layoutOf(headers);
      }
      previous = row;
      continue;
    }
    previous = row;
    placed.push(placeRow(row, layout, ledger, diagnostics, spellings, reported));
  }
  const taxonomy = taxonomyOf(placed);
  const levels = assignHierarchy(placed, taxonomy, diagnostics);
  const indicators: Indicator[] = [];
  placed.forEach((p, i) => {
    if (isIndicatorRow(p)) indicators.push(toIndicator(p, written(levels[i], spellings), diagnostics));
  });
  reportDoubtfulGroups(placed, levels, diagnostics);
  return indicators;
}

/** A row with content: rows holding only labels give no indicator. */
const isIndicatorRow = (p: PlacedRow) => Boolean(p.fields.name || p.fields.target || p.fields.weight || p.fields.score || p.fields.actual);

/** The levels as the form spells them. */
function written(levels: Levels, spellings: Spellings): Levels {
  return {
    level1: levels.level1 === null ? null : (spellings.level1.get(levels.level1) ?? levels.level1),
    level1Points: levels.level1Points,
    level2: levels.level2 === null ? null : (spellings.level2.get(levels.level2) ?? spellings.doubtful.get(levels.level2) ?? levels.level2),
  };
}

// ---- placing the cells of one row ---------------------------------------------------

/** The row's leading labels and the cells after them (with what each can hold). */
function splitLabels(cells: readonly CellTraits[], layout: IndicatorLayout): { labels: LevelLabel[]; content: CellTraits[]; doubt?: Doubt } {
  const labels: LevelLabel[] = [];
  let i = 0;
  for (; i < cells.length; i++) {
    const label = levelLabelOf(cells[i].cell, labels) ?? unknownLabelOf(cells[i].cell, cells[i + 1], layout, labels);
    if (!label) break;
    labels.push(label);
  }
  const content = cells.slice(i);
  // An indicator named like a label (服务对象满意度 under 满意度指标) is read as the row's last label.
  const last = labels[labels.length - 1];
  // It is the name when it stands under 三级指标 and the row reads as well with it, or when the row has no name
  // (or a cell left over) without it and reads whole with it; a full 二级 spelling (…指标) only by its column.
  if (last && content.length > 0 && last.points === null && fit('name', cells[i - 1]) > 0) {
    const withName = cells.slice(i - 1);
    const standsAsName = layout.fromHeader && last.cell.index === columnOf(layout, 'name');
    const [contentFit, withNameFit] = [rowFit(content, layout), rowFit(withName, layout)];
    const nameless = !contentFit.names || !contentFit.placesAll;
    const demote = standsAsName ? withNameFit.total >= contentFit.total : !/指标$/.test(last.written) && nameless && withNameFit.placesAll;
    if (demote) return { labels: labels.slice(0, -1), content: withName };
    // A spelling that indicators are also named by, where the row reads whole either way: the name after another label
    // of its level, else the label; said unless the row stands whole under the header.
    // Two 二级 labels in one row are rare (an empty group): a name-like second one is rather the name, its row drifted.
    const secondOfItsLevel = labels.slice(0, -1).some((l) => l.level === last.level);
    if (NAME_LIKE_LABELS.includes(last.written) && withNameFit.placesAll) {
      if (secondOfItsLevel) return { labels: labels.slice(0, -1), content: withName, doubt: { ...last, asName: true } };
      if (!standsWhole(last, content, layout)) return { labels, content, doubt: { ...last, asName: false } };
    }
  }
  return { labels, content };
}

/** A label that could be the row's name, and how it was read. */
interface Doubt extends LevelLabel {
  asName: boolean;
}

/**
 * A label in a label column followed by cells that fill every field of the
 * header but the deviation, each under its caption: the row has not drifted.
 */
function standsWhole(label: LevelLabel, content: readonly CellTraits[], layout: IndicatorLayout): boolean {
  const column = layout.columns.get(label.cell.index);
  if (!layout.fromHeader || (column !== 'level1' && column !== 'level2')) return false;
  const { fields, unplaced } = assignCells(content, layout);
  const filled = new Set(fields.map(([field]) => field));
  const needed = layout.order.filter((f) => f !== 'deviation' && f !== 'targetOp' && f !== 'targetUnit');
  return unplaced.length === 0 && needed.every((f) => filled.has(f)) && fields.every(([field, cell]) => layout.columns.get(cell.index) === field);
}

function placeRow(row: Row, layout: IndicatorLayout, ledger: CellLedger, diagnostics: Diagnostic[], spellings: Spellings, reported: Set<string>): PlacedRow {
  const { labels, content, doubt } = splitLabels(row.cells.map(traitsOf), layout);
  const placed: PlacedRow = { row, level1Labels: [], level2Labels: [], fields: {} };
  if (doubt) {
    diagnostics.push(labelOrName(doubt));
    if (!doubt.asName) placed.doubt = doubt;
  }
  for (const label of labels) {
    ledger.label(label.cell);
    // The form's spelling of a label: its first, never a doubtful one.
    const names = label.level === 1 ? spellings.level1 : spellings.level2;
    if (label.cell !== doubt?.cell && !names.has(label.canonical)) names.set(label.canonical, label.written);
    if (label.cell === doubt?.cell && !spellings.doubtful.has(label.canonical)) spellings.doubtful.set(label.canonical, label.written);
    if (label.level === 2) placed.level2Labels.push(label.canonical);
    else placed.level1Labels.push(label);
    if (!label.known && !reported.has(label.written)) {
      reported.add(label.written);
      diagnostics.push(unknownLabel(label));
    }
  }
  const assignment = assignCells(content, layout);
  for (const [field, cell] of assignment.fields) {
    placed.fields[field] = cell;
    ledger.field(cell);
  }
  for (const { cell, reason, candidates } of assignment.unplaced) diagnostics.push(unplaced(cell, 'in an indicator row', { reason, candidates }));
  return placed;
}

/** Rows read into the group of a doubtful label: their 二级 rests on it, and each is told so. */
function reportDoubtfulGroups(rows: readonly PlacedRow[], levels: readonly Levels[], diagnostics: Diagnostic[]): void {
  for (const doubt of rows.flatMap((p) => (p.doubt ? [p.doubt] : []))) {
    rows.forEach((p, i) => {
      if (p.doubt === doubt || !isIndicatorRow(p) || levels[i].level2 !== doubt.canonical) return;
      diagnostics.push(diagnostic('label-or-name', rowPlace(p), { ...labelOrNameDetail(doubt), restsOnLine: doubt.cell.line }));
    });
  }
}

function labelOrName(label: Doubt | LevelLabel): Diagnostic {
  return diagnostic('label-or-name', label.cell, labelOrNameDetail(label));
}

function labelOrNameDetail(label: Doubt | LevelLabel) {
  return { level: label.level, text: label.written, asName: 'asName' in label && label.asName };
}

function unknownLabel(label: LevelLabel): Diagnostic {
  return diagnostic('unknown-label', label.cell, { level: label.level, text: label.written });
}

// ---- the hierarchy -------------------------------------------------------------------

/**
 * The form's taxonomy: its framework, and the 一级 of 二级 groups the form
 * puts elsewhere than the table (满意度 under 效益 when the form has no
 * 满意度 一级) or under a 一级 the table does not know.
 */
interface FormTaxonomy {
  framework: Framework;
  parents: Map<string, string>;
}

function taxonomyOf(rows: readonly PlacedRow[]): FormTaxonomy {
  let framework: Framework = '2020';
  for (const p of rows) {
    if (p.level2Labels.some((l) => FRAMEWORK_2021_MARKERS.includes(l))) framework = '2021';
    if (p.level1Labels.some((l) => l.canonical === '成本指标' && l.points !== null)) framework = '2021';
  }
  const present = new Set(rows.flatMap((p) => p.level1Labels.map((l) => l.canonical)));
  const parents = new Map<string, string>();
  for (const [level2, others] of Object.entries(LEVEL2_ALSO_UNDER)) {
    const own = level1Of(level2, framework);
    const other = others.find((o) => present.has(o));
    if (own && !present.has(own) && other) parents.set(level2, other);
  }
  // A 二级 the table does not know, or one under a 一级 it does not know (and whose own 一级 the form lacks): the 一级 label before it.
  const known = new Set<string>(LEVEL1_NAMES);
  let current: string | null = null;
  for (const p of rows) {
    const l1 = p.level1Labels[p.level1Labels.length - 1];
    if (l1) current = l1.canonical;
    for (const l2 of p.level2Labels) {
      if (parents.has(l2) || current === null) continue;
      const own = LEVEL2_PARENT[l2] ? level1Of(l2, framework) : null;
      if (own === null || (!known.has(current) && !present.has(own))) parents.set(l2, current);
    }
  }
  // A 二级 first seen before any 一级 label and unknown to the table: the first 一级 label after it.
  const first = rows.flatMap((p) => p.level1Labels)[0];
  for (const p of rows) for (const l2 of p.level2Labels) if (!LEVEL2_PARENT[l2] && !parents.has(l2) && first) parents.set(l2, first.canonical);
  return { framework, parents };
}

const parentOf = (level2: string, taxonomy: FormTaxonomy): string | null => taxonomy.parents.get(level2) ?? level1Of(level2, taxonomy.framework);

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
function assignHierarchy(rows: PlacedRow[], taxonomy: FormTaxonomy, diagnostics: Diagnostic[]): Levels[] {
  const marks = readMarks(rows, taxonomy);
  const units = unitsOf(marks, taxonomy);
  const cues = rows.map(cueOf);
  const exact = exactReading(units, marks, cues);
  if (!exact) return fallbackReading(rows, marks, taxonomy, cues, diagnostics);
  const levelsOf = (unit: number): Levels => {
    if (unit < 0) return { level1: null, level1Points: null, level2: null };
    const { level1, level2 } = units[unit];
    return { level1, level1Points: level1 ? (marks.points.get(level1) ?? null) : null, level2 };
  };
  return rows.map((p, i) => {
    const chosen = levelsOf(exact.unitOf[i]);
    // Two groups of the same labels read the row alike: only a different 一级 or 二级 is an alternative.
    const distinct = (units: readonly number[]) => {
      const seen = new Set([readingKey(chosen)]);
      return units.map(levelsOf).filter((l) => !seen.has(readingKey(l)) && seen.add(readingKey(l)));
    };
    // A row the other rows' content outweighed (its own cue agrees with a reading not chosen) stays reported, with every reading.
    const all = distinct(exact.allAlternatives[i]);
    const outweighed = agreement(cues[i], chosen.level1, chosen.level2) === 0 && all.some((l) => agreement(cues[i], l.level1, l.level2) > 0);
    const others = outweighed ? all : distinct(exact.alternatives[i]);
    if (others.length > 0 && isIndicatorRow(p)) {
      diagnostics.push(diagnostic('ambiguous-hierarchy', rowPlace(p), { chosen: pick(chosen), alternative: pick(others[0]), alternatives: others.map(pick) }));
    }
    return chosen;
  });
}

const pick = (l: Levels) => ({ level1: l.level1, level2: l.level2 });

/** What the row's own name and target say about its group (null for rows without content). */
function cueOf(p: PlacedRow): RowCue | null {
  if (!isIndicatorRow(p)) return null;
  return rowCueOf({ name: p.fields.name?.text ?? null, target: targetOf(p.fields)?.raw ?? null });
}
const readingKey = (l: Levels) => `${l.level1}\u0000${l.level2}`;

/** The labels of each row: the 2020 成本指标 as a 二级, declared points, misplaced 一级 labels moved. */
function readMarks(rows: PlacedRow[], taxonomy: FormTaxonomy): Marks {
  // In the 2020 framework a pointless 成本指标 label is the 二级 under 产出指标.
  if (taxonomy.framework === '2020') {
    for (const p of rows) {
      const cost = p.level1Labels.filter((l) => l.canonical === '成本指标' && l.points === null);
      if (cost.length > 0) {
        p.level1Labels = p.level1Labels.filter((c) => !cost.includes(c));
        p.level2Labels.push('成本指标');
      }
    }
  }
  const points = new Map<string, string | null>();
  for (const p of rows) {
    for (const label of p.level1Labels) {
      const name = label.canonical;
      const declared = label.points;
      if (!points.has(name) || (points.get(name) === null && declared !== null)) points.set(name, declared);
    }
  }
  const level1 = rows.map((p) => (p.level1Labels.length ? p.level1Labels[p.level1Labels.length - 1].canonical : null));
  const level2 = rows.map((p) => (p.level2Labels.length ? p.level2Labels[p.level2Labels.length - 1] : null));

  // A 一级 label printed on a row whose 二级 belongs to another 一级 cannot be
  // where its group is (seed lines 141, 223): it opens its group on the next row.
  const misplaced = new Set<number>();
  rows.forEach((_, i) => {
    const l1 = level1[i];
    const parent = level2[i] ? parentOf(level2[i]!, taxonomy) : null;
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

function unitsOf(marks: Marks, taxonomy: FormTaxonomy): Unit[] {
  const parents = new Set(marks.level2.flatMap((l) => (l ? [parentOf(l, taxonomy)] : [])));
  const units: Unit[] = [];
  marks.level2.forEach((l2, row) => {
    const l1 = marks.level1[row];
    if (l2) units.push({ row, level1: parentOf(l2, taxonomy), level2: l2, flat: false });
    else if (l1 && !parents.has(l1)) units.push({ row, level1: l1, level2: null, flat: true });
  });
  return units;
}

interface ExactReading {
  /** Row → index of the unit whose group holds it in the chosen reading. */
  unitOf: number[];
  /** Row → every unit some consistent reading that the content agrees with most puts it in. */
  alternatives: number[][];
  /** Row → every unit some consistent reading puts it in, whatever the content. */
  allAlternatives: number[][];
}

/**
 * Every reading in which each label sits exactly where its alignment puts it
 * in its group, for each alignment; null when there is none. The chosen
 * reading is the one the rows' content agrees with most, then the first
 * alignment in ALIGNMENTS that has one. When
 * no reading places the 一级 labels too (a 一级 label repeated over groups
 * of the same name), the readings that place the 二级 labels and keep each
 * 一级 label inside a group of its own name are taken instead.
 */
function exactReading(units: readonly Unit[], marks: Marks, cues: readonly (RowCue | null)[]): ExactReading | null {
  if (units.length === 0 || cues.length === 0) return null;
  const level1Marks = structuredLevel1Marks(units, marks);
  const gain = gainOf(units, cues);
  return readingsBy(units, level1Marks, cues.length, 'placed', gain) ?? readingsBy(units, level1Marks, cues.length, 'named', gain);
}

/** How much the rows [from, to) agree with their content when read as unit k's group. */
type Gain = (k: number, from: number, to: number) => number;

function gainOf(units: readonly Unit[], cues: readonly (RowCue | null)[]): Gain {
  if (cues.every((c) => c === null)) return () => 0;
  return (k, from, to) => {
    let sum = 0;
    for (let i = from; i < to; i++) sum += agreement(cues[i], units[k].level1, units[k].level2);
    return sum;
  };
}

/** How the 一级 labels of a group are checked: at the alignment's offset, or only by name. */
type Level1Rule = 'placed' | 'named';

/**
 * The readings the rows' content agrees with most (all of them where no row
 * has a cue): the chosen one is the first of these in ALIGNMENTS order, and
 * only these readings give a row its alternatives, so a row the content
 * decides is no longer ambiguous.
 */
function readingsBy(units: readonly Unit[], level1Marks: Level1Marks, rowCount: number, rule: Level1Rule, gain: Gain): ExactReading | null {
  const found = ALIGNMENTS.map((alignment) => layouts(units, level1Marks, rowCount, alignment, rule, gain)).filter((l): l is Layouts => l !== null);
  if (found.length === 0) return null;
  const best = Math.max(...found.map((l) => l.score));
  const chosen = found.find((l) => l.score === best)!.starts;
  const unitOf = new Array<number>(rowCount).fill(-1);
  chosen.forEach((start, k) => {
    const end = k + 1 < chosen.length ? chosen[k + 1] : rowCount;
    for (let i = start; i < end; i++) unitOf[i] = k;
  });
  const alternativesOf = (score: number | null) => {
    const spans: [number, number][] = units.map(() => [Infinity, -Infinity]);
    for (const layout of found) {
      layout.spans(score).forEach(([from, to], k) => {
        spans[k][0] = Math.min(spans[k][0], from);
        spans[k][1] = Math.max(spans[k][1], to);
      });
    }
    const alternatives: number[][] = Array.from({ length: rowCount }, () => []);
    spans.forEach(([from, to], k) => {
      for (let i = from; i < to; i++) alternatives[i].push(k);
    });
    return alternatives;
  };
  const alternatives = alternativesOf(best);
  return { unitOf, alternatives, allAlternatives: best === 0 ? alternatives : alternativesOf(null) };
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
  /** Group starts of the preferred consistent reading, one per unit. */
  starts: number[];
  /** How far that reading agrees with the rows' content: no consistent reading agrees more. */
  score: number;
  /** Per unit, the rows [from, to) its group covers in some consistent reading that scores `score` (null: any). */
  spans: (score: number | null) => [number, number][];
}

/** A state of the search: the current unit's group starts at `start`, its 一级 group at `groupStart`. */
interface Node {
  start: number;
  groupStart: number;
  /** The ways here: the previous state and the content agreement of the group between. */
  preds: { node: Node; gain: number }[];
  /** The most content agreement on a way here, then the fewest groups of even size, and the predecessor on that way. */
  score: number;
  evenGroups: number;
  best: Node | null;
  /** The most content agreement on a way from here to the end; -Infinity when no way reaches it. */
  ahead: number;
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
function layouts(units: readonly Unit[], level1: Level1Marks, rowCount: number, alignment: Alignment, rule: Level1Rule, gain: Gain): Layouts | null {
  const offset = LABEL_OFFSET[alignment];
  const budget = 8 * rowCount + 64;
  let used = 1;
  const layers: Node[][] = [[{ start: 0, groupStart: 0, preds: [], score: 0, evenGroups: 0, best: null, ahead: -Infinity }]];
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
          target = { start: end, groupStart, preds: [], score: -Infinity, evenGroups: Infinity, best: null, ahead: -Infinity };
          next.set(key, target);
          if (++used > budget) return null;
        }
        const agreed = gain(k, node.start, end);
        target.preds.push({ node, gain: agreed });
        const score = node.score + agreed;
        const evenGroups = node.evenGroups + ((end - node.start) % 2 === 0 ? 1 : 0);
        if (score > target.score || (score === target.score && evenGroups < target.evenGroups)) {
          target.score = score;
          target.evenGroups = evenGroups;
          target.best = node;
        }
      }
    }
    if (next.size === 0) return null;
    layers.push([...next.values()]);
  }
  for (const node of layers[units.length]) node.ahead = 0;
  for (let k = units.length; k > 0; k--) {
    for (const node of layers[k]) {
      if (node.ahead === -Infinity) continue;
      for (const { node: pred, gain: agreed } of node.preds) pred.ahead = Math.max(pred.ahead, agreed + node.ahead);
    }
  }
  // The reading chosen: the one the content agrees with most, then the one with the fewest groups of even size
  // (a centred label sits exactly in the middle of an odd group).
  const starts: number[] = [];
  const final = layers[units.length].reduce((a, b) => (b.score > a.score || (b.score === a.score && b.evenGroups < a.evenGroups) ? b : a));
  for (let node: Node | null = final; node.best !== null; node = node.best) starts.push(node.best.start);
  const spans = (score: number | null): [number, number][] => {
    const found: [number, number][] = units.map(() => [Infinity, -Infinity]);
    for (let k = units.length; k > 0; k--) {
      for (const node of layers[k]) {
        if (node.ahead === -Infinity) continue;
        for (const { node: pred, gain: agreed } of node.preds) {
          if (score !== null && pred.score + agreed + node.ahead !== score) continue;
          found[k - 1][0] = Math.min(found[k - 1][0], pred.start);
          found[k - 1][1] = Math.max(found[k - 1][1], node.start);
        }
      }
    }
    return found;
  };
  return { starts: starts.reverse(), score: final.score, spans };
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
function fallbackReading(rows: PlacedRow[], marks: Marks, taxonomy: FormTaxonomy, cues: readonly (RowCue | null)[], diagnostics: Diagnostic[]): Levels[] {
  const alignment = fallbackAlignment(rows, marks);
  const level2Spread = spreadLabels(marks.level2, marks.level1, alignment);
  const level1Spread = spreadLabels(marks.level1, null, alignment);
  const nextLevel2 = labelsAfter(marks.level2);
  return rows.map((p, i) => {
    let level2 = level2Spread.labels[i];
    let level1: string | null = level2 ? parentOf(level2, taxonomy) : null;
    const byLabel = level1Spread.labels[i];
    const below = level2Spread.ambiguous.get(i);
    const other = below === undefined ? null : { level1: parentOf(below, taxonomy), level2: below };
    const decided = other ? decidedByContent(cues[i], [{ level1, level2 }, other]) : null;
    if (decided) ({ level1, level2 } = decided);
    else if (other && isIndicatorRow(p)) {
      diagnostics.push(diagnostic('ambiguous-hierarchy', rowPlace(p), { chosen: { level1, level2 } }));
    }
    if (level1 && byLabel && level1 !== byLabel && marks.level2[i] === null && !marks.misplaced.has(i) && byLabel !== '满意度指标') {
      const next = nextLevel2[i];
      const allowed = next !== null && parentOf(next, taxonomy) === byLabel;
      const decided = allowed ? decidedByContent(cues[i], [{ level1: byLabel, level2: next }, { level1, level2 }]) : null;
      if (decided) ({ level1, level2 } = decided);
      else if (allowed) {
        diagnostics.push(diagnostic('ambiguous-hierarchy', rowPlace(p), { chosen: { level1: byLabel, level2: next }, alternative: { level1, level2 } }));
        level2 = next;
        level1 = byLabel;
      }
    }
    if (!level1) level1 = byLabel;
    return { level1, level1Points: level1 ? (marks.points.get(level1) ?? null) : null, level2 };
  });
}

/** The one of a row's possible readings that its content agrees with, when it agrees with exactly one. */
function decidedByContent(cue: RowCue | null, readings: readonly { level1: string | null; level2: string | null }[]) {
  const agreeing = readings.filter((r) => agreement(cue, r.level1, r.level2) > 0);
  return agreeing.length === 1 ? agreeing[0] : null;
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
  /** Rows that the centred label above or the one below could both cover → the label below. */
  ambiguous: Map<number, string>;
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
  const ambiguous = new Map<number, string>();
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
    if (k + 1 < at.length && (at[k + 1] - row - 1) % 2 === 1) ambiguous.set(to - 1, marks[at[k + 1]]!);
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
    diagnostics.push(diagnostic('indicator-without-name', rowPlace(p)));
  }
  return {
    level1: levels.level1,
    level1Points: levels.level1Points,
    level2: levels.level2,
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
 * The target, joined from its parts when the form splits it over 指标性质 ·
 * 指标值 · 度量单位 (`≥` · `200` · `人次` → `≥200人次`; 正向 reads as ≥,
 * 反向 as ≤, 定性 adds nothing): its raw text is the joined text, its
 * position that of its value, else of its first part.
 */
function targetOf(fields: Partial<Record<ContentField, Cell>>): Measure | null {
  const { targetOp: op, target: value, targetUnit: unit } = fields;
  if (!op && !unit) return value ? toMeasure(value) : null;
  const parts = [op, value, unit].filter((c): c is Cell => c !== undefined);
  const at = value ?? parts[0];
  const opWord = op ? foldWidth(op.text).replace(/\s+/g, '') : '';
  // 正向 and 反向 give a comparator; 定性 and 定量 none.
  // A printed comparator is kept as printed (`﹦`, `≧`); the measure folds it when it reads the value.
  const symbol = opWord in TARGET_NATURE_WORDS ? (SYMBOL[TARGET_NATURE_WORDS[opWord] ?? ''] ?? '') : (op?.text.replace(/\s+/g, '') ?? '');
  const text = `${symbol}${value?.text ?? ''}${unit?.text ?? ''}`;
  const joined: Cell = { ...at, raw: text, text, kind: 'text', label: null, tokens: [] };
  const measure = toMeasure(joined);
  // Without a value (`≥` · · `人次`) there is nothing to measure: the parts are kept as text.
  return value ? measure : { ...measure, kind: 'text', op: null, value: null, unit: null };
}

const SYMBOL: Readonly<Record<string, string>> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };
