/**
 * Runs a batch over worker threads and hands the results back in input order,
 * whatever order the workers finish in. A worker that dies fails the files it
 * held and is replaced; the batch goes on.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createProcessor, failedResult, type BatchConfig, type Task, type TaskResult } from './batch.js';

export interface RunOptions {
  jobs: number;
  /** The built worker script (dist/worker.js); without it the batch runs in this thread. */
  workerUrl: URL | null;
  /** Called once per task, in input order; the next result waits for the promise. */
  deliver: (index: number, result: TaskResult) => void | Promise<void>;
}

export interface WorkerRequest {
  index: number;
  task: Task;
}

export interface WorkerReply {
  index: number;
  result: TaskResult;
}

/** Tasks sent to one worker ahead of its current one, so that it never waits for the main thread. */
const AHEAD_PER_WORKER = 2;
/** Results held for ordering at most this many per worker: memory stays bounded behind a slow file. */
const WINDOW_PER_WORKER = 8;

export async function runTasks(tasks: readonly Task[], config: BatchConfig, options: RunOptions): Promise<void> {
  const workers = Math.min(options.jobs, tasks.length);
  const script = options.workerUrl && existsSync(fileURLToPath(options.workerUrl)) ? options.workerUrl : null;
  if (workers <= 1 || script === null) return runHere(tasks, config, options.deliver);
  return runInWorkers(tasks, config, workers, script, options.deliver);
}

async function runHere(tasks: readonly Task[], config: BatchConfig, deliver: RunOptions['deliver']): Promise<void> {
  const processTask = createProcessor(config);
  for (let i = 0; i < tasks.length; i++) await deliver(i, await processTask(tasks[i]));
}

function runInWorkers(tasks: readonly Task[], config: BatchConfig, count: number, script: URL, deliver: RunOptions['deliver']): Promise<void> {
  return new Promise((resolveAll, rejectAll) => {
    const finished = new Map<number, TaskResult>();
    const inFlight = new Map<Worker, Set<number>>();
    let nextToSend = 0;
    let nextToDeliver = 0;
    let delivering = Promise.resolve();

    const feed = (worker: Worker) => {
      const held = inFlight.get(worker);
      while (held && held.size < AHEAD_PER_WORKER && nextToSend < tasks.length && nextToSend < nextToDeliver + count * WINDOW_PER_WORKER) {
        const index = nextToSend++;
        held.add(index);
        worker.postMessage({ index, task: tasks[index] } satisfies WorkerRequest);
      }
    };
    const stopAll = () => {
      for (const worker of inFlight.keys()) void worker.terminate();
      inFlight.clear();
    };
    const flush = () => {
      delivering = delivering
        .then(async () => {
          while (finished.has(nextToDeliver)) {
            const result = finished.get(nextToDeliver)!;
            finished.delete(nextToDeliver);
            await deliver(nextToDeliver, result);
            nextToDeliver++;
          }
          for (const worker of inFlight.keys()) feed(worker);
          if (nextToDeliver === tasks.length) {
            stopAll();
            resolveAll();
          }
        })
        .catch((error: unknown) => {
          stopAll();
          rejectAll(error);
        });
    };
    const accept = (index: number, result: TaskResult) => {
      finished.set(index, result);
      flush();
    };
    const lose = (worker: Worker, why: string) => {
      const held = inFlight.get(worker);
      if (!held) return;
      inFlight.delete(worker);
      void worker.terminate();
      for (const index of held) accept(index, failedResult(tasks[index], `internal error: worker stopped (${why})`, config));
      if (nextToSend < tasks.length) spawn();
    };
    const spawn = () => {
      const worker = new Worker(script, { workerData: config });
      inFlight.set(worker, new Set());
      worker.on('message', (reply: WorkerReply) => {
        inFlight.get(worker)?.delete(reply.index);
        accept(reply.index, reply.result);
        feed(worker);
      });
      worker.on('error', (error) => lose(worker, error.message));
      worker.on('exit', (code) => lose(worker, `exit code ${code}`));
      feed(worker);
    };

    for (let i = 0; i < count; i++) spawn();
  });
}
