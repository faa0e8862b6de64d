// What the static scan of `--source` tells the probe: route handlers (to locate findings) and system
// prompts (to recognise a leak). A failure here costs the probe context, never the run.
import { readStaticAppContext } from '../core/routes.js';
import type { Logger } from '../core/types.js';
import type { RouteInfo } from './types.js';

export interface ProbeSource {
  routes: RouteInfo[];
  systemPrompts: string[];
}

/** Routes and system prompts under `root`; empty when reading the source fails. */
export async function collectProbeSource(root: string, logger?: Logger): Promise<ProbeSource> {
  try {
    return await readStaticAppContext(root);
  } catch (error) {
    logger?.warning(`probe: could not read routes and system prompts from ${root}: ${(error as Error).message}`);
    return { routes: [], systemPrompts: [] };
  }
}
