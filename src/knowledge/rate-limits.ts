// Rate limiters, web-app entry points and authentication signals as data, for cost-no-rate-limit.
// Sources: ../shared/reference/static-rules.md (b) C4; the libraries' READMEs for how each is applied.

export type Language = 'python' | 'js';

export interface LimiterLibrary {
  /** Package name as installed. */
  package: string;
  language: Language;
  /** Import specifiers that bring it in (Python: the module or a submodule of it). */
  modules: string[];
  /**
   * How it limits routes:
   * - `file`: created and mounted (`app.use(limiter)`, `fastify.register(rateLimit)`) or called in a handler
   *   (`await ratelimit.limit(ip)`): imported and used anywhere in the file, it counts for every route there.
   * - `decorator`: per route (`@limiter.limit("5/minute")`, `@ratelimit(rate="5/m")`); it counts for the whole
   *   file only with default limits (`default_limits=[…]`) or its middleware installed.
   */
  scope: 'file' | 'decorator';
  /** How the docs say it is recognised. */
  recognised: string;
}

export const LIMITER_LIBRARIES: LimiterLibrary[] = [
  { package: 'express-rate-limit', language: 'js', modules: ['express-rate-limit'], scope: 'file', recognised: '`rateLimit({...})` mounted with `app.use(limiter)` or passed to the route' },
  { package: 'express-slow-down', language: 'js', modules: ['express-slow-down'], scope: 'file', recognised: '`slowDown({...})` mounted as middleware' },
  { package: 'rate-limiter-flexible', language: 'js', modules: ['rate-limiter-flexible'], scope: 'file', recognised: '`new RateLimiterMemory/Redis(...)` and `limiter.consume(key)`' },
  { package: '@upstash/ratelimit', language: 'js', modules: ['@upstash/ratelimit'], scope: 'file', recognised: '`new Ratelimit({...})` and `await ratelimit.limit(id)`' },
  { package: 'hono-rate-limiter', language: 'js', modules: ['hono-rate-limiter'], scope: 'file', recognised: '`rateLimiter({...})` mounted with `app.use(...)`' },
  { package: '@fastify/rate-limit', language: 'js', modules: ['@fastify/rate-limit', 'fastify-rate-limit'], scope: 'file', recognised: '`fastify.register(rateLimit, {...})`' },
  { package: '@arcjet/next', language: 'js', modules: ['@arcjet/next', '@arcjet/node', '@arcjet/bun'], scope: 'file', recognised: '`arcjet({ rules: [slidingWindow(...)] })` and `aj.protect(req)`' },
  { package: '@vercel/firewall', language: 'js', modules: ['@vercel/firewall'], scope: 'file', recognised: '`await checkRateLimit(id)`' },
  { package: 'next-rate-limit', language: 'js', modules: ['next-rate-limit'], scope: 'file', recognised: '`rateLimit({...}).checkNext(req, n)`' },
  { package: 'limiter', language: 'js', modules: ['limiter'], scope: 'file', recognised: '`new RateLimiter({...})` and `removeTokens(1)`' },
  { package: 'slowapi', language: 'python', modules: ['slowapi'], scope: 'decorator', recognised: '`@limiter.limit("5/minute")` on the route, or `Limiter(default_limits=[...])` with `SlowAPIMiddleware`' },
  { package: 'flask-limiter', language: 'python', modules: ['flask_limiter'], scope: 'decorator', recognised: '`@limiter.limit("5 per minute")` on the route, or `Limiter(app=app, default_limits=[...])`' },
  { package: 'django-ratelimit', language: 'python', modules: ['django_ratelimit', 'ratelimit'], scope: 'decorator', recognised: '`@ratelimit(key="ip", rate="5/m")` on the view' },
  { package: 'fastapi-limiter', language: 'python', modules: ['fastapi_limiter'], scope: 'file', recognised: '`Depends(RateLimiter(times=5, seconds=60))` on the route or the app' },
];

/** Keyword arguments of a decorator-style limiter's constructor that limit every route by default. */
export const DEFAULT_LIMIT_KEYWORDS = ['default_limits', 'application_limits'];
/** Middleware classes that apply a decorator-style limiter's default limits to every route. */
export const LIMITER_MIDDLEWARE = ['SlowAPIMiddleware', 'SlowAPIASGIMiddleware'];
/** Methods of a decorator-style limiter that limit the route they decorate: `@limiter.limit(...)`, `@limiter.shared_limit(...)`. */
export const LIMITER_DECORATOR_METHODS = ['limit', 'shared_limit'];

/**
 * Words that say "rate limiter" in a name, for the app's own wrappers the import tables cannot see:
 * `import { ratelimit } from '@/lib/ratelimit'; await ratelimit.limit(ip)`, `@throttle(...)`,
 * `app.post('/chat', chatLimiter, handler)`, `check_rate_limit(request)`. Matched per word, so `delimiter`
 * is not one.
 */
const LIMITER_WORDS = ['limiter', 'ratelimit', 'ratelimiter', 'ratelimiting', 'throttle', 'throttler', 'throttling', 'throttled'];

/** A limiter word, or the `limit` after `rate`, occurs in any limiter name as written (in some letter case):
 * one regex test rules out most names before `isLimiterName` splits them into words. */
const LIMITER_HINT = new RegExp([...LIMITER_WORDS, 'limit'].join('|'), 'i');

/** `chatLimiter`, `check_rate_limit`, `RateLimiter`, `ratelimit.limit`: a dotted name made of limiter words. */
export function isLimiterName(name: string): boolean {
  if (!LIMITER_HINT.test(name)) return false;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.some((w, i) => LIMITER_WORDS.includes(w) || (w === 'rate' && /^limit/.test(words[i + 1] ?? '')));
}
/** A handler that answers 429 does its own limiting. */
export const LIMITED_RESPONSE = /\b429\b|too[ _-]?many[ _-]?requests|TOO_MANY_REQUESTS/i;
/** Methods that mount middleware on an app or router. */
export const MIDDLEWARE_MOUNTS = ['use', 'register', 'add_middleware', 'middleware'];

export interface AppFactory {
  language: Language;
  module: string;
  /** Exported name (`default` for `express()`); matched through the file's imports. */
  name: string;
  framework: string;
}

/**
 * Calls that create a whole web application. Only files that create one are checked for a missing limiter
 * (besides Next.js route files and server actions): a file that only declares an `APIRouter`, `Blueprint`
 * or `express.Router()` may be mounted behind a limiter in another file, which a per-file scan cannot see.
 */
export const APP_FACTORIES: AppFactory[] = [
  { language: 'python', module: 'flask', name: 'Flask', framework: 'Flask' },
  { language: 'python', module: 'fastapi', name: 'FastAPI', framework: 'FastAPI' },
  { language: 'python', module: 'starlette.applications', name: 'Starlette', framework: 'Starlette' },
  { language: 'python', module: 'quart', name: 'Quart', framework: 'Quart' },
  { language: 'python', module: 'sanic', name: 'Sanic', framework: 'Sanic' },
  { language: 'js', module: 'express', name: 'default', framework: 'Express' },
  { language: 'js', module: 'hono', name: 'Hono', framework: 'Hono' },
  { language: 'js', module: 'fastify', name: 'default', framework: 'Fastify' },
  { language: 'js', module: 'fastify', name: 'fastify', framework: 'Fastify' },
  { language: 'js', module: 'fastify', name: 'Fastify', framework: 'Fastify' },
  { language: 'js', module: 'elysia', name: 'Elysia', framework: 'Elysia' },
];

const FLASK_LIMITER_FIX = {
  app: 'flask-limiter with default limits for every route (`Limiter(get_remote_address, app=app, default_limits=["20 per minute"])`)',
  route: 'a flask-limiter limit on the route (`@limiter.limit("10 per minute")`)',
};
const SLOWAPI_FIX = {
  app: 'slowapi with default limits (`Limiter(key_func=get_remote_address, default_limits=["20/minute"])` and `app.add_middleware(SlowAPIMiddleware)`)',
  route: 'a slowapi limit on the route (`@limiter.limit("10/minute")`)',
};
const HONO_FIX = 'hono-rate-limiter (`app.use(rateLimiter({ windowMs: 60_000, limit: 20, keyGenerator }))`)';
const FASTIFY_FIX = '@fastify/rate-limit (`await fastify.register(rateLimit, { max: 20, timeWindow: "1 minute" })`)';

/** How to add a limiter, per `framework` of APP_FACTORIES: for every route of the app, or for one route. */
export const LIMITER_FIXES: Partial<Record<string, { app: string; route: string }>> = {
  Flask: FLASK_LIMITER_FIX,
  Quart: FLASK_LIMITER_FIX,
  FastAPI: SLOWAPI_FIX,
  Starlette: SLOWAPI_FIX,
  Express: {
    app: 'express-rate-limit (`app.use(rateLimit({ windowMs: 60_000, limit: 20 }))`)',
    route: 'a limiter on the route (`app.post(path, rateLimit({ windowMs: 60_000, limit: 10 }), handler)` with express-rate-limit)',
  },
  Hono: { app: HONO_FIX, route: HONO_FIX },
  Fastify: { app: FASTIFY_FIX, route: FASTIFY_FIX },
};

/**
 * Signs that a route checks who is calling. They only lower the severity (an authenticated caller can still
 * run up the bill, but can be identified and cut off).
 */
export const AUTH_SIGNALS = {
  /** Last segment of a call or decorator: `auth()`, `getServerSession(...)`, `@login_required`, `supabase.auth.getUser()`. */
  callNames: [
    'auth', 'getServerSession', 'getSession', 'currentUser', 'getUser', 'getAuth', 'requireAuth', 'requireUser',
    'verifyToken', 'verifyIdToken', 'jwtVerify', 'withAuth', 'protect', 'authenticate', 'isAuthenticated',
    'validateRequest', 'getCurrentUser', 'checkAuth', 'getKindeServerSession', 'getToken',
    'get_current_user', 'get_current_active_user', 'require_user', 'require_auth', 'verify_token', 'verify_api_key',
    'verify_jwt_in_request', 'get_jwt_identity', 'authenticate_user', 'check_auth',
    'login_required', 'jwt_required', 'auth_required', 'requires_auth', 'token_required', 'permission_required',
    'user_passes_test', 'api_key_required',
  ],
  /** Reads of an authenticated identity in the handler (or a credential header). */
  reads: /\b(?:req|request|ctx|c)\.(?:user|auth|session)\b|\bcurrent_user\b|\bsession\??\.user\b|\bauthorization\b|\bx-api-key\b|\bcredentials\b/i,
  /** FastAPI's dependency markers, by last name: `Depends(…)`, `Security(…)`. */
  dependencyCalls: ['Depends', 'Security'],
  /** FastAPI dependencies: `Depends(get_current_user)`, `Security(api_key_header)`. */
  dependencyName: /user|auth|token|session|api_?key|principal|credential|verify|oauth2|bearer/i,
  /** Middleware passed to a route or mounted on the app: `app.post('/chat', requireAuth, …)`, `app.use(clerkMiddleware())`. */
  middlewareName: /auth|login|clerk|passport|jwt|session|protect|guard|requireUser|verify/i,
};
