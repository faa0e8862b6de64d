// dist/ is committed: it must be exactly what `npm run package` builds from the sources, and it must run
// from a clone without node_modules.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');

describe('dist/', () => {
  let built: string;
  beforeAll(() => {
    built = path.join(mkdtempSync(path.join(tmpdir(), 'pg-dist-')), 'dist');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), built], { cwd: ROOT, stdio: 'pipe' });
  }, 180_000);

  it('matches a fresh build of the sources byte for byte (run npm run package and commit dist/)', () => {
    const committed = readdirSync(DIST).sort();
    const fresh = readdirSync(built).sort();
    expect(committed).toEqual(fresh);
    const different = fresh.filter((name) => !readFileSync(path.join(built, name)).equals(readFileSync(path.join(DIST, name))));
    expect(different).toEqual([]);
  });

  it('runs the CLI from a clone without node_modules and reports what the sources report', async () => {
    const clone = mkdtempSync(path.join(tmpdir(), 'pg-clone-'));
    cpSync(DIST, path.join(clone, 'dist'), { recursive: true });
    cpSync(path.join(ROOT, 'examples'), path.join(clone, 'examples'), { recursive: true });
    const run = spawnSync(process.execPath, ['dist/cli.js', 'scan', 'examples', '--format', 'json', '--fail-on', 'none'], {
      cwd: clone,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    let expected = '';
    await runCli(['scan', 'examples', '--format', 'json', '--fail-on', 'none'], {
      stdout: (t) => (expected += t),
      stderr: () => {},
      cwd: ROOT,
      isTTY: false,
      env: {},
    });
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(expected));
    expect(JSON.parse(run.stdout).findings.length).toBeGreaterThan(10);
  });
});
