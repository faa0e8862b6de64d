// The Python front end: source text -> FileModel (see ../model.ts), through tree-sitter-python.
//
// Python-specific choices, for rule authors:
// - `for x in xs` is a Loop of kind 'for-in' (it iterates, like JS for-of); `while True`/`while 1` and
//   `for _ in itertools.count()` are infinite.
// - Keyword arguments keep their name; a lambda passed as `f(key=lambda: ...)` has passedTo.property
//   'key', and one in a dict argument `f({"execute": lambda a: ...})` the dict key.
// - A lambda's body is recorded as its ReturnStatement; `name = lambda ...` names the lambda.
// - Conditional expressions are `other` op 'conditional' with children [test, whenTrue, whenFalse] and
//   are also Conditions. Comparison chains `a < b < c` become `(a < b) and (b < c)`.
// - Function `exported` means module-level and not `_private`; `span` is the `def` without decorators.
// - Parentheses are transparent; `"..".format(...)` is a 'format' template, not a call.
// - Expression trees deeper than MAX_EXPR_DEPTH are cut to `other` op 'deep'.
// - An ERROR node's pieces are still lowered, and an unclosed call in it (`f(a=1,` while editing) is
//   rebuilt as a call.
import type { FileModel } from '../model.js';
import { withoutBom } from '../lines.js';
import { describeGrammar, grammarTables, parseToArrays, type GrammarTables } from './flat-tree.js';
import { lowerCopiedPython } from './lower.js';
import { pythonRuntime } from './runtime.js';

export { initPython, locateWasm, PYTHON_WASM_FILES, resolveWasmSources } from './runtime.js';
export type { PythonWasmFile } from './runtime.js';

let tables: GrammarTables | undefined;

/**
 * Parses and lowers one Python file. Synchronous; `await initPython()` first. A BOM is dropped (the
 * model's `source` and all spans refer to the text without it). Syntax errors never throw: they are
 * listed in `syntaxErrors` and everything that parsed is still lowered.
 */
export function parsePython(path: string, source: string): FileModel {
  const { parser, language, rawCursor } = pythonRuntime();
  const text = withoutBom(source);
  tables ??= grammarTables(describeGrammar(language));
  return lowerCopiedPython(path, text, parseToArrays(parser, text, tables, rawCursor), tables);
}
