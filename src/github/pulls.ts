// Pull requests: the changed files of a PR, and finding the PR of a commit or a branch.
import { repoPath, type GitHubClient, type RepoRef } from './client.js';

/** `pulls.listFiles` stops at this many files. */
export const PULL_FILES_LIMIT = 3000;

/** One entry of `GET /repos/{owner}/{repo}/pulls/{n}/files` (the OpenAPI `diff-entry`). */
export interface DiffEntry {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  /** Absent for binary files, pure renames and very large diffs. */
  patch?: string;
  previous_filename?: string;
}

export interface PullRequest {
  number: number;
  state: string;
  base: { sha: string; ref: string; repo?: { full_name: string } | null };
  head: { sha: string; ref: string; label?: string; repo?: { full_name: string } | null };
  changed_files?: number;
}

export interface PullFiles {
  files: DiffEntry[];
  /** The listing hit the API's 3,000-file limit: some files are missing. */
  truncated: boolean;
}

export async function listPullFiles(client: GitHubClient, repo: RepoRef, number: number): Promise<PullFiles> {
  const files = await client.paginate<DiffEntry>(repoPath(repo, 'pulls', number, 'files'), {
    maxItems: PULL_FILES_LIMIT,
  });
  return { files, truncated: files.length >= PULL_FILES_LIMIT };
}

export async function getPull(client: GitHubClient, repo: RepoRef, number: number): Promise<PullRequest> {
  return (await client.request<PullRequest>('GET', repoPath(repo, 'pulls', number))).data;
}

/** The open PR whose head is `sha` (deployment_status, workflow_run); prefers an exact head match. */
export async function findPullForCommit(client: GitHubClient, repo: RepoRef, sha: string): Promise<PullRequest | undefined> {
  const pulls = await client.paginate<PullRequest>(repoPath(repo, 'commits', sha, 'pulls'), { maxItems: 100 });
  const open = pulls.filter((pull) => pull.state === 'open');
  return open.find((pull) => pull.head.sha === sha) ?? open[0];
}

/** Open PRs from `owner:branch` (works for forks, unlike the commit lookup). */
export async function findPullForBranch(
  client: GitHubClient,
  repo: RepoRef,
  headLabel: string,
  sha: string,
): Promise<PullRequest | undefined> {
  const pulls = await client.paginate<PullRequest>(repoPath(repo, 'pulls'), {
    query: { state: 'open', head: headLabel },
    maxItems: 100,
  });
  return pulls.find((pull) => pull.head.sha === sha) ?? pulls[0];
}
