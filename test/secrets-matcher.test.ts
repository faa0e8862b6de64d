import { describe, expect, it } from 'vitest';
import {
  findSecrets,
  isPlaceholderValue,
  shannonEntropy,
  type SecretMatch,
} from '../src/analysis/text/secrets.js';
import { SECRET_PATTERNS } from '../src/knowledge/secrets.js';

// Deterministic fake keys (xorshift32): random-looking, never real, never written into this file.
function keyMaker(seed: number) {
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  return (alphabet: string, n: number): string => {
    for (;;) {
      let out = '';
      for (let i = 0; i < n; i++) out += alphabet[next() % alphabet.length];
      // Keep clear of the stopword filter and of word-boundary edge characters.
      if (!/example|xxxxxx|aaaaaa|abcde|00000|sample|your|replace|changeme|dummy|fake|placeholder|redacted|test|abc123|123456|qwerty|insert|todo/i.test(out) && !/^[-_]|[-_]$/.test(out)) return out;
    }
  };
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const EXT = ALNUM + '_-';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const make = keyMaker(20260515);
const keys = {
  anthropic: 'sk-ant-api03-' + make(EXT, 93) + 'AA',
  anthropicAdmin: 'sk-ant-admin01-' + make(EXT, 93) + 'AA',
  anthropicOauth: 'sk-ant-oat01-' + make(EXT, 95),
  openaiProj: 'sk-proj-' + make(EXT, 74) + 'T3BlbkFJ' + make(EXT, 74),
  openaiSvc: 'sk-svcacct-' + make(EXT, 58) + 'T3BlbkFJ' + make(EXT, 58),
  openaiLegacy: 'sk-' + make(ALNUM, 20) + 'T3BlbkFJ' + make(ALNUM, 20),
  openaiAdmin: 'sk-admin-' + make(EXT, 58) + 'T3BlbkFJ' + make(EXT, 58),
  groq: 'gsk_' + make(ALNUM, 52),
  xai: 'xai-' + make(ALNUM, 80),
  replicate: 'r8_' + make(ALNUM, 37),
  openrouter: 'sk-or-v1-' + make(HEX, 64),
  perplexity: 'pplx-' + make(ALNUM, 48),
  hf: 'hf_' + make(LETTERS, 34),
  hfOrg: 'api_org_' + make(LETTERS, 34),
  google: 'AIza' + make(ALNUM + '_-', 35),
  mistral: make(ALNUM, 32),
  cohere: make(ALNUM, 40),
  deepseek: 'sk-' + make('abcdefghijklmnopqrstuvwxyz0123456789', 32),
  loose: 'sk-' + make(ALNUM, 40),
};

const one = (text: string, path = 'app.py'): SecretMatch => {
  const found = findSecrets(text, path);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('findSecrets: strict patterns', () => {
  const cases: [keyof typeof keys, string, string][] = [
    ['anthropic', 'anthropic-api-key', 'critical'],
    ['anthropicAdmin', 'anthropic-admin-key', 'critical'],
    ['anthropicOauth', 'anthropic-oauth-token', 'critical'],
    ['openaiProj', 'openai-api-key', 'critical'],
    ['openaiSvc', 'openai-api-key', 'critical'],
    ['openaiLegacy', 'openai-api-key', 'critical'],
    ['openaiAdmin', 'openai-admin-key', 'critical'],
    ['groq', 'groq-api-key', 'critical'],
    ['xai', 'xai-api-key', 'critical'],
    ['replicate', 'replicate-api-token', 'critical'],
    ['openrouter', 'openrouter-api-key', 'critical'],
    ['perplexity', 'perplexity-api-key', 'critical'],
    ['hf', 'huggingface-access-token', 'high'],
    ['hfOrg', 'huggingface-org-token', 'high'],
    ['google', 'google-api-key', 'medium'],
  ];
  it.each(cases)('%s -> %s (%s)', (name, patternId, severity) => {
    const value = keys[name];
    const m = one(`client = make_client("${value}")\n`);
    expect(m.patternId).toBe(patternId);
    expect(m.tier).toBe('strict');
    expect(m.severity).toBe(severity);
    expect(m.value).toBe(value);
  });

  it('reports exact 1-based positions with an exclusive end column', () => {
    const value = keys.anthropic;
    const text = `import os\n\n    KEY = '${value}'\n`;
    const m = one(text);
    expect(m).toMatchObject({ line: 3, column: 12, endLine: 3, endColumn: 12 + value.length });
    expect(text.slice(m.start, m.end)).toBe(value);
  });

  it('counts lines after CRLF and lone CR, and columns in UTF-16 units', () => {
    const value = keys.groq;
    const text = `a\r\nb\rc\n// 😀 é "${value}"`;
    const m = one(text, 'x.ts');
    expect(m.line).toBe(4);
    // "// 😀 é \"" is 9 UTF-16 units (the emoji is two).
    expect(m.column).toBe(10);
    expect(m.endColumn).toBe(10 + value.length);
  });

  it('finds keys inside JSON-escaped notebook sources', () => {
    const text = `{"cells": [{"source": ["client = Anthropic(api_key=\\"${keys.anthropic}\\")\\n"]}]}`;
    expect(one(text, 'notebooks/demo.ipynb').value).toBe(keys.anthropic);
  });

  it('finds several keys in one file, in order', () => {
    const text = `A="${keys.openaiProj}"\nB="${keys.anthropic}"\n`;
    const found = findSecrets(text, 'config.yaml');
    expect(found.map((f) => [f.patternId, f.line])).toEqual([
      ['openai-api-key', 1],
      ['anthropic-api-key', 2],
    ]);
  });

  it('raises a Google key to high with Gemini context in the file', () => {
    const text = `import google.generativeai as genai\ngenai.configure(api_key="${keys.google}")\n`;
    expect(one(text).severity).toBe('high');
    expect(one(`MAPS = "${keys.google}"`).severity).toBe('medium');
  });

  it('lowers one step in docs, never in .env files', () => {
    const line = `ANTHROPIC_API_KEY=${keys.anthropic}\n`;
    expect(one(line, 'README.md').severity).toBe('high');
    expect(one(line, 'docs/setup.txt').severity).toBe('high');
    expect(one(`key: "${keys.google}"`, 'guide.mdx').severity).toBe('low');
    expect(one(line, 'docs/.env').severity).toBe('critical');
    expect(one(line, '.env.example').severity).toBe('critical');
  });

  it('skips lockfiles and installed dependencies, but not bundles', () => {
    const text = `"${keys.anthropic}"`;
    expect(findSecrets(text, 'package-lock.json')).toEqual([]);
    expect(findSecrets(text, 'node_modules/x/index.js')).toEqual([]);
    expect(findSecrets(text, '.venv/lib/python3.12/site-packages/x.py')).toEqual([]);
    expect(findSecrets(text, 'dist/app.min.js')).toHaveLength(1);
  });
});

describe('findSecrets: keyword tier', () => {
  it('needs the provider word shortly before the value on the same line', () => {
    expect(one(`MISTRAL_API_KEY="${keys.mistral}"`).patternId).toBe('mistral-api-key');
    expect(one(`co = cohere.Client("${keys.cohere}")`).patternId).toBe('cohere-api-key');
    expect(one(`deepseek_key = "${keys.deepseek}"`).patternId).toBe('deepseek-api-key');
    expect(one(`MISTRAL_API_KEY="${keys.mistral}"`).severity).toBe('high');
    // Same values without the keyword (the file still mentions the provider elsewhere).
    expect(findSecrets(`# mistral client\nmodel_hash = "${keys.mistral}"`, 'a.py')).toEqual([]);
    expect(findSecrets(`provider = "mistral"; pad = "${' '.repeat(40)}${keys.mistral}"`, 'a.py')).toEqual([]);
  });

  it('keeps 32-hex hashes out by entropy', () => {
    const md5 = keyMaker(7)(HEX, 32);
    expect(findSecrets(`mistral_weights_md5 = "${md5}"`, 'a.py')).toEqual([]);
  });

  it('accepts a loose sk- key only at a key sink', () => {
    const m = one(`client = SomeLLM(api_key="${keys.loose}")`);
    expect(m).toMatchObject({ patternId: 'llm-api-key-loose', tier: 'keyword', severity: 'high' });
    expect(one(`headers = {"Authorization": "Bearer ${keys.loose}"}`).patternId).toBe('llm-api-key-loose');
    expect(findSecrets(`css_class = "${keys.loose}"`, 'a.py')).toEqual([]);
  });

  it('never reports a rejected strict candidate again as a loose one', () => {
    // Anthropic shape with one repeated character: rejected; the loose sk- branch must not pick it up.
    const fake = 'sk-ant-api03-' + 'x'.repeat(93) + 'AA';
    expect(findSecrets(`api_key = "${fake}"`, 'a.py')).toEqual([]);
  });

  it('prefers the provider-specific pattern over the loose one', () => {
    const m = one(`DEEPSEEK_API_KEY = "${keys.deepseek}"`);
    expect(m.patternId).toBe('deepseek-api-key');
  });
});

describe('findSecrets: false-positive traps', () => {
  const traps: [string, string][] = [
    ['repeated characters', `key = "sk-ant-api03-${'x'.repeat(93)}AA"`],
    ['placeholder ellipsis', 'key = "sk-ant-api03-xxxx…"'],
    ['sk-...', 'OPENAI_API_KEY = "sk-..."'],
    ['angle placeholder', 'api_key = "<your-key>"'],
    ['YOUR_API_KEY', 'api_key = "YOUR_API_KEY"'],
    ['wrong suffix BB', `k = "sk-ant-api03-${keys.anthropic.slice(13, 106)}BB"`],
    ['too short', `k = "sk-ant-api03-${keys.anthropic.slice(13, 60)}AA"`],
    ['too long', `k = "${keys.anthropic}Q"`],
    ['unknown key generation', `k = "sk-ant-api09-${keys.anthropic.slice(13)}"`],
    ['gitleaks sample key', 'k = "sk-ant-api03-abc123xyz-456def789ghij-klmnopqrstuvwx-3456yza789bcde-1234fghijklmnopby56aaaogaopaaaabc123xyzAA"'],
    ['firebase sample key', 'apiKey: "AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs"'],
    ['low-entropy AIza', `apiKey: "AIza${'a'.repeat(35)}"`],
    ['stopword example', `api_key = "sk-${'example'}${keys.loose.slice(3, 30)}"`],
    ['stopword dummy', `hf_token = "hf_dummy${keys.hf.slice(8)}"`],
    ['embedded in a longer token', `x = "prefix${keys.groq}"`],
    ['upper-cased AIza key', `k = "${keys.google.toUpperCase()}"`],
  ];
  it.each(traps)('%s', (_name, text) => {
    expect(findSecrets(text, 'app.py')).toEqual([]);
  });

  it('runs no regex when no keyword occurs', () => {
    expect(findSecrets('plain text without any provider marker\n'.repeat(1000), 'notes.txt')).toEqual([]);
  });
});

describe('placeholder and entropy helpers', () => {
  it('isPlaceholderValue', () => {
    for (const v of ['', 'changeme', '${OPENAI_API_KEY}', '${{ secrets.OPENAI_API_KEY }}', '{{ openai_key }}',
      '%OPENAI_KEY%', '@OPENAI_KEY@', '$OPENAI_KEY', 'sk-...', '<your-key>', 'your-openai-key-here',
      'REPLACE_ME_WITH_A_KEY', 'op://dev/openai/credential', 'xxxxxxxxxxxxxxxxxxxx', 'short-key']) {
      expect(isPlaceholderValue(v), v).toBe(true);
    }
    expect(isPlaceholderValue(keys.mistral)).toBe(false);
    expect(isPlaceholderValue(keys.anthropic)).toBe(false);
  });

  it('shannonEntropy', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy(keys.cohere)).toBeGreaterThan(4);
  });

  it('every table regex compiles and quotes its source', () => {
    for (const p of SECRET_PATTERNS) {
      expect(() => new RegExp(p.regex, 'g'), p.id).not.toThrow();
      expect(p.source.length, p.id).toBeGreaterThan(0);
      expect(p.keywords.every((k) => k === k.toLowerCase()), p.id).toBe(true);
      if (p.tier === 'keyword') expect(p.anchors?.length, p.id).toBeGreaterThan(0);
    }
  });
});
