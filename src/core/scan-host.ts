// Scanning a large tree inside a worker thread whose young generation is capped.
//
// From Node 22 on, V8 sizes the young generation from the machine's memory and lets it grow to ~130 MB on
// a 24 GB machine while a large tree is scanned (Node 20: ~35 MB): a 5,000-file scan peaked at ~410 MB
// under Node 24 against ~280 MB under Node 20, for no gain in speed. `--max-semi-space-size` would cap it,
// but an Action cannot pass flags to `node24`, and setting them once running has no effect. A worker's
// heap can be capped (`resourceLimits`), so a large scan runs in one: the main thread discovers the files
// and hands the list over; the host scans exactly as the main thread would (parse thread and scan workers
// included) and answers with the result, forwarding the log as it goes.
//
// The host runs dist/scan-host.js, the bundle's entry built from scan-host-worker.ts, found beside the
// chunk holding this module; running from the TypeScript sources there is no such file and the scan stays
// on the main thread. If the host cannot start or dies, the main thread scans the tree itself.
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/config.js';
import type { DiscoveredFile, Skip } from '../workspace/files.js';
import { entryBeside, envSwitch, majorVersion } from '../threads.js';
import type { Logger, ScanResult } from './types.js';

export const SCAN_HOST_TAG = 'promptgate:scan-host';

/** Trees at least this large are scanned in the host (smaller ones never grow the young generation much,
 * and the host costs ~50 ms to start and load the engine again). */
export const SCAN_HOST_MIN_FILES = 2000;

/** The first Node major version whose young generation grows with the machine's memory (see above): the
 * host is used from there on. */
export const SCAN_HOST_FROM_NODE = 22;

/** The young generation of the host: V8's size on Node 20; the speed is the same as with ~130 MB. */
const HOST_YOUNG_GENERATION_MB = 48;

/** What the host scans: the discovered tree and the scan's options (plain data). */
export interface ScanHostSetup {
  tag: typeof SCAN_HOST_TAG;
  files: DiscoveredFile[];
  skipped: Skip[];
  config: ResolvedConfig;
  ruleIds: string[];
  workers: number | undefined;
  prefilter: boolean | undefined;
}

export type ScanHostMessage = { log: keyof Logger; message: string } | { result: ScanResult } | { error: string };

/**
 * Whether to scan a tree of `fileCount` files in the host: on Node 22 or later, for large trees.
 * PROMPTGATE_SCAN_HOST=1 or 0 decides instead.
 */
export function wantsScanHost(fileCount: number, env: Record<string, string | undefined> = process.env, nodeVersion = process.versions.node): boolean {
  return envSwitch(env, 'PROMPTGATE_SCAN_HOST') ?? (majorVersion(nodeVersion) >= SCAN_HOST_FROM_NODE && fileCount >= SCAN_HOST_MIN_FILES);
}

/**
 * Scans in the host and returns its result, or undefined when the host could not start or did not finish
 * (the caller then scans on this thread; `logger` has been told why).
 */
export async function scanInHost(setup: Omit<ScanHostSetup, 'tag'>, logger: Logger): Promise<ScanResult | undefined> {
  const entry = entryBeside('scan-host.js', import.meta.url);
  if (!entry) return undefined;
  let worker: Worker;
  try {
    worker = new Worker(entry, {
      workerData: { tag: SCAN_HOST_TAG, ...setup } satisfies ScanHostSetup,
      resourceLimits: { maxYoungGenerationSizeMb: HOST_YOUNG_GENERATION_MB },
    });
  } catch (error) {
    logger.debug(`could not start the scan host: ${(error as Error)?.message ?? String(error)}; scanning on the main thread`);
    return undefined;
  }
  logger.debug(`scanning ${setup.files.length} files in a worker with a ${HOST_YOUNG_GENERATION_MB} MB young generation`);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: ScanResult | undefined, why?: string): void => {
      if (settled) return;
      settled = true;
      if (why !== undefined) logger.debug(`the scan host stopped (${why}); scanning on the main thread`);
      void worker.terminate().catch(() => undefined);
      resolve(result);
    };
    worker.on('message', (message: ScanHostMessage) => {
      if ('log' in message) logger[message.log](message.message);
      else if ('result' in message) settle(message.result);
      else settle(undefined, message.error);
    });
    worker.on('error', (error) => settle(undefined, error?.message ?? String(error)));
    worker.on('exit', (code) => settle(undefined, `exit code ${code}`));
  });
}
