/**
 * The funds block's header and the total row, read through the whole parser
 * on small hand-written exports: captions with units and points, the
 * block's points as the total row's weight, a 合计 inside the block, and the
 * total row's lone figure placed by the indicator header or reported.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../src/api/index.js';
import { captionKey, captionPointsOf, fundsUnitOf } from '../src/tables/labels.js';

const tab = (...rows: string[][]) => rows.map((r) => r.join('\t')).join('\n') + '\n';
const INDICATOR_HEADER = ['年度绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
const INDICATOR = ['', '产出指标', '数量指标', '举办培训场次', '≥5场', '6场', '90', '90', ''];
const PROJECT = ['项目名称', '干部教育培训', '项目金额', '10'];

describe('funds captions', () => {
  it('a caption keeps its key under a unit and points suffix, full-width or not', () => {
    expect(captionKey('预算执行情况（万元）（20分）')).toBe('预算执行情况');
    expect(captionKey('预算执行情况(万元) (20 分)')).toBe('预算执行情况');
    expect(captionPointsOf('预算执行情况（万元）（20分）')).toBe('20');
    expect(captionPointsOf('项目资金（万元）')).toBeNull();
    expect(fundsUnitOf('预算执行情况（万元）（20分）')).toBe('万元');
  });
});

describe('the block points', () => {
  it('without a 分值 column, the label’s points are the total row’s weight, at the label’s position', () => {
    const doc = parse(tab(PROJECT, ['预算执行情况（万元）（20分）', '全年预算数', '全年执行数', '执行率', '得分'], ['年度资金总额', '10', '9', '90%', '18']));
    const total = doc.forms[0].funds!.rows[0];
    expect(total.weight).toEqual({ raw: '20', value: '20', line: 2, column: 1 });
    expect(total.score?.value).toBe('18');
  });

  it('with a 分值 column, the column decides and the label’s points are not used', () => {
    const doc = parse(tab(PROJECT, ['预算执行情况（10分）', '全年预算数', '全年执行数', '分值', '执行率', '得分'], ['年度资金总额', '10', '9', '—', '90%', '9']));
    expect(doc.forms[0].funds!.rows[0].weight?.raw).toBe('—');
  });
});

describe('合计', () => {
  it('inside the funds block it is the block’s total when there is no 年度资金总额; after the indicators it is the form’s total', () => {
    const doc = parse(
      tab(
        PROJECT,
        ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
        ['其中：财政拨款', '10', '10', '10', '—', '100%', '—'],
        ['合计', '10', '10', '10', '10', '100%', '10'],
        INDICATOR_HEADER,
        INDICATOR,
        ['合计', '', '', '', '', '', '100', '100', ''],
      ),
    );
    const form = doc.forms[0];
    expect(form.funds!.rows.map((r) => [r.label, r.kind])).toEqual([
      ['其中：财政拨款', 'fiscal'],
      ['合计', 'total'],
    ]);
    expect(form.total).toMatchObject({ line: 7, weight: { value: '100' }, score: { value: '100' } });
  });

  it('a second 合计 in a block that has 年度资金总额 is kept as a row of unknown kind', () => {
    const doc = parse(
      tab(
        PROJECT,
        ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
        ['年度资金总额', '10', '10', '10', '10', '100%', '10'],
        ['合计', '10', '10', '10', '10', '100%', '10'],
      ),
    );
    expect(doc.forms[0].funds!.rows.map((r) => r.kind)).toEqual(['total', 'unknown']);
  });
});

describe('the total row’s lone figure', () => {
  const funds = [['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'], ['年度资金总额', '10', '10', '10', '10', '100%', '10']];

  it('under 得分 it is the score', () => {
    const doc = parse(tab(PROJECT, ...funds, INDICATOR_HEADER, INDICATOR, ['总分', '', '', '', '', '', '', '100', '']));
    expect(doc.forms[0].total).toMatchObject({ weight: null, score: { value: '100', line: 6, column: 10 } });
    expect(doc.forms[0].diagnostics).toEqual([]);
  });

  it('under 分值 it may be a weight or a score printed one column left: reported with its column, not read', () => {
    const doc = parse(tab(PROJECT, ...funds, INDICATOR_HEADER, INDICATOR, ['总分', '', '', '', '', '', '100', '', '']));
    expect(doc.forms[0].total).toEqual({ weight: null, score: null, line: 6 });
    expect(doc.forms[0].diagnostics).toEqual([
      expect.objectContaining({ code: 'total-figure-unmatched', severity: 'warning', line: 6, column: 9, detail: { text: '100', column: 6, weightColumn: 6, scoreColumn: 7 } }),
    ]);
  });

  it('without an indicator header nothing tells it apart: reported', () => {
    const doc = parse(tab(PROJECT, ...funds, ['总分', '98']));
    expect(doc.forms[0].total?.score).toBeNull();
    expect(doc.forms[0].diagnostics.map((d) => d.code)).toEqual(['total-figure-unmatched']);
  });

  it('two figures are the weight and the score, wherever they stand (the sample prints them one or two columns left)', () => {
    const doc = parse(tab(PROJECT, ...funds, INDICATOR_HEADER, INDICATOR, ['总分', '', '', '', '100', '99.5', '—', '', '']));
    expect(doc.forms[0].total).toMatchObject({ weight: { value: '100' }, score: { value: '99.5' } });
  });

  it('自评得分 in the header block is the score when the form has no total row', () => {
    const doc = parse(tab(['项目名称', '乡村道路建设养护项目', '自评得分', '95'], ...funds, INDICATOR_HEADER, INDICATOR));
    expect(doc.forms[0].total).toMatchObject({ weight: null, score: { value: '95', line: 1 }, line: 1 });
    expect(doc.forms[0].project.name).toBe('乡村道路建设养护项目');
  });
});
