/**
 * Whether a form's grades can be given at all. A grade is given only to a
 * total there is: the declared grade when the form declares its total, the
 * recomputed one when the form states some score to recompute from (a
 * results-only or suspended form states none, and a total of 0 made of
 * nothing is no grade). Elsewhere a reader is told 无法评级.
 */
import type { Form, Indicator } from '../contract/schema.js';
import { figureValue } from '../contract/decimal.js';

export function gradability(form: Form, indicators: readonly Indicator[] = form.indicators ?? []): { declared: boolean; recomputed: boolean } {
  const declared = form.summary?.declaredTotal != null;
  const fundsTotal = form.funds?.rows?.find((row) => row?.kind === 'total') ?? null;
  const scored = indicators.some((indicator) => figureValue(indicator?.score ?? null) !== null) || figureValue(fundsTotal?.score ?? null) !== null;
  return { declared, recomputed: scored && form.summary?.recomputedTotal != null };
}
