/**
 * `npm run bench [-- --quick]`: throughput, memory, allocation and CPU time by stage, parallel speed-up and cold
 * start of jixiao against a bare tab split, papaparse and a generic
 * papaparse-to-NDJSON conversion, on a corpus it generates. Prints every
 * target with its figure, the machine and the load average before and after,
 * and writes the same to bench/results/latest.json. Figures come from one run
 * on one machine: compare ratios, not absolute numbers.
 *
 * `--quick` uses a smaller corpus (4 MB, 16 MB, 200 files) so that a run takes
 * a couple of minutes; the full run is the one to report.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { corpusPieces, writeBatch, writeCorpus, writeDistinctCorpus } from './corpus.js';
import { comboList, runTraitBench, silentList, traitTable } from './template-traits.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CORPUS = join(ROOT, 'bench', 'corpus');
const RESULTS = join(ROOT, 'bench', 'results');
const CLI = join(ROOT, 'dist', 'cli.js');
const LIBRARY = join(ROOT, 'dist', 'index.js');
const CHILD = join(ROOT, 'bench', 'child.mjs');
const GENERIC = join(ROOT, 'bench', 'generic-ndjson.mjs');
const IN_PROCESS = join(ROOT, 'bench', 'library.mjs');
const STAGES = join(ROOT, 'bench', '.out', 'stages.mjs');
const MB = 1024 * 1024;

const QUICK = process.argv.includes('--quick');
const SIZES = QUICK ? { small: 4, large: 16, files: 200 } : { small: 16, large: 128, files: 2000 };
/** Forms drawn by the template generator for the per-trait accuracy table. */
const TEMPLATE_FORMS = QUICK ? 2000 : 10_000;
const RUNS = QUICK ? { tight: 2, cli: 1, cold: 7 } : { tight: 3, cli: 2, cold: 15 };

interface Run {
  seconds: number;
  peakRss: number;
  status: number | null;
}

/** Runs a script in a child process, output discarded, and reads its peak RSS (worker threads included). */
function runScript(script: string, args: string[]): Run {
  const rssFile = join(CORPUS, `.rss-${process.pid}`);
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [CHILD, script, ...args], {
    env: { ...process.env, JIXIAO_BENCH_RSS: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * MB,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRss = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  // 1 is jixiao's "the checker found errors".
  if (child.status !== 0 && child.status !== 1) throw new Error(`${script} ${args.join(' ')} exited ${child.status}: ${child.stderr.toString().slice(0, 500)}`);
  return { seconds, peakRss, status: child.status };
}

const runCli = (args: string[]): Run => runScript(CLI, args);

function best<T extends { seconds: number }>(runs: number, run: () => T): T {
  let chosen: T | null = null;
  for (let i = 0; i < runs; i++) {
    const r = run();
    if (!chosen || r.seconds < chosen.seconds) chosen = r;
  }
  return chosen!;
}

/** `a` and `b` run one after the other, `rounds` times: the fastest run of each. */
function inTurn<A extends { seconds: number }, B extends { seconds: number }>(rounds: number, a: () => A, b: () => B): [A, B] {
  let bestA: A | null = null;
  let bestB: B | null = null;
  for (let i = 0; i < rounds; i++) {
    const ra = a();
    if (!bestA || ra.seconds < bestA.seconds) bestA = ra;
    const rb = b();
    if (!bestB || rb.seconds < bestB.seconds) bestB = rb;
  }
  return [bestA!, bestB!];
}

function timed(run: () => unknown): { seconds: number } {
  const started = process.hrtime.bigint();
  run();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The bare minimum: read, decode, split on line ends and tabs. */
function bareSplit(path: string): number {
  const text = new TextDecoder().decode(readFileSync(path));
  let cells = 0;
  for (const line of text.split('\n')) cells += line.split('\t').length;
  return cells;
}

function papaSplit(path: string): number {
  const text = new TextDecoder().decode(readFileSync(path));
  return Papa.parse<string[]>(text, { delimiter: '\t', newline: '\n', quoteChar: '"' }).data.length;
}

/** `check(parse(bytes))` through the built library in a fresh process: the fastest of its runs (timed inside, file read excluded). */
function libraryCheck(path: string, runs: number): { seconds: number } {
  const child = spawnSync(process.execPath, [IN_PROCESS, LIBRARY, path, String(runs)], { maxBuffer: MB });
  if (child.status !== 0) throw new Error(`library check exited ${child.status}: ${child.stderr.toString().slice(0, 500)}`);
  const times = child.stdout.toString().trim().split('\n').map(Number);
  return { seconds: Math.min(...times) };
}

interface StageFigures {
  stage: string;
  allocatedPerByte: number;
  cpuMs: number;
  gcCount: number;
  gcShare: number;
}

/** Allocation, CPU time and GC of each stage of `check(parse(bytes))` (bench/stages.ts), in a fresh process. */
function stageFigures(path: string): { figures: StageFigures[]; table: string[] } {
  const child = spawnSync(process.execPath, ['--expose-gc', '--allow-natives-syntax', STAGES, path, '--json'], { maxBuffer: MB });
  if (child.status !== 0) throw new Error(`stage figures exited ${child.status}: ${child.stderr.toString().slice(0, 500)}`);
  return JSON.parse(child.stdout.toString()) as { figures: StageFigures[]; table: string[] };
}

function countForms(path: string): number {
  const child = spawnSync(process.execPath, [CLI, 'parse', path, '--format', 'ndjson'], { maxBuffer: 2048 * MB });
  const text = child.stdout.toString();
  let forms = 0;
  for (const line of text.split('\n')) if (line) forms += (JSON.parse(line) as { forms: unknown[] }).forms.length;
  return forms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Cold start, runs interleaved so that a burst of load hits both alike: best and median of each. */
function coldStart(file: string, runs: number): { jixiao: number; node: number; jixiaoMedian: number; nodeMedian: number } {
  const jixiao: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(timed(() => spawnSync(process.execPath, ['-e', '0'])).seconds);
    jixiao.push(timed(() => spawnSync(process.execPath, [CLI, 'check', file], { stdio: 'ignore' })).seconds);
  }
  return { jixiao: Math.min(...jixiao), node: Math.min(...node), jixiaoMedian: median(jixiao), nodeMedian: median(node) };
}

/**
 * What two cores give this work, whatever jixiao does with threads: the
 * batch's files in one `jixiao check --jobs 1` process, against its two halves
 * in two such processes at once (2.0× on a machine whose cores share
 * nothing). The ceiling for `--jobs 2`.
 */
function twoProcesses(files: readonly string[], runs: number): number {
  const quote = (part: string) => `'${part.replace(/'/g, `'\\''`)}'`;
  const command = (paths: readonly string[]) =>
    [process.execPath, CLI, 'check', ...paths, '--format', 'ndjson', '--jobs', '1', '-q', '--fail-on', 'never'].map(quote).join(' ') + ' > /dev/null';
  const half = Math.ceil(files.length / 2);
  const one = best(runs, () => timed(() => spawnSync('/bin/sh', ['-c', command(files)]))).seconds;
  const two = best(runs, () => timed(() => spawnSync('/bin/sh', ['-c', `${command(files.slice(0, half))} & ${command(files.slice(half))} & wait`]))).seconds;
  return one / two;
}

interface Target {
  name: string;
  /** The measured figure and what it must be, in the same unit. */
  value: number;
  bound: number;
  /** `min`: the figure must reach the bound; `max`: it must stay at or under (below, for peak RSS). */
  kind: 'min' | 'max';
  unit: string;
  met: boolean;
  /** How far from the bound, as a fraction of it: positive when met with room, negative when missed. */
  margin: number;
}

function target(name: string, value: number, kind: 'min' | 'max', bound: number, unit: string, strict = false): Target {
  const met = kind === 'min' ? value >= bound : strict ? value < bound : value <= bound;
  const margin = kind === 'min' ? value / bound - 1 : 1 - value / bound;
  return { name, value, bound, kind, unit, met, margin };
}

function machine() {
  const cores = cpus();
  return { cpu: cores[0]?.model.trim() ?? 'unknown', cores: cores.length, memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10, node: process.version };
}

const loadAverage = () => loadavg().map((n) => Math.round(n * 100) / 100);

function main(): void {
  const startedAt = new Date().toISOString();
  const loadBefore = loadAverage();
  mkdirSync(CORPUS, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  const pieces = corpusPieces(join(ROOT, 'samples'));
  const small = join(CORPUS, `corpus-${SIZES.small}mb.txt`);
  const large = join(CORPUS, `corpus-${SIZES.large}mb.txt`);
  const batch = join(CORPUS, `batch-${SIZES.files}`);
  const one = join(CORPUS, 'one-form.txt');
  const distinct = join(CORPUS, `distinct-${SIZES.small}mb.txt`);
  writeCorpus(small, SIZES.small * MB, pieces);
  writeDistinctCorpus(distinct, SIZES.small * MB);
  writeCorpus(large, SIZES.large * MB, pieces);
  writeBatch(batch, SIZES.files, pieces);
  writeFileSync(one, pieces.find((p) => p.includes('项目名称'))!);
  const smallMb = statSync(small).size / MB;
  const largeMb = statSync(large).size / MB;
  const files = readdirSync(batch).filter((f) => f.endsWith('.txt'));
  const batchMb = files.reduce((n, f) => n + statSync(join(batch, f)).size, 0) / MB;
  const S = `${SIZES.small} MB`;
  const L = `${SIZES.large} MB`;
  const N = `${files.length.toLocaleString('en').replace(',', ' ')} files`;

  const log = (text: string) => process.stderr.write(text + '\n');
  log(`${QUICK ? 'quick run; ' : ''}corpus: ${smallMb.toFixed(1)} MB, ${largeMb.toFixed(1)} MB, ${files.length} files (${batchMb.toFixed(1)} MB); load average ${loadBefore.join(' ')}`);
  const smallForms = countForms(small);
  const largeForms = Math.round((smallForms * largeMb) / smallMb);

  // The two sides of each ratio are timed in turn, round after round, so that a slow spell of the machine falls on
  // both rather than on one: a single run of each moved a ratio by a third here.
  log(`bare split; papaparse and library check(parse(bytes)) in turn (${S}) …`);
  const split = best(RUNS.tight, () => timed(() => bareSplit(small)));
  const [papa, library] = inTurn(
    RUNS.tight,
    () => timed(() => papaSplit(small)),
    () => libraryCheck(small, RUNS.tight),
  );
  log(`allocation and CPU time by stage (${S}) …`);
  const stages = stageFigures(small);
  log(`papaparse and library check(parse(bytes)) in turn, allocation by stage (${S} of distinct forms) …`);
  const distinctMb = statSync(distinct).size / MB;
  const [papaDistinct, libraryDistinct] = inTurn(
    RUNS.tight,
    () => timed(() => papaSplit(distinct)),
    () => libraryCheck(distinct, RUNS.tight),
  );
  const stagesDistinct = stageFigures(distinct);
  log(`jixiao parse; generic conversion and jixiao check in turn (${S}) …`);
  const parseSmall = best(RUNS.cli, () => runCli(['parse', small, '--format', 'ndjson', '--jobs', '1']));
  const [generic, checkSmall] = inTurn(
    RUNS.tight,
    () => runScript(GENERIC, [small]),
    () => runCli(['check', small, '--format', 'ndjson', '--jobs', '1']),
  );
  log(`jixiao check (${L}) …`);
  const checkLarge = runCli(['check', large, '--format', 'ndjson', '--jobs', '1']);
  log(`${N}, --jobs 1 and --jobs 2 …`);
  const pattern = join(batch, '*.txt');
  const jobs1 = best(RUNS.cli, () => runCli(['check', pattern, '--format', 'ndjson', '--jobs', '1', '-q']));
  const jobs2 = best(RUNS.cli, () => runCli(['check', pattern, '--format', 'ndjson', '--jobs', '2', '-q']));
  log(`${N} in one process, and in two at once …`);
  const ceiling = twoProcesses(files.map((f) => join(batch, f)).sort(), RUNS.cli);
  log(`cold start (best of ${RUNS.cold}) …`);
  const cold = coldStart(one, RUNS.cold);
  log(`generated templates (${TEMPLATE_FORMS} forms), per trait …`);
  const traits = runTraitBench(TEMPLATE_FORMS);
  const loadAfter = loadAverage();

  const rate = (mb: number, s: number) => mb / s;
  const mbps = (mb: number, s: number) => `${rate(mb, s).toFixed(1)} MB/s`;
  const rss = (run: Run) => `${(run.peakRss / MB).toFixed(0)} MB`;
  const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
  const rows: [string, string, string, string][] = [
    [`bare split (read + decode + split), ${S}`, mbps(smallMb, split.seconds), '', ''],
    [`papaparse, ${S}`, mbps(smallMb, papa.seconds), '', ''],
    [`generic: papaparse → NDJSON, ${S}`, mbps(smallMb, generic.seconds), `${generic.seconds.toFixed(2)} s`, rss(generic)],
    [`library check(parse(bytes)), ${S}`, mbps(smallMb, library.seconds), `${Math.round(smallForms / library.seconds)} forms/s`, ''],
    [`papaparse, ${S} of distinct forms`, mbps(distinctMb, papaDistinct.seconds), '', ''],
    [`library check(parse(bytes)), ${S} of distinct forms`, mbps(distinctMb, libraryDistinct.seconds), '', ''],
    [`jixiao parse --format ndjson, ${S}`, mbps(smallMb, parseSmall.seconds), `${Math.round(smallForms / parseSmall.seconds)} forms/s`, rss(parseSmall)],
    [`jixiao check --format ndjson, ${S}`, mbps(smallMb, checkSmall.seconds), `${Math.round(smallForms / checkSmall.seconds)} forms/s`, rss(checkSmall)],
    [`jixiao check --format ndjson, ${L}`, mbps(largeMb, checkLarge.seconds), `${Math.round(largeForms / checkLarge.seconds)} forms/s`, rss(checkLarge)],
    [`${N}, --jobs 1`, mbps(batchMb, jobs1.seconds), `${jobs1.seconds.toFixed(2)} s`, rss(jobs1)],
    [`${N}, --jobs 2`, mbps(batchMb, jobs2.seconds), `${jobs2.seconds.toFixed(2)} s`, rss(jobs2)],
    [`${N}, two processes at once / one`, '', `${ceiling.toFixed(2)}× (ceiling of --jobs 2)`, ''],
    ['cold start: node -e 0', '', `${ms(cold.node)} (median ${ms(cold.nodeMedian)})`, ''],
    ['cold start: jixiao check, one form', '', `${ms(cold.jixiao)} (median ${ms(cold.jixiaoMedian)})`, ''],
  ];
  const targets: Target[] = [
    target(`library parse + check / papaparse (${S})`, papa.seconds / library.seconds, 'min', 0.5, '×'),
    target(`jixiao check --format ndjson / generic conversion (${S})`, generic.seconds / checkSmall.seconds, 'min', 0.4, '×'),
    target(`${L} / ${S} throughput (jixiao check)`, rate(largeMb, checkLarge.seconds) / rate(smallMb, checkSmall.seconds), 'min', 0.9, '×'),
    target(`bytes allocated per input byte, parse + check (${S})`, stages.figures.find((f) => f.stage === 'total')!.allocatedPerByte, 'max', 64, 'B/B'),
    target(`library parse + check / papaparse (${S} of distinct forms)`, papaDistinct.seconds / libraryDistinct.seconds, 'min', 0.2, '×'),
    target(`bytes allocated per input byte (${S} of distinct forms)`, stagesDistinct.figures.find((f) => f.stage === 'total')!.allocatedPerByte, 'max', 64, 'B/B'),
    target(`${L} peak RSS`, checkLarge.peakRss / MB, 'max', 300, 'MB', true),
    target(`--jobs 2 / --jobs 1 speed (${N})`, jobs1.seconds / jobs2.seconds, 'min', 1.7, '×'),
    target('cold start jixiao check / node -e 0', cold.jixiao / cold.node, 'max', 2.5, '×'),
  ];

  const host = machine();
  const widths = [46, 12, 28, 9];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(['measure', 'throughput', 'rate / time', 'peak RSS']));
  for (const row of rows) console.log(line(row));
  console.log('');
  console.log(`library check(parse(bytes)) by stage, ${S} (bytes allocated per input byte, process CPU time, GC pauses and their share of the stage's time):`);
  for (const text of stages.table) console.log(`  ${text}`);
  console.log(`the same on ${S} of distinct forms (generated, no two alike):`);
  for (const text of stagesDistinct.table) console.log(`  ${text}`);
  console.log('');
  console.log('targets:');
  const figure = (t: Target, n: number) => (t.unit === 'MB' ? `${n.toFixed(0)} MB` : t.unit === 'B/B' ? `${n.toFixed(0)} B/B` : `${n.toFixed(2)}×`);
  for (const t of targets) {
    const relation = t.kind === 'min' ? '≥' : t.unit === 'MB' ? '<' : '≤';
    const how = `${t.met ? 'met' : 'NOT met'}, ${Math.abs(t.margin * 100).toFixed(0)} % ${t.margin >= 0 ? 'to spare' : 'short'}`;
    console.log(`  ${t.name.padEnd(56)} ${figure(t, t.value).padStart(7)}  (${relation} ${figure(t, t.bound)})  ${how}`);
  }
  console.log('');
  const all = traits.tallies.get('all')!;
  console.log(
    `generated templates: ${traits.forms} forms, ${traits.megabytes.toFixed(1)} MB parsed at ${(traits.megabytes / traits.parseSeconds).toFixed(2)} MB/s; ` +
      `fields right ${((100 * all.right) / all.fields).toFixed(1)} %, silent-wrong ${((100 * all.silent) / all.fields).toFixed(2)} % (bound 0.2 % per trait)`,
  );
  console.log(traitTable(traits));
  console.log('');
  console.log(comboList(traits, 15));
  console.log('');
  console.log(silentList(traits, 10));
  console.log('');
  console.log(`machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, Node ${host.node}`);
  console.log(`load average (1, 5, 15 min): before ${loadBefore.join(' ')}, after ${loadAfter.join(' ')}${QUICK ? '; quick run (smaller corpus)' : ''}`);
  writeFileSync(
    join(RESULTS, 'latest.json'),
    JSON.stringify(
      {
        date: startedAt,
        quick: QUICK,
        machine: host,
        load: { before: loadBefore, after: loadAfter },
        corpus: { smallMb, largeMb, files: files.length, batchMb, smallForms },
        rows,
        stages: stages.figures,
        stagesDistinct: stagesDistinct.figures,
        targets,
        templateTraits: {
          forms: traits.forms,
          megabytes: traits.megabytes,
          parseSeconds: traits.parseSeconds,
          tallies: Object.fromEntries(traits.tallies),
          alone: Object.fromEntries(traits.alone),
          combos: Object.fromEntries(traits.combos),
        },
      },
      null,
      2,
    ) + '\n',
  );
  console.log('written to bench/results/latest.json');
}

main();
