// Intraprocedural taint tracking over the neutral model, plus calls to functions of the same file.
// A value's traces say where it came from (label), how it got here (steps) and what cleaned it on the way
// (sanitizers). Sources, sanitizers and propagators come from knowledge/taint.ts; sinks are the rules'.
import { calleeLastName, nthPositional, spanContains, startsAtOrBefore, type Assignment, type Call, type EnvRead, type Expr, type FileModel, type FunctionInfo, type Parameter, type Span } from './model.js';
import type { LlmIndex } from './bind.js';
import type { ResolvedConfig } from '../config/config.js';
import {
  CONTENT_SOURCES,
  DENYLIST_FILTERS,
  ELEMENT_CALLBACK_METHODS,
  LENGTH_LIMITERS,
  LLM_ENDPOINT_URL,
  LLM_METADATA_MEMBERS,
  NON_PROPAGATING_CALLS,
  CONSTRAINED_ANNOTATIONS,
  SANITIZERS,
  isSecretEnvName,
  TOOL_HANDLERS,
  UI_HOOK_SOURCES,
  type CallModel,
  type SanitizerKind,
  type TaintLabel,
} from '../knowledge/taint.js';
import type { FlowStep } from '../core/types.js';
import { localCallee } from './callgraph.js';
import { isGuarded, isLengthGuarded } from './guards.js';
import { parameterSource, requestMemberSource } from './sources.js';
import { assignmentsTo, dottedPath, enclosingFunctions, exprSpanText, unwrap, writtenPath } from './values.js';

export interface TraceStep {
  span: Span;
  message: string;
}

export interface Trace {
  label: TaintLabel;
  /** Human text of the source, e.g. `request.json['style']`, `output of anthropic messages.create`. */
  source: string;
  /** Source first; each propagation step after it. */
  steps: TraceStep[];
  sanitizers: SanitizerKind[];
  /** `user` input from the operator of a script (command-line arguments, stdin, `input()`), not a remote
   * caller: rules about untrusted callers may leave it out. */
  operator?: boolean;
}

const MAX_DEPTH = 40;
const MAX_TRACES = 8;

export class TaintAnalysis {
  private readonly memo = new Map<Expr, Trace[]>();
  private readonly active = new Set<Expr>();
  private readonly language: 'python' | 'js';
  private readonly llmCalls = new Map<number, string>();
  private readonly toolHandlers = new Set<number>();
  private readonly trusted: string[];
  private envReadsByLine: Map<number, EnvRead[]> | undefined;

  constructor(
    readonly model: FileModel,
    readonly llm: LlmIndex,
    config: ResolvedConfig,
  ) {
    this.language = model.language === 'python' ? 'python' : 'js';
    for (const call of llm.calls) this.llmCalls.set(call.call.index, call.api);
    for (const fn of model.functions) if (this.isToolHandler(fn)) this.toolHandlers.add(fn.index);
    this.trusted = config.trustedSources;
  }

  /** Where `expr` (read inside function `fn`) may come from. */
  tracesOf(expr: Expr, fn: number | undefined): Trace[] {
    return this.eval(expr, fn, 0);
  }

  /** Traces with one of `labels` that no sanitizer of `cleanedBy` has cleaned. */
  taintedBy(expr: Expr, fn: number | undefined, labels: TaintLabel[], cleanedBy: SanitizerKind[]): Trace[] {
    return this.tracesOf(expr, fn).filter((t) => labels.includes(t.label) && !t.sanitizers.some((s) => cleanedBy.includes(s)));
  }

  isToolHandlerFunction(index: number | undefined): boolean {
    return index !== undefined && this.toolHandlers.has(index);
  }

  private eval(expr: Expr, fn: number | undefined, depth: number): Trace[] {
    if (depth > MAX_DEPTH) return [];
    const cached = this.memo.get(expr);
    if (cached) return cached;
    if (this.active.has(expr)) return [];
    this.active.add(expr);
    let traces: Trace[];
    try {
      traces = this.evalUncached(expr, fn, depth);
    } finally {
      this.active.delete(expr);
    }
    traces = dedupe(traces);
    this.memo.set(expr, traces);
    return traces;
  }

  private evalUncached(expr: Expr, fn: number | undefined, depth: number): Trace[] {
    const e = expr;
    const next = depth + 1;
    switch (e.kind) {
      case 'string':
      case 'number':
      case 'literal':
      case 'function':
        return [];
      case 'name':
        return this.evalName(e.name, e.span, fn, next);
      case 'member':
      case 'index': {
        if (this.isTrusted(e)) return [];
        const property = e.kind === 'member' ? e.property : undefined;
        // `body.persona` of a FastAPI `body: ChatBody` whose model declares `persona: Literal[...]`.
        const field = this.language === 'python' ? this.constrainedField(e, fn) : undefined;
        const direct = this.sourceAt(e, fn);
        if (direct) return this.guardedMember(e, fn, [field ? withSanitizer(direct, field) : direct]);
        const base = this.eval(e.object, fn, next);
        // `response.usage.output_tokens`, `completion.id`: metadata of an LLM response is not model-written text.
        const kept = property !== undefined && LLM_METADATA_MEMBERS.includes(property) ? base.filter((t) => t.label !== 'llm') : base;
        return this.guardedMember(e, fn, kept.map((trace) => relabelMember(field ? withSanitizer(trace, field) : trace, property, e.span)));
      }
      case 'call':
        return this.evalCall(e.callIndex, e.span, fn, next);
      case 'template':
        return e.parts.flatMap((part) => (typeof part === 'string' ? [] : this.eval(part, fn, next)));
      case 'object':
        return e.entries.flatMap((entry) => this.eval(entry.value, fn, next));
      case 'array':
        return e.elements.flatMap((element) => this.eval(element, fn, next));
      case 'binary':
        // Python's `/` joins paths (`BASE / name`); in JS it only divides numbers.
        if (['+', 'or', 'and', '??', '||', '&&', '%', '|', '+='].includes(e.op) || (e.op === '/' && this.language === 'python'))
          return [...this.eval(e.left, fn, next), ...this.eval(e.right, fn, next)];
        if (e.op === '=') return this.eval(e.right, fn, next);
        return [];
      case 'other': {
        switch (e.op) {
          case 'typeof':
          case 'void':
          case 'delete':
          case 'regex':
          case 'class':
            return [];
          case 'conditional':
            return e.children.slice(1).flatMap((child) => this.eval(child, fn, next));
          case 'slice':
            return e.children.slice(0, 1).flatMap((child) => this.eval(child, fn, next)).map((t) => withSanitizer(t, 'length'));
          default:
            // Unary operators yield booleans and numbers.
            if (e.op.startsWith('unary:')) return [];
            return e.children.flatMap((child) => this.eval(child, fn, next));
        }
      }
    }
  }

  private evalName(name: string, span: Span, fn: number | undefined, depth: number): Trace[] {
    if (this.trusted.includes(name)) return [];
    const param = parameterSource(this.model, name, fn, span);
    if (param) {
      const trace = sourceTrace('user', name, span, `${name} (client data)`);
      const constrained = this.language === 'python' ? constrainedAnnotation(this.model, this.parameterAnnotation(name, fn)) : undefined;
      return this.lengthChecked(name, fn, span, [constrained ? withSanitizer(trace, constrained) : trace]);
    }
    const owner = this.parameterOwner(name, fn);
    if (owner !== undefined) {
      if (this.toolHandlers.has(owner)) return [sourceTrace('tool', name, span, `${name} (tool-call argument chosen by the model)`)];
      return this.parameterTraces(owner, name, depth);
    }
    const definitions = this.definitionsAt(name, span, fn);
    const guarded = isGuarded(this.model, name, fn, span, true);
    const traces = definitions.flatMap((assignment) =>
      this.eval(assignment.value, assignment.functionIndex, depth).map((trace) => {
        const step = { span: assignment.span, message: `assigned to ${name}` };
        const extended = { ...trace, steps: [...trace.steps, step] };
        return guarded ? withSanitizer(extended, 'allowlist') : extended;
      }),
    );
    return this.lengthChecked(name, fn, span, traces);
  }

  /** A length check of `path` before this read (`if len(text) > 4000: abort(413)`) bounds its size. */
  private lengthChecked(path: string, fn: number | undefined, at: Span, traces: Trace[]): Trace[] {
    if (traces.length === 0 || !isLengthGuarded(this.model, path, fn, at)) return traces;
    return traces.map((t) => withSanitizer(t, 'length'));
  }

  /** The reaching plain assignment plus the augmented ones (`prompt += text`) after it, in one scope. */
  private definitionsAt(name: string, at: Span, fn: number | undefined): Assignment[] {
    const candidates = assignmentsTo(this.model, name);
    if (candidates.length === 0) return [];
    for (const scope of enclosingFunctions(this.model, fn)) {
      const inScope = candidates.filter((a) => a.functionIndex === scope);
      if (inScope.length === 0) continue;
      // A read inside an assignment's own right-hand side (`x = x.strip()`) sees the definitions before it.
      const preceding = inScope.filter((a) => startsAtOrBefore(a.span, at) && !spanContains(a.value.span, at));
      const list = preceding.length > 0 ? preceding : scope === fn ? [] : inScope;
      if (list.length === 0) continue;
      let start = list.length - 1;
      while (start > 0 && list[start]!.augmented) start--;
      return list.slice(start);
    }
    return [];
  }

  private parameterAnnotation(name: string, fn: number | undefined): string | undefined {
    for (const index of enclosingFunctions(this.model, fn)) {
      if (index === undefined) return undefined;
      const param = this.model.functions[index]!.params.find((p) => p.name === name);
      if (param) return param.annotation;
    }
    return undefined;
  }

  /** The first field of a member chain on a typed parameter (`body.tone` of `body.tone.value`), when its model
   * declares it with a constrained annotation. */
  private constrainedField(expr: Expr, fn: number | undefined): SanitizerKind | undefined {
    let current = unwrap(expr);
    for (let depth = 0; depth < 16 && (current.kind === 'member' || current.kind === 'index'); depth++) {
      const object = unwrap(current.object);
      if (object.kind === 'name') break;
      current = object;
    }
    if (current.kind !== 'member') return undefined;
    const property = current.property;
    const base = unwrap(current.object);
    if (base.kind !== 'name') return undefined;
    const annotation = this.parameterAnnotation(base.name, fn);
    const className = annotation && /^[A-Za-z_]\w*$/.test(annotation) ? annotation : undefined;
    return className ? constrainedAnnotation(this.model, classFieldAnnotation(this.model.source, className, property)) : undefined;
  }

  private parameterOwner(name: string, fn: number | undefined): number | undefined {
    for (const index of enclosingFunctions(this.model, fn)) {
      if (index === undefined) return undefined;
      const f = this.model.functions[index]!;
      if (f.params.some((p) => p.name === name)) return index;
      if (assignmentsTo(this.model, name).some((a) => a.functionIndex === index)) return undefined;
    }
    return undefined;
  }

  /** Taint of a local function's parameter: what its call sites in this file pass. */
  private parameterTraces(owner: number, name: string, depth: number): Trace[] {
    const f = this.model.functions[owner]!;
    const param = f.params.find((p) => p.name === name)!;
    if (!f.name) return this.callbackElementTraces(f, param, depth);
    const traces: Trace[] = [];
    for (const call of this.callsTo(f)) {
      const byName = call.args.find((a) => a.name === name);
      const offset = f.className && this.language === 'python' && f.params[0]?.name === 'self' ? 1 : 0;
      const positional = nthPositional(call, param.position - offset);
      let arg = byName ?? (param.destructuredFrom === undefined ? positional : undefined);
      if (!arg && param.destructuredFrom !== undefined) {
        const container = call.args[param.destructuredFrom - offset];
        if (container) arg = container;
      }
      if (!arg) continue;
      for (const trace of this.eval(arg.value, call.functionIndex, depth))
        traces.push({ ...trace, steps: [...trace.steps, { span: arg.span, message: `passed to ${f.name}() as ${name}` }] });
    }
    return traces;
  }

  /** `items.map((m) => ...)`: the first parameter of an iteration callback is an element of the receiver. */
  private callbackElementTraces(f: FunctionInfo, param: Parameter, depth: number): Trace[] {
    const passed = f.passedTo;
    if (!passed || passed.position !== 0 || passed.property !== undefined) return [];
    if ((param.destructuredFrom ?? param.position) !== 0 || param.rest) return [];
    const call = this.model.calls[passed.callIndex];
    if (!call || call.callee.kind !== 'member' || !ELEMENT_CALLBACK_METHODS.includes(call.callee.property)) return [];
    const receiver = call.callee.object;
    const message = `element of ${exprSpanText(this.model, receiver.span, 40)} as ${param.name}`;
    return this.eval(receiver, call.functionIndex, depth).map((t) => ({ ...t, steps: [...t.steps, { span: param.span, message }] }));
  }

  /** A check of this exact member (`if body.style not in STYLES: abort()`) guards the reads after it. */
  private guardedMember(expr: Expr, fn: number | undefined, traces: Trace[]): Trace[] {
    if (traces.length === 0) return traces;
    const path = dottedPath(expr);
    if (path === undefined) return traces;
    const checked = this.lengthChecked(path, fn, expr.span, traces);
    if (!isGuarded(this.model, path, fn, expr.span, true)) return checked;
    return checked.map((t) => withSanitizer(t, 'allowlist'));
  }

  private callsTo(f: FunctionInfo): Call[] {
    const names = new Set([f.name!, `self.${f.name}`, `this.${f.name}`, `cls.${f.name}`]);
    return this.model.calls.filter((c) => c.calleePath !== undefined && names.has(c.calleePath));
  }

  private evalCall(index: number, span: Span, fn: number | undefined, depth: number): Trace[] {
    const call = this.model.calls[index];
    if (!call) return [];
    const api = this.llmCalls.get(index);
    if (api) return [sourceTrace('llm', `output of ${api}`, span, `output of ${api}`)];
    // Configured trusted sources name functions too (`db.get_tenant_name`, `kb.similarity_search`).
    if (this.isTrusted(call.callee)) return [];
    const path = call.calleePath;
    const content = CONTENT_SOURCES.find((m) => this.matches(m, call)) ?? UI_HOOK_SOURCES.find((m) => this.matches(m, call));
    if (content) {
      // Responses of provider APIs and of the app's own chat endpoint are model output.
      const description = content.label === 'fetched' && this.isLlmEndpoint(call) ? 'response of an LLM endpoint' : content.description;
      const label = description === content.description ? content.label : 'llm';
      return [sourceTrace(label, `${description} (${exprSpanText(this.model, span, 60)})`, span, description)];
    }
    if (NON_PROPAGATING_CALLS.some((m) => this.matches(m, call))) return [];
    // A cleaning method called on request data (`req.body.text.slice(0, 4000)`, `.replace(…)`) is handled
    // below, with the request data as its receiver.
    const cleaning = [...SANITIZERS, ...LENGTH_LIMITERS, ...DENYLIST_FILTERS].some((m) => m.callee.startsWith('.') && this.matches(m, call));
    const direct = cleaning ? undefined : this.sourceAt({ kind: 'call', callIndex: index, span }, fn);
    if (direct) return [direct];
    if (path === 'input' && this.language === 'python') return [{ ...sourceTrace('user', 'input()', span, 'console input'), operator: true }];

    const receiver = call.callee.kind === 'member' ? call.callee.object : undefined;
    const argTraces = () => call.args.flatMap((a) => this.eval(a.value, fn, depth));
    const receiverTraces = () => (receiver ? this.eval(receiver, fn, depth) : []);
    const step = (trace: Trace, message: string): Trace => ({ ...trace, steps: [...trace.steps, { span, message }] });

    const sanitizer = SANITIZERS.find((m) => this.matches(m, call));
    if (sanitizer) {
      const inputs = sanitizer.callee.startsWith('.') && call.args.length === 0 ? receiverTraces() : argTraces();
      return inputs.map((t) => withSanitizer(step(t, `${path ?? calleeLastName(call) ?? 'call'}() (${sanitizer.kind} sanitizer)`), sanitizer.kind));
    }
    const limiter = LENGTH_LIMITERS.find((m) => this.matches(m, call));
    if (limiter) return (limiter.callee.startsWith('.') ? receiverTraces() : argTraces()).map((t) => withSanitizer(t, 'length'));
    if (DENYLIST_FILTERS.some((m) => this.matches(m, call))) {
      const inputs = path === 're.sub' ? this.eval(call.args[2]?.value ?? call.callee, fn, depth) : receiverTraces();
      return inputs.map((t) => withSanitizer(t, 'denylist'));
    }
    if (path && ['min', 'Math.min'].includes(path)) return argTraces().map((t) => withSanitizer(t, 'length'));
    const local = localCallee(this.model, call);
    if (local) {
      const returned = this.model.returns
        .filter((r) => r.functionIndex === local.index && r.value)
        .flatMap((r) => this.eval(r.value!, local.index, depth))
        .map((t) => step(t, `returned by ${local.name}()`));
      return returned;
    }
    // A keyed lookup (`LANGUAGES.get(code)`, `PERSONAS.get(name, default)`) returns the container's value or the
    // default, never the key: the key's taint stays behind.
    if (call.callee.kind === 'member' && call.callee.property === 'get' && call.args.length > 0 && !call.args[0]!.spread)
      return [...receiverTraces(), ...call.args.slice(1).flatMap((a) => this.eval(a.value, fn, depth))];
    // Unknown calls hand their inputs on (Semgrep's default): `json.loads(x)`, `x.strip()`, `"\n".join(xs)`.
    return [...receiverTraces(), ...argTraces()];
  }

  /** Request data, process input and secret env reads at this exact expression. */
  private sourceAt(expr: Expr, fn: number | undefined): Trace | undefined {
    const env = this.envReadAt(expr.span);
    if (env && isSecretEnvName(env.name))
      return sourceTrace('secret', `${env.via}.${env.name}`.replace('os.getenv.', 'os.getenv ').replace('os.environ.', 'os.environ '), expr.span, `secret environment variable ${env.name}`);
    if (env) return undefined;
    if (expr.kind === 'call') {
      const call = this.model.calls[(expr as { callIndex: number }).callIndex];
      if (call?.callee.kind === 'member') {
        const hit = requestMemberSource(this.model, call.callee, fn);
        if (hit) return operatorMark(sourceTrace('user', exprSpanText(this.model, expr.span, 60), expr.span, hit.kind === 'process' ? 'process input' : 'client data'), hit.kind);
      }
      return undefined;
    }
    const hit = requestMemberSource(this.model, expr, fn);
    return hit ? operatorMark(sourceTrace('user', hit.description, hit.span, hit.kind === 'process' ? 'process input' : 'client data'), hit.kind) : undefined;
  }

  /** The first environment read that starts where `span` starts (reads by line, built on first use). */
  private envReadAt(span: Span): EnvRead | undefined {
    if (this.model.envReads.length === 0) return undefined;
    if (!this.envReadsByLine) {
      this.envReadsByLine = new Map();
      for (const read of this.model.envReads) {
        const list = this.envReadsByLine.get(read.span.line);
        if (list) list.push(read);
        else this.envReadsByLine.set(read.span.line, [read]);
      }
    }
    const onLine = this.envReadsByLine.get(span.line);
    return onLine?.find((r) => sameStart(r.span, span));
  }

  private isTrusted(expr: Expr): boolean {
    const path = dottedPath(expr);
    return path !== undefined && this.trusted.some((t) => path === t || path.startsWith(t + '.'));
  }

  private isLlmEndpoint(call: Call): boolean {
    const url = call.args[0]?.value;
    if (!url) return false;
    const e = unwrap(url);
    const text = e.kind === 'string' ? e.value : e.kind === 'template' && typeof e.parts[0] === 'string' ? e.parts[0] : undefined;
    return text !== undefined && LLM_ENDPOINT_URL.test(text);
  }

  private matches(model: CallModel, call: Call): boolean {
    if (model.language && model.language !== this.language) return false;
    if (model.callee.startsWith('.')) {
      const method = call.callee.kind === 'member' ? call.callee.property : undefined;
      if (method !== model.callee.slice(1)) return false;
      const receiver = call.callee.kind === 'member' ? dottedPath(call.callee.object) : undefined;
      return !(receiver !== undefined && model.notReceivers?.includes(receiver));
    }
    const path = call.calleePath;
    if (!path) return false;
    if (path === model.callee) return true;
    // Imported under its own name: `from shlex import quote` → `quote`; `import DOMPurify` → `DOMPurify.sanitize`.
    return !model.callee.includes('.') ? false : path === model.callee.split('.').slice(-1)[0] && this.importedFrom(path, model.callee);
  }

  private importedFrom(local: string, qualified: string): boolean {
    const module = qualified.split('.').slice(0, -1).join('.');
    return this.model.imports.some((imp) => imp.local === local && (imp.module === module || imp.module.endsWith('.' + module)));
  }

  private isToolHandler(fn: FunctionInfo): boolean {
    for (const decorator of fn.decorators) {
      const path = writtenPath(this.model, decorator);
      if (path && TOOL_HANDLERS.decorators.some((name) => path === name || path.endsWith('.' + name))) return true;
    }
    if (fn.passedTo) {
      const call = this.model.calls[fn.passedTo.callIndex];
      const path = call?.calleePath;
      const property = fn.passedTo.property?.split('.').pop();
      return TOOL_HANDLERS.callbacks.some(
        (c) => path !== undefined && (path === c.callee || path.endsWith('.' + c.callee.split('.').pop()!) && c.callee.includes('.')) && c.property === property,
      );
    }
    return false;
  }
}

/** The sanitizer kind a Python annotation amounts to (Literal / numbers / an Enum class of this file). */
function constrainedAnnotation(model: FileModel, annotation: string | undefined): SanitizerKind | undefined {
  if (!annotation) return undefined;
  const text = annotation.trim();
  const known = CONSTRAINED_ANNOTATIONS.find((c) => c.pattern.test(text));
  if (known) return known.kind;
  const name = /^(?:Optional\[)?([A-Za-z_]\w*)\]?$/.exec(text)?.[1];
  if (name && new RegExp(`^class\\s+${name}\\s*\\((?:[\\w.]+,\\s*)*(?:enum\\.)?(?:Str|Int)?Enum\\)`, 'm').test(model.source)) return 'allowlist';
  return undefined;
}

/** `field: <annotation>` in the body of `class <className>(...)` of this file's source (pydantic models). */
function classFieldAnnotation(source: string, className: string, field: string): string | undefined {
  const header = new RegExp(`^([ \\t]*)class\\s+${className}\\b[^\\n]*:[ \\t]*\\r?$`, 'm').exec(source);
  if (!header) return undefined;
  const indent = header[1]!.length;
  const lines = source.slice(header.index + header[0].length).split('\n');
  for (const line of lines.slice(1, 200)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (line.length - line.trimStart().length <= indent) break;
    const match = new RegExp(`^\\s+${field}\\s*:\\s*([^=#]+)`).exec(line);
    if (match) return match[1]!.trim();
  }
  return undefined;
}

function sourceTrace(label: TaintLabel, source: string, span: Span, message: string): Trace {
  return { label, source, steps: [{ span, message: `${source}${message === source ? '' : ` (${message})`}` }], sanitizers: [] };
}

function operatorMark(trace: Trace, kind: 'request' | 'process'): Trace {
  return kind === 'process' ? { ...trace, operator: true } : trace;
}

function withSanitizer(trace: Trace, kind: SanitizerKind): Trace {
  return trace.sanitizers.includes(kind) ? trace : { ...trace, sanitizers: [...trace.sanitizers, kind] };
}

/** `response.content[0].input` / `tool_call.function.arguments`: the model's tool-call arguments. */
function relabelMember(trace: Trace, property: string | undefined, span: Span): Trace {
  if (trace.label !== 'llm' || property === undefined) return trace;
  if (TOOL_HANDLERS.argumentMembers.includes(property))
    return { ...trace, label: 'tool', source: `tool-call arguments from ${trace.source}`, steps: [...trace.steps, { span, message: `.${property}: tool-call arguments chosen by the model` }] };
  return trace;
}

function dedupe(traces: Trace[]): Trace[] {
  const seen = new Set<string>();
  const out: Trace[] = [];
  for (const trace of traces) {
    const key = `${trace.label}|${trace.operator ? 'operator' : ''}|${[...trace.sanitizers].sort().join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(trace);
    if (out.length >= MAX_TRACES) break;
  }
  return out;
}

function sameStart(a: Span, b: Span): boolean {
  return a.line === b.line && a.column === b.column;
}

const analyses = new WeakMap<FileModel, TaintAnalysis>();

/** One analysis per file, shared by every taint rule (memoized traces). */
export function taintAnalysis(model: FileModel, llm: LlmIndex, config: ResolvedConfig): TaintAnalysis {
  let analysis = analyses.get(model);
  if (!analysis) {
    analysis = new TaintAnalysis(model, llm, config);
    analyses.set(model, analysis);
  }
  return analysis;
}

/** FlowSteps for a finding: the trace's steps, then the sink. */
export function flowSteps(file: string, trace: Trace, sink: Span, sinkMessage: string): FlowStep[] {
  const steps = [...trace.steps, { span: sink, message: sinkMessage }];
  return steps.map((s) => flowStep(file, s.span, s.message));
}

/** One step of a finding's flow: `flowSteps` builds them from a taint trace, rules without one build them by hand. */
export function flowStep(file: string, span: Span, message: string): FlowStep {
  return { file, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn, message };
}

/** "request.json['style'] (line 12) reaches the system prompt of anthropic messages.create (line 18)". */
export function flowMessage(trace: Trace, sinkDescription: string, sinkLine: number): string {
  const sourceLine = trace.steps[0]?.span.line;
  return `${trace.source}${sourceLine !== undefined ? ` (line ${sourceLine})` : ''} reaches ${sinkDescription} (line ${sinkLine})`;
}
