/**
 * Cuts export text into form blocks as it arrives: a block runs from a form's
 * first line (its title, or 项目名称 when it has none) to the next form's, by
 * the form grammar's own rule (grammar/boundary.ts) applied to lines. Each
 * block goes through the pipeline on its own, so memory depends on the
 * largest form, not on the file.
 */
import { PIPE_CELL, WIDE_GAP } from './lex.js';
import { isTitleRow, isTitleText, isYearText, LABELS, mayHoldTitle, type RowKind } from '../tables/labels.js';
import { labelPattern } from '../../grammar/tokens.js';
import { traditionalSpelling } from '../tables/script.js';
import { countLineBreaks, findControlCharacter, foldLexical } from './text.js';
import { readCell } from './cells.js';
import { lineEnd, type LineResume } from '../../grammar/scan.js';
import { continuesForm, stageAfter, type Stage } from '../../grammar/boundary.js';

export interface Block {
  text: string;
  /** 1-based physical line of the block's first line in the whole input. */
  firstLine: number;
}

const isPadding = (c: number) => c === 32 || c === 9 || c === 124 || c === 0x3000 || c === 0xa0 || c === 0xfeff;

/** The one cell of a line, without the separators an export pads it with (`title\t\t\t`, `| title |`), or null. */
function soleCell(line: string): string | null {
  let from = 0;
  let to = line.length;
  while (from < to && isPadding(line.charCodeAt(from))) from++;
  while (to > from && isPadding(line.charCodeAt(to - 1))) to--;
  const content = line.slice(from, to);
  if (content.indexOf('\t') >= 0 || content.indexOf(PIPE_CELL) >= 0 || WIDE_GAP.test(content)) return null;
  return content;
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
 * if it holds one of their wordings.
 */
function kindsOfLine(text: string, start: number, end: number, openings: ReadonlySet<string>): readonly RowKind[] | null {
  const line = text.slice(start, end);
  const cell = soleCell(line);
  if (cell === '') return null;
  if (isTitleLine(line, cell)) return TITLE;
  const labelled = LABELLED.get(firstCellLabel(line, openings) ?? '');
  if (labelled !== undefined) return labelled;
  return HEADER_WORDING.test(line) ? ANY_BUT_TITLE : OTHER;
}

const TITLE: readonly RowKind[] = ['title'];
const OTHER: readonly RowKind[] = ['fundsHeader', 'funds', 'goals', 'indicatorHeader', 'total', 'page', 'data'];
const ANY_BUT_TITLE: readonly RowKind[] = ['project', 'department', ...OTHER];
/** A line whose first cell is a label that gives its row a kind has that kind. */
const LABELLED = new Map<string, readonly RowKind[]>(LABELS.flatMap((d) => (d.rowKind !== undefined ? [[d.key, [d.rowKind]] as const] : [])));
/** A wording of 项目名称 or 主管部门 anywhere in a line (spaced as a label may be), in simplified or traditional script. */
const HEADER_WORDING = labelPattern(
  LABELS.filter((d) => d.rowKind === 'project' || d.rowKind === 'department').flatMap((d) => [...new Set([...d.variants, ...d.variants.map(traditionalSpelling)])]),
);
/** The first two characters of labels' wordings: a line whose first cell opens otherwise is not lexed. */
const openingsOf = (keys: (key: string) => boolean) => new Set(LABELS.filter((d) => keys(d.key)).flatMap((d) => d.variants.map((v) => v.slice(0, 2))));
const LABEL_OPENINGS = openingsOf((key) => LABELLED.has(key));
/** In a form's content only a 项目名称 or 主管部门 line changes what the splitter knows (sections keep it in the content). */
const HEADER_OPENINGS = openingsOf((key) => key === 'department' || key === 'projectName');

/**
 * The label key of a line's first cell, when it opens as one of `openings`
 * and is read as one label, as the rows stage reads it: from the cell
 * readings the rows stage's scan keeps (src/parse/cells.ts), so each first
 * cell (项目名称, 主管部门 …, the same form after form) is lexed once for both.
 */
function firstCellLabel(line: string, openings: ReadonlySet<string>): string | null {
  let from = 0;
  while (from < line.length && isPadding(line.charCodeAt(from))) from++;
  if (!openings.has(opening(line, from))) return null;
  let to = firstSeparator(line, from);
  while (to > from && TRIMMED.test(line[to - 1])) to--;
  // A control character is a token of its own to the lexer: such a cell is never one label.
  if (findControlCharacter(line, from, to) >= 0) return null;
  const reading = readCell(line, null, from, to);
  return reading !== null && reading.kind === 'label' ? reading.label : null;
}

/** What String.prototype.trimEnd removes: JavaScript's white space and line ends, the set `\s` matches. */
const TRIMMED = /\s/;

/** The first two characters of the text at `from`, past a `*` and single spaces (as a label may be written), width-folded. */
function opening(line: string, from: number): string {
  let at = from;
  if (line[at] === '*' || line[at] === '＊') at++;
  if (line[at] === ' ') at++;
  const first = line[at] ?? '';
  const second = line[at + 1] === ' ' ? (line[at + 2] ?? '') : (line[at + 1] ?? '');
  return foldLexical(first + second);
}

/** Where the cell starting at `from` ends: at a tab, a ` | ` or a run of two spaces, whichever the line uses first. */
function firstSeparator(line: string, from: number): number {
  return nearer(nearer(nearer(line.length, line.indexOf('\t', from)), line.indexOf(PIPE_CELL, from)), line.indexOf('  ', from));
}

/** The nearer of an end and a found offset (-1: not found). */
const nearer = (end: number, at: number): number => (at >= 0 && at < end ? at : end);

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
 * (otherwise the grammar decides, within the block).
 */
function advance(stages: Stages, next: readonly RowKind[], after: readonly RowKind[] | null): { cut: boolean; stages: Stages } {
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
  return { cut, stages: reached };
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

  /** Adds text; returns the blocks it completed. */
  push(text: string): Block[] {
    // Drop what earlier blocks took, once per piece, so the buffer holds one form at most.
    this.buffer = this.buffer.slice(this.blockStart) + text;
    this.piece = text;
    this.pieceStart = this.buffer.length - text.length;
    this.scan -= this.blockStart;
    if (this.pendingTitle >= 0) this.pendingTitle -= this.blockStart;
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
    this.pieceStart = 0;
    this.blockStart = 0;
    this.scan = 0;
    return blocks;
  }

  private split(final: boolean): Block[] {
    const blocks: Block[] = [];
    const text = this.buffer;
    while (this.scan < text.length) {
      const start = this.scan;
      const end = lineEnd(text, start, final, this.resume, this.piece, this.pieceStart);
      if (end < 0) break;
      this.resume.at = 0;
      this.resume.cellStart = true;
      const at = (i: number) => (i >= this.pieceStart ? this.piece.charCodeAt(i - this.pieceStart) : text.charCodeAt(i));
      const next = at(end) === 13 && at(end + 1) === 10 ? end + 2 : Math.min(text.length, end + 1);
      // Only the line's kind is read here, from the piece when the line is in it.
      const p = this.pieceStart;
      const openings = this.stages === CONTENT && this.pendingTitle < 0 ? HEADER_OPENINGS : LABEL_OPENINGS;
      const kinds = start >= p ? kindsOfLine(this.piece, start - p, end - p, openings) : kindsOfLine(text, start, end, openings);
      if (kinds !== null) this.read(kinds, start, blocks);
      this.scan = next;
    }
    return blocks;
  }

  /** Reads a line that may be a row of these kinds, starting at `start`: cuts where the form grammar's rule certainly does. */
  private read(kinds: readonly RowKind[], start: number, blocks: Block[]): void {
    if (this.pendingTitle >= 0) {
      // The line after a title decides whether the title opens a form.
      const title = advance(this.stages, TITLE, kinds);
      if (title.cut) blocks.push(this.take(this.pendingTitle));
      this.stages = title.stages;
      this.pendingTitle = -1;
    }
    if (kinds === TITLE) {
      this.pendingTitle = start;
      return;
    }
    const line = advance(this.stages, kinds, null);
    if (line.cut) blocks.push(this.take(start));
    this.stages = line.stages;
  }

  /** The buffer from the current block's start to `end`, as a block. */
  private take(end: number): Block {
    const text = this.buffer.slice(this.blockStart, end);
    const block = { text, firstLine: this.firstLine };
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
