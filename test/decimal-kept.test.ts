/**
 * What the exact decimals keep or make without an object, against decimal.js
 * and against the plain operations: the fixed and plain texts kept for small
 * figures (asked again at other scales and decimals, in any order), a running
 * sum read as a figure, a comparison with a product or a distance not made, and the last
 * rounding of a long figure given again only for the same decimals and mode.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, Exact, ExactSum, readScaled, scaledCompare, scaledCompareTimes, scaledMinus, scaledRounded, scaledTimes, scaledToFixed, scaledToPlain, scaledWithin } from '../src/contract/decimal.js';

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const text = (whole: fc.Arbitrary<string>, fraction: fc.Arbitrary<string>) =>
  fc.tuple(fc.boolean(), whole, fraction).map(([negative, w, f]) => `${negative ? '-' : ''}${w.replace(/^0+(?=\d)/, '')}${f ? `.${f}` : ''}`);
/** Small figures: the texts kept are keyed by their coefficient and scale. */
const small = text(digits(1, 5), digits(0, 4));
const long = text(digits(1, 40), digits(0, 40));

describe('texts kept for small figures', () => {
  it('writes each figure to any decimals as decimal.js does, however often and in whatever order it is asked', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(small, fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 40 }), (asks) => {
        // Twice over: the second round reads what the first kept.
        for (const [written, decimals] of [...asks, ...asks.slice().reverse()]) {
          const figure = readScaled(written)!;
          expect(scaledToFixed(figure, decimals)).toBe(new Dec(written).toFixed(decimals, Dec.ROUND_HALF_UP));
          expect(scaledToPlain(figure)).toBe(new Dec(written).toFixed());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart one coefficient at other scales (5, 0.5, 0.05) and other decimals', () => {
    const asked = [
      [new Exact(5, 0), 2, '5.00'],
      [new Exact(5, 1), 2, '0.50'],
      [new Exact(5, 2), 2, '0.05'],
      [new Exact(5, 2), 3, '0.050'],
      [new Exact(-5, 1), 1, '-0.5'],
      [new Exact(5, 1), 1, '0.5'],
      [new Exact(5, 0), 0, '5'],
    ] as const;
    for (const [figure, decimals, expected] of [...asked, ...asked]) expect(scaledToFixed(figure, decimals)).toBe(expected);
    for (const [figure, , ] of asked) expect(scaledToPlain(figure)).toBe(new Dec(`${figure.coefficient}e-${figure.scale}`).toFixed());
  });
});

describe('a running sum read as a figure', () => {
  it('writes as the figure it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(small, long), { minLength: 0, maxLength: 12 }), fc.integer({ min: 0, max: 8 }), (terms, decimals) => {
        const sum = new ExactSum();
        for (const term of terms) sum.add(readScaled(term)!);
        expect(scaledToPlain(sum)).toBe(scaledToPlain(sum.value));
        expect(scaledToFixed(sum, decimals)).toBe(scaledToFixed(sum.value, decimals));
        sum.clear();
        expect(scaledToPlain(sum)).toBe('0');
      }),
      { numRuns: 300 },
    );
  });
});

describe('a figure against a product', () => {
  it('compares as against the product made', () => {
    fc.assert(
      fc.property(fc.oneof(small, long), fc.oneof(small, long), fc.oneof(small, long), (a, b, c) => {
        const [x, y, z] = [readScaled(a)!, readScaled(b)!, readScaled(c)!];
        expect(scaledCompareTimes(x, y, z)).toBe(scaledCompare(x, scaledTimes(y, z)));
        // A figure equal to the product compares equal to it.
        const product = scaledTimes(y, z);
        expect(scaledCompareTimes(product, y, z)).toBe(0);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a distance within a bound', () => {
  it('is told as by the difference made', () => {
    fc.assert(
      fc.property(fc.oneof(small, long), fc.oneof(small, long), fc.oneof(small, long), (a, b, c) => {
        const [x, y, bound] = [readScaled(a)!, readScaled(b)!, readScaled(c)!.abs()];
        expect(scaledWithin(x, y, bound)).toBe(scaledCompare(scaledMinus(x, y).abs(), bound) <= 0);
        expect(scaledWithin(x, y, scaledMinus(x, y).abs())).toBe(true);
      }),
      { numRuns: 1000 },
    );
    // At the bound, just past it, at other scales.
    expect(scaledWithin(new Exact(101, 2), new Exact(1, 0), new Exact(1, 2))).toBe(true);
    expect(scaledWithin(new Exact(1, 0), new Exact(1011, 3), new Exact(1, 2))).toBe(false);
    expect(scaledWithin(new Exact(-5, 1), new Exact(5, 1), new Exact(1, 0))).toBe(true);
  });
});

describe('the last rounding of a long figure', () => {
  it('is given again only for the same decimals and mode', () => {
    fc.assert(
      fc.property(long, fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.boolean()), { minLength: 1, maxLength: 8 }), (written, asks) => {
        const figure = readScaled(written)!;
        for (const [decimals, down] of [...asks, ...asks]) {
          const rounded = scaledRounded(figure, decimals, down ? 'down' : 'half-up');
          const reference = new Dec(written).toDecimalPlaces(decimals, down ? Dec.ROUND_DOWN : Dec.ROUND_HALF_UP);
          expect(scaledToPlain(rounded)).toBe(reference.toFixed());
        }
      }),
      { numRuns: 300 },
    );
  });
});
