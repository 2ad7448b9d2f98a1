/** Units of targets and actuals compared: which compare, and in what base unit (the units themselves are src/tables/units.ts). */
import { Exact, readScaled } from '../contract/decimal.js';
import { COUNT_SCALES, UNIT_TABLE, type UnitDefinition } from '../tables/units.js';
import { remembered, rememberedByText } from '../contract/remembered.js';

/**
 * How far apart (as a ratio) a bare figure and a money figure may be before
 * reading the bare one in the other's unit is taken as a guess gone wrong
 * (`95000` against `≤10万元`): three orders of magnitude.
 */
export const SCALE_GAP = new Exact(1000, 0);

const UNITS_BY_NAME: ReadonlyMap<string, UnitDefinition> = new Map(UNIT_TABLE.map((d) => [d.unit, d]));

/** Trims and folds full-width forms (％ → %); an empty unit is no unit. */
export function normalizeUnit(unit: string | null | undefined): string | null {
  if (unit == null) return null;
  const folded = unit.replace(/\s+/g, '').replace(/％/g, '%');
  return folded === '' ? null : folded;
}

export function unitDefinition(unit: string | null | undefined): UnitDefinition | null {
  if (unit == null) return null;
  return DEFINITIONS(unit);
}

/**
 * Each unit text's definition, read once: a comparison asks for it per figure of every row. Units are few in any
 * real batch; the bound keeps a hostile one from growing the memo without end.
 */
const DEFINITIONS = rememberedByText(defineUnit, 4096);

function defineUnit(unit: string): UnitDefinition | null {
  const name = normalizeUnit(unit);
  if (name === null) return null;
  const known = UNITS_BY_NAME.get(name);
  if (known !== undefined) return known;
  // 万人, 万人次, 万亩: a count unit times its scale, comparable with the unit itself.
  for (const [scale, factor] of COUNT_SCALES) {
    const base = name.slice(scale.length);
    if (name.startsWith(scale) && base !== '' && !COUNT_SCALES.some(([other]) => base.startsWith(other))) {
      const definition = UNITS_BY_NAME.get(base);
      if (definition === undefined || definition.family === 'count') return { unit: name, family: 'count', base, factor };
    }
  }
  return { unit: name, family: 'count', base: name, factor: '1' };
}

/**
 * Whether an actual can be compared with a target: same base unit, or one of
 * the two bare (a bare actual takes the target's unit, seed line 38 `100台`
 * against `144`). `%` only against `%`: a percent against money is not
 * comparable (seed line 65).
 */
export function comparable(targetUnit: string | null | undefined, actualUnit: string | null | undefined): boolean {
  const target = unitDefinition(targetUnit);
  const actual = unitDefinition(actualUnit);
  if (target === null || actual === null) return true;
  return target.family === actual.family && target.base === actual.base;
}

/**
 * One of two comparable quantities in the base unit of its family: a bare
 * value takes the other quantity's unit (`comparable` first).
 */
export function inBaseUnit(value: Exact, unit: string | null | undefined, otherUnit: string | null | undefined): Exact {
  return toBase(value, unitDefinition(unit) ?? unitDefinition(otherUnit));
}

/** Each unit's factor as a decimal, read once: a conversion runs per figure of every row. */
const FACTORS = remembered(new Map<string, Exact>());

export function factorOf(definition: UnitDefinition): Exact {
  let factor = FACTORS.get(definition.factor);
  if (factor === undefined) {
    factor = readScaled(definition.factor)!;
    FACTORS.set(definition.factor, factor);
  }
  return factor;
}

/** The value in its family's base unit; a value without a unit is left as it is. */
function toBase(value: Exact, definition: UnitDefinition | null): Exact {
  if (definition === null) return value;
  const factor = factorOf(definition);
  // A factor of 1 (most units) leaves a safe-integer coefficient as it is: the product would be this same figure.
  if (factor.coefficient === 1 && factor.scale === 0 && typeof value.coefficient === 'number') return value;
  return value.times(factor);
}
