// The Python parse thread (bundled as dist/python-parser.js, started by parse-thread.ts): loads the
// grammar, sends its description, then parses each file it is sent and replies with the copied tree, its
// buffers transferred. Every reply bumps the shared counter the main thread may be waiting on.
import os from 'node:os';
import { isMainThread, workerData, parentPort } from 'node:worker_threads';
import { errorMessage, isTagged } from '../../threads.js';
import { describeGrammar, flatBuffers, grammarTables, parseToArrays } from './flat-tree.js';
import { PARSE_THREAD_TAG, type ParseRequest, type ParseThreadReply, type ParseThreadSetup } from './parse-thread.js';
import { initPython, pythonRuntime } from './runtime.js';

/**
 * Gives this thread the lowest CPU priority. On 2 cores the main thread, which has the most to do, shares
 * the second core with its own garbage collector and compiler threads: they should go first. On Linux
 * setpriority(0) changes the calling thread only; elsewhere it would change the whole process, so it is
 * left alone there.
 */
function lowerThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(os.constants.priority.PRIORITY_LOW);
  } catch {
    // Not allowed here (some containers): the thread runs at normal priority.
  }
}

if (!isMainThread && parentPort && isTagged<ParseThreadSetup>(workerData, PARSE_THREAD_TAG)) {
  lowerThreadPriority();
  const { replies, posted } = workerData;
  const reply = (message: ParseThreadReply, transfer: ArrayBuffer[] = []): void => {
    replies.postMessage(message, transfer);
    Atomics.add(posted, 0, 1);
    Atomics.notify(posted, 0);
  };
  const requests = parentPort;
  initPython().then(
    () => {
      const { parser, language, rawCursor } = pythonRuntime();
      const description = describeGrammar(language);
      const tables = grammarTables(description);
      reply({ grammar: description });
      requests.on('message', ({ id, text }: ParseRequest) => {
        try {
          const arrays = parseToArrays(parser, text, tables, rawCursor);
          reply({ id, arrays }, arrays ? flatBuffers(arrays) : []);
        } catch (error) {
          reply({ id, error: errorMessage(error) });
        }
      });
    },
    (error: unknown) => reply({ failed: `cannot load the Python parser: ${errorMessage(error)}` }),
  );
}
