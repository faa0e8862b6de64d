import help from '../../docs/rules/output-unsafe-deserialize.md?raw';
import type { Call, Expr, FileModel, Span } from '../analysis/model.js';
import type { Trace } from '../analysis/taint.js';
import { findCallerOf, structuredOutputCall } from '../analysis/sinks.js';
import { dottedPath, enclosingFunctions, unwrap } from '../analysis/values.js';
import { JSON_VALIDATORS, NOT_JSON_VALIDATORS } from '../knowledge/sinks.js';
import { UI_HOOK_SOURCES } from '../knowledge/taint.js';
import { reportSinkFlows } from './sink-flows.js';
import type { CodeContext, Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'output-unsafe-deserialize',
    family: 'output',
    title: 'Model output deserialized unsafely or without a schema',
    description:
      'Text an LLM produced is loaded with an object deserializer (pickle, yaml.load with an unsafe Loader, node-serialize): code execution. Or it is parsed as JSON and used with no schema check (low): the model decides the shape of data the code trusts.',
    severity: 'high',
    cwe: ['CWE-502', 'CWE-20', 'CWE-1426'],
    owasp: ['LLM05:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    reportSinkFlows(ctx, {
      kinds: ['deserialize'],
      label: 'llm',
      safe: (site, trace) =>
        site.severity === 'low' &&
        (!modelWritten(ctx, trace) || (!!site.call && validated(ctx.model, site.call)) || structuredOutputCall(ctx.model, ctx.llm, trace) !== undefined),
      advice: (site) =>
        site.severity === 'low'
          ? 'Validate the parsed value with a schema (zod, pydantic) or use structured outputs (response_format json_schema, generateObject).'
          : 'Never deserialize model output into objects: use json.loads / yaml.safe_load and validate the result with a schema.',
    });
  },
};

/**
 * JSON the model wrote: output of an SDK-bound LLM call or of a chat UI hook. A fetched response of a chat
 * endpoint is an HTTP envelope (SSE events, `{ answer }`) the app's own server shaped, not model-written JSON.
 */
function modelWritten(ctx: CodeContext, trace: Trace): boolean {
  const start = trace.steps[0]?.span;
  if (!start) return false;
  const at = (s: Span) => s.line === start.line && s.column === start.column;
  if (ctx.llm.calls.some((c) => at(c.call.span))) return true;
  const call = ctx.model.calls.find((c) => at(c.span));
  return !!call?.calleePath && UI_HOOK_SOURCES.some((h) => h.callee === call.calleePath);
}

/** `Schema.parse(JSON.parse(text))`, or `data = json.loads(text)` followed by `Model(**data)` / `Model.model_validate(data)`. */
function validated(model: FileModel, parse: Call): boolean {
  const parent = findCallerOf(model, parse);
  if (parent && isValidator(parent, undefined)) return true;
  const assignment = model.assignments.find((a) => isCall(a.value, parse.index));
  if (!assignment) return false;
  const name = assignment.target;
  const scopes = new Set(enclosingFunctions(model, parse.functionIndex));
  return model.calls.some(
    (c) => scopes.has(c.functionIndex) && c.span.line >= assignment.span.line && c.index !== parse.index && isValidator(c, name),
  );
}

function isValidator(call: Call, name: string | undefined): boolean {
  const path = call.calleePath;
  const method = call.callee.kind === 'member' ? call.callee.property : undefined;
  const receiver = call.callee.kind === 'member' ? dottedPath(call.callee.object) : undefined;
  const passes = name === undefined || call.args.some((a) => dottedPath(a.value)?.split('.')[0] === name);
  if (!passes) return false;
  // pydantic: `Answer(**data)`.
  if (name !== undefined && path && /^[A-Z]\w*$/.test(path.split('.').pop()!) && call.args.some((a) => a.spread && dottedPath(a.value) === name)) return true;
  return JSON_VALIDATORS.some((v) =>
    v.startsWith('.') ? method === v.slice(1) && !(receiver !== undefined && NOT_JSON_VALIDATORS.includes(receiver)) : path === v || (path !== undefined && path.endsWith('.' + v)),
  );
}

function isCall(expr: Expr, index: number): boolean {
  const e = unwrap(expr);
  return e.kind === 'call' && e.callIndex === index;
}
