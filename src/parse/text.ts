/** Text helpers shared by the stages: HTML remnants, control characters, line positions; width folding lives in tables/width.ts. */
import { utf16Decoder } from '../tables/width.js';

export { foldLexical, foldWidth } from '../tables/width.js';

/**
 * Columns a code unit takes in a fixed-width rendering: 2 for East Asian wide
 * and full-width characters (CJK ideographs, kana, hangul, full-width forms,
 * and astral ideographs, counted on their high surrogate), 0 for a low
 * surrogate, 1 otherwise.
 */
export function columnWidth(c: number): number {
  if (c < 0x1100) return 1;
  if (c <= 0x115f) return 2;
  if (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) return 2;
  if (c >= 0xac00 && c <= 0xd7a3) return 2;
  if (c >= 0xd800 && c <= 0xdbff) return 2;
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  if (c >= 0xf900 && c <= 0xfaff) return 2;
  if (c >= 0xfe30 && c <= 0xfe6f) return 2;
  if (c >= 0xff00 && c <= 0xff60) return 2;
  if (c >= 0xffe0 && c <= 0xffe6) return 2;
  return 1;
}

/** Display columns of `text[from, to)`, CJK characters two wide. */
export function displayWidth(text: string, from = 0, to = text.length): number {
  let width = 0;
  for (let i = from; i < to; i++) width += columnWidth(text.charCodeAt(i));
  return width;
}

/** `\r\n` and lone `\r` become `\n`, so a cell's text does not depend on the file's line ends. */
export function normalizeLineBreaks(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

const ENTITIES: Readonly<Record<string, string>> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', hellip: '…', mdash: '—' };

/**
 * Characters a cell must not carry into the output: C0 and C1 controls other
 * than tab and line ends, UTF-16 surrogates (alone they are not text, and a
 * JSON reader may reject them), and the bidirectional embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069) that make text display in an
 * order other than the one it is stored in.
 */
export function unsafeKind(code: number): 'control' | 'surrogate' | 'bidi' | null {
  if ((code < 0x20 && code !== 9 && code !== 10 && code !== 13) || (code >= 0x7f && code <= 0x9f)) return 'control';
  if (code >= 0xd800 && code <= 0xdfff) return 'surrogate';
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return 'bidi';
  return null;
}

/**
 * Removes HTML tags and decodes the common entities; `<br>` and `</p>` become
 * line breaks. A numeric entity naming an unsafe character (`&#27;`,
 * `&#xD800;`, `&#x202E;`, see `unsafeKind`) stays as written, and `unsafe`
 * hears of it.
 */
export function stripHtml(text: string, unsafe?: (code: number, entity: string) => void): string {
  if (text.indexOf('<') < 0 && text.indexOf('&') < 0) return text;
  return text
    .replace(/<br\s*\/?>|<\/p\s*>/gi, '\n')
    .replace(/<\/?[a-zA-Z][^<>]{0,200}>/g, '')
    .replace(/&(#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        if (!(code > 0 && code < 0x110000)) return whole;
        if (unsafeKind(code) !== null) {
          unsafe?.(code, whole);
          return whole;
        }
        return String.fromCodePoint(code);
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]*\n[ \t\n]*/g, '\n')
    .trim();
}

/** Unquotes an Excel-quoted cell: `"a""b"` → `a"b`. */
export function unquote(cell: string): string {
  if (cell.length >= 2 && cell[0] === '"' && cell[cell.length - 1] === '"') return cell.slice(1, -1).replace(/""/g, '"');
  return cell;
}

/** What `\s` matches (String.prototype.trim's white space and line ends), for one code unit. */
export function isWhite(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Offset of the first C0 control character other than tab, CR and LF, or -1. */
export function findControlCharacter(text: string, from = 0, to = text.length): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13) return i;
  }
  return -1;
}

/** Start offsets of every physical line; `\r\n`, `\r` and `\n` each end a line. */
export function lineStarts(text: string): Uint32Array {
  // Gathered in one array used again and again, in one pass over the text; the result is a copy of just their size.
  let starts = gatheredStarts;
  let n = 1;
  if (text.indexOf('\r') < 0) {
    // Only `\n` ends a line: each found by the engine's search for it.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (n === starts.length) starts = gatheredStarts = grownStarts(starts);
      starts[n++] = i + 1;
    }
    return starts.slice(0, n);
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (n === starts.length) starts = gatheredStarts = grownStarts(starts);
    starts[n++] = i + 1;
  }
  return starts.slice(0, n);
}

/** The line starts gathered so far, in an array twice as long. */
function grownStarts(starts: Uint32Array) {
  const grown = new Uint32Array(starts.length * 2);
  grown.set(starts);
  return grown;
}

/** Where the lines of the text being indexed start (the first at 0). */
let gatheredStarts = new Uint32Array(1024);

/** Physical line breaks in a text: `\r\n`, `\r` and `\n` count once each. */
export function countLineBreaks(text: string): number {
  let count = 0;
  if (text.indexOf('\r') < 0) {
    // Only `\n` ends a line: each found by the engine's search for it.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    return count;
  }
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

/** Where a text's physical lines start, and the number its first line has in the whole input. */
export interface LineIndex {
  starts: Uint32Array;
  firstLine: number;
}

/** The line index of a block of text whose first line is line `firstLine` of the input. */
export function lineIndex(text: string, firstLine = 1): LineIndex {
  return { starts: lineStarts(text), firstLine };
}

/** Line (numbered as in the input) and 1-based column of an offset, by binary search in the line index. */
export function positionOf(index: LineIndex, offset: number): { line: number; column: number } {
  const at = lineAt(index.starts, offset);
  return { line: at + index.firstLine, column: offset - index.starts[at] + 1 };
}

/** The index in `starts` of the line holding an offset (its line is that plus the index's first line). */
export function lineAt(starts: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The text without bidirectional controls and with each lone surrogate
 * replaced by U+FFFD (one code unit for one, so offsets hold), and the codes
 * of what was found. Other controls are the lexer's (control-character).
 */
export function withoutUnsafe(text: string): { text: string; found: number[] } {
  let found: number[] | null = null;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x2000) continue;
    let replacement: string | null = null;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      i++;
      continue;
    }
    const kind = unsafeKind(c);
    if (kind === 'surrogate') replacement = '\ufffd';
    else if (kind === 'bidi') replacement = '';
    else continue;
    (found ??= []).push(c);
    out += text.slice(from, i) + replacement;
    from = i + 1;
  }
  return found === null ? { text, found: [] } : { text: out + text.slice(from), found };
}

/** The text with each lone surrogate replaced by U+FFFD, and the offset of the first (-1: none). */
export function wellFormed(text: string): { text: string; first: number } {
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      i++;
      continue;
    }
    first = i;
    break;
  }
  if (first < 0) return { text, first };
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return { text: utf16Decoder.decode(units), first };
}
