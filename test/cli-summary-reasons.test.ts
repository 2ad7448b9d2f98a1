/**
 * The end-of-run summary breaks the forms that cannot be graded (无法评级)
 * down by why: each reason's stable code, its words in the run's language
 * and how many forms, in the text summary and in --summary json, with the
 * same figures as the documents the run prints. Run in-process.
 */
import { describe, expect, it } from 'vitest';
import type { Document } from '../src/contract/schema.js';
import { cli } from './support/cli.js';

// Forms of three reasons: two suspended projects (every row 不适用), a form without a 分值 column, two without a declared total.
const INPUTS = ['samples/000_16052ebbc3505be3.txt', 'samples/ind-results-only.txt', 'samples/bad-values.txt'];

/** The reasons of the ungradable forms the documents hold, counted, in the order they first occur. */
function reasonsOf(stdout: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of stdout.split('\n').filter((l) => l !== '')) {
    for (const form of (JSON.parse(line) as Document).forms) {
      const grading = form.summary?.grading;
      if (grading?.status === 'ungradable') counts.set(grading.reason!, (counts.get(grading.reason!) ?? 0) + 1);
    }
  }
  return counts;
}

describe('the summary of forms that cannot be graded', () => {
  it('counts them by reason code with the reason in English and in Chinese (--summary json)', async () => {
    const en = await cli(['check', ...INPUTS, '--format', 'ndjson', '--summary', 'json', '--lang', 'en', '--fail-on', 'never']);
    const counts = reasonsOf(en.stdout);
    expect([...counts.keys()].sort()).toEqual(['no-declared-total', 'no-weights', 'suspended']);
    const summary = JSON.parse(en.stderr);
    expect(summary.ungradable).toBe([...counts.values()].reduce((a, b) => a + b, 0));
    // In the catalogue's order of reasons, each with its count from the documents.
    expect(summary.ungradableReasons).toEqual([
      { code: 'suspended', reason: 'a suspended project: every indicator is 不适用', forms: counts.get('suspended') },
      { code: 'no-weights', reason: 'no 分值 column: no score can be verified', forms: counts.get('no-weights') },
      { code: 'no-declared-total', reason: 'no declared total', forms: counts.get('no-declared-total') },
    ]);
    const zh = JSON.parse((await cli(['check', ...INPUTS, '--format', 'ndjson', '--summary', 'json', '--lang', 'zh', '--fail-on', 'never'])).stderr);
    expect(zh.ungradableReasons.map((r: { code: string; reason: string }) => [r.code, r.reason])).toEqual([
      ['suspended', '项目中止，全部指标不适用'],
      ['no-weights', '表中没有分值列，得分无从核验'],
      ['no-declared-total', '未申报总分'],
    ]);
  });

  it('lists them by reason after the counts in the text summary, in the run’s language', async () => {
    const json = await cli(['check', ...INPUTS, '--format', 'ndjson', '--fail-on', 'never', '--lang', 'zh']);
    const counts = reasonsOf(json.stdout);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const zh = json.stderr.trimEnd().split('\n');
    expect(zh[0]).toContain(`无法评级 ${total} 张`);
    expect(zh.slice(1)).toEqual([
      `无法评级的表 ${total} 张：`,
      `  项目中止，全部指标不适用 [suspended]：${counts.get('suspended')} 张`,
      `  表中没有分值列，得分无从核验 [no-weights]：${counts.get('no-weights')} 张`,
      `  未申报总分 [no-declared-total]：${counts.get('no-declared-total')} 张`,
    ]);
    const en = (await cli(['check', ...INPUTS, '--format', 'ndjson', '--fail-on', 'never', '--lang', 'en'])).stderr.trimEnd().split('\n');
    expect(en.slice(1)).toEqual([
      `${total} forms not gradable:`,
      `  a suspended project: every indicator is 不适用 [suspended]: ${counts.get('suspended')}`,
      `  no 分值 column: no score can be verified [no-weights]: ${counts.get('no-weights')}`,
      `  no declared total [no-declared-total]: ${counts.get('no-declared-total')}`,
    ]);
  });

  it('comes after the failed files, and is absent when every form could be graded', async () => {
    const run = await cli(['check', 'samples/bad-values.txt', 'test/fixtures/cli/bad/empty.txt', '--format', 'ndjson', '--lang', 'en', '--fail-on', 'never']);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/1 file failed:$/);
    expect(lines[1]).toMatch(/^ {2}test\/fixtures\/cli\/bad\/empty\.txt: .* \[no-form\]$/);
    expect(lines.slice(2)).toEqual([`${reasonsOf(run.stdout).get('no-declared-total')} forms not gradable:`, expect.stringMatching(/^ {2}no declared total \[no-declared-total\]: \d+$/)]);
    const graded = await cli(['check', 'samples/funds-hebei-tab.txt', '--format', 'ndjson', '--summary', 'json', '--fail-on', 'never']);
    expect(reasonsOf(graded.stdout).size).toBe(0);
    expect(JSON.parse(graded.stderr).ungradableReasons).toEqual([]);
    expect((await cli(['check', 'samples/funds-hebei-tab.txt', '--format', 'ndjson', '--fail-on', 'never', '--lang', 'en'])).stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
