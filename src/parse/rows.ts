/**
 * Stage 3: tokens → rows of typed cells. A cell is the run of tokens between
 * two separators of the chunk's style; its kind comes from its tokens, never
 * from its column. Plain lines, left unlexed, are cut at the same separators
 * by a scan and each cell read from its text (src/parse/cells.ts). Each row gets a kind from the first row-deciding label it
 * holds, which is all the form grammar needs.
 */
import { createTokenInstance, type IToken, type TokenType } from 'chevrotain';
import { cellLexer } from '../../grammar/lexer.js';
import { Control, LABEL_KEY_OF, Newline, Pipe, QuotedCell, SEPARATORS as SEPARATOR_TOKENS, Tab, Text, WideSpace } from '../../grammar/tokens.js';
import { cellKindOf, isCellContent, hashEnd, hashStep, readCell, type CellKind, type CellReading } from './cells.js';
import { isPageText, isReasonLine, isTitleRow, isTitleText, isYearText, LABELS, type LabelKey, type RowKind } from '../tables/labels.js';
import { lexicalUnit } from '../tables/width.js';
import { displayWidth, findControlCharacter, foldLexical, lineAt, normalizeLineBreaks, positionOf, stripHtml, unquote, unsafeKind, withoutUnsafe, type LineIndex } from './text.js';
import type { Chunk } from './lex.js';
import type { Diagnostic, Separator } from '../contract/schema.js';
import { diagnostic } from '../catalogue/messages.js';

export interface Cell {
  /**
   * The cell's column. In tab and pipe rows, its position in the row counting
   * empty cells; in space-aligned rows, where empty cells leave no trace, its
   * place in the row until the layout stage puts it under the header caption
   * it stands under (src/layout/space-columns.ts).
   */
  index: number;
  /**
   * Space-aligned rows only: the display columns (wide characters two) where
   * the cell starts and ends on its line, which say what caption it stands under.
   */
  from?: number;
  to?: number;
  /**
   * How many columns and rows the cell covers, where the source states it (a
   * merged cell of a spreadsheet or an HTML table): evidence the layout takes
   * as given. Absent in text exports, which do not say.
   */
  colSpan?: number;
  rowSpan?: number;
  offset: number;
  line: number;
  column: number;
  /** The cell as written in the source (quotes and HTML included), line breaks as `\n`. */
  raw: string;
  /** The cell's text: unquoted, HTML removed, control characters dropped, trimmed. */
  text: string;
  kind: CellKind;
  label: LabelKey | null;
  /** Content tokens of the cell (spaces dropped), read by the value converter. */
  tokens: IToken[];
}

/**
 * A cell as the rows stage makes it: where it stands, and its reading (text,
 * kind, label, tokens), which on plain lines every cell of the same text
 * shares (src/parse/cells.ts), so a cell is five fields whatever it holds.
 * Its reading's fields are read through getters, which a spread does not
 * copy: `{ ...cell }` has the cell's place and reading but no text, kind,
 * label, raw or tokens of its own, so a copy names each field it keeps (or
 * sets them, as the normalizer's joined target does).
 */
class ReadCell implements Cell {
  constructor(
    public index: number,
    public offset: number,
    public line: number,
    public column: number,
    readonly reading: CellReading,
  ) {}
  get raw(): string {
    return this.reading.raw;
  }
  get text(): string {
    return this.reading.text;
  }
  get kind(): CellKind {
    return this.reading.kind;
  }
  get label(): LabelKey | null {
    return this.reading.label;
  }
  get tokens(): IToken[] {
    return this.reading.tokens;
  }
}

/** A cell of a space-aligned row, with the display columns it spans on its line (Cell.from). */
class SpacedCell extends ReadCell {
  constructor(
    index: number,
    offset: number,
    line: number,
    column: number,
    reading: CellReading,
    public from: number,
    public to: number,
  ) {
    super(index, offset, line, column, reading);
  }
}

export interface Row {
  kind: RowKind;
  line: number;
  offset: number;
  separator: Separator;
  /** Non-empty cells, left to right. */
  cells: Cell[];
}

export interface RowsResult {
  rows: Row[];
  diagnostics: Diagnostic[];
}

export { cellKindOf, type CellKind } from './cells.js';

const ROW_KIND_OF_LABEL = new Map<LabelKey, RowKind | undefined>(LABELS.map((d) => [d.key, d.rowKind]));
const FUNDS_HEADER_KEYS: ReadonlySet<LabelKey> = new Set(['fundsColumn']);

/** Which tokens end a cell in each separator style. */
const CELL_SEPARATORS: Readonly<Record<Separator, ReadonlySet<TokenType>>> = {
  tab: new Set([Tab]),
  pipe: new Set([Tab, Pipe]),
  spaces: new Set([Tab, WideSpace]),
};

export function buildRows(source: string, chunks: readonly Chunk[], lines: LineIndex): RowsResult {
  // The block's rows are gathered in one array used again and again; the result is a copy of just their size.
  const rows = blockRows;
  rows.clear();
  const diagnostics: Diagnostic[] = [];
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k];
    if (chunk.scan) scanRows(source, chunk.offset, chunk.scan.end, chunk.separator, lines, rows);
    else collectRows(source, chunk, lines, rows, diagnostics);
  }
  const result = { rows: rows.taken(), diagnostics };
  rows.release();
  lineCells.release();
  gatheredTokens.release();
  return result;
}

/**
 * Rows of the plain lines `[start, end)` (see isPlainLine), read without the
 * lexer: each line cut where the lexer's separators of the block's style
 * would cut it, each cell read by its text (readCell), so that every row and
 * cell is the one collectRows makes of the lexer's tokens.
 */
function scanRows(source: string, start: number, end: number, separator: Separator, lines: LineIndex, rows: Gathered<Row>): void {
  let line = lineAt(lines.starts, start) + lines.firstLine;
  const scanLine = separator === 'tab' ? scanTabLine : separator === 'pipe' ? scanPipeLine : scanSpacedLine;
  const cells = lineCells;
  for (let at = start; at < end; line++) {
    // A line's cells are gathered in one array used again and again; its row keeps a copy of just their size.
    cells.clear();
    const stop = scanLine(source, at, end, line, cells);
    if (cells.count > 0) {
      const row = rowOf(cells.taken(), at, line, separator);
      if (row) rows.add(row);
    }
    at = source.charCodeAt(stop) === 13 && source.charCodeAt(stop + 1) === 10 ? stop + 2 : stop + 1;
  }
}

/**
 * Items gathered in an array used again and again: its length is never cut
 * (an array cut to no length drops its storage, and grows it again item by item).
 */
class Gathered<T> {
  private readonly items: (T | undefined)[] = [];
  count = 0;
  /** How many of the items hold something since the last release. */
  private used = 0;
  add(item: T): void {
    if (this.count < this.items.length) this.items[this.count] = item;
    else this.items.push(item);
    if (++this.count > this.used) this.used = this.count;
  }
  clear(): void {
    this.count = 0;
  }
  /** A copy of the items gathered, of just their size. */
  taken(): T[] {
    return this.items.slice(0, this.count) as T[];
  }
  /** Lets go of every item it held (a block's rows and cells are not kept past the block). */
  release(): void {
    this.items.fill(undefined, 0, this.used);
    this.count = 0;
    this.used = 0;
  }
}

/** The rows of the block being read, the cells of the line being read, and the tokens of the cell being read. */
const blockRows = new Gathered<Row>();
const lineCells = new Gathered<Cell>();
const gatheredTokens = new Gathered<IToken>();

/** Whether a code unit ends a line. */
const isBreak = (c: number) => c === 10 || c === 13;

/** A tab line from `start`: a cell between every two tabs. Returns where its line break is (or `end`). */
function scanTabLine(source: string, start: number, end: number, line: number, cells: Gathered<Cell>): number {
  let index = 0;
  let from = start;
  // Each cell's text is hashed (textHash) as its characters are passed over in search of its tab.
  let hash = 0;
  let i = start;
  for (; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c !== 9) {
      if (isBreak(c)) break;
      hash = hashStep(hash, c);
      continue;
    }
    if (i > from) addCell(source, from, i, index, start, line, cells, false, hashEnd(hash, i - from));
    index++;
    from = i + 1;
    hash = 0;
  }
  if (i > from) addCell(source, from, i, index, start, line, cells, false, hashEnd(hash, i - from));
  return i;
}

/**
 * A pipe line: tabs and `|` cut cells, the spaces after a `|` belong to it (as
 * to the lexer's Pipe token), and a `|` with only spaces before it on the
 * line is a border, not the end of an empty cell.
 */
function scanPipeLine(source: string, start: number, end: number, line: number, cells: Gathered<Cell>): number {
  let index = 0;
  let from = start;
  let leading = true;
  let i = start;
  for (; i < end; i++) {
    const c = lexicalUnit(source.charCodeAt(i));
    if (c === 32) continue;
    if (c !== 9 && c !== 124) {
      if (isBreak(c)) break;
      leading = false;
      continue;
    }
    if (!(leading && c === 124)) {
      if (i > from) addCell(source, from, i, index, start, line, cells);
      index++;
    }
    leading = false;
    from = i + 1;
    if (c === 124) while (from < end && lexicalUnit(source.charCodeAt(from)) === 32) from++;
    i = from - 1;
  }
  if (i > from) addCell(source, from, i, index, start, line, cells);
  return i;
}

/** A space-aligned line: tabs and runs of two spaces or more cut cells; a run opening the line is indentation. */
function scanSpacedLine(source: string, start: number, end: number, line: number, cells: Gathered<Cell>): number {
  let index = 0;
  let from = start;
  let i = start;
  for (; i < end; i++) {
    const c = lexicalUnit(source.charCodeAt(i));
    if (c === 9) {
      if (i > from) addCell(source, from, i, index, start, line, cells, true);
      index++;
      from = i + 1;
    } else if (c === 32 && lexicalUnit(source.charCodeAt(i + 1)) === 32) {
      let j = i + 2;
      while (j < end && lexicalUnit(source.charCodeAt(j)) === 32) j++;
      if (i > start) {
        if (i > from) addCell(source, from, i, index, start, line, cells, true);
        index++;
      }
      from = j;
      i = j - 1;
    } else if (isBreak(c)) break;
  }
  if (i > from) addCell(source, from, i, index, start, line, cells, true);
  return i;
}

/** The cell `source[from, to)` of a plain line starting at `lineStart`, if it holds anything; `spaced`: with its display columns. */
function addCell(source: string, from: number, to: number, index: number, lineStart: number, line: number, cells: Gathered<Cell>, spaced = false, hash = -1): void {
  const reading = readCell(source, from, to, hash);
  if (reading === null) return;
  const offset = from + reading.start;
  cells.add(spaced ? spacedCell(source, index, offset, line, lineStart, reading) : new ReadCell(index, offset, line, offset - lineStart + 1, reading));
}

/** A cell of a space-aligned line starting at `lineStart`, with the display columns it spans there. */
function spacedCell(source: string, index: number, offset: number, line: number, lineStart: number, reading: CellReading): SpacedCell {
  const from = displayWidth(source, lineStart, offset);
  return new SpacedCell(index, offset, line, offset - lineStart + 1, reading, from, from + displayWidth(source, offset, offset + reading.raw.length));
}

function collectRows(source: string, chunk: Chunk, lines: LineIndex, rows: Gathered<Row>, diagnostics: Diagnostic[]): void {
  const separators = CELL_SEPARATORS[chunk.separator];
  const tokens = chunk.tokens;
  let rowStart = -1;
  const cells = lineCells;
  const cellTokens = gatheredTokens;
  cells.clear();
  cellTokens.clear();
  let cellIndex = 0;
  let cellEnd = -1;
  let leading = true;

  // Tokens and cells are gathered in arrays used again and again; a cell and a row keep copies of just their size.
  const closeCell = () => {
    if (cellTokens.count > 0) {
      const cell = makeCell(source, cellTokens.taken(), cellIndex, cellEnd, lines, diagnostics, chunk.separator === 'spaces');
      // Nothing left once control characters and tags are gone (a stray U+001A, `<br>`): an empty cell.
      if (cell.text !== '') cells.add(cell);
      cellTokens.clear();
    }
  };
  const closeRow = () => {
    closeCell();
    if (rowStart >= 0 && cells.count > 0) {
      const row = rowOf(cells.taken(), rowStart, positionOf(lines, rowStart).line, chunk.separator);
      if (row) rows.add(row);
    }
    cells.clear();
    cellIndex = 0;
    rowStart = -1;
    leading = true;
  };

  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    const type = token.tokenType;
    if (rowStart < 0) rowStart = token.startOffset;
    if (type === Newline) {
      closeRow();
      continue;
    }
    if (separators.has(type)) {
      // Space-aligned and pipe rows may open with indentation or a border: no empty cell there.
      if (!(leading && type !== Tab)) {
        closeCell();
        cellIndex++;
      }
      leading = false;
      continue;
    }
    if (type === Control) {
      diagnostics.push(controlCharacter(token.image.charCodeAt(0), token.startOffset, lines));
      continue;
    }
    leading = false;
    if (!isCellContent(type)) continue;
    cellTokens.add(token);
    cellEnd = token.startOffset + token.image.length;
  }
  closeRow();
}

/**
 * Whether a cell's text is as written: no line break to fold, no markup or
 * entity, no control character, surrogate or bidirectional control, so that
 * cleaning it would change nothing but the trim. Most cells are so.
 */
function isClean(written: string): boolean {
  for (let i = 0; i < written.length; i++) {
    const c = written.charCodeAt(i);
    if (c < 0x20 || c === 0x26 /* & */ || c === 0x3c /* < */) return false;
    if (c >= 0x2000 && ((c >= 0xd800 && c <= 0xdfff) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))) return false;
  }
  return true;
}

/** A cell made of its tokens, from `offset` to `end`; `spaced`: with its display columns (Cell.from). */
function makeCell(source: string, tokens: IToken[], index: number, end: number, lines: LineIndex, diagnostics: Diagnostic[], spaced: boolean): Cell {
  const offset = tokens[0].startOffset;
  const at = lineAt(lines.starts, offset);
  const line = at + lines.firstLine;
  const reading = readingOf(source, tokens, offset, end, line, offset - lines.starts[at] + 1, lines, diagnostics);
  return spaced ? spacedCell(source, index, offset, line, lines.starts[at], reading) : new ReadCell(index, offset, line, offset - lines.starts[at] + 1, reading);
}

/** The reading of the cell its tokens make, at `line` and `column`: cleaned and read again when quotes or markup hide what it holds. */
function readingOf(source: string, tokens: IToken[], offset: number, end: number, line: number, column: number, lines: LineIndex, diagnostics: Diagnostic[]): CellReading {
  const written = source.slice(offset, end);
  const quoted = tokens.length === 1 && tokens[0].tokenType === QuotedCell;
  if (!quoted && isClean(written)) {
    const kind = cellKindOf(tokens);
    const label = kind === 'label' ? (LABEL_KEY_OF.get(tokens[0].tokenType) ?? null) : null;
    return { start: 0, raw: written, text: written.trim(), kind, label, tokens };
  }
  // Outside quotes the lexer has already split control characters off (see collectRows).
  const control = quoted ? findControlCharacter(written) : -1;
  if (control >= 0) diagnostics.push(controlCharacter(written.charCodeAt(control), offset + control, lines));
  const raw = normalizeLineBreaks(written);
  const unquoted = quoted ? unquote(raw) : raw;
  const stripped = stripHtml(unquoted, (code, entity) => diagnostics.push(unsafeCharacter(code, entity, line, column)));
  const safe = withoutUnsafe(stripped.replace(CONTROL_CHARACTERS, ''));
  if (safe.found.length > 0) for (const code of new Set(safe.found)) diagnostics.push(unsafeCharacter(code, null, line, column));
  const text = safe.text.trim();
  // Quotes and markup hide what the cell holds (`"10,380,629.85"`, `<p>≥90%</p>`): read its text again.
  const content = quoted || stripped !== unquoted ? relexed(text, offset) : tokens;
  const kind = cellKindOf(content);
  const label = kind === 'label' ? (LABEL_KEY_OF.get(content[0].tokenType) ?? null) : null;
  return { start: 0, raw, text, kind, label, tokens: content };
}

/** A character no cell may carry (see text.ts's unsafeKind): an entity naming one is kept as written, the character itself dropped (a lone surrogate becomes U+FFFD). */
function unsafeCharacter(code: number, entity: string | null, line: number, column: number): Diagnostic {
  const kind = unsafeKind(code) ?? 'control';
  return diagnostic('unsafe-character', { line, column }, { codePoint: codePointName(code), kind, ...(entity !== null ? { entity } : {}) });
}

function controlCharacter(code: number, offset: number, lines: LineIndex): Diagnostic {
  return diagnostic('control-character', positionOf(lines, offset), { codePoint: codePointName(code) });
}

/** `U+001A`: how a diagnostic names a character. */
const codePointName = (code: number) => `U+${code.toString(16).padStart(4, '0').toUpperCase()}`;

/**
 * The content tokens of a quoted cell or one with HTML markup, lexed from its
 * cleaned text: Excel quotes a cell for a comma as well as for a tab, quote or
 * line break, so `"10,380,629.85"` is a number, and `<p>项目名称</p>` is a
 * label. A cell with a line break or tab inside stays text (one token).
 * Offsets are approximate (one past the cell's start).
 */
function relexed(text: string, offset: number): IToken[] {
  if (text.length === 0 || /[\t\n]/.test(text)) return [textToken(text, offset)];
  const { tokens, errors } = cellLexer.tokenize(foldLexical(text));
  if (errors.length > 0) return [textToken(text, offset)];
  const content = tokens.filter((t) => isCellContent(t.tokenType) && !SEPARATOR_TOKENS.has(t.tokenType));
  for (let k = 0; k < content.length; k++) content[k].startOffset += offset + 1;
  return content.length === tokens.filter((t) => isCellContent(t.tokenType)).length ? content : [textToken(text, offset)];
}

function textToken(text: string, offset: number): IToken {
  return createTokenInstance(Text, text, offset, offset + text.length, NaN, NaN, NaN, NaN);
}

const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;

function rowOf(cells: Cell[], start: number, line: number, separator: Separator): Row | null {
  // A border line of a pipe table (`|---|---|`, `+===+`) is no row; a lone `=` or `-` among other cells is content (an operator, a marker).
  if (separator === 'pipe' && cells.every((cell) => /^:?-{3,}:?$|^[-+=]+$/.test(cell.text))) return null;
  if (cells.length === 0) return null;
  return { kind: rowKindOf(cells), line, offset: start, separator, cells };
}

const isTitleCell = (cell: Cell) => cell.kind === 'title' || (cell.kind === 'text' && isTitleText(cell.text));
const isYearCell = (cell: Cell) => cell.kind === 'text' && isYearText(cell.text);

export function rowKindOf(cells: readonly Cell[]): RowKind {
  if (isTitleRow(cells, isTitleCell, isYearCell)) return 'title';
  if (cells.length === 1 && (cells[0].kind === 'page' || isPageText(cells[0].text))) return 'page';
  // `偏差原因 | 因项目调整未支付完毕`: a reason on a line of its own, not an indicator header.
  if (isReasonLine(cells)) return 'data';
  // A funds header has several captions and no figures; one caption among other cells is an indicator's name (`预算执行率 · ≥90% · 95%`).
  let captions = 0;
  let figures = false;
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k];
    if (c.kind === 'sharedColumn' || (c.kind === 'label' && c.label !== null && FUNDS_HEADER_KEYS.has(c.label))) captions++;
    else if (c.kind === 'number' || c.kind === 'percent' || c.kind === 'quantity') figures = true;
  }
  const captionsOnly = captions >= 2 && !figures;
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k];
    if (cell.kind === 'label' && cell.label) {
      if (FUNDS_HEADER_KEYS.has(cell.label)) {
        if (captionsOnly) return 'fundsHeader';
        continue;
      }
      const kind = ROW_KIND_OF_LABEL.get(cell.label);
      if (kind) return kind;
    }
  }
  return 'data';
}
