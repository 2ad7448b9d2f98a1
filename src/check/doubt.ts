/**
 * What the reader was unsure of, read from a form's own diagnostics: the lines
 * whose figures were placed with a diagnostic, the rows whose 一级 could be
 * read another way, a grade printed on the form and a reason the form gives
 * for its execution rate in a cell the reader could not place. The checker
 * builds no warning or error on a figure the reader was unsure of: it says
 * `unverifiable` instead (rules.ts).
 */
import type { Diagnostic, Form, Grade } from '../contract/schema.js';
import { GRADE_LABELS, HIERARCHY_DIAGNOSTICS, NO_REASON_TEXTS, PLACEMENT_DIAGNOSTICS, PRINTED_GRADES, REASON_LABELS, UNREADABLE_FIGURE_DIAGNOSTICS } from '../tables/checking.js';
import { normalizeText } from './score.js';

/** A 一级 / 二级 reading of a row that an ambiguous-hierarchy diagnostic offers. */
export interface Reading {
  level1: string | null;
  level2: string | null;
}

export interface Doubts {
  /** Lines whose figures were placed with a diagnostic, and the codes of those diagnostics. */
  figureLines: ReadonlyMap<number, readonly string[]>;
  /** Rows whose 一级 is a reading among others: the other readings (empty when the diagnostic names none). */
  hierarchyRows: ReadonlyMap<number, readonly Reading[]>;
  /** Diagnostic codes on each hierarchy-doubt line. */
  hierarchyCodes: ReadonlyMap<number, readonly string[]>;
  /** A grade printed on the form (优/良/中/差), with its line. */
  printedGrade: { grade: Grade; text: string; line: number } | null;
  /** Texts of cells the reader could not place, by line. */
  unplacedTexts: ReadonlyMap<number, readonly string[]>;
  /** Lines holding a figure that could not be read as a number, and the diagnostics' codes: the sums it belongs to are unknown. */
  unreadableLines: ReadonlyMap<number, readonly string[]>;
}

/** The largest of some numbers, without spreading them into arguments (a form may hold many thousands of rows). */
function largest(values: readonly number[]): number {
  let found = Number.NEGATIVE_INFINITY;
  for (const value of values) if (value > found) found = value;
  return found;
}

function cellTexts(diagnostic: Diagnostic): string[] {
  const detail = diagnostic.detail ?? {};
  if (Array.isArray(detail.cells)) return detail.cells.map((text) => String(text));
  return typeof detail.text === 'string' ? [detail.text] : [];
}

/** A printed grade a cell's text states (优, 良好, 等级：优), or null. */
export function printedGradeOf(text: string): Grade | null {
  const normalized = normalizeText(text);
  const label = LONGEST_GRADE_LABELS.find((one) => normalized.startsWith(one) && normalized.length > one.length);
  return PRINTED_GRADES[label === undefined ? normalized : normalized.slice(label.length)] ?? PRINTED_GRADES[text.replace(/\s+/g, '')] ?? null;
}

const LONGEST_GRADE_LABELS = [...GRADE_LABELS].sort((a, b) => b.length - a.length);

/** A grade caption alone (评价等级, 自评等级：). */
function isGradeLabel(text: string): boolean {
  return GRADE_LABELS.includes(normalizeText(text));
}

/** A grade that names its caption in its own cell (评价等级：良). */
function isLabelledGrade(text: string): boolean {
  const normalized = normalizeText(text);
  return GRADE_LABELS.some((label) => normalized.startsWith(label) && normalized.length > label.length);
}

/** Each unplaced cell's text with its column (the diagnostic's own column when it names none). */
function cellsOf(diagnostic: Diagnostic): Array<{ text: string; column: number }> {
  const columns = diagnostic.detail?.columns;
  return cellTexts(diagnostic).map((text, at) => ({
    text,
    column: Array.isArray(columns) && typeof columns[at] === 'number' ? columns[at] : diagnostic.column,
  }));
}

/**
 * Where a form's cells may stand without putting figures in doubt: a grade at
 * or after the 总分 row, a reason on the funds rows (labelled, or words after
 * the row's last figure).
 */
interface Exempt {
  gradesFrom: number;
  fundsLines: ReadonlySet<number>;
  /** The column of the last figure placed on each funds row. */
  lastFundsFigure: ReadonlyMap<number, number>;
}

const FUNDS_FIGURES = ['initialBudget', 'adjustedBudget', 'received', 'executed', 'weight', 'rate', 'score'] as const;

function exemptOf(form: Form): Exempt {
  const indicatorLines = (form.indicators ?? []).filter((indicator) => indicator != null).map((indicator) => indicator.line);
  const gradesFrom = form.total?.line ?? (indicatorLines.length > 0 ? largest(indicatorLines) + 1 : Number.POSITIVE_INFINITY);
  const funds = form.funds;
  const rows = (funds?.rows ?? []).filter((row) => row != null);
  const fundsLines = new Set(funds ? [funds.line, ...rows.map((row) => row.line)] : []);
  const lastFundsFigure = new Map<number, number>();
  for (const row of rows) {
    const columns = FUNDS_FIGURES.map((field) => row[field]?.column).filter((column): column is number => typeof column === 'number');
    if (columns.length > 0) lastFundsFigure.set(row.line, Math.max(...columns, lastFundsFigure.get(row.line) ?? 0));
  }
  return { gradesFrom, fundsLines, lastFundsFigure };
}

/** Words, not a figure: Chinese text with no digit in it (项目延期, 无). */
function isWords(text: string): boolean {
  return /\p{Script=Han}/u.test(text) && !/[0-9０-９]/.test(text);
}

/**
 * The form's own words, not a lost figure: a printed grade at or after the
 * 总分 row (or one its caption names, anywhere), or a reason for the execution
 * rate on a funds row (labelled, or words standing after the row's last
 * figure, in a reason column the reader does not place).
 */
function isOwnWord(text: string, column: number, line: number, exempt: Exempt, before: string | null): boolean {
  const graded = printedGradeOf(text) !== null || isGradeLabel(text);
  if (graded && line >= exempt.gradesFrom) return true;
  // Above the 总分 row: a grade caption, or a grade its caption names.
  if (isGradeLabel(text) || (printedGradeOf(text) !== null && (isLabelledGrade(text) || (before !== null && isGradeLabel(before))))) return true;
  if (!exempt.fundsLines.has(line)) return false;
  const lastFigure = exempt.lastFundsFigure.get(line);
  return startsWithReasonLabel(text) || (lastFigure !== undefined && column > lastFigure && isWords(text));
}

/**
 * Whether a placement diagnostic puts its line's figures in doubt: every one
 * does but an unplaced cell that is a printed grade at or after the 总分 row
 * or a reason on a funds row.
 */
function putsFiguresInDoubt(diagnostic: Diagnostic, exempt: Exempt): boolean {
  if (diagnostic.code !== 'unplaced-cell') return true;
  const cells = cellsOf(diagnostic);
  return cells.length === 0 || !cells.every((cell, at) => isOwnWord(cell.text, cell.column, diagnostic.line, exempt, at > 0 ? cells[at - 1].text : null));
}

function readingsOf(diagnostic: Diagnostic): Reading[] {
  const detail = diagnostic.detail ?? {};
  const toReading = (value: unknown): Reading | null => {
    if (value === null || typeof value !== 'object') return null;
    const { level1, level2 } = value as Record<string, unknown>;
    return { level1: typeof level1 === 'string' ? level1 : null, level2: typeof level2 === 'string' ? level2 : null };
  };
  const readings = [...(Array.isArray(detail.alternatives) ? detail.alternatives : []), detail.alternative].map(toReading);
  return readings.filter((reading): reading is Reading => reading !== null);
}

/** `value` added to the list of `key` (once), in the map made on the first value. */
function push<K, V>(map: Map<K, V[]> | null, key: K, value: V): Map<K, V[]> {
  const lists = map ?? new Map<K, V[]>();
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
  return lists;
}

/** No entry: shared by every form's doubts that have none of a kind (nothing adds to it). */
const NONE: ReadonlyMap<never, never> = new Map<never, never>();

/** A form without a placement or unreadable-figure diagnostic: no doubt at all, one value shared by every such form. */
const NO_DOUBTS: Doubts = {
  figureLines: new Map(),
  hierarchyRows: new Map(),
  hierarchyCodes: new Map(),
  printedGrade: null,
  unplacedTexts: new Map(),
  unreadableLines: new Map(),
};

export function doubtsOf(form: Form): Doubts {
  const diagnostics = form.diagnostics ?? [];
  if (!diagnostics.some((diagnostic) => diagnostic != null && (PLACEMENT_DIAGNOSTICS.includes(diagnostic.code) || UNREADABLE_FIGURE_DIAGNOSTICS.includes(diagnostic.code)))) return NO_DOUBTS;
  // Each map is made with its first entry (most forms have doubts of one kind or two).
  let figureLines: Map<number, string[]> | null = null;
  let hierarchyRows: Map<number, Reading[]> | null = null;
  let hierarchyCodes: Map<number, string[]> | null = null;
  let unplacedTexts: Map<number, string[]> | null = null;
  let printedGrade: Doubts['printedGrade'] = null;
  // Wanted only for an unplaced cell: most forms have none.
  let exempt: Exempt | null = null;
  let unreadableLines: Map<number, string[]> | null = null;
  for (let at = 0; at < diagnostics.length; at++) {
    const diagnostic = diagnostics[at];
    if (diagnostic != null && UNREADABLE_FIGURE_DIAGNOSTICS.includes(diagnostic.code)) unreadableLines = push(unreadableLines, diagnostic.line, diagnostic.code);
    if (diagnostic == null || !PLACEMENT_DIAGNOSTICS.includes(diagnostic.code)) continue;
    const line = diagnostic.line;
    if (HIERARCHY_DIAGNOSTICS.includes(diagnostic.code)) {
      hierarchyRows ??= new Map();
      const readings = hierarchyRows.get(line) ?? [];
      readings.push(...readingsOf(diagnostic));
      hierarchyRows.set(line, readings);
      hierarchyCodes = push(hierarchyCodes, line, diagnostic.code);
      continue;
    }
    if (diagnostic.code === 'unplaced-cell') {
      exempt ??= exemptOf(form);
      const texts = cellTexts(diagnostic);
      texts.forEach((text, at) => {
        unplacedTexts = push(unplacedTexts, line, text);
        const grade = printedGradeOf(text);
        // At or after the 总分 row any grade; above it (the header block) only one its caption names.
        const named = isLabelledGrade(text) || (at > 0 && isGradeLabel(texts[at - 1]));
        if (grade !== null && printedGrade === null && (line >= exempt!.gradesFrom || named)) printedGrade = { grade, text: text.trim(), line };
      });
    }
    if (diagnostic.code !== 'unplaced-cell' || putsFiguresInDoubt(diagnostic, exempt!)) figureLines = push(figureLines, line, diagnostic.code);
  }
  return {
    figureLines: figureLines ?? NONE,
    hierarchyRows: hierarchyRows ?? NONE,
    hierarchyCodes: hierarchyCodes ?? NONE,
    printedGrade,
    unplacedTexts: unplacedTexts ?? NONE,
    unreadableLines: unreadableLines ?? NONE,
  };
}

/** Whether a deviation or reason text gives a reason: not empty, not 无, /, —. */
export function givesReason(text: string | null | undefined): boolean {
  if (text == null) return false;
  const normalized = normalizeText(text);
  return normalized !== '' && !NO_REASON_TEXTS.includes(normalized);
}

/**
 * A reason for the execution rate that the form gives in a cell of its own
 * (四川: 偏差原因 / 原因分析 beside the funds rows, or on a line of its own in or
 * right after the funds block): the reason the reader placed on a funds row,
 * else one it reported as an unplaced cell: its text, or null.
 * A label alone (偏差原因) is no reason; a label followed by text is.
 */
export function executionReasonOf(form: Form, doubts: Doubts): string | null {
  const funds = form.funds;
  if (!funds) return null;
  const rows = (funds.rows ?? []).filter((row) => row != null);
  // The reason the reader placed on a funds row (a 偏差原因 column, or a reason caption in the row).
  for (const row of rows) {
    const text = row.reason?.text;
    if (typeof text === 'string' && givesReason(withoutReasonLabel(text))) return text.trim();
  }
  // A line of its own the reader took for a funds row of no known kind, its label the labelled reason.
  for (const row of rows) {
    if (row.kind !== 'unknown' || typeof row.label !== 'string' || !startsWithReasonLabel(row.label)) continue;
    if (givesReason(withoutReasonLabel(row.label))) return row.label.trim();
  }
  if (doubts.unplacedTexts.size === 0) return null;
  const lines = [funds.line, ...rows.map((row) => row.line)];
  const first = -largest(lines.map((line) => -line));
  const last = largest(lines);
  for (const [line, texts] of doubts.unplacedTexts) {
    // Within the funds block (on its rows or a line of its own between them), or labelled on the line right after it.
    const within = line >= first && line <= last;
    if (!within && line !== last + 1) continue;
    for (const text of texts) {
      if (!within && !startsWithReasonLabel(text)) continue;
      const reason = withoutReasonLabel(text);
      if (/^[\d.,%％\s—/-]*$/.test(reason)) continue;
      if (givesReason(reason)) return text.trim();
    }
  }
  return null;
}

function startsWithReasonLabel(text: string): boolean {
  const trimmed = text.trim();
  return REASON_LABELS.some((label) => trimmed.startsWith(label));
}

function withoutReasonLabel(text: string): string {
  const trimmed = text.trim();
  for (const label of REASON_LABELS) {
    if (trimmed.startsWith(label)) return trimmed.slice(label.length).replace(/^[：:\s]+/, '');
  }
  return trimmed;
}
