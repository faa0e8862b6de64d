// Severities and messages of the client-exposure rules, which the fixture harness (rule id + line) does not see.
import { describe, expect, it } from 'vitest';
import { publicEnvDefinitions, publicLlmSecretPrefix, rule as publicEnvKey } from '../src/rules/client-public-env-key.js';
import { rule as browserSdk } from '../src/rules/client-browser-sdk.js';
import { rule as sdkInClient } from '../src/rules/client-sdk-in-client-module.js';
import { scanFile as scan } from './helpers/scan.js';

describe('client-public-env-key', () => {
  it('knows client-exposed LLM secret names from look-alikes', () => {
    expect(publicLlmSecretPrefix('NEXT_PUBLIC_OPENAI_API_KEY')).toBe('NEXT_PUBLIC_');
    expect(publicLlmSecretPrefix('VITE_ANTHROPIC_KEY')).toBe('VITE_');
    expect(publicLlmSecretPrefix('NEXT_PUBLIC_AI_ENDPOINT')).toBeUndefined();
    expect(publicLlmSecretPrefix('NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY')).toBeUndefined();
    expect(publicLlmSecretPrefix('OPENAI_API_KEY')).toBeUndefined();
  });

  it('reports .env names with or without a value, at the name', () => {
    const text = 'NEXT_PUBLIC_OPENAI_API_KEY=\n# comment\n  VITE_ANTHROPIC_API_KEY = "x"\nOPENAI_API_KEY=\n';
    const found = publicEnvDefinitions('web/.env.production', text);
    expect(found.map((d) => [d.name, d.span.line, d.span.column, d.span.endColumn])).toEqual([
      ['NEXT_PUBLIC_OPENAI_API_KEY', 1, 1, 27],
      ['VITE_ANTHROPIC_API_KEY', 3, 3, 25],
    ]);
    // Not an env file, Dockerfile or YAML: nothing.
    expect(publicEnvDefinitions('README.md', text)).toEqual([]);
  });

  it('reads Dockerfile ARG/ENV and YAML keys', () => {
    expect(publicEnvDefinitions('Dockerfile', 'ARG VITE_OPENAI_API_KEY\nARG VITE_API_URL\n').map((d) => d.name)).toEqual(['VITE_OPENAI_API_KEY']);
    const yaml = 'env:\n  NEXT_PUBLIC_GEMINI_API_KEY: ${{ secrets.GEMINI_API_KEY }}\nenvironment:\n  - REACT_APP_OPENAI_KEY=${OPENAI_KEY}\n';
    expect(publicEnvDefinitions('.github/workflows/ci.yml', yaml).map((d) => [d.name, d.span.line])).toEqual([
      ['NEXT_PUBLIC_GEMINI_API_KEY', 2],
      ['REACT_APP_OPENAI_KEY', 4],
    ]);
  });

  it('names the framework and the server-only name in the message, never a value', async () => {
    const findings = await scan('.env', 'NEXT_PUBLIC_ANTHROPIC_API_KEY=sk-ant-not-really-a-key-000\n', [publicEnvKey]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe('high');
    expect(findings[0]!.message).toContain('Next.js');
    expect(findings[0]!.message).toContain('ANTHROPIC_API_KEY');
    expect(findings[0]!.message).not.toContain('sk-ant');
  });

  it('is critical when the .env value is a recognized provider key, and never prints it', async () => {
    // Fake key in the Anthropic format (the secret-provider-key fixture's), split so no full key sits in source.
    const fake = 'sk-ant-api03-' + 'pGrWJ1_2sNn2uYsGA19YuK6aaw5-CBx2EqYjTqEwgCuk324gliY1RMvu89BWTyZJIuyMqT2FwHYSwt3JO9S9L508oTDgYAA';
    const findings = await scan('.env.local', `NEXT_PUBLIC_ANTHROPIC_API_KEY=${fake}\nVITE_OPENAI_API_KEY=\n`, [publicEnvKey]);
    expect(findings.map((f) => [f.line, f.severity])).toEqual([
      [1, 'critical'],
      [2, 'high'],
    ]);
    expect(JSON.stringify(findings)).not.toContain(fake.slice(14));
  });

  it('reports JS reads but not Python reads of the same name', async () => {
    const js = await scan('src/a.ts', 'export const k = process.env.NEXT_PUBLIC_OPENAI_API_KEY;\n', [publicEnvKey]);
    expect(js.map((f) => [f.line, f.column])).toEqual([[1, 18]]);
    const py = await scan('a.py', 'import os\nk = os.environ["NEXT_PUBLIC_OPENAI_API_KEY"]\n', [publicEnvKey]);
    expect(py).toEqual([]);
  });

  it('checks next.config env only in next.config files', async () => {
    const source = 'module.exports = { env: { OPENAI_API_KEY: process.env.OPENAI_API_KEY } };\n';
    expect(await scan('next.config.js', source, [publicEnvKey])).toHaveLength(1);
    expect(await scan('src/settings.js', source, [publicEnvKey])).toEqual([]);
  });
});

describe('client-browser-sdk', () => {
  const header = "import Anthropic from '@anthropic-ai/sdk';\nimport OpenAI from 'openai';\n";
  const cases: Array<[string, string, string, RegExp]> = [
    ['env key', 'new OpenAI({ apiKey: process.env.OPENAI_API_KEY, dangerouslyAllowBrowser: true });', 'high', /process\.env\.OPENAI_API_KEY/],
    ['literal key', "new OpenAI({ apiKey: 'abc', dangerouslyAllowBrowser: true });", 'high', /literal API key/],
    ['no key', 'new Anthropic({ dangerouslyAllowBrowser: true });', 'high', /falls back to ANTHROPIC_API_KEY/],
    ['env-named import', "import { OPENAI_API_KEY } from './keys';\nnew OpenAI({ apiKey: OPENAI_API_KEY, dangerouslyAllowBrowser: true });", 'high', /OPENAI_API_KEY/],
    ['localStorage', "new OpenAI({ apiKey: localStorage.getItem('k') ?? '', dangerouslyAllowBrowser: true });", 'low', /localStorage\.getItem/],
    ['prompt', "new OpenAI({ apiKey: window.prompt('Key?') ?? '', dangerouslyAllowBrowser: true });", 'low', /window\.prompt/],
    ['parameter', 'export function make(key: string) { return new Anthropic({ apiKey: key, dangerouslyAllowBrowser: true }); }', 'low', /parameter `key`/],
    ['useState', "const [key] = useState('');\nnew Anthropic({ apiKey: key, dangerouslyAllowBrowser: true });", 'low', /useState/],
    ['ephemeral literal', "new OpenAI({ apiKey: 'ek_123', dangerouslyAllowBrowser: true });", 'low', /ephemeral/],
    ['untraced', 'new OpenAI({ apiKey: getKey(), dangerouslyAllowBrowser: true });', 'medium', /could not trace/],
    ['env beats user', "new OpenAI({ apiKey: localStorage.getItem('k') ?? process.env.OPENAI_API_KEY, dangerouslyAllowBrowser: true });", 'high', /process\.env/],
  ];
  for (const [name, code, severity, message] of cases) {
    it(`grades the key origin: ${name} → ${severity}`, async () => {
      const findings = await scan('src/client.ts', header + code + '\n', [browserSdk]);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe(severity);
      expect(findings[0]!.message).toMatch(message);
    });
  }

  it('ignores false, computed values, non-SDK classes, test files and Python', async () => {
    expect(await scan('src/a.ts', header + 'new OpenAI({ dangerouslyAllowBrowser: false });\n', [browserSdk])).toEqual([]);
    expect(await scan('src/a.ts', header + "new OpenAI({ dangerouslyAllowBrowser: typeof window !== 'undefined' });\n", [browserSdk])).toEqual([]);
    expect(await scan('src/a.ts', 'class OpenAI { constructor(o: object) {} }\nnew OpenAI({ dangerouslyAllowBrowser: true });\n', [browserSdk])).toEqual([]);
    expect(await scan('src/a.test.ts', header + 'new OpenAI({ dangerouslyAllowBrowser: true });\n', [browserSdk])).toEqual([]);
    expect(await scan('a.py', 'import openai\nopenai.OpenAI(dangerouslyAllowBrowser=True)\n', [browserSdk])).toEqual([]);
  });

  it('reports the option line, not the constructor line', async () => {
    const findings = await scan('src/a.ts', header + 'new OpenAI({\n  apiKey: process.env.OPENAI_API_KEY,\n  dangerouslyAllowBrowser: true,\n});\n', [browserSdk]);
    expect(findings.map((f) => f.line)).toEqual([5]);
  });
});

describe('client-sdk-in-client-module', () => {
  it('is medium alone and high with an exposed key or browser mode', async () => {
    const base = "'use client';\nimport OpenAI from 'openai';\n";
    const alone = await scan('app/a.tsx', base + 'export const c = new OpenAI();\n', [sdkInClient]);
    expect(alone.map((f) => [f.line, f.severity])).toEqual([[2, 'medium']]);
    expect(alone[0]!.message).toContain('OpenAI(...) on line 3');
    const exposed = await scan('app/a.tsx', base + 'export const c = new OpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY });\n', [sdkInClient]);
    expect(exposed.map((f) => f.severity)).toEqual(['high']);
    const browser = await scan('app/a.tsx', base + 'export const c = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, dangerouslyAllowBrowser: true });\n', [sdkInClient]);
    expect(browser.map((f) => f.severity)).toEqual(['high']);
    // A bring-your-own-key browser client does not raise it.
    const byok = await scan('app/a.tsx', base + "export const c = new OpenAI({ apiKey: localStorage.getItem('k') ?? '', dangerouslyAllowBrowser: true });\n", [sdkInClient]);
    expect(byok.map((f) => f.severity)).toEqual(['medium']);
  });

  it('needs the directive, a runtime import and a use', async () => {
    expect(await scan('app/a.ts', "import OpenAI from 'openai';\nexport const c = new OpenAI();\n", [sdkInClient])).toEqual([]);
    expect(await scan('app/a.ts', "'use client';\nimport type OpenAI from 'openai';\nexport let c: OpenAI | undefined;\n", [sdkInClient])).toEqual([]);
    expect(await scan('app/a.ts', "'use client';\nimport OpenAI from 'openai';\nexport const isApiError = (e: unknown) => e instanceof OpenAI.APIError;\n", [sdkInClient])).toEqual([]);
    expect(await scan('app/a.ts', "'use client';\nimport { useChat } from '@ai-sdk/react';\nexport const hook = () => useChat();\n", [sdkInClient])).toEqual([]);
  });

  it('reports one finding per import declaration, naming the first use', async () => {
    const source = "'use client';\nimport OpenAI, { AzureOpenAI } from 'openai';\nexport const a = new AzureOpenAI();\nexport const b = new OpenAI();\n";
    const findings = await scan('app/a.ts', source, [sdkInClient]);
    expect(findings.map((f) => f.line)).toEqual([2]);
    expect(findings[0]!.message).toContain('AzureOpenAI(...) on line 3 and 1 more');
  });

  it('follows CommonJS require of a default export', async () => {
    const findings = await scan('app/a.js', "'use client';\nconst OpenAI = require('openai');\nexport const c = new OpenAI();\n", [sdkInClient]);
    expect(findings.map((f) => f.severity)).toEqual(['medium']);
  });

  it('follows namespace imports to SDK exports', async () => {
    const findings = await scan('app/a.ts', "'use client';\nimport * as sdk from '@anthropic-ai/sdk';\nexport const c = new sdk.Anthropic();\n", [sdkInClient]);
    expect(findings.map((f) => f.line)).toEqual([2]);
    expect(findings[0]!.message).toContain('sdk.Anthropic(...) on line 3');
    expect(findings[0]!.message).toContain('@anthropic-ai/sdk');
  });
});
