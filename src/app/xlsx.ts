/**
 * The XLSX download: the library's XLSX writer (the workbook `jixiao check
 * --format xlsx` writes, src/output/xlsx.ts), its documents named by their paths and
 * its headers in the page's language. The bundle takes exceljs's browser build.
 */
import { xlsxBytes } from '../output/xlsx.js';
import type { Lang } from './protocol.js';
import type { FilePiece } from './results.js';

export type XlsxWriter = (pieces: readonly FilePiece[], lang: Lang) => Promise<Uint8Array>;

export const xlsxWorkbook: XlsxWriter | null = (pieces, lang) =>
  xlsxBytes(
    pieces.map(({ document, path, firstForm }) => ({ document, label: path, firstForm })),
    lang,
  );
