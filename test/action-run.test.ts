// The Action pipeline in-process (runAction with an in-memory ActionIO), for the paths the bundle tests do
// not take: no token at all, git as the only source of changed files and base versions, and a shallow
// checkout with neither (fail closed).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../src/action/annotations.js';
import { inputsFromEnv } from '../src/action/inputs.js';
import { runAction, type ActionIO } from '../src/action/run.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { cloneBranch, commitFiles, git, initRepo } from './helpers/git-repo.js';

const TOKEN = 'ghs_inProcessToken0123456789abcdefABCD';
const KEY_A = `sk-ant-api03-${'q7Rz2XbN4mKp9LwE'.repeat(6).slice(0, 93)}AA`;
const KEY_B = `sk-ant-api03-${'Vt3Hy8JcD5sQa1Gf'.repeat(6).slice(0, 93)}AA`;

interface Recorded {
  io: ActionIO;
  outputs: Record<string, string>;
  annotations: Annotation[];
  logs: string[];
  failed: string[];
  summary: string[];
}

function recordingIO(inputs: Record<string, string>): Recorded {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const rec: Omit<Recorded, 'io'> = { outputs: {}, annotations: [], logs: [], failed: [], summary: [] };
  const log = (level: string) => (message: string) => void rec.logs.push(`${level}: ${message}`);
  const io: ActionIO = {
    logger: { debug: log('debug'), info: log('info'), warning: log('warning'), error: log('error') },
    getInput: inputsFromEnv(env),
    setSecret: () => {},
    setOutput: (name, value) => void (rec.outputs[name] = value),
    annotate: (annotation) => void rec.annotations.push(annotation),
    notice: log('notice'),
    writeSummary: async (markdown) => void rec.summary.push(markdown),
    setFailed: (message) => void rec.failed.push(message),
  };
  return { io, ...rec };
}

let work: string;
let origin: string;
let base: string;
let head: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'pg-run-'));
  origin = path.join(work, 'origin');
  initRepo(origin);
  base = commitFiles(origin, { 'src/chat.py': `KEY = "${KEY_A}"\n` }, 'base');
  git(origin, 'checkout', '-q', '-b', 'feature');
  head = commitFiles(origin, { 'src/chat.py': `# moved down\n\nKEY = "${KEY_A}"\n`, 'src/tool.py': `OTHER = "${KEY_B}"\n` }, 'head');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function checkout(depth: number | undefined): string {
  const dir = mkdtempSync(path.join(work, 'ws-'));
  cloneBranch(origin, 'feature', dir, depth);
  return dir;
}

function prEnv(workspace: string, apiUrl = 'http://127.0.0.1:9'): NodeJS.ProcessEnv {
  const eventPath = path.join(workspace, '..', `event-${path.basename(workspace)}.json`);
  writeFileSync(
    eventPath,
    JSON.stringify({
      pull_request: {
        number: 3,
        base: { sha: base, ref: 'main', repo: { full_name: 'acme/chat' } },
        head: { sha: head, ref: 'feature', repo: { full_name: 'acme/chat' } },
      },
    }),
  );
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/chat',
    GITHUB_SHA: head,
    GITHUB_REF: 'refs/pull/3/merge',
    GITHUB_WORKSPACE: workspace,
    GITHUB_API_URL: apiUrl,
  };
}

describe('runAction without a token', () => {
  it('uses git for changed files and base versions when the history has the base', async () => {
    const workspace = checkout(undefined);
    const rec = recordingIO({ 'github-token': '', 'fail-on': 'high' });
    const code = await runAction(rec.io, prEnv(workspace));
    expect(code).toBe(1);
    expect(rec.outputs).toMatchObject({ findings: '2', 'new-findings': '1', critical: '2', 'sarif-id': '', 'comment-id': '' });
    expect(rec.failed).toEqual(['promptgate: 1 new finding at or above high: 1 critical (fail-on: high, fail-on-scope: new)']);
    expect(rec.logs.join('\n')).toContain('read from git');
    expect(rec.annotations.map((a) => `${a.file}:${a.startLine}:${a.title.includes('(new)')}`)).toEqual(['src/tool.py:1:true', 'src/chat.py:3:false']);
    const sarif = JSON.parse(readFileSync(path.join(workspace, 'promptgate.sarif'), 'utf8')) as { runs: Array<{ results: unknown[] }> };
    expect(sarif.runs[0]!.results).toHaveLength(2);
    expect(rec.summary[0]).toContain('1 new finding, 2 total in 2 changed files');
    for (const text of [rec.logs.join('\n'), rec.summary.join(''), JSON.stringify(rec.annotations)]) {
      expect(text).not.toContain(KEY_A);
      expect(text).not.toContain(KEY_B);
    }
  });

  it('fails closed on a shallow checkout with no way to see the base: everything gates', async () => {
    const workspace = checkout(1);
    const rec = recordingIO({ 'github-token': '', 'fail-on': 'high', 'fail-on-scope': 'new' });
    const code = await runAction(rec.io, prEnv(workspace));
    expect(code).toBe(1);
    expect(rec.logs.join('\n')).toContain('warning: Could not determine the changed files: reporting on all files.');
    expect(rec.failed).toEqual(['promptgate: 2 findings at or above high: 2 critical (fail-on: high, fail-on-scope: all)']);
    expect(rec.outputs['new-findings']).toBe('0');
  });
});

describe('runAction on pull_request_target', () => {
  it('warns, in the log and the report, when the base branch is checked out instead of the PR head', async () => {
    const workspace = mkdtempSync(path.join(work, 'ws-target-'));
    cloneBranch(origin, 'main', workspace);
    const rec = recordingIO({ 'github-token': '', 'fail-on': 'none' });
    const code = await runAction(rec.io, { ...prEnv(workspace), GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_SHA: base, GITHUB_REF: 'refs/heads/main' });
    expect(code).toBe(0);
    const warning = `The workspace is at ${base.slice(0, 12)}, not the pull request head ${head.slice(0, 12)}`;
    expect(rec.logs.some((line) => line.startsWith(`warning: ${warning}`))).toBe(true);
    expect(rec.summary[0]).toContain(warning);
  });
});

describe('runAction with a token', () => {
  it('reports a bad input in one line with exit 2', async () => {
    const workspace = checkout(1);
    const rec = recordingIO({ 'github-token': TOKEN, scope: 'everything' });
    expect(await runAction(rec.io, prEnv(workspace))).toBe(2);
    expect(rec.failed).toEqual(['promptgate: Input "scope" must be one of auto, changed, all (got "everything")']);
  });

  it('turns a config error into exit 2 with the file and the problem', async () => {
    const workspace = checkout(1);
    writeFileSync(path.join(workspace, '.promptgate.yml'), 'rules:\n  secret-provider-key: sometimes\n');
    const fake = new FakeGitHub({ token: TOKEN, owner: 'acme', repo: 'chat' });
    await fake.start();
    try {
      const rec = recordingIO({ 'github-token': TOKEN });
      expect(await runAction(rec.io, prEnv(workspace, fake.url))).toBe(2);
      expect(rec.failed).toHaveLength(1);
      expect(rec.failed[0]).toMatch(/^promptgate: \.promptgate\.yml: rules\.secret-provider-key: expected on, off or a severity/);
      expect(rec.failed[0]).not.toContain('\n');
    } finally {
      await fake.close();
    }
  });
});
