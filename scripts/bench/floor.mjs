// The parse floor: the same parsers the scanner uses (TypeScript's createSourceFile with the scanner's
// options, tree-sitter-python through web-tree-sitter), only reading every file, parsing each source file
// and visiting every node once. No model, no rules. Run in a fresh process; prints one JSON object.
// Python trees are walked the cheapest way the scanner knows: web-tree-sitter's raw cursor exports with the
// cursor kept in the transfer buffer (src/analysis/python/flat-tree.ts), navigation only; `--public-cursor`
// walks with the public TreeCursor instead (the floor before the scanner learned the raw walk).
//
//   node scripts/bench/floor.mjs DIR
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const started = performance.now();
const root = path.resolve(process.argv[2] ?? '.');
const require = createRequire(import.meta.url);

const IGNORED = new Set(['node_modules', '.git', 'dist', 'build', '.venv', 'venv', '__pycache__']);
const TS_KIND = { '.ts': 3, '.mts': 3, '.cts': 3, '.tsx': 4, '.js': 1, '.mjs': 1, '.cjs': 1, '.jsx': 2 };

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!IGNORED.has(entry.name)) walk(path.join(dir, entry.name), out);
    } else if (entry.isFile()) out.push(path.join(dir, entry.name));
  }
  return out;
}

const t = { load: 0, walk: 0, read: 0, parseTs: 0, parsePy: 0 };
let mark = performance.now();
const lap = (key) => {
  const now = performance.now();
  t[key] += now - mark;
  mark = now;
};

// The scanner's compiler package, loaded the cheapest way (require; an ESM import of it costs ~200 ms more,
// for cjs-module-lexer's scan of its named exports).
const ts = require('typescript');
const { Parser, Language } = await import('web-tree-sitter');
let python;
const publicCursor = process.argv.includes('--public-cursor');
// Emscripten builds its module object on the options passed to Parser.init: it ends up holding the exports.
const wasmModule = {};
async function loadPython() {
  wasmModule.wasmBinary = readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'));
  await Parser.init(wasmModule);
  const language = await Language.load(new Uint8Array(readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'))));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
lap('load');

const files = walk(root, []).sort();
lap('walk');

/** The raw walk of flat-tree.ts (navigation only), or undefined when this web-tree-sitter lacks the exports. */
function rawWalker(tree, cursor) {
  const m = wasmModule;
  const names = ['_ts_init', '_ts_tree_cursor_goto_first_child_wasm', '_ts_tree_cursor_goto_next_sibling_wasm', '_ts_tree_cursor_goto_parent_wasm'];
  if (!names.every((name) => typeof m[name] === 'function') || !(m.HEAP32 instanceof Int32Array)) return undefined;
  if (typeof tree[0] !== 'number' || !Array.isArray(cursor.handles)) return undefined;
  const base = m._ts_init() >> 2;
  for (let i = 0; i < 4; i++) m.HEAP32[base + i] = cursor.handles[i];
  const t = tree[0];
  return {
    gotoFirstChild: () => m._ts_tree_cursor_goto_first_child_wasm(t) === 1,
    gotoNextSibling: () => m._ts_tree_cursor_goto_next_sibling_wasm(t) === 1,
    gotoParent: () => m._ts_tree_cursor_goto_parent_wasm(t) === 1,
    done: () => {
      for (let i = 0; i < 4; i++) cursor.handles[i] = m.HEAP32[base + i];
    },
  };
}

let pythonWalk = 'public';
let nodes = 0;
let lines = 0;
let bytes = 0;
let sourceFiles = 0;
const visitTs = (node) => {
  nodes++;
  ts.forEachChild(node, visitTs);
};
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  bytes += text.length;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  lap('read');
  const ext = path.extname(file).toLowerCase();
  if (ext in TS_KIND) {
    sourceFiles++;
    const sf = ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, TS_KIND[ext]);
    visitTs(sf);
    lap('parseTs');
  } else if (ext === '.py' || ext === '.pyi') {
    sourceFiles++;
    if (!python) {
      python = await loadPython();
      lap('load');
    }
    const tree = python.parse(text);
    const cursor = tree.walk();
    const raw = publicCursor ? undefined : rawWalker(tree, cursor);
    const { gotoFirstChild, gotoNextSibling, gotoParent } = raw ?? {
      gotoFirstChild: () => cursor.gotoFirstChild(),
      gotoNextSibling: () => cursor.gotoNextSibling(),
      gotoParent: () => cursor.gotoParent(),
    };
    if (raw) pythonWalk = 'raw';
    for (;;) {
      nodes++;
      if (gotoFirstChild()) continue;
      let done = false;
      while (!gotoNextSibling()) {
        if (!gotoParent()) {
          done = true;
          break;
        }
      }
      if (done) break;
    }
    raw?.done();
    cursor.delete();
    tree.delete();
    lap('parsePy');
  }
}

const round = (ms) => Math.round(ms);
process.stdout.write(
  JSON.stringify({
    files: files.length,
    sourceFiles,
    lines,
    bytes,
    nodes,
    pythonWalk,
    ms: { total: round(performance.now() - started), load: round(t.load), walk: round(t.walk), read: round(t.read), parseTs: round(t.parseTs), parsePy: round(t.parsePy) },
    maxRssKb: process.resourceUsage().maxRSS,
  }) + '\n',
);
