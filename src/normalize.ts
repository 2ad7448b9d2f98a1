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
  return { ...rest, indicators, diagnostics, findings: [], summary: null };
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
    if (!p.fields.name && !p.fields.target && !p.fields.weight && !p.fields.score) return;
    indicators.push(toIndicator(p, levels[i], diagnostics));
  });
  return indicators;
}

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

interface FieldAssignment {
  fields: [Field, Cell][];
  rest: Cell[];
}

/**
 * Which cell is which field. A full row (name, target, actual, weight, score)
 * is read in order whatever its columns; a shorter one is laid against the
 * header's columns, shifted so its name sits under 三级指标.
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
    for (const shift of [0, content[0].index - nameColumn]) {
      const byColumn = content.map((c) => [columns.get(c.index - shift), c] as [string | undefined, Cell]);
      const fields = byColumn.filter(([f]) => f !== undefined && (FIELD_ORDER as readonly string[]).includes(f)) as [Field, Cell][];
      const unique = new Set(fields.map(([f]) => f)).size === fields.length;
      if (fields.length === content.length && unique && fields[0][0] === 'name' && fields.every(([f, c]) => plausibleFor(f, c))) {
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

/**
 * Gives each row its 一级 and 二级. A 二级 label covers a group of rows and
 * was printed on its first, middle or last row: the block tells which (the
 * first row of a top-aligned block carries a label, the last row of a
 * bottom-aligned one does). The 一级 follows from the 二级; rows without a
 * 二级 (satisfaction) take it from the 一级 labels.
 */
function assignHierarchy(rows: PlacedRow[], framework: Framework, diagnostics: Diagnostic[]): Levels[] {
  // In the 2020 framework a pointless 成本指标 label is the 二级 under 产出指标.
  for (const p of rows) {
    if (framework === '2020') {
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

  const level1Marks: (string | null)[] = rows.map((p) => (p.level1Labels.length ? nameOfLevel1(p.level1Labels[p.level1Labels.length - 1].text) : null));
  const level2Marks: (string | null)[] = rows.map((p) => (p.level2Labels.length ? p.level2Labels[p.level2Labels.length - 1] : null));

  // A 一级 label printed on a row whose 二级 belongs to another 一级 is a
  // misplaced merged label (vertically centred): it opens its group on the next row.
  const misplacedAt = new Set<number>();
  rows.forEach((_, i) => {
    const l1 = level1Marks[i];
    const l2 = level2Marks[i];
    if (l1 && l2 && level1Of(l2, framework) && level1Of(l2, framework) !== l1) {
      misplacedAt.add(i);
      level1Marks[i] = null;
      if (i + 1 < rows.length && level1Marks[i + 1] === null) level1Marks[i + 1] = l1;
    }
  });

  const alignment = alignmentOf(rows, level1Marks, level2Marks);
  const level2Spread = spreadLabels(level2Marks, level1Marks, alignment);
  const level1Spread = spreadLabels(level1Marks, null, alignment);

  return rows.map((p, i) => {
    let level2 = level2Spread.labels[i];
    let level1: string | null = level2 ? level1Of(level2, framework) : null;
    const byLabel = level1Spread.labels[i];
    if (level2Spread.ambiguous.has(i)) {
      diagnostics.push({
        code: 'ambiguous-hierarchy',
        severity: 'warning',
        message: `row could belong to the 二级 group above or below it; read as ${level2}`,
        line: p.row.line,
        column: p.row.cells[0]?.column ?? 1,
        detail: { chosen: { level1, level2 } },
      });
    }
    if (level1 && byLabel && level1 !== byLabel && level2Marks[i] === null && !misplacedAt.has(i) && byLabel !== '满意度指标') {
      const next = nextLabel(level2Marks, i);
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
    return { level1, level1Points: level1 ? (points.get(level1) ?? null) : null, level2 };
  });
}

function nextLabel(marks: readonly (string | null)[], i: number): string | null {
  for (let j = i + 1; j < marks.length; j++) if (marks[j]) return marks[j];
  return null;
}

function alignmentOf(rows: readonly PlacedRow[], level1Marks: readonly (string | null)[], level2Marks: readonly (string | null)[]): Alignment {
  const firstContent = rows.findIndex((p) => p.fields.name);
  if (firstContent < 0 || level2Marks[firstContent] !== null || level1Marks[firstContent] !== null) return 'top';
  // Bottom-aligned 一级 labels land on the last row of their last 二级 group, which carries that group's label too.
  const level1Rows = level1Marks.map((m, i) => (m && m !== '满意度指标' ? i : -1)).filter((i) => i >= 0);
  if (level1Rows.length > 0 && level1Rows.every((i) => level2Marks[i] !== null)) return 'bottom';
  return 'middle';
}

interface Spread {
  labels: (string | null)[];
  /** Rows whose group could also be the neighbouring one (centred labels of even-sized groups). */
  ambiguous: Set<number>;
}

/**
 * Spreads labels over their groups. Top: a label covers the rows after it
 * until the next label. Bottom: the rows before it since the previous one.
 * Middle: a centred label has as many rows after it as before it, or one
 * more; the split between two labels is the one that keeps every later group
 * centred too, and a row that two splits would place differently is ambiguous.
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
  const splits = centredSplits(at, marks.length);
  const chosen = splits[0] ?? at.map((p) => p + 1);
  let start = 0;
  at.forEach((p, k) => {
    for (let i = start; i < chosen[k]; i++) labels[i] = marks[p];
    start = chosen[k];
  });
  for (const other of splits.slice(1)) {
    other.forEach((end, k) => {
      for (let i = Math.min(end, chosen[k]); i < Math.max(end, chosen[k]); i++) ambiguous.add(i);
    });
  }
  return { labels, ambiguous };
}

/** Every way to end the groups of centred labels at rows `at` (end = first row after the group), at most two. */
function centredSplits(at: readonly number[], total: number): number[][] {
  const results: number[][] = [];
  const walk = (k: number, start: number, ends: number[]) => {
    if (results.length >= 2) return;
    if (k === at.length) {
      results.push(ends);
      return;
    }
    const before = at[k] - start;
    if (before < 0) return;
    for (const after of [before, before + 1]) {
      const end = at[k] + 1 + after;
      const limit = k + 1 < at.length ? at[k + 1] : total;
      if (end <= limit) walk(k + 1, end, [...ends, end]);
    }
  };
  walk(0, 0, []);
  return results;
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
      message: `indicator row at line ${p.row.line} has no name`,
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
