/**
 * `--lang` end to end: a Chinese locale gives a `check` an auditor reads
 * without an English word but the codes, file names and the profile name
 * (the built CLI, started in that locale); LC_ALL, LC_MESSAGES and LANG
 * decide in that order; --lang overrides them; CSV headers turn Chinese only
 * with an explicit --lang zh (the command line in this process, the locale
 * variables set for the run).
 */
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS, GRADING_REASON } from '../src/catalogue/messages.js';
import { RULE_CODES } from '../src/check/rules.js';
import { FIXTURES, jixiao, SEED } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';

const ZH = { LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const EN = { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const CODES = [...RULE_CODES, ...Object.keys(DIAGNOSTICS), ...Object.keys(GRADING_REASON)].sort((a, b) => b.length - a.length);

/** The English words left once codes, the given file names and the profile name are taken out. */
function englishWords(text: string, files: string[]): string[] {
  let rest = text;
  for (const name of [...files, ...CODES]) rest = rest.replaceAll(name, '');
  return rest.replace(/\bdefault\b/g, '').match(/[A-Za-z]{2,}/g) ?? [];
}

describe('LANG=zh_CN.UTF-8 jixiao check', { timeout: 60_000 }, () => {
  const run = jixiao(['check', SEED], { env: ZH });

  it('prints the findings, the totals and the summary in Chinese', () => {
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('  行   级别  代码');
    expect(run.stdout).toMatch(/156 +错误 +total-score-mismatch +92\.49 → 96\.49 +总分的得分 92\.49 不等于/);
    expect(run.stdout).toContain('总分：申报 92.49（优），复核 96.49（优），差额（申报 − 复核）-4.00；错误 2 项，警告 8 项，提示 0 项');
    expect(run.stdout).toContain('未发现问题');
    expect(run.stderr).toBe('文件 1 个，表 7 张（可评级 5 张，无法评级 2 张），指标 129 项；问题：错误 3 项，警告 12 项，提示 1 项；没有处理失败的文件\n无法评级的表 2 张：\n  项目中止，全部指标不适用 [suspended]：2 张\n');
  });

  it('prints no English word but codes, file names and the profile name', () => {
    expect(englishWords(run.stdout + run.stderr, [SEED])).toEqual([]);
  });

  it('with --explain, prints under each finding its rule and the documents it comes from, in Chinese', () => {
    const explained = jixiao(['check', SEED, '--explain'], { env: ZH });
    expect(explained.status).toBe(1);
    expect(explained.stdout).toMatch(/43 +错误 +indicator-score-mismatch[^\n]*\n +规则：正向指标：实际完成值 ≥ 指标值得满分，否则 分值 × 实际完成值 ÷ 指标值\n +依据：财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）[^\n]*第十七条/);
    expect(explained.stdout).toContain('依据：省级预算管理一体化系统绩效模块的自评自动计分规则（公开源码）');
    expect(run.stdout).not.toContain('规则：');
    // Only the document names' own Latin text (a web address, a file name, the program's name) is not Chinese.
    expect(englishWords(explained.stdout + explained.stderr, [SEED, 'biz.doczj.com/doc/174893555.html', 'samples/000_16052ebbc3505be3.txt', 'jixiao'])).toEqual([]);
  });

  it('says why a file failed in Chinese', () => {
    const files = [`${FIXTURES}/bad/empty.txt`, `${FIXTURES}/bad/image.txt`];
    const bad = jixiao(['check', ...files], { env: ZH });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain(`${files[0]}:1:1 错误 no-form 输入为空`);
    expect(bad.stderr).toContain('处理失败的文件 2 个：');
    expect(bad.stderr).toContain(`  ${files[0]}: 输入为空`);
    expect(englishWords(bad.stdout + bad.stderr, files)).toEqual([]);
  });
});

describe('the language chosen', { timeout: 60_000 }, () => {
  it('is English in a C locale', async () => {
    const run = await cli(['check', SEED], { env: EN });
    expect(run.stdout).toContain('  line  severity  code');
    expect(run.stdout).toContain('total: declared 92.49 (优), recomputed 96.49 (优), difference (declared − recomputed) -4.00; 2 errors, 8 warnings, 0 info');
    expect(run.stdout).toMatch(/156 +error +total-score-mismatch +92\.49 → 96\.49 +总分 score 92\.49 is not funds score \+ indicator scores, 96\.49/);
    expect(run.stderr).toBe('1 file, 7 forms (5 graded, 2 not gradable), 129 indicators; findings: 3 errors, 12 warnings, 1 info; no file failed\n2 forms not gradable:\n  a suspended project: every indicator is 不适用 [suspended]: 2\n');
  });

  it('follows LC_ALL before LC_MESSAGES before LANG', async () => {
    expect((await cli(['check', SEED], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: 'C', LC_MESSAGES: '' } })).stderr).toMatch(/^1 file/);
    expect((await cli(['check', SEED], { env: { LANG: 'C', LC_ALL: '', LC_MESSAGES: 'zh_CN.UTF-8' } })).stderr).toMatch(/^文件 1 个/);
    expect((await cli(['check', SEED], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: 'en_US.UTF-8' } })).stderr).toMatch(/^1 file/);
  });

  it('is what --lang says, whatever the locale', async () => {
    const en = await cli(['check', SEED, '--lang', 'en'], { env: ZH });
    expect(en.stderr).toMatch(/^1 file/);
    // A finding's English message replaces its Chinese one.
    expect(en.stdout).toContain('总分 score 92.49 is not funds score + indicator scores, 96.49');
    expect(en.stdout).not.toContain('总分的得分');
    const zh = await cli(['check', SEED, '--lang', 'zh'], { env: EN });
    expect(zh.stderr).toMatch(/^文件 1 个/);
    expect(zh.stdout).toContain('总分的得分 92.49 不等于');
  });

  it('must be zh or en', async () => {
    const run = await cli(['check', SEED, '--lang', 'fr'], { env: EN });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('jixiao: --lang must be one of zh, en\n');
  });
});

describe('CSV headers', { timeout: 60_000 }, () => {
  const header = (stdout: string) => stdout.replace(/^\uFEFF/, '').split('\r\n')[0];

  it('stay English in a Chinese locale, for the pipelines that read them', async () => {
    expect(header((await cli(['parse', SEED, '--format', 'csv'], { env: ZH })).stdout)).toMatch(/^file,form,project,department,level1,/);
  });

  it('are Chinese with --lang zh', async () => {
    expect(header((await cli(['parse', SEED, '--format', 'csv', '--lang', 'zh'], { env: EN })).stdout)).toMatch(/^文件,表序号,项目名称,主管部门,一级指标,一级指标分值,二级指标,二级指标分值,三级指标,指标值,/);
  });
});
