// Import-bound resolution of LLM clients and calls. A call is an LLM call only when its receiver traces,
// through imports and assignments in the same file, to an SDK export listed in knowledge/sdk.ts; names that
// merely look like `client.messages.create` (Twilio has one) are not.
import { isPositional, type Call, type Expr, type FileModel, type Span } from './model.js';
import {
  sdkModulesFor,
  type ExportSpec,
  type MethodSpec,
  type OptionRole,
  type Provider,
  type SdkModule,
  type Signature,
} from '../knowledge/sdk.js';
import { dottedPath, resolveValue, unwrap } from './values.js';

type Binding =
  | { kind: 'module'; module: SdkModule; path: string[] }
  | { kind: 'export'; module: SdkModule; spec: ExportSpec }
  /** An instance of a client or chat model, and the member path walked from it so far. */
  | { kind: 'instance'; module: SdkModule; spec: ExportSpec; construction: Call; path: string[] }
  /** A model object returned by a `model` method (`getGenerativeModel`). */
  | { kind: 'model-object'; module: SdkModule; method: MethodSpec; construction: Call; path: string[] }
  /** Something callable with a model id: `anthropic` from @ai-sdk/anthropic or `createAnthropic()`. */
  | { kind: 'model-factory'; module: SdkModule };

export interface LlmCall {
  call: Call;
  provider: Provider;
  /** Human name of the API: `anthropic messages.create`, `vercel-ai generateText`. */
  api: string;
  signature: Signature;
  /** Chat models and model objects keep model id and token cap on their constructing call. */
  config: { call: Call; signature: Signature } | undefined;
  method: MethodSpec | undefined;
  /** Matched through a configured wrapper name, not an SDK import. */
  viaWrapper: boolean;
}

export interface ClientConstruction {
  call: Call;
  provider: Provider;
  module: SdkModule;
  spec: ExportSpec;
}

/** A model handle from a model id: `anthropic('claude-…')`, `openai.chat('gpt-4o')`. */
export interface ModelReference {
  call: Call;
  provider: Provider;
  module: SdkModule;
}

export interface LlmIndex {
  calls: LlmCall[];
  constructions: ClientConstruction[];
  modelReferences: ModelReference[];
  /** Non-type imports of SDK modules. */
  sdkImports: Array<{ module: SdkModule; local: string; span: Span }>;
}

/** SDK modules of a language by import specifier (the first listed wins), built once per language. */
interface ModuleIndex {
  byName: Map<string, SdkModule>;
  /** Every specifier prefix before a dot (`google` for `google.genai`): only these can import a submodule. */
  parents: Set<string>;
}

const moduleIndexes = new Map<'python' | 'js', ModuleIndex>();

function moduleIndexFor(language: 'python' | 'js'): ModuleIndex {
  let index = moduleIndexes.get(language);
  if (!index) {
    index = { byName: new Map(), parents: new Set() };
    for (const module of sdkModulesFor(language)) {
      if (!index.byName.has(module.module)) index.byName.set(module.module, module);
      for (let dot = module.module.indexOf('.'); dot !== -1; dot = module.module.indexOf('.', dot + 1)) index.parents.add(module.module.slice(0, dot));
    }
    moduleIndexes.set(language, index);
  }
  return index;
}

export function bindLlm(model: FileModel, wrappers: string[] = []): LlmIndex {
  const language = model.language === 'python' ? 'python' : 'js';
  const modules = moduleIndexFor(language);
  const bindings = new Map<string, Binding>();
  const index: LlmIndex = { calls: [], constructions: [], modelReferences: [], sdkImports: [] };

  for (const imp of model.imports) {
    if (imp.typeOnly) continue;
    const binding = bindImport(modules, imp.module, imp.imported);
    if (!binding) continue;
    bindings.set(imp.local, binding);
    index.sdkImports.push({ module: binding.module, local: imp.local, span: imp.span });
  }
  if (bindings.size === 0 && wrappers.length === 0) return index;
  // Only a binding whose name has a dot (`self.client = OpenAI()`) can match a member path as a whole.
  let dottedNames = false;
  for (const name of bindings.keys()) if (name.includes('.')) dottedNames = true;

  const resolve = (expr: Expr, depth = 0): Binding | undefined => {
    if (depth > 12) return undefined;
    const e = unwrap(expr);
    if (e.kind === 'name') return bindings.get(e.name);
    if (e.kind === 'member') {
      const path = dottedNames ? dottedPath(e) : undefined;
      if (path && bindings.has(path)) return bindings.get(path);
      const base = resolve(e.object, depth + 1);
      return base && step(base, e.property);
    }
    if (e.kind === 'call') {
      const call = model.calls[e.callIndex];
      if (!call) return undefined;
      const callee = resolve(call.callee, depth + 1);
      return callee && callResult(callee, call);
    }
    return undefined;
  };

  // Assignments bind clients to names (`client = Anthropic()`, `this.client = new OpenAI()`); a second pass
  // catches clients assigned through another bound name.
  for (let pass = 0; pass < 2; pass++) {
    for (const assignment of model.assignments) {
      if (bindings.has(assignment.target)) continue;
      const binding = resolve(assignment.value);
      if (binding && binding.kind !== 'module' && binding.kind !== 'export') {
        bindings.set(assignment.target, binding);
        if (assignment.target.includes('.')) dottedNames = true;
      }
    }
  }

  for (const call of model.calls) {
    const callee = resolve(call.callee);
    if (callee) classifyCall(index, call, callee);
    else if (wrappers.length > 0 && call.calleePath && matchesWrapper(call.calleePath, wrappers))
      index.calls.push({
        call,
        provider: 'wrapper',
        api: call.calleePath,
        signature: wrapperSignature(language),
        config: undefined,
        method: undefined,
        viaWrapper: true,
      });
  }
  return index;
}

function bindImport(modules: ModuleIndex, moduleName: string, imported: string): Binding | undefined {
  // Python `from google import genai` imports the submodule google.genai.
  const submodule = modules.parents.has(moduleName) ? modules.byName.get(`${moduleName}.${imported}`) : undefined;
  if (submodule) return { kind: 'module', module: submodule, path: [] };
  const module = modules.byName.get(moduleName);
  if (!module) return undefined;
  if (imported === '*') {
    // `import OpenAI from 'openai'` style default exports are listed as `default`; a namespace import
    // (`import * as ai from 'ai'`, Python `import anthropic`) walks exports by name.
    return { kind: 'module', module, path: [] };
  }
  const spec = module.exports.find((x) => x.name === imported);
  return spec ? { kind: 'export', module, spec } : undefined;
}

function step(binding: Binding, property: string): Binding | undefined {
  switch (binding.kind) {
    case 'module': {
      if (binding.path.length === 0) {
        const spec = binding.module.exports.find((x) => x.name === property);
        if (spec) return { kind: 'export', module: binding.module, spec };
      }
      return { ...binding, path: [...binding.path, property] };
    }
    case 'instance':
    case 'model-object':
      return { ...binding, path: [...binding.path, property] };
    case 'model-factory':
      // `openai.chat('gpt-4o')`, `openai.responses('…')` are model factories too.
      return binding;
    case 'export':
      return undefined;
  }
}

/** Calling a module itself means its default export: CommonJS `const OpenAI = require('openai'); new OpenAI()`. */
function asCallable(binding: Binding): Binding {
  if (binding.kind !== 'module' || binding.path.length > 0) return binding;
  const spec = binding.module.exports.find((x) => x.name === 'default');
  return spec ? { kind: 'export', module: binding.module, spec } : binding;
}

function callResult(target: Binding, call: Call): Binding | undefined {
  const binding = asCallable(target);
  if (binding.kind === 'export') {
    const { spec, module } = binding;
    if (spec.kind === 'client' || spec.kind === 'chat-model')
      return { kind: 'instance', module, spec, construction: call, path: [] };
    if (spec.kind === 'provider-factory') return { kind: 'model-factory', module };
    return undefined;
  }
  if (binding.kind === 'instance') {
    const method = binding.spec.methods?.find((m) => m.path === binding.path.join('.'));
    if (method?.kind === 'model') return { kind: 'model-object', module: binding.module, method, construction: call, path: [] };
    // `ChatOpenAI(...).bind_tools(...)`, `.with_structured_output(...)` keep the model.
    if (binding.spec.kind === 'chat-model' && binding.path.length === 1 && /^(bind|with_|withStructured|withConfig|bindTools)/.test(binding.path[0]!))
      return { ...binding, path: [] };
  }
  return undefined;
}

function classifyCall(index: LlmIndex, call: Call, target: Binding): void {
  const binding = asCallable(target);
  const { provider } = binding.module;
  switch (binding.kind) {
    case 'export': {
      const { spec, module } = binding;
      if (spec.kind === 'client' || spec.kind === 'chat-model') index.constructions.push({ call, provider, module, spec });
      else if (spec.kind === 'function')
        index.calls.push({ call, provider, api: `${provider} ${spec.name}`, signature: spec.signature, config: undefined, method: undefined, viaWrapper: false });
      else if (spec.kind === 'model-factory') index.modelReferences.push({ call, provider, module });
      return;
    }
    case 'model-factory':
      index.modelReferences.push({ call, provider, module: binding.module });
      return;
    case 'instance': {
      const path = binding.path.join('.');
      const method = binding.spec.methods?.find((m) => m.path === path && m.kind === 'generate');
      if (!method) return;
      const config = binding.spec.kind === 'chat-model' ? { call: binding.construction, signature: binding.spec.signature } : undefined;
      index.calls.push({ call, provider, api: `${provider} ${binding.spec.kind === 'chat-model' ? binding.spec.name + '.' : ''}${path}`, signature: method.signature, config, method, viaWrapper: false });
      return;
    }
    case 'model-object': {
      const path = binding.path.join('.');
      const method = binding.method.methods?.find((m) => m.path === path);
      if (!method) return;
      index.calls.push({ call, provider, api: `${provider} ${path}`, signature: method.signature, config: { call: binding.construction, signature: binding.method.signature }, method, viaWrapper: false });
      return;
    }
    case 'module': {
      // Module-level clients: Python `openai.chat.completions.create(...)` uses the default client.
      const path = binding.path.join('.');
      for (const spec of binding.module.exports) {
        const method = spec.methods?.find((m) => m.path === path && m.kind === 'generate');
        if (method) {
          index.calls.push({ call, provider, api: `${provider} ${path}`, signature: method.signature, config: undefined, method, viaWrapper: false });
          return;
        }
      }
      return;
    }
  }
}

function matchesWrapper(calleePath: string, wrappers: string[]): boolean {
  return wrappers.some((w) => calleePath === w || calleePath.endsWith('.' + w));
}

function wrapperSignature(language: 'python' | 'js'): Signature {
  return {
    options: language === 'python' ? { style: 'keywords' } : { style: 'object', argument: 0 },
    names: {
      model: ['model'],
      maxTokens: ['max_tokens', 'maxTokens', 'max_output_tokens', 'maxOutputTokens'],
      system: ['system', 'system_prompt', 'systemPrompt', 'instructions'],
      messages: ['messages'],
      prompt: ['prompt'],
    },
  };
}

// ---- Option lookup ----------------------------------------------------------------------------------

export type OptionLookup =
  | { found: true; name: string; value: Expr; span: Span }
  /** Not present. `unknown` when spreads or unresolved containers could hide it (`**params`, `...opts`). */
  | { found: false; unknown: boolean };

/** Where `role` is set on a call with this signature, looking through local constants and nested objects. */
export function findOption(model: FileModel, call: Call, signature: Signature, role: OptionRole): OptionLookup {
  const position = signature.positional?.[role];
  if (position !== undefined) {
    const arg = call.args[position];
    if (arg && !arg.spread && arg.name === undefined) return { found: true, name: role, value: arg.value, span: arg.span };
    return { found: false, unknown: call.args.some((a) => a.spread) };
  }
  const names = signature.names[role];
  if (!names || names.length === 0) return { found: false, unknown: false };
  let unknown = false;
  for (const name of names) {
    const [head, ...rest] = name.split('.');
    const top = topLevelOption(model, call, signature, head!);
    if (top.found) {
      const nested = rest.length === 0 ? top : lookupPath(model, top.value, rest, call.functionIndex);
      if (nested.found) return nested;
      unknown ||= nested.unknown;
    } else unknown ||= top.unknown;
  }
  return { found: false, unknown };
}

function topLevelOption(model: FileModel, call: Call, signature: Signature, name: string): OptionLookup {
  if (signature.options.style === 'keywords') {
    for (const arg of call.args) if (!arg.spread && arg.name === name) return { found: true, name, value: arg.value, span: arg.span };
    const spread = call.args.find((a) => a.spread && a.name === '**');
    if (spread) return lookupPath(model, spread.value, [name], call.functionIndex);
    return { found: false, unknown: false };
  }
  const arg = call.args[signature.options.argument];
  if (!arg) return { found: false, unknown: call.args.some((a) => a.spread) };
  if (arg.spread) return { found: false, unknown: true };
  return lookupPath(model, arg.value, [name], call.functionIndex);
}

/** Looks up `path` inside an object/dict literal or keyword-argument call (`types.GenerateContentConfig(...)`). */
function lookupPath(model: FileModel, expr: Expr, path: string[], functionIndex: number | undefined): OptionLookup {
  let current = resolveValue(model, expr, functionIndex);
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    let next: { value: Expr; span: Span } | undefined;
    let unknown = false;
    if (current.kind === 'object') {
      for (const entry of current.entries) {
        if (entry.spread) unknown = true;
        else if (entry.key === key) next = { value: entry.value, span: entry.span };
      }
    } else if (current.kind === 'call') {
      // Only keyword-argument config calls (`types.GenerateContentConfig(max_output_tokens=…)`) are
      // containers; `await req.json()` is an opaque value.
      const call = model.calls[current.callIndex];
      if (!call || !call.args.some((a) => a.name !== undefined && !a.spread)) return { found: false, unknown: true };
      for (const arg of call.args) {
        if (arg.spread) unknown = true;
        else if (arg.name === key) next = { value: arg.value, span: arg.span };
      }
      if (call.args.some((a) => isPositional(a))) unknown = true;
    } else {
      return { found: false, unknown: true };
    }
    if (!next) return { found: false, unknown };
    if (i === path.length - 1) return { found: true, name: path.join('.'), value: next.value, span: next.span };
    current = resolveValue(model, next.value, functionIndex);
  }
  return { found: false, unknown: false };
}

/** Option of the call itself, or of its model configuration (chat-model constructor, getGenerativeModel). */
export function findCallOption(model: FileModel, llmCall: LlmCall, role: OptionRole): OptionLookup {
  const direct = findOption(model, llmCall.call, llmCall.signature, role);
  if (direct.found || !llmCall.config) return direct;
  const configured = findOption(model, llmCall.config.call, llmCall.config.signature, role);
  if (configured.found) return configured;
  return { found: false, unknown: direct.unknown || configured.unknown };
}
