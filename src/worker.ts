/** A worker thread of `jixiao parse|check --jobs N`: processes the files it is sent, one at a time, in the order sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { createProcessor, type BatchConfig } from './batch.js';
import type { WorkerReply, WorkerRequest } from './pool.js';

const port = parentPort;
if (port) {
  const processTask = createProcessor(workerData as BatchConfig);
  let queue = Promise.resolve();
  port.on('message', ({ index, task }: WorkerRequest) => {
    queue = queue.then(async () => {
      port.postMessage({ index, result: await processTask(task) } satisfies WorkerReply);
    });
  });
}
