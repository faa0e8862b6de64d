// Guards that make a value safe on the path that follows them: comparison with a constant and allowlist
// membership (`if model not in ALLOWED: abort(400)`, `if (!ALLOWED.includes(model)) return`), or a
// branch that only runs when the check passed.
import type { Expr, FileModel, Span } from './model.js';
import { dottedPath, enclosingFunctions, unwrap } from './values.js';

const MEMBERSHIP_METHODS = new Set(['includes', 'has', 'indexOf', 'hasOwnProperty', 'contains']);

/** True when `name` is checked against a constant or an allowlist before `at` in an enclosing function. */
export function isGuarded(model: FileModel, name: string, functionIndex: number | undefined, at: Span): boolean {
  const scopes = new Set(enclosingFunctions(model, functionIndex));
  return model.conditions.some((condition) => {
    if (!scopes.has(condition.functionIndex)) return false;
    if (!mentionsCheck(model, condition.test, name)) return false;
    const insideConsequent = contains(condition.consequentSpan, at);
    const afterExit = condition.consequentExits && before(condition.span, at);
    return insideConsequent || afterExit;
  });
}

function mentionsCheck(model: FileModel, test: Expr, name: string, depth = 0): boolean {
  if (depth > 8) return false;
  const e = unwrap(test);
  if (e.kind === 'binary') {
    if (['==', '===', '!=', '!==', 'in', 'not in', 'is'].includes(e.op))
      return refersTo(e.left, name) || (e.op !== 'in' && e.op !== 'not in' && refersTo(e.right, name));
    if (['and', 'or', '&&', '||'].includes(e.op))
      return mentionsCheck(model, e.left, name, depth + 1) || mentionsCheck(model, e.right, name, depth + 1);
    return false;
  }
  if (e.kind === 'other' && (e.op.startsWith('unary:') || e.op === 'not'))
    return e.children.some((child) => mentionsCheck(model, child, name, depth + 1));
  if (e.kind === 'call') {
    const call = model.calls[e.callIndex];
    const method = call?.calleePath?.split('.').pop() ?? (call?.callee.kind === 'member' ? call.callee.property : undefined);
    if (call && method && MEMBERSHIP_METHODS.has(method)) return call.args.some((arg) => refersTo(arg.value, name));
  }
  return false;
}

function refersTo(expr: Expr, name: string): boolean {
  const path = dottedPath(expr);
  return path === name || (path !== undefined && path.startsWith(name + '.'));
}

function contains(outer: Span, inner: Span): boolean {
  return before(outer, inner) && (inner.endLine < outer.endLine || (inner.endLine === outer.endLine && inner.endColumn <= outer.endColumn));
}

function before(a: Span, b: Span): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}
