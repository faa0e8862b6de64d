// leak-raw-response: a route handler sends the LLM call's result object to the client wholesale (`return
// response`, `jsonify(resp.model_dump())`, `res.json(completion)`, `Response.json(result)`), which carries ids,
// token usage, tool-use inputs, thinking blocks and, for the AI SDK, the request with the system prompt. The AI
// SDK stream helpers (`toUIMessageStreamResponse`, …) and text fields (`.text`, `choices[0].message.content`,
// `output_text`, `.object`) are what the client should get; streaming calls are left alone.
import help from '../../docs/rules/leak-raw-response.md?raw';
import { findCallOption, type LlmCall } from '../analysis/bind.js';
import type { Call, Expr, FileModel, Span } from '../analysis/model.js';
import { spanContains } from '../analysis/model.js';
import { routeContaining, type RouteHandler } from '../analysis/routes.js';
import { flowStep } from '../analysis/taint.js';
import { dottedPath, exprSpanText, isLiteral, reachingAssignment, unwrap } from '../analysis/values.js';
import { RESPONSE_CALLS, SERIALIZERS } from '../knowledge/logging.js';
import type { CodeContext, Rule } from './types.js';

/** Members of a response that are still structured provider objects, not the selected text. */
const STRUCTURED_MEMBERS = new Set(['choices', 'output', 'candidates', 'response', 'request', 'steps', 'messages', 'generations']);
/** `choices[0].message` is the whole message object (tool calls, refusal, annotations). */
const MESSAGE_MEMBER = 'message';
const MAX_DEPTH = 12;
/** What a structured part carries besides the text. */
const PART_DETAILS: Record<string, string> = {
  'its content blocks': 'tool-use inputs and thinking blocks',
  choices: 'tool calls, refusals and logprobs',
  'choices.message': 'tool calls and refusals',
  output: 'tool calls and reasoning items',
  candidates: 'safety ratings and function calls',
  steps: 'every tool call and tool result',
  request: 'the full prompt, system prompt included,',
  response: 'the response headers and messages',
};

export const rule: Rule = {
  meta: {
    id: 'leak-raw-response',
    family: 'leak',
    title: 'Full LLM response object returned to the client',
    description:
      'A route handler returns the provider response object wholesale instead of the text the client needs: ids, token usage, tool-use inputs, thinking blocks and (AI SDK) the request with its system prompt go to the browser.',
    severity: 'low',
    cwe: ['CWE-200'],
    owasp: ['LLM02:2025', 'LLM07:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    const llmCalls = new Map<number, LlmCall>();
    for (const llmCall of ctx.llm.calls) if (!isStreaming(ctx, llmCall)) llmCalls.set(llmCall.call.index, llmCall);
    if (llmCalls.size === 0) return;
    for (const route of routesOf(ctx.model)) {
      const fn = ctx.model.functions[route.functionIndex]!;
      for (const sink of responseSinks(ctx.model, fn.span)) {
        const hit = wholesale(ctx.model, sink.value, sink.functionIndex, llmCalls, 0);
        if (!hit) continue;
        const { llmCall } = hit;
        const line = llmCall.call.span.line;
        const extra = llmCall.provider === 'vercel-ai' ? ', and the request itself with the system prompt,' : '';
        const message = hit.part
          ? `The ${llmCall.api} response (line ${line}) is sent to the client as ${hit.part} by ${sink.via}: ${PART_DETAILS[hit.part] ?? 'internal fields'} go with the text.`
          : `The whole ${llmCall.api} response (line ${line}) is sent to the client by ${sink.via}: ids, token usage, tool-use inputs and thinking blocks${extra} go with it.`;
        ctx.report({
          span: hit.span,
          message: `${message} Send only the text or the fields the client needs.`,
          flow: [
            flowStep(ctx.path, llmCall.call.span, `output of ${llmCall.api}`),
            flowStep(ctx.path, hit.span, `sent to the client by ${sink.via}`),
          ],
        });
      }
    }
  },
};

/** Route handlers, outermost first, without ones nested inside another route (reported once). */
function routesOf(model: FileModel): RouteHandler[] {
  const seen = new Set<number>();
  const out: RouteHandler[] = [];
  for (const fn of model.functions) {
    const route = routeContaining(model, fn.index);
    if (!route || seen.has(route.functionIndex)) continue;
    seen.add(route.functionIndex);
    out.push(route);
  }
  return out;
}

// ---- Shared with leak-raw-error ------------------------------------------------------------------------

export interface ResponseSink {
  /** A value that reaches the client. */
  value: Expr;
  /** How: `res.json(…)`, `jsonify(…)`, `return`. */
  via: string;
  span: Span;
  functionIndex: number | undefined;
}

/**
 * Values sent to the client inside `region`: arguments of response calls (`jsonify`, `res.json`, `new
 * Response`, `HTTPException(detail=…)`) and, in Python, returned values (the frameworks serialize them).
 */
export function responseSinks(model: FileModel, region: Span): ResponseSink[] {
  const sinks: ResponseSink[] = [];
  for (const call of model.calls) {
    if (!spanContains(region, call.span)) continue;
    const name = responseCallName(model, call);
    if (!name) continue;
    for (const arg of call.args) if (!arg.spread || arg.name === '**') sinks.push({ value: arg.value, via: `${name}(…)`, span: call.span, functionIndex: call.functionIndex });
  }
  if (model.language === 'python')
    for (const ret of model.returns)
      if (ret.value && spanContains(region, ret.span) && !isGenerator(model, ret.functionIndex) && !isLambdaLike(model, ret.functionIndex, region))
        sinks.push({ value: ret.value, via: 'return', span: ret.span, functionIndex: ret.functionIndex });
  return sinks;
}

/** Per file, the response call name of each call asked about, by position in model.calls (null: not a
 * response call): every route handler and error handler of a file asks about the calls inside it. */
const fileResponseCallNames = new WeakMap<FileModel, Array<string | null | undefined>>();

/** The display name of a response call (`res.status(500).json`, `NextResponse.json`), or undefined. */
export function responseCallName(model: FileModel, call: Call): string | undefined {
  if (model.calls[call.index] !== call) return findResponseCallName(model, call);
  let names = fileResponseCallNames.get(model);
  if (!names) fileResponseCallNames.set(model, (names = new Array<string | null | undefined>(model.calls.length)));
  let name = names[call.index];
  if (name === undefined) names[call.index] = name = findResponseCallName(model, call) ?? null;
  return name ?? undefined;
}

function findResponseCallName(model: FileModel, call: Call): string | undefined {
  const language = model.language === 'python' ? 'python' : 'js';
  const callee = unwrap(call.callee);
  const path = call.calleePath;
  for (const entry of RESPONSE_CALLS) {
    if (entry.language !== language) continue;
    if (entry.callee.startsWith('.')) {
      if (callee.kind !== 'member' || callee.property !== entry.callee.slice(1)) continue;
      const receiver = receiverName(model, callee.object);
      if (receiver && entry.receivers?.test(receiver)) return exprSpanText(model, call.callee.span, 40);
      continue;
    }
    if (!path) continue;
    if (entry.construct && language === 'js' && !call.isNew && !entry.callee.includes('.')) continue;
    if (path === entry.callee || path.endsWith('.' + entry.callee)) return `${call.isNew ? 'new ' : ''}${path}`;
  }
  return undefined;
}

function receiverName(model: FileModel, expr: Expr): string | undefined {
  const e = unwrap(expr);
  if (e.kind === 'call') {
    const inner = model.calls[e.callIndex];
    return inner && inner.callee.kind === 'member' ? inner.callee.property : undefined;
  }
  return dottedPath(e)?.split('.').pop();
}

function isGenerator(model: FileModel, functionIndex: number | undefined): boolean {
  return functionIndex !== undefined && !!model.functions[functionIndex]?.isGenerator;
}

/** Returns of functions nested in the region (a helper defined inside the handler) are not responses. */
function isLambdaLike(model: FileModel, functionIndex: number | undefined, region: Span): boolean {
  if (functionIndex === undefined) return false;
  const fn = model.functions[functionIndex];
  return !!fn && spanContains(region, fn.span) && !(fn.span.line === region.line && fn.span.column === region.column);
}

// ---- Wholesale detection -----------------------------------------------------------------------------

interface Wholesale {
  llmCall: LlmCall;
  span: Span;
  /** `content blocks`, `choices`, …: a structured part rather than the whole object. */
  part: string | undefined;
}

/** The LLM result object (or a structured part of it) inside a sent value, following local names. */
function wholesale(
  model: FileModel,
  expr: Expr,
  fn: number | undefined,
  llmCalls: Map<number, LlmCall>,
  depth: number,
  at: Span = expr.span,
): Wholesale | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrap(expr);
  const next = (child: Expr, atSpan: Span = child.span) => wholesale(model, child, fn, llmCalls, depth + 1, atSpan);
  switch (e.kind) {
    case 'name': {
      const assignment = reachingAssignment(model, e.name, e.span, fn);
      if (!assignment || assignment.augmented) return undefined;
      return wholesale(model, assignment.value, assignment.functionIndex, llmCalls, depth + 1, at);
    }
    case 'call': {
      const llmCall = llmCalls.get(e.callIndex);
      if (llmCall) return { llmCall, span: at, part: undefined };
      const call = model.calls[e.callIndex];
      if (!call) return undefined;
      const callee = unwrap(call.callee);
      // `resp.model_dump()`, `JSON.stringify(completion)`, `jsonify(resp)` nested in a return.
      if (callee.kind === 'member' && SERIALIZERS.methods.includes(callee.property)) return next(callee.object, at);
      if (call.calleePath && (SERIALIZERS.functions.includes(call.calleePath) || responseCallName(model, call)))
        for (const arg of call.args) {
          const hit = next(arg.value);
          if (hit) return hit;
        }
      return undefined;
    }
    case 'member': {
      const base = structuredBase(model, e, fn, llmCalls, depth);
      return base ? { ...base, span: at } : undefined;
    }
    case 'index':
      return next(e.object, at);
    case 'object':
      for (const entry of e.entries) {
        const hit = next(entry.value);
        if (hit) return hit;
      }
      return undefined;
    case 'array':
      for (const element of e.elements) {
        const hit = next(element);
        if (hit) return hit;
      }
      return undefined;
    case 'template':
      for (const part of e.parts) {
        if (typeof part === 'string') continue;
        const hit = next(part);
        if (hit) return hit;
      }
      return undefined;
    case 'other':
      if (e.op === 'conditional') {
        for (const child of e.children.slice(1)) {
          const hit = next(child);
          if (hit) return hit;
        }
        return undefined;
      }
      if (e.op === 'spread' || e.op === 'dict-splat') return e.children[0] ? next(e.children[0], at) : undefined;
      return undefined;
    default:
      return undefined;
  }
}

/** `completion.choices`, `completion.choices[0].message`, Anthropic `msg.content` (content blocks). */
function structuredBase(model: FileModel, expr: Extract<Expr, { kind: 'member' }>, fn: number | undefined, llmCalls: Map<number, LlmCall>, depth: number): Wholesale | undefined {
  const chain: string[] = [];
  let current: Expr = expr;
  while (true) {
    const u = unwrap(current);
    if (u.kind === 'member') {
      chain.unshift(u.property);
      current = u.object;
    } else if (u.kind === 'index') current = u.object;
    else break;
  }
  const root = wholesale(model, current, fn, llmCalls, depth + 1);
  if (!root || root.part) return undefined;
  const provider = root.llmCall.provider;
  const [first, second] = chain;
  const anthropicBlocks = provider === 'anthropic' && first === 'content' && chain.length === 1;
  const openaiMessage = first === 'choices' && (chain.length === 1 || (second === MESSAGE_MEMBER && chain.length === 2));
  const structured = chain.length === 1 && first !== undefined && STRUCTURED_MEMBERS.has(first);
  if (!anthropicBlocks && !openaiMessage && !structured) return undefined;
  return { llmCall: root.llmCall, span: expr.span, part: anthropicBlocks ? 'its content blocks' : chain.join('.') };
}

function isStreaming(ctx: CodeContext, llmCall: LlmCall): boolean {
  if (/stream/i.test(llmCall.api)) return true;
  const option = findCallOption(ctx.model, llmCall, 'stream');
  return option.found && !isLiteral(option.value, 'false');
}

