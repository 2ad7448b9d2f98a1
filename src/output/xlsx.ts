/**
 * An Excel workbook of checked documents: the four tables of the CSV output,
 * the forms table as the summary sheet, then indicators, funds, and findings
 * with diagnostics. Unlike a CSV, every cell has a type: codes and texts
 * (department `0402009`, targets `1-3`, `3/4`, `2023-12`) are text cells that
 * Excel never reads as numbers or dates, and a figure is a number only when a
 * JavaScript number holds its decimal exactly, else it stays text.
 */
import type { Workbook, Worksheet } from 'exceljs';
import { columnKind, CSV_TABLES, tableColumns, tableRows, type Cell, type CsvTable } from './csv.js';
import type { Lang } from '../catalogue/messages.js';
import type { Document } from '../contract/schema.js';
import { displayWidth } from '../parse/text.js';
import { SECTION_ZH } from '../tables/finding-words.js';


/** A document and the name of its input, as in the `file` column. */
export interface LabelledDocument {
  document: Document;
  label: string;
  /** How many forms of its file come before the document's first (a document of some of a file's forms); 0 by default. */
  firstForm?: number;
}

/** A workbook's sheets are the CSV tables; the forms table is its summary sheet. */
export type Sheet = CsvTable;

const SHEET_NAMES: Record<Lang, Record<Sheet, string>> = {
  en: { forms: 'summary', indicators: 'indicators', funds: 'funds', findings: 'findings' },
  zh: { forms: '汇总', indicators: SECTION_ZH.indicators, funds: '资金', findings: '问题' },
};

/** The sheets of a workbook, in order. */
export const SHEETS: readonly Sheet[] = CSV_TABLES;

/** A sheet's name, its columns' English keys (which say what a column holds) and its headers, in a language. */
export function sheetLayout(sheet: Sheet, lang: Lang): { name: string; keys: readonly string[]; headers: readonly string[] } {
  return { name: SHEET_NAMES[lang][sheet], keys: tableColumns(sheet, 'en'), headers: tableColumns(sheet, lang) };
}

/** A document's rows on a sheet; `firstForm`: how many forms of its file came before (a document of a file's later forms). */
export function sheetRows(sheet: Sheet, { document, label }: LabelledDocument, firstForm = 0, lang: Lang = 'en'): Cell[][] {
  return tableRows(sheet, document, label, firstForm, lang);
}

/** The workbook of some documents, as the bytes of an .xlsx file (in memory: the offline page's download). */
export async function xlsxBytes(documents: readonly LabelledDocument[], lang: Lang = 'en'): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jixiao';
  for (const sheet of SHEETS) {
    const { name, keys, headers } = sheetLayout(sheet, lang);
    addSheet(workbook, name, keys, headers, documents.flatMap((labelled) => sheetRows(sheet, labelled, labelled.firstForm ?? 0, lang)));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** What a cell of a workbook holds: a number with its format, or a text made safe for the sheet's XML. */
export type XlsxValue = { value: number; format?: string } | { value: string; replaced: number };

/** A table's cell as a workbook's: a figure column's exact decimal as a number, any text through `xlsxText`; null when empty. */
export function xlsxValue(value: Cell, key: string): XlsxValue | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return { value };
  const number = columnKind(key) === 'decimal' ? exactNumber(value) : null;
  if (number !== null) return { value: number.value, format: number.format };
  return xlsxText(value);
}

/**
 * `_xHHHH` before a `_`, or before a control character (written `_x001B_`):
 * Excel would read it as the character HHHH. Its `_` is escaped; the one after
 * it is left to start the next match, so `_x0041_x0042_` is escaped twice.
 */
const ESCAPE_LIKE = /_x[0-9A-Fa-f]{4}(?=[_\u0000-\u0008\u000B\u000C\u000E-\u001F])/g;
/** Characters XML 1.0 does not allow, or that a sheet's text cannot hold as they are. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A text as a sheet holds it: what Excel would read as an escape
 * (`_x0041_`) has its underscore escaped (`_x005F_x0041_`), so it reads back
 * as written; a C0 control character is written as its escape (`_x001B_`),
 * which Excel reads back as the character; U+FFFE, U+FFFF and a lone
 * surrogate, which no XML may hold, are replaced by U+FFFD and counted.
 */
export function xlsxText(text: string): { value: string; replaced: number } {
  let replaced = 0;
  const value = text.replace(ESCAPE_LIKE, (escape) => '_x005F' + escape).replace(NOT_XML, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
    replaced++;
    return '\uFFFD';
  });
  return { value, replaced };
}

/** The width a column needs for a cell's text, in characters. */
export function cellWidth(value: Cell): number {
  return displayWidth(String(value));
}

export const COLUMN_WIDTH = { min: 6, max: 60 } as const;

/** The column widths of a sheet whose cells needed `widths`. */
export function columnWidths(widths: readonly number[]): number[] {
  return widths.map((width) => Math.min(COLUMN_WIDTH.max, Math.max(COLUMN_WIDTH.min, width + 2)));
}

function addSheet(workbook: Workbook, name: string, keys: readonly string[], headers: readonly string[], rows: readonly Cell[][]): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = headers.map((text) => displayWidth(text));
  sheet.addRow([...headers]).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow([]);
    row.forEach((value, i) => {
      const cell = xlsxValue(value, keys[i]);
      if (cell === null) return;
      added.getCell(i + 1).value = cell.value;
      if ('format' in cell && cell.format !== undefined) added.getCell(i + 1).numFmt = cell.format;
      widths[i] = Math.max(widths[i], cellWidth(value));
    });
  }
  columnWidths(widths).forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  return sheet;
}

/**
 * A decimal string as a number when the number says exactly that decimal: at
 * most 15 significant digits and `String(Number(s))` giving the decimal back
 * (trailing zeros of the fraction aside, which the number format shows
 * again). Null when it would not: the cell then keeps the text.
 */
export function exactNumber(text: string): { value: number; format: string } | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const integer = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  const canonical = (integer === '0' && decimals === '' ? '' : sign) + integer + (decimals === '' ? '' : '.' + decimals);
  const significant = (integer + decimals).replace(/^0+/, '').length;
  if (significant > 15) return null;
  const value = Number(canonical);
  if (String(value) !== canonical) return null;
  return { value, format: fraction.length === 0 ? '0' : '0.' + '0'.repeat(fraction.length) };
}
