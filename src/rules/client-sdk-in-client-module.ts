// client-sdk-in-client-module: a React Server Components `'use client'` module imports a server LLM SDK
// (@anthropic-ai/sdk, openai, @google/genai, @ai-sdk/<provider>, @langchain/<provider>) and constructs or
// calls it. Everything in a 'use client' module ships to the browser, so the SDK either fails there or
// carries the key with it. Only `'use client'` modules count: other files cannot be told apart from server
// code without the import graph, and `.vue`/`.svelte` files are not parsed. In a plain SPA, an SDK can run
// only in browser mode, which client-browser-sdk reports.
// Reported at the import declaration (what pulls the SDK into the bundle), naming the first use.
// Medium; high when the same file also exposes a key (client-public-env-key) or enables browser mode
// (client-browser-sdk).
import help from '../../docs/rules/client-sdk-in-client-module.md?raw';
import type { Call, FileModel, Import, Span } from '../analysis/model.js';
import { SDK_MODULES, SERVER_SDK_MODULES, type SdkModule } from '../knowledge/sdk.js';
import { browserModeUses } from './client-browser-sdk.js';
import { publicLlmEnvReads } from './client-public-env-key.js';
import type { Rule } from './types.js';

/** A module that imports this is meant for the server; Next.js fails the build if a client module does. */
const SERVER_ONLY_MARKER = 'server-only';
const USE_CLIENT = 'use client';

export interface ServerSdkUse {
  /** The import declaration: it is what pulls the SDK into the client bundle. */
  importSpan: Span;
  module: string;
  /** Construction and call sites of the imported names, in source order. */
  calls: Call[];
}

export const rule: Rule = {
  meta: {
    id: 'client-sdk-in-client-module',
    family: 'client',
    title: "Server LLM SDK used in a 'use client' module",
    description:
      "A 'use client' module imports and uses a server-side LLM SDK (@anthropic-ai/sdk, openai, @google/genai, @ai-sdk/<provider>, @langchain/<provider>). Client modules ship to the browser, so provider calls and their API key move there too.",
    severity: 'medium',
    cwe: ['CWE-200'],
    owasp: ['LLM02:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    const uses = serverSdkUsesInClientModule(ctx.model);
    if (uses.length === 0) return;
    const exposed = publicLlmEnvReads(ctx.model).length > 0;
    const browserMode = browserModeUses(ctx.model, ctx.llm, ctx.path).some((u) => u.severity !== 'low');
    const amplified = exposed || browserMode;
    const why = exposed
      ? ' This file also reads a client-exposed LLM key, so the key ships with it.'
      : browserMode
        ? ' This file also enables browser mode, so the SDK really runs in the browser with the key.'
        : '';
    for (const use of uses) {
      const first = use.calls[0]!;
      const more = use.calls.length > 1 ? ` and ${use.calls.length - 1} more` : '';
      ctx.report({
        span: use.importSpan,
        severity: amplified ? 'high' : 'medium',
        message:
          `This 'use client' module imports the server SDK ${use.module} and uses it (${first.calleePath}(...) on line ${first.span.line}${more}): ` +
          `everything in a client module ships to the browser, so the provider call and its API key move there too.${why} ` +
          `Move the call into a route handler or server action (and mark that module with import 'server-only').`,
      });
    }
  },
};

/** Construction or call sites of server SDK imports in a `'use client'` JS/TS module. */
export function serverSdkUsesInClientModule(model: FileModel): ServerSdkUse[] {
  if (model.language === 'python' || !model.directives.includes(USE_CLIENT)) return [];
  if (model.imports.some((imp) => imp.module === SERVER_ONLY_MARKER)) return [];
  const serverImports = model.imports.filter((imp) => !imp.typeOnly && SERVER_SDK_MODULES.includes(imp.module));
  if (serverImports.length === 0) return [];
  // One use per import declaration (`import OpenAI, { AzureOpenAI } from 'openai'` is one line to fix).
  const byDeclaration = new Map<string, ServerSdkUse>();
  for (const call of model.calls) {
    if (!call.calleePath) continue;
    const imp = serverImports.find((i) => callsImport(call.calleePath!, i));
    if (!imp) continue;
    const key = `${imp.span.line}:${imp.span.column}`;
    const use = byDeclaration.get(key);
    if (use) use.calls.push(call);
    else byDeclaration.set(key, { importSpan: imp.span, module: imp.module, calls: [call] });
  }
  const bySpan = (a: { span: Span }, b: { span: Span }) => a.span.line - b.span.line || a.span.column - b.span.column;
  for (const use of byDeclaration.values()) use.calls.sort(bySpan);
  return [...byDeclaration.values()].sort((a, b) => a.importSpan.line - b.importSpan.line || a.importSpan.column - b.importSpan.column);
}

/** `new Anthropic()` / `anthropic('…')` / `createOpenAI()` for a named or default import; `sdk.OpenAI()`
 * for a namespace import, `new OpenAI()` for `const OpenAI = require('openai')`. Other members
 * (`OpenAI.APIError`) are not uses of the SDK client. */
function callsImport(calleePath: string, imp: Import): boolean {
  if (imp.imported !== '*') return calleePath === imp.local;
  const module: SdkModule | undefined = SDK_MODULES.find((m) => m.language === 'js' && m.module === imp.module);
  if (!module) return false;
  if (calleePath === imp.local) return module.exports.some((spec) => spec.name === 'default');
  return module.exports.some((spec) => spec.name !== 'default' && calleePath === `${imp.local}.${spec.name}`);
}
