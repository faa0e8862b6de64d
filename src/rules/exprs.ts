// Expression walks shared by rules: every expression of a file (assignment values, call callees and
// arguments, returns, conditions), one expression's subtree, and the index expressions and object literals
// among them, collected once per file.
import type { Expr, FileModel, IndexExpr, ObjectExpr } from '../analysis/model.js';
import { forEachChildExpr } from '../analysis/model.js';

/** Every expression in the file: assignment values, call callees and arguments, returns, conditions. */
export function* allExprs(model: FileModel): Generator<{ expr: Expr; functionIndex: number | undefined }> {
  const roots: Array<ExprSite<Expr>> = [];
  forEachRoot(model, (expr, functionIndex) => roots.push({ expr, functionIndex }));
  for (const { expr, functionIndex } of roots) yield* walk(model, expr, functionIndex, false);
}

/** The expressions `allExprs` walks from, in its order: assignment values, call callees and arguments,
 * returns, conditions. */
function forEachRoot(model: FileModel, visit: (root: Expr, functionIndex: number | undefined) => void): void {
  for (const a of model.assignments) visit(a.value, a.functionIndex);
  for (const call of model.calls) {
    visit(call.callee, call.functionIndex);
    for (const arg of call.args) visit(arg.value, call.functionIndex);
  }
  for (const r of model.returns) if (r.value) visit(r.value, r.functionIndex);
  for (const c of model.conditions) visit(c.test, c.functionIndex);
}

export interface ExprSite<E extends Expr> {
  expr: E;
  functionIndex: number | undefined;
}

interface LookupSites {
  index: Array<ExprSite<IndexExpr>>;
  object: Array<ExprSite<ObjectExpr>>;
}

const fileLookupSites = new WeakMap<FileModel, LookupSites>();

/** The index expressions (`map[key]`) or object literals among `allExprs`, in the same order. Collected in one
 * walk per file and shared by the rules that look for them. */
export function exprsOfKind<K extends keyof LookupSites>(model: FileModel, kind: K): LookupSites[K] {
  let sites = fileLookupSites.get(model);
  if (!sites) {
    const collected: LookupSites = { index: [], object: [] };
    forEachRoot(model, (root, functionIndex) => collectSites(root, functionIndex, collected));
    fileLookupSites.set(model, (sites = collected));
  }
  return sites[kind];
}

/** `walk(model, root, functionIndex, false)` keeping index and object expressions: same order, depth limit
 * and budget, without a generator or an object per visited expression. */
function collectSites(root: Expr, functionIndex: number | undefined, sites: LookupSites): void {
  const exprs: Expr[] = [root];
  const depths: number[] = [0];
  let next = 0;
  const push = (child: Expr | undefined): void => {
    if (child) {
      exprs.push(child);
      depths.push(next);
    }
  };
  let budget = 10_000;
  while (exprs.length > 0 && budget-- > 0) {
    const expr = exprs.pop()!;
    const depth = depths.pop()!;
    if (expr.kind === 'index') sites.index.push({ expr, functionIndex });
    else if (expr.kind === 'object') sites.object.push({ expr, functionIndex });
    if (depth > 64) continue;
    next = depth + 1;
    forEachChildExpr(expr, push);
  }
}

/** Pre-order walk of one expression. Calls are roots of their own in `allExprs`; `intoCalls` follows them
 * when one expression must be searched completely. */
export function* walk(
  model: FileModel,
  root: Expr,
  functionIndex: number | undefined,
  intoCalls: boolean,
): Generator<{ expr: Expr; functionIndex: number | undefined }> {
  const stack: Array<{ expr: Expr; depth: number }> = [{ expr: root, depth: 0 }];
  let budget = 10_000;
  while (stack.length > 0 && budget-- > 0) {
    const { expr, depth } = stack.pop()!;
    yield { expr, functionIndex };
    if (depth > 64) continue;
    const push = (child: Expr | undefined): void => {
      if (child) stack.push({ expr: child, depth: depth + 1 });
    };
    if (expr.kind === 'call') {
      if (intoCalls) {
        const call = model.calls[expr.callIndex];
        push(call?.callee);
        for (const arg of call?.args ?? []) push(arg.value);
      }
    } else forEachChildExpr(expr, push);
  }
}
