// The GitHub REST layer against the fake server on 127.0.0.1: retries, pagination, identity, the sticky
// comment, SARIF upload and the contents API.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubApiError, GitHubClient, nextLink, retryDelayMs } from '../src/github/client.js';
import { encodeSarif, uploadSarif, waitForSarifProcessing } from '../src/github/code-scanning.js';
import { COMMENT_MARKER, findStickyComment, listIssueComments, upsertStickyComment } from '../src/github/comments.js';
import { getFileBytes } from '../src/github/contents.js';
import { ACTIONS_BOT, getTokenIdentity } from '../src/github/identity.js';
import { findPullForBranch, findPullForCommit, listPullFiles } from '../src/github/pulls.js';
import { FakeGitHub, type FakePull } from './helpers/fake-github.js';

const TOKEN = 'ghs_faketoken1234567890abcdefABCDEF';
const repo = { owner: 'acme', repo: 'chat' };
const HUMAN = { login: 'alice', type: 'User' as const };

let fake: FakeGitHub;
let sleeps: number[];

function client(options: { maxRetries?: number; baseUrl?: string } = {}): GitHubClient {
  return new GitHubClient({
    token: TOKEN,
    baseUrl: options.baseUrl ?? fake.url,
    maxRetries: options.maxRetries ?? 3,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

function pull(number: number, headSha: string, headRepo = 'acme/chat'): FakePull {
  return {
    number,
    state: 'open',
    base: { sha: 'b'.repeat(40), ref: 'main', repo: { full_name: 'acme/chat' } },
    head: { sha: headSha, ref: 'feature', label: `${headRepo.split('/')[0]}:feature`, repo: { full_name: headRepo } },
  };
}

beforeEach(async () => {
  sleeps = [];
  fake = new FakeGitHub({ token: TOKEN, owner: 'acme', repo: 'chat' });
  await fake.start();
});

afterEach(async () => {
  await fake.close();
});

describe('client retries', () => {
  it('retries a 502 and then succeeds', async () => {
    fake.pulls.set(1, { pull: pull(1, 'a'.repeat(40)), files: [] });
    fake.fault({ path: /\/pulls\/1$/, status: 502, times: 2 });
    const { data } = await client().request<FakePull>('GET', '/repos/acme/chat/pulls/1');
    expect(data.number).toBe(1);
    expect(fake.calls('GET', /\/pulls\/1$/).map((r) => r.status)).toEqual([502, 502, 200]);
    expect(sleeps).toEqual([1000, 2000]); // exponential backoff from the base delay
  });

  it('honours retry-after on 429 and on a secondary rate limit 403', async () => {
    fake.pulls.set(1, { pull: pull(1, 'a'.repeat(40)), files: [] });
    fake.fault({ path: /\/pulls\/1$/, status: 429, headers: { 'retry-after': '7' }, times: 1 });
    fake.fault({ path: /\/pulls\/1$/, status: 403, headers: { 'retry-after': '3' }, body: { message: 'You have exceeded a secondary rate limit' }, times: 1 });
    await client().request('GET', '/repos/acme/chat/pulls/1');
    expect(sleeps).toEqual([7000, 3000]);
  });

  it('caps retry-after at maxDelayMs', async () => {
    fake.fault({ path: /\/user$/, status: 429, headers: { 'retry-after': '3600' }, times: 1 });
    const capped = new GitHubClient({ token: TOKEN, baseUrl: fake.url, maxDelayMs: 5, sleep: async (ms) => void sleeps.push(ms) });
    await expect(capped.request('GET', '/user')).rejects.toThrow(/403/);
    expect(sleeps).toEqual([5]);
  });

  it('does not retry a plain 403 and reports status and GitHub message without the token', async () => {
    fake.readOnly = true;
    const error = await client()
      .request('POST', '/repos/acme/chat/issues/1/comments', { body: { body: 'x' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).status).toBe(403);
    expect((error as GitHubApiError).message).toContain('Resource not accessible by integration');
    expect((error as GitHubApiError).acceptedPermissions).toContain('pull_requests=write');
    expect(String((error as Error).message)).not.toContain(TOKEN);
    expect(fake.requests).toHaveLength(1);
  });

  it('gives up after maxRetries', async () => {
    fake.fault({ path: /\/user$/, status: 503, times: 10 });
    await expect(client({ maxRetries: 2 }).request('GET', '/user')).rejects.toMatchObject({ status: 503 });
    expect(fake.requests).toHaveLength(3);
  });

  it('sends the token only as a bearer header, and never to another origin', async () => {
    await client().request('GET', '/user').catch(() => undefined);
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    await expect(client().request('GET', 'http://127.0.0.2:1/user')).rejects.toThrow(/refusing/);
  });

  it('computes delays from retry-after dates and rate-limit resets', () => {
    expect(retryDelayMs(0, { 'retry-after': 'Wed, 21 Oct 2015 07:28:10 GMT' }, 1000, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(retryDelayMs(0, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '100' }, 1000, 90_000)).toBe(10_000);
    expect(retryDelayMs(3, {}, 100)).toBe(800);
  });

  it('reads the next link of a Link header', () => {
    expect(nextLink('<https://api/x?page=3>; rel="next", <https://api/x?page=9>; rel="last"')).toBe('https://api/x?page=3');
    expect(nextLink('<https://api/x?page=1>; rel="prev"')).toBeUndefined();
  });

  it('works under a GitHub Enterprise Server path prefix', async () => {
    await fake.close();
    fake = new FakeGitHub({ token: TOKEN, owner: 'acme', repo: 'chat', prefix: '/api/v3', tokenUser: HUMAN });
    await fake.start();
    for (let i = 0; i < 150; i++) fake.addComment(5, `c${i}`, HUMAN);
    const comments = await listIssueComments(client({ baseUrl: fake.url }), repo, 5);
    expect(comments).toHaveLength(150);
    expect(fake.requests.map((r) => r.path)).toEqual(['/repos/acme/chat/issues/5/comments', '/repos/acme/chat/issues/5/comments']);
  });
});

describe('pulls', () => {
  it('pages through the PR files and stops at the 3,000-file limit', async () => {
    const files = Array.from({ length: 3050 }, (_, i) => ({ filename: `f${i}.py`, status: 'modified', additions: 1, deletions: 0, changes: 1, patch: '@@ -1 +1 @@\n+x' }));
    fake.pulls.set(7, { pull: pull(7, 'a'.repeat(40)), files });
    const listed = await listPullFiles(client(), repo, 7);
    expect(listed.files).toHaveLength(3000);
    expect(listed.truncated).toBe(true);
    expect(fake.calls('GET', /\/pulls\/7\/files$/)).toHaveLength(30);
  });

  it('finds the PR of a commit and of a fork branch', async () => {
    const sha = 'c'.repeat(40);
    fake.pulls.set(3, { pull: pull(3, 'd'.repeat(40)), files: [] });
    fake.pulls.set(4, { pull: pull(4, sha, 'someone/chat'), files: [] });
    fake.commitPulls.set(sha, [3, 4]);
    expect((await findPullForCommit(client(), repo, sha))?.number).toBe(4);
    expect((await findPullForBranch(client(), repo, 'someone:feature', sha))?.number).toBe(4);
  });
});

describe('token identity', () => {
  it('uses GET /user for a personal token', async () => {
    await fake.close();
    fake = new FakeGitHub({ token: TOKEN, owner: 'acme', repo: 'chat', tokenUser: { login: 'ci-user', type: 'User' } });
    await fake.start();
    expect(await getTokenIdentity(client())).toEqual({ login: 'ci-user', type: 'User', source: 'api' });
  });

  it('falls back to github-actions[bot] when GET /user is refused (GITHUB_TOKEN)', async () => {
    expect(await getTokenIdentity(client())).toEqual(ACTIONS_BOT);
    expect(fake.calls('GET', /^\/user$/)[0]!.status).toBe(403);
  });
});

describe('sticky comment', () => {
  it('creates once, then updates in place across 120+ comments, never touching a pasted marker', async () => {
    for (let i = 0; i < 60; i++) fake.addComment(9, `discussion ${i}`, HUMAN);
    const pasted = fake.addComment(9, `copying this: ${COMMENT_MARKER} old report`, HUMAN);
    // A human whose login imitates the bot is still a User.
    const imitation = fake.addComment(9, `${COMMENT_MARKER}`, { login: 'github-actions[bot]', type: 'User' });
    for (let i = 0; i < 60; i++) fake.addComment(9, `more ${i}`, HUMAN);
    const c = client();
    const identity = await getTokenIdentity(c);

    const first = await upsertStickyComment(c, repo, 9, `${COMMENT_MARKER}\nreport v1`, identity);
    expect(first.action).toBe('created');
    const second = await upsertStickyComment(c, repo, 9, `${COMMENT_MARKER}\nreport v2`, identity);
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    const third = await upsertStickyComment(c, repo, 9, `${COMMENT_MARKER}\nreport v2`, identity);
    expect(third.action).toBe('unchanged');

    const comments = fake.comments.get(9)!;
    expect(comments).toHaveLength(123);
    expect(comments.filter((comment) => comment.user.type === 'Bot')).toHaveLength(1);
    expect(comments.find((comment) => comment.id === first.id)!.body).toContain('report v2');
    expect(pasted.body).toContain('old report');
    expect(imitation.body).toBe(COMMENT_MARKER);
    expect(fake.calls('POST', /comments$/)).toHaveLength(1);
    expect(fake.calls('PATCH', /comments\/\d+$/).map((r) => r.path)).toEqual([`/repos/acme/chat/issues/comments/${first.id}`]);
  });

  it('matches only marker + own identity', () => {
    const comments = [
      { id: 1, body: COMMENT_MARKER, user: { login: 'alice', type: 'User' } },
      { id: 2, body: 'no marker', user: { login: 'github-actions[bot]', type: 'Bot' } },
      { id: 3, body: `x ${COMMENT_MARKER}`, user: { login: 'GitHub-Actions[bot]', type: 'Bot' } },
    ];
    expect(findStickyComment(comments, ACTIONS_BOT)?.id).toBe(3);
    expect(findStickyComment(comments.slice(0, 2), ACTIONS_BOT)).toBeUndefined();
  });
});

describe('code scanning', () => {
  it('uploads gzip+base64 SARIF with commit and ref, then polls processing', async () => {
    const sarif = JSON.stringify({ version: '2.1.0', runs: [] });
    const c = client();
    const { id } = await uploadSarif(c, repo, { commitSha: 'a'.repeat(40), ref: 'refs/pull/9/merge', sarif });
    expect(fake.sarifs[0]).toMatchObject({ id, commit_sha: 'a'.repeat(40), ref: 'refs/pull/9/merge', sarif, tool_name: 'promptgate' });
    const waits: number[] = [];
    const status = await waitForSarifProcessing(c, repo, id, { sleep: async (ms) => void waits.push(ms), delaysMs: [1, 2, 3] });
    expect(status.status).toBe('complete');
    expect(waits).toEqual([1, 2]);
  });

  it('reports a failed processing status and a 403 when code scanning is off', async () => {
    fake.processing = ['failed'];
    const c = client();
    const { id } = await uploadSarif(c, repo, { commitSha: 'a'.repeat(40), ref: 'refs/heads/main', sarif: '{}' });
    expect(await waitForSarifProcessing(c, repo, id, { sleep: async () => {}, delaysMs: [1] })).toEqual({ status: 'failed', errors: ['invalid'] });
    fake.codeScanningStatus = 403;
    await expect(uploadSarif(c, repo, { commitSha: 'a'.repeat(40), ref: 'refs/heads/main', sarif: '{}' })).rejects.toMatchObject({ status: 403 });
  });

  it('refuses SARIF over the 10 MB gzip limit before sending', () => {
    // Random bytes do not compress: 12 MB of them in base64 stays over 10 MB gzipped.
    const text = randomBytes(12 * 1024 * 1024).toString('base64');
    expect(() => encodeSarif(text)).toThrow(/10 MB/);
  });
});

describe('contents', () => {
  it('reads raw bytes at a ref and answers undefined for a missing file', async () => {
    fake.contents.set('b'.repeat(40) + ':src/my app/chat.py', Buffer.from('print("hi")\n'));
    const bytes = await getFileBytes(client(), repo, 'src/my app/chat.py', 'b'.repeat(40));
    expect(bytes?.toString('utf8')).toBe('print("hi")\n');
    expect(await getFileBytes(client(), repo, 'nope.py', 'b'.repeat(40))).toBeUndefined();
  });
});
