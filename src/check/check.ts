/**
 * The checker stage: recomputes each form's arithmetic under a profile and
 * fills `findings`, `summary` and every indicator's `recomputedScore`.
 * Pure: returns a new document; odd input (null fields anywhere) gives fewer
 * checks, never an exception.
 */
import { figuresOf, settingsOf, type CheckOptions, type ProfileValue, type Settings } from './profile.js';
import {
  findingMessage,
  layoutDifferenceText,
  ruleFor,
  ruleReference,
  ruleStatement,
  type LayoutBlock,
  type LayoutDifference,
  type MessageValues,
  type RateBasis,
  type RowFacts,
  type RuleCode,
  type ScoreComparison,
} from './rules.js';
import type { Document, ExecutionPart, Figure, Finding, Form, Funds, FundsRow, Grade, Indicator, Level1Sum, Severity, Summary } from '../contract/schema.js';
import { FUNDS_BREAKDOWN_PREFIXES, REVIEWED_LEVEL1_WORDS } from '../tables/checking.js';
import { type Doubts, doubtsOf, executionReasonOf, givesReason } from './doubt.js';
import { formYear } from './practice.js';
import { dateOf } from '../tables/deadlines.js';
import { SEVERITY_RANK } from '../contract/severity.js';
import {
  type ExpectedScore,
  type RuleText,
  type Text,
  declaredDecimals,
  executionRate,
  executionScore,
  expectedScoreOf,
  inBand,
  isConsistent,
  isConsistentValue,
  isBlankMeasure,
  isNotApplicable,
  nearestInBand,
  normalizeText,
  roundHalfUp,
  truncate,
  withinOneRoundingStepValue,
} from './score.js';
import { rememberedByText } from '../contract/remembered.js';
import { EXACT_HUNDRED, Exact, ExactSum, SCALED_ZERO, exactValue, parseScaled, scaledToFixed, scaledToPlain, scaledWithin, writtenDecimals } from '../contract/decimal.js';

const ZERO = SCALED_ZERO;
const HUNDRED = EXACT_HUNDRED;

// ---------------------------------------------------------------------------
// Findings

interface DraftFields {
  line: number | null | undefined;
  field: string | null;
  declared?: string | null;
  expected?: string | null;
  /** The rule as applied, in both languages (the finding's `rule` adds its code and sources). */
  rule: RuleText;
  /** A case-specific ceiling: a near miss is at most a warning whatever the rule's severity. */
  atMost?: Severity;
  /** The finding's parameters, for writing its message again. */
  detail?: Record<string, unknown>;
}

/**
 * A finding before its severity and message are settled: its rule code, its
 * fields, and beside them the values its message is written from (a value
 * named as a field, `declared`, `expected`, `field`, is that field).
 */
type FindingDraft = { [C in RuleCode]: DraftFields & { code: C } & MessageValues<C> }[RuleCode];

/**
 * A finding whose message is written from its draft's values when first read
 * (by an output, a worker's message, JSON): a check whose findings nobody
 * reads makes no text. `message` is an own enumerable property, third as the
 * schema orders the fields, so that JSON, spreads and structured clones see
 * it as any other; its accessor is one pair of functions shared by every
 * finding, and the draft stays in a private field that nothing copies.
 */
/** The accessor of every finding's `message` (set once, by the class below, which alone sees its private fields). */
let MESSAGE_PROPERTY: PropertyDescriptor;

class CheckedFinding {
  declare code: Finding['code'];
  declare severity: Severity;
  declare message: Finding['message'];
  declare line: number;
  declare field: string | null;
  declare declared: string | null;
  declare expected: string | null;
  declare rule: Finding['rule'];
  declare profile: string;
  declare detail?: Record<string, unknown>;
  #draft: FindingDraft | null;
  #message: Finding['message'] | undefined = undefined;

  constructor(draft: FindingDraft, severity: Severity, line: number, profile: string) {
    this.#draft = draft;
    this.code = draft.code;
    this.severity = severity;
    Object.defineProperty(this, 'message', MESSAGE_PROPERTY);
    this.line = line;
    this.field = draft.field;
    this.declared = draft.declared ?? null;
    this.expected = draft.expected ?? null;
    this.rule = ruleReference(draft.code, draft.rule);
    this.profile = profile;
    if (draft.detail !== undefined) this.detail = draft.detail;
  }

  static {
    MESSAGE_PROPERTY = {
      get(this: CheckedFinding) {
        if (this.#message === undefined) {
          const draft = this.#draft!;
          this.#message = findingMessage(draft.code, draft);
          this.#draft = null;
        }
        return this.#message;
      },
      set(this: CheckedFinding, text: Finding['message']) {
        this.#message = text;
        this.#draft = null;
      },
      enumerable: true,
      configurable: true,
    };
  }
}


function toFinding(draft: FindingDraft, settings: Settings): Finding {
  const base = settings.severity[draft.code] ?? ruleFor(draft.code).severity;
  const severity = draft.atMost !== undefined && SEVERITY_RANK[draft.atMost] < SEVERITY_RANK[base] ? draft.atMost : base;
  const line = typeof draft.line === 'number' && Number.isFinite(draft.line) && draft.line > 0 ? Math.trunc(draft.line) : 0;
  return new CheckedFinding(draft, severity, line, settings.name) as Finding;
}

/** The declared decimal string of a figure, or null when it holds none. */
function declaredString(figure: { value: string | null } | null | undefined): string | null {
  const value = figure?.value;
  // The reading is remembered by text: asking for it is cheaper than matching the text again.
  return value != null && parseScaled(value) !== null ? value.trim() : null;
}

function scoreIsConsistent(declared: string, recomputed: Exact, settings: Settings): boolean {
  const declaredValue = parseScaled(declared);
  return declaredValue !== null && scoreValueIsConsistent(declared, declaredValue, recomputed, settings);
}

/** {@link scoreIsConsistent} of a declared text already read (`declaredValue` is `parseScaled(declared)`). */
function scoreValueIsConsistent(declared: string, declaredValue: Exact, recomputed: Exact, settings: Settings): boolean {
  if (isConsistentValue(declared, declaredValue, recomputed, settings.scoreRounding)) return true;
  // No tolerance: only equal figures would be within it, and those are consistent already.
  const { tolerance } = figuresOf(settings);
  return !tolerance.isZero() && scaledWithin(declaredValue, recomputed, tolerance);
}

// ---------------------------------------------------------------------------
// Missing sections

function missingSectionDrafts(form: Form, drafts: FindingDraft[]): void {
  if (!form.funds) drafts.push(missingSectionDraft(form, 'funds'));
  if (!form.indicators || form.indicators.length === 0) drafts.push(missingSectionDraft(form, 'indicators'));
  if (!form.total) drafts.push(missingSectionDraft(form, 'total'));
}

function missingSectionDraft(form: Form, section: 'funds' | 'indicators' | 'total'): FindingDraft {
  return { code: 'missing-section', line: form.source?.startLine, field: section, rule: ruleStatement('missing-section'), section };
}

// ---------------------------------------------------------------------------
// Funds

interface FundsOutcome {
  drafts: FindingDraft[];
  /** Whether the funds weight and score belong in the totals (not under zeroBudget 'exclude'). */
  counted: boolean;
  weight: Exact | null;
  declaredScore: Exact | null;
  recomputedScore: Exact | null;
  /** The 年度资金总额 row's 执行数 ÷ 预算数 in percent; null when either is missing or the budget is 0. */
  executionRate: Exact | null;
}

const FUNDS_COLUMNS = ['initialBudget', 'adjustedBudget', 'executed'] as const;

const COMPONENT_KINDS: ReadonlySet<FundsRow['kind']> = new Set(['fiscal', 'carryover', 'other']);

/**
 * Each funds row's nesting level, read from its label: 年度资金总额 is 0, a
 * source row 1, and a 其中 row right under another 其中 row (其中：财政拨款, then
 * 其中：当年财政拨款) one level deeper than it: it breaks that row down, it is
 * not a further source of the total. null for rows outside the sources.
 */
export function fundsLevels(rows: readonly FundsRow[], unmarkedStayNested = false): Array<number | null> {
  const levels: Array<number | null> = [];
  // The previous source row's level (-1 before any) and whether it starts a breakdown.
  let previousLevel = -1;
  let previousBreakdown = false;
  for (let at = 0; at < rows.length; at++) {
    const row = rows[at];
    if (row.kind === 'total') {
      levels.push(0);
      previousLevel = 0;
      previousBreakdown = false;
      continue;
    }
    if (!COMPONENT_KINDS.has(row.kind)) {
      levels.push(null);
      continue;
    }
    const breakdown = startsBreakdown(row.label);
    const level =
      breakdown && previousLevel >= 0 && previousBreakdown
        ? previousLevel + 1
        : !breakdown && unmarkedStayNested && previousLevel > 1
          ? previousLevel
          : 1;
    levels.push(level);
    previousLevel = level;
    previousBreakdown = breakdown;
  }
  return levels;
}

function startsBreakdown(label: string | null | undefined): boolean {
  if (typeof label !== 'string') return false;
  const text = normalizeText(label);
  for (let at = 0; at < FUNDS_BREAKDOWN_PREFIXES.length; at++) if (text.startsWith(FUNDS_BREAKDOWN_PREFIXES[at])) return true;
  return false;
}

/** Each row's parent (the nearest row above it one level up), by index; -1 for none. */
function fundsParents(levels: readonly (number | null)[]): number[] {
  return levels.map((level, index) => {
    if (level === null || level === 0) return -1;
    for (let at = index - 1; at >= 0; at--) if (levels[at] !== null && levels[at]! < level) return at;
    return -1;
  });
}

/** Σ of a column over rows that hold a figure in it; null when none does. */
function columnSum(rows: readonly FundsRow[], column: (typeof FUNDS_COLUMNS)[number]): Exact | null {
  const total = SCRATCH_SUM;
  total.clear();
  let any = false;
  for (let at = 0; at < rows.length; at++) {
    const value = exactValue(rows[at][column]);
    if (value === null) continue;
    total.add(value);
    any = true;
  }
  return any ? total.value : null;
}

/**
 * Each row that has parts against the sum of its parts, column by column: the
 * total against its first-level sources, a 其中 row against its own breakdown
 * (two parts or more: a single 其中 part may be partial).
 */
function fundsSumDrafts(rows: readonly FundsRow[], levels: readonly (number | null)[], parents: readonly number[]): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const nested = hasNesting(levels);
  for (let index = 0; index < rows.length; index++) {
    let count = 0;
    for (let at = 0; at < parents.length; at++) if (parents[at] === index) count++;
    if (count === 0 || (levels[index] !== 0 && count < 2)) continue;
    const parts: FundsRow[] = [];
    for (let at = 0; at < rows.length; at++) if (parents[at] === index) parts.push(rows[at]);
    for (let column = 0; column < FUNDS_COLUMNS.length; column++) {
      const draft = sumDraft(rows[index], parts, FUNDS_COLUMNS[column], nested);
      if (draft !== null) drafts.push(draft);
    }
  }
  return drafts;
}

/** Whether any row is read below the first level (a 其中 row breaking another down). */
function hasNesting(levels: readonly (number | null)[]): boolean {
  for (let at = 0; at < levels.length; at++) if (levels[at] !== null && levels[at]! > 1) return true;
  return false;
}

/**
 * The sums under the reading of the nesting that holds best. The labels do
 * not always say: a row without 其中 right under a breakdown (上年结转财政拨款
 * after 其中：当年财政拨款) may be one more part of that breakdown or a source
 * of the total; a 其中 row right under another may break it down (其中：财政拨款,
 * then 其中：当年财政拨款) or stand beside it (其中：中央资金, 其中：省级资金).
 * When any reading adds up nothing is reported; otherwise the reading with
 * the fewest mismatches, then the smallest differences (the breakdown first on a tie).
 */
function nestedSumDrafts(rows: readonly FundsRow[], levels: readonly (number | null)[], parents: readonly number[]): FindingDraft[] {
  // Without a row below the first level the other two readings are this one: most forms.
  if (!hasNesting(levels)) return fundsSumDrafts(rows, levels, parents);
  const readings: Array<readonly (number | null)[]> = [fundsLevels(rows, true), levels, flatLevels(rows)];
  const distinct = readings.filter((reading, at) => readings.findIndex((other) => other.every((level, row) => level === reading[row])) === at);
  if (distinct.length === 1) return fundsSumDrafts(rows, levels, parents);
  let best: { drafts: FindingDraft[]; distance: Exact } | null = null;
  for (const reading of distinct) {
    const drafts = fundsSumDrafts(rows, reading, fundsParents(reading));
    if (drafts.length === 0) return [];
    const distance = drafts.reduce((sum, draft) => sum.plus(parseScaled(draft.declared)!.minus(parseScaled(draft.expected)!).abs()), ZERO);
    if (best === null || drafts.length < best.drafts.length || (drafts.length === best.drafts.length && distance.lt(best.distance))) best = { drafts, distance };
  }
  return best!.drafts;
}

/** Every source row one level under 年度资金总额, 其中 or not. */
function flatLevels(rows: readonly FundsRow[]): Array<number | null> {
  return rows.map((row) => (row.kind === 'total' ? 0 : COMPONENT_KINDS.has(row.kind) ? 1 : null));
}

function sumDraft(parent: FundsRow, parts: readonly FundsRow[], column: (typeof FUNDS_COLUMNS)[number], nested: boolean): FindingDraft | null {
  const declared = declaredString(parent[column]);
  if (declared === null) return null;
  const expected = columnSum(parts, column);
  if (expected === null || expected.eq(parseScaled(declared)!)) return null;
  const written = parts.map((row) => declaredString(row[column])).filter((value): value is string => value !== null);
  const expectedText = expected.toFixed(Math.max(...[declared, ...written].map(writtenDecimals)));
  return {
    code: 'funds-sum-mismatch',
    line: parent.line,
    field: `funds.${column}`,
    declared,
    expected: expectedText,
    rule: ruleStatement('funds-sum-mismatch', { nested }),
    column,
    ...(parent.kind === 'total' ? {} : { detail: { label: parent.label } }),
  };
}

/** Whether two figures hold the same value, however written (96 and 96.00). */
function sameFigure(a: Figure | null | undefined, b: Figure | null | undefined): boolean {
  const x = exactValue(a);
  const y = exactValue(b);
  return x !== null && y !== null && x.eq(y);
}

/** Whether a row holds the same money as its parent (its only source): a fact on the parent is not told again on it. */
function sameMoney(row: FundsRow, parent: FundsRow | undefined): boolean {
  if (parent === undefined) return false;
  return sameFigure(row.adjustedBudget, parent.adjustedBudget) && sameFigure(row.executed, parent.executed);
}

/** A rate written to a declared rate's decimals, truncated when the profile truncates rates, else rounded half-up. */
function rateAsDeclared(rate: Exact, decimals: number, mode: Settings['rateRounding']): string {
  return (mode === 'truncate' ? truncate(rate, decimals) : roundHalfUp(rate, decimals)).toFixed(decimals);
}

function rateDrafts(totalRow: FundsRow, rate: Exact, basis: RateBasis, settings: Settings, drafts: FindingDraft[]): void {
  const declared = declaredString(totalRow.rate);
  if (declared === null) return;
  const mode = settings.rateRounding;
  if (isConsistent(declared, rate, mode === 'truncate' ? 'truncate' : 'round')) return;
  const decimals = declaredDecimals(declared);
  const expectedText = rateAsDeclared(rate, decimals, mode);
  const truncated = mode === 'either' && isConsistent(declared, rate, 'truncate');
  drafts.push({
    code: 'execution-rate-mismatch',
    line: totalRow.line,
    field: 'funds.rate',
    declared,
    expected: expectedText,
    rule: ruleStatement('execution-rate-mismatch', { rounding: mode }),
    truncated, basis,
  });
}

function executionScoreDrafts(totalRow: FundsRow, weight: Exact, rate: Exact, expected: Exact, settings: Settings, drafts: FindingDraft[]): void {
  const declared = declaredString(totalRow.score);
  if (declared === null || scoreIsConsistent(declared, expected, settings)) return;
  const expectedText = scaledToFixed(expected, settings.scoreDecimals);
  drafts.push({
    code: 'execution-score-mismatch',
    line: totalRow.line,
    field: 'funds.score',
    declared,
    expected: expectedText,
    rule: ruleStatement('execution-score-mismatch', { capped: settings.executionCap }),
    weight: scaledToPlain(weight), rate: scaledToFixed(rate, 4),
  });
}

/** A funds block's rows that are there (a row may be null in a hand-made document). */
function presentRows(funds: Funds | null | undefined): readonly FundsRow[] {
  const rows = funds?.rows;
  if (rows == null) return NO_FUNDS_ROWS;
  for (let at = 0; at < rows.length; at++) if (rows[at] == null) return rows.filter((row): row is FundsRow => row != null);
  return rows;
}

const NO_FUNDS_ROWS: readonly FundsRow[] = Object.freeze([]);

/** The first 年度资金总额 row, if any. */
function totalRowOf(rows: readonly (FundsRow | null | undefined)[] | null | undefined): FundsRow | undefined {
  if (rows == null) return undefined;
  for (let at = 0; at < rows.length; at++) if (rows[at]?.kind === 'total') return rows[at]!;
  return undefined;
}

/** Spending against a zero budget (error) or above the budget (warning), on one funds row. */
function spendingDrafts(row: FundsRow, drafts: FindingDraft[]): void {
  const budget = exactValue(row.adjustedBudget);
  const executed = exactValue(row.executed);
  if (budget === null || executed === null || executed.lte(ZERO)) return;
  const budgetText = declaredString(row.adjustedBudget)!;
  const executedText = declaredString(row.executed)!;
  if (budget.isZero()) {
    drafts.push({
      code: 'zero-budget-spent',
      line: row.line,
      field: 'funds.executed',
      declared: executedText,
      expected: '0',
      rule: ruleStatement('zero-budget-spent'),
      label: row.label, executed: executedText,
      detail: { label: row.label, executed: executedText },
    });
  } else if (executed.gt(budget)) {
    drafts.push({
      code: 'execution-over-budget',
      line: row.line,
      field: 'funds.executed',
      declared: executedText,
      expected: budgetText,
      rule: ruleStatement('execution-over-budget'),
      label: row.label, executed: executedText, budget: budgetText,
      detail: { label: row.label, executed: executedText, budget: budgetText },
    });
  }
}

/** A source row's declared rate against its own 执行数 ÷ 预算数 (a zero budget leaves the rate undefined: not checked). */
function componentRateDrafts(row: FundsRow, settings: Settings, drafts: FindingDraft[]): void {
  const declared = declaredString(row.rate);
  const budget = exactValue(row.adjustedBudget);
  const executed = exactValue(row.executed);
  if (declared === null || budget === null || executed === null || budget.isZero()) return;
  const rate = executionRate(executed, budget)!;
  const mode = settings.rateRounding;
  if (isConsistent(declared, rate, mode)) return;
  const expectedText = rateAsDeclared(rate, declaredDecimals(declared), mode);
  drafts.push({
    code: 'component-rate-mismatch',
    line: row.line,
    field: 'funds.rate',
    declared,
    expected: expectedText,
    rule: ruleStatement('component-rate-mismatch'),
    label: row.label, executed: declaredString(row.executed), budget: declaredString(row.adjustedBudget),
    detail: { label: row.label },
  });
}

/** Under a profile that asks for it (四川: below 90 %), a low execution rate must be explained. */
function executionReasonDrafts(totalRow: FundsRow, rate: Exact, settings: Settings, drafts: FindingDraft[]): void {
  const threshold = figuresOf(settings).executionReasonBelow;
  if (threshold === null || rate.gte(threshold)) return;
  // The rate as the form prints it, when that is the computed one as written (89.996 % printed 90.00 %), is the one read.
  const declared = declaredString(totalRow.rate);
  if (declared !== null && parseScaled(declared)!.gte(threshold) && isConsistent(declared, rate, settings.rateRounding)) return;
  const rateText = scaledToFixed(rate, 2);
  const thresholdText = scaledToPlain(threshold);
  drafts.push({
    code: 'execution-reason-required',
    line: totalRow.line,
    field: 'funds.rate',
    declared: declaredString(totalRow.rate) ?? rateText,
    expected: null,
    rule: ruleStatement('execution-reason-required', { threshold: thresholdText }),
    rate: rateText, threshold: thresholdText,
    detail: { rate: rateText, threshold: thresholdText },
  });
}

export function checkFunds(funds: Funds | null | undefined, settings: Settings): FundsOutcome {
  const rows = presentRows(funds);
  const totalRow = totalRowOf(rows);
  if (!totalRow) return { drafts: [], counted: Boolean(funds), weight: null, declaredScore: null, recomputedScore: null, executionRate: null };

  const weight = exactValue(totalRow.weight);
  const declaredScore = exactValue(totalRow.score);
  const levels = fundsLevels(rows);
  const parents = fundsParents(levels);
  const outcome: FundsOutcome = { drafts: nestedSumDrafts(rows, levels, parents), counted: true, weight, declaredScore, recomputedScore: null, executionRate: null };
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    // A source holding the same money as the row above it (its only source) repeats that row's facts: told once, there.
    const parent = rows[parents[index]];
    const repeats = sameMoney(row, parent);
    if (!repeats) spendingDrafts(row, outcome.drafts);
    // The same rate however written (96% beside 96.00%): one fact, told on the row above.
    const sameRate = repeats && sameFigure(row.rate, parent.rate);
    if (COMPONENT_KINDS.has(row.kind) && !sameRate) componentRateDrafts(row, settings, outcome.drafts);
  }
  const budget = exactValue(totalRow.adjustedBudget);
  const executed = exactValue(totalRow.executed);
  if (budget === null || executed === null) return outcome;

  const computedRate = executionRate(executed, budget);
  outcome.executionRate = computedRate;
  let rate: Exact;
  let basis: RateBasis;
  if (computedRate !== null) {
    rate = computedRate;
    basis = { executed: declaredString(totalRow.executed)!, budget: declaredString(totalRow.adjustedBudget)!, rate: scaledToFixed(computedRate, 4) };
  } else if (settings.zeroBudget === 'zero') {
    rate = ZERO;
    basis = null;
  } else if (settings.zeroBudget === 'exclude') {
    return { ...outcome, counted: false };
  } else {
    outcome.drafts.push({
      code: 'zero-budget',
      line: totalRow.line,
      field: 'funds.adjustedBudget',
      declared: declaredString(totalRow.adjustedBudget),
      rule: ruleStatement('zero-budget'),
    });
    return outcome;
  }

  rateDrafts(totalRow, rate, basis, settings, outcome.drafts);
  if (computedRate !== null) executionReasonDrafts(totalRow, computedRate, settings, outcome.drafts);
  if (weight !== null) {
    const expected = executionScore(weight, rate, settings.executionCap);
    outcome.recomputedScore = roundHalfUp(expected, settings.scoreDecimals);
    executionScoreDrafts(totalRow, weight, rate, expected, settings, outcome.drafts);
  }
  return outcome;
}

// ---------------------------------------------------------------------------
// Indicators

/**
 * One indicator as the checker reads it, each figure parsed once: the row
 * check, the 一级 sums, the duplicates and the totals all work from this.
 * (One per row of every form: what can be read again from these fields
 * cheaply is, below, rather than kept.)
 */
interface IndicatorRow {
  indicator: Indicator;
  /** exactValue(indicator.weight). */
  weight: Exact | null;
  /** exactValue(indicator.score). */
  score: Exact | null;
  notApplicable: boolean;
  /** Filled by checkRow. */
  recomputed: Exact | null;
}

function rowOf(indicator: Indicator): IndicatorRow {
  return { indicator, weight: exactValue(indicator.weight), score: exactValue(indicator.score), notApplicable: isNotApplicable(indicator), recomputed: null };
}

/** declaredString(indicator.weight). */
function weightTextOf(row: IndicatorRow): string | null {
  return row.weight === null ? null : row.indicator.weight!.value!.trim();
}

/** declaredString(indicator.score). */
function scoreTextOf(row: IndicatorRow): string | null {
  return row.score === null ? null : row.indicator.score!.value!.trim();
}

/** The sign of score − weight when both are figures, else null. */
function scoreVsWeightOf(row: IndicatorRow): number | null {
  return row.score === null || row.weight === null ? null : row.score.cmp(row.weight);
}

/**
 * An indicator row's parts as a finding names them: one object for all the
 * findings on the row (nothing changes it), which are made one after another
 * while the row is checked, so the last row's is kept.
 */
function factsOf(row: IndicatorRow): RowFacts {
  if (lastFacts.row === row && lastFacts.facts !== null) return lastFacts.facts;
  const { indicator } = row;
  const facts = {
    name: indicator.name ?? '?',
    target: indicator.target?.raw ?? '—',
    actual: indicator.actual?.raw ?? '—',
    weight: weightTextOf(row) ?? '—',
  };
  lastFacts.row = row;
  lastFacts.facts = facts;
  return facts;
}

const lastFacts: { row: IndicatorRow | null; facts: RowFacts | null } = { row: null, facts: null };

function scoreBoundsDrafts(row: IndicatorRow, drafts: FindingDraft[]): void {
  const { indicator, score, weight } = row;
  const declared = scoreTextOf(row);
  if (declared === null || score === null) return;
  if (score.isNegative() && !score.isZero()) {
    drafts.push({
      code: 'score-exceeds-weight',
      line: indicator.line,
      field: 'score',
      declared,
      expected: '0',
      rule: ruleStatement('score-exceeds-weight'),
      negative: true, row: factsOf(row),
    });
    return;
  }
  if (weight !== null && scoreVsWeightOf(row)! > 0) {
    drafts.push({
      code: 'score-exceeds-weight',
      line: indicator.line,
      field: 'score',
      declared,
      expected: weightTextOf(row),
      rule: ruleStatement('score-exceeds-weight'),
      negative: false, row: factsOf(row),
    });
  }
}

/** `declared` is the row's score text (scoreTextOf(row)), read as `row.score`. */
function mismatchDraft(row: IndicatorRow, declared: string, expected: Exact, rule: RuleText, comparedWith: ScoreComparison, settings: Settings): FindingDraft {
  const { indicator } = row;
  const expectedText = scaledToFixed(expected, settings.scoreDecimals);
  return {
    code: 'indicator-score-mismatch',
    line: indicator.line,
    field: 'score',
    declared,
    expected: expectedText,
    rule,
    comparedWith, row: factsOf(row),
    atMost: withinOneRoundingStepValue(declared, row.score!, expected) ? 'warning' : undefined,
  };
}

function notApplicableDrafts(row: IndicatorRow, settings: Settings, drafts: FindingDraft[]): void {
  const { indicator, weight, score } = row;
  // Under 'renormalize' a 不适用 row keeps its weight; only a score is wrong.
  const weightCounts = settings.notApplicable === 'asDeclared' && weight !== null && !weight.isZero();
  const scoreCounts = score !== null && !score.isZero();
  if (!weightCounts && !scoreCounts) return;
  const field = weightCounts ? 'weight' : 'score';
  const declared = weightCounts ? weightTextOf(row) : scoreTextOf(row);
  drafts.push({
    code: 'not-applicable-scored',
    line: indicator.line,
    field,
    declared,
    expected: '0',
    rule: ruleStatement('not-applicable-scored', { asDeclared: settings.notApplicable === 'asDeclared' }),
    row: factsOf(row),
  });
}

function deviationDrafts(row: IndicatorRow, drafts: FindingDraft[]): void {
  const { indicator } = row;
  const scoreVsWeight = scoreVsWeightOf(row);
  if (scoreVsWeight === null || scoreVsWeight >= 0) return;
  if (givesReason(indicator.deviation)) return;
  const declared = scoreTextOf(row);
  drafts.push({
    code: 'missing-deviation-reason',
    line: indicator.line,
    field: 'deviation',
    declared,
    expected: null,
    rule: ruleStatement('missing-deviation-reason'),
    row: factsOf(row),
  });
}

/**
 * A blank 实际完成值 (required, `*`) scored above 0: a finding of its own, in
 * place of the note that the score could not be verified. Not on a common
 * indicator of the evaluation framework, which has neither target nor actual.
 */
function missingActualDraft(row: IndicatorRow): FindingDraft | null {
  const { indicator, score } = row;
  const scoreText = scoreTextOf(row);
  if (row.notApplicable || score === null || scoreText === null || !score.gt(ZERO)) return null;
  if (indicator.actual !== null && !isBlankMeasure(indicator.actual)) return null;
  // A row with neither target nor actual under 项目决策 / 项目过程 / 项目管理 (or no 一级) is scored on the evaluator's review: nothing is missing.
  const noTarget = indicator.target === null || isBlankMeasure(indicator.target);
  if (noTarget && reviewedLevel1(indicator.level1 ?? '')) return null;
  return {
    code: 'missing-actual',
    line: indicator.line,
    field: 'actual',
    declared: scoreText,
    rule: ruleStatement('missing-actual'),
    row: factsOf(row),
  };
}

/** No 一级, or one scored on the evaluator's review (项目决策, 项目过程, 项目管理). */
function reviewedLevel1(level1: string): boolean {
  if (level1 === '') return true;
  for (let at = 0; at < REVIEWED_LEVEL1_WORDS.length; at++) if (level1.includes(REVIEWED_LEVEL1_WORDS[at])) return true;
  return false;
}

/** Checks one row: fills its expected and recomputed scores and appends the findings on it to `drafts`. */
function checkRow(row: IndicatorRow, settings: Settings, drafts: FindingDraft[], weightless = false, year: number | null = null): void {
  const { indicator, score } = row;
  const declared = scoreTextOf(row);
  const expected = expectedScoreOf(indicator, row.weight, row.notApplicable, settings, year);
  scoreBoundsDrafts(row, drafts);
  const decimals = settings.scoreDecimals;
  const missingActual = missingActualDraft(row);
  if (missingActual !== null) {
    drafts.push(missingActual);
    return;
  }

  switch (expected.kind) {
    case 'notApplicable':
      row.recomputed = ZERO;
      notApplicableDrafts(row, settings, drafts);
      return;
    case 'unverifiable':
      // A form without a 分值 column gets one note for the form, not one per row.
      if (weightless && row.weight === null) return;
      drafts.push({
        code: 'unverifiable-indicator',
        line: indicator.line,
        field: 'actual',
        declared,
        rule: ruleStatement('unverifiable-indicator'),
        reason: expected.reason,
      });
      deviationDrafts(row, drafts);
      return;
    case 'score': {
      // The declared text is the score's: row.score is its reading.
      const matched = declared === null ? expected : matchingRule(expected, declared, score!, settings);
      row.recomputed = roundHalfUp(matched.value, decimals);
      if (declared !== null && !scoreValueIsConsistent(declared, score!, matched.value, settings) && !overWeightOnly(row, matched.value)) {
        const comparedWith: ScoreComparison =
          expected.alternatives.length === 0
            ? RECOMPUTED
            : { kind: 'accepted', others: expected.alternatives.map((alternative) => scaledToFixed(alternative.value, decimals)) };
        const rule = expected.alternatives.length === 0 && expected.rule.tags !== '' ? expected.rule : rulesJoined(expected);
        drafts.push(mismatchDraft(row, declared!, expected.value, rule, comparedWith, settings));
      }
      strictBoundDrafts(row, expected, drafts);
      overAchievementDrafts(row, expected, settings, drafts);
      deviationDrafts(row, drafts);
      return;
    }
    case 'qualitative': {
      // Only the band is checked: the recomputed score is the declared one when it lies in the band,
      // else the nearest band edge (the smallest correction that would make the row consistent).
      if (score === null || declared === null) return;
      // Inside the band, or its edge as rounded: the declared score stands. The tolerance only spares the finding.
      const inside = inBand(score, expected.band) || isConsistentValue(declared, score, nearestInBand(score, expected.band), settings.scoreRounding);
      const nearest = inside ? score : nearestInBand(score, expected.band);
      // Just outside the band: still consistent when the declared score is its nearest edge rounded, or within the tolerance.
      if (!inside && !scoreValueIsConsistent(declared, score, nearest, settings) && !overWeightOnly(row, nearest)) {
        const [low, high] = expected.band.map((edge) => scaledToPlain(edge));
        drafts.push(mismatchDraft(row, declared, nearest, expected.rule, { kind: 'band', low, high }, settings));
      }
      row.recomputed = roundHalfUp(nearest, decimals);
      deviationDrafts(row, drafts);
      return;
    }
  }
}

/** Compared with the one recomputed score: the same for every such finding. */
const RECOMPUTED: ScoreComparison = { kind: 'recomputed' };

/** The rule a score is held to and those the profile also accepts, as one text (shared for a shared rule and one shared alternative). */
function rulesJoined(expected: ScoreExpectation): RuleText {
  const { rule, alternatives } = expected;
  if (alternatives.length !== 1 || !Object.isFrozen(rule) || !Object.isFrozen(alternatives[0].rule)) return newRulesJoined(expected);
  let byAlternative = JOINED_RULES.get(rule);
  if (byAlternative === undefined) JOINED_RULES.set(rule, (byAlternative = new Map()));
  let joined = byAlternative.get(alternatives[0].rule);
  if (joined === undefined) byAlternative.set(alternatives[0].rule, (joined = Object.freeze(newRulesJoined(expected))));
  return joined;
}

/** Joined rule texts by the rule held to and its one alternative (constant texts, a few). */
const JOINED_RULES = new WeakMap<RuleText, Map<RuleText, RuleText>>();

function newRulesJoined(expected: ScoreExpectation): RuleText {
  const rules = [expected.rule, ...expected.alternatives.map((alternative) => alternative.rule)];
  return { zh: rules.map((one) => one.zh).join(' | '), en: rules.map((one) => one.en).join(' | '), tags: rules.map((one) => one.tags ?? '').join('') || undefined };
}

/**
 * A score above its weight where the rule gives the full weight: score-exceeds-weight
 * already says it, with the weight as the figure expected; one fact, one finding.
 */
function overWeightOnly(row: IndicatorRow, expected: Exact): boolean {
  const scoreVsWeight = scoreVsWeightOf(row);
  return row.weight !== null && scoreVsWeight !== null && scoreVsWeight > 0 && expected.eq(row.weight);
}

type ScoreExpectation = Extract<ExpectedScore, { kind: 'score' }>;

/**
 * The rule (the profile's first, or another it accepts) a declared score is
 * held to: the first that gives it exactly (as rounded), else the one whose
 * score is nearest to it (the first of equals). The choice never depends on
 * the tolerance, which only decides whether the difference is a finding: so
 * a larger tolerance changes no recomputed score and can only remove findings.
 */
function matchingRule(expected: ScoreExpectation, declared: string, value: Exact, settings: Settings): { value: Exact; rule: RuleText } {
  // One rule: it is the one held to, whether it gives the score or not.
  if (expected.alternatives.length === 0) return expected;
  const { alternatives } = expected;
  if (isConsistentValue(declared, value, expected.value, settings.scoreRounding)) return expected;
  for (let at = 0; at < alternatives.length; at++) if (isConsistentValue(declared, value, alternatives[at].value, settings.scoreRounding)) return alternatives[at];
  let nearest: { value: Exact; rule: RuleText } = expected;
  for (let at = 0; at < alternatives.length; at++) if (value.minus(alternatives[at].value).abs().lt(value.minus(nearest.value).abs())) nearest = alternatives[at];
  return nearest;
}

function strictBoundDrafts(row: IndicatorRow, expected: ScoreExpectation, drafts: FindingDraft[]): void {
  if (!expected.atStrictBound) return;
  const { indicator } = row;
  const facts = factsOf(row);
  drafts.push({
    code: 'strict-target-at-bound',
    line: indicator.line,
    field: 'actual',
    declared: scoreTextOf(row),
    rule: ruleStatement('strict-target-at-bound'),
    row: facts,
    detail: { target: facts.target, actual: facts.actual },
  });
}

function overAchievementDrafts(row: IndicatorRow, expected: ScoreExpectation, settings: Settings, drafts: FindingDraft[]): void {
  const ratio = expected.overAchievement;
  if (ratio === null) return;
  const { indicator } = row;
  // The explanation the rule asks for is given.
  if (givesReason(indicator.deviation)) return;
  const times = scaledToFixed(ratio, 2);
  const threshold = scaledToPlain(figuresOf(settings).overAchievementRatio!);
  drafts.push({
    code: 'large-over-achievement',
    line: indicator.line,
    field: 'actual',
    declared: scoreTextOf(row),
    rule: ruleStatement('large-over-achievement', { ratio: threshold }),
    times, threshold, row: factsOf(row),
    detail: { ratio: times, threshold },
  });
}

// ---------------------------------------------------------------------------
// 一级 weights

/**
 * The rows under one 一级: those of the form's rows whose 一级 (as read, or
 * as `moved` reads one of them) is its label. No list of its own is made:
 * its rows are found in the form's when they are added up.
 */
interface Level1Group {
  level1: string;
  /** The form's rows. */
  all: readonly IndicatorRow[];
  moved: MovedRow | undefined;
  /** The group's first row. */
  first: IndicatorRow;
  points: Exact | null;
  pointsText: string | null;
  /** The first row whose 一级 points are a figure: where a finding on the group goes. */
  labelRow: IndicatorRow | null;
}

const isBenefit = (level1: string): boolean => level1.includes('效益');
const isSatisfaction = (level1: string): boolean => level1.includes('满意度');

/**
 * The rows under each 一级, in the order the labels first appear. `moved`
 * reads one row under another 一级 (and without points), as another reading
 * of the hierarchy would place it.
 */
type MovedRow = { row: IndicatorRow; level1: string | null };

/** A row's 一级, as read or as `moved` reads it. */
function level1Of(row: IndicatorRow, moved: MovedRow | undefined): string | null {
  return moved !== undefined && moved.row === row ? moved.level1 : row.indicator.level1;
}

/** The group's rows' weights added, in the order of the rows, to `sum`; whether any applies and prints a 分值. */
function addGroupWeights(group: Level1Group, sum: ExactSum): boolean {
  let any = false;
  const { all, moved, level1 } = group;
  for (let at = 0; at < all.length; at++) {
    const row = all[at];
    if (level1Of(row, moved) !== level1) continue;
    if (row.weight !== null) sum.add(row.weight);
    if (!row.notApplicable && row.indicator.weight !== null) any = true;
  }
  return any;
}

/** Σ weights of a group's rows. */
function groupWeights(group: Level1Group): Exact {
  const sum = SCRATCH_SUM;
  sum.clear();
  addGroupWeights(group, sum);
  return sum.value;
}

function level1Groups(rows: readonly IndicatorRow[], moved?: MovedRow): Level1Group[] {
  // A form has a few 一级: a list searched by label serves better than a map.
  const groups: Level1Group[] = [];
  for (const row of rows) {
    const isMoved = moved !== undefined && moved.row === row;
    const level1 = isMoved ? moved.level1 : row.indicator.level1;
    const level1Points = isMoved ? null : row.indicator.level1Points;
    if (level1 == null || level1 === '') continue;
    let group: Level1Group | undefined;
    for (let at = 0; at < groups.length; at++) {
      if (groups[at].level1 === level1) {
        group = groups[at];
        break;
      }
    }
    if (group === undefined) {
      group = { level1, all: rows, moved, first: row, points: null, pointsText: null, labelRow: null };
      groups.push(group);
    }
    if (group.labelRow !== null) continue;
    const points = parseScaled(level1Points);
    if (points !== null) {
      group.points = points;
      group.pointsText = level1Points!.trim();
      group.labelRow = row;
    }
  }
  return groups;
}

/**
 * Whether the form counts its satisfaction rows inside 效益, read from the
 * form, whatever the profile's standard: 满意度指标 has no points of its own,
 * 效益指标 has, and either funds + the declared 一级 points make 100
 * (10 + 产出 50 + 效益 40, the older layout of the seed) or 效益's points are
 * the weights of its rows and the satisfaction rows together.
 */
function satisfactionInsideBenefit(groups: readonly Level1Group[], fundsWeight: Exact | null, settings: Settings): boolean {
  const satisfaction = groups.find((group) => isSatisfaction(group.level1));
  const benefit = groups.find((group) => isBenefit(group.level1));
  if (!satisfaction || !benefit || satisfaction.points !== null || benefit.points === null) return false;
  let declaredPoints = ZERO;
  for (let at = 0; at < groups.length; at++) if (groups[at].points !== null) declaredPoints = declaredPoints.plus(groups[at].points!);
  const execution = fundsWeight ?? figuresOf(settings).weights.execution ?? ZERO;
  if (execution.plus(declaredPoints).eq(HUNDRED)) return true;
  const benefitAlone = groupWeights(benefit);
  return !benefitAlone.eq(benefit.points) && benefitAlone.plus(groupWeights(satisfaction)).eq(benefit.points);
}

const LAYOUT_BLOCKS = [
  { key: 'output', matches: (level1: string) => level1.includes('产出') },
  { key: 'benefit', matches: isBenefit },
  { key: 'satisfaction', matches: isSatisfaction },
  { key: 'cost', matches: (level1: string) => level1.includes('成本') },
] as const;

/**
 * The form's layout against the profile's standard: where satisfaction is
 * counted and the points of each block. One info finding listing what differs.
 */
function layoutDrafts(form: Form, rows: readonly IndicatorRow[], groups: readonly Level1Group[], folded: boolean, fundsWeight: Exact | null, settings: Settings, drafts: FindingDraft[]): void {
  let differences: LayoutDifference[] | null = null;
  const weights = figuresOf(settings).weights;
  const standard = settings.satisfactionInBenefit;
  const benefitPoints = pointsOf(groups, isBenefit);
  const satisfactionPoints = pointsOf(groups, isSatisfaction);
  // Under a standard of satisfaction inside 效益 (湖北: 效益 and 满意度 together 40), a form that gives the two their
  // points apart is compared by their sum.
  const together = standard === true && !folded && benefitPoints !== null && satisfactionPoints !== null ? benefitPoints.plus(satisfactionPoints) : null;
  const togetherAsStandard = together !== null && weights.benefit !== null && together.eq(weights.benefit);
  if (standard !== 'auto' && folded !== standard && !togetherAsStandard && groups.some((group) => isSatisfaction(group.level1))) {
    (differences ??= []).push({ kind: 'satisfaction', folded });
  }
  differences = blockDifference(differences, 'execution', fundsWeight, weights.execution);
  for (let at = 0; at < LAYOUT_BLOCKS.length; at++) {
    const block = LAYOUT_BLOCKS[at];
    if (together !== null && block.key === 'satisfaction') continue;
    if (together !== null && block.key === 'benefit') {
      differences = blockDifference(differences, 'benefitAndSatisfaction', together, weights.benefit);
      continue;
    }
    const name = folded && block.key === 'benefit' ? 'benefitWithSatisfaction' : block.key;
    differences = blockDifference(differences, name, pointsOf(groups, block.matches), weights[block.key]);
  }
  if (weights.indicators !== null && anyWeight(rows)) differences = blockDifference(differences, 'indicators', sumOfWeights(rows), weights.indicators);
  if (differences === null) return;
  const found = differences;
  const line = groups.find((group) => group.labelRow !== null)?.labelRow?.indicator.line ?? form.source?.startLine;
  drafts.push({
    code: 'nonstandard-layout',
    line,
    field: 'level1Points',
    rule: ruleStatement('nonstandard-layout', { profile: settings.name }),
    profile: settings.name, differences: found,
    detail: { differences: found.map((difference) => layoutDifferenceText(difference).en) },
  });
}

/** The points of the first 一级 that `matches` and prints points; null for none. */
function pointsOf(groups: readonly Level1Group[], matches: (level1: string) => boolean): Exact | null {
  for (let at = 0; at < groups.length; at++) if (groups[at].points !== null && matches(groups[at].level1)) return groups[at].points;
  return null;
}

/** A block's points against the standard's, added to the differences (made when the first is found) when they differ. */
function blockDifference(differences: LayoutDifference[] | null, block: LayoutBlock, found: Exact | null, usual: Exact | null): LayoutDifference[] | null {
  if (found === null || usual === null || found.eq(usual)) return differences;
  const list = differences ?? [];
  list.push({ kind: 'points', block, found: scaledToPlain(found), standard: scaledToPlain(usual) });
  return list;
}

function anyWeight(rows: readonly IndicatorRow[]): boolean {
  for (let at = 0; at < rows.length; at++) if (rows[at].weight !== null) return true;
  return false;
}

function level1Drafts(groups: readonly Level1Group[], folded: boolean, drafts: FindingDraft[], only?: string): void {
  if (groups.length === 0) return;
  for (let at = 0; at < groups.length; at++) {
    const group = groups[at];
    // Asked about one 一级 (does it still add up wrong under another reading?): the others are not added up.
    if (only !== undefined && group.level1 !== only) continue;
    if (group.points === null || (folded && isSatisfaction(group.level1))) continue;
    const inBenefit = folded && isBenefit(group.level1);
    // Its own rows, then (satisfaction inside 效益) the satisfaction groups' rows, group by group.
    const sum = SCRATCH_SUM;
    sum.clear();
    let adds = addGroupWeights(group, sum);
    if (inBenefit) for (let other = 0; other < groups.length; other++) if (isSatisfaction(groups[other].level1) && addGroupWeights(groups[other], sum)) adds = true;
    // A suspended project's 一级 has only 不适用 rows at 0, a results-only table no 分值 column: nothing to add up.
    if (!adds) continue;
    const total = sum.value;
    if (total.eq(group.points)) continue;
    const labelRow = (group.labelRow ?? group.first).indicator;
    drafts.push({
      code: 'level1-weight-mismatch',
      line: labelRow.line,
      field: 'level1Points',
      declared: group.pointsText,
      expected: scaledToPlain(total),
      rule: ruleStatement('level1-weight-mismatch', { folded }),
      level1: group.level1, total: scaledToPlain(total), satisfactionIncluded: inBenefit,
    });
  }
}

// ---------------------------------------------------------------------------
// 二级 weights

/**
 * A 二级 group that declares its points (`数量指标(10分)`): a run of rows
 * (`from` up to `to`) under the same 一级 and 二级 given the same points by
 * the reader, which gives each row of a group the points its label prints.
 */
interface Level2Group {
  level2: string;
  from: number;
  to: number;
  points: Exact;
  pointsText: string;
}

/** The points a row's 二级 label declares, trimmed; null without a 二级 or points. */
function level2PointsOf(row: IndicatorRow): string | null {
  const { level2, level2Points } = row.indicator;
  if (level2 == null || level2 === '' || parseScaled(level2Points ?? null) === null) return null;
  return level2Points!.trim();
}

/**
 * Σ weights of each 二级 group against the points its label declares, on the
 * group's first row. A group of 不适用 rows only, or without 分值, is not
 * added up. A finding is withheld when a row of the group was placed with a
 * diagnostic, or a row of it or next to it could be read under another
 * 二级 (the group may hold other rows).
 */
function level2Drafts(rows: readonly IndicatorRow[], doubts: Doubts, drafts: FindingDraft[], withheld: WithheldDraft[]): void {
  let from = 0;
  while (from < rows.length) {
    const pointsText = level2PointsOf(rows[from]);
    if (pointsText === null) {
      from++;
      continue;
    }
    const { level1, level2 } = rows[from].indicator;
    let to = from + 1;
    while (to < rows.length && rows[to].indicator.level1 === level1 && rows[to].indicator.level2 === level2 && level2PointsOf(rows[to]) === pointsText) to++;
    const group: Level2Group = { level2: level2!, from, to, points: parseScaled(rows[from].indicator.level2Points)!, pointsText };
    from = to;
    const sum = SCRATCH_SUM;
    sum.clear();
    let adds = false;
    for (let at = group.from; at < group.to; at++) {
      const row = rows[at];
      if (row.weight !== null) sum.add(row.weight);
      if (!row.notApplicable && row.indicator.weight !== null) adds = true;
    }
    if (!adds) continue;
    const total = sum.value;
    if (total.eq(group.points)) continue;
    const totalText = scaledToPlain(total);
    const draft: FindingDraft = {
      code: 'level2-weight-mismatch',
      line: rows[group.from].indicator.line,
      field: 'level2Points',
      declared: group.pointsText,
      expected: totalText,
      rule: ruleStatement('level2-weight-mismatch'),
      level2: group.level2, total: totalText,
    };
    const diagnostics = level2Doubt(group, rows, doubts);
    if (diagnostics === null) drafts.push(draft);
    else withheld.push({ draft, diagnostics });
  }
}

function level2Doubt(group: Level2Group, rows: readonly IndicatorRow[], doubts: Doubts): readonly string[] | null {
  for (let at = group.from; at < group.to; at++) {
    const line = rows[at].indicator.line;
    const codes = doubts.figureLines.get(line) ?? doubts.unreadableLines.get(line);
    if (codes !== undefined) return codes;
  }
  for (let at = Math.max(0, group.from - 1); at < Math.min(rows.length, group.to + 1); at++) {
    const codes = doubts.hierarchyCodes.get(rows[at].indicator.line);
    if (codes !== undefined) return codes;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Duplicates

function targetKey(indicator: Indicator): string {
  return indicator.target?.raw.trim() ?? '';
}

/**
 * The key a row repeats an earlier row by: 二级, normalised name and trimmed
 * target joined with NULs (parts that hold a NUL may share a key).
 */
function duplicateKey(indicator: Indicator, name: string): string {
  return `${indicator.level2 ?? ''}\u0000${name}\u0000${targetKey(indicator)}`;
}

/** One finding per row that repeats an earlier row's (二级, normalised name, target), pointing at the earliest. */
function duplicateDrafts(rows: readonly IndicatorRow[], drafts: FindingDraft[]): void {
  const names = new Array<string | null>(rows.length);
  // A part holding a NUL may make one key of two different rows: then every row is keyed.
  let nul = false;
  for (let at = 0; at < rows.length; at++) {
    const name = comparedName(rows[at]);
    names[at] = name;
    if (name !== null && !nul) nul = holdsNul(name, rows[at].indicator);
  }
  if (!nul && rows.length <= 48) {
    fewRowsDuplicateDrafts(rows, names, drafts);
    return;
  }
  // Names first: a row whose name no other row has repeats none, and most forms name every row once.
  const counts = new Map<string, number>();
  let named = 0;
  for (const name of names) {
    if (name === null) continue;
    named++;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  if (!nul && counts.size === named) return;
  const firsts = new Map<string, Indicator>();
  for (let at = 0; at < rows.length; at++) {
    const name = names[at];
    if (name === null || (!nul && counts.get(name) === 1)) continue;
    const indicator = rows[at].indicator;
    const key = duplicateKey(indicator, name);
    const first = firsts.get(key);
    if (first === undefined) firsts.set(key, indicator);
    else drafts.push(duplicateDraft(indicator, first));
  }
}

function duplicateDraft(indicator: Indicator, first: Indicator): FindingDraft {
  return {
    code: 'duplicate-indicator',
    line: indicator.line,
    field: 'name',
    rule: ruleStatement('duplicate-indicator'),
    name: indicator.name!, target: indicator.target?.raw ?? '—', firstLine: first.line,
  };
}

/** The name a row is compared by (normalised), or null for a row not compared (no name, 不适用). */
function comparedName(row: IndicatorRow): string | null {
  const { indicator } = row;
  if (indicator.name == null || row.notApplicable) return null;
  const name = normalizeText(indicator.name);
  return name === '' ? null : name;
}

/** Whether a compared row's 二级, name or target holds a NUL, the character its key joins them with. */
function holdsNul(name: string, indicator: Indicator): boolean {
  return name.includes('\u0000') || (indicator.level2?.includes('\u0000') ?? false) || (indicator.target?.raw.includes('\u0000') ?? false);
}

/**
 * The same findings for a form of a few rows, each compared with the rows
 * before it (the earliest with the same 二级, name and target is the first):
 * no key or map is made.
 */
function fewRowsDuplicateDrafts(rows: readonly IndicatorRow[], names: readonly (string | null)[], drafts: FindingDraft[]): void {
  for (let at = 1; at < rows.length; at++) {
    const name = names[at];
    if (name === null) continue;
    const indicator = rows[at].indicator;
    for (let before = 0; before < at; before++) {
      if (names[before] !== name) continue;
      const earlier = rows[before].indicator;
      if ((earlier.level2 ?? '') !== (indicator.level2 ?? '') || targetKey(earlier) !== targetKey(indicator)) continue;
      drafts.push(duplicateDraft(indicator, earlier));
      break;
    }
  }
}

// ---------------------------------------------------------------------------
// Totals

/** Σ weights of rows, a row without a figure counting 0. */
function sumOfWeights(rows: readonly IndicatorRow[]): Exact {
  return sumOf(rows, weightOf);
}

const weightOf = (row: IndicatorRow): Exact | null => row.weight;

/** The one running sum `sumOf` adds in (a sum is finished before another starts). */
const SCRATCH_SUM = new ExactSum();
const applicable = (row: IndicatorRow): boolean => !row.notApplicable;

/** Σ value of the rows (those `counted`), a null counting 0. */
function sumOf(rows: readonly IndicatorRow[], valueOf: (row: IndicatorRow) => Exact | null, counted?: (row: IndicatorRow) => boolean): Exact {
  const sum = SCRATCH_SUM;
  sum.clear();
  for (let at = 0; at < rows.length; at++) {
    const row = rows[at];
    if (counted && !counted(row)) continue;
    const value = valueOf(row);
    if (value !== null) sum.add(value);
  }
  return sum.value;
}

function fundsPart(funds: FundsOutcome): { weight: Exact; declaredScore: Exact; recomputedScore: Exact } {
  if (!funds.counted) return { weight: ZERO, declaredScore: ZERO, recomputedScore: ZERO };
  const declaredScore = funds.declaredScore ?? ZERO;
  return { weight: funds.weight ?? ZERO, declaredScore, recomputedScore: funds.recomputedScore ?? declaredScore };
}

const declaredScoreOf = (row: IndicatorRow): Exact => row.score ?? ZERO;
const recomputedScoreOf = (row: IndicatorRow): Exact => row.recomputed ?? row.score ?? ZERO;

/**
 * A form's total from the funds part and its rows: the plain sum, or under
 * 'renormalize' Σ score ÷ Σ applicable weight × 100 [legacy].
 */
function formTotal(fundsScore: Exact, fundsWeight: Exact, rows: readonly IndicatorRow[], scoreOf: (row: IndicatorRow) => Exact, settings: Settings): Exact | null {
  if (settings.notApplicable === 'asDeclared') return fundsScore.plus(sumOf(rows, scoreOf));
  const applicableWeight = fundsWeight.plus(sumOf(rows, weightOf, applicable));
  if (applicableWeight.isZero()) return null;
  return fundsScore.plus(sumOf(rows, scoreOf, applicable)).div(applicableWeight).times(HUNDRED);
}

/** A form with any applicable row is scored out of 100: its declared 总分 weight should be 100. */
function weightNot100Drafts(total: NonNullable<Form['total']>, declaredWeight: string | null, rows: readonly IndicatorRow[], drafts: FindingDraft[]): void {
  if (rows.every((row) => row.notApplicable)) return;
  // Only a weight the form declares: a sum of jixiao's own is no 总分 weight (total-weight-mismatch compares the two).
  if (declaredWeight === null) return;
  if (parseScaled(declaredWeight)!.eq(HUNDRED)) return;
  const weightText = declaredWeight;
  drafts.push({
    code: 'total-weight-not-100',
    line: total.line,
    field: 'total.weight',
    declared: weightText,
    expected: '100',
    rule: ruleStatement('total-weight-not-100'),
    weight: weightText,
    detail: { weight: weightText, declared: declaredWeight !== null },
  });
}

function totalDrafts(
  form: Form,
  funds: FundsOutcome,
  rows: readonly IndicatorRow[],
  settings: Settings,
  drafts: FindingDraft[],
  weightless = false,
): void {
  const total = form.total;
  if (!total || !form.funds || rows.length === 0) return;
  const fundsValues = fundsPart(funds);

  const declaredWeight = declaredString(total.weight);
  let toldNot100 = false;
  // A results-only table prints no weights: their sum is unknown, not 0.
  if (declaredWeight !== null && !weightless) {
    const expected = fundsValues.weight.plus(sumOfWeights(rows));
    if (!expected.eq(parseScaled(declaredWeight)!)) {
      // The parts make 100: that the declared weight is not 100 is this same fact, told once.
      toldNot100 = expected.eq(HUNDRED);
      drafts.push({
        code: 'total-weight-mismatch',
        line: total.line,
        field: 'total.weight',
        declared: declaredWeight,
        expected: scaledToPlain(expected),
        rule: ruleStatement('total-weight-mismatch'),
      });
    }
  }

  if (!toldNot100) weightNot100Drafts(total, declaredWeight, rows, drafts);

  const declaredScore = declaredString(total.score);
  const expectedScore = formTotal(fundsValues.declaredScore, fundsValues.weight, rows, declaredScoreOf, settings);
  if (declaredScore !== null && expectedScore !== null && !isConsistent(declaredScore, expectedScore, 'round')) {
    const expectedText = scaledToFixed(expectedScore, settings.scoreDecimals);
    drafts.push({
      code: 'total-score-mismatch',
      line: total.line,
      field: 'total.score',
      declared: declaredScore,
      expected: expectedText,
      rule: ruleStatement('total-score-mismatch', { asDeclared: settings.notApplicable === 'asDeclared' }),
      ...(settings.notApplicable === 'asDeclared' ? {} : { rescaled: true }),
    });
  }
}

/**
 * The year each row's dates without a year are in, where the form's title
 * names none: the one year the other rows' dated actuals share (never the
 * row's own, which would make any late date on time); null when no row's
 * actual is dated (every row's year is then unknown). Worked out once per form.
 */
function rowYears(rows: readonly IndicatorRow[]): Array<number | null> | null {
  // The years the rows' dated actuals name, each with its count.
  let years: number[] | null = null;
  let counts: number[] | null = null;
  let own: Array<number | null> | null = null;
  for (let at = 0; at < rows.length; at++) {
    const year = datedYear(rows[at]);
    if (year === null) continue;
    own ??= new Array<number | null>(rows.length).fill(null);
    own[at] = year;
    years ??= [];
    counts ??= [];
    const known = years.indexOf(year);
    if (known >= 0) counts[known]++;
    else {
      years.push(year);
      counts.push(1);
    }
  }
  if (own === null || years === null || counts === null) return null;
  const result = new Array<number | null>(rows.length);
  for (let at = 0; at < rows.length; at++) {
    let shared: number | null = null;
    let distinct = 0;
    for (let index = 0; index < years.length; index++) {
      if (counts[index] - (years[index] === own[at] ? 1 : 0) === 0) continue;
      distinct++;
      shared = years[index];
    }
    result[at] = distinct === 1 ? shared : null;
  }
  return result;
}

/** The year a form's title names (`2023年度`), read once per title. */
const titleYear = (title: string | null | undefined): number | null => (title == null ? null : TITLE_YEARS(title));
const TITLE_YEARS = rememberedByText((title) => formYear(title, []), 1024, 256);

/** The year of a row's dated actual, when it names one. */
function datedYear(row: IndicatorRow): number | null {
  const actual = row.indicator.actual;
  if (actual?.kind !== 'deadline' || actual.value === null) return null;
  return dateOf(actual.value)?.year ?? null;
}

// ---------------------------------------------------------------------------
// Doubts: no warning or error on a figure the reader was unsure of

function dropCode(drafts: FindingDraft[], code: RuleCode): void {
  for (let at = drafts.length - 1; at >= 0; at--) if (drafts[at].code === code) drafts.splice(at, 1);
}

/** A results-only table: indicators that apply, none with a weight. */
function noWeightColumn(rows: readonly IndicatorRow[]): boolean {
  const applicable = rows.filter((row) => !row.notApplicable);
  return applicable.length > 0 && applicable.every((row) => row.weight === null);
}

function noWeightColumnDraft(form: Form, rows: readonly IndicatorRow[]): FindingDraft {
  const count = rows.filter((row) => !row.notApplicable).length;
  return {
    code: 'no-weight-column',
    line: rows[0]?.indicator.line ?? form.source?.startLine,
    field: 'weight',
    rule: ruleStatement('no-weight-column'),
    rows: count,
    detail: { rows: count },
  };
}

/** A finding kept back because a figure it rests on was placed with a diagnostic, and those diagnostics' codes. */
interface WithheldDraft {
  draft: FindingDraft;
  diagnostics: readonly string[];
}

/** Findings that do not rest on a line's figures: a doubt about the figures leaves them standing. */
const FIGURE_INDEPENDENT: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'missing-section', 'duplicate-indicator', 'nonstandard-layout', 'unverifiable-indicator', 'no-weight-column', 'unverifiable',
]);

/** Findings that rest on every figure of the form. */
const WHOLE_FORM: ReadonlySet<RuleCode> = new Set<RuleCode>(['total-weight-mismatch', 'total-score-mismatch', 'grade-mismatch', 'printed-grade-mismatch']);

/**
 * Whether a 一级's weight finding rests on a reading the reader was unsure of:
 * a row of the group with figures in doubt, a row of the group whose 一级
 * could be another with no alternative named, or a row (in the group or
 * outside it) whose alternative reading would make the group add up. Returns
 * the diagnostics' codes, or null when the finding holds whatever the reading.
 */
function level1Doubt(draft: FindingDraft, rows: readonly IndicatorRow[], doubts: Doubts, folded: boolean): readonly string[] | null {
  if (draft.code !== 'level1-weight-mismatch') return null;
  const level1 = draft.level1;
  for (let at = 0; at < rows.length; at++) {
    const { indicator } = rows[at];
    const codes = doubts.figureLines.get(indicator.line) ?? doubts.unreadableLines.get(indicator.line);
    if (codes !== undefined && indicator.level1 === level1) return codes;
  }
  for (let at = 0; at < rows.length; at++) {
    const row = rows[at];
    const line = row.indicator.line;
    const readings = doubts.hierarchyRows.get(line);
    if (readings === undefined) continue;
    const codes = doubts.hierarchyCodes.get(line) ?? [];
    if (readings.length === 0) {
      if (row.indicator.level1 === level1) return codes;
      continue;
    }
    for (let index = 0; index < readings.length; index++) {
      const reading = readings[index];
      if (reading.level1 === null || reading.level1 === row.indicator.level1) continue;
      if (row.indicator.level1 !== level1 && reading.level1 !== level1) continue;
      const again: FindingDraft[] = [];
      level1Drafts(level1Groups(rows, { row, level1: reading.level1 }), folded, again, level1);
      if (!again.some((other) => other.code === 'level1-weight-mismatch' && other.level1 === level1)) return codes;
    }
  }
  return null;
}

/**
 * Every warning and error that rests on a figure placed with a diagnostic is
 * withheld: on its own line, or (totals and grades) anywhere in the form. One
 * `unverifiable` note per line says what was withheld and why.
 */
function withholdDoubtful(
  drafts: FindingDraft[],
  withheld: WithheldDraft[],
  form: Form,
  rows: readonly IndicatorRow[],
  doubts: Doubts,
  settings: Settings,
): FindingDraft[] {
  // The codes of every doubt on the form's figures: made when a finding on the whole form asks for them.
  let formCodes: string[] | undefined;
  const codesOfForm = (): string[] => (formCodes ??= formDoubtCodes(form, rows, doubts));
  // Without a doubt on any figure nothing rests on one: the drafts (the caller's own list) are kept as they are.
  const anyDoubt = doubts.figureLines.size > 0 || doubts.unreadableLines.size > 0;
  const kept: FindingDraft[] = anyDoubt ? [] : drafts;
  if (anyDoubt) for (const draft of drafts) {
    const severity = settings.severity[draft.code] ?? ruleFor(draft.code).severity;
    const line = typeof draft.line === 'number' ? draft.line : 0;
    const onLine = FIGURE_INDEPENDENT.has(draft.code) ? undefined : doubts.figureLines.get(line);
    const diagnostics = onLine ?? (severity !== 'info' && WHOLE_FORM.has(draft.code) && codesOfForm().length > 0 ? codesOfForm() : undefined);
    if (severity === 'info' || diagnostics === undefined) kept.push(draft);
    else withheld.push({ draft, diagnostics });
  }
  const totalLine = form.total?.line;
  if (totalLine !== undefined && doubts.figureLines.get(totalLine)?.includes('total-figure-unmatched') && !withheld.some((one) => one.draft.line === totalLine)) {
    kept.push(unverifiableDraft(totalLine, 'total', ['total-figure-unmatched'], [{ zh: '总分的分值与得分', en: 'the 总分 weight and score' }], []));
  }
  const lone = loneTotalWeight(form);
  const noFundsTotal = fundsWithoutTotal(form);
  for (let at = kept.length - 1; at >= 0; at--) {
    const draft = kept[at];
    const weightOfLoneFigure = lone !== null && (draft.code === 'total-weight-mismatch' || draft.code === 'total-weight-not-100');
    const restsOnFunds = noFundsTotal && WHOLE_FORM.has(draft.code);
    if (!weightOfLoneFigure && !restsOnFunds) continue;
    kept.splice(at, 1);
    withheld.push({ draft, diagnostics: [] });
  }
  if (withheld.length === 0) return kept;
  const byLine = new Map<number, WithheldDraft[]>();
  for (const one of withheld) {
    const line = typeof one.draft.line === 'number' ? one.draft.line : 0;
    byLine.set(line, [...(byLine.get(line) ?? []), one]);
  }
  for (const [line, list] of byLine) {
    const diagnostics = [...new Set(list.flatMap((one) => one.diagnostics))];
    // The withheld findings' messages, written when the note's own message is.
    const texts = () => list.map((one) => findingMessage(one.draft.code, one.draft as never));
    const reason = diagnostics.length > 0 ? {} : noFundsTotal ? { noFundsTotal: true } : lone !== null ? { loneTotal: lone } : {};
    kept.push(unverifiableDraft(line, list[0].draft.field, diagnostics, texts, list.map((one) => one.draft.code), reason));
  }
  return kept;
}

/** The codes of the doubts on every line of the form's figures (its rows, its 年度资金总额 row, its 总分), each once. */
function formDoubtCodes(form: Form, rows: readonly IndicatorRow[], doubts: Doubts): string[] {
  if (doubts.figureLines.size === 0 && doubts.unreadableLines.size === 0) return [];
  const formLines = [
    ...rows.map((row) => row.indicator.line),
    ...(form.funds?.rows ?? []).filter((row) => row?.kind === 'total').map((row) => row.line),
    ...(form.total ? [form.total.line] : []),
  ];
  return [...new Set(formLines.flatMap((line) => [...(doubts.figureLines.get(line) ?? []), ...(doubts.unreadableLines.get(line) ?? [])]))];
}

/** A funds block with rows but none read as its 年度资金总额 (a label in another script, another wording): its weight and score are unknown. */
function fundsWithoutTotal(form: Form): boolean {
  const rows = presentRows(form.funds);
  return rows.length > 0 && totalRowOf(rows) === undefined;
}

/**
 * A 总分 row read with a weight and no score, the weight not 100: its one
 * figure may as well be the score printed beside a filler (`总分 … — 92.49`),
 * so nothing is said of the form's weight from it. Returns the figure.
 */
function loneTotalWeight(form: Form): string | null {
  const total = form.total;
  const weight = declaredString(total?.weight);
  if (total == null || weight === null || declaredString(total.score) !== null) return null;
  return parseScaled(weight)!.eq(HUNDRED) ? null : weight;
}

function unverifiableDraft(
  line: number,
  field: string | null,
  diagnostics: readonly string[],
  withheld: readonly Text[] | (() => readonly Text[]),
  codes: readonly RuleCode[],
  reason: { loneTotal?: string; noFundsTotal?: boolean } = {},
): FindingDraft {
  let texts = typeof withheld === 'function' ? undefined : withheld;
  const write = typeof withheld === 'function' ? withheld : () => withheld;
  return {
    code: 'unverifiable',
    line,
    field,
    rule: ruleStatement('unverifiable'),
    diagnostics,
    get withheld() {
      return (texts ??= write());
    },
    ...reason,
    detail: { diagnostics, withheld: codes, ...reason },
  };
}

// ---------------------------------------------------------------------------
// Summary

export function gradeOf(score: Exact | null, settings: Settings): Grade | null {
  if (score === null) return null;
  const { excellent, good, pass } = figuresOf(settings).gradeBands;
  if (score.gte(excellent)) return '优';
  if (score.gte(good)) return '良';
  if (score.gte(pass)) return '中';
  return '差';
}

/**
 * A suspended project (every row 不适用, 总分 weight below 100) is not graded:
 * its total is the funds part alone, and 差 would misreport it.
 */
function isSuspended(form: Form, rows: readonly IndicatorRow[]): boolean {
  if (rows.length === 0 || !rows.every((row) => row.notApplicable)) return false;
  const weight = exactValue(form.total?.weight);
  return weight !== null && weight.lt(HUNDRED);
}

/**
 * Whether the form can be graded, and why not: a suspended project, a
 * results-only table (no 分值 column), a form without a declared total.
 * A grade change is told only where both grades exist.
 */
function ungradedBecause(form: Form, rows: readonly IndicatorRow[], weightless: boolean, declared: Exact | null, recomputed: Exact | null): GradingReason | null {
  return isSuspended(form, rows)
    ? 'suspended'
    : weightless
      ? 'no-weights'
      : declared === null
        ? 'no-declared-total'
        : recomputed === null || !statesAScore(form, rows)
          ? 'no-recomputed-total'
          : null;
}

type GradingReason = NonNullable<NonNullable<Summary['grading']>['reason']>;

/**
 * Whether the form states a score to recompute its total from: an indicator's
 * 得分 or the funds' (年度资金总额 row). A total recomputed from nothing the
 * form scored (its 得分 cells all blank) is no grade.
 */
function statesAScore(form: Form, rows: readonly IndicatorRow[]): boolean {
  if (rows.some((row) => row.score !== null)) return true;
  return exactValue(form.funds?.rows?.find((row) => row?.kind === 'total')?.score) !== null;
}

/**
 * Each 一级's rows added up (Level1Sum): the labels in the order they first
 * appear, each with the first row that prints its points. A row counts its
 * 分值 and 得分 as figures, 0 without one, and in the recomputed sum its
 * recomputed score to the profile's decimals (as `recomputedScore` shows it),
 * else its declared one.
 */
function level1Sums(rows: readonly IndicatorRow[], decimals: number): Level1Sum[] {
  if (rows.length > 64) return level1SumsByMap(rows, decimals);
  // A form of a few rows, one pass: its few labels searched in a list, their sums in tallies kept from form to form.
  let count = 0;
  for (let at = 0; at < rows.length; at++) {
    const row = rows[at];
    const { level1, level1Points, line } = row.indicator;
    let group = 0;
    while (group < count && TALLIES[group].label !== level1) group++;
    if (group === count) {
      if (count === TALLIES.length) TALLIES.push({ label: null, line: 0, points: null, weight: new ExactSum(), declared: new ExactSum(), recomputed: new ExactSum() });
      const tally = TALLIES[count++];
      tally.label = level1;
      tally.line = line;
      tally.points = null;
      tally.weight.clear();
      tally.declared.clear();
      tally.recomputed.clear();
    }
    const tally = TALLIES[group];
    if (tally.points === null && parseScaled(level1Points) !== null) {
      tally.points = level1Points!.trim();
      tally.line = line;
    }
    addRowSums(row, decimals, tally.weight, tally.declared, tally.recomputed);
  }
  const sums: Level1Sum[] = new Array(count);
  for (let group = 0; group < count; group++) sums[group] = level1SumOf(TALLIES[group], decimals);
  return sums;
}

/** The tallies of level1Sums on a short form, reused (at most one per label of the form). */
const TALLIES: Level1Tally[] = [];

function level1SumOf(tally: Level1Tally, decimals: number): Level1Sum {
  return {
    label: tally.label,
    line: tally.line,
    points: tally.points,
    weight: scaledToPlain(tally.weight),
    declared: scaledToPlain(tally.declared),
    recomputed: scaledToFixed(tally.recomputed, decimals),
  };
}

/** A row's 分值 and 得分 as figures (none counts 0), and in the recomputed sum its recomputed score to the profile's decimals, else its declared one. */
function addRowSums(row: IndicatorRow, decimals: number, weight: ExactSum, declared: ExactSum, recomputed: ExactSum): void {
  // Added row by row, in the order of the rows: the sums a decimal adder would make.
  if (row.weight !== null) weight.add(row.weight);
  if (row.score !== null) declared.add(row.score);
  const counted = row.recomputed === null ? row.score : roundHalfUp(row.recomputed, decimals);
  if (counted !== null) recomputed.add(counted);
}

/** level1Sums of a long form: the labels kept in a map. */
function level1SumsByMap(rows: readonly IndicatorRow[], decimals: number): Level1Sum[] {
  const groups: Level1Tally[] = [];
  const byLabel = new Map<string | null, Level1Tally>();
  for (const row of rows) {
    const { level1, level1Points, line } = row.indicator;
    let group = byLabel.get(level1);
    if (group === undefined) {
      group = { label: level1, line, points: null, weight: new ExactSum(), declared: new ExactSum(), recomputed: new ExactSum() };
      byLabel.set(level1, group);
      groups.push(group);
    }
    if (group.points === null && parseScaled(level1Points) !== null) {
      group.points = level1Points!.trim();
      group.line = line;
    }
    addRowSums(row, decimals, group.weight, group.declared, group.recomputed);
  }
  return groups.map((group) => level1SumOf(group, decimals));
}

/** A 一级's sums while its rows are added. */
interface Level1Tally {
  label: string | null;
  line: number;
  points: string | null;
  weight: ExactSum;
  declared: ExactSum;
  recomputed: ExactSum;
}

/** The budget-execution part as the totals count it (ExecutionPart); null without a 年度资金总额 row. */
function executionPart(form: Form, funds: FundsOutcome, decimals: number): ExecutionPart | null {
  const totalRow = form.funds?.rows?.find((row) => row?.kind === 'total');
  if (!totalRow) return null;
  const declared = declaredString(totalRow.score);
  const recomputed = !funds.counted ? null : funds.recomputedScore !== null ? scaledToFixed(funds.recomputedScore, decimals) : declared;
  return { line: totalRow.line, weight: declaredString(totalRow.weight), declared, recomputed };
}

/** The summary's figures and grades, before the findings are counted. */
function totalsSummary(form: Form, funds: FundsOutcome, rows: readonly IndicatorRow[], settings: Settings, weightless = false): Summary {
  const decimals = settings.scoreDecimals;
  const declaredText = declaredString(form.total?.score);
  const declared = parseScaled(declaredText);
  const fundsValues = fundsPart(funds);
  const hasParts = Boolean(form.funds) || rows.length > 0;
  const recomputedExact = hasParts ? formTotal(fundsValues.recomputedScore, fundsValues.weight, rows, recomputedScoreOf, settings) : null;
  const recomputed = recomputedExact === null ? null : roundHalfUp(recomputedExact, decimals);
  const reason = ungradedBecause(form, rows, weightless, declared, recomputed);
  const graded = reason === null;
  const declaredGrade = graded ? gradeOf(declared, settings) : null;
  const recomputedGrade = graded ? gradeOf(recomputed, settings) : null;
  return {
    declaredTotal: declaredText,
    recomputedTotal: recomputed === null ? null : scaledToFixed(recomputed, decimals),
    // 申报 − 复核 (declared − recomputed): the one sign every output shows, labelled so.
    difference: declared !== null && recomputed !== null ? scaledToFixed(declared.minus(recomputed), decimals) : null,
    declaredGrade,
    recomputedGrade,
    // The execution rate every output shows: the 年度资金总额 row's, in percent to 2 decimals; null when it is undefined.
    executionRate: funds.executionRate === null ? null : scaledToFixed(funds.executionRate, 2),
    grading: {
      status: graded ? 'graded' : 'ungradable',
      reason,
      gradeChanged: declaredGrade !== null && recomputedGrade !== null && declaredGrade !== recomputedGrade,
    },
    // Filled once the findings are made.
    execution: null,
    level1: NO_LEVEL1_SUMS,
    counts: NO_COUNTS,
  };
}

const NO_LEVEL1_SUMS: Level1Sum[] = [];
const NO_COUNTS: Summary['counts'] = Object.freeze({ error: 0, warning: 0, info: 0 });

function gradeDrafts(form: Form, summary: Summary, drafts: FindingDraft[]): void {
  const { declaredGrade, recomputedGrade } = summary;
  if (declaredGrade === null || recomputedGrade === null || declaredGrade === recomputedGrade) return;
  drafts.push({
    code: 'grade-mismatch',
    line: form.total?.line ?? form.source?.startLine,
    field: 'total.score',
    declared: summary.declaredTotal,
    expected: summary.recomputedTotal,
    rule: ruleStatement('grade-mismatch'),
    declaredTotal: summary.declaredTotal, declaredGrade, recomputedTotal: summary.recomputedTotal, recomputedGrade,
    detail: { declaredGrade, recomputedGrade },
  });
}

/** The grade printed on the form (优/良/中/差 beside the total or in a cell of its own) against the band of its declared total. */
function printedGradeDrafts(summary: Summary, doubts: Doubts, settings: Settings, drafts: FindingDraft[]): void {
  const printed = doubts.printedGrade;
  const declaredTotal = summary.declaredTotal;
  if (printed === null || declaredTotal === null) return;
  const band = gradeOf(parseScaled(declaredTotal), settings);
  if (band === null || band === printed.grade) return;
  const { excellent, good, pass } = figuresOf(settings).gradeBands;
  const bands = `优 ≥ ${scaledToPlain(excellent)}，良 ≥ ${scaledToPlain(good)}，中 ≥ ${scaledToPlain(pass)}，差 < ${scaledToPlain(pass)}`;
  drafts.push({
    code: 'printed-grade-mismatch',
    line: printed.line,
    field: 'total.grade',
    declared: declaredTotal,
    rule: ruleStatement('printed-grade-mismatch', { bands }),
    printed: printed.text, declaredTotal, band,
    detail: { printed: printed.grade, text: printed.text, band },
  });
}

function countsOf(findings: readonly Finding[]): Summary['counts'] {
  const counts = { error: 0, warning: 0, info: 0 };
  for (let at = 0; at < findings.length; at++) counts[findings[at].severity] += 1;
  return counts;
}

// ---------------------------------------------------------------------------
// Entry points

function recomputedText(row: IndicatorRow, decimals: number): string | null {
  return row.recomputed === null ? null : scaledToFixed(row.recomputed, decimals);
}

function checkFormWith(form: Form, settings: Settings): Form {
  const indicators = form.indicators ?? [];
  const rows: IndicatorRow[] = [];
  for (let at = 0; at < indicators.length; at++) if (indicators[at] != null) rows.push(rowOf(indicators[at]));
  const funds = checkFunds(form.funds, settings);

  const doubts = doubtsOf(form);
  const drafts: FindingDraft[] = [];
  missingSectionDrafts(form, drafts);
  for (let at = 0; at < funds.drafts.length; at++) drafts.push(funds.drafts[at]);
  // 四川: the form's own reason cell, read before a reason is said to be missing.
  if (hasCode(drafts, 'execution-reason-required') && executionReasonOf(form, doubts) !== null) dropCode(drafts, 'execution-reason-required');
  const weightless = noWeightColumn(rows);
  const titled = titleYear(form.title);
  const years = titled === null ? rowYears(rows) : null;
  for (let at = 0; at < rows.length; at++) checkRow(rows[at], settings, drafts, weightless, years === null ? titled : years[at]);
  if (weightless) drafts.push(noWeightColumnDraft(form, rows));
  // A row whose figures were placed with a diagnostic counts in the totals as declared, never as recomputed from a guess.
  if (doubts.figureLines.size > 0) for (const row of rows) if (doubts.figureLines.has(row.indicator.line)) row.recomputed = null;
  const groups = level1Groups(rows);
  const folded = satisfactionInsideBenefit(groups, funds.weight, settings);
  layoutDrafts(form, rows, groups, folded, funds.weight, settings, drafts);
  const withheld: WithheldDraft[] = [];
  const level1: FindingDraft[] = [];
  level1Drafts(groups, folded, level1);
  for (const draft of level1) {
    const diagnostics = level1Doubt(draft, rows, doubts, folded);
    if (diagnostics === null) drafts.push(draft);
    else withheld.push({ draft, diagnostics });
  }
  level2Drafts(rows, doubts, drafts, withheld);
  duplicateDrafts(rows, drafts);
  totalDrafts(form, funds, rows, settings, drafts, weightless);
  const decimals = settings.scoreDecimals;
  const summary = totalsSummary(form, funds, rows, settings, weightless);
  gradeDrafts(form, summary, drafts);
  printedGradeDrafts(summary, doubts, settings, drafts);
  // Stable sort: by line, rule order kept within a line (most forms' findings come in order already).
  const kept = withholdDoubtful(drafts, withheld, form, rows, doubts, settings);
  const findings: Finding[] = new Array(kept.length);
  for (let at = 0; at < kept.length; at++) findings[at] = toFinding(kept[at], settings);
  sortByLine(findings);
  summary.execution = executionPart(form, funds, decimals);
  summary.level1 = level1Sums(rows, decimals);
  summary.counts = countsOf(findings);

  const checked: Array<Indicator | null | undefined> = new Array(indicators.length);
  let next = 0;
  for (let at = 0; at < indicators.length; at++) {
    const indicator = indicators[at];
    checked[at] = indicator == null ? indicator : { ...indicator, recomputedScore: recomputedText(rows[next++], decimals) };
  }
  return { ...form, indicators: checked as Indicator[], findings, summary };
}

function hasCode(drafts: readonly FindingDraft[], code: RuleCode): boolean {
  for (let at = 0; at < drafts.length; at++) if (drafts[at].code === code) return true;
  return false;
}

/**
 * Findings in line order, those of a line in the order they were made (a
 * stable sort, in place). Most forms' findings come in order already; a few
 * out of place are moved by insertion, a long list out of order by the
 * engine's sort.
 */
function sortByLine(findings: Finding[]): void {
  let ordered = true;
  for (let at = 1; at < findings.length && ordered; at++) if (findings[at].line < findings[at - 1].line) ordered = false;
  if (ordered) return;
  if (findings.length > 64) {
    findings.sort((a, b) => a.line - b.line);
    return;
  }
  for (let at = 1; at < findings.length; at++) {
    const finding = findings[at];
    let to = at;
    while (to > 0 && findings[to - 1].line > finding.line) {
      findings[to] = findings[to - 1];
      to--;
    }
    findings[to] = finding;
  }
}

/**
 * Checks one form under a profile (a built-in name, a profile object or
 * resolved settings; default `default`), resolved by `resolveProfile`: one
 * that cannot be resolved is refused (thrown) before anything is checked.
 */
export function checkForm(form: Form, profile?: ProfileValue): Form {
  return checkFormWith(form, settingsOf('checkForm', profile));
}

/** Checks every form of a document under the profile of `options` (see `checkForm`). */
export function check(document: Document, options: CheckOptions = {}): Document {
  const settings = settingsOf('check', options?.profile);
  return { ...document, forms: (document.forms ?? []).map((form) => checkFormWith(form, settings)), diagnostics: document.diagnostics ?? [] };
}
