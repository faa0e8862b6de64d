// Agent frameworks' loop caps as data, for cost-unbounded-loop: which option caps the loop, which imports make it
// mean that, and what the framework's default is. Sources: ../shared/reference/static-rules.md §1.6 and (b) C5.
// Also the retry libraries and timeout options cost-retry-timeout reads, and what ends a hand-written retry loop.

/** Step, turn and iteration caps above this are reported (LangGraph's default is 25, AgentExecutor's 15). */
export const MAX_AGENT_STEPS = 50;

export interface AgentLoopCap {
  /** Option names (Python keyword / dict key, JS property). */
  keys: string[];
  /** Imports that make the option mean this cap. */
  modules: RegExp;
  what: string;
  /** `None` / `null` switches the cap off. */
  noneIsUnbounded: boolean;
  fix: string;
}

export const AGENT_LOOP_CAPS: AgentLoopCap[] = [
  {
    keys: ['max_iterations', 'maxIterations'],
    modules: /^(langchain|langchain_classic|langchain_community|@langchain\/|langchain\/)/,
    what: 'the LangChain agent iteration cap (max_iterations; default 15)',
    noneIsUnbounded: true,
    fix: 'keep max_iterations at 10–25 and set max_execution_time',
  },
  {
    keys: ['recursion_limit', 'recursionLimit'],
    modules: /^(langgraph|@langchain\/langgraph|langchain|@langchain\/)/,
    what: 'the LangGraph recursion_limit (default 25)',
    noneIsUnbounded: false,
    fix: 'keep recursion_limit near the default (25) and count tool turns in the graph state',
  },
  {
    keys: ['max_turns', 'maxTurns'],
    modules: /^(agents$|agents\.|@openai\/agents|claude_agent_sdk|claude_code_sdk|@anthropic-ai\/claude-agent-sdk|@anthropic-ai\/claude-code)/,
    what: 'the agent turn cap (max_turns; OpenAI Agents default 10)',
    noneIsUnbounded: false,
    fix: 'keep max_turns at 10–25',
  },
];

/** Import specifiers of the frameworks above, for the textual pre-filter (core/prefilter.ts). */
export const AGENT_LOOP_MODULES = ['agents', '@openai/agents', 'claude_agent_sdk', 'claude_code_sdk', '@anthropic-ai/claude-agent-sdk', '@anthropic-ai/claude-code', 'langgraph', '@langchain/langgraph', 'langchain'];

/** A Python retry decorator library: `@retry(...)` from tenacity, `@backoff.on_exception(...)`. */
export interface RetryLibrary {
  module: string;
  names: string[];
  /** Keyword arguments any of which bounds the retries. */
  bounds: string[];
  /** Values of a bounding keyword that still mean "never stop". */
  never?: RegExp;
  fix: string;
}

/** Retry decorators that retry forever unless given one of their `bounds` (cost-retry-timeout). */
export const RETRY_DECORATORS: readonly RetryLibrary[] = [
  { module: 'tenacity', names: ['retry'], bounds: ['stop'], never: /(^|\.)stop_never$/, fix: 'add stop=stop_after_attempt(3) (or stop_after_delay)' },
  { module: 'backoff', names: ['on_exception', 'on_predicate'], bounds: ['max_tries', 'max_time'], fix: 'add max_tries=3 or max_time=60' },
  { module: 'retrying', names: ['retry'], bounds: ['stop_max_attempt_number', 'stop_max_delay', 'stop_func', 'stop'], fix: 'add stop_max_attempt_number=3' },
];

/** JS retry helpers that wrap a function and take `{ retries, forever }` options (cost-retry-timeout). */
export const RETRY_HELPERS: readonly string[] = ['p-retry', 'async-retry'];

/** Keyword arguments of `httpx.Timeout(...)` that set one part of the timeout; `None` switches that part off. */
export const HTTPX_TIMEOUT_PARTS: readonly string[] = ['timeout', 'connect', 'read', 'write', 'pool'];

/** Words that leave a retry loop or its error handler: a retry that can reach one of them gives up. */
export const RETRY_EXIT_WORDS = /\b(raise|throw|return|break)\b|\bsys\.exit\s*\(|\bprocess\.exit\s*\(/;

/** Names that spell "no limit" where a count is expected: infinity, and the largest number. */
export const UNLIMITED_NAMES = {
  infinity: ['math.inf', 'Number.POSITIVE_INFINITY', 'numpy.inf', 'np.inf'],
  largest: ['sys.maxsize', 'Number.MAX_SAFE_INTEGER', 'Number.MAX_VALUE'],
};

/** The Vercel AI SDK's tool loop: `maxSteps` / `stopWhen` on calls imported from these modules. */
export const AI_SDK_STEP_CAPS = {
  modules: ['ai', '@ai-sdk/react', 'ai/react', '@ai-sdk/vue', '@ai-sdk/svelte'],
  /** Stop conditions that count steps: `stepCountIs(n)`. */
  stepCountConditions: ['stepCountIs', 'isStepCount'],
  /** Stop conditions that do not count steps: the loop ends only when the model calls that tool. */
  openConditions: ['hasToolCall'],
};
