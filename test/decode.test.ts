import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decode, streamDecoder, type DecodeResult, type StreamFailure } from '../src/parse/decode.js';

const TEXT = '项目名称\t一般管理事务\n年度资金总额\t10380629.85\n';

const bytes = (...parts: ArrayLike<number>[]): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) out.push(...Array.from(p));
  return Uint8Array.from(out);
};
const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string) => Uint8Array.from(Buffer.from(s, 'utf16le'));
const utf16be = (s: string) => Uint8Array.from(Buffer.from(s, 'utf16le').swap16());
const gb = (s: string, enc = 'gb18030') => Uint8Array.from(iconv.encode(s, enc));

const decodes = (enc: string, b: Uint8Array): boolean => {
  try {
    new TextDecoder(enc, { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};

function expectOk(r: DecodeResult, text: string, encoding: string) {
  expect(r).toEqual({ ok: true, text, encoding });
}

function expectError(r: DecodeResult, code: string, byteOffset: number) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.code).toBe(code);
  expect(r.byteOffset).toBe(byteOffset);
}

describe('detection', () => {
  test('plain UTF-8', () => {
    expectOk(decode(utf8(TEXT)), TEXT, 'utf-8');
  });

  test('empty input is UTF-8', () => {
    expectOk(decode(new Uint8Array(0)), '', 'utf-8');
  });

  test('UTF-8 with BOM: BOM stripped', () => {
    expectOk(decode(bytes([0xef, 0xbb, 0xbf], utf8(TEXT))), TEXT, 'utf-8-bom');
  });

  test('only one UTF-8 BOM is stripped', () => {
    expectOk(decode(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], utf8('A'))), '\ufeffA', 'utf-8-bom');
  });

  test('UTF-16LE with BOM', () => {
    expectOk(decode(bytes([0xff, 0xfe], utf16le(TEXT))), TEXT, 'utf-16le');
  });

  test('UTF-16BE with BOM', () => {
    expectOk(decode(bytes([0xfe, 0xff], utf16be(TEXT))), TEXT, 'utf-16be');
  });

  test('UTF-16 BOM detection does not depend on NUL density', () => {
    // No ASCII at all, so no NUL bytes: only the BOM identifies it.
    expectOk(decode(bytes([0xff, 0xfe], utf16le('项目名称'))), '项目名称', 'utf-16le');
  });

  test('BOM-less UTF-16LE', () => {
    const b = utf16le(TEXT);
    expect(b.indexOf(0)).toBeGreaterThanOrEqual(0); // would otherwise trip the NUL check
    expectOk(decode(b), TEXT, 'utf-16le');
  });

  test('BOM-less UTF-16BE', () => {
    expectOk(decode(utf16be(TEXT)), TEXT, 'utf-16be');
  });

  test('BOM-less UTF-16LE whose CJK code units contain NUL bytes (一 = U+4E00)', () => {
    const s = '一级指标\t二级指标\t三级指标\n' + '一'.repeat(3) + TEXT;
    expectOk(decode(utf16le(s)), s, 'utf-16le');
  });

  test('GB18030', () => {
    const s = TEXT + '€ 𠀀 ¥\n'; // € and a four-byte sequence (U+20000)
    const b = gb(s);
    expect(decodes('utf-8', b)).toBe(false);
    expectOk(decode(b), s, 'gb18030');
  });

  test('GBK-encoded Chinese text that is not valid UTF-8', () => {
    const b = gb(TEXT, 'gbk');
    expect(decodes('utf-8', b)).toBe(false);
    expectOk(decode(b), TEXT, 'gb18030');
  });

  test('ASCII-only input is UTF-8', () => {
    expectOk(decode(utf8('total\t10380629.85\n')), 'total\t10380629.85\n', 'utf-8');
  });
});

describe('binary input', () => {
  test('PNG header', () => {
    const r = decode(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expectError(r, 'binary-input', 0);
    if (!r.ok) expect(r.message).toMatch(/PNG image/);
  });

  test.each([
    ['ZIP / xlsx', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], /ZIP/],
    ['old xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], /Office/],
    ['gzip', [0x1f, 0x8b, 0x08, 0x00], /gzip/],
  ])('%s header', (_name, header, pattern) => {
    const r = decode(bytes(header, utf8(TEXT)));
    expectError(r, 'binary-input', 0);
    if (!r.ok) expect(r.message).toMatch(pattern);
  });

  test('magic numbers are refused even with an encoding override', () => {
    expectError(decode(bytes([0x89, 0x50, 0x4e, 0x47], utf8(TEXT)), { encoding: 'utf-8' }), 'binary-input', 0);
  });

  test('dense NUL bytes in the first 8 KB report the offset of the first', () => {
    const head = utf8(TEXT);
    const r = decode(bytes(head, [0, 0, 0, 0, 1, 0, 0, 0], utf8(TEXT)));
    expectError(r, 'binary-input', head.length);
    if (!r.ok) expect(r.message).toContain(`offset ${head.length}`);
  });

  test('a stray NUL in a text export decodes (the rows stage reports it)', () => {
    const head = utf8(TEXT.repeat(4));
    const r = decode(bytes(head, [0], utf8(TEXT.repeat(4))));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.text).toContain('\0');
  });

  test('a NUL byte after the first 8 KB is not a binary marker (and is valid UTF-8)', () => {
    const pad = utf8('a'.repeat(8192));
    const r = decode(bytes(pad, [0], utf8('b')));
    expect(r.ok).toBe(true);
  });
});

describe('invalid encoding', () => {
  test('GB text followed by a lone 0xFF: offset of the 0xFF', () => {
    const text = gb(TEXT);
    const b = bytes(text, [0xff]);
    expect(decodes('utf-8', b)).toBe(false);
    expect(decodes('gb18030', b)).toBe(false);
    const r = decode(b);
    expectError(r, 'invalid-encoding', text.length);
    expect(b[text.length]).toBe(0xff);
    if (!r.ok) expect(r.message).toBe(`not valid UTF-8 or GB18030 text (first invalid byte at offset ${text.length})`);
  });

  test('GB text with a truncated double-byte character at the end', () => {
    const text = gb(TEXT);
    const b = bytes(text, gb('额').subarray(0, 1));
    expect(decodes('gb18030', b)).toBe(false);
    expectError(decode(b), 'invalid-encoding', text.length);
  });

  test('UTF-8 text with a truncated three-byte sequence at the end', () => {
    const text = utf8(TEXT);
    const b = bytes(text, utf8('项').subarray(0, 1));
    expect(decodes('utf-8', b)).toBe(false);
    expect(decodes('gb18030', b)).toBe(false);
    const r = decode(b);
    expectError(r, 'invalid-encoding', text.length);
    if (!r.ok) expect(r.message).toContain(`offset ${text.length}`);
  });

  test('UTF-8 text with a bad byte in the middle reports the UTF-8 offset', () => {
    const head = utf8('项目名称\t');
    const b = bytes(head, [0xff], utf8('一般管理事务\n'));
    expect(decodes('gb18030', b)).toBe(false);
    expectError(decode(b), 'invalid-encoding', head.length);
  });

  test('UTF-16 with an odd number of bytes: offset of the last byte', () => {
    const b = bytes([0xff, 0xfe], utf16le(TEXT), [0x41]);
    const r = decode(b);
    expectError(r, 'invalid-encoding', b.length - 1);
    if (!r.ok) expect(r.message).toContain(`offset ${b.length - 1}`);
  });

  test('BOM-less UTF-16LE with an odd number of bytes', () => {
    const b = bytes(utf16le(TEXT), [0x0a]);
    expectError(decode(b), 'invalid-encoding', b.length - 1);
  });

  test('UTF-16BE with an unpaired surrogate', () => {
    const head = bytes([0xfe, 0xff], utf16be('项目'));
    const b = bytes(head, [0xd8, 0x00], utf16be('名称'));
    expectError(decode(b), 'invalid-encoding', head.length);
  });

  test('UTF-16LE with a trailing high surrogate', () => {
    const head = bytes([0xff, 0xfe], utf16le('项目'));
    const b = bytes(head, [0x3d, 0xd8]);
    expectError(decode(b), 'invalid-encoding', head.length);
  });

  test('a UTF-8 BOM followed by invalid UTF-8 reports an absolute offset', () => {
    const head = bytes([0xef, 0xbb, 0xbf], utf8('项目'));
    const r = decode(bytes(head, [0xc0, 0x80]));
    expectError(r, 'invalid-encoding', head.length);
    if (!r.ok) expect(r.message).toMatch(/UTF-8/);
  });
});

describe('encoding override', () => {
  test('gbk is an alias of gb18030', () => {
    expectOk(decode(gb(TEXT, 'gbk'), { encoding: 'gbk' }), TEXT, 'gb18030');
  });

  test('override names are case-insensitive', () => {
    expectOk(decode(gb(TEXT), { encoding: 'GB18030' }), TEXT, 'gb18030');
  });

  test('override beats detection: valid UTF-8 read as GB18030', () => {
    const b = utf8('项目');
    expectOk(decode(b), '项目', 'utf-8');
    const r = decode(b, { encoding: 'gb18030' });
    expectOk(r, new TextDecoder('gb18030').decode(b), 'gb18030');
  });

  test('utf-16le override on BOM-less data with no NULs', () => {
    expectOk(decode(utf16le('项目名称'), { encoding: 'utf-16le' }), '项目名称', 'utf-16le');
  });

  test('utf-16be override strips a matching BOM', () => {
    expectOk(decode(bytes([0xfe, 0xff], utf16be(TEXT)), { encoding: 'utf-16be' }), TEXT, 'utf-16be');
  });

  test('utf-8 override reports a BOM', () => {
    expectOk(decode(bytes([0xef, 0xbb, 0xbf], utf8(TEXT)), { encoding: 'utf-8' }), TEXT, 'utf-8-bom');
  });

  test('null encoding means detect', () => {
    expectOk(decode(gb(TEXT), { encoding: null }), TEXT, 'gb18030');
  });

  test('utf-8 override on GB bytes fails at the first GB byte', () => {
    const head = utf8('Project\t');
    const r = decode(bytes(head, gb(TEXT)), { encoding: 'utf-8' });
    expectError(r, 'invalid-encoding', head.length);
  });

  test('gb18030 override on bad data reports the offset', () => {
    const text = gb(TEXT);
    expectError(decode(bytes(text, [0x81, 0x7f]), { encoding: 'gb18030' }), 'invalid-encoding', text.length);
  });

  // Edges of the GB18030 four-byte ranges: pointers 39419/39420, 188999/189000, 1237575/1237576.
  test.each([
    [[0x84, 0x31, 0xa4, 0x39], '\uffff'],
    [[0x84, 0x31, 0xa5, 0x30], null],
    [[0x8f, 0x39, 0xfe, 0x39], null],
    [[0x90, 0x30, 0x81, 0x30], '\u{10000}'],
    [[0xe3, 0x32, 0x9a, 0x35], '\u{10ffff}'],
    [[0xe3, 0x32, 0x9a, 0x36], null],
  ])('gb18030 four-byte sequence %j', (seq, expected) => {
    const head = gb('项目');
    const r = decode(bytes(head, seq), { encoding: 'gb18030' });
    if (expected === null) expectError(r, 'invalid-encoding', head.length);
    else expectOk(r, '项目' + expected, 'gb18030');
  });

  test('unknown encoding name', () => {
    const r = decode(utf8(TEXT), { encoding: 'latin1' });
    expectError(r, 'unknown-encoding', 0);
    if (!r.ok) expect(r.message).toContain('latin1');
  });

  test('names inherited from Object.prototype are not encodings', () => {
    expectError(decode(utf8(TEXT), { encoding: 'constructor' }), 'unknown-encoding', 0);
  });
});

describe('size limit', () => {
  test('input larger than maxBytes', () => {
    const r = decode(utf8(TEXT), { maxBytes: 16 });
    expectError(r, 'input-too-large', 16);
  });

  test('input of exactly maxBytes is accepted', () => {
    const b = utf8(TEXT);
    expectOk(decode(b, { maxBytes: b.length }), TEXT, 'utf-8');
  });

  test('size is checked before anything else', () => {
    expectError(decode(bytes([0x89, 0x50, 0x4e, 0x47, 0, 0]), { maxBytes: 4 }), 'input-too-large', 4);
  });
});

// Byte soup biased towards lead, trail and four-byte-sequence bytes of both encodings.
// The leading 'A' keeps a random array from starting with a binary magic number.
const interesting = [
  0x00, 0x0a, 0x30, 0x35, 0x39, 0x40, 0x41, 0x7e, 0x7f, 0x80, 0x81, 0x84, 0x8f, 0x90, 0x9f, 0xa0, 0xa1, 0xbf, 0xc0,
  0xc2, 0xcf, 0xdf, 0xe0, 0xe3, 0xe9, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5, 0xfe, 0xff,
];
const soup = fc
  .array(fc.oneof(fc.constantFrom(...interesting), fc.integer({ min: 0, max: 255 })), { maxLength: 40 })
  .map((a) => Uint8Array.from([0x41, ...a]));

/** Largest k such that the first k bytes decode: the start of the first bad sequence. */
function lastValidPrefix(enc: string, b: Uint8Array): number {
  for (let k = b.length; k >= 0; k--) if (decodes(enc, b.subarray(0, k))) return k;
  return -1;
}

describe('properties', () => {
  test.each(['utf-8', 'gb18030'])('%s override agrees with TextDecoder and pins the first bad byte', (enc) => {
    fc.assert(
      fc.property(soup, (b) => {
        const r = decode(b, { encoding: enc });
        if (decodes(enc, b)) {
          expect(r).toEqual({ ok: true, text: new TextDecoder(enc).decode(b), encoding: enc });
        } else {
          expect(r.ok).toBe(false);
          if (r.ok) return;
          expect(r.code).toBe('invalid-encoding');
          expect(r.byteOffset).toBe(lastValidPrefix(enc, b));
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('utf-16le override agrees with TextDecoder on even-length input', () => {
    const units = fc.array(
      fc.oneof(fc.constantFrom(0xd800, 0xdbff, 0xdc00, 0xdfff, 0x4e00, 0x0041), fc.integer({ min: 0, max: 0xffff })),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(units, (us) => {
        const b = new Uint8Array(Uint16Array.from([0x41, ...us]).buffer); // little-endian host
        const r = decode(b, { encoding: 'utf-16le' });
        if (decodes('utf-16le', b)) {
          expect(r).toEqual({ ok: true, text: new TextDecoder('utf-16le').decode(b), encoding: 'utf-16le' });
        } else {
          expect(r.ok).toBe(false);
          if (r.ok) return;
          expect(r.code).toBe('invalid-encoding');
          expect(r.byteOffset).toBe(lastValidPrefix('utf-16le', b));
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('detection never throws, and successful results match TextDecoder', () => {
    fc.assert(
      fc.property(soup, (b) => {
        const r = decode(b);
        if (!r.ok) {
          expect(['binary-input', 'invalid-encoding']).toContain(r.code);
          if (r.code === 'invalid-encoding') {
            expect(r.byteOffset).toBeGreaterThanOrEqual(0);
            expect(r.byteOffset).toBeLessThan(b.length);
          }
          return;
        }
        const label = r.encoding === 'utf-8-bom' ? 'utf-8' : r.encoding;
        expect(r.text).toBe(new TextDecoder(label).decode(b));
      }),
      { numRuns: 2000 },
    );
  });

  test.each(['utf-8', 'gb18030', 'utf-16le'])('%s read in pieces cut anywhere gives the whole decode: its text, or its failure and the text before it', (enc) => {
    fc.assert(
      fc.property(soup, fc.array(fc.nat(), { maxLength: 6 }), (b, at) => {
        const whole = decode(b, { encoding: enc });
        const stream = streamDecoder(b, true, { encoding: enc });
        if (!('write' in stream)) return void expect(whole.ok).toBe(false);
        const cuts = [...new Set(at.map((n) => n % (b.length + 1)))].sort((x, y) => x - y);
        let text = '';
        let failure: StreamFailure | null = null;
        let from = 0;
        for (const cut of [...cuts, b.length]) {
          const piece = stream.write(b.subarray(from, cut));
          from = cut;
          if (typeof piece !== 'string') {
            failure = piece;
            break;
          }
          text += piece;
        }
        if (failure === null) {
          const end = stream.end();
          if (typeof end !== 'string') failure = end;
        }
        if (whole.ok) {
          expect(failure).toBeNull();
          expect(text).toBe(whole.text);
        } else {
          expect(failure?.byteOffset).toBe(whole.byteOffset);
          expect(text + (failure?.before ?? '')).toBe(new TextDecoder(enc).decode(b.subarray(0, whole.byteOffset)));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
