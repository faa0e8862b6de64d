// Where a scan spends its time: runs the scan's phases one file at a time on the main thread, from the
// sources (bundled on the fly with esbuild, node_modules external), and times each phase and each rule.
// Prints one JSON object. Single-threaded on purpose: it answers "what dominates", not "how fast".
//
//   node scripts/bench/profile.mjs DIR
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SCRATCH } from './measure.mjs';

const OUT = path.join(SCRATCH, 'profile');

const rawPlugin = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path.replace(/\?raw$/, '')), namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
  },
};

const ENTRY = `
export { discoverFiles, readSourceFileSync, looksMinified } from './src/workspace/files.ts';
export { parseSource } from './src/analysis/parse.ts';
export { bindLlm } from './src/analysis/bind.ts';
export { allRules } from './src/rules/index.ts';
export { defaultConfig } from './src/config/config.ts';
export { mayMatter } from './src/core/prefilter.ts';
export * as taint from './src/analysis/taint.ts';
export * as prompts from './src/analysis/prompts.ts';
export * as sinks from './src/analysis/sinks.ts';
export * as routes from './src/analysis/routes.ts';
`;

mkdirSync(OUT, { recursive: true });
// The bundle leaves packages external: they resolve through a link to the repository's node_modules.
const modules = path.join(OUT, '..', 'node_modules');
if (!existsSync(modules)) symlinkSync(path.join(ROOT, 'node_modules'), modules, 'dir');
const outfile = path.join(OUT, 'profile-entry.mjs');
await build({
  stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: 'profile-entry.ts', loader: 'ts' },
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  plugins: [rawPlugin],
  logLevel: 'error',
});
const lib = await import(pathToFileURL(outfile).href);

const dir = path.resolve(process.argv[2] ?? '.');
const config = lib.defaultConfig();
const textRules = lib.allRules.filter((r) => r.checkText);
const codeRules = lib.allRules.filter((r) => r.checkCode);
const t = { discover: 0, read: 0, textRules: 0, prefilter: 0, parseTs: 0, parsePy: 0, skippedTs: 0, skippedPy: 0, bind: 0, shared: 0, codeRules: 0 };
// Analyses several rules share (cached per file): timed on their own, so they do not count for whichever rule asks first.
const shared = [
  ['prompt calls', (model, llm) => lib.prompts?.promptCalls?.(model, llm)],
  ['sink sites', (model) => lib.sinks?.findSinks?.(model)],
  ['route handlers', (model) => lib.routes?.findRouteHandlers?.(model)],
  ['taint setup', (model, llm) => lib.taint?.taintAnalysis?.(model, llm, config)],
];
const perShared = new Map();
const perRule = new Map();
const addRule = (id, ms) => perRule.set(id, (perRule.get(id) ?? 0) + ms);
let parsed = 0;
let skipped = 0;
const noReport = () => {};

let mark = performance.now();
const lap = () => {
  const now = performance.now();
  const ms = now - mark;
  mark = now;
  return ms;
};
const { files } = await lib.discoverFiles({ root: dir, maxFileBytes: config.maxFileBytes });
t.discover += lap();
for (const file of files) {
  const read = lib.readSourceFileSync(file.absolutePath, config.maxFileBytes);
  t.read += lap();
  const text = read.text;
  if (text === undefined) continue;
  for (const rule of textRules) {
    rule.checkText({ kind: 'text', path: file.relativePath, text, config, report: noReport });
    const ms = lap();
    t.textRules += ms;
    addRule(rule.meta.id, ms);
  }
  if (file.kind === 'text' || lib.looksMinified(text)) continue;
  const matters = lib.mayMatter(file.kind, text, config);
  t.prefilter += lap();
  const model = await lib.parseSource(file.relativePath, file.kind, text);
  const parseMs = lap();
  if (!matters) {
    // What the pre-filter saves: this file's parse (and bind and rules) is skipped in a real scan.
    if (file.kind === 'python') t.skippedPy += parseMs;
    else t.skippedTs += parseMs;
    skipped++;
    continue;
  }
  if (file.kind === 'python') t.parsePy += parseMs;
  else t.parseTs += parseMs;
  parsed++;
  if (!model) continue;
  const llm = lib.bindLlm(model, config.llmWrappers);
  t.bind += lap();
  for (const [name, run] of shared) {
    run(model, llm);
    const ms = lap();
    t.shared += ms;
    perShared.set(name, (perShared.get(name) ?? 0) + ms);
  }
  for (const rule of codeRules) {
    rule.checkCode({ kind: 'code', path: file.relativePath, model, llm, config, report: noReport });
    const ms = lap();
    t.codeRules += ms;
    addRule(rule.meta.id, ms);
  }
}

const total = Object.entries(t)
  .filter(([k]) => !k.startsWith('skipped'))
  .reduce((sum, [, ms]) => sum + ms, 0);
const phase = (name, ms) => ({ phase: name, ms: Math.round(ms), share: +((100 * ms) / total).toFixed(1) });
process.stdout.write(
  JSON.stringify({
    files: files.length,
    parsedAfterPrefilter: parsed,
    skippedByPrefilter: skipped,
    phases: [
      phase('discover', t.discover),
      phase('read + decode', t.read),
      phase(`text rules (${textRules.length})`, t.textRules),
      phase('pre-filter', t.prefilter),
      phase('parse + lower TS/JS (first file loads the compiler)', t.parseTs),
      phase('parse + lower Python (first file loads the grammar)', t.parsePy),
      phase('bind LLM calls', t.bind),
      phase(`shared analyses (${[...perShared.entries()].map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')})`, t.shared),
      phase(`code rules (${codeRules.length})`, t.codeRules),
    ],
    total: Math.round(total),
    savedByPrefilter: { parseTsMs: Math.round(t.skippedTs), parsePyMs: Math.round(t.skippedPy) },
    rules: [...perRule.entries()].map(([id, ms]) => ({ id, ms: Math.round(ms) })).sort((a, b) => b.ms - a.ms),
  }) + '\n',
);
