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
