/**
 * Documents other than text exports: a workbook (.xlsx), a Word document
 * (.docx) or a saved web page (.html), told by their content, not their name.
 * Each sheet or table is a grid; each grid is read by the text pipeline as a
 * tab-separated block whose line N is the grid's row N and whose fields are
 * the grid's shown columns, and every position in the result is then given
 * back in the source's terms: the column as the source counts it and the
 * cell's reference (`Sheet1!C12`, `T2!R5C3`). Old binary Office files, PDF
 * and the like are named, with how to convert them, never guessed at.
 */
import type { Diagnostic, Document } from '../contract/schema.js';
import type { OtherDocuments, ReadSettings, ReadText, StatedSpans } from './read-types.js';
import { sniffBytes, sniffText, type UnreadFormat } from './sniff.js';
import { diagnostic } from '../catalogue/messages.js';
import { cellReference, type Grid, type GridCell } from './grid.js';
import { readPageTables } from './html.js';
import { readWordTables } from './docx.js';
import { readWorkbook } from './xlsx.js';
import { localName, xmlEvents } from './xml.js';
import { ZipArchive, ZipError, type ZipProblem } from './zip.js';

export type SourceFormat = 'xlsx' | 'docx' | 'html';


/** The readers as the pipeline takes them (src/api/parse-document.ts). */
export const OTHER_DOCUMENTS: OtherDocuments = { bytes: readDocumentBytes, text: readDocumentText };

/**
 * A document given as bytes that is not a text export (a workbook, a Word
 * document, a format read only after conversion), read; null for anything
 * else, which the text pipeline then decodes (a web page is told once decoded).
 */
export function readDocumentBytes(bytes: Uint8Array, settings: ReadSettings, readText: ReadText): Document | null {
  const sniffed = sniffBytes(bytes);
  if (sniffed.kind === 'zip') return readArchive(bytes, settings, readText);
  if (sniffed.kind === 'encrypted') return encryptedDocument(settings);
  if (sniffed.kind === 'unread') return unreadDocument(sniffed.format, settings);
  return null;
}

/** Decoded text that is a web page (read), or a format read only after conversion (named); null for a text export. */
export function readDocumentText(text: string, encoding: string, settings: ReadSettings, readText: ReadText): Document | null {
  const sniffed = sniffText(text);
  if (sniffed.kind === 'html') return readPage(text, encoding, settings, readText);
  if (sniffed.kind === 'unread') return unreadDocument(sniffed.format, settings);
  return null;
}

const SPREADSHEET_MAIN = /^application\/vnd\.(openxmlformats-officedocument\.spreadsheetml\.sheet|ms-excel\.sheet\.macroEnabled|openxmlformats-officedocument\.spreadsheetml\.template)\.main\+xml$/i;
const WORD_MAIN = /^application\/vnd\.(openxmlformats-officedocument\.wordprocessingml\.document|ms-word\.document\.macroEnabled|openxmlformats-officedocument\.wordprocessingml\.template)\.main\+xml$/i;

/** The parts `[Content_Types].xml` names, with their content types (part names without the leading `/`). */
function contentTypes(xml: string): { name: string; type: string }[] {
  const parts: { name: string; type: string }[] = [];
  for (const event of xmlEvents(xml)) {
    if (event.kind === 'open' && localName(event.name) === 'Override' && event.attributes.PartName && event.attributes.ContentType) {
      parts.push({ name: event.attributes.PartName.replace(/^\//, ''), type: event.attributes.ContentType });
    }
  }
  return parts;
}

/** A zip archive read as the Office document its content types say it is. */
export function readArchive(bytes: Uint8Array, settings: ReadSettings, readText: ReadText): Document {
  let zip: ZipArchive;
  try {
    zip = new ZipArchive(bytes, settings.maxBytes);
    const parts = contentTypes(zip.text('[Content_Types].xml') ?? '');
    const workbook = parts.find((p) => SPREADSHEET_MAIN.test(p.type))?.name ?? (zip.has('xl/workbook.xml') ? 'xl/workbook.xml' : null);
    if (workbook !== null) {
      const sheets = readWorkbook(zip, workbook);
      const grids = sheets.filter((s) => !s.hidden).map((s) => s.grid);
      const hidden = sheets.filter((s) => s.hidden && s.grid.cells.length > 0).map((s) => s.grid);
      return readGrids(grids, 'xlsx', settings, readText, hidden);
    }
    const word = parts.find((p) => WORD_MAIN.test(p.type))?.name ?? (zip.has('word/document.xml') ? 'word/document.xml' : null);
    if (word !== null) return readGrids(readWordTables(zip, word), 'docx', settings, readText, []);
    if (zip.has('mimetype') && /opendocument/.test(zip.text('mimetype') ?? '')) return unreadDocument('odf', settings);
    return unreadDocument('zip', settings);
  } catch (error) {
    if (error instanceof ZipError) return archiveProblem(error.problem, settings);
    throw error;
  }
}

/** A saved web page's tables. */
export function readPage(html: string, encoding: string, settings: ReadSettings, readText: ReadText): Document {
  return readGrids(readPageTables(html), 'html', settings, readText, [], encoding);
}

export function unreadDocument(format: UnreadFormat, settings: ReadSettings): Document {
  return { forms: [], diagnostics: [diagnostic('unsupported-format', { line: 0, column: 0, file: settings.file }, { format })] };
}

export function encryptedDocument(settings: ReadSettings): Document {
  return { forms: [], diagnostics: [diagnostic('encrypted-document', { line: 0, column: 0, file: settings.file }, {})] };
}

function archiveProblem(problem: ZipProblem, settings: ReadSettings): Document {
  const place = { line: 0, column: 0, file: settings.file };
  if (problem.kind === 'encrypted') return { forms: [], diagnostics: [diagnostic('encrypted-document', place, { entry: problem.entry })] };
  if (problem.kind === 'too-large') return { forms: [], diagnostics: [diagnostic('archive-too-large', place, { entries: problem.entries, size: problem.size, limit: problem.limit })] };
  return { forms: [], diagnostics: [diagnostic('damaged-archive', place, { reason: problem.reason })] };
}

/** A grid written as tab-separated text, and where each field of each line came from. */
interface Written {
  text: string;
  /** Per line (row number): the fields' start columns (1-based characters) and their cells. */
  fields: Map<number, { start: number; end: number; cell: GridCell; written: string; index: number; colSpan: number }[]>;
  /** Non-empty cells in hidden rows or columns, not written. */
  hidden: GridCell[];
}

/**
 * A cell's text in a tab-separated line: a line break as `<br>`, a tab as a
 * space, an opening quote as `&quot;`, which the text pipeline reads back as
 * they were. Markup a cell holds is read as in a text export's cell (its
 * `raw` keeps it, its `text` does not).
 */
function written(text: string): string {
  if (!/[\t\n\r]/.test(text) && text[0] !== '"') return text;
  return text
    .replace(/^"/, '&quot;')
    .replace(/\t/g, ' ')
    .replace(/\r\n?|\n/g, '<br>');
}

export function writeGrid(grid: Grid): Written {
  const shownColumns = [...new Set(grid.cells.map((c) => c.column))].filter((c) => !grid.hiddenColumns.has(c)).sort((a, b) => a - b);
  const hiddenBefore = (column: number) => {
    let n = 0;
    for (const h of grid.hiddenColumns) if (h < column) n++;
    return n;
  };
  const fieldOf = new Map(shownColumns.map((c) => [c, c - 1 - hiddenBefore(c)]));
  const lines: string[] = [];
  const fields: Written['fields'] = new Map();
  const hidden: GridCell[] = [];
  let i = 0;
  while (i < grid.cells.length) {
    const row = grid.cells[i].row;
    let line = '';
    let field = 0;
    const placed: { start: number; end: number; cell: GridCell; written: string; index: number; colSpan: number }[] = [];
    for (; i < grid.cells.length && grid.cells[i].row === row; i++) {
      const cell = grid.cells[i];
      if (grid.hiddenRows.has(row) || grid.hiddenColumns.has(cell.column)) {
        hidden.push(cell);
        continue;
      }
      const target = fieldOf.get(cell.column) ?? 0;
      line += '\t'.repeat(target - field);
      field = target;
      const text = written(cell.text);
      // A span over hidden columns covers only the shown ones.
      let colSpan = 0;
      for (let c = cell.column; c < cell.column + cell.colSpan; c++) if (!grid.hiddenColumns.has(c)) colSpan++;
      placed.push({ start: line.length + 1, end: line.length + text.length, cell, written: text, index: target, colSpan });
      line += text;
    }
    while (lines.length < row - 1) lines.push('');
    lines.push(line);
    if (placed.length > 0) fields.set(row, placed);
  }
  return { text: lines.join('\n'), fields, hidden };
}

function readGrids(grids: Grid[], format: SourceFormat, settings: ReadSettings, readText: ReadText, hiddenSheets: Grid[], encoding = 'utf-8'): Document {
  const document: Document = { forms: [], diagnostics: [] };
  let anyCell = false;
  for (const grid of grids) {
    const out = writeGrid(grid);
    if (grid.cells.length > 0) anyCell = true;
    const part = readText(out.text, encoding, statedSpans(out));
    for (const form of part.forms) {
      relocate(form, grid, out);
      form.source = { ...form.source, format, ...(grid.kind === 'sheet' ? { sheet: grid.name } : { table: Number(grid.name) }) };
      document.forms.push(form);
    }
    for (const d of part.diagnostics) if (d.code !== 'no-form') document.diagnostics.push(relocate(d, grid, out));
    if (out.hidden.length > 0) document.diagnostics.push(hiddenCells(grid, out.hidden, settings));
  }
  for (const grid of hiddenSheets) document.diagnostics.push(hiddenCells(grid, grid.cells, settings, true));
  if (document.forms.length === 0) {
    document.diagnostics.push(diagnostic('no-form', { line: 1, column: 1, file: settings.file }, { empty: !anyCell }));
  }
  return document;
}

/** The spans of a written grid's merged cells, by line and field index. */
function statedSpans(out: Written): StatedSpans {
  return (line, index) => {
    const field = out.fields.get(line)?.find((f) => f.index === index);
    return field === undefined || (field.colSpan === 1 && field.cell.rowSpan === 1) ? null : { colSpan: field.colSpan, rowSpan: field.cell.rowSpan };
  };
}

function hiddenCells(grid: Grid, cells: readonly GridCell[], settings: ReadSettings, sheet = false): Diagnostic {
  const refs = cells.map((c) => cellReference(grid, c.row, c.column));
  const first = cells[0];
  const made = diagnostic('hidden-cells', { line: first.row, column: first.column, file: settings.file }, { count: cells.length, cells: refs.slice(0, 5), texts: cells.slice(0, 5).map((c) => c.text.slice(0, 60)), sheet: sheet ? grid.name : undefined });
  made.cell = refs[0];
  return made;
}

/**
 * Every position inside a value is given in the grid's terms: `column` is the
 * source's column, `cell` its reference, and a `raw` that only the writing
 * into text changed is the cell's own text again.
 */
function relocate<T>(value: T, grid: Grid, out: Written): T {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.line === 'number' && typeof record.column === 'number' && record.column > 0) {
      const field = fieldAt(out, record.line, record.column);
      if (field) {
        record.column = field.cell.column;
        record.cell = cellReference(grid, field.cell.row, field.cell.column);
        if (typeof record.raw === 'string' && record.raw === field.written && field.written !== field.cell.text) record.raw = field.cell.text;
        const detail = record.detail as Record<string, unknown> | undefined;
        if (detail && Array.isArray(detail.columns)) detail.columns = detail.columns.map((c) => (typeof c === 'number' ? (fieldAt(out, record.line as number, c)?.cell.column ?? c) : c));
      }
    }
    for (const key of Object.keys(record)) if (key !== 'detail') visit(record[key]);
  };
  visit(value);
  return value;
}

function fieldAt(out: Written, line: number, column: number): { cell: GridCell; written: string } | null {
  const fields = out.fields.get(line);
  if (!fields) return null;
  let found: (typeof fields)[number] | null = null;
  for (const field of fields) {
    if (field.start > column) break;
    found = field;
  }
  return found;
}

