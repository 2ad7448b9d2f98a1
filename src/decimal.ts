/** The exact decimal type every figure of the pipeline goes through: a leaf, imported by the parser and the checker alike. */
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
