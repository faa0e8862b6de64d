import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config/config.js';
import { rule as envFileRule, parseEnvEntries } from '../src/rules/secret-env-file.js';
import { rule as providerKeyRule } from '../src/rules/secret-provider-key.js';
import type { Report, Rule } from '../src/rules/types.js';
import { findSecrets } from '../src/analysis/text/secrets.js';
import { redactSecret } from '../src/report/redact.js';
import {
  clientExposedPrefix,
  isCommittedEnvFile,
  isEnvFilePath,
  isLlmSecretEnvName,
  llmProviderForEnvName,
} from '../src/knowledge/env-names.js';

interface Fired extends Report {
  ruleId: string;
}

/** Runs rules through a minimal TextContext, as the engine does for every text file. */
function run(rules: Rule[], path: string, text: string): Fired[] {
  const out: Fired[] = [];
  for (const r of rules) {
    r.checkText?.({
      kind: 'text',
      path,
      text,
      config: defaultConfig(),
      report: (report) => out.push({ ...report, ruleId: r.meta.id }),
    });
  }
  return out;
}

const RULES = [providerKeyRule, envFileRule];
const FIXTURES = 'test/fixtures/rules';

// `# ruleid: a, b`, `// ok: a`, `<!-- ruleid: a -->`: the annotation names the rules of the NEXT line.
const ANNOTATION = /^\s*(?:#|\/\/|<!--)\s*(ruleid|ok):\s*([\w-]+(?:\s*,\s*[\w-]+)*)\s*(?:-->)?\s*$/;

function annotations(text: string): { expect: Map<number, string[]>; ok: Map<number, string[]> } {
  const expectMap = new Map<number, string[]>();
  const ok = new Map<number, string[]>();
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const m = ANNOTATION.exec(line);
    if (!m) return;
    const ids = m[2]!.split(',').map((s) => s.trim());
    (m[1] === 'ruleid' ? expectMap : ok).set(i + 2, ids);
  });
  return { expect: expectMap, ok };
}

describe('fixtures (these two rules only; the lead harness runs all rules)', () => {
  const files = ['secret-provider-key', 'secret-env-file'].flatMap((dir) =>
    readdirSync(join(FIXTURES, dir)).map((f) => join(FIXTURES, dir, f)),
  );
  it('has fixtures for both rules in Python, TypeScript, Markdown and dotenv', () => {
    const names = files.map((f) => f.split('/').pop());
    expect(names).toEqual(
      expect.arrayContaining(['keys.py', 'keys.ts', 'config.md', '.env.example', '.env', '.env.production', '.env.local']),
    );
  });

  it.each(files)('%s', (file) => {
    const text = readFileSync(file, 'utf8');
    const path = file.slice(FIXTURES.length + 1);
    const { expect: expected, ok } = annotations(text);
    const fired = run(RULES, path, text);
    const byLine = new Map<number, string[]>();
    for (const f of fired) byLine.set(f.span.line, [...(byLine.get(f.span.line) ?? []), f.ruleId]);
    for (const [line, ids] of byLine) expect({ line, ids: [...ids].sort() }).toEqual({ line, ids: [...(expected.get(line) ?? [])].sort() });
    for (const [line, ids] of expected) expect({ line, fired: byLine.get(line)?.sort() }).toEqual({ line, fired: [...ids].sort() });
    for (const line of ok.keys()) expect(byLine.get(line), `ok line ${line}`).toBeUndefined();
    // Nothing ever shows a secret in full.
    for (const f of fired) {
      for (const s of findSecrets(text, path)) {
        expect(f.message).not.toContain(s.value);
        expect(f.evidence ?? '').not.toContain(s.value);
      }
    }
  });
});

describe('secret-provider-key', () => {
  const key = 'sk-ant-api03-' + 'Q7m2Kx9Lp4Vb8Nc1Zr6Tw3Hj5Fd0Gs'.repeat(3) + 'Yk9' + 'AA';

  it('reports the key span with a redacted message and evidence', () => {
    const text = `import anthropic\nclient = anthropic.Anthropic(api_key="${key}")\n`;
    const [f, ...rest] = run([providerKeyRule], 'app/llm.py', text);
    expect(rest).toHaveLength(0);
    expect(f!.span).toEqual({ line: 2, column: 39, endLine: 2, endColumn: 39 + key.length });
    expect(f!.severity).toBe('critical');
    expect(f!.message).toBe(
      `Anthropic API key committed in source (${redactSecret(key)}). ` +
        'Revoke it, then load it from an environment variable or secret manager.',
    );
    expect(f!.message).not.toContain(key);
    expect(f!.evidence).toBe(redactSecret(key));
    expect(f!.evidence).not.toContain(key.slice(13, 40));
  });

  it('says where the key was committed and lowers docs', () => {
    const [md] = run([providerKeyRule], 'docs/setup.md', `key: ${key}\n`);
    expect(md!.message).toContain('committed in documentation');
    expect(md!.severity).toBe('high');
    const [env] = run([providerKeyRule], '.env', `ANTHROPIC_API_KEY=${key}\n`);
    expect(env!.message).toContain('committed in a .env file');
    expect(env!.severity).toBe('critical');
  });

  it('has the catalog metadata', () => {
    expect(providerKeyRule.meta).toMatchObject({ id: 'secret-provider-key', family: 'secret', cwe: ['CWE-798'] });
    expect(providerKeyRule.meta.owasp).toEqual(['LLM02:2025', 'LLM10:2025']);
    expect(providerKeyRule.meta.help).toMatch(/promptgate-ignore secret-provider-key: /);
  });
});

describe('secret-env-file', () => {
  const value = 'Zq8Lw3Rt6Yp1Xc5Vb9Nm2Kd7Hf4Gs0Ja';

  it('reports NAME=value entries in committed .env files only', () => {
    const text = `# comment\nMISC=1\nTOGETHER_API_KEY=${value}\n`;
    const [f, ...rest] = run([envFileRule], 'services/api/.env.staging', text);
    expect(rest).toHaveLength(0);
    expect(f!.span).toEqual({ line: 3, column: 1, endLine: 3, endColumn: 18 + value.length });
    expect(f!.severity).toBe('high');
    expect(f!.message).toMatch(/^Committed \.env file sets TOGETHER_API_KEY \(.+….+\)\. Rotate the key/);
    expect(f!.message).toContain(redactSecret(value));
    expect(f!.message).not.toContain(value);
    expect(f!.evidence).toBe(`TOGETHER_API_KEY=${redactSecret(value)}`);
    for (const p of ['.env.example', 'x/.env.sample', '.env.local.template', '.env.dist', '.env.defaults', 'env.txt', 'settings.py']) {
      expect(run([envFileRule], p, text), p).toEqual([]);
    }
  });

  it('is critical when the value is a recognized provider key', () => {
    const key = 'gsk_' + 'Pw4Qz8Rx2Sy6Tv0Uw3Vx7Wy1Xz5Ya9Bb' + 'Cc4Dd8Ee2Ff6Gg0Hh3Ik';
    expect(key).toHaveLength(56);
    const fired = run(RULES, '.env', `GROQ_API_KEY="${key}"\n`);
    expect(fired.map((f) => [f.ruleId, f.severity]).sort()).toEqual([
      ['secret-env-file', 'critical'],
      ['secret-provider-key', 'critical'],
    ]);
  });

  it('skips empty, placeholder and reference values', () => {
    const text = [
      'OPENAI_API_KEY=',
      'OPENAI_API_KEY=""',
      'ANTHROPIC_API_KEY=changeme',
      'ANTHROPIC_API_KEY=${ANTHROPIC_API_KEY}',
      'GEMINI_API_KEY=$GEMINI_KEY',
      'HF_TOKEN="{{ hf_token }}"',
      'MISTRAL_API_KEY=<your-mistral-key>',
      'GROQ_API_KEY=gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'COHERE_API_KEY=   # set me',
      'OPENAI_API_KEY=sk-...',
      'GOOGLE_API_KEY=AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs',
      `GOOGLE_MAPS_API_KEY=${value}`,
      `OPENAI_BASE_URL=${value}`,
    ].join('\n');
    expect(run([envFileRule], '.env', text)).toEqual([]);
  });

  it('parses dotenv syntax: export, quotes, comments, colons', () => {
    const entries = parseEnvEntries(
      [`export A_KEY='v 1' # c`, `B_KEY = "v#2"`, 'C_KEY=v3 # trailing', 'D_KEY: v4', '# E_KEY=v5', 'F_KEY=#empty'].join('\n'),
    );
    expect(entries.map((e) => [e.name, e.value, e.line])).toEqual([
      ['A_KEY', 'v 1', 1],
      ['B_KEY', 'v#2', 2],
      ['C_KEY', 'v3', 3],
      ['D_KEY', 'v4', 4],
      ['F_KEY', '', 6],
    ]);
    expect(entries[0]).toMatchObject({ column: 8, valueColumn: 15, valueEndColumn: 18 });
  });
});

describe('env-name vocabulary', () => {
  it('isLlmSecretEnvName', () => {
    for (const n of ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN', 'OPENAI_API_KEY', 'OPENAI_ADMIN_KEY', 'AZURE_OPENAI_API_KEY',
      'GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY', 'GROQ_API_KEY', 'MISTRAL_API_KEY', 'CO_API_KEY',
      'COHERE_API_KEY', 'HF_TOKEN', 'HUGGINGFACEHUB_API_TOKEN', 'REPLICATE_API_TOKEN', 'XAI_API_KEY', 'DEEPSEEK_API_KEY',
      'OPENROUTER_API_KEY', 'PERPLEXITY_API_KEY', 'TOGETHER_API_KEY', 'FIREWORKS_API_KEY', 'NEXT_PUBLIC_OPENAI_API_KEY',
      'VITE_ANTHROPIC_API_KEY', 'OPENAI_SECRET']) {
      expect(isLlmSecretEnvName(n), n).toBe(true);
    }
    for (const n of ['OPENAI_BASE_URL', 'ANTHROPIC_MODEL', 'GOOGLE_MAPS_API_KEY', 'GOOGLE_CLIENT_SECRET', 'HFX_KEY',
      'STRIPE_SECRET_KEY', 'NEXT_PUBLIC_AI_ENDPOINT', 'openai_api_key', '', 'OPENAI_' + 'A'.repeat(200) + '_KEY']) {
      expect(isLlmSecretEnvName(n), n).toBe(false);
    }
    expect(llmProviderForEnvName('AZURE_OPENAI_API_KEY')).toBe('Azure OpenAI');
    expect(llmProviderForEnvName('GOOGLE_GENAI_API_KEY')).toBe('Google Gemini');
    expect(llmProviderForEnvName('NEXT_PUBLIC_CLAUDE_KEY')).toBe('Anthropic');
    expect(llmProviderForEnvName('PATH')).toBeUndefined();
  });

  it('clientExposedPrefix', () => {
    expect(clientExposedPrefix('NEXT_PUBLIC_OPENAI_API_KEY')).toBe('NEXT_PUBLIC_');
    expect(clientExposedPrefix('NUXT_PUBLIC_OPENAI_API_KEY')).toBe('NUXT_PUBLIC_');
    expect(clientExposedPrefix('PUBLIC_GEMINI_KEY')).toBe('PUBLIC_');
    expect(clientExposedPrefix('VITE_GROQ_KEY')).toBe('VITE_');
    expect(clientExposedPrefix('EXPO_PUBLIC_X')).toBe('EXPO_PUBLIC_');
    expect(clientExposedPrefix('REACT_APP_X')).toBe('REACT_APP_');
    expect(clientExposedPrefix('GATSBY_X')).toBe('GATSBY_');
    expect(clientExposedPrefix('OPENAI_API_KEY')).toBeUndefined();
    expect(clientExposedPrefix('MY_NEXT_PUBLIC_X')).toBeUndefined();
  });

  it('env file paths', () => {
    expect(isEnvFilePath('.env')).toBe(true);
    expect(isEnvFilePath('apps/web/.env.local')).toBe(true);
    expect(isEnvFilePath('apps\\web\\.env.production')).toBe(true);
    expect(isEnvFilePath('.envrc')).toBe(false);
    expect(isEnvFilePath('src/env.ts')).toBe(false);
    expect(isCommittedEnvFile('.env.production')).toBe(true);
    expect(isCommittedEnvFile('.env.example')).toBe(false);
    expect(isCommittedEnvFile('.env.local.sample')).toBe(false);
    expect(isCommittedEnvFile('.env.Template')).toBe(false);
  });
});
