/**
 * Stage 2: text → tokens. The text is cut into chunks of whole lines (never
 * inside a quoted cell), each chunk tagged with the cell separator its lines
 * use, and each chunk is lexed on its own so the lexer's memory stays small.
 */
import type { IToken } from 'chevrotain';
import { cellLexer } from '../grammar/lexer.js';
import { TITLE_PATTERN } from './tables/labels.js';
import { foldWidth } from './text.js';
import type { Separator } from './schema.js';

export interface Chunk {
  separator: Separator;
  /** Offset of the chunk in the whole text; token offsets are absolute. */
  offset: number;
  tokens: IToken[];
}

const CHUNK_TARGET = 16 * 1024;

type LineStyle = Separator | 'none';

function styleOfLine(text: string, start: number, end: number): LineStyle {
  const line = text.slice(start, end);
  if (line.indexOf('\t') >= 0) return 'tab';
  const trimmed = line.trim();
  if (trimmed.length > 1 && (trimmed[0] === '|' || trimmed.split(' | ').length > 2)) return 'pipe';
  if (/\S {2,}\S/.test(trimmed)) return 'spaces';
  return 'none';
}

interface Line {
  start: number;
  /** Offset after the line end characters. */
  next: number;
  style: LineStyle;
  title: boolean;
}

/**
 * Splits text into physical lines, keeping an Excel-quoted cell that spans
 * line breaks inside one logical line.
 */
function logicalLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const n = text.length;
  while (start < n) {
    let i = start;
    let cellStart = true;
    let end = n;
    let next = n;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (cellStart && c === 34) {
        const close = closingQuote(text, i);
        if (close > 0) {
          i = close + 1;
          cellStart = false;
          continue;
        }
      }
      if (c === 10 || c === 13) {
        end = i;
        next = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
        break;
      }
      cellStart = c === 9;
      i++;
    }
    const style = styleOfLine(text, start, end);
    lines.push({ start, next, style, title: style === 'none' && TITLE_PATTERN.test(text.slice(start, end)) });
    start = next;
  }
  return lines;
}

const QUOTE_LIMIT = 1 << 16;

/** Offset of the quote closing a quoted cell opened at `open`, or -1 (same rule as the QuotedCell token). */
function closingQuote(text: string, open: number): number {
  const limit = Math.min(text.length, open + QUOTE_LIMIT);
  for (let i = open + 1; i < limit; i++) {
    if (text.charCodeAt(i) !== 34) continue;
    if (text.charCodeAt(i + 1) === 34) {
      i++;
      continue;
    }
    const after = text.charCodeAt(i + 1);
    return i + 1 >= text.length || after === 9 || after === 10 || after === 13 ? i : -1;
  }
  return -1;
}

/** The separator of a block of lines between titles: tabs win, then the commoner of pipes and spaces. */
function blockSeparator(lines: Line[], from: number, to: number): Separator {
  let pipes = 0;
  let spaces = 0;
  for (let i = from; i < to; i++) {
    const style = lines[i].style;
    if (style === 'tab') return 'tab';
    if (style === 'pipe') pipes++;
    else if (style === 'spaces') spaces++;
  }
  return pipes >= spaces && pipes > 0 ? 'pipe' : spaces > 0 ? 'spaces' : 'tab';
}

export interface LexResult {
  chunks: Chunk[];
}

export function lex(text: string): LexResult {
  const folded = foldWidth(text);
  const lines = logicalLines(folded);
  const chunks: Chunk[] = [];
  let blockStart = 0;
  for (let i = 0; i <= lines.length; i++) {
    const atBoundary = i === lines.length || (lines[i].title && i > blockStart);
    if (!atBoundary) continue;
    const separator = blockSeparator(lines, blockStart, i);
    let chunkStart = blockStart;
    for (let j = blockStart; j < i; j++) {
      const size = lines[j].next - lines[chunkStart].start;
      if (size >= CHUNK_TARGET || j === i - 1) {
        chunks.push(lexChunk(folded, lines[chunkStart].start, lines[j].next, separator));
        chunkStart = j + 1;
      }
    }
    blockStart = i;
  }
  return { chunks };
}

function lexChunk(folded: string, start: number, end: number, separator: Separator): Chunk {
  const { tokens } = cellLexer.tokenize(folded.slice(start, end));
  if (start > 0) for (const token of tokens) token.startOffset += start;
  return { separator, offset: start, tokens };
}
