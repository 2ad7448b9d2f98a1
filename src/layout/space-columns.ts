/**
 * The columns of space-aligned rows. Space-aligned text drops empty cells, so
 * a cell's place in its row says nothing about its column; its display
 * position (recorded by the rows stage) does: each cell of a row under a
 * header takes the column of the caption it stands under.
 */
import type { Cell, Row } from '../parse/rows.js';
import type { RowKind } from '../tables/labels.js';


/** Rows whose captions give the columns of the rows under them. */
function isHeaderRow(row: Row): boolean {
  if (row.kind === 'fundsHeader' || row.kind === 'indicatorHeader') return true;
  return row.kind === 'goals' && row.cells.filter((c) => c.kind === 'label').length >= 2;
}

/** Rows that end a header's reach: a new form or section that does not read columns. */
const RESETS: ReadonlySet<RowKind> = new Set<RowKind>(['title', 'project', 'department', 'total']);

interface Span {
  cell: Cell;
  from: number;
  to: number;
}

/** The display span the rows stage recorded for a space-aligned cell. */
function spanOf(cell: Cell): Span {
  return { cell, from: cell.from ?? 0, to: cell.to ?? 0 };
}

const overlaps = (a: Span, b: Span) => Math.min(a.to, b.to) > Math.max(a.from, b.from);

/**
 * The columns of a header printed on two rows (`年度预算数（万元）` spanning
 * `年初预算 · 调整后预算数` under it): the captions of the lower row, and those
 * of the upper row that no lower caption sits under, left to right. Every
 * caption's index becomes its column's; a spanning caption takes the index of
 * the first caption under it, which the lower row's caption then overrides.
 */
function mergeHeaders(upper: readonly Span[], lower: readonly Span[]): Span[] {
  const merged = [...lower, ...upper.filter((u) => !lower.some((l) => overlaps(u, l)))].sort((a, b) => a.from - b.from);
  merged.forEach((span, i) => (span.cell.index = i));
  for (const u of upper) {
    const under = merged.find((m) => overlaps(u, m));
    if (under && under !== u) u.cell.index = under.cell.index;
  }
  return merged;
}

/**
 * Space-aligned text drops empty cells, so a cell's place in its row says
 * nothing about its column. Its display position does (CJK characters two
 * columns wide): each cell of a row under a header takes the column of the
 * caption it overlaps most, or lies nearest to, left to right.
 */
export function alignSpaceColumns(rows: readonly Row[], fundsRows: ReadonlySet<Row> = new Set()): void {
  let header: Span[] | null = null;
  let headerKind: RowKind | null = null;
  let indicatorColumns = false;
  let fundsColumns = false;
  for (const row of rows) {
    // A total row's figures are read by the indicator header's 分值 and 得分 columns; a 合计 row right in the funds
    // block by the funds header's.
    if (header && (indicatorColumns || fundsColumns) && row.kind === 'total' && row.separator === 'spaces') placeUnder(header, row);
    // A 合计 row the grammar keeps in the funds block is one of its rows: the header reaches on to the rows under it.
    if (fundsColumns && row.kind === 'total' && row.separator === 'spaces' && fundsRows.has(row)) {
      headerKind = null;
      continue;
    }
    if (row.separator !== 'spaces' || RESETS.has(row.kind)) {
      indicatorColumns = false;
      fundsColumns = false;
      header = null;
      headerKind = null;
      continue;
    }
    if (isHeaderRow(row)) {
      const spans = row.cells.map(spanOf);
      header = header && headerKind === row.kind ? mergeHeaders(header, spans) : spans;
      headerKind = row.kind;
      indicatorColumns = row.kind === 'indicatorHeader';
      fundsColumns = row.kind === 'fundsHeader';
      continue;
    }
    if (row.kind === 'page') continue;
    headerKind = null;
    if (row.kind !== 'data' && row.kind !== 'funds') fundsColumns = false;
    if (header && (row.kind === 'data' || row.kind === 'funds')) placeUnder(header, row);
  }
}

function placeUnder(columns: readonly Span[], row: Row): void {
  const spans = row.cells.map(spanOf);
  // The caption each cell overlaps most, if any: a cell under no caption (a funds row's label under the blank cell
  // the header's spanning caption leaves) takes the nearest column left of the one the next overlapping cell takes.
  const overlapping = spans.map((span) => mostOverlapped(columns, span));
  let next = 0;
  const nearest = spans.map((span, i) => {
    const bound = overlapping.find((at, k) => k > i && at >= 0) ?? columns.length;
    const at = closestColumn(columns, span, next, bound > next ? bound : columns.length);
    next = at + 1;
    return at;
  });
  const homes = pushedHomes(columns, spans, nearest, overlapping);
  row.cells.forEach((cell, i) => {
    const [at, ...others] = homes?.[i] ?? [nearest[i]];
    // A cell that may stand under either of two captions stands under neither: its content decides, or it is reported.
    const index = at < columns.length ? columns[at].cell.index : columns[columns.length - 1].cell.index + (at - columns.length + 1);
    cell.index = others.length > 0 ? index + 0.5 : index;
  });
}

/** The gap two cells of a row keep at least (WideSpace), and a little more: a cell this close to the one before may have been pushed right by it. */
const PUSHED_GAP = 3;

/**
 * A name wider than its column pushes the cells after it right, each two
 * spaces after the one before, off the caption it belongs under (a target
 * pushed under 实际完成值). Such a cell stands under the caption it overlaps
 * or one left of it that starts no further right than the cell does, after
 * the columns of the cells before it; a cell not pushed, under the caption
 * it stands under however the cells before it were read. Returns the columns
 * each cell may stand in when every cell keeps the order of the row; null
 * when no cell of the row was pushed, or when no order fits (then each cell
 * keeps the column it was first given).
 */
function pushedHomes(columns: readonly Span[], spans: readonly Span[], nearest: readonly number[], overlapping: readonly number[]): number[][] | null {
  let anyPushed = false;
  const choices: number[][] = [];
  spans.forEach((span, i) => {
    const before = spans[i - 1];
    // The caption right of the leftmost one the cell before may stand under: that cell overran it.
    const after = i > 0 ? columns[Math.min(...choices[i - 1]) + 1] : undefined;
    const pushed = after !== undefined && before.to > after.from && span.from - before.to <= PUSHED_GAP;
    anyPushed ||= pushed;
    const left = pushed ? columns.flatMap((column, j) => (j <= nearest[i] && column.from <= span.from ? [j] : [])) : [];
    // A cell not pushed stands under its own caption, left of the one the cells before it pushed it to if it overlaps that one most.
    choices.push(left.length > 0 ? left : [!pushed && overlapping[i] >= 0 ? Math.min(overlapping[i], nearest[i]) : nearest[i]]);
  });
  if (!anyPushed) return null;
  // The columns each cell can take with a column for every cell before it (forward) and after it (backward), left to right.
  const forward: number[][] = [];
  choices.forEach((own, i) => forward.push(own.filter((j) => i === 0 || forward[i - 1].some((k) => k < j))));
  const homes = choices.map(() => [] as number[]);
  for (let i = choices.length - 1; i >= 0; i--) homes[i] = forward[i].filter((j) => i === choices.length - 1 || homes[i + 1].some((k) => k > j));
  return homes.every((h) => h.length > 0) ? homes : null;
}

/** Index in `columns` of the caption a span overlaps most; -1 when it overlaps none. */
function mostOverlapped(columns: readonly Span[], span: Span): number {
  let best = -1;
  let bestOverlap = 0;
  columns.forEach((column, j) => {
    const overlap = Math.min(column.to, span.to) - Math.max(column.from, span.from);
    if (overlap > bestOverlap) [best, bestOverlap] = [j, overlap];
  });
  return best;
}

/**
 * Index in `columns` (from `first` on) of the caption a span overlaps most, else the nearest before `bound`;
 * `columns.length` and beyond when none is left.
 */
function closestColumn(columns: readonly Span[], span: Span, first: number, bound: number): number {
  // A cell wider than a whole caption runs on into the columns after its own: it stands under the caption its first
  // character stands under (a long target printed from 年度指标值 over 实际完成值 and 偏差原因).
  const rest = columns.slice(first);
  if (rest.some((column) => span.from <= column.from && column.to <= span.to)) {
    const own = rest.findIndex((column) => column.from <= span.from && span.from < column.to);
    if (own >= 0) return first + own;
  }
  let best = -1;
  let bestOverlap = 0;
  let bestDistance = Infinity;
  for (let j = first; j < columns.length; j++) {
    const column = columns[j];
    const overlap = Math.min(column.to, span.to) - Math.max(column.from, span.from);
    if (overlap > 0) {
      if (overlap > bestOverlap) {
        best = j;
        bestOverlap = overlap;
      }
      continue;
    }
    if (bestOverlap > 0 || j >= bound) continue;
    const distance = -overlap;
    if (distance < bestDistance) {
      best = j;
      bestDistance = distance;
    }
  }
  return best < 0 ? first : best;
}
