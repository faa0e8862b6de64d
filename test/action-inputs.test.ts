// Inputs (as the runner passes them), action.yml agreement, the event context and the SARIF target.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRunContext, sarifTarget, type RunContext } from '../src/action/event.js';
import { INPUT_NAMES, inputsFromEnv, parseInputs, secretValues } from '../src/action/inputs.js';
import { OUTPUT_NAMES } from '../src/action/outputs.js';
import { workflowFile } from '../src/action/probe-step.js';
import { UsageError } from '../src/core/types.js';

const actionYml = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
};

/** INPUT_* exactly as the runner sets them from action.yml defaults (hyphens kept). */
function defaultsEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, spec] of Object.entries(actionYml.inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = name === 'github-token' ? 'ghs_token_value' : (spec.default ?? '');
  }
  for (const [name, value] of Object.entries(overrides)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

describe('action.yml', () => {
  it('declares exactly the inputs and outputs the code reads and writes, on node24', () => {
    expect(Object.keys(actionYml.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    expect(Object.keys(actionYml.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    expect(actionYml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    // Booleans need defaults: the toolkit rejects an empty boolean.
    for (const name of ['config-from-base', 'upload-sarif', 'comment', 'annotations', 'probe-allow-private']) {
      expect(['true', 'false']).toContain(actionYml.inputs[name]!.default);
    }
  });

  it('parses the defaults into DESIGN §3 values', () => {
    const inputs = parseInputs(inputsFromEnv(defaultsEnv()));
    expect(inputs).toEqual({
      token: 'ghs_token_value',
      scope: 'auto',
      paths: [],
      exclude: [],
      config: '.promptgate.yml',
      configFromBase: false,
      failOn: 'high',
      failOnScope: 'new',
      sarifFile: 'promptgate.sarif',
      uploadSarif: true,
      comment: true,
      annotations: true,
      probe: undefined,
    });
  });
});

describe('inputs', () => {
  it('reads multiline globs and probe inputs', () => {
    const inputs = parseInputs(
      inputsFromEnv(
        defaultsEnv({
          paths: 'src/**\n\n  app/**  \n# comment',
          'fail-on': 'CRITICAL',
          'probe-url': 'https://preview.example.app/api/chat',
          'probe-headers': 'Authorization: Bearer sk-app-secret-1\nX-Team: a',
          'probe-bypass-headers': 'x-vercel-protection-bypass: bypass-secret-22',
          'probe-tier': 'standard',
          'probe-max-requests': '40',
          'probe-allow-private': 'True',
        }),
      ),
    );
    expect(inputs.paths).toEqual(['src/**', 'app/**']);
    expect(inputs.failOn).toBe('critical');
    expect(inputs.probe).toMatchObject({ tier: 'standard', maxRequests: 40, allowPrivate: true, headers: ['Authorization: Bearer sk-app-secret-1', 'X-Team: a'] });
    expect(secretValues(inputs)).toEqual(['ghs_token_value', 'Bearer sk-app-secret-1', 'bypass-secret-22']);
  });

  it.each([
    ['fail-on', 'hgh', /fail-on.*critical, high, medium, low, none.*hgh/],
    ['fail-on-scope', 'some', /fail-on-scope/],
    ['scope', 'diff', /scope/],
    ['comment', 'yes', /"comment" must be true or false/],
    ['probe-url', 'ftp://x', /probe-url/],
  ])('rejects %s=%s with a one-line UsageError', (name, value, pattern) => {
    const get = inputsFromEnv(defaultsEnv({ [name]: value }));
    expect(() => parseInputs(get)).toThrow(UsageError);
    expect(() => parseInputs(get)).toThrow(pattern);
  });

  it('never echoes a probe header value in its error', () => {
    const get = inputsFromEnv(defaultsEnv({ 'probe-url': 'https://x.example', 'probe-headers': 'not a header sk-secret-value' }));
    const error = (() => {
      try {
        parseInputs(get);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).toMatch(/probe-headers" line 1/);
    expect(error?.message).not.toContain('sk-secret-value');
  });
});

describe('event context', () => {
  const payload = {
    pull_request: {
      number: 42,
      changed_files: 3,
      base: { sha: 'b'.repeat(40), ref: 'main', repo: { full_name: 'acme/chat' } },
      head: { sha: 'h'.repeat(40), ref: 'feature', repo: { full_name: 'fork-owner/chat' } },
    },
  };
  const env = (eventName: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: '/event.json',
    GITHUB_REPOSITORY: 'acme/chat',
    GITHUB_SHA: 'm'.repeat(40),
    GITHUB_REF: 'refs/pull/42/merge',
    GITHUB_WORKSPACE: '/w',
    ...extra,
  });
  const read = (): string => JSON.stringify(payload);

  it('reads the PR of pull_request and pull_request_target, detecting forks', () => {
    for (const name of ['pull_request', 'pull_request_target']) {
      const context = readRunContext(env(name), read);
      expect(context.pull).toMatchObject({ number: 42, baseSha: 'b'.repeat(40), headSha: 'h'.repeat(40), isFork: true, changedFiles: 3 });
      expect(context.repo).toEqual({ owner: 'acme', repo: 'chat' });
    }
    expect(readRunContext(env('push'), read).pull).toBeUndefined();
  });

  it('explains a missing repository, an unreadable or invalid payload', () => {
    expect(() => readRunContext({ ...env('push'), GITHUB_REPOSITORY: '' }, read)).toThrow(/GITHUB_REPOSITORY/);
    expect(() => readRunContext(env('push'), () => { throw new Error('ENOENT'); })).toThrow(/Cannot read the event payload/);
    expect(() => readRunContext(env('push'), () => '{nope')).toThrow(/not valid JSON/);
  });

  it('picks the SARIF commit and ref that describe the analysed commit', () => {
    const context = readRunContext(env('pull_request'), read);
    expect(sarifTarget(context, 'm'.repeat(40))).toEqual({ commitSha: 'm'.repeat(40), ref: 'refs/pull/42/merge' });
    expect(sarifTarget(context, 'h'.repeat(40))).toEqual({ commitSha: 'h'.repeat(40), ref: 'refs/pull/42/head' });
    const target = readRunContext(env('pull_request_target', { GITHUB_SHA: 'b'.repeat(40), GITHUB_REF: 'refs/heads/main' }), read);
    expect(sarifTarget(target, 'h'.repeat(40))).toEqual({ commitSha: 'h'.repeat(40), ref: 'refs/pull/42/head' });
    const push: RunContext = readRunContext(env('push', { GITHUB_REF: 'refs/heads/main' }), () => '{}');
    expect(sarifTarget(push, 'm'.repeat(40))).toEqual({ commitSha: 'm'.repeat(40), ref: 'refs/heads/main' });
    expect(sarifTarget({ ...push, ref: '' }, 'm'.repeat(40))).toBeUndefined();
  });

  it('finds the workflow file for probe findings', () => {
    expect(workflowFile({ GITHUB_WORKFLOW_REF: 'acme/chat/.github/workflows/pg.yml@refs/heads/main' })).toBe('.github/workflows/pg.yml');
    expect(workflowFile({})).toBeUndefined();
  });
});
