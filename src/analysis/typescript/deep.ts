// Parsing files nested too deeply for the default stack.
//
// The TypeScript parser is recursive: on the default ~1 MB stack it overflows somewhere between 750 and
// 1,800 levels of nesting (`((((...`, `[[[[...`, `f(f(f(...`). Node cannot grow the main thread's stack,
// so such a file is parsed again in a worker thread started with a 256 MB stack. parseTypeScript is
// synchronous: the main thread blocks on a SharedArrayBuffer until the worker has posted its result
// (the worker-plus-Atomics.wait pattern used by synckit).
//
// The worker runs the JavaScript file that holds this module as loaded (`import.meta.url` of the front
// end's index module): in the shipped esbuild output that is the bundle, or the chunk holding the front end
// when code splitting is on. Evaluating it reaches the index module, which sees the request in
// `workerData`, serves it synchronously and ends the thread, so nothing after it (a CLI or Action entry in
// a single-file bundle) runs in the worker. Running from TypeScript sources (tests under vitest) there is
// no JavaScript file to start, and the caller falls back to a syntax error saying the file was only
// scanned as text.
import { MessageChannel, Worker, isMainThread, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { errorMessage, isTagged } from '../../threads.js';
import type { FileModel, Language } from '../model.js';

const REQUEST_TAG = 'promptgate:typescript-deep-parse';
/** Stack for the worker thread: parses well over 100,000 levels. */
const WORKER_STACK_MB = 256;
/** Upper bound on waiting for the worker (it normally answers in well under a second). */
const WORKER_TIMEOUT_MS = 60_000;

interface DeepRequest {
  tag: typeof REQUEST_TAG;
  path: string;
  text: string;
  language: Language;
  port: MessagePort;
  /** [0] becomes 1 when the reply has been posted. */
  signal: Int32Array;
}

type DeepReply = { ok: true; model: FileModel } | { ok: false; error: string };

/** True inside a worker started by parseInWorker (entry points may check it to do nothing). */
export function isDeepParseWorker(): boolean {
  return !isMainThread && isTagged<DeepRequest>(workerData, REQUEST_TAG);
}

/**
 * When this thread is a deep-parse worker, parses the requested file with `parse`, posts the result and
 * ends the thread. Called at module evaluation time by the front end's index module.
 */
export function serveDeepParseRequest(parse: (path: string, text: string, language: Language) => FileModel): void {
  if (!isDeepParseWorker()) return;
  const request = workerData as DeepRequest;
  let reply: DeepReply;
  try {
    reply = { ok: true, model: parse(request.path, request.text, request.language) };
  } catch (error) {
    reply = { ok: false, error: errorMessage(error) };
  }
  try {
    request.port.postMessage(reply);
  } catch (error) {
    request.port.postMessage({ ok: false, error: `could not send the result: ${String(error)}` } satisfies DeepReply);
  }
  Atomics.store(request.signal, 0, 1);
  Atomics.notify(request.signal, 0);
  // Stop this thread here: in the bundle, the rest (the CLI or Action entry) must not run in the worker.
  process.exit(0);
}

/**
 * Parses `text` in a worker with a large stack by starting `moduleUrl` (the URL of the front end's module
 * as loaded: the bundle when shipped). Returns the model, or an error message when that is not possible.
 */
export function parseInWorker(moduleUrl: string | undefined, path: string, text: string, language: Language): FileModel | string {
  if (!moduleUrl || !/\.(?:js|mjs|cjs)$/.test(new URL(moduleUrl).pathname)) {
    return 'no JavaScript module to run a worker from';
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const request: DeepRequest = { tag: REQUEST_TAG, path, text, language, port: port2, signal };
  let worker: Worker;
  try {
    worker = new Worker(new URL(moduleUrl), {
      workerData: request,
      transferList: [port2],
      resourceLimits: { stackSizeMb: WORKER_STACK_MB },
      stdout: true, // keep whatever the bundle might print out of our output
      stderr: true,
    });
  } catch (error) {
    port1.close();
    return `could not start a worker: ${errorMessage(error)}`;
  }
  worker.on('error', () => undefined); // reported through the reply or the timeout
  worker.unref();
  const deadline = Date.now() + WORKER_TIMEOUT_MS;
  while (Atomics.load(signal, 0) === 0) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    Atomics.wait(signal, 0, 0, Math.min(left, 1000));
  }
  const received = receiveMessageOnPort(port1);
  port1.close();
  void worker.terminate().catch(() => undefined);
  if (!received) return 'the parse worker did not answer';
  const reply = received.message as DeepReply;
  return reply.ok ? reply.model : reply.error;
}
