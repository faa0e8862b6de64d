import help from '../../docs/rules/injection-client-history.md?raw';
import type { Expr, FileModel, Span } from '../analysis/model.js';
import { spanContains, startsAtOrBefore } from '../analysis/model.js';
import { describePart, promptCalls, type PromptCall, type PromptPart } from '../analysis/prompts.js';
import { findClientSource } from '../analysis/sources.js';
import { flowMessage, flowSteps, taintAnalysis, type Trace } from '../analysis/taint.js';
import { enclosingFunctions, reachingAssignment, resolveValue, unwrap } from '../analysis/values.js';
import { lowerSeverity, type Severity } from '../core/types.js';
import type { SanitizerKind } from '../knowledge/taint.js';
import { sourceText } from './spans.js';
import type { CodeContext, Rule } from './types.js';

/** Providers whose chat APIs honour `system` / `developer` messages inside the history. */
const SYSTEM_ROLE_PROVIDERS = new Set(['openai', 'litellm']);
/** AI SDK UI helpers: the `useChat` history the client sends by design. */
const UI_HISTORY_CONVERTERS = /(^|\.)(convertToModelMessages|convertToCoreMessages)$/;
/** Methods that can drop or rewrite roles. */
const FILTER_METHODS = new Set(['filter', 'map', 'flatMap', 'reduce']);
/** Text that checks a role against a literal role name. */
const ROLE_CHECK = { role: /\brole\b/, literal: /['"](user|assistant|system|developer|human|ai)['"]/ };
/** Schemas that pin `role` to listed values: zod, valibot, pydantic / typing Literal. */
const ROLE_SCHEMA =
  /\brole['"]?\s*[:=]\s*(?:z\.enum\(\s*\[([^\]]*)\]|z\.literal\(([^)]*)\)|z\.union\(\s*\[([^\]]*)\]|v\.picklist\(\s*\[([^\]]*)\]|(?:typing\.)?Literal\[([^\]]*)\])/g;
const CLEANED_BY: SanitizerKind[] = ['allowlist', 'cast'];
/** Calls that hand a message list on: converters and copies. */
const HISTORY_CALLS = new Set(['convertToModelMessages', 'convertToCoreMessages', 'list', 'from', 'loads', 'parse', 'structuredClone', 'deepcopy', 'copy']);
const MAX_DEPTH = 8;

export const rule: Rule = {
  meta: {
    id: 'injection-client-history',
    family: 'injection',
    title: 'Client-controlled conversation history',
    description:
      'The message history the client sends is passed to the model as is, or client text is placed in an assistant turn: the client can forge system messages and earlier model answers.',
    severity: 'medium',
    cwe: ['CWE-1427', 'CWE-345'],
    owasp: ['LLM01:2025'],
    precision: 'medium',
    help,
  },
  checkCode(ctx) {
    const taint = taintAnalysis(ctx.model, ctx.llm, ctx.config);
    // Scanned for when a finding is in sight: most files have none.
    let pinned: boolean | undefined;
    const schemaPinsRoles = () => (pinned ??= rolesPinnedBySchema(ctx.model.source));
    const reported = new Set<string>();
    const once = (span: Span) => {
      const key = `${span.line}:${span.column}`;
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    };
    for (const call of promptCalls(ctx.model, ctx.llm)) {
      for (const part of call.parts) {
        if (part.wholeMessages) {
          const trace = remote(taint.taintedBy(part.value, part.functionIndex, ['user'], CLEANED_BY));
          if (!trace || schemaPinsRoles() || rolesFiltered(ctx.model, part.value, part.functionIndex, 0)) continue;
          // The list itself must be client data, not rows looked up by a client-sent id.
          if (!historyFromClient(ctx.model, part.value, part.functionIndex, 0)) continue;
          if (once(part.span)) reportHistory(ctx, call, part, trace);
        } else if (part.roleValue) {
          const trace = remote(taint.taintedBy(part.roleValue, part.functionIndex, ['user'], [...CLEANED_BY, 'schema']));
          if (!trace || schemaPinsRoles() || rolesFiltered(ctx.model, part.roleValue, part.functionIndex, 0)) continue;
          if (!once(part.roleValue.span)) continue;
          const sink = `the role of ${describePart(part, call.api)}`;
          ctx.report({
            span: part.roleValue.span,
            message: `${flowMessage(trace, sink, call.call.span.line)}: the client picks each message's role and can send system messages or forged assistant turns. Map roles server-side (only user and assistant).`,
            severity: severityFor(call, false),
            flow: flowSteps(ctx.path, trace, part.roleValue.span, `sets ${sink}`),
          });
        } else if (part.role === 'assistant') {
          const trace = remote(taint.taintedBy(part.value, part.functionIndex, ['user'], [...CLEANED_BY, 'schema']));
          if (!trace || !once(part.span)) continue;
          const sink = describePart(part, call.api);
          ctx.report({
            span: part.span,
            message: `${flowMessage(trace, sink, call.call.span.line)}: client text in an assistant turn reads to the model as its own earlier answer. Keep assistant turns server-side (store the model's replies) and send client text as user turns.`,
            severity: call.viaWrapper ? lowerSeverity('medium') : 'medium',
            flow: flowSteps(ctx.path, trace, part.span, `reaches ${sink}`),
          });
        }
      }
    }
  },
};

/** The first trace from a remote caller (a script's own argv / stdin is its operator's). */
function remote(traces: Trace[]): Trace | undefined {
  return traces.find((t) => !t.operator);
}

function reportHistory(ctx: CodeContext, call: PromptCall, part: PromptPart, trace: Trace): void {
  const uiHistory = isUiHistory(ctx.model, part);
  const sink = `${describePart(part, call.api)} as a whole`;
  const forged = SYSTEM_ROLE_PROVIDERS.has(call.provider)
    ? 'the client can send system and developer messages and forge assistant turns'
    : 'the client can forge assistant turns (and system turns where the SDK accepts them)';
  const advice = uiHistory
    ? 'useChat sends the history by design; still check roles server-side (keep user and assistant turns), or store the conversation on the server.'
    : 'Store the conversation server-side, or accept only user and assistant turns from the client.';
  ctx.report({
    span: part.span,
    message: `${flowMessage(trace, sink, call.call.span.line)}: ${forged}. ${advice}`,
    severity: severityFor(call, uiHistory),
    flow: flowSteps(ctx.path, trace, part.span, `reaches ${sink}`),
  });
}

/** High where system roles pass through to the provider, low for the AI SDK `useChat` pattern, else medium. */
function severityFor(call: PromptCall, uiHistory: boolean): Severity {
  let severity: Severity = uiHistory || call.provider === 'vercel-ai' ? 'low' : SYSTEM_ROLE_PROVIDERS.has(call.provider) ? 'high' : 'medium';
  if (call.viaWrapper) severity = lowerSeverity(severity);
  return severity;
}

function isUiHistory(model: FileModel, part: PromptPart): boolean {
  const resolved = resolveValue(model, part.value, part.functionIndex);
  if (resolved.kind !== 'call') return false;
  const path = model.calls[resolved.callIndex]?.calleePath;
  return path !== undefined && UI_HISTORY_CONVERTERS.test(path);
}

/**
 * The message list is the client's own list: request data through names, members, awaits, spreads,
 * comprehensions, list methods and the history converters — not through arbitrary calls, whose results
 * (`load_history(request.json["id"])`) are the server's.
 */
function historyFromClient(model: FileModel, expr: Expr, fn: number | undefined, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (findClientSource(model, expr, fn)) return true;
  const e = unwrap(expr);
  switch (e.kind) {
    case 'name': {
      const assignment = reachingAssignment(model, e.name, e.span, fn);
      return !!assignment && historyFromClient(model, assignment.value, assignment.functionIndex, depth + 1);
    }
    case 'member':
    case 'index':
      return historyFromClient(model, e.object, fn, depth + 1);
    case 'call': {
      const call = model.calls[e.callIndex];
      if (!call) return false;
      const name = call.calleePath?.split('.').pop();
      if (name && HISTORY_CALLS.has(name)) return call.args.some((a) => historyFromClient(model, a.value, fn, depth + 1));
      return call.callee.kind === 'member' && historyFromClient(model, call.callee.object, fn, depth + 1);
    }
    case 'other':
      return e.children.some((child) => historyFromClient(model, child, fn, depth + 1));
    case 'array':
      return e.elements.some((element) => historyFromClient(model, element, fn, depth + 1));
    default:
      return false;
  }
}

/**
 * The value went through something that checks roles: `.filter(m => m.role === 'user')`, a comprehension with
 * `if m["role"] in (...)`, or a guard that rejects other roles before the call.
 */
function rolesFiltered(model: FileModel, expr: Expr, fn: number | undefined, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const e = unwrap(expr);
  switch (e.kind) {
    case 'name': {
      if (roleGuard(model, e.name, fn, e.span)) return true;
      const assignment = reachingAssignment(model, e.name, e.span, fn);
      return !!assignment && rolesFiltered(model, assignment.value, assignment.functionIndex, depth + 1);
    }
    case 'member':
    case 'index':
      return rolesFiltered(model, e.object, fn, depth + 1);
    case 'call': {
      const call = model.calls[e.callIndex];
      if (!call) return false;
      if (call.callee.kind === 'member' && FILTER_METHODS.has(call.callee.property) && checksRole(model, call.span)) return true;
      const receiver = call.callee.kind === 'member' ? [call.callee.object] : [];
      return [...receiver, ...call.args.map((a) => a.value)].some((child) => rolesFiltered(model, child, fn, depth + 1));
    }
    case 'other':
      if (e.op === 'comprehension' && checksRole(model, e.span)) return true;
      return e.children.some((child) => rolesFiltered(model, child, fn, depth + 1));
    case 'array':
      return e.elements.some((element) => rolesFiltered(model, element, fn, depth + 1));
    default:
      return false;
  }
}

/** `if any(m["role"] not in ("user", "assistant") for m in messages): abort(400)` before `at`, or around it. */
function roleGuard(model: FileModel, name: string, fn: number | undefined, at: Span): boolean {
  const scopes = new Set(enclosingFunctions(model, fn));
  const mentions = new RegExp(`\\b${name.replace(/[$]/g, '\\$')}\\b`);
  return model.conditions.some((condition) => {
    if (!scopes.has(condition.functionIndex)) return false;
    const text = sourceText(model, condition.test.span);
    if (!mentions.test(text) || !ROLE_CHECK.role.test(text) || !ROLE_CHECK.literal.test(text)) return false;
    return (condition.consequentExits && startsAtOrBefore(condition.span, at)) || spanContains(condition.consequentSpan, at);
  });
}

function checksRole(model: FileModel, span: Span): boolean {
  const text = sourceText(model, span);
  return ROLE_CHECK.role.test(text) && ROLE_CHECK.literal.test(text);
}

/** A schema in this file pins `role` to listed values without system / developer. */
export function rolesPinnedBySchema(source: string): boolean {
  let found = false;
  for (const match of source.matchAll(ROLE_SCHEMA)) {
    const values = match.slice(1).find((group) => group !== undefined) ?? '';
    if (/system|developer/.test(values)) return false;
    found = true;
  }
  return found;
}
