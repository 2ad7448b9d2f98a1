import { comparable, inBaseUnit, type Quantity } from '../../src/check/units.js';

/** Both quantities in their family's base unit, as the checker converts them before comparing; null when not comparable. */
export function inSharedUnit(target: Quantity, actual: Quantity) {
  if (!comparable(target.unit, actual.unit)) return null;
  return { target: inBaseUnit(target.value, target.unit, actual.unit), actual: inBaseUnit(actual.value, actual.unit, target.unit) };
}
