// Excessive agency (LLM06) as data: framework switches that hand the model code execution, raw requests or
// unsafe deserialization, tools that run model-written code or shell commands, and the reflection APIs a
// model-chosen name must never reach. Sources: ../shared/reference/static-rules.md (b) A2, A3 (Semgrep's
// LangChain anchors); the LangChain / LlamaIndex security notes quoted in docs/rules/agency-*.md.

export type AgencyLanguage = 'python' | 'js';

/** The package families AGENT_FRAMEWORK_MODULES matches, by name (the pre-filter's markers for them). */
export const AGENT_FRAMEWORK_FAMILIES: readonly string[] = ['langchain', 'langgraph', 'llama_index', 'llamaindex'];

/** Module families whose opt-in flags and tools these tables describe (prefix match on the import). */
export const AGENT_FRAMEWORK_MODULES: Record<AgencyLanguage, RegExp> = {
  python: /^(langchain|langchain_[a-z_]+|langgraph|llama_index)(\.|$)/,
  js: /^(langchain|@langchain\/[\w-]+|llamaindex|@llamaindex\/[\w-]+)(\/|$)/,
};

export type CapabilityKind = 'code' | 'shell' | 'requests' | 'deserialization';

export const CAPABILITY_CWE: Record<CapabilityKind, string> = {
  code: 'CWE-94',
  shell: 'CWE-78',
  requests: 'CWE-918',
  deserialization: 'CWE-502',
};

/** What the capability lets the model (or whoever steers it through the prompt) do. */
export const CAPABILITY_IMPACT: Record<CapabilityKind, string> = {
  code: 'runs model-written code in the server process',
  shell: 'runs model-written shell commands on the host',
  requests: 'lets the model send arbitrary HTTP requests from the server (SSRF into internal services)',
  deserialization: 'unpickles files from disk, which runs any code a tampered file contains',
};

/** What to do instead, per capability. */
export const CAPABILITY_FIX: Record<CapabilityKind, string> = {
  code: 'Whoever can put text in front of the model can use it: give the model narrow tools instead, or run the code in an isolated sandbox with no credentials and read-only data.',
  shell: 'Whoever can put text in front of the model can use it: give the model narrow tools instead, or run the commands in an isolated sandbox with no credentials and no network.',
  requests: 'Whoever can put text in front of the model can aim it at internal services and cloud metadata: send requests through an allowlisting proxy or use purpose-built tools.',
  deserialization: 'Load only indexes you built yourself from storage nobody else can write, or use a store that does not pickle.',
};

/** Keyword arguments (Python) / object properties (JS) that opt into a dangerous behaviour when true. */
export interface DangerousFlag {
  name: string;
  language: AgencyLanguage;
  kind: CapabilityKind;
}

export const DANGEROUS_FLAGS: DangerousFlag[] = [
  // create_pandas_dataframe_agent / create_csv_agent / create_spark_dataframe_agent, PALChain, PythonAstREPLTool users
  { name: 'allow_dangerous_code', language: 'python', kind: 'code' },
  // RequestsToolkit, OpenAPIToolkit, BaseRequestsTool, GraphCypherQAChain, APIChain, load_tools(["requests_all"])
  { name: 'allow_dangerous_requests', language: 'python', kind: 'requests' },
  // FAISS.load_local, Annoy, ScaNN and other pickle-backed stores
  { name: 'allow_dangerous_deserialization', language: 'python', kind: 'deserialization' },
  // load_tools([...]) gate for "terminal", "python_repl", "requests_*"
  { name: 'allow_dangerous_tools', language: 'python', kind: 'shell' },
  // GraphCypherQAChain.fromLLM, HanaSparqlQAChain.fromLLM (@langchain/community)
  { name: 'allowDangerousRequests', language: 'js', kind: 'requests' },
  { name: 'allowDangerousCode', language: 'js', kind: 'code' },
  { name: 'allowDangerousDeserialization', language: 'js', kind: 'deserialization' },
];

/** Classes and factories that are dangerous by construction, bound to the modules that export them. */
export interface DangerousTool {
  /** Exported name. */
  name: string;
  language: AgencyLanguage;
  /** Modules that export it (exact, or a dotted/slashed prefix of the import). */
  modules: string[];
  kind: CapabilityKind;
  /** Partial containment: reported one step lower (Pyodide's WebAssembly interpreter). */
  contained?: string;
}

export const DANGEROUS_TOOLS: DangerousTool[] = [
  {
    name: 'PythonREPLTool',
    language: 'python',
    modules: ['langchain_experimental.tools', 'langchain.tools.python', 'langchain.agents.agent_toolkits', 'langchain_community.tools'],
    kind: 'code',
  },
  {
    name: 'PythonAstREPLTool',
    language: 'python',
    modules: ['langchain_experimental.tools', 'langchain.tools.python', 'langchain_community.tools'],
    kind: 'code',
  },
  {
    name: 'PythonREPL',
    language: 'python',
    modules: ['langchain_experimental.utilities', 'langchain.utilities', 'langchain.python', 'langchain_community.utilities', 'langchain_experimental.tools'],
    kind: 'code',
  },
  { name: 'create_python_agent', language: 'python', modules: ['langchain_experimental.agents', 'langchain.agents.agent_toolkits'], kind: 'code' },
  { name: 'ShellTool', language: 'python', modules: ['langchain_community.tools', 'langchain.tools'], kind: 'shell' },
  { name: 'BashProcess', language: 'python', modules: ['langchain_experimental.llm_bash', 'langchain.utilities', 'langchain_community.utilities'], kind: 'shell' },
  { name: 'LLMBashChain', language: 'python', modules: ['langchain_experimental.llm_bash', 'langchain.chains'], kind: 'shell' },
  // LlamaIndex evaluates model-written pandas expressions (Semgrep anchor; several CVEs on its "safe" eval).
  {
    name: 'PandasQueryEngine',
    language: 'python',
    modules: ['llama_index.experimental', 'llama_index.core.query_engine', 'llama_index.query_engine'],
    kind: 'code',
  },
  {
    name: 'PythonInterpreterTool',
    language: 'js',
    modules: ['@langchain/community/experimental/tools/pyinterpreter', 'langchain/experimental/tools/pyinterpreter'],
    kind: 'code',
    contained: 'runs in Pyodide (WebAssembly), which narrows but does not remove what the code can reach',
  },
];

/** Static constructors and factories of the tool classes above: `PythonInterpreterTool.initialize(...)`,
 * `PandasQueryEngine.from_defaults(...)`. */
export const TOOL_FACTORY_METHODS = ['initialize', 'from_llm', 'fromLLM', 'from_defaults', 'create'];

/** `load_tools([...])` names that give the agent a shell, a Python REPL or raw requests. */
export const LOAD_TOOLS = {
  functions: ['load_tools'],
  modules: ['langchain.agents', 'langchain_community.agent_toolkits', 'langchain.agents.load_tools', 'langchain_community.agent_toolkits.load_tools'],
  dangerous: {
    terminal: 'shell',
    python_repl: 'code',
    requests_all: 'requests',
    requests_get: 'requests',
    requests_post: 'requests',
    requests_patch: 'requests',
    requests_put: 'requests',
    requests_delete: 'requests',
  } as Record<string, CapabilityKind>,
};

/** Notebook and research folders: the reference drops one severity step there. */
export const RESEARCH_PATH = /(^|\/)(notebooks?|research|experiments?|playground|scratch)\//i;

// ---- Dynamic dispatch (A2) -------------------------------------------------------------------------

/** Python reflection: a name argument selects any attribute, global or module. `argument` is its position. */
export const PYTHON_REFLECTION_CALLS: Array<{ callee: string; argument: number; what: string }> = [
  { callee: 'getattr', argument: 1, what: 'getattr() reaches any attribute of the object, not only tools' },
  { callee: 'importlib.import_module', argument: 0, what: 'import_module() loads any installed module' },
  { callee: 'import_module', argument: 0, what: 'import_module() loads any installed module' },
  { callee: '__import__', argument: 0, what: '__import__() loads any installed module' },
  { callee: 'operator.attrgetter', argument: 0, what: 'attrgetter() reaches any attribute of the object, not only tools' },
];

/** Python namespaces indexed by a name: `globals()[name]`, `vars(module)[name]`, `module.__dict__[name]`. */
export const PYTHON_NAMESPACE_CALLS = ['globals', 'locals', 'vars'];
export const PYTHON_NAMESPACE_MEMBERS = ['__dict__', '__builtins__'];

/** JS objects whose index reaches every global or method: `this[name]`, `globalThis[name]`. */
export const JS_REFLECTION_RECEIVERS = ['this', 'globalThis', 'window', 'global', 'self', 'module.exports', 'exports'];
/** JS loaders that take a module name: `require(name)`, `import(name)`. */
export const JS_LOADER_CALLS = ['require', 'import'];

/** Methods that run what a registry lookup returned: `tools_by_name[name].invoke(args)`, `handlers[name].apply(…)`. */
export const TOOL_RUN_METHODS = ['invoke', 'ainvoke', 'run', 'arun', 'call', 'apply', 'execute', 'func', 'coroutine'];

/** Calls that check a key is present before it is used: `handlers.has(name)`, `Object.hasOwn(handlers, name)`. */
export const MEMBERSHIP_CALLS = {
  /** Methods on the registry: `handlers.has(name)`, `handlers.hasOwnProperty(name)`, `Object.keys(h).includes(name)`. */
  methods: ['has', 'hasOwnProperty', 'includes', 'indexOf', 'contains', '__contains__', 'get'],
  /** Functions that take the registry and the key: `Object.hasOwn(handlers, name)`. */
  functions: ['Object.hasOwn', 'Object.prototype.hasOwnProperty.call', 'Reflect.has', 'hasattr', '_.has', 'lodash.has'],
};
