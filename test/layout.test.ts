/**
 * The layout stage (src/layout/): which cell holds which field, and what it
 * reports where the form's own evidence leaves a reading open — the 总分 row
 * decided by its header and the form's arithmetic, fillers read as empty
 * cells, merged labels whose reach no convention fixes.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../src/api/pipeline.js';
import { buildRows } from '../src/parse/rows.js';
import { lex } from '../src/parse/lex.js';
import { displayWidth, lineIndex } from '../src/parse/text.js';
import { alignSpaceColumns } from '../src/layout/space-columns.js';
import { layoutIndicators } from '../src/layout/indicators.js';
import { CellLedger } from '../src/parse/ledger.js';
import { INDICATOR_HEADER as HEADER, oneForm } from './support/one-form.js';
import type { Diagnostic, Form } from '../src/contract/schema.js';


/** One form from lines written with `|` for tabs: 项目名称 on line 1, the indicator header on line 2. */
function form(...lines: string[]): Form {
  return oneForm(['项目名称|测试项目', HEADER, ...lines]);
}

const codesAt = (f: Form, line: number) => f.diagnostics.filter((d) => d.line === line).map((d) => d.code);
const totalOf = (f: Form) => [f.total?.weight?.raw ?? null, f.total?.score?.raw ?? null];

/** Two indicator rows: weights 60 + 40 = 100, scores 50 + 35 = 85. */
const ROWS = ['|产出指标 (60分)|数量指标|甲|1|1|60|50|', '|效益指标 (40分)|社会效益指标|乙|有效|有效|40|35|'];

describe('the 总分 row', () => {
  it('reads a dash or slash as an empty cell: neither the weight nor the score', () => {
    const f = form(...ROWS, '总分||||||100|85|—');
    expect(totalOf(f)).toEqual(['100', '85']);
    const dashOnly = form(...ROWS, '总分||||||||—');
    expect(totalOf(dashOnly)).toEqual([null, null]);
    expect(codesAt(dashOnly, 5)).toEqual([]);
    const slashInWeight = form(...ROWS, '总分||||||/|85|');
    expect(totalOf(slashInWeight)).toEqual([null, '85']);
  });

  it('reads a lone figure under 分值 as the weight when the sums say it is (100, not the scores’ 85)', () => {
    const f = form(...ROWS, '总分||||||100|—|');
    expect(totalOf(f)).toEqual(['100', null]);
    expect(codesAt(f, 5)).toEqual([]);
  });

  it('reads a lone figure standing under no caption as the score when it is the sum of the scores', () => {
    const f = form(...ROWS, '总分|85');
    expect(totalOf(f)).toEqual([null, '85']);
    expect(codesAt(f, 5)).toEqual([]);
  });

  it('reports a lone figure under 得分 that the arithmetic says is the weight', () => {
    const f = form(...ROWS, '总分||||||—|100|');
    expect(totalOf(f)).toEqual([null, null]);
    expect(codesAt(f, 5)).toEqual(['total-figure-unmatched']);
  });

  it('reports a lone figure the sums cannot tell (scores adding up to 100 as the weights do)', () => {
    const full = ['|产出指标 (60分)|数量指标|甲|1|1|60|60|', '|效益指标 (40分)|社会效益指标|乙|有效|有效|40|40|'];
    const f = form(...full, '总分|100');
    expect(totalOf(f)).toEqual([null, null]);
    expect(codesAt(f, 5)).toEqual(['total-figure-unmatched']);
  });
});

/** A form of two 一级 (weights 50 + 40, scores 45 + 36) under the funds block given, ending in the 总分 row given. */
const besideFunds = (fundsHeader: string, fundsRow: string) => (total: string) =>
  ['项目名称|测试项目', fundsHeader, fundsRow, HEADER, '|产出指标 (50分)|数量指标|甲|1|1|50|45|', '|效益指标 (40分)|社会效益指标|乙|有效|有效|40|36|', total, '']
    .join('\n')
    .replace(/\|/g, '\t');

describe('the 总分 row beside a funds block with a weight and no score', () => {
  const text = besideFunds('项目资金（万元）|全年预算数|全年执行数|分值|执行率', '年度资金总额|100|90|10|90%');

  // Weights 50 + 40 = 90 (100 with the funds block's 10); scores 45 + 36 = 81, plus the funds block's unknown share of up to 10.
  it('reports a lone figure that is the weights’ sum and may as well be the score with the funds block’s share', () => {
    const [f] = parse(text('总分||||||90||')).forms;
    expect(totalOf(f)).toEqual([null, null]);
    expect(codesAt(f, 7)).toEqual(['total-figure-unmatched']);
  });

  it('reads one only the weights explain as the weight, and one only the scores’ range explains as the score', () => {
    const [weight] = parse(text('总分||||||100||')).forms;
    expect([totalOf(weight), codesAt(weight, 7)]).toEqual([['100', null], []]);
    const [score] = parse(text('总分||||||86||')).forms;
    expect([totalOf(score), codesAt(score, 7)]).toEqual([[null, '86'], []]);
  });
});

describe('the 总分 row beside a funds block that prints no weight', () => {
  const text = besideFunds('项目资金（元）|全年预算数|全年执行数|执行率', '年度资金总额|100|100|100.00%');

  // Weights 50 + 40 = 90: the funds block holds the 10 left of the full points, so the score lies in 81 … 91.
  it('reads a lone figure under 分值 in the range the funds block’s unprinted share leaves as the score', () => {
    const [f] = parse(text('总分||||||91||')).forms;
    expect([totalOf(f), codesAt(f, 7)]).toEqual([[null, '91'], []]);
  });

  it('still reports one the weights’ sum explains as well, and reads the full points as the weight', () => {
    const [both] = parse(text('总分||||||90||')).forms;
    expect([totalOf(both), codesAt(both, 7)]).toEqual([[null, null], ['total-figure-unmatched']]);
    const [weight] = parse(text('总分||||||100||')).forms;
    expect([totalOf(weight), codesAt(weight, 7)]).toEqual([['100', null], []]);
  });
});

describe('a split target whose 度量单位 cell holds a duration with its bound', () => {
  it('joins `30` · `个工作日内` into the deadline `30个工作日内`, ≤ 30 工作日, nothing left unplaced', () => {
    const text = [
      '项目名称|测试项目',
      '一级指标|二级指标|三级指标|指标性质|指标值|度量单位|实际完成值|分值|得分',
      '产出指标 (50分)|时效指标|办结时限||30|个工作日内|有效|10|10',
      '',
    ]
      .join('\n')
      .replace(/\|/g, '\t');
    const [f] = parse(text).forms;
    const target = f.indicators[0].target;
    expect([target?.raw, target?.op, target?.value, target?.unit]).toEqual(['30个工作日内', '<=', '30', '工作日']);
    expect(codesAt(f, 3)).toEqual([]);
  });
});

describe('a 合计 row heading the funds block', () => {
  it('is the block’s total when 其中 rows follow it, however few figures it carries (no rate, two figures)', () => {
    const text = ['项目名称|测试项目', '项目资金（万元）|全年执行数|分值', '合计|90|10', '其中：财政拨款|70|—', '上年结转资金|20|—', HEADER, ...ROWS, '总分||||||100|85|', '']
      .join('\n')
      .replace(/\|/g, '\t');
    const [f] = parse(text).forms;
    expect(f.funds?.rows.map((r) => [r.label, r.kind, r.executed?.raw, r.weight?.raw])).toEqual([
      ['合计', 'total', '90', '10'],
      ['其中：财政拨款', 'fiscal', '70', '—'],
      ['上年结转资金', 'carryover', '20', '—'],
    ]);
    expect(totalOf(f)).toEqual(['100', '85']);
  });
});

describe('a 合计 row right under the funds header', () => {
  it('is the block’s total with no rows under it and two figures, not the form’s 总分', () => {
    const text = ['项目名称|测试项目', '项目资金（万元）|全年执行数|分值', '合计|90|10', '年度总体目标|预期目标', HEADER, ...ROWS, '总分||||||100|85|', '']
      .join('\n')
      .replace(/\|/g, '\t');
    const [f] = parse(text).forms;
    expect(f.funds?.rows.map((r) => [r.label, r.kind, r.executed?.raw, r.weight?.raw])).toEqual([['合计', 'total', '90', '10']]);
    expect([totalOf(f), f.total?.line]).toEqual([['100', '85'], 8]);
  });
});

describe('merged labels no convention fixes', () => {
  it('reports the rows of a centred block that no alignment explains, where two readings remain', () => {
    // Centred: 产出 (six rows) and 效益 (two); three rows in the middle carry no 二级 label of their own.
    const f = form(
      '||||甲|1|1|10|10|',
      '||数量指标|乙|1|1|10|10|',
      '|产出指标 (60分)||丙|1|1|10|10|',
      '||||丁|1|1|10|10|',
      '||||戊|1|1|10|10|',
      '||||己|1|1|10|10|',
      '|效益指标 (40分)|社会效益指标|庚|有效|有效|20|20|',
      '||可持续影响指标|辛|有效|有效|20|20|',
      '总分||||||100|100|',
    );
    // Every row whose group the labels leave open is reported; none of them is read silently into 效益.
    for (const indicator of f.indicators) {
      const silent = !codesAt(f, indicator.line).includes('ambiguous-hierarchy');
      if (silent && indicator.level1 === '效益指标') expect(['庚', '辛']).toContain(indicator.name);
    }
    expect(f.indicators.filter((i) => codesAt(f, i.line).includes('ambiguous-hierarchy')).length).toBeGreaterThan(0);
  });
});

describe('space-aligned rows', () => {
  it('carry their display span from the rows stage, and take the column of the caption they stand under in the layout stage', () => {
    const text = ['一级指标    二级指标    三级指标    分值', '                        甲          10', ''].join('\n');
    const { rows } = buildRows(text, lex(text).chunks, lineIndex(text));
    const [header, row] = rows;
    expect(header.cells.map((c) => [c.from, c.to])).toEqual([
      [0, 8],
      [12, 20],
      [24, 32],
      [36, 40],
    ]);
    expect(row.cells.map((c) => [c.text, c.from])).toEqual([
      ['甲', 24],
      ['10', 36],
    ]);
    // Before the layout stage a space-aligned cell's index is its place in the row.
    expect(row.cells.map((c) => c.index)).toEqual([0, 1]);
    alignSpaceColumns(rows);
    expect(row.cells.map((c) => c.index)).toEqual([2, 3]);
  });
});

/** A space-aligned line: each cell written from its display column (wide characters two), as a PDF converter prints a table. */
function spaced(...cells: [number, string][]): string {
  let line = '';
  for (const [column, text] of cells) line += ' '.repeat(Math.max(line ? 2 : 0, column - displayWidth(line))) + text;
  return line;
}

describe('space-aligned rows read by the display columns of their cells', () => {
  const doc = (...lines: string[]) => {
    const [f] = parse([spaced([0, '项目名称'], [20, '测试项目']), ...lines, ''].join('\n')).forms;
    return f;
  };
  const FUNDS_HEADER = spaced([0, '项目资金（万元）'], [20, '年初预算数'], [34, '全年预算数'], [48, '全年执行数'], [62, '分值'], [70, '执行率'], [80, '得分']);

  it('keeps the funds header over the rows after a 合计 row, so a figure under 全年预算数 is not read as 年初预算数 when that column is blank', () => {
    const f = doc(
      FUNDS_HEADER,
      spaced([0, '合计'], [34, '100'], [48, '90'], [62, '10'], [70, '90%'], [80, '9']),
      spaced([0, '其中：财政拨款'], [34, '80'], [48, '70'], [70, '87.5%']),
      spaced([0, '上年结转'], [34, '20'], [48, '20'], [70, '100%']),
    );
    const read = f.funds!.rows.map((r) => [r.label, r.initialBudget?.raw ?? null, r.adjustedBudget?.raw ?? null, r.executed?.raw ?? null, r.rate?.raw ?? null]);
    expect(read).toEqual([
      ['合计', null, '100', '90', '90%'],
      ['其中：财政拨款', null, '80', '70', '87.5%'],
      ['上年结转', null, '20', '20', '100%'],
    ]);
    expect(f.diagnostics.filter((d) => d.line >= 3 && d.code !== 'truncated-form')).toEqual([]);
  });

  it('puts a funds row’s label under the blank cell a spanning caption leaves, not under the first figure caption nearest to it', () => {
    const header = spaced([0, '项目资金（万元）'], [40, '预算数'], [54, '执行数'], [68, '分值'], [76, '执行率'], [86, '得分']);
    const f = doc(
      header,
      spaced([20, '年度资金总额'], [40, '100'], [54, '90'], [68, '10'], [76, '90%'], [86, '9']),
      spaced([20, '其中：当年财政拨款'], [40, '80'], [54, '70'], [76, '87.5%']),
    );
    const read = f.funds!.rows.map((r) => [r.label, r.adjustedBudget?.raw ?? null, r.executed?.raw ?? null, r.weight?.raw ?? null, r.rate?.raw ?? null]);
    expect(read).toEqual([
      ['年度资金总额', '100', '90', '10', '90%'],
      ['其中：当年财政拨款', '80', '70', null, '87.5%'],
    ]);
    expect(f.diagnostics.filter((d) => d.line >= 3 && d.code !== 'truncated-form')).toEqual([]);
  });

  it('reads a cell pushed right by an overflowing name under the caption it starts after, not the one it overlaps', () => {
    const header = spaced([0, '一级指标'], [12, '二级指标'], [24, '三级指标'], [52, '年度指标值'], [64, '实际完成值'], [76, '偏差原因分析']);
    // The name runs past 年度指标值's start; its target, two columns after it, overlaps 实际完成值 more, and the
    // actual after that 偏差原因分析's column.
    const f = doc(header, spaced([0, '产出指标'], [12, '数量指标'], [24, '城乡居民基本医疗保险参保缴费完成率'], [60, '有效保障'], [70, '及时']));
    const [row] = f.indicators;
    expect([row.name, row.target?.text, row.actual?.text, row.deviation]).toEqual(['城乡居民基本医疗保险参保缴费完成率', '有效保障', '及时', null]);
    expect(codesAt(f, 3)).toEqual([]);
  });

  it('reports a pushed cell that could stand under either of two captions', () => {
    const header = spaced([0, '一级指标'], [12, '二级指标'], [24, '三级指标'], [48, '年度指标值'], [58, '实际完成值'], [74, '偏差原因分析']);
    // The name runs past 实际完成值's start too: its one text cell may be the target or the actual.
    const f = doc(header, spaced([0, '产出指标'], [12, '数量指标'], [24, '基层医疗卫生机构标准化建设达标村卫生室数量'], [66, '有效']));
    const [row] = f.indicators;
    expect([row.target?.text ?? null, row.actual?.text ?? null, row.deviation]).toEqual([null, null, null]);
    expect(codesAt(f, 3)).toContain('unplaced-cell');
  });
});

describe('funds rows nested at two levels', () => {
  const FUNDS_HEADER = '项目资金（万元）|年初预算数|全年预算数|全年执行数|分值|执行率|得分';
  const fundsOf = (...rows: string[]) => {
    const text = ['项目名称|测试项目', FUNDS_HEADER, ...rows, ''].join('\n').replace(/\|/g, '\t');
    const [f] = parse(text).forms;
    return f.funds!.rows.map((r) => [r.label, r.kind, r.line, r.parentLine ?? null]);
  };

  it('puts a government’s share under the 财政拨款 row above it, one level down, out of the total’s sources', () => {
    expect(fundsOf('年度资金总额|100|100|90|10|90%|9', '其中：财政拨款|80|80|70|—|87.5%|—', '其中：中央财政资金|50|50|45|—|90%|—', '省级财政资金|30|30|25|—|83.33%|—', '上年结转资金|20|20|20|—|100%|—')).toEqual([
      ['年度资金总额', 'total', 3, null],
      ['其中：财政拨款', 'fiscal', 4, null],
      ['其中：中央财政资金', 'unknown', 5, 4],
      ['省级财政资金', 'unknown', 6, 4],
      ['上年结转资金', 'carryover', 7, null],
    ]);
  });

  it('puts a 其中 row right under another 其中 row one level down, under it: the same money is not a second source of the total', () => {
    expect(fundsOf('年度资金总额|100|100|90|10|90%|9', '其中：财政拨款|80|80|70|—|87.5%|—', '其中：当年财政拨款|80|80|70|—|87.5%|—', '上年结转资金|20|20|20|—|100%|—')).toEqual([
      ['年度资金总额', 'total', 3, null],
      ['其中：财政拨款', 'fiscal', 4, null],
      ['其中：当年财政拨款', 'fiscal', 5, 4],
      ['上年结转资金', 'carryover', 6, null],
    ]);
  });

  it('reads a government’s share with no 财政拨款 above it as a fiscal source of the total', () => {
    expect(fundsOf('年度资金总额|2000|2000|1157.97|10|57.9%|5.79', '其中:中央财政资金|2000|2000|1157.97|—|57.9%|—', '地方财政资金|||||||', '其他资金||||||')).toEqual([
      ['年度资金总额', 'total', 3, null],
      ['其中:中央财政资金', 'fiscal', 4, null],
      ['地方财政资金', 'fiscal', 5, null],
      ['其他资金', 'other', 6, null],
    ]);
  });
});

describe('a merged cell whose span the source states', () => {
  it('covers exactly the rows of its span: a row no stated label reaches belongs to no group', () => {
    const text = [HEADER, '|产出指标 (30分)|数量指标|甲|1|1|10|10|', '||||乙|1|1|10|10|', '||||丙|1|1|10|10|', '|效益指标 (20分)|社会效益指标|丁|有效|有效|20|20|', ''].join('\n').replace(/\|/g, '\t');
    const { rows } = buildRows(text, lex(text).chunks, lineIndex(text));
    const span = (line: number, text: string, rowSpan: number) => {
      const cell = rows.find((r) => r.line === line)!.cells.find((c) => c.text.startsWith(text))!;
      cell.rowSpan = rowSpan;
    };
    span(2, '产出指标', 2);
    span(2, '数量指标', 2);
    const laid = layoutIndicators(rows, new CellLedger(), []);
    const read = laid.rows.map(({ placed, levels }) => [placed.fields.name?.text, levels.level1, levels.level2]);
    expect(read).toEqual([
      ['甲', '产出指标', '数量指标'],
      ['乙', '产出指标', '数量指标'],
      ['丙', null, null],
      ['丁', '效益指标', '社会效益指标'],
    ]);
  });

  it('reads a label column none of whose labels is merged as a text export’s, beside a column whose merges it states', () => {
    const text = [HEADER, '|产出指标 (30分)|数量指标|甲|1|1|10|10|', '|||乙|1|1|10|10|', '||质量指标|丙|1|1|10|10|', '|效益指标 (20分)|社会效益指标|丁|有效|有效|20|20|', ''].join('\n').replace(/\|/g, '\t');
    const { rows } = buildRows(text, lex(text).chunks, lineIndex(text));
    rows.find((r) => r.line === 2)!.cells.find((c) => c.text.startsWith('产出指标'))!.rowSpan = 3;
    const laid = layoutIndicators(rows, new CellLedger(), []);
    expect(laid.rows.map(({ placed, levels }) => [placed.fields.name?.text, levels.level1, levels.level2])).toEqual([
      ['甲', '产出指标', '数量指标'],
      ['乙', '产出指标', '数量指标'],
      ['丙', '产出指标', '质量指标'],
      ['丁', '效益指标', '社会效益指标'],
    ]);
  });

  it('reads a block with one group merged and another’s label written once, unmerged, as a text export’s', () => {
    const text = [HEADER, '|产出指标 (30分)|数量指标|甲|1|1|10|10|', '|||乙|1|1|10|10|', '||质量指标|丙|1|1|5|5|', '|||戊|1|1|5|5|', '|效益指标 (20分)|社会效益指标|丁|有效|有效|20|20|', ''].join('\n').replace(/\|/g, '\t');
    const { rows } = buildRows(text, lex(text).chunks, lineIndex(text));
    rows.find((r) => r.line === 2)!.cells.find((c) => c.text.startsWith('产出指标'))!.rowSpan = 4;
    rows.find((r) => r.line === 2)!.cells.find((c) => c.text.startsWith('数量指标'))!.rowSpan = 2;
    const laid = layoutIndicators(rows, new CellLedger(), []);
    expect(laid.rows.map(({ levels }) => levels.level2)).toEqual(['数量指标', '数量指标', '质量指标', '质量指标', '社会效益指标']);
  });

  it('without stated spans the same text is read by the top convention', () => {
    const text = [HEADER, '|产出指标 (30分)|数量指标|甲|1|1|10|10|', '||||乙|1|1|10|10|', '||||丙|1|1|10|10|', '|效益指标 (20分)|社会效益指标|丁|有效|有效|20|20|', ''].join('\n').replace(/\|/g, '\t');
    const { rows } = buildRows(text, lex(text).chunks, lineIndex(text));
    const laid = layoutIndicators(rows, new CellLedger(), []);
    expect(laid.rows.map(({ levels }) => levels.level2)).toEqual(['数量指标', '数量指标', '数量指标', '社会效益指标']);
  });
});

describe('labels no table knows where the source states the merges of their column', () => {
  const RESULTS = '一级指标|二级指标|三级指标|年度指标值|实际完成值|偏差原因分析及改进措施';
  // 工作质量 and 制度建设 read like no label, and each row reads whole with them as its name (the deviation taking the actual).
  const lines = [RESULTS, '履职效能指标|工作质量|资金拨付到位情况|≤1%|有效|', '||打造高品质综合政务服务环境|≥500亩|有效|', '|制度建设|防疫物资购置完成率|明显增强|及时|', ''];
  const laidOut = (spans: [line: number, text: string, rowSpan: number][]) => {
    const text = lines.join('\n').replace(/\|/g, '\t');
    const { rows } = buildRows(text, lex(text).chunks, lineIndex(text));
    for (const [line, start, rowSpan] of spans) rows.find((r) => r.line === line)!.cells.find((c) => c.text.startsWith(start))!.rowSpan = rowSpan;
    const diagnostics: Diagnostic[] = [];
    const laid = layoutIndicators(rows, new CellLedger(), diagnostics);
    return {
      read: laid.rows.map(({ placed, levels }) => [levels.level2, placed.fields.name?.text, placed.fields.target?.text]),
      doubts: [...diagnostics, ...laid.late].filter((d) => d.code === 'label-or-name').map((d) => d.line),
    };
  };

  it('reads a text at the top of a merge down the 二级 column as a 二级 label, and a lone text in that column as one too', () => {
    expect(laidOut([[2, '履职效能指标', 3], [2, '工作质量', 2]])).toEqual({
      read: [
        ['工作质量', '资金拨付到位情况', '≤1%'],
        ['工作质量', '打造高品质综合政务服务环境', '≥500亩'],
        ['制度建设', '防疫物资购置完成率', '明显增强'],
      ],
      doubts: [],
    });
  });

  it('without stated merges reads each as the row’s name and says it could be the label', () => {
    const { read, doubts } = laidOut([]);
    expect([read[0][1], read[2][1], doubts]).toEqual(['工作质量', '制度建设', [2, 4]]);
  });
});

describe('a funds header printed one column off its figures', () => {
  it('is read with one shift for the whole block, a blank leading column staying blank', () => {
    // The captions stand one column left of the figures: 全年预算数 over the label column's neighbour, blank in every row.
    const text = ['项目名称|测试项目', '项目资金（元）|全年预算数|全年执行数|分值|执行率|得分', '年度资金总额|||375167.65|10|87.60%|8.76', '其中：当年财政拨款|||295830.81|/|86.35%|/', '其他资金|||0.00|/|/|/', '']
      .join('\n')
      .replace(/\|/g, '\t');
    const [f] = parse(text).forms;
    expect(f.funds!.rows.map((r) => [r.label, r.adjustedBudget?.raw ?? null, r.executed?.raw ?? null, r.weight?.raw ?? null, r.rate?.raw ?? null, r.score?.raw ?? null])).toEqual([
      ['年度资金总额', null, '375167.65', '10', '87.60%', '8.76'],
      ['其中：当年财政拨款', null, '295830.81', '/', '86.35%', '/'],
      ['其他资金', null, '0.00', '/', '/', '/'],
    ]);
    expect(f.diagnostics.filter((d) => d.code === 'funds-column-unmatched' || d.code === 'unplaced-cell')).toEqual([]);
  });
});

describe('one alignment convention per label column', () => {
  it('reads a centred 二级 column under a top 一级 column where the declared points of every group close only so', () => {
    // 一级 on its group's first row; each 二级 centred in its group: 数量 (one row), 时效 (one row), 质量 (three rows, label on the second).
    const f = form(
      '|产出指标|数量指标(3分)|甲|1|1|3|3|',
      '||时效指标(4分)|乙|1|1|4|4|',
      '||||丙|1|1|6|6|',
      '||质量指标(43分)|丁|1|1|16|16|',
      '||||戊|1|1|21|21|',
      '总分||||||50|50|',
    );
    expect(f.indicators.map((i) => [i.name, i.level1, i.level2])).toEqual([
      ['甲', '产出指标', '数量指标'],
      ['乙', '产出指标', '时效指标'],
      ['丙', '产出指标', '质量指标'],
      ['丁', '产出指标', '质量指标'],
      ['戊', '产出指标', '质量指标'],
    ]);
  });

  it('keeps one convention for both columns when no declared points say otherwise', () => {
    const f = form('|产出指标|数量指标|甲|1|1|3|3|', '||时效指标|乙|1|1|4|4|', '||||丙|1|1|6|6|', '||质量指标|丁|1|1|16|16|', '||||戊|1|1|21|21|', '总分||||||50|50|');
    expect(f.indicators.map((i) => i.level2)).toEqual(['数量指标', '时效指标', '时效指标', '质量指标', '质量指标']);
  });

  it('reports a row that a centred 二级 column beside a top 一级 column puts in the group its own name points to', () => {
    // Both columns top-aligned fit, and so does a centred 二级 column (质量: 丙 丁 戊, label on the second row): 丙's
    // name is a quality indicator's, so the one-convention reading is kept, and 丙 is reported with the other.
    const f = form('|产出指标|数量指标|甲|1|1|3|3|', '||时效指标|乙|1|1|4|4|', '||||验收合格率|1|1|6|6|', '||质量指标|丁|1|1|16|16|', '||||戊|1|1|21|21|', '总分||||||50|50|');
    expect(f.indicators.map((i) => i.level2)).toEqual(['数量指标', '时效指标', '时效指标', '质量指标', '质量指标']);
    const reported = f.diagnostics.filter((d) => d.code === 'ambiguous-hierarchy');
    expect(reported.map((d) => [d.line, d.detail?.alternative])).toEqual([[5, { level1: '产出指标', level2: '质量指标' }]]);
  });
});

describe('labels no table knows (framework=invented)', () => {
  const INVENTED = (points1: string, points2: string) => [
    `|履职效能指标${points1}|工作质量指标|甲|1|1|10|10|`,
    '||服务保障指标|乙|1|1|20|20|',
    `|工作任务指标${points2}|工作质量指标|丙|1|1|30|30|`,
    '|||丁|1|1|40|40|',
    '总分||||||100|100|',
  ];

  it('keeps a 二级 the taxonomy does not know under the 一级 it stands under, though it stood under another one above (template seeds 1, 3, 5)', () => {
    const f = form(...INVENTED('(30分)', '(70分)'));
    expect(f.indicators.map((i) => [i.name, i.level1, i.level2])).toEqual([
      ['甲', '履职效能指标', '工作质量指标'],
      ['乙', '履职效能指标', '服务保障指标'],
      ['丙', '工作任务指标', '工作质量指标'],
      ['丁', '工作任务指标', '工作质量指标'],
    ]);
    // The 一级 labels' declared points close only when 乙 is under 履职效能指标: nothing is left open.
    expect(f.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('reports, with both readings, a row that top and centred labels no table knows place under different 一级', () => {
    const f = form(...INVENTED('', ''));
    expect(f.indicators.map((i) => [i.name, i.level1, i.level2])).toEqual([
      ['甲', '履职效能指标', '工作质量指标'],
      ['乙', '履职效能指标', '服务保障指标'],
      ['丙', '工作任务指标', '工作质量指标'],
      ['丁', '工作任务指标', '工作质量指标'],
    ]);
    const reported = f.diagnostics.filter((d) => d.code === 'ambiguous-hierarchy');
    expect(reported.map((d) => [d.line, d.detail])).toEqual([
      [4, { chosen: { level1: '履职效能指标', level2: '服务保障指标' }, alternative: { level1: '工作任务指标', level2: '服务保障指标' }, alternatives: [{ level1: '工作任务指标', level2: '服务保障指标' }] }],
    ]);
  });

  it('places a repeated invented 二级 under the 一级 whose bottom-aligned label closes its group', () => {
    // 一级 labels on the last row of their group, 二级 labels on the first: 工作质量指标 falls under each 一级 once.
    const f = form(
      '||工作质量指标|甲|1|1|10|10|',
      '|履职效能指标|服务保障指标|乙|1|1|20|20|',
      '||工作质量指标|丙|1|1|30|30|',
      '|工作任务指标||丁|1|1|40|40|',
      '总分||||||100|100|',
    );
    expect(f.indicators.map((i) => [i.name, i.level1, i.level2])).toEqual([
      ['甲', '履职效能指标', '工作质量指标'],
      ['乙', '履职效能指标', '服务保障指标'],
      ['丙', '工作任务指标', '工作质量指标'],
      ['丁', '工作任务指标', '工作质量指标'],
    ]);
  });
});

describe('a text under the 二级 caption that could be the label or the name (framework=invented)', () => {
  const RESULTS = '年度绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|偏差原因分析及改进措施';
  const results = (...lines: string[]) => {
    const [f] = parse(['项目名称|测试项目', RESULTS, ...lines, ''].join('\n').replace(/\|/g, '\t')).forms;
    return f;
  };

  it('reads a text the form has used as a 二级 label as that label again, under the 一级 beside it (template seed 25)', () => {
    const f = results('|履职效能指标|服务保障|甲|明显增强|98.02%|', '|||乙|有效|有效|项目停用', '|运行保障指标|服务保障|丙|≤1%|有效保障|', '|||丁|有效|98.02%|');
    expect(f.indicators.map((i) => [i.name, i.level1, i.level2, i.target?.raw, i.actual?.raw])).toEqual([
      ['甲', '履职效能指标', '服务保障', '明显增强', '98.02%'],
      ['乙', '履职效能指标', '服务保障', '有效', '有效'],
      ['丙', '运行保障指标', '服务保障', '≤1%', '有效保障'],
      ['丁', '运行保障指标', '服务保障', '有效', '98.02%'],
    ]);
  });

  it('reports a first such text read as the name, and every row after it whose group rests on that reading, with both readings', () => {
    const f = results('|履职效能指标|服务保障|甲|明显增强|98.02%|', '|||乙|有效|有效|', '||制度建设|丙|有效保障|基本达成|', '|||丁|有效|有效|');
    expect(codesAt(f, 5)).toEqual(['label-or-name']);
    expect(f.diagnostics.find((d) => d.line === 5)?.detail).toEqual({ level: 2, text: '制度建设', asName: true });
    // 丁 is not silently carried into 服务保障: its group depends on what 制度建设 is.
    const ding = f.diagnostics.filter((d) => d.line === 6);
    expect(ding.map((d) => [d.code, d.detail])).toEqual([
      ['ambiguous-hierarchy', { chosen: { level1: '履职效能指标', level2: '服务保障' }, alternative: { level1: '履职效能指标', level2: '制度建设' }, alternatives: [{ level1: '履职效能指标', level2: '制度建设' }] }],
    ]);
  });

  it('reads a row drifted one column left as named by its first cell, with nothing to report, where its figures fill 分值 and 得分 only so', () => {
    const f = form('|产出指标|时效指标|甲|及时|及时|2|2|', '||培训工作完成及时性|及时|及时|1|1||', '|||乙|及时|及时|1|1|');
    expect(f.indicators.map((i) => [i.name, i.level2, i.weight?.raw, i.score?.raw])).toEqual([
      ['甲', '时效指标', '2', '2'],
      ['培训工作完成及时性', '时效指标', '1', '1'],
      ['乙', '时效指标', '1', '1'],
    ]);
    expect(f.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('a column whose convention only the other column suggests', () => {
  it('reports the rows a top-aligned 二级 column would place otherwise than the centred reading of both columns (template seed 46)', () => {
    // 一级 labels centred in their groups, 二级 labels on their groups' first rows; centred 二级 labels fit as well.
    const f = form(
      '||数量指标|甲|1|1|1|1|',
      '|产出指标||乙|1|1|1|1|',
      '||质量指标|丙|1|1|1|1|',
      '|||丁|1|1|1|1|',
      '||社会效益指标|戊|有效|有效|1|1|',
      '|||己|有效|有效|1|1|',
      '|效益指标||庚|有效|有效|1|1|',
      '|||辛|有效|有效|1|1|',
      '||生态效益指标|壬|有效|有效|1|1|',
      '|||癸|有效|有效|1|1|',
      '|满意度指标|服务对象满意度指标|子|有效|有效|1|1|',
    );
    const topReading = { 丁: { level1: '产出指标', level2: '质量指标' }, 辛: { level1: '效益指标', level2: '社会效益指标' } } as const;
    for (const [name, reading] of Object.entries(topReading)) {
      const row = f.indicators.find((i) => i.name === name)!;
      const reported = f.diagnostics.find((d) => d.code === 'ambiguous-hierarchy' && d.line === row.line);
      const readings = [reported?.detail?.chosen, ...((reported?.detail?.alternatives as unknown[]) ?? [])];
      expect(readings, `${name} is reported with its top-aligned reading`).toContainEqual(reading);
    }
  });
});

describe('a centred or bottom-aligned column beside a column of another convention', () => {
  it('reports the rows a bottom-aligned 二级 column beside a centred 一级 column places otherwise than the centred reading of both', () => {
    // 一级 labels centred in their groups (效益: five rows, label on the third), 二级 labels on their groups' last rows:
    // 经济效益 (甲 乙), 社会效益 (丙 丁 戊). Centred 二级 labels fit as well: 经济效益 (甲 … 丁), 社会效益 (戊).
    const f = form(
      '|产出指标|数量指标|子|1|1|1|1|',
      '||||甲|有效|有效|1|1|',
      '||经济效益指标|乙|有效|有效|1|1|',
      '|效益指标||丙|有效|有效|1|1|',
      '||||丁|有效|有效|1|1|',
      '||社会效益指标|戊|有效|有效|1|1|',
      '|满意度指标|服务对象满意度指标|丑|有效|有效|1|1|',
    );
    const bottomReading = { 丙: { level1: '效益指标', level2: '社会效益指标' }, 丁: { level1: '效益指标', level2: '社会效益指标' } } as const;
    for (const [name, reading] of Object.entries(bottomReading)) {
      const row = f.indicators.find((i) => i.name === name)!;
      const reported = f.diagnostics.find((d) => d.code === 'ambiguous-hierarchy' && d.line === row.line);
      const readings = [reported?.detail?.chosen, ...((reported?.detail?.alternatives as unknown[]) ?? [])];
      expect(readings, `${name} is reported with its bottom-aligned reading`).toContainEqual(reading);
    }
    // Rows every reading places alike stay unreported.
    for (const name of ['子', '乙', '戊', '丑']) expect(codesAt(f, f.indicators.find((i) => i.name === name)!.line)).toEqual([]);
  });

  it('reports the rows a bottom-aligned 二级 column beside a centred 一级 column places otherwise, where both columns top-aligned fit too', () => {
    // Labels no table knows, so that only the alignment places them. Top: 履职效能 (子 甲 乙), 服务提升 (丙 丁 戊).
    // 一级 centred and 二级 on their groups' last rows: 履职效能 (子 甲), 服务提升 (乙 丙 丁 戊), 运行管理 (乙 丙), 制度建设 (丁 戊).
    const f = form('|履职效能指标|服务保障指标|子|1|1|1|1|', '||任务完成指标|甲|1|1|1|1|', '||||乙|1|1|1|1|', '|服务提升指标|运行管理指标|丙|1|1|1|1|', '||||丁|1|1|1|1|', '||制度建设指标|戊|1|1|1|1|');
    const centred = { 乙: { level1: '服务提升指标', level2: '运行管理指标' }, 丁: { level1: '服务提升指标', level2: '制度建设指标' } } as const;
    for (const [name, reading] of Object.entries(centred)) {
      const row = f.indicators.find((i) => i.name === name)!;
      const reported = f.diagnostics.find((d) => d.code === 'ambiguous-hierarchy' && d.line === row.line);
      const readings = [reported?.detail?.chosen, ...((reported?.detail?.alternatives as unknown[]) ?? [])];
      expect(readings, `${name} is reported with its reading under a centred 一级 column`).toContainEqual(reading);
    }
  });
});

describe('a 二级 the taxonomy puts under a 一级 the form never writes', () => {
  it('stays under the 一级 label written over it, reported with the taxonomy’s reading, never under a 一级 that is not in the text', () => {
    const f = form('|产出指标|数量指标|甲|1|1|10|10|', '|||乙|1|1|10|10|', '||社会效益指标|丙|有效|有效|10|10|', '|满意度指标|服务对象满意度指标|丁|1|1|10|10|');
    const bing = f.indicators.find((i) => i.name === '丙')!;
    expect([bing.level1, bing.level2]).toEqual(['产出指标', '社会效益指标']);
    expect(f.indicators.map((i) => i.level1)).not.toContain('效益指标');
    const reported = f.diagnostics.filter((d) => d.line === bing.line);
    expect(reported.map((d) => [d.code, d.detail])).toEqual([
      ['ambiguous-hierarchy', { chosen: { level1: '产出指标', level2: '社会效益指标' }, alternative: { level1: '效益指标', level2: '社会效益指标' }, alternatives: [{ level1: '效益指标', level2: '社会效益指标' }] }],
    ]);
  });
});
