// The TypeScript/JavaScript front end: parses .ts .tsx .mts .cts .js .jsx .mjs .cjs with the TypeScript
// parser (syntax only: no Project, no tsconfig, no type checker) and lowers the tree into the neutral
// FileModel. Never throws: a file it cannot parse still yields a model, with the reason in syntaxErrors.
import ts from 'typescript';
import { emptyFileModel, type FileModel, type Language } from '../model.js';
import { parseInWorker, serveDeepParseRequest } from './deep.js';
import { lowerSourceFile } from './lower.js';
import { LineIndex, withoutBom } from '../lines.js';
import { maxBracketDepth } from './util.js';

export { MAX_EXPR_DEPTH } from './lower.js';
export { isDeepParseWorker } from './deep.js';

interface Flavor {
  scriptKind: ts.ScriptKind;
  language: Language;
}

/** Extension -> how to parse. ScriptKind.JS accepts JSX too (Next.js keeps components in .js files). */
const FLAVORS: Readonly<Record<string, Flavor>> = {
  '.ts': { scriptKind: ts.ScriptKind.TS, language: 'typescript' },
  '.mts': { scriptKind: ts.ScriptKind.TS, language: 'typescript' },
  '.cts': { scriptKind: ts.ScriptKind.TS, language: 'typescript' },
  '.tsx': { scriptKind: ts.ScriptKind.TSX, language: 'typescript' },
  '.js': { scriptKind: ts.ScriptKind.JS, language: 'javascript' },
  '.mjs': { scriptKind: ts.ScriptKind.JS, language: 'javascript' },
  '.cjs': { scriptKind: ts.ScriptKind.JS, language: 'javascript' },
  '.jsx': { scriptKind: ts.ScriptKind.JSX, language: 'javascript' },
};

/** File extensions this front end reads. */
export const TYPESCRIPT_EXTENSIONS: readonly string[] = Object.keys(FLAVORS);

function extensionOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot === -1 || dot < path.lastIndexOf('/') ? '' : path.slice(dot).toLowerCase();
}

/** Unknown extensions parse as TypeScript, the superset. */
function flavorOf(path: string): Flavor {
  return FLAVORS[extensionOf(path)] ?? FLAVORS['.ts']!;
}

/** The ScriptKind `path` is parsed as (unknown extensions: TypeScript). */
export function scriptKindOf(path: string): ts.ScriptKind {
  return flavorOf(path).scriptKind;
}

/** createSourceFile's options as the scanner parses: the latest syntax, JSDoc comments not parsed. */
export const PARSE_OPTIONS: Readonly<ts.CreateSourceFileOptions> = Object.freeze({
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
});

/** The model language for a path: 'typescript' or 'javascript'; undefined when not a TS/JS file. */
export function typescriptLanguageOf(path: string): Language | undefined {
  return FLAVORS[extensionOf(path)]?.language;
}

/** Parse and lower on the current thread; throws RangeError when the nesting overflows the stack. */
function parseHere(path: string, text: string, language: Language): FileModel {
  const sourceFile = ts.createSourceFile(
    path,
    text,
    PARSE_OPTIONS,
    false, // no parent pointers: the lowering walks top-down, and setting them recurses
    scriptKindOf(path),
  );
  return lowerSourceFile(sourceFile, path, language);
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function failedModel(path: string, text: string, language: Language, message: string, offset = 0): FileModel {
  const model = emptyFileModel(path, language, text);
  const { line, column } = new LineIndex(text).position(offset);
  model.syntaxErrors.push({ message, line, column });
  return model;
}

/**
 * Parses a TypeScript or JavaScript file into the neutral model. The language follows the extension
 * (.ts .tsx .mts .cts: typescript; .js .jsx .mjs .cjs: javascript). A leading BOM is dropped; CRLF is kept.
 */
export function parseTypeScript(path: string, source: string): FileModel {
  const text = withoutBom(source);
  const language = flavorOf(path).language;
  try {
    return parseHere(path, text, language);
  } catch (error) {
    if (!isStackOverflow(error)) {
      const message = error instanceof Error ? error.message : String(error);
      return failedModel(path, text, language, `could not parse: ${message}`);
    }
  }
  // Nested deeper than the stack allows: parse again in a worker with a large stack.
  let result: FileModel | string;
  try {
    result = parseInWorker(import.meta.url, path, text, language);
  } catch (error) {
    result = error instanceof Error ? error.message : String(error);
  }
  if (typeof result !== 'string') return result;
  const { depth, offset } = maxBracketDepth(text);
  return failedModel(path, text, language, `nesting too deep to parse (${depth} levels); scanned for secrets only`, offset);
}

// In a deep-parse worker (see deep.ts) this module serves the request as soon as it is evaluated.
serveDeepParseRequest(parseHere);
