// Bad input never crashes a scan or loses a result: each case gets a clear one-line error or a count.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstLines, scanTree } from '../src/core/scan.js';
import { defaultConfig } from '../src/config/config.js';
import { prng } from './helpers/prng.js';

// A fake key in the real Anthropic shape (random text).
const KEY = 'sk-ant-api03-' + 'q7Zr2XbN9cLk4TfWm1HsJd8PvYe3GuAo6RiKx0VnQt5BwCzE'.repeat(2).slice(0, 93) + 'AA';
const CALL_PY = `from openai import OpenAI\nclient = OpenAI()\nreply = client.chat.completions.create(model="gpt-5.1", messages=[])\n`;

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pg-bad-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

async function scan(root: string) {
  return scanTree({ root, config: defaultConfig() });
}

describe('bad input', () => {
  it('skips binary files without an error', async () => {
    const root = tree({ 'logo.dat': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]), 'app.py': CALL_PY });
    const result = await scan(root);
    expect(result.errors).toEqual([]);
    expect(result.summary.files).toBe(1);
    expect(result.summary.skipped).toBe(1);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['cost-missing-max-tokens']);
  });

  it('skips and counts files over 1 MiB, and still scans the rest', async () => {
    const big = `# ${KEY}\n` + 'x = 1\n'.repeat(200_000);
    const root = tree({ 'huge.py': big, 'app.py': CALL_PY });
    const result = await scan(root);
    expect(result.summary.skipped).toBe(1);
    expect(result.errors).toEqual([]);
    expect(result.findings.every((f) => f.file === 'app.py')).toBe(true);
    expect(result.findings.length).toBe(1);
  });

  it('skips a file over 1 MiB quietly whether found by the walk or named, on any thread', async () => {
    const big = `# ${KEY}\n` + 'x = 1\n'.repeat(200_000);
    const root = tree({ 'huge.py': big, 'src/huge.ts': big, 'app.py': CALL_PY });
    for (const request of [{}, { targets: ['huge.py', 'src', 'app.py'] }, { workers: 1 }]) {
      const result = await scanTree({ root, config: defaultConfig(), ...request });
      expect(result.summary).toMatchObject({ files: 1, skipped: 2 });
      expect(result.errors).toEqual([]);
      expect(result.findings.map((f) => f.file)).toEqual(['app.py']);
    }
  });

  it('scans invalid UTF-8 with a one-line note', async () => {
    const bytes = Buffer.concat([Buffer.from('key = "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`"\napi_key = "${KEY}"\n`)]);
    const root = tree({ 'settings.py': bytes });
    const result = await scan(root);
    expect(result.errors).toEqual([{ file: 'settings.py', message: 'not valid UTF-8; scanned with invalid bytes replaced' }]);
    expect(result.findings.map((f) => [f.ruleId, f.line])).toEqual([['secret-provider-key', 2]]);
  });

  it('handles a UTF-8 BOM and CRLF line endings with the same lines as LF', async () => {
    const lf = `import os\n\napi_key = "${KEY}"\n`;
    const root = tree({ 'lf.py': lf, 'crlf.py': '\ufeff' + lf.replace(/\n/g, '\r\n') });
    const result = await scan(root);
    const byFile = Object.fromEntries(result.findings.map((f) => [f.file, [f.line, f.column]]));
    expect(byFile['crlf.py']).toEqual(byFile['lf.py']);
    expect(byFile['lf.py']).toEqual([3, 12]);
  });

  it('reads UTF-16 files with a BOM', async () => {
    const text = `api_key = "${KEY}"\n`;
    const root = tree({ 'utf16.py': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) });
    const result = await scan(root);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['secret-provider-key']);
  });

  it('never follows a symlink out of the root, and says so', async () => {
    const outside = tree({ 'secret.py': `api_key = "${KEY}"\n` });
    const root = tree({ 'app.py': CALL_PY });
    symlinkSync(path.join(outside, 'secret.py'), path.join(root, 'linked.py'));
    symlinkSync(outside, path.join(root, 'linked-dir'));
    symlinkSync(path.join(root, 'missing.py'), path.join(root, 'broken.py'));
    const result = await scan(root);
    expect(result.findings.some((f) => f.ruleId === 'secret-provider-key')).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { file: 'linked.py', message: 'symlink points outside the scan root; not followed' },
        { file: 'linked-dir', message: 'symlink points outside the scan root; not followed' },
        { file: 'broken.py', message: 'broken symlink; not followed' },
      ]),
    );
  });

  it('skips unreadable special files (a FIFO) instead of blocking on them', async () => {
    const root = tree({ 'app.py': CALL_PY });
    execFileSync('mkfifo', [path.join(root, 'pipe.py')]);
    const result = await scan(root);
    expect(result.errors).toEqual([{ file: 'pipe.py', message: 'not a regular file (device, FIFO or socket); skipped' }]);
    expect(result.findings.length).toBe(1);
  });

  it('reports a file that disappears or cannot be read as one line', async () => {
    const root = tree({ 'app.py': CALL_PY });
    const result = await scanTree({ root, targets: ['app.py', 'gone.py'], config: defaultConfig() });
    expect(result.findings.length).toBe(1);
    expect(result.errors).toEqual([]);
  });

  it('ignores minified bundles, lockfiles, node_modules, .git, virtualenvs and build output', async () => {
    const secret = `const key = "${KEY}";\n`;
    const minified = 'var a=1;'.repeat(1000) + `var k="${KEY}";` + 'function f(){return 1};'.repeat(500);
    const root = tree({
      'node_modules/pkg/index.js': secret,
      '.git/config.js': secret,
      '.venv/lib/site.py': secret,
      'venv/lib/site.py': secret,
      'dist/bundle.js': secret,
      'build/out.js': secret,
      '.next/server.js': secret,
      'public/app.min.js': secret,
      'public/vendor.js': minified,
      'package-lock.json': `{"integrity": "${KEY}"}`,
      'src/ok.ts': 'export const x = 1;\n',
    });
    const result = await scan(root);
    expect(result.findings).toEqual([]);
    expect(result.summary.files).toBe(1);
  });

  it('scans a file named explicitly even if its name is ignored, but never one inside an ignored directory named as a target', async () => {
    const secret = `const key = "${KEY}";\n`;
    const root = tree({ 'public/app.min.js': secret, 'node_modules/pkg/index.js': secret, 'src/ok.ts': secret });
    const named = await scanTree({ root, targets: ['public/app.min.js', 'node_modules/pkg/index.js'], config: defaultConfig() });
    expect(named.summary.files).toBe(2);
    expect(named.findings.map((f) => f.file)).toContain('public/app.min.js');
    const directory = await scanTree({ root, targets: ['node_modules/pkg', 'public'], config: defaultConfig() });
    expect(directory.summary.files).toBe(0);
  });

  it('scans a file once when targets overlap, and applies exclude and include globs to the walk', async () => {
    const secret = `api_key = "${KEY}"\n`;
    const root = tree({ 'app.py': secret, 'src/a.py': secret, 'src/gen/b.py': secret, 'src/c.ts': `const key = "${KEY}";\n` });
    const overlapping = await scanTree({ root, targets: ['.', 'src', 'src/a.py', 'app.py'], config: defaultConfig() });
    expect(overlapping.findings.map((f) => f.file)).toEqual(['app.py', 'src/a.py', 'src/c.ts', 'src/gen/b.py']);
    const filtered = await scanTree({ root, exclude: ['src/gen/'], include: ['**/*.py'], config: defaultConfig() });
    expect(filtered.findings.map((f) => f.file)).toEqual(['app.py', 'src/a.py']);
  });

  it('survives 5,000-deep nesting in both languages', async () => {
    const deepTs = `const x = ${'['.repeat(5000)}${']'.repeat(5000)};\nconst key = "${KEY}";\n`;
    const deepPy = `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\napi_key = "${KEY}"\n`;
    const root = tree({ 'deep.ts': deepTs, 'deep.py': deepPy });
    const result = await scan(root);
    expect(result.findings.map((f) => `${f.file}:${f.ruleId}`).sort()).toEqual(['deep.py:secret-provider-key', 'deep.ts:secret-provider-key']);
  });

  it('keeps secret patterns linear on a 1 MiB single-line file', async () => {
    const line = 'sk-ant-api03-' + 'a'.repeat(1024 * 1024 - 40) + ' ' + KEY;
    const root = tree({ 'one-line.txt': line.slice(0, 1024 * 1024) });
    const result = await scan(root);
    expect(result.summary.files).toBe(1);
    expect(result.errors).toEqual([]);
  });

  it('scans a file with syntax errors as far as it parses and lists the error', async () => {
    const broken = `from openai import OpenAI\nclient = OpenAI()\nreply = client.chat.completions.create(model="gpt-5.1", messages=[])\ndef broken(:\n    pass\n`;
    const brokenTs = `import OpenAI from 'openai';\nconst client = new OpenAI();\nawait client.chat.completions.create({ model: 'gpt-5.1', messages: [] });\nfunction (\n`;
    const root = tree({ 'broken.py': broken, 'broken.ts': brokenTs });
    const result = await scan(root);
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`).sort()).toEqual(['broken.py:3:cost-missing-max-tokens', 'broken.ts:3:cost-missing-max-tokens']);
    expect(result.errors.map((e) => e.file).sort()).toEqual(['broken.py', 'broken.ts']);
    for (const error of result.errors) expect(error.message).toMatch(/^syntax error at \d+:\d+: .+; scanned as far as it parses$/);
  });
});

describe('line endings', () => {
  it('firstLines cuts lines as split(/\\r\\n|\\r|\\n/) does, up to the line asked for', () => {
    const pieces = ['a', 'bc', ' ', '\n', '\r', '\r\n', '\n\r', '\t', 'é'];
    const random = prng(11);
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let i = Math.floor(random() * 40); i > 0; i--) text += pieces[Math.floor(random() * pieces.length)];
      const all = text.split(/\r\n|\r|\n/);
      for (const upTo of [1, 2, Math.ceil(all.length / 2), all.length, all.length + 3]) {
        expect(firstLines(text, upTo), JSON.stringify(text)).toEqual(all.slice(0, upTo));
      }
    }
  });
});
