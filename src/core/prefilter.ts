// The textual pre-filter: a source file whose text holds none of the markers below cannot give a code rule
// anything to report, so it is not parsed (text rules, secrets included, still run on every file).
//
// Every code rule starts from one of these anchors, and each anchor needs its marker in the file's text:
// - an LLM SDK import (bind.ts): the module specifier is written out (a Python import writes every dotted
//   segment, so the longest one is enough; JS writes the whole specifier in quotes);
// - a configured LLM wrapper call: the wrapper's last name segment;
// - model output without an SDK: a chat UI hook (`useChat`), or a fetch of an LLM endpoint, found by testing
//   the same LLM_ENDPOINT_URL regex on every string literal that starts with `/` or `https://`;
// - model-chosen tool arguments: a tool-handler decorator or callback name;
// - an agent framework import (agency rules): the framework's module names;
// - an LLM secret env name (client-exposure rules, build configs): a provider root such as OPENAI, matched
//   in every case a Nuxt config key can spell it (`openaiApiKey`), separators optional.
// The markers are derived from the knowledge tables, so a new SDK module, hook, handler or env root there
// widens the filter by itself; test/scan-prefilter.test.ts scans every fixture with and without it.
import type { ResolvedConfig } from '../config/config.js';
import { AGENT_FRAMEWORK_FAMILIES, DANGEROUS_TOOLS, LOAD_TOOLS } from '../knowledge/agency.js';
import { AGENT_LOOP_MODULES } from '../knowledge/agent-loops.js';
import { LLM_PROVIDER_ENV_ROOTS, LLM_SECRET_ENV_EXACT } from '../knowledge/env-names.js';
import { SDK_MODULES } from '../knowledge/sdk.js';
import { LLM_ENDPOINT_URL, TOOL_HANDLERS, UI_HOOK_SOURCES } from '../knowledge/taint.js';
import type { FileKind } from '../workspace/files.js';


/** Set PROMPTGATE_NO_PREFILTER=1 to parse every source file (for comparing and debugging). */
export function prefilterEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return !env.PROMPTGATE_NO_PREFILTER;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A Python import writes every segment of a dotted module; the package name is specific enough. */
function pythonModuleMarker(module: string): string {
  const segments = module.split('.');
  return segments[0]!.length >= 6 ? segments[0]! : segments.reduce((a, b) => (b.length > a.length ? b : a));
}

/**
 * An env name root (`OPENAI`, `GOOGLE_GENAI`, `HF_`) as env names and config keys spell it. Env names are
 * upper case; client-public-env-key also reads Nuxt config keys through screaming-snake case, where a part
 * keeps its letters together only as an upper-case run then a lower-case run (`openai`, `Openai`,
 * `OPENai`, `OPENAI`), and a part boundary is `-`, `.`, `_` or a camel-case boundary. A trailing `_` must
 * be such a boundary.
 */
function envRootMarker(root: string): string {
  const parts = root.split('_').filter(Boolean);
  const spellings = (part: string): string[] => {
    const forms: string[] = [];
    for (let upper = 0; upper <= part.length; upper++) forms.push(part.slice(0, upper).toUpperCase() + part.slice(upper).toLowerCase());
    return forms;
  };
  const body = parts.map((p) => `(?:${spellings(p).map(escape).join('|')})`).join('[-._]?');
  return root.endsWith('_') ? `${body}[-._A-Z]` : body;
}

/**
 * A case-insensitive stand-in for envRootMarker: every spelling it accepts matches this too, and this one
 * regex costs less than the precise alternation of spellings, which then runs only on files it passes.
 */
function envRootPretest(root: string): string {
  return root.split('_').filter(Boolean).map(escape).join('[-._]?');
}

function envRoots(): string[] {
  return [...LLM_PROVIDER_ENV_ROOTS.map((r) => r.root), ...LLM_SECRET_ENV_EXACT.map((e) => e.name)];
}

function wordMarkerSources(wrappers: readonly string[]): string[] {
  const words = new Set<string>();
  const sources: string[] = [];
  const moduleMarker = (module: string, language: 'python' | 'js'): void => {
    if (language === 'python') words.add(pythonModuleMarker(module));
    // A short JS specifier (`ai`) is only a marker in quotes.
    else if (module.length < 4) sources.push(`['"\`]${escape(module)}['"\`/]`);
    else words.add(module);
  };
  for (const module of SDK_MODULES) moduleMarker(module.module, module.language);
  for (const tool of DANGEROUS_TOOLS) for (const module of tool.modules) moduleMarker(module, tool.language);
  for (const module of LOAD_TOOLS.modules) moduleMarker(module, 'python');
  for (const name of LOAD_TOOLS.functions) words.add(name);
  for (const name of AGENT_FRAMEWORK_FAMILIES) words.add(name);
  // Agent SDKs whose loop caps cost-unbounded-loop checks (OpenAI Agents `max_turns`, Claude Agent SDK).
  for (const module of AGENT_LOOP_MODULES) words.add(module);
  for (const hook of UI_HOOK_SOURCES) words.add(hook.callee);
  for (const name of [...TOOL_HANDLERS.decorators, ...TOOL_HANDLERS.callbacks.map((c) => c.callee)]) words.add(name.split('.').pop()!);
  for (const wrapper of wrappers) {
    const last = wrapper.split('.').pop();
    if (last) words.add(last);
  }
  for (const word of words) if (word) sources.push(escape(word));
  return sources;
}

// Group 1 is a string literal starting with `/` or `https://` (up to its end or a template's `${`), tested
// with LLM_ENDPOINT_URL (case-insensitive, hence the scheme in either case); any other match is a marker.
const URL_LITERAL = `['"\`]((?:[hH][tT][tT][pP][sS]://|/)[^'"\`\n$]*)`;

const matchers = new Map<string, RegExp>();

function matcherFor(config: ResolvedConfig): RegExp {
  const key = config.llmWrappers.join('\n');
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = new RegExp(`${URL_LITERAL}|${wordMarkerSources(config.llmWrappers).join('|')}`, 'g');
    matchers.set(key, matcher);
  }
  return matcher;
}

// Env-name roots are tested apart: their spellings made the one alternation twice as slow.
let envMatchers: { pretest: RegExp; precise: RegExp } | undefined;

/** Could any code rule report in this source file? False only when its text holds no marker. */
export function mayMatter(kind: FileKind, text: string, config: ResolvedConfig): boolean {
  if (kind === 'text') return false;
  const matcher = matcherFor(config);
  matcher.lastIndex = 0;
  for (let match = matcher.exec(text); match; match = matcher.exec(text)) {
    const literal = match[1];
    if (literal === undefined || LLM_ENDPOINT_URL.test(literal)) return true;
  }
  envMatchers ??= {
    pretest: new RegExp(envRoots().map(envRootPretest).join('|'), 'i'),
    precise: new RegExp(envRoots().map(envRootMarker).join('|')),
  };
  return envMatchers.pretest.test(text) && envMatchers.precise.test(text);
}
