// Scanning a large tree on every core. The main thread reads every file and scans the cheap ones itself
// (text rules only: no code-rule marker, see prefilter.ts); files that need parsing go into a queue that the
// main thread and worker threads share. Each file is scanned whole by one thread, and the workers' results
// are merged into the main thread's scanner, which sorts everything at the end: the output is byte-identical
// to a single-threaded scan.
//
// A worker costs over a second of CPU to start (it compiles and warms up the rules and the parsers again), so
// workers start only once enough files were queued, and the main thread never waits for a worker that has
// not begun a batch: when the queue is empty it takes such batches back and drops the worker's late answer.
// A worker that fails to start or dies hands its files back the same way.
//
// The worker runs dist/scan-worker.js, the bundle's entry built from worker.ts and found beside the chunk
// holding this module. Running from the TypeScript sources (tests) there is no such file and everything
// stays on the main thread.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/config.js';
import type { FileKind, ReadResult } from '../workspace/files.js';
import type { ScanPart } from './scan.js';
import type { Logger } from './types.js';

/** A file read by the main thread that needs parsing. */
export interface QueuedFile {
  path: string;
  kind: FileKind;
  read: ReadResult;
}

export const WORKER_TAG = 'promptgate:scan-worker';

/** workerData of a scan worker. */
export interface WorkerSetup {
  tag: typeof WORKER_TAG;
  config: ResolvedConfig;
  ruleIds: string[];
  prefilter: boolean;
}
export interface WorkerBatch {
  id: number;
  files: QueuedFile[];
}
export type WorkerReply = { started: number } | { id: number; part: ScanPart; debug: string[] };

/**
 * Files to parse before workers start. A worker pays for its start (compiling the rules and the TypeScript
 * compiler again, warming them up: over a second of CPU) only on a few hundred files: at 1,000 generated
 * files (~240 to parse) one made the scan slower, at 5,000 (~1,230) faster (docs/performance.md).
 */
export const START_WORKERS_AT = 400;
/** The main thread stops reading ahead and parses once this many files wait (bounds memory on huge trees). */
export const QUEUE_HIGH_WATER = 256;
/** Threads beyond this add memory (each loads the TypeScript compiler) more than speed. */
const MAX_WORKERS = 3;
const BATCH = 4;
/** A small young generation keeps a worker's resident memory down at no measurable cost in speed; a worker
 * that runs out of heap on a huge file dies, and its batch is scanned on the main thread. */
const WORKER_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 };

/**
 * Worker threads a scan may use: one per spare core (at most 3), started once START_WORKERS_AT files are
 * queued. PROMPTGATE_WORKERS=N asks for N from the first queued file on (0: none).
 */
export function workerPlan(env: Record<string, string | undefined> = process.env): { workers: number; startAt: number } {
  const forced = env.PROMPTGATE_WORKERS?.trim();
  if (forced && /^\d+$/.test(forced)) return { workers: Math.min(Number(forced), 16), startAt: 1 };
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return { workers: Math.max(0, Math.min(cores - 1, MAX_WORKERS)), startAt: START_WORKERS_AT };
}

/** dist/scan-worker.js beside the running chunk, or undefined (running from sources). */
function workerEntry(): URL | undefined {
  const url = new URL('./scan-worker.js', import.meta.url);
  if (url.protocol !== 'file:') return undefined;
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

interface Slot {
  worker: Worker;
  /** Batches sent and not answered, by id; `started` once the worker said it began one. */
  inFlight: Map<number, { files: QueuedFile[]; started: boolean }>;
  alive: boolean;
  ready: boolean;
}

export class ScanPool {
  readonly queue: QueuedFile[] = [];
  private readonly slots: Slot[] = [];
  private started = false;
  private nextId = 0;
  private wake: (() => void) | undefined;
  private onMain = 0;
  private onWorkers = 0;
  private startedAt = 0;
  private pushed = 0;

  constructor(
    private readonly options: {
      workers: number;
      /** Start workers once this many files were queued (default START_WORKERS_AT). */
      startAt?: number;
      setup: Omit<WorkerSetup, 'tag'>;
      merge: (part: ScanPart) => void;
      logger: Logger;
    },
  ) {}

  push(file: QueuedFile): void {
    this.queue.push(file);
    this.pushed++;
    if (!this.started && this.pushed >= (this.options.startAt ?? START_WORKERS_AT)) this.start();
    for (const slot of this.slots) this.fill(slot);
  }

  /**
   * Scans queued files on this thread with `scan` until the queue is at most `keep` long; with `keep` 0 it
   * also takes back batches no worker has begun and waits for the rest, so everything is scanned on return.
   */
  async drain(scan: (file: QueuedFile) => Promise<void>, keep = 0): Promise<void> {
    for (;;) {
      if (this.queue.length > keep) {
        await scan(this.queue.shift()!);
        this.onMain++;
        await this.yieldToWorkers();
      } else if (keep > 0) return;
      else if (this.reclaimUnstarted()) continue;
      else if (this.slots.some((slot) => slot.alive && slot.inFlight.size > 0)) await new Promise<void>((resolve) => (this.wake = resolve));
      else return;
    }
  }

  /**
   * Lets the event loop deliver the workers' answers (and send them more). A scan on this thread never
   * waits for I/O (reads are synchronous), so without this the answers would wait until the end.
   */
  yieldToWorkers(): Promise<void> | undefined {
    if (this.slots.length === 0) return undefined;
    return new Promise((resolve) => setImmediate(resolve));
  }

  close(): void {
    const busy = this.slots.map((slot) => Math.round(slot.worker.performance.eventLoopUtilization().active));
    for (const slot of this.slots) {
      slot.alive = false;
      void slot.worker.terminate().catch(() => undefined);
    }
    if (this.started)
      this.options.logger.debug(
        `scanned ${this.onMain} queued files on the main thread and ${this.onWorkers} on ${this.slots.length} worker thread(s)` +
          (busy.length > 0 ? ` (busy ${busy.join(', ')} ms)` : ''),
      );
  }

  private start(): void {
    this.started = true;
    this.startedAt = performance.now();
    const entry = workerEntry();
    if (!entry) return;
    for (let i = 0; i < this.options.workers; i++) {
      let worker: Worker;
      try {
        worker = new Worker(entry, { workerData: { tag: WORKER_TAG, ...this.options.setup } satisfies WorkerSetup, resourceLimits: WORKER_HEAP });
      } catch (error) {
        this.options.logger.debug(`could not start a scan worker: ${(error as Error)?.message ?? String(error)}`);
        return;
      }
      const slot: Slot = { worker, inFlight: new Map(), alive: true, ready: false };
      this.slots.push(slot);
      worker.on('message', (reply: WorkerReply) => this.answer(slot, reply));
      worker.on('error', (error) => this.retire(slot, error?.message ?? String(error)));
      worker.on('messageerror', (error) => this.retire(slot, `unreadable answer: ${error?.message ?? String(error)}`));
      worker.on('exit', (code) => this.retire(slot, `exit code ${code}`));
    }
  }

  /** Up to two batches per worker: one running, one waiting, so a worker never idles between batches. */
  private fill(slot: Slot): void {
    while (slot.alive && slot.inFlight.size < 2 && this.queue.length > 0) {
      const files = this.queue.splice(0, BATCH);
      const id = this.nextId++;
      slot.inFlight.set(id, { files, started: false });
      slot.worker.postMessage({ id, files } satisfies WorkerBatch);
    }
  }

  private answer(slot: Slot, reply: WorkerReply): void {
    if ('started' in reply) {
      const batch = slot.inFlight.get(reply.started);
      if (batch) batch.started = true;
      if (!slot.ready) this.options.logger.debug(`scan worker ${this.slots.indexOf(slot) + 1} began its first batch ${Math.round(performance.now() - this.startedAt)} ms after its start`);
      slot.ready = true;
      return;
    }
    const batch = slot.inFlight.get(reply.id);
    // A batch taken back (or of a retired worker) was scanned elsewhere: its answer is dropped.
    if (!batch || !slot.alive) return;
    slot.inFlight.delete(reply.id);
    this.onWorkers += batch.files.length;
    this.options.merge(reply.part);
    for (const message of reply.debug) this.options.logger.debug(message);
    this.fill(slot);
    this.notify();
  }

  /** Moves batches no worker has begun back to the queue; true when there were any. */
  private reclaimUnstarted(): boolean {
    let reclaimed = false;
    for (const slot of this.slots)
      for (const [id, batch] of slot.inFlight)
        if (!batch.started) {
          slot.inFlight.delete(id);
          this.queue.push(...batch.files);
          reclaimed = true;
        }
    return reclaimed;
  }

  private retire(slot: Slot, why: string): void {
    if (!slot.alive) return;
    slot.alive = false;
    for (const batch of slot.inFlight.values()) this.queue.unshift(...batch.files);
    slot.inFlight.clear();
    this.options.logger.debug(`scan worker stopped (${why}); its files are scanned on the main thread`);
    this.notify();
  }

  private notify(): void {
    const resume = this.wake;
    this.wake = undefined;
    resume?.();
  }
}
