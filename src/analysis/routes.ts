// Which functions are HTTP route handlers (or server actions), with method and path when they are written
// down. Used for severity (request paths cost more), request sources, and locating live-probe results.
import { calleeLastName, type Expr, type FileModel, type FunctionInfo } from './model.js';
import { JS_ROUTE_CALLS, NEXT_ROUTE_EXPORTS, PYTHON_ROUTE_DECORATORS } from '../knowledge/frameworks.js';
import { stringValue, unwrap } from './values.js';

export interface RouteHandler {
  functionIndex: number;
  framework: 'python-decorator' | 'js-router' | 'next-app' | 'next-pages' | 'server-action';
  method: string | undefined;
  /** URL path as declared (`/chat`, `/api/chat/[id]`); undefined when not written down. */
  path: string | undefined;
  line: number;
}

const routeCache = new WeakMap<FileModel, RouteHandler[]>();

export function findRouteHandlers(model: FileModel): RouteHandler[] {
  const cached = routeCache.get(model);
  if (cached) return cached;
  const routes: RouteHandler[] = [];
  const useServer = model.directives.includes('use server');
  const nextApp = nextAppRoutePath(model.path);
  const nextPages = nextPagesRoutePath(model.path);
  for (const fn of model.functions) {
    const route =
      (model.language === 'python' ? decoratedRoute(model, fn) : callbackRoute(model, fn)) ??
      (nextApp !== undefined && fn.exported && fn.name && NEXT_ROUTE_EXPORTS.includes(fn.name)
        ? { framework: 'next-app' as const, method: fn.name, path: nextApp }
        : undefined) ??
      (nextPages !== undefined && fn.exported && fn.parentIndex === undefined && (fn.name === 'handler' || fn.name === 'default' || fn.name === undefined)
        ? { framework: 'next-pages' as const, method: undefined, path: nextPages }
        : undefined) ??
      (useServer && fn.exported && fn.isAsync && fn.parentIndex === undefined
        ? { framework: 'server-action' as const, method: 'POST', path: undefined }
        : undefined);
    if (route) routes.push({ functionIndex: fn.index, line: fn.span.line, ...route });
  }
  routeCache.set(model, routes);
  return routes;
}

/** The route handler that contains function `index` (itself or an enclosing function). */
export function routeContaining(model: FileModel, index: number | undefined): RouteHandler | undefined {
  const routes = findRouteHandlers(model);
  let current = index;
  for (let depth = 0; current !== undefined && depth < 64; depth++) {
    const route = routes.find((r) => r.functionIndex === current);
    if (route) return route;
    current = model.functions[current]?.parentIndex;
  }
  return undefined;
}

function decoratedRoute(model: FileModel, fn: FunctionInfo): Omit<RouteHandler, 'functionIndex' | 'line'> | undefined {
  for (const decorator of fn.decorators) {
    const expr = unwrap(decorator);
    if (expr.kind !== 'call') continue;
    const call = model.calls[expr.callIndex];
    const path = call?.calleePath;
    const dot = path === undefined ? -1 : path.lastIndexOf('.');
    if (!call || dot === -1) continue;
    const verb = path!.slice(dot + 1);
    if (!PYTHON_ROUTE_DECORATORS.methods.includes(verb as never)) continue;
    const routePath = stringValue(call.args[PYTHON_ROUTE_DECORATORS.pathArgument]?.value);
    if (routePath === undefined || !routePath.startsWith('/')) continue;
    let method: string | undefined = verb === 'route' || verb === 'api_route' ? undefined : verb.toUpperCase();
    if (method === undefined) {
      const methods = call.args.find((a) => a.name === 'methods')?.value;
      const first = methods && unwrap(methods).kind === 'array' ? (unwrap(methods) as Extract<Expr, { kind: 'array' }>).elements[0] : undefined;
      method = stringValue(first)?.toUpperCase() ?? 'GET';
    }
    return { framework: 'python-decorator', method, path: routePath };
  }
  return undefined;
}

function callbackRoute(model: FileModel, fn: FunctionInfo): Omit<RouteHandler, 'functionIndex' | 'line'> | undefined {
  if (!fn.passedTo || fn.passedTo.property !== undefined) return undefined;
  const call = model.calls[fn.passedTo.callIndex];
  if (!call || fn.passedTo.position === JS_ROUTE_CALLS.pathArgument) return undefined;
  const verb = calleeLastName(call);
  if (!verb || !JS_ROUTE_CALLS.methods.includes(verb as never)) return undefined;
  // Chained `router.route('/chat').post(handler)` keeps the path on the inner call.
  let routePath = stringValue(call.args[JS_ROUTE_CALLS.pathArgument]?.value);
  if (routePath === undefined && call.callee.kind === 'member') {
    const inner = unwrap(call.callee.object);
    if (inner.kind === 'call') routePath = stringValue(model.calls[inner.callIndex]?.args[0]?.value);
  }
  if (routePath === undefined || !routePath.startsWith('/')) return undefined;
  return { framework: 'js-router', method: verb === 'route' || verb === 'all' ? undefined : verb.toUpperCase(), path: routePath };
}

/** `app/api/chat/route.ts` → `/api/chat`; route groups `(marketing)` vanish; `src/app` works too. */
export function nextAppRoutePath(filePath: string): string | undefined {
  const match = /(?:^|\/)app\/(.*?)\/?route\.(?:ts|js|mjs|tsx|jsx)$/.exec(filePath);
  if (!match) return undefined;
  const segments = (match[1] ?? '').split('/').filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'));
  return '/' + segments.join('/');
}

/** `pages/api/chat.ts` → `/api/chat`; `pages/api/chat/index.ts` → `/api/chat`. */
export function nextPagesRoutePath(filePath: string): string | undefined {
  const match = /(?:^|\/)pages\/(api\/.*)\.(?:ts|js|mjs|tsx|jsx)$/.exec(filePath);
  if (!match) return undefined;
  return '/' + match[1]!.replace(/\/index$/, '');
}
