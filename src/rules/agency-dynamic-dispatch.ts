// agency-dynamic-dispatch: a name the model chose (a tool_use block's `.name`, `tool_call.function.name`, a
// tool argument) selects what code runs. Reflection (`getattr(module, name)`, `globals()[name]`,
// `importlib.import_module(name)`, `this[name](…)`, `require(name)`) reaches every attribute, global or module:
// high. A lookup in a handler map that is then called, with no membership check in the function: low (an
// unknown name raises, or reaches inherited properties of a JS object). A membership or equality check on the
// name, a schema, or a fixed literal prefix (`getattr(self, f"tool_{name}")`) bounds the choice.
import help from '../../docs/rules/agency-dynamic-dispatch.md?raw';
import type { Call, Expr, FileModel, IndexExpr, Span } from '../analysis/model.js';
import { nthPositional } from '../analysis/model.js';
import { flowMessage, flowSteps, taintAnalysis, type Trace } from '../analysis/taint.js';
import { dottedPath, enclosingFunctions, exprSpanText, resolveValue, unwrap } from '../analysis/values.js';
import type { Severity } from '../core/types.js';
import {
  JS_LOADER_CALLS,
  JS_REFLECTION_RECEIVERS,
  MEMBERSHIP_CALLS,
  PYTHON_NAMESPACE_CALLS,
  PYTHON_NAMESPACE_MEMBERS,
  PYTHON_REFLECTION_CALLS,
  TOOL_RUN_METHODS,
} from '../knowledge/agency.js';
import type { SanitizerKind } from '../knowledge/taint.js';
import { importedSymbol } from './agency-dangerous-capability.js';
import { exprsOfKind } from './exprs.js';
import type { Rule } from './types.js';

/** What bounds a model-chosen name to known values. */
const BOUNDED_BY: SanitizerKind[] = ['allowlist', 'schema', 'cast'];
const RUN_METHODS = new Set(TOOL_RUN_METHODS);

export const rule: Rule = {
  meta: {
    id: 'agency-dynamic-dispatch',
    family: 'agency',
    title: 'Model-chosen name selects the function to run',
    description:
      'The name of a tool call (or other model output) picks a function through reflection (getattr, globals(), import_module, this[name], require) or through a handler map with no membership check: the model, and whoever steers it, can reach code that was never meant to be a tool.',
    severity: 'high',
    cwe: ['CWE-470'],
    owasp: ['LLM06:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    const taint = taintAnalysis(ctx.model, ctx.llm, ctx.config);
    const chosen = (expr: Expr, fn: number | undefined): Trace | undefined => {
      if (hasLiteralPrefix(expr)) return undefined;
      return taint.tracesOf(expr, fn).find((t) => (t.label === 'llm' || t.label === 'tool') && !t.sanitizers.some((s) => BOUNDED_BY.includes(s)));
    };
    const report = (span: Span, key: Expr, trace: Trace, severity: Severity, sink: string, why: string, fix: string) => {
      const keyText = exprSpanText(ctx.model, key.span, 60);
      ctx.report({
        span,
        severity,
        message: `${flowMessage(trace, sink, span.line)}: the model picks ${keyText} and with it the code that runs; ${why}. ${fix}`,
        flow: flowSteps(ctx.path, trace, span, `${keyText} selects the function`),
      });
    };
    const reflectionFix = 'Dispatch through an explicit registry of tools, check the name against it, and validate the arguments per tool.';

    // Reflection calls: getattr / import_module / require / import().
    for (const call of ctx.model.calls) {
      const reflection = reflectionCall(ctx.model, call);
      if (!reflection) continue;
      const arg = nthPositional(call, reflection.argument);
      if (!arg) continue;
      const trace = chosen(arg.value, call.functionIndex);
      if (trace) report(call.span, arg.value, trace, 'high', `the name passed to ${call.calleePath}()`, reflection.what, reflectionFix);
    }

    // Index lookups: namespaces and `this[...]` are reflection; handler maps count when called unchecked.
    const reported = new Set<Expr>();
    const calledLookups = calledExpressions(ctx.model);
    // Only a called lookup or a Python namespace lookup can be reported: without either, skip the walk.
    if (calledLookups.size === 0 && !mayHaveNamespaceLookup(ctx.model)) return;
    for (const { expr, functionIndex } of exprsOfKind(ctx.model, 'index')) {
      if (reported.has(expr)) continue;
      const namespace = namespaceOf(ctx.model, expr);
      const called = namespace?.needsCall === false || calledLookups.has(expr);
      if (!called) continue;
      const trace = chosen(expr.index, functionIndex);
      if (!trace) continue;
      reported.add(expr);
      if (namespace) {
        report(expr.span, expr.index, trace, 'high', `the key of ${namespace.target}[…]`, namespace.what, reflectionFix);
        continue;
      }
      if (hasMembershipCheck(ctx.model, expr.index, functionIndex)) continue;
      const map = dottedPath(expr.object) ?? 'the handler map';
      const consequence =
        ctx.model.language === 'python'
          ? 'an unknown name raises KeyError mid-conversation'
          : 'an unknown name is undefined, and names like "constructor" or "__proto__" reach inherited properties';
      report(
        expr.span,
        expr.index,
        trace,
        'low',
        `the key of ${map}[…]`,
        `nothing in the function checks the name, so ${consequence}`,
        `Check the name first (\`name in ${map}\`${ctx.model.language === 'python' ? '' : `, Object.hasOwn(${map}, name) or a Map`}) and answer unknown tools with an error result.`,
      );
    }
  },
};

/** The last parts of the Python reflection callees (`import_module` of `importlib.import_module`). */
const PYTHON_REFLECTION_NAMES = new Set(PYTHON_REFLECTION_CALLS.map((r) => lastPart(r.callee)));

function lastPart(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/** Per file, whether an import brings in a reflection function under another name (`from importlib import
 * import_module as load`): only then can a bare callee that is not a reflection name be one. */
const fileImportsReflectionName = new WeakMap<FileModel, boolean>();

function importsReflectionName(model: FileModel): boolean {
  let found = fileImportsReflectionName.get(model);
  if (found === undefined) {
    found = model.imports.some((imp) => PYTHON_REFLECTION_NAMES.has(lastPart(imp.imported)));
    fileImportsReflectionName.set(model, found);
  }
  return found;
}

function reflectionCall(model: FileModel, call: Call): { argument: number; what: string } | undefined {
  const path = call.calleePath;
  if (!path) return undefined;
  if (model.language === 'python') {
    // The qualified name ends like the callee path, or, for a bare name, like the imported name it binds.
    if (!PYTHON_REFLECTION_NAMES.has(lastPart(path)) && (path.includes('.') || !importsReflectionName(model))) return undefined;
    const symbol = importedSymbol(model, call.callee);
    const qualified = symbol ? `${symbol.module}.${symbol.name}` : path;
    return PYTHON_REFLECTION_CALLS.find((r) => r.callee === path || r.callee === qualified);
  }
  if (JS_LOADER_CALLS.includes(path)) return { argument: 0, what: `${path}() loads any module the process can resolve` };
  return undefined;
}

/** `globals()[name]`, `vars(mod)[name]`, `mod.__dict__[name]` (reflection, called or not); `this[name](…)`. */
function namespaceOf(model: FileModel, expr: IndexExpr): { target: string; what: string; needsCall: boolean } | undefined {
  const object = unwrap(expr.object);
  if (model.language === 'python') {
    if (object.kind === 'call') {
      const path = model.calls[object.callIndex]?.calleePath;
      if (path && PYTHON_NAMESPACE_CALLS.includes(path)) return { target: `${path}()`, what: `${path}() holds every name in that namespace`, needsCall: false };
    }
    if (object.kind === 'member' && PYTHON_NAMESPACE_MEMBERS.includes(object.property))
      return { target: exprSpanText(model, object.span, 40), what: `${object.property} holds every attribute of the object`, needsCall: false };
    return undefined;
  }
  const path = dottedPath(object);
  if (path && JS_REFLECTION_RECEIVERS.includes(path))
    return { target: path, what: `${path} holds every ${path === 'this' ? 'method and property of the object' : 'global'}, not only tools`, needsCall: true };
  return undefined;
}

/** Whether `namespaceOf` can find a lookup that needs no call (Python `globals()[name]`, `obj.__dict__[name]`):
 * a call of a namespace function, or a namespace member, which Python spells out as an identifier (the model's
 * member property is its source text). */
function mayHaveNamespaceLookup(model: FileModel): boolean {
  if (model.language !== 'python') return false;
  return (
    model.calls.some((call) => call.calleePath !== undefined && PYTHON_NAMESPACE_CALLS.includes(call.calleePath)) ||
    PYTHON_NAMESPACE_MEMBERS.some((member) => model.source.includes(member))
  );
}

/** Lookups whose result runs: `map[k](…)`, `map[k].invoke(…)`, or `fn = map[k]` followed by `fn(…)`. Only
 * index expressions are asked about, so only they are collected. */
function calledExpressions(model: FileModel): Set<Expr> {
  const called = new Set<Expr>();
  const lookupAssignments = model.assignments.filter((a) => unwrap(a.value).kind === 'index');
  // A callee names an assigned lookup only if its path ends like the assignment's target: the last part of
  // the callee is checked against these endings before its whole path is built.
  const targetEndings = new Set<string>();
  for (const { target } of lookupAssignments) {
    targetEndings.add(target);
    for (let dot = target.indexOf('.'); dot !== -1; dot = target.indexOf('.', dot + 1)) targetEndings.add(target.slice(dot + 1));
  }
  const calledNames = new Set<string>();
  for (const call of model.calls) {
    const callee = unwrap(call.callee);
    const target = callee.kind === 'member' && RUN_METHODS.has(callee.property) ? unwrap(callee.object) : callee;
    if (callee.kind === 'index') called.add(callee);
    if (target.kind === 'index') called.add(target);
    const last = lastPathPart(target);
    if (last === undefined || !targetEndings.has(last)) continue;
    const name = dottedPath(target);
    if (name !== undefined) calledNames.add(`${call.functionIndex}:${name}`);
  }
  for (const assignment of lookupAssignments)
    if (calledNames.has(`${assignment.functionIndex}:${assignment.target}`)) called.add(unwrap(assignment.value));
  return called;
}

/** The last part of `dottedPath(expr)` when it has one (`expr` unwrapped). */
function lastPathPart(expr: Expr): string | undefined {
  if (expr.kind === 'name') return expr.name;
  if (expr.kind === 'member') return expr.property;
  if (expr.kind === 'index' && expr.index.kind === 'string') return expr.index.value;
  return undefined;
}

/** `f"tool_{name}"`, `'handle_' + name`: only names with the fixed prefix are reachable. */
function hasLiteralPrefix(expr: Expr): boolean {
  const e = unwrap(expr);
  if (e.kind !== 'template') return false;
  const first = e.parts[0];
  return typeof first === 'string' && first.length > 0;
}

/** A condition in the function (or an enclosing one) that tests the key: `in`, equality, `.has()`, `Object.hasOwn`. */
function hasMembershipCheck(model: FileModel, key: Expr, functionIndex: number | undefined): boolean {
  const keys = keyPaths(model, key, functionIndex);
  if (keys.size === 0) return false;
  const scopes = new Set(enclosingFunctions(model, functionIndex));
  return model.conditions.some((c) => scopes.has(c.functionIndex) && testsKey(model, c.test, keys, 0));
}

/** Dotted paths naming the key, and what a local name was assigned from (`name = block.name`). */
function keyPaths(model: FileModel, key: Expr, functionIndex: number | undefined): Set<string> {
  const paths = new Set<string>();
  const direct = dottedPath(key);
  if (direct) paths.add(direct);
  const resolved = dottedPath(resolveValue(model, key, functionIndex));
  if (resolved) paths.add(resolved);
  return paths;
}

function testsKey(model: FileModel, test: Expr, keys: Set<string>, depth: number): boolean {
  if (depth > 8) return false;
  const e = unwrap(test);
  const isKey = (x: Expr | undefined) => {
    const path = x ? dottedPath(x) : undefined;
    return path !== undefined && keys.has(path);
  };
  switch (e.kind) {
    case 'binary':
      if (['in', 'not in', '==', '===', '!=', '!==', 'is'].includes(e.op) && (isKey(e.left) || (e.op !== 'in' && e.op !== 'not in' && isKey(e.right)))) return true;
      return testsKey(model, e.left, keys, depth + 1) || testsKey(model, e.right, keys, depth + 1);
    case 'other':
      return e.children.some((child) => testsKey(model, child, keys, depth + 1));
    case 'call': {
      const call = model.calls[e.callIndex];
      if (!call) return false;
      const method = call.callee.kind === 'member' ? call.callee.property : undefined;
      const known = (method !== undefined && MEMBERSHIP_CALLS.methods.includes(method)) || (call.calleePath !== undefined && MEMBERSHIP_CALLS.functions.includes(call.calleePath));
      // A predicate of the project's own in a condition (`isHandlerName(name)`, `is_known_tool(name)`) checks it too.
      const predicate = call.calleePath !== undefined && !call.calleePath.includes('.');
      return (known || predicate) && call.args.some((a) => isKey(a.value));
    }
    case 'index':
      // `if (handlers[name])`, `typeof handlers[name] === 'function'`.
      return isKey(e.index) || testsKey(model, e.object, keys, depth + 1);
    case 'member':
      return testsKey(model, e.object, keys, depth + 1);
    default:
      return false;
  }
}
