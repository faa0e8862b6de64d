// .promptgate.yml and inline suppressions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText } from '../src/config/load.js';
import { scanSources, scanTree } from '../src/core/scan.js';
import { applyRuleSettings, defaultConfig } from '../src/config/config.js';
import { parseSuppressions } from '../src/core/suppress.js';
import { UsageError } from '../src/core/types.js';
import { ruleIds } from '../src/rules/index.js';
import { buildJsonReport } from '../src/report/json.js';
import { buildSarif } from '../src/report/sarif.js';
import { allRules } from '../src/rules/index.js';

const CALL = `from openai import OpenAI\nclient = OpenAI()\nreply = client.chat.completions.create(model="gpt-5.1", messages=[])\n`;

describe('config file', () => {
  it('parses rule switches, severities, ignores, wrappers, trusted sources and thresholds', async () => {
    const config = await parseConfigText(
      [
        'rules:',
        '  cost-missing-max-tokens: off',
        '  model-retired: high',
        '  cost-token-limit: { enabled: true, severity: low }',
        'ignore: ["scripts/**", "notebooks/**"]',
        'llm-wrappers: [call_llm]',
        'trusted-sources: [db.get_tenant_name]',
        'thresholds: { max-output-tokens: 32000, max-retries: 3 }',
      ].join('\n'),
      '.promptgate.yml',
      ruleIds,
    );
    expect(config.rules['cost-missing-max-tokens']).toEqual({ enabled: false, severity: undefined });
    expect(config.rules['model-retired']).toEqual({ enabled: true, severity: 'high' });
    expect(config.rules['cost-token-limit']).toEqual({ enabled: true, severity: 'low' });
    expect(config.ignorePaths).toEqual(['scripts/**', 'notebooks/**']);
    expect(config.llmWrappers).toEqual(['call_llm']);
    expect(config.trustedSources).toEqual(['db.get_tenant_name']);
    expect(config.thresholds).toEqual({ maxOutputTokens: 32000, maxRetries: 3 });
  });

  it.each([
    ['rulez: {}', '.promptgate.yml: rulez: unknown key; expected one of rules, ignore, llm-wrappers, trusted-sources, thresholds, max-file-size'],
    ['rules:\n  cost-missing-max-token: off', '.promptgate.yml: rules.cost-missing-max-token: unknown rule id (did you mean cost-missing-max-tokens?)'],
    ['rules:\n  model-retired: loud', '.promptgate.yml: rules.model-retired: expected on, off or a severity (critical, high, medium, low), got "loud"'],
    ['ignore: scripts/**', '.promptgate.yml: ignore: expected a list of strings'],
    ['thresholds: { max-output-tokens: -1 }', '.promptgate.yml: thresholds.max-output-tokens: expected a non-negative whole number'],
    ['rules: [a, b]', '.promptgate.yml: rules: expected a map of rule id to on/off, a severity, or { enabled, severity }'],
    ['rules: {\n', '.promptgate.yml: invalid YAML:'],
  ])('rejects %j with one clear line', async (text, message) => {
    let error: unknown;
    try {
      await parseConfigText(text, '.promptgate.yml', ruleIds);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message.startsWith(message)).toBe(true);
    expect((error as Error).message).not.toContain('\n');
  });

  it('loads .promptgate.yml from the root by default and applies it to a scan', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pg-config-'));
    writeFileSync(path.join(root, 'app.py'), CALL);
    writeFileSync(path.join(root, 'skip.py'), CALL);
    writeFileSync(path.join(root, '.promptgate.yml'), 'rules:\n  cost-missing-max-tokens: high\nignore: [skip.py]\n');
    const config = await loadConfig(root);
    const result = await scanTree({ root, config });
    expect(result.findings.map((f) => [f.file, f.ruleId, f.severity])).toEqual([['app.py', 'cost-missing-max-tokens', 'high']]);
  });

  it('accepts live-probe ids and applies their switches and severities to probe findings', async () => {
    const config = await parseConfigText('rules:\n  probe-cors: off\n  probe-rate-limit: critical\n', '.promptgate.yml');
    const finding = (ruleId: string) => ({ ruleId, severity: 'medium' as const, title: '', message: '', file: 'a', line: 1, column: 1, endLine: 1, endColumn: 1, cwe: [], owasp: [], fingerprint: 'x', status: 'fail' as const });
    expect(applyRuleSettings([finding('probe-cors'), finding('probe-rate-limit'), finding('probe-error-leak')], config).map((f) => [f.ruleId, f.severity])).toEqual([
      ['probe-rate-limit', 'critical'],
      ['probe-error-leak', 'medium'],
    ]);
  });

  it('treats a missing default config as defaults, but a missing explicit one as an error', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pg-config-'));
    expect(await loadConfig(root)).toEqual(defaultConfig());
    await expect(loadConfig(root, 'nope.yml')).rejects.toThrow(/^cannot read config nope\.yml/);
  });

  it('disables a rule', async () => {
    const config = defaultConfig();
    config.rules['cost-missing-max-tokens'] = { enabled: false, severity: undefined };
    const result = await scanSources({ files: [{ path: 'app.py', text: CALL }], config });
    expect(result.findings).toEqual([]);
  });

  it('treats configured wrapper functions as LLM calls', async () => {
    const config = defaultConfig();
    config.llmWrappers = ['ask_model'];
    const text = 'from flask import request\n\ndef handler():\n    return ask_model(prompt="hi", max_tokens=request.json["n"])\n';
    const result = await scanSources({ files: [{ path: 'app.py', text }], config });
    const none = await scanSources({ files: [{ path: 'app.py', text }], config: defaultConfig() });
    expect(none.findings).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.line])).toEqual([['cost-token-limit', 4]]);
  });
});

describe('inline suppressions', () => {
  it('parses same-line and line-above forms, with rule ids and a reason', () => {
    const text = [
      '# promptgate-ignore cost-missing-max-tokens: batch job with its own budget',
      'x = 1  # promptgate-ignore model-retired, cost-token-limit: pinned for eval parity',
      '// promptgate-ignore secret-provider-key',
      '/* promptgate-ignore */',
    ].join('\n');
    expect(parseSuppressions(text)).toEqual([
      { line: 1, covers: [1, 2], ruleIds: ['cost-missing-max-tokens'], reason: 'batch job with its own budget' },
      { line: 2, covers: [2], ruleIds: ['model-retired', 'cost-token-limit'], reason: 'pinned for eval parity' },
      { line: 3, covers: [3, 4], ruleIds: ['secret-provider-key'], reason: undefined },
      { line: 4, covers: [4, 5], ruleIds: [], reason: undefined },
    ]);
  });

  it('suppresses with a reason, counts it, and leaves it out of SARIF', async () => {
    const text = CALL.replace('reply =', '# promptgate-ignore cost-missing-max-tokens: capped by the gateway\nreply =');
    const result = await scanSources({ files: [{ path: 'app.py', text }], config: defaultConfig() });
    expect(result.findings).toEqual([]);
    expect(result.summary.suppressed).toBe(1);
    expect(result.suppressed[0]?.suppressed).toEqual({ kind: 'inline', reason: 'capped by the gateway' });
    expect(buildJsonReport(result, '0').summary.suppressed).toBe(1);
    const sarif = buildSarif({ toolVersion: '0', runs: [{ category: 'promptgate', rules: allRules.map((r) => r.meta), findings: [...result.findings, ...result.suppressed] }] });
    expect(sarif.runs[0]?.results).toEqual([]);
  });

  it('ignores a suppression without a reason and reports it', async () => {
    const text = CALL.replace('reply =', '# promptgate-ignore cost-missing-max-tokens\nreply =');
    const result = await scanSources({ files: [{ path: 'app.py', text }], config: defaultConfig() });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['cost-missing-max-tokens']);
    expect(result.errors).toEqual([
      { file: 'app.py', message: 'line 3: promptgate-ignore cost-missing-max-tokens has no reason ("promptgate-ignore <rule-id>: <reason>"); the finding still counts' },
    ]);
  });

  it('does not let a suppression for one rule hide another', async () => {
    const text = CALL.replace('reply =', '# promptgate-ignore model-retired: not this one\nreply =');
    const result = await scanSources({ files: [{ path: 'app.py', text }], config: defaultConfig() });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['cost-missing-max-tokens']);
  });
});
