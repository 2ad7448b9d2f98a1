/**
 * jixiao: parse and check 项目支出绩效自评表 exports.
 *
 *   import { parse, check, parseFiles } from 'jixiao';
 *   const document = check(parse(bytes, { file: 'a.txt' }));
 *   for await (const { file, document } of parseFiles('exports/**\/*.txt')) …
 *
 * Everything `jixiao/core` gives (the browser-safe pipeline), plus reading
 * files: exports by path or pattern, profiles by the path of a JSON file.
 * A wrong argument is thrown (TypeError, or RangeError for an unknown
 * profile); a problem in the input is a diagnostic, never thrown.
 * Importing it does nothing but define these functions and schemas.
 */
import { guardedCheck, guardedCheckForm, guardedParseStream, guardedParseStreamToDocument, parseOptionsAtDoor } from './door.js';
import { parseFile as parseFileWith, parseFiles as parseFilesWith, type ParseFilesOptions } from './files.js';
import type { ParseOptions } from './pipeline.js';
import { loadProfile } from '../check/profile-file.js';
import type { Document, Form } from '../contract/schema.js';
import type { StreamItem, StreamOptions } from './stream.js';
import type { CheckOptions, ProfileValue } from '../check/profile.js';

export * from './core.js';

/** Recomputes every form's arithmetic under a profile: findings, recomputed scores, a summary per form. */
export function check(document: Document, options?: CheckOptions): Document {
  return guardedCheck(document, options, loadProfile);
}

/** Checks one form. */
export function checkForm(form: Form, profile?: ProfileValue): Form {
  return guardedCheckForm(form, profile, loadProfile);
}

/** Parses a stream of bytes or text (a Node Readable), yielding each form as soon as it is complete. */
export function parseStream(source: AsyncIterable<Uint8Array | string>, options?: StreamOptions): AsyncGenerator<StreamItem> {
  return guardedParseStream(source, options, loadProfile);
}

/** Collects a stream into one document, the same as `parse` on the whole input. */
export function parseStreamToDocument(source: AsyncIterable<Uint8Array | string>, options?: StreamOptions): Promise<Document> {
  return guardedParseStreamToDocument(source, options, loadProfile);
}

export { loadProfile } from '../check/profile-file.js';
export type { ParseFilesOptions } from './files.js';

/*
 * The tables of the CLI's csv, xlsx and parquet formats, for a program's own
 * output: rows with the CLI's columns, a workbook's bytes, Parquet files (as
 * bytes, or written row group by row group to a sink). exceljs and
 * hyparquet-writer are loaded when a workbook or a Parquet file is first made.
 */
export { columnKind, CSV_TABLES, csvCell, csvHeader, csvRows, tableColumns, tableRows, type Cell, type ColumnKind, type CsvTable } from '../output/csv.js';
export { xlsxBytes, type LabelledDocument } from '../output/xlsx.js';
export { ParquetTableWriter, parquetSchema, parquetTables, TABLES_VERSION, type ByteSink } from '../output/parquet.js';

/** Reads and parses one file; an unreadable file gives a document with one `unreadable-file` diagnostic. */
export function parseFile(path: string, options?: ParseOptions): Promise<Document> {
  if (typeof path !== 'string') return Promise.reject(new TypeError(`parseFile: path must be a string, not ${path === null ? 'null' : typeof path}`));
  try {
    return parseFileWith(path, parseOptionsAtDoor('parseFile', options));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Parses every file that the names and glob patterns give, one at a time, in sorted order. */
export function parseFiles(patterns: string | readonly string[], options?: ParseFilesOptions): AsyncGenerator<{ file: string; document: Document }> {
  if (typeof patterns !== 'string' && !(Array.isArray(patterns) && patterns.every((p) => typeof p === 'string'))) {
    throw new TypeError('parseFiles: patterns must be a string or an array of strings');
  }
  const checked = parseOptionsAtDoor<ParseFilesOptions & Record<string, unknown>>('parseFiles', options);
  if (checked.cwd !== undefined && typeof checked.cwd !== 'string') throw new TypeError('parseFiles: options.cwd must be a string');
  return parseFilesWith(patterns, checked);
}
