import { describe, expect, it } from 'vitest';
import type { Finding, ScanResult } from '../src/core/types.js';
import { buildJsonReport, serializeJsonReport } from '../src/report/json.js';

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'output-html',
    severity: 'high',
    title: 'Model output rendered as HTML',
    message: 'completion.text reaches dangerouslySetInnerHTML',
    file: 'web/src/Chat.tsx',
    line: 40,
    column: 7,
    endLine: 40,
    endColumn: 52,
    cwe: ['CWE-79'],
    owasp: ['LLM05:2025'],
    fingerprint: 'e54938cc54b302f1:1',
    ...overrides,
  };
}

const findings: Finding[] = [
  finding({
    flow: [
      { file: 'web/src/Chat.tsx', line: 30, column: 9, endLine: 30, endColumn: 20, message: 'completion (source)' },
      { file: 'web/src/Chat.tsx', line: 40, column: 7, endLine: 40, endColumn: 52, message: 'sink' },
    ],
    new: false,
  }),
  finding({ ruleId: 'secret-provider-key', severity: 'critical', file: '.env', line: 2, column: 19, endColumn: 60, evidence: 'sk-proj-…[120 hidden]…Qw3A', new: true }),
  finding({ ruleId: 'cost-missing-max-tokens', severity: 'low', file: 'app/llm.py', line: 12, column: 5, new: true }),
  finding({ ruleId: 'leak-prompt-logging', severity: 'medium', file: 'app/llm.py', line: 12, column: 5, new: false }),
];

const result: ScanResult = {
  findings,
  suppressed: [finding({ line: 99, suppressed: { kind: 'inline', reason: 'sanitised upstream' } })],
  summary: { critical: 1, high: 1, medium: 1, low: 1, files: 17, suppressed: 1, skipped: 2 },
  errors: [
    { file: 'app/z.py', message: 'parse error at 3:1' },
    { file: 'app/broken.py', message: 'invalid syntax' },
  ],
};

const KEYS = ['ruleId', 'severity', 'title', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'cwe', 'owasp', 'fingerprint'];

describe('buildJsonReport', () => {
  it('has exactly the documented top-level shape', () => {
    const report = buildJsonReport(result, '0.1.0');
    expect(Object.keys(report)).toEqual(['tool', 'findings', 'summary', 'errors']);
    expect(report.tool).toEqual({ name: 'promptgate', version: '0.1.0' });
    expect(report.summary).toEqual({ critical: 1, high: 1, medium: 1, low: 1, files: 17, suppressed: 1 });
    expect(Object.keys(report.summary)).toEqual(['critical', 'high', 'medium', 'low', 'files', 'suppressed']);
    expect(report.errors).toEqual([
      { file: 'app/broken.py', message: 'invalid syntax' },
      { file: 'app/z.py', message: 'parse error at 3:1' },
    ]);
  });

  it('lists findings with the documented keys only, in file/line/column/rule order', () => {
    const report = buildJsonReport(result, '0.1.0');
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.ruleId}`)).toEqual([
      '.env:2:19:secret-provider-key',
      'app/llm.py:12:5:cost-missing-max-tokens',
      'app/llm.py:12:5:leak-prompt-logging',
      'web/src/Chat.tsx:40:7:output-html',
    ]);
    const [secret, , , html] = report.findings;
    expect(Object.keys(secret!)).toEqual([...KEYS, 'new', 'evidence']);
    expect(secret!.evidence).toBe('sk-proj-…[120 hidden]…Qw3A');
    // `flow` and `suppressed` are internal: never in the JSON.
    expect(Object.keys(html!)).toEqual([...KEYS, 'new']);
    expect(html!.new).toBe(false);
    expect(JSON.stringify(report)).not.toContain('sanitised upstream');
  });

  it('leaves `new` out when it is not known', () => {
    const report = buildJsonReport({ ...result, findings: [finding({})] }, '0.1.0');
    expect(Object.keys(report.findings[0]!)).toEqual(KEYS);
  });

  it('merges probe results with their status and counts only failures', () => {
    const report = buildJsonReport(
      {
        ...result,
        probe: {
          findings: [
            finding({ ruleId: 'probe-canary-leak', file: 'web/src/app/api/chat/route.ts', line: 5, column: 1, status: 'fail', evidence: 'canary PG-…[8 hidden]…' }),
            finding({ ruleId: 'probe-cors', severity: 'medium', file: 'web/src/app/api/chat/route.ts', line: 5, column: 1, status: 'pass' }),
            finding({ ruleId: 'probe-rate-limit', severity: 'medium', file: 'web/src/app/api/chat/route.ts', line: 5, column: 1, status: 'inconclusive' }),
          ],
          errors: [{ file: 'web/src/app/api/chat/route.ts', message: 'probe-tool-surface skipped: budget exhausted' }],
        },
      },
      '0.1.0',
    );
    const probes = report.findings.filter((f) => f.ruleId.startsWith('probe-'));
    expect(probes.map((f) => [f.ruleId, f.status])).toEqual([
      ['probe-canary-leak', 'fail'],
      ['probe-cors', 'pass'],
      ['probe-rate-limit', 'inconclusive'],
    ]);
    expect(Object.keys(probes[0]!)).toEqual([...KEYS, 'status', 'evidence']);
    expect(report.summary).toMatchObject({ critical: 1, high: 2, medium: 1, low: 1 });
    expect(report.errors.map((e) => e.file)).toEqual(['app/broken.py', 'app/z.py', 'web/src/app/api/chat/route.ts']);
  });

  it('is byte-identical for any input order', () => {
    const expected = serializeJsonReport(buildJsonReport(result, '0.1.0'));
    expect(expected.endsWith('}\n')).toBe(true);
    const reversed = { ...result, findings: [...findings].reverse(), errors: [...result.errors].reverse() };
    expect(serializeJsonReport(buildJsonReport(reversed, '0.1.0'))).toBe(expected);
    const rotated = { ...result, findings: [...findings.slice(2), ...findings.slice(0, 2)] };
    expect(serializeJsonReport(buildJsonReport(rotated, '0.1.0'))).toBe(expected);
  });
});
