// SARIF upload to code scanning (`POST /repos/{owner}/{repo}/code-scanning/sarifs`) and status polling.
import { gzipSync } from 'node:zlib';
import { GitHubApiError, repoPath, sleep as realSleep, type GitHubClient, type RepoRef } from './client.js';

/** Code scanning rejects larger gzip payloads. */
export const MAX_SARIF_GZIP_BYTES = 10 * 1024 * 1024;

export interface SarifUpload {
  /** The analysed commit and its full ref (`refs/heads/x`, `refs/pull/N/merge` or `refs/pull/N/head`). */
  commitSha: string;
  ref: string;
  sarif: string;
  checkoutUri?: string;
  startedAt?: string;
  toolName?: string;
}

export class SarifTooLargeError extends Error {
  override name = 'SarifTooLargeError';
}

/** gzip, then base64, as the endpoint requires. */
export function encodeSarif(sarif: string): string {
  const gzipped = gzipSync(Buffer.from(sarif, 'utf8'));
  if (gzipped.length > MAX_SARIF_GZIP_BYTES) {
    throw new SarifTooLargeError(
      `SARIF is ${(gzipped.length / 1048576).toFixed(1)} MB gzipped; code scanning accepts at most 10 MB`,
    );
  }
  return gzipped.toString('base64');
}

export async function uploadSarif(
  client: GitHubClient,
  repo: RepoRef,
  upload: SarifUpload,
): Promise<{ id: string; url?: string }> {
  const { data } = await client.request<{ id: string; url?: string }>('POST', repoPath(repo, 'code-scanning', 'sarifs'), {
    body: {
      commit_sha: upload.commitSha,
      ref: upload.ref,
      sarif: encodeSarif(upload.sarif),
      ...(upload.checkoutUri ? { checkout_uri: upload.checkoutUri } : {}),
      ...(upload.startedAt ? { started_at: upload.startedAt } : {}),
      tool_name: upload.toolName ?? 'promptgate',
    },
  });
  return data;
}

export interface ProcessingResult {
  status: 'complete' | 'failed' | 'pending';
  errors: string[];
}

/** Waits before each status check (codeql-action polls on a similar doubling schedule). */
export const PROCESSING_DELAYS_MS = [2000, 4000, 8000, 16000, 32000];

export async function waitForSarifProcessing(
  client: GitHubClient,
  repo: RepoRef,
  id: string,
  options: { sleep?: (ms: number) => Promise<void>; delaysMs?: number[] } = {},
): Promise<ProcessingResult> {
  const wait = options.sleep ?? realSleep;
  for (const delay of options.delaysMs ?? PROCESSING_DELAYS_MS) {
    await wait(delay);
    let data: { processing_status?: string; errors?: string[] | null } | null;
    try {
      ({ data } = await client.request<typeof data>('GET', repoPath(repo, 'code-scanning', 'sarifs', id)));
    } catch (error) {
      // Right after the upload the id may not be visible yet.
      if (error instanceof GitHubApiError && error.status === 404) continue;
      throw error;
    }
    if (data?.processing_status === 'complete') return { status: 'complete', errors: [] };
    if (data?.processing_status === 'failed') return { status: 'failed', errors: data.errors ?? [] };
  }
  return { status: 'pending', errors: [] };
}
