// dist/typescript.cjs is the TypeScript compiler with the parts the parser never calls stubbed out
// (scripts/typescript-parser-only.mjs). It must parse exactly as the full compiler does: same tree, same
// diagnostics, on every TypeScript and JavaScript file of this repository (fixtures, sources, tests) and
// on broken input.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PARSE_OPTIONS, scriptKindOf, TYPESCRIPT_EXTENSIONS } from '../src/analysis/typescript/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const full = require('typescript') as typeof ts;
const parserOnly = require(path.join(ROOT, 'dist', 'typescript.cjs')) as typeof ts;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') sourceFiles(file, out);
    else if (entry.isFile() && TYPESCRIPT_EXTENSIONS.includes(path.extname(entry.name))) out.push(file);
  }
  return out;
}

/**
 * Every node's kind, flags and range in visiting order, then the parse diagnostics: as the scanner parses
 * (its options and script kinds). Those carry the full compiler's enum values (the scanner imports it); the
 * parser-only copy is the same TypeScript version (checked below), so its enums have the same numbers.
 */
function dump(compiler: typeof ts, name: string, text: string): string {
  const sourceFile = compiler.createSourceFile(name, text, PARSE_OPTIONS, false, scriptKindOf(name));
  const parts: string[] = [];
  const visit = (node: ts.Node): void => {
    parts.push(`${node.kind}:${node.flags}:${node.pos}-${node.end}`);
    compiler.forEachChild(node, visit);
  };
  visit(sourceFile);
  const diagnostics = (sourceFile as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  for (const d of diagnostics) parts.push(`${d.code}@${d.start}+${d.length}: ${compiler.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  return parts.join('\n');
}

const BROKEN: Record<string, string> = {
  'unterminated.ts': 'const a = `x ${b}',
  'jsx.tsx': 'export const C = () => <div a={1}><span></div>;',
  'decorators.ts': '@dec class A { @prop() x = 1; m(@p y) {} ',
  'garbage.js': 'function (( { ] } return => ;;; @@@',
  'regex.mjs': 'const r = /[a-/u; let x = 08; "\\u{110000}"',
  'generics.ts': 'type T<in out U extends = > = U[; enum E { A = , }',
};

describe('dist/typescript.cjs (the parser-only compiler)', () => {
  const files = ['examples', 'test', 'src', 'scripts'].flatMap((dir) => sourceFiles(path.join(ROOT, dir)));

  it('parses every TypeScript and JavaScript file of the repository as the full compiler does', () => {
    expect(files.length).toBeGreaterThan(250);
    const different = files.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return dump(parserOnly, file, text) !== dump(full, file, text);
    });
    expect(different).toEqual([]);
  });

  it('parses broken input as the full compiler does, diagnostics included', () => {
    for (const [name, text] of Object.entries(BROKEN)) {
      const expected = dump(full, name, text);
      expect(expected).toMatch(/@\d+\+\d+: /);
      expect(dump(parserOnly, name, text)).toBe(expected);
    }
  });

  it('leaves the program and the language service out, with an error that names what was called', () => {
    expect(parserOnly.version).toBe(full.version);
    expect(() => parserOnly.createProgram([], {})).toThrow(/promptgate bundles only the TypeScript parser: createProgram/);
    expect(() => parserOnly.transpileModule('let a = 1', {})).toThrow(/transpileModule \(src\/services\/transpile.ts\) is left out/);
  });
});
