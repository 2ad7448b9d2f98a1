/**
 * Byte decoding: turn an export file's raw bytes into text, detecting the
 * encoding (BOM, UTF-16 without BOM, UTF-8, GB18030) and refusing binary files.
 * Errors carry a byte offset; the caller adds the file name.
 */

/** Bytes read from one input at most (512 MiB): past it the input is `input-too-large`. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

export interface DecodeSettings {
  /** Overrides detection: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'gbk' (alias of gb18030). */
  encoding?: string | null;
  /** Inputs longer than this are refused. Default 512 MiB. */
  maxBytes?: number;
}

export type DecodedEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodeErrorCode = 'unknown-encoding' | 'binary-input' | 'invalid-encoding' | 'input-too-large';

export type DecodeResult =
  | { ok: true; text: string; encoding: DecodedEncoding }
  | { ok: false; code: DecodeErrorCode; message: string; byteOffset: number; detail?: Record<string, unknown> };

const NUL_SCAN_BYTES = 8 * 1024;
const UTF16_SNIFF_BYTES = 4 * 1024;

const MAGIC: ReadonlyArray<readonly [readonly number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (such as an .xlsx or .docx file)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old-style Office document (such as an .xls file)'],
  [[0x1f, 0x8b], 'a gzip-compressed file'],
];

const OVERRIDES: ReadonlyMap<string, 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'> = new Map([
  ['utf-8', 'utf-8'],
  ['utf8', 'utf-8'],
  ['utf-16le', 'utf-16le'],
  ['utf-16be', 'utf-16be'],
  ['gb18030', 'gb18030'],
  ['gbk', 'gb18030'],
]);

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const LE_BOM = [0xff, 0xfe];
const BE_BOM = [0xfe, 0xff];

// Stateless when decode() is called without {stream: true}, so they can be shared.
// ignoreBOM: true because BOMs are detected and sliced off explicitly.
const utf16leDecoder = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const utf16beDecoder = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });
const gb18030Decoder = new TextDecoder('gb18030', { fatal: true, ignoreBOM: true });

/**
 * UTF-8 is decoded as a stream given all its bytes and then ended: on Node 20
 * that takes the platform's streaming decoder, about twice as fast for
 * Chinese text as a decode of the whole, with the same result. Ending the
 * stream fails on a character cut short, as a whole decode does. A failure
 * may leave the decoder holding bytes, so a new one replaces it.
 */
let utf8Streaming = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8Text(bytes: Uint8Array): string | null {
  try {
    const text = utf8Streaming.decode(bytes, { stream: true });
    return text + utf8Streaming.decode();
  } catch {
    utf8Streaming = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    return null;
  }
}

export function decode(bytes: Uint8Array, settings: DecodeSettings = {}): DecodeResult {
  const maxBytes = settings.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    return fail('input-too-large', `input is ${bytes.length} bytes, more than the limit of ${maxBytes} bytes`, maxBytes, { size: bytes.length, maxBytes });
  }

  for (const [magic, what] of MAGIC) {
    if (startsWith(bytes, magic)) return fail('binary-input', `looks like ${what}, not a text export`, 0, { what });
  }

  if (settings.encoding != null) {
    const name = settings.encoding;
    const enc = OVERRIDES.get(name.trim().toLowerCase());
    if (enc === undefined) {
      return fail('unknown-encoding', `unsupported encoding "${name}" (expected utf-8, utf-16le, utf-16be, gb18030 or gbk)`, 0, { encoding: name });
    }
    if (enc === 'utf-8') return startsWith(bytes, UTF8_BOM) ? decodeUtf8(bytes, 3, 'utf-8-bom') : decodeUtf8(bytes, 0, 'utf-8');
    if (enc === 'utf-16le') return decodeUtf16(bytes, startsWith(bytes, LE_BOM) ? 2 : 0, true);
    if (enc === 'utf-16be') return decodeUtf16(bytes, startsWith(bytes, BE_BOM) ? 2 : 0, false);
    return decodeGb18030(bytes);
  }

  if (startsWith(bytes, UTF8_BOM)) return decodeUtf8(bytes, 3, 'utf-8-bom');
  if (startsWith(bytes, LE_BOM)) return decodeUtf16(bytes, 2, true);
  if (startsWith(bytes, BE_BOM)) return decodeUtf16(bytes, 2, false);

  const order = sniffUtf16(bytes);
  if (order !== null) return decodeUtf16(bytes, 0, order === 'le');

  const nul = denseNul(bytes.subarray(0, NUL_SCAN_BYTES));
  if (nul >= 0) return fail('binary-input', `NUL bytes from offset ${nul}: looks like a binary file, not a text export`, nul);

  const utf8 = decodeUtf8Text(bytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  const badUtf8 = firstInvalidUtf8(bytes);
  if (badUtf8 < 0) return tooLong();

  const gb = tryDecode(gb18030Decoder, bytes);
  if (gb !== null) return { ok: true, text: gb, encoding: 'gb18030' };
  const badGb = firstInvalidGb18030(bytes);
  if (badGb < 0) return tooLong();

  // Neither decodes. If UTF-8 decoded some multi-byte text before failing, the file
  // is most likely UTF-8 with a glitch; if it failed at the first non-ASCII byte,
  // GB18030 is the likelier intent and its offset points at the real problem.
  const offset = hasNonAscii(bytes, badUtf8) ? badUtf8 : badGb;
  return invalid(`not valid UTF-8 or GB18030 text (first invalid byte at offset ${offset})`, offset);
}

function decodeUtf8(bytes: Uint8Array, start: number, encoding: 'utf-8' | 'utf-8-bom'): DecodeResult {
  const body = bytes.subarray(start);
  const text = decodeUtf8Text(body);
  if (text !== null) return { ok: true, text, encoding };
  const bad = firstInvalidUtf8(body);
  if (bad < 0) return tooLong();
  return invalid(`not valid UTF-8 text (first invalid byte at offset ${start + bad})`, start + bad);
}

function decodeUtf16(bytes: Uint8Array, start: number, le: boolean): DecodeResult {
  const name = le ? 'UTF-16LE' : 'UTF-16BE';
  if ((bytes.length - start) % 2 !== 0) {
    // The first fault is the one named, as a stream read in pieces names it: an unpaired surrogate before the stray byte.
    const unpaired = firstInvalidUtf16(bytes, start, le);
    if (unpaired >= 0) return invalid(`not valid ${name} text (unpaired surrogate at offset ${unpaired})`, unpaired);
    const last = bytes.length - 1;
    return invalid(`not valid ${name} text (odd number of bytes; stray byte at offset ${last})`, last);
  }
  const text = tryDecode(le ? utf16leDecoder : utf16beDecoder, bytes.subarray(start));
  if (text !== null) return { ok: true, text, encoding: le ? 'utf-16le' : 'utf-16be' };
  const bad = firstInvalidUtf16(bytes, start, le);
  if (bad < 0) return tooLong();
  return invalid(`not valid ${name} text (unpaired surrogate at offset ${bad})`, bad);
}

function decodeGb18030(bytes: Uint8Array): DecodeResult {
  const text = tryDecode(gb18030Decoder, bytes);
  if (text !== null) return { ok: true, text, encoding: 'gb18030' };
  const bad = firstInvalidGb18030(bytes);
  if (bad < 0) return tooLong();
  return invalid(`not valid GB18030 text (first invalid byte at offset ${bad})`, bad);
}

/**
 * Offset of the first NUL when NULs make up more than 1 % of the scanned bytes,
 * else -1: binary data is full of them, while a text export with a stray NUL
 * (padding left by a converter) still decodes and has it reported per cell.
 */
function denseNul(head: Uint8Array): number {
  const first = head.indexOf(0);
  if (first < 0) return -1;
  let count = 0;
  for (let i = first; i < head.length; i++) if (head[i] === 0) count++;
  return count * 100 > head.length ? first : -1;
}

/**
 * Null on any failure. Besides invalid data, decoders throw when the text would
 * exceed V8's string length limit (the ICU-backed ones report that as invalid
 * data), so callers confirm with a validator before blaming the bytes.
 */
function tryDecode(decoder: TextDecoder, bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * BOM-less UTF-16: ASCII characters (tabs, newlines, digits) put a NUL in the high
 * byte of their code unit. A few CJK code units have a NUL low byte (一 is U+4E00,
 * and common), so require a clear majority on one side, not exclusivity, plus a
 * minimum density. Binary data with NULs spread over both sides fails the majority.
 */
function sniffUtf16(bytes: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(bytes.length, UTF16_SNIFF_BYTES) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const min = Math.max(2, n >> 5); // at least one code unit in 16
  if (odd >= min && odd > 2 * even) return 'le';
  if (even >= min && even > 2 * odd) return 'be';
  return null;
}

/**
 * Offset of the first byte of the first ill-formed sequence under the WHATWG
 * UTF-8 decoder (overlongs, surrogates and > U+10FFFF rejected), or -1.
 */
function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const x = b[i];
    if (x < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (x >= 0xc2 && x <= 0xdf) need = 1;
    else if (x >= 0xe0 && x <= 0xef) {
      need = 2;
      if (x === 0xe0) lo = 0xa0;
      else if (x === 0xed) hi = 0x9f;
    } else if (x >= 0xf0 && x <= 0xf4) {
      need = 3;
      if (x === 0xf0) lo = 0x90;
      else if (x === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= n) return i;
    const y = b[i + 1];
    if (y < lo || y > hi) return i;
    for (let k = 2; k <= need; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Same for the WHATWG GB18030 decoder: 0x00-0x80 single bytes, lead 0x81-0xFE
 * with a trail in 0x40-0x7E / 0x80-0xFE, or a four-byte sequence whose pointer
 * falls inside the mapped ranges.
 */
function firstInvalidGb18030(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const x = b[i];
    if (x <= 0x80) {
      i++;
      continue;
    }
    if (x === 0xff || i + 1 >= n) return i;
    const y = b[i + 1];
    if ((y >= 0x40 && y <= 0x7e) || (y >= 0x80 && y <= 0xfe)) {
      i += 2;
      continue;
    }
    if (y < 0x30 || y > 0x39 || i + 3 >= n) return i;
    const z = b[i + 2];
    const w = b[i + 3];
    if (z < 0x81 || z > 0xfe || w < 0x30 || w > 0x39) return i;
    const pointer = (x - 0x81) * 12600 + (y - 0x30) * 1260 + (z - 0x81) * 10 + (w - 0x30);
    if ((pointer > 39419 && pointer < 189000) || pointer > 1237575) return i;
    i += 4;
  }
  return -1;
}

/** Byte offset of the first unpaired surrogate code unit at or after start, or -1. */
function firstInvalidUtf16(b: Uint8Array, start: number, le: boolean): number {
  const n = b.length - 1;
  const unit = (i: number) => (le ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
  for (let i = start; i < n; i += 2) {
    const u = unit(i);
    if (u < 0xd800 || u > 0xdfff) continue;
    if (u >= 0xdc00 || i + 2 >= n) return i;
    const v = unit(i + 2);
    if (v < 0xdc00 || v > 0xdfff) return i;
    i += 2;
  }
  return -1;
}

function hasNonAscii(bytes: Uint8Array, end: number): boolean {
  for (let i = 0; i < end; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function invalid(message: string, byteOffset: number): DecodeResult {
  return fail('invalid-encoding', message, byteOffset);
}

function tooLong(): DecodeResult {
  return fail('input-too-large', 'decoded text would exceed the maximum JavaScript string length', 0, { stringLength: true });
}

function fail(code: DecodeErrorCode, message: string, byteOffset: number, detail?: Record<string, unknown>): DecodeResult {
  return detail === undefined ? { ok: false, code, message, byteOffset } : { ok: false, code, message, byteOffset, detail };
}

// ---- streams ------------------------------------------------------------------------

export type DecodeFailure = Extract<DecodeResult, { ok: false }>;

/** Decodes a byte stream piece by piece once its encoding is known. */
export interface StreamDecoder {
  readonly encoding: DecodedEncoding;
  /**
   * The text of the next bytes (an incomplete character waits for the next
   * call), or the failure, with the text of every byte before the one that
   * failed: how the bytes came in pieces never changes what is decoded.
   */
  write(bytes: Uint8Array): string | StreamFailure;
  /** The text left at the end of the stream, or the failure (a character cut off by the end), with the text before it. */
  end(): string | StreamFailure;
}

/** A failure of a stream decoder, and the text of the bytes before the offset it names. */
export type StreamFailure = DecodeFailure & { before: string };

const STREAM_DECODERS: Readonly<Record<DecodedEncoding, string>> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  gb18030: 'gb18030',
};

/** The first bytes of a stream, on which its encoding is decided (all of them when it is shorter). */
export const HEAD_BYTES = 64 * 1024;
/** Fewer first bytes that are enough when they hold some non-ASCII text: the first form comes out sooner. */
const HEAD_SHORT = 8 * 1024;

/**
 * How many first bytes the encoding is decided on, or null while more are
 * needed: the first 8 KiB when they hold a non-ASCII byte, else the first
 * 64 KiB, else all of a shorter input. It depends on the bytes only, never
 * on how they came in pieces.
 */
export function headLength(held: Uint8Array, complete: boolean): number | null {
  if (held.length >= HEAD_SHORT && hasNonAscii(held, HEAD_SHORT)) return HEAD_SHORT;
  if (held.length >= HEAD_BYTES) return HEAD_BYTES;
  return complete ? held.length : null;
}

/** The longest a character's bytes can be in these encodings, less one: what may wait for the next piece. */
const MAX_CARRY = 3;

/**
 * Detects the encoding of a stream from its first bytes, by the same rules as
 * `decode` (signature, override, BOM, BOM-less UTF-16, NUL density, UTF-8,
 * GB18030), and returns a decoder for the rest. `head` holds the first bytes;
 * `complete` says whether it is the whole input.
 */
export function streamDecoder(head: Uint8Array, complete: boolean, settings: DecodeSettings = {}): StreamDecoder | DecodeFailure {
  for (const [magic, what] of MAGIC) {
    if (startsWith(head, magic)) return fail('binary-input', `looks like ${what}, not a text export`, 0, { what }) as DecodeFailure;
  }
  const encoding = streamEncoding(head, complete, settings);
  if (typeof encoding !== 'string') return encoding;
  const skip = bomLength(head, encoding);
  const decoder = new TextDecoder(STREAM_DECODERS[encoding], { fatal: true, ignoreBOM: true });
  const maxBytes = settings.maxBytes ?? DEFAULT_MAX_BYTES;
  const name = encoding === 'gb18030' ? 'GB18030' : encoding.toUpperCase().replace('-BOM', '');
  let seen = 0;
  /** Bytes of a character the last piece ended inside of. */
  let carry = new Uint8Array(0);
  const firstInvalid = (bytes: Uint8Array) =>
    encoding === 'gb18030' ? firstInvalidGb18030(bytes) : encoding.startsWith('utf-16') ? firstInvalidUtf16(bytes, 0, encoding === 'utf-16le') : firstInvalidUtf8(bytes);
  const decodeWhole = encoding === 'utf-8' || encoding === 'utf-8-bom' ? decodeUtf8Text : (bytes: Uint8Array) => tryDecode(decoder, bytes);
  /** `bytes` start at stream offset `at`: the text of the longest run of whole characters, and what follows it. */
  const split = (bytes: Uint8Array, at: number): string | StreamFailure => {
    for (let cut = unfinishedTail(bytes, encoding); cut <= Math.min(MAX_CARRY, bytes.length); cut++) {
      const text = decodeWhole(bytes.subarray(0, bytes.length - cut));
      if (text === null) continue;
      const rest = bytes.subarray(bytes.length - cut);
      if (cut > 0 && !decodesAsPrefix(STREAM_DECODERS[encoding], rest, false)) break;
      carry = rest.slice();
      return text;
    }
    // A byte that is no part of any character: everything before it is decoded, nothing after.
    let bad = Math.max(0, firstInvalid(bytes));
    if (encoding.startsWith('utf-16')) bad -= bad % 2;
    const before = decodeWhole(bytes.subarray(0, bad)) ?? '';
    const offset = at + bad;
    return { ...(invalid(`not valid ${name} text (first invalid byte at offset ${offset})`, offset) as DecodeFailure), before };
  };
  return {
    encoding,
    write(bytes) {
      const at = seen;
      seen += bytes.length;
      if (seen > maxBytes) return { ...(fail('input-too-large', `input is more than the limit of ${maxBytes} bytes`, maxBytes, { maxBytes }) as DecodeFailure), before: '' };
      const body = at === 0 && skip > 0 ? bytes.subarray(skip) : bytes;
      const start = at === 0 ? skip : at;
      const joined = carry.length === 0 ? body : concatBytes(carry, body);
      return split(joined, start - carry.length);
    },
    end() {
      if (carry.length === 0) return '';
      const offset = seen - carry.length;
      return { ...(invalid(`text cut off inside a character at the end (offset ${offset})`, offset) as DecodeFailure), before: '' };
    },
  };
}

/**
 * How many of the last bytes certainly belong to a character the piece ends
 * inside of: cutting fewer leaves that character cut short, which cannot
 * decode, so the search for the longest decodable run starts there rather
 * than failing a decode of the whole piece for each. UTF-8 tells it from its
 * last lead byte, UTF-16 from an odd length; GB18030's trail bytes can also
 * lead, so it starts at none.
 */
function unfinishedTail(bytes: Uint8Array, encoding: DecodedEncoding): number {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return bytes.length % 2;
  if (encoding === 'gb18030') return 0;
  for (let back = 1; back <= Math.min(MAX_CARRY + 1, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function streamEncoding(head: Uint8Array, complete: boolean, settings: DecodeSettings): DecodedEncoding | DecodeFailure {
  if (settings.encoding != null) {
    const enc = OVERRIDES.get(settings.encoding.trim().toLowerCase());
    if (enc === undefined) {
      return fail('unknown-encoding', `unsupported encoding "${settings.encoding}" (expected utf-8, utf-16le, utf-16be, gb18030 or gbk)`, 0, { encoding: settings.encoding }) as DecodeFailure;
    }
    return enc === 'utf-8' && startsWith(head, UTF8_BOM) ? 'utf-8-bom' : enc;
  }
  if (startsWith(head, UTF8_BOM)) return 'utf-8-bom';
  if (startsWith(head, LE_BOM)) return 'utf-16le';
  if (startsWith(head, BE_BOM)) return 'utf-16be';
  const order = sniffUtf16(head);
  if (order !== null) return order === 'le' ? 'utf-16le' : 'utf-16be';
  const nul = denseNul(head.subarray(0, NUL_SCAN_BYTES));
  if (nul >= 0) return fail('binary-input', `NUL bytes from offset ${nul}: looks like a binary file, not a text export`, nul) as DecodeFailure;
  // An incomplete character at the end of a partial head is not an error yet.
  if (decodesAsPrefix('utf-8', head, complete)) return 'utf-8';
  if (decodesAsPrefix('gb18030', head, complete)) return 'gb18030';
  const badUtf8 = firstInvalidUtf8(head);
  const badGb = firstInvalidGb18030(head);
  const offset = hasNonAscii(head, Math.max(0, badUtf8)) ? badUtf8 : badGb;
  return invalid(`not valid UTF-8 or GB18030 text (first invalid byte at offset ${offset})`, offset) as DecodeFailure;
}

function decodesAsPrefix(encoding: string, head: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(head, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

function bomLength(head: Uint8Array, encoding: DecodedEncoding): number {
  if (encoding === 'utf-8-bom') return 3;
  if (encoding === 'utf-16le' && startsWith(head, LE_BOM)) return 2;
  if (encoding === 'utf-16be' && startsWith(head, BE_BOM)) return 2;
  return 0;
}

/**
 * Decodes bytes as a stream decoder does when they come in one piece: the
 * text up to the first byte that cannot be decoded (all of it when there is
 * none), and the failure there. The library's `parse` takes this path for
 * input that does not decode whole, so that it keeps what the stream keeps.
 */
export function decodePrefix(bytes: Uint8Array, settings: DecodeSettings = {}): { text: string; encoding: DecodedEncoding; failure: DecodeFailure | null } | DecodeFailure {
  const length = headLength(bytes, true)!;
  const decoder = streamDecoder(bytes.subarray(0, length), bytes.length <= length, settings);
  if ('code' in decoder) return decoder;
  const text = decoder.write(bytes);
  if (typeof text !== 'string') return { text: text.before, encoding: decoder.encoding, failure: text };
  const rest = decoder.end();
  if (typeof rest !== 'string') return { text: text + rest.before, encoding: decoder.encoding, failure: rest };
  return { text, encoding: decoder.encoding, failure: null };
}
