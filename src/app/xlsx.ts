/**
 * The XLSX download's hook. The workbook is written by the library's XLSX
 * writer (`jixiao check --format xlsx`, src/xlsx.ts); once it exists and
 * bundles for the browser, set `xlsxWorkbook` to a function that returns the
 * workbook of the documents (each named by its path) and the page shows the
 * XLSX button. Until then it is null and the button stays hidden.
 */
import type { Document } from './core.js';

export type XlsxWriter = (documents: readonly Document[], paths: readonly string[]) => Promise<Uint8Array>;

export const xlsxWorkbook: XlsxWriter | null = null;
