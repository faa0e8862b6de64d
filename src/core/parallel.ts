// Scanning a large tree on every core. The main thread reads every file and scans the cheap ones itself
// (text rules only: no code-rule marker, see prefilter.ts); files that need parsing go into queues that the
// main thread and worker threads share. Each file is scanned whole by one thread, and the workers' results
// are merged into the main thread's scanner, which sorts everything at the end: the output is byte-identical
// to a single-threaded scan.
//
// Workers start only on large trees (START_WORKERS_AT). They take Python files first and the main thread
// TypeScript/JavaScript files, as it reads them: the warm-up of each front end's code then happens mostly
// once per thread; at the end the main thread takes whatever is left.
//
// The main thread never waits for a worker that has not begun a batch: when it has nothing else left it takes
// such batches back and drops the worker's late answer. A worker that fails to start or dies hands its files
// back the same way.
//
// The worker runs dist/scan-worker.js, the bundle's entry built from worker.ts and found beside the chunk
// holding this module. Running from the TypeScript sources (tests) there is no such file and everything
// stays on the main thread.
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/config.js';
import type { FileKind, ReadResult } from '../workspace/files.js';
import type { ScanPart } from './scan.js';
import { availableCores, entryBeside, forcedWorkerCount } from '../threads.js';
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
}
export interface WorkerBatch {
  id: number;
  files: QueuedFile[];
}
export type WorkerReply = { started: number } | { id: number; part: ScanPart; debug: string[] };

/**
 * Files to parse before workers start. On 2 cores a single-threaded scan already keeps the second core
 * partly busy (V8 collects garbage and compiles there), and a worker costs ~1.5 s of CPU to load and warm
 * up the rules and parsers: with 1,229 files to parse (5,000 generated files) a worker made the scan slower
 * (3.7-4.0 s alone, 3.8-4.1 s with one), with 4,984 (20,000 files) faster (14.1 -> 10.8 s).
 */
export const START_WORKERS_AT = 2000;
/**
 * Or earlier, once a tenth of the tree is read and the files to parse so far project to that many over the
 * whole tree: a worker started late spends most of the scan warming up.
 */
const PROJECT_AFTER_SHARE = 0.1;
/** TypeScript files the main thread leaves queued for workers to take while it reads on. */
const TYPESCRIPT_LEFT_FOR_WORKERS = 8;
/** The main thread stops reading ahead and parses once this many Python files wait (bounds memory on huge trees). */
const QUEUE_HIGH_WATER = 256;
/** Threads beyond this add memory (each loads the TypeScript compiler) more than speed. */
const MAX_WORKERS = 3;
const BATCH = 4;
/** A small young generation keeps a worker's resident memory down at no measurable cost in speed; a worker
 * that runs out of heap on a huge file dies, and its batch is scanned on the main thread. */
const WORKER_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 };

/**
 * Worker threads a scan may use: one per spare core (at most 3), started once START_WORKERS_AT files are
 * queued or projected (ScanPool). PROMPTGATE_WORKERS=N asks for N from the first queued file on (0: none).
 */
export function workerPlan(env: Record<string, string | undefined> = process.env): { workers: number; startAt?: number } {
  const forced = forcedWorkerCount(env);
  if (forced !== undefined) return { workers: Math.min(forced, 16), startAt: 1 };
  return { workers: Math.max(0, Math.min(availableCores() - 1, MAX_WORKERS)) };
}

/**
 * Whether workers should start now: `queued` files to parse so far reach `startAt` when it is set, else
 * START_WORKERS_AT, or project to it over the tree once a tenth of it is read.
 */
export function worthStartingWorkers(queued: number, progress: { read: number; total: number } | undefined, startAt?: number): boolean {
  if (startAt !== undefined) return queued >= startAt;
  if (queued >= START_WORKERS_AT) return true;
  if (!progress || progress.read < progress.total * PROJECT_AFTER_SHARE) return false;
  return (queued / progress.read) * progress.total >= START_WORKERS_AT;
}

type FrontEnd = 'python' | 'typescript';

/** Which front end parses a queued file (html inline scripts go through TypeScript). */
function frontEndOf(file: QueuedFile): FrontEnd {
  return file.kind === 'python' ? 'python' : 'typescript';
}

interface Slot {
  worker: Worker;
  /** Batches sent and not answered, by id; `started` once the worker said it began one. */
  inFlight: Map<number, { files: QueuedFile[]; started: boolean }>;
  alive: boolean;
  ready: boolean;
}

export class ScanPool {
  /** Files waiting, per front end, in reading order. */
  private readonly queues: Record<FrontEnd, QueuedFile[]> = { python: [], typescript: [] };
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private wake: (() => void) | undefined;
  private onMain = 0;
  private onWorkers = 0;
  /** When workers were started (performance.now()); undefined before. */
  private startedAt: number | undefined;
  private pushed = 0;

  constructor(
    private readonly options: {
      workers: number;
      /** Start workers once this many files were queued; default START_WORKERS_AT, or earlier by projection. */
      startAt?: number;
      setup: Omit<WorkerSetup, 'tag'>;
      merge: (part: ScanPart) => void;
      logger: Logger;
    },
  ) {}

  /** Queues a file to parse; `progress`: files read so far out of the tree's total (for the projection). */
  push(file: QueuedFile, progress?: { read: number; total: number }): void {
    this.queues[frontEndOf(file)].push(file);
    this.pushed++;
    if (this.startedAt === undefined && worthStartingWorkers(this.pushed, progress, this.options.startAt)) this.start();
    for (const slot of this.slots) this.fill(slot);
  }

  /**
   * The main thread's share while it reads: the TypeScript/JavaScript files it queued (all but a few once
   * workers run), and Python files beyond QUEUE_HIGH_WATER, or all of them while no worker is alive (before
   * workers start, the scan is the single-threaded one: each file is scanned as it is read).
   */
  async keepUp(scan: (file: QueuedFile) => Promise<void>): Promise<void> {
    const workers = this.slots.some((slot) => slot.alive);
    const leave = { typescript: workers ? TYPESCRIPT_LEFT_FOR_WORKERS : 0, python: workers ? QUEUE_HIGH_WATER : 0 };
    for (const frontEnd of ['typescript', 'python'] as const) {
      const queue = this.queues[frontEnd];
      while (queue.length > leave[frontEnd]) {
        await scan(queue.shift()!);
        this.onMain++;
        await this.yieldToWorkers();
      }
    }
  }

  /**
   * Scans everything still queued on this thread (TypeScript first), takes back batches no worker has
   * begun and waits for the rest, so everything is scanned on return.
   */
  async drain(scan: (file: QueuedFile) => Promise<void>): Promise<void> {
    for (;;) {
      const file = this.queues.typescript.shift() ?? this.queues.python.shift();
      if (file) {
        await scan(file);
        this.onMain++;
        await this.yieldToWorkers();
      } else if (this.reclaimUnstarted()) continue;
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
    if (this.startedAt !== undefined)
      this.options.logger.debug(
        `scanned ${this.onMain} queued files on the main thread and ${this.onWorkers} on ${this.slots.length} worker thread(s)` +
          (busy.length > 0 ? ` (busy ${busy.join(', ')} ms)` : ''),
      );
  }

  private start(): void {
    this.startedAt = performance.now();
    const entry = entryBeside('scan-worker.js', import.meta.url);
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
    while (slot.alive && slot.inFlight.size < 2) {
      const files = this.batchFor();
      if (!files) return;
      const id = this.nextId++;
      slot.inFlight.set(id, { files, started: false });
      slot.worker.postMessage({ id, files } satisfies WorkerBatch);
    }
  }

  /** Python files first: the main thread keeps TypeScript/JavaScript for itself while it can. */
  private batchFor(): QueuedFile[] | undefined {
    const queue = this.queues.python.length > 0 ? this.queues.python : this.queues.typescript;
    return queue.length > 0 ? queue.splice(0, BATCH) : undefined;
  }

  private answer(slot: Slot, reply: WorkerReply): void {
    if ('started' in reply) {
      const batch = slot.inFlight.get(reply.started);
      if (batch) batch.started = true;
      if (!slot.ready) this.options.logger.debug(`scan worker ${this.slots.indexOf(slot) + 1} began its first batch ${Math.round(performance.now() - this.startedAt!)} ms after its start`);
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
          for (const file of batch.files) this.queues[frontEndOf(file)].push(file);
          reclaimed = true;
        }
    return reclaimed;
  }

  private retire(slot: Slot, why: string): void {
    if (!slot.alive) return;
    slot.alive = false;
    for (const batch of slot.inFlight.values())
      for (const file of [...batch.files].reverse()) this.queues[frontEndOf(file)].unshift(file);
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
