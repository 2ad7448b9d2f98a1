/** A table's CSV rows read back as records by column name (the rows these tests build hold no quoted commas). */
import { csvHeader, csvRows, type CsvTable } from '../../src/output/csv.js';
import type { Document } from '../../src/contract/schema.js';

export function csvRowsAsRecords(table: CsvTable, document: Document, file: string): Record<string, string>[] {
  const header = csvHeader(table).trim().split(',');
  return csvRows(table, document, file)
    .trim()
    .split(/\r?\n/)
    .map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
}
