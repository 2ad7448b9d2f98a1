/**
 * The indicator block's layout: the header names the block's columns; each
 * row's labels are read by meaning and by the column they stand in, its other
 * cells matched to the header's fields by what they hold and where they stand
 * (indicator-cells.ts); then the hierarchy (hierarchy.ts) gives each row its
 * 一级 and 二级.
 */
import { NAME_LIKE_LABELS } from '../tables/taxonomy.js';
import { isReasonLine } from '../tables/templates.js';
import { isReasonCaptionText } from './captions.js';
import type { Row } from '../parse/rows.js';
import type { Diagnostic } from '../contract/schema.js';
import { unplaced } from '../parse/ledger.js';
import type { CellLedger } from '../parse/ledger.js';
import { assignCells, choicesOf, MAX_MATCHED_CELLS, columnOf, rowFit, rowTraits, DEFAULT_LAYOUT, fit, layoutOf, type CellTraits, type IndicatorLayout } from './indicator-cells.js';
import { levelLabelOf, mergedLabelOf, unknownLabelOf, unwrittenReading, type FormLabels, type LevelLabel, type UnwrittenReading } from './level-labels.js';
import { isIndicatorRow, noFields, rowPlace, type Levels, type PlacedRow, type Spellings } from './placed-row.js';
import { readHierarchy } from './hierarchy.js';
import { diagnostic } from '../catalogue/messages.js';


/** The indicator block once laid out: each row's fields and levels (as the form spells them). */
export interface IndicatorsLayout {
  rows: { placed: PlacedRow; levels: Levels }[];
  /** Reports about rows whose group rests on a label that could be a name: said after the rows' own. */
  late: Diagnostic[];
}

/**
 * The indicator block: the header's columns, each row's labels and cells placed
 * under them, then the hierarchy of 一级 and 二级 over the rows.
 */
export function layoutIndicators(rows: readonly Row[], ledger: CellLedger, diagnostics: Diagnostic[]): IndicatorsLayout {
  const headers: Row[] = [];
  let layout: IndicatorLayout = DEFAULT_LAYOUT;
  const placed: PlacedRow[] = [];
  const spellings: Spellings = { level1: new Map(), level2: new Map(), doubtful: new Map() };
  const reported = new Set<string>();
  // The labels read so far, by level and text: a text the form has used as a label is its label again.
  const formLabels: FormLabels = { level1: new Set(), level2: new Set() };
  // The columns in which the source states a merge down several rows (a workbook's or a page's label columns).
  // (None in a text export: one empty set serves every such block.)
  let merged: Set<number> | null = null;
  for (const row of rows) {
    if (row.kind === 'indicatorHeader') continue;
    for (const c of row.cells) if ((c.rowSpan ?? 1) > 1) (merged ??= new Set()).add(c.index);
  }
  const mergedColumns: ReadonlySet<number> = merged ?? NO_COLUMNS;
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
    // A reason on a line of its own (`偏差原因 | …`) belongs to no indicator row: reported, not read as one.
    if (row.cells.length >= 2 && isReasonCaptionText(row.cells[0].text) && isReasonLine(row.cells)) {
      for (const cell of row.cells) diagnostics.push(unplaced(cell, 'in an indicator row'));
      continue;
    }
    placed.push(placeRow(row, layout, ledger, diagnostics, spellings, reported, formLabels, mergedColumns));
  }
  const levels = readHierarchy(placed, diagnostics);
  reportNameDoubts(placed, levels, diagnostics);
  const late: Diagnostic[] = [];
  reportDoubtfulGroups(placed, levels, late);
  const level2Points = level2PointsOf(placed, levels);
  return { rows: placed.map((p, i) => ({ placed: p, levels: written(levels[i], spellings, level2Points[i]) })), late };
}

/**
 * The points each row's 二级 group declares (`数量指标(10分)`, read with the
 * label as the 一级 points are): a group is a run of rows read under the same
 * 一级 and 二级, and its points are those printed on the one label of that
 * 二级 standing on a row of the run. A run holding two labels of its 二级 (two
 * groups read as one) or its label printed elsewhere has none: no points are
 * given to rows they may not cover.
 */
function level2PointsOf(placed: readonly PlacedRow[], levels: readonly Levels[]): (string | null)[] {
  const points = new Array<string | null>(placed.length).fill(null);
  for (let from = 0; from < placed.length; ) {
    const { level1, level2 } = levels[from];
    let to = from + 1;
    while (to < placed.length && levels[to].level1 === level1 && levels[to].level2 === level2) to++;
    if (level2 !== null) {
      let labelled: PlacedRow | null = null;
      let count = 0;
      for (let i = from; i < to; i++) {
        if (placed[i].level2Labels.includes(level2)) {
          labelled = placed[i];
          count++;
        }
      }
      const declared = count === 1 ? (labelled!.level2Points?.get(level2) ?? null) : null;
      points.fill(declared, from, to);
    }
    from = to;
  }
  return points;
}


/** The levels as the form spells them, with the points of the row's 二级 group. */
function written(levels: Levels, spellings: Spellings, level2Points: string | null): Levels {
  return {
    level1: levels.level1 === null ? null : (spellings.level1.get(levels.level1) ?? levels.level1),
    level1Points: levels.level1Points,
    // A 2020 成本指标 is read as a 一级 label before the framework makes it a 二级: its spelling is among the 一级's.
    level2:
      levels.level2 === null ? null : (spellings.level2.get(levels.level2) ?? spellings.doubtful.get(levels.level2) ?? spellings.level1.get(levels.level2) ?? levels.level2),
    level2Points,
  };
}

// ---- placing the cells of one row ---------------------------------------------------

/** The row's leading labels and the cells after them (with what each can hold). */
function splitLabels(
  cells: readonly CellTraits[],
  layout: IndicatorLayout,
  formLabels: FormLabels,
  mergedColumns: ReadonlySet<number>,
): { labels: LevelLabel[]; content: readonly CellTraits[]; doubt?: Doubt } {
  // Most rows have no label: their list is the one empty list, and a row's own is made with its first label.
  let labels: LevelLabel[] = NO_LABELS;
  let i = 0;
  // How the text that ends the labels reads as a label the form has not written elsewhere (see unwrittenReading).
  let unwritten: UnwrittenReading | null = null;
  for (; i < cells.length; i++) {
    const column = layout.fromHeader ? layout.columns.get(cells[i].cell.index) : undefined;
    let label = levelLabelOf(cells[i].cell, labels, column) ?? mergedLabelOf(cells[i].cell, column, labels) ?? unknownLabelOf(cells[i].cell, cells[i + 1], layout, labels);
    if (!label) {
      unwritten = unwrittenReading(cells, i, layout, labels, formLabels);
      if (unwritten?.as === 'label') label = unwritten.label;
    }
    if (!label) break;
    if (labels === NO_LABELS) labels = [label];
    else labels.push(label);
  }
  // A row without labels (most rows of a group) is all content.
  const content = i === 0 ? cells : cells.slice(i);
  // A text that could be this row's label as well as its name: read as the name, and said.
  const either = i < cells.length && unwritten?.as === 'either' ? unwritten.label : null;
  // Where the source states the merges of the text's label column, its rows do not drift: with every other cell
  // under its own caption, the text is the row's label (a group of one row, which no merge spans).
  if (either && mergedColumns.has(either.cell.index) && standsWhole(either, content.slice(1), layout)) return { labels: [...labels, either], content: content.slice(1) };
  if (either) return { labels, content, doubt: { ...either, asName: true } };
  // An indicator named like a label (服务对象满意度 under 满意度指标) is read as the row's last label.
  const last = labels[labels.length - 1];
  // It is the name when it stands under 三级指标 and the row reads as well with it, or when the row has no name
  // (or a cell left over) without it and reads whole with it; a full 二级 spelling (…指标) only by its column.
  if (last && content.length > 0 && last.points === null && fit('name', cells[i - 1]) > 0) {
    const standsAsName = layout.fromHeader && last.cell.index === columnOf(layout, 'name');
    const contentFit = rowFit(content, layout);
    const withNameFit = rowFit(cells, layout, i - 1);
    const nameless = !contentFit.names || !contentFit.placesAll;
    const demote = standsAsName ? withNameFit.total >= contentFit.total : !/指标$/.test(last.written) && nameless && withNameFit.placesAll;
    if (demote) return { labels: labels.slice(0, -1), content: cells.slice(i - 1) };
    // A spelling that indicators are also named by, where the row reads whole either way: the name after another label
    // of its level, else the label; said unless the row stands whole under the header.
    // Two 二级 labels in one row are rare (an empty group): a name-like second one is rather the name, its row drifted.
    if (NAME_LIKE_LABELS.includes(last.written) && withNameFit.placesAll) {
      let secondOfItsLevel = false;
      for (let k = 0; k < labels.length - 1; k++) if (labels[k].level === last.level) secondOfItsLevel = true;
      if (secondOfItsLevel) return { labels: labels.slice(0, -1), content: cells.slice(i - 1), doubt: { ...last, asName: true } };
      if (!standsWhole(last, content, layout)) return { labels, content, doubt: { ...last, asName: false } };
    }
  }
  return { labels, content };
}

const NO_COLUMNS: ReadonlySet<number> = new Set();

const NO_LABELS: LevelLabel[] = Object.freeze([]) as unknown as LevelLabel[];

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

function placeRow(
  row: Row,
  layout: IndicatorLayout,
  ledger: CellLedger,
  diagnostics: Diagnostic[],
  spellings: Spellings,
  reported: Set<string>,
  formLabels: FormLabels,
  mergedColumns: ReadonlySet<number>,
): PlacedRow {
  const { labels, content, doubt } = splitLabels(rowTraits(row.cells), layout, formLabels, mergedColumns);
  // The lists of the row's labels, made at their sizes (most rows have none).
  let ones = 0;
  for (let k = 0; k < labels.length; k++) if (labels[k].level === 1) ones++;
  const twos = labels.length - ones;
  // (The weight's reading held in the row from the start: every row has one shape, whether its weight is read or not.)
  const placed: PlacedRow = {
    row,
    level1Labels: ones === 0 ? [] : new Array<LevelLabel>(ones),
    level2Labels: twos === 0 ? [] : new Array<string>(twos),
    fields: noFields(),
    weightCell: undefined,
    weightValue: null,
    weightScaled: undefined,
  };
  ones = 0;
  let level2At = 0;
  if (doubt) {
    diagnostics.push(labelOrName(doubt));
    if (!doubt.asName) placed.doubt = doubt;
  }
  // (By index: no iterator made per row, however the lists are held.)
  for (let k = 0; k < labels.length; k++) {
    const label = labels[k];
    ledger.label(label.cell);
    if (label.cell !== doubt?.cell) (label.level === 1 ? formLabels.level1 : formLabels.level2).add(label.written);
    // The form's spelling of a label: its first, never a doubtful one.
    const names = label.level === 1 ? spellings.level1 : spellings.level2;
    if (label.cell !== doubt?.cell && !names.has(label.canonical)) names.set(label.canonical, label.written);
    if (label.cell === doubt?.cell && !spellings.doubtful.has(label.canonical)) spellings.doubtful.set(label.canonical, label.written);
    if (label.level === 2) placed.level2Labels[level2At++] = label.canonical;
    else placed.level1Labels[ones++] = label;
    if (label.level === 2 && label.points !== null) (placed.level2Points ??= new Map()).set(label.canonical, label.points);
    if (label.cell.rowSpan !== undefined) (placed.statedSpans ??= new Map()).set(label.canonical, label.cell.rowSpan);
    if (!label.known && !reported.has(label.written)) {
      reported.add(label.written);
      diagnostics.push(unknownLabel(label));
    }
  }
  // The cells' fields as assignCells gives them, read from the row shape's choices without a list made of them.
  const choices = choicesOf(content, layout);
  const { order } = layout;
  if (doubt?.asName && content[0]?.cell === doubt.cell) placed.asLabel = { label: doubt, fields: Object.fromEntries(assignCells(content.slice(1), layout).fields) };
  for (let i = 0; i < choices.length; i++) {
    const choice = choices[i];
    if (choice.length !== 1 || choice[0] < 0) continue;
    const { cell } = content[i];
    placed.fields[order[choice[0]]] = cell;
    ledger.field(cell);
  }
  // Cells past the widest row matched are reported first, then those of the row left unplaced.
  for (let i = MAX_MATCHED_CELLS; i < content.length; i++) diagnostics.push(unplaced(content[i].cell, 'in an indicator row', { reason: 'no-column', candidates: [] }));
  for (let i = 0; i < choices.length; i++) {
    const choice = choices[i];
    if (choice.length === 1 && choice[0] >= 0) continue;
    const candidates = choice.length === 1 ? [] : choice.filter((j) => j >= 0).map((j) => order[j]);
    diagnostics.push(unplaced(content[i].cell, 'in an indicator row', { reason: choice.length === 1 ? 'no-column' : 'ambiguous', candidates }));
  }
  return placed;
}

/**
 * Rows whose group depends on a text read as a row's name that could be its
 * label: the block is read again with each such text as its row's label, and
 * every other row the two readings put in different groups is reported with
 * both (the label state above such a row is never carried past it silently).
 */
function reportNameDoubts(rows: readonly PlacedRow[], levels: readonly Levels[], diagnostics: Diagnostic[]): void {
  if (!rows.some((p) => p.asLabel)) return;
  const other = rows.map((p): PlacedRow => {
    const copy: PlacedRow = { ...p, level1Labels: [...p.level1Labels], level2Labels: [...p.level2Labels] };
    if (!p.asLabel) return copy;
    const { label, fields } = p.asLabel;
    if (label.level === 1) copy.level1Labels.push(label);
    else copy.level2Labels.push(label.canonical);
    if (label.level === 2 && label.points !== null) copy.level2Points = new Map([...(p.level2Points ?? []), [label.canonical, label.points]]);
    return { ...copy, fields };
  });
  const otherDiagnostics: Diagnostic[] = [];
  const otherLevels = readHierarchy(other, otherDiagnostics);
  const reported = new Set(diagnostics.filter((d) => d.code === 'ambiguous-hierarchy').map((d) => d.line));
  // The other reading's own open rows: every reading it names for such a row is one of this row's.
  const openThere = new Map(otherDiagnostics.filter((d) => d.code === 'ambiguous-hierarchy').map((d) => [d.line, d.detail]));
  type Reading = { level1: string | null; level2: string | null };
  const pick = (l: Reading): Reading => ({ level1: l.level1, level2: l.level2 });
  const key = (l: Reading) => `${l.level1}\u0000${l.level2}`;
  rows.forEach((p, i) => {
    const chosen = pick(levels[i]);
    if (p.asLabel || !isIndicatorRow(p) || reported.has(p.row.line)) return;
    const there = openThere.get(p.row.line);
    const named = [there?.chosen, there?.alternative, ...((there?.alternatives as unknown[] | undefined) ?? [])].filter((r): r is Reading => typeof r === 'object' && r !== null);
    const seen = new Set([key(chosen)]);
    const alternatives = [pick(otherLevels[i]), ...named.map(pick)].filter((r) => !seen.has(key(r)) && seen.add(key(r)));
    if (alternatives.length === 0) return;
    diagnostics.push(diagnostic('ambiguous-hierarchy', rowPlace(p), { chosen, alternative: alternatives[0], alternatives }));
  });
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
