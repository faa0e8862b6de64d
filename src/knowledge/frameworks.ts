// Web frameworks as data: how a route handler is declared, and where its request carries client data.
// Sources: ../shared/reference/static-rules.md (b) "Shared sets: UNTRUSTED".

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'all'] as const;

/** Python: `@app.post("/chat")`, `@router.get(...)`, `@app.route("/chat", methods=["POST"])`, `@bp.route`. */
export const PYTHON_ROUTE_DECORATORS = {
  methods: [...HTTP_METHODS, 'route', 'api_route', 'websocket'],
  /** The decorator's first positional argument is the path. */
  pathArgument: 0,
};

/** JS: `app.post('/chat', handler)`, `router.get(...)`, Hono `app.post(...)`, Fastify `fastify.post(...)`. */
export const JS_ROUTE_CALLS = {
  methods: [...HTTP_METHODS, 'route'],
  pathArgument: 0,
};

/** Next.js App Router: exported functions with these names in `app/**\/route.{ts,js}`. */
export const NEXT_ROUTE_EXPORTS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Request objects in Python, recognised by import (Flask's global `request`) ... */
export const PYTHON_GLOBAL_REQUESTS: Array<{ module: string; name: string; framework: string }> = [
  { module: 'flask', name: 'request', framework: 'Flask' },
  { module: 'quart', name: 'request', framework: 'Quart' },
];

/** ... or by parameter annotation or name in a route handler (Django, FastAPI/Starlette `request: Request`). */
export const REQUEST_PARAMETER = {
  annotations: /^(Request|HttpRequest|WSGIRequest|ASGIRequest|NextRequest|FastifyRequest|express\.Request|Context|HonoRequest|NextApiRequest)\b/,
  names: ['request', 'req'],
  /** Hono's context: `c.req.json()`. */
  contextNames: ['c', 'ctx', 'context'],
};

/** Members and methods of a request object that return client-controlled data. */
export const REQUEST_DATA_MEMBERS = [
  // Flask / Quart / Werkzeug
  'args', 'form', 'json', 'values', 'data', 'files', 'headers', 'cookies', 'get_json', 'get_data', 'stream',
  // Django
  'GET', 'POST', 'body', 'FILES', 'COOKIES', 'META',
  // Express / Fastify / Koa
  'query', 'params', 'param',
  // Fetch Request (Next.js route handlers, Hono, Remix), Starlette
  'formData', 'text', 'arrayBuffer', 'blob', 'nextUrl', 'searchParams', 'url', 'path_params', 'query_params',
  // Hono context (c.req.*)
  'valid',
];

/** Module-level sources outside request handlers. */
export const PROCESS_SOURCES: Array<{ path: string; description: string; language: 'python' | 'js' }> = [
  { path: 'sys.argv', description: 'command-line argument', language: 'python' },
  { path: 'process.argv', description: 'command-line argument', language: 'js' },
  { path: 'input', description: 'console input', language: 'python' },
  { path: 'sys.stdin', description: 'standard input', language: 'python' },
  { path: 'process.stdin', description: 'standard input', language: 'js' },
];

/** Annotations of FastAPI handler parameters that are NOT client data (injected dependencies). */
export const NON_DATA_ANNOTATIONS = /^(Request|Response|BackgroundTasks|WebSocket|Session|AsyncSession|HTTPConnection|Depends)\b/;
