// The scan host (bundled as dist/scan-host.js, started by scan-host.ts): scans the tree the main thread
// discovered, as the main thread would, forwarding the log, and answers with the result.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { rulesByIds } from '../rules/index.js';
import { scanDiscovered } from './scan.js';
import { SCAN_HOST_TAG, type ScanHostMessage, type ScanHostSetup } from './scan-host.js';
import { errorMessage, isTagged } from '../threads.js';
import type { Logger } from './types.js';

if (!isMainThread && parentPort && isTagged<ScanHostSetup>(workerData, SCAN_HOST_TAG)) {
  const port = parentPort;
  const setup = workerData;
  const send = (message: ScanHostMessage): void => port.postMessage(message);
  const logger: Logger = {
    debug: (message) => send({ log: 'debug', message }),
    info: (message) => send({ log: 'info', message }),
    warning: (message) => send({ log: 'warning', message }),
    error: (message) => send({ log: 'error', message }),
  };
  scanDiscovered(
    { files: setup.files, skipped: setup.skipped },
    {
      config: setup.config,
      logger,
      rules: rulesByIds(setup.ruleIds),
      workers: setup.workers,
      prefilter: setup.prefilter,
    },
  ).then(
    (result) => send({ result }),
    (error: unknown) => send({ error: errorMessage(error) }),
  );
}
