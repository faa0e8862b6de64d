// Where data leaves the server as data: log sinks (leak-prompt-logging) and HTTP response calls
// (leak-raw-error, leak-raw-response). Sources: ../shared/reference/static-rules.md (b) L3, L4, L5.

// ---- Log sinks -------------------------------------------------------------------------------------

/** Methods that write a log record, per language. */
export const LOG_METHODS: Record<'python' | 'js', string[]> = {
  // logging / structlog / loguru
  python: ['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log', 'msg', 'success', 'trace'],
  // console / winston / pino / bunyan / consola / fastify's request.log
  js: ['log', 'info', 'debug', 'warn', 'error', 'trace', 'fatal', 'verbose', 'silly', 'http', 'dir', 'table'],
};

/**
 * The receiver of a log method: the last segment of its dotted path (`logging`, `logger`, `self.logger`,
 * `app.logger`, `req.log`, `console`, `audit_logger`, `requestLogger`).
 */
export const LOGGER_RECEIVER = /^(?:_*log|_*logger|LOG|LOGGER|logging|console|structlog|loguru|consola|winston|\w*_logger|\w*Logger|\w*_log)$/;

/** Calls that return a logger: a receiver assigned from one of these is a logger whatever its name. */
export const LOGGER_FACTORIES = [
  'logging.getLogger',
  'getLogger',
  'structlog.get_logger',
  'structlog.getLogger',
  'get_logger',
  'winston.createLogger',
  'createLogger',
  'bunyan.createLogger',
  'pino',
  'consola.create',
  'createConsola',
  'log.child',
  'logger.child',
  'logger.bind',
];

/**
 * Calls that print to standard output. In a CLI script that is the user interface, not a log; they count
 * only in server code (a route handler, or a file that declares routes or imports a web framework).
 */
export const STDOUT_CALLS: Record<'python' | 'js', string[]> = {
  python: ['print', 'pprint', 'pprint.pprint', 'rich.print', 'console.print'],
  js: ['console.log', 'console.info', 'console.debug', 'console.warn', 'console.error', 'console.trace', 'console.dir', 'console.table', 'process.stdout.write', 'process.stderr.write'],
};

/** Imports that make a file server code. */
export const WEB_SERVER_MODULES: RegExp = /^(flask|fastapi|starlette|django|quart|sanic|aiohttp\.web|litestar|express|fastify|hono|koa|@hapi\/hapi|next\/server|@nestjs\/[\w-]+|h3|elysia|@remix-run\/[\w-]+|@sveltejs\/kit)(\/|\.|$)/;

/** A condition that switches debug output on: `if DEBUG:`, `if (process.env.DEBUG)`, `if args.verbose`. */
export const DEBUG_FLAG = /(?:^|[^A-Za-z])(?:debug|verbose|trace)(?:[^A-Za-z]|$)|DEBUG|VERBOSE|Debug|Verbose/;

/**
 * Observability SDKs made to record prompts and completions (Langfuse, LangSmith, Helicone, OpenLLMetry,
 * Arize Phoenix). Calls into them are not log sinks: recording is their purpose, and retention and access are
 * configured there. The docs page says so.
 */
export const OBSERVABILITY_MODULES = /^(langfuse|langsmith|helicone|traceloop|openllmetry|phoenix|arize|@langfuse\/[\w-]+|langsmith\/[\w-]+|@traceloop\/[\w-]+|@arizeai\/[\w-]+)(\.|\/|$)/;

/** Calls whose result counts or hashes the text rather than holding it (`count_tokens(prompt)`,
 * `hashlib.sha256(...).hexdigest()`): logging it logs no prompt. Matched on the callee's last name. */
export const COUNT_OR_DIGEST_CALLS = ['count_tokens', 'countTokens', 'hash', 'sha256', 'md5', 'digest', 'hexdigest'];

/** Test code logs prompts on purpose. */
export const TEST_PATH = /(?:^|\/)(?:__tests__|__mocks__|tests?|spec|e2e)\/|\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)test_[^/]*\.py$|_test\.py$|(?:^|\/)conftest\.py$/;

// ---- HTTP responses --------------------------------------------------------------------------------

/**
 * Calls that send their arguments to the client. `callee` is a dotted path matched on its last segments
 * (`jsonify`, `NextResponse.json`), or `.method` for any receiver (`res.json`, `reply.send`, `c.json`).
 * `receivers` limits `.method` entries to receivers named like a response / context object.
 */
export interface ResponseCall {
  callee: string;
  language: 'python' | 'js';
  /** For `.method` entries: receiver names (last dotted segment) that make it a response. */
  receivers?: RegExp;
  /** Also matched with `new` (`new Response(...)`). */
  construct?: boolean;
}

const RES = /^(res|resp|response|reply|ctx|c|context|h)$/;

export const RESPONSE_CALLS: ResponseCall[] = [
  // Flask / Quart / Django / FastAPI / Starlette
  ...['jsonify', 'make_response', 'flask.jsonify', 'JSONResponse', 'ORJSONResponse', 'UJSONResponse', 'PlainTextResponse', 'HTMLResponse', 'Response', 'JsonResponse', 'HttpResponse', 'HTTPException', 'abort', 'web.json_response', 'web.Response', 'StreamingResponse'].map(
    (callee) => ({ callee, language: 'python' as const }),
  ),
  // Fetch API (Next.js route handlers, Hono, Remix, workers)
  { callee: 'Response', language: 'js', construct: true },
  { callee: 'Response.json', language: 'js' },
  { callee: 'NextResponse', language: 'js', construct: true },
  { callee: 'NextResponse.json', language: 'js' },
  { callee: 'json', language: 'js' },
  // Express / Fastify / Koa / Hono
  ...['.json', '.send', '.jsonp', '.end', '.write', '.text', '.html', '.body'].map((callee) => ({ callee, language: 'js' as const, receivers: RES })),
  // `res.status(500).json(...)`, `reply.code(500).send(...)`: the receiver is a status call on a response.
  { callee: '.json', language: 'js', receivers: /^(status|code|type|header|set)$/ },
  { callee: '.send', language: 'js', receivers: /^(status|code|type|header|set)$/ },
  // Fastify / Express error helpers and Hono's HTTPException
  { callee: 'HTTPException', language: 'js', construct: true },
  { callee: 'createError', language: 'js' },
];

/** Helpers that turn a value into JSON or a dict on its way out: `resp.model_dump()`, `JSON.stringify(completion)`. */
export const SERIALIZERS = {
  methods: ['model_dump', 'model_dump_json', 'dict', 'json', 'to_dict', 'to_json', 'toJSON', 'serialize'],
  functions: ['JSON.stringify', 'json.dumps', 'dict', 'vars', 'dataclasses.asdict', 'asdict', 'jsonable_encoder', 'structuredClone', 'Object.assign'],
};

// ---- SDK debug logging -------------------------------------------------------------------------------

/**
 * The Anthropic and OpenAI SDKs (Python and TS) log every HTTP request and response, bodies included, at the
 * `debug` level: set by these environment variables, or by the TS clients' `logLevel` option.
 */
export const SDK_DEBUG_LOGGING = {
  envNames: ['ANTHROPIC_LOG', 'OPENAI_LOG'],
  clientOption: 'logLevel',
  level: 'debug',
  providers: ['anthropic', 'openai'],
  /** Config files where an environment is committed: dotenv files, Dockerfiles, YAML / TOML / JSON config. */
  files: /(?:^|\/)(?:\.env[\w.-]*|Dockerfile[\w.-]*|[\w.-]+\.(?:ya?ml|toml|json))$/i,
};
