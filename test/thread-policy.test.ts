// When the scan starts its threads (worker threads, the Python parse thread, the scan host): pure decisions,
// tested from the sources, apart from scan-parallel.test.ts, which builds the bundle first.
import { describe, expect, it } from 'vitest';
import { PYTHON_ONLY_THREAD_MIN_FILES, wantsPythonThread } from '../src/analysis/python/parse-thread.js';
import { START_WORKERS_AT, worthStartingWorkers } from '../src/core/parallel.js';
import { SCAN_HOST_MIN_FILES, wantsScanHost } from '../src/core/scan-host.js';
import { availableCores } from '../src/threads.js';

describe('when workers start', () => {
  it('only for thousands of files to parse, projected once a tenth of the tree is read', () => {
    // 5,000 generated files hold 1,229 to parse: one thread is faster on 2 cores.
    expect(worthStartingWorkers(123, { read: 500, total: 5000 })).toBe(false);
    expect(worthStartingWorkers(1229, { read: 5000, total: 5000 })).toBe(false);
    // 20,000 hold 4,984: started after a tenth, long before START_WORKERS_AT are queued.
    expect(worthStartingWorkers(499, { read: 2000, total: 20000 })).toBe(true);
    expect(worthStartingWorkers(499, { read: 1999, total: 20000 })).toBe(false);
    // Without a projection, the count alone.
    expect(worthStartingWorkers(START_WORKERS_AT - 1, undefined)).toBe(false);
    expect(worthStartingWorkers(START_WORKERS_AT, undefined)).toBe(true);
    // PROMPTGATE_WORKERS=N starts them from the first file.
    expect(worthStartingWorkers(1, { read: 1, total: 5000 }, 1)).toBe(true);
    expect(worthStartingWorkers(0, undefined, 1)).toBe(false);
  });
});

describe('when Python gets a thread of its own', () => {
  it('with a spare core and other source files, or many Python files alone, unless told otherwise', () => {
    const spare = availableCores() >= 2;
    expect(wantsPythonThread(1, 1, {})).toBe(spare);
    expect(wantsPythonThread(0, 500, {})).toBe(false);
    expect(wantsPythonThread(PYTHON_ONLY_THREAD_MIN_FILES, 0, {})).toBe(spare);
    expect(wantsPythonThread(PYTHON_ONLY_THREAD_MIN_FILES - 1, 0, {})).toBe(false);
    expect(wantsPythonThread(100, 100, { PROMPTGATE_WORKERS: '0' })).toBe(false);
    expect(wantsPythonThread(0, 0, { PROMPTGATE_PYTHON_THREAD: '1' })).toBe(true);
    expect(wantsPythonThread(10_000, 10_000, { PROMPTGATE_PYTHON_THREAD: '0' })).toBe(false);
  });
});

describe('when a scan runs in the host', () => {
  it('on Node 22 or later for large trees, unless told otherwise', () => {
    expect(wantsScanHost(SCAN_HOST_MIN_FILES, {}, '24.22.3')).toBe(true);
    expect(wantsScanHost(SCAN_HOST_MIN_FILES - 1, {}, '24.22.3')).toBe(false);
    expect(wantsScanHost(SCAN_HOST_MIN_FILES, {}, '20.20.2')).toBe(false);
    expect(wantsScanHost(1, { PROMPTGATE_SCAN_HOST: '1' }, '20.20.2')).toBe(true);
    expect(wantsScanHost(100_000, { PROMPTGATE_SCAN_HOST: '0' }, '24.22.3')).toBe(false);
  });
});
