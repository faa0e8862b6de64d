import help from '../../docs/rules/cost-no-rate-limit.md?raw';
import { llmReach, type ReachedCall } from '../analysis/callgraph.js';
import type { Call, Expr, FileModel, FunctionInfo, Span } from '../analysis/model.js';
import { calleeLastName, calleePathOrMethod, spanContains } from '../analysis/model.js';
import { promptCalls } from '../analysis/prompts.js';
import { findRouteHandlers, type RouteHandler } from '../analysis/routes.js';
import { codeText, dottedPath, importedName, resolveValue, writtenPath } from '../analysis/values.js';
import {
  APP_FACTORIES,
  AUTH_SIGNALS,
  DEFAULT_LIMIT_KEYWORDS,
  LIMITED_RESPONSE,
  LIMITER_DECORATOR_METHODS,
  LIMITER_FIXES,
  LIMITER_LIBRARIES,
  LIMITER_MIDDLEWARE,
  isLimiterName,
  MIDDLEWARE_MOUNTS,
  type LimiterLibrary,
} from '../knowledge/rate-limits.js';
import { restOfLine } from './spans.js';
import type { CodeContext, Rule } from './types.js';

/**
 * Audit: routes that call a model with no rate limit in sight. Only files that show the whole request pipeline
 * are checked: a file that creates the Flask/FastAPI/Express/Hono/Fastify app (its middleware is mounted there).
 * A router or blueprint file may be mounted behind a limiter elsewhere, so it is skipped; a Next.js route file or
 * server action may sit behind middleware.ts, so there only routes without an auth check are reported.
 */
export const rule: Rule = {
  meta: {
    id: 'cost-no-rate-limit',
    family: 'cost',
    title: 'LLM route without rate limiting',
    description:
      'A route handler calls an LLM, and the file that declares it shows no rate limiter (none imported and applied, no limiter middleware on the route, no limit check in the handler): one client can run up the model bill (denial of wallet).',
    severity: 'low',
    cwe: ['CWE-770', 'CWE-799'],
    owasp: ['LLM10:2025'],
    precision: 'medium',
    help,
  },
  checkCode(ctx) {
    const { model } = ctx;
    const routes = findRouteHandlers(model);
    if (routes.length === 0) return;
    const calls = promptCalls(model, ctx.llm);
    if (calls.length === 0) return;
    const app = appFactory(model);
    const checked = routes.filter((r) => !isAppRoute(r) || app !== undefined);
    if (checked.length === 0) return;
    const reach = llmReach(model, calls.map((c) => ({ call: c.call, api: c.api })));
    if (!checked.some((r) => reach.has(r.functionIndex))) return;
    if (fileLimited(model)) return;
    const fileAuth = mountedAuth(model);
    const unlimited: Unlimited[] = [];
    let someRouteLimited = false;
    for (const route of checked) {
      const reached = reach.get(route.functionIndex);
      if (!reached) continue;
      const fn = model.functions[route.functionIndex]!;
      const scope = routeScope(model, fn);
      if (routeLimited(model, fn, scope)) {
        someRouteLimited ||= isAppRoute(route);
        continue;
      }
      unlimited.push({ route, fn, reached, authed: fileAuth || routeAuthed(model, fn, scope) });
    }
    // An app with no limiter at all: one finding where the app is created, which is where the fix goes.
    const appRoutes = unlimited.filter((u) => isAppRoute(u.route));
    if (app && appRoutes.length > 0 && !someRouteLimited) {
      ctx.report({
        span: app.call.span,
        severity: appRoutes.every((u) => u.authed) ? 'low' : 'medium',
        message: appMessage(app.framework, appRoutes, suggestion(model, appRoutes[0]!.route, app.framework, 'app')),
      });
    } else {
      // Some routes are limited: each one that is not is a forgotten limiter.
      for (const u of appRoutes) reportRoute(ctx, u, suggestion(model, u.route, app?.framework));
    }
    // A Next.js route file is not the whole pipeline: middleware.ts or the platform firewall may limit it.
    // Only public (unauthenticated) ones are reported there.
    for (const u of unlimited) if (!isAppRoute(u.route) && !u.authed) reportRoute(ctx, u, suggestion(model, u.route, undefined));
  },
};

interface Unlimited {
  route: RouteHandler;
  fn: FunctionInfo;
  reached: ReachedCall;
  authed: boolean;
}

/** Routes declared on an app or router object (decorators, `app.post(...)`), as opposed to Next.js files. */
function isAppRoute(route: RouteHandler): boolean {
  return route.framework === 'python-decorator' || route.framework === 'js-router';
}

function reportRoute(ctx: CodeContext, u: Unlimited, fix: string): void {
  ctx.report({ span: headerSpan(ctx.model, u.fn), severity: u.authed ? 'low' : 'medium', message: message(u.route, u.fn, u.reached, u.authed, fix) });
}

// ---- The file -----------------------------------------------------------------------------------------

/** The app this file creates (`app = Flask(__name__)`, `const app = express()`), if any. */
function appFactory(model: FileModel): { framework: string; call: Call } | undefined {
  const language = model.language === 'python' ? 'python' : 'js';
  for (const call of model.calls) {
    const target = importedName(model, call.callee);
    if (!target) continue;
    const factory = APP_FACTORIES.find(
      (f) => f.language === language && (target.module === f.module || (language === 'python' && target.module.startsWith(f.module + '.'))) && target.name === f.name,
    );
    if (factory) return { framework: factory.framework, call };
  }
  return undefined;
}

function libraryOf(model: FileModel, module: string): LimiterLibrary | undefined {
  const language = model.language === 'python' ? 'python' : 'js';
  return LIMITER_LIBRARIES.find((l) => l.language === language && l.modules.some((m) => module === m || module.startsWith(m + (language === 'python' ? '.' : '/'))));
}

/** A limiter that covers every route of the file: a `file`-scope library imported and used, default limits
 * of a decorator-style one, or limiter middleware mounted on the app. */
function fileLimited(model: FileModel): boolean {
  for (const imp of model.imports) {
    if (imp.typeOnly) continue;
    const library = libraryOf(model, imp.module);
    if (!library) continue;
    if (library.scope === 'file' && model.calls.some((c) => uses(c, imp.local))) return true;
    if (library.scope === 'decorator') {
      if (LIMITER_MIDDLEWARE.includes(imp.imported) && model.calls.some((c) => uses(c, imp.local))) return true;
      const constructors = model.calls.filter((c) => headOf(c.calleePath) === imp.local);
      if (constructors.some((c) => c.args.some((a) => a.name !== undefined && DEFAULT_LIMIT_KEYWORDS.includes(a.name)))) return true;
    }
  }
  return model.calls.some((call) => isMount(call) && call.args.some((a) => !a.spread && isLimiterValue(model, a.value, call.functionIndex)));
}

/** Auth middleware mounted on the whole app: `app.use(clerkMiddleware())`, `app.use('/api', requireAuth)`. */
function mountedAuth(model: FileModel): boolean {
  return model.calls.some(
    (call) =>
      isMount(call) &&
      call.args.some((a) => {
        const path = writtenPath(model, a.value);
        return path !== undefined && AUTH_SIGNALS.middlewareName.test(path);
      }),
  );
}

function isMount(call: Call): boolean {
  return call.callee.kind === 'member' && MIDDLEWARE_MOUNTS.includes(call.callee.property);
}

/** The call names `local` as its callee head or passes it as an argument. */
function uses(call: Call, local: string): boolean {
  return headOf(call.calleePath) === local || call.args.some((a) => headOf(dottedPath(a.value)) === local);
}

function headOf(path: string | undefined): string | undefined {
  return path?.split('.')[0];
}

/** A limiter passed as middleware: named like one, or made by a limiter library (`const chat = rateLimit({...})`). */
function isLimiterValue(model: FileModel, expr: Expr, functionIndex: number | undefined): boolean {
  const path = writtenPath(model, expr);
  if (path !== undefined && isLimiterName(path)) return true;
  const resolved = resolveValue(model, expr, functionIndex);
  if (resolved.kind !== 'call') return false;
  const call = model.calls[resolved.callIndex];
  const target = call && importedName(model, call.callee);
  return !!target && libraryOf(model, target.module) !== undefined;
}

// ---- One route ----------------------------------------------------------------------------------------

/** Where a route's own limiter or auth check can be: its decorators, its registration call (other
 * middleware), and the handler itself. */
interface RouteScope {
  spans: Span[];
  /** Middleware arguments of `app.post('/chat', limiter, handler)`. */
  middleware: Expr[];
  /** The calls inside `spans`, listed on first use (both the limit and the auth check read them). */
  calls?: Call[];
}

function routeScope(model: FileModel, fn: FunctionInfo): RouteScope {
  const spans = [fn.span, ...fn.decorators.map((d) => d.span)];
  const middleware: Expr[] = [];
  if (fn.passedTo && fn.passedTo.property === undefined) {
    const registration = model.calls[fn.passedTo.callIndex];
    registration?.args.forEach((arg, i) => {
      if (i !== fn.passedTo!.position && i !== 0 && !arg.spread) {
        middleware.push(arg.value);
        spans.push(arg.span);
      }
    });
  }
  return { spans, middleware };
}

function callsIn(model: FileModel, scope: RouteScope): Call[] {
  return (scope.calls ??= model.calls.filter((c) => scope.spans.some((s) => spanContains(s, c.span))));
}

function routeLimited(model: FileModel, fn: FunctionInfo, scope: RouteScope): boolean {
  if (scope.middleware.some((m) => isLimiterValue(model, m, fn.parentIndex))) return true;
  for (const call of callsIn(model, scope)) {
    const path = calleePathOrMethod(call);
    if (path !== undefined && isLimiterName(path)) return true;
    const last = calleeLastName(call);
    if (last !== undefined && LIMITER_DECORATOR_METHODS.includes(last) && fn.decorators.some((d) => spanContains(d.span, call.span))) return true;
    const target = importedName(model, call.callee);
    if (target && libraryOf(model, target.module)) return true;
  }
  for (const decorator of fn.decorators) {
    const path = dottedPath(decorator);
    if (path !== undefined && isLimiterName(path)) return true;
  }
  return LIMITED_RESPONSE.test(codeText(model, fn.span));
}

const AUTH_CALL_NAMES: ReadonlySet<string> = new Set(AUTH_SIGNALS.callNames);

function routeAuthed(model: FileModel, fn: FunctionInfo, scope: RouteScope): boolean {
  for (const call of callsIn(model, scope)) {
    const last = calleeLastName(call);
    if (last && AUTH_CALL_NAMES.has(last)) return true;
    // FastAPI: `user: User = Depends(get_current_user)`, `dependencies=[Security(api_key_header)]`.
    if (last !== undefined && AUTH_SIGNALS.dependencyCalls.includes(last) && call.args.some((a) => AUTH_SIGNALS.dependencyName.test(dottedPath(a.value) ?? '')))
      return true;
  }
  for (const decorator of fn.decorators) {
    const last = dottedPath(decorator)?.split('.').pop();
    if (last && AUTH_CALL_NAMES.has(last)) return true;
  }
  for (const middleware of scope.middleware) {
    const path = writtenPath(model, middleware);
    if (path !== undefined && AUTH_SIGNALS.middlewareName.test(path)) return true;
  }
  return AUTH_SIGNALS.reads.test(codeText(model, fn.span));
}

// ---- Reporting ----------------------------------------------------------------------------------------

/** The top line of the handler's definition: its first decorator (the route declaration) or its header. */
function headerSpan(model: FileModel, fn: FunctionInfo): Span {
  const first = fn.decorators.reduce<Span>((top, d) => (d.span.line < top.line ? d.span : top), fn.span);
  return restOfLine(model, first.line, first.column);
}

function describeRoute(route: RouteHandler, fn: FunctionInfo): string {
  if (route.framework === 'server-action') return `Server action ${fn.name ?? ''}()`.replace(' ()', '');
  const method = route.method ?? 'ANY';
  return route.path !== undefined ? `${method} ${route.path}` : `Route handler ${fn.name ?? ''}`.trim();
}

/** How to add a limit, for the whole app (`scope: 'app'`) or for one route. */
function suggestion(model: FileModel, route: RouteHandler, framework: string | undefined, scope: 'app' | 'route' = 'route'): string {
  // A decorator-style limiter is set up, but this route has no decorator.
  const configured = model.imports.map((i) => libraryOf(model, i.module)).find((l) => l?.scope === 'decorator');
  if (configured && scope === 'route') return `the ${configured.package} limit this file already sets up to this route (${configured.recognised.split(' on the ')[0]})`;
  if (!isAppRoute(route))
    return 'a per-user or per-IP limit in the handler (`const { success } = await ratelimit.limit(ip)` with @upstash/ratelimit, answering 429)';
  const fix = framework !== undefined ? LIMITER_FIXES[framework] : undefined;
  if (fix) return fix[scope];
  return model.language === 'python' ? 'a per-user or per-IP limiter on the route' : 'a per-user or per-IP rate-limit middleware';
}

const LISTED_ROUTES = 5;

function appMessage(framework: string, routes: Unlimited[], fix: string): string {
  const listed = routes
    .slice(0, LISTED_ROUTES)
    .map((u) => `${describeRoute(u.route, u.fn)} (line ${u.fn.span.line})`)
    .join(', ');
  const more = routes.length > LISTED_ROUTES ? ` and ${routes.length - LISTED_ROUTES} more` : '';
  const open = routes.filter((u) => !u.authed).length;
  const exposure =
    open === 0
      ? ''
      : routes.length === 1
        ? '; it has no authentication check either, so anyone who finds the URL can do it'
        : open === routes.length
          ? '; none of them checks who is calling, so anyone who finds the URL can do it'
          : `; ${open} of them check no authentication either`;
  const count = routes.length === 1 ? 'a route that calls an LLM' : `${routes.length} routes that call an LLM`;
  return `This ${framework} app serves ${count} (${listed}${more}) and sets up no rate limiter: one caller can send requests as fast as they like and run up the model bill (denial of wallet)${exposure}. Add ${fix}.`;
}

function message(route: RouteHandler, fn: FunctionInfo, reached: ReachedCall, authed: boolean, fix: string): string {
  const exposure = authed ? '' : '; the route has no authentication check either, so anyone who finds the URL can do it';
  return `${describeRoute(route, fn)} calls ${reached.api} (line ${reached.call.span.line}) and no rate limit applies to it in this file: one caller can send requests as fast as they like and run up the model bill (denial of wallet)${exposure}. Add ${fix}.`;
}
