// Changed files and hunks: API diff entries, git name-status and unified diffs on a real temp repository,
// and base versions from git or the contents API.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changedFilesFromGit,
  fromDiffEntries,
  isChangedLine,
  parseNameStatus,
  parsePatch,
  scannableFiles,
} from '../src/action/changed-files.js';
import { loadBaseVersions } from '../src/action/base-versions.js';
import { Git } from '../src/workspace/git.js';
import { silentLogger, type Logger } from '../src/core/types.js';

describe('parsePatch', () => {
  it('counts added lines in head numbering and skips removed lines', () => {
    const patch = [
      '@@ -1,4 +1,5 @@',
      ' import os',
      '-old = 1',
      '+new = 1',
      '+extra = 2',
      ' keep',
      ' tail',
      '@@ -20,0 +22,2 @@ def f():',
      '+a',
      '+b',
      '\\ No newline at end of file',
    ].join('\n');
    const { hunks, addedLines } = parsePatch(patch);
    expect(hunks).toEqual([
      { oldStart: 1, oldLines: 4, newStart: 1, newLines: 5 },
      { oldStart: 20, oldLines: 0, newStart: 22, newLines: 2 },
    ]);
    expect(addedLines).toEqual([2, 3, 22, 23]);
  });

  it('reads single-line hunk headers without counts', () => {
    expect(parsePatch('@@ -3 +3 @@\n-a\n+b').addedLines).toEqual([3]);
  });
});

describe('fromDiffEntries', () => {
  it('handles renames, deletions, binary files and pure renames', () => {
    const files = fromDiffEntries([
      { filename: 'new.py', previous_filename: 'old.py', status: 'renamed', additions: 1, deletions: 0, changes: 1, patch: '@@ -1,1 +1,2 @@\n a\n+b' },
      { filename: 'gone.py', status: 'removed', additions: 0, deletions: 3, changes: 3, patch: '@@ -1,3 +0,0 @@\n-a\n-b\n-c' },
      { filename: 'logo.png', status: 'modified', additions: 0, deletions: 0, changes: 0 },
      { filename: 'moved.ts', previous_filename: 'was.ts', status: 'renamed', additions: 0, deletions: 0, changes: 0 },
      { filename: 'huge.ts', status: 'modified', additions: 9000, deletions: 0, changes: 9000 },
    ]);
    expect(files[0]).toEqual({ path: 'new.py', previousPath: 'old.py', status: 'renamed', changedLines: [2] });
    expect(files[1]!.changedLines).toEqual([]);
    expect(files[2]!.changedLines).toEqual([]);
    expect(files[3]).toMatchObject({ previousPath: 'was.ts', changedLines: [] });
    expect(files[4]!.changedLines).toBe('all'); // no patch but changes: treat the whole file as changed
    expect(scannableFiles(files).map((f) => f.path)).toEqual(['new.py', 'logo.png', 'moved.ts', 'huge.ts']);
    expect(isChangedLine(files[0], 2)).toBe(true);
    expect(isChangedLine(files[0], 1)).toBe(false);
    expect(isChangedLine(files[4], 123)).toBe(true);
  });
});

describe('parseNameStatus', () => {
  it('reads NUL-separated entries with renames and odd names', () => {
    const out = 'M\0a.py\0R087\0old name.py\0new\nname.py\0D\0gone.ts\0A\0b.ts\0';
    expect(parseNameStatus(out)).toEqual([
      { path: 'a.py', status: 'modified', changedLines: 'all' },
      { path: 'new\nname.py', previousPath: 'old name.py', status: 'renamed', changedLines: 'all' },
      { path: 'gone.ts', status: 'removed', changedLines: [] },
      { path: 'b.ts', status: 'added', changedLines: 'all' },
    ]);
  });
});

describe('git fallback on a real repository', () => {
  let dir: string;
  let base: string;
  let head: string;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pg-diff-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'T');
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src/app.py'), 'a = 1\nb = 2\nc = 3\n');
    writeFileSync(path.join(dir, 'src/old name.py'), 'x = 1\ny = 2\nz = 3\nw = 4\n');
    writeFileSync(path.join(dir, 'gone.py'), 'bye\n');
    writeFileSync(path.join(dir, 'logo.bin'), Buffer.from([0, 1, 2, 3]));
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    base = git('rev-parse', 'HEAD');
    writeFileSync(path.join(dir, 'src/app.py'), 'a = 1\nb = 20\nc = 3\nd = 4\n');
    git('mv', 'src/old name.py', 'src/new name.py');
    writeFileSync(path.join(dir, 'src/new name.py'), 'x = 1\ny = 2\nz = 3\nw = 4\nv = 5\n');
    git('rm', '-q', 'gone.py');
    writeFileSync(path.join(dir, 'logo.bin'), Buffer.from([0, 9, 9, 9]));
    writeFileSync(path.join(dir, 'added.ts'), 'const k = 1;\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'head');
    head = git('rev-parse', 'HEAD');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists changes with hunks, renames, deletions and binary files', async () => {
    const files = await changedFilesFromGit(new Git(dir), `${base}...${head}`);
    const byPath = new Map(files!.map((f) => [f.path, f]));
    expect(byPath.get('src/app.py')!.changedLines).toEqual([2, 4]);
    expect(byPath.get('src/new name.py')).toMatchObject({ previousPath: 'src/old name.py', status: 'renamed', changedLines: [5] });
    expect(byPath.get('gone.py')).toMatchObject({ status: 'removed', changedLines: [] });
    expect(byPath.get('logo.bin')!.changedLines).toEqual([]);
    expect(byPath.get('added.ts')).toMatchObject({ status: 'added', changedLines: [1] });
  });

  it('answers undefined when the base is not in the history', async () => {
    expect(await changedFilesFromGit(new Git(dir), `${'f'.repeat(40)}...${head}`)).toBeUndefined();
    expect(await new Git(dir).hasCommit('f'.repeat(40))).toBe(false);
    expect(await new Git(dir).firstParent(head)).toBe(base);
  });

  it('reads base versions from git, under the head path of a renamed file', async () => {
    const files = (await changedFilesFromGit(new Git(dir), `${base}...${head}`))!;
    let apiCalls = 0;
    const versions = await loadBaseVersions(files, base, { git: new Git(dir), fetchContents: async () => { apiCalls++; return undefined; } }, silentLogger);
    expect(versions.source).toBe('git');
    expect(apiCalls).toBe(0);
    const byPath = new Map(versions.files.map((f) => [f.path, f.text]));
    expect(byPath.get('src/new name.py')).toBe('x = 1\ny = 2\nz = 3\nw = 4\n');
    expect(byPath.get('src/app.py')).toBe('a = 1\nb = 2\nc = 3\n');
    expect(byPath.has('added.ts')).toBe(false); // nothing existed at base
    expect(byPath.has('logo.bin')).toBe(false); // binary
  });

  it('falls back to the contents API on a shallow history, bounded and sorted', async () => {
    const files = [
      { path: 'z.py', status: 'modified' as const, changedLines: [1] },
      { path: 'a.py', previousPath: 'old-a.py', status: 'renamed' as const, changedLines: [1] },
      { path: 'broken.py', status: 'modified' as const, changedLines: [1] },
    ];
    const asked: string[] = [];
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warning: (m) => void warnings.push(m) };
    const versions = await loadBaseVersions(files, 'f'.repeat(40), {
      git: new Git(dir),
      fetchContents: async (file, ref) => {
        asked.push(`${ref.slice(0, 4)}:${file}`);
        if (file === 'broken.py') throw new Error('boom');
        return Buffer.from(`# base of ${file}\n`);
      },
    }, logger);
    expect(versions.source).toBe('api');
    expect(asked.sort()).toEqual(['ffff:broken.py', 'ffff:old-a.py', 'ffff:z.py']);
    expect(versions.files).toEqual([
      { path: 'a.py', text: '# base of old-a.py\n' },
      { path: 'z.py', text: '# base of z.py\n' },
    ]);
    expect(versions.missing).toEqual(['broken.py']);
    expect(warnings.join('\n')).toContain('broken.py');
  });
});
