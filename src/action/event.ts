// The workflow run's context: repository, commit, ref and the pull request, from `GITHUB_*` and the
// event payload. Events: pull_request, pull_request_target, push, schedule, workflow_dispatch,
// deployment_status and workflow_run (the latter two find their PR through the API, see run.ts).
import { readFileSync } from 'node:fs';
import { UsageError } from '../core/types.js';
import type { RepoRef } from '../github/client.js';

export interface PullInfo {
  number: number;
  baseSha: string;
  baseRef: string;
  headSha: string;
  headRef: string;
  /** `owner/name` of the head repository; differs from the base on fork PRs. */
  headRepo: string | undefined;
  isFork: boolean;
  /** From the payload when known: more than 3,000 means the file listing is truncated. */
  changedFiles: number | undefined;
}

export interface RunContext {
  eventName: string;
  repo: RepoRef;
  /** `GITHUB_SHA` and `GITHUB_REF` as the runner set them. */
  sha: string;
  ref: string;
  workspace: string;
  apiUrl: string;
  serverUrl: string;
  payload: EventPayload;
  /** Known from the payload (pull_request*), or resolved later through the API. */
  pull: PullInfo | undefined;
}

/** The parts of event payloads we read (all optional: payloads vary by event). */
export interface EventPayload {
  pull_request?: PayloadPull;
  deployment?: { sha?: string; ref?: string };
  deployment_status?: { environment_url?: string; state?: string };
  workflow_run?: {
    event?: string;
    head_sha?: string;
    head_branch?: string;
    head_repository?: { full_name?: string; owner?: { login?: string } } | null;
    pull_requests?: Array<{ number: number; base?: { sha?: string; ref?: string }; head?: { sha?: string; ref?: string } }>;
  };
  before?: string;
  after?: string;
  repository?: { full_name?: string };
}

export interface PayloadPull {
  number: number;
  changed_files?: number;
  base: { sha: string; ref: string; repo?: { full_name?: string } | null };
  head: { sha: string; ref: string; repo?: { full_name?: string } | null };
}

export const PULL_EVENTS = new Set(['pull_request', 'pull_request_target']);

export function pullFromPayload(pull: PayloadPull, repoFullName: string): PullInfo {
  const headRepo = pull.head.repo?.full_name ?? undefined;
  return {
    number: pull.number,
    baseSha: pull.base.sha,
    baseRef: pull.base.ref,
    headSha: pull.head.sha,
    headRef: pull.head.ref,
    headRepo,
    // A deleted fork has no head repo: treat it as a fork (read-only token).
    isFork: headRepo === undefined || headRepo.toLowerCase() !== repoFullName.toLowerCase(),
    changedFiles: pull.changed_files,
  };
}

export function readRunContext(env: NodeJS.ProcessEnv, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): RunContext {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, name, ...rest] = repository.split('/');
  if (!owner || !name || rest.length) {
    throw new UsageError('GITHUB_REPOSITORY is not set to "owner/name": run promptgate as a step of a GitHub workflow');
  }
  let payload: EventPayload = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    let text: string;
    try {
      text = readFile(eventPath);
    } catch {
      throw new UsageError(`Cannot read the event payload at GITHUB_EVENT_PATH (${eventPath})`);
    }
    try {
      payload = (JSON.parse(text) ?? {}) as EventPayload;
    } catch {
      throw new UsageError(`The event payload at GITHUB_EVENT_PATH (${eventPath}) is not valid JSON`);
    }
  }
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const pull =
    PULL_EVENTS.has(eventName) && isPayloadPull(payload.pull_request)
      ? pullFromPayload(payload.pull_request, repository)
      : undefined;
  return {
    eventName,
    repo: { owner, repo: name },
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    payload,
    pull,
  };
}

function isPayloadPull(value: unknown): value is PayloadPull {
  const pull = value as PayloadPull | undefined;
  return (
    typeof pull?.number === 'number' &&
    typeof pull.base?.sha === 'string' &&
    typeof pull.head?.sha === 'string'
  );
}

export interface SarifTarget {
  commitSha: string;
  ref: string;
}

/**
 * The commit and ref that describe what was analysed (they must agree, as codeql-action's getRef
 * does): the merge ref when the workspace is the PR merge commit, the head ref when it is the PR
 * head, else the run's own ref. Undefined when no ref fits (e.g. a deployment created from a SHA).
 */
export function sarifTarget(context: RunContext, workspaceHead: string | undefined): SarifTarget | undefined {
  const head = workspaceHead ?? context.sha;
  const pull = context.pull;
  if (pull) {
    if (context.eventName === 'pull_request' && head === context.sha) {
      return { commitSha: head, ref: `refs/pull/${pull.number}/merge` };
    }
    if (head === pull.headSha) return { commitSha: head, ref: `refs/pull/${pull.number}/head` };
  }
  if (context.ref.startsWith('refs/') && head === context.sha) return { commitSha: head, ref: context.ref };
  return undefined;
}
