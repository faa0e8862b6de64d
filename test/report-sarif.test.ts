import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../src/core/types.js';
import { computeLineHashes } from '../src/report/fingerprint.js';
import { buildSarif, markdownToText, pascalCase, ruleTags, serializeSarif, type SarifRuleMeta } from '../src/report/sarif.js';
import { validateSarif } from './helpers/sarif-validator.js';

const dir = mkdtempSync(join(tmpdir(), 'promptgate-report-sarif-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chatPy = [
  'from flask import request',
  'import anthropic',
  '',
  'client = anthropic.Anthropic()',
  '',
  '@app.post("/chat")',
  'def chat():',
  '    style = request.json["style"]',
  '    system = "You are a helpful assistant. Answer in the style: " + style',
  '    reply = client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, system=system, messages=[])',
  '    return reply.content[0].text',
].join('\n');
const chatHashes = computeLineHashes(chatPy);

const HELP = `# injection-system-prompt

User input reaches the **system prompt** of an LLM call. See [OWASP LLM01](https://genai.owasp.org/llmrisk/llm01-prompt-injection/).

\`\`\`python
system = "Answer in the style: " + request.json["style"]  # bad
\`\`\`

Suppress with \`# promptgate-ignore injection-system-prompt: reason\`.
`;

const rules: SarifRuleMeta[] = [
  {
    id: 'injection-system-prompt',
    title: 'User input in the system prompt',
    description: 'Request data flows into the system prompt, where it carries the authority of the developer.',
    severity: 'high',
    cwe: ['CWE-1427', 'CWE-77'],
    owasp: ['LLM01:2025', 'LLM07:2025'],
    precision: 'high',
    help: HELP,
  },
  {
    id: 'cost-missing-max-tokens',
    title: 'No output token limit',
    description: 'x'.repeat(1500),
    severity: 'low',
    cwe: ['CWE-770'],
    owasp: ['LLM10:2025'],
    precision: 'medium',
    help: '',
  },
  {
    id: 'secret-provider-key',
    title: 'LLM provider API key committed',
    description: 'A provider API key is committed to the repository.',
    severity: 'critical',
    cwe: ['CWE-798'],
    owasp: ['LLM02:2025', 'LLM10:2025'],
    precision: 'very-high',
    help: '# secret-provider-key\n\nRotate the key.\n',
  },
];

const probeRules: SarifRuleMeta[] = [
  {
    id: 'probe-canary-leak',
    title: 'System prompt canary leaked',
    description: 'The endpoint returned the canary planted in the system prompt.',
    severity: 'high',
    cwe: ['CWE-200'],
    owasp: ['LLM07:2025'],
    precision: 'very-high',
    help: '# probe-canary-leak\n\nThe live endpoint revealed its system prompt.\n',
  },
  {
    id: 'probe-cors',
    title: 'Permissive CORS on the LLM endpoint',
    description: 'Any origin may call the endpoint from a browser.',
    severity: 'medium',
    cwe: ['CWE-942'],
    owasp: ['LLM10:2025'],
    precision: 'high',
    help: '# probe-cors\n\nRestrict origins.\n',
  },
];

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'injection-system-prompt',
    severity: 'high',
    title: 'User input in the system prompt',
    message: 'request.json["style"] reaches the system prompt of client.messages.create',
    file: 'app/chat.py',
    line: 9,
    column: 14,
    endLine: 9,
    endColumn: 76,
    cwe: ['CWE-1427'],
    owasp: ['LLM01:2025'],
    fingerprint: chatHashes[8]!,
    ...overrides,
  };
}

const staticFindings: Finding[] = [
  finding({
    flow: [
      { file: 'app/chat.py', line: 8, column: 13, endLine: 8, endColumn: 34, message: 'request.json["style"] (source)' },
      { file: 'app/chat.py', line: 9, column: 5, endLine: 9, endColumn: 11, message: 'concatenated into system' },
      { file: 'app/chat.py', line: 10, column: 88, endLine: 10, endColumn: 101, message: 'system= of messages.create (sink)' },
    ],
  }),
  finding({
    ruleId: 'secret-provider-key',
    severity: 'critical',
    title: 'LLM provider API key committed',
    message: 'Anthropic API key committed (sk-ant-a…[92 hidden]…wxAA)',
    file: 'config/settings dev.py',
    line: 3,
    column: 11,
    endLine: 3,
    endColumn: 119,
    cwe: ['CWE-798'],
    owasp: ['LLM02:2025'],
    fingerprint: '5c482a0f8b35ea28:1',
    evidence: 'sk-ant-a…[92 hidden]…wxAA',
  }),
  finding({
    ruleId: 'cost-missing-max-tokens',
    severity: 'medium', // raised by config from the rule default (low)
    title: 'No output token limit',
    message: 'openai chat.completions.create without max_tokens',
    file: 'web/src/api/route.ts',
    line: 22,
    column: 24,
    endLine: 27,
    endColumn: 4,
    cwe: ['CWE-770'],
    owasp: ['LLM10:2025'],
    fingerprint: '1131fd5871777f34:1',
    new: true,
  }),
  // A flow with one step is not a code flow.
  finding({ line: 10, column: 5, endColumn: 20, fingerprint: chatHashes[9]!, flow: [{ file: 'app/chat.py', line: 10, column: 5, endLine: 10, endColumn: 20, message: 'only step' }] }),
];

const probeFindings: Finding[] = [
  finding({
    ruleId: 'probe-canary-leak',
    title: 'System prompt canary leaked',
    message: 'POST /api/chat returned the canary after 2 requests',
    file: 'web/src/app/api/chat/route.ts',
    line: 5,
    column: 1,
    endLine: 5,
    endColumn: 36,
    cwe: ['CWE-200'],
    owasp: ['LLM07:2025'],
    fingerprint: 'e54938cc54b302f1:1',
    status: 'fail',
    evidence: '…the secret word is PG-CANARY-…[10 hidden]…',
  }),
  finding({ ruleId: 'probe-cors', severity: 'medium', file: 'web/src/app/api/chat/route.ts', line: 5, column: 1, status: 'pass', message: 'CORS restricted' }),
  finding({ ruleId: 'probe-cors', severity: 'medium', file: 'web/src/app/api/chat/route.ts', line: 5, column: 1, status: 'inconclusive', message: 'no preflight answer' }),
];

const suppressed = finding({ line: 2, message: 'suppressed one', suppressed: { kind: 'inline', reason: 'test data' } });

function realisticLog(order: (list: Finding[]) => Finding[] = (l) => l) {
  return buildSarif({
    toolVersion: '0.1.0',
    runs: [
      { category: 'promptgate', rules, findings: order([...staticFindings, suppressed]) },
      { category: 'promptgate-probe', rules: probeRules, findings: order(probeFindings) },
    ],
  });
}

function shuffled<T>(list: T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('sarif validator helper', () => {
  it('reports schema errors for an invalid file', { timeout: 60_000 }, async () => {
    const path = join(dir, 'invalid.sarif');
    writeFileSync(path, JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ message: {}, level: 'bogus' }] }] }));
    const report = await validateSarif(path);
    expect(report.errors.length).toBeGreaterThanOrEqual(2);
    expect(report.errors.join('\n')).toMatch(/'name' is missing/);
    expect(report.errors.join('\n')).toMatch(/bogus/);
  });

  it('reports GitHub-specific errors for a schema-valid file', { timeout: 60_000 }, async () => {
    const path = join(dir, 'not-for-github.sarif');
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'x', rules: [{ id: 'r1' }] } },
          results: [{ ruleId: 'r1', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.py' }, region: { startLine: 1 } } }] }],
        },
      ],
    };
    writeFileSync(path, JSON.stringify(log));
    const report = await validateSarif(path);
    expect(report.errors.some((e) => /error GH\d+/.test(e) && /help/.test(e))).toBe(true);
  });

  it('fails loudly when the file does not exist', { timeout: 60_000 }, async () => {
    const report = await validateSarif(join(dir, 'missing.sarif'));
    expect(report.errors.length).toBeGreaterThan(0);
  });
});

describe('buildSarif', () => {
  it('produces SARIF that the GitHub rule set validates with zero errors and zero warnings', { timeout: 60_000 }, async () => {
    const path = join(dir, 'promptgate.sarif');
    writeFileSync(path, serializeSarif(realisticLog()));
    const report = await validateSarif(path);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it('validates with an originalUriBaseIds source root too', { timeout: 60_000 }, async () => {
    const log = buildSarif({ toolVersion: '0.1.0', srcRoot: '/home/runner/work/app/app', runs: [{ category: 'promptgate', rules, findings: staticFindings }] });
    expect(log.runs[0]!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/runner/work/app/app/' } });
    const path = join(dir, 'with-root.sarif');
    writeFileSync(path, serializeSarif(log));
    expect((await validateSarif(path)).errors).toEqual([]);
  });

  it('has the log header, one run per category and the tool driver', () => {
    const log = realisticLog();
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual(['promptgate/', 'promptgate-probe/']);
    const driver = log.runs[0]!.tool.driver;
    expect(driver).toMatchObject({ name: 'promptgate', version: '0.1.0', semanticVersion: '0.1.0', informationUri: 'https://github.com/promptgate/promptgate' });
    expect(log.runs[0]!.originalUriBaseIds).toBeUndefined();
  });

  it('describes rules the way code scanning reads them', () => {
    const run = realisticLog().runs[0]!;
    const ruleList = run.tool.driver.rules!;
    expect(ruleList.map((r) => r.id)).toEqual(['cost-missing-max-tokens', 'injection-system-prompt', 'secret-provider-key']);
    const injection = ruleList[1]!;
    expect(injection.name).toBe('InjectionSystemPrompt');
    expect(injection.shortDescription?.text).toBe('User input in the system prompt');
    expect(injection.defaultConfiguration?.level).toBe('error');
    expect(injection.help?.markdown).toBe(HELP.trim());
    expect(injection.help?.text).toContain('User input reaches the system prompt of an LLM call. See OWASP LLM01 (https://genai.owasp.org/llmrisk/llm01-prompt-injection/).');
    expect(injection.help?.text).not.toMatch(/```|\*\*|^#/m);
    expect(injection.properties).toEqual({
      tags: ['security', 'external/cwe/cwe-1427', 'external/cwe/cwe-077', 'external/owasp/owasp-llm01-2025', 'external/owasp/owasp-llm07-2025'],
      precision: 'high',
      'problem.severity': 'error',
      'security-severity': '8.0',
    });
    const cost = ruleList[0]!;
    expect(Array.from(cost.fullDescription!.text).length).toBeLessThanOrEqual(1024);
    expect(cost.help?.text).toBeTruthy();
    expect(cost.defaultConfiguration?.level).toBe('note');
    expect(cost.properties?.['security-severity']).toBe('3.0');
    expect(ruleList[2]!.properties?.['security-severity']).toBe('9.5');
    for (const rule of ruleList) expect(Number(rule.properties?.['security-severity'])).toBeGreaterThan(0);
  });

  it('writes results with locations, fingerprints, levels from the finding severity and code flows', () => {
    const run = realisticLog().runs[0]!;
    const results = run.results!;
    expect(results.map((r) => `${r.locations![0]!.physicalLocation!.artifactLocation!.uri}:${r.locations![0]!.physicalLocation!.region!.startLine}`)).toEqual([
      'app/chat.py:9',
      'app/chat.py:10',
      'config/settings%20dev.py:3',
      'web/src/api/route.ts:22',
    ]);
    for (const r of results) {
      expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId);
      expect(r.partialFingerprints?.primaryLocationLineHash).toMatch(/^[0-9a-f]+:\d+$/);
      expect(r.locations![0]!.physicalLocation!.artifactLocation!.uriBaseId).toBe('%SRCROOT%');
    }
    const [taint, oneStep, secret, cost] = results;
    expect(taint!.partialFingerprints!.primaryLocationLineHash).toBe(chatHashes[8]);
    expect(taint!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 9, startColumn: 14, endLine: 9, endColumn: 76 });
    const steps = taint!.codeFlows![0]!.threadFlows[0]!.locations;
    expect(steps.map((s) => s.location?.message?.text)).toEqual(['request.json["style"] (source)', 'concatenated into system', 'system= of messages.create (sink)']);
    expect(steps[0]!.location?.physicalLocation?.region).toEqual({ startLine: 8, startColumn: 13, endLine: 8, endColumn: 34 });
    expect(oneStep!.codeFlows).toBeUndefined();
    expect(secret!.level).toBe('error');
    expect(secret!.properties).toEqual({ severity: 'critical' });
    // Severity raised by config: level follows the finding, the rule keeps its default security-severity.
    expect(cost!.level).toBe('warning');
    expect(cost!.properties).toEqual({ severity: 'medium' });
    expect(JSON.stringify(results)).not.toContain('suppressed one');
  });

  it('puts probe failures in their own run and leaves out passes and inconclusive probes', () => {
    const probe = realisticLog().runs[1]!;
    expect(probe.tool.driver.rules!.map((r) => r.id)).toEqual(['probe-canary-leak', 'probe-cors']);
    expect(probe.results).toHaveLength(1);
    expect(probe.results![0]).toMatchObject({ ruleId: 'probe-canary-leak', ruleIndex: 0, level: 'error', properties: { severity: 'high', status: 'fail' } });
  });

  it('is byte-identical across runs and input orders', () => {
    const first = serializeSarif(realisticLog());
    expect(serializeSarif(realisticLog())).toBe(first);
    for (const seed of [1, 2, 3, 4, 5]) {
      const log = buildSarif({
        toolVersion: '0.1.0',
        runs: shuffled(
          [
            { category: 'promptgate', rules: shuffled(rules, seed), findings: shuffled([...staticFindings, suppressed], seed + 10) },
            { category: 'promptgate-probe', rules: shuffled(probeRules, seed), findings: shuffled(probeFindings, seed + 20) },
          ],
          seed,
        ),
      });
      expect(serializeSarif(log)).toBe(first);
    }
    expect(first.endsWith('}\n')).toBe(true);
    expect(first.split('\n')[1]).toBe('  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",');
  });

  it('merges runs of the same category and describes rules it was not given', () => {
    const log = buildSarif({
      toolVersion: 'dev-build',
      runs: [
        { category: 'promptgate', rules: [rules[0]!], findings: [staticFindings[0]!] },
        { category: 'promptgate/', rules: [], findings: [finding({ ruleId: 'model-retired', title: 'Retired model', cwe: ['CWE-477'], owasp: [] })] },
      ],
    });
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver.semanticVersion).toBeUndefined();
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual(['injection-system-prompt', 'model-retired']);
    const retired = run.tool.driver.rules![1]!;
    expect(retired.help?.text).toBeTruthy();
    expect(retired.properties?.['tags']).toEqual(['security', 'external/cwe/cwe-477']);
    expect(run.results!.find((r) => r.ruleId === 'model-retired')!.ruleIndex).toBe(1);
  });

  it('repairs regions GitHub would reject and encodes odd paths', () => {
    const log = buildSarif({
      toolVersion: '0.1.0',
      runs: [{ category: 'promptgate', rules, findings: [finding({ file: '.\\src\\a#b?.ts', line: 0, column: 0, endLine: 0, endColumn: 0 })] }],
    });
    const loc = log.runs[0]!.results![0]!.locations![0]!.physicalLocation!;
    expect(loc.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 });
    expect(loc.artifactLocation!.uri).toBe('src/a%23b%3F.ts');
  });
});

describe('sarif helpers', () => {
  it('pascalCase', () => {
    expect(pascalCase('secret-provider-key')).toBe('SecretProviderKey');
    expect(pascalCase('probe-canary-leak')).toBe('ProbeCanaryLeak');
  });

  it('ruleTags accepts loose CWE and OWASP spellings and caps at 20', () => {
    expect(ruleTags({ cwe: ['cwe-79', '89', 'bogus'], owasp: ['llm05', 'LLM01:2025'] })).toEqual([
      'security',
      'external/cwe/cwe-079',
      'external/cwe/cwe-089',
      'external/owasp/owasp-llm05',
      'external/owasp/owasp-llm01-2025',
    ]);
    expect(ruleTags({ cwe: Array.from({ length: 30 }, (_, i) => `CWE-${100 + i}`), owasp: [] })).toHaveLength(20);
  });

  it('markdownToText keeps code and link targets', () => {
    expect(markdownToText('## Fix\n\nUse `max_tokens`, see [docs](https://x.dev/a).\n\n```ts\nconst a = 1;\n```')).toBe(
      'Fix\n\nUse max_tokens, see docs (https://x.dev/a).\n\nconst a = 1;',
    );
  });
});
