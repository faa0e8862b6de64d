// Guards that make a value safe on the path that follows them: comparison with a constant and allowlist
// membership (`if model not in ALLOWED: abort(400)`, `if (!ALLOWED.includes(model)) return`), or a
// branch that only runs when the check passed.
import { calleeLastName, spanContains, startsAtOrBefore, type Condition, type Expr, type FileModel, type Span } from './model.js';
import { dottedPath, enclosingFunctions, unwrap } from './values.js';
import { TOKEN_COUNTERS } from '../knowledge/taint.js';

const MEMBERSHIP_METHODS = new Set(['includes', 'has', 'indexOf', 'hasOwnProperty', 'contains']);

/** True when `name` is checked against a constant or an allowlist before `at` in an enclosing function.
 * With `exact`, only a check of `name` itself counts: `block.type == 'tool_use'` guards `block.type`,
 * not `block` (and so not `block.input`). */
export function isGuarded(model: FileModel, name: string, functionIndex: number | undefined, at: Span, exact = false): boolean {
  const scopes = new Set(enclosingFunctions(model, functionIndex));
  return model.conditions.some((condition) => {
    if (!scopes.has(condition.functionIndex)) return false;
    if (!mentionsCheck(model, condition.test, name, 0, exact)) return false;
    const insideConsequent = spanContains(condition.consequentSpan, at);
    const afterExit = condition.consequentExits && startsAtOrBefore(condition.span, at);
    return insideConsequent || afterExit;
  });
}

function mentionsCheck(model: FileModel, test: Expr, name: string, depth: number, exact: boolean): boolean {
  if (depth > 8) return false;
  const e = unwrap(test);
  if (e.kind === 'binary') {
    if (['==', '===', '!=', '!==', 'in', 'not in', 'is'].includes(e.op))
      return refersTo(e.left, name, exact) || (e.op !== 'in' && e.op !== 'not in' && refersTo(e.right, name, exact));
    if (['and', 'or', '&&', '||'].includes(e.op))
      return mentionsCheck(model, e.left, name, depth + 1, exact) || mentionsCheck(model, e.right, name, depth + 1, exact);
    return false;
  }
  if (e.kind === 'other' && (e.op.startsWith('unary:') || e.op === 'not'))
    return e.children.some((child) => mentionsCheck(model, child, name, depth + 1, exact));
  if (e.kind === 'call') {
    const call = model.calls[e.callIndex];
    const method = call && calleeLastName(call);
    if (call && method && MEMBERSHIP_METHODS.has(method)) return call.args.some((arg) => refersTo(arg.value, name, exact));
  }
  return false;
}

/**
 * True when a length check bounds `path` (a name or dotted member path) at `at`: after a check that exits when
 * the value is too long (`if len(text) > 4000: abort(413)`, `if (message.length > MAX) return …`), inside a
 * branch that runs only when it is short enough (`if len(text) <= 4000:`), or in the else branch of a
 * too-long check. Token counts of the value count as its length (`len(enc.encode(text))`, `countTokens(text)`).
 * Used by the cost rules: a length-checked value no longer has attacker-chosen size.
 */
export function isLengthGuarded(model: FileModel, path: string, functionIndex: number | undefined, at: Span): boolean {
  const scopes = new Set(enclosingFunctions(model, functionIndex));
  return model.conditions.some((condition) => {
    if (!scopes.has(condition.functionIndex)) return false;
    if (spanContains(condition.consequentSpan, at)) return boundsLength(model, condition.test, path, true, 0);
    if (condition.alternateSpan && spanContains(condition.alternateSpan, at)) return boundsLength(model, condition.test, path, false, 0);
    return exitedBefore(condition, at) && boundsLength(model, condition.test, path, false, 0);
  });
}

/** `at` comes after the whole `if` (not inside it) and the true branch always leaves: `at` runs only when the test was false. */
export function exitedBefore(condition: Condition, at: Span): boolean {
  return condition.consequentExits && startsAtOrBefore(condition.span, at) && !spanContains(condition.span, at);
}

const ORDERING = new Set(['<', '<=', '>', '>=']);
const TOKEN_COUNTER_NAMES = new Set(TOKEN_COUNTERS);

/** Whether `test` being `outcome` implies that the length of `path` is below some bound. */
function boundsLength(model: FileModel, test: Expr, path: string, outcome: boolean, depth: number): boolean {
  if (depth > 8) return false;
  const e = unwrap(test);
  if (e.kind === 'binary') {
    if (['and', 'or', '&&', '||'].includes(e.op))
      return boundsLength(model, e.left, path, outcome, depth + 1) || boundsLength(model, e.right, path, outcome, depth + 1);
    if (!ORDERING.has(e.op)) return false;
    const leftIsLength = lengthOf(model, e.left, path, 0);
    const rightIsLength = !leftIsLength && lengthOf(model, e.right, path, 0);
    if (!leftIsLength && !rightIsLength) return false;
    // `len(x) < N` true, or `len(x) > N` false, both leave x short.
    const lengthBelow = e.op.startsWith('<') === leftIsLength;
    return lengthBelow === outcome;
  }
  if (e.kind === 'other' && (e.op === 'unary:!' || e.op === 'not' || e.op === 'unary:not'))
    return e.children.some((child) => boundsLength(model, child, path, !outcome, depth + 1));
  return false;
}

/** `len(path)`, `path.length`, `len(enc.encode(path))`, `countTokens(path)`. */
function lengthOf(model: FileModel, expr: Expr, path: string, depth: number): boolean {
  const e = unwrap(expr);
  if (e.kind === 'member' && (e.property === 'length' || e.property === 'size')) return lengthSubject(model, e.object, path, depth + 1);
  if (e.kind !== 'call') return false;
  const call = model.calls[e.callIndex];
  const name = call && calleeLastName(call);
  if (!call || !name) return false;
  if (name === 'len' || TOKEN_COUNTER_NAMES.has(name.toLowerCase())) return call.args.some((arg) => lengthSubject(model, arg.value, path, depth + 1));
  return false;
}

/** The value itself or a transformation of it (`text.strip()`, `enc.encode(text)`, `JSON.stringify(messages)`). */
function lengthSubject(model: FileModel, expr: Expr, path: string, depth: number): boolean {
  if (depth > 6) return false;
  const e = unwrap(expr);
  if (dottedPath(e) === path) return true;
  if (e.kind !== 'call') return false;
  const call = model.calls[e.callIndex];
  if (!call) return false;
  if (call.callee.kind === 'member' && lengthSubject(model, call.callee.object, path, depth + 1)) return true;
  return call.args.some((arg) => lengthSubject(model, arg.value, path, depth + 1));
}

function refersTo(expr: Expr, name: string, exact: boolean): boolean {
  const path = dottedPath(expr);
  return path === name || (!exact && path !== undefined && path.startsWith(name + '.'));
}
