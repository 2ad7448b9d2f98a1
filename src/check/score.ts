/**
 * Scoring as pure functions: what an indicator should score under a profile,
 * the execution rate and score, and the rounding rules by which a declared
 * figure is judged consistent (domain primer §4). Every figure is a decimal.
 */
import type { ReverseRule, Settings } from './profile.js';
import type { Indicator, Measure } from '../contract/schema.js';
import { DATE_UNIT, dateOf, lastDayOf, type DateValue } from '../tables/deadlines.js';
import { fractionPercent, perUnitFactor, rankedAchievement, readPerUnit } from './practice.js';
import { SCALE_GAP, comparable, factorOf, inBaseUnit, unitDefinition } from './units.js';
import { UNIT_TABLE } from '../tables/units.js';
import { LATENESS_WORDS, NEGATION_PREFIXES, NONE_STARTS, NONE_WORDS, QUALITATIVE_VOCABULARY, SOME_WORDS, ACHIEVEMENT_ZH, type Achievement, type VocabularyEntry } from '../tables/qualitative.js';
import { EXACT_HUNDRED, EXACT_ONE, Exact, SCALED_ZERO, exactInteger, parseScaled, scaledCompareTimes, scaledWithin, writtenDecimals } from '../contract/decimal.js';
import { figuresOf } from './profile.js';
import { RememberedMap, rememberedByText } from '../contract/remembered.js';

export type Text = { zh: string; en: string };

/** A scoring rule as a finding states it; `tags` names its sources when they are not the finding code's own. */
export type RuleText = Text & { tags?: string };

/** Two rule texts one after the other (a prefix naming the case, then the band). */
function joined(first: RuleText, second: RuleText): RuleText {
  const tags = first.tags ?? second.tags;
  return { zh: `${first.zh}：${second.zh}`, en: `${first.en}: ${second.en}`, ...(tags === undefined ? {} : { tags }) };
}

const ZERO = SCALED_ZERO;
const ONE = EXACT_ONE;
const TWO = exactInteger(2);
const HUNDRED = EXACT_HUNDRED;

/** max(value, 0), as Decimal.max gives it (0 for a negative value, else the value itself). */
function atLeastZero(value: Exact): Exact {
  return value.lt(ZERO) ? ZERO : value;
}

// ---------------------------------------------------------------------------
// Rounding

export function roundHalfUp(value: Exact, decimals: number): Exact {
  return value.rounded(decimals);
}

export function truncate(value: Exact, decimals: number): Exact {
  return value.rounded(decimals, 'down');
}

/**
 * Decimals a declared figure is kept to. A whole number counts as 2 decimals,
 * since scores and rates are kept to 2: `2` for 1.9604 is not consistent,
 * `5.2` for 5.2089 is (seed lines 43 and 96).
 */
export function declaredDecimals(declared: string): number {
  return declared.includes('.') ? writtenDecimals(declared) : 2;
}

export type RoundingMode = 'round' | 'truncate' | 'either';

/**
 * A declared figure is consistent with a recomputed one when the recomputed
 * figure, rounded half-up (or truncated) to the declared figure's decimals,
 * equals it.
 */
export function isConsistent(declared: string, recomputed: Exact, mode: RoundingMode = 'round'): boolean {
  const declaredValue = parseScaled(declared);
  return declaredValue !== null && isConsistentValue(declared, declaredValue, recomputed, mode);
}

/** {@link isConsistent} of a declared text already read (`declaredValue` is `parseScaled(declared)`). */
export function isConsistentValue(declared: string, declaredValue: Exact, recomputed: Exact, mode: RoundingMode = 'round'): boolean {
  const decimals = declaredDecimals(declared.trim());
  if (mode !== 'truncate' && recomputed.rounded(decimals).eq(declaredValue)) return true;
  return mode !== 'round' && recomputed.rounded(decimals, 'down').eq(declaredValue);
}

/** One unit in the declared figure's last decimal place (0.01 for `2` and `1.96`, 0.1 for `5.2`). */
export function roundingStep(declared: string): Exact {
  return new Exact(1, declaredDecimals(declared.trim()));
}

/** Whether a declared figure is off by at most one rounding step (after rounding the recomputed one). */
export function withinOneRoundingStep(declared: string, recomputed: Exact): boolean {
  const declaredValue = parseScaled(declared);
  return declaredValue !== null && withinOneRoundingStepValue(declared, declaredValue, recomputed);
}

/** {@link withinOneRoundingStep} of a declared text already read (`declaredValue` is `parseScaled(declared)`). */
export function withinOneRoundingStepValue(declared: string, declaredValue: Exact, recomputed: Exact): boolean {
  const decimals = declaredDecimals(declared.trim());
  return scaledWithin(declaredValue, recomputed.rounded(decimals), stepOf(decimals));
}

/** One unit in the last of `decimals` places, made once per count of decimals. */
function stepOf(decimals: number): Exact {
  if (decimals >= STEPS.length) return new Exact(1, decimals);
  return (STEPS[decimals] ??= new Exact(1, decimals));
}

const STEPS: Exact[] = new Array(32);

// ---------------------------------------------------------------------------
// Budget execution

/** 全年执行数 ÷ 全年预算数 as a percent (exact to 64 digits); null when the budget is 0 (undefined rate). */
export function executionRate(executed: Exact, adjustedBudget: Exact): Exact | null {
  if (adjustedBudget.isZero()) return null;
  return executed.div(adjustedBudget).times(HUNDRED);
}

/** 分值 × rate, capped at 分值 when the profile caps (over-execution earns nothing extra). */
export function executionScore(weight: Exact, ratePercent: Exact, cap: boolean): Exact {
  const fraction = ratePercent.div(HUNDRED);
  const capped = cap && fraction.gt(ONE) ? ONE : fraction;
  return weight.times(atLeastZero(capped));
}

// ---------------------------------------------------------------------------
// Qualitative vocabulary

const REMOVED_RUN = /[\s\p{P}\p{S}]+/gu;

/** Text with spaces and punctuation removed, for comparing wordings. */
export function normalizeText(text: string): string {
  return NORMALIZED(text);
}

/**
 * Texts already normalised (short texts only): a row's name, target and actual are compared several times each, and
 * a batch repeats them from form to form.
 */
const NORMALIZED = rememberedByText((text) => text.replace(REMOVED_RUN, ''), 8192, 128);

function negatedAt(text: string, index: number): boolean {
  return NEGATION_PREFIXES.some((prefix) => index >= prefix.length && text.startsWith(prefix, index - prefix.length));
}

/** Whether a term occurs in the text negated (negated true) or not negated (negated false). */
function occurs(text: string, terms: readonly string[], negated: boolean): boolean {
  for (let index = 0; index < terms.length; index++) {
    const term = terms[index];
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      if (negatedAt(text, at) === negated) return true;
    }
  }
  return false;
}

const NO_MATCH = Symbol('no match');
type Classified = Achievement | null | typeof NO_MATCH;

function entriesOf(achievement: Achievement | null, match: VocabularyEntry['match']): readonly string[] {
  return QUALITATIVE_VOCABULARY.filter((entry) => entry.achievement === achievement && entry.match === match).flatMap((entry) => entry.terms);
}

const EXACT = new Map<string, Achievement | null>(
  QUALITATIVE_VOCABULARY.filter((entry) => entry.match === 'exact').flatMap((entry) => entry.terms.map((term) => [term, entry.achievement] as const)),
);
const NOT_ACHIEVED_TERMS = entriesOf('notAchieved', 'contains');
const PARTLY_TERMS = entriesOf('partly', 'contains');
const HEDGED_TERMS = entriesOf(null, 'contains');
const ACHIEVED_TERMS = entriesOf('achieved', 'contains');

/**
 * The band a normalised text's words place it in, remembered by text (short
 * texts only): forms repeat their actuals (达标, 100%, 满意) row after row.
 */
const classifyWords = rememberedByText(classifyNewWords, 8192, 128);

function classifyNewWords(text: string): Classified {
  const exact = EXACT.get(text);
  if (exact !== undefined) return exact;
  if (NOT_ACHIEVED_TERMS.some((term) => text.includes(term))) return 'notAchieved';
  if (occurs(text, LATENESS_WORDS, false)) return 'notAchieved';
  if (occurs(text, ACHIEVED_TERMS, true)) return 'notAchieved';
  if (PARTLY_TERMS.some((term) => text.includes(term))) return 'partly';
  if (HEDGED_TERMS.some((term) => text.includes(term))) return null;
  if (occurs(text, ACHIEVED_TERMS, false) || occurs(text, LATENESS_WORDS, true)) return 'achieved';
  return NO_MATCH;
}

/** Whether a normalised text says "none" (无, 否, 0, 未发生, 无安全事故). */
export function saysNone(text: string): boolean {
  return NONE_WORDS.includes(text) || NONE_STARTS.some((start) => text.startsWith(start)) || /^0(?:\.0+)?[\u4e00-\u9fa5%]{0,3}$/.test(text);
}

/** Whether a normalised text says "yes, some" (有, 是, 发生2起). */
function saysSome(text: string): boolean {
  return SOME_WORDS.includes(text) || /^(?:发生)?[1-9]\d*(?:\.\d+)?[\u4e00-\u9fa5]{0,3}$/.test(text);
}

/**
 * The band a qualitative actual falls in: by its vocabulary (negation
 * included), or achieved when it restates the target (`有效保障` for
 * `有效保障`). Against a 无/否 target, an actual saying none (无, 否, 0, 未发生)
 * is achieved and one saying some (有, 是, 2起) is not. Null: cannot be placed.
 */
export function classifyQualitative(actualText: string, targetText: string | null): Achievement | null {
  const actual = normalizeText(actualText);
  if (actual === '') return null;
  const target = targetText === null ? null : normalizeText(targetText);
  if (target !== null && target !== '' && saysNone(target)) {
    if (actual === target || saysNone(actual)) return 'achieved';
    if (saysSome(actual)) return 'notAchieved';
  }
  const found = classifyWords(actual);
  if (found !== NO_MATCH) return found;
  return target !== null && target === actual ? 'achieved' : null;
}

/** The fractions of 分值 a band spans. */
function bandFractions(achievement: Achievement, settings: Settings): [Exact, Exact] {
  const { achieved, partly } = figuresOf(settings).qualitativeBands;
  if (achievement === 'achieved') return [achieved, ONE];
  if (achievement === 'partly') return [partly, achieved];
  return [ZERO, partly];
}

export function qualitativeBand(weight: Exact, achievement: Achievement, settings: Settings): [Exact, Exact] {
  const [low, high] = bandFractions(achievement, settings);
  return [weight.times(low), weight.times(high)];
}

/**
 * Whether a declared score lies in a band. Edges count on both sides: a score
 * exactly at 80 % of 分值 is accepted for "partly" as well as for "achieved",
 * since the exact score is the evaluator's judgement.
 */
export function inBand(score: Exact, band: readonly [Exact, Exact]): boolean {
  return score.gte(band[0]) && score.lte(band[1]);
}

/** The score in the band nearest to a declared one (itself when inside). */
export function nearestInBand(score: Exact, band: readonly [Exact, Exact]): Exact {
  const raised = score.lt(band[0]) ? band[0] : score;
  return raised.gt(band[1]) ? band[1] : raised;
}

function percentText(fraction: Exact): string {
  return `${fraction.times(HUNDRED).toFixed()}%`;
}


function bandRule(achievement: Achievement, settings: Settings): RuleText {
  const { achieved, partly } = figuresOf(settings).qualitativeBands;
  const range =
    achievement === 'achieved'
      ? `${percentText(achieved)}–100%`
      : achievement === 'partly'
        ? `${percentText(partly)}–${percentText(achieved)}`
        : `0–${percentText(partly)}`;
  return { zh: `定性指标${ACHIEVEMENT_ZH[achievement]}：得分为分值的 ${range}`, en: `qualitative ${achievement}: ${range} of 分值` };
}

// ---------------------------------------------------------------------------
// Indicator score

export type ExpectedScore =
  | {
      kind: 'score';
      value: Exact;
      rule: RuleText;
      /** Other scores the profile accepts (reverse targets under a list of rules), each with its rule. */
      alternatives: ReadonlyArray<{ value: Exact; rule: RuleText }>;
      /** A strict target (> or <) met only at its bound. */
      atStrictBound: boolean;
      /** actual ÷ target when at or above the profile's over-achievement ratio, else null. */
      overAchievement: Exact | null;
    }
  | { kind: 'qualitative'; achievement: Achievement; band: [Exact, Exact]; rule: RuleText }
  | { kind: 'unverifiable'; reason: Text }
  | { kind: 'notApplicable' };

const NOT_APPLICABLE_TEXTS = new Set(['不适用', '不涉及', '无此项']);

/** The first character of each of those texts. */
const NOT_APPLICABLE_STARTS = [...new Set([...NOT_APPLICABLE_TEXTS].map((text) => text.charCodeAt(0)))];

function saysNotApplicable(text: string | null | undefined): boolean {
  return text != null && mayOpenNotApplicable(text) && NOT_APPLICABLE_TEXTS.has(normalizeText(text));
}

/**
 * Whether a text may normalise to a 不适用 text, told by its first character:
 * normalising only removes spaces, punctuation and symbols, so a text that
 * opens with any other character than those texts' first ones cannot (most
 * names, targets and actuals: 不 and 无 are looked for without normalising).
 */
function mayOpenNotApplicable(text: string): boolean {
  const first = text.charCodeAt(0);
  for (let at = 0; at < NOT_APPLICABLE_STARTS.length; at++) if (first === NOT_APPLICABLE_STARTS[at]) return true;
  return !isKeptCharacter(first);
}

/** A digit, a Latin letter or a CJK ideograph: a character normalising keeps (never a space, a punctuation mark or a symbol). */
function isKeptCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0x4e00 && code <= 0x9fff);
}

export function isNotApplicable(indicator: Indicator): boolean {
  return (
    indicator.target?.kind === 'notApplicable' ||
    indicator.actual?.kind === 'notApplicable' ||
    saysNotApplicable(indicator.name) ||
    saysNotApplicable(indicator.target?.text) ||
    saysNotApplicable(indicator.actual?.text)
  );
}

/** The figure of a target or actual; null for a marker, 不适用 or text. */
function quantityValue(measure: Measure): Exact | null {
  if (measure.kind === 'notApplicable' || measure.kind === 'marker') return null;
  return parseScaled(measure.value);
}

function quantityUnit(measure: Measure): string | null {
  return measure.kind === 'percent' ? (measure.unit ?? '%') : measure.unit;
}

/** A target or actual cell that holds nothing: empty, or a marker (—, /). */
export function isBlankMeasure(measure: Measure): boolean {
  return isBlank(measure);
}

function isBlank(measure: Measure): boolean {
  if (measure.kind === 'marker') return true;
  const text = measure.text || measure.raw;
  // A text that opens with a character normalising keeps is not blank (most texts).
  if (isKeptCharacter(text.charCodeAt(0))) return false;
  return normalizeText(text) === '';
}

function unverifiable(zh: string, en: string): ExpectedScore {
  return { kind: 'unverifiable', reason: { zh, en } };
}

/** The words of a reason a score cannot be verified, around the two texts it names. */
interface ReasonWords {
  zh(first: string, second: string): string;
  en(first: string, second: string): string;
}

/**
 * Why a row's score cannot be verified, naming two of its texts: the words
 * are written when a message reads them (most findings' messages never are).
 */
class UnverifiedBecause implements Text {
  readonly #words: ReasonWords;
  readonly #first: string;
  readonly #second: string;

  constructor(words: ReasonWords, first: string, second: string) {
    this.#words = words;
    this.#first = first;
    this.#second = second;
  }

  get zh(): string {
    return this.#words.zh(this.#first, this.#second);
  }

  get en(): string {
    return this.#words.en(this.#first, this.#second);
  }
}

/** The same reason about the same two texts is one value (nothing changes it): forms repeat their targets and actuals. */
function unverifiableBecause(words: ReasonWords, first: string, second: string): ExpectedScore {
  // Long texts (prose, seldom repeated) are not kept.
  if (first.length > 128 || second.length > 128) return { kind: 'unverifiable', reason: new UnverifiedBecause(words, first, second) };
  let byFirst = UNVERIFIABLE.get(words);
  if (byFirst === undefined) UNVERIFIABLE.set(words, (byFirst = new RememberedMap(256)));
  let bySecond = byFirst.get(first);
  if (bySecond === undefined) byFirst.set(first, (bySecond = new Map()));
  let expected = bySecond.get(second);
  if (expected === undefined) {
    expected = { kind: 'unverifiable', reason: new UnverifiedBecause(words, first, second) };
    if (bySecond.size >= 64) bySecond.clear();
    bySecond.set(second, expected);
  }
  return expected;
}

/** Unverifiable expectations by reason (one of the word sets below), first text and second. */
const UNVERIFIABLE = new Map<ReasonWords, RememberedMap<string, Map<string, ExpectedScore>>>();

const NO_WEIGHT = unverifiable('分值缺失', 'no weight');
const NO_TARGET = unverifiable('年度指标值缺失', 'no target');
const NO_ACTUAL = unverifiable('实际完成值缺失', 'no actual');

const DEADLINE_NOT_COMPARABLE: ReasonWords = {
  zh: (target, actual) => `期限 ${target} 与实际完成值 ${actual} 无法比较`,
  en: (target, actual) => `deadline ${target} and actual ${actual} cannot be compared`,
};
const DATE_NOT_PRECISE: ReasonWords = {
  zh: (target, actual) => `实际完成时间 ${actual} 不足以判断是否满足期限 ${target}`,
  en: (target, actual) => `actual ${actual} is not precise enough to tell whether the deadline ${target} was met`,
};
const PER_UNIT_NOT_COMPARABLE: ReasonWords = {
  zh: (target, actual) => `单位指标 ${target} 与实际完成值 ${actual} 单位不同，无法比较`,
  en: (target, actual) => `per-unit target ${target} and actual ${actual} are not in the same unit`,
};
const NOT_A_DEADLINE: ReasonWords = {
  zh: (target, actual) => `指标值 ${target} 不是期限，无法与日期 ${actual} 比较`,
  en: (target, actual) => `target ${target} is not a deadline and cannot be compared with the date ${actual}`,
};
const UNITS_NOT_COMPARABLE: ReasonWords = {
  zh: (target, actual) => `指标值 ${target} 与实际完成值 ${actual} 单位不可比`,
  en: (target, actual) => `target ${target} and actual ${actual} are in units that cannot be compared`,
};
const NO_BAND_FOR_FIGURE: ReasonWords = {
  zh: (target, actual) => `定性指标值 ${target} 与数值实际完成值 ${actual} 无法对应到评分档次`,
  en: (target, actual) => `qualitative target ${target} against numeric actual ${actual}: no band can be placed`,
};
const NO_BAND: ReasonWords = {
  zh: (_target, actual) => `无法判断实际完成值 ${actual} 属于哪一评分档次`,
  en: (_target, actual) => `actual ${actual} cannot be placed in a qualitative band`,
};

// The rule texts are frozen: shared by every row scored by them, and so is each finding's reference to them (rules.ts).
const RULE_ZERO_TARGET: RuleText = Object.freeze({ zh: '指标值为 0：实际为 0 得满分，大于 0 得 0 分', en: 'target 0: actual 0 → 分值, above → 0', tags: '[vendor][seed]' });
const RULE_POSITIVE: RuleText = Object.freeze({
  zh: '正向指标：实际完成值 ≥ 指标值得满分，否则 分值 × 实际完成值 ÷ 指标值',
  en: 'positive: actual ≥ target → 分值, else 分值 × actual ÷ target',
  tags: '[MoF][legacy][vendor]',
});
/**
 * The score of a reverse (≤) indicator whose actual exceeds its target, by
 * rule (a profile accepts one or more, `reverseRule`), with their sources:
 * inverse (分值 × 指标值 ÷ 实际值): the filling notes of a published 自评表
 * (biz.doczj.com/doc/174893555.html), Hubei's template notes (反向指标 得分 =
 * 权重 × A ÷ B, 得分不得突破权重), and the national proportional principle of
 * 财预〔2020〕10号 (cited from memory); binary (0): the seed's lines 141, 201 and 223 declare 0 for an
 * exceeded cost ceiling; linear2x (分值 × (2 − 实际值 ÷ 指标值), not below 0): the
 * public code of a provincial budget system.
 */
export const RULE_REVERSE: Record<ReverseRule, RuleText> = {
  binary: Object.freeze({ zh: '反向指标（超出即 0 分）：实际完成值 ≤ 指标值得满分，否则 0 分', en: 'reverse (binary): actual ≤ target → 分值, else 0', tags: '[seed]' }),
  inverse: Object.freeze({
    zh: '反向指标（比例）：实际完成值 ≤ 指标值得满分，否则 分值 × 指标值 ÷ 实际完成值',
    en: 'reverse (inverse): actual ≤ target → 分值, else 分值 × target ÷ actual',
    tags: '[legacy][Hubei][MoF]',
  }),
  linear2x: Object.freeze({
    zh: '反向指标（线性）：实际完成值 ≤ 指标值得满分，否则 分值 × (2 − 实际完成值 ÷ 指标值)，不低于 0',
    en: 'reverse (linear2x): actual ≤ target → 分值, else 分值 × (2 − actual ÷ target), not below 0',
    tags: '[vendor]',
  }),
};
const RULE_DEADLINE: RuleText = {
  zh: '期限：按期完成为达成档，逾期为未达成档（未写年份的期限按表的年度，次年完成为逾期）',
  en: "deadline: met → achieved band, missed → not-achieved band (a deadline without a year is in the form's year; done the next year is late)",
  tags: '[MoF][practice]',
};

function reverseShortfall(weight: Exact, target: Exact, actual: Exact, rule: ReverseRule): Exact {
  // Here actual > target; a target ≤ 0 leaves no room for a proportional score.
  if (rule === 'binary' || target.isNegative() || target.isZero()) return ZERO;
  if (rule === 'inverse') return weight.times(target).div(actual);
  return weight.times(atLeastZero(TWO.minus(actual.div(target))));
}

export type QuantitativeScore = Extract<ExpectedScore, { kind: 'score' }>;

/** No other score accepted: one empty list for every row. */
const NO_ALTERNATIVES: QuantitativeScore['alternatives'] = Object.freeze([]);

/** The score of a target and an actual already in one unit. */
function alignedScore(weight: Exact, t: Exact, op: Measure['op'], a: Exact, settings: Settings): QuantitativeScore {
  const reverse = op === '<=' || op === '<';
  const strict = op === '>' || op === '<';
  const atStrictBound = strict && a.eq(t);
  if (t.isZero() && (reverse || op === '=' || op === null)) return plainScore(a.isNegative() || a.isZero() ? weight : ZERO, RULE_ZERO_TARGET, atStrictBound);
  if (reverse) {
    const rules = settings.reverseRules;
    const primary = rules[0];
    if (a.lte(t)) return plainScore(weight, RULE_REVERSE[primary], atStrictBound);
    return {
      kind: 'score',
      value: reverseShortfall(weight, t, a, primary),
      rule: RULE_REVERSE[primary],
      alternatives: rules.length <= 1 ? NO_ALTERNATIVES : rules.slice(1).map((rule) => ({ value: reverseShortfall(weight, t, a, rule), rule: RULE_REVERSE[rule] })),
      atStrictBound,
      overAchievement: null,
    };
  }
  const overAchievement = overAchievementOf(t, a, settings);
  if (a.gte(t)) {
    return overAchievement === null
      ? plainScore(weight, RULE_POSITIVE, atStrictBound)
      : { kind: 'score', value: weight, rule: RULE_POSITIVE, alternatives: NO_ALTERNATIVES, atStrictBound, overAchievement };
  }
  const proportional = !t.isNegative() && !t.isZero() ? weight.times(a).div(t) : ZERO;
  return { kind: 'score', value: atLeastZero(proportional), rule: RULE_POSITIVE, alternatives: NO_ALTERNATIVES, atStrictBound, overAchievement };
}

/**
 * A score by one rule with no alternative and no over-achievement: one value
 * per rule, score and strictness (nothing changes it), as most rows score
 * their full weight, read from the same few texts.
 */
function plainScore(value: Exact, rule: RuleText, atStrictBound: boolean): QuantitativeScore {
  let byValue = PLAIN_SCORES.get(rule);
  if (byValue === undefined) PLAIN_SCORES.set(rule, (byValue = new RememberedMap(512)));
  let scores = byValue.get(value);
  if (scores === undefined) byValue.set(value, (scores = [undefined, undefined]));
  const at = atStrictBound ? 1 : 0;
  return (scores[at] ??= { kind: 'score', value, rule, alternatives: NO_ALTERNATIVES, atStrictBound, overAchievement: null });
}

/** Plain scores by rule (one of this module's constant rule texts), score, and strictness. */
const PLAIN_SCORES = new Map<RuleText, RememberedMap<Exact, [QuantitativeScore | undefined, QuantitativeScore | undefined]>>();

/** actual ÷ target when it reaches the profile's over-achievement ratio (positive targets above 0 only), else null. */
function overAchievementOf(t: Exact, a: Exact, settings: Settings): Exact | null {
  const ratio = figuresOf(settings).overAchievementRatio;
  if (ratio === null || t.isNegative() || t.isZero()) return null;
  // Safe-integer figures (the ratio's too): a ÷ t is below the ratio exactly when a is below ratio × t, as t > 0, and
  // no quotient of such figures comes within 64 digits of the ratio without reaching it, so its rounding changes nothing.
  if (typeof a.coefficient === 'number' && typeof t.coefficient === 'number' && typeof ratio.coefficient === 'number' && scaledCompareTimes(a, ratio, t) < 0) return null;
  const achieved = a.div(t);
  return achieved.gte(ratio) ? achieved : null;
}

function qualitative(weight: Exact, achievement: Achievement, settings: Settings, prefix?: RuleText): ExpectedScore {
  const rule = qualitativeRule(achievement, settings, prefix);
  // The same band of the same weight under the same rule is one value (nothing changes it): a form's rows share a few
  // weights, read from the same texts.
  let byWeight = QUALITATIVE.get(rule);
  if (byWeight === undefined) QUALITATIVE.set(rule, (byWeight = new Map()));
  let expected = byWeight.get(weight);
  if (expected === undefined) {
    expected = { kind: 'qualitative', achievement, band: qualitativeBand(weight, achievement, settings), rule };
    if (byWeight.size >= 256) byWeight.clear();
    byWeight.set(weight, expected);
  }
  return expected;
}

/** Qualitative expectations by rule text (one per settings, case and band) and weight. */
const QUALITATIVE = new RememberedMap<RuleText, Map<Exact, ExpectedScore>>(64);

/**
 * The rule text of a band, after the case's prefix when there is one: the
 * same few texts for every row under the same settings, written once each.
 */
function qualitativeRule(achievement: Achievement, settings: Settings, prefix: RuleText | undefined): RuleText {
  let byPrefix = BAND_RULES.get(settings);
  if (byPrefix === undefined) BAND_RULES.set(settings, (byPrefix = new Map()));
  const key = prefix ?? NO_PREFIX;
  let byAchievement = byPrefix.get(key);
  if (byAchievement === undefined) byPrefix.set(key, (byAchievement = new Map()));
  let rule = byAchievement.get(achievement);
  if (rule === undefined) {
    const band = bandRule(achievement, settings);
    byAchievement.set(achievement, (rule = Object.freeze(prefix === undefined ? band : joined(prefix, band))));
  }
  return rule;
}

/** Band rule texts by settings, by prefix (each prefix is one of this module's constant rule texts), by band. */
const BAND_RULES = new WeakMap<Settings, Map<RuleText, Map<Achievement, RuleText>>>();
const NO_PREFIX: RuleText = { zh: '', en: '' };

const NOT_APPLICABLE: ExpectedScore = { kind: 'notApplicable' };
const RULE_RESTATED: RuleText = { zh: '实际完成值复述指标值，视为达成', en: 'an actual restating its target is met', tags: '[MoF][practice]' };
const RULE_RANKED: RuleText = {
  zh: '等级序列（优>良>中>差；优秀>良好>合格>不合格；好>较好>一般>差；显著>较显著>一般）：低于指标值为未达成',
  en: 'ranked scale (优>良>中>差; 优秀>良好>合格>不合格; 好>较好>一般>差; 显著>较显著>一般): below the target is not achieved',
  tags: '[practice]',
};
const RULE_PER_UNIT: RuleText = { zh: '单位指标（元/人、元/户、元/人·月）：单位相同时比较', en: 'per-unit target (元/人, 元/户, 元/人·月): compared in the same unit', tags: '[practice]' };
const RULE_FRACTION: RuleText = { zh: '以分数填写的实际完成值（19/20）按百分比（95%）比较', en: 'a fraction as the actual (19/20) is its percentage (95%)', tags: '[practice]' };
const RULE_CERTAIN_SCALE: RuleText = {
  zh: '未写单位的数值，按另一单位读数恰与指标值相等时按该单位读取',
  en: 'a figure without a unit that equals the target exactly in another unit is read in that unit',
  tags: '[practice]',
};

/** Whether an actual repeats its target word for word (spaces and punctuation aside). */
function restates(target: Measure, actual: Measure): boolean {
  const t = normalizeText(target.raw);
  return t !== '' && t === normalizeText(actual.raw);
}

/** A scoring rule with the practice it was read by named in front of it. */
function readBy(reading: RuleText, scored: QuantitativeScore): QuantitativeScore {
  return {
    ...scored,
    rule: { zh: `${reading.zh}；${scored.rule.zh}`, en: `${reading.en}; ${scored.rule.en}`, tags: `${reading.tags ?? ''}${scored.rule.tags ?? ''}` },
  };
}

const RULE_FULL_PERCENT: RuleText = { zh: '定性指标值，实际完成 100%', en: 'qualitative target met by 100%' };
const RULE_TARGET_NONE: RuleText = { zh: '指标值为“无”', en: 'target none' };

/** A deadline target or actual on dates (`12月底前`, `11月20日`), as opposed to a duration. */
function isDate(measure: Measure): boolean {
  return measure.kind === 'deadline' && measure.unit === DATE_UNIT;
}

/**
 * A date against a date deadline: met, missed, or null when the two cannot be
 * ordered (a month alone against a day within that month).
 */
function deadlineMet(target: Measure, actual: Measure, year: number | null): boolean | null {
  const due = inYear(target.value === null ? null : dateOf(target.value), year);
  const done = inYear(actual.value === null ? null : dateOf(actual.value), year);
  if (due === null || done === null || (due.year === null) !== (done.year === null)) return null;
  if (due.year !== done.year) return done.year! < due.year!;
  if (done.month !== due.month) return done.month < due.month;
  if (due.day === null) return null;
  if (done.day === null) return due.day === lastDayOf(due.month) ? true : null;
  return done.day <= due.day;
}

/**
 * A date without a year placed in the form's year (a month past 12, 次年3月,
 * in the year after), when the form's year is known and the other date has
 * a year; otherwise as it is.
 */
function inYear(date: DateValue | null, year: number | null): DateValue | null {
  if (date === null || date.year !== null || year === null) return date;
  const yearsOn = Math.floor((date.month - 1) / 12);
  return { year: year + yearsOn, month: date.month - yearsOn * 12, day: date.day };
}

/** Two dates one with a year and one without are compared in the form's year; two without stay as they are. */
function yearFor(target: Measure, actual: Measure, year: number | null): number | null {
  const due = target.value === null ? null : dateOf(target.value);
  const done = actual.value === null ? null : dateOf(actual.value);
  if (due === null || done === null || (due.year === null) === (done.year === null)) return null;
  return year;
}

function deadlineScore(weight: Exact, target: Measure, actual: Measure, settings: Settings, year: number | null = null): ExpectedScore {
  if (!isDate(actual)) {
    return unverifiableBecause(DEADLINE_NOT_COMPARABLE, target.raw, actual.raw);
  }
  if (restates(target, actual)) return qualitative(weight, 'achieved', settings, RULE_RESTATED);
  const met = deadlineMet(target, actual, yearFor(target, actual, year));
  if (met === null) {
    return unverifiableBecause(DATE_NOT_PRECISE, target.raw, actual.raw);
  }
  return qualitative(weight, met ? 'achieved' : 'notAchieved', settings, RULE_DEADLINE);
}

/**
 * A bare figure whose unit was guessed from the other side, when the guess is
 * unlikely: a fraction ≤ 1 against a percent above 1 (`0.96` for `≥90%`, likely
 * 96%), or money orders of magnitude off (`95000` for `≤10万元`, likely 元).
 * Returns the likely reading, or null when the guess is plausible.
 */
function unlikelyGuess(known: { value: Exact; unit: string }, bare: Exact): Text | null {
  const definition = unitDefinition(known.unit);
  if (definition === null) return null;
  if (definition.family === 'percent') {
    if (bare.lte(ZERO) || bare.gt(ONE) || known.value.lte(ONE)) return null;
    const likely = `${bare.times(HUNDRED).toFixed()}%`;
    return { zh: `可能为 ${likely}（小数形式）`, en: `likely ${likely} (written as a fraction)` };
  }
  if (definition.family !== 'money' || known.value.isZero() || bare.isZero()) return null;
  const inKnownUnit = bare.div(known.value).abs();
  if (inKnownUnit.lt(SCALE_GAP) && inKnownUnit.gt(ONE.div(SCALE_GAP))) return null;
  const likely = nearestMoneyUnit(bare, known.value.times(factorOf(definition)));
  if (likely === null) return null;
  return { zh: `可能为 ${bare.toFixed()}${likely}`, en: `likely ${bare.toFixed()} ${likely}` };
}

/** The money unit in which a bare figure comes closest to a reference amount in 元. */
function nearestMoneyUnit(bare: Exact, referenceInYuan: Exact): string | null {
  let best: { unit: string; distance: Exact } | null = null;
  for (const definition of UNIT_TABLE) {
    if (definition.family !== 'money') continue;
    const ratio = bare.times(factorOf(definition)).div(referenceInYuan).abs();
    const distance = ratio.gte(ONE) ? ratio : ONE.div(ratio);
    if (best === null || distance.lt(best.distance)) best = { unit: definition.unit, distance };
  }
  return best?.unit ?? null;
}

/**
 * A bare figure against a money figure when reading it in one money unit
 * makes it exactly the other (`95000` against `9.5万元`): certain, so read so.
 * Both sides in 元; null when no unit gives equality.
 */
function certainScale(t: Exact, a: Exact, targetUnit: string | null, actualUnit: string | null): { target: Exact; actual: Exact } | null {
  const known = actualUnit === null ? { value: t, unit: targetUnit } : { value: a, unit: actualUnit };
  const bare = actualUnit === null ? a : t;
  const definition = unitDefinition(known.unit);
  if (definition === null || definition.family !== 'money') return null;
  const knownInYuan = known.value.times(factorOf(definition));
  for (const candidate of UNIT_TABLE) {
    if (candidate.family !== 'money') continue;
    const bareInYuan = bare.times(factorOf(candidate));
    if (!bareInYuan.eq(knownInYuan)) continue;
    return actualUnit === null ? { target: knownInYuan, actual: bareInYuan } : { target: bareInYuan, actual: knownInYuan };
  }
  return null;
}

/**
 * The readings a careful auditor applies before giving up on a row (primer
 * §4, practice): an actual restating its target, per-unit targets, a fraction
 * against a percent, grades on one ranked scale. Null when none applies.
 */
function practiceScore(
  weight: Exact,
  target: Measure,
  actual: Measure,
  settings: Settings,
  /** quantityValue of the target and of the actual. */
  targetValue: Exact | null,
  actualValue: Exact | null,
): ExpectedScore | null {
  const targetText = target.text || target.raw;
  const actualText = actual.text || actual.raw;
  const perTarget = readPerUnit(targetText);
  if (perTarget !== null) {
    const perActual = readPerUnit(actualText) ?? bareAs(actual, perTarget);
    const factor = perActual === null ? null : perUnitFactor(perTarget, perActual);
    if (perActual === null || factor === null) {
      if (restates(target, actual)) return qualitative(weight, 'achieved', settings, RULE_RESTATED);
      return unverifiableBecause(PER_UNIT_NOT_COMPARABLE, target.raw, actual.raw);
    }
    return readBy(RULE_PER_UNIT, alignedScore(weight, perTarget.value, perTarget.op ?? target.op, perActual.value.times(factor), settings));
  }
  if (targetValue === null && target.kind !== 'deadline' && restates(target, actual)) return qualitative(weight, 'achieved', settings, RULE_RESTATED);
  const percentTarget = quantityUnit(target) === '%' || target.kind === 'percent';
  const fraction = percentTarget && actualValue === null ? fractionPercent(actualText) : null;
  if (fraction !== null && targetValue !== null) return readBy(RULE_FRACTION, alignedScore(weight, targetValue, target.op, fraction, settings));
  if (targetValue === null && actualValue === null) {
    const ranked = rankedAchievement(targetText, actualText);
    if (ranked !== null) return qualitative(weight, ranked ? 'achieved' : 'notAchieved', settings, RULE_RANKED);
  }
  return null;
}

/** A bare figure as the actual of a per-unit target takes the target's unit (as any bare actual does). */
function bareAs(actual: Measure, target: { unit: string; per: string }): { op: null; value: Exact; unit: string; per: string } | null {
  const value = quantityValue(actual);
  if (value === null || quantityUnit(actual) !== null) return null;
  return { op: null, value, unit: target.unit, per: target.per };
}

/**
 * The score an indicator should have under the profile's rules, given its weight
 * (`figureValue(indicator.weight)`) and `isNotApplicable(indicator)`, both worked out by the caller.
 */
export function expectedScoreOf(
  indicator: Indicator,
  weight: Exact | null,
  notApplicable: boolean,
  settings: Settings,
  year: number | null = null,
): ExpectedScore {
  if (notApplicable) return NOT_APPLICABLE;
  if (weight === null) return NO_WEIGHT;
  const { target, actual } = indicator;
  if (target === null || isBlank(target)) return NO_TARGET;
  if (actual === null || isBlank(actual)) return NO_ACTUAL;

  // Each side's figure, read once.
  const targetValue = quantityValue(target);
  let actualValue = quantityValue(actual);
  if (isDate(target) && actualValue !== null) return deadlineScore(weight, target, actual, settings, year);
  const practice = practiceScore(weight, target, actual, settings, targetValue, actualValue);
  if (practice !== null) return practice;
  if (isDate(actual) && targetValue !== null) {
    return unverifiableBecause(NOT_A_DEADLINE, target.raw, actual.raw);
  }

  // A target of 0 met by an actual that says none (0起 against 无, 未发生).
  if (targetValue !== null && targetValue.isZero() && actualValue === null && saysNone(normalizeText(actual.text || actual.raw))) actualValue = ZERO;
  if (targetValue !== null && actualValue !== null) {
    const targetUnit = quantityUnit(target);
    const actualUnit = quantityUnit(actual);
    if (comparable(targetUnit, actualUnit)) {
      const guess =
        actualUnit === null && targetUnit !== null
          ? unlikelyGuess({ value: targetValue, unit: targetUnit }, actualValue)
          : targetUnit === null && actualUnit !== null
            ? unlikelyGuess({ value: actualValue, unit: actualUnit }, targetValue)
            : null;
      const certain = guess === null ? null : certainScale(targetValue, actualValue, targetUnit, actualUnit);
      if (certain !== null) return readBy(RULE_CERTAIN_SCALE, alignedScore(weight, certain.target, target.op, certain.actual, settings));
      if (guess !== null) {
        const bare = actualUnit === null ? actual.raw : target.raw;
        const other = actualUnit === null ? target.raw : actual.raw;
        return unverifiable(
          `${bare} 未写单位，按 ${other} 的单位读数不合理，${guess.zh}`,
          `${bare} has no unit and reading it in the unit of ${other} is unlikely: ${guess.en}`,
        );
      }
      const t = inBaseUnit(targetValue, targetUnit, actualUnit);
      const a = inBaseUnit(actualValue, actualUnit, targetUnit);
      return alignedScore(weight, t, target.op, a, settings);
    }
    return unverifiableBecause(UNITS_NOT_COMPARABLE, target.raw, actual.raw);
  }
  if (targetValue === null && actualValue !== null) {
    const isPercent = quantityUnit(actual) === '%' || actual.kind === 'percent';
    if (isPercent && actualValue.gte(HUNDRED)) return qualitative(weight, 'achieved', settings, RULE_FULL_PERCENT);
    const achievement = saysNone(normalizeText(target.text || target.raw)) ? classifyQualitative(actual.text || actual.raw, target.text || target.raw) : null;
    if (achievement !== null) return qualitative(weight, achievement, settings, RULE_TARGET_NONE);
    return unverifiableBecause(NO_BAND_FOR_FIGURE, target.raw, actual.raw);
  }
  const achievement = classifyQualitative(actual.text || actual.raw, targetValue === null ? target.text || target.raw : null);
  if (achievement !== null) return qualitative(weight, achievement, settings);
  return unverifiableBecause(NO_BAND, target.raw, actual.raw);
}
