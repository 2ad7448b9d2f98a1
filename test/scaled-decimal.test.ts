/**
 * Scaled decimals (coefficient and scale) against decimal.js, the reference:
 * every operation, on random and adversarial operands, gives the decimal
 * decimal.js gives under the pipeline's settings (64 significant digits,
 * half-up), compared as decimal.js writes them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Dec,
  scaledCompare,
  scaledDividedBy,
  scaledMinus,
  scaledOf,
  scaledPlus,
  scaledRounded,
  scaledTimes,
  scaledToDec,
  scaledToFixed,
  scaledToPlain,
  readScaled,
  type Scaled,
} from '../src/contract/decimal.js';

/** A decimal text: `intDigits` digits before the point, `fraction` after, either sign. */
const decimalText = (intDigits: fc.Arbitrary<string>, fraction: fc.Arbitrary<string>) =>
  fc.tuple(fc.boolean(), intDigits, fraction).map(([negative, whole, part]) => `${negative ? '-' : ''}${whole.replace(/^0+(?=\d)/, '')}${part ? `.${part}` : ''}`);

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Figures as forms hold them: a few digits, a few decimals. */
const everyday = decimalText(digits(1, 9), digits(0, 4));
/** Long figures: past 2^53, past 64 significant digits. */
const long = decimalText(digits(1, 70), digits(0, 40));
/** At the edges: around 2^53 and 10^15, halves and nines at the rounding place, zeros. */
const edge = fc.constantFrom(
  '0',
  '-0',
  '0.5',
  '-0.5',
  '0.005',
  '-0.005',
  '0.0049999',
  '2.675',
  '-2.675',
  '9007199254740991',
  '9007199254740992',
  '-9007199254740993',
  '900719925474099.1',
  '999999999999999',
  '1000000000000000',
  '99999999999999999999',
  '0.000000000000000000000000000000000000001',
  '9'.repeat(64),
  '9'.repeat(65),
  `0.${'9'.repeat(64)}`,
  `1${'0'.repeat(63)}5`,
  `-1${'0'.repeat(63)}5`,
  '123456789012345.678',
  '3',
  '7',
  '100',
);
const operand = fc.oneof({ arbitrary: everyday, weight: 4 }, { arbitrary: long, weight: 2 }, { arbitrary: edge, weight: 2 });

function figure(text: string): Scaled {
  const read = readScaled(text);
  if (read === null) throw new Error(`not a decimal: ${text}`);
  return read;
}

/** Both as decimal.js writes them: the value (`toFixed()`) and nothing else. */
function same(actual: Scaled, expected: InstanceType<typeof Dec>): void {
  expect(scaledToPlain(actual)).toBe(expected.toFixed());
}

const RUNS = { numRuns: 3000 };

describe('figures give what decimal.js gives', () => {
  it('reads a text and writes it back as decimal.js does', () => {
    fc.assert(fc.property(operand, (a) => {
          same(figure(a), new Dec(a));
        }), RUNS);
  });

  it('adds, subtracts and multiplies', () => {
    fc.assert(
      fc.property(operand, operand, (a, b) => {
        same(scaledPlus(figure(a), figure(b)), new Dec(a).plus(b));
        same(scaledMinus(figure(a), figure(b)), new Dec(a).minus(b));
        same(scaledTimes(figure(a), figure(b)), new Dec(a).times(b));
      }),
      RUNS,
    );
  });

  it('divides, rounding to 64 significant digits', () => {
    fc.assert(
      fc.property(operand, operand, (a, b) => {
        const quotient = scaledDividedBy(figure(a), figure(b));
        if (new Dec(b).isZero()) expect(quotient).toBeNull();
        else same(quotient!, new Dec(a).div(b));
      }),
      RUNS,
    );
  });

  it('compares', () => {
    fc.assert(fc.property(operand, operand, (a, b) => {
          expect(scaledCompare(figure(a), figure(b))).toBe(new Dec(a).cmp(b));
        }), RUNS);
  });

  it('rounds half-up and towards zero, and writes a fixed number of decimals', () => {
    fc.assert(
      fc.property(operand, fc.integer({ min: 0, max: 20 }), (a, decimals) => {
        same(scaledRounded(figure(a), decimals), new Dec(a).toDecimalPlaces(decimals, Dec.ROUND_HALF_UP));
        same(scaledRounded(figure(a), decimals, 'down'), new Dec(a).toDecimalPlaces(decimals, Dec.ROUND_DOWN));
        expect(scaledToFixed(figure(a), decimals)).toBe(new Dec(a).toFixed(decimals, Dec.ROUND_HALF_UP));
      }),
      RUNS,
    );
  });

  it('reads a decimal.js value from its fields, whatever operation made it', () => {
    fc.assert(
      fc.property(operand, operand, (a, b) => {
        for (const value of [new Dec(a), new Dec(a).plus(b), new Dec(a).times(b), new Dec(b).isZero() ? new Dec(a) : new Dec(a).div(b)]) {
          same(scaledOf(value)!, value);
          expect(scaledToDec(scaledOf(value)!).eq(value)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('keeps a rounding case that a float would get wrong', () => {
    // 2.675 is 2.67499999… as a double; exactly, it rounds half-up to 2.68.
    expect(scaledToFixed(figure('2.675'), 2)).toBe('2.68');
    expect(scaledToFixed(figure('-0.001'), 2)).toBe('-0.00');
    expect(scaledToPlain(scaledPlus(figure('9007199254740991'), figure('1')))).toBe('9007199254740992');
  });
});
