/**
 * Units of targets and actuals. The exact decimal type every computed figure
 * goes through is src/decimal.ts's, re-exported here for the checker.
 */
import type { Decimal } from 'decimal.js';
import { Dec } from '../decimal.js';

export { Dec };

/**
 * The sign of a − b: -1, 0 or 1. Reads the documented instance properties of
 * a finite decimal (sign `s`, base-10 exponent `e`, digits `d` in words of
 * seven, the first word aligned on the exponent, no trailing zero word), so
 * that the checker's many comparisons of figures build nothing: decimal.js's
 * own `cmp` first copies its argument. Anything not finite is left to `cmp`.
 */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const aDigits = a.d;
  const bDigits = b.d;
  if (!aDigits || !bDigits) return a.cmp(b);
  const aZero = aDigits[0] === 0;
  const bZero = bDigits[0] === 0;
  if (aZero || bZero) return aZero && bZero ? 0 : aZero ? -b.s : a.s;
  if (a.s !== b.s) return a.s;
  // Same sign: the larger magnitude is the larger value when positive, the smaller when negative.
  const sign = a.s;
  if (a.e !== b.e) return a.e > b.e ? sign : -sign;
  const common = Math.min(aDigits.length, bDigits.length);
  for (let i = 0; i < common; i++) {
    if (aDigits[i] !== bDigits[i]) return aDigits[i] > bDigits[i] ? sign : -sign;
  }
  for (let i = common; i < aDigits.length; i++) if (aDigits[i] !== 0) return sign;
  for (let i = common; i < bDigits.length; i++) if (bDigits[i] !== 0) return -sign;
  return 0;
}

export type UnitFamily = 'money' | 'percent' | 'count';

export interface UnitDefinition {
  unit: string;
  family: UnitFamily;
  /** The unit values of this family are converted to before comparing. */
  base: string;
  /** How many `base` one of `unit` is, as an exact decimal string. */
  factor: string;
}

/**
 * Known units. Money converts exactly (1 万元 = 10 000 元); 百分比 is %; count
 * units (台, 人, 件 …) only compare with themselves. A unit missing from this
 * table is treated as a count unit of its own.
 */
export const UNIT_TABLE: readonly UnitDefinition[] = [
  { unit: '元', family: 'money', base: '元', factor: '1' },
  { unit: '千元', family: 'money', base: '元', factor: '1000' },
  { unit: '万元', family: 'money', base: '元', factor: '10000' },
  { unit: '百万元', family: 'money', base: '元', factor: '1000000' },
  { unit: '亿元', family: 'money', base: '元', factor: '100000000' },
  { unit: '%', family: 'percent', base: '%', factor: '1' },
  { unit: '百分比', family: 'percent', base: '%', factor: '1' },
  { unit: '‰', family: 'percent', base: '%', factor: '0.1' },
  ...['个', '台', '套', '人', '人次', '件', '次', '批次', '户', '份', '项', '场', '期', '篇', '所', '家', '辆', '名', '册', '本', '张', '条', '间', '座', '处', '天', '日', '小时', '月'].map(
    (unit): UnitDefinition => ({ unit, family: 'count', base: unit, factor: '1' }),
  ),
];

/**
 * How far apart (as a ratio) a bare figure and a money figure may be before
 * reading the bare one in the other's unit is taken as a guess gone wrong
 * (`95000` against `≤10万元`): three orders of magnitude.
 */
export const SCALE_GAP = new Dec(1000);

const UNITS_BY_NAME: ReadonlyMap<string, UnitDefinition> = new Map(UNIT_TABLE.map((d) => [d.unit, d]));

/** Trims and folds full-width forms (％ → %); an empty unit is no unit. */
export function normalizeUnit(unit: string | null | undefined): string | null {
  if (unit == null) return null;
  const folded = unit.replace(/\s+/g, '').replace(/％/g, '%');
  return folded === '' ? null : folded;
}

function defineUnit(unit: string): UnitDefinition | null {
  const name = normalizeUnit(unit);
  if (name === null) return null;
  return UNITS_BY_NAME.get(name) ?? { unit: name, family: 'count', base: name, factor: '1' };
}

/** Definitions by the unit as written: a form names the same few units on every row. Bounded. */
const DEFINED = new Map<string, UnitDefinition | null>();
const DEFINED_LIMIT = 1024;
const DEFINED_MAX_LENGTH = 16;

export function unitDefinition(unit: string | null | undefined): UnitDefinition | null {
  if (unit == null) return null;
  const known = DEFINED.get(unit);
  if (known !== undefined) return known;
  const definition = defineUnit(unit);
  if (unit.length <= DEFINED_MAX_LENGTH) {
    if (DEFINED.size >= DEFINED_LIMIT) DEFINED.clear();
    DEFINED.set(unit, definition);
  }
  return definition;
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

export interface Quantity {
  value: Decimal;
  unit: string | null;
}

/**
 * One of two comparable quantities in the base unit of its family: a bare
 * value takes the other quantity's unit (`comparable` first).
 */
export function inBaseUnit(value: Decimal, unit: string | null | undefined, otherUnit: string | null | undefined): Decimal {
  return toBase(value, unitDefinition(unit) ?? unitDefinition(otherUnit));
}

const ONE = new Dec(1);
const FACTORS = new Map<string, Decimal>();

export function factorOf(definition: UnitDefinition): Decimal {
  let factor = FACTORS.get(definition.factor);
  if (factor === undefined) {
    const parsed = new Dec(definition.factor);
    factor = parsed.eq(ONE) ? ONE : parsed;
    FACTORS.set(definition.factor, factor);
  }
  return factor;
}

/**
 * The value in its family's base unit. Decimals are immutable, so an unconverted
 * value is returned as it is; a factor of 1 still rounds a value longer than
 * the precision, as multiplying by it would.
 */
function toBase(value: Decimal, definition: UnitDefinition | null): Decimal {
  if (definition === null) return value;
  const factor = factorOf(definition);
  return factor === ONE && value.sd() <= Dec.precision ? value : value.times(factor);
}
