/**
 * Runs a batch, in this thread or over worker threads, and hands every file's
 * output on in input order whatever order the workers finish in.
 *
 * Each file's output arrives in chunks as its forms are parsed. The chunks of
 * the file whose turn it is are written at once; those of later files wait,
 * and a worker stops (until written) once it has this many characters waiting
 * (`CREDIT_CHARS`): a large file never exists whole in memory in either
 * thread, however the files are shared out. A worker that dies fails the files
 * it held, their output closed so that it stays well formed, and is replaced;
 * the batch goes on.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchConfig, ChunkPieces, FileOutcome, OutputChunk, Task } from './batch.js';
import { internalError } from '../io/input-file.js';
import { diagnosticMessage } from '../catalogue/messages.js';
import { outputWriter, partsOf, type Channel, type Part, type Pieces } from '../output/writers.js';
import { emptyStats, type FileStats } from './progress.js';

/** Where the output goes. Calls come in input order, one at a time: a file's pieces, then its end. */
export interface Delivery {
  write(index: number, pieces: ChunkPieces): Promise<void>;
  finish(index: number, outcome: FileOutcome): Promise<void>;
}

export interface RunOptions {
  jobs: number;
  /** The built worker script (dist/worker.js); without it the batch runs in this thread. */
  workerUrl: URL | null;
  delivery: Delivery;
}

export type WorkerRequest = { kind: 'task'; index: number; task: Task } | { kind: 'credit'; chars: number };
export type WorkerReply = { kind: 'chunk'; index: number; chunk: OutputChunk } | { kind: 'done'; index: number; outcome: FileOutcome };

/** Tasks sent to one worker ahead of its current one, so that it never waits for the main thread. */
const AHEAD_PER_WORKER = 2;
/** Files read ahead of the one being parsed in this thread (each at most a megabyte; see readingAhead). */
const FILES_READ_AHEAD = 4;
/** Files sent at most this many per worker past the one being written: bounds what waits behind a slow file. */
const WINDOW_PER_WORKER = 8;
/**
 * The heap a worker may use. The pipeline's own caps keep a file far below it
 * (see lex.ts and limits.ts); should one still pass it, that worker stops,
 * its files fail with an `internal-error` and the batch goes on.
 */
export const WORKER_HEAP_MB = 1024;
/** Characters of output a worker may have sent and not yet seen written before it waits. */
export const CREDIT_CHARS = 4 * 1024 * 1024;
/**
 * A worker costs a few hundred milliseconds of start-up (loading the pipeline,
 * building the lexer and parser) before its first form: about what this
 * thread needs for a megabyte or two of input. Workers are started for at
 * most one per this many bytes of input; a batch that would get one worker
 * or none runs in this thread.
 */
export const BYTES_PER_WORKER = 2 * 1024 * 1024;

/** The size of a chunk's pieces: characters of text, bytes of a part already encoded. */
export function chunkChars(pieces: ChunkPieces): number {
  let chars = 0;
  for (const parts of Object.values(pieces)) for (const text of parts ?? []) chars += text.length;
  return chars;
}

/** A writer's pieces as a chunk's. */
function asChunk(pieces: Pieces): ChunkPieces {
  const chunk: Partial<Record<Channel, readonly Part[]>> = {};
  for (const [channel, text] of Object.entries(pieces) as [Channel, string | readonly Part[]][]) chunk[channel] = partsOf(text);
  return chunk;
}

/** How many workers a batch gets: at most `jobs`, one per file, one per `BYTES_PER_WORKER` of input; 1 means this thread. */
export function workerCount(files: number, jobs: number, bytes: number): number {
  return Math.max(1, Math.min(jobs, files, Math.ceil(bytes / BYTES_PER_WORKER)));
}

/** The inputs' total size, counted only until it reaches `enough`: a large batch is not stat'ed file by file. */
async function inputBytes(tasks: readonly Task[], enough: number): Promise<number> {
  const sizeOf = async (task: Task) => task.bytes?.length ?? (await stat(task.path ?? task.spool ?? '').then((info) => info.size, () => 0));
  let total = 0;
  for (let at = 0; at < tasks.length && total < enough; at += 64) {
    for (const size of await Promise.all(tasks.slice(at, at + 64).map(sizeOf))) total += size;
  }
  return total;
}

/** Runs every task; the number of worker threads started (0: the batch ran in this thread). */
export async function runTasks(tasks: readonly Task[], config: BatchConfig, options: RunOptions): Promise<number> {
  const jobs = Math.min(options.jobs, tasks.length);
  const workers = jobs <= 1 ? 1 : workerCount(tasks.length, jobs, await inputBytes(tasks, jobs * BYTES_PER_WORKER));
  const script = options.workerUrl && existsSync(fileURLToPath(options.workerUrl)) ? options.workerUrl : null;
  if (workers <= 1 || script === null) {
    await runHere(tasks, config, options.delivery);
    return 0;
  }
  return runInWorkers(tasks, config, workers, script, options.delivery);
}

async function runHere(tasks: readonly Task[], config: BatchConfig, delivery: Delivery): Promise<void> {
  // Loaded only here: a batch run by workers never loads the pipeline into this thread.
  const { createProcessor, readingAhead } = await import('./batch.js');
  const processTask = createProcessor(config);
  const reading: (Promise<Task> | undefined)[] = [];
  for (let i = 0; i < tasks.length; i++) {
    // The next files are read while this one is parsed.
    for (let next = i; next < Math.min(tasks.length, i + 1 + FILES_READ_AHEAD); next++) reading[next] ??= readingAhead(tasks[next]);
    const task = await reading[i]!;
    reading[i] = undefined;
    const outcome = await processTask(task, ({ pieces }) => (chunkChars(pieces) > 0 ? delivery.write(i, pieces) : undefined));
    await delivery.finish(i, outcome);
  }
}

/** A file sent to a worker and not yet delivered. */
interface Slot {
  /** null: failed without a worker (none could start). */
  worker: Worker | null;
  chunks: OutputChunk[];
  /** The figures of the last chunk received; null before the first. */
  stats: FileStats | null;
  ended: boolean;
  outcome: FileOutcome | null;
}

function runInWorkers(tasks: readonly Task[], config: BatchConfig, count: number, script: URL, delivery: Delivery): Promise<number> {
  return new Promise((resolveAll, rejectAll) => {
    const slots = new Map<number, Slot>();
    const held = new Map<Worker, Set<number>>();
    /** Workers that have replied at least once: one that dies before is not replaced past `count` times. */
    const replied = new WeakSet<Worker>();
    let spawned = 0;
    let nextToSend = 0;
    let nextToDeliver = 0;
    let pumping = false;
    let settled = false;

    const feed = (worker: Worker) => {
      const indexes = held.get(worker);
      while (indexes && indexes.size < AHEAD_PER_WORKER && nextToSend < tasks.length && nextToSend < nextToDeliver + count * WINDOW_PER_WORKER) {
        const index = nextToSend++;
        indexes.add(index);
        slots.set(index, { worker, chunks: [], stats: null, ended: false, outcome: null });
        worker.postMessage({ kind: 'task', index, task: tasks[index] } satisfies WorkerRequest);
      }
    };
    const stopAll = () => {
      settled = true;
      for (const worker of held.keys()) void worker.terminate();
      held.clear();
    };
    /** Writes what can be written in order; one pump at a time, re-checking after every write. */
    const pump = async () => {
      if (pumping || settled) return;
      pumping = true;
      try {
        for (let slot = slots.get(nextToDeliver); slot; slot = slots.get(nextToDeliver)) {
          const chunk = slot.chunks.shift();
          if (chunk) {
            const chars = chunkChars(chunk.pieces);
            if (chars > 0) await delivery.write(nextToDeliver, chunk.pieces);
            if (slot.worker !== null && held.has(slot.worker)) slot.worker.postMessage({ kind: 'credit', chars } satisfies WorkerRequest);
            continue;
          }
          if (!slot.outcome) break;
          await delivery.finish(nextToDeliver, slot.outcome);
          slots.delete(nextToDeliver);
          nextToDeliver++;
          for (const worker of held.keys()) feed(worker);
        }
        if (nextToDeliver === tasks.length) {
          stopAll();
          resolveAll(spawned);
        }
      } catch (error) {
        stopAll();
        rejectAll(error);
      } finally {
        pumping = false;
      }
    };
    const receive = (worker: Worker, reply: WorkerReply) => {
      replied.add(worker);
      const slot = slots.get(reply.index);
      if (!slot || slot.worker !== worker) return;
      if (reply.kind === 'chunk') {
        slot.chunks.push(reply.chunk);
        slot.stats = reply.chunk.stats;
        slot.ended = reply.chunk.final;
      } else {
        slot.outcome = reply.outcome;
        held.get(worker)?.delete(reply.index);
        feed(worker);
      }
      void pump();
    };
    const lose = (worker: Worker, why: string) => {
      const indexes = held.get(worker);
      if (!indexes) return;
      held.delete(worker);
      void worker.terminate();
      for (const index of indexes) {
        const slot = slots.get(index);
        if (slot) abandon(index, slot, `worker stopped (${why})`);
      }
      if (nextToSend < tasks.length) {
        if (replied.has(worker) || spawned < 2 * count) spawn();
        else if (held.size === 0) {
          // No worker starts: the files not yet sent fail rather than wait for one.
          for (; nextToSend < tasks.length; nextToSend++) {
            const slot: Slot = { worker: null, chunks: [], stats: null, ended: false, outcome: null };
            slots.set(nextToSend, slot);
            abandon(nextToSend, slot, `no worker thread could start (${why})`);
          }
        }
      }
      void pump();
    };
    const abandon = (index: number, slot: Slot, why: string) => {
      const end = abandonedFile(tasks[index], config, slot, why);
      if (end.chunk) slot.chunks.push(end.chunk);
      slot.outcome = end.outcome;
    };
    const spawn = () => {
      if (settled) return;
      spawned++;
      const worker = new Worker(script, { workerData: config, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      held.set(worker, new Set());
      worker.on('message', (reply: WorkerReply) => receive(worker, reply));
      worker.on('error', (error) => lose(worker, error.message));
      worker.on('exit', (code) => lose(worker, `exit code ${code}`));
      feed(worker);
    };

    for (let i = 0; i < count; i++) spawn();
  });
}

/**
 * A file whose worker died: what was received stands, then the closing text
 * that keeps the output well formed (its writer resumed after the forms
 * already received) with an `internal-error` diagnostic; the file fails.
 */
function abandonedFile(task: Task, config: BatchConfig, slot: Slot, why: string): { chunk: OutputChunk | null; outcome: FileOutcome } {
  const problem = internalError(task.path, why);
  const stats = slot.stats === null ? emptyStats(task.label) : { ...slot.stats, findings: { ...slot.stats.findings }, diagnostics: { ...slot.stats.diagnostics } };
  stats.failure = diagnosticMessage(problem, config.lang ?? 'en');
  stats.failureCode = problem.code;
  const document = config.format === 'document' ? { document: { forms: [], diagnostics: [problem] } } : {};
  // Its output complete, only the file's end went missing.
  if (slot.ended) return { chunk: null, outcome: { stats, ...document } };
  const writer = outputWriter({ format: config.format, pretty: config.pretty, label: task.label, indent: config.jsonIndent, formsBefore: stats.forms, minSeverity: config.minSeverity ?? null, lang: config.lang, tableLang: config.tableLang, explain: config.explain });
  return { chunk: { pieces: asChunk(writer.end([problem])), stats, final: true }, outcome: { stats, ...document } };
}
