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
  Exact,
  ExactSum,
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
  parseScaled,
  readScaled,
  type Scaled,
} from '../src/contract/decimal.js';
import { Random } from './support/template-gen.js';

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

function figure(text: string): Exact {
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

  it('divides and multiplies figures of the same digits at other scales, and the same figures again, each as decimal.js does', () => {
    // Repeating quotients are kept by their operands (1 ÷ 3 and 0.1 ÷ 3 share digits, not a quotient); a power of ten
    // only moves the point, up to 64 digits (past them the product rounds).
    const texts = ['1', '0.1', '0.01', '10', '100', '-100', '-0.01', '3', '0.3', '30', '7', '0.07', '-3', '12.5', '1.25', '123456789012.34567', '9'.repeat(64), `1${'0'.repeat(63)}5`, `0.${'9'.repeat(64)}`];
    for (let round = 0; round < 2; round++) {
      for (const a of texts) {
        for (const b of texts) {
          same(scaledDividedBy(figure(a), figure(b))!, new Dec(a).div(b));
          same(scaledTimes(figure(a), figure(b)), new Dec(a).times(b));
          same(scaledTimes(scaledDividedBy(figure(a), figure(b))!, figure(b)), new Dec(a).div(b).times(b));
        }
      }
    }
  });

  it('reads a figure remembered as it reads a new one, whatever the text around it', () => {
    const text = fc.oneof(
      operand,
      fc.tuple(fc.constantFrom('', ' ', '-', '.', '0', '00'), fc.oneof(operand, digits(0, 14)), fc.constantFrom('', ' ', '.', '.0', '-', 'a', '%')).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        for (let round = 0; round < 2; round++) {
          const read = readScaled(t);
          const remembered = parseScaled(t);
          if (read === null) expect(remembered).toBeNull();
          else expect([scaledToPlain(remembered!), remembered!.scale]).toEqual([scaledToPlain(read), read.scale]);
        }
      }),
      RUNS,
    );
    for (const t of ['-0', '-0.00', '0', '0.00', '-5', '5', '-.5', '5.', '.5', '-', '', '1.2.3', '0012.50', '9999999999999', '-999999999.99']) {
      const read = readScaled(t);
      expect(parseScaled(t) === null, t).toBe(read === null);
      if (read !== null) expect([scaledToPlain(parseScaled(t)!), parseScaled(t)!.scale], t).toEqual([scaledToPlain(read), read.scale]);
    }
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

/** A seeded generator (template-gen's mulberry32): the same numbers on every run. */
function generator(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

/** Random and adversarial decimal texts: everyday figures, long and huge and tiny ones, exact ties, the edges of 2^53, zeros. */
function operandTexts(random: () => number): () => string {
  const int = (max: number) => Math.floor(random() * max);
  const digitRun = (length: number) => {
    let text = '';
    for (let i = 0; i < length; i++) text += String(int(10));
    return text;
  };
  const signed = (text: string) => (random() < 0.3 ? `-${text}` : text);
  const plain = (whole: string, fraction: string) => `${whole.replace(/^0+(?=\d)/, '') || '0'}${fraction === '' ? '' : `.${fraction}`}`;
  const kinds: Array<() => string> = [
    // everyday: a few digits, a few decimals
    () => signed(plain(digitRun(1 + int(9)), digitRun(int(5)))),
    () => signed(plain(digitRun(1 + int(3)), digitRun(int(3)))),
    // many digits: past 2^53, past 64 significant digits
    () => signed(plain(digitRun(1 + int(70)), digitRun(int(40)))),
    // huge: digits and then zeros, past 10^64
    () => signed(plain(`${1 + int(9)}${digitRun(int(20))}${'0'.repeat(int(60))}`, '')),
    // tiny: zeros after the point, then digits
    () => signed(`0.${'0'.repeat(int(70))}${1 + int(9)}${digitRun(int(10))}`),
    // exact ties: a 5 at the last place, after 0–6 decimals
    () => signed(plain(digitRun(1 + int(6)), `${digitRun(int(6))}5`)),
    // nines at the rounding place
    () => signed(plain(digitRun(1 + int(3)), `${'9'.repeat(1 + int(8))}${int(10)}`)),
    // around 2^53 and 10^15
    () => signed(String(9007199254740991n + BigInt(int(5)) - 2n)),
    () => signed(plain(String(999999999999999 - int(3)), digitRun(int(3)))),
    () => signed('900719925474099.1'),
    // zero, written several ways
    () => ['0', '-0', '0.000', '-0.0'][int(4)],
    // the figures a form holds most: 100, weights, rates
    () => ['100', '10', '3', '7', '0.5', '99.99', '1'][int(7)],
  ];
  return () => kinds[int(kinds.length)]();
}

describe('a million operations against decimal.js', () => {
  it('adds, subtracts, multiplies, divides, compares, rounds and keeps running sums as decimal.js does, results fed back as operands', () => {
    const random = generator(20261207);
    const nextText = operandTexts(random);
    /** Results of earlier operations, both ways, used again as operands: a rounded quotient, a long product. */
    const pool: Array<[Exact, InstanceType<typeof Dec>]> = [];
    const operand = (): [Exact, InstanceType<typeof Dec>] => {
      if (pool.length > 0 && random() < 0.25) return pool[Math.floor(random() * pool.length)];
      const text = nextText();
      return [figure(text), new Dec(text)];
    };
    const keep = (pair: [Exact, InstanceType<typeof Dec>]) => {
      if (pool.length < 512) pool.push(pair);
      else pool[Math.floor(random() * pool.length)] = pair;
    };
    let operations = 0;
    const mismatches: string[] = [];
    const expectSame = (what: string, actual: string, expected: string) => {
      operations++;
      if (actual !== expected && mismatches.length < 10) mismatches.push(`${what}: ${actual} ≠ ${expected}`);
    };
    // A running sum of every first operand, both ways: what a form's column of figures adds up to.
    let running = new ExactSum();
    let runningDec = new Dec(0);
    for (let round = 0; round < 130_000; round++) {
      const [a, da] = operand();
      const [b, db] = operand();
      if (round % 64 === 0) {
        running = new ExactSum();
        runningDec = new Dec(0);
      }
      running.add(a);
      runningDec = runningDec.plus(da);
      expectSame(`Σ … + ${da}`, running.value.toFixed(), runningDec.toFixed());
      const decimals = Math.floor(random() * 9);
      const sum = a.plus(b);
      const difference = a.minus(b);
      const product = a.times(b);
      expectSame(`${da} + ${db}`, sum.toFixed(), da.plus(db).toFixed());
      expectSame(`${da} − ${db}`, difference.toFixed(), da.minus(db).toFixed());
      const exactProduct = da.times(db);
      expectSame(`${da} × ${db}`, product.toFixed(), exactProduct.toFixed());
      if (!db.isZero()) {
        const quotient = a.div(b);
        const exactQuotient = da.div(db);
        expectSame(`${da} ÷ ${db}`, quotient.toFixed(), exactQuotient.toFixed());
        if (round % 4 === 0) keep([quotient, exactQuotient]);
      }
      expectSame(`cmp ${da} ${db}`, String(a.cmp(b)), String(da.cmp(db)));
      expectSame(`${da} to ${decimals} half-up`, a.rounded(decimals).toFixed(), da.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP).toFixed());
      expectSame(`${da} to ${decimals} down`, a.rounded(decimals, 'down').toFixed(), da.toDecimalPlaces(decimals, Dec.ROUND_DOWN).toFixed());
      expectSame(`${da} fixed ${decimals}`, a.toFixed(decimals), da.toFixed(decimals, Dec.ROUND_HALF_UP));
      if (round % 8 === 0) keep([product, exactProduct]);
    }
    expect(mismatches).toEqual([]);
    expect(operations).toBeGreaterThan(1_000_000);
  });
});
