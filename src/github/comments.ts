// The one sticky PR comment: found by marker AND author, updated in place, created once.
import { repoPath, type GitHubClient, type RepoRef } from './client.js';
import { sameIdentity, type TokenIdentity } from './identity.js';

export const COMMENT_MARKER = '<!-- promptgate -->';
/** GitHub rejects longer bodies ("Body is too long (maximum is 65536 characters)"). */
export const MAX_COMMENT_CHARS = 65_536;

export interface IssueComment {
  id: number;
  body?: string | null;
  user?: { login: string; type?: string } | null;
  html_url?: string;
}

export async function listIssueComments(client: GitHubClient, repo: RepoRef, number: number): Promise<IssueComment[]> {
  return client.paginate<IssueComment>(repoPath(repo, 'issues', number, 'comments'));
}

/** Our comment: carries the marker and was written by the token's own identity (never a human's paste). */
export function findStickyComment(
  comments: IssueComment[],
  identity: TokenIdentity,
  marker: string = COMMENT_MARKER,
): IssueComment | undefined {
  return comments.find((comment) => (comment.body ?? '').includes(marker) && sameIdentity(comment.user, identity));
}

export interface StickyResult {
  id: number;
  action: 'created' | 'updated' | 'unchanged';
  url?: string;
}

export async function upsertStickyComment(
  client: GitHubClient,
  repo: RepoRef,
  number: number,
  body: string,
  identity: TokenIdentity,
): Promise<StickyResult> {
  const existing = findStickyComment(await listIssueComments(client, repo, number), identity);
  if (existing) {
    if (existing.body === body) return { id: existing.id, action: 'unchanged', url: existing.html_url };
    const { data } = await client.request<IssueComment>('PATCH', repoPath(repo, 'issues', 'comments', existing.id), {
      body: { body },
    });
    return { id: data?.id ?? existing.id, action: 'updated', url: data?.html_url };
  }
  const { data } = await client.request<IssueComment>('POST', repoPath(repo, 'issues', number, 'comments'), {
    body: { body },
  });
  return { id: data.id, action: 'created', url: data.html_url };
}
