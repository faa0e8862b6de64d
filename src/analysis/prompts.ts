// The prompt of an LLM call, split into parts with roles: the system prompt (Anthropic `system`, OpenAI
// `instructions`, Gemini `system_instruction`), each message of `messages` / `input` / `contents` (dicts,
// object literals, LangChain message classes and tuples, content blocks), a plain `prompt`, the variables of a
// LangChain prompt template, and a message history passed as one value. Prompt rules ask "what reaches which
// role", never "which keyword does this SDK use".
import { calleeLastName, nthPositional, type Call, type Expr, type FileModel, type Span } from './model.js';
import { findCallOption, type LlmCall, type LlmIndex } from './bind.js';
import type { Provider } from '../knowledge/sdk.js';
import { assignmentsTo, dottedPath, enclosingFunctions, functionAt, reachingAssignment, resolveValue, stringValue, unwrap } from './values.js';

export type PromptRole = 'system' | 'developer' | 'assistant' | 'user' | 'tool' | 'prompt' | 'unknown';

export interface PromptPart {
  /** `prompt`: a single-string prompt without turns (AI SDK `prompt`, LangChain `invoke("…")`);
   * `unknown`: a message whose role is not written down (or a whole history, see `wholeMessages`). */
  role: PromptRole;
  /** The text as written (names are not resolved: the taint engine and `resolveValue` follow them), or the
   * whole message list when `wholeMessages`. */
  value: Expr;
  /** Where the value is written: where a finding about it belongs. */
  span: Span;
  /** Function the value is read in (for taint lookups). */
  functionIndex: number | undefined;
  /** How the call receives it: "system prompt", "messages[0] (role system)", "instructions", "prompt", … */
  via: string;
  /** The entire message array is one value (client history passthrough, `[...history, …]`). */
  wholeMessages?: boolean;
  /** A message whose role is computed (`{"role": m["role"], …}`): the role expression. */
  roleValue?: Expr;
  /** The value fills variable `{name}` of a prompt template: structured, not concatenated. */
  templateVariable?: string;
}

/** A call that sends a prompt to a model: an SDK call, or `chain.invoke(…)` of a LangChain `prompt | model` chain. */
export interface PromptCall {
  call: Call;
  api: string;
  provider: Provider;
  /** The SDK-bound call; undefined for chains. */
  llmCall: LlmCall | undefined;
  parts: PromptPart[];
  /** The model can call tools here (`tools` option, `bind_tools` / `bindTools` on the chat model). */
  hasTools: boolean;
  /** Matched through a configured wrapper name: rules report one severity step lower. */
  viaWrapper: boolean;
}

/** Roles the model treats as instructions. */
export function isInstructionRole(role: PromptRole): boolean {
  return role === 'system' || role === 'developer';
}

/** Roles the model trusts more than user text: instructions and its own earlier turns. */
export function isPrivilegedRole(role: PromptRole): boolean {
  return isInstructionRole(role) || role === 'assistant';
}

/** "the system prompt of anthropic messages.create", "messages[0] (role system) of openai chat.completions.create". */
export function describePart(part: PromptPart, api: string): string {
  const article = /^[a-z][a-z ]*$/.test(part.via) ? 'the ' : '';
  return `${article}${part.via} of ${api}`;
}

// ---- Tables ------------------------------------------------------------------------------------------

/** Role names as the SDKs spell them (OpenAI, Anthropic, Gemini `model`, LangChain tuples `human` / `ai`). */
const ROLE_NAMES: Record<string, PromptRole> = {
  system: 'system',
  developer: 'developer',
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  ai: 'assistant',
  model: 'assistant',
  tool: 'tool',
  function: 'tool',
};

/** LangChain message classes (Python and JS) by class name. */
const MESSAGE_CLASSES: Record<string, PromptRole> = {
  SystemMessage: 'system',
  HumanMessage: 'user',
  AIMessage: 'assistant',
  ToolMessage: 'tool',
  FunctionMessage: 'tool',
  SystemMessagePromptTemplate: 'system',
  HumanMessagePromptTemplate: 'user',
  AIMessagePromptTemplate: 'assistant',
};

/** Methods that add messages to a local list. */
const LIST_MUTATORS = new Set(['append', 'push', 'extend', 'insert', 'unshift', 'appendleft']);
/** Prompt-template factories: `ChatPromptTemplate.from_messages([...])`, `PromptTemplate.fromTemplate("…")`. */
const TEMPLATE_FACTORIES = new Set(['from_messages', 'fromMessages', 'from_template', 'fromTemplate']);
/** Methods that fill a template's variables. */
const TEMPLATE_FILLERS = new Set(['format_messages', 'formatMessages', 'format_prompt', 'formatPromptValue', 'format', 'invoke', 'ainvoke']);
/** Names that say a value is a message list rather than a text. */
const HISTORY_NAME = /messages|history|conversation|chat|turns|contents|dialog/i;
/** `{name}` variables of f-string style templates; `{{` escapes. */
const TEMPLATE_VARIABLE = /(?<!\{)\{([A-Za-z_]\w*)\}(?!\})/g;
const MAX_DEPTH = 8;

// ---- Entry points ----------------------------------------------------------------------------------

const partsCache = new WeakMap<Call, PromptPart[]>();

/** The prompt parts of an SDK-bound call: system parts, then `prompt`, then the messages in list order (mutations of a local list after its literal elements). Memoized per call. */
export function promptParts(model: FileModel, llmCall: LlmCall): PromptPart[] {
  const cached = partsCache.get(llmCall.call);
  if (cached) return cached;
  const collector = new Collector(model);
  const system = findCallOption(model, llmCall, 'system');
  if (system.found) collector.system(system.value, systemLabel(system.name));
  const prompt = findCallOption(model, llmCall, 'prompt');
  if (prompt.found) collector.messages(prompt.value, 'prompt', 'prompt');
  const messages = findCallOption(model, llmCall, 'messages');
  if (messages.found) {
    const positional = llmCall.signature.positional?.messages !== undefined;
    const label = positional ? 'input' : messages.name;
    // A string passed where messages go is one user turn (Responses `input`, Gemini `contents`) or, for
    // LangChain `invoke("…")`, the whole prompt.
    collector.messages(messages.value, label, positional ? 'prompt' : label === 'messages' ? undefined : 'user');
  }
  const parts = collector.parts;
  partsCache.set(llmCall.call, parts);
  return parts;
}

const callsCache = new WeakMap<LlmIndex, PromptCall[]>();

/** Every call in the file that sends a prompt: SDK calls and LangChain `prompt | model` chain invocations. */
export function promptCalls(model: FileModel, llm: LlmIndex): PromptCall[] {
  const cached = callsCache.get(llm);
  if (cached) return cached;
  const calls: PromptCall[] = llm.calls.map((llmCall) => ({
    call: llmCall.call,
    api: llmCall.api,
    provider: llmCall.provider,
    llmCall,
    parts: promptParts(model, llmCall),
    hasTools: findCallOption(model, llmCall, 'tools').found || boundTools(model, llmCall.call.callee),
    viaWrapper: llmCall.viaWrapper,
  }));
  calls.push(...chainInvocations(model, llm));
  callsCache.set(llm, calls);
  return calls;
}

function systemLabel(optionName: string): string {
  if (optionName === 'instructions') return 'instructions';
  if (/system_?instruction/i.test(optionName)) return 'system instruction';
  return 'system prompt';
}

// ---- Collector -------------------------------------------------------------------------------------

class Collector {
  readonly parts: PromptPart[] = [];
  private readonly seen = new Set<Expr>();

  constructor(private readonly model: FileModel) {}

  private add(role: PromptRole, value: Expr, via: string, extra: Partial<PromptPart> = {}): void {
    this.parts.push({ role, value, span: value.span, functionIndex: functionAt(this.model, value.span), via, ...extra });
  }

  /** Follows local names; a list grown with `+=` resolves to its plain definition (the growth is a mutation). */
  private resolve(expr: Expr): Expr {
    const fn = functionAt(this.model, expr.span);
    const e = unwrap(expr);
    if (e.kind === 'name') {
      const reaching = reachingAssignment(this.model, e.name, e.span, fn);
      if (reaching?.augmented) {
        const plain = assignmentsTo(this.model, e.name).filter((a) => !a.augmented && a.functionIndex === reaching.functionIndex && before(a.span, reaching.span));
        const definition = plain[plain.length - 1];
        if (definition) return resolveValue(this.model, definition.value, definition.functionIndex);
      }
    }
    return resolveValue(this.model, expr, fn);
  }

  /** Anthropic `system` (a string or text blocks), OpenAI `instructions`, Gemini system instructions. */
  system(value: Expr, via: string, depth = 0): void {
    const resolved = this.resolve(value);
    if (depth < MAX_DEPTH && !this.seen.has(resolved) && (resolved.kind === 'array' || resolved.kind === 'object')) {
      this.seen.add(resolved);
      this.content(resolved, 'system', via, depth + 1);
      return;
    }
    this.add('system', value, via);
  }

  /**
   * A message list, a single message, or text where messages go. `textRole` is the role of a plain string
   * (undefined: a string is not expected, so an opaque value is a whole history).
   */
  messages(value: Expr, label: string, textRole: PromptRole | undefined, depth = 0): void {
    if (depth > MAX_DEPTH) return;
    const resolved = this.resolve(value);
    if (this.seen.has(resolved)) return;
    switch (resolved.kind) {
      case 'array': {
        this.seen.add(resolved);
        resolved.elements.forEach((element, i) => this.message(element, `${label}[${i}]`, depth + 1));
        this.mutations(value, depth);
        return;
      }
      case 'object':
        this.seen.add(resolved);
        this.message(resolved, label, depth + 1);
        return;
      case 'string':
      case 'template':
        this.add(textRole ?? 'prompt', value, label === 'messages' ? 'messages' : label);
        return;
      case 'call': {
        const call = this.model.calls[resolved.callIndex];
        if (call && messageClass(call)) {
          this.seen.add(resolved);
          this.message(resolved, label, depth + 1);
          return;
        }
        if (call && this.template(call, label, depth)) return;
        const helper = call && this.localReturns(call);
        if (helper && helper.length > 0) {
          this.seen.add(resolved);
          for (const returned of helper) this.messages(returned, label, textRole, depth + 1);
          return;
        }
        break;
      }
    }
    this.opaque(value, resolved, label, textRole);
  }

  /** A value whose structure is not visible: a whole history when it is shaped or named like one. */
  private opaque(value: Expr, resolved: Expr, label: string, textRole: PromptRole | undefined): void {
    const named = [dottedPath(value), dottedPath(resolved), calleeOf(this.model, resolved)].some((p) => p !== undefined && HISTORY_NAME.test(p));
    if (textRole === undefined || named) this.add('unknown', value, label, { wholeMessages: true });
    else this.add(textRole, value, label);
  }

  /** One element of a message list. */
  private message(element: Expr, via: string, depth: number): void {
    const e = unwrap(element);
    if (e.kind === 'other' && e.op === 'spread' && e.children[0]) {
      this.spread(e.children[0], via, depth);
      return;
    }
    const resolved = this.resolve(element);
    if (resolved.kind === 'object') {
      const role = entryOf(resolved, 'role');
      const content = entryOf(resolved, 'content') ?? entryOf(resolved, 'parts') ?? entryOf(resolved, 'text');
      const spread = resolved.entries.find((entry) => entry.spread);
      if (!content) {
        // `{ ...m }` copies a client message whole.
        if (spread) this.add('unknown', spread.value, via, { wholeMessages: true });
        return;
      }
      this.typedContent(content, role, via, depth);
      return;
    }
    if (resolved.kind === 'array' && resolved.elements.length === 2) {
      // LangChain tuples: ("system", "…"), ["human", "{input}"].
      const roleName = stringValue(resolved.elements[0]);
      if (roleName !== undefined) {
        if (roleName === 'placeholder') return;
        this.content(resolved.elements[1]!, roleOf(roleName), `${via} (role ${roleName})`, depth);
        return;
      }
    }
    if (resolved.kind === 'call') {
      const call = this.model.calls[resolved.callIndex];
      if (call) {
        const cls = messageClass(call);
        const text = call.args.find((a) => a.name === 'content' && !a.spread) ?? nthPositional(call, 0);
        if (cls && text) {
          const inner = this.resolve(text.value);
          const content = inner.kind === 'object' && entryOf(inner, 'content') ? entryOf(inner, 'content')! : text.value;
          this.content(content, cls.role, `${cls.name}`, depth);
          return;
        }
        // Keyword-argument messages: `ChatMessage(role=…, content=…)`, `types.Content(role=…, parts=[…])`.
        const named = (name: string) => call.args.find((a) => a.name === name && !a.spread)?.value;
        const content = named('content') ?? named('parts') ?? named('text');
        if (content) {
          this.typedContent(content, named('role'), via, depth);
          return;
        }
      }
    }
    this.add('unknown', element, via);
  }

  private typedContent(content: Expr, role: Expr | undefined, via: string, depth: number): void {
    const roleName = role ? stringValue(role) : undefined;
    if (role && roleName === undefined) {
      this.content(content, 'unknown', via, depth, role);
      return;
    }
    const mapped = roleName === undefined ? 'user' : roleOf(roleName);
    this.content(content, mapped, roleName === undefined ? via : `${via} (role ${roleName})`, depth);
  }

  /** Message content: a string, or a list of content blocks (`{type:'text', text}`, Gemini parts). */
  private content(value: Expr, role: PromptRole, via: string, depth: number, roleValue?: Expr): void {
    const extra = roleValue ? { roleValue } : {};
    const resolved = this.resolve(value);
    if (depth < MAX_DEPTH && resolved.kind === 'array') {
      for (const block of resolved.elements) this.block(block, role, via, depth + 1, extra);
      return;
    }
    if (depth < MAX_DEPTH && resolved.kind === 'object') {
      this.block(resolved, role, via, depth + 1, extra);
      return;
    }
    this.add(role, value, via, extra);
  }

  private block(block: Expr, role: PromptRole, via: string, depth: number, extra: Partial<PromptPart>): void {
    const resolved = this.resolve(block);
    if (resolved.kind === 'object') {
      const type = stringValue(entryOf(resolved, 'type'));
      if (type === 'tool_result' || type === 'function_call_output') {
        const output = entryOf(resolved, 'content') ?? entryOf(resolved, 'output');
        if (output) this.content(output, 'tool', via, depth, undefined);
        return;
      }
      const text = entryOf(resolved, 'text') ?? entryOf(resolved, 'content');
      if (text) this.add(role, text, via, extra);
      // Images, files and documents by reference carry no instructions of their own.
      return;
    }
    if (resolved.kind === 'call') {
      // `types.Part(text=…)`, `types.Part.from_text(text=…)`.
      const call = this.model.calls[resolved.callIndex];
      const text = call?.args.find((a) => a.name === 'text' && !a.spread)?.value;
      if (text) {
        this.add(role, text, via, extra);
        return;
      }
    }
    this.add(role, block, via, extra);
  }

  /** `[...history, …]`, `[*history, …]`: a list inside the list. */
  private spread(inner: Expr, via: string, depth: number): void {
    const resolved = this.resolve(inner);
    if (resolved.kind === 'array' && !this.seen.has(resolved) && depth < MAX_DEPTH) {
      this.seen.add(resolved);
      resolved.elements.forEach((element, i) => this.message(element, `${via}[${i}]`, depth + 1));
      return;
    }
    this.add('unknown', inner, via, { wholeMessages: true });
  }

  /** `messages.append({...})`, `messages.push(...)`, `messages += [...]` on the local list. */
  private mutations(value: Expr, depth: number): void {
    const name = unwrap(value);
    if (name.kind !== 'name') return;
    const scope = functionAt(this.model, value.span);
    const definition = resolveOwner(this.model, name.name, scope);
    for (const call of this.model.calls) {
      const path = call.calleePath;
      if (!path || call.callee.kind !== 'member' || dottedPath(call.callee.object) !== name.name) continue;
      const method = call.callee.property;
      if (!LIST_MUTATORS.has(method) || call.functionIndex !== definition) continue;
      if (call.functionIndex === scope && !before(call.span, value.span)) continue;
      const args = method === 'insert' ? call.args.slice(1) : call.args;
      for (const arg of args) {
        const via = `${name.name}.${method}(…)`;
        if (arg.spread) this.spread(arg.value, via, depth + 1);
        else if (method === 'extend') this.spread(arg.value, via, depth + 1);
        else this.message(arg.value, via, depth + 1);
      }
    }
    for (const assignment of assignmentsTo(this.model, name.name)) {
      if (!assignment.augmented || assignment.functionIndex !== definition) continue;
      if (assignment.functionIndex === scope && !before(assignment.span, value.span)) continue;
      this.spread(assignment.value, `${name.name} += …`, depth + 1);
    }
  }

  /** `prompt.format_messages(x=…)`, `prompt.invoke({...})` where `prompt` is a LangChain template. */
  private template(call: Call, label: string, depth: number): boolean {
    if (call.callee.kind !== 'member' || !TEMPLATE_FILLERS.has(call.callee.property)) return false;
    const factory = templateFactory(this.model, call.callee.object);
    if (!factory) return false;
    this.templateParts(factory, variableArguments(this.model, call), label, depth);
    return true;
  }

  templateParts(factory: Call, variables: Map<string, Expr>, label: string, depth: number): void {
    const method = factory.callee.kind === 'member' ? factory.callee.property : '';
    const first = factory.args.find((a) => !a.spread && (a.name === undefined || a.name === 'messages' || a.name === 'template'));
    if (!first) return;
    if (method === 'from_template' || method === 'fromTemplate') {
      this.templateMessage(first.value, 'prompt', `${label} template`, variables, depth);
      return;
    }
    const list = this.resolve(first.value);
    if (list.kind !== 'array') return;
    list.elements.forEach((element, i) => {
      const e = this.resolve(element);
      const via = `${label} template message ${i}`;
      if (e.kind === 'array' && e.elements.length === 2) {
        const roleName = stringValue(e.elements[0]);
        if (roleName === 'placeholder') {
          const variable = /^\{(\w+)\}$/.exec(stringValue(e.elements[1]) ?? '')?.[1];
          const bound = variable ? variables.get(variable) : undefined;
          if (bound) this.add('unknown', bound, `${via} ({${variable}})`, { wholeMessages: true, templateVariable: variable });
          return;
        }
        if (roleName !== undefined) this.templateMessage(e.elements[1]!, roleOf(roleName), via, variables, depth);
        return;
      }
      if (e.kind === 'call') {
        const call = this.model.calls[e.callIndex];
        if (!call) return;
        const last = calleeLastName(call);
        if (last === 'MessagesPlaceholder') {
          const variable = stringValue(call.args.find((a) => a.name === 'variable_name' || a.name === 'variableName' || a.name === undefined)?.value);
          const bound = variable ? variables.get(variable) : undefined;
          if (bound) this.add('unknown', bound, `${via} ({${variable}})`, { wholeMessages: true, templateVariable: variable });
          return;
        }
        // `SystemMessagePromptTemplate.from_template("…")`, `new SystemMessage("…")`.
        const cls = messageClass(call) ?? (call.callee.kind === 'member' ? messageClassOf(dottedPath(call.callee.object)) : undefined);
        const text = call.args.find((a) => !a.spread && (a.name === undefined || a.name === 'content' || a.name === 'template'));
        if (cls && text) this.templateMessage(text.value, cls.role, via, variables, depth);
      }
    });
  }

  /** One template message: its literal `{variables}` are filled by `variables`; interpolated code is a part itself. */
  private templateMessage(text: Expr, role: PromptRole, via: string, variables: Map<string, Expr>, depth: number): void {
    const resolved = this.resolve(text);
    const literal = stringValue(resolved);
    if (literal === undefined) {
      this.content(text, role, via, depth);
      return;
    }
    for (const match of literal.matchAll(TEMPLATE_VARIABLE)) {
      const variable = match[1]!;
      const bound = variables.get(variable);
      if (bound) this.add(role, bound, `${via} ({${variable}})`, { templateVariable: variable });
    }
  }

  /** Values returned by a local helper (`def build_messages(q): return [...]`). */
  private localReturns(call: Call): Expr[] | undefined {
    const path = call.calleePath?.replace(/^(self|this|cls)\./, '');
    if (!path || path.includes('.')) return undefined;
    const fn = this.model.functions.find((f) => f.name === path);
    if (!fn) return undefined;
    return this.model.returns.filter((r) => r.functionIndex === fn.index && r.value).map((r) => r.value!);
  }
}

// ---- LangChain chains --------------------------------------------------------------------------------

/** `chain = prompt | llm` … `chain.invoke({...})`: the template's parts filled from the invoke argument. */
function chainInvocations(model: FileModel, llm: LlmIndex): PromptCall[] {
  const models = new Set(llm.constructions.filter((c) => c.spec.kind === 'chat-model').map((c) => c.call.index));
  if (models.size === 0) return [];
  const out: PromptCall[] = [];
  for (const call of model.calls) {
    if (call.callee.kind !== 'member' || !['invoke', 'ainvoke', 'stream', 'astream', 'batch', 'abatch'].includes(call.callee.property)) continue;
    const chain = flattenPipe(model, call.callee.object, call.functionIndex);
    if (!chain || chain.length < 2) continue;
    const factory = templateFactory(model, chain[0]!);
    const modelIndex = chain.findIndex((step) => chatModelCall(model, step, models) !== undefined);
    if (!factory || modelIndex < 1) continue;
    const construction = llm.constructions.find((c) => c.call.index === chatModelCall(model, chain[modelIndex]!, models));
    const collector = new Collector(model);
    collector.templateParts(factory, variableArguments(model, call), 'chain', 0);
    out.push({
      call,
      api: `langchain ${construction?.spec.name ?? 'chat model'} chain.${call.callee.property}`,
      provider: 'langchain',
      llmCall: undefined,
      parts: collector.parts,
      hasTools: boundTools(model, chain[modelIndex]!),
      viaWrapper: false,
    });
  }
  return out;
}

/** The steps of `a | b | c` (through local names), or undefined when `expr` is not a pipe. */
function flattenPipe(model: FileModel, expr: Expr, fn: number | undefined, depth = 0): Expr[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const resolved = resolveValue(model, expr, fn);
  // JS: `prompt.pipe(model)`.
  if (resolved.kind === 'call') {
    const call = model.calls[resolved.callIndex];
    const next = call?.args[0];
    if (call?.callee.kind !== 'member' || call.callee.property !== 'pipe' || !next || next.spread) return undefined;
    return [...(flattenPipe(model, call.callee.object, fn, depth + 1) ?? [call.callee.object]), next.value];
  }
  if (resolved.kind !== 'binary' || resolved.op !== '|') return undefined;
  const left = flattenPipe(model, resolved.left, fn, depth + 1) ?? [resolved.left];
  const right = flattenPipe(model, resolved.right, fn, depth + 1) ?? [resolved.right];
  return [...left, ...right];
}

/** The chat-model constructor call behind `expr` (`llm`, `ChatAnthropic(...)`, `llm.bind_tools([...])`). */
function chatModelCall(model: FileModel, expr: Expr, models: Set<number>, depth = 0): number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const resolved = resolveValue(model, expr, functionAt(model, expr.span));
  if (resolved.kind !== 'call') return undefined;
  if (models.has(resolved.callIndex)) return resolved.callIndex;
  const call = model.calls[resolved.callIndex];
  if (call?.callee.kind === 'member') return chatModelCall(model, call.callee.object, models, depth + 1);
  return undefined;
}

/** `llm.bind_tools([...])` / `model.bindTools(tools)` anywhere on the receiver chain. */
function boundTools(model: FileModel, expr: Expr, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const resolved = resolveValue(model, expr, functionAt(model, expr.span));
  if (resolved.kind === 'member') return boundTools(model, resolved.object, depth + 1);
  if (resolved.kind !== 'call') return false;
  const call = model.calls[resolved.callIndex];
  if (!call || call.callee.kind !== 'member') return false;
  if (call.callee.property === 'bind_tools' || call.callee.property === 'bindTools') return true;
  return boundTools(model, call.callee.object, depth + 1);
}

/** The `ChatPromptTemplate.from_messages(...)` / `PromptTemplate.fromTemplate(...)` call behind `expr`. */
function templateFactory(model: FileModel, expr: Expr): Call | undefined {
  const resolved = resolveValue(model, expr, functionAt(model, expr.span));
  if (resolved.kind !== 'call') return undefined;
  const call = model.calls[resolved.callIndex];
  if (!call || call.callee.kind !== 'member' || !TEMPLATE_FACTORIES.has(call.callee.property)) return undefined;
  return /Template$/.test(dottedPath(call.callee.object) ?? '') ? call : undefined;
}

/** Template variables passed to a filler: keyword arguments, or the entries of a dict / object argument. */
function variableArguments(model: FileModel, call: Call): Map<string, Expr> {
  const variables = new Map<string, Expr>();
  for (const arg of call.args) {
    if (arg.spread) continue;
    if (arg.name !== undefined) {
      variables.set(arg.name, arg.value);
      continue;
    }
    const resolved = resolveValue(model, arg.value, call.functionIndex);
    if (resolved.kind === 'object')
      for (const entry of resolved.entries) if (!entry.spread && entry.key !== undefined) variables.set(entry.key, entry.value);
  }
  return variables;
}

// ---- Small helpers ---------------------------------------------------------------------------------

function entryOf(object: Extract<Expr, { kind: 'object' }>, key: string): Expr | undefined {
  return object.entries.find((entry) => !entry.spread && entry.key === key)?.value;
}

function roleOf(name: string): PromptRole {
  return ROLE_NAMES[name.toLowerCase()] ?? 'unknown';
}

function messageClassOf(path: string | undefined): { name: string; role: PromptRole } | undefined {
  const name = path?.split('.').pop();
  if (!name) return undefined;
  const role = MESSAGE_CLASSES[name];
  return role ? { name, role } : undefined;
}

function messageClass(call: Call): { name: string; role: PromptRole } | undefined {
  return messageClassOf(call.calleePath);
}

function calleeOf(model: FileModel, expr: Expr): string | undefined {
  return expr.kind === 'call' ? model.calls[expr.callIndex]?.calleePath : undefined;
}

/** The function whose assignment defines `name` as read in `scope` (where its mutations must happen). */
function resolveOwner(model: FileModel, name: string, scope: number | undefined): number | undefined {
  const assigned = assignmentsTo(model, name);
  for (const fn of enclosingFunctions(model, scope)) if (assigned.some((a) => a.functionIndex === fn && !a.augmented)) return fn;
  return scope;
}

function before(a: Span, b: Span): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}
