// model-retired: the dated model table (date logic, partner ids, table consistency) and rule behaviour
// beyond the fixtures (config files, Azure, test-data folders, suppression, determinism).
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config/config.js';
import { scanSources } from '../src/core/scan.js';
import {
  MODEL_ROWS,
  MODELS_AS_OF,
  MODELS_AT_RISK,
  RETIREMENT_WARNING_DAYS,
  canonicalModelId,
  describeModel,
  lookupModel,
} from '../src/knowledge/models.js';
import { isModelKey, rule } from '../src/rules/model-retired.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function scan(path: string, text: string) {
  return scanSources({ files: [{ path, text }], config: defaultConfig(), rules: [rule] });
}

describe('model table', () => {
  it('is dated, and every row has a valid shape, dates in order and an https source', () => {
    expect(MODELS_AS_OF).toMatch(DATE);
    expect(MODEL_ROWS.length).toBeGreaterThan(40);
    for (const row of MODEL_ROWS) {
      expect(Boolean(row.id) !== Boolean(row.pattern), `${row.id ?? row.pattern}: exactly one of id/pattern`).toBe(true);
      expect(row.source).toMatch(/^https:\/\//);
      if (row.retires) expect(row.retires).toMatch(DATE);
      if (row.deprecated) expect(row.deprecated).toMatch(DATE);
      if (row.deprecated && row.retires) expect(row.deprecated < row.retires, `${row.id}: deprecated before retired`).toBe(true);
      if (!row.retires) expect(row.status).toBe('retired');
      if (row.basis !== 'vendor') expect(row.note ?? row.via, `${row.id ?? row.pattern}: a non-vendor row says where it comes from`).toBeTruthy();
    }
  });

  it('states each row status as it is on the table date', () => {
    for (const row of MODEL_ROWS) {
      if (!row.id) continue;
      expect(lookupModel(row.id)?.status, row.id).toBe(row.status);
    }
  });

  it('has no duplicate exact ids', () => {
    const ids = MODEL_ROWS.flatMap((row) => (row.id ? [row.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('matches the pattern rows on their families only', () => {
    expect(lookupModel('claude-2')?.status).toBe('retired');
    expect(lookupModel('claude-instant-v1')?.status).toBe('retired');
    expect(lookupModel('claude-v1-100k')?.status).toBe('retired');
    expect(lookupModel('gpt-5-mini-2025-08-07')?.status).toBe('deprecated');
    expect(lookupModel('gemini-1.5-pro-002')?.status).toBe('retired');
    expect(lookupModel('gemini-pro')?.status).toBe('retired');
    for (const current of ['claude-opus-4-6', 'claude-sonnet-4-6', 'gpt-5.1', 'gemini-3-pro', 'claude-2-mini', 'gpt-4.1-turbo-x', 'gemini-2.0-flash'])
      expect(lookupModel(current), current).toBeUndefined();
  });

  it('does not report the at-risk models whose retirement is not confirmed', () => {
    for (const id of MODELS_AT_RISK) expect(lookupModel(id), id).toBeUndefined();
  });
});

describe('lookupModel date logic', () => {
  it('defaults to the table date, not the wall clock', () => {
    expect(lookupModel('gpt-4o')).toEqual(lookupModel('gpt-4o', MODELS_AS_OF));
    expect(lookupModel('gpt-4o')?.today).toBe(MODELS_AS_OF);
  });

  it('reports a deprecated model low, raised to medium within 30 days of retirement, then retired', () => {
    expect(RETIREMENT_WARNING_DAYS).toBe(30);
    const farAway = lookupModel('gpt-4o', '2026-12-14'); // retires 2027-01-14: 31 days
    expect(farAway).toMatchObject({ status: 'deprecated', severity: 'low', daysLeft: 31 });
    expect(lookupModel('gpt-4o', '2026-12-15')).toMatchObject({ status: 'deprecated', severity: 'medium', daysLeft: 30 });
    expect(lookupModel('gpt-4o', '2027-01-13')).toMatchObject({ status: 'deprecated', severity: 'medium', daysLeft: 1 });
    expect(lookupModel('gpt-4o', '2027-01-14')).toMatchObject({ status: 'retired', severity: 'medium', daysLeft: undefined });
    expect(lookupModel('gpt-5', MODELS_AS_OF)).toMatchObject({ status: 'deprecated', severity: 'medium', daysLeft: 13 });
  });

  it('counts a deprecated row as retired once its date has passed, and ignores it before the announcement', () => {
    expect(lookupModel('claude-3-haiku-20240307', '2026-03-01')).toMatchObject({ status: 'deprecated', severity: 'low' });
    expect(lookupModel('claude-3-haiku-20240307', '2026-04-01')).toMatchObject({ status: 'deprecated', severity: 'medium' });
    expect(lookupModel('claude-3-haiku-20240307', '2026-04-20')).toMatchObject({ status: 'retired', severity: 'medium' });
    expect(lookupModel('claude-3-haiku-20240307', '2026-01-01')).toBeUndefined();
  });

  it('treats the -latest aliases of retired families as retired', () => {
    for (const alias of ['claude-3-5-sonnet-latest', 'claude-3-7-sonnet-latest', 'claude-3-5-haiku-latest', 'claude-3-opus-latest'])
      expect(lookupModel(alias), alias).toMatchObject({ status: 'retired', severity: 'medium' });
  });

  it('rejects a malformed date with a clear error', () => {
    expect(() => lookupModel('gpt-4o', '28/11/2026')).toThrow(/YYYY-MM-DD/);
    expect(() => lookupModel('gpt-4o', '2026-13-45')).toThrow(/YYYY-MM-DD/);
  });

  it('ignores empty and absurdly long ids', () => {
    expect(lookupModel('')).toBeUndefined();
    expect(lookupModel('claude-2.1'.repeat(50))).toBeUndefined();
  });
});

describe('partner platforms and routing prefixes', () => {
  it('maps Bedrock ids (with region prefixes and legacy names) to the first-party id, reported low', () => {
    expect(canonicalModelId('anthropic.claude-3-haiku-20240307-v1:0').canonical).toBe('claude-3-haiku-20240307');
    expect(canonicalModelId('us.anthropic.claude-3-haiku-20240307-v1:0').canonical).toBe('claude-3-haiku-20240307');
    expect(canonicalModelId('eu.anthropic.claude-3-5-sonnet-20241022-v2:0').canonical).toBe('claude-3-5-sonnet-20241022');
    expect(canonicalModelId('anthropic.claude-v2:1').canonical).toBe('claude-2.1');
    const verdict = lookupModel('global.anthropic.claude-3-opus-20240229-v1:0');
    expect(verdict).toMatchObject({ status: 'retired', severity: 'low', canonical: 'claude-3-opus-20240229' });
    expect(verdict?.partner?.id).toBe('bedrock');
    expect(describeModel(verdict!)).toContain('Amazon Bedrock');
  });

  it('maps Vertex ids to the first-party id, reported low', () => {
    expect(canonicalModelId('claude-3-5-sonnet-v2@20241022').canonical).toBe('claude-3-5-sonnet-20241022');
    const verdict = lookupModel('claude-3-haiku@20240307');
    expect(verdict).toMatchObject({ severity: 'low', canonical: 'claude-3-haiku-20240307' });
    expect(verdict?.partner?.id).toBe('vertex');
  });

  it('strips gateway prefixes and keeps Azure deployments low', () => {
    expect(lookupModel('anthropic/claude-3-opus-20240229')).toMatchObject({ severity: 'medium', canonical: 'claude-3-opus-20240229' });
    expect(lookupModel('models/gemini-2.5-pro')).toMatchObject({ status: 'retired', canonical: 'gemini-2.5-pro' });
    expect(lookupModel('openrouter/openai/gpt-4')).toMatchObject({ canonical: 'gpt-4' });
    expect(lookupModel('azure/gpt-4')).toMatchObject({ severity: 'low' });
    expect(lookupModel('azure/gpt-4')?.partner?.id).toBe('azure');
    expect(lookupModel('bedrock/anthropic.claude-3-haiku-20240307-v1:0')?.partner?.id).toBe('bedrock');
  });
});

describe('describeModel', () => {
  it('names the date, the vendor, the replacement, the basis and the table date', () => {
    expect(describeModel(lookupModel('claude-3-5-sonnet-20241022')!)).toBe(
      "claude-3-5-sonnet-20241022 was retired on 2025-10-28 (Anthropic); use claude-opus-4-6 (per the vendor's deprecation page, table as of 2026-11-28)",
    );
    const deprecated = describeModel(lookupModel('gpt-4o')!);
    expect(deprecated).toContain('is deprecated and shuts down on 2027-01-14');
    expect(deprecated).toContain('verify');
    expect(describeModel(lookupModel('gemini-1.5-flash')!)).toContain('exact date not in the table');
  });
});

describe('model-retired on config files', () => {
  it('reads .env, YAML, JSON and TOML model settings and skips comments and other keys', async () => {
    const env = await scan('.env.production', '# ANTHROPIC_MODEL=claude-2.1\nexport ANTHROPIC_MODEL=claude-2.1\nANTHROPIC_BASE_URL=claude-2.1\n');
    expect(env.findings.map((f) => [f.line, f.column])).toEqual([[2, 24]]);
    const yaml = await scan('deploy/docker-compose.yml', 'services:\n  api:\n    environment:\n      - LLM_MODEL=gpt-4\n      MODEL_NAME: "gpt-4-turbo"\n');
    expect(yaml.findings.map((f) => f.line)).toEqual([4, 5]);
    const json = await scan('config/llm.json', '{"llm": {"modelName": "o1-pro", "label": "o1-pro"}}');
    expect(json.findings.map((f) => [f.line, f.column, f.evidence])).toEqual([[1, 24, 'o1-pro']]);
    const toml = await scan('settings.toml', '[llm]\ndefault_model = "claude-3-opus-latest"\n');
    expect(toml.findings.map((f) => f.line)).toEqual([2]);
  });

  it('leaves recorded responses and test data alone, and ignores other file types', async () => {
    const body = '{"model": "claude-3-opus-20240229", "content": []}';
    expect((await scan('tests/cassettes/chat.json', body)).findings).toEqual([]);
    expect((await scan('src/__snapshots__/chat.json', body)).findings).toEqual([]);
    expect((await scan('docs/models.md', 'model: claude-3-opus-20240229')).findings).toEqual([]);
    expect((await scan('config/chat.json', body)).findings).toHaveLength(1);
  });

  it('survives malformed config text', async () => {
    const result = await scan('broken.yaml', 'model: "\nmodel: [claude-2.1\n\u0000\u0001: :\n"model": "claude-2.1\n');
    expect(result.errors).toEqual([]);
  });
});

describe('model-retired on code', () => {
  it('reports Azure OpenAI deployments low with the Azure note', async () => {
    const source = [
      'from openai import AzureOpenAI',
      'client = AzureOpenAI()',
      'reply = client.chat.completions.create(model="gpt-4", max_completion_tokens=100, messages=[])',
      '',
    ].join('\n');
    const result = await scan('app.py', source);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ severity: 'low', line: 3 });
    expect(result.findings[0]!.message).toContain('Azure');
  });

  it('covers google-genai calls and LiteLLM routed ids', async () => {
    const genai = 'from google import genai\nclient = genai.Client()\nr = client.models.generate_content(model="gemini-2.5-flash", contents="hi")\n';
    const found = await scan('g.py', genai);
    expect(found.findings.map((f) => [f.line, f.evidence])).toEqual([[3, 'gemini-2.5-flash']]);
    const litellm = 'import litellm\nr = litellm.completion(model="anthropic/claude-3-opus-20240229", max_tokens=10, messages=[])\n';
    const routed = await scan('l.py', litellm);
    expect(routed.findings).toHaveLength(1);
    expect(routed.findings[0]!.message).toContain('(claude-3-opus-20240229) was retired on 2026-01-05');
  });

  it('honours inline suppressions with a reason', async () => {
    const source = [
      'import anthropic',
      'client = anthropic.Anthropic()',
      '# promptgate-ignore model-retired: replay test pinned to the old model',
      'reply = client.messages.create(model="claude-2.1", max_tokens=100, messages=[])',
      '',
    ].join('\n');
    const result = await scan('app.py', source);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => f.ruleId)).toEqual(['model-retired']);
  });

  it('does not bind a model id passed to a function that only looks like an SDK', async () => {
    const source = [
      'class Client:',
      '    def create(self, **kw): return kw',
      'client = Client()',
      'client.messages = client',
      'client.messages.create(model="claude-2.1", max_tokens=10)',
      '',
    ].join('\n');
    expect((await scan('fake.py', source)).findings).toEqual([]);
  });

  it('is deterministic: the same input gives the same findings', async () => {
    const source = "import Anthropic from '@anthropic-ai/sdk';\nconst c = new Anthropic();\nawait c.messages.create({ model: 'claude-3-opus-20240229', max_tokens: 10, messages: [] });\n";
    const first = await scan('a.ts', source);
    const second = await scan('a.ts', source);
    expect(first.findings).toHaveLength(1);
    expect(second).toEqual(first);
  });
});

describe('isModelKey', () => {
  it('accepts model setting names and rejects others', () => {
    for (const key of ['model', 'MODEL', 'model_name', 'modelId', 'ANTHROPIC_MODEL', 'OPENAI_MODEL_NAME', 'defaultModel', 'summary_model'])
      expect(isModelKey(key), key).toBe(true);
    for (const key of ['models_dir', 'description', 'ANTHROPIC_API_KEY', 'modelling_notes', 'label']) expect(isModelKey(key), key).toBe(false);
  });
});
