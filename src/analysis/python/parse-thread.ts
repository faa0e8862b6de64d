// Parsing Python on a second core while the main thread goes on with everything else.
//
// tree-sitter's parse and the copy of its tree into flat arrays (flat-tree.ts) are about half of a scan's
// work on a Python file, and they need nothing of the engine: the thread loads only web-tree-sitter and the
// grammar, so it warms up nothing the main thread also warms up (a whole scan worker, parallel.ts, does).
// It answers each file with the flat arrays, transferred, not copied; the main thread lowers them and runs
// the rules. The main thread never loads the wasm itself while the thread works.
//
// Replies are read synchronously (receiveMessageOnPort on a MessageChannel) whenever the scanner asks, so
// the main thread need not yield to its event loop between files; it waits (Atomics.waitAsync on a counter
// the thread bumps after each reply) only when it has nothing else to do. The thread runs
// dist/python-parser.js, built from parse-worker.ts and found beside the chunk holding this module; running
// from the TypeScript sources there is no such file and Python is parsed on the main thread.
import { availableCores, entryBeside, envSwitch, forcedWorkerCount } from '../../threads.js';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { withoutBom } from '../lines.js';
import { grammarTables, type FlatArrays, type GrammarDescription, type GrammarTables } from './flat-tree.js';

export const PARSE_THREAD_TAG = 'promptgate:python-parser';

/** workerData of the parse thread. */
export interface ParseThreadSetup {
  tag: typeof PARSE_THREAD_TAG;
  /** Where replies go (read synchronously by the main thread). */
  replies: MessagePort;
  /** [0] counts the replies posted. */
  posted: Int32Array;
}
export interface ParseRequest {
  id: number;
  /** The file's text without its BOM (withoutBom). */
  text: string;
}
export type ParseThreadReply =
  | { grammar: GrammarDescription }
  | { failed: string }
  | { id: number; arrays: FlatArrays | undefined }
  | { id: number; error: string };

/** What became of a submitted file: its copied tree (undefined: the parser gave up on it), or `unparsed`
 * when the thread could not parse it (it failed or stopped): the caller parses the file itself. */
export type ParseOutcome = { arrays: FlatArrays | undefined; grammar: GrammarTables } | { unparsed: string };

/** Heap limits of the thread: it holds only the current file's copy. A thread that runs out of heap dies,
 * and its files are parsed on the main thread. */
const THREAD_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 };

/**
 * Python files a tree without TypeScript/JavaScript needs before the thread pays. With other source files
 * one is enough: the main thread reads and parses them while the thread starts, and never loads the wasm
 * itself (1 Python and 1 TypeScript file: 298 → 263 ms; `examples/`: 329 → 304 ms). With Python alone the
 * main thread waits for the thread to start and then for each tree (10 files: 253 → 270 ms; 60 files:
 * 493 → 478 ms; medians of 7 or 9 alternating runs).
 */
export const PYTHON_ONLY_THREAD_MIN_FILES = 32;

/**
 * Whether a scan of a tree holding `pythonFiles` Python files and `otherSourceFiles` TypeScript, JavaScript
 * or HTML files parses Python on a thread of its own: with a spare core, and enough work for the main
 * thread meanwhile. PROMPTGATE_PYTHON_THREAD=1 or 0 decides instead; PROMPTGATE_WORKERS=0 (no threads)
 * turns it off too.
 */
export function wantsPythonThread(
  pythonFiles: number,
  otherSourceFiles: number,
  env: Record<string, string | undefined> = process.env,
): boolean {
  const forced = envSwitch(env, 'PROMPTGATE_PYTHON_THREAD');
  if (forced !== undefined) return forced;
  if (forcedWorkerCount(env) === 0) return false;
  return availableCores() >= 2 && pythonFiles > 0 && (otherSourceFiles > 0 || pythonFiles >= PYTHON_ONLY_THREAD_MIN_FILES);
}

/** Files submitted and not yet taken back, at most. */
const FILES_IN_FLIGHT = 256;
/** And their text, in characters, at most (unless one file is larger): each copied tree takes some 24 bytes per
 * syntax node, several bytes per character. */
const CHARS_IN_FLIGHT = 8 << 20;

/** What `take` returns when nothing arrived (callers only read it). */
const NOTHING_ARRIVED: ReadonlyArray<{ id: number; outcome: ParseOutcome }> = Object.freeze([]);

/** Atomics.waitAsync (Node 16+; typed from ES2024 on). */
const waitAsync = (Atomics as unknown as {
  waitAsync(array: Int32Array, index: number, value: number): { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;

export class PythonParseThread {
  private readonly worker: Worker;
  private readonly replies: MessagePort;
  private readonly posted = new Int32Array(new SharedArrayBuffer(4));
  private received = 0;
  private grammar: GrammarTables | undefined;
  /** Why the thread is of no more use, once it is not. */
  private stopped: string | undefined;
  private nextId = 0;
  /** Files out, by ticket, with the length of their text. */
  private readonly pending = new Map<number, number>();
  private pendingChars = 0;
  private readonly arrived: Array<{ id: number; outcome: ParseOutcome }> = [];
  private readonly stop: Promise<void>;

  /** Starts the thread, or returns undefined when there is no thread entry to start (running from sources). */
  static start(): PythonParseThread | undefined {
    const entry = entryBeside('python-parser.js', import.meta.url);
    if (!entry) return undefined;
    try {
      return new PythonParseThread(entry);
    } catch {
      return undefined;
    }
  }

  private constructor(entry: URL) {
    const { port1, port2 } = new MessageChannel();
    this.replies = port1;
    const setup: ParseThreadSetup = { tag: PARSE_THREAD_TAG, replies: port2, posted: this.posted };
    this.worker = new Worker(entry, { workerData: setup, transferList: [port2], resourceLimits: THREAD_HEAP });
    this.worker.unref();
    this.stop = new Promise((resolve) => {
      const end = (why: string): void => {
        this.stopped ??= why;
        resolve();
      };
      this.worker.on('error', (error) => end(error?.message ?? String(error)));
      this.worker.on('exit', (code) => end(`exit code ${code}`));
    });
  }

  /** Files submitted so far. */
  get submitted(): number {
    return this.nextId;
  }

  /** Files submitted and not yet handed back by `take`. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Whether another file may be submitted: the files out are bounded, so memory does not grow with the
   * files read ahead of the thread. */
  get hasRoom(): boolean {
    return this.pending.size === 0 || (this.pending.size < FILES_IN_FLIGHT && this.pendingChars < CHARS_IN_FLIGHT);
  }

  /** Sends a file to parse; returns its ticket for `take`. */
  submit(source: string): number {
    const text = withoutBom(source);
    const id = this.nextId++;
    this.pending.set(id, text.length);
    this.pendingChars += text.length;
    if (this.stopped === undefined) this.worker.postMessage({ id, text } satisfies ParseRequest);
    else this.arrived.push({ id, outcome: { unparsed: this.stopped } });
    return id;
  }

  /** The files parsed so far (without waiting), in the order they were finished. */
  take(): ReadonlyArray<{ id: number; outcome: ParseOutcome }> {
    for (let message = receiveMessageOnPort(this.replies); message; message = receiveMessageOnPort(this.replies)) {
      this.received++;
      this.accept(message.message as ParseThreadReply);
    }
    if (this.stopped !== undefined) this.giveUpPending();
    if (this.arrived.length === 0) return NOTHING_ARRIVED;
    const done = this.arrived.splice(0);
    for (const { id } of done) {
      this.pendingChars -= this.pending.get(id)!;
      this.pending.delete(id);
    }
    return done;
  }

  /** Resolves once `take` has something new, or the thread has stopped. */
  async waitForReply(): Promise<void> {
    if (this.arrived.length > 0 || this.stopped !== undefined) return;
    const wait = waitAsync(this.posted, 0, this.received);
    if (!wait.async) return;
    // A pending waitAsync does not keep the process alive; the thread does while we wait for it.
    this.worker.ref();
    try {
      await Promise.race([wait.value, this.stop]);
    } finally {
      this.worker.unref();
    }
  }

  close(): void {
    this.stopped ??= 'closed';
    this.replies.close();
    void this.worker.terminate().catch(() => undefined);
  }

  /** The thread posts its grammar before it listens for files (parse-worker.ts), and replies arrive in the
   * order posted: a file's tree never comes before the grammar. */
  private accept(reply: ParseThreadReply): void {
    if ('grammar' in reply) this.grammar = grammarTables(reply.grammar);
    else if ('failed' in reply) this.stopped ??= reply.failed;
    else if (!this.pending.has(reply.id)) return;
    else if ('error' in reply) this.arrived.push({ id: reply.id, outcome: { unparsed: reply.error } });
    else this.arrived.push({ id: reply.id, outcome: { arrays: reply.arrays, grammar: this.grammar! } });
  }

  /** Every file still out, once the thread has stopped: its replies will not come. */
  private giveUpPending(): void {
    const answered = new Set(this.arrived.map(({ id }) => id));
    for (const id of this.pending.keys()) if (!answered.has(id)) this.arrived.push({ id, outcome: { unparsed: this.stopped! } });
  }
}
