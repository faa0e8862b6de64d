// Measuring helpers shared by scripts/bench.mjs, scripts/bench-probe.mjs and scripts/bench/*.mjs: where
// things go, building a bundle, fresh-process runs with wall time, CPU time and peak RSS, the 50-file pull
// request, and a description of the machine.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFiles } from './generate.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Results (small JSON files). */
export const BENCH = path.join(ROOT, '.bench');
/** Generated trees, bundles and scratch files: outside the repository, which a scan (or the probe's
 * route lookup, which reads the repository) would otherwise read too. */
export const SCRATCH = path.join(os.tmpdir(), 'promptgate-bench');
export const treeDir = (size) => path.join(SCRATCH, 'trees', `t${size}`);
const RSS_PRELOAD = path.join(ROOT, 'scripts/bench/rss.cjs');
const FLOOR = path.join(ROOT, 'scripts/bench/floor.mjs');

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const digest = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Bundles the repository at `repoDir` with its own scripts/package.mjs into `outdir`; returns its cli.js. */
export function buildBundle(outdir, repoDir = ROOT) {
  execFileSync(process.execPath, [path.join(repoDir, 'scripts/package.mjs'), outdir], { cwd: repoDir, stdio: 'pipe' });
  return path.join(outdir, 'cli.js');
}

/** Runs `node ...args` in a fresh process: wall time from spawn to exit, CPU time and peak RSS (all threads). */
export function runNode(args, { cwd = ROOT, env = {} } = {}) {
  mkdirSync(SCRATCH, { recursive: true });
  const usageFile = path.join(SCRATCH, `usage-${process.pid}.json`);
  rmSync(usageFile, { force: true });
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', RSS_PRELOAD, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env, PROMPTGATE_BENCH_RSS: usageFile },
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let usage = { maxRssKb: 0, cpuMs: 0 };
      try {
        usage = JSON.parse(readFileSync(usageFile, 'utf8'));
      } catch {
        // the process died before its exit hook
      }
      resolve({ code, wallMs, ...usage, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

function summarize(runs) {
  return {
    wallMs: Math.round(median(runs.map((r) => r.wallMs))),
    minWallMs: Math.round(Math.min(...runs.map((r) => r.wallMs))),
    cpuMs: Math.round(median(runs.map((r) => r.cpuMs))),
    peakRssMb: Math.round(Math.max(...runs.map((r) => r.maxRssKb)) / 1024),
    runs: runs.length,
  };
}

/** One scan with the CLI (JSON to a file); returns the run and the report text. */
async function scanOnce(cli, cwd, targets, env = {}) {
  const report = path.join(SCRATCH, `scan-report-${process.pid}.json`);
  rmSync(report, { force: true });
  const run = await runNode([cli, 'scan', ...targets, '--format', 'json', '--output', report, '--fail-on', 'none'], { cwd, env });
  if (run.code !== 0) throw new Error(`scan in ${cwd} exited ${run.code}: ${run.stderr.trim().split('\n')[0]}`);
  const text = readFileSync(report, 'utf8');
  rmSync(report, { force: true });
  return { run, text };
}

/** Scans `runs` times, after `beforeEach` each time; the JSON report must be identical every time. */
export async function measureScan(cli, cwd, targets, runs, env = {}, beforeEach = async () => {}) {
  const all = [];
  let first;
  for (let i = 0; i < runs; i++) {
    await beforeEach();
    const { run, text } = await scanOnce(cli, cwd, targets, env);
    if (first === undefined) first = text;
    else if (text !== first) throw new Error(`scan output differs between runs in ${cwd}`);
    all.push(run);
  }
  const parsed = JSON.parse(first);
  return { ...summarize(all), files: parsed.summary.files, findings: parsed.findings.length, errors: parsed.errors.length, outputDigest: digest(first) };
}

async function floorOnce(dir) {
  const run = await runNode([FLOOR, dir]);
  if (run.code !== 0) throw new Error(`floor exited ${run.code}: ${run.stderr.trim().split('\n')[0]}`);
  return run;
}

/** The scan and the floor of one tree, run alternately (load on the machine falls on both alike). */
export async function measureScanAndFloor(cli, dir, runs, env = {}) {
  const floors = [];
  const scan = await measureScan(cli, dir, ['.'], runs, env, async () => floors.push(await floorOnce(dir)));
  return { scan, floor: { ...summarize(floors), detail: JSON.parse(floors[floors.length - 1].stdout) } };
}

export async function measureVersion(cli, runs = 10) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    const run = await runNode([cli, '--version']);
    if (run.code !== 0) throw new Error(`--version exited ${run.code}: ${run.stderr.trim()}`);
    all.push(run);
  }
  return summarize(all);
}

/** The pull request: 50 files of the generated tree of `size`, spread over it (every kind of file). */
export function pullRequestFiles(size, count = 50) {
  const files = generateFiles(size);
  const step = Math.floor(size / count);
  return files.filter((_, i) => i % step === 7).slice(0, count).map((f) => f.path);
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

/** One-minute load average: other work on the machine makes every wall time longer. */
export const load = () => +os.loadavg()[0].toFixed(2);

/** A plain text table: first column left-aligned, the rest right-aligned. */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
