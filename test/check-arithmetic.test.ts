/**
 * The checker's arithmetic against its definitions: each helper must give
 * exactly what decimal.js (or the regular expression) gives, for any figure or
 * text, not only the usual ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { resolveProfile, type Settings } from '../src/check/profile.js';
import type { Figure, Form, Indicator } from '../src/contract/schema.js';
import { isConsistent, normalizeText, qualitativeBand, roundingStep, withinOneRoundingStep, type RoundingMode } from '../src/check/score.js';
import { Dec, parseDecimal, scaledOf, toFixedString } from '../src/contract/decimal.js';

/** A decimal.js value as the exact decimal the checker computes with. */
const exact = (value: Dec) => scaledOf(value)!;
import { inSharedUnit } from './support/units.js';

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Decimal texts as the parser writes them and worse: leading zeros, long fractions, more digits than the precision. */
const decimalText = fc
  .tuple(fc.boolean(), fc.oneof(digits(1, 3), digits(1, 20), digits(60, 80)), fc.option(fc.oneof(digits(1, 4), digits(1, 70)), { nil: undefined }))
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);

/** Decimals from texts and from the operations the checker applies to them (quotients run to the precision). */
const decimal = fc.oneof(
  decimalText.map((text) => new Dec(text)),
  fc.tuple(decimalText, decimalText).map(([a, b]) => {
    const divisor = new Dec(b);
    return divisor.isZero() ? new Dec(a) : new Dec(a).div(divisor);
  }),
  fc.tuple(decimalText, decimalText).map(([a, b]) => new Dec(a).minus(new Dec(b))),
  fc.constantFrom(new Dec(0), new Dec('-0'), new Dec(1), new Dec(100), new Dec('0.0000001'), new Dec('10000000'), new Dec('9999999.9999999')),
);

describe('toFixedString', () => {
  it('writes what toFixed writes, rounding half-up, for any decimal and any number of decimals', () => {
    fc.assert(
      fc.property(decimal, fc.integer({ min: 0, max: 8 }), (value, decimals) => {
        expect(toFixedString(value, decimals)).toBe(value.toFixed(decimals, Dec.ROUND_HALF_UP));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes a negative zero and a negative figure that rounds to zero as toFixed does', () => {
    for (const text of ['-0', '-0.00', '-0.001', '-0.004', '-0.005']) {
      const value = new Dec(text);
      expect(toFixedString(value, 2)).toBe(value.toFixed(2, Dec.ROUND_HALF_UP));
    }
  });
});

describe('parseDecimal', () => {
  it('gives the value decimal.js reads from the trimmed text, the same again on every call, and null for anything else', () => {
    const text = fc.oneof(decimalText, decimalText.map((t) => ` ${t}\t`), fc.string({ maxLength: 6 }), fc.constantFrom('', ' ', '1e5', '.5', '5.', '1..2', '1.2.3', '+3', '0x10', '１２', '—', '007', '00.5', '0.000', '12345678', '123456789', '1234.5678', '99999999', '9999999.9'));
    fc.assert(
      fc.property(text, (value) => {
        const trimmed = value.trim();
        const expected = /^-?\d+(\.\d+)?$/.test(trimmed) ? new Dec(trimmed) : null;
        for (const parsed of [parseDecimal(value), parseDecimal(value)]) {
          if (expected === null) expect(parsed).toBeNull();
          else expect(parsed !== null && parsed.eq(expected) && parsed.isNeg() === expected.isNeg()).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('normalizeText', () => {
  it('removes exactly what the Unicode class of spaces, punctuation and symbols removes', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: fc.constantFrom(...'达成及时有效不适用（）、，。：；“”！ \t\u3000%％≥≤/—-_·…😀𠀀\ud800'), maxLength: 12 }),
    );
    fc.assert(
      fc.property(text, (value) => {
        expect(normalizeText(value)).toBe(value.replace(/[\s\p{P}\p{S}]+/gu, ''));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('isConsistent', () => {
  /** The rule as stated: the recomputed figure rounded (or truncated) to the declared decimals equals the declared figure. */
  function byDefinition(declared: string, recomputed: Dec, mode: RoundingMode): boolean {
    const value = new Dec(declared);
    const dot = declared.indexOf('.');
    const decimals = dot < 0 ? 2 : declared.length - dot - 1;
    const rounded = recomputed.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP).eq(value);
    const truncated = recomputed.toDecimalPlaces(decimals, Dec.ROUND_DOWN).eq(value);
    return mode === 'round' ? rounded : mode === 'truncate' ? truncated : rounded || truncated;
  }

  it('agrees with its definition for any declared figure, recomputed figure and mode', () => {
    const mode = fc.constantFrom<RoundingMode>('round', 'truncate', 'either');
    const near = fc.tuple(decimalText, fc.constantFrom('0', '0.001', '-0.004', '0.005', '-0.005', '0.0049999', '0.01')).map(([declared, offset]) => ({
      declared,
      recomputed: new Dec(declared).plus(new Dec(offset)),
    }));
    const any = fc.tuple(decimalText, decimal).map(([declared, recomputed]) => ({ declared, recomputed }));
    fc.assert(
      fc.property(fc.oneof(near, any), mode, ({ declared, recomputed }, m) => {
        expect(isConsistent(declared, exact(recomputed), m)).toBe(byDefinition(declared, recomputed, m));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('withinOneRoundingStep', () => {
  it('agrees with its definition: the recomputed figure rounded to the declared decimals is at most one step away', () => {
    const pair = fc.oneof(
      fc.tuple(decimalText, decimal),
      fc.tuple(decimalText, fc.constantFrom('0', '0.01', '-0.01', '0.014', '0.015', '-0.015', '0.1', '0.02')).map(([declared, offset]) => [declared, new Dec(declared).plus(new Dec(offset))] as const),
    );
    fc.assert(
      fc.property(pair, ([declared, recomputed]) => {
        const dot = declared.indexOf('.');
        const decimals = dot < 0 ? 2 : declared.length - dot - 1;
        const rounded = recomputed.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP);
        const expected = new Dec(declared).minus(rounded).abs().lte(new Dec(10).pow(-decimals));
        expect(withinOneRoundingStep(declared, exact(recomputed))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('qualitativeBand', () => {
  function settingsWith(achieved: string, partly: string): Settings {
    const resolved = resolveProfile({ name: `bands ${achieved} ${partly}`, extends: 'default', qualitativeBands: { achieved, partly } });
    if (!resolved.ok) throw new Error(resolved.problem.message);
    return resolved.settings;
  }
  const settings = [settingsWith('0.8', '0.6'), settingsWith('1', '0'), settingsWith('1', '1'), settingsWith('0', '0'), settingsWith('0.75', '0.333')];

  it('gives the products of the weight and the band fractions, as decimal.js writes them', () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom(...settings), fc.constantFrom('achieved' as const, 'partly' as const, 'notAchieved' as const), (weight, profile, achievement) => {
        const { achieved, partly } = profile.qualitativeBands;
        const [low, high] = achievement === 'achieved' ? [achieved, new Dec(1)] : achievement === 'partly' ? [partly, achieved] : [new Dec(0), partly];
        const band = qualitativeBand(exact(weight), achievement, profile);
        for (const [edge, expected] of [[band[0], weight.times(low)], [band[1], weight.times(high)]] as const) {
          // As written: a zero has no sign to show.
          expect(edge.toFixed()).toBe(expected.toFixed());
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('roundingStep', () => {
  it('is one unit in the last declared decimal, whole numbers counting two decimals', () => {
    fc.assert(
      fc.property(decimalText, (declared) => {
        const dot = declared.indexOf('.');
        const decimals = dot < 0 ? 2 : declared.length - dot - 1;
        expect(roundingStep(declared).toFixed()).toBe(new Dec(10).pow(-decimals).toFixed());
      }),
    );
  });
});

describe('unit conversion', () => {
  it('converts as multiplying by the unit factor does, also beyond the precision and for a unit it meets again', () => {
    const unit = fc.constantFrom(null, '元', '万元', '亿元', '%', '百分比', '‰', '台', '人次', '吨', ' 万元 ', '％');
    fc.assert(
      fc.property(decimal, unit, decimal, unit, (t, targetUnit, a, actualUnit) => {
        const first = inSharedUnit({ value: t, unit: targetUnit }, { value: a, unit: actualUnit });
        const again = inSharedUnit({ value: t, unit: targetUnit }, { value: a, unit: actualUnit });
        expect(again).toEqual(first);
        if (first === null) return;
        const factor = (u: string | null) =>
          ({ 元: '1', 万元: '10000', 亿元: '100000000', '%': '1', 百分比: '1', '‰': '0.1' })[(u ?? '').replace(/\s+/g, '').replace(/％/g, '%')] ?? '1';
        const targetFactor = factor(targetUnit ?? actualUnit);
        const actualFactor = factor(actualUnit ?? targetUnit);
        const expectedTarget = targetUnit === null && actualUnit === null ? t : t.times(targetFactor);
        const expectedActual = targetUnit === null && actualUnit === null ? a : a.times(actualFactor);
        expect(first.target.eq(expectedTarget)).toBe(true);
        expect(first.actual.eq(expectedActual)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('weight sums of a form', () => {
  const fig = (value: string | null, line: number): Figure | null => (value === null ? null : { raw: value, value, line, column: 7 });
  const level1Arb = fc.constantFrom('产出指标', '效益指标', '满意度指标', null, '');
  const weightArb = fc.option(fc.oneof(decimalText, fc.constantFrom('5', '10', '2.5', '0')), { nil: null });
  const rowsArb = fc.array(fc.tuple(level1Arb, weightArb, fc.option(fc.constantFrom('50', '30', '40'), { nil: null })), { minLength: 1, maxLength: 12 });

  function formOf(rows: readonly [string | null, string | null, string | null][], fundsWeight: string, totalWeight: string): Form {
    const indicators: Indicator[] = rows.map(([level1, weight, points], i) => ({
      level1,
      level1Points: points,
      level2: null,
      name: `指标${i}`,
      target: null,
      actual: null,
      weight: fig(weight, 10 + i),
      score: null,
      deviation: null,
      line: 10 + i,
      recomputedScore: null,
    }));
    return {
      title: null,
      source: { file: null, startLine: 1, endLine: 40, encoding: 'utf-8', separator: 'tab' },
      project: { name: 'p', amount: null, department: null, implementer: null },
      funds: {
        unit: '元',
        line: 3,
        rows: [{ label: '年度资金总额', kind: 'total', initialBudget: null, adjustedBudget: null, executed: null, weight: fig(fundsWeight, 4), rate: null, score: null, line: 4 }],
      },
      goals: { expected: null, actual: null },
      indicators,
      // Both figures of the 总分 row: a weight alone, other than 100, may be the score, and nothing is said of it.
      total: { weight: fig(totalWeight, 40), score: fig('0', 40), line: 40 },
      diagnostics: [],
      findings: [],
      summary: null,
    } as Form;
  }

  /** Σ in row order, as the rule reads. */
  const sequentialSum = (weights: readonly (string | null)[]) => weights.reduce((total, w) => (w === null ? total : total.plus(new Dec(w))), new Dec(0));

  it('are the sums in row order, short or long, under a 一级 (satisfaction folded or not) and in total', () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom('mof2020', 'hubei'), (rows, profile) => {
        const form = formOf(rows, '10', '1');
        const [checked] = check({ forms: [form], diagnostics: [] }, { profile }).forms;
        const totalFinding = checked.findings.find((f) => f.code === 'total-weight-mismatch');
        const total = new Dec(10).plus(sequentialSum(rows.map(([, w]) => w)));
        // No row with a weight: a table without a 分值 column, whose weights are unknown, not 0.
        if (total.eq(1) || rows.every(([, w]) => w === null)) expect(totalFinding).toBeUndefined();
        else expect(totalFinding?.expected).toBe(total.toFixed());

        // Whether satisfaction counts inside 效益 is read from the form (its layout), and said in the finding.
        for (const finding of checked.findings.filter((f) => f.code === 'level1-weight-mismatch')) {
          const level1 = rows[finding.line - 10][0]!;
          const own = rows.filter(([l]) => l === level1).map(([, w]) => w);
          const folded = finding.message.en.includes('satisfaction included');
          const satisfaction = folded && level1.includes('效益') ? rows.filter(([l]) => l !== null && l.includes('满意度')).map(([, w]) => w) : [];
          expect(finding.expected).toBe(sequentialSum([...own, ...satisfaction]).toFixed());
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('duplicate rows', () => {
  const text = (raw: string, line: number) => ({ raw, text: raw, kind: 'text' as const, op: null, value: null, unit: null, line, column: 5 });
  const row = (line: number, level2: string | null, name: string, target: string): Indicator => ({
    level1: '产出指标',
    level1Points: null,
    level2,
    name,
    target: text(target, line),
    actual: text('达成', line),
    weight: { raw: '5', value: '5', line, column: 7 },
    score: { raw: '5', value: '5', line, column: 8 },
    deviation: null,
    line,
    recomputedScore: null,
  });

  /** The findings of repeated indicators of a bare form of these rows: line, and the line repeated. */
  const repeatsOf = (indicators: Indicator[]) => {
    const form = {
      title: null,
      source: { file: null, startLine: 1, endLine: 200, encoding: 'utf-8', separator: 'tab' },
      project: { name: 'p', amount: null, department: null, implementer: null },
      funds: null,
      goals: { expected: null, actual: null },
      indicators,
      total: null,
      diagnostics: [],
      findings: [],
      summary: null,
    } as Form;
    const [checked] = check({ forms: [form], diagnostics: [] }).forms;
    return checked.findings.filter((f) => f.code === 'duplicate-indicator').map((f) => [f.line, f.message.en.replace(/.* line /, '')]);
  };

  it('are keyed by 二级, normalised name and trimmed target joined with NULs, so that parts holding a NUL may share a key', () => {
    const repeats = repeatsOf([
      row(2, 'A', 'B\u0000C', 'D'),
      row(3, 'A\u0000B', 'C', 'D'), // A␀B␀C␀D, as line 2
      row(4, 'A', 'B', 'C\u0000D'), // A␀B␀C␀D again
      row(5, 'A', 'B\u0000C', 'D'),
      row(6, null, 'X', ' T '),
      row(7, '', 'X', 'T'), // no 二级 is an empty 二级, the target is trimmed
      row(8, '', 'X！', 'T'), // punctuation is not part of the name
      row(9, 'L', 'X', 'T'),
      row(10, '', 'X', 'U'),
      row(11, '', 'X', 'T'),
    ]);
    expect(repeats).toEqual([
      [3, '2'],
      [4, '2'],
      [5, '2'],
      [7, '6'],
      [8, '6'],
      [11, '6'],
    ]);
  });

  it('are found alike in a form of a few rows (compared row by row) and in a long one (keyed)', () => {
    const repeated = [
      row(2, 'A', 'X', 'T'),
      row(3, null, 'X', ' T '),
      row(4, '', 'X！', 'T'), // the same as line 3: no 二级 is an empty 二级, punctuation is not part of the name, the target is trimmed
      row(5, 'A', 'X', 'U'),
      row(6, 'A', 'X', 'T'), // as line 2
      row(7, 'B', 'X', 'T'),
      row(8, 'A', 'Y', 'T'),
      row(9, 'A', ' X ', 'T'), // as line 2
    ];
    const expected = [
      [4, '3'],
      [6, '2'],
      [9, '2'],
    ];
    expect(repeatsOf(repeated)).toEqual(expected);
    // Sixty more rows of names of their own: the long form's search.
    const others = Array.from({ length: 60 }, (_, at) => row(100 + at, 'A', `指标${at}`, 'T'));
    expect(repeatsOf([...repeated, ...others])).toEqual(expected);
  });
});
