// Where a value comes from the client: request objects of the web frameworks in knowledge/frameworks.ts,
// route-handler parameters, server-action arguments, argv and stdin. Follows local assignments,
// destructuring, string building and method calls on client data; stops at clamps (`min`, `Math.min`).
import type { Expr, FileModel, FunctionInfo, Span } from './model.js';
import {
  NON_DATA_ANNOTATIONS,
  PROCESS_SOURCES,
  PYTHON_GLOBAL_REQUESTS,
  REQUEST_DATA_MEMBERS,
  REQUEST_PARAMETER,
} from '../knowledge/frameworks.js';
import { findRouteHandlers } from './routes.js';
import { dottedPath, enclosingFunctions, exprSpanText, reachingAssignment, unwrap } from './values.js';

export interface SourceHit {
  kind: 'request' | 'process';
  /** Source text as written, e.g. `request.json['style']`. */
  description: string;
  span: Span;
}

/** Calls that bound a number: their result is no longer attacker-sized. */
const CLAMPS = new Set(['min', 'Math.min', 'clamp', 'lodash.clamp', '_.clamp']);
/** Calls whose result carries their argument through unchanged in kind. */
const PASS_THROUGH_CALLS = new Set(['int', 'float', 'str', 'Number', 'parseInt', 'parseFloat', 'String', 'list', 'dict', 'JSON.parse', 'json.loads', 'structuredClone']);

export function findClientSource(model: FileModel, expr: Expr, functionIndex: number | undefined, depth = 0): SourceHit | undefined {
  if (depth > 10) return undefined;
  const e = unwrap(expr);
  switch (e.kind) {
    case 'name': {
      const hit = parameterSource(model, e.name, functionIndex, e.span) ?? globalSource(model, e.name, e.span);
      if (hit) return hit;
      const assignment = reachingAssignment(model, e.name, e.span, functionIndex);
      if (!assignment || assignment.span.line === e.span.line && assignment.value === expr) return undefined;
      return findClientSource(model, assignment.value, assignment.functionIndex, depth + 1);
    }
    case 'member':
    case 'index': {
      const hit = requestMemberSource(model, e, functionIndex);
      if (hit) return hit;
      return findClientSource(model, e.object, functionIndex, depth + 1);
    }
    case 'call': {
      const call = model.calls[e.callIndex];
      if (!call) return undefined;
      const path = call.calleePath;
      if (path && CLAMPS.has(path)) return undefined;
      if (path === 'input' && model.language === 'python') return { kind: 'process', description: 'input()', span: e.span };
      if (path && PASS_THROUGH_CALLS.has(path)) {
        const first = call.args[0];
        return first ? findClientSource(model, first.value, functionIndex, depth + 1) : undefined;
      }
      // Methods on client data keep it client data: request.json.get('x'), body.model_dump(), req.json().
      if (call.callee.kind === 'member') {
        const hit = requestMemberSource(model, call.callee, functionIndex);
        if (hit) return { ...hit, description: exprSpanText(model, e.span), span: e.span };
        return findClientSource(model, call.callee.object, functionIndex, depth + 1);
      }
      return undefined;
    }
    case 'template':
      for (const part of e.parts) {
        if (typeof part === 'string') continue;
        const hit = findClientSource(model, part, functionIndex, depth + 1);
        if (hit) return hit;
      }
      return undefined;
    case 'binary':
      if (['+', 'or', '||', '??', 'and', '&&'].includes(e.op))
        return findClientSource(model, e.left, functionIndex, depth + 1) ?? findClientSource(model, e.right, functionIndex, depth + 1);
      return undefined;
    case 'other':
      if (e.op === 'conditional' || e.op === 'spread')
        for (const child of e.op === 'conditional' ? e.children.slice(1) : e.children) {
          const hit = findClientSource(model, child, functionIndex, depth + 1);
          if (hit) return hit;
        }
      return undefined;
    default:
      return undefined;
  }
}

/** `request.json`, `req.body.model`, `c.req.query('q')`, `sys.argv[1]`: a member chain rooted at a request. */
export function requestMemberSource(model: FileModel, expr: Expr, functionIndex: number | undefined): SourceHit | undefined {
  const chain: string[] = [];
  let current: Expr = expr;
  for (let depth = 0; depth < 32; depth++) {
    current = unwrap(current);
    if (current.kind === 'member') {
      chain.unshift(current.property);
      current = current.object;
    } else if (current.kind === 'index') {
      chain.unshift('[]');
      current = current.object;
    } else if (current.kind === 'call') {
      const call = model.calls[current.callIndex];
      if (!call || call.callee.kind !== 'member') return undefined;
      current = call.callee;
    } else break;
  }
  if (current.kind !== 'name') return undefined;
  const root = current.name;
  const dotted = [root, ...chain.filter((c) => c !== '[]')].join('.');
  for (const source of PROCESS_SOURCES)
    if (dotted === source.path || dotted.startsWith(source.path + '.'))
      return { kind: 'process', description: exprSpanText(model, expr.span), span: expr.span };

  const isRequestObject =
    isGlobalRequest(model, root) || isRequestParameter(model, root, functionIndex, current.span);
  if (isRequestObject) {
    // Hono: c.req.json(); the data member follows `req`.
    const members = chain[0] === 'req' ? chain.slice(1) : chain;
    if (members[0] && REQUEST_DATA_MEMBERS.includes(members[0]))
      return { kind: 'request', description: exprSpanText(model, expr.span), span: expr.span };
    return undefined;
  }
  const param = dataParameter(model, root, functionIndex);
  if (param) return { kind: 'request', description: exprSpanText(model, expr.span), span: expr.span };
  return undefined;
}

export function parameterSource(model: FileModel, name: string, functionIndex: number | undefined, span: Span): SourceHit | undefined {
  return dataParameter(model, name, functionIndex) ? { kind: 'request', description: name, span } : undefined;
}

function globalSource(model: FileModel, name: string, span: Span): SourceHit | undefined {
  const dotted = name;
  for (const source of PROCESS_SOURCES)
    if (source.path === dotted && source.path !== 'input') return { kind: 'process', description: name, span };
  return undefined;
}

function isGlobalRequest(model: FileModel, name: string): boolean {
  return model.imports.some((imp) => imp.local === name && PYTHON_GLOBAL_REQUESTS.some((g) => g.module === imp.module && g.name === imp.imported));
}

/** A request object parameter of the enclosing route handler (or any function, when named like one). */
function isRequestParameter(model: FileModel, name: string, functionIndex: number | undefined, at: Span): boolean {
  for (const index of enclosingFunctions(model, functionIndex)) {
    if (index === undefined) break;
    const fn = model.functions[index]!;
    const param = fn.params.find((p) => p.name === name && p.destructuredFrom === undefined);
    if (!param) continue;
    if (param.annotation && REQUEST_PARAMETER.annotations.test(param.annotation)) return true;
    if (REQUEST_PARAMETER.names.includes(name)) return true;
    if (REQUEST_PARAMETER.contextNames.includes(name) && isRoute(model, fn)) return true;
    // Express-style handlers: the first parameter of a router callback is the request.
    if (param.position === 0 && isRoute(model, fn) && model.language !== 'python') return true;
    return false;
  }
  void at;
  return false;
}

/**
 * A handler parameter that IS client data: FastAPI body/query parameters (`body: ChatRequest`, `q: str`),
 * server-action arguments, destructured request bodies in router callbacks.
 */
function dataParameter(model: FileModel, name: string, functionIndex: number | undefined): boolean {
  for (const index of enclosingFunctions(model, functionIndex)) {
    if (index === undefined) break;
    const fn = model.functions[index]!;
    const param = fn.params.find((p) => p.name === name);
    if (!param) continue;
    const route = findRouteHandlers(model).find((r) => r.functionIndex === fn.index);
    if (!route) return false;
    if (route.framework === 'server-action') return true;
    if (route.framework === 'python-decorator') {
      if (param.rest || param.name === 'self') return false;
      if (param.annotation && NON_DATA_ANNOTATIONS.test(param.annotation)) return false;
      if (param.defaultValue && /Depends|Security/.test(dottedPath(unwrap(param.defaultValue).kind === 'call' ? model.calls[(unwrap(param.defaultValue) as { callIndex: number }).callIndex]!.callee : param.defaultValue) ?? '')) return false;
      // Django-style `request` parameters are request objects, handled by isRequestParameter.
      if (REQUEST_PARAMETER.names.includes(name) && !param.annotation) return false;
      // FastAPI body/query parameters and Flask path parameters.
      return true;
    }
    return false;
  }
  return false;
}

export function isRoute(model: FileModel, fn: FunctionInfo): boolean {
  return findRouteHandlers(model).some((r) => r.functionIndex === fn.index);
}
