/**
 * Stage 2: a form block's text → tokens. The block's lines decide the cell
 * separator it uses; the text is cut into chunks of whole lines (never
 * inside a quoted cell), each lexed on its own so the lexer's memory stays
 * small, or, for runs of plain lines, left to the rows stage to scan.
 */
import type { IToken } from 'chevrotain';
import { cellLexer } from '../../grammar/lexer.js';
import { foldLexical } from './text.js';
import { lineEnd, nextLineStart } from '../../grammar/scan.js';
import { isPlainLine } from './cells.js';
import type { Separator } from '../contract/schema.js';

export interface Chunk {
  separator: Separator;
  /** Offset of the chunk in the whole text; token offsets are absolute. */
  offset: number;
  tokens: IToken[];
  /**
   * Lines the rows stage reads without tokens (src/parse/cells.ts), up to
   * `end`; `folded` is the text as the lexer would read it. Tokens are then empty.
   */
  scan?: { folded: string; end: number };
}

/** How the text is read: plain lines scanned and the others lexed (the default), or every line lexed. */
export interface LexOptions {
  scan?: boolean;
}

const CHUNK_TARGET = 16 * 1024;

type LineStyle = Separator | 'none';

/** What separates cells in a pipe line, and in a space-aligned one. */
export const PIPE_CELL = ' | ';
export const WIDE_GAP = /\S {2,}\S/;

/** How the line `text[start, end)` separates its cells: tabs, ` | ` pipes, runs of two or more spaces, or none (one cell). */
function styleOfLine(text: string, start: number, end: number): LineStyle {
  // Most lines hold a tab: told without copying the line.
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 9) return 'tab';
  const trimmed = text.slice(start, end).trim();
  if (trimmed.length > 1 && (trimmed[0] === '|' || hasTwo(trimmed, PIPE_CELL))) return 'pipe';
  if (WIDE_GAP.test(trimmed)) return 'spaces';
  return 'none';
}

function hasTwo(text: string, part: string): boolean {
  const first = text.indexOf(part);
  return first >= 0 && text.indexOf(part, first + part.length) >= 0;
}

/** A line of the block: where it starts, where the next starts, how it separates its cells. */
interface StyledLine {
  start: number;
  /** Offset of the line's break (or the text's end). */
  end: number;
  /** Offset after the line end characters. */
  next: number;
  style: LineStyle;
}

/**
 * Splits text into physical lines, keeping an Excel-quoted cell that spans
 * line breaks inside one logical line.
 */
function physicalLines(text: string): StyledLine[] {
  const lines: StyledLine[] = [];
  for (let start = 0; start < text.length; ) {
    const end = lineEnd(text, start);
    const next = nextLineStart(text, end);
    lines.push({ start, end, next, style: styleOfLine(text, start, end) });
    start = next;
  }
  return lines;
}

/**
 * The separator of a block of lines (one form): the style most of its lines
 * use, tabs winning ties, tab when no line shows any.
 */
function blockSeparator(lines: readonly StyledLine[]): Separator {
  let tabs = 0;
  let pipes = 0;
  let spaces = 0;
  for (const { style } of lines) {
    if (style === 'tab') tabs++;
    else if (style === 'pipe') pipes++;
    else if (style === 'spaces') spaces++;
  }
  if (tabs >= pipes && tabs >= spaces) return 'tab';
  return pipes >= spaces ? 'pipe' : 'spaces';
}

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
 * most about 16 KiB. Runs of plain lines (src/parse/cells.ts: lines whose
 * cells the separator alone cuts, as the lexer would) are left to the rows
 * stage's scan, unlexed, unless `options.scan` is false. A line with more than `MAX_CELLS_PER_LINE` cells is read
 * up to its last allowed cell, and a block's lines after `MAX_CELLS_PER_FORM`
 * cells are not read: each is an overflow for the caller to report, so that
 * no input makes the later stages hold millions of cells.
 */
export function lex(text: string, options: LexOptions = {}): LexResult {
  const folded = foldLexical(text);
  const lines = physicalLines(folded);
  const chunks: Chunk[] = [];
  const overflows: Overflow[] = [];
  if (lines.length === 0) return { chunks, overflows };
  const separator = blockSeparator(lines);
  const scanning = options.scan !== false;
  /** Lines `[from, to)` as one chunk, scanned or lexed. */
  const push = (from: number, to: number, scanned: boolean) => {
    const start = lines[from].start;
    const end = lines[to - 1].next;
    chunks.push(scanned ? { separator, offset: start, tokens: [], scan: { folded, end } } : lexChunk(folded, start, end, separator));
  };
  const capped = folded.length + 1 > 2 * MAX_CELLS_PER_FORM;
  let chunkStart = 0;
  let chunkScanned = false;
  let formCells = 0;
  for (let j = 0; j < lines.length; j++) {
    const line = lines[j];
    // A line holds at most one cell per two characters: only a long one can pass the cap.
    const wide = line.next - line.start > 2 * MAX_CELLS_PER_LINE;
    // A text holds at most one cell per two characters: a short one cannot pass the form's cap, nor a short line the line's.
    const { cells, cut } = wide || capped ? countCells(folded, line.start, line.next, separator, wide ? MAX_CELLS_PER_LINE : Infinity) : UNCOUNTED;
    if (formCells + Math.min(cells, MAX_CELLS_PER_LINE) > MAX_CELLS_PER_FORM) {
      if (j > chunkStart) push(chunkStart, j, chunkScanned);
      overflows.push(formOverflow(folded, lines, j, separator));
      break;
    }
    formCells += Math.min(cells, MAX_CELLS_PER_LINE);
    if (cut >= 0) {
      // The line's kept part is a chunk of its own, the lines before it another.
      if (j > chunkStart) push(chunkStart, j, chunkScanned);
      chunks.push(lexChunk(folded, line.start, cut, separator));
      overflows.push({ kind: 'line', offset: cut, cells: cells - MAX_CELLS_PER_LINE, lines: 0, limit: MAX_CELLS_PER_LINE });
      chunkStart = j + 1;
      continue;
    }
    // A plain line is read by the scan; runs of plain lines and of other lines make chunks of their own.
    const scanned = scanning && isPlainLine(text, folded, line.start, line.end, separator);
    if (j > chunkStart && scanned !== chunkScanned) {
      push(chunkStart, j, chunkScanned);
      chunkStart = j;
    }
    chunkScanned = scanned;
    const size = line.next - lines[chunkStart].start;
    if ((size >= CHUNK_TARGET && !scanned) || j === lines.length - 1) {
      push(chunkStart, j + 1, scanned);
      chunkStart = j + 1;
    }
  }
  return { chunks, overflows };
}

/** The lines of a block from `from` on, left unread: how many, and how many cells they hold. */
function formOverflow(text: string, lines: readonly StyledLine[], from: number, separator: Separator): Overflow {
  let cells = 0;
  for (let j = from; j < lines.length; j++) cells += countCells(text, lines[j].start, lines[j].next, separator).cells;
  return { kind: 'form', offset: lines[from].start, cells, lines: lines.length - from, limit: MAX_CELLS_PER_FORM };
}

function lexChunk(folded: string, start: number, end: number, separator: Separator): Chunk {
  const { tokens } = cellLexer.tokenize(folded.slice(start, end));
  if (start > 0) for (const token of tokens) token.startOffset += start;
  return { separator, offset: start, tokens };
}
