#!/usr/bin/env node
// Probe benchmark: the quick tier against demo LLM endpoints with 300 ms of simulated model latency,
// through the real CLI (`dist/cli.js probe` when built, else the probe command bundled on the fly).
// Reports wall time and requests; the target is at most 25 requests and 15 s.
//
//   node scripts/bench-probe.mjs            # or `npm run bench` when scripts/bench.mjs calls runProbeBench
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BENCH as OUT, ROOT, runNode } from './bench/measure.mjs';

const LATENCY_MS = 300;
const MAX_REQUESTS = 25;
const MAX_SECONDS = 15;
const CANARY = 'cnry-bench-4b7e9d2a';

/** esbuild: leave the static scan's optional module out when it does not exist yet. */
const optionalRoutes = {
  name: 'optional-routes',
  setup(b) {
    b.onResolve({ filter: /\/core\/routes\.js$/ }, (args) => {
      const ts = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      return existsSync(ts) ? undefined : { path: args.path, external: true };
    });
  },
};

async function bundle() {
  mkdirSync(OUT, { recursive: true });
  const demo = join(OUT, 'demo-llm-apps.mjs');
  await build({
    entryPoints: [join(ROOT, 'test/helpers/demo-llm-apps.ts')],
    outfile: demo,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'error',
  });
  let cli = join(ROOT, 'dist/cli.js');
  let args = ['probe'];
  if (!existsSync(cli)) {
    cli = join(OUT, 'probe-cli.mjs');
    args = [];
    await build({
      stdin: {
        contents: [
          "import { runProbeCommand } from './src/probe/command.ts';",
          'process.exitCode = await runProbeCommand(process.argv.slice(2), {',
          '  stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), cwd: process.cwd(), isTTY: false });',
        ].join('\n'),
        resolveDir: ROOT,
        sourcefile: 'bench-probe-entry.ts',
        loader: 'ts',
      },
      outfile: cli,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      plugins: [optionalRoutes],
      logLevel: 'error',
    });
  }
  return { demo, cli, args };
}

/** Run the probe benchmark; returns one row per demo endpoint. */
export async function runProbeBench({ log = console.log } = {}) {
  const { demo, cli, args } = await bundle();
  const { startDemoApp, DEFAULT_TOKEN } = await import(pathToFileURL(demo).href);
  const cases = [
    { name: 'vulnerable', options: { kind: 'vulnerable', latencyMs: LATENCY_MS, canary: CANARY }, extra: ['--canary', CANARY] },
    {
      name: 'hardened',
      options: { kind: 'hardened', latencyMs: LATENCY_MS, canary: CANARY },
      extra: ['--canary', CANARY, '--header', `Authorization: Bearer ${DEFAULT_TOKEN}`],
    },
  ];
  const rows = [];
  log(`probe bench: quick tier, ${LATENCY_MS} ms simulated model latency, via ${cli.startsWith(OUT) ? 'bundled probe command' : 'dist/cli.js'}`);
  for (const c of cases) {
    const app = await startDemoApp(c.options);
    try {
      const result = await runNode([cli, ...args, '--url', app.url, '--allow-private', '--format', 'json', '--fail-on', 'none', ...c.extra]);
      if (result.code !== 0) throw new Error(`probe exited ${result.code}: ${result.stderr.trim()}`);
      const report = JSON.parse(result.stdout);
      const counts = {};
      for (const f of report.findings) counts[f.status] = (counts[f.status] ?? 0) + 1;
      const row = {
        endpoint: c.name,
        wallSeconds: result.wallMs / 1000,
        probeSeconds: report.probe.elapsedMs / 1000,
        requests: report.probe.requests,
        serverRequests: app.requests.length,
        maxRequests: report.probe.maxRequests,
        shape: report.probe.shape,
        statuses: counts,
      };
      row.ok = row.requests <= MAX_REQUESTS && row.serverRequests <= MAX_REQUESTS && row.wallSeconds <= MAX_SECONDS;
      rows.push(row);
      const statuses = Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ');
      log(
        `  ${c.name.padEnd(10)} wall ${row.wallSeconds.toFixed(2)} s (probe ${row.probeSeconds.toFixed(2)} s), ` +
          `${row.requests} requests (server saw ${row.serverRequests}) of ${row.maxRequests}, shape ${row.shape}; ${statuses} ` +
          `-> ${row.ok ? 'OK' : 'OVER'} (limit ${MAX_REQUESTS} requests, ${MAX_SECONDS} s)`,
      );
    } finally {
      await app.close();
    }
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runProbeBench()
    .then((rows) => {
      if (rows.some((r) => !r.ok)) process.exitCode = 1;
    })
    .catch((error) => {
      console.error(`bench-probe: ${error.message}`);
      process.exitCode = 2;
    });
}
