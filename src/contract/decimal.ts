/**
 * The exact decimal type every figure of the pipeline goes through, and the
 * reading and writing of decimal texts: a leaf, imported by the parser, the
 * checker and the report alike.
 */
import decimalModule, { type Decimal } from 'decimal.js';

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

/** Whether text is a decimal in plain notation once trimmed (no Decimal built). */
export function isDecimalText(value: string | null | undefined): value is string {
  return value != null && DECIMAL_PATTERN.test(value.trim());
}

/**
 * Decimals already parsed, by the text as given. A form repeats the same few
 * figures (0, 100, its weights) on every row and decimal.js values are
 * immutable, so one value serves every occurrence. Bounded: short texts only,
 * and emptied when full.
 */
const PARSED = new Map<string, Dec | null>();
const PARSED_LIMIT = 8192;
const PARSED_MAX_LENGTH = 40;

export function parseDecimal(value: string | null | undefined): Dec | null {
  if (value == null) return null;
  const cached = PARSED.get(value);
  if (cached !== undefined) return cached;
  const trimmed = value.trim();
  const parsed = DECIMAL_PATTERN.test(trimmed) ? new Dec(trimmed) : null;
  if (value.length <= PARSED_MAX_LENGTH) {
    if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
    PARSED.set(value, parsed);
  }
  return parsed;
}

/** The value of a figure (a parsed cell), as a decimal; null when it has none. */
export function figureValue(figure: { value: string | null } | null | undefined): Dec | null {
  return parseDecimal(figure?.value);
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
// Scaled decimals: an integer coefficient and a scale

/**
 * An exact decimal as `coefficient × 10^-scale`, `scale` ≥ 0: a plain number
 * while the coefficient is a safe integer, a BigInt past it. The checker's
 * sums and roundings run on these instead of decimal.js objects (one small
 * object per result, none inside an operation), with the results decimal.js
 * gives under {@link Dec}'s settings: sums, differences and products exact up
 * to 64 significant digits and rounded half-up past them, quotients rounded
 * half-up to 64 significant digits. Zero has no sign. decimal.js stays the
 * reference (test/scaled-decimal.test.ts compares the two on random and adversarial
 * operands).
 */
export interface Scaled {
  readonly coefficient: number | bigint;
  readonly scale: number;
}

const PRECISION = 64;
const SAFE = Number.MAX_SAFE_INTEGER;
/** 10^0 … 10^15, each exact, and each product of one with a safe integer at most 2^53 exactly when it is safe. */
const POWERS = Array.from({ length: 16 }, (_, i) => 10 ** i);
const BIG_POWERS = Array.from({ length: 2 * PRECISION + 2 }, (_, i) => 10n ** BigInt(i));
const bigPower = (n: number): bigint => (n < BIG_POWERS.length ? BIG_POWERS[n] : 10n ** BigInt(n));

export const SCALED_ZERO: Scaled = { coefficient: 0, scale: 0 };

const magnitude = (n: bigint): bigint => (n < 0n ? -n : n);

/**
 * A figure from a BigInt coefficient: a number when it is safe; an operation's
 * result (`limited`) rounded half-up to 64 significant digits, a figure read
 * as it is written (decimal.js keeps every digit of a text it reads).
 */
function fromBig(coefficient: bigint, scale: number, limited = true): Scaled {
  if (coefficient >= -9007199254740991n && coefficient <= 9007199254740991n) return { coefficient: Number(coefficient), scale };
  if (!limited) return { coefficient, scale };
  const digits = magnitude(coefficient).toString().length;
  if (digits <= PRECISION) return { coefficient, scale };
  const drop = digits - PRECISION;
  const kept = roundBig(coefficient, drop, 'half-up');
  // Past 10^64 the coefficient keeps zeros in place of the digits rounded away, as decimal.js's exponent does.
  return scale - drop >= 0 ? fromBig(kept, scale - drop, false) : { coefficient: kept * bigPower(drop - scale), scale: 0 };
}

/** `coefficient` ÷ 10^drop, rounded half-up (ties away from zero) or towards zero. */
function roundBig(coefficient: bigint, drop: number, mode: 'half-up' | 'down'): bigint {
  const divisor = bigPower(drop);
  const quotient = coefficient / divisor;
  if (mode === 'down') return quotient;
  const remainder = magnitude(coefficient % divisor);
  if (remainder * 2n < divisor) return quotient;
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

function fromSum(sum: number | bigint, scale: number): Scaled {
  if (typeof sum === 'number') return { coefficient: sum === 0 ? 0 : sum, scale };
  return fromBig(sum, scale);
}

export function scaledPlus(a: Scaled, b: Scaled): Scaled {
  const scale = a.scale > b.scale ? a.scale : b.scale;
  const x = scaledUp(a.coefficient, scale - a.scale);
  const y = scaledUp(b.coefficient, scale - b.scale);
  if (typeof x === 'number' && typeof y === 'number') {
    const sum = x + y;
    if (Math.abs(sum) <= SAFE) return fromSum(sum, scale);
  }
  return fromBig(BigInt(x) + BigInt(y), scale);
}

export function scaledNegated(a: Scaled): Scaled {
  return typeof a.coefficient === 'number' ? { coefficient: a.coefficient === 0 ? 0 : -a.coefficient, scale: a.scale } : { coefficient: -a.coefficient, scale: a.scale };
}

export function scaledMinus(a: Scaled, b: Scaled): Scaled {
  return scaledPlus(a, scaledNegated(b));
}

export function scaledTimes(a: Scaled, b: Scaled): Scaled {
  const scale = a.scale + b.scale;
  if (typeof a.coefficient === 'number' && typeof b.coefficient === 'number') {
    const product = a.coefficient * b.coefficient;
    if (Math.abs(product) <= SAFE) return fromSum(product, scale);
  }
  return fromBig(BigInt(a.coefficient) * BigInt(b.coefficient), scale);
}

/** a ÷ b rounded half-up to 64 significant digits; null when b is zero. */
export function scaledDividedBy(a: Scaled, b: Scaled): Scaled | null {
  if (b.coefficient === 0 || b.coefficient === 0n) return null;
  if (a.coefficient === 0 || a.coefficient === 0n) return SCALED_ZERO;
  const negative = a.coefficient < 0 !== b.coefficient < 0;
  // |a| ÷ |b| = (|ca| × 10^sb) ÷ (|cb| × 10^sa): scaled by 10^shift so that the integer quotient has 65 digits or more.
  const numerator = magnitude(BigInt(a.coefficient)) * bigPower(b.scale);
  const denominator = magnitude(BigInt(b.coefficient)) * bigPower(a.scale);
  const shift = Math.max(0, PRECISION + 2 + denominator.toString().length - numerator.toString().length);
  const quotient = (numerator * bigPower(shift)) / denominator;
  const drop = quotient.toString().length - PRECISION;
  // Only the first digit dropped decides a half-up rounding: the digits after it, and the remainder, cannot make it reach a half.
  const rounded = drop > 0 ? roundBig(quotient, drop, 'half-up') : quotient;
  const scale = shift - Math.max(drop, 0);
  const signed = negative ? -rounded : rounded;
  return scale >= 0 ? fromBig(signed, scale, false) : fromBig(signed * bigPower(-scale), 0, false);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function scaledCompare(a: Scaled, b: Scaled): -1 | 0 | 1 {
  const scale = a.scale > b.scale ? a.scale : b.scale;
  const x = scaledUp(a.coefficient, scale - a.scale);
  const y = scaledUp(b.coefficient, scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The figure to `decimals` decimals, half-up (ties away from zero) as `Dec.toDecimalPlaces` rounds, or towards zero. */
export function scaledRounded(a: Scaled, decimals: number, mode: 'half-up' | 'down' = 'half-up'): Scaled {
  if (a.scale <= decimals) return a;
  const drop = a.scale - decimals;
  const c = a.coefficient;
  if (typeof c === 'number' && drop < POWERS.length) {
    const divisor = POWERS[drop];
    const remainder = c % divisor;
    let quotient = (c - remainder) / divisor;
    if (mode === 'half-up' && Math.abs(remainder) * 2 >= divisor) quotient += c < 0 ? -1 : 1;
    return { coefficient: quotient === 0 ? 0 : quotient, scale: decimals };
  }
  return fromBig(roundBig(BigInt(c), drop, mode), decimals);
}

/** Digits of a non-negative coefficient with a decimal point `scale` places from the right. */
function pointed(digits: string, scale: number): string {
  if (scale === 0) return digits;
  const padded = digits.length <= scale ? '0'.repeat(scale - digits.length + 1) + digits : digits;
  return `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
}

const absoluteDigits = (c: number | bigint): string => (typeof c === 'number' ? String(Math.abs(c)) : magnitude(c).toString());

/** Plain notation with exactly `decimals` decimals, rounded half-up: `Dec.toFixed(decimals)`, "-0.00" for a negative figure that rounds to zero included. */
export function scaledToFixed(a: Scaled, decimals: number): string {
  const rounded = scaledRounded(a, decimals);
  const digits = absoluteDigits(rounded.coefficient) + '0'.repeat(decimals - rounded.scale);
  return (a.coefficient < 0 ? '-' : '') + pointed(digits, decimals);
}

/** Plain notation, all digits kept and no trailing zeros after the point: `Dec.toFixed()`. */
export function scaledToPlain(a: Scaled): string {
  let digits = absoluteDigits(a.coefficient);
  let scale = a.scale;
  while (scale > 0 && digits.length > 1 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale--;
  }
  if (digits === '0') return '0';
  return (a.coefficient < 0 ? '-' : '') + pointed(digits, scale);
}

/** A figure from a plain decimal text (`-12.50`, `7`); null for any other text. */
export function readScaled(text: string): Scaled | null {
  const trimmed = text.trim();
  if (!DECIMAL_PATTERN.test(trimmed)) return null;
  const negative = trimmed.startsWith('-');
  const unsigned = negative ? trimmed.slice(1) : trimmed;
  const dot = unsigned.indexOf('.');
  const digits = dot < 0 ? unsigned : unsigned.slice(0, dot) + unsigned.slice(dot + 1);
  const scale = dot < 0 ? 0 : unsigned.length - dot - 1;
  const figure = digits.length <= 15 ? { coefficient: Number(digits), scale } : fromBig(BigInt(digits), scale, false);
  return negative ? scaledNegated(figure) : figure;
}

/**
 * The figure of a decimal, read from decimal.js's own fields (digits in base
 * 10^7 words, the exponent of the first digit, the sign), without a text in
 * between; trailing zeros after the point dropped. Null for NaN and infinities.
 */
export function scaledOf(value: Dec): Scaled | null {
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
  const figure = typeof coefficient === 'number' ? { coefficient, scale } : fromBig(coefficient, scale, false);
  return sign < 0 ? scaledNegated(figure) : figure;
}

/** The figure as a decimal, where the pipeline's decimals are wanted. */
export function scaledToDec(a: Scaled): Dec {
  return new Dec(scaledToPlain(a));
}

/** Scaled decimals already read, by the text as given (bounded as {@link parseDecimal}'s). */
const SCALED = new Map<string, Scaled | null>();

/** `parseDecimal`'s reading as a scaled decimal: the text trimmed, plain notation only. */
export function parseScaled(value: string | null | undefined): Scaled | null {
  if (value == null) return null;
  const cached = SCALED.get(value);
  if (cached !== undefined) return cached;
  const parsed = readScaled(value);
  if (value.length <= PARSED_MAX_LENGTH) {
    if (SCALED.size >= PARSED_LIMIT) SCALED.clear();
    SCALED.set(value, parsed);
  }
  return parsed;
}
