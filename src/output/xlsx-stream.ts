/**
 * The workbook of `--format xlsx` written with memory that does not grow
 * with the batch: each document's rows are appended, as the document
 * arrives, to one temporary file per sheet (a JSON array per line), with the
 * widths their columns need; at the end the sheets are streamed one after
 * another through exceljs's streaming writer (inline strings, each row
 * committed as it is written) into the output. The cells are those of
 * `xlsxBytes` (src/output/xlsx.ts): same layout, same sanitiser.
 */
import { createReadStream } from 'node:fs';
import { unlink, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Lang } from '../catalogue/messages.js';
import { createTemporary, release } from '../io/temporary-files.js';
import { cellWidth, columnWidths, SHEETS, sheetLayout, sheetRows, xlsxValue, type LabelledDocument, type Sheet } from './xlsx.js';
import { displayWidth } from '../parse/text.js';
import type { Cell } from './csv.js';

interface SheetSpool {
  path: string;
  handle: FileHandle;
  widths: number[];
  /** Text held until it is worth a write. */
  pending: string;
}

const FLUSH_CHARS = 256 * 1024;

export class XlsxSpool {
  private sheets: Map<Sheet, SheetSpool> | null = null;

  constructor(private readonly lang: Lang) {}

  /** Appends a document's rows to each sheet: a whole document, or (`firstForm`) the next forms of one. */
  async add(labelled: LabelledDocument, firstForm = 0): Promise<void> {
    const sheets = await this.open();
    for (const sheet of SHEETS) {
      const spool = sheets.get(sheet)!;
      for (const row of sheetRows(sheet, labelled, firstForm, this.lang)) {
        row.forEach((value, i) => {
          if (value !== null && value !== undefined && value !== '') spool.widths[i] = Math.max(spool.widths[i], cellWidth(value));
        });
        spool.pending += JSON.stringify(row.map((value) => value ?? null)) + '\n';
      }
      if (spool.pending.length >= FLUSH_CHARS) await flush(spool);
    }
  }

  /**
   * Writes the workbook into `stream` (which it ends) and removes the
   * temporary files; how many characters a sheet could not hold were replaced.
   */
  async writeTo(stream: Writable): Promise<number> {
    const sheets = await this.open();
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    workbook.creator = 'jixiao';
    let replaced = 0;
    for (const sheet of SHEETS) {
      const spool = sheets.get(sheet)!;
      await flush(spool);
      await spool.handle.close();
      const { name, keys, headers } = sheetLayout(sheet, this.lang);
      const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      worksheet.columns = columnWidths(spool.widths).map((width) => ({ width }));
      worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
      const head = worksheet.addRow([...headers]);
      head.font = { bold: true };
      head.commit();
      const lines = createInterface({ input: createReadStream(spool.path, { encoding: 'utf8' }), crlfDelay: Infinity });
      for await (const line of lines) {
        if (line === '') continue;
        const row = worksheet.addRow([]);
        (JSON.parse(line) as Cell[]).forEach((value, i) => {
          const cell = xlsxValue(value, keys[i]);
          if (cell === null) return;
          const target = row.getCell(i + 1);
          target.value = cell.value;
          if ('format' in cell && cell.format !== undefined) target.numFmt = cell.format;
          if ('replaced' in cell) replaced += cell.replaced;
        });
        row.commit();
        // The zip stream takes what the sheet wrote before the next rows are made.
        if (stream.writableNeedDrain) await new Promise((resolve) => stream.once('drain', resolve));
      }
      worksheet.commit();
      await unlink(spool.path).catch(() => undefined);
      release(spool.path);
    }
    await workbook.commit();
    return replaced;
  }

  /** Removes the temporary files (when the workbook is not written). */
  async discard(): Promise<void> {
    for (const spool of this.sheets?.values() ?? []) {
      await spool.handle.close().catch(() => undefined);
      await unlink(spool.path).catch(() => undefined);
      release(spool.path);
    }
  }

  private async open(): Promise<Map<Sheet, SheetSpool>> {
    if (this.sheets !== null) return this.sheets;
    const sheets = new Map<Sheet, SheetSpool>();
    for (const sheet of SHEETS) {
      const { path, handle } = await createTemporary(tmpdir());
      sheets.set(sheet, { path, handle, widths: sheetLayout(sheet, this.lang).headers.map((text) => displayWidth(text)), pending: '' });
    }
    this.sheets = sheets;
    return sheets;
  }
}

async function flush(spool: SheetSpool): Promise<void> {
  if (spool.pending === '') return;
  const bytes = Buffer.from(spool.pending, 'utf8');
  spool.pending = '';
  for (let at = 0; at < bytes.length; ) at += (await spool.handle.write(bytes, at, bytes.length - at)).bytesWritten;
}

/** A writable stream over an asynchronous write function, each chunk written before the next is taken. */
export function writableOf(write: (bytes: Uint8Array) => void | Promise<void>): Writable & { done: Promise<void> } {
  let settle: { resolve: () => void; reject: (error: unknown) => void } | null = null;
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // Awaited by the caller once the workbook is written; an early failure must not go unhandled meanwhile.
  done.catch(() => undefined);
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      Promise.resolve(write(chunk)).then(() => callback(), callback);
    },
    final(callback) {
      callback();
    },
  });
  stream.on('finish', () => settle!.resolve());
  stream.on('error', (error) => settle!.reject(error));
  return Object.assign(stream, { done });
}

/** Writes the workbook of `spool` through `write`; how many characters were replaced. */
export async function writeWorkbook(spool: XlsxSpool, write: (bytes: Uint8Array) => void | Promise<void>): Promise<number> {
  const stream = writableOf(write);
  const replaced = await spool.writeTo(stream);
  await stream.done;
  return replaced;
}
