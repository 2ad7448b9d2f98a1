/**
 * The CLI's UTF-8 output: text, whole or in parts, becomes the bytes
 * Buffer.from gives for the whole text, and the bytes are the caller's own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../src/cli/utf8.js';

const part = fc.string({ unit: fc.constantFrom('a', '"', '\n', '中', '绩', '\u00e9', '😀', '\ud800', '\udfff'), maxLength: 40 });

describe('utf8Bytes', () => {
  it('encodes text, whole or in parts, as Buffer.from encodes it whole', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        const whole = Buffer.from(parts.join(''), 'utf8');
        expect(utf8Bytes(parts.join(''))).toEqual(whole);
        // Parts split no pair: every part is a text of its own.
        if (parts.every((p) => p.isWellFormed())) expect(utf8Bytes(parts)).toEqual(whole);
      }),
      { numRuns: 2000 },
    );
  });

  it('copies a part already encoded where it stands among the others', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(part.filter((p) => p.isWellFormed()), fc.boolean()), { maxLength: 6 }), (drawn) => {
        const parts = drawn.map(([text, encoded]) => (encoded ? new TextEncoder().encode(text) : text));
        expect(utf8Bytes(parts)).toEqual(Buffer.from(drawn.map(([text]) => text).join(''), 'utf8'));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives bytes the next call does not overwrite, and grows for a long text', () => {
    const first = utf8Bytes(['绩效', '自评']);
    const long = '项'.repeat(100_000);
    const second = utf8Bytes([long, 'x']);
    expect(first.toString('utf8')).toBe('绩效自评');
    expect(second.length).toBe(300_001);
    expect(second.toString('utf8')).toBe(long + 'x');
  });
});
