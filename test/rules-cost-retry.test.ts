// cost-retry-timeout beyond the fixtures: the configurable threshold, the spellings of "infinite", import
// binding of retry decorators, JS vs Python timeout semantics, and the retry-loop exits.
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ResolvedConfig } from '../src/config/config.js';
import { scanSources } from '../src/core/scan.js';
import { rule } from '../src/rules/cost-retry-timeout.js';
import { scanFile } from './helpers/scan.js';

async function lines(path: string, source: string, config: ResolvedConfig = defaultConfig()): Promise<number[]> {
  return (await scanFile(path, source, [rule], config)).map((f) => f.line);
}

const py = (...body: string[]) => ['import anthropic', 'import math, sys', ...body, ''].join('\n');

describe('retry counts', () => {
  it('reports counts above the configured threshold only', async () => {
    const source = py('a = anthropic.Anthropic(max_retries=5)', 'b = anthropic.Anthropic(max_retries=6)', 'c = anthropic.Anthropic(max_retries=12)');
    expect(await lines('c.py', source)).toEqual([4, 5]);
    const config = defaultConfig();
    config.thresholds.maxRetries = 10;
    expect(await lines('c.py', source, config)).toEqual([5]);
  });

  it('knows the spellings of infinity and follows local constants', async () => {
    const source = py(
      'RETRIES = math.inf',
      'a = anthropic.Anthropic(max_retries=RETRIES)',
      'b = anthropic.Anthropic(max_retries=sys.maxsize)',
      "c = anthropic.Anthropic(max_retries=float('Infinity'))",
      "d = anthropic.Anthropic(max_retries=float('nan'))",
    );
    expect(await lines('c.py', source)).toEqual([4, 5, 6]);
  });

  it('does not report values it cannot know', async () => {
    const source = py('import os', 'a = anthropic.Anthropic(max_retries=int(os.environ["RETRIES"]))', 'b = anthropic.Anthropic(**settings)');
    expect(await lines('c.py', source)).toEqual([]);
  });

  it('reports the count, not the client, and only once per option', async () => {
    const result = await scanSources({
      files: [{ path: 'c.ts', text: "import OpenAI from 'openai';\nexport const c = new OpenAI({ maxRetries: 9 });\n" }],
      config: defaultConfig(),
      rules: [rule],
    });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ line: 2, severity: 'low', ruleId: 'cost-retry-timeout' });
    expect(result.findings[0]!.message).toContain('maxRetries of OpenAI(…) is 9');
  });
});

describe('timeouts', () => {
  it('treats Python None as "no timeout" but JS null as the SDK default', async () => {
    expect(await lines('t.py', py('c = anthropic.Anthropic(timeout=None)'))).toEqual([3]);
    expect(await lines('t.ts', "import Anthropic from '@anthropic-ai/sdk';\nexport const c = new Anthropic({ timeout: null });\n")).toEqual([]);
  });

  it('reports an httpx.Timeout with any None part, bound through the httpx import', async () => {
    const source = [
      'import httpx',
      'from httpx import Timeout',
      'from openai import OpenAI',
      'a = OpenAI(timeout=httpx.Timeout(60.0, read=None))',
      'b = OpenAI(timeout=Timeout(timeout=None))',
      'c = OpenAI(timeout=httpx.Timeout(60.0, connect=5.0))',
      '',
    ].join('\n');
    expect(await lines('t.py', source)).toEqual([4, 5]);
  });

  it('reports a chat model with timeout=None', async () => {
    const source = 'from langchain_anthropic import ChatAnthropic\nllm = ChatAnthropic(model="claude-opus-4-6", max_tokens=100, timeout=None)\n';
    expect(await lines('t.py', source)).toEqual([2]);
  });
});

describe('retry decorators', () => {
  const call = '    return client.messages.create(model="claude-opus-4-6", max_tokens=10, messages=[])';

  it('binds tenacity through a module import and skips **kwargs that may hold stop=', async () => {
    const source = [
      'import anthropic, tenacity',
      'client = anthropic.Anthropic()',
      'KW = {"stop": tenacity.stop_after_attempt(3)}',
      '@tenacity.retry(wait=tenacity.wait_fixed(2))',
      'def a():',
      call,
      '@tenacity.retry(**KW)',
      'def b():',
      call,
      '@tenacity.retry(stop=None)',
      'def c():',
      call,
      '',
    ].join('\n');
    expect(await lines('d.py', source)).toEqual([4, 10]);
  });

  it('ignores a local decorator that happens to be called retry', async () => {
    const source = ['import anthropic', 'client = anthropic.Anthropic()', 'def retry(fn):', '    return fn', '@retry', 'def a():', call, ''].join('\n');
    expect(await lines('d.py', source)).toEqual([]);
  });

  it('knows the retrying library and its stop arguments', async () => {
    const source = [
      'import anthropic',
      'from retrying import retry',
      'client = anthropic.Anthropic()',
      '@retry(wait_fixed=2000)',
      'def a():',
      call,
      '@retry(stop_max_attempt_number=3)',
      'def b():',
      call,
      '',
    ].join('\n');
    expect(await lines('d.py', source)).toEqual([4]);
  });

  it('reports p-retry around a named function that calls the model', async () => {
    const source = [
      "import Anthropic from '@anthropic-ai/sdk';",
      "import pRetry from 'p-retry';",
      'const client = new Anthropic();',
      'async function ask() {',
      "  return client.messages.create({ model: 'claude-opus-4-6', max_tokens: 10, messages: [] });",
      '}',
      'export const a = () => pRetry(ask, { retries: 50 });',
      'export const b = () => pRetry(ask, { retries: 5 });',
      '',
    ].join('\n');
    expect(await lines('r.ts', source)).toEqual([7]);
  });
});

describe('hand-written retry loops', () => {
  const loop = (handler: string[]) =>
    [
      'import time, anthropic',
      'client = anthropic.Anthropic()',
      'def ask():',
      '    while True:',
      '        try:',
      '            return client.messages.create(model="claude-opus-4-6", max_tokens=10, messages=[])',
      '        except anthropic.APIError:',
      ...handler.map((line) => `            ${line}`),
      '',
    ].join('\n');

  it('reports a handler that only sleeps or continues', async () => {
    expect(await lines('l.py', loop(['time.sleep(1)']))).toEqual([4]);
    expect(await lines('l.py', loop(['time.sleep(1)', 'continue']))).toEqual([4]);
  });

  it('accepts a handler that gives up by break, return or raise', async () => {
    expect(await lines('l.py', loop(['break']))).toEqual([]);
    expect(await lines('l.py', loop(['return None']))).toEqual([]);
    expect(await lines('l.py', loop(['raise RuntimeError("down")']))).toEqual([]);
  });

  it('does not count a bounded while loop', async () => {
    const source = loop(['time.sleep(1)']).replace('while True:', 'for _ in range(3):');
    expect(await lines('l.py', source)).toEqual([]);
  });
});
