// leak-prompt-logging: a log call writes a prompt part of an LLM call (the system prompt, a message, the
// user's text that went into one) or the model's output to the logs. Low; medium when the logged value is
// client data inside a route handler (users paste personal data and secrets into chats, and logs are kept
// longer and read more widely than the database). Token usage, ids and latency are what to log and stay
// quiet, as do redacted values, tests, debug output behind a flag, and print()/console output of CLI scripts
// (their UI, not a log). Observability SDKs (Langfuse, LangSmith) record prompts by design: not sinks.
import help from '../../docs/rules/leak-prompt-logging.md?raw';
import { findCallOption } from '../analysis/bind.js';
import type { Call, Expr, FileModel, Span } from '../analysis/model.js';
import { spanContains } from '../analysis/model.js';
import { describePart, promptCalls } from '../analysis/prompts.js';
import { findRouteHandlers, routeContaining } from '../analysis/routes.js';
import { flowMessage, flowStep, flowSteps, taintAnalysis, type TaintAnalysis } from '../analysis/taint.js';
import { assignmentsTo, dottedPath, enclosingFunctions, exprSpanText, reachingAssignment, resolveValue, stringValue, unwrap } from '../analysis/values.js';
import {
  COUNT_OR_DIGEST_CALLS,
  DEBUG_FLAG,
  LOG_METHODS,
  LOGGER_FACTORIES,
  LOGGER_RECEIVER,
  OBSERVABILITY_MODULES,
  SDK_DEBUG_LOGGING,
  STDOUT_CALLS,
  TEST_PATH,
  WEB_SERVER_MODULES,
} from '../knowledge/logging.js';
import { LLM_METADATA_MEMBERS, NON_PROPAGATING_CALLS, SANITIZERS } from '../knowledge/taint.js';
import type { CodeContext, Rule } from './types.js';

/** `ANTHROPIC_LOG=debug`, `export OPENAI_LOG="debug"`, `ENV ANTHROPIC_LOG=debug`, `ANTHROPIC_LOG: debug`, `"OPENAI_LOG": "debug"`. */
const DEBUG_ENV_LINE = /^(\s*(?:export\s+|ENV\s+|-\s+)?["']?)([A-Z_]+)["']?\s*[=:]\s*["']?debug["']?\s*,?\s*(?:#.*)?$/;
const RECEIVER_NAMES = new Set(['self', 'this', 'cls']);
/** Ids are what to log: `chat_id`, `chatId`, `id`, `request_ids`. */
const ID_NAME = /^(?:id|ids|uuid|\w+_ids?|\w+Ids?|\w+_uuid)$/;
/** Members that are sizes, roles or response metadata, not the text: `prompt.length`, `response.usage`. */
const NON_TEXT_MEMBERS = new Set([...LLM_METADATA_MEMBERS, 'length', 'size', 'byteLength', 'shape', 'role', 'type', 'count']);

export const rule: Rule = {
  meta: {
    id: 'leak-prompt-logging',
    family: 'leak',
    title: 'Prompt or model output written to logs',
    description:
      'A logging call (logging, logger, print or console in server code, winston, pino, structlog) writes a prompt part of an LLM call or the model output: chat text often holds personal data and pasted secrets, and logs are kept longer and read more widely.',
    severity: 'low',
    cwe: ['CWE-532'],
    owasp: ['LLM02:2025'],
    precision: 'medium',
    help,
  },
  checkText(ctx) {
    if (!SDK_DEBUG_LOGGING.files.test(ctx.path) || TEST_PATH.test(ctx.path)) return;
    const lines = ctx.text.split(/\r\n|\r|\n/);
    lines.forEach((line, i) => {
      const match = DEBUG_ENV_LINE.exec(line);
      if (!match || !SDK_DEBUG_LOGGING.envNames.includes(match[2]!)) return;
      const column = match[1]!.length + 1;
      ctx.report({
        span: { line: i + 1, column, endLine: i + 1, endColumn: line.trimEnd().length + 1 },
        message: `${match[2]}=debug makes the ${match[2] === 'OPENAI_LOG' ? 'OpenAI' : 'Anthropic'} SDK log every request and response with its body: prompts, system prompt and completions go to the logs. Leave it unset outside a local debugging session.`,
      });
    });
  },
  checkCode(ctx) {
    if (TEST_PATH.test(ctx.path)) return;
    sdkDebugOption(ctx);
    const calls = promptCalls(ctx.model, ctx.llm);
    if (calls.length === 0) return;
    const language = ctx.model.language === 'python' ? 'python' : 'js';
    const server = isServerCode(ctx.model);
    // Collected when a log call first writes a value: most files log none.
    let collected: PromptKey[] | undefined;
    const keys = () => (collected ??= promptKeys(ctx, calls));
    const taint = taintAnalysis(ctx.model, ctx.llm, ctx.config);

    for (const call of ctx.model.calls) {
      const sink = logSink(ctx.model, call, language, server);
      if (!sink || behindDebugFlag(ctx.model, call)) continue;
      // One finding per log call: the first argument that writes a prompt part or model output.
      for (const arg of call.args) if (reportPromptPart(ctx, call, sink, arg.value, keys, taint) || reportOutput(ctx, call, sink, arg.value, taint)) break;
    }
  },
};

/** `new Anthropic({ logLevel: 'debug' })`: the TS SDKs log request and response bodies at debug. */
function sdkDebugOption(ctx: CodeContext): void {
  for (const construction of ctx.llm.constructions) {
    if (construction.spec.kind !== 'client' || !SDK_DEBUG_LOGGING.providers.includes(construction.provider)) continue;
    const options = construction.call.args[0];
    if (!options || options.spread) continue;
    const object = resolveValue(ctx.model, options.value, construction.call.functionIndex);
    if (object.kind !== 'object') continue;
    const entry = object.entries.find((e) => !e.spread && e.key === SDK_DEBUG_LOGGING.clientOption);
    if (!entry || stringValue(resolveValue(ctx.model, entry.value, construction.call.functionIndex)) !== SDK_DEBUG_LOGGING.level) continue;
    ctx.report({
      span: entry.span,
      message: `logLevel 'debug' on the ${construction.spec.name === 'default' ? construction.provider : construction.spec.name} client logs every request and response with its body: prompts, system prompt and completions go to the logs. Drop it, or set it from a debug flag.`,
    });
  }
}

/** The logged value is (or contains) a value that went into a prompt. Medium for client data on a request path. */
function reportPromptPart(ctx: CodeContext, call: Call, sink: string, value: Expr, keys: () => PromptKey[], taint: TaintAnalysis): boolean {
  const fn = call.functionIndex;
  for (const logged of loggedValues(ctx.model, value)) {
    const key = matchKey(ctx.model, logged, fn, keys());
    if (!key) continue;
    const user = routeContaining(ctx.model, fn) ? taint.taintedBy(logged.expr, fn, ['user'], ['redact'])[0] : undefined;
    const text = exprSpanText(ctx.model, logged.expr.span, 50);
    ctx.report({
      span: call.span,
      severity: user ? 'medium' : 'low',
      message: `${sink} writes ${text} (${key.via}, line ${key.line}) to the log${user ? `, and it is client data (${user.source}) on a request path` : ''}: chat text often holds personal data and pasted secrets, and logs are kept longer and read more widely. Log ids, token usage and latency instead, or redact the text.`,
      flow: user
        ? flowSteps(ctx.path, user, call.span, `written to the log by ${sink}`)
        : [flowStep(ctx.path, key.span, key.via), flowStep(ctx.path, call.span, `written to the log by ${sink}`)],
    });
    return true;
  }
  return false;
}

/** The logged value is model output: the response object or its text. */
function reportOutput(ctx: CodeContext, call: Call, sink: string, value: Expr, taint: TaintAnalysis): boolean {
  const trace = taint.taintedBy(value, call.functionIndex, ['llm'], ['redact'])[0];
  if (!trace) return false;
  ctx.report({
    span: call.span,
    message: `${flowMessage(trace, `the log through ${sink}`, call.span.line)}: model output repeats what users typed and what the model was told. Log ids, token usage and latency instead, or redact the text.`,
    flow: flowSteps(ctx.path, trace, call.span, `written to the log by ${sink}`),
  });
  return true;
}

// ---- Log sinks ---------------------------------------------------------------------------------------

/** The log tables as sets: every call of a file is looked up. */
const STDOUT_CALL_SET = { python: new Set(STDOUT_CALLS.python), js: new Set(STDOUT_CALLS.js) };
const LOG_METHOD_SET = { python: new Set(LOG_METHODS.python), js: new Set(LOG_METHODS.js) };
const COUNT_OR_DIGEST_CALL_SET = new Set(COUNT_OR_DIGEST_CALLS);

/** The log call's display name, or undefined when `call` does not write a log record. */
function logSink(model: FileModel, call: Call, language: 'python' | 'js', server: boolean): string | undefined {
  const path = call.calleePath;
  if (path && STDOUT_CALL_SET[language].has(path)) return server ? `${path}()` : undefined;
  const callee = unwrap(call.callee);
  if (callee.kind !== 'member' || !LOG_METHOD_SET[language].has(callee.property)) return undefined;
  const receiver = unwrap(callee.object);
  const receiverPath = dottedPath(receiver);
  const last = receiverPath?.slice(receiverPath.lastIndexOf('.') + 1);
  const root = receiverPath?.split('.')[0];
  if (root && model.imports.some((i) => i.local === root && OBSERVABILITY_MODULES.test(i.module))) return undefined;
  if ((last && LOGGER_RECEIVER.test(last)) || isLoggerValue(model, receiver, call.functionIndex))
    return `${exprSpanText(model, call.callee.span, 40)}()`;
  return undefined;
}

/** A receiver built by a logger factory: `audit = logging.getLogger("audit")`, `const log = pino()`. */
function isLoggerValue(model: FileModel, receiver: Expr, fn: number | undefined): boolean {
  const value = resolveValue(model, receiver, fn);
  if (value.kind !== 'call') return false;
  const path = model.calls[value.callIndex]?.calleePath;
  return !!path && LOGGER_FACTORIES.some((f) => path === f || path.endsWith('.' + f));
}

/** Server code: a route handler file, or one that imports a web framework. CLI prints are their UI. */
function isServerCode(model: FileModel): boolean {
  return findRouteHandlers(model).length > 0 || model.imports.some((i) => WEB_SERVER_MODULES.test(i.module));
}

/** Inside `if DEBUG:` / `if (process.env.DEBUG)` / `if args.verbose`: debug output the operator switches on. */
function behindDebugFlag(model: FileModel, call: Call): boolean {
  const scopes = new Set(enclosingFunctions(model, call.functionIndex));
  return model.conditions.some(
    (c) => scopes.has(c.functionIndex) && spanContains(c.consequentSpan, call.span) && DEBUG_FLAG.test(exprSpanText(model, c.test.span, 200)),
  );
}

// ---- Prompt keys -------------------------------------------------------------------------------------

/** A value that went into a prompt: its path (`question`, `data.question`), binding scope and role. */
interface PromptKey {
  path: string;
  scope: number | 'module';
  via: string;
  line: number;
  span: Span;
}

function promptKeys(ctx: CodeContext, calls: ReturnType<typeof promptCalls>): PromptKey[] {
  const keys: PromptKey[] = [];
  const add = (expr: Expr, fn: number | undefined, via: string, depth: number) => {
    // Arguments of calls count in the prompt value itself (`convertToModelMessages(history)`), not in what it was
    // built from: `history = load_history(chat_id)` does not make `chat_id` prompt text.
    for (const { path, root, node } of valuePaths(ctx.model, expr, depth === 0)) {
      keys.push({ path, scope: bindingScope(ctx.model, root, fn), via, line: node.span.line, span: node.span });
      // `prompt = f"…{question}…"`: the variables the prompt was built from are prompt parts too.
      if (depth < 2 && path === root) {
        const assignment = reachingAssignment(ctx.model, root, node.span, fn);
        if (assignment && !assignment.augmented) add(assignment.value, assignment.functionIndex, via, depth + 1);
      }
    }
  };
  for (const call of calls) {
    for (const part of call.parts) add(part.value, part.functionIndex, describePart(part, call.api), 0);
    if (call.llmCall)
      for (const role of ['system', 'messages', 'prompt'] as const) {
        const option = findCallOption(ctx.model, call.llmCall, role);
        if (option.found) add(option.value, call.call.functionIndex, `${option.name} of ${call.api}`, 0);
      }
  }
  return keys;
}

/** The logged value matches a prompt key: the same variable, a field of it, or a container holding it. */
function matchKey(model: FileModel, logged: { path: string; root: string }, fn: number | undefined, keys: PromptKey[]): PromptKey | undefined {
  const scope = bindingScope(model, logged.root, fn);
  // A bare import (`request`) or receiver (`self`) is not the data it holds.
  const opaqueRoot = RECEIVER_NAMES.has(logged.root) || model.imports.some((i) => i.local === logged.root);
  return keys.find((key) => {
    if (key.scope !== scope || key.path.split('.')[0] !== logged.root) return false;
    if (key.path === logged.path || logged.path.startsWith(key.path + '.')) return true;
    // Logging `data` when the prompt used `data["question"]`.
    return key.path.startsWith(logged.path + '.') && !(opaqueRoot && logged.path === logged.root);
  });
}

/** Where `name` is bound as read in `fn`: the function that assigns it or has it as a parameter, or the module. */
function bindingScope(model: FileModel, name: string, fn: number | undefined): number | 'module' {
  const assigned = assignmentsTo(model, name);
  for (const scope of enclosingFunctions(model, fn)) {
    if (scope === undefined) return 'module';
    const f = model.functions[scope]!;
    if (f.params.some((p) => p.name === name) || assigned.some((a) => a.functionIndex === scope)) return scope;
  }
  return 'module';
}

// ---- Walking values ------------------------------------------------------------------------------------

interface ValuePath {
  path: string;
  root: string;
  node: Expr;
  expr: Expr;
}

/** Maximal name/member chains read in `expr` (indexes by position dropped): `messages[0].content` → `messages.content`. */
function valuePaths(model: FileModel, expr: Expr, intoArguments = true, depth = 0): ValuePath[] {
  if (depth > 24) return [];
  const e = unwrap(expr);
  const chain = chainOf(e);
  if (chain) return [{ ...chain, node: e, expr: e }];
  const inner = (child: Expr) => valuePaths(model, child, intoArguments, depth + 1);
  switch (e.kind) {
    case 'template':
      return e.parts.flatMap((p) => (typeof p === 'string' ? [] : inner(p)));
    case 'object':
      return e.entries.flatMap((entry) => inner(entry.value));
    case 'array':
      return e.elements.flatMap(inner);
    case 'binary':
      return [...inner(e.left), ...inner(e.right)];
    case 'member':
    case 'index':
      return inner(e.object);
    case 'other':
      if (e.op.startsWith('unary:') || e.op === 'typeof') return [];
      return (e.op === 'conditional' ? e.children.slice(1) : e.children).flatMap(inner);
    case 'call': {
      const call = model.calls[e.callIndex];
      if (!call || opaqueCall(model, call)) return [];
      const callee = unwrap(call.callee);
      return [...(callee.kind === 'member' ? inner(callee.object) : []), ...(intoArguments ? call.args.flatMap((a) => inner(a.value)) : [])];
    }
    default:
      return [];
  }
}

/** What a log argument writes: value paths outside length/type/redaction calls, minus sizes and metadata. */
function loggedValues(model: FileModel, expr: Expr): ValuePath[] {
  return valuePaths(model, expr).filter((v) => {
    const last = v.path.split('.').pop()!;
    return !ID_NAME.test(last) && (!NON_TEXT_MEMBERS.has(last) || v.path === v.root);
  });
}

function chainOf(expr: Expr): { path: string; root: string } | undefined {
  const parts: string[] = [];
  let current = unwrap(expr);
  for (let depth = 0; depth < 32; depth++) {
    if (current.kind === 'name') {
      parts.unshift(current.name);
      return { path: parts.join('.'), root: current.name };
    }
    if (current.kind === 'member') {
      parts.unshift(current.property);
      current = unwrap(current.object);
    } else if (current.kind === 'index') {
      if (current.index.kind === 'string') parts.unshift(current.index.value);
      else if (current.index.kind !== 'number') return undefined;
      current = unwrap(current.object);
    } else return undefined;
  }
  return undefined;
}

/** `len(prompt)`, `type(x)`, `redact(prompt)`: the text itself is not logged. */
function opaqueCall(model: FileModel, call: Call): boolean {
  const language = model.language === 'python' ? 'python' : 'js';
  const path = call.calleePath;
  const method = call.callee.kind === 'member' ? call.callee.property : undefined;
  const matches = (callee: string, lang?: string) =>
    (!lang || lang === language) && (callee.startsWith('.') ? method === callee.slice(1) : path === callee || (path?.endsWith('.' + callee) ?? false));
  if (NON_PROPAGATING_CALLS.some((m) => matches(m.callee, m.language))) return true;
  if (SANITIZERS.some((s) => s.kind === 'redact' && matches(s.callee, s.language))) return true;
  // `.length` of a string is a member, but `len()`-style counters and hashes are calls.
  return path !== undefined && COUNT_OR_DIGEST_CALL_SET.has(path.slice(path.lastIndexOf('.') + 1));
}
