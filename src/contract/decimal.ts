/**
 * The exact decimal type every figure of the pipeline goes through, and the
 * reading and writing of decimal texts: a leaf, imported by the parser, the
 * checker and the report alike.
 */
import decimalModule, { type Decimal } from 'decimal.js';
import { RememberedMap, remembered } from './remembered.js';

/*
 * Under NodeNext, decimal.js's types read as CommonJS (the default import is
 * the module object), while at run time its ESM build's default export is the
 * constructor itself: take whichever this is.
 */
const DecimalConstructor = ((decimalModule as { Decimal?: unknown }).Decimal ?? decimalModule) as typeof decimalModule.Decimal;

/**
 * The pipeline's decimal: 64 significant digits (sums and products of figures
 * stay exact; only division rounds, far beyond any declared decimal), half-up
 * rounding, and plain notation for any magnitude a form can hold. A smaller
 * precision (34) was measured no faster on the checker's work, and would round
 * figures a form may well hold (a declared figure written with 40 digits).
 */
export const Dec = DecimalConstructor.clone({
  precision: 64,
  rounding: DecimalConstructor.ROUND_HALF_UP,
  toExpNeg: -64,
  toExpPos: 64,
});
export type Dec = Decimal;

/** Decimals as written in a plain decimal text: `90.00` → 2, `90` → 0. */
export function writtenDecimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/**
 * Decimals already parsed, by the text as given. A form repeats the same few
 * figures (0, 100, its weights) on every row and decimal.js values are
 * immutable, so one value serves every occurrence. Bounded: short texts only,
 * and emptied when full.
 */
const PARSED_LIMIT = 8192;
const PARSED = new RememberedMap<string, Dec | null>(PARSED_LIMIT);
const PARSED_MAX_LENGTH = 40;

export function parseDecimal(value: string | null | undefined): Dec | null {
  if (value == null) return null;
  const cached = PARSED.get(value);
  if (cached !== undefined) return cached;
  const trimmed = value.trim();
  const parsed = DECIMAL_PATTERN.test(trimmed) ? new Dec(trimmed) : null;
  if (value.length <= PARSED_MAX_LENGTH) PARSED.set(value, parsed);
  return parsed;
}

/** Plain notation with exactly `decimals` decimals, rounded half-up. */
export function toFixedString(value: Dec, decimals: number): string {
  return value.toFixed(decimals, Dec.ROUND_HALF_UP);
}

/** Plain notation, all digits kept: for figures that are exact (sums of declared values). */
export function toPlainString(value: Dec): string {
  return value.toFixed();
}

// ---------------------------------------------------------------------------
// Exact decimals: an integer coefficient and a scale

/**
 * An exact decimal as `coefficient × 10^-scale`, `scale` ≥ 0: a plain number
 * while the coefficient is a safe integer, a BigInt past it. The data every
 * exact decimal holds; {@link Exact} is the one class that holds it, and the
 * functions below take any value of this shape.
 */
export interface Scaled {
  readonly coefficient: number | bigint;
  readonly scale: number;
}

const PRECISION = 64;
const SAFE = Number.MAX_SAFE_INTEGER;
/** 10^0 … 10^15, each exact, and each product of one with a safe integer at most 2^53 exactly when it is safe. */
const POWERS = Array.from({ length: 16 }, (_, i) => 10 ** i);
const BIG_POWERS = Array.from({ length: 2 * PRECISION + 4 }, (_, i) => 10n ** BigInt(i));
const bigPower = (n: number): bigint => (n < BIG_POWERS.length ? BIG_POWERS[n] : 10n ** BigInt(n));
const BIG_SAFE = BigInt(SAFE);

const magnitude = (n: bigint): bigint => (n < 0n ? -n : n);

/** Digits of a non-negative integer (1 for 0), without writing it out below 10^131. */
function digitCount(n: bigint): number {
  if (n <= BIG_SAFE) return numberDigits(Number(n));
  const top = BIG_POWERS.length - 1;
  if (n >= BIG_POWERS[top]) return n.toString().length;
  let low = 16; // n ≥ 10^15 here: n has more than 15 digits
  let high = top; // n < 10^high
  while (low < high) {
    const middle = (low + high) >> 1;
    if (n < BIG_POWERS[middle]) high = middle;
    else low = middle + 1;
  }
  return low;
}

function numberDigits(n: number): number {
  let digits = 1;
  while (digits < POWERS.length && n >= POWERS[digits]) digits++;
  return digits < POWERS.length ? digits : String(n).length;
}

/**
 * An exact decimal with the arithmetic of {@link Dec} (decimal.js at 64
 * significant digits, half-up), one small object per result and none inside
 * an operation while the coefficients stay safe integers: sums, differences
 * and products exact up to 64 significant digits and rounded half-up past
 * them, quotients rounded half-up to 64 significant digits, comparisons and
 * roundings to a number of decimals as decimal.js makes them. Zero has no
 * sign (decimal.js's -0 writes and compares as 0). Immutable, so one value
 * serves every place that holds it. decimal.js stays the reference:
 * test/scaled-decimal.test.ts compares the two on random and adversarial operands.
 */
export class Exact implements Scaled {
  readonly coefficient: number | bigint;
  readonly scale: number;

  constructor(coefficient: number | bigint, scale: number) {
    this.coefficient = coefficient;
    this.scale = scale;
  }

  plus(other: Scaled): Exact {
    return scaledPlus(this, other);
  }

  minus(other: Scaled): Exact {
    return scaledMinus(this, other);
  }

  times(other: Scaled): Exact {
    return scaledTimes(this, other);
  }

  /** The quotient rounded half-up to 64 significant digits. The divisor must not be zero (every caller tests it first). */
  div(other: Scaled): Exact {
    const quotient = scaledDividedBy(this, other);
    if (quotient === null) throw new RangeError('Exact: division by zero');
    return quotient;
  }

  negated(): Exact {
    return scaledNegated(this);
  }

  abs(): Exact {
    return this.coefficient < 0 ? scaledNegated(this) : this;
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than the other. */
  cmp(other: Scaled): -1 | 0 | 1 {
    return scaledCompare(this, other);
  }

  eq(other: Scaled): boolean {
    return scaledCompare(this, other) === 0;
  }

  lt(other: Scaled): boolean {
    return scaledCompare(this, other) < 0;
  }

  lte(other: Scaled): boolean {
    return scaledCompare(this, other) <= 0;
  }

  gt(other: Scaled): boolean {
    return scaledCompare(this, other) > 0;
  }

  gte(other: Scaled): boolean {
    return scaledCompare(this, other) >= 0;
  }

  isZero(): boolean {
    return this.coefficient === 0 || this.coefficient === 0n;
  }

  /** Below zero (zero has no sign). */
  isNegative(): boolean {
    return this.coefficient < 0;
  }

  /** To `decimals` decimals, half-up (ties away from zero) as `Dec.toDecimalPlaces` rounds, or towards zero. */
  rounded(decimals: number, mode: 'half-up' | 'down' = 'half-up'): Exact {
    return scaledRounded(this, decimals, mode);
  }

  /** Plain notation: with exactly `decimals` decimals, rounded half-up, as `Dec.toFixed(decimals)`; without, every digit and no trailing zeros, as `Dec.toFixed()`. */
  toFixed(decimals?: number): string {
    return decimals === undefined ? scaledToPlain(this) : scaledToFixed(this, decimals);
  }

  toString(): string {
    return scaledToPlain(this);
  }
}

const exact = (coefficient: number | bigint, scale: number): Exact => new Exact(coefficient, scale);

export const SCALED_ZERO = exact(0, 0);
export const EXACT_ONE = exact(1, 0);
export const EXACT_HUNDRED = exact(100, 0);

/** A whole number (a safe integer) as an exact decimal. */
export function exactInteger(n: number): Exact {
  return n === 0 ? SCALED_ZERO : exact(n, 0);
}

/**
 * A figure from a BigInt coefficient: a number when it is safe; an operation's
 * result (`limited`) rounded half-up to 64 significant digits, a figure read
 * as it is written (decimal.js keeps every digit of a text it reads).
 */
function fromBig(coefficient: bigint, scale: number, limited = true): Exact {
  if (coefficient >= -BIG_SAFE && coefficient <= BIG_SAFE) return fromNumber(Number(coefficient), scale);
  if (!limited) return exact(coefficient, scale);
  const digits = digitCount(magnitude(coefficient));
  if (digits <= PRECISION) return exact(coefficient, scale);
  const drop = digits - PRECISION;
  const kept = roundBig(coefficient, drop, 'half-up');
  // Past 10^64 the coefficient keeps zeros in place of the digits rounded away, as decimal.js's exponent does.
  return scale - drop >= 0 ? fromBig(kept, scale - drop, false) : exact(kept * bigPower(drop - scale), 0);
}

/** A safe-integer coefficient (no negative zero). */
function fromNumber(coefficient: number, scale: number): Exact {
  return coefficient === 0 ? (scale === 0 ? SCALED_ZERO : exact(0, scale)) : exact(coefficient, scale);
}

/** `coefficient` ÷ 10^drop, rounded half-up (ties away from zero) or towards zero. */
function roundBig(coefficient: bigint, drop: number, mode: 'half-up' | 'down'): bigint {
  const divisor = bigPower(drop);
  const quotient = coefficient / divisor;
  if (mode === 'down') return quotient;
  // Half of the divisor: ties and above go away from zero.
  const remainder = coefficient % divisor;
  if (coefficient < 0n ? -remainder < halfOf(drop) : remainder < halfOf(drop)) return quotient;
  return coefficient < 0n ? quotient - 1n : quotient + 1n;
}

/** The coefficient scaled up by 10^by: exact, as a number while it stays safe. */
function scaledUp(coefficient: number | bigint, by: number): number | bigint {
  if (by === 0) return coefficient;
  if (typeof coefficient === 'number' && by < POWERS.length) {
    const product = coefficient * POWERS[by];
    if (Math.abs(product) <= SAFE) return product;
  }
  return BigInt(coefficient) * bigPower(by);
}

export function scaledPlus(a: Scaled, b: Scaled): Exact {
  const ca = a.coefficient;
  const cb = b.coefficient;
  // Adding zero to a number coefficient changes nothing (a BigInt one may have more than 64 digits to round).
  if (cb === 0 && typeof ca === 'number' && a instanceof Exact && a.scale >= b.scale) return a;
  if (ca === 0 && typeof cb === 'number' && b instanceof Exact && b.scale >= a.scale) return b;
  const scale = a.scale > b.scale ? a.scale : b.scale;
  const x = scaledUp(ca, scale - a.scale);
  const y = scaledUp(cb, scale - b.scale);
  if (typeof x === 'number' && typeof y === 'number') {
    const sum = x + y;
    if (Math.abs(sum) <= SAFE) return fromNumber(sum, scale);
  }
  return fromBig(BigInt(x) + BigInt(y), scale);
}

/**
 * A running sum: after each `add`, the sum `plus` would give added one value
 * after another, with no object per addition while the coefficients stay
 * safe integers.
 */
export class ExactSum implements Scaled {
  #coefficient: number | bigint = 0;
  #scale = 0;

  /** The sum so far, read as any exact decimal is (without making one). */
  get coefficient(): number | bigint {
    return this.#coefficient;
  }

  get scale(): number {
    return this.#scale;
  }

  add(value: Scaled): void {
    const c = this.#coefficient;
    const v = value.coefficient;
    if (typeof c === 'number' && typeof v === 'number') {
      const scale = this.#scale > value.scale ? this.#scale : value.scale;
      const x = scaledUp(c, scale - this.#scale);
      const y = scaledUp(v, scale - value.scale);
      if (typeof x === 'number' && typeof y === 'number') {
        const sum = x + y;
        if (Math.abs(sum) <= SAFE) {
          this.#coefficient = sum === 0 ? 0 : sum;
          this.#scale = scale;
          return;
        }
      }
    }
    const sum = scaledPlus({ coefficient: c, scale: this.#scale }, value);
    this.#coefficient = sum.coefficient;
    this.#scale = sum.scale;
  }

  /** Back to zero, for another sum. */
  clear(): void {
    this.#coefficient = 0;
    this.#scale = 0;
  }

  get value(): Exact {
    const c = this.#coefficient;
    return typeof c === 'number' ? fromNumber(c, this.#scale) : exact(c, this.#scale);
  }
}

export function scaledNegated(a: Scaled): Exact {
  const c = a.coefficient;
  if (c === 0 || c === 0n) return a instanceof Exact ? a : exact(0, a.scale);
  return exact(typeof c === 'number' ? -c : -c, a.scale);
}

export function scaledMinus(a: Scaled, b: Scaled): Exact {
  const ca = a.coefficient;
  const cb = b.coefficient;
  if (typeof ca === 'number' && typeof cb === 'number' && a.scale === b.scale) {
    const difference = ca - cb;
    if (Math.abs(difference) <= SAFE) return fromNumber(difference, a.scale);
  }
  return scaledPlus(a, scaledNegated(b));
}

export function scaledTimes(a: Scaled, b: Scaled): Exact {
  // Times one (a unit's factor of 1, a fraction capped at 100 %): the value itself, which is immutable (a safe-integer
  // coefficient has far fewer than 64 digits, so there is nothing to round).
  if (b.coefficient === 1 && b.scale === 0 && typeof a.coefficient === 'number' && a instanceof Exact) return a;
  if (a.coefficient === 1 && a.scale === 0 && typeof b.coefficient === 'number' && b instanceof Exact) return b;
  const scale = a.scale + b.scale;
  if (typeof a.coefficient === 'number' && typeof b.coefficient === 'number') {
    const product = a.coefficient * b.coefficient;
    if (Math.abs(product) <= SAFE) return fromNumber(product, scale);
  }
  // Times a power of ten (a rate times 100): the digits stay and the point moves, while they are 64 or fewer.
  const moved = typeof b.coefficient === 'number' ? pointMoved(a, b) : typeof a.coefficient === 'number' ? pointMoved(b, a) : null;
  if (moved !== null) return moved;
  return fromBig(BigInt(a.coefficient) * BigInt(b.coefficient), scale);
}

/**
 * a × b when b is 10^k (× 10^-scale) and a has at most 64 digits: a's digits with the point moved, which is
 * the product exactly (nothing to round); null otherwise, or when the point would move past a's last digit.
 */
function pointMoved(a: Scaled, b: Scaled): Exact | null {
  const exponent = TEN_EXPONENTS.get(b.coefficient as number);
  if (exponent === undefined) return null;
  const scale = a.scale + b.scale - exponent;
  if (scale < 0) return null;
  const c = a.coefficient;
  if (typeof c === 'number') return fromNumber(c, scale);
  return digitCount(magnitude(c)) <= PRECISION ? fromBig(c, scale, false) : null;
}

/** a ÷ b rounded half-up to 64 significant digits; null when b is zero. */
export function scaledDividedBy(a: Scaled, b: Scaled): Exact | null {
  const cb = b.coefficient;
  if (cb === 0 || cb === 0n) return null;
  const ca = a.coefficient;
  if (ca === 0 || ca === 0n) return SCALED_ZERO;
  // By a power of ten (±10^k × 10^-scale: 1, 100, 0.01): the digits stay, the point moves (past 64 digits they round,
  // as any result does).
  const exponent = typeof cb === 'number' ? TEN_EXPONENTS.get(cb < 0 ? -cb : cb) : undefined;
  if (exponent !== undefined) {
    const signed = cb > 0 ? a : scaledNegated(a);
    const scale = a.scale - b.scale + exponent;
    if (typeof signed.coefficient === 'number') return scale >= 0 ? fromNumber(signed.coefficient, scale) : fromBig(BigInt(signed.coefficient) * bigPower(-scale), 0);
    return scale >= 0 ? fromBig(signed.coefficient, scale) : fromBig(signed.coefficient * bigPower(-scale), 0);
  }
  if (typeof ca === 'number' && typeof cb === 'number') {
    const quotient = terminatingQuotient(ca, a.scale, cb, b.scale);
    if (quotient !== null) return quotient;
    // A quotient that repeats is worked out in BigInt digits: once per pair of figures (forms divide the same weights
    // by the same targets row after row), kept by the figures' coefficients and scales.
    const key = `${ca}:${a.scale}/${cb}:${b.scale}`;
    let known = QUOTIENTS.get(key);
    if (known === undefined) QUOTIENTS.set(key, (known = longQuotient(ca, a.scale, cb, b.scale)));
    return known;
  }
  return longQuotient(ca, a.scale, cb, b.scale);
}

/** k for each power of ten 10^k a safe integer can be (10^0 … 10^15). */
const TEN_EXPONENTS = new Map(POWERS.map((power, exponent) => [power, exponent]));

/** Repeating quotients of safe-integer figures already worked out, by `ca:sa/cb:sb` (immutable values, bounded). */
const QUOTIENTS = new RememberedMap<string, Exact>(4096);

/** (ca × 10^-sa) ÷ (cb × 10^-sb), neither zero, rounded half-up to 64 significant digits in BigInt digits. */
function longQuotient(ca: number | bigint, sa: number, cb: number | bigint, sb: number): Exact {
  const negative = ca < 0 !== cb < 0;
  const n = typeof ca === 'number' ? BigInt(Math.abs(ca)) : magnitude(ca);
  const d = typeof cb === 'number' ? BigInt(Math.abs(cb)) : magnitude(cb);
  // |a| ÷ |b| = (n × 10^sb) ÷ (d × 10^sa), taken times 10^shift so that the integer quotient has 65 digits or more.
  const denominator = sa === 0 ? d : d * bigPower(sa);
  const shift = Math.max(0, PRECISION + 1 + digitCount(denominator) - digitCount(n) - sb);
  const up = sb + shift;
  const quotient = (up === 0 ? n : n * bigPower(up)) / denominator;
  const drop = digitCount(quotient) - PRECISION;
  // Half-up: adding half a unit of the last digit kept, then dropping the rest. Only the digits dropped from the
  // truncated quotient decide it: the remainder after them cannot make them reach a half.
  const rounded = drop > 0 ? (quotient + halfOf(drop)) / bigPower(drop) : quotient;
  const scale = shift - Math.max(drop, 0);
  const signed = negative ? -rounded : rounded;
  return scale >= 0 ? fromBig(signed, scale, false) : fromBig(signed * bigPower(-scale), 0, false);
}

/** Half of 10^drop (5 × 10^(drop − 1)), drop ≥ 1. */
const HALVES = BIG_POWERS.map((power) => power * 5n);
const halfOf = (drop: number): bigint => (drop - 1 < HALVES.length ? HALVES[drop - 1] : 5n * bigPower(drop - 1));

/**
 * (ca × 10^-sa) ÷ (cb × 10^-sb) for safe-integer coefficients when the
 * quotient ends within 15 decimals and its coefficient stays safe (9.5 for
 * 19 ÷ 2, 0.75 for 3 ÷ 4): exact, so decimal.js gives it as it is; null
 * otherwise (a quotient that repeats, or too long for a number).
 */
function terminatingQuotient(ca: number, sa: number, cb: number, sb: number): Exact | null {
  let numerator = Math.abs(ca);
  let denominator = Math.abs(cb);
  const divisor = greatestCommonDivisor(numerator, denominator);
  numerator /= divisor;
  denominator /= divisor;
  // Only a denominator of twos and fives ends: 10^k ÷ denominator is then a whole number.
  let rest = denominator;
  let twos = 0;
  let fives = 0;
  while (rest % 2 === 0) {
    rest /= 2;
    twos++;
  }
  while (rest % 5 === 0) {
    rest /= 5;
    fives++;
  }
  const decimals = twos > fives ? twos : fives;
  if (rest !== 1 || decimals >= POWERS.length) return null;
  const coefficient = numerator * (POWERS[decimals] / denominator);
  if (coefficient > SAFE) return null;
  const signed = ca < 0 !== cb < 0 ? -coefficient : coefficient;
  const scale = decimals + sa - sb;
  return scale >= 0 ? fromNumber(signed, scale) : fromBig(BigInt(signed) * bigPower(-scale), 0);
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) {
    const rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function scaledCompare(a: Scaled, b: Scaled): -1 | 0 | 1 {
  const ca = a.coefficient;
  const cb = b.coefficient;
  if (a.scale === b.scale) return ca < cb ? -1 : ca > cb ? 1 : 0;
  // Signs first: most comparisons end here without scaling either side.
  const sa = ca < 0 ? -1 : ca > 0 ? 1 : 0;
  const sb = cb < 0 ? -1 : cb > 0 ? 1 : 0;
  if (sa !== sb) return sa < sb ? -1 : 1;
  const scale = a.scale > b.scale ? a.scale : b.scale;
  const x = scaledUp(ca, scale - a.scale);
  const y = scaledUp(cb, scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The figure to `decimals` decimals, half-up (ties away from zero) as `Dec.toDecimalPlaces` rounds, or towards zero. */
export function scaledRounded(a: Scaled, decimals: number, mode: 'half-up' | 'down' = 'half-up'): Exact {
  if (a.scale <= decimals) return a instanceof Exact ? a : exact(a.coefficient, a.scale);
  const drop = a.scale - decimals;
  const c = a.coefficient;
  if (typeof c === 'number' && drop < POWERS.length) {
    const divisor = POWERS[drop];
    const remainder = c % divisor;
    let quotient = (c - remainder) / divisor;
    if (mode === 'half-up' && Math.abs(remainder) * 2 >= divisor) quotient += c < 0 ? -1 : 1;
    return fromNumber(quotient, decimals);
  }
  // A figure is often rounded to the same decimals several times in a row (recomputed, compared, written): the last
  // such rounding of a BigInt coefficient is kept, the figures being immutable.
  if (a === lastRounded.from && decimals === lastRounded.decimals && mode === lastRounded.mode) return lastRounded.to;
  // decimal.js rounds to decimals here, not to its precision: every digit before them stays.
  const rounded = fromBig(roundBig(BigInt(c), drop, mode), decimals, false);
  if (a instanceof Exact) {
    lastRounded.from = a;
    lastRounded.decimals = decimals;
    lastRounded.mode = mode;
    lastRounded.to = rounded;
  }
  return rounded;
}

/** The last rounding of a figure with a BigInt coefficient (see scaledRounded). */
const lastRounded: { from: Exact | null; decimals: number; mode: 'half-up' | 'down'; to: Exact } = { from: null, decimals: 0, mode: 'half-up', to: new Exact(0, 0) };

/**
 * a compared with b × c, without making the product while the coefficients
 * stay safe integers: the same answer as `scaledCompare(a, scaledTimes(b, c))`
 * (a product of two safe integers within 2^53 is exact, so nothing rounds).
 */
export function scaledCompareTimes(a: Scaled, b: Scaled, c: Scaled): -1 | 0 | 1 {
  if (typeof b.coefficient === 'number' && typeof c.coefficient === 'number') {
    const product = b.coefficient * c.coefficient;
    if (Math.abs(product) <= SAFE) {
      PRODUCT.coefficient = product === 0 ? 0 : product;
      PRODUCT.scale = b.scale + c.scale;
      return scaledCompare(a, PRODUCT);
    }
  }
  return scaledCompare(a, scaledTimes(b, c));
}

/**
 * Whether |a − b| ≤ bound, without making the difference while the three
 * coefficients, brought to one scale, stay safe integers (the difference is
 * then exact, as `scaledMinus` makes it); otherwise as `scaledMinus(a, b)`,
 * its absolute value and a comparison give it.
 */
export function scaledWithin(a: Scaled, b: Scaled, bound: Scaled): boolean {
  const ca = a.coefficient;
  const cb = b.coefficient;
  const cd = bound.coefficient;
  if (typeof ca === 'number' && typeof cb === 'number' && typeof cd === 'number') {
    const scale = Math.max(a.scale, b.scale, bound.scale);
    const x = scaledUp(ca, scale - a.scale);
    const y = scaledUp(cb, scale - b.scale);
    const z = scaledUp(cd, scale - bound.scale);
    if (typeof x === 'number' && typeof y === 'number' && typeof z === 'number') {
      const gap = x - y;
      if (Math.abs(gap) <= SAFE) return Math.abs(gap) <= z;
    }
  }
  return scaledCompare(scaledMinus(a, b).abs(), bound) <= 0;
}

/** The one product scaledCompareTimes compares with (read at once, never kept). */
const PRODUCT: { coefficient: number | bigint; scale: number } = { coefficient: 0, scale: 0 };

/** Digits of a non-negative coefficient with a decimal point `scale` places from the right. */
function pointed(digits: string, scale: number): string {
  if (scale === 0) return digits;
  const padded = digits.length <= scale ? '0'.repeat(scale - digits.length + 1) + digits : digits;
  return `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
}

const absoluteDigits = (c: number | bigint): string => (typeof c === 'number' ? String(Math.abs(c)) : magnitude(c).toString());

/** Plain notation with exactly `decimals` decimals, rounded half-up: `Dec.toFixed(decimals)`, "-0.00" for a negative figure that rounds to zero included. */
export function scaledToFixed(a: Scaled, decimals: number): string {
  const c = a.coefficient;
  // A small figure with no more decimals than asked for (a score, a weight): its text is written once and kept.
  if (typeof c === 'number' && a.scale <= decimals && decimals < 16 && c < SMALL && c > -SMALL) {
    const key = (c * 16 + a.scale) * 16 + decimals;
    let text = FIXED.get(key);
    if (text === undefined) {
      text = fixedText(a, decimals);
      FIXED.set(key, text);
    }
    return text;
  }
  return fixedText(a, decimals);
}

/** Coefficients below this (in magnitude) key the texts kept by {@link scaledToFixed} with a small integer. */
const SMALL = 2 ** 21;
const FIXED = new RememberedMap<number, string>(8192);

function fixedText(a: Scaled, decimals: number): string {
  const rounded = scaledRounded(a, decimals);
  const digits = absoluteDigits(rounded.coefficient) + (decimals > rounded.scale ? '0'.repeat(decimals - rounded.scale) : '');
  return (a.coefficient < 0 ? '-' : '') + pointed(digits, decimals);
}

/** Plain notation, all digits kept and no trailing zeros after the point: `Dec.toFixed()`. */
export function scaledToPlain(a: Scaled): string {
  const c = a.coefficient;
  if (c === 0 || c === 0n) return '0';
  // A small figure (a weight, a sum of weights): its text is written once and kept.
  if (typeof c === 'number' && a.scale < 16 && c < SMALL && c > -SMALL) {
    const key = c * 16 + a.scale;
    let text = PLAIN.get(key);
    if (text === undefined) {
      text = plainText(a);
      PLAIN.set(key, text);
    }
    return text;
  }
  return plainText(a);
}

const PLAIN = new RememberedMap<number, string>(8192);

function plainText(a: Scaled): string {
  const c = a.coefficient;
  let digits = absoluteDigits(c);
  let scale = a.scale;
  if (scale > 0 && digits.endsWith('0')) {
    let end = digits.length;
    while (scale > 0 && digits.charCodeAt(end - 1) === 48) {
      end--;
      scale--;
    }
    digits = digits.slice(0, end);
  }
  return (c < 0 ? '-' : '') + pointed(digits, scale);
}

/** A figure from a plain decimal text (`-12.50`, `7`); null for any other text. */
export function readScaled(text: string): Exact | null {
  const trimmed = text.trim();
  if (!DECIMAL_PATTERN.test(trimmed)) return null;
  const negative = trimmed.charCodeAt(0) === 45;
  const start = negative ? 1 : 0;
  const point = trimmed.indexOf('.');
  // Up to 15 digits (most figures): the coefficient read digit by digit, exactly, without cutting the text.
  if (trimmed.length - start - (point < 0 ? 0 : 1) <= 15) {
    let coefficient = 0;
    for (let at = start; at < trimmed.length; at++) if (at !== point) coefficient = coefficient * 10 + (trimmed.charCodeAt(at) - 48);
    return fromNumber(negative ? -coefficient : coefficient, point < 0 ? 0 : trimmed.length - point - 1);
  }
  const unsigned = negative ? trimmed.slice(1) : trimmed;
  const dot = unsigned.indexOf('.');
  const digits = dot < 0 ? unsigned : unsigned.slice(0, dot) + unsigned.slice(dot + 1);
  const scale = dot < 0 ? 0 : unsigned.length - dot - 1;
  const figure = digits.length <= 15 ? fromNumber(Number(digits), scale) : fromBig(BigInt(digits), scale, false);
  return negative ? scaledNegated(figure) : figure;
}

/**
 * The figure of a decimal, read from decimal.js's own fields (digits in base
 * 10^7 words, the exponent of the first digit, the sign), without a text in
 * between; trailing zeros after the point dropped. Null for NaN and infinities.
 */
export function scaledOf(value: Dec): Exact | null {
  const { d: words, e: exponent, s: sign } = value as unknown as { d: number[] | null; e: number; s: number };
  if (!words) return null;
  let first = words[0];
  let firstLength = 1;
  while (first >= 10) {
    first = Math.floor(first / 10);
    firstLength++;
  }
  const length = firstLength + 7 * (words.length - 1);
  let coefficient: number | bigint;
  if (length <= 15) {
    let c = 0;
    for (const word of words) c = c * 1e7 + word;
    coefficient = c;
  } else {
    let c = 0n;
    for (const word of words) c = c * 10000000n + BigInt(word);
    coefficient = c;
  }
  // value = coefficient × 10^(exponent − length + 1)
  let scale = length - 1 - exponent;
  if (scale < 0) {
    coefficient = scaledUp(coefficient, -scale);
    scale = 0;
  }
  if (typeof coefficient === 'number') {
    while (scale > 0 && coefficient !== 0 && coefficient % 10 === 0) {
      coefficient /= 10;
      scale--;
    }
  }
  const figure = typeof coefficient === 'number' ? fromNumber(coefficient, scale) : fromBig(coefficient, scale, false);
  return sign < 0 ? scaledNegated(figure) : figure;
}

/** The figure as a decimal, where the pipeline's decimals are wanted. */
export function scaledToDec(a: Scaled): Dec {
  return new Dec(scaledToPlain(a));
}

/** Exact decimals already read, by the text as given (bounded as {@link parseDecimal}'s): immutable, one value serves every occurrence. */
const SCALED = new RememberedMap<string, Exact | null>(PARSED_LIMIT);

/** `parseDecimal`'s reading as an exact decimal: the text trimmed, plain notation only; null for any other text. */
export function parseScaled(value: string | null | undefined): Exact | null {
  if (value == null) return null;
  const short = value.length <= SHORT_LENGTH ? shortFigure(value) : undefined;
  if (short !== undefined) return short;
  const cached = SCALED.get(value);
  if (cached !== undefined) return cached;
  const parsed = readScaled(value);
  if (value.length <= PARSED_MAX_LENGTH) SCALED.set(value, parsed);
  return parsed;
}

/** Texts of at most this many characters are read by {@link shortFigure}: 13 digits at most, a coefficient below 2^44. */
const SHORT_LENGTH = 13;

/**
 * A short plain figure (`6`, `-2.5`, `98.62`: no space around it), read in one
 * scan and kept in a slot found from its coefficient and scale (no text to
 * hash, no map to search): undefined for any other text, left to the reading
 * by text.
 */
function shortFigure(text: string): Exact | undefined {
  const length = text.length;
  const negative = text.charCodeAt(0) === 45;
  let coefficient = 0;
  let digits = 0;
  let point = -1;
  for (let at = negative ? 1 : 0; at < length; at++) {
    const code = text.charCodeAt(at);
    if (code >= 48 && code <= 57) {
      coefficient = coefficient * 10 + (code - 48);
      digits++;
    } else if (code === 46 && point < 0 && digits > 0) {
      point = at;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || point === length - 1) return undefined;
  const scale = point < 0 ? 0 : length - point - 1;
  // Zero has no sign: -0.00 is 0.00.
  const c = negative && coefficient !== 0 ? -coefficient : coefficient;
  const slot = ((coefficient % 4093) * 16 + scale + (c < 0 ? SHORT_SLOTS / 2 : 0)) & (SHORT_SLOTS - 1);
  const known = SHORT_FIGURES[slot];
  if (known !== undefined && known.coefficient === c && known.scale === scale) return known;
  const figure = fromNumber(c, scale);
  SHORT_FIGURES[slot] = figure;
  return figure;
}

/**
 * Short figures already read, each in its slot (a figure read later into the
 * same slot takes it): immutable, so one value serves every text of the same
 * digits and scale while it stays.
 */
const SHORT_SLOTS = 4096;
const SHORT_FIGURES: Array<Exact | undefined> = new Array<Exact | undefined>(SHORT_SLOTS).fill(undefined);
remembered({ clear: () => SHORT_FIGURES.fill(undefined) });

/** The value of a figure (a parsed cell) as an exact decimal; null when it has none. */
export function exactValue(figure: { value: string | null } | null | undefined): Exact | null {
  return parseScaled(figure?.value);
}
