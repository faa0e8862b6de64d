import help from '../../docs/rules/cost-unbounded-input.md?raw';
import { findCallOption } from '../analysis/bind.js';
import type { Expr, FileModel } from '../analysis/model.js';
import { spanContains } from '../analysis/model.js';
import { describePart, promptCalls, type PromptCall, type PromptPart } from '../analysis/prompts.js';
import { flowMessage, flowSteps, taintAnalysis, type Trace } from '../analysis/taint.js';
import { codeText, enclosingFunctions, functionAt, isLiteral, resolveValue, unwrap } from '../analysis/values.js';
import { lowerSeverity, type Severity } from '../core/types.js';
import type { SanitizerKind } from '../knowledge/taint.js';
import type { CodeContext, Rule } from './types.js';

/** Sanitizers that leave a value of bounded size: truncation and length checks, numbers, allowlisted values. */
const BOUNDED_BY: SanitizerKind[] = ['length', 'cast', 'allowlist'];

/**
 * Request data reaches a prompt with nothing bounding its size: no slice or truncation, no length check that
 * rejects long input, no max length in the schema that validated it. Command-line and stdin input is the
 * operator's own and is not reported.
 */
export const rule: Rule = {
  meta: {
    id: 'cost-unbounded-input',
    family: 'cost',
    title: 'Unbounded user input sent to an LLM',
    description:
      'Request data reaches a prompt (a message, the prompt text or the whole client message history) with no size limit on the way: a caller can send a prompt as large as the context window, and every such request is billed in full.',
    severity: 'low',
    cwe: ['CWE-400', 'CWE-770'],
    owasp: ['LLM10:2025'],
    precision: 'medium',
    help,
  },
  checkCode(ctx) {
    const taint = taintAnalysis(ctx.model, ctx.llm, ctx.config);
    // Calls that share one message list are reported once, where the list is built.
    const reported = new Set<string>();
    for (const call of promptCalls(ctx.model, ctx.llm)) {
      for (const part of call.parts) {
        const key = `${part.span.line}:${part.span.column}`;
        if (reported.has(key)) break;
        const trace = taint
          .taintedBy(part.value, part.functionIndex, ['user'], BOUNDED_BY)
          .find((t) => !isProcessInput(t) && !schemaBounded(ctx.model, t));
        if (!trace) continue;
        reported.add(key);
        report(ctx, call, part, trace);
        break; // one finding per call: the fix (bound the input) is the same for every part
      }
    }
  },
};

function report(ctx: CodeContext, call: PromptCall, part: PromptPart, trace: Trace): void {
  const sink = describePart(part, call.api);
  const line = call.call.span.line;
  const heavy = heavyCall(ctx, call);
  let severity: Severity = heavy ? 'medium' : 'low';
  if (call.viaWrapper) severity = lowerSeverity(severity);
  const fix = part.wholeMessages
    ? 'Keep only the last few turns (messages[-20:] / messages.slice(-20)) and cap each message\'s length, or validate the body with a schema that sets both.'
    : 'Cap it before the call (text[:4000] / text.slice(0, 4000)), reject long input (a len() / .length check that returns 413), or set a max length in the request schema (zod .max(), pydantic Field(max_length=…)).';
  const what = part.wholeMessages ? 'with no cap on how many messages or how long they are' : 'with no length limit on the way';
  ctx.report({
    span: part.span,
    severity,
    message: `${flowMessage(trace, sink, line)} ${what}: a caller can send a prompt as large as the context window and every such request is billed in full${heavy ? `, and this is ${heavy}` : ''}. ${fix}`,
    flow: flowSteps(ctx.path, trace, part.span, `reaches ${sink}`),
  });
}

/** Streaming and agent calls cost more per oversized request: long generations, repeated tool turns. */
function heavyCall(ctx: CodeContext, call: PromptCall): string | undefined {
  const { model } = ctx;
  if (call.llmCall) {
    const stream = findCallOption(model, call.llmCall, 'stream');
    const streamed = /stream/i.test(call.api) || (stream.found && isLiteral(stream.value, 'true'));
    if (streamed) return 'a streaming call';
    if (findCallOption(model, call.llmCall, 'stopWhen').found || findCallOption(model, call.llmCall, 'maxSteps').found) return 'an agent call that re-sends it on every step';
  }
  if (call.hasTools) return 'a tool-using call that re-sends it on every turn';
  const inLoop = model.loops.some((l) => spanContains(l.bodySpan, call.call.span) && enclosingFunctions(model, call.call.functionIndex).includes(l.functionIndex));
  return inLoop ? 'a call inside a loop that re-sends it on every turn' : undefined;
}

/** `sys.argv`, `input()`, stdin: the operator's own input to a script, not a caller's. */
function isProcessInput(trace: Trace): boolean {
  return trace.operator === true;
}

// ---- Schemas that bound lengths ----------------------------------------------------------------------

/** Length constraints in a schema definition: zod `.max(N)` / `.length(N)`, pydantic `max_length`, `constr`. */
const LENGTH_CONSTRAINT = /\.max\(|\.length\(|\bmax_length\b|\bmaxLength\b|\bmax_items\b|\bconstr\(|\bconlist\(|\bStringConstraints\(|\bMaxLen\(/;

/**
 * The value passed a validation whose schema bounds lengths: `Schema.parse(body)` with a zod schema that has a
 * `.max()`, `Model.model_validate(data)` or a FastAPI body parameter `body: ChatRequest` whose pydantic model
 * sets `max_length` (on the field read, when one is).
 */
function schemaBounded(model: FileModel, trace: Trace): boolean {
  if (trace.sanitizers.includes('schema')) {
    for (const step of trace.steps) {
      if (!step.message.includes('(schema sanitizer)')) continue;
      const call = model.calls.find((c) => c.span.line === step.span.line && c.span.column === step.span.column && c.span.endColumn === step.span.endColumn);
      if (call && call.callee.kind === 'member' && schemaText(model, call.callee.object, call.functionIndex, 0).some((t) => LENGTH_CONSTRAINT.test(t))) return true;
    }
  }
  if (model.language !== 'python') return false;
  // FastAPI validates `body: ChatRequest` before the handler runs.
  const first = trace.steps[0];
  const source = /^([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?/.exec(trace.source);
  if (!first || !source) return false;
  const fn = functionAt(model, first.span);
  for (const index of enclosingFunctions(model, fn)) {
    if (index === undefined) break;
    const param = model.functions[index]!.params.find((p) => p.name === source[1]);
    if (!param) continue;
    const className = param.annotation && /^[A-Za-z_]\w*$/.test(param.annotation) ? param.annotation : undefined;
    const fields = className ? classFields(model, className) : undefined;
    if (!fields) return false;
    const field = source[2];
    return field !== undefined && fields.has(field) ? LENGTH_CONSTRAINT.test(fields.get(field)!) : field === undefined && [...fields.values()].some((f) => LENGTH_CONSTRAINT.test(f));
  }
  return false;
}

/** Source text of a schema and of the schemas its definition names (`z.object({ message: Message })`). */
function schemaText(model: FileModel, expr: Expr, functionIndex: number | undefined, depth: number): string[] {
  if (depth > 3) return [];
  const resolved = resolveValue(model, expr, functionIndex);
  const texts = [codeText(model, resolved.span)];
  const name = unwrap(expr);
  // A pydantic class: `ChatRequest.model_validate(data)`.
  if (name.kind === 'name' && model.language === 'python') {
    const fields = classFields(model, name.name);
    if (fields) texts.push([...fields.values()].join('\n'));
  }
  for (const inner of names(model, resolved)) texts.push(...schemaText(model, inner, functionIndex, depth + 1));
  return texts;
}

/** Names a schema definition refers to: `z.object({ message: messageSchema })` → `messageSchema`. */
function names(model: FileModel, expr: Expr, out: Expr[] = [], depth = 0): Expr[] {
  if (depth > 8) return out;
  const e = unwrap(expr);
  if (e.kind === 'name') out.push(e);
  else if (e.kind === 'object') e.entries.forEach((entry) => names(model, entry.value, out, depth + 1));
  else if (e.kind === 'array') e.elements.forEach((element) => names(model, element, out, depth + 1));
  else if (e.kind === 'call') {
    const call = model.calls[e.callIndex];
    if (call?.callee.kind === 'member') names(model, call.callee.object, out, depth + 1);
    call?.args.forEach((arg) => names(model, arg.value, out, depth + 1));
  }
  return out;
}

/** Per file, the fields of each class asked about: every trace of a FastAPI body parameter asks again. */
const fileClassFields = new WeakMap<FileModel, Map<string, Map<string, string> | undefined>>();

/** Field lines of `class <name>(...)` in this file's source: field name → its declaration text. */
function classFields(model: FileModel, className: string): Map<string, string> | undefined {
  let classes = fileClassFields.get(model);
  if (!classes) fileClassFields.set(model, (classes = new Map()));
  if (classes.has(className)) return classes.get(className);
  const fields = findClassFields(model.source, className);
  classes.set(className, fields);
  return fields;
}

function findClassFields(source: string, className: string): Map<string, string> | undefined {
  const header = new RegExp(`^([ \\t]*)class\\s+${className}\\b[^\\n]*:[ \\t]*\\r?$`, 'm').exec(source);
  if (!header) return undefined;
  const indent = header[1]!.length;
  const fields = new Map<string, string>();
  for (const line of source.slice(header.index + header[0].length).split('\n').slice(1, 200)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (line.length - line.trimStart().length <= indent) break;
    const field = /^\s+([A-Za-z_]\w*)\s*:/.exec(line);
    if (field) fields.set(field[1]!, line);
  }
  return fields;
}

