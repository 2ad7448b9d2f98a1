/**
 * The hierarchy of the indicator block: which 一级 and 二级 group each row
 * belongs to. Merged labels are spread over their group whichever row of it
 * they were printed on; the 二级 name decides the 一级 through the taxonomy
 * table; where the labels allow several readings, the rows' own names and
 * targets choose between them (src/tables/content-cues.ts), and rows they
 * leave open are reported with every reading.
 */
import { FRAMEWORK_2021_MARKERS, LEVEL1_NAMES, LEVEL2_ALSO_UNDER, LEVEL2_PARENT, level1Of, type Framework } from '../tables/taxonomy.js';
import type { Diagnostic } from '../contract/schema.js';
import { agreement, rowCueOf, type RowCue } from './content-cue.js';
import { weightOf, weightScaledOf, isIndicatorRow, joinedTargetText, rowPlace, type Levels, type PlacedRow } from './placed-row.js';
import { diagnostic } from '../catalogue/messages.js';
import { parseScaled, scaledCompare, scaledMinus, scaledPlus, SCALED_ZERO, type Scaled } from '../contract/decimal.js';
import { RememberedMap, remembered } from '../contract/remembered.js';
import { KeyCodes } from './key-codes.js';

// ---- the hierarchy, read once per block shape -----------------------------------------

/**
 * Each row's 一级 and 二级, with the block's reports about them. The reading
 * depends only on what the rows' labels say (names, points, stated spans),
 * which rows have content and a name, what each row's content cue says and,
 * where a label declares points, each row's weight: blocks alike in all of
 * that (most blocks of a batch of one template) are read once and the reading
 * given again, its reports pointed at the rows of the block at hand.
 */
export function readHierarchy(rows: PlacedRow[], diagnostics: Diagnostic[]): Levels[] {
  const cues = rows.map(cueOf);
  const key = memoised.use() ? hierarchyKey(rows, cues) : null;
  const known = key === null ? undefined : HIERARCHIES.get(key);
  if (key !== null) memoised.count(known !== undefined);
  if (known !== undefined) {
    moveCostLabels(rows, known.framework);
    for (const [i, made] of known.reports) diagnostics.push(reportAt(made, rowPlace(rows[i])));
    return known.levels.slice();
  }
  const taxonomy = taxonomyOf(rows);
  const own: Diagnostic[] = [];
  const levels = assignHierarchy(rows, taxonomy, cues, own);
  diagnostics.push(...own);
  const reports = key === null ? null : reportsByRow(rows, own);
  if (key !== null && reports !== null) {
    // The readings are never changed once made (the caller builds its own levels from them): the memo keeps these.
    HIERARCHIES.set(key, { framework: taxonomy.framework, levels, reports: reports.map(([i, d]) => [i, reportAt(d, d)]) });
  }
  return levels.slice();
}

interface KnownHierarchy {
  framework: Framework;
  levels: readonly Levels[];
  /** The reports, each with the index of the row it is about. */
  reports: readonly (readonly [number, Diagnostic])[];
}

const HIERARCHY_MEMO_LIMIT = 4096;

/**
 * Whether blocks are worth looking up: a batch of distinct forms (every block
 * of its own shape) pays for keys it never finds again. After a window of
 * lookups that found almost nothing, blocks are read without a key for a
 * while, then looked up again. A reading is the same either way.
 */
const memoised = (() => {
  const WINDOW = 256;
  const PAUSE = 2048;
  let [lookups, hits, paused] = [0, 0, 0];
  remembered({ clear: () => ([lookups, hits, paused] = [0, 0, 0]) });
  return {
    use: () => (paused > 0 ? (paused--, false) : true),
    count(hit: boolean) {
      lookups++;
      if (hit) hits++;
      if (lookups < WINDOW) return;
      if (hits * 16 < lookups) paused = PAUSE;
      [lookups, hits] = [0, 0];
    },
  };
})();
/**
 * The memo of readings, keyed by strings of numbers: each text a key holds (a
 * label, points, a weight, a cue) is a number given in the order first seen,
 * kept with the memo and emptied with it (a number then names another text,
 * so no key made before may stay).
 */
class HierarchyMemo extends RememberedMap<string, KnownHierarchy> {
  private readonly texts = new Map<string, number>();

  /** A text's number (0 stands for no text). */
  textId(text: string | null): number {
    if (text === null) return 0;
    let id = this.texts.get(text);
    if (id === undefined) this.texts.set(text, (id = this.texts.size + 1));
    return id;
  }

  /** Whether the texts seen fill the memo's bound: keys made since are not to be used, and the memo starts again. */
  overflowing(): boolean {
    if (this.texts.size <= HIERARCHY_TEXT_LIMIT) return false;
    this.clear();
    return true;
  }

  override set(key: string, value: KnownHierarchy): this {
    // A full memo starts again, and the key made with its texts' numbers is not kept.
    if (this.size >= HIERARCHY_MEMO_LIMIT) {
      this.clear();
      return this;
    }
    return super.set(key, value);
  }

  override clear(): void {
    super.clear();
    this.texts?.clear();
  }
}

const HIERARCHY_TEXT_LIMIT = 32_768;
const HIERARCHIES = new HierarchyMemo(HIERARCHY_MEMO_LIMIT);

/** A report made again at another place: its detail and message copied, so that no two documents share an object. */
function reportAt(made: Diagnostic, place: { line: number; column: number }): Diagnostic {
  const copy: Diagnostic = { ...made, message: { ...made.message }, line: place.line, column: place.column };
  if (made.detail !== undefined) copy.detail = copied(made.detail);
  return copy;
}

/** A copy of a report's detail, which is JSON data: its arrays and plain objects made anew (anything else cloned). */
function copied<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copied) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copied((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** Each report with the index of the row it points at; null when a report points at no single row (not memoised then). */
function reportsByRow(rows: readonly PlacedRow[], reports: readonly Diagnostic[]): [number, Diagnostic][] | null {
  if (reports.length === 0) return [];
  const byPlace = new Map<string, number>();
  for (const [i, p] of rows.entries()) {
    const { line, column } = rowPlace(p);
    const at = `${line}:${column}`;
    if (byPlace.has(at)) return null;
    byPlace.set(at, i);
  }
  const found: [number, Diagnostic][] = [];
  for (const d of reports) {
    const i = byPlace.get(`${d.line}:${d.column}`);
    if (i === undefined || d.file !== undefined) return null;
    found.push([i, d]);
  }
  return found;
}

/** A text in a key, self-delimiting (its length first), so that no two different sequences of texts make one key. */
const part = (text: string): string => `${text.length}:${text}`;

const CUE_KEYS = new WeakMap<RowCue, string>();

/** What a cue says (its weight and groups), whichever object holds it. */
function cueKey(cue: RowCue | null): string | null {
  if (cue === null) return null;
  let key = CUE_KEYS.get(cue);
  if (key === undefined) CUE_KEYS.set(cue, (key = part(String(cue.weight)) + [...cue.groups].sort().map(part).join('')));
  return key;
}

/** The codes of a key, reused from block to block. */
const KEY_CODES = new KeyCodes();

/** The parts of a key, each followed by its texts' numbers (two codes each): a row with its two flags, then its labels. */
const KeyPart = { Row: 1, Level1: 5, Level2: 6, Level2Points: 7, StatedSpan: 8, Cue: 9, Weight: 10 } as const;

/**
 * Everything the hierarchy reads of the rows, as one text: each part a code
 * then a fixed number of text numbers, so that no two different sequences of
 * parts make one key. Null when the memo's texts overflowed making it.
 */
function hierarchyKey(rows: readonly PlacedRow[], cues: readonly (RowCue | null)[]): string | null {
  // Weights are read only where a label declares points.
  const withWeights = rows.some((p) => p.level1Labels.some((l) => l.points !== null) || (p.level2Points?.size ?? 0) > 0);
  const codes = KEY_CODES;
  codes.start();
  codes.push(withWeights ? 1 : 0);
  const text = (value: string | null) => codes.pushNumber(HIERARCHIES.textId(value));
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i];
    codes.push(KeyPart.Row + (isIndicatorRow(p) ? 2 : 0) + (p.fields.name ? 1 : 0));
    for (const l of p.level1Labels) {
      codes.push(KeyPart.Level1);
      text(l.canonical);
      text(l.points);
    }
    for (const name of p.level2Labels) {
      codes.push(KeyPart.Level2);
      text(name);
    }
    if (p.level2Points) {
      for (const [name, points] of p.level2Points) {
        codes.push(KeyPart.Level2Points);
        text(name);
        text(points);
      }
    }
    if (p.statedSpans) {
      for (const [name, span] of p.statedSpans) {
        codes.push(KeyPart.StatedSpan);
        text(name);
        text(String(span));
      }
    }
    codes.push(KeyPart.Cue);
    text(cueKey(cues[i]));
    if (withWeights) {
      codes.push(KeyPart.Weight);
      text(weightOf(p));
    }
  }
  if (HIERARCHIES.overflowing()) return null;
  return codes.text();
}

// ---- the hierarchy -------------------------------------------------------------------

/**
 * The form's taxonomy: its framework, and the 一级 of 二级 groups the form
 * puts elsewhere than the table (满意度 under 效益 when the form has no
 * 满意度 一级) or under a 一级 the table does not know.
 */
export interface FormTaxonomy {
  framework: Framework;
  parents: Map<string, string>;
}

const ALSO_UNDER = Object.entries(LEVEL2_ALSO_UNDER);
const KNOWN_LEVEL1: ReadonlySet<string> = new Set<string>(LEVEL1_NAMES);

function taxonomyOf(rows: readonly PlacedRow[]): FormTaxonomy {
  let framework: Framework = '2020';
  // Lists read by index: no iterator made per row.
  for (let r = 0; r < rows.length; r++) {
    const p = rows[r];
    if (p.level2Labels.some((l) => FRAMEWORK_2021_MARKERS.includes(l))) framework = '2021';
    if (p.level1Labels.some((l) => l.canonical === '成本指标' && l.points !== null)) framework = '2021';
  }
  const present = new Set<string>();
  for (let r = 0; r < rows.length; r++) for (let k = 0; k < rows[r].level1Labels.length; k++) present.add(rows[r].level1Labels[k].canonical);
  const parents = new Map<string, string>();
  for (let i = 0; i < ALSO_UNDER.length; i++) {
    const level2 = ALSO_UNDER[i][0];
    const others = ALSO_UNDER[i][1];
    const own = level1Of(level2, framework);
    const other = others.find((o) => present.has(o));
    if (own && !present.has(own) && other) parents.set(level2, other);
  }
  // A 二级 the table does not know, or one under a 一级 it does not know (and whose own 一级 the form lacks): the 一级 label before it.
  const known = KNOWN_LEVEL1;
  let current: string | null = null;
  for (let r = 0; r < rows.length; r++) {
    const p = rows[r];
    const l1 = p.level1Labels[p.level1Labels.length - 1];
    if (l1) current = l1.canonical;
    for (let k = 0; k < p.level2Labels.length; k++) {
      const l2 = p.level2Labels[k];
      if (parents.has(l2) || current === null) continue;
      const own = LEVEL2_PARENT[l2] ? level1Of(l2, framework) : null;
      if (own === null || (!known.has(current) && !present.has(own))) parents.set(l2, current);
    }
  }
  // A 二级 first seen before any 一级 label and unknown to the table: the first 一级 label after it.
  const first = rows.find((p) => p.level1Labels.length > 0)?.level1Labels[0];
  for (let r = 0; r < rows.length; r++) {
    for (let k = 0; k < rows[r].level2Labels.length; k++) {
      const l2 = rows[r].level2Labels[k];
      if (!LEVEL2_PARENT[l2] && !parents.has(l2) && first) parents.set(l2, first.canonical);
    }
  }
  return { framework, parents };
}

const parentOf = (level2: string, taxonomy: FormTaxonomy): string | null => taxonomy.parents.get(level2) ?? level1Of(level2, taxonomy.framework);

type Alignment = 'top' | 'middle' | 'bottom';

/** Where a merged label lands in a group of n rows under each alignment. */
const LABEL_OFFSET: Readonly<Record<Alignment, (n: number) => number>> = {
  top: () => 0,
  middle: (n) => Math.floor((n - 1) / 2),
  bottom: (n) => n - 1,
};

/** Alignments in the order a reading is preferred when several fit: exports mostly keep the label on the first row. */
const ALIGNMENTS: readonly Alignment[] = ['top', 'middle', 'bottom'];

/** The conventions of the 二级 and 一级 columns, in the order a reading is preferred: one for both, then one of its own for each column. */
const SAME_PAIRS: readonly (readonly [Alignment, Alignment])[] = ALIGNMENTS.map((a) => [a, a] as const);
const MIXED_PAIRS: readonly (readonly [Alignment, Alignment])[] = ALIGNMENTS.flatMap((level2) =>
  ALIGNMENTS.filter((level1) => level1 !== level2).map((level1) => [level2, level1] as const),
);

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
function assignHierarchy(rows: PlacedRow[], taxonomy: FormTaxonomy, cues: readonly (RowCue | null)[], diagnostics: Diagnostic[]): Levels[] {
  const marks = readMarks(rows, taxonomy);
  if (spansStateEveryGroup(rows)) return statedReading(rows, marks, taxonomy);
  const units = unitsOf(rows, marks, taxonomy);
  const exact = exactReading(units, marks, cues, () => weightSums(rows));
  if (!exact) return fallbackReading(rows, marks, taxonomy, cues, diagnostics);
  const levelsOf = (placement: Placement | null): Levels => {
    if (placement === null) return { level1: null, level1Points: null, level2: null };
    const { level1 } = placement;
    return { level1, level1Points: level1 ? (marks.points.get(level1) ?? null) : null, level2: units[placement.unit].level2 };
  };
  // Two groups of the same labels read the row alike: only a different 一级 or 二级 is an alternative.
  const distinctFrom = (chosen: Levels, placements: RowPlacements, row: number): Levels[] => {
    let found: Levels[] | null = null;
    for (let at = row === 0 ? 0 : placements.ends[row - 1]; at < placements.ends[row]; at++) {
      const placement = placements.entries[at];
      const level1 = placement.level1;
      const level2 = units[placement.unit].level2;
      if (sameReading(level1, level2, chosen) || (found !== null && found.some((l) => sameReading(level1, level2, l)))) continue;
      (found ??= []).push(levelsOf(placement));
    }
    return found ?? NO_LEVELS;
  };
  // The rows of a group share its placement, and its levels (levels are only read).
  let lastPlacement: Placement | null | undefined;
  let lastLevels: Levels | null = null;
  return rows.map((p, i) => {
    if (exact.placements[i] !== lastPlacement || lastLevels === null) {
      lastPlacement = exact.placements[i];
      lastLevels = levelsOf(lastPlacement);
    }
    const chosen = lastLevels;
    // A 二级 the taxonomy puts under a 一级 the form never writes: kept under the label written over it, and said.
    const unit = exact.placements[i] === null ? null : units[exact.placements[i]!.unit];
    const own = unit?.free && unit.level2 && LEVEL2_PARENT[unit.level2] ? parentOf(unit.level2, taxonomy) : null;
    if (own !== null && own !== chosen.level1 && isIndicatorRow(p)) {
      const taxonomyReading = { level1: own, level2: chosen.level2 };
      diagnostics.push(diagnostic('ambiguous-hierarchy', rowPlace(p), { chosen: pick(chosen), alternative: taxonomyReading, alternatives: [taxonomyReading] }));
      return chosen;
    }
    // A row the other rows' content outweighed (its own cue agrees with a reading not chosen) stays reported, with every reading.
    if (!isIndicatorRow(p)) return chosen;
    let others: Levels[];
    if (agreement(cues[i], chosen.level1, chosen.level2) !== 0) others = distinctFrom(chosen, exact.alternatives, i);
    else {
      const all = distinctFrom(chosen, exact.allAlternatives, i);
      const outweighed = all.some((l) => agreement(cues[i], l.level1, l.level2) > 0);
      others = outweighed || exact.allAlternatives === exact.alternatives ? all : distinctFrom(chosen, exact.alternatives, i);
    }
    if (others.length > 0) {
      diagnostics.push(diagnostic('ambiguous-hierarchy', rowPlace(p), { chosen: pick(chosen), alternative: pick(others[0]), alternatives: others.map(pick) }));
    }
    return chosen;
  });
}

/**
 * Whether the merges the source states give every group its extent: some
 * label is merged, and no indicator row stands, empty in a label column and
 * covered by no merge, below an unmerged label of that column (a label written
 * once over its group's rows, as a workbook that merges its 一级 cells but not
 * its 二级, or only some groups, has it). Such a group's extent is not stated,
 * and the block is read as a text export is.
 */
function spansStateEveryGroup(rows: readonly PlacedRow[]): boolean {
  // A source that states no merge at all (a text export) states no group's extent.
  if (!rows.some((p) => p.statedSpans !== undefined)) return false;
  let stated = false;
  // Per label column: the last row a stated merge reaches, and whether the column's last label was unmerged.
  const reach = [-1, -1];
  const unmergedAbove = [false, false];
  for (const [i, p] of rows.entries()) {
    const labels = [p.level1Labels.map((l) => l.canonical), p.level2Labels];
    // A 一级 label opens a new group: the 二级 groups above it end there.
    if (labels[0].length > 0) unmergedAbove[1] = false;
    for (const level of [0, 1]) {
      for (const name of labels[level]) {
        const span = p.statedSpans?.get(name);
        if (span !== undefined) reach[level] = Math.max(reach[level], i + span - 1);
        stated ||= span !== undefined;
        unmergedAbove[level] = span === undefined;
      }
      if (labels[level].length === 0 && i > reach[level] && unmergedAbove[level] && isIndicatorRow(p)) return false;
    }
  }
  return stated;
}

/**
 * The reading a source that states its merged cells gives (a spreadsheet or an
 * HTML table: each label's rowSpan, one row where none is stated): each label
 * covers the rows of its span from the row it stands on. Nothing is guessed, so
 * nothing is ambiguous; a row no 一级 label covers takes its 二级's parent.
 */
function statedReading(rows: readonly PlacedRow[], marks: Marks, taxonomy: FormTaxonomy): Levels[] {
  const level1 = new Array<string | null>(rows.length).fill(null);
  const level2 = new Array<string | null>(rows.length).fill(null);
  const cover = (into: (string | null)[], from: number, name: string, span: number) => {
    for (let i = from; i < Math.min(rows.length, from + Math.max(1, span)); i++) into[i] = name;
  };
  rows.forEach((p, i) => {
    for (const label of p.level1Labels) cover(level1, i, label.canonical, p.statedSpans?.get(label.canonical) ?? 1);
    for (const name of p.level2Labels) cover(level2, i, name, p.statedSpans?.get(name) ?? 1);
  });
  return rows.map((_, i) => {
    const l1 = level1[i] ?? (level2[i] ? parentOf(level2[i]!, taxonomy) : null);
    return { level1: l1, level1Points: l1 ? (marks.points.get(l1) ?? null) : null, level2: level2[i] };
  });
}

const pick = (l: Levels) => ({ level1: l.level1, level2: l.level2 });

/** What the row's own name and target say about its group (null for rows without content). */
function cueOf(p: PlacedRow): RowCue | null {
  if (!isIndicatorRow(p)) return null;
  return rowCueOf({ name: p.fields.name?.text ?? null, target: joinedTargetText(p.fields) ?? p.fields.target?.raw ?? null });
}
const readingKey = (l: { level1: string | null; level2: string | null }) => `${l.level1}\u0000${l.level2}`;

/** Whether a reading (its 一级 and 二级) has the same readingKey as another's, without making either key where the names tell. */
function sameReading(level1: string | null, level2: string | null, other: Levels): boolean {
  const a1 = String(level1);
  const a2 = String(level2);
  const b1 = String(other.level1);
  const b2 = String(other.level2);
  if (a1 === b1 && a2 === b2) return true;
  if (!a1.includes('\u0000') && !a2.includes('\u0000') && !b1.includes('\u0000') && !b2.includes('\u0000')) return false;
  return readingKey({ level1, level2 }) === readingKey(other);
}

/** In the 2020 framework a pointless 成本指标 label is the 二级 under 产出指标: it is moved to the row's 二级 labels. */
function moveCostLabels(rows: PlacedRow[], framework: Framework): void {
  if (framework !== '2020') return;
  for (const p of rows) {
    const cost = p.level1Labels.filter((l) => l.canonical === '成本指标' && l.points === null);
    if (cost.length > 0) {
      p.level1Labels = p.level1Labels.filter((c) => !cost.includes(c));
      p.level2Labels.push('成本指标');
    }
  }
}

/** The labels of each row: the 2020 成本指标 as a 二级, declared points, misplaced 一级 labels moved. */
function readMarks(rows: PlacedRow[], taxonomy: FormTaxonomy): Marks {
  moveCostLabels(rows, taxonomy.framework);
  const points = new Map<string, string | null>();
  for (let r = 0; r < rows.length; r++) {
    for (let k = 0; k < rows[r].level1Labels.length; k++) {
      const label = rows[r].level1Labels[k];
      const name = label.canonical;
      const declared = label.points;
      if (!points.has(name) || (points.get(name) === null && declared !== null)) points.set(name, declared);
    }
  }
  const level1 = rows.map((p) => (p.level1Labels.length ? p.level1Labels[p.level1Labels.length - 1].canonical : null));
  const level2 = rows.map((p) => (p.level2Labels.length ? p.level2Labels[p.level2Labels.length - 1] : null));

  // A 一级 label printed on a row whose 二级 belongs to another 一级 cannot be
  // where its group is (seed lines 141, 223): it opens its group on the next row.
  // A 二级 the taxonomy does not know, or whose 一级 the form never writes, belongs to whichever 一级 group it stands
  // in: it makes no label misplaced.
  const written = new Set<string>();
  for (const l of level1) if (l !== null) written.add(l);
  const misplaced = new Set<number>();
  rows.forEach((_, i) => {
    const l1 = level1[i];
    const known = level2[i] && LEVEL2_PARENT[level2[i]!] ? parentOf(level2[i]!, taxonomy) : null;
    const parent = known !== null && written.has(known) ? known : null;
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
  /**
   * A 二级 the taxonomy does not know, or whose 一级 the form never writes: its
   * 一级 is the 一级 label of the group it falls in under each reading, not a
   * parent looked up by its name (the same invented 二级 may stand under two
   * 一级 labels).
   */
  free: boolean;
  /** The points its label declares (`时效指标(4分)`), which the weights of its group should add up to. */
  points: string | null;
}

function unitsOf(rows: readonly PlacedRow[], marks: Marks, taxonomy: FormTaxonomy): Unit[] {
  const level1Rows: number[] = [];
  const written = new Set<string>();
  for (let i = 0; i < marks.level1.length; i++) {
    const l = marks.level1[i];
    if (l) level1Rows.push(i);
    if (l !== null) written.add(l);
  }
  // A 二级 whose 一级 the taxonomy gives but the form never writes is kept under the 一级 label written over it.
  const isFree = (l2: string) => level1Rows.length > 0 && (!LEVEL2_PARENT[l2] || !written.has(parentOf(l2, taxonomy) ?? ''));
  const parents = new Set<string | null>();
  const freeRows: number[] = [];
  for (let i = 0; i < marks.level2.length; i++) {
    const l = marks.level2[i];
    if (!l) continue;
    if (isFree(l)) freeRows.push(i);
    else parents.add(parentOf(l, taxonomy));
  }
  // A 一级 label owns 二级 groups when a 二级 the taxonomy places under it is in the form, or a 二级 it does not know
  // stands between the 一级 labels before and after it (whatever the alignment, its groups are there).
  const ownsFree = (row: number) => {
    const k = level1Rows.indexOf(row);
    const [from, to] = [k > 0 ? level1Rows[k - 1] : -1, k + 1 < level1Rows.length ? level1Rows[k + 1] : rows.length];
    return freeRows.some((r) => r > from && r < to);
  };
  const units: Unit[] = [];
  marks.level2.forEach((l2, row) => {
    const l1 = marks.level1[row];
    const points = l2 ? (rows[row].level2Points?.get(l2) ?? null) : null;
    if (l2 && isFree(l2)) units.push({ row, level1: null, level2: l2, flat: false, free: true, points });
    else if (l2) units.push({ row, level1: parentOf(l2, taxonomy), level2: l2, flat: false, free: false, points });
    else if (l1 && !parents.has(l1) && !ownsFree(row)) units.push({ row, level1: l1, level2: null, flat: true, free: false, points: marks.points.get(l1) ?? null });
  });
  return units;
}

/** Each row's places: those of row i are entries[i === 0 ? 0 : ends[i - 1]] … entries[ends[i] - 1]. */
interface RowPlacements {
  ends: number[];
  entries: Placement[];
}

const NO_LEVELS: Levels[] = Object.freeze([]) as unknown as Levels[];

/** A row's place in a reading: the unit whose group holds it, and the 一级 that group falls under. */
interface Placement {
  unit: number;
  level1: string | null;
}

interface ExactReading {
  /** Row → its place in the chosen reading (null: before any group). */
  placements: (Placement | null)[];
  /** Row → every place some consistent reading that the content agrees with most puts it in. */
  alternatives: RowPlacements;
  /** Row → every place some consistent reading puts it in, whatever the content. */
  allAlternatives: RowPlacements;
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
function exactReading(units: readonly Unit[], marks: Marks, cues: readonly (RowCue | null)[], weightsOf: () => WeightSums | null): ExactReading | null {
  if (units.length === 0 || cues.length === 0) return null;
  const level1Marks = structuredLevel1Marks(units, marks);
  // The gains by content alone are the same for either rule: made once.
  let contentGain: Gain | null = null;
  const byContent = (rule: Level1Rule) => readingsBy(units, level1Marks, cues.length, rule, (contentGain ??= gainOf(units, cues, null, marks.points)), null);
  // Declared points decide only where every group that declares them (two at least) adds up in some reading: a
  // group of one row whose weight happens to equal its label's points says nothing. A 一级 label standing over 二级
  // groups declares the points of its 一级 group (`产出指标(50分)`).
  const level1Declared = level1Marks.at.filter((name) => name !== null && (marks.points.get(name) ?? null) !== null).length;
  const declared = units.filter((u) => u.points !== null).length + level1Declared;
  const weights = declared >= 2 ? weightsOf() : null;
  if (weights !== null) {
    const gain = gainOf(units, cues, weights, marks.points);
    const closing = readingsBy(units, level1Marks, cues.length, 'placed', gain, declared) ?? readingsBy(units, level1Marks, cues.length, 'named', gain, declared);
    if (closing) return closing;
  }
  return byContent('placed') ?? byContent('named');
}

/**
 * How much the rows [from, to) agree with their content when read as unit k's
 * group; `closesPoints`: whether declared points can close; `cued`: whether
 * any row's content has a cue; `level1`: what a 一级 group [from, to) under
 * `name` adds (its declared points closing).
 */
type Gain = ((k: number, from: number, to: number) => number) & { closesPoints: boolean; cued: boolean; level1: (name: string | null, from: number, to: number) => number };

function gainOf(units: readonly Unit[], cues: readonly (RowCue | null)[], weights: WeightSums | null, level1Points: ReadonlyMap<string, string | null>): Gain {
  const declared = weights === null ? [] : units.map((u) => parseScaled(u.points));
  // Every reading of the block asks for the same groups' gains again (a walk for each pair of conventions tried):
  // each is computed once.
  const side = cues.length + 1;
  const rangeKey = (index: number, from: number, to: number) => (index * side + from) * side + to;
  const closes = (k: number, from: number, to: number) => {
    const points = declared[k];
    return points != null && weights !== null && weights.equals(from, to, points) ? POINTS_CLOSE : 0;
  };
  const level1Known = new Map<number, number>();
  // Each 一级 name's number and declared points, read once.
  const nameIndex = new Map<string, { index: number; points: Scaled | null }>();
  const level1 = (name: string | null, from: number, to: number) => {
    if (weights === null || name === null) return 0;
    let named = nameIndex.get(name);
    if (named === undefined) nameIndex.set(name, (named = { index: nameIndex.size, points: parseScaled(level1Points.get(name) ?? null) }));
    const { index, points } = named;
    if (points === null) return 0;
    const key = rangeKey(index, from, to);
    let known = level1Known.get(key);
    if (known === undefined) level1Known.set(key, (known = weights!.equals(from, to, points) ? POINTS_CLOSE : 0));
    return known;
  };
  const closesPoints = declared.some((p) => p != null);
  if (cues.every((c) => c === null)) return Object.assign(closesPoints ? closes : () => 0, { closesPoints, cued: false, level1 });
  const groupKnown = new Map<number, number>();
  const gain = (k: number, from: number, to: number) => {
    const key = rangeKey(k, from, to);
    let sum = groupKnown.get(key);
    if (sum !== undefined) return sum;
    sum = closes(k, from, to);
    for (let i = from; i < to; i++) sum += agreement(cues[i], units[k].level1, units[k].level2);
    groupKnown.set(key, sum);
    return sum;
  };
  return Object.assign(gain, { closesPoints, cued: true, level1 });
}

/**
 * A group whose rows' weights add up to the points its label declares: the
 * form's own arithmetic, which outweighs any content cue (whose agreement is
 * a few points a row).
 */
const POINTS_CLOSE = 1_000_000;

/** Whether the weights of rows [from, to) add up to `points`; never where a row with content has no readable weight. */
interface WeightSums {
  equals(from: number, to: number, points: Scaled): boolean;
}

function weightSums(rows: readonly PlacedRow[]): WeightSums | null {
  const prefix: Scaled[] = [SCALED_ZERO];
  const missing: number[] = [0];
  let any = false;
  for (const p of rows) {
    const weight = weightScaledOf(p);
    if (weight !== null) any = true;
    prefix.push(weight === null ? prefix[prefix.length - 1] : scaledPlus(prefix[prefix.length - 1], weight));
    missing.push(missing[missing.length - 1] + (weight === null && isIndicatorRow(p) ? 1 : 0));
  }
  if (!any) return null;
  // The prefix sums as whole numbers at their largest scale, where every one is a safe integer there: a group's sum is then
  // a difference of two numbers, compared with the points without an exact decimal made for it.
  let scale = 0;
  for (const sum of prefix) if (sum.scale > scale) scale = sum.scale;
  let scaled: number[] | null = [];
  for (const sum of prefix) {
    const value = typeof sum.coefficient === 'number' && scale - sum.scale <= 15 ? sum.coefficient * 10 ** (scale - sum.scale) : NaN;
    if (!Number.isSafeInteger(value)) {
      scaled = null;
      break;
    }
    scaled.push(value);
  }
  return {
    equals: (from, to, points) => {
      if (missing[to] - missing[from] !== 0) return false;
      if (scaled !== null && typeof points.coefficient === 'number') {
        const sum = scaled[to] - scaled[from];
        const got = points.scale <= scale ? sum : sum * 10 ** (points.scale - scale);
        const want = points.scale <= scale ? points.coefficient * 10 ** (scale - points.scale) : points.coefficient;
        if (Math.abs(points.scale - scale) <= 15 && Number.isSafeInteger(got) && Number.isSafeInteger(want)) return got === want;
      }
      return scaledCompare(scaledMinus(prefix[to], prefix[from]), points) === 0;
    },
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
/**
 * `closingAll`: the number of groups that declare points, when only readings in
 * which all of them add up are wanted (null: the readings by content alone).
 */
function readingsBy(units: readonly Unit[], level1Marks: Level1Marks, rowCount: number, rule: Level1Rule, gain: Gain, closingAll: number | null): ExactReading | null {
  // The walks of this reading fill the search's arrays anew; what they return is read before this returns.
  resetSearch();
  // One convention per label column. An export styles a sheet as a whole, so one convention for both columns is
  // read by content alone; where the form's arithmetic decides, a reading in which every group declaring points
  // adds up is taken, one convention for both columns first, a convention of its own for each column otherwise.
  // Nothing but the other column says that both columns share one convention. Where the reading taken puts a
  // column's labels elsewhere than on its groups' first rows, or where a reading with the 一级 labels elsewhere fits
  // too, every other convention of each column that fits stays an alternative, and a row two of them place
  // differently is reported, not read silently. Where both columns are read on their groups' first rows and no
  // other convention of the 一级 column fits (the commonest export; a 二级 column of groups of one or two rows fits
  // a centred or bottom convention as well), that column's convention is the sheet's: a reading with another for
  // the 二级 column stays an alternative only where the rows' content agrees with it more.
  const read = (pairs: readonly (readonly [Alignment, Alignment])[]) =>
    pairs.flatMap(([level2, level1]) => {
      const layout = layouts(units, level1Marks, rowCount, level2, level1, rule, gain);
      return layout === null ? [] : [{ layout, level2, level1 }];
    });
  const closesAll = (l: Layouts) => closingAll !== null && Math.floor(l.score / POINTS_CLOSE) === closingAll;
  const eligible = (readings: ReturnType<typeof read>) => (closingAll === null ? readings : readings.filter((r) => closesAll(r.layout)));
  const same = eligible(read(SAME_PAIRS));
  const preferred = same.length > 0 || closingAll === null ? same : eligible(read(MIXED_PAIRS));
  if (preferred.length === 0) return null;
  const chosenScore = Math.max(...preferred.map((r) => r.layout.score));
  const taken = preferred.find((r) => r.layout.score === chosenScore)!;
  const chosen = taken.layout;
  // The pairs not read yet: every pair of one convention is, and the others too when none of those fitted.
  const untried = same.length > 0 ? MIXED_PAIRS : [];
  const level1Elsewhere = eligible(read(untried.filter(([, level1]) => level1 !== 'top')));
  const plainTop = preferred.every((r) => r.level2 === 'top' && r.level1 === 'top') && level1Elsewhere.length === 0;
  // Content can favour another reading only where some row has a cue.
  const level1Top = plainTop && !gain.cued ? [] : eligible(read(untried.filter(([, level1]) => level1 === 'top')));
  const others = plainTop ? level1Top.filter((r) => r.layout.score > chosenScore) : [...level1Elsewhere, ...level1Top];
  const found = [...preferred, ...others].map((r) => r.layout);
  const best = Math.max(...found.map((l) => l.score));
  const placements = new Array<Placement | null>(rowCount).fill(null);
  chosen.starts.forEach((start, k) => {
    const end = k + 1 < chosen.starts.length ? chosen.starts[k + 1] : rowCount;
    // One placement for the rows of a group (placements are only read).
    const placement: Placement = { unit: k, level1: chosen.level1s[k] };
    for (let i = start; i < end; i++) placements[i] = placement;
  });
  const alternativesOf = (score: number | null): RowPlacements => {
    // Each reading's spans widen those of the readings before it, unit by unit, in the order they are found.
    const spans: UnitSpans = new Array(units.length).fill(undefined);
    for (const layout of found) layout.spans(score, spans);
    // Each row's places, unit by unit (most rows have one): counted, then filled; a placement is shared by the rows of its span.
    // ends[i] counts row i's places, then holds where they start, and once they are filled, where they end.
    const ends = new Array<number>(rowCount).fill(0);
    let total = 0;
    for (const list of spans) {
      if (list === undefined) continue;
      for (const { from, to } of list) {
        for (let i = from; i < to; i++) ends[i]++;
        total += to - from;
      }
    }
    for (let i = 0, start = 0; i < rowCount; i++) {
      const count = ends[i];
      ends[i] = start;
      start += count;
    }
    const entries = new Array<Placement>(total);
    for (let k = 0; k < spans.length; k++) {
      const list = spans[k];
      if (list === undefined) continue;
      for (const { level1, from, to } of list) {
        const placement: Placement = { unit: k, level1 };
        for (let i = from; i < to; i++) entries[ends[i]++] = placement;
      }
    }
    return { ends, entries };
  };
  const alternatives = alternativesOf(best);
  return { placements, alternatives, allAlternatives: best === 0 ? alternatives : alternativesOf(null) };
}

/**
 * The 一级 labels that do not own a group themselves (their groups have 二级
 * labels), by row, with a prefix count to find them in a range of rows.
 */
interface Level1Marks {
  at: (string | null)[];
  /** before[i] = number of such labels in rows 0 … i-1. */
  before: number[];
  /** The same count for a 一级 name such a label has (undefined for any other). */
  beforeByName: (name: string) => number[] | undefined;
  /** firstFrom[i] = first row ≥ i holding one, or -1. */
  firstFrom: number[];
  /** The names of such labels, in the order first seen. */
  names: string[];
  /** null, those names, then the 一级 of every unit: a 一级's index in a state of the walk. */
  stateNames: (string | null)[];
}

function structuredLevel1Marks(units: readonly Unit[], marks: Marks): Level1Marks {
  const rowCount = marks.level1.length;
  // Lists of numbers rather than typed arrays: a block's are short, and a typed array costs more to make.
  const owning = new Array<boolean>(rowCount).fill(false);
  for (const u of units) if (u.flat) owning[u.row] = true;
  const at = new Array<string | null>(rowCount);
  const before = new Array<number>(rowCount + 1).fill(0);
  const names: string[] = [];
  for (let i = 0; i < rowCount; i++) {
    const l = marks.level1[i];
    at[i] = l && !owning[i] ? l : null;
    before[i + 1] = before[i] + (at[i] !== null ? 1 : 0);
    if (at[i] !== null && !names.includes(at[i]!)) names.push(at[i]!);
  }
  // A name's own count is made when a reading by name first asks for it.
  const byName = new Map<string, number[]>();
  const beforeByName = (name: string): number[] | undefined => {
    if (!names.includes(name)) return undefined;
    let count = byName.get(name);
    if (count === undefined) {
      count = new Array<number>(rowCount + 1).fill(0);
      for (let i = 0; i < rowCount; i++) count[i + 1] = count[i] + (at[i] === name ? 1 : 0);
      byName.set(name, count);
    }
    return count;
  };
  const firstFrom = new Array<number>(rowCount + 1).fill(-1);
  for (let i = rowCount - 1; i >= 0; i--) firstFrom[i] = at[i] ? i : firstFrom[i + 1];
  const stateNames: (string | null)[] = [null, ...names];
  for (const u of units) if (!stateNames.includes(u.level1)) stateNames.push(u.level1);
  return { at, before, beforeByName, firstFrom, names, stateNames };
}

interface Layouts {
  /** Group starts of the preferred consistent reading, one per unit. */
  starts: number[];
  /** The 一级 each unit's group falls under in that reading. */
  level1s: (string | null)[];
  /** How far that reading agrees with the rows' content: no consistent reading agrees more. */
  score: number;
  /**
   * Per unit and 一级 it falls under, the rows [from, to) its group covers in
   * some consistent reading that scores `score` (null: any), widening the spans
   * of `into` (a new span where a unit has none under that 一级).
   */
  spans: (score: number | null, into: UnitSpans) => void;
}

/** The rows [from, to) a unit's group covers under a 一级. */
interface Span {
  level1: string | null;
  from: number;
  to: number;
}

/** Per unit, its spans in the order their 一级 were first found (none yet: undefined). */
type UnitSpans = (Span[] | undefined)[];

/** Widens unit k's span under `level1` to take in [from, to); a new span when the unit has none under it. */
function widen(spans: UnitSpans, k: number, level1: string | null, from: number, to: number): void {
  const list = spans[k];
  if (list === undefined) {
    spans[k] = [{ level1, from, to }];
    return;
  }
  for (const span of list) {
    if (span.level1 !== level1) continue;
    if (from < span.from) span.from = from;
    if (to > span.to) span.to = to;
    return;
  }
  list.push({ level1, from, to });
}

/**
 * The states and ways of the search, as numbers in arrays that every walk of
 * every block reuses: a state or a way is its index. A walk adds its states and
 * ways after those of the walks before it; the arrays are emptied when a
 * reading starts (`resetSearch`), and what a walk returns is read only before
 * that (see readingsBy).
 *
 * A state: the current unit's group starts at `start`, its 一级 group at
 * `groupStart`, under the 一级 `name` (an index into the walk's names; 0: none
 * yet), `anchored` when a unit of the open 一级 group knows its 一级 from the
 * taxonomy (else a 一级 label must name it). Its ways in are a list in the order
 * found (`preds`, `lastPred`); `score` is the most content agreement on a way
 * here, then `evenGroups` the fewest groups of even size, and `best` the way in
 * on that way; `ahead` the most content agreement on a way from here to the end
 * (-Infinity: none reaches it).
 *
 * A way: the state it comes from (`from`), the content agreement of the group
 * between (`gain`), the 一级 it fell under (`level1`, an index into the names)
 * and the next way into the same state (-1: none).
 */
const search = {
  states: 0,
  ways: 0,
  stateKey: new Float64Array(256),
  start: new Int32Array(256),
  groupStart: new Int32Array(256),
  name: new Int32Array(256),
  anchored: new Uint8Array(256),
  preds: new Int32Array(256),
  lastPred: new Int32Array(256),
  score: new Float64Array(256),
  evenGroups: new Int32Array(256),
  best: new Int32Array(256),
  ahead: new Float64Array(256),
  from: new Int32Array(256),
  gain: new Float64Array(256),
  level1: new Int32Array(256),
  next: new Int32Array(256),
  /**
   * The states of a layer that grew past a few, by key: an open-addressed table of state indexes whose slots count
   * only when stamped with the layer's number (`layer`), so that a new layer empties it by a new number.
   */
  slots: new Int32Array(64),
  stamps: new Int32Array(64),
  layer: 0,
  /** The layer starts of the walks since the search was emptied (each walk's from its `base`). */
  layerStarts: new Int32Array(64),
  layerCount: 0,
};

/** Starts a layer's table of states: none yet. */
function clearTable(): void {
  if (++search.layer === 0x7fffffff) {
    search.stamps.fill(0);
    search.layer = 1;
  }
}

/** A key's first slot in a table of `size` slots (a power of two). */
function slotOf(key: number, size: number): number {
  const high = Math.floor(key / 4294967296);
  return (Math.imul(key | 0, 0x9e3779b1) ^ Math.imul(high | 0, 0x85ebca6b)) & (size - 1);
}

/** The state of the layer's table with `key`, or -1. */
function tableGet(key: number): number {
  const { slots, stamps, layer, stateKey } = search;
  const size = slots.length;
  for (let slot = slotOf(key, size); stamps[slot] === layer; slot = (slot + 1) & (size - 1)) if (stateKey[slots[slot]] === key) return slots[slot];
  return -1;
}

/** Puts `state` in the layer's table, which holds the layer's states from `from` on (grown to keep it half empty). */
function tablePut(state: number, from: number): void {
  if (2 * (state - from + 1) > search.slots.length) {
    const size = 2 * search.slots.length;
    search.slots = new Int32Array(size);
    search.stamps = new Int32Array(size);
    search.layer = 1;
    for (let s = from; s < state; s++) tableInsert(s);
  }
  tableInsert(state);
}

function tableInsert(state: number): void {
  const { slots, stamps, layer } = search;
  const size = slots.length;
  let slot = slotOf(search.stateKey[state], size);
  while (stamps[slot] === layer) slot = (slot + 1) & (size - 1);
  slots[slot] = state;
  stamps[slot] = layer;
}

/** Arrays past this many entries are given back when a reading starts, not kept for the next block. */
const SEARCH_KEPT = 1 << 16;

/** Empties the search's arrays: the states and ways of the walks before are read no more. */
function resetSearch(): void {
  search.states = 0;
  search.ways = 0;
  search.layerCount = 0;
  if (search.layerStarts.length > SEARCH_KEPT) search.layerStarts = new Int32Array(64);
  if (search.start.length > SEARCH_KEPT) growStates(256, true);
  if (search.from.length > SEARCH_KEPT) growWays(256, true);
  if (search.slots.length > SEARCH_KEPT) {
    search.slots = new Int32Array(64);
    search.stamps = new Int32Array(64);
    search.layer = 0;
  }
}

function grown<T extends Float64Array | Int32Array | Uint8Array>(array: T, size: number, fresh: boolean): T {
  const made = new (array.constructor as new (n: number) => T)(size);
  if (!fresh) made.set(array.subarray(0, Math.min(array.length, size)));
  return made;
}

function growStates(size: number, fresh = false): void {
  search.stateKey = grown(search.stateKey, size, fresh);
  search.start = grown(search.start, size, fresh);
  search.groupStart = grown(search.groupStart, size, fresh);
  search.name = grown(search.name, size, fresh);
  search.anchored = grown(search.anchored, size, fresh);
  search.preds = grown(search.preds, size, fresh);
  search.lastPred = grown(search.lastPred, size, fresh);
  search.score = grown(search.score, size, fresh);
  search.evenGroups = grown(search.evenGroups, size, fresh);
  search.best = grown(search.best, size, fresh);
  search.ahead = grown(search.ahead, size, fresh);
}

function growWays(size: number, fresh = false): void {
  search.from = grown(search.from, size, fresh);
  search.gain = grown(search.gain, size, fresh);
  search.level1 = grown(search.level1, size, fresh);
  search.next = grown(search.next, size, fresh);
}

/** A new state (its ways in and its best yet to be set), and its index. */
function newState(key: number, start: number, groupStart: number, name: number, anchored: boolean): number {
  const s = search.states++;
  if (s === search.start.length) growStates(2 * s);
  search.stateKey[s] = key;
  search.start[s] = start;
  search.groupStart[s] = groupStart;
  search.name[s] = name;
  search.anchored[s] = anchored ? 1 : 0;
  search.preds[s] = -1;
  search.lastPred[s] = -1;
  search.score[s] = 0;
  search.evenGroups[s] = 0;
  search.best[s] = -1;
  search.ahead[s] = -Infinity;
  return s;
}

/** A new way, and its index. */
function newWay(from: number, gain: number, level1: number): number {
  const w = search.ways++;
  if (w === search.from.length) growWays(2 * w);
  search.from[w] = from;
  search.gain[w] = gain;
  search.level1[w] = level1;
  search.next[w] = -1;
  return w;
}

/** The walk under way (one at a time): what `reach` reads besides its arguments. */
const walk = {
  /** The unit whose group the ways being made close. */
  unit: 0,
  side: 0,
  nameCount: 0,
  gain: null as Gain | null,
  budget: 0,
  used: 0,
  /** The layer being filled: its first state, and whether the table holds it (a few states as a rule, found by a scan). */
  layerFrom: 0,
  mapped: false,
};

/** The state of the layer being filled with `key`, or -1. */
function stateAt(key: number): number {
  if (walk.mapped) return tableGet(key);
  const keys = search.stateKey;
  for (let s = walk.layerFrom; s < search.states; s++) if (keys[s] === key) return s;
  return -1;
}

/** A way from state `from` closing the unit's group at `end`, into the state it reaches; false past the walk's budget. */
function reach(from: number, end: number, level1Name: number, groupStart: number, name: number, anchored: boolean, bonus: number): boolean {
  const key = ((end * walk.side + groupStart) * walk.nameCount + name) * 2 + (anchored ? 1 : 0);
  const agreed = walk.gain!(walk.unit, search.start[from], end) + bonus;
  const score = search.score[from] + agreed;
  const evenGroups = search.evenGroups[from] + ((end - search.start[from]) % 2 === 0 ? 1 : 0);
  const way = newWay(from, agreed, level1Name);
  let node = stateAt(key);
  if (node < 0) {
    // Most states are reached once: their ways in start and end at that one, and it is their best.
    node = newState(key, end, groupStart, name, anchored);
    search.preds[node] = way;
    search.lastPred[node] = way;
    search.score[node] = score;
    search.evenGroups[node] = evenGroups;
    search.best[node] = way;
    if (walk.mapped) tablePut(node, walk.layerFrom);
    else if (search.states - walk.layerFrom === 16) {
      clearTable();
      for (let s = walk.layerFrom; s < search.states; s++) tablePut(s, walk.layerFrom);
      walk.mapped = true;
    }
    return ++walk.used <= walk.budget;
  }
  search.next[search.lastPred[node]] = way;
  search.lastPred[node] = way;
  if (score > search.score[node] || (score === search.score[node] && evenGroups < search.evenGroups[node])) {
    search.score[node] = score;
    search.evenGroups[node] = evenGroups;
    search.best[node] = way;
  }
  return true;
}

/** The first of `count` numbers of the search's list of layer starts, reserved for one walk. */
function reserveLayers(count: number): number {
  const at = search.layerCount;
  search.layerCount += count;
  if (search.layerCount > search.layerStarts.length) search.layerStarts = grown(search.layerStarts, Math.max(2 * search.layerStarts.length, search.layerCount), false);
  return at;
}

/**
 * All readings of one alignment, by a walk over the units: each unit's group
 * starts where the previous one ended and must put the unit's label at the
 * alignment's offset; when a 一级 group (a run of units under one 一级) closes,
 * the 一级 labels inside it must be its own, at the same offset. A unit the
 * taxonomy gives a 一级 falls under it; a 二级 it does not know falls under
 * the 一级 label of the group it closes in (so the same invented 二级 may stand
 * under two 一级 labels), and a group of such units alone must hold that label.
 * States are (group start, 一级 group start, its 一级); their number stays
 * within the rows between two labels, so the walk is linear in practice, and
 * it gives up (null) past a budget proportional to the block. What it returns
 * is read before the search's arrays are emptied (`resetSearch`).
 */
function layouts(
  units: readonly Unit[],
  level1: Level1Marks,
  rowCount: number,
  alignment: Alignment,
  level1Alignment: Alignment,
  rule: Level1Rule,
  gain: Gain,
): Layouts | null {
  // A pair of conventions under which the groups cannot even tile the rows has no reading: no walk is made for it.
  if (!groupsTile(units, rowCount, alignment, level1Alignment)) return null;
  const offset = LABEL_OFFSET[level1Alignment];
  const { names, stateNames: nameList } = level1;
  let free = false;
  for (const u of units) if (u.free) free = true;
  walk.budget = (8 * rowCount + 64) * (free ? 2 * (names.length + 1) : 1);
  walk.used = 1;
  // A state's key, as a number: its group end and start, its 一级 (by index; null and names no label writes included) and whether anchored.
  walk.side = rowCount + 1;
  walk.nameCount = nameList.length;
  walk.gain = gain;
  // The layers: the states after unit k are [layerStarts[base + k], layerStarts[base + k + 1]), made one layer after the other.
  const base = reserveLayers(units.length + 2);
  const layerStarts = search.layerStarts;
  layerStarts[base] = search.states;
  newState(-1, 0, 0, 0, false);
  for (let k = 0; k < units.length; k++) {
    const unit = units[k];
    const last = k === units.length - 1;
    const following = last ? null : units[k + 1];
    const limit = following === null ? rowCount : following.row;
    const from = layerStarts[base + k];
    const to = search.states;
    layerStarts[base + k + 1] = to;
    walk.unit = k;
    walk.layerFrom = to;
    walk.mapped = false;
    const unitName = unit.free ? -1 : nameList.indexOf(unit.level1);
    for (let node = from; node < to; node++) {
      const start = search.start[node];
      const groupStart = search.groupStart[node];
      const opening = groupStart === start;
      const nodeName = search.name[node];
      // A flat unit opens and closes its own 一级 group; a known unit joins only a group of its own 一级.
      if (unit.flat && !opening) continue;
      if (!unit.free && !opening && nodeName !== unitName) continue;
      const choices = unit.free && opening ? names.length : 1;
      const anchored = (!opening && search.anchored[node] === 1) || !unit.free;
      for (let c = 0; c < choices; c++) {
        // The 一级 names come first among the state names, after null.
        const nameAt = unit.free ? (opening ? c + 1 : nodeName) : unitName;
        const name = nameList[nameAt];
        // Consecutive groups under one 一级 the taxonomy names are one 一级 group; a 二级 it does not know may close it.
        const mustStay = following !== null && !unit.flat && !following.flat && !following.free && following.level1 === name;
        const mayStay = following !== null && !unit.flat && !following.flat && (following.free || following.level1 === name);
        // A 一级 label owning a group of its own stands in the 一级 column, and follows that column's convention.
        const endAlignment = unit.flat ? level1Alignment : alignment;
        const lastEnd = lastGroupEnd(endAlignment, start, unit.row, limit);
        for (let end = firstGroupEnd(endAlignment, start, unit.row, limit); end <= lastEnd; end++) {
          if (last && end !== rowCount) continue;
          if (!mustStay && level1Fits(level1, groupStart, end, name, unit.flat, anchored, offset, rule)) {
            // A flat unit's own points are its unit's; a 一级 label over 二级 groups declares its 一级 group's.
            const bonus = unit.flat ? 0 : gain.level1(name, groupStart, end);
            if (!reach(node, end, nameAt, end, 0, false, bonus)) return null;
          }
          if (mayStay && !(unit.free && name === null)) {
            if (!reach(node, end, nameAt, groupStart, nameAt, anchored, 0)) return null;
          }
        }
      }
    }
    if (search.states === to) return null;
  }
  walk.gain = null;
  const layerEnd = search.states;
  layerStarts[base + units.length + 1] = layerEnd;
  const lastFrom = layerStarts[base + units.length];
  for (let node = lastFrom; node < layerEnd; node++) search.ahead[node] = 0;
  for (let k = units.length; k > 0; k--) {
    for (let node = layerStarts[base + k]; node < layerStarts[base + k + 1]; node++) {
      const ahead = search.ahead[node];
      if (ahead === -Infinity) continue;
      for (let way = search.preds[node]; way !== -1; way = search.next[way]) {
        const pred = search.from[way];
        search.ahead[pred] = Math.max(search.ahead[pred], search.gain[way] + ahead);
      }
    }
  }
  // The reading chosen: the one the content agrees with most, then the one with the fewest groups of even size
  // (a centred label sits exactly in the middle of an odd group).
  let final = -1;
  for (let node = lastFrom; node < layerEnd; node++) {
    if (search.groupStart[node] !== rowCount) continue;
    if (final < 0 || search.score[node] > search.score[final] || (search.score[node] === search.score[final] && search.evenGroups[node] < search.evenGroups[final])) final = node;
  }
  if (final < 0) return null;
  // One way per unit leads from the first state to the final one.
  const starts = new Array<number>(units.length);
  const level1s = new Array<string | null>(units.length);
  let k = units.length;
  for (let node = final; search.best[node] !== -1; node = search.from[search.best[node]]) {
    const way = search.best[node];
    k--;
    starts[k] = search.start[search.from[way]];
    level1s[k] = nameList[search.level1[way]];
  }
  return new Walked(starts, level1s, search.score[final], base, units.length, nameList);
}

/**
 * Whether the units' groups can follow one another from the first row to the
 * last under a 二级 convention (and the 一级 column's, for a 一级 label that
 * owns a group), whatever the 一级 labels say: each group starts where the one
 * before ended and puts its label where the convention does. The walk of
 * `layouts` makes only such groups, and more besides the 一级 labels must
 * allow: a pair of conventions that fails here reads nothing there.
 * Remembered for the block's units, which every reading of the block asks about.
 */
export function groupsTile(units: readonly Unit[], rowCount: number, alignment: Alignment, level1Alignment: Alignment): boolean {
  if (units !== tiled.units || rowCount !== tiled.rowCount) {
    tiled.units = units;
    tiled.rowCount = rowCount;
    tiled.known.fill(-1);
    tiled.flat = false;
    for (let k = 0; k < units.length; k++) if (units[k].flat) tiled.flat = true;
  }
  // The 一级 column's convention counts only where a unit is flat.
  const at = ALIGNMENTS.indexOf(alignment) * 3 + (tiled.flat ? ALIGNMENTS.indexOf(level1Alignment) : 0);
  if (tiled.known[at] === -1) tiled.known[at] = tiles(units, rowCount, alignment, level1Alignment) ? 1 : 0;
  return tiled.known[at] === 1;
}

/** The block `groupsTile` was last asked about, and what it found for each pair of conventions (-1: not asked yet). */
const tiled = { units: null as readonly Unit[] | null, rowCount: 0, flat: false, known: new Int8Array(9) };
remembered({ clear: () => (tiled.units = null) });

function tiles(units: readonly Unit[], rowCount: number, alignment: Alignment, level1Alignment: Alignment): boolean {
  // Where the current unit's group may start, and where the next one's may (a few rows at most: one under the top or
  // bottom convention), in two lists kept from call to call.
  let starts = TILE_STARTS;
  let ends = TILE_ENDS;
  starts[0] = 0;
  let startCount = 1;
  for (let k = 0; k < units.length; k++) {
    const unit = units[k];
    const last = k === units.length - 1;
    const limit = last ? rowCount : units[k + 1].row;
    const endAlignment = unit.flat ? level1Alignment : alignment;
    let endCount = 0;
    for (let s = 0; s < startCount; s++) {
      const start = starts[s];
      const lastEnd = lastGroupEnd(endAlignment, start, unit.row, limit);
      for (let end = firstGroupEnd(endAlignment, start, unit.row, limit); end <= lastEnd; end++) {
        if (last && end !== rowCount) continue;
        let seen = false;
        for (let e = 0; e < endCount && !seen; e++) seen = ends[e] === end;
        if (!seen) ends[endCount++] = end;
      }
    }
    if (endCount === 0) return false;
    const swapped = starts;
    starts = ends;
    ends = swapped;
    startCount = endCount;
  }
  return true;
}

const TILE_STARTS: number[] = [];
const TILE_ENDS: number[] = [];

/** A walk's chosen reading, and the ways of its states (read while the search's arrays hold them). */
class Walked implements Layouts {
  constructor(
    readonly starts: number[],
    readonly level1s: (string | null)[],
    readonly score: number,
    private readonly base: number,
    private readonly unitCount: number,
    private readonly nameList: readonly (string | null)[],
  ) {}

  spans(score: number | null, found: UnitSpans): void {
    const layerStarts = search.layerStarts;
    for (let k = this.unitCount; k > 0; k--) {
      for (let node = layerStarts[this.base + k]; node < layerStarts[this.base + k + 1]; node++) {
        const ahead = search.ahead[node];
        if (ahead === -Infinity) continue;
        for (let way = search.preds[node]; way !== -1; way = search.next[way]) {
          const pred = search.from[way];
          if (score !== null && search.score[pred] + search.gain[way] + ahead !== score) continue;
          widen(found, k - 1, this.nameList[search.level1[way]], search.start[pred], search.start[node]);
        }
      }
    }
  }
}

/**
 * Where the group of a label at `row` can end (exclusive) if it starts at
 * `start`, not past `limit`: every end from the first to the last (none when
 * the first is past the last).
 */
function firstGroupEnd(alignment: Alignment, start: number, row: number, limit: number): number {
  if (alignment === 'top') return limit;
  if (alignment === 'bottom') return row + 1;
  return 2 * row - start + 1;
}

function lastGroupEnd(alignment: Alignment, start: number, row: number, limit: number): number {
  if (start > row) return -1;
  if (alignment === 'top') return start === row ? limit : -1;
  if (alignment === 'bottom') return row + 1 <= limit ? row + 1 : -1;
  return Math.min(2 * row - start + 2, limit);
}

/**
 * A closed 一级 group [from, to) under `name` holds no 一级 label but its own:
 * once, at the alignment's offset ('placed'), or any number of times anywhere
 * ('named'). A group no unit of which knows its 一级 must hold its label.
 */
function level1Fits(level1: Level1Marks, from: number, to: number, name: string | null, flat: boolean, anchored: boolean, offset: (n: number) => number, rule: Level1Rule): boolean {
  const count = level1.before[to] - level1.before[from];
  if (count === 0) return anchored;
  if (flat) return false;
  if (rule === 'named') {
    const own = name === null ? undefined : level1.beforeByName(name);
    return own !== undefined && own[to] - own[from] === count;
  }
  if (count > 1) return false;
  const row = level1.firstFrom[from];
  return level1.at[row] === name && row - from === offset(to - from);
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
  // No alignment explains every label. Labels on the block's first row say top; without them, centred or bottom is a
  // guess, and a row that the other of the two reads otherwise is reported.
  const otherSpreads: AlignedSpread[] = ALIGNMENTS.filter((a) => a !== alignment && a !== 'top' && alignment !== 'top').map((a) => ({
    level2: spreadLabels(marks.level2, marks.level1, a),
    level1: spreadLabels(marks.level1, null, a),
  }));
  const written = new Set(rows.flatMap((p) => p.level1Labels.map((l) => l.canonical)));
  return rows.map((p, i) => {
    let reported = false;
    let level2 = level2Spread.labels[i];
    let level1: string | null = level2 ? parentOf(level2, taxonomy) : null;
    const byLabel = level1Spread.labels[i];
    const notChosen = level2Spread.ambiguous.get(i);
    const other = notChosen === undefined ? null : { level1: parentOf(notChosen, taxonomy), level2: notChosen };
    const decided = other ? decidedByContent(cues[i], [{ level1, level2 }, other]) : null;
    if (decided) ({ level1, level2 } = decided);
    else if (other && isIndicatorRow(p)) {
      diagnostics.push(diagnostic('ambiguous-hierarchy', rowPlace(p), { chosen: { level1, level2 } }));
      reported = true;
    }
    if (level1 && byLabel && level1 !== byLabel && marks.level2[i] === null && !marks.misplaced.has(i) && byLabel !== '满意度指标') {
      const next = nextLevel2[i];
      const allowed = next !== null && parentOf(next, taxonomy) === byLabel;
      const decided = allowed ? decidedByContent(cues[i], [{ level1: byLabel, level2: next }, { level1, level2 }]) : null;
      if (decided) ({ level1, level2 } = decided);
      else if (allowed) {
        diagnostics.push(diagnostic('ambiguous-hierarchy', rowPlace(p), { chosen: { level1: byLabel, level2: next }, alternative: { level1, level2 } }));
        reported = true;
        level2 = next;
        level1 = byLabel;
      } else if (reported) {
        // Already reported with both readings.
      } else if (!written.has(level1)) {
        // The 一级 the taxonomy gives the row's 二级 is not written anywhere in the form: the label over the row is kept
        // as written, and the row is reported with the taxonomy's reading.
        diagnostics.push(diagnostic('ambiguous-hierarchy', rowPlace(p), { chosen: { level1: byLabel, level2 }, alternative: { level1, level2 } }));
        reported = true;
        level1 = byLabel;
      } else {
        // The 一级 label over the row and its 二级's parent are both the form's own: two readings remain.
        diagnostics.push(diagnostic('ambiguous-hierarchy', rowPlace(p), { chosen: { level1, level2 }, alternative: { level1: byLabel, level2: null } }));
        reported = true;
      }
    }
    if (!level1) level1 = byLabel;
    // A centred 一级 label whose group may end a row earlier or later leaves this row's 一级 open.
    const level1Other = level1Spread.ambiguous.get(i);
    if (!reported && isIndicatorRow(p) && level1Other !== undefined && level1Other !== level1 && marks.level2[i] === null) {
      diagnostics.push(diagnostic('ambiguous-hierarchy', rowPlace(p), { chosen: { level1, level2 }, alternative: { level1: level1Other, level2: null } }));
      reported = true;
    }
    if (!reported && isIndicatorRow(p)) {
      const others = otherSpreads.map((spread) => spreadReading(spread, i, taxonomy)).filter((r) => r.level1 !== level1 || r.level2 !== level2);
      const decidedHere = others.length > 0 && decidedByContent(cues[i], [{ level1, level2 }, ...others]) !== null;
      if (others.length > 0 && !decidedHere) diagnostics.push(diagnostic('ambiguous-hierarchy', rowPlace(p), { chosen: { level1, level2 }, alternative: others[0], alternatives: others }));
    }
    return { level1, level1Points: level1 ? (marks.points.get(level1) ?? null) : null, level2 };
  });
}

/** The labels of a block spread by one alignment, 二级 and 一级 separately. */
interface AlignedSpread {
  level2: Spread;
  level1: Spread;
}

/** How a row reads under another alignment's spread: its 二级 and that 二级's parent, else the 一级 label over it. */
function spreadReading(spread: AlignedSpread, i: number, taxonomy: FormTaxonomy): { level1: string | null; level2: string | null } {
  const level2 = spread.level2.labels[i];
  return { level1: (level2 ? parentOf(level2, taxonomy) : null) ?? spread.level1.labels[i], level2 };
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
  /** Rows that the centred label above or the one below could both cover → the label not chosen. */
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
  // A centred label sits in the middle of its group: once the group's first row is known, so is its end (give or take
  // the one row of an even group). Where that overruns the next label, the rows between two labels are split evenly.
  let start = 0;
  at.forEach((row, k) => {
    const last = k + 1 === at.length;
    const limit = last ? marks.length : at[k + 1];
    const centredEnd = row + (row - start) + 1;
    let to: number;
    if (last) to = marks.length;
    else if (start <= row && centredEnd <= limit) {
      to = centredEnd;
      // An even group would take one row more: the row after an odd one could be either label's.
      if (centredEnd + 1 <= limit) ambiguous.set(centredEnd, marks[row]!);
    } else {
      to = row + 1 + Math.ceil((limit - row - 1) / 2);
      if ((limit - row - 1) % 2 === 1) ambiguous.set(to - 1, marks[at[k + 1]]!);
    }
    for (let i = start; i < to; i++) labels[i] = marks[row];
    start = to;
  });
  return { labels, ambiguous };
}
