import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, checkForm } from '../src/check/check.js';
import type { ProfileOverlay } from '../src/check/profile.js';
import { RULES, type RuleCode } from '../src/check/rules.js';
import { Document as DocumentSchema, Form as FormSchema } from '../src/contract/schema.js';
import type { Comparator, Document, Figure, Finding, Form, FundsRow, Indicator, Measure } from '../src/contract/schema.js';

// ---------------------------------------------------------------------------
// Tiny builders for hand-written forms

function figure(raw: string, line = 1, column = 1): Figure {
  const plain = raw.replace(/,/g, '').replace(/%$/, '');
  return { raw, value: /^-?\d+(\.\d+)?$/.test(plain) ? plain : null, line, column };
}

const OPERATORS: Record<string, Comparator> = { '≥': '>=', '≤': '<=', '>': '>', '<': '<', '=': '=' };

function measure(raw: string, line = 1, column = 5): Measure {
  const base = { raw, text: raw, line, column };
  if (raw === '不适用') return { ...base, kind: 'notApplicable', op: null, value: null, unit: null };
  if (raw === '—' || raw === '/' || raw === '') return { ...base, kind: 'marker', op: null, value: null, unit: null };
  const match = /^([≥≤><=])?\s*(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(raw);
  if (!match) return { ...base, kind: 'text', op: null, value: null, unit: null };
  const unit = match[3] === '' ? null : match[3];
  const kind = unit === '%' ? 'percent' : unit === null ? 'number' : 'quantity';
  return { ...base, kind, op: match[1] ? OPERATORS[match[1]] : null, value: match[2], unit };
}

interface IndicatorSpec {
  line: number;
  name: string | null;
  target: string | null;
  actual: string | null;
  weight: string | null;
  score: string | null;
  level1?: string | null;
  level1Points?: string | null;
  level2?: string | null;
  deviation?: string | null;
}

function indicator(spec: IndicatorSpec): Indicator {
  return {
    level1: spec.level1 === undefined ? '产出指标' : spec.level1,
    level1Points: spec.level1Points === undefined ? null : spec.level1Points,
    level2: spec.level2 === undefined ? '数量指标' : spec.level2,
    name: spec.name,
    target: spec.target === null ? null : measure(spec.target, spec.line, 5),
    actual: spec.actual === null ? null : measure(spec.actual, spec.line, 6),
    weight: spec.weight === null ? null : figure(spec.weight, spec.line, 7),
    score: spec.score === null ? null : figure(spec.score, spec.line, 8),
    deviation: spec.deviation ?? null,
    line: spec.line,
    recomputedScore: null,
  };
}

/** A quantitative row: line, name, target, actual, weight, score. */
function row(line: number, target: string, actual: string, weight: string, score: string, extra: Partial<IndicatorSpec> = {}): Indicator {
  return indicator({ line, name: `指标${line}`, target, actual, weight, score, ...extra });
}

type FundsCells = [initial: string, adjusted: string, executed: string, weight: string, rate: string, score: string];

function fundsRow(kind: FundsRow['kind'], line: number, cells: FundsCells): FundsRow {
  const [initial, adjusted, executed, weight, rate, score] = cells;
  return {
    label: kind,
    kind,
    initialBudget: figure(initial, line, 3),
    adjustedBudget: figure(adjusted, line, 4),
    executed: figure(executed, line, 5),
    weight: figure(weight, line, 6),
    rate: figure(rate, line, 7),
    score: figure(score, line, 8),
    line,
  };
}

/** Funds block at lines 8–11: the total row and its three sources. */
function funds(total: FundsCells, fiscal?: FundsCells) {
  const component = fiscal ?? ([total[0], total[1], total[2], '—', total[4], '—'] as FundsCells);
  const zero: FundsCells = ['0.00', '0.00', '0.00', '—', '0.00%', '—'];
  return {
    unit: '元' as const,
    line: 7,
    rows: [fundsRow('total', 8, total), fundsRow('fiscal', 9, component), fundsRow('carryover', 10, zero), fundsRow('other', 11, zero)],
  };
}

const STANDARD_FUNDS: FundsCells = ['100.00', '100.00', '100.00', '10', '100.00%', '10.00'];

interface FormSpec {
  funds?: Form['funds'];
  indicators?: Indicator[];
  /** Declared 总分; by default the sums the form's own figures give. */
  total?: [weight: string, score: string] | null;
}

function addUp(figures: Array<Figure | null>): string {
  // Test data only: integer-cent arithmetic is exact here.
  const cents = figures.reduce((total, f) => total + (f?.value ? Math.round(Number(f.value) * 100) : 0), 0);
  return (cents / 100).toFixed(2);
}

function form(spec: FormSpec): Form {
  const indicators = spec.indicators ?? [];
  const lastLine = Math.max(20, ...indicators.map((i) => i.line));
  const fundsBlock = spec.funds === undefined ? funds(STANDARD_FUNDS) : spec.funds;
  const fundsTotal = fundsBlock?.rows.find((r) => r.kind === 'total');
  const total =
    spec.total === undefined
      ? ([addUp([fundsTotal?.weight ?? null, ...indicators.map((i) => i.weight)]), addUp([fundsTotal?.score ?? null, ...indicators.map((i) => i.score)])] as [string, string])
      : spec.total;
  return {
    title: '项目支出绩效自评表',
    source: { file: null, startLine: 3, endLine: lastLine + 1, encoding: 'utf-8', separator: 'tab' },
    project: { name: '测试项目', amount: null, department: null, implementer: null },
    funds: fundsBlock,
    goals: { expected: null, actual: null },
    indicators,
    total: total === null ? null : { weight: figure(total[0], lastLine + 1, 6), score: figure(total[1], lastLine + 1, 7), line: lastLine + 1 },
    diagnostics: [],
    findings: [],
    summary: null,
  };
}

/** A well-formed form: funds 10, 产出 50 (five rows of 10), 效益 40 (four rows of 10), total 100. */
function wellFormed(): Form {
  const output = [20, 21, 22, 23, 24].map((line) => row(line, '100%', '100%', '10', '10', { level1Points: '50' }));
  const benefit = [25, 26, 27, 28].map((line) =>
    indicator({ line, name: `效益${line}`, target: '有效', actual: '有效', weight: '10', score: '10', level1: '效益指标', level1Points: '40', level2: '社会效益指标' }),
  );
  return form({ indicators: [...output, ...benefit], total: ['100', '100'] });
}

function overlay(profile: ProfileOverlay): ProfileOverlay {
  return profile;
}

function findingsOf(checked: Form, code?: RuleCode): Finding[] {
  return code === undefined ? checked.findings : checked.findings.filter((finding) => finding.code === code);
}

/** The findings on the rows: the small forms here are not scored out of 100, so total-weight-not-100 is left out. */
function rowFindings(checked: Form): Finding[] {
  return checked.findings.filter((finding) => finding.code !== 'total-weight-not-100');
}

function only(checked: Form, code: RuleCode): Finding {
  const found = findingsOf(checked, code);
  expect(found, `findings with code ${code}: ${JSON.stringify(checked.findings, null, 1)}`).toHaveLength(1);
  return found[0];
}

// ---------------------------------------------------------------------------

describe('rule table', () => {
  it('has one row per code, each with a severity, a tagged source and both descriptions', () => {
    const codes = RULES.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const rule of RULES) {
      expect(rule.source).toMatch(/^(\[(MoF|2021|legacy|vendor|seed|Hubei|Sichuan|practice|jixiao)\])+$/);
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(rule.description.zh.length).toBeGreaterThan(0);
      expect(rule.description.en.length).toBeGreaterThan(0);
    }
  });

  it('lists every code the issue names', () => {
    const required = [
      'execution-rate-mismatch', 'execution-score-mismatch', 'funds-sum-mismatch', 'score-exceeds-weight',
      'indicator-score-mismatch', 'unverifiable-indicator', 'level1-weight-mismatch', 'total-weight-mismatch',
      'total-score-mismatch', 'duplicate-indicator', 'missing-section', 'not-applicable-scored', 'missing-deviation-reason',
    ];
    expect(RULES.map((rule) => rule.code)).toEqual(expect.arrayContaining(required));
  });
});

describe('a well-formed form', () => {
  it('gives no finding and a consistent summary', () => {
    const checked = checkForm(wellFormed());
    expect(checked.findings).toEqual([]);
    expect(checked.summary).toEqual({
      declaredTotal: '100',
      recomputedTotal: '100.00',
      difference: '0.00',
      declaredGrade: '优',
      recomputedGrade: '优',
      // 100.00 executed of 100.00 budgeted.
      executionRate: '100.00',
      grading: { status: 'graded', reason: null, gradeChanged: false },
      // 10 × 100.00 ÷ 100.00 on the funds total row (line 8).
      execution: { line: 8, weight: '10', declared: '10.00', recomputed: '10.00' },
      // Lines 20–24: 5 × 10 under 产出 (50); lines 25–28: 4 × 10 under 效益 (40).
      level1: [
        { label: '产出指标', line: 20, points: '50', weight: '50', declared: '50', recomputed: '50.00' },
        { label: '效益指标', line: 25, points: '40', weight: '40', declared: '40', recomputed: '40.00' },
      ],
      counts: { error: 0, warning: 0, info: 0 },
    });
    expect(checked.indicators.map((i) => i.recomputedScore)).toEqual(Array(9).fill('10.00'));
    expect(FormSchema.safeParse(checked).success).toBe(true);
  });
});

describe('missing-section', () => {
  it('passes when funds, indicators and 总分 are all there', () => {
    expect(findingsOf(checkForm(wellFormed()), 'missing-section')).toEqual([]);
  });

  it('reports each missing section at the form start', () => {
    const checked = checkForm(form({ funds: null, indicators: [], total: null }));
    const missing = findingsOf(checked, 'missing-section');
    expect(missing.map((f) => f.field)).toEqual(['funds', 'indicators', 'total']);
    expect(missing.every((f) => f.severity === 'error' && f.line === 3)).toBe(true);
    expect(checked.summary?.recomputedTotal).toBeNull();
    expect(checked.summary?.counts.error).toBe(3);
  });
});

describe('execution-rate-mismatch', () => {
  it('passes a rounded rate (88.2063 → 88.21)', () => {
    const f = form({ funds: funds(['4607500.00', '4567500.00', '4028825.00', '10', '88.21%', '8.82']), indicators: [row(20, '1', '1', '90', '90')], total: ['100', '98.82'] });
    expect(findingsOf(checkForm(f), 'execution-rate-mismatch')).toEqual([]);
  });

  it('reports a truncated rate as a warning with the rounded one expected, and no error (99.9272 → 99.92)', () => {
    const f = form({ funds: funds(['8450000.00', '19416170.49', '19402034.90', '10', '99.92%', '9.99']), indicators: [row(20, '1', '1', '90', '90')], total: ['100', '99.99'] });
    const checked = checkForm(f);
    const finding = only(checked, 'execution-rate-mismatch');
    expect(finding).toMatchObject({ severity: 'warning', line: 8, field: 'funds.rate', declared: '99.92', expected: '99.93', profile: 'default' });
    expect(finding.message.en).toContain('truncated');
    expect(checked.summary?.counts.error).toBe(0);
  });

  it('reports a wrong rate as a warning', () => {
    const f = form({ funds: funds(['100.00', '200.00', '150.00', '10', '70.00%', '7.50']), indicators: [row(20, '1', '1', '90', '90')], total: ['100', '97.5'] });
    expect(only(checkForm(f), 'execution-rate-mismatch')).toMatchObject({ severity: 'warning', declared: '70.00', expected: '75.00' });
  });

  it('follows the profile: truncation is consistent under a truncating profile, rounding is not', () => {
    const truncating = overlay({ extends: 'mof2020', name: 'truncating', rateRounding: 'truncate' });
    const truncated = form({ funds: funds(['8450000.00', '19416170.49', '19402034.90', '10', '99.92%', '9.99']) });
    const rounded = form({ funds: funds(['8450000.00', '19416170.49', '19402034.90', '10', '99.93%', '9.99']) });
    expect(findingsOf(checkForm(truncated, truncating), 'execution-rate-mismatch')).toEqual([]);
    expect(only(checkForm(rounded, truncating), 'execution-rate-mismatch')).toMatchObject({ declared: '99.93', expected: '99.92' });
    expect(only(checkForm(truncated, 'mof2020'), 'execution-rate-mismatch').message.en).not.toContain('truncated');
  });

  it('takes an undefined rate (全年预算数 0) as 0 under the default profile, without a finding', () => {
    const checked = checkForm(form({ funds: funds(['20000.00', '0.00', '0.00', '10', '0.00%', '0.00']), total: ['10', '0'] }));
    expect(findingsOf(checked, 'execution-rate-mismatch')).toEqual([]);
    expect(findingsOf(checked, 'execution-score-mismatch')).toEqual([]);
  });

  it('passes a rate of 0.00% for a budget with nothing executed', () => {
    const checked = checkForm(form({ funds: funds(['0.00', '20000.00', '0.00', '10', '0.00%', '0.00']), total: ['10', '0'] }));
    expect(checked.findings.filter((f) => f.code.startsWith('execution'))).toEqual([]);
  });
});

describe('zero budget handling', () => {
  const zeroBudget = () =>
    form({ funds: funds(['20000.00', '0.00', '0.00', '10', '0.00%', '0.00']), indicators: [row(20, '1', '1', '90', '90')], total: ['100', '90'] });

  it("'error' reports the undefined rate", () => {
    const checked = checkForm(zeroBudget(), overlay({ extends: 'default', name: 'strict', zeroBudget: 'error' }));
    expect(only(checked, 'zero-budget')).toMatchObject({ severity: 'error', line: 8, field: 'funds.adjustedBudget' });
  });

  it('gives the summary no execution rate, whatever the profile does with the funds', () => {
    for (const policy of ['error', 'zero', 'exclude'] as const) {
      expect(checkForm(zeroBudget(), overlay({ extends: 'default', name: policy, zeroBudget: policy })).summary?.executionRate).toBeNull();
    }
  });

  it("'exclude' leaves the funds out of the totals", () => {
    const checked = checkForm(zeroBudget(), overlay({ extends: 'default', name: 'exclude', zeroBudget: 'exclude' }));
    expect(only(checked, 'total-weight-mismatch')).toMatchObject({ declared: '100', expected: '90' });
    expect(findingsOf(checked, 'total-score-mismatch')).toEqual([]);
  });
});

describe('execution-score-mismatch', () => {
  it('passes 分值 × rate rounded (10 × 98.62…% = 9.86)', () => {
    const f = form({ funds: funds(['10965761.00', '10525876.51', '10380629.85', '10', '98.62%', '9.86']) });
    expect(findingsOf(checkForm(f), 'execution-score-mismatch')).toEqual([]);
  });

  it('reports a score that does not follow from the rate', () => {
    const f = form({ funds: funds(['10965761.00', '10525876.51', '10380629.85', '10', '98.62%', '9.50']) });
    expect(only(checkForm(f), 'execution-score-mismatch')).toMatchObject({ severity: 'error', line: 8, field: 'funds.score', declared: '9.50', expected: '9.86' });
  });

  it('caps the score at 分值 when more than the budget was executed, unless the profile does not cap', () => {
    const over = form({ funds: funds(['100.00', '100.00', '110.00', '10', '110.00%', '10.00']) });
    expect(findingsOf(checkForm(over), 'execution-score-mismatch')).toEqual([]);
    const uncapped = checkForm(over, overlay({ extends: 'vendor', name: 'uncapped', executionCap: false }));
    expect(only(uncapped, 'execution-score-mismatch')).toMatchObject({ declared: '10.00', expected: '11.00' });
  });
});

describe('funds-sum-mismatch', () => {
  it('passes when the sources add up column by column', () => {
    expect(findingsOf(checkForm(wellFormed()), 'funds-sum-mismatch')).toEqual([]);
  });

  it('reports each column that does not add up', () => {
    const f = form({ funds: funds(STANDARD_FUNDS, ['100.00', '90.00', '100.00', '—', '100.00%', '—']) });
    expect(only(checkForm(f), 'funds-sum-mismatch')).toMatchObject({ severity: 'error', line: 8, field: 'funds.adjustedBudget', declared: '100.00', expected: '90.00' });
  });
});

describe('score-exceeds-weight', () => {
  it('passes a score within 0..分值', () => {
    expect(findingsOf(checkForm(form({ indicators: [row(20, '100%', '100%', '2', '2')] })), 'score-exceeds-weight')).toEqual([]);
  });

  it('reports a score above its weight', () => {
    const checked = checkForm(form({ indicators: [row(20, '100%', '100%', '2', '3')] }));
    expect(only(checked, 'score-exceeds-weight')).toMatchObject({ severity: 'error', line: 20, declared: '3', expected: '2' });
  });

  it('reports a negative score', () => {
    const checked = checkForm(form({ indicators: [row(20, '100%', '50%', '2', '-1', { deviation: '原因' })] }));
    expect(only(checked, 'score-exceeds-weight')).toMatchObject({ declared: '-1', expected: '0' });
  });
});

describe('indicator-score-mismatch (quantitative)', () => {
  it('reports 2 for 98.02% of 100% (expected 1.96) as an error', () => {
    const checked = checkForm(form({ indicators: [row(43, '100%', '98.02%', '2', '2')] }));
    expect(only(checked, 'indicator-score-mismatch')).toMatchObject({ severity: 'error', line: 43, field: 'score', declared: '2', expected: '1.96' });
    expect(checked.indicators[0].recomputedScore).toBe('1.96');
  });

  it('accepts 5.2 for 1172 of 1350 (5.2089, kept to one decimal)', () => {
    const checked = checkForm(form({ indicators: [row(96, '1350套', '1172', '6', '5.2', { deviation: '采购数量减少' })] }));
    expect(rowFindings(checked)).toEqual([]);
    expect(checked.indicators[0].recomputedScore).toBe('5.21');
  });

  it('lowers a miss of one rounding step to a warning', () => {
    const checked = checkForm(form({ indicators: [row(96, '1350套', '1172', '6', '5.22', { deviation: '原因' })] }));
    expect(only(checked, 'indicator-score-mismatch')).toMatchObject({ severity: 'warning', declared: '5.22', expected: '5.21' });
  });

  it('gives full marks when a positive target is met or exceeded, never more, and warns of a target exceeded 2× or more', () => {
    const checked = checkForm(form({ indicators: [row(38, '100台', '144', '2', '2'), row(40, '≥2批次', '39', '2', '2'), row(41, '10人', '12人', '3', '3')] }));
    expect(rowFindings(checked).map((f) => [f.line, f.code, f.severity])).toEqual([[40, 'large-over-achievement', 'warning']]);
    expect(checked.indicators.map((i) => i.recomputedScore)).toEqual(['2.00', '2.00', '3.00']);
  });

  it('scores a shortfall proportionally (5 of 10 人 → 1.5 of 3)', () => {
    const checked = checkForm(form({ indicators: [row(123, '10人', '5人', '3', '1.5', { deviation: '人员调整' })] }));
    expect(rowFindings(checked)).toEqual([]);
    expect(checked.indicators[0].recomputedScore).toBe('1.50');
  });

  it('gives full marks for a reverse target met, including an actual of 0 (never divides by it)', () => {
    const checked = checkForm(form({ indicators: [row(49, '≤1%', '0%', '2', '2'), row(103, '≤460.75万元', '4261455元', '8', '8')] }));
    expect(rowFindings(checked)).toEqual([]);
  });

  it('accepts an exceeded cost ceiling scored 0 under the default profile (0 is among its accepted rules)', () => {
    const rows = [row(141, '≤845万元', '1940.2万元', '2', '0', { deviation: '超支' }), row(201, '≤30万元', '373714元', '5', '0', { deviation: '超支' }), row(223, '≤26万元', '47.59万元', '10', '0', { deviation: '超支' })];
    const checked = checkForm(form({ indicators: rows }));
    expect(rowFindings(checked)).toEqual([]);
    expect(checked.indicators.map((i) => i.recomputedScore)).toEqual(['0.00', '0.00', '0.00']);
  });

  it('scores an exceeded ceiling 分值 × target ÷ actual under inverse (mof2020) and linearly under linear2x (vendor)', () => {
    const rows = () => [row(141, '≤845万元', '1940.2万元', '2', '0', { deviation: '超支' }), row(201, '≤30万元', '373714元', '5', '0', { deviation: '超支' }), row(223, '≤26万元', '47.59万元', '10', '0', { deviation: '超支' })];
    const inverse = checkForm(form({ indicators: rows() }), 'mof2020');
    expect(inverse.indicators.map((i) => i.recomputedScore)).toEqual(['0.87', '4.01', '5.46']);
    expect(findingsOf(inverse, 'indicator-score-mismatch').map((f) => [f.line, f.severity, f.expected])).toEqual([
      [141, 'error', '0.87'],
      [201, 'error', '4.01'],
      [223, 'error', '5.46'],
    ]);
    const linear = checkForm(form({ indicators: rows() }), 'vendor');
    expect(linear.indicators.map((i) => i.recomputedScore)).toEqual(['0.00', '3.77', '1.70']);
  });

  it('applies the target-0 rule: actual 0 full, anything above 0', () => {
    const checked = checkForm(form({ indicators: [row(149, '0', '21', '4', '0', { deviation: '改进措施' }), row(150, '0', '0', '4', '4')] }));
    expect(rowFindings(checked)).toEqual([]);
    const wrong = checkForm(form({ indicators: [row(149, '0', '21', '4', '4')] }));
    expect(only(wrong, 'indicator-score-mismatch')).toMatchObject({ declared: '4', expected: '0.00' });
  });

  it('accepts a score within the profile tolerance', () => {
    const tolerant = overlay({ extends: 'default', name: 'tolerant', tolerance: '0.05' });
    expect(findingsOf(checkForm(form({ indicators: [row(43, '100%', '98.02%', '2', '2')] }), tolerant), 'indicator-score-mismatch')).toEqual([]);
  });
});

describe('indicator-score-mismatch (qualitative bands)', () => {
  let line = 67;
  const qualitative = (target: string, actual: string, weight: string, score: string, deviation: string | null = null) => {
    line += 1;
    return indicator({ line, name: `效益${line}`, target, actual, weight, score, level1: '效益指标', level2: '社会效益指标', deviation });
  };

  it('accepts a score inside the achieved band and keeps it as the recomputed score', () => {
    const checked = checkForm(form({ indicators: [qualitative('有效', '有效', '3', '3'), qualitative('有效保障', '有效保障', '3', '2.5', '略有不足')] }));
    expect(rowFindings(checked)).toEqual([]);
    expect(checked.indicators.map((i) => i.recomputedScore)).toEqual(['3.00', '2.50']);
  });

  it('reports a score below the achieved band, expecting the nearest band edge', () => {
    const checked = checkForm(form({ indicators: [qualitative('有效', '有效', '3', '2', '原因')] }));
    expect(only(checked, 'indicator-score-mismatch')).toMatchObject({ severity: 'error', declared: '2', expected: '2.40' });
    expect(checked.indicators[0].recomputedScore).toBe('2.40');
  });

  it('places partial and failed achievement in their bands', () => {
    const partly = qualitative('达成预期指标', '部分达成预期指标并具有一定效果', '10', '7', '原因');
    const failed = qualitative('达成预期指标', '未达成预期指标且效果较差', '10', '5', '原因');
    expect(rowFindings(checkForm(form({ indicators: [partly, failed] })))).toEqual([]);
    const overrated = checkForm(form({ indicators: [qualitative('达成预期指标', '未达成预期指标且效果较差', '10', '9', '原因')] }));
    expect(only(overrated, 'indicator-score-mismatch')).toMatchObject({ declared: '9', expected: '6.00' });
  });

  it('uses the profile bands (Hubei: partly from 50%)', () => {
    const partly = qualitative('达成预期指标', '部分达成预期指标并具有一定效果', '10', '5.5', '原因');
    expect(findingsOf(checkForm(form({ indicators: [partly] })), 'indicator-score-mismatch')).toHaveLength(1);
    expect(findingsOf(checkForm(form({ indicators: [partly] }), 'hubei'), 'indicator-score-mismatch')).toEqual([]);
  });

  it('treats a percent actual of 100% against a qualitative target as achieved', () => {
    const checked = checkForm(form({ indicators: [qualitative('及时', '100%', '1', '1'), qualitative('有效降低', '100%', '20', '20')] }));
    expect(rowFindings(checked)).toEqual([]);
  });

  it('treats an actual restating an unlisted target as achieved', () => {
    const checked = checkForm(form({ indicators: [qualitative('服务群众', '服务群众', '4', '4')] }));
    expect(rowFindings(checked)).toEqual([]);
  });
});

describe('unverifiable-indicator', () => {
  it('passes comparable units (万元 against 元)', () => {
    expect(findingsOf(checkForm(form({ indicators: [row(103, '≤460.75万元', '4261455元', '8', '8')] })), 'unverifiable-indicator')).toEqual([]);
  });

  it('reports a money target against a percent actual as info, and does not guess a score', () => {
    const checked = checkForm(form({ indicators: [row(65, '≤1096.58万元', '100%', '2', '2')] }));
    expect(only(checked, 'unverifiable-indicator')).toMatchObject({ severity: 'info', line: 65, declared: '2', expected: null });
    expect(checked.indicators[0].recomputedScore).toBeNull();
  });

  it('reports an actual that cannot be placed in a band, count units that differ, and missing values', () => {
    const rows = [
      indicator({ line: 30, name: 'a', target: '及时', actual: '已开展', weight: '2', score: '2' }),
      indicator({ line: 31, name: 'b', target: '及时', actual: '90%', weight: '2', score: '2' }),
      row(32, '100台', '90套', '2', '2'),
      indicator({ line: 33, name: 'd', target: null, actual: '100%', weight: '2', score: '2' }),
      indicator({ line: 34, name: 'e', target: '100%', actual: '100%', weight: null, score: '2' }),
    ];
    const checked = checkForm(form({ indicators: rows }));
    expect(findingsOf(checked, 'unverifiable-indicator').map((f) => f.line)).toEqual([30, 31, 32, 33, 34]);
    expect(checked.indicators.map((i) => i.recomputedScore)).toEqual([null, null, null, null, null]);
  });
});

describe('not-applicable-scored', () => {
  it('passes 不适用 rows at 0 (or /)', () => {
    const rows = [
      indicator({ line: 66, name: '不适用', target: '不适用', actual: '/', weight: '0', score: '0' }),
      indicator({ line: 15, name: '完成率', target: '100%', actual: '不适用', weight: '0', score: '0', deviation: '项目停用' }),
      indicator({ line: 75, name: '不适用', target: '不适用', actual: '不适用', weight: '/', score: '0' }),
    ];
    const checked = checkForm(form({ indicators: rows }));
    expect(checked.findings).toEqual([]);
    expect(checked.indicators.map((i) => i.recomputedScore)).toEqual(['0.00', '0.00', '0.00']);
  });

  it('reports a 不适用 row with a weight or a score', () => {
    const rows = [
      indicator({ line: 66, name: '不适用', target: '不适用', actual: '不适用', weight: '3', score: '0' }),
      indicator({ line: 67, name: '不适用', target: '不适用', actual: '不适用', weight: '0', score: '2' }),
    ];
    const found = findingsOf(checkForm(form({ indicators: rows })), 'not-applicable-scored');
    expect(found.map((f) => [f.line, f.severity, f.field, f.declared])).toEqual([
      [66, 'warning', 'weight', '3'],
      [67, 'warning', 'score', '2'],
    ]);
  });

  it("under 'renormalize' keeps the weight of a 不适用 row and rescales the total", () => {
    const renormalize = overlay({ extends: 'mof2020', name: 'legacy', notApplicable: 'renormalize' });
    const rows = [
      row(20, '100%', '100%', '45', '45', { level1Points: null }),
      indicator({ line: 21, name: '不适用', target: '不适用', actual: '不适用', weight: '45', score: '0', level1Points: null }),
    ];
    const checked = checkForm(form({ indicators: rows, total: ['100', '100'] }), renormalize);
    expect(checked.findings).toEqual([]);
    expect(checked.summary?.recomputedTotal).toBe('100.00');
  });
});

describe('missing-deviation-reason', () => {
  it('passes when a score below the weight is explained', () => {
    expect(findingsOf(checkForm(form({ indicators: [row(123, '10人', '5人', '3', '1.5', { deviation: '人员调整' })] })), 'missing-deviation-reason')).toEqual([]);
  });

  it('reports a score below the weight without a reason', () => {
    const checked = checkForm(form({ indicators: [row(123, '10人', '5人', '3', '1.5', { deviation: '  ' })] }));
    expect(only(checked, 'missing-deviation-reason')).toMatchObject({ severity: 'warning', line: 123, field: 'deviation', declared: '1.5' });
  });

  it('can be lowered to info by a profile', () => {
    const quiet = overlay({ extends: 'default', name: 'quiet', severity: { 'missing-deviation-reason': 'info' } });
    const checked = checkForm(form({ indicators: [row(123, '10人', '5人', '3', '1.5')] }), quiet);
    expect(only(checked, 'missing-deviation-reason').severity).toBe('info');
  });
});

describe('level1-weight-mismatch', () => {
  it('passes when each 一级 adds up to its points, satisfaction inside 效益 (10 + 50 + 40)', () => {
    const output = [20, 21].map((line) => row(line, '100%', '100%', '25', '25', { level1Points: '50' }));
    const benefit = row(22, '100%', '100%', '30', '30', { level1: '效益指标', level1Points: '40', level2: '社会效益指标' });
    const satisfaction = row(23, '≥90%', '100%', '10', '10', { level1: '满意度指标', level1Points: null, level2: null });
    const checked = checkForm(form({ indicators: [...output, benefit, satisfaction], total: ['100', '100'] }));
    expect(checked.findings).toEqual([]);
  });

  it('reports a 一级 whose weights do not add up, counting satisfaction inside 效益', () => {
    const output = [20, 21].map((line) => row(line, '100%', '100%', '23', '23', { level1Points: '50' }));
    const benefit = row(22, '100%', '100%', '20', '20', { level1: '效益指标', level1Points: '40', level2: '社会效益指标' });
    const satisfaction = [23, 24, 25, 26, 27, 28, 29].map((line) => row(line, '≥85%', '100%', '4', '4', { level1: '满意度指标', level1Points: null, level2: null }));
    const found = findingsOf(checkForm(form({ indicators: [...output, benefit, ...satisfaction], total: ['104', '104'] })), 'level1-weight-mismatch');
    expect(found.map((f) => [f.line, f.severity, f.declared, f.expected])).toEqual([
      [20, 'warning', '50', '46'],
      [22, 'warning', '40', '48'],
    ]);
  });

  it('checks satisfaction on its own when it declares its points (50/30/10/10)', () => {
    const output = row(20, '100%', '100%', '50', '50', { level1Points: '50' });
    const benefit = row(21, '100%', '100%', '30', '30', { level1: '效益指标', level1Points: '30', level2: '社会效益指标' });
    const satisfaction = row(22, '≥90%', '100%', '8', '8', { level1: '满意度指标', level1Points: '10', level2: '服务对象满意度指标' });
    const found = findingsOf(checkForm(form({ indicators: [output, benefit, satisfaction], total: ['98', '98'] }), 'mof2020'), 'level1-weight-mismatch');
    expect(found.map((f) => [f.line, f.declared, f.expected])).toEqual([[22, '10', '8']]);
  });

  it('skips a 一级 whose rows are all 不适用 (suspended project)', () => {
    const rows = [
      indicator({ line: 15, name: '完成率', target: '100%', actual: '不适用', weight: '0', score: '0', level1Points: '50', deviation: '项目停用' }),
      indicator({ line: 19, name: '不适用', target: '不适用', actual: '不适用', weight: '0', score: '0', level1: '效益指标', level1Points: '40', level2: '经济效益指标' }),
    ];
    const checked = checkForm(form({ funds: funds(['0.00', '20000.00', '0.00', '10', '0.00%', '0.00']), indicators: rows, total: ['10', '0'] }));
    expect(checked.findings).toEqual([]);
  });
});

describe('total-weight-mismatch and total-score-mismatch', () => {
  it('pass when 总分 is the funds part plus the indicators', () => {
    const checked = checkForm(wellFormed());
    expect(findingsOf(checked, 'total-weight-mismatch')).toEqual([]);
    expect(findingsOf(checked, 'total-score-mismatch')).toEqual([]);
  });

  it('report a 总分 that does not add up, at the 总分 line', () => {
    const f = wellFormed();
    f.total = { weight: figure('96', 29, 6), score: figure('92.49', 29, 7), line: 29 };
    const checked = checkForm(f);
    expect(only(checked, 'total-weight-mismatch')).toMatchObject({ severity: 'error', line: 29, field: 'total.weight', declared: '96', expected: '100' });
    expect(only(checked, 'total-score-mismatch')).toMatchObject({ severity: 'error', line: 29, field: 'total.score', declared: '92.49', expected: '100.00' });
  });
});

describe('duplicate-indicator', () => {
  const satisfaction = (line: number, name = '参与培训人员满意度', target = '≥85%') =>
    row(line, target, '100%', '4', '4', { name, level1: '满意度指标', level2: null });

  it('passes distinct indicators (same name, different target)', () => {
    expect(findingsOf(checkForm(form({ indicators: [satisfaction(150), satisfaction(151, '参与培训人员满意度', '≥90%')] })), 'duplicate-indicator')).toEqual([]);
  });

  it('reports each repeat after the first on its own line', () => {
    const found = findingsOf(checkForm(form({ indicators: [152, 153, 154, 155].map((line) => satisfaction(line)) })), 'duplicate-indicator');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [153, 'warning'],
      [154, 'warning'],
      [155, 'warning'],
    ]);
    expect(found[0].message.en).toContain('line 152');
  });
});

describe('summary', () => {
  it('recomputes the total from recomputed scores, the declared score standing in where none can be recomputed', () => {
    const rows = [row(43, '100%', '98.02%', '2', '2'), row(65, '≤1096.58万元', '100%', '2', '2'), row(44, '100%', '100%', '86', '86')];
    const checked = checkForm(form({ funds: funds(['10965761.00', '10525876.51', '10380629.85', '10', '98.62%', '9.86']), indicators: rows, total: ['100', '99.86'] }));
    expect(checked.summary).toEqual({
      declaredTotal: '99.86',
      recomputedTotal: '99.82',
      difference: '0.04',
      declaredGrade: '优',
      recomputedGrade: '优',
      // 10380629.85 ÷ 10525876.51 = 98.6200991…%.
      executionRate: '98.62',
      grading: { status: 'graded', reason: null, gradeChanged: false },
      // 10 × 98.6200…% = 9.862 → 9.86.
      execution: { line: 8, weight: '10', declared: '9.86', recomputed: '9.86' },
      // 2 + 2 + 86 declared; recomputed 1.96 (line 43) + 2 (line 65, declared: not recomputed) + 86.
      level1: [{ label: '产出指标', line: 43, points: null, weight: '90', declared: '90', recomputed: '89.96' }],
      counts: { error: 1, warning: 0, info: 1 },
    });
  });

  it('grades by the profile bands (vendor: 80/70/60)', () => {
    const f = wellFormed();
    f.indicators = f.indicators.map((i, index) => (index === 0 ? { ...i, score: figure('0', i.line, 8), actual: measure('0%', i.line, 6), deviation: '未开展' } : i));
    f.total = { weight: figure('100', 29, 6), score: figure('85', 29, 7), line: 29 };
    const checked = checkForm(f, 'vendor');
    expect(checked.summary).toMatchObject({ declaredTotal: '85', recomputedTotal: '90.00', declaredGrade: '优', recomputedGrade: '优' });
    expect(checkForm(f).summary).toMatchObject({ declaredGrade: '良', recomputedGrade: '优' });
  });
});

describe('check (document)', () => {
  const document = (): Document => ({ forms: [wellFormed(), form({ indicators: [row(43, '100%', '98.02%', '2', '2')] })], diagnostics: [] });

  it('returns a new document and leaves its input untouched', () => {
    const input = document();
    const snapshot = structuredClone(input);
    const output = check(input);
    expect(input).toEqual(snapshot);
    expect(output).not.toBe(input);
    expect(output.forms[1].findings.length).toBeGreaterThan(0);
    expect(DocumentSchema.safeParse(output).success).toBe(true);
  });

  it('names the profile on every finding', () => {
    const output = check(document(), { profile: 'mof2020' });
    expect(output.forms.flatMap((f) => f.findings).every((f) => f.profile === 'mof2020')).toBe(true);
  });

  it('refuses a profile it cannot resolve before checking anything, as the library does, never falling back to the default', () => {
    expect(() => check(document(), { profile: '/nonexistent/profile.json' })).toThrow(RangeError);
    expect(() => check(document(), { profile: 'mof2002' as 'mof2020' })).toThrow(/^check: unknown profile "mof2002"/);
    expect(() => check(document(), { profile: { name: 'x', reverseRule: 'harsh' } as never })).toThrow(/^check: options\.profile is not a valid profile/);
    expect(() => checkForm(document().forms[1], 42 as never)).toThrow(TypeError);
  });

  it('never throws on odd input and always produces schema-valid output', () => {
    const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
    const decimal = fc.oneof(fc.constantFrom('0', '2', '10', '100', '-1', '0.00', '99.92'), fc.integer({ min: -5, max: 200 }).map(String));
    const figureArb = fc.tuple(fc.oneof(decimal, fc.constantFrom('—', '/', '')), fc.integer({ min: 1, max: 300 })).map(([raw, line]) => figure(raw, line, 1));
    const measureArb = fc
      .tuple(fc.constantFrom('100%', '≥95%', '≤1%', '0', '≤2万元', '100台', '144', '及时', '有效', '不适用', '—', '未达成', '1940.2万元', '0%', 'x'), fc.integer({ min: 1, max: 300 }))
      .map(([raw, line]) => measure(raw, line, 1));
    const indicatorArb = fc.record({
      level1: maybe(fc.constantFrom('产出指标', '效益指标', '满意度指标', '成本指标')),
      level1Points: maybe(fc.constantFrom('50', '40', '30', '10')),
      level2: maybe(fc.constantFrom('数量指标', '社会效益指标')),
      name: maybe(fc.constantFrom('甲', '乙', '不适用')),
      target: maybe(measureArb),
      actual: maybe(measureArb),
      weight: maybe(figureArb),
      score: maybe(figureArb),
      deviation: maybe(fc.constantFrom('', '原因')),
      line: fc.integer({ min: 1, max: 300 }),
      recomputedScore: fc.constant(null),
    });
    const fundsRowArb = fc.record({
      label: fc.constant('x'),
      kind: fc.constantFrom('total', 'fiscal', 'carryover', 'other', 'unknown'),
      initialBudget: maybe(figureArb),
      adjustedBudget: maybe(figureArb),
      executed: maybe(figureArb),
      weight: maybe(figureArb),
      rate: maybe(figureArb),
      score: maybe(figureArb),
      line: fc.integer({ min: 1, max: 300 }),
    });
    const formArb = fc
      .record({
        funds: maybe(fc.record({ unit: fc.constant('元' as const), line: fc.constant(7), rows: fc.array(fundsRowArb, { maxLength: 5 }) })),
        indicators: fc.array(indicatorArb, { maxLength: 8 }),
        total: maybe(fc.record({ weight: maybe(figureArb), score: maybe(figureArb), line: fc.integer({ min: 1, max: 300 }) })),
      })
      .map((parts) => ({ ...form({}), ...parts }) as Form);
    const profileArb = fc.constantFrom('default', 'mof2020', 'mof2021', 'vendor', 'hubei');

    fc.assert(
      fc.property(fc.array(formArb, { maxLength: 3 }), profileArb, (forms, profile) => {
        const output = check({ forms, diagnostics: [] }, { profile });
        const parsed = DocumentSchema.safeParse(output);
        if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues.slice(0, 3)));
        for (const checked of output.forms) {
          const counts = checked.summary!.counts;
          expect(counts.error + counts.warning + counts.info).toBe(checked.findings.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
