/**
 * Under `--lang zh` (or a Chinese locale) everything an auditor reads is
 * Chinese but codes, file names and the forms' own text: every command's
 * help, the command line's errors, the `check` table and summary, the CSV
 * tables and the XLSX workbook (headers and values; the column that holds the
 * English message by design aside), and the report's visible text. A word of
 * English anywhere else fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Document } from '../src/api/index.js';
import { cli } from './support/cli.js';
import { BAD, englishWords, FILES, SEED } from './support/english-words.js';

const ZH = { LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

describe('every command’s help, in a Chinese locale', () => {
  it.each(['', 'parse', 'check', 'report', 'render', 'app', 'schema'])('jixiao %s --help', async (command) => {
    const run = await cli(command === '' ? ['--help'] : [command, '--help'], { env: ZH });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/[\u4e00-\u9fff]/);
    expect(englishWords(run.stdout)).toEqual([]);
  });

  it.each(['', 'parse', 'check', 'report', 'render', 'app', 'schema'])('jixiao %s --help names the same options in Chinese as in English', async (command) => {
    const args = command === '' ? ['--help'] : [command, '--help'];
    const named = (text: string) => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])].sort();
    const [zh, en] = await Promise.all([cli([...args, '--lang', 'zh']), cli([...args, '--lang', 'en'])]);
    expect(named(zh.stdout)).toEqual(named(en.stdout));
  });

  it('follows --lang over the locale', async () => {
    expect((await cli(['check', '--help', '--lang', 'zh'], { env: { LANG: 'C' } })).stdout).toMatch(/^用法：jixiao check/);
    expect((await cli(['check', '--help', '--lang', 'en'], { env: ZH })).stdout).toMatch(/^Usage: jixiao check/);
  });
});

describe('the command line’s errors, in a Chinese locale', () => {
  it.each([
    [['chek', SEED], /^jixiao: 未知命令“chek”/],
    [['check', '--bogus', SEED], /^jixiao: 未知的选项“--bogus”/],
    [['check', SEED, '--format', 'pdf'], /^jixiao: --format 只能是/],
    [['check', SEED, '--jobs', '0'], /^jixiao: --jobs 必须是 1 到 9999 的整数/],
    [['check'], /^jixiao: check：没有给出输入文件/],
    [['check', 'no-such.txt'], /^jixiao: no-such\.txt：文件不存在/],
    [['check', 'samples/*.nothing'], /^jixiao: samples\/\*\.nothing：没有文件匹配该模式/],
  ])('jixiao %j', async (args, said) => {
    const run = await cli(args, { env: ZH });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(said);
    expect(englishWords(run.stderr, ['no-such.txt', 'samples/*.nothing', 'samples', 'chek'])).toEqual([]);
  });
});

describe('what check writes under --lang zh', () => {
  it('the table of findings, the totals and the summary, failed files included', async () => {
    const run = await cli(['check', ...FILES, '--lang', 'zh']);
    expect(run.stdout).toContain('总分：申报 92.49（优）');
    expect(englishWords(run.stdout + run.stderr)).toEqual([]);
  });

  it('says why a form cannot be graded (无法评级) on its total line, for each form the checker could not grade', async () => {
    const inputs = [SEED, BAD, 'samples/ind-results-only.txt'];
    const json = await cli(['check', ...inputs, '--format', 'json', '-q', '--fail-on', 'never']);
    const forms = (JSON.parse(json.stdout) as Document[]).flatMap((d) => d.forms);
    const reasons = forms.map((form) => form.summary?.grading?.reason ?? null);
    expect(new Set(reasons.filter((r) => r !== null))).toEqual(new Set(['suspended', 'no-declared-total', 'no-weights']));
    const words: Record<string, string> = { suspended: '项目中止，全部指标不适用', 'no-declared-total': '未申报总分', 'no-weights': '表中没有分值列，得分无从核验' };
    const run = await cli(['check', ...inputs, '--lang', 'zh', '--fail-on', 'never']);
    const totals = run.stdout.split('\n').filter((line) => line.startsWith('  总分：'));
    expect(totals).toHaveLength(forms.length);
    totals.forEach((line, i) => {
      if (reasons[i] === null) expect(line).not.toContain('无法评级');
      else expect(line).toContain(`；无法评级：${words[reasons[i]!]}；`);
    });
  });

  it('the rule under each finding with --explain', async () => {
    const run = await cli(['check', SEED, '--explain', '--lang', 'zh']);
    expect(run.stdout).toMatch(/156 +错误 +total-score-mismatch .*\n +规则：总分得分 = 预算执行得分 \+ 各指标得分之和\n +依据：财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）.*\n/);
    expect(englishWords(run.stdout + run.stderr)).toEqual([]);
  });

  it('a 二级 whose weights miss its printed points, with its rule, under --explain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-zh-'));
    const file = join(dir, 'level2.txt');
    const rows = [
      ['项目名称', '测试项目', '项目金额', '100.00'],
      ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      ['年度资金总额', '100.00', '100.00', '100.00', '10', '100.00%', '10'],
      ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
      ['', '产出指标（90分）', '数量指标（20分）', '设备购置数量', '≥100台', '120台', '10', '10', ''],
      ['', '', '', '培训人数', '≥100人', '120人', '80', '80', ''],
      ['总分', '', '', '', '', '', '100', '100', ''],
    ];
    writeFileSync(file, rows.map((cells) => cells.join('\t')).join('\n') + '\n');
    try {
      const run = await cli(['check', file, '--explain', '--lang', 'zh']);
      expect(run.stdout).toMatch(/5 +警告 +level2-weight-mismatch .*数量指标标注 20 分，各指标分值之和为 90\n +规则：二级指标下各指标分值之和 = 其标注分值\n +依据：/);
      expect(englishWords(run.stdout + run.stderr, [...FILES, file])).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['forms', 'indicators', 'funds', 'findings'])('the %s CSV table, headers and values (the English message column aside)', async (table) => {
    const run = await cli(['check', ...FILES, '--table', table, '--lang', 'zh', '-q']);
    const lines = run.stdout.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(1);
    const english = lines[0].split(',').indexOf('说明（英文）');
    const cells = (line: string) => line.match(/(?:"(?:[^"]|"")*"|[^,]*)(?:,|$)/g)!.slice(0, -1);
    const rows = lines.map((line) => (english < 0 ? line : cells(line).filter((_, at) => at !== english).join('')));
    expect(englishWords(rows.join('\n'))).toEqual([]);
    if (table === 'findings') {
      expect(lines.some((line) => line.includes(',复核发现,错误,total-score-mismatch,156,,总分·得分,92.49,96.49,'))).toBe(true);
      expect(lines.some((line) => line.includes(',读取提示,错误,invalid-number,'))).toBe(true);
    }
  });

  it('the findings table names beside each finding its rule and where the rule is written (依据), in Chinese and in English', async () => {
    const { default: Papa } = await import('papaparse');
    for (const lang of ['zh', 'en'] as const) {
      const run = await cli(['check', SEED, '--table', 'findings', '--lang', lang, '-q']);
      const [header, ...rows] = Papa.parse<string[]>(run.stdout.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
      const [rule, source] = lang === 'zh' ? ['规则', '依据'] : ['rule', 'rule_source'];
      expect(header.indexOf(source)).toBe(header.indexOf(rule) + 1);
      const total = rows.find((row) => row.includes('total-score-mismatch'))!;
      expect(total[header.indexOf(source)]).toContain(lang === 'zh' ? '财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）' : 'Ministry of Finance');
      for (const row of rows.filter((r) => r[header.indexOf(rule)] !== '')) expect(row[header.indexOf(source)]).not.toBe('');
    }
  });

  it('the XLSX workbook: sheet names, headers and every value (the English message column aside)', async () => {
    const run = await cli(['check', ...FILES, '--format', 'xlsx', '--lang', 'zh', '-q']);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(run.bytes as unknown as ArrayBuffer);
    const texts: string[] = [];
    for (const sheet of workbook.worksheets) {
      texts.push(sheet.name);
      const english = (sheet.getRow(1).values as unknown[]).indexOf('说明（英文）');
      sheet.eachRow((row) => row.eachCell((cell, column) => column !== english && texts.push(String(cell.value))));
    }
    expect(texts).toContain('复核发现');
    expect(englishWords(texts.join('\n'))).toEqual([]);
  });
});

describe('the report under --lang zh', () => {
  it('shows no English word: text, tooltips and button words (its script and data aside)', async () => {
    const run = await cli(['report', ...FILES, '--lang', 'zh', '-q']);
    const html = run.stdout;
    const page = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<!DOCTYPE html>/, '');
    const shownAttributes = [...page.matchAll(/\s(?:title|placeholder|aria-label)="([^"]*)"/g)].map((m) => m[1]);
    const visible = [page.replace(/<[^>]*>/g, ' '), ...shownAttributes].join('\n').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&(?:amp|lt|gt|quot);/g, ' ');
    expect(visible).toContain('依据的规则');
    expect(englishWords(visible)).toEqual([]);
  });
});
