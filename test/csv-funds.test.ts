/** The funds table carries every column a funds header can name, 到位数 (received) among them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvHeader, csvRows } from '../src/output/csv.js';
import { parse } from '../src/api/pipeline.js';

const sample = (name: string) => readFileSync(join(import.meta.dirname, '..', 'samples', name));

function table(name: string): Record<string, string>[] {
  const header = csvHeader('funds').trim().split(',');
  return csvRows('funds', parse(sample(name), { file: name }), name)
    .trim()
    .split(/\r?\n/)
    .map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
}

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
