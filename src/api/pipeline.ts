/**
 * The parsing pipeline: decode → tokens → rows → forms → normalized forms.
 * The text is cut into form blocks first and each block runs the pipeline on
 * its own (as a stream does, see stream.ts), so a form's lexer and parser
 * state never spans the file. Problems come back as diagnostics; nothing is thrown.
 */
import { decode, decodePrefix } from '../parse/decode.js';
import { buildForms } from '../parse/forms.js';
import { lex } from '../parse/lex.js';
import { normalizeForm } from '../normalize/normalize.js';
import { layoutForm } from '../layout/form.js';
import { buildRows, type Cell, type Row } from '../parse/rows.js';
import type { Diagnostic, Document } from '../contract/schema.js';
import { formBlocks, type Block } from '../parse/blocks.js';
import { lineIndex, positionOf, wellFormed } from '../parse/text.js';
import { collapseUnplaced } from '../parse/ledger.js';
import { DEFAULT_MAX_BYTES } from '../parse/decode.js';
import { capDiagnostics, DiagnosticList } from '../catalogue/diagnostic-list.js';
import { overflowDiagnostic } from '../parse/overflow.js';
import { diagnostic, type DiagnosticDetails } from '../catalogue/messages.js';
import type { DiagnosticCode } from '../contract/codes.js';
import type { OtherDocuments, ReadText, StatedSpans } from '../io/read-types.js';

export interface ParseOptions {
  /** Name reported in `source.file` and diagnostics. */
  file?: string | null;
  /** Overrides encoding detection for byte input: utf-8, utf-16le, utf-16be, gb18030 (gbk). */
  encoding?: string | null;
  /** Largest input accepted, in bytes (default 512 MiB). */
  maxBytes?: number;
}

export interface ParseSettings {
  file: string | null;
  encoding: string | null;
  maxBytes: number;
}

export function parseSettings(options: ParseOptions = {}): ParseSettings {
  return {
    file: options.file ?? null,
    encoding: options.encoding ?? null,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
  };
}

/**
 * Parses an export given as text or as the file's bytes, as a text export
 * only: the library's `parse` (src/api/parse-document.ts) also reads workbooks,
 * Word documents and pages, whose readers a text-only caller (the CLI's
 * start-up) need not load.
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): Document {
  return parseInput(input, options, false, null).document;
}

/** `parse`, with the readers of documents other than text exports (null: text exports only). */
export function parseWith(input: string | Uint8Array, options: ParseOptions, others: OtherDocuments | null): Document {
  return parseInput(input, options, false, others).document;
}

/**
 * Where the input's cells went: every non-empty cell the rows stage found,
 * and the cells the later stages used as fields or recognised as labels
 * (cells they could not place are the `unplaced-cell` diagnostics).
 */
export interface CellAccount {
  input: Cell[];
  fields: Cell[];
  labels: Cell[];
}

/** `parse`, with the account of its cells (for the tests of the nothing-lost invariant; not part of the output). */
export function parseAccounted(input: string | Uint8Array, options: ParseOptions = {}): { document: Document; account: CellAccount } {
  const { document, account } = parseInput(input, options, true, null);
  return { document, account: account() };
}

/**
 * `accounted`: keep what the account of cells needs. Without it each block's
 * rows and cells are garbage once its forms are built, so memory holds the
 * document, not every cell read.
 */
function parseInput(input: string | Uint8Array, options: ParseOptions, accounted: boolean, others: OtherDocuments | null): { document: Document; account: () => CellAccount } {
  const settings = parseSettings(options);
  const none = (): CellAccount => ({ input: [], fields: [], labels: [] });
  if (typeof input === 'string') {
    if (utf8Length(input, settings.maxBytes) > settings.maxBytes) {
      return { document: failed(settings, 'input-too-large', `input is larger than the limit of ${settings.maxBytes} bytes`, 0, { maxBytes: settings.maxBytes }), account: none };
    }
    // A string may hold lone surrogates, which no output should: each becomes U+FFFD, the first reported.
    const { text, first } = wellFormed(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
    const other = others?.text(text, 'utf-8', settings, readText(settings)) ?? null;
    if (other !== null) return { document: other, account: none };
    const result = run(text, 'utf-8', settings, accounted);
    if (first >= 0) result.document.diagnostics.unshift(withFile(loneSurrogate(text, first), settings.file));
    return result;
  }
  if (others !== null && input.length <= settings.maxBytes) {
    const other = others.bytes(input, settings, readText(settings));
    if (other !== null) return { document: other, account: none };
  }
  const decoded = decode(input, { encoding: settings.encoding, maxBytes: settings.maxBytes });
  if (!decoded.ok && decoded.code === 'invalid-encoding') {
    // As the stream reads it: the forms of the text before the byte that does not decode, then where it is.
    const prefix = decodePrefix(input, { encoding: settings.encoding, maxBytes: settings.maxBytes });
    if ('text' in prefix) {
      const result = run(prefix.text, prefix.encoding, settings, accounted);
      if (prefix.failure !== null) {
        const { code, message, byteOffset, detail } = prefix.failure;
        result.document.diagnostics.push(...failed(settings, code, message, byteOffset, detail).diagnostics);
      }
      return result;
    }
    return { document: failed(settings, prefix.code, prefix.message, prefix.byteOffset, prefix.detail), account: none };
  }
  if (!decoded.ok) return { document: failed(settings, decoded.code, decoded.message, decoded.byteOffset, decoded.detail), account: none };
  const page = others?.text(decoded.text, decoded.encoding, settings, readText(settings)) ?? null;
  if (page !== null) return { document: page, account: none };
  return run(decoded.text, decoded.encoding, settings, accounted);
}

/** The text pipeline as the readers of workbooks, Word documents and pages use it: one sheet or table's text. */
export function readText(settings: ParseSettings): ReadText {
  return (text, encoding, spans) => run(text, encoding, settings, false, spans).document;
}

/** One form block (from the block splitter) through the pipeline. */
export function parseBlockText(block: Block, encoding: string, settings: ParseSettings): Document {
  return runBlock(block, encoding, settings).document;
}

function run(text: string, encoding: string, settings: ParseSettings, accounted: boolean, spans?: StatedSpans): { document: Document; account: () => CellAccount } {
  const document: Document = { forms: [], diagnostics: [] };
  const loose = new DiagnosticList();
  const accounts: (() => CellAccount)[] = [];
  for (const block of formBlocks(text)) {
    const part = runBlock(block, encoding, settings, spans);
    for (const form of part.document.forms) document.forms.push(form);
    for (const diagnostic of part.document.diagnostics) if (diagnostic.code !== 'no-form') loose.add(diagnostic);
    if (accounted) accounts.push(part.account);
  }
  document.diagnostics = loose.done(settings.file);
  if (document.forms.length === 0) document.diagnostics.push(noForm(text, settings));
  const account = (): CellAccount => {
    const parts = accounts.map((a) => a());
    return { input: parts.flatMap((p) => p.input), fields: parts.flatMap((p) => p.fields), labels: parts.flatMap((p) => p.labels) };
  };
  return { document, account };
}

function noForm(text: string, settings: ParseSettings): Diagnostic {
  return noFormDiagnostic(!text.trim(), settings.file);
}

/** The input held no form (`empty`: nothing but blanks). */
export function noFormDiagnostic(empty: boolean, file: string | null): Diagnostic {
  return withFile(diagnostic('no-form', { line: 1, column: 1 }, { empty }), file);
}

function runBlock({ text, firstLine, unscannable }: Block, encoding: string, settings: ParseSettings, spans?: StatedSpans): { document: Document; account: () => CellAccount } {
  const lines = lineIndex(text, firstLine);
  const { chunks, overflows } = lex(text, { unscannable });
  const rows = buildRows(text, chunks, lines);
  if (spans) stateSpans(rows.rows, spans);
  const forms = buildForms(rows.rows, settings.file, encoding);
  const laid = forms.forms.map(layoutForm);
  const normalized = laid.map(normalizeForm);
  const loose: Diagnostic[] = [...rows.diagnostics, ...forms.diagnostics];
  // Text left unread is reported in the form it was cut from, or with the file's diagnostics.
  for (const overflow of overflows) {
    const diagnostic = overflowDiagnostic(overflow, lines);
    const form = [...normalized].reverse().find((f) => f.source.startLine <= diagnostic.line);
    (form ? form.diagnostics : loose).push(diagnostic);
  }
  const diagnostics = capDiagnostics(collapseUnplaced(loose)).map((d) => withFile(d, settings.file));
  if (forms.forms.length === 0) diagnostics.push(noForm(text, settings));
  const document: Document = {
    forms: normalized.map((form) => ({ ...form, diagnostics: capDiagnostics(collapseUnplaced(form.diagnostics)).map((d) => withFile(d, settings.file)) })),
    diagnostics,
  };
  // Built only when asked for: a large input need not pay for it.
  const account = (): CellAccount => ({
    input: rows.rows.flatMap((row) => row.cells),
    fields: laid.flatMap((form) => form.ledger.fieldCells),
    labels: laid.flatMap((form) => form.ledger.labelCells),
  });
  return { document, account };
}

/** The spans a workbook, Word document or page states, given to the cells they belong to (the layout takes them as evidence). */
function stateSpans(rows: readonly Row[], spans: StatedSpans): void {
  for (const row of rows) {
    for (const cell of row.cells) {
      const span = spans(cell.line, cell.index);
      if (span === null) continue;
      cell.colSpan = span.colSpan;
      cell.rowSpan = span.rowSpan;
    }
  }
}

/** UTF-8 length of a string, counted only as far as needed to compare it with `limit`. */
function utf8Length(text: string, limit: number): number {
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return bytes;
}

/** A file that could not be decoded: the decoder's own message, which may say more than the catalogue's. */
function failed(settings: ParseSettings, code: DiagnosticCode, message: string, byteOffset = 0, detail: Record<string, unknown> = {}): Document {
  return { forms: [], diagnostics: [fileFailure(settings.file, code, message, { byteOffset, ...detail })] };
}

/**
 * A whole file refused before any form was read (too large, binary, not text
 * in its encoding): the English text is the reader's own words, the Chinese
 * one the catalogue's; both start with the file's name when there is one.
 */
export function fileFailure(file: string | null, code: DiagnosticCode, english: string, detail: Record<string, unknown>): Diagnostic {
  const where = file ? `${file}: ` : '';
  const made = diagnostic(code as 'binary-input', { line: 0, column: 0, file }, detail as DiagnosticDetails['binary-input'], 'error', `${where}${english}`);
  return { ...made, message: { zh: `${where}${made.message.zh}`, en: made.message.en } };
}

function loneSurrogate(text: string, offset: number): Diagnostic {
  return diagnostic('unsafe-character', positionOf(lineIndex(text.slice(0, offset + 1)), offset), { codePoint: 'U+FFFD', kind: 'surrogate', place: 'text' });
}

function withFile(diagnostic: Diagnostic, file: string | null): Diagnostic {
  return file ? { ...diagnostic, file } : diagnostic;
}
