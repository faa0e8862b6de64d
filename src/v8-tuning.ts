// V8 settings the scan runs better with, set once running (v8.setFlagsFromString): an Action cannot pass
// flags to `node24`, and the CLI is started as `promptgate`. The flags only change when V8 optimizes and
// collects, never what the code does. docs/performance.md has the measurements.
//
// - How eagerly code is optimized. On two cores V8's optimizing compilers (on its background threads)
//   compete for the second core with the scan's own threads: a 1,000-file scan on Node 20 spent ~0.9 s of
//   CPU compiling there, against ~0.75 s of work on the main thread. Letting a function run longer before
//   it is considered for optimization cuts that to ~0.35 s, costs the main thread ~0.05 s, and ends the scan
//   ~20 % sooner on Node 20, ~7 % on Node 24 (which has the cheaper Maglev tier). With more cores the
//   compilers run beside the scan for free, and delaying them only slows the main thread. Each V8 counts
//   differently, so the flags are per V8 major version, for the versions they were measured on.
// - How far the old generation grows between collections. A large scan keeps ~40 MB alive, but with
//   memory to spare V8 let the old space grow fourfold before collecting it: 5,000 files peaked at up to
//   ~400 MB under Node 24. Growing it at most twofold keeps the peak near 300 MB, for ~3 % more time on
//   Node 24 and none on Node 20; small trees do not grow it enough to matter and were slower with it, so
//   only large trees get it.
import v8 from 'node:v8';
import { availableCores, envSwitch, majorVersion } from './threads.js';

type Env = Record<string, string | undefined>;

/** Flags that hold back the optimizing compilers, by V8 major version (Node 20: 11, Node 24: 13). */
export const OPTIMIZATION_DELAY: Readonly<Record<string, readonly string[]>> = {
  // Bytecode bytes a function runs before it is considered for TurboFan (default 67,584).
  '11': ['--interrupt-budget=400000'],
  // Calls (or loop iterations) before Maglev and before TurboFan (defaults 400 and 3,000).
  '13': ['--invocation-count-for-maglev=2000', '--invocation-count-for-turbofan=20000'],
};

/** The last V8 major version the heap growth limit was measured on (13: Node 24); later ones get none. */
export const HEAP_GROWTH_LAST_V8 = 13;

/** The old generation may grow to (1 + this / 100) times what the last full collection kept. */
export const HEAP_GROWING_PERCENT = 100;

/** Trees from this size on get the heap growth limit (the size where the scan host and workers start). */
export const LARGE_TREE_FILES = 2000;

/** Flags for the whole run, set first thing. `PROMPTGATE_V8_TUNING=1|0` forces them whatever the cores, or none. */
export function startupFlags(env: Env, v8Version: string = process.versions.v8, cores: number = availableCores()): string[] {
  const forced = envSwitch(env, 'PROMPTGATE_V8_TUNING');
  const flags = OPTIMIZATION_DELAY[majorVersion(v8Version)] ?? [];
  return forced === true || (forced === undefined && cores <= 2) ? [...flags] : [];
}

/** Flags for a scan of `fileCount` files, set once the tree is discovered. */
export function scanFlags(env: Env, fileCount: number, v8Version: string = process.versions.v8): string[] {
  const forced = envSwitch(env, 'PROMPTGATE_V8_TUNING');
  // Measured on V8 11 (Node 20) and 13 (Node 24); a later V8 may drop the flag and would print an error.
  if (forced === false || majorVersion(v8Version) > HEAP_GROWTH_LAST_V8) return [];
  return forced === true || fileCount >= LARGE_TREE_FILES ? [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`] : [];
}

/** Sets flags for this process and the threads it starts from now on. */
export function setV8Flags(flags: readonly string[]): void {
  for (const flag of flags) v8.setFlagsFromString(flag);
}
