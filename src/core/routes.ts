// What the static side knows about a deployed app, for the live probe: the route handlers (to locate a
// live finding at the file that serves the URL) and the system prompts (to recognise a leak).
// One walk, each file parsed once.
import { bindLlm, findCallOption } from '../analysis/bind.js';
import type { Expr, FileModel } from '../analysis/model.js';
import { parseSource } from '../analysis/parse.js';
import { findRouteHandlers, nextAppRoutePath, nextPagesRoutePath } from '../analysis/routes.js';
import { resolveValue, unwrap } from '../analysis/values.js';
import { defaultConfig } from '../config/config.js';
import type { RouteInfo } from '../probe/types.js';
import { discoverFiles, readSourceFileSync } from '../workspace/files.js';
import { mayMatter } from './prefilter.js';

export interface StaticAppContext {
  routes: RouteInfo[];
  systemPrompts: string[];
}

/** Literal text shorter than this is not worth matching against a live answer. */
const MIN_PROMPT_LENGTH = 20;

export async function readStaticAppContext(root: string): Promise<StaticAppContext> {
  const config = defaultConfig();
  const { maxFileBytes } = config;
  const { files } = await discoverFiles({ root, maxFileBytes });
  const routes: RouteInfo[] = [];
  const prompts = new Set<string>();
  for (const file of files) {
    if (file.kind === 'text') continue;
    const read = readSourceFileSync(file.absolutePath, maxFileBytes);
    if (read.text === undefined) continue;
    // An endpoint the probe can reach calls a model (the pre-filter's markers) or is a Next.js route file.
    const routeFile = nextAppRoutePath(file.relativePath) !== undefined || nextPagesRoutePath(file.relativePath) !== undefined;
    if (!routeFile && !mayMatter(file.kind, read.text, config)) continue;
    const model = await parseSource(file.relativePath, file.kind, read.text);
    if (!model) continue;
    for (const route of findRouteHandlers(model))
      if (route.path !== undefined) routes.push({ file: file.relativePath, line: route.line, method: route.method, path: route.path });
    for (const prompt of systemPromptsOf(model)) prompts.add(prompt);
  }
  return { routes, systemPrompts: [...prompts].sort() };
}

/** The literal text of every system prompt given to a bound LLM call in the file. */
export function systemPromptsOf(model: FileModel): string[] {
  const prompts: string[] = [];
  for (const llmCall of bindLlm(model).calls) {
    const system = findCallOption(model, llmCall, 'system');
    if (!system.found) continue;
    const text = literalText(model, system.value, llmCall.call.functionIndex, 0);
    if (text.trim().length >= MIN_PROMPT_LENGTH) prompts.push(text.trim());
  }
  return prompts;
}

/** Literal parts of a prompt value (interpolations become a space), through local constants and lists
 * of text blocks (`[{ type: 'text', text: ... }]`). */
function literalText(model: FileModel, expr: Expr, fn: number | undefined, depth: number): string {
  if (depth > 8) return '';
  const value = unwrap(resolveValue(model, expr, fn));
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'template':
      return value.parts.map((part) => (typeof part === 'string' ? part : ' ')).join('');
    case 'array':
      return value.elements.map((element) => literalText(model, element, fn, depth + 1)).join('\n');
    case 'object': {
      const text = value.entries.find((entry) => entry.key === 'text' || entry.key === 'content');
      return text ? literalText(model, text.value, fn, depth + 1) : '';
    }
    default:
      return '';
  }
}
