import help from '../../docs/rules/injection-param-passthrough.md?raw';
import { findOption, type OptionLookup } from '../analysis/bind.js';
import { isGuarded } from '../analysis/guards.js';
import type { Call, Expr, Span } from '../analysis/model.js';
import { flowSteps, taintAnalysis, type Trace } from '../analysis/taint.js';
import { dottedPath, resolveValue, unwrap } from '../analysis/values.js';
import type { OptionRole, Signature } from '../knowledge/sdk.js';
import type { SanitizerKind } from '../knowledge/taint.js';
import type { CodeContext, Rule } from './types.js';

/**
 * Roles this rule owns when they come from the client. The system prompt, the message history and the token
 * cap have their own rules (injection-system-prompt, injection-client-history, cost-token-limit), so one
 * line never reports the same problem twice.
 */
const PASSTHROUGH_ROLES: OptionRole[] = ['model', 'tools'];

export const rule: Rule = {
  meta: {
    id: 'injection-param-passthrough',
    family: 'injection',
    title: 'Request data passed straight into LLM call parameters',
    description:
      'The request body is spread into an LLM call, or the client picks the model or the tools: the caller chooses the model tier, the token budget, the tools and the system prompt.',
    severity: 'high',
    cwe: ['CWE-915', 'CWE-1427'],
    owasp: ['LLM01:2025', 'LLM10:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    const targets: Array<{ call: Call; signature: Signature; api: string }> = [
      ...ctx.llm.calls.filter((c) => !c.viaWrapper).map((c) => ({ call: c.call, signature: c.signature, api: c.api })),
      ...ctx.llm.constructions
        .filter((c) => c.spec.kind === 'chat-model')
        .map((c) => ({ call: c.call, signature: c.spec.signature, api: `${c.provider} ${c.spec.name}` })),
    ];
    for (const target of targets) {
      checkSpreads(ctx, target.call, target.signature, target.api);
      for (const role of PASSTHROUGH_ROLES) checkRole(ctx, target.call, target.signature, target.api, role);
    }
  },
};

function checkSpreads(ctx: CodeContext, call: Call, signature: Signature, api: string): void {
  const fn = call.functionIndex;
  const spreads: Array<{ value: Expr; span: Span }> = [];
  if (signature.options.style === 'keywords') {
    for (const arg of call.args) if (arg.spread && arg.name === '**') spreads.push({ value: arg.value, span: arg.span });
  } else {
    const arg = call.args[signature.options.argument];
    if (!arg) return;
    const options = resolveValue(ctx.model, arg.value, fn);
    if (arg.spread) spreads.push({ value: arg.value, span: arg.span });
    else if (options.kind === 'object') {
      for (const entry of options.entries) if (entry.spread) spreads.push({ value: entry.value, span: entry.span });
    } else spreads.push({ value: arg.value, span: arg.span });
  }
  for (const spread of spreads) {
    // A dict or object literal built here is server-chosen structure, whatever client text sits inside it.
    if (resolveValue(ctx.model, spread.value, fn).kind === 'object') continue;
    const source = clientSource(ctx, spread.value, fn, []);
    if (!source) continue;
    ctx.report({
      span: spread.span,
      message: `${describe(source)} is passed whole into ${api}: the caller picks the model, max_tokens, system prompt and tools. Build the parameters server-side from validated fields.`,
      flow: flowSteps(ctx.path, source, spread.span, `reaches ${api}`),
    });
  }
}

function checkRole(ctx: CodeContext, call: Call, signature: Signature, api: string, role: OptionRole): void {
  const lookup: OptionLookup = findOption(ctx.model, call, signature, role);
  if (!lookup.found) return;
  // Options assembled into a spread object are reported as a spread, not field by field.
  const value = unwrap(lookup.value);
  const source = clientSource(ctx, value, call.functionIndex, ['allowlist', 'cast']);
  if (!source) return;
  const name = dottedPath(value);
  if (name && isGuarded(ctx.model, name.split('.')[0]!, call.functionIndex, call.span)) return;
  const consequence = role === 'model' ? 'the caller picks the model tier and its price' : 'the caller picks which tools the model may call';
  ctx.report({
    span: lookup.span,
    message: `${lookup.name} of ${api} comes from the client (${describe(source)}): ${consequence}. Check it against an allowlist first.`,
    flow: flowSteps(ctx.path, source, lookup.span, `reaches ${api}`),
  });
}

/** Request data (not the operator's own argv) in `value`, unless cleaned by `cleanedBy`. */
function clientSource(ctx: CodeContext, value: Expr, fn: number | undefined, cleanedBy: SanitizerKind[]): Trace | undefined {
  return taintAnalysis(ctx.model, ctx.llm, ctx.config)
    .taintedBy(value, fn, ['user'], cleanedBy)
    .find((t) => !t.operator);
}

function describe(source: Trace): string {
  return `${source.source} (line ${source.steps[0]!.span.line})`;
}
