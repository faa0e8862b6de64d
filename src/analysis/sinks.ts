// Finds the dangerous sinks of knowledge/sinks.ts in a FileModel: import-bound calls, method calls on
// recognised receivers, `innerHTML` assignments, JSX `dangerouslySetInnerHTML`, and markdown renderers whose
// HTML reaches one of those. Also the checks around a sink that the taint engine cannot see as sanitizers:
// path confinement and host allowlists before a file or URL sink, and human confirmation before any sink.
import { nthPositional, positionalValues, spanContains, type Call, type Expr, type FileModel, type FunctionInfo, type ObjectEntry, type Span } from './model.js';
import type { LlmCall, LlmIndex } from './bind.js';
import { exitedBefore } from './guards.js';
import type { Trace } from './taint.js';
import type { Severity } from '../core/types.js';
import {
  ASSIGNMENT_SINKS,
  CALL_SINKS,
  CONFINEMENT_CHECKS,
  CONFIRMATION_CALLS,
  CONSTRAINED_JSON_SCHEMA,
  CONSTRAINED_TOOL_SCHEMA,
  STRUCTURED_OUTPUT_OPTIONS,
  STRUCTURED_OUTPUT_VALUE,
  INTERPRETER_FLAGS,
  INTERPRETERS,
  MARKDOWN_RENDERERS,
  MODULE_ALIASES,
  type MarkdownRendererModel,
  type SinkCondition,
  type SinkKind,
  type SinkModel,
  type ValueSlot,
} from '../knowledge/sinks.js';
import { dottedPath, enclosingFunctions, exprSpanText, importBinding, reachingAssignment, resolveValue, unwrap } from './values.js';

export interface SinkSite {
  kind: SinkKind;
  /** Id of the sink model (`py.subprocess-shell`, `js.inner-html`). */
  sinkId: string;
  /** What the value reaches, for messages. */
  description: string;
  /** The dangerous value (one site per value slot of a sink). */
  value: Expr;
  /** Where to report: the call, the assignment, or the JSX attribute. */
  span: Span;
  functionIndex: number | undefined;
  severity: Severity;
  cwe: string[];
  access?: 'read' | 'write';
  /** The sink call, for call sinks. */
  call?: Call;
  /** Shell sinks: the command starts with a fixed, non-interpreter program, so a quoted value is one argument. */
  fixedProgram?: boolean;
  /** URL sinks: the URL starts with a literal scheme and host (`https://api.example.com/${path}`). */
  fixedHost?: boolean;
}

type Language = 'python' | 'js';

const cache = new WeakMap<FileModel, SinkSite[]>();

/** Sink sites of `model`, optionally only of some kinds, in source order. */
export function findSinks(model: FileModel, kinds?: SinkKind[]): SinkSite[] {
  let sites = cache.get(model);
  if (!sites) {
    sites = collect(model);
    cache.set(model, sites);
  }
  return kinds ? sites.filter((s) => kinds.includes(s.kind)) : sites;
}

function collect(model: FileModel): SinkSite[] {
  const language: Language = model.language === 'python' ? 'python' : 'js';
  const sites: SinkSite[] = [];
  const index = sinkIndex(language);
  const seenKinds = new Set<SinkKind>();
  const anyCallCannotMatch = index.any.length > 0 && index.any.every((sink) => !mayHaveValue(model, sink));
  for (const call of model.calls) {
    const candidates = candidateSinks(model, call, index);
    if (candidates.length === 0 || (anyCallCannotMatch && candidates === index.any)) continue;
    seenKinds.clear();
    for (const sink of candidates) {
      if (anyCallCannotMatch && index.any.includes(sink)) continue;
      if (seenKinds.has(sink.kind) || !calleeMatches(model, call, sink, language)) continue;
      if (sink.when && !sink.when.every((c) => conditionHolds(model, call, c, language))) continue;
      const values = sink.value.length === 1 ? slotValues(model, call, sink.value[0]!, language) : sink.value.flatMap((slot) => slotValues(model, call, slot, language));
      if (values.length === 0) continue;
      seenKinds.add(sink.kind);
      for (const v of values) sites.push(siteOf(model, sink, call, v.value, v.span ?? call.span));
    }
  }
  if (language === 'js')
    for (const assignment of model.assignments) {
      // The target's last member (`el.innerHTML`); plain names are no sink.
      const dot = assignment.target.lastIndexOf('.');
      if (dot < 0) continue;
      const member = assignment.target.slice(dot + 1);
      const sink = ASSIGNMENT_SINKS.find((s) => s.members.includes(member));
      if (!sink) continue;
      sites.push({ kind: sink.kind, sinkId: sink.id, description: sink.description, value: assignment.value, span: assignment.span, functionIndex: assignment.functionIndex, severity: sink.severity, cwe: sink.cwe });
    }
  // Markdown rendered to HTML: the HTML sink is reported as output-markdown, on the renderer's input.
  const out: SinkSite[] = [];
  for (const site of sites) {
    if (site.kind !== 'html') {
      out.push(site);
      continue;
    }
    const rendered = findRenderer(model, site.value, site.functionIndex, language);
    if (!rendered) {
      out.push(site);
      continue;
    }
    for (const input of rendered.inputs)
      out.push({
        kind: 'markdown',
        sinkId: `${language === 'python' ? 'py' : 'js'}.markdown-to-html`,
        description: rendered.rawHtml
          ? `${rendered.renderer.name} output (raw HTML passes through) rendered by ${site.description}`
          : `${rendered.renderer.name} output (model-chosen image and link URLs) rendered by ${site.description}`,
        value: input,
        span: site.span,
        functionIndex: site.functionIndex,
        severity: rendered.rawHtml ? 'high' : 'medium',
        cwe: rendered.rawHtml ? ['CWE-79'] : ['CWE-200'],
        call: site.call,
      });
  }
  return out.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
}

/**
 * False when no call of the file can give the sink a value: every value slot is a property inside an object
 * literal (`dangerouslySetInnerHTML.__html`) and the file's text cannot hold that key. A key is written out in
 * the source unless an escape sequence spells it, and then the source holds a backslash.
 */
function mayHaveValue(model: FileModel, sink: SinkModel): boolean {
  if (model.source.includes('\\')) return true;
  return sink.value.some((slot) => !slot.property || model.source.includes(propertyPath(slot.property)[0]!));
}

function siteOf(model: FileModel, sink: SinkModel, call: Call, value: Expr, span: Span): SinkSite {
  const fn = call.functionIndex;
  const site: SinkSite = { kind: sink.kind, sinkId: sink.id, description: sink.description, value, span, functionIndex: fn, severity: sink.severity, cwe: sink.cwe, call };
  if (sink.access) site.access = sink.access;
  if (sink.kind === 'shell') site.fixedProgram = startsWithFixedProgram(model, value, fn);
  if (sink.kind === 'outbound-url') site.fixedHost = startsWithFixedHost(model, value, fn);
  return site;
}

// ---------------------------------------------------------------------------------------------------------
// Callee resolution

/** `module:path` for import-bound names (Python modules folded to their top package), else the path itself. */
function qualifiedCallee(model: FileModel, path: string, at: Span | undefined, fn: number | undefined, depth = 0): string {
  const language: Language = model.language === 'python' ? 'python' : 'js';
  const dot = path.indexOf('.');
  const head = dot < 0 ? path : path.slice(0, dot);
  // The members after the head, with their leading dot (`.messages.create`), or ''.
  const rest = dot < 0 ? '' : path.slice(dot);
  const imp = importBinding(model, head);
  if (imp) {
    let module = imp.module.startsWith('node:') ? imp.module.slice(5) : imp.module;
    // Python `import os.path` binds `os`, the top package.
    if (language === 'python' && imp.imported === '*' && module.startsWith(imp.local + '.')) module = imp.local;
    const member = imp.imported === '*' || imp.imported === 'default' ? rest.slice(1) : imp.imported + rest;
    return normalized(`${module}:${member || 'default'}`, language);
  }
  // `const run = promisify(exec)`, `run = subprocess.run`: an alias of an imported function.
  if (depth < 3 && head && at) {
    const assignment = reachingAssignment(model, head, at, fn);
    if (assignment && !assignment.augmented) {
      let value = unwrap(assignment.value);
      if (value.kind === 'call') {
        const inner = model.calls[value.callIndex];
        if (inner && (inner.calleePath === 'promisify' || inner.calleePath === 'util.promisify') && inner.args[0]) value = unwrap(inner.args[0].value);
      }
      const aliased = value.kind === 'name' || value.kind === 'member' ? dottedPath(value) : undefined;
      if (aliased && aliased !== head) return qualifiedCallee(model, aliased + rest, assignment.span, assignment.functionIndex, depth + 1);
    }
  }
  return path;
}

/** Python `a.b:c` → `a:b.c`; module aliases (`fs/promises:x` → `fs:promises.x`); `node:` dropped. */
export function normalizeCallee(callee: string, language: Language): string {
  const colon = callee.lastIndexOf(':');
  if (colon < 0) return callee;
  let module = callee.slice(0, colon).replace(/^node:/, '');
  let path = callee.slice(colon + 1);
  const alias = MODULE_ALIASES[module];
  if (alias) {
    module = alias.module;
    if (alias.prefix) path = path === 'default' ? alias.prefix : `${alias.prefix}.${path}`;
  }
  if (language === 'python' && module.includes('.')) {
    const [top, ...sub] = module.split('.');
    module = top!;
    path = path === 'default' ? sub.join('.') : [...sub, path].join('.');
  }
  return `${module}:${path}`;
}

/** A language's call sinks by what their callees name, so a call meets only the sinks it could match. */
interface SinkIndex {
  /** Table order of each sink: candidates keep it, so the first matching sink of a kind still wins. */
  order: Map<SinkModel, number>;
  any: SinkModel[];
  byMethod: Map<string, SinkModel[]>;
  byQualified: Map<string, SinkModel[]>;
  /** The merged, ordered candidate list of each (byMethod, byQualified) pair, built on first use: the keys are the index's own arrays. */
  merged: Map<SinkModel[], Map<SinkModel[], SinkModel[]>>;
}

const sinkIndexes: Partial<Record<Language, SinkIndex>> = {};

function sinkIndex(language: Language): SinkIndex {
  let index = sinkIndexes[language];
  if (index) return index;
  index = { order: new Map(), any: [], byMethod: new Map(), byQualified: new Map(), merged: new Map() };
  const add = (map: Map<string, SinkModel[]>, key: string, sink: SinkModel) => {
    const list = map.get(key) ?? [];
    if (!list.includes(sink)) list.push(sink);
    map.set(key, list);
  };
  for (const sink of CALL_SINKS) {
    if (sink.language !== language) continue;
    index.order.set(sink, index.order.size);
    for (const callee of sink.callees) {
      if (callee === '*') index.any.push(sink);
      else if (callee.startsWith('.')) add(index.byMethod, callee.slice(1), sink);
      else add(index.byQualified, normalized(callee, language), sink);
    }
  }
  sinkIndexes[language] = index;
  return index;
}

/** Every sink `calleeMatches` could accept for this call (a superset), in table order. */
function candidateSinks(model: FileModel, call: Call, index: SinkIndex): SinkModel[] {
  const byMethod = call.callee.kind === 'member' ? index.byMethod.get(call.callee.property) : undefined;
  const qualified = call.calleePath ? qualifiedOf(model, call) : undefined;
  const byQualified = qualified !== undefined ? index.byQualified.get(qualified) : undefined;
  if (!byMethod && !byQualified) return index.any;
  return mergedCandidates(index, byMethod, byQualified);
}

const NO_SINKS: SinkModel[] = [];

function mergedCandidates(index: SinkIndex, byMethod: SinkModel[] | undefined, byQualified: SinkModel[] | undefined): SinkModel[] {
  const first = byMethod ?? NO_SINKS;
  const second = byQualified ?? NO_SINKS;
  let bySecond = index.merged.get(first);
  if (!bySecond) {
    bySecond = new Map();
    index.merged.set(first, bySecond);
  }
  let merged = bySecond.get(second);
  if (!merged) {
    merged = [...new Set([...index.any, ...first, ...second])].sort((a, b) => index.order.get(a)! - index.order.get(b)!);
    bySecond.set(second, merged);
  }
  return merged;
}

// Keyed per language without building a key string (receiver checks ask for it once per candidate call).
const normalizedCache: Record<Language, Map<string, string>> = { python: new Map(), js: new Map() };
function normalized(callee: string, language: Language): string {
  const cache = normalizedCache[language];
  let value = cache.get(callee);
  if (value === undefined) {
    value = normalizeCallee(callee, language);
    cache.set(callee, value);
  }
  return value;
}

/** Per file: `qualifiedOf` by call index (null: the call has no path). */
const qualifiedCache = new WeakMap<FileModel, Array<string | null | undefined>>();

/** `qualifiedCallee` of a call's own path, once per call. */
function qualifiedOf(model: FileModel, call: Call): string | undefined {
  let values = qualifiedCache.get(model);
  if (!values) {
    values = new Array(model.calls.length);
    qualifiedCache.set(model, values);
  }
  let value = model.calls[call.index] === call ? values[call.index] : undefined;
  if (value === undefined) {
    value = call.calleePath ? qualifiedCallee(model, call.calleePath, call.span, call.functionIndex) : null;
    if (model.calls[call.index] === call) values[call.index] = value;
  }
  return value ?? undefined;
}

/** What calleeMatches reads of a sink; markdown renderers give the same fields. */
type CalleePattern = Pick<SinkModel, 'callees' | 'isNew' | 'receiver' | 'receiverFrom'>;

function calleeMatches(model: FileModel, call: Call, sink: CalleePattern, language: Language): boolean {
  if (sink.isNew && !call.isNew) return false;
  const method = call.callee.kind === 'member' ? call.callee.property : undefined;
  for (const callee of sink.callees) {
    if (callee === '*') return true;
    if (callee.startsWith('.')) {
      if (method !== callee.slice(1) || call.callee.kind !== 'member') continue;
      if (receiverMatches(model, call.callee.object, call.functionIndex, sink, language)) return true;
      continue;
    }
    if (!call.calleePath) continue;
    if (qualifiedOf(model, call) === normalized(callee, language)) return true;
  }
  return false;
}

function receiverMatches(model: FileModel, receiver: Expr, fn: number | undefined, sink: CalleePattern, language: Language): boolean {
  if (!sink.receiver && !sink.receiverFrom) return true;
  const last = dottedPath(receiver)?.split('.').pop();
  if (sink.receiver && last !== undefined && sink.receiver.test(last)) return true;
  if (sink.receiverFrom) return constructedBy(model, receiver, fn, sink.receiverFrom, language);
  return false;
}

/** The value was built by a call to one of `callees` (`.cursor`, `pg:Pool`, `markdown-it:default`). */
function constructedBy(model: FileModel, expr: Expr, fn: number | undefined, callees: string[], language: Language): boolean {
  const value = resolveValue(model, expr, fn);
  if (value.kind !== 'call') return false;
  const call = model.calls[value.callIndex];
  if (!call) return false;
  const method = call.callee.kind === 'member' ? call.callee.property : undefined;
  const qualified = qualifiedOf(model, call);
  return callees.some((c) => (c.startsWith('.') ? method === c.slice(1) : qualified !== undefined && qualified === normalized(c, language)));
}

// ---------------------------------------------------------------------------------------------------------
// Conditions and value slots

type Lookup = { found: true; value: Expr } | { found: false; unknown: boolean };

function findOptionValue(model: FileModel, call: Call, option: string, position: number | undefined, language: Language): Lookup {
  if (language === 'python') {
    const byName = call.args.find((a) => a.name === option);
    if (byName) return { found: true, value: byName.value };
    if (position !== undefined) {
      const positional = nthPositional(call, position);
      if (positional) return { found: true, value: positional.value };
    }
    return { found: false, unknown: call.args.some((a) => a.spread) };
  }
  // JS options objects follow the main argument: `spawn(cmd, args, { shell: true })`.
  const candidates = position !== undefined ? [call.args[position]] : call.args.slice(1);
  let unknown = false;
  for (const arg of candidates) {
    if (!arg) continue;
    if (arg.spread) {
      unknown = true;
      continue;
    }
    const hit = objectProperty(model, arg.value, propertyPath(option), call.functionIndex);
    if (hit.found) return hit;
    if (hit.unknown) unknown = true;
  }
  return { found: false, unknown };
}

/** A (dotted) property of an object literal, following local names. */
function objectProperty(model: FileModel, expr: Expr, path: string[], fn: number | undefined): Lookup & { span?: Span } {
  let current: Expr = expr;
  let span: Span | undefined;
  for (const key of path) {
    const object = resolveValue(model, current, fn);
    if (object.kind !== 'object') return { found: false, unknown: object.kind !== 'string' && object.kind !== 'array' && object.kind !== 'literal' && object.kind !== 'number' };
    // The last entry with the key wins, as in the object itself.
    let entry: ObjectEntry | undefined;
    for (let i = object.entries.length - 1; i >= 0; i--) {
      const candidate = object.entries[i]!;
      if (!candidate.spread && candidate.key === key) {
        entry = candidate;
        break;
      }
    }
    if (!entry) return { found: false, unknown: object.entries.some((e) => e.spread || e.key === undefined) };
    current = entry.value;
    span ??= entry.span;
  }
  return { found: true, value: current, span };
}

function conditionHolds(model: FileModel, call: Call, condition: SinkCondition, language: Language): boolean {
  const lookup = findOptionValue(model, call, condition.option, condition.position, language);
  const test = condition.test;
  if (!lookup.found) {
    if (lookup.unknown) return false;
    return test === 'falsy' || test === 'absent' || (typeof test === 'object' && ('notMatches' in test || 'notIn' in test));
  }
  const value = resolveValue(model, lookup.value, call.functionIndex);
  if (test === 'absent') return false;
  if (test === 'truthy' || test === 'falsy') {
    const truth = truthiness(value);
    return truth !== undefined && truth === (test === 'truthy');
  }
  if ('matches' in test) return value.kind === 'string' && new RegExp(test.matches).test(value.value);
  if ('notMatches' in test) return value.kind === 'string' && !new RegExp(test.notMatches).test(value.value);
  if ('notIn' in test) {
    const last = dottedPath(value)?.split('.').pop();
    return last !== undefined && !test.notIn.includes(last);
  }
  return pluginTest(model, value, call.functionIndex, test.hasPlugin, test.lacksPlugin);
}

function truthiness(value: Expr): boolean | undefined {
  switch (value.kind) {
    case 'literal':
      return value.value === 'true' || value.value === 'Infinity';
    case 'string':
      return value.value !== '';
    case 'number':
      return value.value !== 0;
    case 'object':
    case 'array':
    case 'function':
      return true;
    default:
      return undefined;
  }
}

/** An array of plugins (`[rehypeRaw]`, `[[rehypeRaw, opts]]`) that holds an import of `has` and none of `lacks`. */
function pluginTest(model: FileModel, value: Expr, fn: number | undefined, has: string, lacks: string): boolean {
  if (value.kind !== 'array') return false;
  const modules: string[] = [];
  for (const element of value.elements) {
    let e = resolveValue(model, element, fn);
    if (e.kind === 'array' && e.elements[0]) e = resolveValue(model, e.elements[0], fn);
    if (e.kind !== 'name') return false; // a spread or a computed plugin: cannot tell
    const imp = model.imports.find((i) => i.local === e.name);
    modules.push(imp ? imp.module : '');
  }
  return modules.includes(has) && !modules.includes(lacks);
}

interface SlotValue {
  value: Expr;
  span?: Span;
}

function slotValues(model: FileModel, call: Call, slot: ValueSlot, language: Language): SlotValue[] {
  if (slot.receiver) return call.callee.kind === 'member' ? [{ value: call.callee.object }] : [];
  if (slot.argv) return argvValues(model, call, slot, positionalValues(call), language);
  const byKeyword = slot.keyword && language === 'python' ? call.args.find((a) => a.name === slot.keyword) : undefined;
  const position = slot.position ?? 0;
  let values: Expr[];
  if (byKeyword) values = [byKeyword.value];
  else if (slot.rest) values = positionalValues(call).slice(position);
  else {
    const arg = nthPositional(call, position);
    if (!arg) return NO_VALUES;
    values = [arg.value];
  }
  if (slot.scalar) values = values.filter((v) => resolveValue(model, v, call.functionIndex).kind !== 'object');
  if (!slot.property) return values.map((value) => ({ value }));
  const out: SlotValue[] = [];
  for (const value of values) {
    const hit = objectProperty(model, value, propertyPath(slot.property), call.functionIndex);
    if (hit.found) out.push({ value: hit.value, span: hit.span });
  }
  return out;
}

const NO_VALUES: SlotValue[] = [];

const propertyPaths = new Map<string, string[]>();
function propertyPath(property: string): string[] {
  let path = propertyPaths.get(property);
  if (!path) {
    path = property.split('.');
    propertyPaths.set(property, path);
  }
  return path;
}

/** Program (and interpreter script) positions of an argv-style process call. */
function argvValues(model: FileModel, call: Call, slot: ValueSlot, positional: Expr[], language: Language): SlotValue[] {
  const fn = call.functionIndex;
  const keyword = language === 'python' && slot.keyword ? call.args.find((a) => a.name === slot.keyword)?.value : undefined;
  const first = keyword ?? positional[slot.position ?? 0];
  if (!first) return [];
  if (language === 'python') {
    const list = resolveValue(model, first, fn);
    if (list.kind !== 'array') return [{ value: first }]; // `shlex.split(out)`, `out.split()`, or a bare program
    return argvProgramAndScript(model, list.elements, fn);
  }
  const program = resolveValue(model, first, fn);
  const rest = positional[(slot.position ?? 0) + 1];
  const args = rest ? resolveValue(model, rest, fn) : undefined;
  return argvProgramAndScript(model, [program, ...(args?.kind === 'array' ? args.elements : [])], fn);
}

function argvProgramAndScript(model: FileModel, elements: Expr[], fn: number | undefined): SlotValue[] {
  const program = elements[0];
  if (!program) return [];
  const literal = resolveValue(model, program, fn);
  if (literal.kind !== 'string') return [{ value: program }];
  if (!INTERPRETERS.test(literal.value)) return [];
  const flag = elements.findIndex((e) => {
    const v = resolveValue(model, e, fn);
    return v.kind === 'string' && INTERPRETER_FLAGS.includes(v.value);
  });
  // `["python", script_path]` runs a file; `["bash", "-c", x]` runs x.
  return flag > 0 ? elements.slice(flag + 1).map((value) => ({ value })) : elements.slice(1, 2).map((value) => ({ value }));
}

/** `"ls " + quote(x)`, f"grep {quote(q)} log.txt": a literal program other than an interpreter comes first. */
function startsWithFixedProgram(model: FileModel, value: Expr, fn: number | undefined): boolean {
  const v = resolveValue(model, value, fn);
  if (v.kind !== 'template') return false;
  const head = v.parts[0];
  if (typeof head !== 'string') return false;
  const match = /^\s*([\w./-]+)\s/.exec(head);
  if (!match) return false;
  return !INTERPRETERS.test(match[1]!) && !/[;&|`$<>]/.test(head);
}

/** `f"https://docs.python.org/3/{slug}"`: the model picks the path, not the host. */
function startsWithFixedHost(model: FileModel, value: Expr, fn: number | undefined): boolean {
  const v = resolveValue(model, value, fn);
  const head = v.kind === 'template' ? v.parts[0] : undefined;
  return typeof head === 'string' && /^[a-z][\w+.-]*:\/\/[^/?#]+[/?#]/i.test(head);
}

// ---------------------------------------------------------------------------------------------------------
// Markdown renderers

function findRenderer(
  model: FileModel,
  value: Expr,
  fn: number | undefined,
  language: Language,
  depth = 0,
): { renderer: MarkdownRendererModel; rawHtml: boolean; inputs: Expr[] } | undefined {
  if (depth > 6) return undefined;
  const e = resolveValue(model, value, fn);
  if (e.kind === 'call') {
    const call = model.calls[e.callIndex];
    if (!call) return undefined;
    for (const renderer of MARKDOWN_RENDERERS) {
      if (renderer.language !== language) continue;
      if (!calleeMatches(model, call, renderer, language)) continue;
      const input = language === 'python' ? (call.args.find((a) => a.name === 'text')?.value ?? call.args.find((a) => !a.name && !a.spread)?.value) : call.args[0]?.value;
      if (!input) return undefined;
      let rawHtml = renderer.rawHtml === true;
      if (typeof renderer.rawHtml === 'object' && call.callee.kind === 'member') {
        const built = resolveValue(model, call.callee.object, call.functionIndex);
        const construction = built.kind === 'call' ? model.calls[built.callIndex] : undefined;
        rawHtml = !!construction && conditionHolds(model, construction, renderer.rawHtml, language);
      }
      return { renderer, rawHtml, inputs: [input] };
    }
    return undefined;
  }
  if (e.kind === 'template') {
    for (const part of e.parts) {
      if (typeof part === 'string') continue;
      const hit = findRenderer(model, part, fn, language, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  if (e.kind === 'binary' && ['+', '||', '??', 'or'].includes(e.op))
    return findRenderer(model, e.left, fn, language, depth + 1) ?? findRenderer(model, e.right, fn, language, depth + 1);
  if (e.kind === 'other' && e.op === 'conditional')
    for (const child of e.children.slice(1)) {
      const hit = findRenderer(model, child, fn, language, depth + 1);
      if (hit) return hit;
    }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Checks around a sink

/**
 * True when a check that confines the sink's value guards the sink: `if not target.is_relative_to(BASE):
 * raise`, `if (!ALLOWED_HOSTS.has(new URL(url).hostname)) throw ...`, `if host in ALLOWED: fetch(url)`.
 * Values derived from the sink's value (`host = urlparse(url).hostname`) count as the value.
 */
export function confinedBefore(model: FileModel, site: SinkSite, kind: 'file-path' | 'outbound-url'): boolean {
  const names = relatedNames(model, site.value, site.functionIndex);
  if (names.size === 0) return false;
  const checks = CONFINEMENT_CHECKS[kind];
  return guardingConditions(model, site.functionIndex, site.span).some((test) => isConfinementTest(model, test, names, checks, kind, 0));
}

/** True when the sink runs only after a human said yes (`if input("Run? ") != "y": return`). */
export function confirmedBefore(model: FileModel, functionIndex: number | undefined, at: Span): boolean {
  return guardingConditions(model, functionIndex, at).some((test) => mentionsConfirmation(model, test, functionIndex, 0));
}

function guardingConditions(model: FileModel, functionIndex: number | undefined, at: Span): Expr[] {
  const scopes = new Set(enclosingFunctions(model, functionIndex));
  return model.conditions
    .filter((c) => scopes.has(c.functionIndex) && (spanContains(c.consequentSpan, at) || exitedBefore(c, at)))
    .map((c) => c.test);
}

/** Dotted names the value is read from, plus names assigned from them in the same function (two hops). */
function relatedNames(model: FileModel, value: Expr, fn: number | undefined): Set<string> {
  const names = new Set<string>();
  collectNames(value, names, 0);
  const scopes = new Set(enclosingFunctions(model, fn));
  for (let hop = 0; hop < 2; hop++) {
    for (const assignment of model.assignments) {
      if (!scopes.has(assignment.functionIndex) || names.has(assignment.target)) continue;
      if (mentions(model, assignment.value, names, 0)) names.add(assignment.target);
    }
  }
  return names;
}

function collectNames(expr: Expr, out: Set<string>, depth: number): void {
  if (depth > 8) return;
  const e = unwrap(expr);
  const path = dottedPath(e);
  if (path !== undefined) {
    out.add(path);
    return;
  }
  switch (e.kind) {
    case 'template':
      for (const part of e.parts) if (typeof part !== 'string') collectNames(part, out, depth + 1);
      return;
    case 'binary':
      collectNames(e.left, out, depth + 1);
      collectNames(e.right, out, depth + 1);
      return;
    case 'other':
      for (const child of e.children) collectNames(child, out, depth + 1);
      return;
    default:
      return;
  }
}

function mentions(model: FileModel, expr: Expr, names: Set<string>, depth: number): boolean {
  if (depth > 10) return false;
  const e = unwrap(expr);
  const path = dottedPath(e);
  if (path !== undefined) {
    for (const name of names) if (path === name || path.startsWith(name + '.')) return true;
    return false;
  }
  switch (e.kind) {
    case 'member':
    case 'index':
      return mentions(model, e.object, names, depth + 1) || (e.kind === 'index' && mentions(model, e.index, names, depth + 1));
    case 'call': {
      const call = model.calls[e.callIndex];
      // `input(f"Delete {path}?")` shows the value to a person; it does not derive a value from it.
      if (!call || isConfirmationCall(call)) return false;
      if (call.callee.kind === 'member' && mentions(model, call.callee.object, names, depth + 1)) return true;
      return call.args.some((a) => mentions(model, a.value, names, depth + 1));
    }
    case 'template':
      return e.parts.some((p) => typeof p !== 'string' && mentions(model, p, names, depth + 1));
    case 'binary':
      return mentions(model, e.left, names, depth + 1) || mentions(model, e.right, names, depth + 1);
    case 'array':
      return e.elements.some((x) => mentions(model, x, names, depth + 1));
    case 'object':
      return e.entries.some((x) => mentions(model, x.value, names, depth + 1));
    case 'other':
      return e.children.some((x) => mentions(model, x, names, depth + 1));
    default:
      return false;
  }
}

function isConfinementTest(
  model: FileModel,
  test: Expr,
  names: Set<string>,
  checks: { methods: readonly string[]; functions: readonly string[] },
  kind: 'file-path' | 'outbound-url',
  depth: number,
): boolean {
  if (depth > 8) return false;
  const e = unwrap(test);
  if (e.kind === 'binary') {
    if (['in', 'not in', '==', '===', '!=', '!=='].includes(e.op)) return mentions(model, e.left, names, 0) || (!e.op.includes('in') && mentions(model, e.right, names, 0));
    return isConfinementTest(model, e.left, names, checks, kind, depth + 1) || isConfinementTest(model, e.right, names, checks, kind, depth + 1);
  }
  if (e.kind === 'other') return e.children.some((c) => isConfinementTest(model, c, names, checks, kind, depth + 1));
  if (e.kind !== 'call') return false;
  const call = model.calls[e.callIndex];
  if (!call) return false;
  const method = call.callee.kind === 'member' ? call.callee.property : undefined;
  const argsMention = call.args.some((a) => mentions(model, a.value, names, 0));
  if (method && checks.methods.includes(method)) {
    const receiverMentions = call.callee.kind === 'member' && mentions(model, call.callee.object, names, 0);
    if (!receiverMentions && !argsMention) return false;
    // A scheme check (`url.startswith("https://")`) does not pin the host.
    if (kind === 'outbound-url' && /^starts?with$/i.test(method) && receiverMentions) {
      const prefix = call.args[0] ? unwrap(call.args[0].value) : undefined;
      if (prefix?.kind === 'string' && !/^[a-z][\w+.-]*:\/\/[^/]+/i.test(prefix.value)) return false;
    }
    return true;
  }
  const path = call.calleePath;
  if (path && checks.functions.some((f) => path === f || path.endsWith('.' + f))) return argsMention;
  return false;
}

function mentionsConfirmation(model: FileModel, test: Expr, fn: number | undefined, depth: number): boolean {
  if (depth > 8) return false;
  const e = unwrap(test);
  switch (e.kind) {
    case 'call': {
      const call = model.calls[e.callIndex];
      if (!call) return false;
      if (isConfirmationCall(call)) return true;
      if (call.callee.kind === 'member' && mentionsConfirmation(model, call.callee.object, fn, depth + 1)) return true;
      return call.args.some((a) => mentionsConfirmation(model, a.value, fn, depth + 1));
    }
    case 'name': {
      const assignment = reachingAssignment(model, e.name, e.span, fn);
      return !!assignment && mentionsConfirmation(model, assignment.value, assignment.functionIndex, depth + 1);
    }
    case 'member':
      return mentionsConfirmation(model, e.object, fn, depth + 1);
    case 'binary':
      return mentionsConfirmation(model, e.left, fn, depth + 1) || mentionsConfirmation(model, e.right, fn, depth + 1);
    case 'other':
      return e.children.some((c) => mentionsConfirmation(model, c, fn, depth + 1));
    default:
      return false;
  }
}

function isConfirmationCall(call: Call): boolean {
  const path = call.calleePath;
  const method = call.callee.kind === 'member' ? call.callee.property : undefined;
  return CONFIRMATION_CALLS.some((c) => {
    if (c.startsWith('.')) return method === c.slice(1);
    if (path === undefined) return false;
    return path === c || (c.includes('.') && (c.endsWith('.' + path) || path.endsWith('.' + c)));
  });
}

// ---------------------------------------------------------------------------------------------------------
// Schemas around a flow's source

/** The call that takes `call`'s result directly as an argument: `Schema.parse(JSON.parse(x))`. */
export function findCallerOf(model: FileModel, call: Call): Call | undefined {
  return model.calls.find((c) => c.args.some((a) => {
    const v = unwrap(a.value);
    return v.kind === 'call' && v.callIndex === call.index;
  }));
}

/** The LLM call a trace starts at, when that call constrains its output to a schema (structured outputs). */
export function structuredOutputCall(model: FileModel, llm: LlmIndex, trace: Trace): LlmCall | undefined {
  const start = trace.steps[0]?.span;
  if (!start) return undefined;
  const source = llm.calls.find((c) => c.call.span.line === start.line && c.call.span.column === start.column);
  if (!source) return undefined;
  const call = source.call;
  // `client.beta.chat.completions.parse(response_format=Answer)`, `client.responses.parse(text_format=...)`.
  if (call.calleePath?.endsWith('.parse') || source.api.endsWith('generateObject') || source.api.endsWith('streamObject')) return source;
  const language: Language = model.language === 'python' ? 'python' : 'js';
  const position = source.signature.options.style === 'object' ? source.signature.options.argument : undefined;
  for (const option of STRUCTURED_OUTPUT_OPTIONS) {
    const lookup = findOptionValue(model, call, option, position, language);
    if (!lookup.found) continue;
    const value = resolveValue(model, lookup.value, call.functionIndex);
    if (value.kind === 'name' || value.kind === 'member') return source; // a schema class or constant
    if (STRUCTURED_OUTPUT_VALUE.test(exprSpanText(model, value.span, 400)) || STRUCTURED_OUTPUT_VALUE.test(exprSpanText(model, lookup.value.span, 400))) return source;
  }
  return undefined;
}

/**
 * True when a schema among `holder`'s arguments (a zod shape, `z.object({...})`, a JSON schema with `enum`)
 * declares `field` with no free text: an enum, a literal, a number, a boolean, a regex.
 */
export function schemaConstrains(model: FileModel, holder: Call, field: string): boolean {
  const seen = new Set<Expr>();
  const visit = (expr: Expr, depth: number): boolean => {
    if (depth > 6 || seen.has(expr)) return false;
    seen.add(expr);
    const e = resolveValue(model, expr, holder.functionIndex);
    if (e.kind === 'object') {
      for (const entry of e.entries) {
        if (entry.key === field && !entry.spread) {
          const text = exprSpanText(model, resolveValue(model, entry.value, holder.functionIndex).span, 400);
          if (CONSTRAINED_TOOL_SCHEMA.test(text) || CONSTRAINED_JSON_SCHEMA.test(text)) return true;
        }
        if (visit(entry.value, depth + 1)) return true;
      }
      return false;
    }
    if (e.kind === 'call') {
      const call = model.calls[e.callIndex];
      return !!call && call.args.some((a) => visit(a.value, depth + 1));
    }
    return false;
  };
  return holder.args.some((a) => visit(a.value, 0));
}

/**
 * The fields a value reads, when it is built only from member reads (`object.table`, `` `${args.path}` ``,
 * a name assigned from one): used to look the fields up in a schema. Undefined when any part is not a field.
 */
export function valueFields(model: FileModel, value: Expr, fn: number | undefined): string[] | undefined {
  const names = new Set<string>();
  collectNames(value, names, 0);
  if (names.size === 0) return undefined;
  const fields: string[] = [];
  for (const name of names) {
    let path: string | undefined = name;
    if (!path.includes('.')) {
      const assignment = reachingAssignment(model, name, value.span, fn);
      path = assignment ? dottedPath(assignment.value) : undefined;
    }
    if (path === undefined || !path.includes('.')) return undefined;
    fields.push(path.split('.').pop()!);
  }
  return fields;
}

/** The tool handler (function with that parameter) enclosing a sink in `fn`. */
export function handlerWithParam(model: FileModel, fn: number | undefined, name: string): FunctionInfo | undefined {
  for (const index of enclosingFunctions(model, fn)) {
    if (index === undefined) return undefined;
    const f = model.functions[index]!;
    if (f.params.some((p) => p.name === name)) return f;
  }
  return undefined;
}
