import help from '../../docs/rules/cost-missing-max-tokens.md?raw';
import { findCallOption, findOption, type LlmCall } from '../analysis/bind.js';
import type { Call } from '../analysis/model.js';
import { routeContaining } from '../analysis/routes.js';
import type { Signature } from '../knowledge/sdk.js';
import type { CodeContext, Rule } from './types.js';

/** An LLM call, or a chat model's constructor, that sets no output-token cap where the API allows one. */
export const rule: Rule = {
  meta: {
    id: 'cost-missing-max-tokens',
    family: 'cost',
    title: 'LLM call without an output token cap',
    description:
      'The call sets no max_tokens / max_completion_tokens / max_output_tokens / maxOutputTokens, so a single request may generate up to the model\'s full output limit. Anthropic Messages calls are exempt: max_tokens is mandatory there.',
    severity: 'low',
    cwe: ['CWE-770'],
    owasp: ['LLM10:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    const reported = new Set<Call>();
    for (const llmCall of ctx.llm.calls) {
      if (llmCall.viaWrapper) continue;
      // Chat models and model objects carry the cap on their constructor: report there, once.
      const target = llmCall.config ?? { call: llmCall.call, signature: llmCall.signature };
      if (reported.has(target.call)) continue;
      if (!needsCap(target.signature)) continue;
      const lookup = llmCall.config ? findOption(ctx.model, target.call, target.signature, 'maxTokens') : findCallOption(ctx.model, llmCall, 'maxTokens');
      if (lookup.found || lookup.unknown) continue;
      reported.add(target.call);
      report(ctx, llmCall, target.call, target.signature);
    }
    // Chat models that are constructed but never called in this file still configure every later call.
    for (const construction of ctx.llm.constructions) {
      if (construction.spec.kind !== 'chat-model' || reported.has(construction.call)) continue;
      const lookup = findOption(ctx.model, construction.call, construction.spec.signature, 'maxTokens');
      if (lookup.found || lookup.unknown) continue;
      reported.add(construction.call);
      report(ctx, undefined, construction.call, construction.spec.signature, `${construction.provider} ${construction.spec.name}`);
    }
  },
};

function needsCap(signature: Signature): boolean {
  return !signature.maxTokensRequired && (signature.names.maxTokens?.length ?? 0) > 0;
}

function report(ctx: CodeContext, llmCall: LlmCall | undefined, call: Call, signature: Signature, api = llmCall?.api ?? 'LLM call'): void {
  const route = routeContaining(ctx.model, call.functionIndex);
  const option = signature.names.maxTokens![0]!.split('.').pop();
  const where = route ? ` in the ${route.method ?? ''} ${route.path ?? 'request handler'} handler`.replace(/\s+/g, ' ') : '';
  ctx.report({
    span: call.span,
    severity: route ? 'medium' : 'low',
    message: `${api}${where} sets no ${option}: one request can generate up to the model's full output limit. Set an explicit cap for this use case.`,
  });
}
