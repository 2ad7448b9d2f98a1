/**
 * Stage 2: text → tokens. The text is cut into chunks of whole lines (never
 * inside a quoted cell), each chunk tagged with the cell separator its lines
 * use, and each chunk is lexed on its own so the lexer's memory stays small.
 */
import type { IToken } from 'chevrotain';
import { cellLexer } from '../../grammar/lexer.js';
import { isTitleRow, isTitleText, isYearText, mayHoldTitle } from '../tables/labels.js';
import { foldWidth } from './text.js';
import { lineEnd, nextLineStart } from '../../grammar/scan.js';
import type { Separator } from '../schema.js';

export interface Chunk {
  separator: Separator;
  /** Offset of the chunk in the whole text; token offsets are absolute. */
  offset: number;
  tokens: IToken[];
}

const CHUNK_TARGET = 16 * 1024;

type LineStyle = Separator | 'none';

const PIPE_CELL = ' | ';
const WIDE_GAP = /\S {2,}\S/;
/** A line that opens a form's header: `项目名称` first, after any border or indentation. */
const PROJECT_LINE = /^[\s|*]*项 ?目 ?名 ?称/;

/** How a line separates its cells: tabs, ` | ` pipes, runs of two or more spaces, or none (one cell). */
function styleOfLine(line: string): LineStyle {
  if (line.indexOf('\t') >= 0) return 'tab';
  const trimmed = line.trim();
  if (trimmed.length > 1 && (trimmed[0] === '|' || hasTwo(trimmed, PIPE_CELL))) return 'pipe';
  if (WIDE_GAP.test(trimmed)) return 'spaces';
  return 'none';
}

function hasTwo(text: string, part: string): boolean {
  const first = text.indexOf(part);
  return first >= 0 && text.indexOf(part, first + part.length) >= 0;
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

export interface Line {
  start: number;
  /** Offset after the line end characters. */
  next: number;
  style: LineStyle;
  /** A title line: one cell naming the form. */
  title: boolean;
  /** A line with 项目名称 in its first cell. */
  project: boolean;
  blank: boolean;
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

export function describeLine(text: string, start: number, end: number, next: number): Line {
  const line = text.slice(start, end);
  const cell = soleCell(line);
  return {
    start,
    next,
    style: styleOfLine(line),
    title: isTitleLine(line, cell),
    project: PROJECT_LINE.test(line),
    blank: cell === '',
  };
}

/**
 * Splits text into physical lines, keeping an Excel-quoted cell that spans
 * line breaks inside one logical line.
 */
function logicalLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start < text.length; ) {
    const end = lineEnd(text, start);
    const next = nextLineStart(text, end);
    lines.push(describeLine(text, start, end, next));
    start = next;
  }
  return lines;
}

/**
 * The separator of a block of lines (one form): the style most of its lines
 * use, tabs winning ties, tab when no line shows any.
 */
function blockSeparator(lines: readonly Line[], from: number, to: number): Separator {
  let tabs = 0;
  let pipes = 0;
  let spaces = 0;
  for (let i = from; i < to; i++) {
    const style = lines[i].style;
    if (style === 'tab') tabs++;
    else if (style === 'pipe') pipes++;
    else if (style === 'spaces') spaces++;
  }
  if (tabs >= pipes && tabs >= spaces) return 'tab';
  return pipes >= spaces ? 'pipe' : 'spaces';
}

/**
 * Where the form blocks start: at a title after the previous form's content,
 * or at a second 项目名称 line within one block (forms without titles).
 */
function blockStarts(lines: readonly Line[]): number[] {
  const starts = [0];
  let content = false;
  let project = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if ((line.title && content) || (line.project && project)) {
      starts.push(i);
      content = false;
      project = false;
    }
    if (line.project) project = true;
    if (!line.title && !line.blank) content = true;
  }
  return starts;
}

/** Most non-empty cells read from one line; the rest of the line is reported, not read (a form has a dozen columns). */
export const MAX_CELLS_PER_LINE = 1000;
/** Most non-empty cells read from one form block; the lines after are reported, not read (a form has about a thousand). */
export const MAX_CELLS_PER_FORM = 50_000;

/** Text left unread because a line or a form had more cells than the caps allow. */
export interface Overflow {
  kind: 'line' | 'form';
  /** Offset in the text where reading stopped. */
  offset: number;
  /** Non-empty cells left unread, and lines (for a form). */
  cells: number;
  lines: number;
  /** The cap that was reached. */
  limit: number;
}

export interface LexResult {
  chunks: Chunk[];
  overflows: Overflow[];
}

/**
 * Counts the non-empty cells of `text[start, end)` as a line of the given
 * separator style would split them, and where the cell after the first
 * `keep` starts (-1 when there are no more). Quotes are not followed: this
 * only bounds the work, on lines far wider than any form.
 */
export function countCells(text: string, start: number, end: number, separator: Separator, keep = Infinity): { cells: number; cut: number } {
  let cells = 0;
  let cut = -1;
  let inCell = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const isSeparator = c === 9 || c === 10 || c === 13 || (separator === 'pipe' && c === 124) || (separator === 'spaces' && c === 32 && text.charCodeAt(i + 1) === 32);
    if (isSeparator) {
      inCell = false;
      continue;
    }
    if (inCell || c === 32) continue;
    inCell = true;
    cells++;
    if (cells === keep + 1) cut = i;
  }
  return { cells, cut };
}

/**
 * Lexes the text: one separator per form block, chunks of whole lines of at
 * most about 16 KiB. A line with more than `MAX_CELLS_PER_LINE` cells is read
 * up to its last allowed cell, and a block's lines after `MAX_CELLS_PER_FORM`
 * cells are not read: each is an overflow for the caller to report, so that
 * no input makes the later stages hold millions of cells.
 */
export function lex(text: string): LexResult {
  const folded = foldWidth(text);
  const lines = logicalLines(folded);
  const chunks: Chunk[] = [];
  const overflows: Overflow[] = [];
  const starts = blockStarts(lines);
  starts.forEach((blockStart, k) => {
    const blockEnd = k + 1 < starts.length ? starts[k + 1] : lines.length;
    if (blockEnd <= blockStart) return;
    const separator = blockSeparator(lines, blockStart, blockEnd);
    let chunkStart = blockStart;
    let formCells = 0;
    for (let j = blockStart; j < blockEnd; j++) {
      const line = lines[j];
      // A line holds at most one cell per two characters: only a long one can pass the cap.
      const wide = line.next - line.start > 2 * MAX_CELLS_PER_LINE;
      const { cells, cut } = countCells(folded, line.start, line.next, separator, wide ? MAX_CELLS_PER_LINE : Infinity);
      if (formCells + Math.min(cells, MAX_CELLS_PER_LINE) > MAX_CELLS_PER_FORM) {
        if (j > chunkStart) chunks.push(lexChunk(folded, lines[chunkStart].start, line.start, separator));
        overflows.push(formOverflow(folded, lines, j, blockEnd, separator));
        return;
      }
      formCells += Math.min(cells, MAX_CELLS_PER_LINE);
      if (cut >= 0) {
        // The line's kept part is a chunk of its own, the lines before it another.
        if (j > chunkStart) chunks.push(lexChunk(folded, lines[chunkStart].start, line.start, separator));
        chunks.push(lexChunk(folded, line.start, cut, separator));
        overflows.push({ kind: 'line', offset: cut, cells: cells - MAX_CELLS_PER_LINE, lines: 0, limit: MAX_CELLS_PER_LINE });
        chunkStart = j + 1;
        continue;
      }
      const size = line.next - lines[chunkStart].start;
      if (size >= CHUNK_TARGET || j === blockEnd - 1) {
        chunks.push(lexChunk(folded, lines[chunkStart].start, line.next, separator));
        chunkStart = j + 1;
      }
    }
  });
  return { chunks, overflows };
}

/** The lines of a block from `from` on, left unread: how many, and how many cells they hold. */
function formOverflow(text: string, lines: readonly Line[], from: number, to: number, separator: Separator): Overflow {
  let cells = 0;
  for (let j = from; j < to; j++) cells += countCells(text, lines[j].start, lines[j].next, separator).cells;
  return { kind: 'form', offset: lines[from].start, cells, lines: to - from, limit: MAX_CELLS_PER_FORM };
}

function lexChunk(folded: string, start: number, end: number, separator: Separator): Chunk {
  const { tokens } = cellLexer.tokenize(folded.slice(start, end));
  if (start > 0) for (const token of tokens) token.startOffset += start;
  return { separator, offset: start, tokens };
}
