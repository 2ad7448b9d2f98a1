/**
 * Cuts export text into form blocks as it arrives: a block runs from a form's
 * first line (its title, or 项目名称 when it has none) to the next form's. Each
 * block goes through the pipeline on its own, so memory depends on the
 * largest form, not on the file.
 */
import { describeLine } from './lex.js';
import { lineEnd, type LineResume } from '../../grammar/scan.js';

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

export class BlockSplitter {
  private buffer = '';
  /** Start of the block being read, in the buffer. */
  private blockStart = 0;
  /** Where the next line to classify starts. */
  private scan = 0;
  private firstLine = 1;
  private content = false;
  private project = false;
  /** A title seen after the block's content: it opens a new form only if a 项目名称 line follows it. */
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
      const line = start >= p ? describeLine(this.piece, start - p, end - p, next - p) : describeLine(text, start, end, next);
      if (line.title && this.content) {
        if (this.pendingTitle < 0) this.pendingTitle = start;
      } else if (!line.blank && !line.title) {
        // A title repeated after a page break inside a form is followed by the form's own rows, not by 项目名称.
        const cut = this.pendingTitle >= 0 && line.project ? this.pendingTitle : line.project && this.project ? start : -1;
        this.pendingTitle = -1;
        if (cut >= 0) {
          blocks.push(this.take(cut));
          this.content = false;
          this.project = false;
        }
      }
      if (line.project) this.project = true;
      if (!line.title && !line.blank) this.content = true;
      this.scan = next;
    }
    return blocks;
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
