// Before and after each optimisation of issue 6, measured the same way on the same trees and rules:
// each step is a bundle built from the current sources with the engine files (scan, parse, CLI, file
// reading, packaging) taken from a base commit up to that step, runs interleaved so load on the machine
// falls on every step alike.
//
//   node scripts/bench/steps.mjs [--base COMMIT] [--runs 3] [--out .bench/steps.json]
//   node scripts/bench/steps.mjs --commits "label=COMMIT,label=COMMIT,..." [--runs 3]
//
// Steps: 0 the engine at --base (default e68dbd7, before issue 6); 1 lazy loading (cli.ts, parse.ts:
// commands and front ends load on first use); 2 synchronous file system calls (files.ts); 3 the pre-filter
// (the current engine with PROMPTGATE_WORKERS=0); 4 worker threads (the current engine as shipped).
// With --commits, each step is the whole repository at a commit (git archive), built with its own
// scripts/package.mjs: for optimisations that landed as commits, one after another.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateTree } from './generate.mjs';
import { BENCH, ROOT, SCRATCH, buildBundle, load, machine, measureScan, measureVersion, median, pullRequestFiles, table, treeDir } from './measure.mjs';

const { values: opts } = parseArgs({
  options: {
    base: { type: 'string', default: 'e68dbd7' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: path.join(BENCH, 'steps.json') },
    sizes: { type: 'string', default: '1000,5000' },
    commits: { type: 'string' },
  },
});
const RUNS = Math.max(1, Number(opts.runs));
const SIZES = opts.sizes.split(',').map(Number);

/** Engine files that the optimisations changed, with the step that changed them. */
const ENGINE = {
  'src/cli.ts': 1,
  'src/analysis/parse.ts': 1,
  'src/workspace/files.ts': 2,
  'src/core/scan.ts': 3,
  'scripts/package.mjs': 4,
};

const STEPS = opts.commits
  ? opts.commits.split(',').map((pair, i) => {
      const [label, commit] = pair.split('=');
      if (!label || !commit) throw new Error(`--commits: expected label=COMMIT, got "${pair}"`);
      return { name: `${i} ${label}`, commit };
    })
  : [
      { name: '0 baseline (engine at base)', upTo: 0 },
      { name: '1 + lazy loading', upTo: 1 },
      { name: '2 + synchronous reads', upTo: 2 },
      { name: '3 + pre-filter', upTo: 4, env: { PROMPTGATE_WORKERS: '0' } },
      { name: '4 + worker threads', upTo: 4 },
    ];

/** Where a step's bundle is built: steps with the same engine (3 and 4 differ only in env) share it. */
function stepDir(step) {
  return path.join(SCRATCH, 'steps', step.commit ? `commit-${step.commit}` : `step-${step.upTo}`);
}

/** The repository at `commit`, bundled by its own packaging script. */
function buildCommit(step) {
  const dir = stepDir(step);
  const dist = path.join(dir, 'dist');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${step.commit} | tar -x -C "${dir}"`], { cwd: ROOT, stdio: 'pipe' });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return buildBundle(dist, dir);
}

function build(step) {
  if (step.commit) return buildCommit(step);
  const dir = stepDir(step);
  const dist = path.join(dir, 'dist');
  if (step.upTo === 4) return buildBundle(dist);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of ['src', 'scripts', 'docs', 'package.json']) cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  for (const [file, changedIn] of Object.entries(ENGINE)) {
    if (changedIn <= step.upTo) continue;
    const base = spawnSync('git', ['show', `${opts.base}:${file}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 << 20 });
    if (base.status !== 0) throw new Error(`git show ${opts.base}:${file}: ${base.stderr.trim()}`);
    writeFileSync(path.join(dir, file), base.stdout);
  }
  return buildBundle(dist, dir);
}

/** Each folder's bundle built once. */
const built = new Map();
function buildOnce(step) {
  const dir = stepDir(step);
  if (!built.has(dir)) built.set(dir, build(step));
  return built.get(dir);
}

const trees = SIZES.map((size) => ({ size, dir: treeDir(size) }));
for (const tree of trees) generateTree(tree.dir, tree.size);
const largest = trees[trees.length - 1];
const pr = pullRequestFiles(largest.size);

const steps = STEPS.map((step) => ({ ...step, cli: buildOnce(step), results: {} }));
console.log(`steps: ${steps.length}, ${built.size} bundles built; ${machine().cpu}, Node ${process.version}; ${RUNS} interleaved rounds`);
const cases = [
  { key: '--version', run: (s) => measureVersion(s.cli, 5) },
  { key: 'PR 50 files', run: (s) => measureScan(s.cli, largest.dir, pr, 1, s.env) },
  { key: 'examples/', run: (s) => measureScan(s.cli, path.join(ROOT, 'examples'), ['.'], 1, s.env) },
  ...trees.map((tree) => ({ key: `${tree.size} files`, run: (s) => measureScan(s.cli, tree.dir, ['.'], 1, s.env) })),
];
const loads = [];
for (let round = 0; round < RUNS; round++) {
  for (const c of cases)
    for (const step of steps) {
      loads.push(load());
      (step.results[c.key] ??= []).push(await c.run(step));
    }
  console.log(`  round ${round + 1} done (load ${load()})`);
}

const summary = steps.map((step) => ({
  step: step.name,
  env: step.env ?? {},
  cases: Object.fromEntries(
    cases.map((c) => {
      const runs = step.results[c.key];
      return [c.key, { wallMs: Math.round(median(runs.map((r) => r.wallMs))), cpuMs: Math.round(median(runs.map((r) => r.cpuMs))), peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)), outputDigest: runs[0].outputDigest }];
    }),
  ),
}));
// Every step must report the same findings as the baseline (the pre-filter and the workers change nothing).
for (const c of cases.slice(1)) {
  const digests = new Set(summary.map((s) => s.cases[c.key].outputDigest));
  if (digests.size !== 1) console.error(`WARNING: ${c.key}: the steps' JSON reports differ`);
}
console.log(`\nWall ms (median of ${RUNS}) / CPU ms / peak MB per step; load ${Math.min(...loads)}-${Math.max(...loads)}`);
console.log(
  table(
    ['step', ...cases.map((c) => c.key)],
    summary.map((s) => [s.step, ...cases.map((c) => `${s.cases[c.key].wallMs} / ${s.cases[c.key].cpuMs} / ${s.cases[c.key].peakRssMb}`)]),
  ),
);
mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
writeFileSync(path.resolve(opts.out), JSON.stringify({ date: new Date().toISOString(), base: opts.base, machine: machine(), runs: RUNS, load: { min: Math.min(...loads), max: Math.max(...loads) }, steps: summary }, null, 2) + '\n');
console.log(`\nwritten to ${path.relative(process.cwd(), path.resolve(opts.out))}`);
