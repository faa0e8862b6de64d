// How eagerly V8 optimizes the scan's code. On two cores, its optimizing compiler (TurboFan, on V8's
// background threads) competes for the second core with the scan's own threads: a 1,000-file scan on
// Node 20 spent ~0.9 s of CPU compiling there, against ~0.75 s of work on the main thread. Letting each
// function run longer before it is considered for optimization cuts that to ~0.3 s, costs the main thread
// ~0.1 s, and ends the scan ~20 % sooner. With more cores the compiler runs beside the scan for free, so
// nothing changes there. Node 22+ (V8 12+) tiers by invocation counts, with Maglev in between, and did not
// gain from tuning, so only V8 11 (Node 20) is tuned. docs/performance.md has the measurements.
import v8 from 'node:v8';
import { availableCores, envSwitch } from './threads.js';

/** Bytecode bytes a function may execute before V8 11 considers optimizing it (its default: 67,584). */
export const INTERRUPT_BUDGET = 400_000;

/**
 * The V8 flag to set, if any. `PROMPTGATE_JIT_TUNING=1|0` forces it on (on V8 11) or off.
 */
export function jitFlag(
  env: Record<string, string | undefined>,
  v8Version: string = process.versions.v8,
  cores: number = availableCores(),
): string | undefined {
  const forced = envSwitch(env, 'PROMPTGATE_JIT_TUNING');
  if (forced === false || !v8Version.startsWith('11.')) return undefined;
  return forced === true || cores <= 2 ? `--interrupt-budget=${INTERRUPT_BUDGET}` : undefined;
}

/** Sets the flag for this process and its threads. Call first thing: functions compiled before keep theirs. */
export function tuneJit(env: Record<string, string | undefined> = process.env): void {
  const flag = jitFlag(env);
  if (flag) v8.setFlagsFromString(flag);
}
