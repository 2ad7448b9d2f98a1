/**
 * A cell's reading: its kind (a figure, a percent, a label, a marker, free
 * text …) from its content tokens, and, for the lines the rows stage scans
 * without the lexer, the same reading made from the cell's text alone.
 *
 * A line is scanned (`isPlainLine`) only where the cells it cuts are exactly
 * the lexer's: no quote (a quoted cell may hold separators), no control
 * character, markup or character a cell must not carry (those cells are
 * cleaned and read again), and in space-aligned text no `|` and no run of
 * spaces a token may take in (beside a bracket or colon a label's spaces, or
 * inside a page marker). On such a line no token spans a separator, so a
 * cell's tokens are those of its text lexed on its own: the scan lexes each
 * distinct cell text once (`readCell`), and reads plain figures (`95`,
 * `98.62%`) by their characters.
 */
import type { IToken, TokenType } from 'chevrotain';
import { cellLexer } from '../../grammar/lexer.js';
import {
  Comparator,
  Control,
  Dash,
  LABEL_KEY_OF,
  LABEL_WORDINGS,
  Level1,
  Level2,
  Newline,
  NotApplicable,
  NumberLiteral,
  PageMarker,
  Percent,
  SharedColumn,
  Space,
  Title,
  Unit,
  WideSpace,
} from '../../grammar/tokens.js';
import { COMPARATOR_WORDS, UNIT_WORDS } from '../tables/units.js';
import type { LabelKey } from '../tables/labels.js';
import type { Separator } from '../contract/schema.js';
import { foldLexical } from './text.js';
import { lexicalUnit } from '../tables/width.js';
import { remembered } from '../contract/remembered.js';

export type CellKind =
  | 'label'
  | 'sharedColumn'
  | 'level1'
  | 'level2'
  | 'title'
  | 'page'
  | 'number'
  | 'percent'
  | 'quantity'
  | 'notApplicable'
  | 'marker'
  | 'text';

const SINGLE_KIND: ReadonlyMap<TokenType, CellKind> = new Map<TokenType, CellKind>([
  [Title, 'title'],
  [SharedColumn, 'sharedColumn'],
  [Level1, 'level1'],
  [Level2, 'level2'],
  [PageMarker, 'page'],
  [NotApplicable, 'notApplicable'],
  [Dash, 'marker'],
  [NumberLiteral, 'number'],
]);

/** The kind of a cell from its content tokens: a figure, a marker, a label or free text. */
export function cellKindOf(tokens: readonly IToken[]): CellKind {
  if (tokens.length === 0) return 'text';
  const first = tokens[0].tokenType;
  if (tokens.length === 1) {
    const single = SINGLE_KIND.get(first);
    if (single) return single;
    if (LABEL_KEY_OF.has(first)) return 'label';
    return 'text';
  }
  let i = 0;
  if (first === Comparator) i++;
  if (tokens[i]?.tokenType !== NumberLiteral) return 'text';
  i++;
  if (i === tokens.length) return 'quantity';
  const next = tokens[i].tokenType;
  if (i === tokens.length - 1 && next === Percent) return i === 1 ? 'percent' : 'quantity';
  if (i === tokens.length - 1 && next === Unit) return 'quantity';
  return 'text';
}

/** Tokens that are part of a cell's content (spaces between words and line ends are not). */
export function isCellContent(type: TokenType): boolean {
  return type !== Space && type !== WideSpace && type !== Newline && type !== Control;
}

// ---- which lines the scan reads ----------------------------------------------------

const QUOTE = 34;
const PIPE = 124;
const SPACE = 32;
const TAB = 9;

/** Characters beside which a label takes spaces in (`年度预算数(万元)  (20分)`). */
const LABEL_SPACED = new Set([...'():'].map((c) => c.charCodeAt(0)));
/** Characters beside which a page marker takes spaces in (`第  2  页 / 共 5 页`), on a line that holds its 第. */
const PAGE_SPACED = new Set([...'第共页頁,/'].map((c) => c.charCodeAt(0)));
const DASH = 45;
const PAGE_OPENING = '第'.charCodeAt(0);
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Whether the line `[start, end)` (its line break excluded) is read by the
 * scan, for a block whose cells the separator cuts: its cells are clean
 * (makeCell's clean path) and cut by the lexer where the scan cuts them.
 * Characters are tested as written for cleanliness and as the lexer reads
 * them (lexicalUnit) for quotes and separators.
 */
export function isPlainLine(source: string, start: number, end: number, separator: Separator): boolean {
  const spaced = separator === 'spaces';
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (isUnscannableUnit(c) || (spaced && lexicalUnit(c) === PIPE)) return false;
  }
  return !spaced || !spacesTaken(source, start, end);
}

/**
 * Whether a code unit keeps its line from the scan whatever the block's
 * separator: a control character other than a tab, `&` or `<` (markup), a
 * quote as the lexer reads it, a surrogate or a bidirectional control. The
 * block splitter, which reads every character of a line anyway, tells the
 * lexer which lines hold one (Block.unscannable).
 */
export function isUnscannableUnit(c: number): boolean {
  return UNSCANNABLE_UNITS[c] === 1;
}

/** isUnscannableUnit, one flag per code unit. */
const UNSCANNABLE_UNITS = (() => {
  const units = new Uint8Array(0x10000);
  for (let c = 0; c < 0x20; c++) if (c !== TAB) units[c] = 1;
  units[0x26] = units[0x3c] = 1;
  for (let c = 0; c < 0x10000; c++) if (lexicalUnit(c) === QUOTE) units[c] = 1;
  for (let c = 0xd800; c <= 0xdfff; c++) units[c] = 1;
  for (let c = 0x202a; c <= 0x202e; c++) units[c] = 1;
  for (let c = 0x2066; c <= 0x2069; c++) units[c] = 1;
  return units;
})();

/**
 * Whether a run of two spaces or more on the line (as the lexer reads it) may
 * lie inside a token: beside a bracket or colon (a label's), between a dash
 * and a digit (`-  4  -`), or beside a page marker's words on a line with a 第.
 */
function spacesTaken(text: string, start: number, end: number): boolean {
  let paged: boolean | null = null;
  for (let i = start; i + 1 < end; i++) {
    if (lexicalUnit(text.charCodeAt(i)) !== SPACE || lexicalUnit(text.charCodeAt(i + 1)) !== SPACE) continue;
    let j = i + 2;
    while (j < end && lexicalUnit(text.charCodeAt(j)) === SPACE) j++;
    const before = i > start ? lexicalUnit(text.charCodeAt(i - 1)) : -1;
    const after = j < end ? lexicalUnit(text.charCodeAt(j)) : -1;
    if (LABEL_SPACED.has(before) || LABEL_SPACED.has(after)) return true;
    if ((before === DASH && isDigit(after)) || (isDigit(before) && after === DASH)) return true;
    if (PAGE_SPACED.has(before) || PAGE_SPACED.has(after)) {
      paged ??= lineHolds(text, start, end, PAGE_OPENING);
      if (paged) return true;
    }
    i = j - 1;
  }
  return false;
}

/** Whether the line holds a character the lexer reads as `code`. */
function lineHolds(text: string, start: number, end: number, code: number): boolean {
  for (let i = start; i < end; i++) if (lexicalUnit(text.charCodeAt(i)) === code) return true;
  return false;
}

// ---- what a cell reads as ----------------------------------------------------------

/** A cell's text read on its own: where its content starts in it, the content as written, its kind and tokens (offsets from the text's start). */
export interface CellReading {
  start: number;
  raw: string;
  text: string;
  kind: CellKind;
  label: LabelKey | null;
  tokens: IToken[];
}

/**
 * Readings by the cell's text as written, in direct-mapped caches: a text's
 * slot is told by a hash of its characters, read from the line without
 * cutting it out, and a new text takes the slot of the one before it. Plain
 * figures, which vary most and cost least to read, have slots of their own,
 * so that they never push out the readings the lexer made. The caches stay
 * the same size whatever the input.
 */
class Readings {
  private readonly texts: (string | undefined)[];
  private readonly readings: (CellReading | null)[];
  private readonly mask: number;

  constructor(slots: number) {
    this.texts = new Array<string | undefined>(slots).fill(undefined);
    this.readings = new Array<CellReading | null>(slots).fill(null);
    this.mask = slots - 1;
  }

  /** The slot of a text by its hash (textHash). */
  slotOf(hash: number): number {
    return (hash ^ (hash >>> 15)) & this.mask;
  }

  /** The reading kept in `slot` for the text `source[from, to)`, or undefined. */
  find(slot: number, source: string, from: number, to: number): CellReading | null | undefined {
    const known = this.texts[slot];
    return known !== undefined && sameText(known, source, from, to) ? this.readings[slot] : undefined;
  }

  keep(slot: number, text: string, reading: CellReading | null): void {
    this.texts[slot] = text;
    this.readings[slot] = reading;
  }

  clear(): void {
    this.texts.fill(undefined);
    this.readings.fill(null);
  }
}

const lexedReadings = remembered(new Readings(1 << 15));
const figureReadings = remembered(new Readings(1 << 14));

/** Longer texts (prose: goals, reasons) are read each time they occur, so that the cache stays small whatever the cells hold. */
const LONGEST_CACHED = 128;

/**
 * A copy of `source[from, to)` that holds no reference to the text it was cut
 * from: a long slice keeps its whole parent alive, and is copied apart; V8
 * copies a slice shorter than 13 characters already.
 */
function detached(source: string, from: number, to: number): string {
  const text = source.slice(from, to);
  return to - from < 13 ? text : (' ' + text).slice(1);
}

/**
 * The reading of the cell text `source[from, to)`, as the lexer (of the text
 * folded as it reads it) and makeCell's clean path read it on a plain line;
 * null when it holds no content. The same texts recur form after form
 * (labels, captions, markers, many figures): each is read once while it
 * recurs (a text longer than LONGEST_CACHED is read each time). Its reading, tokens included, is shared by every cell of that
 * text; token offsets count from the text's start. `hash`: the text's
 * textHash, when the caller worked it out as it read the line.
 */
export function readCell(source: string, from: number, to: number, hash = -1): CellReading | null {
  if (to - from > LONGEST_CACHED) {
    const written = source.slice(from, to);
    return readAlone(written, foldLexical(written));
  }
  if (hash < 0) hash = textHash(source, from, to);
  // A text already read is in one of the two caches, whatever its kind.
  const lexedSlot = lexedReadings.slotOf(hash);
  const lexed = lexedReadings.find(lexedSlot, source, from, to);
  if (lexed !== undefined) return lexed;
  const figureSlot = figureReadings.slotOf(hash);
  const known = figureReadings.find(figureSlot, source, from, to);
  if (known !== undefined) return known;
  const written = detached(source, from, to);
  const figure = plainFigure(source, from, to);
  if (figure !== null) {
    const reading = figureReading(written, figure);
    figureReadings.keep(figureSlot, written, reading);
    return reading;
  }
  const reading = readAlone(written, foldLexical(written));
  lexedReadings.keep(lexedSlot, written, reading);
  return reading;
}

/** Mixes a code unit into a text's hash (see textHash). */
export const hashStep = (hash: number, c: number): number => Math.imul(hash ^ c, 0x9e3779b1);

/** A text's hash once its code units are mixed in (see textHash): its length mixed in last, and never negative. */
export const hashEnd = (hash: number, length: number): number => Math.imul(hash ^ length, 0x9e3779b1) >>> 1;

/** The hash of the text `source[from, to)`, read from the line without cutting it out: each code unit mixed in by hashStep, then hashEnd. */
export function textHash(source: string, from: number, to: number): number {
  let hash = 0;
  for (let i = from; i < to; i++) hash = hashStep(hash, source.charCodeAt(i));
  return hashEnd(hash, to - from);
}

function sameText(text: string, source: string, from: number, to: number): boolean {
  if (text.length !== to - from) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== source.charCodeAt(from + i)) return false;
  return true;
}

function readAlone(written: string, folded: string): CellReading | null {
  const content = cellLexer.tokenize(folded).tokens.filter((token) => isCellContent(token.tokenType));
  if (content.length === 0) return null;
  const start = content[0].startOffset;
  const last = content[content.length - 1];
  const raw = written.slice(start, last.startOffset + last.image.length);
  const text = raw.trim();
  if (text === '') return null;
  const kind = cellKindOf(content);
  const label = kind === 'label' ? (LABEL_KEY_OF.get(content[0].tokenType) ?? null) : null;
  return { start, raw, text, kind, label, tokens: content };
}

/**
 * Whether plain figures can be read by their characters: no label, comparator
 * or unit wording opens with a digit, a point or `%`, so that the lexer reads
 * `95` as one number and `98.62%` as a number and a percent sign (a title
 * opening with a year needs 项目支出绩效自评表 after it; a page marker opens with 第 or -).
 */
const FIGURES_BY_CHARACTERS = ![...LABEL_WORDINGS.values()]
  .flat()
  .concat(Object.keys(COMPARATOR_WORDS), UNIT_WORDS)
  .some((wording) => /^[\d.%]/.test(wording));

/**
 * The kind of a plain figure written in ASCII, `\d+(\.\d+)?` then an optional
 * `%`: 'number', 'percent', or null for any other text.
 */
function plainFigure(source: string, from: number, to: number): 'number' | 'percent' | null {
  if (!FIGURES_BY_CHARACTERS) return null;
  let end = to;
  const percent = source.charCodeAt(end - 1) === 37;
  if (percent) end--;
  let digits = 0;
  let point = -1;
  for (let i = from; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && point < 0 && i > from) point = i;
    else return null;
  }
  if (digits === 0 || point === end - 1) return null;
  return percent ? 'percent' : 'number';
}

/** The reading of a plain figure (see plainFigure): a number, or a number and a percent sign, as the lexer makes their tokens. */
function figureReading(written: string, kind: 'number' | 'percent'): CellReading {
  const end = kind === 'percent' ? written.length - 1 : written.length;
  const number: IToken = { image: written.slice(0, end), startOffset: 0, endOffset: end - 1, tokenTypeIdx: NumberLiteral.tokenTypeIdx!, tokenType: NumberLiteral };
  const tokens = kind === 'percent' ? [number, { image: '%', startOffset: end, endOffset: end, tokenTypeIdx: Percent.tokenTypeIdx!, tokenType: Percent }] : [number];
  return { start: 0, raw: written, text: written, kind, label: null, tokens };
}
