// Preloaded (`node -r`) into every benchmarked process: when it exits, writes its peak resident set size
// (KiB) and CPU time (ms, all threads) as JSON to the file named by PROMPTGATE_BENCH_RSS.
const { writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const out = process.env.PROMPTGATE_BENCH_RSS;
if (out && isMainThread)
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) }));
  });
