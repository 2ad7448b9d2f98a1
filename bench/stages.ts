/**
 * Allocation and CPU time of each stage of `check(parse(bytes))`, on one
 * corpus file: decode, block split, lex + rows, forms, layout, normalize, assembly of
 * the document, check. Wall time means little on a shared machine, so this
 * reports what load does not change: bytes allocated per input byte (V8's
 * sampling heap profiler, objects collected by minor and major GCs counted),
 * process CPU time, and the collector's pauses (count and share of the
 * stage's time, GC pauses against the stage's wall time as both are measured
 * in the same moments).
 *
 * Bundled with the bench (`npm run bench`) and run by bench/run.ts as
 * `node --expose-gc --allow-natives-syntax bench/.out/stages.mjs FILE [--json | --functions STAGE]`;
 * it prints a table, with `--functions STAGE` also the functions that
 * allocate most in that stage, or with `--json` one JSON object. With
 * `--timing N` it prints instead each stage's wall time, the fastest of N
 * runs after one that warms the code up, without the heap profiler and with
 * the wrappers optimised as any other code (no flag needed): the figure to
 * compare two builds' stages by, run in turn. The stages are called here one by one in
 * the order src/api/pipeline.ts calls them, each through a wrapper whose name
 * the heap profile's stacks carry, so an allocation counts for the outermost
 * stage it was made in. A wrapper the optimiser inlined into its caller would
 * leave no frame of its own, and its stage's allocations would count for none:
 * the wrappers are therefore marked never to be optimised (V8's
 * `%NeverOptimizeFunction`, hence `--allow-natives-syntax`), which also keeps
 * them from being inlined; the functions they call are optimised as usual.
 * The total is every byte allocated while the pipeline ran, attributed or not.
 */
import { readFileSync, statSync } from 'node:fs';
import { Session } from 'node:inspector';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { check } from '../src/check/check.js';
import type { Diagnostic, Document, Form } from '../src/contract/schema.js';
import { capDiagnostics } from '../src/catalogue/diagnostic-list.js';
import { formBlocks, type Block } from '../src/parse/blocks.js';
import { decode } from '../src/parse/decode.js';
import { buildForms, type FormsResult } from '../src/parse/forms.js';
import { collapseUnplaced } from '../src/parse/ledger.js';
import { lex } from '../src/parse/lex.js';
import { buildRows, type RowsResult } from '../src/parse/rows.js';
import { lineIndex } from '../src/parse/text.js';
import { layoutForm, type LaidForm } from '../src/layout/form.js';
import { normalizeForm } from '../src/normalize/normalize.js';

const STAGES = ['decode', 'blocks', 'lex+rows', 'forms', 'layout', 'normalize', 'assemble', 'check'] as const;
type Stage = (typeof STAGES)[number];

/** The wrapper each stage runs in: its name is how a heap sample finds its stage. */
const WRAPPERS: Record<string, Stage> = {
  stageDecode: 'decode',
  stageBlocks: 'blocks',
  stageLexRows: 'lex+rows',
  stageForms: 'forms',
  stageLayout: 'layout',
  stageNormalize: 'normalize',
  stageAssemble: 'assemble',
  stageCheck: 'check',
};

interface Interval {
  stage: Stage;
  from: number;
  to: number;
}

const intervals: Interval[] = [];
const cpu = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
const wall = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;

/** Runs `work` as `stage`: its CPU time (µs, all threads of the process) and wall interval recorded. */
function timedStage<T>(stage: Stage, work: () => T): T {
  const cpuBefore = process.cpuUsage();
  const from = performance.now();
  const result = work();
  const to = performance.now();
  const used = process.cpuUsage(cpuBefore);
  cpu[stage] += used.user + used.system;
  wall[stage] += to - from;
  const last = intervals[intervals.length - 1];
  if (last && last.stage === stage && from - last.to < 0.05) last.to = to;
  else intervals.push({ stage, from, to });
  return result;
}

/** The size of the decoded text on the heap: a byte a code unit when every unit fits in one, else two. */
let decodedTextBytes = 0;

function stageDecode(bytes: Uint8Array): string {
  const decoded = decode(bytes, {});
  if (!decoded.ok) throw new Error(decoded.message);
  decodedTextBytes = decoded.text.length * (/[^\u0000-\u00ff]/.test(decoded.text) ? 2 : 1);
  return decoded.text;
}
const stageBlocks = (text: string) => formBlocks(text);
function stageLexRows({ text, firstLine, unscannable }: Block): { rows: RowsResult; overflows: number } {
  const lines = lineIndex(text, firstLine);
  // The block's list of the lines no scan reads, as src/api/pipeline.ts passes it.
  const { chunks, overflows } = lex(text, { unscannable });
  return { rows: buildRows(text, chunks, lines), overflows: overflows.length };
}
const stageForms = (rows: RowsResult, file: string): FormsResult => buildForms(rows.rows, file, 'utf-8');
const stageLayout = (forms: FormsResult): LaidForm[] => forms.forms.map(layoutForm);
const stageNormalize = (laid: LaidForm[]): Form[] => laid.map(normalizeForm);
function stageAssemble(document: Document, rows: RowsResult, forms: FormsResult, normalized: Form[], file: string): void {
  const withFile = (d: Diagnostic) => ({ ...d, file });
  for (const d of capDiagnostics(collapseUnplaced([...rows.diagnostics, ...forms.diagnostics]))) document.diagnostics.push(withFile(d));
  for (const form of normalized) document.forms.push({ ...form, diagnostics: capDiagnostics(collapseUnplaced(form.diagnostics)).map(withFile) });
}
const stageCheck = (document: Document): Document => check(document);

/** Marks each stage wrapper never to be optimised, so that none is inlined and each keeps its frame in the heap profile's stacks. */
function keepWrapperFrames(): void {
  let neverOptimize: (f: unknown) => void;
  try {
    neverOptimize = new Function('f', '%NeverOptimizeFunction(f)') as (f: unknown) => void;
  } catch {
    throw new Error('run as node --expose-gc --allow-natives-syntax bench/.out/stages.mjs FILE: without it the stages cannot be told apart');
  }
  for (const wrapper of [stageDecode, stageBlocks, stageLexRows, stageForms, stageLayout, stageNormalize, stageAssemble, stageCheck]) neverOptimize(wrapper);
}

/** The pipeline of src/api/pipeline.ts, stage by stage. */
function pipeline(bytes: Uint8Array, file: string): Document {
  const text = timedStage('decode', () => stageDecode(bytes));
  const document: Document = { forms: [], diagnostics: [] };
  for (const block of timedStage('blocks', () => stageBlocks(text))) {
    const { rows } = timedStage('lex+rows', () => stageLexRows(block));
    const forms = timedStage('forms', () => stageForms(rows, file));
    const laid = timedStage('layout', () => stageLayout(forms));
    const normalized = timedStage('normalize', () => stageNormalize(laid));
    timedStage('assemble', () => stageAssemble(document, rows, forms, normalized, file));
  }
  return timedStage('check', () => stageCheck(document));
}

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

/** Bytes allocated per stage: each node's sampled size counted for the outermost stage wrapper on its stack. */
function allocationByStage(root: ProfileNode): Record<Stage | 'other', number> {
  const bytes = Object.fromEntries([...STAGES, 'other'].map((s) => [s, 0])) as Record<Stage | 'other', number>;
  const walk = (node: ProfileNode, stage: Stage | null) => {
    const here = stage ?? WRAPPERS[node.callFrame.functionName] ?? null;
    bytes[here ?? 'other'] += node.selfSize;
    for (const child of node.children) walk(child, here);
  };
  walk(root, null);
  return bytes;
}

/** The functions that allocate most within `stage`, by their own allocations (bytes), largest first. */
function topAllocators(root: ProfileNode, stage: Stage, count: number): [string, number][] {
  const bytes = new Map<string, number>();
  const nameOf = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}`;
  // A library's allocations (decimal.js, chevrotain) count for the project's function that called it.
  const walk = (node: ProfileNode, inStage: boolean, caller: string) => {
    const here = inStage || WRAPPERS[node.callFrame.functionName] === stage;
    const name = node.callFrame.url.includes('node_modules') ? `${caller} → ${node.callFrame.url.split('node_modules/')[1]?.split('/')[0]}` : nameOf(node);
    if (here && node.selfSize > 0) bytes.set(name, (bytes.get(name) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, here, node.callFrame.url.includes('node_modules') ? caller : nameOf(node));
  };
  walk(root, false, '');
  return [...bytes].sort((a, b) => b[1] - a[1]).slice(0, count);
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
}

interface StageFigures {
  /** `other`: allocated while the pipeline ran, under no stage's frame (between stages). */
  stage: Stage | 'other' | 'total';
  /** Bytes allocated per input byte. */
  allocatedPerByte: number;
  cpuMs: number;
  gcCount: number;
  /** GC pause time over the stage's wall time. */
  gcShare: number;
}

/** Each stage's wall time (ms), the fastest of `runs` runs after a first that warms the code up. */
function stageTimes(file: string, runs: number): Record<Stage | 'total', number> {
  const bytes = readFileSync(file);
  const best = Object.fromEntries([...STAGES, 'total'].map((s) => [s, Infinity])) as Record<Stage | 'total', number>;
  for (let run = 0; run <= runs; run++) {
    for (const stage of STAGES) wall[stage] = 0;
    intervals.length = 0;
    const started = performance.now();
    pipeline(bytes, file);
    const total = performance.now() - started;
    if (run === 0) continue;
    for (const stage of STAGES) best[stage] = Math.min(best[stage], wall[stage]);
    best.total = Math.min(best.total, total);
  }
  return best;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  const timing = process.argv.indexOf('--timing');
  if (timing > 0) {
    const times = stageTimes(file, Number(process.argv[timing + 1] ?? 5));
    console.log(Object.entries(times).map(([stage, ms]) => `${stage} ${ms.toFixed(0)} ms`).join('  '));
    return;
  }
  keepWrapperFrames();
  const bytes = readFileSync(file);
  const inputBytes = statSync(file).size;
  const gcs: { at: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcs.push({ at: entry.startTime, duration: entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const session = new Session();
  session.connect();
  await post(session, 'HeapProfiler.enable');
  globalThis.gc?.();
  await post(session, 'HeapProfiler.startSampling', { samplingInterval: 16 * 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const document = pipeline(bytes, file);
  const { profile } = await post<{ profile: { head: ProfileNode } }>(session, 'HeapProfiler.stopSampling');
  if (document.forms.length === 0) throw new Error(`no form in ${file}`);
  // The observer hears of collections a little after they happen.
  await new Promise((resolve) => setTimeout(resolve, 200));
  observer.disconnect();

  const allocated = allocationByStage(profile.head);
  // Node 20's streaming UTF-8 decoder makes its text where the sampler does not see it: the text counts by its size.
  allocated.decode = Math.max(allocated.decode, decodedTextBytes);
  const gcIn = (stage: Stage) => gcs.filter((g) => intervals.some((i) => i.stage === stage && g.at >= i.from && g.at < i.to));
  const figures: StageFigures[] = STAGES.map((stage) => {
    const mine = gcIn(stage);
    return {
      stage,
      allocatedPerByte: allocated[stage] / inputBytes,
      cpuMs: cpu[stage] / 1000,
      gcCount: mine.length,
      gcShare: mine.reduce((n, g) => n + g.duration, 0) / Math.max(wall[stage], 1e-9),
    };
  });
  figures.push({ stage: 'other', allocatedPerByte: allocated.other / inputBytes, cpuMs: 0, gcCount: 0, gcShare: 0 });
  const totalWall = STAGES.reduce((n, s) => n + wall[s], 0);
  const inStages = gcs.filter((g) => intervals.some((i) => g.at >= i.from && g.at < i.to));
  figures.push({
    stage: 'total',
    allocatedPerByte: (STAGES.reduce((n, s) => n + allocated[s], 0) + allocated.other) / inputBytes,
    cpuMs: STAGES.reduce((n, s) => n + cpu[s], 0) / 1000,
    gcCount: inStages.length,
    gcShare: inStages.reduce((n, g) => n + g.duration, 0) / totalWall,
  });
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ inputBytes, forms: document.forms.length, figures, table: stageTable(figures) }));
    return;
  }
  console.log(`${file}: ${(inputBytes / 1024 / 1024).toFixed(1)} MB, ${document.forms.length} forms`);
  for (const line of stageTable(figures)) console.log(line);
  const detail = process.argv.indexOf('--functions');
  if (detail > 0) {
    const stage = process.argv[detail + 1] as Stage;
    console.log(`\nallocating most in ${stage} (bytes per input byte):`);
    for (const [name, n] of topAllocators(profile.head, stage, 15)) console.log(`  ${(n / inputBytes).toFixed(2).padStart(7)}  ${name}`);
  }
}

function stageTable(figures: readonly StageFigures[]): string[] {
  const lines = [`${'stage'.padEnd(10)} ${'B alloc/B in'.padStart(12)} ${'CPU ms'.padStart(9)} ${'GCs'.padStart(5)} ${'GC share'.padStart(9)}`];
  for (const f of figures) {
    lines.push(`${f.stage.padEnd(10)} ${f.allocatedPerByte.toFixed(1).padStart(12)} ${f.cpuMs.toFixed(0).padStart(9)} ${String(f.gcCount).padStart(5)} ${`${(f.gcShare * 100).toFixed(0)} %`.padStart(9)}`);
  }
  return lines;
}

await main();
