// Events without a pull request in their payload that still belong to one: `deployment_status` (a
// preview deployment of the PR head) and `workflow_run` (the fork recipe's privileged second workflow).
import type { Logger } from '../core/types.js';
import type { GitHubClient } from '../github/client.js';
import { findPullForBranch, findPullForCommit, getPull, type PullRequest } from '../github/pulls.js';
import { pullFromPayload, type PullInfo, type RunContext } from './event.js';

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

function toInfo(pull: PullRequest | undefined, context: RunContext): PullInfo | undefined {
  if (!pull) return undefined;
  return pullFromPayload(
    { number: pull.number, changed_files: pull.changed_files, base: { ...pull.base, repo: pull.base.repo ?? null }, head: { ...pull.head, repo: pull.head.repo ?? null } },
    `${context.repo.owner}/${context.repo.repo}`,
  );
}

export async function resolvePull(context: RunContext, client: GitHubClient | undefined, logger: Logger): Promise<PullInfo | undefined> {
  if (context.pull) return context.pull;
  if (!client) return undefined;
  const { payload } = context;
  try {
    if (context.eventName === 'deployment_status') {
      const sha = payload.deployment?.sha || context.sha;
      const pull = toInfo(await findPullForCommit(client, context.repo, sha), context);
      if (!pull) logger.info(`No open pull request has commit ${sha.slice(0, 12)}: scanning as a branch`);
      return pull;
    }
    if (context.eventName === 'workflow_run') {
      const run = payload.workflow_run;
      if (!run || !PR_EVENTS.has(run.event ?? '')) return undefined;
      const listed = run.pull_requests?.[0]?.number;
      if (listed) return toInfo(await getPull(client, context.repo, listed), context);
      // Fork PRs are missing from `pull_requests`: look them up by `owner:branch`.
      const owner = run.head_repository?.owner?.login;
      if (owner && run.head_branch && run.head_sha) {
        return toInfo(await findPullForBranch(client, context.repo, `${owner}:${run.head_branch}`, run.head_sha), context);
      }
    }
  } catch (error) {
    logger.warning(`Could not find the pull request for this ${context.eventName} event: ${(error as Error).message}`);
  }
  return undefined;
}
