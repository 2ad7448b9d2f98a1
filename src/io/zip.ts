/**
 * Reading the parts of a zip archive (an .xlsx or .docx is one) within fixed
 * bounds. The central directory is read first: the number of entries and the
 * sizes they declare are checked before a byte is inflated, and inflating an
 * entry stops as soon as it gives more than it declared, so that a zip bomb
 * costs neither memory nor time. Browser-safe (fflate inflates, synchronously).
 */
import { Inflate } from 'fflate';

/** At most this many entries in an archive; a workbook has tens. */
export const MAX_ZIP_ENTRIES = 10_000;
/** At most this many bytes inflated from one archive, all parts read together. */
export const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export type ZipProblem =
  | { kind: 'damaged'; reason: string }
  | { kind: 'encrypted'; entry: string }
  | { kind: 'too-large'; entries?: number; size?: number; limit: number };

export class ZipError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.kind);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const utf8 = new TextDecoder('utf-8');

/** An archive opened: its entries by name, each read on demand under one shared budget of inflated bytes. */
export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();
  private inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly budget = MAX_UNZIPPED_BYTES,
  ) {
    const end = findEnd(bytes);
    const count = u16(bytes, end + 10);
    const directorySize = u32(bytes, end + 12);
    const directoryAt = u32(bytes, end + 16);
    if (count === 0xffff || directoryAt === 0xffffffff) throw new ZipError({ kind: 'damaged', reason: 'zip64 archives are not read' });
    if (count > MAX_ZIP_ENTRIES) throw new ZipError({ kind: 'too-large', entries: count, limit: MAX_ZIP_ENTRIES });
    if (directoryAt + directorySize > end) throw new ZipError({ kind: 'damaged', reason: 'the central directory lies outside the file (truncated?)' });
    let at = directoryAt;
    let declared = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > end || u32(bytes, at) !== CENTRAL) throw new ZipError({ kind: 'damaged', reason: 'the central directory is broken' });
      const nameLength = u16(bytes, at + 28);
      const entry: ZipEntry = {
        name: utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
        method: u16(bytes, at + 10),
        encrypted: (u16(bytes, at + 8) & 1) === 1,
        compressedSize: u32(bytes, at + 20),
        size: u32(bytes, at + 24),
        localOffset: u32(bytes, at + 42),
      };
      declared += entry.size;
      this.entries.set(entry.name, entry);
      at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    }
    if (declared > budget) throw new ZipError({ kind: 'too-large', size: declared, limit: budget });
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** An entry's bytes, or null when there is no such entry. */
  read(name: string): Uint8Array | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    if (entry.encrypted) throw new ZipError({ kind: 'encrypted', entry: name });
    const local = entry.localOffset;
    if (local + 30 > this.bytes.length || u32(this.bytes, local) !== LOCAL) throw new ZipError({ kind: 'damaged', reason: `entry ${name} is missing (truncated?)` });
    const start = local + 30 + u16(this.bytes, local + 26) + u16(this.bytes, local + 28);
    const stored = this.bytes.subarray(start, start + entry.compressedSize);
    if (start + entry.compressedSize > this.bytes.length) throw new ZipError({ kind: 'damaged', reason: `entry ${name} is cut short (truncated?)` });
    if (this.inflated + entry.size > this.budget) throw new ZipError({ kind: 'too-large', size: this.inflated + entry.size, limit: this.budget });
    let out: Uint8Array;
    if (entry.method === 0) out = stored;
    else if (entry.method === 8) out = inflateBounded(stored, entry.size, name);
    else throw new ZipError({ kind: 'damaged', reason: `entry ${name} uses compression method ${entry.method}` });
    if (out.length !== entry.size) throw new ZipError({ kind: 'damaged', reason: `entry ${name} holds ${out.length} bytes, not the ${entry.size} it declares` });
    this.inflated += out.length;
    return out;
  }

  /** An entry's text (UTF-8), or null. */
  text(name: string): string | null {
    const bytes = this.read(name);
    return bytes === null ? null : utf8.decode(bytes);
  }
}

/** The end-of-central-directory record: searched from the end, past a comment of at most 64 KiB. */
function findEnd(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) if (u32(bytes, at) === EOCD) return at;
  throw new ZipError({ kind: 'damaged', reason: 'no end of central directory (the file is truncated or not a zip archive)' });
}

/** Inflates raw deflate data, stopping as soon as it gives more than `size` bytes. */
function inflateBounded(data: Uint8Array, size: number, name: string): Uint8Array {
  const out = new Uint8Array(size);
  let filled = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    if (filled + chunk.length > size) {
      over = true;
      return;
    }
    out.set(chunk, filled);
    filled += chunk.length;
  });
  const PIECE = 64 * 1024;
  try {
    for (let at = 0; at < data.length && !over; at += PIECE) inflater.push(data.subarray(at, at + PIECE), at + PIECE >= data.length);
  } catch (error) {
    throw new ZipError({ kind: 'damaged', reason: `entry ${name} cannot be inflated (${error instanceof Error ? error.message : String(error)})` });
  }
  if (over) throw new ZipError({ kind: 'damaged', reason: `entry ${name} inflates to more than the ${size} bytes it declares` });
  return filled === size ? out : out.subarray(0, filled);
}
