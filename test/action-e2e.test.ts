// The Action end to end, run as the runner runs it: `node dist/index.js` in a shallow checkout, with
// INPUT_* from action.yml defaults, GITHUB_* env and an event payload, against the fake GitHub REST server
// on 127.0.0.1. Needs the bundle: `npm run package`.
import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMENT_MARKER } from '../src/github/comments.js';
import { FakeGitHub, type FakeDiffEntry, type FakePull, type FakeUser } from './helpers/fake-github.js';
import { cloneBranch, commitFiles, git, initRepo } from './helpers/git-repo.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// PROMPTGATE_E2E_ENTRY points at another bundle (e.g. one built to a temp dir); default dist/index.js.
const ENTRY = path.resolve(ROOT, process.env.PROMPTGATE_E2E_ENTRY ?? 'dist/index.js');
const TOKEN = 'ghs_e2eTokenValue0123456789abcdefghijXYZ';
const HUMAN: FakeUser = { login: 'alice', type: 'User' };
const PR = 7;

/** Deterministic key-shaped strings (the gitleaks Anthropic pattern: 93 chars then `AA`). */
function fakeKey(seed: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let x = seed;
  let body = '';
  for (let i = 0; i < 93; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    body += alphabet[(x >> 8) % alphabet.length];
  }
  return `sk-ant-api03-${body}AA`;
}
const EXISTING_KEY = fakeKey(11);
const NEW_KEY = fakeKey(22);
const FIXTURE_KEY = fakeKey(33);
const SECRETS = [TOKEN, EXISTING_KEY, NEW_KEY, FIXTURE_KEY];

const BASE_FILES: Record<string, string> = {
  'app/chat.py': `import anthropic\n\nANTHROPIC_KEY = "${EXISTING_KEY}"\n`,
  'app/util.py': 'def shout(text):\n    return text.upper()\n',
  'README.md': '# demo\n',
};
const HEAD_FILES: Record<string, string> = {
  // The existing key moves down three lines: still the same finding (same fingerprint).
  'app/chat.py': `import anthropic\nimport os\n\n# settings\n\nANTHROPIC_KEY = "${EXISTING_KEY}"\n`,
  'app/new_tool.py': `import anthropic\n\nTOOL_KEY = "${NEW_KEY}"\n`,
  'app/fixtures.py': `# promptgate-ignore secret-provider-key: test fixture, revoked key\nFIXTURE_KEY = "${FIXTURE_KEY}"\n`,
};

const actionYml = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };

let work: string;
let origin: string;
let baseSha: string;
const heads: Record<string, string> = {};
/** The API's diff entries for a branch, computed by git from the full-history origin. */
function diffEntries(head: string): FakeDiffEntry[] {
  const names = git(origin, 'diff', '--name-status', '-M', baseSha, head).split('\n').filter(Boolean);
  return names.map((line) => {
    const [code, ...paths] = line.split('\t');
    const filename = paths[paths.length - 1]!;
    const status = { A: 'added', M: 'modified', D: 'removed', R: 'renamed' }[code![0] as 'A'] ?? 'modified';
    const diff = git(origin, 'diff', '-U3', baseSha, head, '--', ...paths);
    const patch = diff.slice(diff.indexOf('@@'));
    const changes = patch.split('\n').filter((l) => /^[+-]/.test(l)).length;
    return { filename, status, additions: changes, deletions: 0, changes, patch, ...(paths.length > 1 ? { previous_filename: paths[0] } : {}) };
  });
}

function shallowClone(branch: string): string {
  const dir = mkdtempSync(path.join(work, `ws-${branch}-`));
  cloneBranch(origin, branch, dir, 1);
  return dir;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Log lines as the runner would show them (`::add-mask::` commands are consumed by the runner). */
  log: string;
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!;
  return outputs;
}

async function runAction(options: {
  workspace: string;
  eventName: string;
  payload: unknown;
  sha: string;
  ref: string;
  inputs?: Record<string, string>;
  apiUrl: string;
}): Promise<RunResult> {
  const temp = mkdtempSync(path.join(work, 'run-'));
  const files = { event: path.join(temp, 'event.json'), output: path.join(temp, 'output'), summary: path.join(temp, 'summary.md') };
  writeFileSync(files.event, JSON.stringify(options.payload));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'acme/chat',
    GITHUB_SHA: options.sha,
    GITHUB_REF: options.ref,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKFLOW_REF: 'acme/chat/.github/workflows/promptgate.yml@refs/heads/main',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: temp,
    // Test-only: caps retry and polling waits.
    PROMPTGATE_RETRY_MAX_MS: '5',
  };
  for (const [name, spec] of Object.entries(actionYml.inputs)) env[`INPUT_${name.toUpperCase()}`] = spec.default ?? '';
  env['INPUT_GITHUB-TOKEN'] = TOKEN; // the runner substitutes ${{ github.token }}
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.toUpperCase()}`] = value;

  const child = spawn(process.execPath, [ENTRY], { cwd: options.workspace, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const log = [...stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')), stderr].join('\n');
  return { code, stdout, stderr, outputs: parseOutputs(readFileSync(files.output, 'utf8')), summary: readFileSync(files.summary, 'utf8'), log };
}

function pullPayload(branch: string, headRepo = 'acme/chat'): { pull_request: FakePull } {
  return {
    pull_request: {
      number: PR,
      state: 'open',
      base: { sha: baseSha, ref: 'main', repo: { full_name: 'acme/chat' } },
      head: { sha: heads[branch]!, ref: branch, label: `${headRepo.split('/')[0]}:${branch}`, repo: { full_name: headRepo } },
      changed_files: diffEntries(heads[branch]!).length,
    },
  };
}

function expectNoSecrets(...texts: string[]): void {
  for (const text of texts) for (const secret of SECRETS) expect(text.includes(secret), `a secret leaked: ${secret.slice(0, 8)}…`).toBe(false);
}

beforeAll(() => {
  if (!existsSync(ENTRY)) throw new Error(`${path.relative(ROOT, ENTRY)} is missing: run "npm run package" first`);
  work = mkdtempSync(path.join(tmpdir(), 'pg-e2e-'));
  origin = path.join(work, 'origin');
  initRepo(origin);
  baseSha = commitFiles(origin, BASE_FILES, 'base');

  git(origin, 'checkout', '-q', '-b', 'feature');
  heads.feature = commitFiles(origin, HEAD_FILES, 'feature');

  // A PR that tries to switch off the rule that catches it.
  git(origin, 'checkout', '-q', '-b', 'weaken', 'main');
  heads.weaken = commitFiles(origin, { 'app/new_tool.py': HEAD_FILES['app/new_tool.py']!, '.promptgate.yml': 'rules:\n  secret-provider-key: off\n' }, 'weaken');
  git(origin, 'checkout', '-q', 'main');
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

let fake: FakeGitHub;

function setUpPull(branch: string): void {
  fake.pulls.set(PR, { pull: pullPayload(branch).pull_request, files: diffEntries(heads[branch]!) });
  // Base versions for the contents API (the shallow clone lacks the base commit).
  for (const file of git(origin, 'ls-tree', '-r', '--name-only', baseSha).split('\n')) {
    fake.contents.set(`${baseSha}:${file}`, Buffer.from(git(origin, 'show', `${baseSha}:${file}`) + '\n'));
  }
}

beforeEach(async () => {
  fake = new FakeGitHub({ token: TOKEN, owner: 'acme', repo: 'chat', tokenUser: null });
  await fake.start();
});

afterEach(async () => {
  await fake.close();
});

describe('the Action on a pull request (shallow checkout)', () => {
  it('gates new findings, uploads SARIF, and keeps one sticky comment across reruns', async () => {
    setUpPull('feature');
    for (let i = 0; i < 60; i++) fake.addComment(PR, `review comment ${i}`, HUMAN);
    const pasted = fake.addComment(PR, `I pasted this: ${COMMENT_MARKER} please ignore`, HUMAN);
    for (let i = 0; i < 60; i++) fake.addComment(PR, `more discussion ${i}`, HUMAN);
    const workspace = shallowClone('feature');
    expect(git(workspace, 'rev-parse', '--is-shallow-repository')).toBe('true');
    const common = { workspace, eventName: 'pull_request', payload: pullPayload('feature'), sha: heads.feature!, ref: `refs/pull/${PR}/merge`, apiUrl: fake.url };

    const first = await runAction(common);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    // The gate: one-line reason, one new critical finding.
    expect(first.stdout).toMatch(/^::error::promptgate: 1 new finding at or above high: 1 critical \(fail-on: high, fail-on-scope: new\)$/m);
    // New vs existing on a shallow checkout: 1 new of 2, base version read through the contents API.
    expect(first.outputs).toMatchObject({ findings: '2', 'new-findings': '1', critical: '2', high: '0', 'sarif-file': 'promptgate.sarif', 'sarif-id': 'sarif-1' });
    expect(fake.calls('GET', /\/contents\/app\/chat\.py$/).map((r) => r.query.get('ref'))).toEqual([baseSha]);
    expect(fake.calls('GET', /\/pulls\/7\/files$/)).toHaveLength(1);
    // Annotations on the findings.
    expect(first.stdout).toMatch(/^::error title=promptgate critical \(new\)[^,]*,file=app\/new_tool\.py,line=3,endLine=3,col=\d+,endColumn=\d+::.*\[secret-provider-key\]$/m);
    expect(first.stdout).toMatch(/^::error title=promptgate critical[^(]*,file=app\/chat\.py,line=6,/m);

    // SARIF: a complete analysis of the analysed commit and its ref, suppressed findings left out.
    expect(fake.sarifs).toHaveLength(1);
    const upload = fake.sarifs[0]!;
    expect(upload).toMatchObject({ commit_sha: heads.feature, ref: `refs/pull/${PR}/merge`, tool_name: 'promptgate' });
    const sarif = JSON.parse(upload.sarif) as { version: string; runs: Array<{ automationDetails: { id: string }; results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>; partialFingerprints: Record<string, string> }> }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs.map((run) => run.automationDetails.id)).toEqual(['promptgate/']);
    const located = sarif.runs[0]!.results.map((r) => `${r.ruleId}@${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`);
    expect(located.sort()).toEqual(['secret-provider-key@app/chat.py:6', 'secret-provider-key@app/new_tool.py:3']);
    expect(sarif.runs[0]!.results.every((r) => r.partialFingerprints.primaryLocationLineHash)).toBe(true);
    expect(readFileSync(path.join(workspace, 'promptgate.sarif'), 'utf8')).toBe(upload.sarif);
    expect(fake.calls('GET', /\/code-scanning\/sarifs\/sarif-1$/).length).toBeGreaterThanOrEqual(2); // pending, then complete

    // The comment: created once, by the bot, with new/total counts, links, the added suppression.
    const bots = () => fake.comments.get(PR)!.filter((c) => c.user.type === 'Bot');
    expect(bots()).toHaveLength(1);
    const comment = bots()[0]!;
    expect(first.outputs['comment-id']).toBe(String(comment.id));
    expect(comment.body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comment.body).toContain('1 new finding, 2 total in 3 changed files');
    expect(comment.body).toMatch(/\| 🔴 Critical \| 1 \| 2 \|/);
    expect(comment.body).toContain(`(https://github.com/acme/chat/blob/${heads.feature}/app/new_tool.py#L3)`);
    expect(comment.body).toContain('This pull request adds 1 suppression');
    expect(comment.body).toContain('1 finding suppressed');
    expect(first.summary).toContain('1 new finding, 2 total in 3 changed files');
    expect(first.summary).toContain('**Gate: failed**');

    // Rerun with fail-on: none: exit 0, the same comment updated in place, the pasted marker untouched.
    const second = await runAction({ ...common, inputs: { 'fail-on': 'none' } });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('promptgate: gate off (fail-on: none)');
    expect(bots()).toHaveLength(1);
    expect(fake.calls('POST', /\/issues\/7\/comments$/)).toHaveLength(1);
    expect(fake.calls('PATCH', /\/issues\/comments\/\d+$/).map((r) => r.path)).toEqual([`/repos/acme/chat/issues/comments/${comment.id}`]);
    expect(bots()[0]!.body).toContain('Gate:** off');
    expect(second.outputs['comment-id']).toBe(String(comment.id));
    expect(pasted.body).toBe(`I pasted this: ${COMMENT_MARKER} please ignore`);
    expect(fake.comments.get(PR)).toHaveLength(122);
    // Comment lookup paged through all 122 comments (2 pages of 100) on each run.
    expect(fake.calls('GET', /\/issues\/7\/comments$/).map((r) => r.query.get('page') ?? '1')).toEqual(['1', '2', '1', '2']);

    // The token is masked and never printed; no key appears anywhere we publish.
    expect(first.stdout).toContain(`::add-mask::${TOKEN}`);
    expectNoSecrets(first.log, second.log, JSON.stringify(first.outputs), first.summary, upload.sarif, ...fake.comments.get(PR)!.filter((c) => c.user.type === 'Bot').map((c) => c.body));
    expect(fake.requests.every((r) => !r.body.includes(TOKEN))).toBe(true);
  });

  it('on a fork (every write 403) still writes SARIF locally, annotates, summarises and gates', async () => {
    setUpPull('feature');
    fake.readOnly = true;
    const workspace = shallowClone('feature');
    const result = await runAction({
      workspace,
      eventName: 'pull_request',
      payload: pullPayload('feature', 'someone/chat'),
      sha: heads.feature!,
      ref: `refs/pull/${PR}/merge`,
      apiUrl: fake.url,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::warning::SARIF upload skipped: .*403 Resource not accessible by integration\..*workflow_run recipe/m);
    expect(result.stdout).toMatch(/^::warning::PR comment skipped: .*403.*workflow_run recipe/m);
    const writes = fake.requests.filter((r) => r.method !== 'GET');
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((r) => r.status === 403)).toBe(true);
    const local = JSON.parse(readFileSync(path.join(workspace, 'promptgate.sarif'), 'utf8')) as { runs: Array<{ results: unknown[] }> };
    expect(local.runs[0]!.results).toHaveLength(2);
    expect(result.outputs).toMatchObject({ 'sarif-id': '', 'comment-id': '', 'new-findings': '1' });
    expect(result.summary).toContain('**Gate: failed**');
    expect(result.summary).toContain('Code scanning upload unavailable');
    expect(result.stdout).toMatch(/^::error title=promptgate critical \(new\).*file=app\/new_tool\.py/m);
    expectNoSecrets(result.log, result.summary);
  });

  it('retries 429 (retry-after) and 5xx answers and then succeeds', async () => {
    setUpPull('feature');
    fake.fault({ method: 'GET', path: /\/pulls\/7\/files$/, status: 429, headers: { 'retry-after': '1' }, times: 1 });
    fake.fault({ method: 'POST', path: /\/code-scanning\/sarifs$/, status: 502, times: 1 });
    fake.fault({ method: 'POST', path: /\/issues\/7\/comments$/, status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit' }, times: 1 });
    const workspace = shallowClone('feature');
    const result = await runAction({ workspace, eventName: 'pull_request', payload: pullPayload('feature'), sha: heads.feature!, ref: `refs/pull/${PR}/merge`, apiUrl: fake.url });
    expect(result.code).toBe(1);
    expect(fake.calls('GET', /\/pulls\/7\/files$/).map((r) => r.status)).toEqual([429, 200]);
    expect(fake.calls('POST', /\/code-scanning\/sarifs$/).map((r) => r.status)).toEqual([502, 202]);
    expect(fake.calls('POST', /\/issues\/7\/comments$/).map((r) => r.status)).toEqual([403, 201]);
    expect(result.stdout).toMatch(/retrying in/);
    expect(result.outputs['sarif-id']).toBe('sarif-1');
    expect(result.outputs['new-findings']).toBe('1');
    expect(fake.comments.get(PR)!.filter((c) => c.user.type === 'Bot')).toHaveLength(1);
  });

  it('lists a config change that weakens the gate, and gates with the base config when asked', async () => {
    setUpPull('weaken');
    const workspace = shallowClone('weaken');
    const common = { workspace, eventName: 'pull_request', payload: pullPayload('weaken'), sha: heads.weaken!, ref: `refs/pull/${PR}/merge`, apiUrl: fake.url };

    const own = await runAction(common);
    expect(own.code).toBe(0); // the PR's own config switched the rule off...
    const body = () => fake.comments.get(PR)!.find((c) => c.user.type === 'Bot')!.body;
    expect(body()).toContain('This pull request changes .promptgate.yml; this config gates this run');
    expect(body()).toContain('⚠️ disables rule `secret-provider-key`'); // ...and the comment says so

    const fromBase = await runAction({ ...common, inputs: { 'config-from-base': 'true' } });
    expect(fromBase.code).toBe(1);
    expect(fromBase.outputs['new-findings']).toBe('1');
    expect(body()).toContain("the base branch's config gates this run");
    expect(fake.calls('GET', /\/contents\/\.promptgate\.yml$/).map((r) => r.status)).toContain(404);
  });
  it('with full history (fetch-depth: 0) reads changed files and base versions from git when the API fails', async () => {
    setUpPull('feature');
    fake.fault({ method: 'GET', path: /\/pulls\/7\/files$/, status: 404, times: 1 });
    const workspace = mkdtempSync(path.join(work, 'ws-full-'));
    cloneBranch(origin, 'feature', workspace);
    const result = await runAction({ workspace, eventName: 'pull_request', payload: pullPayload('feature'), sha: heads.feature!, ref: `refs/pull/${PR}/merge`, apiUrl: fake.url });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Could not list the pull request's files through the API .*404.*trying git/);
    expect(result.stdout).toContain('read from git');
    expect(fake.calls('GET', /\/contents\//)).toHaveLength(0);
    expect(result.outputs).toMatchObject({ findings: '2', 'new-findings': '1' });
  });

  it('comments on a fork PR from the privileged workflow_run recipe, finding the PR by fork branch', async () => {
    setUpPull('feature');
    const forkPull = fake.pulls.get(PR)!.pull;
    forkPull.head = { ...forkPull.head, label: 'someone:feature', repo: { full_name: 'someone/chat' } };
    const workspace = shallowClone('feature');
    const result = await runAction({
      workspace,
      eventName: 'workflow_run',
      payload: {
        workflow_run: {
          event: 'pull_request',
          head_sha: heads.feature,
          head_branch: 'feature',
          head_repository: { full_name: 'someone/chat', owner: { login: 'someone' } },
          pull_requests: [], // GitHub leaves fork PRs out of this list
        },
      },
      sha: baseSha, // workflow_run runs on the default branch
      ref: 'refs/heads/main',
      apiUrl: fake.url,
      inputs: { 'fail-on': 'none' }, // the gate belongs to the pull_request workflow
    });
    expect(result.code).toBe(0);
    expect(fake.calls('GET', /\/pulls$/)[0]!.query.get('head')).toBe('someone:feature');
    expect(fake.sarifs[0]).toMatchObject({ commit_sha: heads.feature, ref: `refs/pull/${PR}/head` });
    expect(fake.comments.get(PR)!.filter((c) => c.user.type === 'Bot')[0]!.body).toContain('1 new finding, 2 total');
    expect(result.log).not.toMatch(/::warning::The workspace is at/);
  });
});

describe('the Action with a live probe', () => {
  it('probes the preview endpoint, reports it, and never publishes the probe headers', async () => {
    const APP_SECRET = 'app-session-secret-4f9a1c77e2';
    const BYPASS_SECRET = 'vercel-bypass-secret-8d0b3a55c1';
    const seen: IncomingHttpHeaders[] = [];
    // A small chat endpoint in the OpenAI JSON shape that answers everything the same way.
    const app = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'Sorry, I can only talk about cooking.' } }] }));
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/chat`;
    try {
      setUpPull('feature');
      const workspace = shallowClone('feature');
      const result = await runAction({
        workspace,
        eventName: 'pull_request',
        payload: pullPayload('feature'),
        sha: heads.feature!,
        ref: `refs/pull/${PR}/merge`,
        apiUrl: fake.url,
        inputs: {
          'fail-on': 'none',
          'probe-url': url,
          'probe-allow-private': 'true',
          'probe-headers': `Authorization: Bearer ${APP_SECRET}`,
          'probe-bypass-headers': `x-vercel-protection-bypass: ${BYPASS_SECRET}`,
          'probe-max-requests': '12',
        },
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      // The probe ran against the endpoint with the platform header on every request.
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.length).toBeLessThanOrEqual(12);
      expect(seen.every((h) => h['x-vercel-protection-bypass'] === BYPASS_SECRET)).toBe(true);
      expect(seen.some((h) => h.authorization === `Bearer ${APP_SECRET}`)).toBe(true);
      expect(result.stdout).toContain(`::add-mask::Bearer ${APP_SECRET}`);
      expect(result.stdout).toContain(`::add-mask::${BYPASS_SECRET}`);
      // A second SARIF run for the probe, and a probe section in the comment.
      const sarif = JSON.parse(fake.sarifs[0]!.sarif) as { runs: Array<{ automationDetails: { id: string } }> };
      expect(sarif.runs.map((run) => run.automationDetails.id).sort()).toEqual(['promptgate-probe/', 'promptgate/']);
      const body = fake.comments.get(PR)!.find((c) => c.user.type === 'Bot')!.body;
      expect(body).toContain('probe-unauthenticated');
      for (const text of [result.log, result.summary, body, fake.sarifs[0]!.sarif, JSON.stringify(result.outputs)]) {
        expect(text).not.toContain(APP_SECRET);
        expect(text).not.toContain(BYPASS_SECRET);
      }
    } finally {
      await new Promise<void>((resolve) => app.close(() => resolve()));
    }
  });
});

describe('the Action outside pull requests', () => {
  it('scans everything on push, uploads for the branch ref, comments nowhere', async () => {
    const workspace = shallowClone('feature');
    const result = await runAction({
      workspace,
      eventName: 'push',
      payload: { before: baseSha, after: heads.feature },
      sha: heads.feature!,
      ref: 'refs/heads/feature',
      apiUrl: fake.url,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error::promptgate: 2 findings at or above high: 2 critical \(fail-on: high, fail-on-scope: all\)$/m);
    expect(result.outputs).toMatchObject({ findings: '2', 'new-findings': '0' });
    expect(fake.sarifs[0]).toMatchObject({ commit_sha: heads.feature, ref: 'refs/heads/feature' });
    expect(fake.requests.filter((r) => r.path.includes('/issues/'))).toHaveLength(0);
    expect(result.summary).toContain('2 findings in all files');
  });

  it('finds the PR of a deployment_status event through the commit', async () => {
    setUpPull('feature');
    fake.commitPulls.set(heads.feature!, [PR]);
    const workspace = shallowClone('feature');
    const result = await runAction({
      workspace,
      eventName: 'deployment_status',
      payload: { deployment: { sha: heads.feature, ref: 'feature' }, deployment_status: { state: 'success', environment_url: 'https://preview.example' } },
      sha: heads.feature!,
      ref: 'refs/heads/feature',
      apiUrl: fake.url,
    });
    expect(result.code).toBe(1);
    expect(fake.calls('GET', new RegExp(`/commits/${heads.feature}/pulls$`))).toHaveLength(1);
    expect(result.outputs['new-findings']).toBe('1');
    expect(fake.sarifs[0]).toMatchObject({ commit_sha: heads.feature, ref: `refs/pull/${PR}/head` });
    expect(fake.comments.get(PR)!.filter((c) => c.user.type === 'Bot')).toHaveLength(1);
  });

  it('fails with a one-line usage error (exit 2) on a bad input', async () => {
    const workspace = shallowClone('feature');
    const result = await runAction({ workspace, eventName: 'push', payload: {}, sha: heads.feature!, ref: 'refs/heads/feature', apiUrl: fake.url, inputs: { 'fail-on': 'severe' } });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^::error::promptgate: Input "fail-on" must be one of critical, high, medium, low, none \(got "severe"\)$/m);
    expect(fake.requests).toHaveLength(0);
  });
});
