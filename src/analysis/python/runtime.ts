// Loads web-tree-sitter and the Python grammar once. Both wasm files are read into memory and handed to
// web-tree-sitter as bytes, so the runtime never guesses paths itself (it would look next to its own
// module, which after bundling is dist/ and without our copy step would abort with ENOENT).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Language, Parser } from 'web-tree-sitter';

/** The wasm files the packager copies next to the bundle (dist/), by file name. */
export const PYTHON_WASM_FILES = ['web-tree-sitter.wasm', 'tree-sitter-python.wasm'] as const;
export type PythonWasmFile = (typeof PYTHON_WASM_FILES)[number];

/** Where each file lives in node_modules (package subpath, resolvable with require.resolve). */
const NODE_MODULES_SPECIFIER: Record<PythonWasmFile, string> = {
  'web-tree-sitter.wasm': 'web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-python.wasm': 'tree-sitter-python/tree-sitter-python.wasm',
};

/** Absolute node_modules paths of PYTHON_WASM_FILES, in the same order (for the packaging script). */
export function resolveWasmSources(): string[] {
  const require = createRequire(import.meta.url);
  return PYTHON_WASM_FILES.map((file) => require.resolve(NODE_MODULES_SPECIFIER[file]));
}

/** Next to the running module first (the bundle in dist/), then node_modules (sources, tests). */
export function locateWasm(file: PythonWasmFile): string {
  const beside = fileURLToPath(new URL(`./${file}`, import.meta.url));
  if (existsSync(beside)) return beside;
  try {
    return createRequire(import.meta.url).resolve(NODE_MODULES_SPECIFIER[file]);
  } catch {
    throw new Error(
      `cannot find ${file}: expected next to ${fileURLToPath(import.meta.url)} or in node_modules (${NODE_MODULES_SPECIFIER[file]})`,
    );
  }
}

export interface PythonRuntime {
  parser: Parser;
  language: Language;
  /** web-tree-sitter's raw cursor exports, when this version exposes them (flat-tree.ts copies faster). */
  rawCursor: RawCursorApi | undefined;
}

/**
 * The wasm functions behind web-tree-sitter's TreeCursor. Each public cursor call writes the cursor's four
 * handles into the transfer buffer through a generic setValue and reads them back after moving; copying a
 * whole tree, the cursor can instead stay in the transfer buffer between calls (the wasm side reads and
 * writes it there), which makes the copy 2-3x cheaper. Every function takes the tree pointer.
 */
export interface RawCursorApi {
  /** Address of the transfer buffer (the cursor's four 32-bit handles live at its start). */
  transferBuffer: number;
  heap32(): Int32Array;
  typeId(tree: number): number;
  fieldId(tree: number): number;
  startIndex(tree: number): number;
  endIndex(tree: number): number;
  isMissing(tree: number): number;
  gotoFirstChild(tree: number): number;
  gotoNextSibling(tree: number): number;
  gotoParent(tree: number): number;
}

const RAW_EXPORTS = {
  typeId: '_ts_tree_cursor_current_node_type_id_wasm',
  fieldId: '_ts_tree_cursor_current_field_id_wasm',
  startIndex: '_ts_tree_cursor_start_index_wasm',
  endIndex: '_ts_tree_cursor_end_index_wasm',
  isMissing: '_ts_tree_cursor_current_node_is_missing_wasm',
  gotoFirstChild: '_ts_tree_cursor_goto_first_child_wasm',
  gotoNextSibling: '_ts_tree_cursor_goto_next_sibling_wasm',
  gotoParent: '_ts_tree_cursor_goto_parent_wasm',
} as const;

/** The emscripten module object web-tree-sitter built on the options we passed to Parser.init. */
function rawCursorApi(module: Record<string, unknown>): RawCursorApi | undefined {
  const functions: Record<string, (tree: number) => number> = {};
  for (const [name, exported] of Object.entries(RAW_EXPORTS)) {
    const fn = module[exported];
    if (typeof fn !== 'function') return undefined;
    functions[name] = fn as (tree: number) => number;
  }
  const init = module._ts_init;
  if (typeof init !== 'function' || !(module.HEAP32 instanceof Int32Array)) return undefined;
  // ts_init only returns the static transfer buffer's address (and writes the ABI versions into it).
  const transferBuffer = (init as () => number)();
  if (typeof transferBuffer !== 'number' || transferBuffer <= 0 || transferBuffer % 4 !== 0) return undefined;
  return {
    transferBuffer,
    // The view is replaced whenever wasm memory grows, so it is looked up each time.
    heap32: () => module.HEAP32 as Int32Array,
    ...(functions as Omit<RawCursorApi, 'transferBuffer' | 'heap32'>),
  };
}

let loading: Promise<PythonRuntime> | undefined;
let loaded: PythonRuntime | undefined;

async function load(): Promise<PythonRuntime> {
  const runtimeBytes = readFileSync(locateWasm('web-tree-sitter.wasm'));
  // Emscripten builds its module object on the options object: it ends up holding the wasm exports.
  const moduleOptions: Record<string, unknown> = { wasmBinary: runtimeBytes };
  await Parser.init(moduleOptions);
  const language = await Language.load(new Uint8Array(readFileSync(locateWasm('tree-sitter-python.wasm'))));
  const parser = new Parser();
  parser.setLanguage(language);
  return { parser, language, rawCursor: rawCursorApi(moduleOptions) };
}

/** Loads the runtime and grammar once; later calls return the same promise. A failed load can be retried. */
export function initPython(): Promise<void> {
  loading ??= load().then(
    (runtime) => {
      loaded = runtime;
      return runtime;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading.then(() => undefined);
}

export function pythonRuntime(): PythonRuntime {
  if (!loaded) throw new Error('the Python parser is not loaded: await initPython() before parsePython()');
  return loaded;
}
