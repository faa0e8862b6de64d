// Bundles the CLI (dist/cli.js), the Action (dist/index.js), the scan worker (dist/scan-worker.js, which
// parallel.ts starts from beside its chunk), the Python parse thread (dist/python-parser.js, which
// python/parse-thread.ts starts likewise) and the scan host (dist/scan-host.js, which scan-host.ts starts
// likewise) into self-contained ESM files with shared, lazily loaded chunks, and copies the tree-sitter
// wasm files beside them. `node dist/cli.js` then runs from a clone without node_modules.
// Usage: node scripts/package.mjs [outdir]   (default dist)
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parserOnlyTypeScript } from './typescript-parser-only.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.resolve(root, process.argv[2] ?? 'dist');
const require = createRequire(import.meta.url);

/** `import text from './x.md?raw'` (vite's syntax, used by the rule docs) as a string module. */
const rawPlugin = {
  name: 'raw',
  setup(b) {
    // Paths stay relative to the repository: esbuild hashes them into chunk names, and the bundle must
    // come out byte-identical from any checkout directory.
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: path.relative(root, path.resolve(args.resolveDir, args.path.replace(/\?raw$/, ''))).split(path.sep).join('/'),
      namespace: 'raw',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({
      contents: await readFile(path.join(root, args.path), 'utf8'),
      loader: 'text',
    }));
  },
};

// CommonJS inside the ESM chunks: the chunks require() the TypeScript compiler (typescript.cjs, beside them),
// bundled CommonJS packages (undici, yaml, @actions/http-client, tunnel) require() Node built-ins, and undici
// reads __filename.
const banner = [
  "import { createRequire as __pgCreateRequire } from 'node:module';",
  "import { fileURLToPath as __pgFileURLToPath } from 'node:url';",
  "import { dirname as __pgDirname } from 'node:path';",
  'const require = __pgCreateRequire(import.meta.url);',
  'const __filename = __pgFileURLToPath(import.meta.url);',
  'const __dirname = __pgDirname(__filename);',
].join('\n');

// The TypeScript compiler stays CommonJS, in its own minified file that the bundle require()s: as an ESM
// chunk it cost ~25 ms more to load per process (module compile, and esbuild's copy of its ~2,000 exports
// onto a namespace object). Only its parser is bundled (typescript-parser-only.mjs): ~50 ms less to load.
const TYPESCRIPT_FILE = 'typescript.cjs';
const typescriptPlugin = {
  name: 'typescript-cjs',
  setup(b) {
    b.onResolve({ filter: /^typescript$/ }, () => ({ path: 'typescript', namespace: 'typescript-cjs' }));
    b.onLoad({ filter: /.*/, namespace: 'typescript-cjs' }, () => ({ contents: `export default require('./${TYPESCRIPT_FILE}');`, loader: 'js' }));
    // Left to run time: the banner's require() finds the file next to the chunk.
    b.onResolve({ filter: new RegExp(`^\\./${TYPESCRIPT_FILE.replaceAll('.', '\\.')}$`) }, (args) => ({ path: args.path, external: true }));
  },
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/bin.ts', index: 'src/index.ts', 'scan-worker': 'src/core/worker.ts', 'python-parser': 'src/analysis/python/parse-worker.ts', 'scan-host': 'src/core/scan-host-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  banner: { js: banner },
  plugins: [rawPlugin, typescriptPlugin],
  logLevel: 'warning',
});
const typescript = parserOnlyTypeScript();
await build({
  absWorkingDir: root,
  stdin: { contents: typescript.text, sourcefile: 'typescript.js', loader: 'js' },
  outfile: path.join(outdir, TYPESCRIPT_FILE),
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  // A modified copy of the compiler, redistributed: its Apache-2.0 copyright notice stays, and the change is said.
  legalComments: 'inline',
  banner: { js: `/* TypeScript ${require('typescript').version}, modified by promptgate: the bodies of ${typescript.stubbed} functions the parser never calls throw instead (scripts/typescript-parser-only.mjs). */` },
  logLevel: 'warning',
});

const cli = path.join(outdir, 'cli.js');
await writeFile(cli, '#!/usr/bin/env node\n' + (await readFile(cli, 'utf8')));
await writeFile(path.join(outdir, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n');
for (const wasm of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-python/tree-sitter-python.wasm'])
  await copyFile(require.resolve(wasm), path.join(outdir, path.basename(wasm)));
