// The scan worker (bundled as dist/scan-worker.js, started by parallel.ts): scans the batches of files the
// main thread read and queued, with the same rules and config, and answers each batch with what it found.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { preloadPython } from '../analysis/parse.js';
import { rulesByIds } from '../rules/index.js';
import { WORKER_TAG, type WorkerBatch, type WorkerReply, type WorkerSetup } from './parallel.js';
import { FileScanner } from './scan.js';
import { isTagged } from '../threads.js';
import type { Logger } from './types.js';

if (!isMainThread && parentPort && isTagged<WorkerSetup>(workerData, WORKER_TAG)) {
  const port = parentPort;
  const { config, ruleIds } = workerData;
  const debug: string[] = [];
  const logger: Logger = { debug: (m) => debug.push(m), info: () => {}, warning: (m) => debug.push(m), error: (m) => debug.push(m) };
  // Files arrive with their treatment decided (parse): the pre-filter never runs here.
  const scanner = new FileScanner(config, rulesByIds(ruleIds), logger, false);
  preloadPython();
  // One batch at a time, in order; "started" lets the main thread take back batches not yet begun.
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (batch: WorkerBatch) => {
    chain = chain.then(async () => {
      port.postMessage({ started: batch.id } satisfies WorkerReply);
      // The main thread queues only files that need parsing.
      for (const file of batch.files) await scanner.scanRead(file.path, file.kind, file.read, 'parse');
      port.postMessage({ id: batch.id, part: scanner.take(), debug: debug.splice(0) } satisfies WorkerReply);
    });
  });
}
