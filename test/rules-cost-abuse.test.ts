// cost-unbounded-input, cost-no-rate-limit and cost-unbounded-loop beyond the fixtures: severities, the
// length guards the taint engine relies on (analysis/guards.ts isLengthGuarded), the file kinds the rate-limit
// audit looks at, and the split between cost-unbounded-loop and cost-retry-timeout.
import { describe, expect, it } from 'vitest';
import { isLengthGuarded } from '../src/analysis/guards.js';
import { isLimiterName } from '../src/knowledge/rate-limits.js';
import type { FileModel, Span } from '../src/analysis/model.js';
import { parseSource } from '../src/analysis/parse.js';
import { rule as noRateLimit } from '../src/rules/cost-no-rate-limit.js';
import { rule as retryTimeout } from '../src/rules/cost-retry-timeout.js';
import { rule as unboundedInput } from '../src/rules/cost-unbounded-input.js';
import { rule as unboundedLoop } from '../src/rules/cost-unbounded-loop.js';
import { scanFile as scan } from './helpers/scan.js';

const at = (line: number, column = 1): Span => ({ line, column, endLine: line, endColumn: column + 1 });

async function model(path: string, text: string): Promise<FileModel> {
  const parsed = await parseSource(path, path.endsWith('.py') ? 'python' : 'typescript', text);
  if (!parsed) throw new Error('no model');
  return parsed;
}

describe('isLengthGuarded', () => {
  it('knows which way a Python length check points', async () => {
    const m = await model(
      'g.py',
      [
        'def f(q, r, s, t):', // 1
        '    if len(q) > 4000:', // 2
        '        raise ValueError()', // 3
        '    if len(r) < 3:', // 4
        '        raise ValueError()', // 5
        '    if len(s.strip()) <= 100:', // 6
        '        use(s)', // 7
        '    use(s)', // 8
        '    if not t or len(enc.encode(t)) >= 512:', // 9
        '        return', // 10
        '    use(q, r, t)', // 11
        '',
      ].join('\n'),
    );
    expect(isLengthGuarded(m, 'q', 0, at(11, 9))).toBe(true);
    expect(isLengthGuarded(m, 'q', 0, at(2, 12))).toBe(false); // the check itself
    expect(isLengthGuarded(m, 'r', 0, at(11, 12))).toBe(false); // a minimum length bounds nothing
    expect(isLengthGuarded(m, 's', 0, at(7, 13))).toBe(true); // inside "short enough"
    expect(isLengthGuarded(m, 's', 0, at(8, 9))).toBe(false); // after it, no exit
    expect(isLengthGuarded(m, 't', 0, at(11, 15))).toBe(true); // token count, in an `or`
  });

  it('reads JS .length checks, member paths and negations', async () => {
    const m = await model(
      'g.ts',
      [
        'export function f(req: any, b: string) {', // 1
        '  if (req.body.text.length > 4000) return null;', // 2
        '  if (!(b.length <= 200)) throw new Error("long");', // 3
        '  return [req.body.text, req.body.other, b];', // 4
        '}',
        '',
      ].join('\n'),
    );
    expect(isLengthGuarded(m, 'req.body.text', 0, at(4, 11))).toBe(true);
    expect(isLengthGuarded(m, 'req.body.other', 0, at(4, 26))).toBe(false);
    expect(isLengthGuarded(m, 'b', 0, at(4, 42))).toBe(true);
  });
});

describe('cost-unbounded-input', () => {
  const flask = (...handler: string[]) =>
    [
      'import anthropic',
      'from flask import Blueprint, abort, request',
      'bp = Blueprint("x", __name__)',
      'client = anthropic.Anthropic()',
      '@bp.post("/x")',
      'def handler():',
      ...handler.map((l) => '    ' + l),
      '',
    ].join('\n');

  it('is low for a plain call and medium for streaming and tool-using calls', async () => {
    const plain = await scan('a.py', flask('q = request.json["q"]', 'return client.messages.create(model="claude-sonnet-4-5", max_tokens=99, messages=[{"role": "user", "content": q}])'), [unboundedInput]);
    expect(plain.map((f) => [f.line, f.severity])).toEqual([[8, 'low']]);
    expect(plain[0]!.message).toContain('request.json["q"] (line 7) reaches messages[0] (role user) of anthropic messages.create (line 8)');
    expect(plain[0]!.flow?.length).toBeGreaterThanOrEqual(2);
    const streamed = await scan('b.py', flask('q = request.json["q"]', 'return client.messages.create(model="claude-sonnet-4-5", max_tokens=99, stream=True, messages=[{"role": "user", "content": q}])'), [unboundedInput]);
    expect(streamed.map((f) => f.severity)).toEqual(['medium']);
    const tools = await scan('c.py', flask('q = request.json["q"]', 'return client.messages.create(model="claude-sonnet-4-5", max_tokens=99, tools=TOOLS, messages=[{"role": "user", "content": q}])'), [unboundedInput]);
    expect(tools.map((f) => f.severity)).toEqual(['medium']);
  });

  it('treats slices, casts and allowlists as bounded, but not a denylist filter', async () => {
    const call = (v: string) => `return client.messages.create(model="claude-sonnet-4-5", max_tokens=99, messages=[{"role": "user", "content": ${v}}])`;
    expect(await scan('a.py', flask('q = request.json["q"][:500]', call('q')), [unboundedInput])).toEqual([]);
    expect(await scan('b.py', flask('n = int(request.json["n"])', call('f"Give {n} ideas"')), [unboundedInput])).toEqual([]);
    expect(await scan('c.py', flask('lang = request.json["lang"]', 'if lang not in ("en", "de"):', '    abort(400)', call('lang')), [unboundedInput])).toEqual([]);
    expect(await scan('d.py', flask('q = request.json["q"].replace("ignore", "")', call('q')), [unboundedInput])).toHaveLength(1);
  });

  it('sees a length method called directly on request data (req.body.text.slice)', async () => {
    const source = [
      "import OpenAI from 'openai';",
      "import express from 'express';",
      'const router = express.Router();',
      'const openai = new OpenAI();',
      "router.post('/t', async (req, res) => {",
      '  const text = req.body.text.slice(0, 4000);',
      '  const untouched = req.body.other;',
      "  await openai.chat.completions.create({ model: 'gpt-5.1', max_completion_tokens: 9, messages: [{ role: 'user', content: text }] });",
      "  await openai.chat.completions.create({ model: 'gpt-5.1', max_completion_tokens: 9, messages: [{ role: 'user', content: untouched }] });",
      '});',
      '',
    ].join('\n');
    expect((await scan('r.ts', source, [unboundedInput])).map((f) => f.line)).toEqual([9]);
  });

  it('ignores command-line input and input()', async () => {
    const source = [
      'import sys',
      'import anthropic',
      'client = anthropic.Anthropic()',
      'client.messages.create(model="claude-sonnet-4-5", max_tokens=99, messages=[{"role": "user", "content": sys.argv[1]}])',
      'client.messages.create(model="claude-sonnet-4-5", max_tokens=99, messages=[{"role": "user", "content": input("> ")}])',
      '',
    ].join('\n');
    expect(await scan('cli.py', source, [unboundedInput])).toEqual([]);
  });
});

describe('cost-no-rate-limit', () => {
  const nextRoute = (...body: string[]) =>
    [
      "import { anthropic } from '@ai-sdk/anthropic';",
      "import { generateText } from 'ai';",
      "import { auth } from '@/auth';",
      'export async function POST(req: Request) {',
      ...body,
      "  const { text } = await generateText({ model: anthropic('claude-sonnet-4-5'), maxOutputTokens: 9, prompt: 'Say hi' });",
      '  return Response.json({ text });',
      '}',
      '',
    ].join('\n');

  it('reports a public Next.js route, and stays quiet when it checks a session (middleware.ts may limit it)', async () => {
    const open = await scan('app/api/hi/route.ts', nextRoute(), [noRateLimit]);
    expect(open.map((f) => [f.line, f.severity])).toEqual([[4, 'medium']]);
    expect(open[0]!.message).toMatch(/^POST \/api\/hi calls vercel-ai generateText \(line 5\)/);
    expect(await scan('app/api/hi/route.ts', nextRoute('  const session = await auth();', "  if (!session) return new Response('no', { status: 401 });"), [noRateLimit])).toEqual([]);
    // The same code outside a route file is not a route.
    expect(await scan('lib/hi.ts', nextRoute(), [noRateLimit])).toEqual([]);
  });

  it('checks files that create the app, at low severity when the route checks auth', async () => {
    const app = (decorators: string[], params = '') =>
      [
        'from fastapi import Depends, FastAPI',
        'from openai import OpenAI',
        'app = FastAPI()',
        'client = OpenAI()',
        ...decorators,
        `def chat(${params}):`,
        '    return client.chat.completions.create(model="gpt-5.1", max_completion_tokens=9, messages=[{"role": "user", "content": "hi"}])',
        '',
      ].join('\n');
    // No limiter anywhere: one finding where the app is created, listing the routes.
    const open = await scan('main.py', app(['@app.post("/chat")']), [noRateLimit]);
    expect(open.map((f) => [f.line, f.severity])).toEqual([[3, 'medium']]);
    expect(open[0]!.message).toContain('This FastAPI app serves a route that calls an LLM (POST /chat (line 6))');
    expect((await scan('main.py', app(['@app.post("/chat")'], 'user=Depends(get_current_user)'), [noRateLimit])).map((f) => f.severity)).toEqual(['low']);
    expect(await scan('main.py', app(['@app.post("/chat")', '@limiter.limit("5/minute")']), [noRateLimit])).toEqual([]);
    // A router file: the app that mounts it may limit every route.
    const router = app(['@router.post("/chat")']).replace('app = FastAPI()', 'from fastapi import APIRouter\nrouter = APIRouter()');
    expect(await scan('routes.py', router, [noRateLimit])).toEqual([]);
  });

  it('reports each forgotten route, at the route, when other routes of the app are limited', async () => {
    const source = [
      'from flask import Flask',
      'from openai import OpenAI',
      'app = Flask(__name__)',
      'client = OpenAI()',
      'def ask():',
      '    return client.chat.completions.create(model="gpt-5.1", max_completion_tokens=9, messages=[{"role": "user", "content": "hi"}])',
      '@app.post("/a")',
      '@throttle("5/m")',
      'def a():',
      '    return ask()',
      '@app.post("/b")',
      'def b():',
      '    return ask()',
      '',
    ].join('\n');
    const findings = await scan('app.py', source, [noRateLimit]);
    expect(findings.map((f) => f.line)).toEqual([11]);
    expect(findings[0]!.message).toMatch(/^POST \/b calls openai chat\.completions\.create \(line 6\)/);
  });

  it('recognises limiter names by word', () => {
    for (const name of ['chatLimiter', 'check_rate_limit', 'RateLimiter', 'ratelimit.limit', 'throttle', 'api.rateLimiting'])
      expect(isLimiterName(name), name).toBe(true);
    for (const name of ['delimiter', 'csv.delimiter', 'limit', 'generateText', 'accelerate']) expect(isLimiterName(name), name).toBe(false);
  });

  it('sees limiter middleware mounted on the app or made by a limiter library', async () => {
    const server = (...setup: string[]) =>
      [
        "import express from 'express';",
        "import OpenAI from 'openai';",
        ...setup,
        'const app = express();',
        'const openai = new OpenAI();',
        'app.use(limits);',
        "app.post('/chat', async (req, res) => {",
        "  res.json(await openai.chat.completions.create({ model: 'gpt-5.1', max_completion_tokens: 9, messages: [{ role: 'user', content: 'hi' }] }));",
        '});',
        '',
      ].join('\n');
    expect(await scan('server.ts', server("import { rateLimit } from 'express-rate-limit';", 'const limits = rateLimit({ limit: 10 });'), [noRateLimit])).toEqual([]);
    expect(await scan('server.ts', server("import { cors } from './cors';", 'const limits = cors();'), [noRateLimit])).toHaveLength(1);
  });
});

describe('cost-unbounded-loop', () => {
  const agent = (loop: string[]) =>
    [
      'import anthropic',
      'client = anthropic.Anthropic()',
      'def run(messages):',
      ...loop.map((l) => '    ' + l),
      '',
    ].join('\n');
  const call = 'resp = client.messages.create(model="claude-sonnet-4-5", max_tokens=99, tools=TOOLS, messages=messages)';

  it('accepts a counter, a growing history, a clock or a token budget as the cap', async () => {
    const exits = [
      ['turns = 0', 'while True:', '    turns += 1', '    if turns == 10:', '        break', `    ${call}`, '    if resp.stop_reason == "end_turn":', '        return resp'],
      ['while True:', '    if len(messages) > 40:', '        break', `    ${call}`, '    if resp.stop_reason == "end_turn":', '        return resp'],
      ['start = time.monotonic()', 'while True:', '    if time.monotonic() - start > 60:', '        raise TimeoutError()', `    ${call}`, '    if resp.stop_reason == "end_turn":', '        return resp'],
      ['used = 0', 'while True:', `    ${call}`, '    used += resp.usage.output_tokens', '    if used > BUDGET:', '        break', '    if resp.stop_reason == "end_turn":', '        return resp'],
    ];
    for (const loop of exits) expect(await scan('a.py', agent(loop), [unboundedLoop]), loop.join(' | ')).toEqual([]);
  });

  it('does not count a check of the answer itself as a cap', async () => {
    const loop = ['while True:', `    ${call}`, '    if len(resp.content) > 0 and resp.stop_reason == "end_turn":', '        return resp'];
    expect((await scan('a.py', agent(loop), [unboundedLoop])).map((f) => [f.line, f.severity])).toEqual([[4, 'medium']]);
  });

  it('never reports the same loop as cost-retry-timeout', async () => {
    const retry = ['while True:', '    try:', `        ${call}`, '        if resp.stop_reason == "end_turn":', '            return resp', '    except Exception:', '        time.sleep(1)'];
    const both = await scan('a.py', agent(retry), [unboundedLoop, retryTimeout]);
    expect(both.map((f) => f.ruleId)).toEqual(['cost-retry-timeout']);
    // The handler gives up: not a retry loop, so the uncapped agent loop is this rule's.
    const raising = retry.slice(0, -1).concat(['        raise']);
    const agentOnly = await scan('b.py', agent(raising), [unboundedLoop, retryTimeout]);
    expect(agentOnly.map((f) => f.ruleId)).toEqual(['cost-unbounded-loop']);
  });

  it('reports AgentExecutor(max_iterations=None) only where LangChain is imported', async () => {
    const source = (imp: string) => [imp, 'executor = AgentExecutor(agent=agent, tools=tools, max_iterations=None)', ''].join('\n');
    expect(await scan('a.py', source('from langchain.agents import AgentExecutor'), [unboundedLoop])).toHaveLength(1);
    expect(await scan('b.py', source('from mylib import AgentExecutor'), [unboundedLoop])).toEqual([]);
  });
});
