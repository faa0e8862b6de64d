// client-browser-sdk: an LLM SDK client switched into browser mode (`dangerouslyAllowBrowser: true` on
// @anthropic-ai/sdk or openai clients; the raw `anthropic-dangerous-direct-browser-access: true` header).
// The SDKs refuse to run in a browser because the API key travels to every visitor. The finding's
// severity follows where the key comes from:
// - high: from env (inlined by the bundler), a literal, or absent (the SDK falls back to env);
// - low: supplied by the user (bring-your-own-key: localStorage, a prompt, settings or state, a function
//   parameter) or an OpenAI `ek_` ephemeral key;
// - medium: promptgate could not trace it.
// Test files are skipped: jsdom looks like a browser to the SDKs, so tests set the flag on purpose.
import help from '../../docs/rules/client-browser-sdk.md?raw';
import { findOption, type ClientConstruction, type LlmIndex } from '../analysis/bind.js';
import type { Expr, FileModel, ObjectExpr, Span } from '../analysis/model.js';
import { spanContains } from '../analysis/model.js';
import { dottedPath, enclosingFunctions, exprSpanText, isLiteral, resolveValue, stringValue } from '../analysis/values.js';
import type { Severity } from '../core/types.js';
import { isLlmSecretEnvName } from '../knowledge/env-names.js';
import { exprsOfKind, walk } from './exprs.js';
import type { Rule } from './types.js';

/** Calls whose result is a key the user typed or stored (bring-your-own-key apps). */
const USER_KEY_CALLS: readonly RegExp[] = [
  /(?:^|\.)(?:localStorage|sessionStorage|AsyncStorage|SecureStore)\.getItem(?:Async)?$/,
  /^(?:window\.)?prompt$/,
  /(?:^|\.)storage\.(?:local|sync|session)\.get$/, // browser extensions
  /(?:^|\.)store\.get$/, // electron-store
  /(?:^|\.)getPassword$/, // keytar
  /(?:^|\.)loadData$/, // Obsidian plugins
  /^(?:React\.)?use(?:State|LocalStorage|SessionStorage|Storage|Settings|Store|Atom|AtomValue|Preferences)$/,
];
/** Member path segments of settings/state holders: `this.settings.apiKey`, `props.apiKey`. */
const USER_KEY_SEGMENT = /^(?:settings|userSettings|pluginSettings|state|store|props|prefs|preferences)$/i;
/** A form field: `input.value`, `event.target.value`, `apiKeyInput.value`. */
const USER_INPUT_PATH = /(?:input|target|field)\w*\.value$/i;
/** OpenAI realtime ephemeral keys (`ek_…`) and the session response field they arrive in. */
const EPHEMERAL_PATH = /client_?secret|ephemeral/i;
const EPHEMERAL_PREFIX = 'ek_';

/** Test code runs in jsdom, which the SDKs treat as a browser. */
const TEST_PATH = /(?:^|\/)(?:__tests__|__mocks__|tests?|spec|e2e)\/|\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)(?:vitest|jest)\.(?:setup|config)[\w.-]*\.[cm]?[jt]s$|(?:^|\/)setupTests\.[jt]sx?$/;

/** The header the Anthropic SDK sends in browser mode; set by hand it does the same for raw fetches. */
const BROWSER_ACCESS_HEADER = 'anthropic-dangerous-direct-browser-access';
const KEY_HEADER = 'x-api-key';
const HEADER_KEY_TEXT = new RegExp(`headers|${BROWSER_ACCESS_HEADER}|\\\\`, 'i');

/** The env variable each client reads when no key is passed. */
const DEFAULT_KEY_ENV: Record<string, string> = { anthropic: 'ANTHROPIC_API_KEY', openai: 'OPENAI_API_KEY', AzureOpenAI: 'AZURE_OPENAI_API_KEY' };

export type KeyOrigin =
  | { kind: 'env'; detail: string }
  | { kind: 'literal' }
  | { kind: 'absent'; envName: string }
  | { kind: 'user'; detail: string }
  | { kind: 'ephemeral'; detail: string }
  | { kind: 'untraced'; detail: string };

const ORIGIN_SEVERITY: Record<KeyOrigin['kind'], Severity> = {
  env: 'high',
  literal: 'high',
  absent: 'high',
  user: 'low',
  ephemeral: 'low',
  untraced: 'medium',
};

export interface BrowserModeUse {
  /** The `dangerouslyAllowBrowser: true` entry or the header entry. */
  span: Span;
  what: string;
  origin: KeyOrigin;
  severity: Severity;
}

export const rule: Rule = {
  meta: {
    id: 'client-browser-sdk',
    family: 'client',
    title: 'LLM SDK client enabled in the browser',
    description:
      'An Anthropic or OpenAI SDK client is created with dangerouslyAllowBrowser: true (or the anthropic-dangerous-direct-browser-access header is set), so the API key is sent from the browser where every visitor can read it. Low when the key is the user\'s own (bring-your-own-key) or an ephemeral key.',
    severity: 'high',
    cwe: ['CWE-522', 'CWE-200'],
    owasp: ['LLM02:2025', 'LLM10:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    for (const use of browserModeUses(ctx.model, ctx.llm, ctx.path)) {
      ctx.report({ span: use.span, severity: use.severity, message: browserModeMessage(use) });
    }
  },
};

/** Every browser-mode switch in a JS/TS file (none in Python, and none in test files). */
export function browserModeUses(model: FileModel, llm: LlmIndex, path: string): BrowserModeUse[] {
  if (model.language === 'python' || TEST_PATH.test(path.replace(/\\/g, '/'))) return [];
  const uses: BrowserModeUse[] = [];
  for (const construction of llm.constructions) {
    const use = allowBrowserUse(model, construction);
    if (use) uses.push(use);
  }
  uses.push(...headerUses(model));
  return uses;
}

function allowBrowserUse(model: FileModel, construction: ClientConstruction): BrowserModeUse | undefined {
  const { call, spec } = construction;
  if (!spec.signature.names.allowBrowser) return undefined;
  const option = findOption(model, call, spec.signature, 'allowBrowser');
  if (!option.found || !isLiteral(resolveValue(model, option.value, call.functionIndex), 'true')) return undefined;
  const key = findOption(model, call, spec.signature, 'apiKey');
  const envName = DEFAULT_KEY_ENV[spec.name] ?? DEFAULT_KEY_ENV[construction.provider] ?? 'the provider key variable';
  const origin: KeyOrigin = key.found
    ? keyOrigin(model, key.value, call.functionIndex)
    : key.unknown
      ? { kind: 'untraced', detail: 'options spread into the constructor' }
      : { kind: 'absent', envName };
  const name = call.calleePath ?? (spec.name === 'default' ? construction.provider : spec.name);
  return { span: option.span, what: `new ${name}({ dangerouslyAllowBrowser: true })`, origin, severity: ORIGIN_SEVERITY[origin.kind] };
}

/** Objects that set `anthropic-dangerous-direct-browser-access: true` by hand (fetch, @ai-sdk `headers`). */
function headerUses(model: FileModel): BrowserModeUse[] {
  const uses: BrowserModeUse[] = [];
  // Both searches start from an object key named `headers` or the header: a key is written in the source
  // (in any case, or with escapes), so a file without either word or a backslash has none.
  if (!HEADER_KEY_TEXT.test(model.source)) return uses;
  const seen = new Set<string>();
  const objects = exprsOfKind(model, 'object');
  const headerEntry = (object: Expr) =>
    object.kind === 'object'
      ? object.entries.find((e) => !e.spread && e.key?.toLowerCase() === BROWSER_ACCESS_HEADER && isTrue(model, e.value))
      : undefined;
  const keyEntry = (object: ObjectExpr, name: string) => object.entries.find((e) => !e.spread && e.key?.toLowerCase() === name.toLowerCase());
  const add = (span: Span, origin: KeyOrigin): void => {
    const id = `${span.line}:${span.column}`;
    if (seen.has(id)) return;
    seen.add(id);
    uses.push({ span, what: `the ${BROWSER_ACCESS_HEADER}: true header`, origin, severity: ORIGIN_SEVERITY[origin.kind] });
  };
  // Outer objects first: `createAnthropic({ apiKey, headers: { ... } })` keeps the key beside `headers`.
  for (const { expr: object, functionIndex } of objects) {
    const headers = keyEntry(object, 'headers');
    if (!headers) continue;
    const inner = resolveValue(model, headers.value, functionIndex);
    const header = headerEntry(inner);
    if (!header || inner.kind !== 'object') continue;
    const key = keyEntry(inner, KEY_HEADER) ?? keyEntry(object, 'apiKey');
    add(header.span, key ? keyOrigin(model, key.value, functionIndex) : { kind: 'untraced', detail: 'no key beside the header' });
  }
  for (const { expr: object, functionIndex } of objects) {
    const header = headerEntry(object);
    if (!header) continue;
    const key = keyEntry(object, KEY_HEADER);
    add(header.span, key ? keyOrigin(model, key.value, functionIndex) : { kind: 'untraced', detail: 'no key beside the header' });
  }
  return uses;
}

function isTrue(model: FileModel, value: Expr): boolean {
  const resolved = resolveValue(model, value, undefined);
  return isLiteral(resolved, 'true') || stringValue(resolved)?.toLowerCase() === 'true';
}

/** Where an apiKey value comes from. Env beats everything; user-supplied beats literals nested in calls. */
export function keyOrigin(model: FileModel, value: Expr, functionIndex: number | undefined): KeyOrigin {
  const resolved = resolveValue(model, value, functionIndex);
  const text = exprSpanText(model, value.span, 60);
  const envRead = model.envReads.find((r) => spanContains(value.span, r.span) || spanContains(resolved.span, r.span));
  if (envRead) return { kind: 'env', detail: `${envRead.via}.${envRead.name}` };

  const literal = stringValue(resolved);
  if (literal !== undefined) return literal.startsWith(EPHEMERAL_PREFIX) ? { kind: 'ephemeral', detail: `an ${EPHEMERAL_PREFIX} key` } : { kind: 'literal' };
  if (resolved.kind === 'template' && typeof resolved.parts[0] === 'string' && resolved.parts[0].startsWith(EPHEMERAL_PREFIX))
    return { kind: 'ephemeral', detail: `an ${EPHEMERAL_PREFIX} key` };

  for (const { expr } of walk(model, resolved, functionIndex, true)) {
    const path = expr.kind === 'call' ? model.calls[expr.callIndex]?.calleePath : dottedPath(expr);
    if (!path) continue;
    if (EPHEMERAL_PATH.test(path)) return { kind: 'ephemeral', detail: `\`${path}\`` };
    if (expr.kind === 'call' && USER_KEY_CALLS.some((re) => re.test(path))) return { kind: 'user', detail: `${path}()` };
    if (expr.kind !== 'call' && (path.split('.').slice(0, -1).some((s) => USER_KEY_SEGMENT.test(s)) || USER_INPUT_PATH.test(path)))
      return { kind: 'user', detail: `\`${path}\`` };
  }

  if (resolved.kind === 'name' && isParameter(model, resolved.name, functionIndex))
    return { kind: 'user', detail: `the function parameter \`${resolved.name}\`` };
  const last = (dottedPath(resolved) ?? '').split('.').pop() ?? '';
  if (isLlmSecretEnvName(last)) return { kind: 'env', detail: `\`${dottedPath(resolved)}\`` };
  return { kind: 'untraced', detail: `\`${text}\`` };
}

function isParameter(model: FileModel, name: string, functionIndex: number | undefined): boolean {
  return enclosingFunctions(model, functionIndex).some((index) => index !== undefined && model.functions[index]?.params.some((p) => p.name === name));
}

function browserModeMessage(use: BrowserModeUse): string {
  const { origin } = use;
  switch (origin.kind) {
    case 'env':
      return `${use.what} sends the API key from ${origin.detail} from the browser: the bundler inlines it into the page, where every visitor can read it and spend your quota. Call the provider from a server route instead.`;
    case 'literal':
      return `${use.what} sends a literal API key from the browser, where every visitor can read it and spend your quota. Call the provider from a server route instead.`;
    case 'absent':
      return `${use.what} sets no apiKey, so the SDK falls back to ${origin.envName}; to work in a browser that key must be bundled into the page, where every visitor can read it. Call the provider from a server route instead.`;
    case 'user':
      return `${use.what} uses a key the user supplies (${origin.detail}): a bring-your-own-key setup exposes only the user's own key, to scripts running on the page. Low risk; keep third-party scripts off the page.`;
    case 'ephemeral':
      return `${use.what} uses an ephemeral key (${origin.detail}): short-lived and scoped, which is the intended browser flow. Low risk; make sure the endpoint that mints it requires authentication.`;
    case 'untraced':
      return `${use.what} runs in the browser with an API key from ${origin.detail} that promptgate could not trace: if it is your key, every visitor can read it; if users bring their own key, suppress with a reason.`;
  }
}
