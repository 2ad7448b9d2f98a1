/**
 * Opening an export file for reading: the file's bytes as a stream of pieces,
 * or the problem that keeps it from being read, as a document holding one
 * diagnostic (with the other faults that can stop a file). No glob library here, so that worker threads load little.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import type { Diagnostic, Document } from '../contract/schema.js';
import { diagnostic } from '../catalogue/messages.js';

/** Bytes read at a time. */
export const READ_PIECE = 64 * 1024;

export type OpenedInput = { ok: true; size: number; pieces: AsyncIterable<Uint8Array> } | { ok: false; document: Document };

/** The file's size and its bytes in pieces, or the document that says why it cannot be read. */
export async function openInput(path: string, maxBytes: number): Promise<OpenedInput> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, document: unreadable(path, 'is a directory') };
    if (info.size > maxBytes) return { ok: false, document: tooLarge(path, info.size, maxBytes) };
    return { ok: true, size: info.size, pieces: createReadStream(path, { highWaterMark: READ_PIECE }) };
  } catch (error) {
    return { ok: false, document: unreadable(path, readFailure(error)) };
  }
}

/** Why reading failed, in a few words. */
export function readFailure(error: unknown): string {
  return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
}

export function unreadable(path: string, why: string): Document {
  return { forms: [], diagnostics: [diagnostic('unreadable-file', { line: 0, column: 0, file: path }, { path, reason: why })] };
}

/** A fault that stopped processing a file (a bug, a worker thread that died); `file` null for standard input. */
export function internalError(file: string | null, why: string): Diagnostic {
  return diagnostic('internal-error', { line: 0, column: 0, file }, { reason: why });
}

export function tooLarge(path: string, size: number, maxBytes: number): Document {
  return { forms: [], diagnostics: [diagnostic('input-too-large', { line: 0, column: 0, file: path }, { path, size, maxBytes })] };
}

/** Bytes already in memory (standard input) handed out in reading-sized pieces, so that decoding stays incremental. */
export async function* inPieces(bytes: Uint8Array, size = READ_PIECE): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/**
 * A file's bytes, read piece by piece and never more than `maxBytes` of them:
 * a device or a pipe (`/dev/zero`, a FIFO) has no size to check first, so the
 * limit holds while reading. `null` when the file holds more.
 */
export async function readBounded(path: string, maxBytes: number): Promise<Uint8Array | null> {
  const handle = await open(path, 'r');
  try {
    const pieces: Buffer[] = [];
    let total = 0;
    for (;;) {
      const piece = Buffer.allocUnsafe(READ_PIECE);
      const { bytesRead } = await handle.read(piece, 0, READ_PIECE, null);
      if (bytesRead === 0) return Buffer.concat(pieces, total);
      total += bytesRead;
      if (total > maxBytes) return null;
      pieces.push(bytesRead === READ_PIECE ? piece : piece.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

/**
 * A small regular file's bytes, read whole ahead of its turn in a batch (the
 * next files are read while one is parsed); null for anything else, or when
 * reading fails: the file is then opened at its turn as it would have been,
 * and any problem is reported the same way.
 */
export async function readAhead(path: string, atMost: number): Promise<Uint8Array | null> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > atMost) return null;
    const bytes = await readFile(path);
    return bytes.length === info.size ? bytes : null;
  } catch {
    return null;
  }
}

/** `input-too-large` for input whose size is not known, only that it passed the limit. */
export function pastLimit(path: string, maxBytes: number): Document {
  return { forms: [], diagnostics: [diagnostic('input-too-large', { line: 0, column: 0, file: path }, { path, maxBytes })] };
}
