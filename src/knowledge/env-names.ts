// Environment-variable vocabulary for LLM credentials: which names hold an LLM provider secret, which
// prefixes make a variable part of the client bundle, and which files are committed `.env` files.
// Source: /work/shared/reference/static-rules.md (b) S2 and S3.

/**
 * Provider name roots (S2: `ANTHROPIC|CLAUDE|OPENAI|AZURE_OPENAI|GEMINI|GOOGLE(_AI)?|GROQ|MISTRAL|COHERE|HF|
 * HUGGINGFACE|REPLICATE|XAI|DEEPSEEK|OPENROUTER|PERPLEXITY|TOGETHER|FIREWORKS`). Deviations:
 * - bare `GOOGLE` is too broad (GOOGLE_MAPS_API_KEY, GOOGLE_CLIENT_SECRET are not LLM keys), so only the
 *   Gemini spellings count: GOOGLE_AI*, GOOGLE_GENAI*, GOOGLE_GENERATIVE_AI* (Vercel AI SDK) and the
 *   exact name GOOGLE_API_KEY (google-genai, LangChain);
 * - `HF` must be followed by `_` (HF_TOKEN), so HFX_KEY is not a Hugging Face name;
 * - S3's `GPT` root is added (NEXT_PUBLIC_GPT_KEY, OPENAI under another name).
 */
export const LLM_PROVIDER_ENV_ROOTS: readonly { root: string; provider: string }[] = [
  { root: 'ANTHROPIC', provider: 'Anthropic' },
  { root: 'CLAUDE', provider: 'Anthropic' },
  { root: 'AZURE_OPENAI', provider: 'Azure OpenAI' },
  { root: 'OPENAI', provider: 'OpenAI' },
  { root: 'GPT', provider: 'OpenAI' },
  { root: 'GEMINI', provider: 'Google Gemini' },
  { root: 'GOOGLE_GENERATIVE_AI', provider: 'Google Gemini' },
  { root: 'GOOGLE_GENAI', provider: 'Google Gemini' },
  { root: 'GOOGLE_AI', provider: 'Google Gemini' },
  { root: 'GROQ', provider: 'Groq' },
  { root: 'MISTRAL', provider: 'Mistral' },
  { root: 'COHERE', provider: 'Cohere' },
  { root: 'HUGGINGFACE', provider: 'Hugging Face' },
  { root: 'HUGGING_FACE', provider: 'Hugging Face' },
  { root: 'HF_', provider: 'Hugging Face' },
  { root: 'REPLICATE', provider: 'Replicate' },
  { root: 'XAI', provider: 'xAI' },
  { root: 'GROK', provider: 'xAI' },
  { root: 'DEEPSEEK', provider: 'DeepSeek' },
  { root: 'OPENROUTER', provider: 'OpenRouter' },
  { root: 'PERPLEXITY', provider: 'Perplexity' },
  { root: 'PPLX', provider: 'Perplexity' },
  { root: 'TOGETHER', provider: 'Together AI' },
  { root: 'FIREWORKS', provider: 'Fireworks AI' },
];

/** Official names that do not fit root + suffix. */
export const LLM_SECRET_ENV_EXACT: readonly { name: string; provider: string; note: string }[] = [
  { name: 'GOOGLE_API_KEY', provider: 'Google Gemini', note: 'google-genai and langchain-google-genai read it' },
  { name: 'CO_API_KEY', provider: 'Cohere', note: 'the Cohere SDKs read it (gitleaks cohere rule keyword)' },
];

/** The secret part of the name (S2: `(API_KEY|KEY|TOKEN|SECRET)` at the end). */
export const SECRET_ENV_SUFFIXES: readonly string[] = ['API_KEY', 'KEY', 'TOKEN', 'SECRET'];

export interface ClientEnvPrefix {
  prefix: string;
  framework: string;
  /** Why variables with this prefix reach the browser. */
  note: string;
}

/** Prefixes that frameworks inline into client bundles (S3). Longest first where one contains another. */
export const CLIENT_EXPOSED_ENV_PREFIXES: readonly ClientEnvPrefix[] = [
  {
    prefix: 'NEXT_PUBLIC_',
    framework: 'Next.js',
    note: 'inlined into the browser bundle at build time (nextjs.org docs: environment variables)',
  },
  {
    prefix: 'NUXT_PUBLIC_',
    framework: 'Nuxt',
    note: 'overrides runtimeConfig.public, which is serialized into the page payload',
  },
  {
    prefix: 'EXPO_PUBLIC_',
    framework: 'Expo',
    note: 'inlined into the JS bundle shipped to devices (Expo docs: environment variables)',
  },
  {
    prefix: 'REACT_APP_',
    framework: 'Create React App',
    note: 'embedded into the build (CRA docs: adding custom environment variables)',
  },
  { prefix: 'VITE_', framework: 'Vite', note: 'exposed on import.meta.env in client code (Vite docs: envPrefix)' },
  {
    prefix: 'GATSBY_',
    framework: 'Gatsby',
    note: 'available in browser JavaScript (Gatsby docs: environment variables)',
  },
  {
    prefix: 'PUBLIC_',
    framework: 'SvelteKit / Astro',
    note: '$env/static/public (SvelteKit) and import.meta.env.PUBLIC_* (Astro) reach the client',
  },
];

const MAX_ENV_NAME = 128;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ROOT, then any [A-Z0-9_] run, then a suffix at the very end: one anchored start, linear.
const LLM_SECRET_ENV_NAME = new RegExp(
  `^(?:${LLM_PROVIDER_ENV_ROOTS.map((r) => escape(r.root)).join('|')})[A-Z0-9_]*(?:${SECRET_ENV_SUFFIXES.join('|')})$`,
);

/** The client-exposed prefix `name` starts with (`NEXT_PUBLIC_`, `VITE_`, ...), or undefined. */
export function clientExposedPrefix(name: string): string | undefined {
  return CLIENT_EXPOSED_ENV_PREFIXES.find((p) => name.startsWith(p.prefix))?.prefix;
}

/**
 * True for names that hold an LLM provider secret: `ANTHROPIC_API_KEY`, `OPENAI_KEY`, `HF_TOKEN`,
 * `CLAUDE_CODE_OAUTH_TOKEN`, `GOOGLE_API_KEY`, `CO_API_KEY`. A client-exposed prefix is looked through
 * (`NEXT_PUBLIC_OPENAI_API_KEY` is still an LLM secret name; `clientExposedPrefix` tells it apart).
 * Case-sensitive: env names are upper case by convention and lower-case words are usually code.
 */
export function isLlmSecretEnvName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_ENV_NAME) return false;
  const prefix = clientExposedPrefix(name);
  const bare = prefix ? name.slice(prefix.length) : name;
  if (LLM_SECRET_ENV_EXACT.some((e) => e.name === bare)) return true;
  return LLM_SECRET_ENV_NAME.test(bare);
}

/** The provider an LLM secret env name belongs to, or undefined when it is not one. */
export function llmProviderForEnvName(name: string): string | undefined {
  if (!isLlmSecretEnvName(name)) return undefined;
  const prefix = clientExposedPrefix(name);
  const bare = prefix ? name.slice(prefix.length) : name;
  const exact = LLM_SECRET_ENV_EXACT.find((e) => e.name === bare);
  if (exact) return exact.provider;
  // Longest root first: AZURE_OPENAI before OPENAI would not matter for startsWith, GOOGLE_GENAI does.
  const roots = [...LLM_PROVIDER_ENV_ROOTS].sort((a, b) => b.root.length - a.root.length);
  return roots.find((r) => bare.startsWith(r.root))?.provider;
}

/** S2: `(^|/)\.env(\.[\w.-]+)?$`: `.env`, `.env.local`, `.env.production`, `config/.env.dev`. */
const ENV_FILE_PATH = /(?:^|\/)\.env(?:\.[\w.-]+)?$/;
/** Template variants that are meant to be committed (S2 excludes them). */
export const ENV_TEMPLATE_SUFFIXES: readonly string[] = ['example', 'sample', 'template', 'dist', 'defaults'];

/** Any `.env*` file, templates included. */
export function isEnvFilePath(path: string): boolean {
  return ENV_FILE_PATH.test(path.replace(/\\/g, '/'));
}

/** A `.env` file that holds real values: `.env*` but not `.env.example`, `.env.local.sample`, ... */
export function isCommittedEnvFile(path: string): boolean {
  if (!isEnvFilePath(path)) return false;
  const base = path.replace(/\\/g, '/').split('/').pop()!;
  const parts = base.toLowerCase().split('.').slice(2); // ['', 'env', ...rest]
  return !parts.some((p) => ENV_TEMPLATE_SUFFIXES.includes(p));
}
