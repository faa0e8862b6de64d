// client-public-env-key: an LLM provider secret named with a client-exposed prefix (NEXT_PUBLIC_OPENAI_API_KEY,
// VITE_ANTHROPIC_API_KEY, ...) or pushed into the client bundle by build config (next.config `env`, Vite/webpack
// `define`, Vite `envPrefix`, Nuxt `runtimeConfig.public`). Bundlers inline such values into the JavaScript
// every visitor downloads, so the key is public the moment the variable is set.
// Where it looks:
// - code: `process.env.X` / `import.meta.env.X` reads (JS/TS only: Python never bundles for a browser, so a
//   Python read of such a name is left to the `.env` line that defines it), SvelteKit `$env/static/public`
//   imports and `$env/dynamic/public` members;
// - text: definitions of such names in `.env*` files (value or not), Dockerfile `ARG`/`ENV`, YAML keys
//   (CI workflows, docker-compose);
// - build config files: see CONFIG_FILES below.
import help from '../../docs/rules/client-public-env-key.md?raw';
import { findSecrets } from '../analysis/text/secrets.js';
import type { Expr, FileModel, ObjectEntry, Span } from '../analysis/model.js';
import { spanContains } from '../analysis/model.js';
import { resolveValue, stringValue, unwrap } from '../analysis/values.js';
import {
  CLIENT_EXPOSED_ENV_PREFIXES,
  clientExposedPrefix,
  isEnvFilePath,
  isLlmSecretEnvName,
  llmProviderForEnvName,
} from '../knowledge/env-names.js';
import { allExprs, exprsOfKind, walk } from './exprs.js';
import { parseEnvEntries } from './secret-env-file.js';
import type { CodeContext, Rule } from './types.js';

/** Build config files whose settings decide what reaches the client bundle. */
const CONFIG_FILES = {
  next: /(?:^|\/)next\.config\.[cm]?[jt]s$/,
  vite: /(?:^|\/)(?:vite|astro|svelte)\.config\.[cm]?[jt]s$/,
  nuxt: /(?:^|\/)nuxt\.config\.[cm]?[jt]s$/,
};

/** SvelteKit modules whose variables are public by construction. */
const SVELTEKIT_PUBLIC_ENV = { static: '$env/static/public', dynamic: '$env/dynamic/public' };

/** Text files (besides `.env*`) where a line defines an environment variable for a build. */
const DEFINITION_FILES: ReadonlyArray<{ file: RegExp; line: RegExp; where: string }> = [
  { file: /(?:^|\/)(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$|\.dockerfile$/i, line: /^[ \t]*(?:ARG|ENV)[ \t]+([A-Za-z_][A-Za-z0-9_]{0,127})/i, where: 'Dockerfile' },
  // `NAME: value` keys (GitHub Actions `env:`, docker-compose maps) and `- NAME=value` list items.
  { file: /\.ya?ml$/i, line: /^[ \t]*(?:-[ \t]+)?["']?([A-Z][A-Z0-9_]{0,127})["']?[ \t]*[:=]/, where: 'YAML file' },
];

export const rule: Rule = {
  meta: {
    id: 'client-public-env-key',
    family: 'client',
    title: 'LLM secret behind a client-exposed env prefix',
    description:
      'An LLM provider key is named with a prefix that frameworks inline into the browser bundle (NEXT_PUBLIC_, VITE_, REACT_APP_, EXPO_PUBLIC_, PUBLIC_, NUXT_PUBLIC_, GATSBY_) or is injected into the bundle by build config. Anyone who loads the page can read it.',
    severity: 'high',
    cwe: ['CWE-522', 'CWE-200'],
    owasp: ['LLM02:2025', 'LLM10:2025'],
    precision: 'high',
    help,
  },
  checkText(ctx) {
    const definitions = publicEnvDefinitions(ctx.path, ctx.text);
    if (definitions.length === 0) return;
    // A committed value that is a recognized provider key is critical (secret-provider-key reports the value).
    const strict = definitions.some((d) => d.value) ? findSecrets(ctx.text, ctx.path).filter((s) => s.tier === 'strict') : [];
    for (const definition of definitions) {
      const value = definition.value;
      const recognized = !!value && strict.some((s) => s.line === value.line && s.column >= value.column && s.endColumn <= value.endColumn);
      const how = `defined in this ${definition.where}${recognized ? ' with a recognized provider key as its value' : ''}`;
      ctx.report({ span: definition.span, severity: recognized ? 'critical' : 'high', message: publicNameMessage(definition.name, how) });
    }
  },
  checkCode(ctx) {
    if (ctx.model.language === 'python') return;
    for (const read of publicLlmEnvReads(ctx.model)) {
      ctx.report({ span: read.span, message: publicNameMessage(read.name, `read via ${read.via}`) });
    }
    checkSvelteKitImports(ctx);
    checkBuildConfig(ctx);
  },
};

// ---- names -------------------------------------------------------------------------------------------

/** A client-exposed LLM secret name (`NEXT_PUBLIC_OPENAI_API_KEY`); undefined for anything else. */
export function publicLlmSecretPrefix(name: string): string | undefined {
  const prefix = clientExposedPrefix(name);
  return prefix && isLlmSecretEnvName(name) ? prefix : undefined;
}

/** `process.env.X` / `import.meta.env.X` reads of client-exposed LLM secret names (JS/TS). */
export function publicLlmEnvReads(model: FileModel): FileModel['envReads'] {
  if (model.language === 'python') return [];
  return model.envReads.filter(
    (read) => (read.via === 'process.env' || read.via === 'import.meta.env') && publicLlmSecretPrefix(read.name) !== undefined,
  );
}

function publicNameMessage(name: string, how: string): string {
  const prefix = publicLlmSecretPrefix(name)!;
  const framework = CLIENT_EXPOSED_ENV_PREFIXES.find((p) => p.prefix === prefix)?.framework ?? 'the framework';
  const provider = llmProviderForEnvName(name);
  const serverName = name.slice(prefix.length);
  return (
    `${name} (${how}) is an LLM provider secret${provider ? ` (${provider})` : ''} behind the client-exposed ${prefix} prefix: ${framework} inlines it into ` +
    `the browser bundle, where anyone can read it and spend your quota. Call the provider from server code and keep ` +
    `the key in a server-only variable such as ${serverName}.`
  );
}

// ---- text files ----------------------------------------------------------------------------------------

export interface PublicEnvDefinition {
  name: string;
  where: string;
  /** The name. */
  span: Span;
  /** Where the value is, for `.env` entries with a non-empty value. */
  value?: { line: number; column: number; endColumn: number };
}

/** Lines of `.env*` files, Dockerfiles and YAML files that define a client-exposed LLM secret name. */
export function publicEnvDefinitions(path: string, text: string): PublicEnvDefinition[] {
  const found: PublicEnvDefinition[] = [];
  if (isEnvFilePath(path)) {
    // The name alone is the problem: once it is set anywhere (CI, hosting dashboard), the build ships it.
    for (const entry of parseEnvEntries(text)) {
      if (publicLlmSecretPrefix(entry.name) === undefined) continue;
      found.push({
        name: entry.name,
        where: '.env file',
        span: lineSpan(entry.line, entry.column, entry.column + entry.name.length),
        ...(entry.value ? { value: { line: entry.line, column: entry.valueColumn, endColumn: entry.valueEndColumn } } : {}),
      });
    }
    return found;
  }
  const shape = DEFINITION_FILES.find((d) => d.file.test(path));
  if (!shape) return found;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = shape.line.exec(lines[i]!);
    if (!match || publicLlmSecretPrefix(match[1]!) === undefined) continue;
    const column = match[0].indexOf(match[1]!) + 1;
    found.push({ name: match[1]!, where: shape.where, span: lineSpan(i + 1, column, column + match[1]!.length) });
  }
  return found;
}

function lineSpan(line: number, column: number, endColumn: number): Span {
  return { line, column, endLine: line, endColumn };
}

// ---- SvelteKit -----------------------------------------------------------------------------------------

function checkSvelteKitImports(ctx: CodeContext): void {
  const dynamicLocals = new Set<string>();
  for (const imp of ctx.model.imports) {
    if (imp.module === SVELTEKIT_PUBLIC_ENV.static && publicLlmSecretPrefix(imp.imported) !== undefined)
      ctx.report({ span: imp.span, message: publicNameMessage(imp.imported, `imported from ${imp.module}`) });
    else if (imp.module === SVELTEKIT_PUBLIC_ENV.dynamic && imp.imported === 'env') dynamicLocals.add(imp.local);
  }
  if (dynamicLocals.size === 0) return;
  for (const { expr } of allExprs(ctx.model)) {
    if (expr.kind !== 'member' || publicLlmSecretPrefix(expr.property) === undefined) continue;
    const base = unwrap(expr.object);
    if (base.kind === 'name' && dynamicLocals.has(base.name))
      ctx.report({ span: expr.span, message: publicNameMessage(expr.property, `read from ${SVELTEKIT_PUBLIC_ENV.dynamic}`) });
  }
}

// ---- build config ---------------------------------------------------------------------------------------

function checkBuildConfig(ctx: CodeContext): void {
  const { model } = ctx;
  const path = ctx.path.replace(/\\/g, '/');
  const isNext = CONFIG_FILES.next.test(path);
  const isVite = CONFIG_FILES.vite.test(path);
  const isNuxt = CONFIG_FILES.nuxt.test(path);
  const report = (span: Span, message: string): void => ctx.report({ span, message });

  // webpack's DefinePlugin inlines its keys wherever it appears (next.config webpack hook, webpack.config).
  for (const call of model.calls) {
    if (call.calleePath !== 'DefinePlugin' && !call.calleePath?.endsWith('.DefinePlugin')) continue;
    const arg = call.args[0];
    if (!arg || arg.spread) continue;
    const object = resolveValue(model, arg.value, call.functionIndex);
    if (object.kind === 'object') for (const entry of object.entries) checkDefineEntry(model, entry, 'webpack DefinePlugin', report);
  }
  if (!isNext && !isVite && !isNuxt) return;

  for (const { expr, functionIndex } of exprsOfKind(model, 'object')) {
    for (const entry of expr.entries) {
      if (entry.spread || entry.key === undefined) continue;
      const value = resolveValue(model, entry.value, functionIndex);
      if (isNext && entry.key === 'env' && value.kind === 'object') {
        for (const inner of value.entries) {
          if (inner.spread || inner.key === undefined) continue;
          const secret = isLlmSecretEnvName(inner.key) ? inner.key : llmSecretMentioned(model, inner.value);
          if (secret)
            report(inner.span, bundledMessage(secret, `next.config \`env\` entry ${inner.key}`, 'Next.js inlines every `env` entry into the client bundle'));
        }
      } else if (isVite && entry.key === 'define' && value.kind === 'object') {
        for (const inner of value.entries) checkDefineEntry(model, inner, 'Vite `define`', report);
      } else if (isVite && entry.key === 'envPrefix') {
        for (const prefix of stringList(model, value, functionIndex)) {
          // `envPrefix: 'OPENAI_'` exposes OPENAI_API_KEY: try the prefix on a typical key name.
          if (prefix.value !== '' && clientExposedPrefix(prefix.value) === undefined && isLlmSecretEnvName(prefix.value + 'API_KEY'))
            report(
              prefix.span,
              `Vite \`envPrefix\` '${prefix.value}' exposes LLM provider keys such as ${prefix.value}API_KEY on import.meta.env in the ` +
                'client bundle. Keep envPrefix to a public-only prefix (VITE_) and call the provider from server code.',
            );
        }
      } else if (isNuxt && entry.key === 'runtimeConfig' && value.kind === 'object') {
        const publicEntry = value.entries.find((e) => !e.spread && e.key === 'public');
        const publicConfig = publicEntry && resolveValue(model, publicEntry.value, functionIndex);
        if (publicConfig?.kind !== 'object') continue;
        for (const inner of publicConfig.entries) {
          if (inner.spread || inner.key === undefined) continue;
          const secret = isLlmSecretEnvName(screamingSnake(inner.key)) ? inner.key : llmSecretMentioned(model, inner.value);
          if (secret)
            report(inner.span, bundledMessage(secret, `Nuxt runtimeConfig.public entry ${inner.key}`, 'Nuxt serializes runtimeConfig.public into every page payload'));
        }
      }
    }
  }
}

/** `define` / DefinePlugin: `'process.env.OPENAI_API_KEY': JSON.stringify(...)`, `__KEY__: env.OPENAI_API_KEY`. */
function checkDefineEntry(model: FileModel, entry: ObjectEntry, where: string, report: (span: Span, message: string) => void): void {
  if (entry.spread || entry.key === undefined) return;
  const key = entry.key.replace(/^(?:process\.env\.|import\.meta\.env\.)/, '');
  const secret = isLlmSecretEnvName(key) ? key : llmSecretMentioned(model, entry.value);
  if (secret) report(entry.span, bundledMessage(secret, `${where} entry ${entry.key}`, `${where} replaces the expression with the value at build time`));
}

function bundledMessage(secret: string, what: string, why: string): string {
  return (
    `${what} puts the LLM provider secret ${secret} into the client bundle: ${why}, so anyone who loads the page can read ` +
    'the key. Remove it and call the provider from server code (a route handler or server action).'
  );
}

/** The LLM secret env name an expression reads: an env read inside it, or `env.OPENAI_API_KEY` (loadEnv). */
function llmSecretMentioned(model: FileModel, expr: Expr): string | undefined {
  const read = model.envReads.find((r) => spanContains(expr.span, r.span) && isLlmSecretEnvName(r.name));
  if (read) return read.name;
  for (const sub of walk(model, expr, undefined, true)) {
    if (sub.expr.kind === 'member' && isLlmSecretEnvName(sub.expr.property)) return sub.expr.property;
    if (sub.expr.kind === 'index') {
      const key = stringValue(sub.expr.index);
      if (key && isLlmSecretEnvName(key)) return key;
    }
  }
  return undefined;
}

function stringList(model: FileModel, value: Expr, functionIndex: number | undefined): Array<{ value: string; span: Span }> {
  if (value.kind === 'string') return [{ value: value.value, span: value.span }];
  if (value.kind !== 'array') return [];
  return value.elements.flatMap((element) => {
    const resolved = resolveValue(model, element, functionIndex);
    return resolved.kind === 'string' ? [{ value: resolved.value, span: element.span }] : [];
  });
}

/** `openaiApiKey` → `OPENAI_API_KEY` (Nuxt maps NUXT_PUBLIC_OPENAI_API_KEY to runtimeConfig.public.openaiApiKey). */
function screamingSnake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-.]/g, '_').toUpperCase();
}
