// The live probe (DESIGN §5): a small, fixed set of benign requests against a preview deployment's LLM
// endpoint, decided from the answers alone. Entry point: runProbe.
import { UsageError, type FileError, type Finding, type Logger } from '../core/types.js';
import { VERSION } from '../version.js';
import { ProbeClient, TargetUnreachableError, resolveTarget, type Target } from './client.js';
import { squash } from './detect.js';
import { Redactor } from './evidence.js';
import { parseResponsePath } from './extract.js';
import { parseHeaders } from './headers.js';
import { locate, probeFingerprint } from './locate.js';
import { MATCHERS, escalate, type MatchContext, type Verdict } from './matchers.js';
import { PROBES, probeHelp, probesForTier, type ProbeDef } from './probes.js';
import { calibrate, runBurst, runProbes, type RunState } from './run.js';
import { templateShape } from './shapes.js';
import { SCHEDULING_CUTOFF, TIER_LIMITS } from './tiers.js';
import { Rng, newRunId } from './tokens.js';
import { TIER_NAMES, type ProbeOptions, type ProbeResult, type ProbeRuleMeta, type Tier } from './types.js';

export type { ProbeOptions, ProbeResult, ProbeRuleMeta, RouteInfo, Tier, HeaderInput } from './types.js';
export { parseHeaders, probeSecrets } from './headers.js';
export { renderProbeText, renderProbeMarkdown } from './render.js';
export { PROBES } from './probes.js';
export { collectProbeSource, type ProbeSource } from './source.js';

export const USER_AGENT = `promptgate/${VERSION} (live-probe; +https://github.com/promptgate/promptgate)`;
export const RUN_ID_HEADER = 'x-promptgate-probe-run';
const METHOD = 'POST';
const MAX_DEADLINE_SECONDS = 3600;

export function probeRules(tier?: Tier): ProbeRuleMeta[] {
  return (tier ? probesForTier(tier) : PROBES).map((p) => ({
    id: p.id,
    title: p.title,
    description: p.description,
    severity: p.severity,
    cwe: [...p.cwe],
    owasp: [...p.owasp],
    precision: p.precision,
    help: probeHelp(p),
  }));
}

interface Settings {
  tier: Tier;
  maxRequests: number;
  deadlineMs: number;
  app: Record<string, string>;
  bypass: Record<string, string>;
  canary: string | undefined;
  runId: string;
  fallback: string;
}

function settings(options: ProbeOptions): Settings {
  const tier = options.tier ?? 'quick';
  if (!TIER_NAMES.includes(tier)) throw new UsageError(`--tier must be quick, standard or deep (got "${String(tier).slice(0, 20)}")`);
  const limits = TIER_LIMITS[tier];
  let maxRequests = limits.maxRequests;
  if (options.maxRequests !== undefined) {
    if (!Number.isInteger(options.maxRequests) || options.maxRequests < 1) throw new UsageError('--max-requests must be a whole number of at least 1');
    maxRequests = Math.min(options.maxRequests, limits.maxRequests);
  }
  let deadlineMs = limits.deadlineMs;
  if (options.deadlineSeconds !== undefined) {
    const s = options.deadlineSeconds;
    if (!Number.isFinite(s) || s <= 0 || s > MAX_DEADLINE_SECONDS) throw new UsageError(`--deadline must be between 0 and ${MAX_DEADLINE_SECONDS} seconds`);
    deadlineMs = Math.round(s * 1000);
  }
  const canary = options.canary?.trim() || undefined;
  if (canary && squash(canary).length < 8) throw new UsageError('--canary must have at least 8 letters or digits, so it cannot match by chance');
  const fallback = (options.locationFallback ?? '.promptgate.yml').replace(/\\/g, '/').replace(/^\.\//, '');
  return {
    tier,
    maxRequests,
    deadlineMs,
    app: parseHeaders(options.headers, '--header'),
    bypass: parseHeaders(options.bypassHeaders, '--bypass-header'),
    canary,
    runId: options.runId ?? newRunId(),
    fallback,
  };
}

/** Origin and path of the URL, without query string or credentials (a bypass token may sit in the query). */
export function displayTarget(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function buildFindings(
  probes: readonly ProbeDef[],
  verdicts: Map<string, Verdict>,
  options: ProbeOptions,
  s: Settings,
  path: string,
  redactor: Redactor,
): Finding[] {
  const loc = locate(options.source?.routes ?? [], path, METHOD, s.fallback);
  return probes.map((p) => {
    const v = verdicts.get(p.id)!;
    const finding: Finding = {
      ruleId: p.id,
      severity: v.severity ?? p.severity,
      title: p.title,
      message: `${redactor.clean(v.message)} (${METHOD} ${path})`,
      file: loc.file,
      line: loc.line,
      column: 1,
      endLine: loc.line,
      endColumn: 2,
      cwe: [...p.cwe],
      owasp: [...p.owasp],
      fingerprint: probeFingerprint(p.id, METHOD, path),
      status: v.status,
    };
    if (v.evidence) finding.evidence = redactor.final(v.evidence);
    return finding;
  });
}

function baseResult(s: Settings, target: string, requests: number, started: number): Omit<ProbeResult, 'findings' | 'rules' | 'errors'> {
  return {
    requests,
    maxRequests: s.maxRequests,
    elapsedMs: Date.now() - started,
    shape: undefined,
    responseFormat: undefined,
    calibrated: false,
    responses: 0,
    blockedBy: undefined,
    tier: s.tier,
    target,
    method: METHOD,
  };
}

/**
 * Probe the endpoint at `options.url`. Usage problems (bad URL, private address without allowPrivate,
 * bad header or template) throw a UsageError before any request; everything else becomes a result in
 * which every probe of the tier has a status.
 */
export async function runProbe(options: ProbeOptions, logger: Logger): Promise<ProbeResult> {
  const started = Date.now();
  const s = settings(options);
  const template = options.body ? templateShape(options.body) : undefined;
  const responsePath = options.responsePath ? parseResponsePath(options.responsePath) : undefined;
  const probes = probesForTier(s.tier);
  const rules = probeRules(s.tier);
  const ourSecrets = [...Object.values(s.app), ...Object.values(s.bypass)];
  const redactor = new Redactor(ourSecrets, s.canary);

  let target: Target;
  try {
    target = await resolveTarget(options.url, options.allowPrivate ?? false);
  } catch (error) {
    if (!(error instanceof TargetUnreachableError)) throw error;
    const url = new URL(options.url);
    const verdicts = new Map<string, Verdict>(probes.map((p) => [p.id, { status: 'inconclusive', message: `target unreachable: ${error.message}` }]));
    return {
      ...baseResult(s, displayTarget(url), 0, started),
      findings: buildFindings(probes, verdicts, options, s, url.pathname, redactor),
      rules,
      errors: [{ file: s.fallback, message: `probe: ${error.message}` }],
    };
  }

  const limits = TIER_LIMITS[s.tier];
  const path = target.url.pathname;
  logger.info(`probe: ${METHOD} ${displayTarget(target.url)} (tier ${s.tier}, at most ${s.maxRequests} requests, deadline ${Math.round(s.deadlineMs / 1000)} s)`);
  const client = new ProbeClient(
    target,
    { ...limits, maxRequests: s.maxRequests, deadlineMs: s.deadlineMs, cutoff: SCHEDULING_CUTOFF },
    { app: s.app, bypass: s.bypass, userAgent: USER_AGENT, runIdHeader: RUN_ID_HEADER, runId: s.runId },
  );
  const state: RunState = {
    tier: s.tier,
    limits,
    client,
    logger,
    rng: new Rng(s.runId),
    runId: s.runId,
    method: METHOD,
    path,
    template,
    responsePath,
    hasAppAuth: Object.keys(s.app).length > 0,
    extra: {},
    shape: undefined,
    calibrated: false,
    guess: undefined,
    calibrationNote: '',
    wall: undefined,
    stateful: undefined,
    sent: [],
    notRun: new Map(),
    requestCounter: 0,
  };
  try {
    await calibrate(state);
    await runProbes(state, probes);
    await runBurst(state, probes.find((p) => p.send.kind === 'burst'));
  } finally {
    await client.close();
  }

  const verdicts = new Map<string, Verdict>();
  for (const probe of probes) {
    const context: MatchContext = {
      state,
      probe,
      items: state.sent.filter((x) => x.probe === probe.id),
      redactor,
      canary: s.canary,
      systemPrompts: options.source?.systemPrompts ?? [],
      ourSecrets,
      verdicts,
    };
    verdicts.set(probe.id, MATCHERS[probe.match.kind](context));
  }
  escalate(verdicts, (id) => PROBES.find((p) => p.id === id)!.severity);

  const errors: FileError[] = [];
  const add = (message: string): void => {
    const text = `probe: ${redactor.clean(message)}`;
    if (!errors.some((e) => e.message === text)) errors.push({ file: s.fallback, message: text });
  };
  for (const note of client.notes) add(note);
  if (!state.calibrated) add(`calibration failed, model-behaviour probes cannot pass: ${state.calibrationNote || 'no answer'}`);
  if (client.responses === 0) add(`no response from ${displayTarget(target.url)}`);

  const format = state.sent.find((x) => x.probe === 'calibration' && x.extracted.format !== 'empty')?.extracted.format;
  const shape = state.shape ?? state.guess;
  const findings = buildFindings(probes, verdicts, options, s, path, redactor);
  const result: ProbeResult = {
    ...baseResult(s, displayTarget(target.url), client.requests, started),
    findings,
    rules,
    shape: shape?.id,
    responseFormat: format,
    calibrated: state.calibrated,
    responses: client.responses,
    blockedBy: state.wall,
    errors,
  };
  const failed = findings.filter((f) => f.status === 'fail').length;
  logger.info(`probe: ${client.requests} requests in ${(result.elapsedMs / 1000).toFixed(1)} s, ${failed} failed`);
  return result;
}
