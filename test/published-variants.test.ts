/**
 * Variants met in published forms of other provinces (test/fixtures/public-forms),
 * each written out by hand as a tab export and read field by field.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../src/api/pipeline.js';

const tsv = (rows: string[][]) => rows.map((r) => r.join('\t')).join('\n') + '\n';
const FUNDS_HEADER = ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];
const STANDARD = ['年度绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
const SPLIT = ['年度绩效指标', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];

describe('published variants', () => {
  it('funds rows named by what their money is (2、政府性基金, (一)财政拨款小计, 自治区补助) stay in the funds block, blank cells in place', () => {
    const form = parse(
      tsv([
        ['项目名称', '麻风病防治'],
        FUNDS_HEADER,
        ['', '年度资金总额', '4.00', '4.00', '3.80', '10', '95%', '9.5'],
        ['', '(一)财政拨款小计', '4.00', '', '', '', '', ''],
        ['', '2、政府性基金', '0.00', '', '', '', '', ''],
        ['', '自治区补助', '', '300', '259.45', '', '86.5%', ''],
        STANDARD,
        ['', '产出指标', '数量指标', '慰问人数', '32人', '32人', '50', '50', ''],
        ['总分', '', '', '', '', '', '100', '100', ''],
      ]),
    ).forms[0];
    const rows = form.funds?.rows.map((r) => [r.label, r.initialBudget?.raw ?? null, r.adjustedBudget?.raw ?? null, r.executed?.raw ?? null, r.rate?.raw ?? null, r.line]);
    expect(rows).toEqual([
      ['年度资金总额', '4.00', '4.00', '3.80', '95%', 3],
      ['(一)财政拨款小计', '4.00', null, null, null, 4],
      ['2、政府性基金', '0.00', null, null, null, 5],
      ['自治区补助', null, '300', '259.45', '86.5%', 6],
    ]);
    expect(form.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('labels in traditional characters with a converter\'s pinyin notes are known labels, kept as written', () => {
    const form = parse(
      tsv([
        ['项目名称', '衛片執法'],
        SPLIT,
        ['', '產(chǎn)出指標(biāo)', '質(zhì)量指標(biāo)', '項目驗收合格率', '﹦', '100', '%', '100', '20', '19', ''],
        ['', '滿意度指標(biāo)', '服務(wù)對象滿意度指標(biāo)', '滿意度', '≥', '95', '%', '95', '10', '10', ''],
        ['总分', '', '', '', '', '', '', '', '30', '29', '—'],
      ]),
    ).forms[0];
    expect(form.indicators.map((i) => [i.level1, i.level2, i.name, i.target?.raw, i.target?.op, i.target?.value, i.weight?.raw, i.score?.raw])).toEqual([
      ['產(chǎn)出指標(biāo)', '質(zhì)量指標(biāo)', '項目驗收合格率', '﹦100%', '=', '100', '20', '19'],
      ['滿意度指標(biāo)', '服務(wù)對象滿意度指標(biāo)', '滿意度', '≥95%', '>=', '95', '10', '10'],
    ]);
    // Known by the tables: no unknown-label report.
    expect(form.diagnostics.map((d) => d.code)).not.toContain('unknown-label');
  });

  it('a dash under 偏差原因 in the 总分 row is neither its weight nor its score', () => {
    const form = parse(
      tsv([
        ['项目名称', '办公局域网维护费'],
        STANDARD,
        ['', '产出指标', '数量指标', '维护次数', '12次', '12次', '', '69', ''],
        ['总分', '', '', '', '', '', '', '69', '—'],
      ]),
    ).forms[0];
    expect([form.total?.weight?.raw ?? null, form.total?.score?.raw ?? null]).toEqual([null, '69']);
  });

  it('a name ending in 指标 after a 二级 label, its row shifted left, is the name, not a 一级', () => {
    const form = parse(
      tsv([
        ['项目名称', '网球公开赛'],
        STANDARD,
        ['', '效益指标', '生态效益指标', '本项目不适用此指标', '无', '', '', '', ''],
        ['生态效益指标', '本项目不适用此指标', '无', '', '', '', ''],
        ['总分', '', '', '', '', '', '100', '', ''],
      ]),
    ).forms[0];
    const second = form.indicators[1];
    expect([second.level1, second.level2, second.name]).toEqual(['效益指标', '生态效益指标', '本项目不适用此指标']);
    // 无 could be the target or the actual now that the row's columns are lost: read as the target, or reported.
    const reported = form.diagnostics.some((d) => d.line === 4 && d.code === 'unplaced-cell' && d.severity !== 'info');
    expect(second.target?.raw === '无' || reported).toBe(true);
    expect(form.diagnostics.map((d) => d.code)).not.toContain('unknown-label');
  });

  it('rows drifted left by the merged label cells dropped before their names read by their columns, a blank 分值 kept blank', () => {
    const form = parse(
      tsv([
        ['项目名称', '化肥减量增效'],
        STANDARD,
        ['', '产出指标', '数量指标', '一、示范区建立', '≧20000亩', '20000亩', '', '15.0', ''],
        ['', '1、水稻侧深施肥+缓控释肥', '≧500亩', '500亩', '', '5.0', ''],
        ['数量指标', '2、玉米种肥同播+缓控释肥', '≧1000亩', '1000亩', '', '5.0', ''],
        ['总分', '', '', '', '', '', '', '25', ''],
      ]),
    ).forms[0];
    expect(form.indicators.map((i) => [i.level2, i.name, i.target?.raw, i.actual?.raw, i.weight?.raw ?? null, i.score?.raw ?? null])).toEqual([
      ['数量指标', '一、示范区建立', '≧20000亩', '20000亩', null, '15.0'],
      ['数量指标', '1、水稻侧深施肥+缓控释肥', '≧500亩', '500亩', null, '5.0'],
      ['数量指标', '2、玉米种肥同播+缓控释肥', '≧1000亩', '1000亩', null, '5.0'],
    ]);
    expect(form.diagnostics.filter((d) => d.code === 'unplaced-cell')).toEqual([]);
  });

  it('blank money rows stay in the funds block, and a figure printed with the block\'s unit is read, as info', () => {
    const form = parse(
      tsv([
        ['项目名称', '马铃薯示范推广'],
        FUNDS_HEADER,
        ['', '年度资金总额', '', '300', '', '', '', ''],
        ['', '其中中央补助', '', '', '', '', '', ''],
        ['', '自治区补助', '', '300万元', '259.45万元', '', '86.5%', ''],
        ['', '市县资金', '', '', '', '', '', ''],
        ['', '其他补助', '', '12元', '', '', '', ''],
        STANDARD,
        ['', '产出指标', '数量指标', '示范面积', '1000亩', '1000亩', '40', '40', ''],
        ['总分', '', '', '', '', '', '40', '40', ''],
      ]),
    ).forms[0];
    expect(form.funds?.rows.map((r) => [r.label, r.adjustedBudget?.raw ?? null, r.adjustedBudget?.value ?? null, r.executed?.value ?? null, r.rate?.raw ?? null])).toEqual([
      ['年度资金总额', '300', '300', null, null],
      ['其中中央补助', null, null, null, null],
      ['自治区补助', '300万元', '300', '259.45', '86.5%'],
      ['市县资金', null, null, null, null],
      // Another unit than the block's is not read as the block's money.
      ['其他补助', '12元', null, null, null],
    ]);
    expect(form.diagnostics.filter((d) => d.line === 5).map((d) => [d.code, d.severity])).toEqual([
      ['number-with-unit', 'info'],
      ['number-with-unit', 'info'],
    ]);
    expect(form.diagnostics.filter((d) => d.line === 7).map((d) => d.severity)).toContain('error');
  });

  it('a 合计 row of a space-aligned funds block is read by the captions its figures stand under', () => {
    const text = [
      '项目名称      办公局域网维护费',
      '项目资金（万元）        年初预算数  全年预算数  全年执行数  分值         执行率  得分',
      '              合计                  5.5         5.5                      100%',
      '年度绩效指标  一级指标  二级指标    三级指标    年度指标值  实际完成值  分值   得分',
      '              产出指标  数量指标    维护次数    12次        12次        10     10',
      '总分                                                                   10     10',
    ].join('\n') + '\n';
    const form = parse(text).forms[0];
    expect(form.funds?.rows.map((r) => [r.label, r.initialBudget?.raw ?? null, r.adjustedBudget?.raw ?? null, r.executed?.raw ?? null, r.rate?.raw ?? null])).toEqual([
      ['合计', null, '5.5', '5.5', '100%'],
    ]);
    expect(form.diagnostics.filter((d) => d.line === 3)).toEqual([]);
  });

  it('a space-aligned target wider than its caption, running on under 实际完成值 and 偏差原因, stays the target', () => {
    const text = [
      '项目名称      特困家庭再扶助',
      '年度绩效指标  一级指标       二级指标  三级指标  年度指标值  实际完成值  偏差原因分析及改进措施',
      '              项目完成指标   成本指标  成本控制  严格按照预算标准1000元/人给补助对象兑付补助',
      '                             时效指标  资金拨付  12月底到位  12月底到位',
      '总分',
    ].join('\n') + '\n';
    const form = parse(text).forms[0];
    expect(form.indicators.map((i) => [i.name, i.target?.raw ?? null, i.actual?.raw ?? null, i.deviation])).toEqual([
      ['成本控制', '严格按照预算标准1000元/人给补助对象兑付补助', null, null],
      ['资金拨付', '12月底到位', '12月底到位', null],
    ]);
  });
});
