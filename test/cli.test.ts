// The CLI contract of DESIGN §2: commands, formats, exit codes and --changed-since.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { VERSION } from '../src/version.js';
import pkg from '../package.json' with { type: 'json' };

const ROOT = path.resolve(import.meta.dirname, '..');
const UNCAPPED = `from openai import OpenAI\nclient = OpenAI()\nreply = client.chat.completions.create(model="gpt-5.1", messages=[])\n`;
const RETIRED = `import anthropic\nclaude = anthropic.Anthropic()\nclaude.messages.create(model="claude-3-opus-20240229", max_tokens=100, messages=[])\n`;

async function cli(argv: string[], cwd = ROOT) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    isTTY: false,
    env: {},
  });
  return { code, stdout, stderr };
}

function git(cwd: string, ...args: string[]) {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' });
}

describe('promptgate CLI', () => {
  it('prints the package version', async () => {
    expect(VERSION).toBe(pkg.version);
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('scans the example app as text and exits 1 at the default fail-on high', async () => {
    const { code, stdout, stderr } = await cli(['scan', 'examples']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('examples/chat-api/app.py');
    expect(stdout).toContain('secret-provider-key');
    expect(stdout).not.toMatch(/sk-ant-api03-[\w-]{93}AA/);
    expect(stdout).not.toContain('\u001b[');
  });

  it('exits 0 with --fail-on none and honours each threshold', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pg-cli-'));
    writeFileSync(path.join(root, 'app.py'), UNCAPPED);
    expect((await cli(['scan', '--fail-on', 'none'], root)).code).toBe(0);
    expect((await cli(['scan', '--fail-on', 'low'], root)).code).toBe(1);
    expect((await cli(['scan', '--fail-on', 'medium'], root)).code).toBe(0);
  });

  it('writes JSON with the documented shape', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pg-cli-'));
    writeFileSync(path.join(root, 'app.py'), UNCAPPED);
    const { code, stdout } = await cli(['scan', '--format', 'json', '--fail-on', 'none'], root);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['tool', 'findings', 'summary', 'errors']);
    expect(report.tool).toEqual({ name: 'promptgate', version: VERSION });
    expect(report.findings[0]).toMatchObject({ ruleId: 'cost-missing-max-tokens', severity: 'low', file: 'app.py', line: 3, cwe: ['CWE-770'], owasp: ['LLM10:2025'] });
    expect(report.findings[0].fingerprint).toMatch(/^[0-9a-f]+:1$/);
    expect(report.summary).toEqual({ critical: 0, high: 0, medium: 0, low: 1, files: 1, suppressed: 0 });
  });

  it('writes SARIF to --output and a summary line to stderr', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pg-cli-'));
    writeFileSync(path.join(root, 'app.py'), UNCAPPED);
    const { code, stdout, stderr } = await cli(['scan', '--format', 'sarif', '--output', 'out.sarif'], root);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('1 findings (0 critical, 0 high, 0 medium, 1 low) in 1 files');
    const sarif = JSON.parse(readFileSync(path.join(root, 'out.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results[0].partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]+:1$/);
  });

  it.each([
    [['scan', '--format', 'xml'], 'promptgate: --format must be one of text, json, sarif; got "xml"\n'],
    [['scan', '--fail-on', 'severe'], 'promptgate: --fail-on must be one of critical, high, medium, low, none; got "severe"\n'],
    [['scan', '--bogus'], "promptgate: Unknown option '--bogus'\n"],
    [['launch'], 'promptgate: unknown command "launch"; expected scan, probe or rules (promptgate --help)\n'],
    [['scan', 'no-such-dir'], 'promptgate: no-such-dir: no such file or directory\n'],
  ])('rejects %j with exit 2 and one line', async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toBe(message);
  });

  it('exits 2 with a one-line message on a bad config file', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pg-cli-'));
    writeFileSync(path.join(root, '.promptgate.yml'), 'rules:\n  not-a-rule: off\n');
    const { code, stderr } = await cli(['scan'], root);
    expect(code).toBe(2);
    expect(stderr).toBe('promptgate: .promptgate.yml: rules.not-a-rule: unknown rule id\n');
  });

  it('lists the rules as text, JSON and markdown', async () => {
    const json = JSON.parse((await cli(['rules', '--format', 'json'])).stdout);
    expect(json.map((r: { id: string }) => r.id)).toContain('secret-provider-key');
    expect((await cli(['rules'])).stdout).toMatch(/^client-browser-sdk\s+high\s+/m);
    expect((await cli(['rules', '--format', 'markdown'])).stdout).toContain('| [`model-retired`](docs/rules/model-retired.md) |');
  });

  it('--changed-since scans only changed files and marks findings new or existing', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pg-cli-git-'));
    git(root, 'init', '-q', '-b', 'main');
    writeFileSync(path.join(root, 'old.py'), UNCAPPED);
    writeFileSync(path.join(root, 'untouched.py'), UNCAPPED);
    git(root, 'add', '.');
    git(root, 'commit', '-qm', 'base');
    // old.py keeps its finding and gains a new one; new.py is untracked.
    writeFileSync(path.join(root, 'old.py'), UNCAPPED + `\n${RETIRED}`);
    writeFileSync(path.join(root, 'new.py'), UNCAPPED);
    const { code, stdout } = await cli(['scan', '--changed-since', 'HEAD', '--format', 'json', '--fail-on', 'none'], root);
    expect(code).toBe(0);
    const findings = JSON.parse(stdout).findings.map((f: { file: string; ruleId: string; new: boolean }) => [f.file, f.ruleId, f.new]);
    expect(findings).toEqual([
      ['new.py', 'cost-missing-max-tokens', true],
      ['old.py', 'cost-missing-max-tokens', false],
      ['old.py', 'model-retired', true],
    ]);
    const bad = await cli(['scan', '--changed-since', 'no-such-ref'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^promptgate: --changed-since: "no-such-ref" is not a commit in this repository/);
  });
});
