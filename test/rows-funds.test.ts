/**
 * Which funds figure is which when rows lose cells: by the header's columns
 * when the cells sit under captions that suit them, else by kind in the
 * header's column order (space-aligned rows, shifted rows, other templates).
 */
import { describe, expect, it } from 'vitest';
import { assignFundsCells } from '../src/forms.js';
import type { Cell, CellKind } from '../src/rows.js';

type Field = 'initialBudget' | 'adjustedBudget' | 'executed' | 'weight' | 'rate' | 'score';

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

describe('by the header columns', () => {
  it('empty cells instead of 0.00: the figures stay under their captions', () => {
    expect(placed(cells([5, 'm', '—'], [7, 'm', '—']), CANONICAL)).toEqual({ fields: { weight: '—', score: '—' }, rest: [] });
    expect(placed(cells([2, 'n', '360000.00'], [3, 'n', '360000.00'], [4, 'n', '360000.00'], [6, 'p', '100.00%']), CANONICAL)).toEqual({
      fields: { initialBudget: '360000.00', adjustedBudget: '360000.00', executed: '360000.00', rate: '100.00%' },
      rest: [],
    });
  });

  it('a percent under a caption other than 执行率 is not taken by column', () => {
    const { fields } = placed(cells([3, 'n', '456.80'], [4, 'n', '441.20'], [5, 'p', '96.58%']), CANONICAL);
    expect(fields).toEqual({ initialBudget: '456.80', adjustedBudget: '441.20', rate: '96.58%' });
  });
});

describe('by kind, in the header order', () => {
  it('markers with no usable column are 分值 and 得分', () => {
    expect(placed(cells([1, 'm', '—'], [2, 'm', '—']), new Map())).toEqual({ fields: { weight: '—', score: '—' }, rest: [] });
    expect(placed(cells([1, 'm', '/'], [2, 'm', '/']), new Map())).toEqual({ fields: { weight: '/', score: '/' }, rest: [] });
  });

  it('a full row is read in order', () => {
    const row = cells([1, 'n', '0.00'], [2, 'n', '20000.00'], [3, 'n', '0.00'], [4, 'm', '—'], [5, 'p', '0.00%'], [6, 'm', '—']);
    expect(placed(row, new Map()).fields).toEqual({ initialBudget: '0.00', adjustedBudget: '20000.00', executed: '0.00', weight: '—', rate: '0.00%', score: '—' });
  });

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

  it('without a header, the canonical order: numbers before the rate are amounts first', () => {
    const row = cells([1, 'n', '85000.00'], [2, 'n', '76500.00'], [3, 'p', '90.00%'], [4, 'n', '9.00']);
    expect(placed(row, new Map()).fields).toEqual({ initialBudget: '85000.00', adjustedBudget: '76500.00', rate: '90.00%', score: '9.00' });
  });

  it('a cell that suits no field is left for the report', () => {
    const row = cells([1, 'n', '100'], [2, 't', '见附件'], [3, 'p', '100%']);
    expect(placed(row, new Map())).toEqual({ fields: { initialBudget: '100', rate: '100%' }, rest: ['见附件'] });
  });
});
