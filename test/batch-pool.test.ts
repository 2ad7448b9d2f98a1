/**
 * The batch over worker threads (the built dist/worker.js): files of several
 * megabytes whose output is far more than what a worker may have waiting
 * come out in input order, each file's output whole and the same as in one
 * thread, also behind a slow writer; a worker that cannot start fails its
 * files with well-formed output instead of hanging the batch; and workers are
 * started only for inputs large enough to repay their start-up.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BatchConfig, ChunkPieces, FileOutcome, Task } from '../src/cli/batch.js';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import { BYTES_PER_WORKER, CREDIT_CHARS, runTasks, workerCount, type Delivery } from '../src/cli/pool.js';
import { pieceText } from '../src/output/writers.js';

const ROOT = join(import.meta.dirname, '..');
const WORKER = pathToFileURL(join(ROOT, 'dist', 'worker.js'));
const seed = readFileSync(join(ROOT, 'samples/000_16052ebbc3505be3.txt'));
const scratch = mkdtempSync(join(tmpdir(), 'jixiao-batch-pool-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const config: BatchConfig = { command: 'check', format: 'json', pretty: false, encoding: null, profile: null };

/** The seed repeated to about `megabytes` MB, written to the scratch directory. */
function seedFile(name: string, megabytes: number): string {
  const path = join(scratch, name);
  writeFileSync(path, Buffer.concat(new Array(Math.ceil((megabytes * 1024 * 1024) / seed.length)).fill(seed)));
  return path;
}

interface Recorded {
  events: string[];
  outputs: string[];
  outcomes: FileOutcome[];
  workers: number;
}

/** Runs the tasks and records every call the delivery gets, in order. */
async function run(tasks: Task[], options: { jobs: number; worker: URL | null; config?: BatchConfig; slow?: boolean }): Promise<Recorded> {
  const recorded: Recorded = { events: [], outputs: tasks.map(() => ''), outcomes: [], workers: 0 };
  const delivery: Delivery = {
    async write(index: number, pieces: ChunkPieces) {
      recorded.events.push(`write ${index}`);
      recorded.outputs[index] += pieces.main === undefined ? '' : pieceText(pieces.main);
      if (options.slow && index === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    },
    async finish(index: number, outcome: FileOutcome) {
      recorded.events.push(`finish ${index}`);
      recorded.outcomes[index] = outcome;
    },
  };
  recorded.workers = await runTasks(tasks, options.config ?? config, { jobs: options.jobs, workerUrl: options.worker, delivery });
  return recorded;
}

/** The delivery calls in input order: each file's writes, then its end, then the next file's. */
function inInputOrder(events: string[], files: number): boolean {
  let file = 0;
  for (const event of events) {
    const [what, index] = [event.split(' ')[0], Number(event.split(' ')[1])];
    if (index !== file) return false;
    if (what === 'finish') file++;
  }
  return file === files;
}

describe('worker threads', () => {
  it('needs the built worker', () => {
    expect(existsSync(WORKER)).toBe(true);
  });

  // Each file of 1.5 MB checks to about 9.5 million characters of JSON, more
  // than twice CREDIT_CHARS (what a worker may have sent and not yet seen
  // written); together they are more than BYTES_PER_WORKER, and the batch gets
  // two workers.
  const big = [seedFile('a.txt', 1.5), seedFile('b.txt', 1.5), join(ROOT, 'samples/000_16052ebbc3505be3.txt'), seedFile('c.txt', 1.5)];
  const tasks: Task[] = big.map((path) => ({ path, label: path }));
  const wholes = big.map((path) => {
    const document = check(parse(readFileSync(path), { file: path }));
    return { json: JSON.stringify(document), forms: document.forms.length };
  });
  const expected = wholes.map((w) => w.json);

  it('stream files far larger than what a worker may have waiting, in input order, each as the whole document', { timeout: 120_000 }, async () => {
    expect(Math.min(...[0, 1, 3].map((i) => expected[i].length))).toBeGreaterThan(2 * CREDIT_CHARS);
    const two = await run(tasks, { jobs: 2, worker: WORKER });
    expect(two.workers).toBe(2);
    expect(inInputOrder(two.events, tasks.length)).toBe(true);
    expect(two.outputs).toEqual(expected);
    expect(two.outcomes.map((o) => [o.stats.forms, o.stats.failure])).toEqual(wholes.map((w) => [w.forms, null]));
  });

  it('give what one thread gives, behind a writer slower than the workers', { timeout: 120_000 }, async () => {
    const here = await run(tasks, { jobs: 1, worker: WORKER });
    const slow = await run(tasks, { jobs: 2, worker: WORKER, slow: true });
    expect([here.workers, slow.workers]).toEqual([0, 2]);
    expect(inInputOrder(slow.events, tasks.length)).toBe(true);
    expect(slow.outputs).toEqual(here.outputs);
    expect(slow.outcomes).toEqual(here.outcomes);
  });

  it('that cannot start fail their files with well-formed output, and the batch ends', { timeout: 120_000 }, async () => {
    // A profile that does not resolve makes every worker throw as it starts.
    const broken = { ...config, profile: { extends: 'no-such-profile' } } as unknown as BatchConfig;
    const failed = await run(tasks, { jobs: 2, worker: WORKER, config: broken });
    expect(inInputOrder(failed.events, tasks.length)).toBe(true);
    for (const [i, output] of failed.outputs.entries()) {
      const document = JSON.parse(output);
      expect(document.forms).toEqual([]);
      expect(document.diagnostics).toEqual([expect.objectContaining({ code: 'internal-error', file: big[i] })]);
      expect(failed.outcomes[i].stats.failure).toMatch(/^internal error: (worker stopped|no worker thread could start)/);
    }
  });
});

describe('how many workers a batch gets', () => {
  it('none for one file, or for inputs too small to repay a worker start', () => {
    expect(workerCount(1, 8, 100 * BYTES_PER_WORKER)).toBe(1);
    expect(workerCount(2000, 2, BYTES_PER_WORKER)).toBe(1);
    expect(workerCount(3, 4, 0)).toBe(1);
  });

  it('one per share of input, at most --jobs and at most one per file', () => {
    expect(workerCount(2000, 2, 1.5 * BYTES_PER_WORKER)).toBe(2);
    expect(workerCount(2000, 8, 3 * BYTES_PER_WORKER)).toBe(3);
    expect(workerCount(2000, 4, 100 * BYTES_PER_WORKER)).toBe(4);
    expect(workerCount(2, 4, 100 * BYTES_PER_WORKER)).toBe(2);
  });

  it('runs a small batch in this thread whatever --jobs says', async () => {
    const small: Task[] = [0, 1, 2].map(() => ({ path: join(ROOT, 'samples/000_16052ebbc3505be3.txt'), label: 'seed' }));
    const recorded = await run(small, { jobs: 4, worker: WORKER });
    expect(recorded.workers).toBe(0);
    expect(inInputOrder(recorded.events, 3)).toBe(true);
  });
});
