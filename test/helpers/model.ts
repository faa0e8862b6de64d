// Helpers the front-end tests share: a readable rendering of expressions and call lookups by callee path.
import { expect } from 'vitest';
import type { Call, Expr, FileModel } from '../../src/analysis/model.js';

/**
 * A compact rendering of an expression, so assertions read like the source. `spread` is how the language
 * writes a spread entry in an object literal (`...x` in JS, `**x` in Python).
 */
export function showExpr(e: Expr | undefined, spread: '...' | '**' = '...'): string {
  const show = (child: Expr | undefined): string => showExpr(child, spread);
  if (!e) return '∅';
  switch (e.kind) {
    case 'string':
      return JSON.stringify(e.value);
    case 'number':
      return String(e.value);
    case 'literal':
      return e.value;
    case 'name':
      return e.name;
    case 'member':
      return `${show(e.object)}.${e.property}`;
    case 'index':
      return `${show(e.object)}[${show(e.index)}]`;
    case 'call':
      return `call#${e.callIndex}`;
    case 'function':
      return `fn#${e.functionIndex}`;
    case 'template':
      return `${e.form}<${e.parts.map((p) => (typeof p === 'string' ? JSON.stringify(p) : `{${show(p)}}`)).join(' ')}>`;
    case 'object':
      return `{${e.entries.map((en) => (en.spread ? `${spread}${show(en.value)}` : `${en.key ?? '?'}: ${show(en.value)}`)).join(', ')}}`;
    case 'array':
      return `[${e.elements.map(show).join(', ')}]`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'other':
      return `${e.op}(${e.children.map(show).join(', ')})`;
  }
}

export function callsTo(model: FileModel, path: string): Call[] {
  return model.calls.filter((c) => c.calleePath === path);
}

/** The one call to `path`; fails the test when there are none or several. */
export function onlyCall(model: FileModel, path: string): Call {
  const found = callsTo(model, path);
  expect(found, `calls to ${path}`).toHaveLength(1);
  return found[0]!;
}
