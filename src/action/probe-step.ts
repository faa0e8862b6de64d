// The optional live probe of a preview deployment, wired from the `probe-*` inputs. Loaded on demand:
// most runs never probe.
import { applyRuleSettings, type ResolvedConfig } from '../config/config.js';
import type { Logger } from '../core/types.js';
import type { ProbeOptions, ProbeResult } from '../probe/types.js';
import type { ProbeInputs } from './inputs.js';

export interface ProbeStepResult {
  result: ProbeResult;
  markdown: string;
}

/** The workflow file (repository-relative) from `GITHUB_WORKFLOW_REF` (`owner/repo/path@ref`). */
export function workflowFile(env: NodeJS.ProcessEnv): string | undefined {
  const ref = env.GITHUB_WORKFLOW_REF;
  const match = ref ? /^[^/]+\/[^/]+\/(.+?)@/.exec(ref) : null;
  return match?.[1];
}

export function probeOptions(inputs: ProbeInputs, locationFallback: string | undefined): ProbeOptions {
  return {
    url: inputs.url,
    headers: inputs.headers,
    bypassHeaders: inputs.bypassHeaders,
    tier: inputs.tier,
    allowPrivate: inputs.allowPrivate,
    ...(inputs.body !== undefined ? { body: inputs.body } : {}),
    ...(inputs.responsePath !== undefined ? { responsePath: inputs.responsePath } : {}),
    ...(inputs.canary !== undefined ? { canary: inputs.canary } : {}),
    ...(inputs.maxRequests !== undefined ? { maxRequests: inputs.maxRequests } : {}),
    ...(inputs.deadlineSeconds !== undefined ? { deadlineSeconds: inputs.deadlineSeconds } : {}),
    ...(locationFallback ? { locationFallback } : {}),
  };
}

export async function runProbeStep(
  inputs: ProbeInputs,
  root: string,
  env: NodeJS.ProcessEnv,
  logger: Logger,
  config: ResolvedConfig,
): Promise<ProbeStepResult> {
  const probe = await import('../probe/index.js');
  const options = probeOptions(inputs, workflowFile(env) ?? '.github/workflows');
  const raw = await probe.runProbe({ ...options, source: await probe.collectProbeSource(root, logger) }, logger);
  const result = { ...raw, findings: applyRuleSettings(raw.findings, config) };
  return { result, markdown: probe.renderProbeMarkdown(result) };
}
