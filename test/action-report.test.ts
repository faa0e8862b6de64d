// The comment and summary markdown, the gate, annotations, gate changes (suppressions and config), and
// the secret scrubber: pure functions over made-up findings.
import { describe, expect, it } from 'vitest';
import { planAnnotations } from '../src/action/annotations.js';
import { decideGate } from '../src/action/gate.js';
import { describeConfigChanges, findAddedSuppressions } from '../src/action/gate-changes.js';
import { blobUrl, COMMENT_LIMITS, renderComment, renderSummary, type ReportInput } from '../src/action/report.js';
import { makeScrubber } from '../src/action/scrub.js';
import { defaultConfig } from '../src/config/config.js';
import type { Finding, Severity } from '../src/core/types.js';
import { COMMENT_MARKER, MAX_COMMENT_CHARS } from '../src/github/comments.js';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'secret-provider-key',
    severity: 'critical',
    title: 'Hard-coded provider API key',
    message: 'An Anthropic API key is hard-coded',
    file: 'app/chat.py',
    line: 3,
    column: 5,
    endLine: 3,
    endColumn: 20,
    cwe: ['CWE-798'],
    owasp: ['LLM02:2025'],
    fingerprint: 'abc:1',
    ...overrides,
  };
}

function input(findings: Finding[], overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    findings,
    suppressed: 0,
    gate: decideGate(findings, 'high', 'new', true),
    newKnown: true,
    scopeLabel: '2 changed files',
    link: (f) => blobUrl('https://github.com', 'acme', 'chat', 'a'.repeat(40), f.file, f.line),
    ...overrides,
  };
}

describe('gate', () => {
  const mixed = [
    finding({ severity: 'critical', new: true }),
    finding({ severity: 'high', new: false, line: 9 }),
    finding({ severity: 'medium', new: true, line: 12 }),
  ];

  it('gates only new findings at or above fail-on with scope new', () => {
    const gate = decideGate(mixed, 'high', 'new', true);
    expect(gate.failed).toBe(true);
    expect(gate.gated).toHaveLength(1);
    expect(gate.reason).toBe('1 new finding at or above high: 1 critical (fail-on: high, fail-on-scope: new)');
  });

  it('gates existing findings too with scope all, and falls back to all when new is unknown', () => {
    expect(decideGate(mixed, 'high', 'all', true).gated).toHaveLength(2);
    expect(decideGate(mixed, 'high', 'new', false)).toMatchObject({ scope: 'all', failed: true });
  });

  it('passes below the threshold and never fails with none', () => {
    expect(decideGate(mixed.slice(1), 'high', 'new', true)).toMatchObject({ failed: false, reason: expect.stringContaining('no new findings at or above high') });
    expect(decideGate(mixed, 'none', 'all', true)).toMatchObject({ failed: false, gated: [] });
  });

  it('fails closed on findings whose new-ness is unknown (probe results)', () => {
    const probe = finding({ ruleId: 'probe-unauthenticated', severity: 'high', status: 'fail' });
    expect(decideGate([probe], 'high', 'new', true).failed).toBe(true);
  });
});

describe('comment', () => {
  it('starts with the marker and shows new and total counts per severity', () => {
    const body = renderComment(input([finding({ new: true }), finding({ new: false, severity: 'high', line: 8 }), finding({ new: true, severity: 'low', line: 9 })]));
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(body).toContain('2 new findings, 3 total in 2 changed files');
    expect(body).toMatch(/\| 🔴 Critical \| 1 \| 1 \|/);
    expect(body).toMatch(/\| 🟠 High \| 0 \| 1 \|/);
    expect(body).toMatch(/\| 🔵 Low \| 1 \| 1 \|/);
    expect(body).toContain('**Gate: failed**');
    expect(body).toContain(`[app/chat.py:3](https://github.com/acme/chat/blob/${'a'.repeat(40)}/app/chat.py#L3)`);
    expect(body).toContain('promptgate-ignore <rule-id>: <why this is safe>');
    // New findings are listed first.
    expect(body.indexOf(':3]')).toBeLessThan(body.indexOf(':8]'));
  });

  it('escapes file names and messages: no markdown, HTML, links, mentions or a second marker', () => {
    const evil = finding({
      file: 'a/<img src=x onerror=alert(1)>|[x](https://evil.example).py',
      message: `ping @octocat ${COMMENT_MARKER} <script>alert(1)</script> **bold** [click](https://evil.example) \n| broken | table |`,
    });
    const body = renderComment(input([evil]));
    expect(body.split(COMMENT_MARKER)).toHaveLength(2);
    expect(body).not.toMatch(/<img|<script|<!-- promptgate -->.*<!--/s);
    expect(body).not.toContain('](https://evil.example)');
    expect(body).not.toContain('@octocat');
    const row = body.split('\n').find((line) => line.includes('octocat'))!;
    // Exactly the table's own cell separators: every pipe from the input is escaped.
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(7);
    expect(body).toContain(encodeURIComponent('<img src=x onerror=alert').replace(/\(/g, '%28'));
  });

  it('stays under 65,536 characters with 10,000 findings and says how many more', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      finding({ line: i + 1, new: i % 2 === 0, message: 'x'.repeat(2000), file: `src/${'deep/'.repeat(30)}file${i}.py` }),
    );
    const body = renderComment(input(many, { probeMarkdown: 'p'.repeat(200_000), errors: many.map((f) => ({ file: f.file, message: 'e'.repeat(500) })) }));
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMITS.maxChars);
    expect(body.length).toBeLessThan(MAX_COMMENT_CHARS);
    expect(body).toMatch(/…and \d+ more in the job summary/);
    expect(body).toContain('probe results truncated');
    const summary = renderSummary(input(many));
    expect(summary.length).toBeLessThan(1024 * 1024);
    expect(summary).not.toContain(COMMENT_MARKER);
  });

  it('without new-vs-existing shows plain counts', () => {
    const findings = [finding(), finding({ severity: 'medium', line: 4 })];
    const body = renderComment(input(findings, { newKnown: false, scopeLabel: 'all files', gate: decideGate(findings, 'none', 'new', false) }));
    expect(body).toContain('2 findings in all files');
    expect(body).toContain('| Severity | Findings |');
    expect(body).toContain('Gate:** off');
  });

  it('lists the suppressions and config changes a PR adds', () => {
    const body = renderComment(
      input([], {
        suppressed: 2,
        gateChanges: {
          suppressions: [{ file: 'app/chat.py', line: 4, ruleIds: ['secret-provider-key'], reason: 'test key @mallory' }],
          config: { path: '.promptgate.yml', gatingWith: 'base', changes: [{ text: 'disables rule `secret-provider-key`', weakens: true }] },
        },
      }),
    );
    expect(body).toContain('This pull request adds 1 suppression');
    expect(body).toContain('app/chat.py:4: secret-provider-key: test key @\u200bmallory');
    expect(body).toContain("⚠️ disables rule `secret-provider-key`");
    expect(body).toContain("the base branch's config gates this run");
    expect(body).toContain('2 findings suppressed');
  });
});

describe('blobUrl', () => {
  it('percent-encodes path segments including parentheses', () => {
    expect(blobUrl('https://ghe.example', 'o', 'r', 'abc', 'a dir/(x).py', 0)).toBe('https://ghe.example/o/r/blob/abc/a%20dir/%28x%29.py#L1');
  });
});

describe('annotations', () => {
  it('caps each level at 10, puts new and changed-line findings first, and counts the rest', () => {
    const severities: Severity[] = ['critical', 'high', 'medium', 'low'];
    const findings = Array.from({ length: 60 }, (_, i) => finding({ severity: severities[i % 4]!, line: i + 1, endLine: i + 1, new: i >= 50 }));
    const plan = planAnnotations(findings, (f) => f.line === 2);
    const count = (level: string): number => plan.annotations.filter((a) => a.level === level).length;
    expect(count('error')).toBe(10);
    expect(count('warning')).toBe(10);
    expect(count('notice')).toBe(9); // one slot left for the "N more" note
    expect(plan.omitted).toBe(60 - 29);
    expect(plan.annotations.slice(0, 10).every((a) => a.title.includes('(new)'))).toBe(true);
    expect(plan.annotations.find((a) => !a.title.includes('(new)'))!.startLine).toBe(2);
    expect(plan.annotations[0]).toMatchObject({ file: 'app/chat.py', startColumn: 5, endColumn: 20 });
  });

  it('leaves out columns on multi-line findings', () => {
    const plan = planAnnotations([finding({ endLine: 5 })]);
    expect(plan.annotations[0]).not.toHaveProperty('startColumn');
    expect(plan.annotations[0]).toMatchObject({ startLine: 3, endLine: 5, level: 'error' });
  });
});

describe('gate changes', () => {
  it('finds suppressions only on lines the PR adds', () => {
    const text = 'a = 1\n# promptgate-ignore secret-provider-key: test fixture\nkey = "x"\nb = 2  # promptgate-ignore cost-token-limit\n';
    const found = findAddedSuppressions(
      [
        { path: 'x.py', status: 'modified', changedLines: [2, 3] },
        { path: 'y.py', status: 'modified', changedLines: [] },
        { path: 'z.py', status: 'removed', changedLines: [] },
      ],
      () => text,
    );
    expect(found).toEqual([{ file: 'x.py', line: 2, ruleIds: ['secret-provider-key'], reason: 'test fixture' }]);
    const all = findAddedSuppressions([{ path: 'x.py', status: 'added', changedLines: 'all' }], () => text);
    expect(all.map((s) => s.line)).toEqual([2, 4]);
    expect(all[1]!.reason).toBeUndefined();
  });

  it('describes what a config change does and flags the weakening parts', () => {
    const base = defaultConfig();
    base.rules['cost-token-limit'] = { enabled: false, severity: undefined };
    base.rules['output-html'] = { enabled: true, severity: 'high' };
    const head = defaultConfig();
    head.rules['secret-provider-key'] = { enabled: false, severity: undefined };
    head.rules['output-html'] = { enabled: true, severity: 'low' };
    head.ignorePaths = ['src/**'];
    head.trustedSources = ['db.get_name'];
    head.thresholds.maxOutputTokens = 200_000;
    head.thresholds.maxRetries = 2;
    const changes = describeConfigChanges(base, head);
    expect(changes).toEqual([
      { text: 're-enables rule `cost-token-limit`', weakens: false },
      { text: 'sets rule `output-html` to low (was high)', weakens: true },
      { text: 'disables rule `secret-provider-key`', weakens: true },
      { text: 'ignores paths `src/**`', weakens: true },
      { text: 'trusts sources `db.get_name`', weakens: true },
      { text: 'changes `thresholds.max-output-tokens` from 16384 to 200000', weakens: true },
      { text: 'changes `thresholds.max-retries` from 5 to 2', weakens: false },
    ]);
    expect(describeConfigChanges(base, base)).toEqual([]);
  });
});

describe('scrubber', () => {
  it('replaces secrets in plain and JSON-escaped form', () => {
    const scrub = makeScrubber(['ghs_secret"value', 'abc']);
    expect(scrub('token ghs_secret"value and "ghs_secret\\"value" abc')).toBe('token *** and "***" abc');
  });
});
