// File contents at a ref through the contents API (base versions on a shallow checkout).
import { GitHubApiError, repoPath, type GitHubClient, type RepoRef } from './client.js';

/** The raw bytes of `path` at `ref`, or undefined when the file does not exist there. */
export async function getFileBytes(
  client: GitHubClient,
  repo: RepoRef,
  path: string,
  ref: string,
): Promise<Buffer | undefined> {
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  try {
    const { data } = await client.request<Buffer>('GET', `${repoPath(repo, 'contents')}/${encodedPath}`, {
      query: { ref },
      // The raw media type also serves files of 1-100 MB, which the JSON form leaves empty.
      headers: { accept: 'application/vnd.github.raw+json' },
      responseType: 'buffer',
    });
    return data;
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404) return undefined;
    throw error;
  }
}
