/**
 * Cuts export text into form blocks as it arrives: a block runs from a form's
 * first line (its title, or 项目名称 when it has none) to the next form's, by
 * the form grammar's own rule (grammar/boundary.ts) applied to lines. Each
 * block goes through the pipeline on its own, so memory depends on the
 * largest form, not on the file.
 */
import { isTitleRow, isTitleText, isYearText, LABELS, mayHoldTitle, TITLE_MARK_CHARACTER, type RowKind } from '../tables/labels.js';
import { labelPattern } from '../../grammar/tokens.js';
import { traditionalSpelling } from '../tables/script.js';
import { countLineBreaks, findControlCharacter, isWhite } from './text.js';
import { lexicalUnit } from '../tables/width.js';
import { isUnscannableUnit, readCell } from './cells.js';
import { Ahead, lineEnd, type LineResume } from '../../grammar/scan.js';
import { continuesForm, stageAfter, type Stage } from '../../grammar/boundary.js';

export interface Block {
  text: string;
  /** 1-based physical line of the block's first line in the whole input. */
  firstLine: number;
  /**
   * The lines of `text` holding a character that keeps a line from the rows
   * stage's scan whatever the separator (cells.ts, isUnscannableUnit), as
   * `[start, end)` offset pairs in order: the lexer need not read the block's
   * characters again to know which lines the scan may read.
   */
  unscannable: readonly number[];
}

const isPadding = (c: number) => c === 32 || c === 9 || c === 124 || c === 0x3000 || c === 0xa0 || c === 0xfeff;

/**
 * Whether `text[from, to)` (a line without the separators it is padded with)
 * is one cell: no tab, no ` | ` and no run of two spaces between two other
 * characters (`/\S {2,}\S/`) in it. Read in place: most lines are not.
 */
function isOneCell(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) return false;
    if (c !== 32) continue;
    let j = i + 1;
    while (j < to && text.charCodeAt(j) === 32) j++;
    // ` | `: the run's last space, a bar and a space.
    if (j + 1 < to && text.charCodeAt(j) === 124 && text.charCodeAt(j + 1) === 32) return false;
    if (j - i >= 2 && i > from && j < to && !isWhite(text.charCodeAt(i - 1)) && !isWhite(text.charCodeAt(j))) return false;
    i = j - 1;
  }
  return true;
}

/**
 * A title line: one cell naming the form, or the year printed under it
 * (`（2023年度）`), or the two in two cells of one line; the same test as the
 * rows stage's title rows.
 */
function isTitleLine(line: string, cell: string | null): boolean {
  if (cell !== null) return isTitleText(cell) || isYearText(cell);
  if (!mayHoldTitle(line)) return false;
  const cells = line
    .split(/\t| *\| *| {2,}/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  return cells.length === 2 && isTitleRow(cells, isTitleText, isYearText);
}

/**
 * The row kinds a line may turn out to have, null for a blank line: before its
 * cells are read, a line shows whether it is a title, or has a label that
 * gives its row a kind (项目名称, 主管部门, 项目资金, 总分, …) as its first cell.
 * Any other line may be any row but a title, and a 项目名称 or 主管部门 row only
 * if it holds one of their wordings. The line `text[start, end)` is read in
 * place; only a line that may be a title or may hold such a wording is cut out.
 * `marks`: what its characters show (marksOf).
 */
function kindsOfLine(text: string, start: number, end: number, openings: ReadonlySet<number>, marks: number): readonly RowKind[] | null {
  let from = start;
  let to = end;
  while (from < to && isPadding(text.charCodeAt(from))) from++;
  while (to > from && isPadding(text.charCodeAt(to - 1))) to--;
  if (from === to) return null;
  if (isOneCell(text, from, to)) {
    if (isTitleLine('', text.slice(from, to))) return TITLE;
  } else if ((marks & TITLE_MARK) !== 0 && isTitleLine(text.slice(start, end), null)) return TITLE;
  const labelled = LABELLED.get(firstCellLabel(text, start, end, openings) ?? '');
  if (labelled !== undefined) return labelled;
  return (marks & HEADER_FIRST) !== 0 && HEADER_WORDING.test(text.slice(start, end)) ? ANY_BUT_TITLE : OTHER;
}

const TITLE: readonly RowKind[] = ['title'];
const OTHER: readonly RowKind[] = ['fundsHeader', 'funds', 'goals', 'indicatorHeader', 'total', 'page', 'data'];
const ANY_BUT_TITLE: readonly RowKind[] = ['project', 'department', ...OTHER];
/** A line whose first cell is a label that gives its row a kind has that kind. */
const LABELLED = new Map<string, readonly RowKind[]>(LABELS.flatMap((d) => (d.rowKind !== undefined ? [[d.key, [d.rowKind]] as const] : [])));
/** The wordings of 项目名称 and 主管部门, in simplified and traditional script. */
const HEADER_WORDINGS = LABELS.filter((d) => d.rowKind === 'project' || d.rowKind === 'department').flatMap((d) => [...new Set([...d.variants, ...d.variants.map(traditionalSpelling)])]);
/** A wording of 项目名称 or 主管部门 anywhere in a line (spaced as a label may be), in simplified or traditional script. */
const HEADER_WORDING = labelPattern(HEADER_WORDINGS);
/**
 * What a line's characters show, read in one pass, as flags per code unit:
 * the title's mark (mayHoldTitle), the first characters of the header
 * wordings (a line holding none of them holds no wording: HEADER_WORDING
 * needs one), and the characters that keep a line from the rows stage's scan.
 */
const TITLE_MARK = 1;
const HEADER_FIRST = 2;
const UNSCANNABLE = 4;
const MARKS = new Uint8Array(0x10000);
MARKS[TITLE_MARK_CHARACTER.charCodeAt(0)] |= TITLE_MARK;
for (const wording of HEADER_WORDINGS) MARKS[wording.charCodeAt(0)] |= HEADER_FIRST;
for (let c = 0; c < MARKS.length; c++) if (isUnscannableUnit(c)) MARKS[c] |= UNSCANNABLE;

/** The flags (MARKS) of every character of `text[start, end)`, together. */
function marksOf(text: string, start: number, end: number): number {
  let marks = 0;
  for (let i = start; i < end; i++) marks |= MARKS[text.charCodeAt(i)];
  return marks;
}

/** Two code units (-1: none) as one number. */
const pairKey = (first: number, second: number) => (first + 1) * 0x10002 + (second + 1);
/** The first two characters of labels' wordings: a line whose first cell opens otherwise is not lexed. */
const openingsOf = (keys: (key: string) => boolean): ReadonlySet<number> =>
  new Set(LABELS.filter((d) => keys(d.key)).flatMap((d) => d.variants.map((v) => pairKey(v.length > 0 ? v.charCodeAt(0) : -1, v.length > 1 ? v.charCodeAt(1) : -1))));
const LABEL_OPENINGS = openingsOf((key) => LABELLED.has(key));
/** In a form's content only a 项目名称 or 主管部门 line changes what the splitter knows (sections keep it in the content). */
const HEADER_OPENINGS = openingsOf((key) => key === 'department' || key === 'projectName');

/**
 * The label key of the first cell of the line `text[start, end)`, when it
 * opens as one of `openings` and is read as one label, as the rows stage
 * reads it: from the cell readings the rows stage's scan keeps
 * (src/parse/cells.ts), so each first cell (项目名称, 主管部门 …, the same form
 * after form) is lexed once for both.
 */
function firstCellLabel(text: string, start: number, end: number, openings: ReadonlySet<number>): string | null {
  let from = start;
  while (from < end && isPadding(text.charCodeAt(from))) from++;
  if (!openings.has(opening(text, from, end))) return null;
  let to = firstSeparator(text, from, end);
  while (to > from && isWhite(text.charCodeAt(to - 1))) to--;
  // A control character is a token of its own to the lexer: such a cell is never one label.
  if (findControlCharacter(text, from, to) >= 0) return null;
  const reading = readCell(text, from, to);
  return reading !== null && reading.kind === 'label' ? reading.label : null;
}

/** The first two characters of the text at `from` (before `end`), past a `*` and single spaces (as a label may be written), width-folded, as a pairKey. */
function opening(text: string, from: number, end: number): number {
  let at = from;
  const star = text.charCodeAt(at);
  if (at < end && (star === 42 /* * */ || star === 0xff0a /* ＊ */)) at++;
  if (at < end && text.charCodeAt(at) === 32) at++;
  const first = at < end ? lexicalUnit(text.charCodeAt(at)) : -1;
  const next = at + 1 < end && text.charCodeAt(at + 1) === 32 ? at + 2 : at + 1;
  return pairKey(first, next < end ? lexicalUnit(text.charCodeAt(next)) : -1);
}

/** Where the cell starting at `from` ends: at a tab, a ` | ` or a run of two spaces, whichever comes first, or at `end`. */
function firstSeparator(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) return i;
    if (c === 32 && i + 1 < end && (text.charCodeAt(i + 1) === 32 || (text.charCodeAt(i + 1) === 124 && i + 2 < end && text.charCodeAt(i + 2) === 32))) return i;
  }
  return end;
}

/** A set of stages, one bit each. */
type Stages = number;
const STAGES: readonly Stage[] = ['start', 'titles', 'header', 'named', 'content'];
const BIT: Readonly<Record<Stage, Stages>> = { start: 1, titles: 2, header: 4, named: 8, content: 16 };
const CONTENT = BIT.content;
const END: readonly (RowKind | null)[] = [null];

/**
 * The stages the form may have reached after a row that may be of any of
 * `next`'s kinds (followed by one of `after`'s), and whether that row opens a
 * new form: `cut` only when it does at every stage and for every kind
 * (otherwise the grammar decides, within the block). Given as one number
 * (Advance); worked out once for each set of stages and kinds.
 */
function advance(stages: Stages, next: readonly RowKind[], after: readonly RowKind[] | null): Advance {
  const known = advances(next, after);
  if (known[stages] < 0) known[stages] = advanceOf(stages, next, after);
  return known[stages];
}

/** How a row advances the form: the stages it may reach, and CUT when it opens a new one. */
type Advance = number;
const CUT = 32;

/** The advances already worked out, by `next` and `after` (the kinds of lines are a few fixed lists), each by stages (-1: not yet). */
const ADVANCES = new Map<readonly RowKind[], Map<readonly RowKind[] | null, Int8Array>>();

function advances(next: readonly RowKind[], after: readonly RowKind[] | null): Int8Array {
  let byAfter = ADVANCES.get(next);
  if (byAfter === undefined) ADVANCES.set(next, (byAfter = new Map()));
  let known = byAfter.get(after);
  if (known === undefined) byAfter.set(after, (known = new Int8Array(CUT).fill(-1)));
  return known;
}

function advanceOf(stages: Stages, next: readonly RowKind[], after: readonly RowKind[] | null): Advance {
  let cut = true;
  let reached = 0;
  for (const stage of STAGES) {
    if ((stages & BIT[stage]) === 0) continue;
    for (const kind of next) {
      for (const following of after ?? END) {
        const continues = continuesForm(stage, kind, following);
        if (continues) cut = false;
        reached |= BIT[stageAfter(continues ? stage : 'start', kind)];
      }
    }
  }
  return reached | (cut ? CUT : 0);
}

export class BlockSplitter {
  private buffer = '';
  /** Start of the block being read, in the buffer. */
  private blockStart = 0;
  /** Where the next line to classify starts. */
  private scan = 0;
  private firstLine = 1;
  /** How far the form being cut may have been read. */
  private stages: Stages = BIT.start;
  /** A title whose form is decided by the line after it (the stage is the one before it). */
  private pendingTitle = -1;
  /** How far the incomplete line at `scan` was read by the last push, so a long line is never read again from its start. */
  private readonly resume: LineResume = { at: 0, cellStart: true };
  /**
   * The last piece pushed, and where it starts in the buffer. Lines are read
   * from it: reading the buffer (a concatenation) character by character costs
   * far more per character, and a long line would be read that way throughout.
   */
  private piece = '';
  private pieceStart = 0;
  /** Where the piece's next quote and `\r` are (see Ahead). */
  private readonly ahead = new Ahead();
  /** The lines read since the block's start that hold an unscannable character (Block.unscannable), as offset pairs in the buffer. */
  private unscannable: number[] = [];

  /** Adds text; returns the blocks it completed. */
  push(text: string): Block[] {
    // Drop what earlier blocks took, once per piece, so the buffer holds one form at most.
    this.buffer = this.buffer.slice(this.blockStart) + text;
    this.piece = text;
    this.ahead.reset();
    this.pieceStart = this.buffer.length - text.length;
    this.scan -= this.blockStart;
    if (this.pendingTitle >= 0) this.pendingTitle -= this.blockStart;
    for (let k = 0; k < this.unscannable.length; k++) this.unscannable[k] -= this.blockStart;
    this.blockStart = 0;
    return this.split(false);
  }

  /** The input ended: returns the last block. */
  end(): Block[] {
    const blocks = this.split(true);
    // Titles at the very end open no form of their own.
    this.pendingTitle = -1;
    if (this.blockStart < this.buffer.length) blocks.push(this.take(this.buffer.length));
    this.buffer = '';
    this.piece = '';
    this.ahead.reset();
    this.pieceStart = 0;
    this.blockStart = 0;
    this.scan = 0;
    this.unscannable = [];
    return blocks;
  }

  private split(final: boolean): Block[] {
    const blocks: Block[] = [];
    const text = this.buffer;
    while (this.scan < text.length) {
      const start = this.scan;
      const end = lineEnd(text, start, final, this.resume, this.piece, this.pieceStart, false, this.ahead);
      if (end < 0) break;
      this.resume.at = 0;
      this.resume.cellStart = true;
      const next = this.charAt(end) === 13 && this.charAt(end + 1) === 10 ? end + 2 : Math.min(text.length, end + 1);
      // Only the line's kind is read here, from the piece when the line is in it.
      const p = this.pieceStart;
      const openings = this.stages === CONTENT && this.pendingTitle < 0 ? HEADER_OPENINGS : LABEL_OPENINGS;
      const marks = start >= p ? marksOf(this.piece, start - p, end - p) : marksOf(text, start, end);
      if ((marks & UNSCANNABLE) !== 0) this.unscannable.push(start, end);
      const kinds = start >= p ? kindsOfLine(this.piece, start - p, end - p, openings, marks) : kindsOfLine(text, start, end, openings, marks);
      if (kinds !== null) this.read(kinds, start, blocks);
      this.scan = next;
    }
    return blocks;
  }

  /** The code unit at `i` in the buffer, read from the piece when it is there. */
  private charAt(i: number): number {
    return i >= this.pieceStart ? this.piece.charCodeAt(i - this.pieceStart) : this.buffer.charCodeAt(i);
  }

  /** Reads a line that may be a row of these kinds, starting at `start`: cuts where the form grammar's rule certainly does. */
  private read(kinds: readonly RowKind[], start: number, blocks: Block[]): void {
    if (this.pendingTitle >= 0) {
      // The line after a title decides whether the title opens a form.
      const title = advance(this.stages, TITLE, kinds);
      if ((title & CUT) !== 0) blocks.push(this.take(this.pendingTitle));
      this.stages = title & ~CUT;
      this.pendingTitle = -1;
    }
    if (kinds === TITLE) {
      this.pendingTitle = start;
      return;
    }
    const line = advance(this.stages, kinds, null);
    if ((line & CUT) !== 0) blocks.push(this.take(start));
    this.stages = line & ~CUT;
  }

  /** The buffer from the current block's start to `end`, as a block. */
  private take(end: number): Block {
    const text = this.buffer.slice(this.blockStart, end);
    // The lines before `end` are the block's, at offsets from its start; those after it are the next block's.
    let taken = 0;
    while (taken < this.unscannable.length && this.unscannable[taken] < end) taken += 2;
    const unscannable = this.unscannable.slice(0, taken);
    for (let k = 0; k < unscannable.length; k++) unscannable[k] -= this.blockStart;
    this.unscannable = this.unscannable.slice(taken);
    const block = { text, firstLine: this.firstLine, unscannable };
    this.firstLine += countLineBreaks(text);
    this.blockStart = end;
    return block;
  }
}

/** Splits a whole text into form blocks. */
export function formBlocks(text: string): Block[] {
  const splitter = new BlockSplitter();
  return [...splitter.push(text), ...splitter.end()];
}
