// The Action pipeline: inputs → event → changed files → config → scan → new vs existing → probe →
// SARIF (written, uploaded) → comment → annotations → summary → outputs → gate. All I/O with the runner
// goes through ActionIO, all GitHub calls through src/github.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultConfig, type ResolvedConfig } from '../config/config.js';
import { loadConfig, parseConfigText } from '../config/load.js';
import { markNew, scanSources, scanTree } from '../core/scan.js';
import { UsageError, type Finding, type Logger, type ScanResult } from '../core/types.js';
import { GitHubApiError, GitHubClient, sleep as realSleep } from '../github/client.js';
import { uploadSarif, waitForSarifProcessing } from '../github/code-scanning.js';
import { upsertStickyComment } from '../github/comments.js';
import { getFileBytes } from '../github/contents.js';
import { getTokenIdentity } from '../github/identity.js';
import { listPullFiles, PULL_FILES_LIMIT } from '../github/pulls.js';
import { isProblem } from '../report/json.js';
import { buildSarif, PROBE_CATEGORY, serializeSarif, STATIC_CATEGORY, TOOL_NAME, type SarifRunInput } from '../report/sarif.js';
import { allRules } from '../rules/index.js';
import { VERSION } from '../version.js';
import { planAnnotations, type Annotation } from './annotations.js';
import { loadBaseVersions } from './base-versions.js';
import {
  changedFilesFromGit,
  fromDiffEntries,
  isChangedLine,
  scannableFiles,
  type ChangedFile,
  type ChangedFiles,
} from './changed-files.js';
import { readRunContext, sarifTarget, type PullInfo, type RunContext } from './event.js';
import { decideGate, type GateResult } from './gate.js';
import { describeConfigChanges, findAddedSuppressions, type GateChanges } from './gate-changes.js';
import { Git } from '../workspace/git.js';
import { buildOutputs, OUTPUT_NAMES } from './outputs.js';
import { parseInputs, secretValues, type ActionInputs, type GetInput, type Scope } from './inputs.js';
import { runProbeStep, type ProbeStepResult } from './probe-step.js';
import { blobUrl, renderComment, renderSummary, type ReportInput } from './report.js';
import { resolvePull } from './resolve-pull.js';
import { makeScrubber, type Scrubber } from './scrub.js';

/** What the pipeline needs from the runner; @actions/core implements it in actions-io.ts. */
export interface ActionIO {
  logger: Logger;
  getInput: GetInput;
  setSecret(value: string): void;
  setOutput(name: string, value: string): void;
  annotate(annotation: Annotation): void;
  /** A plain notice (no file). */
  notice(message: string): void;
  writeSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
}

/** Test-only knob: caps every retry and polling wait (milliseconds) so tests stay fast. */
export const RETRY_CAP_ENV = 'PROMPTGATE_RETRY_MAX_MS';

/** Runs the Action; returns the exit code (0 pass, 1 gate failed, 2 usage or runtime error). */
export async function runAction(io: ActionIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // Mask first: nothing below may print the token, even in an error.
  const rawToken = io.getInput('github-token');
  if (rawToken) io.setSecret(rawToken);
  try {
    return await pipeline(io, env);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const scrub = makeScrubber([rawToken]);
    if (error instanceof UsageError) {
      io.setFailed(`promptgate: ${scrub(message ?? '')}`);
    } else {
      io.logger.debug(scrub((error as Error)?.stack ?? ''));
      io.setFailed(`promptgate: internal error: ${scrub(message ?? '')}`);
    }
    return 2;
  }
}

interface Step {
  inputs: ActionInputs;
  context: RunContext;
  logger: Logger;
  git: Git;
  client: GitHubClient | undefined;
  scrub: Scrubber;
  wait: (ms: number) => Promise<void>;
}

async function pipeline(io: ActionIO, env: NodeJS.ProcessEnv): Promise<number> {
  const inputs = parseInputs(io.getInput);
  const secrets = secretValues(inputs);
  // The token was masked before parsing; mask the probe header values too.
  for (const secret of secrets) if (secret !== inputs.token) io.setSecret(secret);
  const scrub = makeScrubber(secrets);
  const logger = io.logger;
  const context = readRunContext(env);
  const root = context.workspace;
  const git = new Git(root);
  const cap = Number(env[RETRY_CAP_ENV]) > 0 ? Number(env[RETRY_CAP_ENV]) : 60_000;
  const wait = (ms: number): Promise<void> => realSleep(Math.min(ms, cap));
  const client = inputs.token
    ? new GitHubClient({ token: inputs.token, baseUrl: context.apiUrl, logger, maxDelayMs: cap, sleep: wait, userAgent: `promptgate/${VERSION}` })
    : undefined;
  if (!client) logger.info('No github-token: changed files come from git; no comment and no SARIF upload.');
  const step: Step = { inputs, context, logger, git, client, scrub, wait };

  context.pull = await resolvePull(context, client, logger);
  const pull = context.pull;
  const workspaceHead = await git.head();
  const notes: string[] = [];
  // pull_request checks out the merge commit (GITHUB_SHA); every other PR-bound event must check out the
  // head, or the "changed files" read here are the base branch's versions.
  const atMergeCommit = context.eventName === 'pull_request' && workspaceHead === context.sha;
  if (pull && workspaceHead && workspaceHead !== pull.headSha && !atMergeCommit) {
    const warning = `The workspace is at ${workspaceHead.slice(0, 12)}, not the pull request head ${pull.headSha.slice(0, 12)}: check out the head commit (see the promptgate docs on ${context.eventName}).`;
    logger.warning(warning);
    notes.push(warning);
  }

  // Which files the comment, annotations and gate cover.
  let scope: Scope = inputs.scope === 'auto' ? (pull ? 'changed' : 'all') : inputs.scope;
  let changed: ChangedFiles | undefined;
  if (pull) changed = await pullChangedFiles(step, pull, workspaceHead);
  else if (scope === 'changed') changed = await pushChangedFiles(step, workspaceHead);
  if (scope === 'changed' && !changed) {
    logger.warning('Could not determine the changed files: reporting on all files.');
    scope = 'all';
  }
  const changedByPath = new Map((changed?.files ?? []).map((file) => [file.path, file]));
  const changedPaths = new Set(scannableFiles(changed?.files ?? []).map((file) => file.path));

  // Config: the PR's own, or the base branch's with config-from-base.
  const { config, gateChanges } = await resolveConfig(step, pull, changed?.files);

  // The SARIF upload must be a complete analysis of its category, so it needs a full scan.
  const fullScan = scope === 'all' || inputs.uploadSarif;
  const include = inputs.paths.length ? inputs.paths : undefined;
  let scan: ScanResult;
  if (fullScan) {
    scan = await scanTree({ root, config, logger, include, exclude: inputs.exclude });
  } else if (changedPaths.size) {
    scan = await scanTree({ root, config, logger, include, exclude: inputs.exclude, targets: [...changedPaths].sort() });
  } else {
    scan = { findings: [], suppressed: [], errors: [], summary: { critical: 0, high: 0, medium: 0, low: 0, files: 0, suppressed: 0, skipped: 0 } };
  }

  const inScope = (finding: Finding): boolean => scope === 'all' || changedPaths.has(finding.file);
  const newKnown = Boolean(pull && changed);
  if (pull && changed) await markNewFindings(step, pull, scan.findings.filter((f) => changedPaths.has(f.file)), changed.files, config);
  if (newKnown) for (const finding of scan.findings) if (!changedPaths.has(finding.file)) finding.new = false;

  // The live probe: its failures always count (a live endpoint has no base version).
  let probe: ProbeStepResult | undefined;
  if (inputs.probe) {
    logger.info(`Probing ${new URL(inputs.probe.url).origin} (${inputs.probe.tier} tier)`);
    probe = await runProbeStep(inputs.probe, root, env, logger, config);
  }

  const reported = [...scan.findings.filter(inScope), ...(probe?.result.findings ?? [])].filter(isProblem);
  const suppressedCount = scan.suppressed.filter(inScope).length;
  const gate = decideGate(reported, inputs.failOn, inputs.failOnScope, newKnown);

  // SARIF: written always (forks, artifacts), uploaded when possible.
  const sarifPath = path.resolve(root, inputs.sarifFile);
  const runs: SarifRunInput[] = [{ category: STATIC_CATEGORY, rules: allRules.map((rule) => rule.meta), findings: scan.findings }];
  if (probe) runs.push({ category: PROBE_CATEGORY, rules: probe.result.rules, findings: probe.result.findings });
  const sarifText = scrub(serializeSarif(buildSarif({ toolVersion: VERSION, runs })));
  await mkdir(path.dirname(sarifPath), { recursive: true });
  await writeFile(sarifPath, sarifText);
  logger.info(`SARIF written to ${path.relative(root, sarifPath) || sarifPath}`);
  const sarifId = inputs.uploadSarif ? await upload(step, sarifText, workspaceHead, notes) : undefined;

  const report: ReportInput = {
    findings: reported,
    suppressed: suppressedCount,
    gate,
    newKnown,
    scopeLabel: scope === 'all' ? 'all files' : `${changedPaths.size} changed file${changedPaths.size === 1 ? '' : 's'}`,
    link: (finding) => blobUrl(context.serverUrl, context.repo.owner, context.repo.repo, workspaceHead ?? context.sha, finding.file, finding.line),
    gateChanges,
    probeMarkdown: probe?.markdown,
    notes,
    // Probe errors are part of the probe's own markdown.
    errors: scan.errors.filter((e) => scope === 'all' || changedPaths.has(e.file)),
  };

  const commentId = pull && inputs.comment && client ? await comment(step, pull, report) : undefined;

  if (inputs.annotations) {
    const plan = planAnnotations(reported, (f) => isChangedLine(changedByPath.get(f.file), f.line));
    for (const annotation of plan.annotations) {
      io.annotate({ ...annotation, message: scrub(annotation.message), title: scrub(annotation.title) });
    }
    if (plan.omitted) io.notice(`promptgate: ${plan.omitted} more finding${plan.omitted === 1 ? '' : 's'} in the job summary`);
  }

  try {
    await io.writeSummary(scrub(renderSummary(report)));
  } catch (error) {
    logger.warning(`Could not write the job summary: ${(error as Error).message}`);
  }

  const outputs = buildOutputs({ sarifFile: path.relative(root, sarifPath) || sarifPath, findings: reported, sarifId, commentId });
  for (const name of OUTPUT_NAMES) io.setOutput(name, outputs[name]);
  return finish(io, gate);
}

function finish(io: ActionIO, gate: GateResult): number {
  if (gate.failed) {
    io.setFailed(`promptgate: ${gate.reason}`);
    return 1;
  }
  io.logger.info(`promptgate: ${gate.reason}`);
  return 0;
}

/** `pulls.listFiles` first; git when the API fails or the PR exceeds its 3,000-file limit. */
async function pullChangedFiles(step: Step, pull: PullInfo, head: string | undefined): Promise<ChangedFiles | undefined> {
  const { client, logger } = step;
  let fromApi: ChangedFiles | undefined;
  if (client) {
    try {
      const listed = await listPullFiles(client, step.context.repo, pull.number);
      fromApi = { files: fromDiffEntries(listed.files), source: 'api', truncated: listed.truncated || (pull.changedFiles ?? 0) > PULL_FILES_LIMIT };
      if (!fromApi.truncated) return fromApi;
      logger.info(`The pull request changes more than ${PULL_FILES_LIMIT} files: trying git for the full list`);
    } catch (error) {
      logger.warning(`Could not list the pull request's files through the API (${(error as Error).message}): trying git`);
    }
  }
  const range = await gitRange(step, pull, head);
  const files = range ? await changedFilesFromGit(step.git, range) : undefined;
  if (files) return { files, source: 'git', truncated: false };
  if (fromApi) {
    logger.warning(`Only the first ${PULL_FILES_LIMIT} changed files are known; use fetch-depth: 0 to cover all of them.`);
    return fromApi;
  }
  return undefined;
}

/** A diff range the local history can answer, or undefined on a shallow checkout without the base. */
async function gitRange(step: Step, pull: PullInfo, head: string | undefined): Promise<string | undefined> {
  if (!head) return undefined;
  if (await step.git.hasCommit(pull.baseSha)) return `${pull.baseSha}...${head}`;
  // The PR merge commit's first parent is the base tip (fetch-depth: 2 is enough).
  if (head === step.context.sha && step.context.eventName === 'pull_request') {
    const parent = await step.git.firstParent(head);
    if (parent) return `${parent}...${head}`;
  }
  return undefined;
}

async function pushChangedFiles(step: Step, head: string | undefined): Promise<ChangedFiles | undefined> {
  const before = step.context.payload.before;
  if (!head || !before || /^0+$/.test(before) || !(await step.git.hasCommit(before))) return undefined;
  const files = await changedFilesFromGit(step.git, `${before}...${head}`);
  return files ? { files, source: 'git', truncated: false } : undefined;
}

/** Bytes of a file at the base commit: git when the history has it, else the contents API. */
async function baseFileText(step: Step, sha: string, file: string): Promise<string | undefined> {
  if (await step.git.hasCommit(sha)) return (await step.git.show(sha, file))?.toString('utf8');
  if (!step.client) throw new Error('no token to read the base version through the API');
  return (await getFileBytes(step.client, step.context.repo, file, sha))?.toString('utf8');
}

async function resolveConfig(
  step: Step,
  pull: PullInfo | undefined,
  changedFiles: ChangedFile[] | undefined,
): Promise<{ config: ResolvedConfig; gateChanges: GateChanges | undefined }> {
  const { inputs, context, logger } = step;
  const root = context.workspace;
  const configPath = inputs.config;
  const isDefaultPath = configPath === '.promptgate.yml';
  const loadHead = async (): Promise<ResolvedConfig> => {
    if (isDefaultPath && !existsSync(path.resolve(root, configPath))) return defaultConfig();
    return loadConfig(root, configPath);
  };
  if (!pull) return { config: await loadHead(), gateChanges: undefined };

  const normalized = configPath.replace(/^\.\//, '');
  const configFile = changedFiles?.find((file) => file.path === normalized || file.previousPath === normalized);
  const suppressions = changedFiles ? findAddedSuppressions(changedFiles, headTextReader(root)) : [];
  if (!inputs.configFromBase && !configFile) {
    return { config: await loadHead(), gateChanges: { suppressions, config: undefined } };
  }

  // The base branch's config, for gating (config-from-base) or for describing the PR's change to it.
  let base: ResolvedConfig = defaultConfig();
  try {
    const text = await baseFileText(step, pull.baseSha, normalized);
    if (text !== undefined) base = await parseConfigText(text, `${normalized} (base branch)`);
  } catch (error) {
    if (inputs.configFromBase) throw new UsageError(`config-from-base: cannot read ${normalized} at the base commit: ${(error as Error).message}`);
    logger.warning(`Could not read the base branch's ${normalized}: ${(error as Error).message}`);
  }
  let head: ResolvedConfig | undefined;
  let headError: string | undefined;
  try {
    head = await loadHead();
  } catch (error) {
    if (!inputs.configFromBase) throw error;
    headError = (error as Error).message;
    logger.warning(`The pull request's ${normalized} is invalid (${headError}); gating with the base branch's config.`);
  }
  const gatingWith = inputs.configFromBase ? 'base' : 'head';
  return {
    config: inputs.configFromBase ? base : head!,
    gateChanges: {
      suppressions,
      config: configFile
        ? { path: normalized, gatingWith, changes: head ? describeConfigChanges(base, head) : [], ...(headError ? { error: headError } : {}) }
        : undefined,
    },
  };
}

/** Reads head files of the workspace, never outside it, whatever a file name in the diff or a symlink says. */
function headTextReader(root: string): (file: string) => string | undefined {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return () => undefined;
  }
  return (file) => {
    try {
      const absolute = realpathSync(path.resolve(root, file));
      if (!absolute.startsWith(realRoot + path.sep)) return undefined;
      return readFileSync(absolute, 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** New = the fingerprint is absent from the scan of the base versions of the changed files. */
async function markNewFindings(step: Step, pull: PullInfo, findings: Finding[], files: ChangedFile[], config: ResolvedConfig): Promise<void> {
  const { client, context, logger } = step;
  if (!findings.length) return;
  // Only files with findings need their base version (the API budget is small).
  const withFindings = new Set(findings.map((f) => f.file));
  const wanted = files.filter((file) => withFindings.has(file.path));
  const base = await loadBaseVersions(
    wanted,
    pull.baseSha,
    {
      git: step.git,
      ...(client ? { fetchContents: (file: string, ref: string) => getFileBytes(client, context.repo, file, ref) } : {}),
    },
    logger,
    config.maxFileBytes,
  );
  if (base.source === 'none' && base.missing.length) {
    logger.warning('The base versions of the changed files are unavailable (no history, no token): every finding in them counts as new.');
  }
  const baseScan = await scanSources({ root: context.workspace, files: base.files, config, logger });
  markNew(findings, baseScan.findings);
  logger.info(`Base versions of ${base.files.length} changed file(s) read from ${base.source}; ${findings.filter((f) => f.new).length} of ${findings.length} finding(s) in changed files are new`);
}

function warnUnavailable(logger: Logger, what: string, error: unknown, isFork: boolean): void {
  const status = error instanceof GitHubApiError ? error.status : 0;
  const hint =
    status === 403 || status === 404
      ? isFork
        ? ' The token of a pull request from a fork is read-only; see the promptgate docs for the workflow_run recipe.'
        : status === 403
          ? ` Check the workflow's permissions${error instanceof GitHubApiError && error.acceptedPermissions ? ` (needs ${error.acceptedPermissions})` : ''}.`
          : ''
      : '';
  logger.warning(`${what}: ${(error as Error).message}.${hint}`);
}

async function upload(step: Step, sarifText: string, head: string | undefined, notes: string[]): Promise<string | undefined> {
  const { client, context, logger } = step;
  if (!client) return undefined;
  const target = sarifTarget(context, head);
  if (!target) {
    logger.warning('No git ref describes the analysed commit: SARIF written but not uploaded.');
    return undefined;
  }
  try {
    const { id } = await uploadSarif(client, context.repo, {
      commitSha: target.commitSha,
      ref: target.ref,
      sarif: sarifText,
      checkoutUri: pathToFileURL(context.workspace).href,
      startedAt: new Date().toISOString(),
      toolName: TOOL_NAME,
    });
    logger.info(`SARIF uploaded to code scanning (id ${id}) for ${target.ref} at ${target.commitSha.slice(0, 12)}`);
    const status = await waitForSarifProcessing(client, context.repo, id, { sleep: step.wait });
    if (status.status === 'failed') {
      logger.warning(`Code scanning rejected the SARIF: ${status.errors.join('; ') || 'no reason given'}`);
    } else if (status.status === 'pending') {
      logger.info('Code scanning is still processing the SARIF; results will appear shortly.');
    }
    return id;
  } catch (error) {
    const status = error instanceof GitHubApiError ? error.status : 0;
    warnUnavailable(logger, 'SARIF upload skipped', error, Boolean(context.pull?.isFork));
    if (status === 403 || status === 404) notes.push('Code scanning upload unavailable (not enabled, or a read-only token); the SARIF file was still written.');
    else notes.push('Code scanning upload failed; the SARIF file was still written.');
    return undefined;
  }
}

async function comment(step: Step, pull: PullInfo, report: ReportInput): Promise<number | undefined> {
  const { client, context, logger } = step;
  if (!client) return undefined;
  try {
    const identity = await getTokenIdentity(client);
    const result = await upsertStickyComment(client, context.repo, pull.number, step.scrub(renderComment(report)), identity);
    logger.info(`PR comment ${result.action} (id ${result.id})`);
    return result.id;
  } catch (error) {
    warnUnavailable(logger, 'PR comment skipped', error, pull.isFork);
    return undefined;
  }
}
