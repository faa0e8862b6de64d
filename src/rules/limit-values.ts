// Shared by the cost-* rules that read a limit (a retry count, a step cap): a number, or one of the spellings
// of "no limit" in code (knowledge/agent-loops.ts UNLIMITED_NAMES).
import type { Expr, FileModel } from '../analysis/model.js';
import { dottedPath, numberValue, resolveValue, stringValue } from '../analysis/values.js';
import { UNLIMITED_NAMES } from '../knowledge/agent-loops.js';

const INFINITY_NAMES = new Set(UNLIMITED_NAMES.infinity);
const LARGEST_NAMES = new Set(UNLIMITED_NAMES.largest);
/** `float("inf")`, `float("+Infinity")`. */
const FLOAT_INFINITY = /^\s*[+]?inf(inity)?\s*$/i;

/** The number `value` (already resolved) stands for: infinity for its spellings, MAX_SAFE_INTEGER for "the
 * largest number". */
export function limitValue(model: FileModel, value: Expr): number | undefined {
  const direct = numberValue(value);
  if (direct !== undefined) return direct;
  const path = dottedPath(value);
  if (path && INFINITY_NAMES.has(path)) return Infinity;
  if (path && LARGEST_NAMES.has(path)) return Number.MAX_SAFE_INTEGER;
  if (value.kind === 'call') {
    const call = model.calls[value.callIndex];
    const arg = call?.args[0];
    if (call?.calleePath === 'float' && arg && FLOAT_INFINITY.test(stringValue(arg.value) ?? '')) return Infinity;
  }
  return undefined;
}

/** The number `expr` stands for once resolved to its local constant (`limitValue` of the resolved value). */
export function resolvedLimit(model: FileModel, expr: Expr, functionIndex: number | undefined): number | undefined {
  return limitValue(model, resolveValue(model, expr, functionIndex));
}
