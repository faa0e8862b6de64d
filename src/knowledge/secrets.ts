// Secret patterns for LLM provider credentials, as data. The matcher (src/analysis/text/secrets.ts) runs
// every row: keyword pre-filter -> regex -> placeholder/stopword/entropy/allowlist filters -> severity.
// Regexes are quoted from gitleaks (config/gitleaks.toml, cmd/generate/config/rules/*.go), trufflehog
// (pkg/detectors/*) and Semgrep (ai/ai-best-practices/llm-api-key-in-source.yaml); see
// /work/shared/reference/static-rules.md section (c). Deviations are noted per row.
//
// Every regex must stay linear on adversarial input (1 MiB of one character, a prefix repeated 300k
// times): fixed-length or upper-bounded repeats only, no nested quantifiers, no lazy `.*?` scans.
import type { Severity } from '../core/types.js';

/** `strict`: the value identifies itself (a vendor prefix or marker). `keyword`: the value is generic
 * (e.g. 32 alphanumerics) and only counts with a provider keyword shortly before it on the same line. */
export type SecretTier = 'strict' | 'keyword';

export interface SecretPattern {
  /** Stable id of the pattern (not a rule id). */
  id: string;
  provider: string;
  /** "Anthropic API key": used in messages. */
  title: string;
  tier: SecretTier;
  /** Lowercase substrings; the regex runs only when one occurs in the (lowercased) file. */
  keywords: readonly string[];
  /** Keyword tier: lowercase words of which one must occur within ANCHOR_WINDOW characters before the
   * value, on the same line. */
  anchors?: readonly string[];
  /** Regex source (compiled with the `g` flag by the matcher). Group 1, when present, is the value. */
  regex: string;
  /** Stripped from the value before the entropy and repeated-character checks (the vendor prefix). */
  prefix?: RegExp;
  /** Minimum Shannon entropy (bits per character) of the value without its prefix. */
  minEntropy: number;
  severity: Severity;
  /** Raise or lower the severity when one of these lowercase words occurs anywhere in the file. */
  context?: { words: readonly string[]; severity: Severity; why: string };
  /** Where the regex comes from. */
  source: string;
}

/**
 * gitleaks' secret terminator, as a lookahead so it never becomes part of the value. gitleaks has
 * `(?:[\x60'"\s;]|\\[nr]|$)` (older) and `)(?:['"\x60\s;\\<,)]|$)` (cmd/generate/config/utils/generate.go,
 * `secretSuffix`); this is the newer set plus `>`, `]`, `}`, `.`, `&`, `|` so values in markup, JSON
 * arrays and prose ("... is sk-….") also end cleanly.
 */
export const SECRET_SUFFIX = String.raw`(?=['"\x60\s;\\<>,)\]}.&|]|$)`;

/** Keyword tier: how far before the value (same line) a provider keyword may stand. trufflehog uses
 * about 40 characters for its `PrefixRegex`. */
export const ANCHOR_WINDOW = 40;

/** Words that put an `AIza` Google key in Gemini (LLM) context rather than Maps/Firebase. */
export const GEMINI_CONTEXT = ['generativelanguage', 'googlegenerativeai', 'genai', 'gemini'] as const;

/** Key sinks that make a loose `sk-…`/`hf_…` value count (Semgrep's loose tier applies to `api_key`,
 * `apiKey` and `*_API_KEY` only). */
export const KEY_SINK_WORDS = [
  'api_key',
  'apikey',
  'api-key',
  '_key',
  'token',
  'secret',
  'bearer',
  'authorization',
] as const;

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  // ---- strict: self-identifying prefixes -------------------------------------------------------------
  {
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    title: 'Anthropic API key',
    tier: 'strict',
    keywords: ['sk-ant-api03'],
    // gitleaks anthropic-api-key: GenerateUniqueTokenRegex(`sk-ant-api03-[a-zA-Z0-9_\-]{93}AA`)
    regex: String.raw`\b(sk-ant-api03-[a-zA-Z0-9_\-]{93}AA)` + SECRET_SUFFIX,
    prefix: /^sk-ant-api03-/,
    minEntropy: 3.5,
    severity: 'critical',
    source: 'gitleaks cmd/generate/config/rules/anthropic.go (anthropic-api-key)',
  },
  {
    id: 'anthropic-admin-key',
    provider: 'Anthropic',
    title: 'Anthropic Admin API key',
    tier: 'strict',
    keywords: ['sk-ant-admin01'],
    // gitleaks anthropic-admin-api-key: GenerateUniqueTokenRegex(`sk-ant-admin01-[a-zA-Z0-9_\-]{93}AA`)
    regex: String.raw`\b(sk-ant-admin01-[a-zA-Z0-9_\-]{93}AA)` + SECRET_SUFFIX,
    prefix: /^sk-ant-admin01-/,
    minEntropy: 3.5,
    severity: 'critical',
    source: 'gitleaks cmd/generate/config/rules/anthropic.go (anthropic-admin-api-key)',
  },
  {
    id: 'anthropic-oauth-token',
    provider: 'Anthropic',
    title: 'Anthropic OAuth token (Claude subscription)',
    tier: 'strict',
    keywords: ['sk-ant-oat01', 'sk-ant-ort01'],
    // gitleaks anthropic-oauth-token / -refresh-token: `sk-ant-oat01-[a-zA-Z0-9_\-]{40,}` and `sk-ant-ort01-…`.
    // Deviation: `{40,300}` instead of `{40,}`: an unbounded run would make a repeated prefix quadratic.
    regex: String.raw`\b(sk-ant-o[ar]t01-[a-zA-Z0-9_\-]{40,300})` + SECRET_SUFFIX,
    prefix: /^sk-ant-o[ar]t01-/,
    minEntropy: 3.5,
    severity: 'critical',
    source: 'gitleaks cmd/generate/config/rules/anthropic.go (anthropic-oauth-token, anthropic-oauth-refresh-token)',
  },
  {
    id: 'openai-admin-key',
    provider: 'OpenAI',
    title: 'OpenAI admin key',
    tier: 'strict',
    keywords: ['t3blbkfj'],
    // gitleaks openai-api-key, the `admin` branch: `sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|
    // [A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b`
    regex:
      String.raw`\b(sk-admin-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58}))` +
      SECRET_SUFFIX,
    prefix: /^sk-admin-/,
    minEntropy: 3.5,
    severity: 'critical',
    source: 'gitleaks cmd/generate/config/rules/openai.go (openai-api-key, entropy 3)',
  },
  {
    id: 'openai-api-key',
    provider: 'OpenAI',
    title: 'OpenAI API key',
    tier: 'strict',
    keywords: ['t3blbkfj'],
    // gitleaks openai-api-key (project, service-account and legacy keys; `T3BlbkFJ` is base64 "OpenAI"):
    // `sk-(?:proj|svcacct|admin)-(?:…{74}|…{58})T3BlbkFJ(?:…{74}|…{58})\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}`
    regex:
      String.raw`\b(sk-(?:proj|svcacct)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})` +
      String.raw`|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})` +
      SECRET_SUFFIX,
    prefix: /^sk-(?:proj-|svcacct-)?/,
    minEntropy: 3.5,
    severity: 'critical',
    source: 'gitleaks cmd/generate/config/rules/openai.go (openai-api-key, entropy 3); same in secretlint',
  },
  {
    id: 'groq-api-key',
    provider: 'Groq',
    title: 'Groq API key',
    tier: 'strict',
    keywords: ['gsk_'],
    // trufflehog groq: `\b(gsk_[a-zA-Z0-9]{52})\b`; gitleaks groq-api-key: `gsk_[a-zA-Z0-9]{48}` (entropy 4).
    // Both lengths are accepted.
    regex: String.raw`\b(gsk_[a-zA-Z0-9]{48}(?:[a-zA-Z0-9]{4})?)` + SECRET_SUFFIX,
    prefix: /^gsk_/,
    minEntropy: 4,
    severity: 'critical',
    source: 'trufflehog pkg/detectors/groq; gitleaks cmd/generate/config/rules/groq.go',
  },
  {
    id: 'xai-api-key',
    provider: 'xAI',
    title: 'xAI API key',
    tier: 'strict',
    keywords: ['xai-'],
    // trufflehog xai: `\b(xai-[0-9a-zA-Z_]{80})\b`
    regex: String.raw`\b(xai-[0-9a-zA-Z_]{80})\b`,
    prefix: /^xai-/,
    minEntropy: 4,
    severity: 'critical',
    source: 'trufflehog pkg/detectors/xai',
  },
  {
    id: 'replicate-api-token',
    provider: 'Replicate',
    title: 'Replicate API token',
    tier: 'strict',
    keywords: ['r8_'],
    // trufflehog replicate: `\b(r8_[0-9A-Za-z-_]{37})\b` (class written `[0-9A-Za-z_-]`, same set)
    regex: String.raw`\b(r8_[0-9A-Za-z_-]{37})\b`,
    prefix: /^r8_/,
    minEntropy: 3.5,
    severity: 'critical',
    source: 'trufflehog pkg/detectors/replicate',
  },
  {
    id: 'openrouter-api-key',
    provider: 'OpenRouter',
    title: 'OpenRouter API key',
    tier: 'strict',
    keywords: ['sk-or-v1-'],
    // trufflehog openrouter: `\b(sk-or-v1-[0-9a-f]{64})\b` (hex: entropy tops out at 4 bits)
    regex: String.raw`\b(sk-or-v1-[0-9a-f]{64})\b`,
    prefix: /^sk-or-v1-/,
    minEntropy: 3.3,
    severity: 'critical',
    source: 'trufflehog pkg/detectors/openrouter',
  },
  {
    id: 'perplexity-api-key',
    provider: 'Perplexity',
    title: 'Perplexity API key',
    tier: 'strict',
    keywords: ['pplx-'],
    // gitleaks perplexity-api-key: `\b(pplx-[\w]{48})(?:[\x60'"\s;]|\\[nr]|$|\b)`; reference table:
    // `\b(pplx-[a-zA-Z0-9]{48})` + suffix (entropy 4)
    regex: String.raw`\b(pplx-[a-zA-Z0-9]{48})` + SECRET_SUFFIX,
    prefix: /^pplx-/,
    minEntropy: 4,
    severity: 'critical',
    source: 'gitleaks cmd/generate/config/rules/perplexity.go',
  },
  {
    id: 'huggingface-access-token',
    provider: 'Hugging Face',
    title: 'Hugging Face access token',
    tier: 'strict',
    keywords: ['hf_'],
    // gitleaks huggingface-access-token: `hf_(?i:[a-z]{34})` (entropy 2); trufflehog `\bhf_[a-zA-Z]{34}\b`.
    // JS (Node 20) has no inline `(?i:…)`, so the class spells out both cases.
    regex: String.raw`\b(hf_[a-zA-Z]{34})` + SECRET_SUFFIX,
    prefix: /^hf_/,
    minEntropy: 3,
    severity: 'high',
    source: 'gitleaks cmd/generate/config/rules/huggingface.go; trufflehog pkg/detectors/huggingface',
  },
  {
    id: 'huggingface-org-token',
    provider: 'Hugging Face',
    title: 'Hugging Face organization token',
    tier: 'strict',
    keywords: ['api_org_'],
    // gitleaks huggingface-organization-api-token: `api_org_(?i:[a-z]{34})` (entropy 2)
    regex: String.raw`\b(api_org_[a-zA-Z]{34})` + SECRET_SUFFIX,
    prefix: /^api_org_/,
    minEntropy: 3,
    severity: 'high',
    source: 'gitleaks cmd/generate/config/rules/huggingface.go (huggingface-organization-api-token)',
  },
  {
    id: 'google-api-key',
    provider: 'Google',
    title: 'Google API key',
    tier: 'strict',
    keywords: ['aiza'],
    // gitleaks gcp-api-key: GenerateUniqueTokenRegex(`AIza[\w-]{35}`) (entropy 4)
    regex: String.raw`\b(AIza[\w-]{35})` + SECRET_SUFFIX,
    prefix: /^AIza/,
    minEntropy: 4,
    // Same format as public Maps/Firebase browser keys: medium unless the file talks to Gemini.
    severity: 'medium',
    context: {
      words: GEMINI_CONTEXT,
      severity: 'high',
      why: 'Gemini context in the file (generativelanguage, GoogleGenerativeAI, genai, gemini)',
    },
    source: 'gitleaks cmd/generate/config/rules/gcp.go (gcp-api-key)',
  },

  // ---- keyword-anchored: generic values that need a provider word nearby ------------------------------
  {
    id: 'mistral-api-key',
    provider: 'Mistral',
    title: 'Mistral API key',
    tier: 'keyword',
    keywords: ['mistral'],
    anchors: ['mistral'],
    // trufflehog mistral: keyword `mistral` (PrefixRegex, ~40 chars) then `\b([A-Za-z0-9]{32})\b`.
    // Entropy 4 keeps out 32-hex hashes (MD5), whose entropy tops out at 4 bits.
    regex: String.raw`\b([A-Za-z0-9]{32})\b`,
    minEntropy: 4,
    severity: 'high',
    source: 'trufflehog pkg/detectors/mistral',
  },
  {
    id: 'cohere-api-key',
    provider: 'Cohere',
    title: 'Cohere API key',
    tier: 'keyword',
    keywords: ['cohere', 'co_api_key'],
    anchors: ['cohere', 'co_api_key'],
    // gitleaks cohere-api-token: GenerateSemiGenericRegex(["cohere","CO_API_KEY"], `[a-zA-Z0-9]{40}`)
    // (entropy 4). The identifier part (`[\w.-]{0,50}?` twice, lazy) is replaced by the anchor window.
    regex: String.raw`\b([a-zA-Z0-9]{40})` + SECRET_SUFFIX,
    minEntropy: 4,
    severity: 'high',
    source: 'gitleaks cmd/generate/config/rules/cohere.go',
  },
  {
    id: 'deepseek-api-key',
    provider: 'DeepSeek',
    title: 'DeepSeek API key',
    tier: 'keyword',
    keywords: ['deepseek'],
    anchors: ['deepseek'],
    // trufflehog deepseek: keyword `deepseek` nearby, then `\b(sk-[a-z0-9]{32})\b`
    regex: String.raw`\b(sk-[a-z0-9]{32})\b`,
    prefix: /^sk-/,
    minEntropy: 3.2,
    severity: 'high',
    source: 'trufflehog pkg/detectors/deepseek',
  },
  {
    id: 'llm-api-key-loose',
    provider: 'LLM provider',
    title: 'LLM provider API key',
    tier: 'keyword',
    keywords: ['sk-', 'hf_'],
    anchors: KEY_SINK_WORDS,
    // Semgrep llm-api-key-in-source.yaml loose tier:
    // `^(sk-[a-zA-Z0-9]{20,}|sk-ant-[a-zA-Z0-9-]{20,}|sk-proj-[a-zA-Z0-9-]{20,}|AIza[a-zA-Z0-9_-]{30,}|hf_[a-zA-Z0-9]{20,})`
    // Only next to a key sink (api_key=, apiKey:, *_API_KEY=, Bearer). Deviations: upper bounds (200) for
    // linear time; no `sk-ant-` or `AIza` branch, because the strict Anthropic and Google rows own those
    // formats (a near miss such as a `BB` suffix is not a key: gitleaks' own FP cases).
    regex: String.raw`\b(sk-proj-[A-Za-z0-9_-]{20,200}|sk-[a-zA-Z0-9]{20,200}|hf_[a-zA-Z0-9]{20,200})` + SECRET_SUFFIX,
    prefix: /^(?:sk-proj-|sk-|hf_)/,
    minEntropy: 3.5,
    severity: 'high',
    source: 'semgrep-rules ai/ai-best-practices/llm-api-key-in-source.yaml (loose prefix tier)',
  },
];

/**
 * Case-insensitive substrings that mark a value as a placeholder or a fake. trufflehog's default
 * stoplist (pkg/detectors/falsepositives.go): example, xxxxxx, aaaaaa, abcde, 00000, sample, *****;
 * plus ours (static-rules.md (c)): your, replace, changeme, dummy, fake, placeholder, redacted, <, >,
 * ..., …; plus test, abc123 and sequences (gitleaks' global stopword abcdefghijklmnopqrstuvwxyz).
 */
export const SECRET_STOPWORDS: readonly string[] = [
  'example',
  'xxxxxx',
  'aaaaaa',
  'abcde',
  '00000',
  'sample',
  '*****',
  'your',
  'replace',
  'changeme',
  'dummy',
  'fake',
  'placeholder',
  'redacted',
  '<',
  '>',
  '...',
  '…',
  'test',
  'abc123',
  '123456',
  'qwerty',
  'insert',
  'todo',
];

/** Whole-value placeholders (case-insensitive), for `.env` values and key sinks. */
export const PLACEHOLDER_VALUES: readonly string[] = [
  'changeme',
  'change-me',
  'change_me',
  'replace_me',
  'replaceme',
  'your_api_key',
  'your-api-key',
  'your_key_here',
  'none',
  'null',
  'nil',
  'undefined',
  'true',
  'false',
  'secret',
  'token',
  'key',
  'api_key',
  'xxx',
  'todo',
  'tbd',
  'sk-...',
];

/**
 * gitleaks' global allowlist value shapes (cmd/generate/config/base/config.go), applied to a whole value:
 * template and environment references are not secrets. Plus 1Password secret references (`op://…`).
 */
export const ALLOWLISTED_VALUE_SHAPES: readonly { shape: RegExp; why: string }[] = [
  { shape: /^(?:true|false|null)$/i, why: 'boolean / null literal' },
  { shape: /^\$(?:\d+|\{\d+\})$/, why: 'positional shell variable' },
  { shape: /^\$(?:[A-Z_][A-Z0-9_]*|[a-z_][a-z0-9_]*)$/, why: '$VAR reference' },
  { shape: /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]{0,200})?\}$/, why: '${VAR} reference (with ${VAR:-default})' },
  { shape: /^\{\{[ \t]{0,10}[\w ().|'"-]{1,200}[ \t]{0,10}\}\}$/, why: '{{ template }} (Ansible, Jinja, Helm)' },
  {
    shape: /^\$\{\{[ \t]{0,10}(?:env|github|secrets|vars)(?:\.[A-Za-z]\w*){1,10}[\w "'&./=|]{0,200}\}\}$/,
    why: '${{ secrets.X }} (GitHub Actions)',
  },
  { shape: /^%(?:[A-Z_][A-Z0-9_]*|[a-z_][a-z0-9_]*)%$/, why: '%VAR% (Windows, NuGet)' },
  { shape: /^%[+\-# 0]?[bcdeEfFgGoOpqstTUvxX]$/, why: 'printf verb' },
  { shape: /^\{\d{0,2}\}$/, why: 'Python format field' },
  { shape: /^@(?:[A-Z_][A-Z0-9_]*|[a-z_][a-z0-9_]*)@$/, why: '@VAR@ (Urban Code Deploy)' },
  { shape: /^op:\/\/[^\s]{1,300}$/, why: '1Password secret reference' },
];

/**
 * Paths never searched for secrets: lockfiles, installed dependencies and vendored libraries (gitleaks'
 * global path allowlist). Built bundles (`dist/`, `*.min.js`) stay in: a key baked into a bundle is a
 * real leak. `.env*` files are never skipped.
 */
export const SECRET_IGNORED_PATHS: readonly RegExp[] = [
  /(?:^|\/)node_modules(?:\/|$)/,
  /(?:^|\/)bower_components(?:\/|$)/,
  /(?:^|\/)\.git\//,
  /(?:^|\/)(?:deno\.lock|npm-shrinkwrap\.json|package-lock\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lockb?)$/,
  /(?:^|\/)(?:Pipfile|poetry|uv|pdm)\.lock$/,
  /(?:^|\/)(?:angular|bootstrap|jquery(?:-?ui)?|plotly|swagger-?ui)[a-zA-Z0-9.-]*(?:\.min)?\.js(?:\.map)?$/,
  /(?:^|\/)(?:v?env|virtualenv)\/lib(?:64)?\//i,
  /(?:^|\/)site-packages\//,
  /(?:^|\/)[a-z0-9_.]+-[0-9.]+\.dist-info\//i,
  /(?:^|\/)vendor\//,
];

/** Documentation paths: findings there are lowered one severity step (docs are full of sample keys). */
export const DOCS_PATHS: readonly RegExp[] = [/\.mdx?$/i, /(?:^|\/)docs?\//i];

/**
 * Publicly known sample keys (gitleaks' own rule tests and allowlists), as SHA-256 of the full value so
 * this file never holds a key-shaped string. Matches of these are dropped.
 */
export const KNOWN_SAMPLE_KEY_SHA256: ReadonlyMap<string, string> = new Map([
  ['4346ba48a5f06f4d03d55f663603405c0cea2af79a1f4d823cee2ff4a9ea55e0', 'gitleaks anthropic.go TP (api03): sk-ant-api03-abc123xyz…'],
  ['b4c31b3987e35992223104bd9f3d54bfff759042e926016012edeb50a32110a5', 'gitleaks anthropic.go TP (admin01): sk-ant-admin01-abc12fake…'],
  ['96c5c4707006eec73eec07b295f5a6afd870583804c5cc211de7497e613fce7d', 'gitleaks perplexity.go TP: pplx-d7m9i004u…'],
  ['b71039056a3694cab160395f3b7a242706a0d7eca77cf56ca709244e14ef864e', 'gitleaks openai.go TP 1: sk-proj-SevzWE…'],
  ['4e01f2c36f650de996d8a462199d6bef7312e012b2bf6d02666b330e73518487', 'gitleaks openai.go TP 2: sk-proj-pBdaVZ…'],
  ['5e315984041b2794ea79cc15e9fbc44f1ee5f9a4873df29f7fd1f5d0e4140afc', 'gitleaks openai.go TP 3: sk-proj-0Ht0Wy…'],
  ['d5f63fd5a82d93459430a0daa0303480883b383a6d5c7701ed1030251ced756c', 'gitleaks openai.go TP 4: sk-svcacct-0Zk…'],
  ['9ff2fdd899275cb81ddfa8a5e24a305f84da8995e9d0c496ef73a7d63d41960e', 'gitleaks openai.go TP 5: sk-svcacct-jCX…'],
  ['8e30c169065ac0179338729b1102dd3a6b41ea8fd2575bdaf8b4ee7ef74c56e3', 'gitleaks openai.go TP 6: sk-svcacct-gsH…'],
  ['1b8b5b5223c78a6993272cf887845a2a6283a052d105fce0c350e93f80e4f4ed', 'gitleaks openai.go TP 7: sk-admin-JWARX…'],
  ['46622cc417672ce16cc5c39cfff130a207079b536ef3e5555e91d3d120a90002', 'gitleaks openai.go TP 8: sk-admin-OYh8o…'],
  ['8cb13c7b392f4240fb2aa280d68b6641b32f3b13c8c5e63a5742140bf749e696', 'gitleaks openai.go TP 9: sk-admin-ypbUm…'],
  // gitleaks gcp.go allowlist: example keys from firebase/firebase-android-sdk.
  ['f56e323494a6ffc2064e7a955908957d84f0755e5f975dabd64328d0359a8f7c', 'firebase-android-sdk example: AIzaSyabcdefgh…'],
  ['2037abcaffb2b77785da716cf7ccff4ff4d00c4ea930db0167b7d71f50af7eb4', 'firebase-android-sdk example: AIzaSyAnLA7Nfe…'],
  ['3f370c9dd8225c63b5c77de1f785edc9712958f18bb612d5fa2e0ae33aeca682', 'firebase-android-sdk example: AIzaSyCkEhVjf3…'],
  ['e4a5542bb7fd7b67e943c71ad29c34b5972c9840597e7eda53e666f44d5da0b9', 'firebase-android-sdk example: AIzaSyDMAScliy…'],
  ['a19f89ab3555eac10c40741f6df79ecf0935998f15569f8db9d67bce0181fff6', 'firebase-android-sdk example: AIzaSyD3asb-2p…'],
  ['0b476bdf9acf2123d547b5ae76f1e59884d8ec9553ee0c47e9f31fd4768f3f3c', 'firebase-android-sdk example: AIzayDNSXIbFml…'],
  ['eb540d2b6ee2a0a47c5779bc8a0141784c6b753840d4c6f4e2428a6e86e9e0b1', 'firebase-android-sdk example: AIzaSyAdOS2zB6…'],
  ['37f8f09bdf12c2f2eae4ead7273a62ddb0c23459cbf902892f282b57f7ed6619', 'firebase-android-sdk example: AIzaSyASWm6HmT…'],
  ['8731261cb72d86267a32a532ebd3df429e2144e5e4ced7e13568bc9e6c8fb1b1', 'firebase-android-sdk example: AIzaSyANUvH9H9…'],
  ['49f777db995e8260da7ca9ffdf0c08d66f0453e97ec967018baf2cdfe3b582d0', 'firebase-android-sdk example: AIzaSyA5_iVawF…'],
  ['27a9a42931dff7eb2f8434e20a9bce976ea364e7bee49187f19d5cfeca9c7045', 'firebase-android-sdk example: AIzaSyA4UrcGxg…'],
  ['dc0fcf046c61640cbd1e8b999ada3262d722c2ca4bf42dceac999020ffdbb614', 'firebase-android-sdk example: AIzaSyDSb51JiI…'],
  ['4c98242dcadc8b29005c6b4aad526552d5ea1842149154c0694adeec75847583', 'firebase-android-sdk example: AIzaSyBF2RrAIm…'],
  ['ea9bb1082cf95663f5faca23b8b15ef2aa0fce0a5c6df9c32dcb85b2e0a4513d', 'firebase-android-sdk example: AIzaSyBcE-OOIb…'],
  ['3a8b61d0f636b007840c0d40ba12bcf48465dc054cdc1a68704a33521d84b665', 'firebase-android-sdk example: AIzaSyB8qGxt4e…'],
  ['a6c814bc555ae62c7bd8b58ec07bf559c7ed3a009976a1e0acc9cef0d4473b41', 'firebase-android-sdk example: AIzaSyA8vmApnr…'],
]);
