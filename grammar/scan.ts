/**
 * Excel quoting, the one rule every line and cell scan follows: a cell that
 * opens with `"` runs to the quote that ends it (`""` is a quote inside), line
 * breaks and tabs included. The quoted-cell token, the block splitter and the
 * lexer's line cutting all read quotes through this module.
 */
import { lexicalUnit } from '../src/tables/width.js';

/** How far a quoted cell may run: an unclosed quote never makes a scan quadratic. */
export const QUOTED_CELL_LIMIT = 1 << 16;

/** Whether a code unit is a quote; `folded`: as the lexer reads it, a full-width quote too. */
const isQuote = (c: number, folded: boolean) => c === 34 || (folded && c >= 0xa0 && lexicalUnit(c) === 34);

/**
 * Offset of the quote that closes an Excel-quoted cell opened at `open`
 * (`""` is a quote inside it; the closing quote must end the cell), or -1.
 * `folded`: the text is read as the lexer reads it (foldLexical) without a
 * folded copy of it.
 */
export function closingQuote(text: string, open: number, folded = false): number {
  const limit = Math.min(text.length, open + QUOTED_CELL_LIMIT);
  for (let i = open + 1; i < limit; i++) {
    if (!isQuote(text.charCodeAt(i), folded)) continue;
    if (isQuote(text.charCodeAt(i + 1), folded)) {
      i++;
      continue;
    }
    const after = text.charCodeAt(i + 1);
    return i + 1 >= text.length || after === 9 || after === 10 || after === 13 ? i : -1;
  }
  return -1;
}

/** Where the scan of an incomplete line stopped, relative to the line's start, and whether a cell starts there. */
export interface LineResume {
  at: number;
  cellStart: boolean;
}

/**
 * End of the logical line starting at `start` (the offset of its line
 * break, or the text's length), skipping quoted cells, whose line breaks
 * belong to the cell.
 *
 * When more text may follow (`final` false) the end is -1 while the line is
 * not complete: a `\r` at the end of the text waits for a `\n`, and a quote
 * whose closing quote may still come is left undecided. `resume` then says
 * where the next scan of the same line starts, so a long line is never read
 * again from its beginning. Characters from `pieceStart` on are read from
 * `piece` (the text's last part, cheaper to read than a concatenation).
 * `folded`: quotes are told as the lexer reads them (see closingQuote).
 */
export function lineEnd(text: string, start: number, final = true, resume: LineResume | null = null, piece = text, pieceStart = 0, folded = false, ahead: Ahead | null = null): number {
  if (ahead !== null && start >= pieceStart && (resume === null || resume.at === 0)) {
    const end = quotelessLineEnd(piece, start - pieceStart, final, folded, ahead);
    if (end >= 0) return end + pieceStart;
  }
  let cellStart = resume ? resume.cellStart : true;
  /** The first quote whose closing quote may still come in a later piece: the next scan starts there. */
  let undecided = -1;
  let i = start + (resume ? resume.at : 0);
  for (; i < text.length; i++) {
    const c = i >= pieceStart ? piece.charCodeAt(i - pieceStart) : text.charCodeAt(i);
    if (cellStart && isQuote(c, folded)) {
      const close = closingQuote(text, i, folded);
      // A quote ending text that goes on closes the cell only if what follows it is a separator: undecided.
      if (close > 0 && (final || close + 1 < text.length)) {
        i = close;
        cellStart = false;
        continue;
      }
      if (undecided < 0 && !final && i + QUOTED_CELL_LIMIT > text.length) undecided = i;
    }
    // A line break after an undecided quote is inside its cell if the closing quote comes: the line is not complete.
    if ((c === 10 || c === 13) && undecided >= 0) break;
    if (c === 10) return i;
    if (c === 13) {
      if (i + 1 < text.length || final) return i;
      break;
    }
    cellStart = c === 9;
  }
  if (final || !resume) return text.length;
  // At an undecided quote a cell starts (the quote followed a tab or opened the line).
  resume.cellStart = undecided >= 0 ? true : cellStart;
  resume.at = (undecided >= 0 ? undecided : i) - start;
  return -1;
}

/**
 * Where the next `"`, full-width quote and `\r` are in one text, remembered
 * as a scan goes forward through it line by line, so that finding them is
 * one search per text, not one per line. `reset` when the text changes.
 */
export class Ahead {
  private readonly quote = new NextOf('"');
  private readonly wideQuote = new NextOf('\uff02');
  private readonly carriageReturn = new NextOf('\r');

  reset(): void {
    this.quote.reset();
    this.wideQuote.reset();
    this.carriageReturn.reset();
  }

  /** The first quote at or after `from` (a full-width one too when `folded`), or -1. */
  nextQuote(text: string, from: number, folded: boolean): number {
    const plain = this.quote.find(text, from);
    if (!folded) return plain;
    const wide = this.wideQuote.find(text, from);
    return plain < 0 ? wide : wide < 0 ? plain : Math.min(plain, wide);
  }

  nextCarriageReturn(text: string, from: number): number {
    return this.carriageReturn.find(text, from);
  }
}

/** The next offset of one character, remembered: valid for any later `from` up to it. */
class NextOf {
  private from = -1;
  private at = -1;

  constructor(private readonly char: string) {}

  reset(): void {
    this.from = -1;
  }

  find(text: string, from: number): number {
    if (this.from < 0 || from < this.from || (this.at >= 0 && from > this.at)) {
      this.from = from;
      this.at = text.indexOf(this.char, from);
    }
    return this.at;
  }
}

/**
 * lineEnd of a line with no quote before its break, found by searching for
 * the break; -1 when the line holds a quote (it may open a quoted cell) or its
 * end is not yet known, for the scan character by character to decide.
 */
function quotelessLineEnd(text: string, start: number, final: boolean, folded: boolean, ahead: Ahead): number {
  const lineFeed = text.indexOf('\n', start);
  const carriageReturn = ahead.nextCarriageReturn(text, start);
  let end = lineFeed;
  if (carriageReturn >= 0 && (end < 0 || carriageReturn < end)) {
    // A `\r` ending the text may be the first half of a `\r\n` still to come.
    if (!final && carriageReturn + 1 >= text.length) return -1;
    end = carriageReturn;
  }
  if (end < 0) {
    if (!final) return -1;
    end = text.length;
  }
  const quote = ahead.nextQuote(text, start, folded);
  return quote >= 0 && quote < end ? -1 : end;
}

/** Offset after the line break at `end` (`\r\n` counts as one), or `end` at the text's end. */
export function nextLineStart(text: string, end: number): number {
  if (end >= text.length) return text.length;
  return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}
