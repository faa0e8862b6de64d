// Language-neutral helpers over the model: dotted paths, literal values, and local constant resolution.
import { spanContains, startsAtOrBefore, type Assignment, type Expr, type FileModel, type FunctionInfo, type Import, type Loop, type Span } from './model.js';
import { LineIndex } from './lines.js';

/** Operators of OtherExpr that only wrap a value (await, parentheses, casts). */
const TRANSPARENT_OPS = new Set(['await', 'paren', 'as', 'satisfies', 'nonnull', 'type-assertion']);

/** Strips await/parens/casts. */
export function unwrap(expr: Expr): Expr {
  let current = expr;
  for (let depth = 0; depth < 16 && current.kind === 'other' && TRANSPARENT_OPS.has(current.op); depth++) {
    const inner = current.children[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** `a.b.c` for chains of names and members (and string-literal indexes `a['b']`), else undefined. */
export function dottedPath(expr: Expr): string | undefined {
  let current: Expr = unwrap(expr);
  if (current.kind === 'name') return current.name;
  // Built from the right: `suffix` is `.b.c` while `current` is `a`.
  let suffix = '';
  for (let depth = 0; depth < 64; depth++) {
    if (current.kind === 'name') return current.name + suffix;
    if (current.kind === 'member') {
      suffix = '.' + current.property + suffix;
      current = unwrap(current.object);
      continue;
    }
    if (current.kind === 'index' && current.index.kind === 'string') {
      suffix = '.' + current.index.value + suffix;
      current = unwrap(current.object);
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** The name an expression is written as, after unwrapping: a call's dotted callee (`rateLimit` for
 * `rateLimit({...})`, `tool` for `@tool(...)`), else its own dotted path (`chatLimiter`, `app.tool`). */
export function writtenPath(model: FileModel, expr: Expr): string | undefined {
  const value = unwrap(expr);
  return value.kind === 'call' ? model.calls[value.callIndex]?.calleePath : dottedPath(value);
}

export function stringValue(expr: Expr | undefined): string | undefined {
  if (!expr) return undefined;
  const inner = unwrap(expr);
  return inner.kind === 'string' ? inner.value : undefined;
}

export function numberValue(expr: Expr | undefined): number | undefined {
  if (!expr) return undefined;
  const inner = unwrap(expr);
  if (inner.kind === 'number') return inner.value;
  if (inner.kind === 'literal' && inner.value === 'Infinity') return Infinity;
  if (inner.kind === 'other' && inner.op === 'unary:-' && inner.children[0]) {
    const value = numberValue(inner.children[0]);
    return value === undefined ? undefined : -value;
  }
  return undefined;
}

export function isLiteral(expr: Expr | undefined, value: 'true' | 'false' | 'null' | 'undefined' | 'Infinity'): boolean {
  if (!expr) return false;
  const inner = unwrap(expr);
  return inner.kind === 'literal' && inner.value === value;
}

/** Function indexes from `index` outwards to module level (undefined last). */
export function enclosingFunctions(model: FileModel, index: number | undefined): Array<number | undefined> {
  const chain: Array<number | undefined> = [];
  let current = index;
  for (let depth = 0; current !== undefined && depth < 256; depth++) {
    chain.push(current);
    current = model.functions[current]?.parentIndex;
  }
  chain.push(undefined);
  return chain;
}

/** Assignments grouped by target, built once per file. */
const assignmentIndex = new WeakMap<FileModel, Map<string, Assignment[]>>();

export function assignmentsTo(model: FileModel, target: string): Assignment[] {
  let index = assignmentIndex.get(model);
  if (!index) {
    index = new Map();
    for (const assignment of model.assignments) {
      const list = index.get(assignment.target);
      if (list) list.push(assignment);
      else index.set(assignment.target, [assignment]);
    }
    assignmentIndex.set(model, index);
  }
  return index.get(target) ?? [];
}

/**
 * The assignment that most plausibly defines `name` where it is read: the last one before the read in the
 * innermost enclosing scope that assigns it (flow-insensitive within the scope), or a module-level one
 * anywhere in the file. Parameters shadow outer assignments.
 */
export function reachingAssignment(
  model: FileModel,
  name: string,
  at: Span,
  functionIndex: number | undefined,
): Assignment | undefined {
  const candidates = assignmentsTo(model, name);
  if (candidates.length === 0) return undefined;
  // Scopes from the innermost function outwards (as `enclosingFunctions` lists them), module level last.
  let scope: number | undefined = functionIndex;
  for (let depth = 0; ; depth++) {
    if (depth >= 256) scope = undefined;
    if (scope !== undefined && isParameter(model.functions[scope], name) && !candidates.some((a) => a.functionIndex === scope))
      return undefined;
    // The last assignment of the scope, and the last one before the read (a read inside an assignment's own
    // right-hand side, `x = x.strip()`, sees the definitions before it).
    let last: Assignment | undefined;
    for (let i = candidates.length - 1; i >= 0; i--) {
      const a = candidates[i]!;
      if (a.functionIndex !== scope) continue;
      last ??= a;
      if (startsAtOrBefore(a.span, at) && !spanContains(a.value.span, at)) return a;
    }
    // Module-level definitions (constants, clients) are visible from functions declared earlier.
    if (last && (scope === undefined || scope !== functionIndex)) return last;
    if (scope === undefined) return undefined;
    scope = model.functions[scope]?.parentIndex;
  }
}

function isParameter(fn: FunctionInfo | undefined, name: string): boolean {
  return !!fn && fn.params.some((p) => p.name === name);
}

/** Follows names to their reaching local assignment (up to `maxDepth` hops) and strips wrappers. */
export function resolveValue(model: FileModel, expr: Expr, functionIndex: number | undefined, maxDepth = 6): Expr {
  let current = unwrap(expr);
  for (let depth = 0; depth < maxDepth && current.kind === 'name'; depth++) {
    const assignment = reachingAssignment(model, current.name, current.span, functionIndex);
    if (!assignment || assignment.augmented) break;
    current = unwrap(assignment.value);
    functionIndex = assignment.functionIndex;
  }
  return current;
}

/** Enclosing function of a span (innermost). */
export function functionAt(model: FileModel, span: Span): number | undefined {
  let best: number | undefined;
  for (const fn of model.functions) {
    if (spanContains(fn.span, span)) {
      if (best === undefined || fn.span.line >= model.functions[best]!.span.line) best = fn.index;
    }
  }
  return best;
}

const lineIndexes = new WeakMap<FileModel, LineIndex>();

/**
 * Hands over the line index a front end built while lowering `model`, so that lineIndexOf need not build
 * it again. `lines` must be `new LineIndex(model.source)` (line breaks 'lf').
 */
export function rememberLineIndex(model: FileModel, lines: LineIndex): void {
  lineIndexes.set(model, lines);
}

/** The file's line starts, built once per model (message texts and code texts share them); the front
 * ends hand theirs over (rememberLineIndex), other models get one on first use. */
function lineIndexOf(model: FileModel): LineIndex {
  let lines = lineIndexes.get(model);
  if (!lines) {
    lines = new LineIndex(model.source);
    lineIndexes.set(model, lines);
  }
  return lines;
}

/** Text of 1-based `line` without its '\n' ('' past the end), as `source.split('\n')[line - 1]`. */
export function lineText(model: FileModel, line: number): string {
  const lines = lineIndexOf(model);
  const start = lines.lineStart(line);
  if (start === undefined) return '';
  const next = lines.lineStart(line + 1);
  return model.source.slice(start, next === undefined ? model.source.length : next - 1);
}

/** Source text of a span, whitespace-collapsed and shortened (for messages). */
export function exprSpanText(model: FileModel, span: Span, max = 80): string {
  let text: string;
  if (span.line === span.endLine) text = lineText(model, span.line).slice(span.column - 1, span.endColumn - 1);
  else text = lineText(model, span.line).slice(span.column - 1) + ' …';
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/**
 * What an imported callee or decorator is, through the file's imports: `{ module: 'tenacity', name: 'retry' }`
 * for `retry` (`from tenacity import retry`) or `tenacity.retry` (`import tenacity`); `name` is `default` for a
 * default or namespace import used bare (`express()`), and keeps the member path after it (`Limiter.limit`).
 */
export function importedName(model: FileModel, expr: Expr): { module: string; name: string } | undefined {
  const path = dottedPath(expr);
  if (!path) return undefined;
  const dot = path.indexOf('.');
  const imp = importBinding(model, dot === -1 ? path : path.slice(0, dot));
  if (!imp) return undefined;
  const rest = dot === -1 ? '' : path.slice(dot + 1);
  if (imp.imported === '*') return { module: imp.module, name: rest || 'default' };
  return { module: imp.module, name: dot === -1 ? imp.imported : `${imp.imported}.${rest}` };
}

/** Value imports by local name (the first one wins, as a lookup in import order would), built once per file. */
const importBindings = new WeakMap<FileModel, Map<string, Import>>();

/** The import (not type-only) that binds `local` in this file. */
export function importBinding(model: FileModel, local: string): Import | undefined {
  let bindings = importBindings.get(model);
  if (!bindings) {
    bindings = new Map();
    for (const imp of model.imports) if (!imp.typeOnly && !bindings.has(imp.local)) bindings.set(imp.local, imp);
    importBindings.set(model, bindings);
  }
  return bindings.get(local);
}

const codeSources = new WeakMap<FileModel, string>();

/** Source text of a span with comments blanked to spaces, so text checks (`return`, `429`) never match a
 * comment. Multi-line spans keep their newlines. */
export function codeText(model: FileModel, span: Span): string {
  const lines = lineIndexOf(model);
  let code = codeSources.get(model);
  if (code === undefined) {
    code = blankComments(model.source, model.comments, lines);
    codeSources.set(model, code);
  }
  const start = (lines.lineStart(span.line) ?? code.length) + span.column - 1;
  const end = (lines.lineStart(span.endLine) ?? code.length) + span.endColumn - 1;
  return code.slice(start, end);
}

/** `source` with every comment's characters but line breaks replaced by spaces (overlapping comments blank
 * their union). Copies the text between comments in slices rather than character by character. */
function blankComments(source: string, comments: FileModel['comments'], lines: LineIndex): string {
  if (comments.length === 0) return source;
  const at = (line: number, column: number) => (lines.lineStart(line) ?? source.length) + column - 1;
  const ranges: Array<[number, number]> = [];
  for (const comment of comments) {
    const start = at(comment.span.line, comment.span.column);
    const end = Math.min(at(comment.span.endLine, comment.span.endColumn), source.length);
    if (start < end) ranges.push([start, end]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  let text = '';
  let copied = 0;
  for (const [start, end] of ranges) {
    const from = Math.max(start, copied);
    if (from >= end) continue;
    text += source.slice(copied, from) + source.slice(from, end).replace(/[^\n\r]/g, ' ');
    copied = end;
  }
  return text + source.slice(copied);
}

/** The innermost loop of function `functionIndex` whose body contains `span`. */
export function innermostLoop(model: FileModel, span: Span, functionIndex: number | undefined): Loop | undefined {
  let best: Loop | undefined;
  for (const loop of model.loops) {
    if (loop.functionIndex !== functionIndex || !spanContains(loop.bodySpan, span)) continue;
    if (!best || spanContains(best.bodySpan, loop.span)) best = loop;
  }
  return best;
}
