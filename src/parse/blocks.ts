/**
 * Cuts export text into form blocks as it arrives: a block runs from a form's
 * first line (its title, or 项目名称 when it has none) to the next form's, by
 * the form grammar's own rule (grammar/boundary.ts) applied to lines. Each
 * block goes through the pipeline on its own, so memory depends on the
 * largest form, not on the file.
 */
import { PIPE_CELL, WIDE_GAP } from './lex.js';
import { isTitleRow, isTitleText, isYearText, mayHoldTitle, type RowKind } from '../tables/labels.js';
import { lineEnd, type LineResume } from '../../grammar/scan.js';
import { continuesForm, stageAfter, type Stage } from '../../grammar/boundary.js';

export interface Block {
  text: string;
  /** 1-based physical line of the block's first line in the whole input. */
  firstLine: number;
}

/** Physical line breaks in a text: `\r\n`, `\r` and `\n` count once each. */
export function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13) {
      count++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return count;
}

/** A line that opens a form's header: `项目名称` first, after any border or indentation. */
const PROJECT_LINE = /^[\s|*]*项 ?目 ?名 ?称/;

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
 * The row kind a line is taken for, null for a blank line: before its cells
 * are read, a line shows only whether it is a title or opens with 项目名称.
 */
function kindOfLine(text: string, start: number, end: number): RowKind | null {
  const line = text.slice(start, end);
  const cell = soleCell(line);
  if (cell === '') return null;
  if (isTitleLine(line, cell)) return 'title';
  return PROJECT_LINE.test(line) ? 'project' : 'data';
}

/**
 * The stage a line takes the form to. A line that is neither a title nor
 * 项目名称 is taken for a section's row: the splitter cannot tell a section
 * from a stray row, and cuts where a form that has content would be cut.
 */
function stageAfterLine(stage: Stage, kind: RowKind): Stage {
  if (kind === 'title') return stageAfter(stage, 'title');
  return kind === 'project' ? stageAfter(stage, 'header') : 'body';
}

export class BlockSplitter {
  private buffer = '';
  /** Start of the block being read, in the buffer. */
  private blockStart = 0;
  /** Where the next line to classify starts. */
  private scan = 0;
  private firstLine = 1;
  /** How far the form being cut has been read. */
  private stage: Stage = 'start';
  /** A title whose form is decided by the line after it, and the stage before it. */
  private pendingTitle = -1;
  private stageBeforeTitle: Stage = 'start';
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
      const kind = start >= p ? kindOfLine(this.piece, start - p, end - p) : kindOfLine(text, start, end);
      if (kind !== null) this.read(kind, start, blocks);
      this.scan = next;
    }
    return blocks;
  }

  /** Reads a line of the kind given, which starts at `start`: cuts the blocks its form's rule cuts. */
  private read(kind: RowKind, start: number, blocks: Block[]): void {
    if (this.pendingTitle >= 0) {
      if (!continuesForm(this.stageBeforeTitle, 'title', kind)) blocks.push(this.take(this.pendingTitle));
      this.pendingTitle = -1;
    }
    if (kind === 'title') {
      this.pendingTitle = start;
      this.stageBeforeTitle = this.stage;
    } else if (!continuesForm(this.stage, kind, null)) {
      blocks.push(this.take(start));
      this.stage = 'start';
    }
    this.stage = stageAfterLine(this.stage, kind);
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
