import { describe, expect, it } from 'vitest';
import type { Finding, ScanResult } from '../src/core/types.js';
import { renderText } from '../src/report/text.js';

const ESC = '\u001b';

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

const result: ScanResult = {
  findings: [
    finding({ ruleId: 'cost-missing-max-tokens', severity: 'low', line: 3, column: 15, message: 'no max_tokens on chat.completions.create' }),
    finding({
      new: true,
      flow: [
        { file: 'web/src/Chat.tsx', line: 30, column: 9, endLine: 30, endColumn: 20, message: 'completion (source)' },
        { file: 'web/src/render.ts', line: 8, column: 3, endLine: 8, endColumn: 30, message: 'innerHTML (sink)' },
      ],
    }),
    finding({
      ruleId: 'secret-provider-key',
      severity: 'critical',
      file: '.env',
      line: 2,
      column: 19,
      message: 'Anthropic API key committed (sk-ant-a…[92 hidden]…wxAA)',
      evidence: 'sk-ant-a…[92 hidden]…wxAA',
      new: false,
    }),
    finding({ ruleId: 'leak-prompt-logging', severity: 'medium', line: 112, column: 5, message: 'prompt logged' }),
  ],
  suppressed: [finding({ line: 1, message: 'hidden by a suppression' })],
  summary: { critical: 1, high: 1, medium: 1, low: 1, files: 12, suppressed: 1, skipped: 3 },
  errors: [{ file: 'app/broken.py', message: 'invalid syntax at 3:1' }],
};

describe('renderText', () => {
  it('groups by file, worst severity first, then by line', () => {
    const out = renderText(result, { color: false });
    expect(out).toBe(
      [
        '.env',
        '  2:19  CRITICAL  secret-provider-key  Anthropic API key committed (sk-ant-a…[92 hidden]…wxAA) [existing]',
        '        evidence: sk-ant-a…[92 hidden]…wxAA',
        '',
        'web/src/Chat.tsx',
        '  40:7   HIGH    output-html              completion.text reaches dangerouslySetInnerHTML [new]',
        '         flow: completion (source) (30:9) → innerHTML (sink) (web/src/render.ts:8:3)',
        '  112:5  MEDIUM  leak-prompt-logging      prompt logged',
        '  3:15   LOW     cost-missing-max-tokens  no max_tokens on chat.completions.create',
        '',
        'Errors',
        '  app/broken.py: invalid syntax at 3:1',
        '',
        '4 findings (1 critical, 1 high, 1 medium, 1 low) in 12 files; 1 suppressed; 3 skipped',
        '',
      ].join('\n'),
    );
    expect(out).not.toContain('hidden by a suppression');
  });

  it('colors with ANSI escapes only when asked', () => {
    const plain = renderText(result, { color: false });
    const colored = renderText(result, { color: true });
    expect(plain).not.toContain(ESC);
    expect(colored).toContain(`${ESC}[1m${ESC}[35mCRITICAL${ESC}[0m`);
    expect(colored).toContain(`${ESC}[31mHIGH  ${ESC}[0m`);
    // Stripping the escapes gives back the plain text.
    expect(colored.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('prefixes paths with the scan root', () => {
    const out = renderText(result, { color: false, root: 'examples/' });
    expect(out).toContain('\nexamples/web/src/Chat.tsx\n');
    expect(out.startsWith('examples/.env\n')).toBe(true);
    expect(out).toContain('  examples/app/broken.py: invalid syntax at 3:1');
    expect(renderText(result, { color: false, root: '.' }).startsWith('.env\n')).toBe(true);
  });

  it('does not let scanned text drive the terminal', () => {
    const hostile: ScanResult = {
      ...result,
      findings: [finding({ message: `x ${ESC}[2J${ESC}]0;title\u0007 y\nz\u202e`, evidence: `a${ESC}[31mb` })],
      errors: [],
    };
    const out = renderText(hostile, { color: false });
    expect(out).not.toContain(ESC);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(out.split('\n')[1]).toContain('x [2J]0;title y z');
  });

  it('shows probe statuses and counts only failed probes', () => {
    const probe: ScanResult = {
      findings: [
        finding({ ruleId: 'probe-canary-leak', file: 'route.ts', line: 5, column: 1, status: 'fail', message: 'canary returned' }),
        finding({ ruleId: 'probe-cors', severity: 'medium', file: 'route.ts', line: 5, column: 1, status: 'pass', message: 'CORS restricted' }),
      ],
      suppressed: [],
      summary: { critical: 0, high: 0, medium: 0, low: 0, files: 1, suppressed: 0, skipped: 0 },
      errors: [],
    };
    const out = renderText(probe, { color: false });
    expect(out).toContain('probe-canary-leak  canary returned [fail]');
    expect(out).toContain('probe-cors         CORS restricted [pass]');
    expect(out.trimEnd().split('\n').at(-1)).toBe('1 finding (0 critical, 1 high, 0 medium, 0 low) in 1 file; 0 suppressed; 0 skipped');
  });

  it('prints just the summary for a clean scan', () => {
    const clean: ScanResult = { findings: [], suppressed: [], summary: { critical: 0, high: 0, medium: 0, low: 0, files: 3, suppressed: 0, skipped: 0 }, errors: [] };
    expect(renderText(clean, { color: false })).toBe('0 findings (0 critical, 0 high, 0 medium, 0 low) in 3 files; 0 suppressed; 0 skipped\n');
  });
});
