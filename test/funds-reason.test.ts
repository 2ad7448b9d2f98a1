/**
 * A funds row's reason (偏差原因 / 原因说明): under a reason column of the
 * funds header, after a reason caption printed at the end of the row, or in a
 * cell that opens with the caption. The reason is read into the row's
 * `reason`, a filler standing for it (`—`) never moves a figure, and a cell
 * that cannot be read as the reason is reported on its line. Each case is
 * written as a tab, a pipe and a space-aligned export.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../src/api/index.js';
import { check } from '../src/check/check.js';
import { render } from '../src/output/render.js';
import type { Form } from '../src/contract/schema.js';
import { drawSpaces } from './support/render-mess.js';
import { writeWorkbook } from './support/office-writers.js';

type Layout = 'tab' | 'pipe' | 'spaces';
const LAYOUTS: readonly Layout[] = ['tab', 'pipe', 'spaces'];

function write(grid: string[][], layout: Layout): string {
  if (layout === 'tab') return grid.map((cells) => cells.join('\t')).join('\n') + '\n';
  if (layout === 'pipe') return grid.map((cells) => `|${cells.join('|')}|`).join('\n') + '\n';
  return drawSpaces(grid).join('\n') + '\n';
}

const PROJECT = ['项目名称', '干部教育培训', '项目金额', '10', '', '', '', '', ''];
const HEADER = ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];
const TOTAL = ['年度资金总额', '10', '10', '9', '10', '90%', '9'];
const FISCAL = ['其中：当年财政拨款', '10', '10', '9', '—', '90%', '—'];

const read = (grid: string[][], layout: Layout): Form => parse(write(grid, layout)).forms[0];

/** Each funds row's figures as written, field by field, and its reason. */
function figures(form: Form) {
  return form.funds!.rows.map((row) => ({
    label: row.label,
    figures: [row.initialBudget, row.adjustedBudget, row.executed, row.weight, row.rate, row.score].map((figure) => figure?.raw ?? null),
    reason: row.reason?.text ?? null,
  }));
}

const FIGURES_TOTAL = ['10', '10', '9', '10', '90%', '9'];
const FIGURES_FISCAL = ['10', '10', '9', '—', '90%', '—'];
const placementCodes = (form: Form) => form.diagnostics.filter((d) => d.code !== 'truncated-form').map((d) => [d.line, d.code]);

describe.each(LAYOUTS)('a funds row’s reason, %s', (layout) => {
  it('after a 偏差原因 caption at the end of the 年度资金总额 row: read as the row’s reason', () => {
    const form = read([PROJECT, HEADER, [...TOTAL, '偏差原因', '因项目调整未支付完毕'], FISCAL], layout);
    expect(figures(form)).toEqual([
      { label: '年度资金总额', figures: FIGURES_TOTAL, reason: '因项目调整未支付完毕' },
      { label: '其中：当年财政拨款', figures: FIGURES_FISCAL, reason: null },
    ]);
    const reason = form.funds!.rows[0].reason!;
    expect(reason.line).toBe(3);
    expect(write([PROJECT, HEADER, [...TOTAL, '偏差原因', '因项目调整未支付完毕'], FISCAL], layout).split('\n')[2].slice(reason.column - 1)).toMatch(/^因项目调整未支付完毕/);
    expect(placementCodes(form)).toEqual([]);
  });

  it('a filler — after the caption moves no figure: the score stays 9, and the — is the reason as written', () => {
    const form = read([PROJECT, HEADER, [...TOTAL, '偏差原因', '—'], FISCAL], layout);
    expect(figures(form)[0]).toEqual({ label: '年度资金总额', figures: FIGURES_TOTAL, reason: '—' });
    expect(placementCodes(form)).toEqual([]);
  });

  it('under a 偏差原因 column of the header: the text on the total row, the filler on a component row', () => {
    const form = read([PROJECT, [...HEADER, '偏差原因'], [...TOTAL, '因项目调整未支付完毕'], [...FISCAL, '—']], layout);
    expect(figures(form)).toEqual([
      { label: '年度资金总额', figures: FIGURES_TOTAL, reason: '因项目调整未支付完毕' },
      { label: '其中：当年财政拨款', figures: FIGURES_FISCAL, reason: '—' },
    ]);
    expect(placementCodes(form)).toEqual([]);
  });

  it('under a 原因说明 column: the caption is no stray header cell, an empty reason is absent', () => {
    const form = read([PROJECT, [...HEADER, '原因说明'], [...TOTAL, '因项目调整未支付完毕'], FISCAL], layout);
    expect(figures(form)).toEqual([
      { label: '年度资金总额', figures: FIGURES_TOTAL, reason: '因项目调整未支付完毕' },
      { label: '其中：当年财政拨款', figures: FIGURES_FISCAL, reason: null },
    ]);
    expect('reason' in form.funds!.rows[1]).toBe(false);
    expect(placementCodes(form)).toEqual([]);
  });

  it('a caption followed by two cells: neither is taken for the reason, both reported on the line', () => {
    const form = read([PROJECT, HEADER, [...TOTAL, '偏差原因', '项目调整', '未支付完毕'], FISCAL], layout);
    expect(figures(form)[0]).toEqual({ label: '年度资金总额', figures: FIGURES_TOTAL, reason: null });
    expect(placementCodes(form)).toEqual([[3, 'unplaced-cell']]);
    expect(form.diagnostics[0].detail).toMatchObject({ cells: ['项目调整', '未支付完毕'] });
  });

  it('words with no caption and no reason column are not guessed a reason: reported on the line', () => {
    const form = read([PROJECT, HEADER, [...TOTAL, '因项目调整未支付完毕'], FISCAL], layout);
    expect(figures(form)[0]).toEqual({ label: '年度资金总额', figures: FIGURES_TOTAL, reason: null });
    expect(placementCodes(form)).toEqual([[3, 'unplaced-cell']]);
  });
});

describe.each(LAYOUTS)('a reason on a line of its own under the funds rows, %s', (layout) => {
  it('is a line of the block: a row of unknown kind whose reason is the cell after the caption', () => {
    const form = read([PROJECT, HEADER, TOTAL, FISCAL, ['偏差原因', '因项目调整未支付完毕']], layout);
    expect(figures(form)).toEqual([
      { label: '年度资金总额', figures: FIGURES_TOTAL, reason: null },
      { label: '其中：当年财政拨款', figures: FIGURES_FISCAL, reason: null },
      { label: '偏差原因', figures: [null, null, null, null, null, null], reason: '因项目调整未支付完毕' },
    ]);
    expect(form.funds!.rows[2]).toMatchObject({ kind: 'unknown', line: 5, reason: { line: 5 } });
    expect(placementCodes(form)).toEqual([]);
  });

  it('with two cells after the caption: both reported on the line, never dropped', () => {
    const form = read([PROJECT, HEADER, TOTAL, FISCAL, ['偏差原因', '项目调整', '未支付完毕']], layout);
    expect(form.funds!.rows.map((row) => row.reason ?? null)).toEqual([null, null, null]);
    expect(placementCodes(form)).toEqual([[5, 'unplaced-cell']]);
  });
});

describe('a reason on a line of its own among the indicators', () => {
  it('is no indicator header and no indicator: reported on its line', () => {
    const grid = [
      PROJECT,
      HEADER,
      TOTAL,
      ['年度绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
      ['', '产出指标', '数量指标', '举办培训场次', '≥5场', '6场', '90', '90', ''],
      ['偏差原因', '因项目调整未支付完毕'],
      ['总分', '', '', '', '', '', '100', '99', ''],
    ];
    const form = read(grid, 'tab');
    expect(form.indicators.map((indicator) => indicator.name)).toEqual(['举办培训场次']);
    expect(form.diagnostics.map((d) => [d.line, d.code, d.detail?.cells])).toEqual([[6, 'unplaced-cell', ['偏差原因', '因项目调整未支付完毕']]]);
  });
});

describe('a reason cell that names its caption', () => {
  it.each(LAYOUTS)('偏差原因：… at the end of the row is the row’s reason, %s', (layout) => {
    const form = read([PROJECT, HEADER, [...TOTAL, '偏差原因：因项目调整未支付完毕'], FISCAL], layout);
    expect(figures(form)[0]).toEqual({ label: '年度资金总额', figures: FIGURES_TOTAL, reason: '偏差原因：因项目调整未支付完毕' });
    expect(placementCodes(form)).toEqual([]);
  });
});

describe('the checker reads the placed reason', () => {
  const INDICATORS = [
    ['年度绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ['', '产出指标', '数量指标', '举办培训场次', '≥5场', '6场', '90', '90', ''],
    ['总分', '', '', '', '', '', '100', '98.5', ''],
  ];
  const sichuan = (total: string[], fiscal: string[], header = HEADER) => {
    const grid = [PROJECT, header, total, fiscal, ...INDICATORS];
    return check(parse(write(grid, 'tab')), { profile: 'sichuan' }).forms[0];
  };
  const low = ['年度资金总额', '10', '10', '8.5', '10', '85%', '8.5'];
  const lowFiscal = ['其中：当年财政拨款', '10', '10', '8.5', '—', '85%', '—'];
  const codes = (form: Form) => form.findings.map((finding) => [finding.line, finding.code]);

  it('a reason under the 偏差原因 column answers the 四川 rule; a filler does not', () => {
    expect(codes(sichuan([...low, '因项目调整未支付完毕'], [...lowFiscal, '—'], [...HEADER, '偏差原因']))).toEqual([]);
    expect(codes(sichuan([...low, '—'], [...lowFiscal, '—'], [...HEADER, '偏差原因']))).toEqual([[3, 'execution-reason-required']]);
  });

  it('a reason on a line of its own under the funds rows answers the 四川 rule; 无 does not', () => {
    const grid = (reason: string) => [PROJECT, HEADER, low, lowFiscal, ['偏差原因', reason], ...INDICATORS];
    expect(codes(check(parse(write(grid('因项目调整未支付完毕'), 'tab')), { profile: 'sichuan' }).forms[0])).toEqual([]);
    expect(codes(check(parse(write(grid('无'), 'tab')), { profile: 'sichuan' }).forms[0])).toEqual([[3, 'execution-reason-required']]);
  });

  it('偏差原因 | — on the total row: the score is read, and no reason is given', () => {
    const form = sichuan([...low, '偏差原因', '—'], lowFiscal);
    expect(form.funds!.rows[0].score?.raw).toBe('8.5');
    expect(codes(form)).toEqual([[3, 'execution-reason-required']]);
  });
});

describe('the rendered export keeps the reasons', () => {
  it.each([
    ['a reason column', [PROJECT, [...HEADER, '偏差原因'], [...TOTAL, '因项目调整未支付完毕'], [...FISCAL, '—']]],
    ['a caption at the end of the row', [PROJECT, HEADER, [...TOTAL, '偏差原因', '因项目调整未支付完毕'], FISCAL]],
    ['a line of its own', [PROJECT, HEADER, TOTAL, FISCAL, ['偏差原因', '因项目调整未支付完毕']]],
  ])('%s: read again from the render, each row has its reason', (_name, grid) => {
    const form = read(grid, 'tab');
    const again = parse(render({ forms: [form], diagnostics: [] })).forms[0];
    expect(figures(again)).toEqual(figures(form));
    expect(placementCodes(again)).toEqual([]);
  });
});

describe('a workbook', () => {
  it('gives the reason under a 偏差原因 column its cell reference', async () => {
    const rows = [PROJECT, [...HEADER, '偏差原因'], [...TOTAL, '因项目调整未支付完毕'], [...FISCAL, '—']];
    const bytes = await writeWorkbook([{ name: 'Sheet1', table: { rows, merges: [] } }]);
    const form = parse(bytes, { file: 'funds.xlsx' }).forms[0];
    expect(form.funds!.rows.map((row) => [row.reason?.text ?? null, row.reason?.cell ?? null])).toEqual([
      ['因项目调整未支付完毕', 'Sheet1!H3'],
      ['—', 'Sheet1!H4'],
    ]);
    expect(form.funds!.rows[0].score?.raw).toBe('9');
  });
});
