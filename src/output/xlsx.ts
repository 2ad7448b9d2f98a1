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


/** A document and the name of its input, as in the `file` column. */
export interface LabelledDocument {
  document: Document;
  label: string;
}

/** The forms table is the workbook's summary sheet. */
const SHEET_NAMES: Record<Lang, Record<CsvTable, string>> = {
  en: { forms: 'summary', indicators: 'indicators', funds: 'funds', findings: 'findings' },
  zh: { forms: '汇总', indicators: '绩效指标', funds: '资金', findings: '问题' },
};

const MAX_WIDTH = 60;
const MIN_WIDTH = 6;

/** The workbook of some documents, as the bytes of an .xlsx file. */
export async function xlsxBytes(documents: readonly LabelledDocument[], lang: Lang = 'en'): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jixiao';
  for (const table of CSV_TABLES) {
    const rows = documents.flatMap(({ document, label }) => tableRows(table, document, label, 0, lang));
    addSheet(workbook, SHEET_NAMES[lang][table], tableColumns(table, 'en'), tableColumns(table, lang), rows);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: Workbook, name: string, keys: readonly string[], headers: readonly string[], rows: readonly Cell[][]): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = headers.map((text) => displayWidth(text));
  sheet.addRow([...headers]).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow([]);
    row.forEach((value, i) => {
      if (value === null || value === undefined || value === '') return;
      const cell = added.getCell(i + 1);
      const number = typeof value === 'string' && columnKind(keys[i]) === 'decimal' ? exactNumber(value) : null;
      if (number !== null) {
        cell.value = number.value;
        cell.numFmt = number.format;
      } else {
        cell.value = value;
      }
      widths[i] = Math.max(widths[i], displayWidth(String(value)));
    });
  }
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2))));
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
