/**
 * The XLSX download: the library's XLSX writer (the workbook `jixiao check
 * --format xlsx` writes, src/output/xlsx.ts), its documents named by their paths and
 * its headers in the page's language. The bundle takes exceljs's browser build.
 */
import { xlsxBytes } from '../output/xlsx.js';
import type { Lang } from './protocol.js';
import type { Document } from './core.js';

export type XlsxWriter = (documents: readonly Document[], paths: readonly string[], lang: Lang) => Promise<Uint8Array>;

export const xlsxWorkbook: XlsxWriter | null = (documents, paths, lang) =>
  xlsxBytes(
    documents.map((document, index) => ({ document, label: paths[index] })),
    lang,
  );
