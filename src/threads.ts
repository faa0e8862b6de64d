// What every thread the scan starts has in common: its entry file is one of the bundle's (dist/), found
// beside the chunk of the module that starts it, and it runs only when its workerData carries its tag; it
// is started only with a core to spare, unless an environment switch says otherwise.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * The bundle's entry `file` beside the chunk at `chunkUrl` (the caller's import.meta.url), or undefined
 * when there is none: running from the TypeScript sources (tests), the thread is not started.
 */
export function entryBeside(file: string, chunkUrl: string): URL | undefined {
  const url = new URL(`./${file}`, chunkUrl);
  if (url.protocol !== 'file:') return undefined;
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/** Whether a thread's workerData is the setup its starter sent (tagged `tag`), not another thread's. */
export function isTagged<T extends { tag: string }>(data: unknown, tag: T['tag']): data is T {
  return typeof data === 'object' && data !== null && (data as { tag?: unknown }).tag === tag;
}

/** The text of an error a thread reports: an Error's message, anything else as a string. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Cores this process may use. */
export function availableCores(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/** The scan workers PROMPTGATE_WORKERS asks for (a whole number; 0: no threads at all), or undefined when
 * it is unset or not a number. */
export function forcedWorkerCount(env: Record<string, string | undefined>): number | undefined {
  const forced = env.PROMPTGATE_WORKERS?.trim();
  return forced && /^\d+$/.test(forced) ? Number(forced) : undefined;
}

/** The major version of a `process.versions` entry (`'11.3.244.8-node.33'` → 11). */
export function majorVersion(version: string): number {
  return Number(version.split('.')[0]);
}

/** An on/off environment switch: true for `1`, false for `0`, undefined when unset or anything else. */
export function envSwitch(env: Record<string, string | undefined>, name: string): boolean | undefined {
  const value = env[name]?.trim();
  return value === '1' ? true : value === '0' ? false : undefined;
}
