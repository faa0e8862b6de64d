import help from '../../docs/rules/agency-tool-args-sink.md?raw';
import type { Call, FileModel } from '../analysis/model.js';
import { handlerWithParam, schemaConstrains, valueFields, type SinkSite } from '../analysis/sinks.js';
import type { Trace } from '../analysis/taint.js';
import { isLiteral, resolveValue } from '../analysis/values.js';
import { APPROVAL_OPTIONS, CONSTRAINED_PY_ANNOTATION } from '../knowledge/sinks.js';
import { reportSinkFlows } from './sink-flows.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'agency-tool-args-sink',
    family: 'agency',
    title: 'Tool-call arguments reach a dangerous operation',
    description:
      'Arguments the model chose for a tool call (tool handler parameters, tool_use input, function-call arguments) reach code execution, a shell, SQL, a file path or an outbound URL without an allowlist: a prompt injection turns into actions.',
    severity: 'critical',
    cwe: ['CWE-78', 'CWE-94', 'CWE-89', 'CWE-22', 'CWE-918'],
    owasp: ['LLM06:2025', 'LLM05:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    const model = ctx.model;
    reportSinkFlows(ctx, {
      kinds: ['code-exec', 'shell', 'sql', 'file-path', 'outbound-url'],
      label: 'tool',
      severity: (site) => (site.kind === 'code-exec' || site.kind === 'shell' ? 'critical' : 'high'),
      safe: (site, trace) => constrainedArgument(model, site, trace),
      partialDefence: (site, trace) => (needsApproval(model, site, trace) ? 'a human approval step' : undefined),
      advice: () => 'Give the tool a narrow purpose: validate its arguments against an allowlist or an enum schema, keep a sandbox between the model and the operation, and require human approval for state-changing actions.',
    });
  },
};

/** The handler of a trace that starts at a tool handler parameter (`execute: async ({ cmd }) => ...`). */
function handlerOf(model: FileModel, site: SinkSite, trace: Trace) {
  return /^[A-Za-z_$][\w$]*$/.test(trace.source) ? handlerWithParam(model, site.functionIndex, trace.source) : undefined;
}

/** An argument typed `Literal[...]`/`int`, or declared `z.enum(...)`/`z.number()` in the tool's schema. */
function constrainedArgument(model: FileModel, site: SinkSite, trace: Trace): boolean {
  const handler = handlerOf(model, site, trace);
  if (!handler) return false;
  const param = handler.params.find((p) => p.name === trace.source)!;
  if (model.language === 'python') return param.annotation !== undefined && CONSTRAINED_PY_ANNOTATION.test(param.annotation);
  const holder = handler.passedTo ? model.calls[handler.passedTo.callIndex] : undefined;
  if (!holder) return false;
  const fields = param.destructuredFrom !== undefined ? [param.name] : valueFields(model, site.value, site.functionIndex);
  return !!fields && fields.length > 0 && fields.every((field) => schemaConstrains(model, holder, field));
}

/** AI SDK `tool({ needsApproval: true, execute })`: a person approves each call before it runs. */
function needsApproval(model: FileModel, site: SinkSite, trace: Trace): boolean {
  const handler = handlerOf(model, site, trace);
  const holder: Call | undefined = handler?.passedTo ? model.calls[handler.passedTo.callIndex] : undefined;
  const options = holder?.args[handler!.passedTo!.position];
  if (!options) return false;
  const object = resolveValue(model, options.value, holder!.functionIndex);
  if (object.kind !== 'object') return false;
  return object.entries.some((e) => e.key !== undefined && APPROVAL_OPTIONS.includes(e.key) && !isLiteral(e.value, 'false'));
}
