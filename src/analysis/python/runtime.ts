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
}

let loading: Promise<PythonRuntime> | undefined;
let loaded: PythonRuntime | undefined;

async function load(): Promise<PythonRuntime> {
  const runtimeBytes = readFileSync(locateWasm('web-tree-sitter.wasm'));
  await Parser.init({ wasmBinary: runtimeBytes });
  const language = await Language.load(new Uint8Array(readFileSync(locateWasm('tree-sitter-python.wasm'))));
  const parser = new Parser();
  parser.setLanguage(language);
  return { parser, language };
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
