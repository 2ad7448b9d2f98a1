/**
 * What a worker thread of `jixiao --jobs N` costs before its first result:
 * starts the built dist/worker.js several times, one at a time, sends it a
 * one-form export and reports (medians, ms) when the thread was online, when
 * the first output chunk and the end of the file came back, and how long a
 * second file took once the worker was warm.
 *
 *   node scripts/build.mjs && npx esbuild bench/worker-startup.ts --bundle --platform=node \
 *     --format=esm --packages=external --outfile=bench/.out/worker-startup.mjs && node bench/.out/worker-startup.mjs [runs]
 */
import { performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BatchConfig } from '../src/cli/batch.js';
import type { WorkerReply, WorkerRequest } from '../src/cli/pool.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const WORKER = join(ROOT, 'dist', 'worker.js');
const ONE_FORM = join(ROOT, 'test', 'fixtures', 'cli', '2024', 'one-form-utf16.txt');
const CONFIG: BatchConfig = { command: 'check', format: 'json', pretty: false, encoding: null, profile: null };

interface Timing {
  online: number;
  firstChunk: number;
  firstDone: number;
  warmFile: number;
}

function once(worker: Worker, index: number, kind: WorkerReply['kind']): Promise<void> {
  return new Promise((done, fail) => {
    const listen = (reply: WorkerReply) => {
      if (reply.index !== index || reply.kind !== kind) return;
      worker.off('message', listen);
      done();
    };
    worker.on('message', listen);
    worker.once('error', fail);
  });
}

async function startOnce(): Promise<Timing> {
  const started = performance.now();
  const worker = new Worker(WORKER, { workerData: CONFIG });
  let online = 0;
  worker.once('online', () => (online = performance.now() - started));
  const send = (index: number) => worker.postMessage({ kind: 'task', index, task: { path: ONE_FORM, label: ONE_FORM } } satisfies WorkerRequest);
  const firstChunk = once(worker, 0, 'chunk').then(() => performance.now() - started);
  const firstDone = once(worker, 0, 'done').then(() => performance.now() - started);
  send(0);
  const timing = { online: 0, firstChunk: await firstChunk, firstDone: await firstDone, warmFile: 0 };
  const warmStart = performance.now();
  const warm = once(worker, 1, 'done');
  send(1);
  await warm;
  timing.warmFile = performance.now() - warmStart;
  timing.online = online;
  await worker.terminate();
  return timing;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const runs = Number(process.argv[2] ?? 7);
const timings: Timing[] = [];
for (let i = 0; i < runs; i++) timings.push(await startOnce());
const row = (key: keyof Timing) => `${key.padEnd(11)} ${median(timings.map((t) => t[key])).toFixed(0).padStart(5)} ms   (${timings.map((t) => t[key].toFixed(0)).join(' ')})`;
console.log(`worker start-up, ${runs} runs, median (all runs):`);
for (const key of ['online', 'firstChunk', 'firstDone', 'warmFile'] as const) console.log('  ' + row(key));
