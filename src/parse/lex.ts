/**
 * Stage 2: a form block's text → tokens. The block's lines decide the cell
 * separator it uses; the text is cut into chunks of whole lines (never
 * inside a quoted cell), each lexed on its own so the lexer's memory stays
 * small, or, for runs of plain lines, left to the rows stage to scan.
 */
import type { IToken } from 'chevrotain';
import { cellLexer } from '../../grammar/lexer.js';
import { foldLexical, lexicalUnit } from '../tables/width.js';
import { isWhite } from './text.js';
import { Ahead, lineEnd, nextLineStart } from '../../grammar/scan.js';
import { isPlainLine } from './cells.js';
import type { Separator } from '../contract/schema.js';

export interface Chunk {
  separator: Separator;
  /** Offset of the chunk in the whole text; token offsets are absolute. */
  offset: number;
  tokens: IToken[];
  /**
   * Lines the rows stage reads without tokens (src/parse/cells.ts), up to
   * `end`, folding each character as the lexer would. Tokens are then empty.
   */
  scan?: { end: number };
}

/** How the text is read: plain lines scanned and the others lexed (the default), or every line lexed. */
export interface LexOptions {
  scan?: boolean;
  /**
   * The text's lines that hold a character no scan reads (Block.unscannable,
   * from the block splitter): a line of a tab or pipe block is then plain
   * unless it meets one of them, and its characters are not read again.
   */
  unscannable?: readonly number[];
}

const CHUNK_TARGET = 16 * 1024;

type LineStyle = Separator | 'none';


/**
 * How the line `text[start, end)` separates its cells, as the lexer reads it
 * (each character folded, lexicalUnit): tabs, ` | ` pipes, runs of two or
 * more spaces, or none (one cell). Read in place: the line trimmed as
 * String.prototype.trim would trim it (folding keeps what is white space),
 * then a `|` opening it or two ` | ` in it, else a run of two spaces or
 * more between two other characters (`/\S {2,}\S/`).
 */
function styleOfLine(text: string, start: number, end: number): LineStyle {
  // Most lines hold a tab (which no character folds to).
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 9) return 'tab';
  let from = start;
  let to = end;
  while (from < to && isWhite(text.charCodeAt(from))) from++;
  while (to > from && isWhite(text.charCodeAt(to - 1))) to--;
  if (to - from > 1 && (lexicalUnit(text.charCodeAt(from)) === PIPE || pipeCells(text, from, to) >= 2)) return 'pipe';
  return wideGap(text, from, to) ? 'spaces' : 'none';
}

const PIPE = 124;
const SPACE = 32;

/** How many ` | ` the text `[from, to)` holds, as the lexer reads it, none overlapping. */
function pipeCells(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i + 2 < to; i++) {
    if (lexicalUnit(text.charCodeAt(i)) !== SPACE || lexicalUnit(text.charCodeAt(i + 1)) !== PIPE || lexicalUnit(text.charCodeAt(i + 2)) !== SPACE) continue;
    count++;
    i += 2;
  }
  return count;
}

/** Whether the text `[from, to)`, as the lexer reads it, holds a run of two spaces or more between two other characters (`/\S {2,}\S/`). */
function wideGap(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (lexicalUnit(text.charCodeAt(i)) !== SPACE) continue;
    let j = i + 1;
    while (j < to && lexicalUnit(text.charCodeAt(j)) === SPACE) j++;
    if (j - i >= 2 && i > from && j < to && !isWhite(text.charCodeAt(i - 1)) && !isWhite(text.charCodeAt(j))) return true;
    i = j - 1;
  }
  return false;
}

/**
 * The physical lines of the block being lexed (an Excel-quoted cell that
 * spans line breaks kept inside one logical line): where each starts, where
 * its break is (or the text's end) and where the next starts, in arrays used
 * again and again, block after block.
 */
class Lines {
  count = 0;
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  nexts = new Int32Array(256);
  /** Lines of each style: the block's separator is the one most use. */
  tabs = 0;
  pipes = 0;
  spaces = 0;
  private readonly ahead = new Ahead();

  /** Reads the lines of `text` (quotes told as the lexer reads them). */
  read(text: string): void {
    this.ahead.reset();
    this.count = 0;
    this.tabs = this.pipes = this.spaces = 0;
    for (let start = 0; start < text.length; ) {
      const end = lineEnd(text, start, true, null, text, 0, true, this.ahead);
      const next = nextLineStart(text, end);
      if (this.count === this.starts.length) this.grow();
      this.starts[this.count] = start;
      this.ends[this.count] = end;
      this.nexts[this.count] = next;
      this.count++;
      const style = styleOfLine(text, start, end);
      if (style === 'tab') this.tabs++;
      else if (style === 'pipe') this.pipes++;
      else if (style === 'spaces') this.spaces++;
      start = next;
    }
  }

  /**
   * The separator of the block (one form): the style most of its lines use,
   * tabs winning ties, tab when no line shows any.
   */
  separator(): Separator {
    if (this.tabs >= this.pipes && this.tabs >= this.spaces) return 'tab';
    return this.pipes >= this.spaces ? 'pipe' : 'spaces';
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const grown = (from: Int32Array) => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.starts = grown(this.starts);
    this.ends = grown(this.ends);
    this.nexts = grown(this.nexts);
  }
}

const blockLines = new Lines();

/** Most non-empty cells read from one line; the rest of the line is reported, not read (a form has a dozen columns). */
export const MAX_CELLS_PER_LINE = 1000;
/** Most non-empty cells read from one form block; the lines after are reported, not read (a form has about a thousand). */
export const MAX_CELLS_PER_FORM = 50_000;

const UNCOUNTED = { cells: 0, cut: -1 };

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
export function countCells(text: string, start: number, end: number, separator: Separator, keep = Infinity, folded = false): { cells: number; cut: number } {
  let cells = 0;
  let cut = -1;
  let inCell = false;
  for (let i = start; i < end; i++) {
    const c = folded ? lexicalUnit(text.charCodeAt(i)) : text.charCodeAt(i);
    const isSeparator =
      c === 9 || c === 10 || c === 13 || (separator === 'pipe' && c === 124) || (separator === 'spaces' && c === 32 && (folded ? lexicalUnit(text.charCodeAt(i + 1)) : text.charCodeAt(i + 1)) === 32);
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
 * most about 16 KiB. Runs of plain lines (src/parse/cells.ts: lines whose
 * cells the separator alone cuts, as the lexer would) are left to the rows
 * stage's scan, unlexed, unless `options.scan` is false. A line with more than `MAX_CELLS_PER_LINE` cells is read
 * up to its last allowed cell, and a block's lines after `MAX_CELLS_PER_FORM`
 * cells are not read: each is an overflow for the caller to report, so that
 * no input makes the later stages hold millions of cells.
 */
export function lex(text: string, options: LexOptions = {}): LexResult {
  const lines = blockLines;
  lines.read(text);
  const { starts, ends, nexts, count } = lines;
  const chunks: Chunk[] = [];
  const overflows: Overflow[] = [];
  if (count === 0) return { chunks, overflows };
  const separator = lines.separator();
  const scanning = options.scan !== false;
  const unscannable = separator !== 'spaces' && options.unscannable ? new LineRanges(options.unscannable) : null;
  const capped = text.length + 1 > 2 * MAX_CELLS_PER_FORM;
  let chunkStart = 0;
  let chunkScanned = false;
  let formCells = 0;
  for (let j = 0; j < count; j++) {
    const start = starts[j];
    const next = nexts[j];
    // A line holds at most one cell per two characters: only a long one can pass the cap.
    const wide = next - start > 2 * MAX_CELLS_PER_LINE;
    // A text holds at most one cell per two characters: a short one cannot pass the form's cap, nor a short line the line's.
    const { cells, cut } = wide || capped ? countCells(text, start, next, separator, wide ? MAX_CELLS_PER_LINE : Infinity, true) : UNCOUNTED;
    if (formCells + Math.min(cells, MAX_CELLS_PER_LINE) > MAX_CELLS_PER_FORM) {
      if (j > chunkStart) chunks.push(chunkOf(text, chunkStart, j, chunkScanned, separator));
      overflows.push(formOverflow(text, lines, j, separator));
      break;
    }
    formCells += Math.min(cells, MAX_CELLS_PER_LINE);
    if (cut >= 0) {
      // The line's kept part is a chunk of its own, the lines before it another.
      if (j > chunkStart) chunks.push(chunkOf(text, chunkStart, j, chunkScanned, separator));
      chunks.push(lexChunk(text, start, cut, separator));
      overflows.push({ kind: 'line', offset: cut, cells: cells - MAX_CELLS_PER_LINE, lines: 0, limit: MAX_CELLS_PER_LINE });
      chunkStart = j + 1;
      continue;
    }
    // A plain line is read by the scan; runs of plain lines and of other lines make chunks of their own.
    const scanned = scanning && (unscannable !== null ? !unscannable.meets(start, ends[j]) : isPlainLine(text, start, ends[j], separator));
    if (j > chunkStart && scanned !== chunkScanned) {
      chunks.push(chunkOf(text, chunkStart, j, chunkScanned, separator));
      chunkStart = j;
    }
    chunkScanned = scanned;
    const size = next - starts[chunkStart];
    if ((size >= CHUNK_TARGET && !scanned) || j === count - 1) {
      chunks.push(chunkOf(text, chunkStart, j + 1, scanned, separator));
      chunkStart = j + 1;
    }
  }
  return { chunks, overflows };
}

/** Ranges of a text as `[start, end)` offset pairs in order, asked about lines in order. */
class LineRanges {
  private at = 0;

  constructor(private readonly pairs: readonly number[]) {}

  /** Whether the line `[start, end)` meets one of the ranges; a line asked about never starts before the one asked before it. */
  meets(start: number, end: number): boolean {
    while (this.at < this.pairs.length && this.pairs[this.at + 1] <= start) this.at += 2;
    return this.at < this.pairs.length && this.pairs[this.at] < end;
  }
}

/** The block's lines `[from, to)` as one chunk, scanned or lexed. */
function chunkOf(text: string, from: number, to: number, scanned: boolean, separator: Separator): Chunk {
  const start = blockLines.starts[from];
  const end = blockLines.nexts[to - 1];
  return scanned ? { separator, offset: start, tokens: NO_TOKENS, scan: { end } } : lexChunk(text, start, end, separator);
}

/** The tokens of every scanned chunk: none (read, never added to). */
const NO_TOKENS: IToken[] = [];

/** The lines of a block from `from` on, left unread: how many, and how many cells they hold. */
function formOverflow(text: string, lines: Lines, from: number, separator: Separator): Overflow {
  let cells = 0;
  for (let j = from; j < lines.count; j++) cells += countCells(text, lines.starts[j], lines.nexts[j], separator).cells;
  return { kind: 'form', offset: lines.starts[from], cells, lines: lines.count - from, limit: MAX_CELLS_PER_FORM };
}

/** The lines `text[start, end)` lexed, as the lexer reads them (folded), token offsets in the whole text. */
function lexChunk(text: string, start: number, end: number, separator: Separator): Chunk {
  const { tokens } = cellLexer.tokenize(foldLexical(text.slice(start, end)));
  if (start > 0) for (let k = 0; k < tokens.length; k++) tokens[k].startOffset += start;
  return { separator, offset: start, tokens };
}
