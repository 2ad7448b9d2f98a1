import { simplifiedCode } from './script.js';

/** Width folding: the full-width and small-form characters exports use, and the ASCII the lexer and the tables spell. */

/**
 * One-for-one replacements outside the full-width block: the ideographic and
 * no-break spaces, and the small form variants some exports use for `=`, `<`,
 * `>`, `%` (`﹦100%`).
 */
const SINGLE_FOLDS: ReadonlyMap<number, number> = new Map([
  [0x3000, 0x20],
  [0xa0, 0x20],
  [0xfe50, 0x2c],
  [0xfe52, 0x2e],
  [0xfe54, 0x3b],
  [0xfe55, 0x3a],
  [0xfe59, 0x28],
  [0xfe5a, 0x29],
  [0xfe62, 0x2b],
  [0xfe63, 0x2d],
  [0xfe64, 0x3c],
  [0xfe65, 0x3e],
  [0xfe66, 0x3d],
  [0xfe6a, 0x25],
]);

/** The ASCII code a character folds to, or -1; cheap range tests first, as most characters are CJK. */
function foldedCode(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x3000 || c === 0xa0 || (c >= 0xfe50 && c <= 0xfe6a)) return SINGLE_FOLDS.get(c) ?? -1;
  return -1;
}

/**
 * Folds full-width ASCII forms (U+FF01–U+FF5E), the ideographic and no-break
 * spaces and a few small form variants to their ASCII counterparts, one code
 * unit for one, so offsets into the folded text are offsets into the original.
 */
export function foldWidth(text: string): string {
  return foldEach(text, foldedCode);
}

/** Below this length a cell's worth of text is folded piece by piece: a decoder call costs more than a few slices. */
const BUFFER_FROM = 512;

/** Each code unit at or above U+00A0 replaced by `codeOf`'s code for it (-1: kept), one for one. */
function foldEach(text: string, codeOf: (c: number) => number): string {
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xa0 && codeOf(c) >= 0) {
      first = i;
      break;
    }
  }
  if (first < 0) return text;
  if (text.length < BUFFER_FROM) {
    let out = text.slice(0, first);
    let from = first;
    for (let i = first; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const folded = c >= 0xa0 ? codeOf(c) : -1;
      if (folded < 0) continue;
      out += text.slice(from, i) + String.fromCharCode(folded);
      from = i + 1;
    }
    return out + text.slice(from);
  }
  // One buffer for a long text: full-width commas are common enough in
  // Chinese prose that slicing around each one would allocate per character.
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const folded = c >= 0xa0 ? codeOf(c) : -1;
    units[i] = folded >= 0 ? folded : c;
  }
  return utf16Decoder.decode(units);
}

/** Not fatal: a lone surrogate becomes U+FFFD, still one code unit, so offsets hold; a leading U+FEFF is kept (ignoreBOM). */
export const utf16Decoder = new TextDecoder('utf-16le', { ignoreBOM: true });

/** The code a character folds to for the lexer: its width fold, or its simplified form (script.ts); -1 for none. */
function lexicalCode(c: number): number {
  if (c >= 0x4e00 && c <= 0x9fff) return simplifiedCode(c);
  return foldedCode(c);
}

/**
 * The text the lexer reads: width-folded (foldWidth) and traditional characters
 * of the fixed words simplified (script.ts), one code unit for one, so that
 * `總分` is read as the label 总分 while its cell keeps the text as written.
 */
export function foldLexical(text: string): string {
  const codes = lexicalCodes ?? (lexicalCodes = codeTable(lexicalCode));
  // A block of a form folds a few characters a line (`（`, `：`): the text is sliced around them, unless they are dense.
  let out = '';
  let from = 0;
  let folds = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xa0 || codes[c] === 0) continue;
    if (++folds > FOLDS_SLICED && folds * 16 > i) return foldEach(text, lexicalCode);
    out += text.slice(from, i) + String.fromCharCode(codes[c]);
    from = i + 1;
  }
  return folds === 0 ? text : out + text.slice(from);
}

/** Folds sliced around before a text dense with them is folded through one buffer. */
const FOLDS_SLICED = 64;

/** The lexer's fold of every code unit, 0 where none: one array read per character. */
let lexicalCodes: Uint16Array | null = null;

function codeTable(codeOf: (c: number) => number): Uint16Array {
  const codes = new Uint16Array(0x10000);
  for (let c = 0xa0; c < 0x10000; c++) {
    const folded = codeOf(c);
    if (folded >= 0) codes[c] = folded;
  }
  return codes;
}

/**
 * The code unit the lexer reads for `c` (foldLexical of that one unit): for a
 * scan that reads the text as written and folds each character as it goes,
 * without a folded copy of the text.
 */
export function lexicalUnit(c: number): number {
  // Past the text's end (NaN) as well as below U+00A0: the unit itself.
  if (!(c >= 0xa0)) return c;
  const codes = lexicalCodes ?? (lexicalCodes = codeTable(lexicalCode));
  const folded = codes[c];
  return folded === 0 ? c : folded;
}
