/**
 * A worker thread of `jixiao parse|check --jobs N`: processes the files it is
 * sent, one at a time, in the order sent, and posts each file's output in
 * chunks as its forms are parsed. It waits while more than `CREDIT_CHARS`
 * of what it posted is still unwritten (the main thread writes a file's
 * output only at its turn and sends back what it wrote).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createProcessor, readingAhead, type BatchConfig, type OutputChunk } from './batch.js';
import { chunkChars, CREDIT_CHARS, type WorkerReply, type WorkerRequest } from './pool.js';

const port = parentPort;
if (port) {
  const processTask = createProcessor(workerData as BatchConfig);
  let unwritten = 0;
  let resume: (() => void) | null = null;
  let queue = Promise.resolve();

  const post = (index: number) => async (chunk: OutputChunk) => {
    port.postMessage({ kind: 'chunk', index, chunk } satisfies WorkerReply);
    unwritten += chunkChars(chunk.pieces);
    while (unwritten > CREDIT_CHARS) await new Promise<void>((resolve) => (resume = resolve));
  };

  port.on('message', (request: WorkerRequest) => {
    if (request.kind === 'credit') {
      unwritten -= request.chars;
      if (resume !== null && unwritten <= CREDIT_CHARS) {
        const go = resume;
        resume = null;
        go();
      }
      return;
    }
    const { index } = request;
    // Tasks arrive ahead of their turn: a small file is read while the files before it are parsed.
    const task = readingAhead(request.task);
    queue = queue
      .then(async () => {
        const outcome = await processTask(await task, post(index));
        port.postMessage({ kind: 'done', index, outcome } satisfies WorkerReply);
      })
      .catch((error: unknown) => {
        // Thrown out of the thread: the main thread then fails the files this worker held and replaces it.
        setImmediate(() => {
          throw error;
        });
      });
  });
}
