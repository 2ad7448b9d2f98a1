/**
 * 一级 and 二级 labels of the indicator block, read by meaning: the spelling
 * tables of src/tables/taxonomy.ts after prefixes, points and 等 are
 * stripped, the column a cell stands in, and the labels before it in its row.
 * A label the tables do not know is taken from the column it stands in.
 */
import { LEVEL1_SPELLINGS, LEVEL2_PARENT, LEVEL2_SPELLINGS } from '../tables/taxonomy.js';
import { foldWidth } from '../parse/text.js';
import { simplifiedKey } from '../tables/script.js';
import { normalizeNumber } from '../parse/values.js';
import type { Cell } from '../parse/rows.js';
import { assignCells, fit, rowFit, type CellTraits, type IndicatorLayout } from './indicator-cells.js';
import type { IndicatorColumn } from '../tables/templates.js';
import { rememberedByText } from '../contract/remembered.js';

export interface LevelLabel {
  level: 1 | 2;
  /** The name the taxonomy knows it by (the written text when it knows none). */
  canonical: string;
  /** As written: spaces, `*` and points dropped. */
  written: string;
  points: string | null;
  known: boolean;
  cell: Cell;
}

const POINTS_SUFFIX = /[(]?(\d+(?:\.\d+)?)分[)]?$/;
const LEADING_MARKS = /^[*★☆]+/;

/** `产 出 指 标 (50分)` → `产出指标`, its points "50"; `数量指标(10分)` → `数量指标`. */
function writtenOf(text: string): { written: string; points: string | null } {
  const folded = foldWidth(text).replace(/\s+/g, '').replace(LEADING_MARKS, '');
  const points = POINTS_SUFFIX.exec(folded);
  return points ? { written: folded.slice(0, -points[0].length), points: normalizeNumber(points[1]) } : { written: folded, points: null };
}

/** A label's own number (`一、产出指标`, `1.数量指标`, `(二)效益指标`): not part of its name. */
const NUMBERING = /^(?:[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[、.](?!\d)|\([一二三四五六七八九十\d]{1,3}\))/;

/** The words a spelling table is looked up by: a leading number and 等 dropped, traditional characters and pinyin notes folded. */
const coreOf = (written: string) => simplifiedKey(written.replace(NUMBERING, '')).replace(/等$/, '');

/** Spelling → canonical name, as maps: a text is looked up as a key, never as a property an object inherits. */
const LEVEL1_OF: ReadonlyMap<string, string> = new Map(Object.entries(LEVEL1_SPELLINGS));
const LEVEL2_OF: ReadonlyMap<string, string> = new Map([...Object.entries(LEVEL2_SPELLINGS), ...Object.keys(LEVEL2_PARENT).map((name) => [name, name] as const)]);

/** What a text says as a label: as written, its points, the words it is looked up by, and what the tables make of those. */
interface Spelling {
  written: string;
  points: string | null;
  core: string;
  asLevel1: string | null;
  asLevel2: string | null;
}

function readSpelling(text: string): Spelling {
  const { written, points } = writtenOf(text);
  const core = coreOf(written);
  return { written, points, core, asLevel1: LEVEL1_OF.get(core) ?? null, asLevel2: LEVEL2_OF.get(core) ?? null };
}

/** Spellings by text (a form repeats its labels and names); a longer text (a paragraph in a label column) is read each time. */
const spellingOf = rememberedByText(readSpelling, 50_000, 64);

/** Whether a text reads like a label the tables do not know: `…指标`, or with points. */
const LABEL_LIKE = /指标$/;

/**
 * The label a leading cell of an indicator row holds, or null when it holds
 * none. `before` are the labels already read in the row.
 */
export function levelLabelOf(cell: Cell, before: readonly LevelLabel[], column?: IndicatorColumn): LevelLabel | null {
  if (cell.kind !== 'text' && cell.kind !== 'level1' && cell.kind !== 'level2' && cell.kind !== 'label') return null;
  if (cell.text.length > 40) return null;
  const { written, points, core, asLevel1, asLevel2 } = spellingOf(cell.text);
  const one = asLevel1 !== null || cell.kind === 'level1';
  const two = asLevel2 !== null || cell.kind === 'level2';
  // 满意度指标 in the 二级 column is still the 一级 of a group without 二级 (seed line 177); after a 一级 it is a 二级.
  // A label either level may be (成本指标, 满意度指标) standing under the header's 二级 caption, with points
  // declared (`成本指标(9分)`), is a 二级: the caption comes first, and no row drifts right.
  const known = one && two ? (before.some((l) => l.level === 1) || cell.kind === 'level2' || (column === 'level2' && points !== null) ? 2 : 1) : one ? 1 : two ? 2 : null;
  if (known !== null) {
    const canonical = known === 1 ? (asLevel1 ?? core) : (asLevel2 ?? core);
    return { level: known, canonical, written, points, known: true, cell };
  }
  return null;
}

/**
 * A text at the top of a merge the source states down several rows of the
 * header's 一级 or 二级 column (a workbook's merged cell, a page's rowspan):
 * a label of that column's level, whatever its wording, unless the row has
 * already read a label of that level or deeper.
 */
export function mergedLabelOf(cell: Cell, column: IndicatorColumn | undefined, before: readonly LevelLabel[]): LevelLabel | null {
  if ((cell.rowSpan ?? 1) < 2 || cell.kind !== 'text' || (column !== 'level1' && column !== 'level2')) return null;
  const level = column === 'level1' ? 1 : 2;
  if (before.some((l) => l.level >= level)) return null;
  return unknownLabel(level, cell);
}

/**
 * A leading text cell the tables do not know, read as a label because it
 * stands in a label column of the header, reads like a label (`…指标` or with
 * points), is followed by a cell that can be the row's name and comes
 * after no label of its level or deeper.
 */
export function unknownLabelOf(cell: Cell, next: CellTraits | undefined, layout: IndicatorLayout, before: readonly LevelLabel[] = []): LevelLabel | null {
  if (!layout.fromHeader || cell.kind !== 'text' || !next || fit('name', next) === 0) return null;
  const column = layout.columns.get(cell.index);
  if (column !== 'level1' && column !== 'level2') return null;
  // Labels run 一级 then 二级: after a 二级, or a 一级 when the cell stands in the 一级 column, the row has shifted
  // and the cell is its name (`生态效益指标 | 本项目不适用此指标 | 无`, two empty cells dropped).
  const deepest = deepestLevel(before);
  if (deepest >= (column === 'level1' ? 1 : 2)) return null;
  const { core, points } = spellingOf(cell.text);
  return LABEL_LIKE.test(core) || points !== null ? unknownLabel(column === 'level1' ? 1 : 2, cell) : null;
}

/** The deepest level of the labels read so far in a row (0: none). */
function deepestLevel(before: readonly LevelLabel[]): number {
  let deepest = 0;
  for (const l of before) if (l.level > deepest) deepest = l.level;
  return deepest;
}

/** A label the tables do not know, as the form writes it (its points apart, a trailing 等 dropped from its name). */
function unknownLabel(level: 1 | 2, cell: Cell): LevelLabel {
  const { written, points } = spellingOf(cell.text);
  return { level, canonical: written.replace(/等$/, ''), written, points, known: false, cell };
}

/**
 * How a leading text the tables do not know and that reads like no label
 * (`服务保障`, the cell at `at` of a row's cells) reads: as the form's own label ('label'), or as the row's name
 * although it could be its label ('either'); null when it is no label.
 *
 * A label: it stands under the header's 一级 or 二级 caption, the row's name
 * stands right after it under 三级指标, and the cells after it read as a whole
 * row, while with the text as its name they do not (a row drifted one column
 * left, its name under 二级指标, reads whole either way, and stays a row
 * without a label) or the form has already read the same text as a label of
 * that column's level (`formLabels`).
 *
 * Either: the row reads whole both ways, the form has not used the text as a
 * label, and the row's figures do not decide (read as a label, the row would
 * leave a 分值 or 得分 cell empty that it fills as a name). The row is read
 * with the text as its name and reported.
 */
export interface UnwrittenReading {
  as: 'label' | 'either';
  label: LevelLabel;
}

export function unwrittenReading(
  cells: readonly CellTraits[],
  at: number,
  layout: IndicatorLayout,
  before: readonly LevelLabel[],
  formLabels: FormLabels,
): UnwrittenReading | null {
  const cell = cells[at];
  if (!layout.fromHeader || cell.cell.kind !== 'text' || at + 1 >= cells.length || cell.cell.text.length > 20) return null;
  const column = layout.columns.get(cell.cell.index);
  if (column !== 'level1' && column !== 'level2') return null;
  const next = cells[at + 1];
  if (layout.columns.get(next.cell.index) !== 'name' || fit('name', next) < 3 || fit('name', cell) < 3) return null;
  const deepest = deepestLevel(before);
  if (deepest >= (column === 'level1' ? 1 : 2)) return null;
  const rest = cells.slice(at + 1);
  const asLabel = rowFit(rest, layout);
  if (!asLabel.names || !asLabel.placesAll) return null;
  const level = column === 'level1' ? 1 : 2;
  const label = unknownLabel(level, cell.cell);
  const { written } = label;
  if ((level === 1 ? formLabels.level1 : formLabels.level2).has(written)) return { as: 'label', label };
  const asName = rowFit([cell, ...rest], layout);
  if (!asName.names || !asName.placesAll) return { as: 'label', label };
  const figures = (cells: readonly CellTraits[]) => assignCells(cells, layout).fields.filter(([field]) => field === 'weight' || field === 'score').length;
  return figures([cell, ...rest]) > figures(rest) ? null : { as: 'either', label };
}

/** The labels read in a form so far, by level: each as written (points dropped). */
export interface FormLabels {
  level1: Set<string>;
  level2: Set<string>;
}
