import { describe, expect, it } from 'vitest';
import { defang, redactSecret, truncateEvidence } from '../src/report/redact.js';
import { prng } from './helpers/prng.js';

// Built at run time so no secret-shaped literal sits in the repository.
const anthropicKey = ['sk', 'ant', 'api03', 'Q'.repeat(40) + 'R'.repeat(46)].join('-') + 'wxAA';

describe('redactSecret', () => {
  it('keeps the first 8 and last 4 characters and says how many are hidden', () => {
    expect(redactSecret(anthropicKey)).toBe(`sk-ant-a…[${anthropicKey.length - 12} hidden]…wxAA`);
  });

  it('shows a whole vendor prefix of up to 12 characters', () => {
    const pat = `github_pat_${'Z'.repeat(70)}`;
    expect(redactSecret(pat)).toBe(`github_pat_…[${pat.length - 11 - 4} hidden]…ZZZZ`);
    expect(redactSecret(`xoxb-${'9'.repeat(50)}`).startsWith('xoxb-999…')).toBe(true);
  });

  it('hides at least half of short values and everything of tiny ones', () => {
    expect(redactSecret('')).toBe('');
    expect(redactSecret('abc')).toBe('…[3 hidden]…');
    expect(redactSecret('abcdefghijklmnop')).toBe('abcd…[10 hidden]…op');
  });

  it('never reveals the middle of a secret, at any length', () => {
    // Head and tail are lowercase, the middle uppercase: no uppercase letter may appear in the output.
    const random = prng(7);
    const lower = 'abcdefghijklmnopqrstuvwxyz-_';
    const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let n = 1; n <= 220; n++) {
      const head = Math.min(12, n);
      const tail = Math.min(4, Math.max(0, n - head));
      let secret = '';
      for (let i = 0; i < n; i++) {
        const pool = i < head || i >= n - tail ? lower : upper;
        secret += pool[Math.floor(random() * pool.length)];
      }
      const out = redactSecret(secret);
      const shown = out.replace(/…\[\d+ hidden\]…/, '');
      const hidden = Number(/\[(\d+) hidden\]/.exec(out)![1]);
      expect(shown.length + hidden).toBe(n);
      expect(hidden * 2).toBeGreaterThanOrEqual(n);
      expect(shown).not.toMatch(/[A-Z]/);
      expect(secret.startsWith(out.split('…')[0]!)).toBe(true);
      expect(secret.endsWith(out.split('…')[2]!)).toBe(true);
    }
  });

  it('does not split surrogate pairs', () => {
    const out = redactSecret('😀'.repeat(40));
    expect(out).toBe(`${'😀'.repeat(8)}…[28 hidden]…${'😀'.repeat(4)}`);
  });
});

describe('truncateEvidence', () => {
  it('leaves short text alone and cuts long text with an ellipsis within the limit', () => {
    expect(truncateEvidence('abc', 3)).toBe('abc');
    expect(truncateEvidence('abcdef', 4)).toBe('abc…');
    expect(Array.from(truncateEvidence('x'.repeat(500), 200))).toHaveLength(200);
    expect(truncateEvidence('abc', 0)).toBe('');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(truncateEvidence('ab😀😀', 3)).toBe('ab…');
    expect(truncateEvidence('😀😀😀', 3)).toBe('😀😀😀');
  });
});

describe('defang', () => {
  it('breaks links: schemes, hosts and www autolinks', () => {
    expect(defang('go to https://evil.example.com/x?q=1')).toBe('go to https[:]//evil[.]example[.]com/x?q=1');
    expect(defang('HTTP://a.b')).toBe('HTTP[:]//a[.]b');
    expect(defang('see www.example.org now')).toBe('see www[.]example[.]org now');
  });

  it('neutralises markdown and HTML', () => {
    const out = defang('<img src=x onerror=alert(1)> `rm -rf` | col | ![i](https://t.co/p.png) **b** a_b');
    expect(out).not.toMatch(/<|>/);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('\\`rm -rf\\`');
    expect(out).toContain('\\| col \\|');
    expect(out).toContain('!\\[i\\](https[:]//t[.]co/p.png)');
    expect(out).toContain('\\*\\*b\\*\\*');
    // Every special is escaped, apart from the defanging brackets themselves.
    expect(out.replace(/\[[:.]\]/g, '')).not.toMatch(/(^|[^\\])[`|[\]*]/);
    expect(defang('a & b &lt;')).toBe('a &amp; b &amp;lt;');
    expect(defang('back\\slash')).toBe('back\\\\slash');
  });

  it('disarms @mentions without hiding who was named', () => {
    const out = defang('cc @octocat and @github/security');
    expect(out).toBe('cc @\u200boctocat and @\u200bgithub/security');
    expect(out).not.toMatch(/@[A-Za-z]/);
  });

  it('makes one line without control or bidi characters', () => {
    const out = defang('line1\nline2\r\n\u001b[31mred\u0007 \u202eevil\u2066x\u2069\u0000');
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out.startsWith('line1 line2  ')).toBe(true);
    expect(out).toContain('red');
  });
});
