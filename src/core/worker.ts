// The scan worker (bundled as dist/scan-worker.js, started by parallel.ts): reads and scans the batches of
// files the main thread sends, with the same rules and config, and sends back what it found per batch.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { allRules } from '../rules/index.js';
import { readSourceFile } from '../workspace/files.js';
import { WORKER_TAG, type WorkerBatch, type WorkerReply, type WorkerSetup } from './parallel.js';
import { FileScanner } from './scan.js';
import type { Logger } from './types.js';

function isSetup(data: unknown): data is WorkerSetup {
  return typeof data === 'object' && data !== null && (data as { tag?: unknown }).tag === WORKER_TAG;
}

if (!isMainThread && parentPort && isSetup(workerData)) {
  const port = parentPort;
  const { config, ruleIds } = workerData;
  const debug: string[] = [];
  const logger: Logger = { debug: (m) => debug.push(m), info: () => {}, warning: (m) => debug.push(m), error: (m) => debug.push(m) };
  const scanner = new FileScanner(config, allRules.filter((rule) => ruleIds.includes(rule.meta.id)), logger);
  // One batch at a time, in order: the next message waits until this one is answered.
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (batch: WorkerBatch) => {
    chain = chain.then(async () => {
      for (const file of batch.files) await scanner.scanRead(file.path, file.kind, await readSourceFile(file.absolutePath, config.maxFileBytes));
      const reply: WorkerReply = { id: batch.id, part: scanner.take(), debug: debug.splice(0) };
      port.postMessage(reply);
    });
  });
}
