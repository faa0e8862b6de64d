// Scanning a large tree on every core: the main thread and worker threads take files from one queue (the
// workers in small batches), each file is scanned whole by one thread, and the workers' results are merged
// into the main thread's scanner, which sorts everything at the end, so the output is byte-identical to a
// single-threaded scan. A worker costs a few hundred milliseconds to start (it loads the rules and the
// parsers again), so small scans (a pull request) stay on the main thread.
//
// The worker runs dist/scan-worker.js, the bundle's entry built from worker.ts and found beside the chunk
// holding this module. Running from the TypeScript sources (tests) there is no such file and everything
// stays on the main thread; a worker that fails to start or dies hands its files back to the main thread.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/config.js';
import type { FileKind } from '../workspace/files.js';
import type { ScanPart } from './scan.js';
import type { Logger } from './types.js';

export interface QueuedFile {
  path: string;
  absolutePath: string;
  kind: FileKind;
}

/** What the main thread sends a worker: the setup (workerData), then batches. */
export interface WorkerSetup {
  tag: typeof WORKER_TAG;
  config: ResolvedConfig;
  ruleIds: string[];
}
export interface WorkerBatch {
  id: number;
  files: QueuedFile[];
}
export interface WorkerReply {
  id: number;
  part: ScanPart;
  debug: string[];
}

export const WORKER_TAG = 'promptgate:scan-worker';
/** Source files per thread below which another thread does not pay for its start (measured: docs/performance.md). */
export const SOURCE_FILES_PER_THREAD = 300;
/** Threads beyond this add memory (each loads the TypeScript compiler) more than speed. */
const MAX_WORKERS = 3;
const MAX_BATCH = 8;

/**
 * Worker threads for a scan of `files`: none for small scans, else one per spare core while each thread gets
 * at least SOURCE_FILES_PER_THREAD source files. PROMPTGATE_WORKERS=N sets the number (0: main thread only).
 */
export function workerCount(files: ReadonlyArray<{ kind: FileKind }>, env: Record<string, string | undefined> = process.env): number {
  const forced = env.PROMPTGATE_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced.trim())) return Math.min(Number(forced), 16);
  let source = 0;
  for (const file of files) if (file.kind !== 'text') source++;
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const threads = Math.min(cores, Math.floor(source / SOURCE_FILES_PER_THREAD), MAX_WORKERS + 1);
  return Math.max(0, threads - 1);
}

/** dist/scan-worker.js beside the running chunk, or undefined (running from sources). */
function workerEntry(): URL | undefined {
  const url = new URL('./scan-worker.js', import.meta.url);
  if (url.protocol !== 'file:') return undefined;
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, QueuedFile[]>;
  alive: boolean;
}

export async function scanInParallel(options: {
  /** Files still to scan; shared with `scanNext`, which takes the first one and scans it on this thread. */
  queue: QueuedFile[];
  workers: number;
  scanNext: () => Promise<void>;
  config: ResolvedConfig;
  ruleIds: string[];
  merge: (part: ScanPart) => void;
  logger: Logger;
}): Promise<void> {
  const { queue, logger } = options;
  const entry = workerEntry();
  const slots: Slot[] = [];
  let nextId = 0;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const threads = options.workers + 1;
  const send = (slot: Slot): void => {
    if (!slot.alive || queue.length === 0) return;
    // Smaller batches near the end, so no thread is left with a long tail while the others wait.
    const size = Math.max(1, Math.min(MAX_BATCH, Math.floor(queue.length / (threads * 2))));
    const files = queue.splice(0, size);
    const id = nextId++;
    slot.inFlight.set(id, files);
    slot.worker.postMessage({ id, files } satisfies WorkerBatch);
  };
  const retire = (slot: Slot, why: string): void => {
    if (!slot.alive) return;
    slot.alive = false;
    // Its unfinished batches go back to the front of the queue: scanned once, on another thread.
    for (const files of slot.inFlight.values()) queue.unshift(...files);
    slot.inFlight.clear();
    logger.debug(`scan worker stopped (${why}); its files are scanned on the main thread`);
    notify();
  };

  if (entry) {
    for (let i = 0; i < options.workers; i++) {
      let worker: Worker;
      try {
        const setup: WorkerSetup = { tag: WORKER_TAG, config: options.config, ruleIds: options.ruleIds };
        worker = new Worker(entry, { workerData: setup });
      } catch (error) {
        logger.debug(`could not start a scan worker: ${(error as Error)?.message ?? String(error)}`);
        break;
      }
      const slot: Slot = { worker, inFlight: new Map(), alive: true };
      slots.push(slot);
      worker.on('message', (reply: WorkerReply) => {
        const files = slot.inFlight.get(reply.id);
        if (!files || !slot.alive) return;
        slot.inFlight.delete(reply.id);
        options.merge(reply.part);
        for (const message of reply.debug) logger.debug(message);
        send(slot);
        notify();
      });
      worker.on('error', (error) => retire(slot, error?.message ?? String(error)));
      worker.on('exit', (code) => retire(slot, `exit code ${code}`));
      // Two batches each: a worker never waits for the main thread, which is busy scanning too.
      send(slot);
      send(slot);
    }
  }

  try {
    for (;;) {
      if (queue.length > 0) await options.scanNext();
      else if (slots.some((slot) => slot.alive && slot.inFlight.size > 0)) await new Promise<void>((resolve) => (wake = resolve));
      else break;
    }
  } finally {
    for (const slot of slots) {
      slot.alive = false;
      void slot.worker.terminate().catch(() => undefined);
    }
  }
}
