import help from '../../docs/rules/injection-param-passthrough.md?raw';
import { findOption, type OptionLookup } from '../analysis/bind.js';
import { isGuarded } from '../analysis/guards.js';
import type { Call, Expr, Span } from '../analysis/model.js';
import { findClientSource, type SourceHit } from '../analysis/sources.js';
import { dottedPath, resolveValue, unwrap } from '../analysis/values.js';
import type { OptionRole, Signature } from '../knowledge/sdk.js';
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
    const source = findClientSource(ctx.model, spread.value, fn);
    if (!source) continue;
    ctx.report({
      span: spread.span,
      message: `${describe(source)} is passed whole into ${api}: the caller picks the model, max_tokens, system prompt and tools. Build the parameters server-side from validated fields.`,
      flow: flowFor(ctx, source, spread.span, api),
    });
  }
}

function checkRole(ctx: CodeContext, call: Call, signature: Signature, api: string, role: OptionRole): void {
  const lookup: OptionLookup = findOption(ctx.model, call, signature, role);
  if (!lookup.found) return;
  // Options assembled into a spread object are reported as a spread, not field by field.
  const value = unwrap(lookup.value);
  const source = findClientSource(ctx.model, value, call.functionIndex);
  if (!source) return;
  const name = dottedPath(value);
  if (name && isGuarded(ctx.model, name.split('.')[0]!, call.functionIndex, call.span)) return;
  const consequence = role === 'model' ? 'the caller picks the model tier and its price' : 'the caller picks which tools the model may call';
  ctx.report({
    span: lookup.span,
    message: `${lookup.name} of ${api} comes from the client (${describe(source)}): ${consequence}. Check it against an allowlist first.`,
    flow: flowFor(ctx, source, lookup.span, api),
  });
}

function describe(source: SourceHit): string {
  return `${source.description} (line ${source.span.line})`;
}

function flowFor(ctx: CodeContext, source: SourceHit, sink: Span, api: string) {
  const step = (span: Span, message: string) => ({ file: ctx.path, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn, message });
  return source.span.line === sink.line && source.span.column === sink.column
    ? [step(sink, `${source.description} reaches ${api}`)]
    : [step(source.span, `${source.description} (client data)`), step(sink, `reaches ${api}`)];
}
