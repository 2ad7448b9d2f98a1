/**
 * Which funds figure is which when rows lose cells: by the header's columns
 * when the cells sit under captions that suit them, else by kind in the
 * header's column order (space-aligned rows, shifted rows, other templates).
 */
import { describe, expect, it } from 'vitest';
import { assignFundsCells } from '../src/layout/funds.js';
import type { Cell, CellKind } from '../src/parse/rows.js';

type Field = 'initialBudget' | 'adjustedBudget' | 'received' | 'executed' | 'weight' | 'rate' | 'score';

const KIND: Record<string, CellKind> = { n: 'number', p: 'percent', m: 'marker', x: 'notApplicable', t: 'text', q: 'quantity' };

/** Cells from `[column, kind, text]`: kind n number, p percent, m marker, x 不适用, t text, q quantity. */
function cells(...specs: [number, string, string][]): Cell[] {
  return specs.map(([index, kind, text]) => ({ index, offset: 0, line: 1, column: 1, raw: text, text, kind: KIND[kind], label: null, tokens: [] }));
}

const header = (...fields: [number, Field][]) => new Map<number, Field>(fields);

/** The canonical header of the seed: 年初预算数 at column 2 … 得分 at column 7. */
const CANONICAL = header([2, 'initialBudget'], [3, 'adjustedBudget'], [4, 'executed'], [5, 'weight'], [6, 'rate'], [7, 'score']);

const placed = (values: Cell[], columns: Map<number, Field>) => {
  const { fields, rest } = assignFundsCells(values, columns);
  return { fields: Object.fromEntries(fields.map(([f, c]) => [f, c.text])), rest: rest.map((c) => c.text) };
};

/** The cells reported as not matched to a column, with the fields each might be. */
const unmatched = (values: Cell[], columns: Map<number, Field>) =>
  Object.fromEntries(assignFundsCells(values, columns).unmatched.map(({ cell, candidates }) => [cell.text, candidates]));

describe('by the header columns', () => {
  it('empty cells instead of 0.00: the figures stay under their captions', () => {
    expect(placed(cells([5, 'm', '—'], [7, 'm', '—']), CANONICAL)).toEqual({ fields: { weight: '—', score: '—' }, rest: [] });
    expect(placed(cells([2, 'n', '360000.00'], [3, 'n', '360000.00'], [4, 'n', '360000.00'], [6, 'p', '100.00%']), CANONICAL)).toEqual({
      fields: { initialBudget: '360000.00', adjustedBudget: '360000.00', executed: '360000.00', rate: '100.00%' },
      rest: [],
    });
  });

  it('a percent under a caption other than 执行率 is not taken by column; amounts that might be any two of three are reported', () => {
    const row = cells([3, 'n', '456.80'], [4, 'n', '441.20'], [5, 'p', '96.58%']);
    // One column to the right the rate would fit, but 441.20 under 分值 is no sure fit: the row is not read as drifted.
    expect(placed(row, CANONICAL)).toEqual({ fields: { rate: '96.58%' }, rest: [] });
    expect(unmatched(row, CANONICAL)).toEqual({
      '456.80': ['initialBudget', 'adjustedBudget'],
      '441.20': ['adjustedBudget', 'executed'],
    });
  });

  it('a blank 年初预算数 stays blank: the figures do not slide left', () => {
    const row = cells([3, 'n', '120'], [4, 'n', '118'], [5, 'n', '10'], [6, 'p', '98.33%'], [7, 'n', '9.83']);
    expect(placed(row, CANONICAL)).toEqual({ fields: { adjustedBudget: '120', executed: '118', weight: '10', rate: '98.33%', score: '9.83' }, rest: [] });
  });

  it('Hebei 预算数 · 到位数 · 执行数: the middle amount is the money received', () => {
    const hebei = header([1, 'adjustedBudget'], [2, 'received'], [3, 'executed'], [4, 'weight'], [5, 'rate'], [6, 'score']);
    const row = cells([1, 'n', '50'], [2, 'n', '50'], [3, 'n', '48.5'], [4, 'n', '10'], [5, 'p', '97%'], [6, 'n', '9.7']);
    expect(placed(row, hebei).fields).toEqual({ adjustedBudget: '50', received: '50', executed: '48.5', weight: '10', rate: '97%', score: '9.7' });
  });

  it('执行率 before 分值 under a header that says so', () => {
    const rateFirst = header([1, 'initialBudget'], [2, 'adjustedBudget'], [3, 'executed'], [4, 'rate'], [5, 'weight'], [6, 'score']);
    const row = cells([1, 'n', '100'], [2, 'n', '100'], [3, 'n', '96'], [4, 'p', '96%'], [5, 'n', '10'], [6, 'n', '9.6']);
    expect(placed(row, rateFirst).fields).toEqual({ initialBudget: '100', adjustedBudget: '100', executed: '96', rate: '96%', weight: '10', score: '9.6' });
  });

  it('a whole row one column off its captions is read one column off', () => {
    const row = cells([1, 'n', '0.00'], [2, 'n', '20000.00'], [3, 'n', '0.00'], [4, 'm', '—'], [5, 'p', '0.00%'], [6, 'm', '—']);
    expect(placed(row, CANONICAL).fields).toEqual({ initialBudget: '0.00', adjustedBudget: '20000.00', executed: '0.00', weight: '—', rate: '0.00%', score: '—' });
  });
});

describe('without a header', () => {
  it('markers are not guessed to be 分值 and 得分: every field holds one', () => {
    expect(placed(cells([1, 'm', '—'], [2, 'm', '—']), new Map())).toEqual({ fields: {}, rest: [] });
    expect(unmatched(cells([1, 'm', '/'], [2, 'm', '/']), new Map())['/']).toEqual(['initialBudget', 'adjustedBudget', 'executed', 'weight', 'rate', 'score']);
  });

  it('a full row of the canonical kinds is not read in the canonical order either: Hebei prints 预算数 · 到位数 · 执行数 there', () => {
    const row = cells([1, 'n', '50'], [2, 'n', '50'], [3, 'n', '48.5'], [4, 'n', '10'], [5, 'p', '97%'], [6, 'n', '9.7']);
    expect(placed(row, new Map())).toEqual({ fields: { rate: '97%' }, rest: [] });
    expect(Object.keys(unmatched(row, new Map())).sort()).toEqual(['10', '48.5', '50', '9.7']);
  });

  it('the percent is the rate; the amounts are reported with the fields they might be', () => {
    const row = cells([1, 'n', '85000.00'], [2, 'n', '76500.00'], [3, 'p', '90.00%'], [4, 'n', '9.00']);
    expect(placed(row, new Map())).toEqual({ fields: { rate: '90.00%' }, rest: [] });
    expect(unmatched(row, new Map())['85000.00']).toEqual(['initialBudget', 'adjustedBudget', 'executed', 'weight', 'score']);
  });

  it('a cell that suits no field is left for the report', () => {
    const row = cells([1, 'n', '100'], [2, 't', '见附件'], [3, 'p', '100%']);
    expect(placed(row, new Map())).toEqual({ fields: { rate: '100%' }, rest: ['见附件'] });
    expect(Object.keys(unmatched(row, new Map()))).toEqual(['100']);
  });
});

describe('by kind, in the header order', () => {
  it('the seed row whose header lost 分值 and 执行率 (line 117)', () => {
    const shifted = header([1, 'initialBudget'], [3, 'adjustedBudget'], [5, 'executed'], [7, 'score']);
    const row = cells([2, 'n', '8450000.00'], [3, 'n', '19416170.49'], [4, 'n', '19402034.90'], [5, 'm', '—'], [6, 'p', '99.92%']);
    expect(placed(row, shifted)).toEqual({
      fields: { initialBudget: '8450000.00', adjustedBudget: '19416170.49', executed: '19402034.90', weight: '—', rate: '99.92%' },
      rest: [],
    });
  });

  it('Sichuan order, rate before 权重: the number after the rate is the weight', () => {
    const sichuan = header([2, 'initialBudget'], [3, 'adjustedBudget'], [4, 'executed'], [5, 'rate'], [6, 'weight'], [7, 'score']);
    const row = cells([1, 'n', '238.93'], [2, 'n', '251.89'], [3, 'n', '251.89'], [4, 'p', '100.00%'], [5, 'n', '10']);
    expect(placed(row, sichuan).fields).toEqual({ initialBudget: '238.93', adjustedBudget: '251.89', executed: '251.89', rate: '100.00%', weight: '10' });
  });

  it('a template without 年初预算数: three numbers before the rate are budget, execution and weight', () => {
    const noInitial = header([2, 'adjustedBudget'], [3, 'executed'], [4, 'weight'], [5, 'rate'], [6, 'score']);
    const row = cells([1, 'n', '9.48'], [2, 'n', '9.48'], [3, 'n', '10'], [4, 'p', '100%'], [5, 'n', '10']);
    expect(placed(row, noInitial).fields).toEqual({ adjustedBudget: '9.48', executed: '9.48', weight: '10', rate: '100%', score: '10' });
  });

  it('a lone figure after the rate with no 分值 column shown is the score; with both shown it is reported', () => {
    const noWeight = header([1, 'adjustedBudget'], [2, 'executed'], [3, 'rate'], [4, 'score']);
    const row = cells([2, 'n', '285.84'], [3, 'n', '285.84'], [4, 'p', '100%'], [5, 'n', '20']);
    expect(placed(row, noWeight).fields).toEqual({ adjustedBudget: '285.84', executed: '285.84', rate: '100%', score: '20' });
    const both = header([2, 'initialBudget'], [3, 'adjustedBudget'], [4, 'executed'], [5, 'rate'], [6, 'weight'], [7, 'score']);
    const lone = cells([8, 'p', '100%'], [9, 'n', '10']);
    expect(unmatched(lone, both)).toEqual({ '10': ['weight', 'score'] });
  });
});
