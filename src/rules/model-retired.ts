import help from '../../docs/rules/model-retired.md?raw';
import { findOption, type LlmCall, type OptionLookup } from '../analysis/bind.js';
import type { Argument, Call, Expr, FileModel, MemberExpr, ObjectExpr, Span } from '../analysis/model.js';
import { LineIndex } from '../analysis/lines.js';
import { forEachChildExpr, spanContains } from '../analysis/model.js';
import { exprSpanText, resolveValue, unwrap } from '../analysis/values.js';
import type { Signature } from '../knowledge/sdk.js';
import { describeModel, lookupModel, MODELS_AS_OF, PARTNER_PLATFORMS, type ModelVerdict, type PartnerPlatform } from '../knowledge/models.js';
import type { CodeContext, Rule, TextContext } from './types.js';

/** Retired or deprecated model ids where they are used as a model, and the retired Text Completions API. */
export const rule: Rule = {
  meta: {
    id: 'model-retired',
    family: 'model',
    title: 'Retired or deprecated model id',
    description:
      `A model id that the vendor has retired (requests fail) or deprecated (requests will fail after a published date) is used as the model of an LLM call, chat model, model factory or model setting; or the retired Anthropic Text Completions API is used. Dates come from a dated table (as of ${MODELS_AS_OF}).`,
    severity: 'medium',
    cwe: ['CWE-1104'],
    owasp: ['LLM03:2025'],
    precision: 'high',
    help,
  },
  checkCode,
  checkText,
};

// ---- Code -------------------------------------------------------------------------------------------

const ANTHROPIC_MODULES = new Set(['anthropic', '@anthropic-ai/sdk']);
const LEGACY_MARKERS = new Set(['HUMAN_PROMPT', 'AI_PROMPT']);
const LEGACY_PROMPT = /(?:\n|\\n)(?:\n|\\n)Human:/;
const ENV_GETTERS = /(^|\.)(getenv|environ\.get|get)$/;

function checkCode(ctx: CodeContext): void {
  const { model, llm } = ctx;
  const seen = new Set<string>();
  const azure = azureOnly(ctx);
  const legacyCalls: LlmCall[] = [];

  for (const llmCall of llm.calls) {
    if (llmCall.method?.legacy && llmCall.provider === 'anthropic') {
      legacyCalls.push(llmCall);
      reportLegacyCall(ctx, llmCall);
      continue;
    }
    const platform = llmCall.provider === 'openai' && azure ? PARTNER_PLATFORMS.azure : undefined;
    checkOption(ctx, findOption(model, llmCall.call, llmCall.signature, 'model'), llmCall.call.functionIndex, platform, seen);
    if (llmCall.config)
      checkOption(ctx, findOption(model, llmCall.config.call, llmCall.config.signature, 'model'), llmCall.config.call.functionIndex, platform, seen);
  }
  for (const construction of llm.constructions) {
    const platform = /^(Async)?Azure/.test(construction.spec.name) ? PARTNER_PLATFORMS.azure : undefined;
    checkOption(ctx, findOption(model, construction.call, construction.spec.signature, 'model'), construction.call.functionIndex, platform, seen);
  }
  for (const reference of llm.modelReferences) {
    const signature: Signature =
      reference.module.exports.find((spec) => spec.kind === 'model-factory')?.signature ?? { options: { style: 'object', argument: 1 }, names: {}, positional: { model: 0 } };
    checkOption(ctx, findOption(model, reference.call, signature, 'model'), reference.call.functionIndex, undefined, seen);
  }
  checkLegacyMarkers(ctx, legacyCalls);
}

/** Azure OpenAI: the `model` is a deployment name and Azure keeps its own schedule. */
function azureOnly(ctx: CodeContext): boolean {
  const openaiClients = ctx.llm.constructions.filter((c) => c.provider === 'openai' && c.spec.kind === 'client');
  return openaiClients.length > 0 && openaiClients.every((c) => /^(Async)?Azure/.test(c.spec.name));
}

function checkOption(
  ctx: CodeContext,
  lookup: OptionLookup,
  functionIndex: number | undefined,
  platform: PartnerPlatform | undefined,
  seen: Set<string>,
): void {
  if (!lookup.found) return;
  // A chat model's id is shared by all its calls: report it once, at the option.
  const key = `${lookup.span.line}:${lookup.span.column}`;
  if (seen.has(key)) return;
  seen.add(key);
  for (const candidate of modelStrings(ctx.model, lookup.value, functionIndex, 0)) {
    const verdict = modelVerdict(candidate.value, platform);
    if (!verdict) continue;
    const written = exprSpanText(ctx.model, lookup.value.span, 60);
    const via = unwrap(lookup.value).kind === 'string' ? '' : `model set from ${written}: `;
    ctx.report({ span: lookup.span, severity: verdict.severity, message: via + describeModel(verdict), evidence: candidate.value });
    return;
  }
}

/** Verdicts per platform and model id: the same few ids recur in every file, and the table lookup is the
 * costly part of the rule. Bounded, since the strings come from scanned code. */
const verdicts = new Map<PartnerPlatform | undefined, Map<string, ModelVerdict | undefined>>();
const MAX_REMEMBERED_IDS = 4096;

function modelVerdict(id: string, platform: PartnerPlatform | undefined): ModelVerdict | undefined {
  let known = verdicts.get(platform);
  if (!known) verdicts.set(platform, (known = new Map()));
  if (known.has(id)) return known.get(id);
  const verdict = lookupModel(id, MODELS_AS_OF, platform);
  if (known.size >= MAX_REMEMBERED_IDS) known.clear();
  known.set(id, verdict);
  return verdict;
}

interface ModelString {
  value: string;
  span: Span;
}

/**
 * The string values an expression can take as a model id, following local constants, object/dict
 * constants (`CONFIG.model`, `MODELS["fast"]`), defaults (`os.getenv("MODEL", "…")`, `x ?? "…"`, `x or "…"`)
 * and conditional expressions. Template strings are skipped: their value is not known.
 */
function modelStrings(model: FileModel, expr: Expr, functionIndex: number | undefined, depth: number): ModelString[] {
  if (depth > 5) return [];
  const value = resolveValue(model, expr, functionIndex);
  switch (value.kind) {
    case 'string':
      return [{ value: value.value, span: value.span }];
    case 'member':
    case 'index': {
      const key = value.kind === 'member' ? value.property : value.index.kind === 'string' ? value.index.value : undefined;
      if (key === undefined) return [];
      const container = resolveValue(model, value.object, functionIndex);
      if (container.kind !== 'object') return [];
      const entry = container.entries.find((e) => !e.spread && e.key === key);
      return entry ? modelStrings(model, entry.value, functionIndex, depth + 1) : [];
    }
    case 'binary':
      if (!['or', '||', '??'].includes(value.op)) return [];
      return [...modelStrings(model, value.left, functionIndex, depth + 1), ...modelStrings(model, value.right, functionIndex, depth + 1)];
    case 'other':
      if (value.op !== 'conditional') return [];
      return value.children.flatMap((child) => modelStrings(model, child, functionIndex, depth + 1));
    case 'call': {
      const call = model.calls[value.callIndex];
      if (!call?.calleePath || !ENV_GETTERS.test(call.calleePath)) return [];
      const fallback = call.args[1];
      return fallback && !fallback.spread && fallback.name === undefined ? modelStrings(model, fallback.value, functionIndex, depth + 1) : [];
    }
    default:
      return [];
  }
}

function reportLegacyCall(ctx: CodeContext, llmCall: LlmCall): void {
  const lookup = findOption(ctx.model, llmCall.call, llmCall.signature, 'model');
  const id = lookup.found ? modelStrings(ctx.model, lookup.value, llmCall.call.functionIndex, 0)[0]?.value : undefined;
  const withModel = id ? ` (model ${id})` : '';
  ctx.report({
    span: llmCall.call.span,
    severity: 'medium',
    message: `${llmCall.api}${withModel} uses the Anthropic Text Completions API, which only served the retired Claude 1, Claude 2 and Instant models: move to messages.create with a current model such as claude-opus-4-6 (table as of ${MODELS_AS_OF}).`,
  });
}

/**
 * `HUMAN_PROMPT` / `AI_PROMPT` from the Anthropic SDK and `"\n\nHuman:"` prompts outside a bound Text
 * Completions call: the retired prompt format, reported low because the call itself is not visible.
 */
function checkLegacyMarkers(ctx: CodeContext, legacyCalls: LlmCall[]): void {
  const { model } = ctx;
  const inLegacyCall = (span: Span) => legacyCalls.some((c) => spanContains(c.call.span, span));
  const anthropicLocals = new Set<string>();
  for (const imp of model.imports) {
    if (imp.typeOnly || !ANTHROPIC_MODULES.has(imp.module)) continue;
    if (LEGACY_MARKERS.has(imp.imported)) {
      if (legacyCalls.length === 0) {
        ctx.report({
          span: imp.span,
          severity: 'low',
          message: `${imp.imported} is a prompt marker of the retired Anthropic Text Completions API (Claude 1, Claude 2 and Instant models only): build a messages list for messages.create instead (table as of ${MODELS_AS_OF}).`,
        });
      }
    } else anthropicLocals.add(imp.local);
  }
  const reported = new Set<string>();
  const report = (span: Span, message: string) => {
    const key = `${span.line}:${span.column}`;
    if (reported.has(key) || inLegacyCall(span)) return;
    reported.add(key);
    ctx.report({ span, severity: 'low', message });
  };
  // Markers read off an Anthropic import count only when no legacy call is bound.
  const markerLocals = legacyCalls.length === 0 ? anthropicLocals : new Set<string>();
  if (!mayReportInWalk(model, markerLocals)) return;
  const checkArgs = (args: readonly Argument[]) => {
    for (const arg of args) if (arg.name === 'prompt' && !arg.spread && isLegacyPrompt(model, arg.value)) report(arg.span, legacyPromptMessage());
  };
  walkExpressions(model, {
    call: (call) => checkArgs(call.args),
    member: (expr) => {
      if (markerLocals.size === 0 || !LEGACY_MARKERS.has(expr.property)) return;
      const base = unwrap(expr.object);
      if (base.kind === 'name' && markerLocals.has(base.name))
        report(expr.span, `${base.name}.${expr.property} is a prompt marker of the retired Anthropic Text Completions API: build a messages list for messages.create instead (table as of ${MODELS_AS_OF}).`);
    },
    object: (expr) => {
      for (const entry of expr.entries) if (entry.key === 'prompt' && !entry.spread && isLegacyPrompt(model, entry.value)) report(entry.span, legacyPromptMessage());
    },
  });
}

/** Whether the expression walk can report: a marker read needs an Anthropic import, a legacy prompt a
 * `prompt=` argument or a `prompt` key. Python may fold a key from pieces (`"pro" "mpt"`); JS/TS has no
 * keyword arguments, and its key is written in the source, as is or with escapes. */
function mayReportInWalk(model: FileModel, markerLocals: ReadonlySet<string>): boolean {
  if (markerLocals.size > 0 || model.language === 'python') return true;
  return model.source.includes('prompt') || model.source.includes('\\');
}

function legacyPromptMessage(): string {
  return `This prompt uses the "\\n\\nHuman: … \\n\\nAssistant:" format of the retired Anthropic Text Completions API: send a messages list to messages.create instead (table as of ${MODELS_AS_OF}).`;
}

function isLegacyPrompt(model: FileModel, expr: Expr): boolean {
  const value = unwrap(expr);
  if (value.kind === 'string') return LEGACY_PROMPT.test(value.value);
  if (value.kind === 'template') return value.parts.some((part) => typeof part === 'string' && LEGACY_PROMPT.test(part));
  if (value.kind === 'name') {
    const resolved = resolveValue(model, value, undefined);
    return resolved !== value && resolved.kind !== 'name' && isLegacyPrompt(model, resolved);
  }
  return false;
}

interface ExpressionVisitor {
  call(call: Call): void;
  member(expr: MemberExpr): void;
  object(expr: ObjectExpr): void;
}

/** Visits every expression reachable from calls, assignments and returns (each call's arguments once). The
 * stack holds a call's index where the call itself is to be visited. */
function walkExpressions(model: FileModel, visitor: ExpressionVisitor): void {
  const stack: Array<Expr | number> = [];
  for (const call of model.calls) stack.push(call.index, call.callee);
  for (const assignment of model.assignments) stack.push(assignment.value);
  for (const ret of model.returns) if (ret.value) stack.push(ret.value);
  const push = (child: Expr): void => {
    stack.push(child);
  };
  const visitedCalls = new Uint8Array(model.calls.length);
  for (let steps = 0; stack.length > 0 && steps < 200_000; steps++) {
    const item = stack.pop()!;
    if (typeof item === 'number' || item.kind === 'call') {
      const callIndex = typeof item === 'number' ? item : item.callIndex;
      const call = model.calls[callIndex];
      // A call index outside the model (never expected) has nothing to visit.
      if (!call || visitedCalls[callIndex]) continue;
      visitedCalls[callIndex] = 1;
      visitor.call(call);
      for (const arg of call.args) stack.push(arg.value);
      continue;
    }
    const expr = item;
    if (expr.kind === 'member') visitor.member(expr);
    else if (expr.kind === 'object') visitor.object(expr);
    forEachChildExpr(expr, push);
  }
}

// ---- Env and config files ---------------------------------------------------------------------------

type ConfigKind = 'env' | 'yaml' | 'json' | 'toml';

/** Recorded API responses, snapshots and test data mention model ids without using them. */
const TEST_DATA_DIR = /(^|\/)(tests?|__tests__|specs?|fixtures|cassettes|__snapshots__|testdata|mocks?)\//i;

function configKind(path: string): ConfigKind | undefined {
  if (TEST_DATA_DIR.test(path)) return undefined;
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/^\.env(\.[\w.-]+)?$/.test(name) || name.endsWith('.env')) return 'env';
  if (/\.ya?ml$/.test(name)) return 'yaml';
  if (/\.json[c5]?$/.test(name)) return 'json';
  if (name.endsWith('.toml')) return 'toml';
  return undefined;
}

/** `model`, `model_name`, `modelId`, `default_model`, `ANTHROPIC_MODEL`, `OPENAI_MODEL_NAME`, `fastModel`. */
export function isModelKey(key: string): boolean {
  const k = key.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  if (k === 'model' || k === 'modelname' || k === 'modelid' || k.endsWith('model')) return true;
  return /(^|_)MODEL(_ID|_NAME)?$/i.test(key);
}

const ENV_LINE = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)(\s*=\s*)(.*)$/;
const YAML_LINE = /^(\s*(?:-\s+)?)(["']?)([A-Za-z_][\w.-]*)\2(\s*:\s+)(.*)$/;
const YAML_ENV_ITEM = /^(\s*-\s+["']?)([A-Za-z_][A-Za-z0-9_]*)(=)([^"'\s#]*)/;
const TOML_LINE = /^(\s*)(["']?)([A-Za-z_][\w.-]*)\2(\s*=\s*)(.*)$/;
const JSON_PAIR = /"([A-Za-z_][\w.-]{0,80})"\s*:\s*"([^"\\\n]{1,200})"/g;

function checkText(ctx: TextContext): void {
  const kind = configKind(ctx.path);
  if (!kind) return;
  const report = (line: number, column: number, value: string) => {
    const verdict = lookupModel(value);
    if (!verdict) return;
    ctx.report({
      span: { line, column, endLine: line, endColumn: column + value.length },
      severity: verdict.severity,
      message: describeModel(verdict),
      evidence: value,
    });
  };
  if (kind === 'json') {
    const lines = new LineIndex(ctx.text);
    for (const match of ctx.text.matchAll(JSON_PAIR)) {
      if (!isModelKey(match[1]!)) continue;
      const { line, column } = lines.position(match.index + match[0].length - match[2]!.length - 1);
      report(line, column, match[2]!);
    }
    return;
  }
  const lines = ctx.text.split('\n');
  lines.forEach((raw, i) => {
    const text = raw.replace(/\r$/, '');
    if (/^\s*(#|\/\/|;)/.test(text)) return;
    const match = matchLine(kind, text);
    if (!match || !isModelKey(match.key)) return;
    const value = scalar(match.rest);
    if (!value) return;
    report(i + 1, match.offset + value.offset + 1, value.text);
  });
}

function matchLine(kind: ConfigKind, text: string): { key: string; rest: string; offset: number } | undefined {
  if (kind === 'env') {
    const m = ENV_LINE.exec(text);
    return m ? { key: m[2]!, rest: m[4]!, offset: m[1]!.length + m[2]!.length + m[3]!.length } : undefined;
  }
  if (kind === 'yaml') {
    const item = YAML_ENV_ITEM.exec(text);
    if (item) return { key: item[2]!, rest: item[4]!, offset: item[1]!.length + item[2]!.length + 1 };
    const m = YAML_LINE.exec(text);
    return m ? { key: m[3]!, rest: m[5]!, offset: m[1]!.length + 2 * m[2]!.length + m[3]!.length + m[4]!.length } : undefined;
  }
  const m = TOML_LINE.exec(text);
  return m ? { key: m[3]!, rest: m[5]!, offset: m[1]!.length + 2 * m[2]!.length + m[3]!.length + m[4]!.length } : undefined;
}

/** The scalar at the start of `rest`: quoted or bare (up to whitespace or a comment). */
function scalar(rest: string): { text: string; offset: number } | undefined {
  const quoted = /^(["'])([^"'\n]{1,200})\1/.exec(rest);
  if (quoted) return { text: quoted[2]!, offset: 1 };
  const bare = /^([^\s"'#,{}[\]]{1,200})/.exec(rest);
  return bare ? { text: bare[1]!, offset: 0 } : undefined;
}
