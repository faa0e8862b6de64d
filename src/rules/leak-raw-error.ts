// leak-raw-error: in a route handler, the except/catch block around an LLM call sends the raw error to the
// client (`str(e)`, `e.message`, `jsonify(error=str(e))`, `HTTPException(detail=str(e))`,
// `res.status(500).json({ error: err.message })`, `NextResponse.json({ error: String(err) })`). Provider errors
// carry request ids, model names, account and rate-limit details, and sometimes echo the prompt. Fixed messages,
// status codes and server-side logging are the fix and stay quiet.
import help from '../../docs/rules/leak-raw-error.md?raw';
import type { Call, Expr, FileModel, Span, TryStatement } from '../analysis/model.js';
import { spanContains } from '../analysis/model.js';
import { promptCalls } from '../analysis/prompts.js';
import { routeContaining } from '../analysis/routes.js';
import { flowStep } from '../analysis/taint.js';
import { exprSpanText, lineText, reachingAssignment, unwrap } from '../analysis/values.js';
import { SDK_ERROR_CLASS, TRACEBACK_CALLS } from '../knowledge/sdk.js';
import { responseCallName, responseSinks } from './leak-raw-response.js';
import type { CodeContext, Rule } from './types.js';

/** Error members that are safe to send: status codes and class names. */
const SAFE_ERROR_MEMBERS = new Set(['status_code', 'status', 'statusCode', 'code', 'http_status', 'type', 'name', '__class__', '__name__', 'retry_after']);
/** Calls whose result says nothing of the error's text. */
const OPAQUE_CALLS = new Set(['isinstance', 'type', 'len', 'bool', 'hasattr', 'getattr', 'id', 'int', 'Number', 'Boolean', 'Array.isArray', 'logger.exception', 'print']);
const MAX_DEPTH = 10;

export const rule: Rule = {
  meta: {
    id: 'leak-raw-error',
    family: 'leak',
    title: 'Raw LLM error returned to the client',
    description:
      'A route handler catches an error around an LLM call and sends its text to the client (str(e), e.message, e.body): provider errors carry request ids, model and account details, rate-limit state and sometimes parts of the prompt.',
    severity: 'medium',
    cwe: ['CWE-209'],
    owasp: ['LLM02:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    const llmSpans = [...ctx.llm.calls.map((c) => ({ span: c.call.span, api: c.api })), ...promptCalls(ctx.model, ctx.llm).map((c) => ({ span: c.call.span, api: c.api }))];
    if (llmSpans.length === 0 && !SDK_ERROR_CLASS.test(ctx.model.source)) return;
    for (const tryStatement of ctx.model.tries) {
      const route = routeContaining(ctx.model, tryStatement.functionIndex);
      if (!route) continue;
      for (const handler of tryStatement.handlers) {
        const guarded = guardedCall(ctx, tryStatement, handler.span, llmSpans);
        if (!guarded) continue;
        for (const sink of responseSinks(ctx.model, handler.span)) {
          const leak = rawError(ctx.model, sink.value, handler.param, handler.span, sink.functionIndex, 0);
          if (!leak) continue;
          const text = exprSpanText(ctx.model, leak, 50);
          ctx.report({
            span: leak,
            message: `The error from ${guarded.api}${guarded.line ? ` (line ${guarded.line})` : ''} is sent to the client as ${text} by ${sink.via} (line ${sink.span.line}): provider errors carry request ids, model and account details, rate-limit state and sometimes parts of the prompt. Return a fixed message with a correlation id and log the details server-side.`,
            flow: [
              ...(guarded.line ? [flowStep(ctx.path, guarded.span!, `${guarded.api} may raise`)] : []),
              flowStep(ctx.path, handler.span, `caught as ${handler.param ?? 'the current exception'}`),
              flowStep(ctx.path, leak, `sent to the client by ${sink.via}`),
            ],
          });
        }
      }
    }
  },
};

/** The LLM call the try block protects: in its body, in a local helper it calls, or named by the catch clause. */
function guardedCall(
  ctx: CodeContext,
  tryStatement: TryStatement,
  handlerSpan: Span,
  llmSpans: Array<{ span: Span; api: string }>,
): { api: string; line: number | undefined; span: Span | undefined } | undefined {
  const direct = llmSpans.find((c) => spanContains(tryStatement.bodySpan, c.span));
  if (direct) return { api: direct.api, line: direct.span.line, span: direct.span };
  for (const call of ctx.model.calls) {
    if (!spanContains(tryStatement.bodySpan, call.span)) continue;
    const inner = helperLlmCall(ctx.model, call, llmSpans, 0);
    if (inner) return { api: inner.api, line: inner.span.line, span: inner.span };
  }
  const clause = lineText(ctx.model, handlerSpan.line);
  const named = SDK_ERROR_CLASS.exec(clause);
  return named ? { api: named[0], line: undefined, span: undefined } : undefined;
}

/** An LLM call inside a function of this file that `call` invokes (two levels deep). */
function helperLlmCall(model: FileModel, call: Call, llmSpans: Array<{ span: Span; api: string }>, depth: number): { span: Span; api: string } | undefined {
  if (depth > 1 || !call.calleePath) return undefined;
  const name = call.calleePath.replace(/^(self|this|cls)\./, '');
  if (name.includes('.')) return undefined;
  const fn = model.functions.find((f) => f.name === name);
  if (!fn) return undefined;
  const found = llmSpans.find((c) => spanContains(fn.bodySpan, c.span));
  if (found) return found;
  for (const inner of model.calls) {
    if (inner.functionIndex !== fn.index) continue;
    const hit = helperLlmCall(model, inner, llmSpans, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

/** The sub-expression of a sent value that carries the caught error's text, following local names. */
function rawError(model: FileModel, expr: Expr, errName: string | undefined, handler: Span, fn: number | undefined, depth: number): Span | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrap(expr);
  const next = (child: Expr) => rawError(model, child, errName, handler, fn, depth + 1);
  switch (e.kind) {
    case 'name': {
      if (errName !== undefined && e.name === errName) return e.span;
      const assignment = reachingAssignment(model, e.name, e.span, fn);
      // Only values computed inside this handler (`msg = str(e)`); anything earlier cannot hold the error.
      if (!assignment || !spanContains(handler, assignment.span)) return undefined;
      return rawError(model, assignment.value, errName, handler, assignment.functionIndex, depth + 1) ? e.span : undefined;
    }
    case 'member': {
      const root = rootName(e);
      if (errName !== undefined && root?.name === errName) return SAFE_ERROR_MEMBERS.has(root.first) ? undefined : e.span;
      return next(e.object) ? e.span : undefined;
    }
    case 'index':
      return next(e.object) ? e.span : undefined;
    case 'call': {
      const call = model.calls[e.callIndex];
      if (!call) return undefined;
      const path = call.calleePath;
      if (path && TRACEBACK_CALLS.includes(path)) return e.span;
      if (path && OPAQUE_CALLS.has(path)) return undefined;
      const callee = unwrap(call.callee);
      const receiver = callee.kind === 'member' ? next(callee.object) : undefined;
      if (receiver) return e.span;
      for (const arg of call.args) {
        const hit = next(arg.value);
        // Inside a nested response call (`return jsonify(error=str(e)), 502`) the finding is the argument.
        if (hit) return responseCallName(model, call) ? hit : e.span;
      }
      return undefined;
    }
    case 'template':
      for (const part of e.parts) if (typeof part !== 'string' && next(part)) return e.span;
      return undefined;
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
    case 'binary':
      if (['+', 'or', '||', '??', '%', 'and', '&&'].includes(e.op)) return next(e.left) ?? next(e.right);
      return undefined;
    case 'other':
      if (e.op === 'conditional') {
        for (const child of e.children.slice(1)) {
          const hit = next(child);
          if (hit) return hit;
        }
        return undefined;
      }
      if (e.op.startsWith('unary:') || e.op === 'typeof' || e.op === 'instanceof') return undefined;
      for (const child of e.children) {
        const hit = next(child);
        if (hit) return hit;
      }
      return undefined;
    default:
      return undefined;
  }
}

function rootName(expr: Expr): { name: string; first: string } | undefined {
  let current = unwrap(expr);
  let first: string | undefined;
  for (let depth = 0; depth < 32; depth++) {
    if (current.kind === 'member') {
      first = current.property;
      current = unwrap(current.object);
    } else if (current.kind === 'index') current = unwrap(current.object);
    else break;
  }
  return current.kind === 'name' && first !== undefined ? { name: current.name, first } : undefined;
}
