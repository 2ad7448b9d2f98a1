/** The funds table carries every column a funds header can name, 到位数 (received) among them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvHeader, csvRows } from '../src/output/csv.js';
import { parse } from '../src/api/pipeline.js';
import { csvRowsAsRecords } from './support/csv-records.js';

const sample = (name: string) => readFileSync(join(import.meta.dirname, '..', 'samples', name));

const table = (name: string) => csvRowsAsRecords('funds', parse(sample(name), { file: name }), name);

describe('the funds table', () => {
  it('has a received (到位数) column beside the budgets, in English and in Chinese', () => {
    expect(csvHeader('funds')).toContain('adjusted_budget,received,executed');
    expect(csvHeader('funds', 'zh')).toContain('全年预算数,到位数,全年执行数');
  });

  it('gives a Hebei block its 到位数: 年度资金总额 | 50 | 50 | 48.5 (funds-hebei-tab.txt line 5)', () => {
    const total = table('funds-hebei-tab.txt').find((row) => row.label === '年度资金总额');
    expect(total).toMatchObject({ initial_budget: '', adjusted_budget: '50', received: '50', executed: '48.5', rate: '97', line: '5' });
  });

  it('leaves it empty where the header has no 到位数 (the seed, line 116)', () => {
    const total = table('000_16052ebbc3505be3.txt').find((row) => row.line === '116');
    expect(total).toMatchObject({ adjusted_budget: '19416170.49', received: '', executed: '19402034.90' });
  });
});

describe('the columns a form states beside its figures', () => {
  it('carry a funds row’s reason as written (after a 偏差原因 caption at the end of the 年度资金总额 row)', () => {
    const text = [
      '项目名称\t干部教育培训\t项目金额\t10',
      '项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
      '年度资金总额\t10\t10\t9\t10\t90%\t9\t偏差原因\t因项目调整未支付完毕',
      '其中：当年财政拨款\t10\t10\t9\t—\t90%\t—',
    ].join('\n');
    const rows = csvRowsAsRecords('funds', parse(text), 'reason.txt');
    expect(rows.map((row) => [row.label, row.reason, row.line])).toEqual([
      ['年度资金总额', '因项目调整未支付完毕', '3'],
      ['其中：当年财政拨款', '', '4'],
    ]);
    expect(csvHeader('funds')).toContain('score,reason,line');
  });

  it('carry the points an indicator’s 一级 and 二级 print (ind-short-labels.txt line 10: 产出指标（50分） · 数量指标(10分))', () => {
    const name = 'ind-short-labels.txt';
    const row = csvRowsAsRecords('indicators', parse(sample(name), { file: name }), name).find((r) => r.line === '10');
    expect(row).toMatchObject({ level1: '产出指标', level1_points: '50', level2: '数量指标', level2_points: '10', indicator: '养护道路里程' });
    expect(csvHeader('indicators', 'zh')).toContain('一级指标,一级指标分值,二级指标,二级指标分值,三级指标');
  });
});
