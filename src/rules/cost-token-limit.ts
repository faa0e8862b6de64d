import help from '../../docs/rules/cost-token-limit.md?raw';
import { findCallOption, findOption, type OptionLookup } from '../analysis/bind.js';
import { spanContains } from '../analysis/model.js';
import { flowSteps, taintAnalysis } from '../analysis/taint.js';
import { numberValue, resolveValue } from '../analysis/values.js';
import type { SanitizerKind } from '../knowledge/taint.js';
import type { CodeContext, Rule } from './types.js';

/** What bounds a client-chosen token cap: a clamp (min / Math.min) or a fixed set of values. */
const CLAMPED_BY: SanitizerKind[] = ['length', 'allowlist'];

/** Output-token caps that are huge literals or come from the client without a clamp. */
export const rule: Rule = {
  meta: {
    id: 'cost-token-limit',
    family: 'cost',
    title: 'Output token cap too large or set by the client',
    description:
      'The output token cap is taken from the request without a clamp (the caller decides what each request costs), or is a literal above the configured threshold (default 16,384).',
    severity: 'medium',
    cwe: ['CWE-770'],
    owasp: ['LLM10:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    for (const llmCall of ctx.llm.calls) {
      const lookup = findCallOption(ctx.model, llmCall, 'maxTokens');
      const owner = lookup.found && llmCall.config && !spanContains(llmCall.call.span, lookup.span) ? llmCall.config.call : llmCall.call;
      const streaming = findCallOption(ctx.model, llmCall, 'stream');
      const nonStreamingAnthropic =
        llmCall.provider === 'anthropic' && !llmCall.method?.path.endsWith('stream') && !(streaming.found && !isFalse(streaming));
      check(ctx, lookup, llmCall.api, nonStreamingAnthropic, owner.functionIndex);
    }
    for (const construction of ctx.llm.constructions) {
      if (construction.spec.kind !== 'chat-model') continue;
      check(ctx, findOption(ctx.model, construction.call, construction.spec.signature, 'maxTokens'), `${construction.provider} ${construction.spec.name}`, false, construction.call.functionIndex);
    }
  },
};

function isFalse(lookup: OptionLookup): boolean {
  if (!lookup.found) return true;
  const value = lookup.value;
  return value.kind === 'literal' && value.value === 'false';
}

function check(
  ctx: CodeContext,
  lookup: OptionLookup,
  api: string,
  nonStreamingAnthropic: boolean,
  fn: number | undefined,
): void {
  if (!lookup.found) return;
  // A cast is no clamp here: int(x) still lets the caller pick the size. The operator's own argv is not a caller.
  const trace = taintAnalysis(ctx.model, ctx.llm, ctx.config)
    .taintedBy(lookup.value, fn, ['user'], CLAMPED_BY)
    .find((t) => !t.operator);
  if (trace) {
    ctx.report({
      span: lookup.span,
      severity: 'medium',
      message: `${lookup.name} of ${api} comes from the client (${trace.source}, line ${trace.steps[0]!.span.line}) without a clamp: the caller decides how much each request costs. Clamp it, e.g. min(value, 1024).`,
      flow: flowSteps(ctx.path, trace, lookup.span, `sets ${lookup.name} of ${api}`),
    });
    return;
  }
  const limit = numberValue(resolveValue(ctx.model, lookup.value, fn));
  const threshold = ctx.config.thresholds.maxOutputTokens;
  if (limit === undefined || limit <= threshold) return;
  const streamingNote = nonStreamingAnthropic
    ? ' The Anthropic SDK also refuses non-streaming requests this long; stream instead.'
    : '';
  ctx.report({
    span: lookup.span,
    severity: 'low',
    message: `${lookup.name} of ${api} is ${limit === Infinity ? 'unbounded' : limit.toLocaleString('en-US')}, above the ${threshold.toLocaleString('en-US')} threshold: one request can cost far more than a chat turn needs.${streamingNote}`,
  });
}
