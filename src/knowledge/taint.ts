// Taint vocabulary as data (Semgrep's sources / sanitizers / propagators, CodeQL's models-as-data): what
// starts a flow, what cleans it for which kind of sink, and what hands it on. The engine in
// analysis/taint.ts reads only these tables; rules name labels and sanitizer kinds, never functions.
// Sources: ../shared/reference/static-rules.md (b) "Shared sets".

/** Where a value came from. */
export type TaintLabel =
  /** Request data and process input: the user controls it directly. */
  | 'user'
  /** Text an LLM produced. */
  | 'llm'
  /** Arguments the model chose for a tool call. */
  | 'tool'
  /** Fetched web pages, uploaded files, retrieved documents: third parties control it (indirect injection). */
  | 'fetched'
  /** Credentials from the environment. */
  | 'secret';

/** What a sanitizer makes safe. Rules list the kinds that clean their sink. */
export type SanitizerKind =
  | 'cast' // int()/Number(): no text left to inject
  | 'allowlist' // equality with a constant, membership in a fixed set
  | 'schema' // zod / pydantic / valibot validation
  | 'length' // slicing, truncation, length checks
  | 'html' // DOMPurify, sanitize-html, bleach, nh3, html.escape
  | 'shell' // shlex.quote, shell-quote
  | 'sql' // parameterized queries (handled at the sink), sqlalchemy bindparam
  | 'path' // basename, secure_filename, confinement checks
  | 'url' // host allowlists, encodeURIComponent of a component
  | 'redact' // redact*/mask* helpers for logging
  | 'denylist'; // regex/keyword filters: partial defence, lowers severity only

export interface CallModel {
  /** Dotted callee path (`DOMPurify.sanitize`), or `.name` to match any receiver's method (`.safeParse`). */
  callee: string;
  language?: 'python' | 'js';
  /** For `.name` callees: receivers (dotted paths) whose method of that name is something else. */
  notReceivers?: string[];
}

/** Receivers whose `.parse` parses text instead of validating a schema (`JSON.parse` is not zod). */
const NOT_SCHEMA_PARSERS = ['JSON', 'JSON5', 'marked', 'yaml', 'YAML', 'toml', 'TOML', 'path', 'url', 'qs', 'querystring', 'Date', 'csv', 'Papa', 'papa', 'ini', 'dotenv', 'acorn', 'esprima', 'babel', 'parse5', 'htmlparser2', 'cheerio', 'md', 'markdown', 'semver'];

export interface SanitizerModel extends CallModel {
  kind: SanitizerKind;
}

export const SANITIZERS: SanitizerModel[] = [
  // casts
  ...['int', 'float', 'bool', 'decimal.Decimal', 'uuid.UUID'].map((callee) => ({ callee, kind: 'cast' as const, language: 'python' as const })),
  ...['Number', 'parseInt', 'parseFloat', 'Boolean', 'BigInt'].map((callee) => ({ callee, kind: 'cast' as const, language: 'js' as const })),
  // schema validation
  ...['.parse', '.safeParse', '.parseAsync', '.safeParseAsync'].map((callee) => ({ callee, kind: 'schema' as const, language: 'js' as const, notReceivers: NOT_SCHEMA_PARSERS })),
  ...['v.parse', 'v.safeParse', 'typia.assert', 'ajv.validate'].map((callee) => ({ callee, kind: 'schema' as const, language: 'js' as const })),
  ...['.model_validate', '.model_validate_json', '.parse_obj', '.parse_raw', 'jsonschema.validate'].map((callee) => ({ callee, kind: 'schema' as const, language: 'python' as const })),
  // HTML
  ...['DOMPurify.sanitize', 'purify.sanitize', 'sanitizeHtml', 'sanitize', 'xss', 'escapeHtml', 'escape', 'he.encode', 'validator.escape', '_.escape', 'lodash.escape'].map((callee) => ({ callee, kind: 'html' as const, language: 'js' as const })),
  ...['bleach.clean', 'bleach.linkify', 'nh3.clean', 'html.escape', 'markupsafe.escape', 'escape', 'cgi.escape', 'django.utils.html.escape', 'strip_tags'].map((callee) => ({ callee, kind: 'html' as const, language: 'python' as const })),
  // shell
  ...['shlex.quote', 'quote', 'pipes.quote'].map((callee) => ({ callee, kind: 'shell' as const, language: 'python' as const })),
  ...['shellQuote.quote', 'shellescape', 'quote'].map((callee) => ({ callee, kind: 'shell' as const, language: 'js' as const })),
  // paths
  ...['os.path.basename', 'secure_filename', 'werkzeug.utils.secure_filename', 'pathlib.Path.name'].map((callee) => ({ callee, kind: 'path' as const, language: 'python' as const })),
  ...['path.basename', 'sanitizeFilename', 'sanitize-filename'].map((callee) => ({ callee, kind: 'path' as const, language: 'js' as const })),
  // redaction for logs
  ...['redact', 'mask', 'scrub', 'anonymize', 'redact_pii', 'redactPII', 'maskSecrets'].map((callee) => ({ callee, kind: 'redact' as const })),
];

/** Calls whose result carries no taint from their arguments (sizes, booleans, hashes, ids). */
export const NON_PROPAGATING_CALLS: CallModel[] = [
  ...['len', 'bool', 'isinstance', 'hash', 'id', 'type', 'callable', 'hasattr', 'print', 'hashlib.sha256', 'hashlib.md5', 'uuid.uuid4', 'time.time', 'datetime.now'].map((callee) => ({ callee, language: 'python' as const })),
  ...['Array.isArray', 'Boolean', 'typeof', 'crypto.randomUUID', 'Date.now', 'console.log', 'console.error', 'console.info', 'console.warn', '.includes', '.has', '.startsWith', '.endsWith', '.test', '.indexOf'].map((callee) => ({ callee, language: 'js' as const })),
  ...['.startswith', '.endswith', '.isdigit', '.isalpha', '.count', '.find', 're.match', 're.fullmatch', 're.search'].map((callee) => ({ callee, language: 'python' as const })),
  // Database lookups return server-owned rows, not the key the client sent (a tenant looked up by id).
  ...['.first_or_404', '.get_or_404', '.one_or_none', '.scalar_one', '.scalar_one_or_none', '.fetchone', '.fetchall', '.fetchmany', '.find_one'].map((callee) => ({ callee, language: 'python' as const })),
  ...['.findUnique', '.findUniqueOrThrow', '.findFirst', '.findFirstOrThrow', '.findMany', '.findOne', '.findById'].map((callee) => ({ callee, language: 'js' as const })),
];

/**
 * Python annotations of route-handler parameters and pydantic fields that FastAPI / pydantic validate to a fixed
 * set or a number before the handler runs: no free text is left (`persona: Literal["pirate", "formal"]`).
 * Enum subclasses declared in the same file count as `allowlist` too.
 */
export const CONSTRAINED_ANNOTATIONS: Array<{ pattern: RegExp; kind: SanitizerKind }> = [
  { pattern: /^(Optional\[)?(typing\.)?Literal\[/, kind: 'allowlist' },
  { pattern: /^(Optional\[)?(int|float|bool|Decimal|UUID|uuid\.UUID|datetime|date|PositiveInt|NonNegativeInt|StrictInt|StrictBool|conint|confloat)\b/, kind: 'cast' },
];

/**
 * Members of an LLM response that hold metadata, not model-written text: reading them drops the `llm` label
 * (`response.usage.output_tokens`, `completion.id`, `choice.finish_reason`). Logging token usage is the advice.
 */
export const LLM_METADATA_MEMBERS = [
  'usage', 'usage_metadata', 'usageMetadata', 'totalUsage', 'token_usage', 'tokenUsage',
  'id', 'model', 'model_name', 'modelId', 'created', 'created_at', 'system_fingerprint', '_request_id', 'request_id',
  'stop_reason', 'stopReason', 'stop_sequence', 'finish_reason', 'finishReason',
];

/** Length limits: the result is bounded in size (for the cost rules). */
export const LENGTH_LIMITERS: CallModel[] = [
  ...['.slice', '.substring', '.substr', 'truncate', '_.truncate', 'lodash.truncate'].map((callee) => ({ callee, language: 'js' as const })),
  ...['textwrap.shorten', 'truncate'].map((callee) => ({ callee, language: 'python' as const })),
];

/** Functions that count the tokens of their argument: a bound on their result bounds the text's length
 * (guards.ts). Matched on the callee's last name, case-insensitively. */
export const TOKEN_COUNTERS = [
  'count_tokens',
  'counttokens',
  'num_tokens',
  'numtokens',
  'token_count',
  'tokencount',
  'get_num_tokens',
  'estimate_tokens',
  'estimatetokens',
  'gettokencount',
];

/** Regex or keyword filters that remove some attacks: a partial defence that lowers severity. */
export const DENYLIST_FILTERS: CallModel[] = [
  ...['re.sub', '.replace'].map((callee) => ({ callee, language: 'python' as const })),
  ...['.replace', '.replaceAll'].map((callee) => ({ callee, language: 'js' as const })),
];

export interface SourceCallModel extends CallModel {
  label: TaintLabel;
  description: string;
}

/** Calls returning third-party content (indirect prompt injection). */
export const CONTENT_SOURCES: SourceCallModel[] = [
  ...['requests.get', 'requests.post', 'requests.request', 'httpx.get', 'httpx.post', 'urllib.request.urlopen', 'urlopen', 'aiohttp.ClientSession.get'].map(
    (callee) => ({ callee, label: 'fetched' as const, description: 'fetched web content', language: 'python' as const }),
  ),
  ...['.get', '.post'].map((callee) => ({ callee: `httpx.AsyncClient()${callee}`, label: 'fetched' as const, description: 'fetched web content', language: 'python' as const })),
  ...['fetch', 'axios.get', 'axios.post', 'axios', 'got', 'got.get', 'ky.get', 'undici.request', 'request'].map((callee) => ({ callee, label: 'fetched' as const, description: 'fetched web content', language: 'js' as const })),
  ...['.similarity_search', '.asimilarity_search', '.similarity_search_with_score', '.max_marginal_relevance_search', '.get_relevant_documents', '.aget_relevant_documents', '.retrieve', '.aretrieve'].map(
    (callee) => ({ callee, label: 'fetched' as const, description: 'retrieved documents', language: 'python' as const }),
  ),
  ...['.similaritySearch', '.similaritySearchWithScore', '.getRelevantDocuments', '.retrieve', '.maxMarginalRelevanceSearch'].map((callee) => ({ callee, label: 'fetched' as const, description: 'retrieved documents', language: 'js' as const })),
  ...['PyPDFLoader', 'WebBaseLoader', 'UnstructuredURLLoader', 'BeautifulSoup', 'trafilatura.extract', 'pdfplumber.open'].map((callee) => ({ callee, label: 'fetched' as const, description: 'loaded document content', language: 'python' as const })),
  ...['CheerioWebBaseLoader', 'PDFLoader', 'cheerio.load', 'pdfParse', 'pdf'].map((callee) => ({ callee, label: 'fetched' as const, description: 'loaded document content', language: 'js' as const })),
];

/** Chat UI hooks of the AI SDK: their messages and completions are model output, in the browser. */
export const UI_HOOK_SOURCES: SourceCallModel[] = ['useChat', 'useCompletion', 'useObject', 'experimental_useObject', 'useAssistant'].map((callee) => ({
  callee,
  label: 'llm' as const,
  description: 'model output in the browser',
  language: 'js' as const,
}));

/** Fetched URLs whose responses are model output: provider APIs, and the app's own chat endpoint called from
 * the browser (`fetch('/api/chat')`). Matched against the URL literal (or a template's leading text). */
export const LLM_ENDPOINT_URL =
  /^(?:https:\/\/(?:api\.openai\.com|api\.anthropic\.com|generativelanguage\.googleapis\.com|api\.mistral\.ai|api\.groq\.com|openrouter\.ai\/api|api\.together\.xyz|api\.deepseek\.com|api\.x\.ai)\/|\/(?:api\/)?(?:v\d+\/)?(?:chat|completions?|generate|ask|assistant|llm|ai|answer|agent|copilot)(?:[/?#-]|$))/i;

/** Propagators: array methods whose callback's first parameter is an element of the receiver. */
export const ELEMENT_CALLBACK_METHODS = ['map', 'flatMap', 'forEach', 'filter', 'find', 'findLast', 'some', 'every'];

/** Environment variable names that hold credentials (leak-secret-in-prompt). */
export const SECRET_ENV_NAME = /(KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD|DSN|DATABASE_URL|CONN(ECTION)?_STRING|PRIVATE|CREDENTIALS?)(_|$)/i;
/** ... except the obviously public ones. */
export const PUBLIC_ENV_NAME = /^(NEXT_PUBLIC_|VITE_|PUBLIC_)|(_URL|_HOST|_NAME|_REGION|_ENV|_MODE|_PORT|_ID)$/i;
/** Connection URLs that carry credentials (`postgres://user:pass@host`). */
export const CREDENTIAL_URL_ENV_NAME = /(DATABASE|DB|REDIS|MONGO(DB)?|POSTGRES(QL)?|MYSQL|AMQP|BROKER|CACHE)_URL$|DSN$/i;

/** Settings about keys and tokens rather than keys and tokens: `MAX_TOKEN_COUNT`, `TOKEN_TTL`, `KEY_PREFIX_LENGTH`. */
export const SECRET_SETTING_ENV_NAME = /(^|_)(MAX|MIN|LIMIT|COUNT|TTL|EXPIRY|EXPIRES|LENGTH|LEN|SIZE|TIMEOUT|HEADER|PREFIX)(_|$)/i;

export function isSecretEnvName(name: string): boolean {
  if (CREDENTIAL_URL_ENV_NAME.test(name)) return true;
  return SECRET_ENV_NAME.test(name) && !PUBLIC_ENV_NAME.test(name) && !SECRET_SETTING_ENV_NAME.test(name);
}

/**
 * Tool handlers: the parameters of these functions are arguments the model chose.
 * - `decorators`: Python decorators (dotted, matched on the last segment after the import) and their call forms.
 * - `callbacks`: JS calls whose function argument is a tool handler; `property` for object-literal handlers.
 */
export const TOOL_HANDLERS = {
  decorators: ['tool', 'function_tool', 'mcp.tool', 'server.tool', 'app.tool', 'ai_function', 'kernel_function'],
  callbacks: [
    { callee: 'tool', property: 'execute' },
    { callee: 'dynamicTool', property: 'execute' },
    { callee: 'server.tool', property: undefined },
    { callee: 'server.registerTool', property: undefined },
    { callee: 'mcpServer.tool', property: undefined },
    { callee: 'DynamicStructuredTool', property: 'func' },
    { callee: 'DynamicTool', property: 'func' },
    { callee: 'tool', property: undefined },
  ],
  /** Property names of LLM responses that hold tool-call arguments / names. */
  argumentMembers: ['input', 'arguments', 'args'],
  nameMembers: ['name'],
  /** Members on the path to tool calls: `tool_calls`, `toolCalls`, `function_call`. */
  toolCallMembers: ['tool_calls', 'toolCalls', 'function_call', 'functionCall', 'tool_use'],
};
