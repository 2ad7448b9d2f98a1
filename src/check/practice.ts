/**
 * What a careful reader applies where no text spells it out (domain primer
 * §4, last part): per-unit targets, fractions as percents, grades on a ranked
 * scale, and the year a deadline without one is in. Pure readings of a
 * target's or an actual's text; scoring stays in score.ts.
 */
import { EXACT_HUNDRED, EXACT_ONE, Exact, parseScaled } from '../contract/decimal.js';
import { COMPARATOR_SUFFIXES, COMPARATOR_WORDS } from '../tables/units.js';
import { PER_UNIT_PREFIXES } from '../tables/checking.js';
import { RANKED_SCALES, SCALE_EQUIVALENTS, SCALE_FLOOR_SUFFIXES, SCALE_PREFIXES } from '../tables/scales.js';
import type { Comparator } from '../contract/schema.js';
import { factorOf, unitDefinition } from './units.js';
import { RememberedMap, rememberedByText } from '../contract/remembered.js';

const HUNDRED = EXACT_HUNDRED;

/**
 * A text with spaces removed and its marks written one way: `／` as `/`, `％`
 * as `%`, and a dot or a second slash between two units as `·` (`元/人.月`
 * `元/人/月` and `元/人*月` are `元/人·月`).
 */
function compact(text: string): string {
  return COMPACTED(text);
}

/** Readings already made, by the text read (short texts only): a batch repeats its targets and actuals from form to form. */
const MEMO_LIMIT = 4096;
const MEMO_MAX_LENGTH = 64;
const COMPACTED = rememberedByText(compactText, MEMO_LIMIT, MEMO_MAX_LENGTH);
const PER_UNITS = rememberedByText(perUnitOf, MEMO_LIMIT, MEMO_MAX_LENGTH);

function compactText(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[／]/g, '/')
    .replace(/[・•∙⋅]/g, '·')
    .replace(/％/g, '%')
    .replace(/\/[\u4e00-\u9fa5]+(?:[.．/*×·][\u4e00-\u9fa5]+)+/g, (units) => `/${units.slice(1).replace(/[.．/*×]/g, '·')}`);
}

/** A per-unit quantity: `≤800元/人` → {op: '<=', value: 800, unit: '元', per: '人'}; `元/人·月` keeps `人·月`. */
export interface PerUnit {
  readonly op: Comparator | null;
  readonly value: Exact;
  readonly unit: string;
  readonly per: string;
}

const COMPARATOR_PATTERN = Object.keys(COMPARATOR_WORDS)
  .sort((a, b) => b.length - a.length)
  .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');
const SUFFIX_PATTERN = Object.keys(COMPARATOR_SUFFIXES)
  .sort((a, b) => b.length - a.length)
  .join('|');
const PER_UNIT = new RegExp(`^(${COMPARATOR_PATTERN})?(\\d+(?:\\.\\d+)?)([^\\d/]+?)/([\\u4e00-\\u9fa5·]+?)(${SUFFIX_PATTERN})?$`);
const PREFIX_PATTERN = Object.keys(PER_UNIT_PREFIXES)
  .sort((a, b) => b.length - a.length)
  .join('|');
/** The per-unit written in front: `人均≤800元`, `户均5300元以上`. */
const PER_UNIT_IN_FRONT = new RegExp(`^(${PREFIX_PATTERN})(${COMPARATOR_PATTERN})?(\\d+(?:\\.\\d+)?)([^\\d/]+?)(${SUFFIX_PATTERN})?$`);

/** A target or actual written as a figure per unit (`5300元/户`, `≤300元/人·月`, `人均≤800元`), or null. */
export function readPerUnit(text: string): PerUnit | null {
  return PER_UNITS(text);
}

function perUnitOf(text: string): PerUnit | null {
  const compacted = compact(text);
  const inFront = PER_UNIT_IN_FRONT.exec(compacted);
  const behind = inFront ? null : PER_UNIT.exec(compacted);
  const match = inFront ? [inFront[0], inFront[2], inFront[3], inFront[4], PER_UNIT_PREFIXES[inFront[1]], inFront[5]] : behind;
  if (!match) return null;
  const [, comparator, figure, unit, per, suffix] = match;
  const value = parseScaled(figure);
  if (value === null) return null;
  const op = comparator !== undefined ? COMPARATOR_WORDS[comparator] : suffix !== undefined ? COMPARATOR_SUFFIXES[suffix] : null;
  return { op: op ?? null, value, unit, per };
}

/** Two per-unit quantities in one unit: the factor that brings the actual's unit to the target's, or null when they differ. */
export function perUnitFactor(target: PerUnit, actual: PerUnit): Exact | null {
  if (target.per !== actual.per) return null;
  if (target.unit === actual.unit) return EXACT_ONE;
  const t = unitDefinition(target.unit);
  const a = unitDefinition(actual.unit);
  if (t === null || a === null || t.family !== a.family || t.base !== a.base) return null;
  return factorOf(a).div(factorOf(t));
}

/**
 * A fraction written as the actual (`19/20`, or with one count unit: `19/20人`,
 * `19人/20人`): its percentage (95), or null.
 */
export function fractionPercent(text: string): Exact | null {
  const match = /^(\d+(?:\.\d+)?)([\u4e00-\u9fa5]{0,2})\/(\d+(?:\.\d+)?)([\u4e00-\u9fa5]{0,2})$/.exec(compact(text));
  if (!match) return null;
  const [, top, topUnit, bottom, bottomUnit] = match;
  if (topUnit !== '' && topUnit !== bottomUnit) return null;
  const numerator = parseScaled(top);
  const denominator = parseScaled(bottom);
  if (numerator === null || denominator === null || denominator.isZero()) return null;
  return numerator.div(denominator).times(HUNDRED);
}

function withoutPrefix(text: string): string {
  for (const prefix of SCALE_PREFIXES) if (text.startsWith(prefix) && text.length > prefix.length) return text.slice(prefix.length);
  return text;
}

function withoutFloor(text: string): string {
  for (const suffix of SCALE_FLOOR_SUFFIXES) if (text.endsWith(suffix) && text.length > suffix.length) return text.slice(0, -suffix.length);
  return text;
}

const LONGEST_FIRST = new WeakMap<readonly string[], readonly string[]>();

/** A scale's words, longest first (so that 较好 is taken before 好), sorted once per scale. */
function longestFirst(scale: readonly string[]): readonly string[] {
  let sorted = LONGEST_FIRST.get(scale);
  if (sorted === undefined) LONGEST_FIRST.set(scale, (sorted = [...scale].sort((a, b) => b.length - a.length)));
  return sorted;
}

/** The ranks a grade text names on a scale: one word, or several run together (优良 → 优, 良); null when it is not on the scale. */
function ranksOn(scale: readonly string[], text: string): number[] | null {
  const exact = scale.indexOf(text);
  if (exact >= 0) return [exact];
  // Most texts start with no word of the scale: nothing is made for them.
  const words = longestFirst(scale);
  let ranks: number[] | null = null;
  for (let at = 0; at < text.length; ) {
    const word = wordAt(words, text, at);
    if (word === undefined) return null;
    (ranks ??= []).push(scale.indexOf(word));
    at += word.length;
  }
  return ranks !== null && ranks.length > 1 ? ranks : null;
}

/** The first of `words` (longest first) written at `at` in the text. */
function wordAt(words: readonly string[], text: string, at: number): string | undefined {
  for (let index = 0; index < words.length; index++) if (text.startsWith(words[index], at)) return words[index];
  return undefined;
}

/**
 * An actual against its target on one ranked scale (优 > 良 > 中 > 差 …):
 * true when at or above the target's worst named grade, false when below,
 * null when the two are not both on one scale. Words the two share in front
 * (效果显著 / 效果较显著, 服务质量达到优秀 / 服务质量良好) and behind
 * (显著提高 / 较显著提高) are set aside first.
 */
export function rankedAchievement(targetText: string, actualText: string): boolean | null {
  if (targetText.length > MEMO_MAX_LENGTH || actualText.length > MEMO_MAX_LENGTH) return rankedOf(targetText, actualText);
  let byActual = RANKED.get(targetText);
  if (byActual === undefined) RANKED.set(targetText, (byActual = new Map()));
  let ranked = byActual.get(actualText);
  if (ranked === undefined) {
    ranked = rankedOf(targetText, actualText);
    if (byActual.size >= 64) byActual.clear();
    byActual.set(actualText, ranked);
  }
  return ranked;
}

/** Readings of a ranked actual against its target, by the target's text and the actual's (short texts only). */
const RANKED = new RememberedMap<string, Map<string, boolean | null>>(512);

function rankedOf(targetText: string, actualText: string): boolean | null {
  const target = withoutFloor(withoutPrefix(compact(targetText)));
  const actual = withoutPrefix(compact(actualText));
  const direct = onOneScale(target, actual);
  if (direct !== null) return direct;
  let front = 0;
  while (front < target.length && front < actual.length && target[front] === actual[front]) front++;
  let back = 0;
  while (back < target.length - front && back < actual.length - front && target[target.length - 1 - back] === actual[actual.length - 1 - back]) back++;
  if (front === 0 && back === 0) return null;
  // The shortest shared ending first (a longer one may cut into the grade itself: 显著 in 较显著), but one that leaves
  // a grade's few characters: a long text is set aside in one step, not character by character.
  const longest = Math.max(target.length, actual.length) - front - MAX_GRADE_TEXT;
  for (let end = Math.max(0, longest); end <= back; end++) {
    const targetPart = target.slice(front, target.length - end);
    const actualPart = actual.slice(front, actual.length - end);
    if (targetPart === '' || actualPart === '') break;
    const judged = onOneScale(withoutFloor(withoutPrefix(targetPart)), withoutPrefix(actualPart));
    if (judged !== null) return judged;
  }
  return null;
}

/** The most characters a grade and its floor take (较显著以上, 良好及以上): a longer remainder is no grade. */
const MAX_GRADE_TEXT = 8;

function onOneScale(target: string, actual: string): boolean | null {
  if (target === actual) return null;
  for (const scale of RANKED_SCALES) {
    const bar = ranksOn(scale, target);
    const done = ranksOn(scale, actual);
    if (bar === null || done === null || done.length !== 1) continue;
    return done[0] <= Math.max(...bar);
  }
  return onFirstScale(target, actual);
}

const EQUIVALENT_WORDS = Object.keys(SCALE_EQUIVALENTS).sort((a, b) => b.length - a.length);

/** A grade text with the second scale's words written as the first's (优秀 → 优, 不合格 → 差); null when none is. */
function asFirstScale(text: string): string | null {
  // Copied from the first equivalent word on: a text without one (most) makes nothing.
  let written: string | null = null;
  let copied = 0;
  for (let at = 0; at < text.length; ) {
    const word = wordAt(EQUIVALENT_WORDS, text, at);
    if (word === undefined) {
      at++;
      continue;
    }
    written = (written ?? '') + text.slice(copied, at) + SCALE_EQUIVALENTS[word];
    at += word.length;
    copied = at;
  }
  return written === null ? null : written + text.slice(copied);
}

/** A target and an actual on the two scales that name the same ranks (优良 against 合格), compared on the first. */
function onFirstScale(target: string, actual: string): boolean | null {
  const first = RANKED_SCALES[0];
  const bar = ranksOn(first, asFirstScale(target) ?? target);
  const done = ranksOn(first, asFirstScale(actual) ?? actual);
  if (bar === null || done === null || done.length !== 1) return null;
  return done[0] <= Math.max(...bar);
}

/**
 * The year a form's dates without a year are in: the year its title names
 * (`2023年度`), else the one year its dated actuals share; null when neither
 * says.
 */
export function formYear(title: string | null | undefined, datedYears: readonly number[]): number | null {
  const named = title == null ? null : /((?:19|20)\d{2})\s*年/.exec(title);
  if (named) return Number(named[1]);
  const years = [...new Set(datedYears)];
  return years.length === 1 ? years[0] : null;
}
