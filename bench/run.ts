/**
 * `npm run bench`: throughput, memory, parallel speed-up and cold start of
 * jixiao against a bare tab split and papaparse, on a corpus it generates.
 * Prints a table and writes bench/results/latest.json. Figures come from one
 * run on one machine: compare ratios, not absolute numbers.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { corpusPieces, writeBatch, writeCorpus } from './corpus.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CORPUS = join(ROOT, 'bench', 'corpus');
const RESULTS = join(ROOT, 'bench', 'results');
const CLI = join(ROOT, 'dist', 'cli.js');
const CHILD = join(ROOT, 'bench', 'child.mjs');
const NODE_FLAGS = ['--max-semi-space-size=64'];
const MB = 1024 * 1024;

interface Run {
  seconds: number;
  peakRss: number;
  status: number | null;
}

/** Runs the CLI in a child process, output discarded, and reads its peak RSS. */
function runCli(args: string[]): Run {
  const rssFile = join(CORPUS, `.rss-${process.pid}`);
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [...NODE_FLAGS, CHILD, CLI, ...args], {
    env: { ...process.env, JIXIAO_BENCH_RSS: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * MB,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRss = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  if (child.status !== 0 && child.status !== 1) throw new Error(`jixiao ${args.join(' ')} exited ${child.status}: ${child.stderr.toString().slice(0, 500)}`);
  return { seconds, peakRss, status: child.status };
}

function best<T extends { seconds: number }>(runs: number, run: () => T): T {
  let chosen: T | null = null;
  for (let i = 0; i < runs; i++) {
    const r = run();
    if (!chosen || r.seconds < chosen.seconds) chosen = r;
  }
  return chosen!;
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

function coldStart(file: string): { jixiao: number; node: number } {
  const jixiao: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < 11; i++) {
    node.push(timed(() => spawnSync(process.execPath, ['-e', '0'])).seconds);
    jixiao.push(timed(() => spawnSync(process.execPath, [CLI, 'parse', file], { stdio: 'ignore' })).seconds);
  }
  return { jixiao: median(jixiao), node: median(node) };
}

function main(): void {
  mkdirSync(CORPUS, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  const pieces = corpusPieces(join(ROOT, 'samples'));
  const small = join(CORPUS, 'corpus-16mb.txt');
  const large = join(CORPUS, 'corpus-128mb.txt');
  const batch = join(CORPUS, 'batch-2000');
  const one = join(CORPUS, 'one-form.txt');
  writeCorpus(small, 16 * MB, pieces);
  writeCorpus(large, 128 * MB, pieces);
  writeBatch(batch, 2000, pieces);
  writeFileSync(one, pieces.find((p) => p.includes('项目名称'))!);
  const smallMb = statSync(small).size / MB;
  const largeMb = statSync(large).size / MB;
  const batchMb = readdirSync(batch).reduce((n, f) => n + statSync(join(batch, f)).size, 0) / MB;

  const log = (text: string) => process.stderr.write(text + '\n');
  log(`corpus: ${smallMb.toFixed(1)} MB, ${largeMb.toFixed(1)} MB, ${readdirSync(batch).length} files (${batchMb.toFixed(1)} MB)`);
  const smallForms = countForms(small);
  const largeForms = Math.round((smallForms * largeMb) / smallMb);
  const batchForms = readdirSync(batch).length * 2;

  log('bare split, papaparse …');
  const split = best(3, () => timed(() => bareSplit(small)));
  const papa = best(3, () => timed(() => papaSplit(small)));
  log('jixiao parse, parse + check (16 MB) …');
  const parse16 = best(2, () => runCli(['parse', small, '--format', 'ndjson', '--jobs', '1']));
  const check16 = best(2, () => runCli(['check', small, '--format', 'ndjson', '--jobs', '1']));
  log('parse + check (128 MB) …');
  const check128 = runCli(['check', large, '--format', 'ndjson', '--jobs', '1']);
  log('batch of 2 000 files, --jobs 1 and --jobs 2 …');
  const jobs1 = best(2, () => runCli(['check', join(batch, '*.txt'), '--format', 'ndjson', '--jobs', '1', '-q']));
  const jobs2 = best(2, () => runCli(['check', join(batch, '*.txt'), '--format', 'ndjson', '--jobs', '2', '-q']));
  log('cold start …');
  const cold = coldStart(one);

  const rate = (mb: number, s: number) => mb / s;
  const rows: [string, string, string, string][] = [
    ['bare split (read + decode + split), 16 MB', `${rate(smallMb, split.seconds).toFixed(1)} MB/s`, '', ''],
    ['papaparse, 16 MB', `${rate(smallMb, papa.seconds).toFixed(1)} MB/s`, '', ''],
    ['jixiao parse, 16 MB', `${rate(smallMb, parse16.seconds).toFixed(1)} MB/s`, `${Math.round(smallForms / parse16.seconds)} forms/s`, `${(parse16.peakRss / MB).toFixed(0)} MB`],
    ['jixiao parse + check, 16 MB', `${rate(smallMb, check16.seconds).toFixed(1)} MB/s`, `${Math.round(smallForms / check16.seconds)} forms/s`, `${(check16.peakRss / MB).toFixed(0)} MB`],
    ['jixiao parse + check, 128 MB', `${rate(largeMb, check128.seconds).toFixed(1)} MB/s`, `${Math.round(largeForms / check128.seconds)} forms/s`, `${(check128.peakRss / MB).toFixed(0)} MB`],
    ['2 000 files, --jobs 1', `${rate(batchMb, jobs1.seconds).toFixed(1)} MB/s`, `${jobs1.seconds.toFixed(2)} s`, `${(jobs1.peakRss / MB).toFixed(0)} MB`],
    ['2 000 files, --jobs 2', `${rate(batchMb, jobs2.seconds).toFixed(1)} MB/s`, `${jobs2.seconds.toFixed(2)} s`, `${(jobs2.peakRss / MB).toFixed(0)} MB`],
    ['cold start: node -e 0', `${(cold.node * 1000).toFixed(0)} ms`, '', ''],
    ['cold start: jixiao parse, one form', `${(cold.jixiao * 1000).toFixed(0)} ms`, '', ''],
  ];
  const targets = {
    'parse+check ≥ 50 % of papaparse (16 MB)': (rate(smallMb, check16.seconds) / rate(smallMb, papa.seconds)) * 100,
    '128 MB ≥ 90 % of 16 MB throughput': (rate(largeMb, check128.seconds) / rate(smallMb, check16.seconds)) * 100,
    '128 MB peak RSS < 300 MB': check128.peakRss / MB,
    '--jobs 2 ≥ 1.7 × --jobs 1': jobs1.seconds / jobs2.seconds,
    'cold start ≤ 3 × node -e 0': cold.jixiao / cold.node,
  };
  const widths = [44, 14, 16, 10];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(['measure', 'throughput', 'rate / time', 'peak RSS']));
  for (const row of rows) console.log(line(row));
  console.log('');
  console.log(`targets: parse+check / papaparse ${targets['parse+check ≥ 50 % of papaparse (16 MB)'].toFixed(0)} % (≥ 50), ` +
    `128 MB / 16 MB ${targets['128 MB ≥ 90 % of 16 MB throughput'].toFixed(0)} % (≥ 90), ` +
    `128 MB peak RSS ${targets['128 MB peak RSS < 300 MB'].toFixed(0)} MB (< 300), ` +
    `jobs 2 / jobs 1 ${targets['--jobs 2 ≥ 1.7 × --jobs 1'].toFixed(2)}× (≥ 1.7), ` +
    `cold start ${targets['cold start ≤ 3 × node -e 0'].toFixed(2)}× node (≤ 3)`);
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 1024 ** 3) };
  writeFileSync(
    join(RESULTS, 'latest.json'),
    JSON.stringify({ date: new Date().toISOString(), machine, corpus: { smallMb, largeMb, batchMb, smallForms }, rows, targets }, null, 2) + '\n',
  );
  console.log(`machine: ${machine.cpu}, ${machine.cpus} cores, Node ${machine.node}; written to bench/results/latest.json`);
}

main();
