// Worker threads and the Python parse thread run only from the bundle (dist/scan-worker.js,
// dist/python-parser.js): build it, scan trees large enough to start them, and compare with a scan on the
// main thread alone. The output must be byte-identical, and a missing or broken thread must fall back to the
// main thread without changing it.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

let work: string;
let dist: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'pg-parallel-'));
  dist = path.join(work, 'dist');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), dist], { cwd: ROOT, stdio: 'pipe' });
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A generated app (LLM files in both languages among ordinary code) of `size` files plus every rule fixture. */
async function generatedTree(name: string, size: number): Promise<string> {
  const tree = path.join(work, name);
  const generator = (await import(pathToFileURL(path.join(ROOT, 'scripts/bench/generate.mjs')).href)) as {
    generateTree: (dir: string, count: number) => unknown;
  };
  generator.generateTree(path.join(tree, 'app'), size);
  cpSync(path.join(ROOT, 'test/fixtures/rules'), path.join(tree, 'fixtures'), { recursive: true });
  return tree;
}

/**
 * The CLI of a copy of the bundle (made once per `name`) in which `entry` holds `contents`, or is missing
 * when `contents` is undefined: a thread entry that is broken, stops early or is not there.
 */
function bundleWith(name: string, entry: string, contents: string | undefined): string {
  const copy = path.join(work, name);
  cpSync(dist, copy, { recursive: true, force: false, errorOnExist: false });
  if (contents === undefined) rmSync(path.join(copy, entry), { force: true });
  else writeFileSync(path.join(copy, entry), contents);
  return path.join(copy, 'cli.js');
}

/** The bundle's JSON report of `tree` (stdout) and its debug log (stderr). */
function scanWith(tree: string, env: Record<string, string>, cli = path.join(dist, 'cli.js')) {
  const run = spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'json', '--fail-on', 'none'], {
    cwd: tree,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { PATH: process.env.PATH ?? '', PROMPTGATE_DEBUG: '1', ...env },
  });
  expect(run.status, run.stderr).toBe(0);
  return { stdout: run.stdout, debug: run.stderr };
}

describe('parallel scan from the bundle', () => {
  let tree: string;
  beforeAll(async () => {
    tree = await generatedTree('tree', 300);
  }, 180_000);

  const scan = (workers: string, cli?: string) => scanWith(tree, { PROMPTGATE_WORKERS: workers }, cli);
  // The main thread's scan, the baseline of every test: run once.
  let aloneRun: ReturnType<typeof scan> | undefined;
  const scanAlone = () => (aloneRun ??= scan('0'));

  const onWorkers = (debug: string) => Number(/and (\d+) on \d+ worker thread/.exec(debug)?.[1] ?? 0);

  it('gives byte-identical output with and without workers, and the workers did scan', () => {
    const alone = scanAlone();
    const parallel = scan('2');
    expect(JSON.parse(alone.stdout).findings.length).toBeGreaterThan(50);
    expect(parallel.stdout).toBe(alone.stdout);
    expect(onWorkers(alone.debug)).toBe(0);
    expect(onWorkers(parallel.debug)).toBeGreaterThan(0);
  });

  it('falls back to the main thread when the worker entry is missing or broken', () => {
    const alone = scanAlone();
    const crashed = scan('2', bundleWith('broken-worker', 'scan-worker.js', "throw new Error('broken worker');\n"));
    expect(crashed.stdout).toBe(alone.stdout);
    expect(crashed.debug).toMatch(/scan worker stopped \(broken worker\)/);
    expect(onWorkers(crashed.debug)).toBe(0);

    const missing = scan('2', bundleWith('broken-worker', 'scan-worker.js', undefined));
    expect(missing.stdout).toBe(alone.stdout);
    expect(onWorkers(missing.debug)).toBe(0);
  });
});

describe('the Python parse thread, from the bundle', () => {
  let tree: string;
  beforeAll(async () => {
    tree = await generatedTree('python-tree', 200);
    // More Python files to parse than the thread takes at once (so the main thread waits for room), a
    // file with a BOM and one that does not parse.
    for (let i = 0; i < 300; i++)
      writeFileSync(
        path.join(tree, `agent_${String(i).padStart(3, '0')}.py`),
        `${i === 0 ? '\ufeff' : ''}import anthropic\nclient = anthropic.Anthropic()\n\ndef ask(question):\n    return client.messages.create(model="claude-2.1", messages=[{"role": "user", "content": question}])\n${i === 1 ? 'def broken(:\n' : ''}`,
      );
  }, 180_000);

  const scan = (pythonThread: '0' | '1', cli?: string) => scanWith(tree, { PROMPTGATE_WORKERS: '0', PROMPTGATE_PYTHON_THREAD: pythonThread }, cli);
  let aloneRun: ReturnType<typeof scan> | undefined;
  const scanAlone = () => (aloneRun ??= scan('0'));

  const onThread = (debug: string) => /parse thread: (\d+) Python files parsed there, (\d+) parsed on the main thread/.exec(debug)?.slice(1).map(Number);

  it('gives byte-identical output with and without it, and it did parse', () => {
    const alone = scanAlone();
    const threaded = scan('1');
    const findings = JSON.parse(alone.stdout).findings as Array<{ ruleId: string; file: string }>;
    expect(findings.filter((f) => f.ruleId === 'model-retired' && f.file.startsWith('agent_')).length).toBe(300);
    expect(threaded.stdout).toBe(alone.stdout);
    expect(onThread(alone.debug)).toBeUndefined();
    const [there, instead] = onThread(threaded.debug)!;
    expect(there).toBeGreaterThan(300);
    expect(instead).toBe(0);
  });

  it('parses on the main thread when the thread cannot start, or stops mid-scan', () => {
    const alone = scanAlone();
    const crashed = scan('1', bundleWith('broken-parser', 'python-parser.js', "throw new Error('broken parser thread');\n"));
    expect(crashed.stdout).toBe(alone.stdout);
    expect(crashed.debug).toMatch(/parsed on the main thread \(broken parser thread\)/);
    expect(onThread(crashed.debug)![0]).toBe(0);

    // Takes its first file and ends.
    const stopped = scan(
      '1',
      bundleWith('broken-parser', 'python-parser.js', "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => process.exit(3));\n"),
    );
    expect(stopped.stdout).toBe(alone.stdout);
    expect(stopped.debug).toMatch(/parsed on the main thread \(exit code 3\)/);

    const missing = scan('1', bundleWith('broken-parser', 'python-parser.js', undefined));
    expect(missing.stdout).toBe(alone.stdout);
    expect(onThread(missing.debug)).toBeUndefined();
  });
});

describe('the scan host, from the bundle', () => {
  let tree: string;
  beforeAll(async () => {
    tree = await generatedTree('host-tree', 150);
  }, 180_000);

  const scan = (host: '0' | '1', cli?: string) => scanWith(tree, { PROMPTGATE_SCAN_HOST: host }, cli);
  let aloneRun: ReturnType<typeof scan> | undefined;
  const scanAlone = () => (aloneRun ??= scan('0'));
  const hosted = (debug: string) => /scanning \d+ files in a worker with a \d+ MB young generation/.test(debug);

  it('gives byte-identical output in the host and on the main thread, the parse thread included', () => {
    const alone = scanAlone();
    const inHost = scan('1');
    expect(JSON.parse(alone.stdout).findings.length).toBeGreaterThan(50);
    expect(inHost.stdout).toBe(alone.stdout);
    expect(hosted(alone.debug)).toBe(false);
    expect(hosted(inHost.debug)).toBe(true);
    // The host's log reaches the main thread's logger.
    expect(inHost.debug).toMatch(/parse thread: \d+ Python files parsed there/);
  });

  it('scans on the main thread when the host cannot start or dies', () => {
    const alone = scanAlone();
    const crashed = scan('1', bundleWith('broken-host', 'scan-host.js', "throw new Error('broken host');\n"));
    expect(crashed.stdout).toBe(alone.stdout);
    expect(crashed.debug).toMatch(/the scan host stopped \(broken host\); scanning on the main thread/);

    const missing = scan('1', bundleWith('broken-host', 'scan-host.js', undefined));
    expect(missing.stdout).toBe(alone.stdout);
    expect(hosted(missing.debug)).toBe(false);
  });
});
