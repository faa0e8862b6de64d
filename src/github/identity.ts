// Who the token is: the sticky comment is only ever updated when its author is this identity.
import { GitHubApiError, type GitHubClient } from './client.js';

export interface TokenIdentity {
  login: string;
  /** 'User' or 'Bot': a human can never hold a `[bot]` login, so type + login is unforgeable. */
  type: string;
  /** Where the identity came from: `GET /user`, or the default-token fallback. */
  source: 'api' | 'fallback';
}

/** The author of comments made with the workflow's default GITHUB_TOKEN. */
export const ACTIONS_BOT: TokenIdentity = { login: 'github-actions[bot]', type: 'Bot', source: 'fallback' };

/**
 * `GET /user` answers for personal access tokens; installation tokens (GITHUB_TOKEN included) get
 * 403 "Resource not accessible by integration", and then the author is `github-actions[bot]`.
 */
export async function getTokenIdentity(client: GitHubClient): Promise<TokenIdentity> {
  try {
    const { data } = await client.request<{ login?: unknown; type?: unknown }>('GET', '/user');
    if (typeof data?.login === 'string' && data.login) {
      return { login: data.login, type: typeof data.type === 'string' ? data.type : 'User', source: 'api' };
    }
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
  }
  return ACTIONS_BOT;
}

export function sameIdentity(user: { login?: string; type?: string } | null | undefined, identity: TokenIdentity): boolean {
  if (!user?.login) return false;
  return user.login.toLowerCase() === identity.login.toLowerCase() && (user.type ?? 'User') === identity.type;
}
