import { comparable, inBaseUnit } from '../../src/check/units.js';
import { Exact, scaledOf, scaledToDec, type Dec } from '../../src/contract/decimal.js';

/** A quantity as a test states it: a decimal.js value (the reference) or an exact decimal. */
interface Quantity {
  value: Dec | Exact;
  unit: string | null;
}

const exact = (value: Dec | Exact): Exact => (value instanceof Exact ? value : scaledOf(value)!);

/** Both quantities in their family's base unit, as the checker converts them before comparing; null when not comparable. */
export function inSharedUnit(target: Quantity, actual: Quantity) {
  if (!comparable(target.unit, actual.unit)) return null;
  // Given back as decimal.js values, for the tests' reference arithmetic.
  return { target: scaledToDec(inBaseUnit(exact(target.value), target.unit, actual.unit)), actual: scaledToDec(inBaseUnit(exact(actual.value), actual.unit, target.unit)) };
}
