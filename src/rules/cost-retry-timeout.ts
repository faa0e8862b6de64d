import help from '../../docs/rules/cost-retry-timeout.md?raw';
import { findOption, type LlmCall, type OptionLookup } from '../analysis/bind.js';
import type { Argument, Call, Expr, FileModel, Span } from '../analysis/model.js';
import { dottedPath, enclosingFunctions, importedName, isLiteral, resolveValue, unwrap } from '../analysis/values.js';
import { HTTPX_TIMEOUT_PARTS, RETRY_DECORATORS, RETRY_HELPERS, type RetryLibrary } from '../knowledge/agent-loops.js';
import type { Signature } from '../knowledge/sdk.js';
import { resolvedLimit } from './limit-values.js';
import { swallowingRetry } from './retry-loops.js';
import { restOfLine } from './spans.js';
import type { CodeContext, Rule } from './types.js';

/** Unbounded retries and disabled timeouts around LLM calls. SDK defaults (2 retries, 10 minutes) are
 * bounded, so only explicit values are reported. */
export const rule: Rule = {
  meta: {
    id: 'cost-retry-timeout',
    family: 'cost',
    title: 'Unbounded retries or disabled timeout on LLM calls',
    description:
      'An LLM client or call retries without a bound (a retry count above the threshold or infinite, a retry decorator or helper with no stop condition, a hand-written retry loop that never gives up) or has its timeout disabled, so one outage or hung request can burn money and hold workers indefinitely.',
    severity: 'low',
    cwe: ['CWE-400', 'CWE-770'],
    owasp: ['LLM10:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    const report = (span: Span, message: string) => ctx.report({ span, message });
    checkClientOptions(ctx, report);
    checkCallOptions(ctx, report);
    checkRetryDecorators(ctx, report);
    checkRetryHelpers(ctx, report);
    checkRetryLoops(ctx, report);
  },
};

type Reporter = (span: Span, message: string) => void;

const FIX_RETRIES = 'Use 2–3 retries with backoff and jitter.';
const FIX_TIMEOUT = 'Set a per-request timeout (for example 60 seconds, less for interactive routes).';

// ---- Values -----------------------------------------------------------------------------------------

function isNone(model: FileModel, expr: Expr, functionIndex: number | undefined): boolean {
  return isLiteral(resolveValue(model, expr, functionIndex), 'null');
}

function describeCount(value: number): string {
  return value === Infinity ? 'infinite' : value >= Number.MAX_SAFE_INTEGER ? 'effectively unlimited' : String(value);
}

/**
 * Whether a timeout value disables the timeout: Python `None` (the Anthropic and OpenAI SDKs pass it to
 * httpx as "no timeout"), infinity, or an `httpx.Timeout` with a `None` part. JS `null` is not reported:
 * the JS SDKs fall back to their default for it.
 */
function disabledTimeout(model: FileModel, expr: Expr, functionIndex: number | undefined): string | undefined {
  if (model.language === 'python' && isNone(model, expr, functionIndex)) return 'None (no timeout)';
  const n = resolvedLimit(model, expr, functionIndex);
  if (n === Infinity) return 'infinite';
  const value = resolveValue(model, expr, functionIndex);
  if (value.kind === 'call' && model.language === 'python') {
    const call = model.calls[value.callIndex]!;
    const target = importedName(model, call.callee);
    if (target?.module === 'httpx' && target.name === 'Timeout') {
      const first = call.args[0];
      if (first && first.name === undefined && !first.spread && isNone(model, first.value, functionIndex)) return 'httpx.Timeout(None) (no timeout)';
      const part = call.args.find((a) => a.name !== undefined && HTTPX_TIMEOUT_PARTS.includes(a.name) && isNone(model, a.value, functionIndex));
      if (part) return `httpx.Timeout(${part.name}=None) (no ${part.name} timeout)`;
    }
  }
  return undefined;
}

// ---- Client constructors and with_options -----------------------------------------------------------

function checkClientOptions(ctx: CodeContext, report: Reporter): void {
  const { model } = ctx;
  const constructed = new Set(ctx.llm.constructions.map((c) => c.call.index));
  for (const construction of ctx.llm.constructions) {
    const what = `${construction.call.calleePath?.split('.').pop() ?? construction.spec.name}(…)`;
    checkOptions(ctx, construction.call, construction.spec.signature, what, report);
    // `http_client=httpx.Client(timeout=None)`: the SDK uses the custom client's timeout.
    for (const arg of construction.call.args) {
      if (arg.name !== 'http_client' || arg.spread) continue;
      const client = resolveValue(model, arg.value, construction.call.functionIndex);
      if (client.kind !== 'call') continue;
      const inner = model.calls[client.callIndex]!;
      const target = importedName(model, inner.callee);
      if (target?.module !== 'httpx' || !/^(Async)?Client$/.test(target.name)) continue;
      const timeout = inner.args.find((a) => a.name === 'timeout' && !a.spread);
      const disabled = timeout && disabledTimeout(model, timeout.value, inner.functionIndex);
      if (disabled) report(timeout.span, `the httpx client given to ${what} has timeout ${disabled}: a hung LLM request holds the worker indefinitely. ${FIX_TIMEOUT}`);
    }
  }
  // `client.with_options(max_retries=…)` / `client.withOptions({ maxRetries })` on a constructed client.
  for (const call of model.calls) {
    const callee = unwrap(call.callee);
    if (callee.kind !== 'member' || (callee.property !== 'with_options' && callee.property !== 'withOptions')) continue;
    const receiver = resolveValue(model, callee.object, call.functionIndex);
    if (receiver.kind !== 'call' || !constructed.has(receiver.callIndex)) continue;
    const construction = ctx.llm.constructions.find((c) => c.call.index === receiver.callIndex)!;
    checkOptions(ctx, call, construction.spec.signature, `${callee.property}(…)`, report);
  }
}

function checkOptions(ctx: CodeContext, call: Call, signature: Signature, what: string, report: Reporter): void {
  checkRetryOption(ctx, findOption(ctx.model, call, signature, 'maxRetries'), call.functionIndex, what, report);
  checkTimeoutOption(ctx, findOption(ctx.model, call, signature, 'timeout'), call.functionIndex, what, report);
}

function checkRetryOption(ctx: CodeContext, lookup: OptionLookup, functionIndex: number | undefined, what: string, report: Reporter): void {
  if (!lookup.found) return;
  const value = resolvedLimit(ctx.model, lookup.value, functionIndex);
  const threshold = ctx.config.thresholds.maxRetries;
  if (value === undefined || value <= threshold) return;
  report(
    lookup.span,
    `${lookup.name} of ${what} is ${describeCount(value)}, above the ${threshold} threshold: during an outage or rate limiting every request is repeated that many times, multiplying cost and load. ${FIX_RETRIES}`,
  );
}

function checkTimeoutOption(ctx: CodeContext, lookup: OptionLookup, functionIndex: number | undefined, what: string, report: Reporter): void {
  if (!lookup.found) return;
  const disabled = disabledTimeout(ctx.model, lookup.value, functionIndex);
  if (!disabled) return;
  report(lookup.span, `${lookup.name} of ${what} is ${disabled}: a hung LLM request holds the worker and its connection indefinitely. ${FIX_TIMEOUT}`);
}

// ---- Per-call options -------------------------------------------------------------------------------

/** The JS SDKs take per-request options as the second argument: `create({...}, { timeout, maxRetries })`. */
const JS_REQUEST_OPTIONS: Signature = {
  options: { style: 'object', argument: 1 },
  names: { timeout: ['timeout'], maxRetries: ['maxRetries'] },
};

function checkCallOptions(ctx: CodeContext, report: Reporter): void {
  for (const llmCall of ctx.llm.calls) {
    const { call } = llmCall;
    checkOptions(ctx, call, llmCall.signature, llmCall.api, report);
    if (ctx.model.language !== 'python' && llmCall.method && (llmCall.provider === 'anthropic' || llmCall.provider === 'openai'))
      checkOptions(ctx, call, JS_REQUEST_OPTIONS, `${llmCall.api} request options`, report);
  }
}

// ---- Retry decorators (tenacity, backoff, retrying) -------------------------------------------------

function checkRetryDecorators(ctx: CodeContext, report: Reporter): void {
  const { model } = ctx;
  for (const fn of model.functions) {
    if (fn.decorators.length === 0) continue;
    const llmCall = llmCallInside(ctx, fn.index);
    if (!llmCall) continue;
    for (const decorator of fn.decorators) {
      const d = unwrap(decorator);
      const call = d.kind === 'call' ? model.calls[d.callIndex] : undefined;
      const target = importedName(model, call ? call.callee : d);
      const library = target && RETRY_DECORATORS.find((l) => l.module === target.module && l.names.includes(target.name));
      if (!library || !target) continue;
      const args = call?.args ?? [];
      if (args.some((a) => a.spread)) continue; // `**retry_kwargs` could hold the stop condition
      if (args.some((a) => a.name !== undefined && library.bounds.includes(a.name) && !isNeverStop(model, a, library, fn.index))) continue;
      const name = fn.name ? `${fn.name}()` : 'this function';
      report(
        d.span,
        `@${dottedPath(call ? call.callee : d) ?? target.name} (${library.module}) on ${name} has no stop condition, so it retries ${llmCall.api} forever while the provider fails or rate-limits: ${library.fix}.`,
      );
    }
  }
}

function isNeverStop(model: FileModel, arg: Argument, library: RetryLibrary, functionIndex: number): boolean {
  if (isNone(model, arg.value, functionIndex)) return true;
  const path = dottedPath(resolveValue(model, arg.value, functionIndex));
  return !!(library.never && path && library.never.test(path));
}

/** The first LLM call inside a function (its body or nested callbacks). */
function llmCallInside(ctx: CodeContext, functionIndex: number): LlmCall | undefined {
  return ctx.llm.calls.find((c) => enclosingFunctions(ctx.model, c.call.functionIndex).includes(functionIndex));
}

// ---- p-retry / async-retry ---------------------------------------------------------------------------

function checkRetryHelpers(ctx: CodeContext, report: Reporter): void {
  const { model } = ctx;
  if (!model.imports.some((imp) => !imp.typeOnly && RETRY_HELPERS.includes(imp.module))) return;
  for (const call of model.calls) {
    const target = importedName(model, call.callee);
    if (!target || !RETRY_HELPERS.includes(target.module) || (target.name !== 'default' && target.name !== 'pRetry')) continue;
    const wrapped = wrappedFunction(model, call);
    const llmCall = wrapped === undefined ? undefined : llmCallInside(ctx, wrapped);
    if (!llmCall) continue;
    const options = call.args[1];
    if (!options || options.spread) continue;
    const object = resolveValue(model, options.value, call.functionIndex);
    if (object.kind !== 'object') continue;
    for (const entry of object.entries) {
      if (entry.spread) continue;
      if (entry.key === 'forever' && isLiteral(entry.value, 'true'))
        report(entry.span, `${target.module} with forever: true retries ${llmCall.api} without end while the provider fails. ${FIX_RETRIES}`);
      if (entry.key === 'retries') {
        const value = resolvedLimit(model, entry.value, call.functionIndex);
        const threshold = ctx.config.thresholds.maxRetries;
        if (value !== undefined && value > threshold)
          report(
            entry.span,
            `${target.module} retries ${llmCall.api} ${value === Infinity ? 'without end' : `${describeCount(value)} times (above the ${threshold} threshold)`}, on top of the SDK's own retries. ${FIX_RETRIES}`,
          );
      }
    }
  }
}

/** The function passed as the first argument: an inline callback or a function declared in the file. */
function wrappedFunction(model: FileModel, call: Call): number | undefined {
  const first = call.args[0];
  if (!first || first.spread) return undefined;
  const value = unwrap(first.value);
  if (value.kind === 'function') return value.functionIndex;
  if (value.kind === 'name') {
    const resolved = resolveValue(model, value, call.functionIndex);
    if (resolved.kind === 'function') return resolved.functionIndex;
    return model.functions.find((f) => f.name === value.name && f.className === undefined)?.index;
  }
  return undefined;
}

// ---- Hand-written retry loops -----------------------------------------------------------------------

function checkRetryLoops(ctx: CodeContext, report: Reporter): void {
  const { model } = ctx;
  for (const loop of model.loops) {
    if (!loop.infinite) continue;
    const retry = swallowingRetry(model, ctx.llm, loop);
    if (!retry) continue;
    report(
      restOfLine(model, loop.span.line, loop.span.column),
      `This infinite loop retries ${retry.llmCall.api} (line ${retry.llmCall.call.span.line}) until it succeeds: the error handler on line ${retry.handler.line} never gives up, so an outage, a bad key or a rejected request loops forever. Count attempts and re-raise after 2–3, with backoff.`,
    );
  }
}
