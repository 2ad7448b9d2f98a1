/**
 * One table of the Chinese names of fields (src/tables/finding-words.ts): the
 * catalogue's diagnostics, the rules' findings and the tables name a funds
 * column alike, 到位数 included; the headings of the CSV tables, the clean
 * export and the report take a field's name from it, never spell it again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnostic } from '../src/catalogue/messages.js';
import * as FIELD_WORDS from '../src/tables/finding-words.js';
import { FIELD_ZH, FUNDS_COLUMN_ZH } from '../src/tables/finding-words.js';
import { tableColumns } from '../src/output/csv.js';
import { render } from '../src/output/render.js';
import { REPORT_STRINGS } from '../src/report/strings.js';
import { check, parse } from '../src/api/index.js';

describe('the table of field names', () => {
  it('names every funds column in a number diagnostic as the findings name it', () => {
    for (const field of Object.keys(FUNDS_COLUMN_ZH) as (keyof typeof FUNDS_COLUMN_ZH)[]) {
      const made = diagnostic('invalid-number', { line: 3, column: 2 }, { field, raw: '1,00' });
      expect(made.message.zh, field).toBe(`${FUNDS_COLUMN_ZH[field]}“1,00”不是数字`);
    }
    expect(FIELD_ZH['funds.received']).toBe(FUNDS_COLUMN_ZH.received);
    expect(diagnostic('invalid-number', { line: 3, column: 2 }, { field: 'received', raw: 'x' }).message.zh).toBe('到位数“x”不是数字');
  });
});

/** Every word of the table's flat lists of field names (not the finding fields, which combine them). */
const FIELD_NAMES: ReadonlySet<string> = new Set(
  [FIELD_WORDS.PROJECT_FIELD_ZH, FIELD_WORDS.GOALS_FIELD_ZH, FIELD_WORDS.LEVEL_ZH, FIELD_WORDS.CHECKED_FIELD_ZH, FIELD_WORDS.FUNDS_COLUMN_ZH, FIELD_WORDS.INDICATOR_COLUMN_ZH, FIELD_WORDS.SECTION_ZH].flatMap(
    (words) => Object.values(words),
  ),
);

describe('the headings of the outputs', () => {
  it('spell no field name of their own: the CSV columns and XLSX sheets, the clean export and the report take it from the table', () => {
    for (const file of ['src/output/csv.ts', 'src/output/xlsx.ts', 'src/output/render.ts', 'src/report/strings.ts']) {
      const source = readFileSync(join(import.meta.dirname, '..', file), 'utf8');
      const literals = [...source.matchAll(/'([^'\n]*)'/g)].map((match) => match[1]);
      expect(literals.filter((literal) => FIELD_NAMES.has(literal)), file).toEqual([]);
    }
  });

  it('head each column that holds a field with that field’s name', () => {
    expect(tableColumns('funds', 'zh').slice(7, 14)).toEqual(Object.values(FUNDS_COLUMN_ZH));
    expect(tableColumns('forms', 'zh').slice(2, 6)).toEqual(['项目名称', '主管部门', '申报总分', '复核总分']);
    expect(tableColumns('indicators', 'zh').slice(4, 9)).toEqual(['一级指标', '一级指标分值', '二级指标', '二级指标分值', '三级指标']);
    expect(tableColumns('funds', 'zh')[14]).toBe('偏差原因');
    const zh = REPORT_STRINGS.zh;
    expect(zh.fundsColumns('元').slice(1, 7)).toEqual(['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']);
    expect(zh.treeColumns.slice(1, 6)).toEqual(['年度指标值', '实际完成值', '分值', '得分', '复核得分']);
    const seed = check(parse(readFileSync(join(import.meta.dirname, '..', 'samples', '000_16052ebbc3505be3.txt')), { file: 'seed.txt' }));
    const clean = render(seed).split('\n');
    expect(clean).toContain('年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施');
    expect(clean.find((line) => line.startsWith('项目资金（元）'))).toBe('项目资金（元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\t');
  });
});
