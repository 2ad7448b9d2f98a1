/**
 * Peak resident memory of the outputs that hold a whole batch: the HTML
 * report (-o FILE: pages of 2 000 forms and an index), the report on
 * standard output (one page, the offline page's kind of rendering: every
 * form in one document), and XLSX (with --out: one workbook per input; on
 * standard output: one workbook of all inputs), on 100 000 forms in one
 * file, through the built CLI; and the offline page's own report of that
 * file, made by the worker dist/jixiao-app.html embeds, as the page makes it,
 * with the data of its forms its frame keeps and the sections of the
 * overview's first page opened (bench/app-child.mjs). The target is under
 * 600 MB each.
 *
 *   npm run bench:outputs -- [forms] [--only report|xlsx|app]
 *
 * `--only` runs the two report outputs, the two workbook outputs or the
 * offline page alone; JIXIAO_BENCH_CLI names another build of the CLI (a
 * copy of dist/ inside the project, so that it finds its packages) to
 * measure, JIXIAO_BENCH_APP another offline page.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const only = process.argv.includes('--only') ? (process.argv[process.argv.indexOf('--only') + 1] ?? null) : null;
const DIR = join(ROOT, 'bench', 'corpus', only === null ? 'outputs' : `outputs-${only}`);
const CLI = process.env.JIXIAO_BENCH_CLI ? resolve(process.env.JIXIAO_BENCH_CLI) : join(ROOT, 'dist', 'cli.js');
const APP = process.env.JIXIAO_BENCH_APP ? resolve(process.env.JIXIAO_BENCH_APP) : join(ROOT, 'dist', 'jixiao-app.html');
const CHILD = join(ROOT, 'bench', 'child.mjs');
const APP_CHILD = join(ROOT, 'bench', 'app-child.mjs');
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

/**
 * Runs `node CHILD ARGS` in DIR: its time, peak RSS and exit status (or the
 * signal that ended it). The peak is what the child records as it exits, or,
 * when it is killed (a heap out of memory aborts it), the highest resident
 * size the kernel reported while it ran (VmHWM, read every 100 ms).
 */
async function measure(child: string, args: string[], stdoutFile: string | null): Promise<{ seconds: number; peakMb: number | null; status: number | string | null }> {
  const rssFile = join(DIR, '.rss');
  const started = process.hrtime.bigint();
  const run = spawn(process.execPath, [child, ...args], { cwd: DIR, env: { ...process.env, JIXIAO_BENCH_RSS: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] });
  const sink = stdoutFile === null ? null : createWriteStream(stdoutFile);
  if (sink === null) run.stdout.resume();
  else run.stdout.pipe(sink);
  let stderr = '';
  run.stderr.on('data', (chunk: Buffer) => void (stderr.length < 2000 && (stderr += chunk.toString('utf8'))));
  let watched = 0;
  const watch = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${run.pid}/status`, 'utf8'));
      if (hwm) watched = Math.max(watched, Number(hwm[1]) * 1024);
    } catch {
      // gone, or no procfs
    }
  }, 100);
  const [code, signal] = await new Promise<[number | null, string | null]>((done) => run.on('close', (c, s) => done([c, s])));
  clearInterval(watch);
  if (sink !== null) await new Promise((done) => sink.end(done));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) process.stderr.write(stderr.slice(0, 2000));
  const recorded = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : 0;
  rmSync(rssFile, { force: true });
  const peak = Math.max(recorded, watched);
  return { seconds, peakMb: peak > 0 ? peak / MB : null, status: code ?? signal };
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

const allRuns: Array<{ only: 'report' | 'xlsx' | 'app'; name: string; child: string; args: string[]; stdout: string | null }> = [
  { only: 'report', name: 'report -o FILE (paged)', child: CHILD, args: [CLI, 'report', 'forms.txt', '-o', 'out/report.html', '-q'], stdout: null },
  { only: 'report', name: 'report to standard output (one page)', child: CHILD, args: [CLI, 'report', 'forms.txt', '-q'], stdout: join(DIR, 'out', 'one-page.html') },
  { only: 'xlsx', name: 'check --format xlsx --out DIR', child: CHILD, args: [CLI, 'check', 'forms.txt', '--format', 'xlsx', '--out', 'out', '-q', '--fail-on', 'never'], stdout: null },
  { only: 'xlsx', name: 'check --format xlsx > FILE', child: CHILD, args: [CLI, 'check', 'forms.txt', '--format', 'xlsx', '-q', '--fail-on', 'never'], stdout: join(DIR, 'out', 'all.xlsx') },
  { only: 'app', name: "offline page: its worker reads the file, makes the report, its forms' data and the sections of the overview's first page", child: APP_CHILD, args: [APP, 'forms.txt'], stdout: null },
];
const runs = allRuns.filter((run) => only === null || run.only === only);
console.log(`${runs.some((run) => run.only === 'app') ? `${APP}, ` : ''}${CLI}; node ${process.version}, ${(await import('node:os')).cpus().length} × ${(await import('node:os')).cpus()[0]?.model}`);
console.log(`${count} forms, ${sizeMb.toFixed(1)} MB in one file; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('output | time | peak RSS | exit | target < 600 MB');
console.log('---|---|---|---|---');
for (const run of runs) {
  const r = await measure(run.child, run.args, run.stdout);
  const met = r.status === 0 && r.peakMb !== null && r.peakMb < TARGET_MB;
  console.log(`${run.name} | ${r.seconds.toFixed(1)} s | ${r.peakMb === null ? '—' : `${r.peakMb.toFixed(0)} MB`} | ${r.status} | ${met ? 'met' : 'not met'}`);
}
const written = readdirSync(join(DIR, 'out'));
console.log(`written: ${written.length} files (${written.filter((f) => f.startsWith('report-')).length} report parts)`);
