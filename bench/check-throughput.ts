/**
 * Throughput of the checker stage alone: `check(document)` on documents parsed
 * beforehand (parsing is not timed). Two inputs: the seed export repeated to
 * about 2 MB, and about 2 MB of the benchmark corpus (samples and messy
 * rendered forms). Reports the best of several runs, each on a fresh parse, in
 * ms (wall and process CPU) and µs per indicator. Run from the repository root:
 *
 *   npx esbuild --bundle --platform=node --format=esm bench/check-throughput.ts --outfile=/tmp/check-bench.mjs
 *   node /tmp/check-bench.mjs [--runs N] [--only seed|mixed] [--digest [--dump DIR]]
 *
 * `--digest` also prints a SHA-256 of the checked output of a wide corpus
 * (every sample, the messy corpus, mutated and figure-scrambled seeds) under
 * every built-in profile and a set of overlays that flip each profile choice.
 * Two checkers built with the same parser give the same output exactly when
 * the digests match; `--dump DIR` writes the outputs (about 1 GB), one NDJSON file per
 * profile, to find where they differ.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import type { Document } from '../src/contract/schema.js';
import { mutate, mutationsArb } from '../test/support/mutate.js';
import { corpusPieces } from './corpus.js';
import { Random } from '../test/support/template-gen.js';

/** Run from the repository root: the bundle may live anywhere. */
const ROOT = resolve(process.cwd());
const SAMPLES = join(ROOT, 'samples');
const SEED = join(SAMPLES, '000_16052ebbc3505be3.txt');
const MB = 1024 * 1024;

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

function repeatedTo(pieces: readonly string[], bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const piece = pieces[i % pieces.length];
    parts.push(piece);
    size += Buffer.byteLength(piece);
  }
  return parts.join('');
}

function indicatorCount(document: Document): number {
  return document.forms.reduce((n, form) => n + (form.indicators?.length ?? 0), 0);
}

/**
 * Each run checks a document of its own, parsed just before (and dropped
 * after, so that the heap holds one document as in a real run): checking one
 * document again would find every string already hashed and every figure
 * already seen, which a real run never does. Wall time and process CPU time
 * are both kept.
 */
function bestOf(text: string, label: string, runs: number): { wall: number; cpu: number; medianWall: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let run = 0; run < runs; run++) {
    const document = parse(text, { file: label });
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    check(document);
    walls.push(Number(process.hrtime.bigint() - started) / 1e6);
    const cpu = process.cpuUsage(cpuBefore);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  walls.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  return { wall: walls[0], cpu: cpus[0], medianWall: walls[Math.floor(walls.length / 2)] };
}

function measure(label: string, text: string, runs: number): void {
  const document = parse(text, { file: label });
  const indicators = indicatorCount(document);
  check(document); // warm-up
  const { wall, cpu, medianWall } = bestOf(text, label, runs);
  const mb = Buffer.byteLength(text) / MB;
  console.log(
    `${label.padEnd(13)} ${mb.toFixed(2)} MB ${String(document.forms.length).padStart(5)} forms ${String(indicators).padStart(6)} indicators  ` +
      `best ${wall.toFixed(1).padStart(6)} ms (cpu ${cpu.toFixed(1).padStart(6)} ms, median ${medianWall.toFixed(1).padStart(6)} ms)  ` +
      `${((wall * 1000) / indicators).toFixed(2).padStart(6)} µs/indicator  ${(mb / (wall / 1000)).toFixed(0).padStart(4)} MB/s`,
  );
}

// ---------------------------------------------------------------------------
// Output digest

/** A seeded generator (template-gen's mulberry32): the same numbers on every run. */
function generator(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

/** A random decimal string: small and large (beyond the checker's 64 digits), long fractions, zeros and negatives. */
function randomFigure(next: () => number): string {
  const pick = next();
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  if (pick < 0.1) return '0';
  if (pick < 0.2) return String(Math.floor(next() * 101));
  if (pick < 0.3) return `-${Math.floor(next() * 20)}`;
  if (pick < 0.35) return `${digits(20 + Math.floor(next() * 60))}.${digits(1 + Math.floor(next() * 40))}`;
  const whole = String(BigInt(digits(1 + Math.floor(next() * 14))));
  const fraction = next() < 0.4 ? '' : `.${digits(1 + Math.floor(next() * 6))}`;
  return whole + fraction;
}

/** The seed with every figure inside a cell replaced by a random one (units, signs and % kept). */
function scrambledFigures(text: string, seed: number): string {
  const next = generator(seed);
  return text.replace(/\d+(\.\d+)?/g, (match) => (next() < 0.6 ? randomFigure(next).replace(/^-/, '') : match));
}

const OVERLAYS: readonly Record<string, unknown>[] = [
  { notApplicable: 'renormalize' },
  { zeroBudget: 'exclude' },
  { zeroBudget: 'error' },
  { reverseRule: 'inverse' },
  { reverseRule: 'linear2x' },
  { rateRounding: 'truncate' },
  { rateRounding: 'round', scoreRounding: 'truncate' },
  { tolerance: '0.5' },
  { scoreDecimals: 0 },
  { scoreDecimals: 4, tolerance: 0.01 },
  { executionCap: false },
  { satisfactionInBenefit: true },
  { satisfactionInBenefit: false, notApplicable: 'renormalize', zeroBudget: 'exclude' },
  { qualitativeBands: { achieved: '0.75', partly: '0.333' }, gradeBands: [85.5, 70, 59.99] },
  { severity: { 'unverifiable-indicator': 'warning', 'indicator-score-mismatch': 'info' } },
];

const PROFILES: readonly (string | Record<string, unknown>)[] = [
  'default',
  'mof2020',
  'mof2021',
  'vendor',
  'hubei',
  ...OVERLAYS.map((overlay, i) => ({ name: `overlay-${i}`, extends: i % 2 === 0 ? 'default' : 'vendor', ...overlay })),
];

function digestCorpus(): Document[] {
  const seed = readFileSync(SEED, 'utf8');
  const samples = readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parse(readFileSync(join(SAMPLES, f)), { file: f }));
  const messy = corpusPieces(SAMPLES).map((text, i) => parse(text, { file: `messy-${i}` }));
  const mutated = fc
    .sample(mutationsArb, { seed: 8, numRuns: 300 })
    .map((mutations, i) => parse(mutate(seed, mutations), { file: `mutated-${i}` }));
  const scrambled = Array.from({ length: 60 }, (_, i) => parse(scrambledFigures(seed, i + 1), { file: `scrambled-${i}` }));
  return [...samples, ...messy, ...mutated, ...scrambled];
}

function printDigest(dump: string | undefined): void {
  const documents = digestCorpus();
  const all = createHash('sha256');
  if (dump !== undefined) mkdirSync(dump, { recursive: true });
  for (const profile of PROFILES) {
    const hash = createHash('sha256');
    const lines: string[] = [];
    for (const document of documents) {
      const json = JSON.stringify(check(document, { profile: profile as never }));
      hash.update(json);
      if (dump !== undefined) lines.push(json);
    }
    const digest = hash.digest('hex');
    if (dump !== undefined) writeFileSync(join(dump, `${typeof profile === 'string' ? profile : profile.name}.ndjson`), lines.join('\n') + '\n');
    all.update(digest);
    console.log(`digest ${typeof profile === 'string' ? profile : profile.name}: ${digest.slice(0, 16)}`);
  }
  console.log(`digest of all ${PROFILES.length} profiles over ${documents.length} documents: ${all.digest('hex')}`);
}

function main(): void {
  const runs = Number(argument('--runs') ?? 7);
  const seed = readFileSync(SEED, 'utf8');
  const only = argument('--only');
  if (only === undefined || only === 'seed') measure('seed × 128', repeatedTo([seed], 2 * MB), runs);
  if (only === undefined || only === 'mixed') measure('mixed corpus', repeatedTo(corpusPieces(SAMPLES), 2 * MB), runs);
  if (process.argv.includes('--digest')) printDigest(argument('--dump'));
}

main();
