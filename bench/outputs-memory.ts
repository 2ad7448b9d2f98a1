/**
 * Peak resident memory of the outputs that hold a whole batch: the HTML
 * report (-o FILE: pages of 2 000 forms and an index), the report on
 * standard output (one page, the offline page's kind of rendering: every
 * form in one document), and XLSX (with --out: one workbook per input; on
 * standard output: one workbook of all inputs), on 100 000 forms in one
 * file, through the built CLI. The target is under 600 MB each.
 *
 *   npm run bench:outputs -- [forms] [--only report|xlsx]
 *
 * `--only` runs the two report outputs or the two workbook outputs alone;
 * JIXIAO_BENCH_CLI names another build of the CLI (a copy of dist/ inside
 * the project, so that it finds its packages) to measure.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const only = process.argv.includes('--only') ? (process.argv[process.argv.indexOf('--only') + 1] ?? null) : null;
const DIR = join(ROOT, 'bench', 'corpus', only === null ? 'outputs' : `outputs-${only}`);
const CLI = process.env.JIXIAO_BENCH_CLI ? resolve(process.env.JIXIAO_BENCH_CLI) : join(ROOT, 'dist', 'cli.js');
const CHILD = join(ROOT, 'bench', 'child.mjs');
const MB = 1024 * 1024;
const TARGET_MB = 600;

/** A small complete form: project, funds, three indicators, total; its number in the project name. */
function form(n: number): string {
  return [
    '项目支出绩效自评表',
    `项目名称\t测试项目${n}\t\t\t项目金额\t${1000 + (n % 97)}`,
    '主管部门\t0402009\t\t\t实施单位\t区政务服务中心',
    '项目资金（元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
    `\t年度资金总额\t1000\t1000\t${900 + (n % 100)}\t10\t${(90 + (n % 100) / 10).toFixed(2)}%\t9.00`,
    '年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
    '\t产出指标 (50分)\t数量指标\t采购批次\t≥3批\t3批\t50\t50',
    '\t效益指标 (30分)\t社会效益指标\t提高效率\t有效\t有效\t30\t29',
    '\t满意度指标 (10分)\t服务对象满意度指标\t满意度\t≥90%\t95%\t10\t10',
    `总分\t\t\t\t\t\t100\t${n % 3 === 0 ? '98' : '97'}`,
    '',
  ].join('\n');
}

function measure(args: string[], stdoutFile: string | null): { seconds: number; peakMb: number; status: number | null } {
  const rssFile = join(DIR, '.rss');
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [CHILD, CLI, ...args], {
    cwd: DIR,
    env: { ...process.env, JIXIAO_BENCH_RSS: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 4096 * MB,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (stdoutFile !== null) writeFileSync(stdoutFile, child.stdout ?? '');
  if (child.status !== 0) process.stderr.write(String(child.stderr).slice(0, 2000));
  const peakMb = Number(readFileSync(rssFile, 'utf8')) / MB;
  rmSync(rssFile, { force: true });
  return { seconds, peakMb, status: child.status };
}

const count = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 100_000);
rmSync(DIR, { recursive: true, force: true });
mkdirSync(join(DIR, 'out'), { recursive: true });
const corpus = join(DIR, 'forms.txt');
let text = '';
for (let n = 1; n <= count; n++) text += form(n);
writeFileSync(corpus, text);
text = '';
const sizeMb = statSync(corpus).size / MB;

const allRuns: Array<[string, string[], string | null]> = [
  ['report -o FILE (paged)', ['report', 'forms.txt', '-o', 'out/report.html', '-q'], null],
  ['report to standard output (one page)', ['report', 'forms.txt', '-q'], join(DIR, 'out', 'one-page.html')],
  ['check --format xlsx --out DIR', ['check', 'forms.txt', '--format', 'xlsx', '--out', 'out', '-q', '--fail-on', 'never'], null],
  ['check --format xlsx > FILE', ['check', 'forms.txt', '--format', 'xlsx', '-q', '--fail-on', 'never'], join(DIR, 'out', 'all.xlsx')],
];
const runs = allRuns.filter(([name]) => only === null || name.includes(only));
console.log(`${CLI}; node ${process.version}, ${(await import('node:os')).cpus().length} × ${(await import('node:os')).cpus()[0]?.model}`);
console.log(`${count} forms, ${sizeMb.toFixed(1)} MB in one file; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('output | time | peak RSS | exit | target < 600 MB');
console.log('---|---|---|---|---');
for (const [name, args, stdoutFile] of runs) {
  const r = measure(args, stdoutFile);
  console.log(`${name} | ${r.seconds.toFixed(1)} s | ${r.peakMb.toFixed(0)} MB | ${r.status} | ${r.peakMb < TARGET_MB ? 'met' : 'not met'}`);
}
const written = readdirSync(join(DIR, 'out'));
console.log(`written: ${written.length} files (${written.filter((f) => f.startsWith('report-')).length} report parts)`);
