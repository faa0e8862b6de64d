// `promptgate probe` end to end against demo endpoints: flags, exit codes, JSON, SARIF (validated with the
// real SARIF multitool), text and markdown rendering.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runProbeCommand } from '../src/probe/command.js';
import { silentLogger } from '../src/core/types.js';
import { runProbe } from '../src/probe/index.js';
import { renderProbeMarkdown, renderProbeText } from '../src/probe/render.js';
import { DEFAULT_TOKEN, startDemoApp, type DemoApp, type DemoOptions } from './helpers/demo-llm-apps.js';
import { validateSarif } from './helpers/sarif-validator.js';

const apps: DemoApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function demo(options: DemoOptions): Promise<DemoApp> {
  const app = await startDemoApp(options);
  apps.push(app);
  return app;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'promptgate-probe-'));
  dirs.push(dir);
  return dir;
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = tempDir()): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runProbeCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTTY: false, env });
  return { code, stdout, stderr };
}

describe('flags and exit codes', () => {
  test.each([
    [['--url', 'http://127.0.0.1:1/x', '--nope'], /unknown option --nope/],
    [['--tier', 'quick'], /--url is required/],
    [['--url', 'http://127.0.0.1:1/x', '--tier', 'huge'], /--tier must be one of quick, standard, deep/],
    [['--url', 'http://127.0.0.1:1/x', '--format', 'xml'], /--format must be one of/],
    [['--url', 'http://127.0.0.1:1/x', '--max-requests', '0'], /--max-requests/],
    [['--url', 'http://127.0.0.1:1/x', '--deadline', 'soon'], /--deadline/],
    [['--url', 'http://127.0.0.1:1/x', 'extra'], /unexpected argument/],
    [['--url', 'http://127.0.0.1:1/x', '--header', 'NoColonSecretValue'], /--header #1 must look like/],
    [['--url', 'http://127.0.0.1:1/x', '--allow-private', '--body', '{"q": "x"}'], /\{\{prompt\}\}/],
  ])('%j exits 2 with one line', async (args, message) => {
    const { code, stdout, stderr } = await cli(['probe', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toContain('NoColonSecretValue');
  });

  test('--help prints usage and exits 0', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--bypass-header/);
  });

  test('a loopback URL without --allow-private exits 2 before any request', async () => {
    const app = await demo({ kind: 'vulnerable' });
    const { code, stderr } = await cli(['--url', app.url]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/refusing to probe 127\.0\.0\.1: .*loopback.*--allow-private/);
    expect(app.requests).toEqual([]);
  });

  test('a target that never answers exits 2 once the deadline passes', async () => {
    const app = await demo({ kind: 'silent' });
    const { code, stderr, stdout } = await cli(['--url', app.url, '--allow-private', '--deadline', '1', '--format', 'json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no response/);
    const report = JSON.parse(stdout);
    expect(report.findings.filter((f: { status: string }) => f.status === 'pass' || f.status === 'fail')).toEqual([]);
    expect(report.probe.requests).toBeLessThanOrEqual(25);
  });
});

describe('output formats', () => {
  test('JSON: every probe with a status, the probe figures, and exit 1 at --fail-on high', async () => {
    const app = await demo({ kind: 'vulnerable', canary: 'cnry-0a1b2c3d4e5f' });
    const { code, stdout } = await cli(['probe', '--url', app.url, '--allow-private', '--format', 'json', '--canary', 'cnry-0a1b2c3d4e5f']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.tool).toEqual({ name: 'promptgate', version: expect.any(String) });
    expect(report.probe).toMatchObject({ tier: 'quick', maxRequests: 25, shape: 'ai-sdk-ui', calibrated: true, method: 'POST' });
    expect(report.probe.requests).toBe(app.requests.length);
    expect(report.probe.requests).toBeLessThanOrEqual(25);
    expect(report.findings).toHaveLength(10);
    for (const f of report.findings) expect(['fail', 'pass', 'inconclusive', 'skipped']).toContain(f.status);
    expect(report.summary.critical).toBeGreaterThan(0);
    expect(stdout).not.toContain('cnry-0a1b2c3d4e5f');
    // No repository was given: findings point at the fallback file.
    expect(report.findings[0].file).toBe('.promptgate.yml');
  });

  test('--fail-on none exits 0 on the same endpoint; --fail-on critical gates on the critical finding', async () => {
    const app = await demo({ kind: 'vulnerable' });
    expect((await cli(['--url', app.url, '--allow-private', '--fail-on', 'none'])).code).toBe(0);
    expect((await cli(['--url', app.url, '--allow-private', '--fail-on', 'critical'])).code).toBe(1);
  });

  test('a hardened endpoint passes (exit 0); headers from flags and the environment are used, never printed', async () => {
    const app = await demo({ kind: 'hardened' });
    const { code, stdout, stderr } = await cli(['--url', app.url, '--allow-private', '--bypass-header', 'x-vercel-protection-bypass: bypass-9f8e7d'], {
      PROMPTGATE_PROBE_HEADERS: `Authorization: Bearer ${DEFAULT_TOKEN}`,
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/0 failed/);
    expect(stdout + stderr).not.toContain(DEFAULT_TOKEN);
    expect(stdout + stderr).not.toContain('bypass-9f8e7d');
    expect(app.requests.filter((r) => r.headers.authorization === `Bearer ${DEFAULT_TOKEN}`).length).toBeGreaterThan(0);
    expect(app.requests.every((r) => r.headers['x-vercel-protection-bypass'] === 'bypass-9f8e7d')).toBe(true);
  });

  test('SARIF: a valid promptgate-probe run with only failed probes, no host name', async () => {
    const app = await demo({ kind: 'vulnerable' });
    const dir = tempDir();
    const { code, stdout } = await cli(['--url', app.url, '--allow-private', '--format', 'sarif', '--output', 'probe.sarif'], {}, dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const path = join(dir, 'probe.sarif');
    const text = readFileSync(path, 'utf8');
    const log = JSON.parse(text);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].automationDetails.id).toBe('promptgate-probe/');
    const results = log.runs[0].results as Array<{ ruleId: string; partialFingerprints: Record<string, string>; properties: { status: string } }>;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.properties.status === 'fail' && r.partialFingerprints['primaryLocationLineHash'])).toBe(true);
    for (const rule of log.runs[0].tool.driver.rules) expect(rule.help.markdown).toMatch(/## How to fix/);
    expect(text).not.toContain('127.0.0.1');
    const validation = await validateSarif(path);
    expect(validation.errors).toEqual([]);
  });
});

describe('rendering', () => {
  test('markdown defangs links, escapes the table and cannot break out of evidence fences', async () => {
    const app = await demo({ kind: 'vulnerable', canary: 'cnry-0a1b2c3d4e5f' });
    const result = await runProbe({ url: app.url, allowPrivate: true, canary: 'cnry-0a1b2c3d4e5f', runId: 'r' }, silentLogger);
    const md = renderProbeMarkdown(result);
    expect(md).toMatch(/^### Live probe/);
    expect(md).toMatch(/exfil\[\.\]example/);
    expect(md).not.toMatch(/https?:\/\/exfil/);
    const outsideFences = md.replace(/```text\n[\s\S]*?\n```/g, '');
    expect(outsideFences).not.toMatch(/!\[/);
    expect(md).not.toContain('cnry-0a1b2c3d4e5f');
    expect(md).not.toContain('127.0.0.1');
    // Fences: every ``` opens or closes one of ours (even count), evidence backticks were replaced.
    expect((md.match(/```/g) ?? []).length % 2).toBe(0);
    for (const line of md.split('\n').filter((l) => l.startsWith('|') && !l.startsWith('|---'))) {
      expect(line.split(/(?<!\\)\|/).length).toBe(6); // 4 cells: no unescaped pipe from evidence
    }
    const text = renderProbeText(result, { color: false });
    expect(text).toMatch(/FAIL\s+critical\s+probe-unauthenticated/);
    expect(text).not.toMatch(/\u001b/);
    expect(renderProbeText(result, { color: true })).toMatch(/\u001b\[/);
  });
});
