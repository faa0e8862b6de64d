// The five prompt rules beyond what the fixture harness sees (rule id + line): severities, messages, data-flow
// steps, config (trusted sources, wrappers), and the taint-engine behaviour they rely on.
import { describe, expect, it } from 'vitest';
import { bindLlm } from '../src/analysis/bind.js';
import { parseSource } from '../src/analysis/parse.js';
import { promptCalls } from '../src/analysis/prompts.js';
import { taintAnalysis } from '../src/analysis/taint.js';
import { defaultConfig } from '../src/config/config.js';
import { rule as clientHistory } from '../src/rules/injection-client-history.js';
import { rolesPinnedBySchema } from '../src/rules/injection-client-history.js';
import { rule as indirectContent } from '../src/rules/injection-indirect-content.js';
import { INSTRUCTION_CUE, rule as promptConcat } from '../src/rules/injection-prompt-concat.js';
import { rule as systemPrompt } from '../src/rules/injection-system-prompt.js';
import { rule as secretInPrompt } from '../src/rules/leak-secret-in-prompt.js';
import { scanFile as scan } from './helpers/scan.js';

const FLASK = `import anthropic
from flask import Flask, request
from openai import OpenAI
app = Flask(__name__)
client = anthropic.Anthropic()
oai = OpenAI()
`;

describe('injection-system-prompt', () => {
  it('names source and sink with lines, and carries the flow from source to sink', async () => {
    const findings = await scan(
      'app.py',
      `${FLASK}
@app.post("/chat")
def chat():
    style = request.json["style"]
    reply = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=100,
        system=f"Talk like {style}",
        messages=[{"role": "user", "content": "hi"}],
    )
    return reply.content[0].text
`,
      [systemPrompt],
    );
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.severity).toBe('high');
    expect(finding!.message).toMatch(/^request\.json\["style"\] \(line 10\) reaches the system prompt of anthropic messages\.create \(line 11\): /);
    expect(finding!.line).toBe(14);
    expect(finding!.flow!.map((s) => [s.line, s.message])).toEqual([
      [10, 'request.json["style"] (client data)'],
      [10, 'assigned to style'],
      [14, 'reaches the system prompt of anthropic messages.create'],
    ]);
  });

  it('a denylist filter lowers the finding to medium; an allowlist guard removes it', async () => {
    const findings = await scan(
      'app.py',
      `import re
${FLASK}
@app.post("/a")
def a():
    tone = request.json["tone"]
    tone = re.sub(r"ignore", "", tone)
    return oai.responses.create(model="gpt-5.1", max_output_tokens=5, instructions=f"Tone: {tone}", input="x").output_text

@app.post("/b")
def b():
    tone = request.json["tone"]
    if tone not in ("formal", "casual"):
        return "bad", 400
    return oai.responses.create(model="gpt-5.1", max_output_tokens=5, instructions=f"Tone: {tone}", input="x").output_text
`,
      [systemPrompt],
    );
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[13, 'medium']]);
    expect(findings[0]!.message).toContain('the instructions of openai responses.create');
    expect(findings[0]!.message).toContain('denylist');
  });

  it('calls through a configured wrapper are reported one step lower', async () => {
    const config = { ...defaultConfig(), llmWrappers: ['call_llm'] };
    const findings = await scan(
      'app.py',
      `from flask import request
from .llm import call_llm
@app.post("/w")
def w():
    return call_llm(system="Persona: " + request.json["persona"], messages=[])
`,
      [systemPrompt],
      config,
    );
    expect(findings.map((f) => f.severity)).toEqual(['medium']);
  });
});

describe('operator input', () => {
  it("a script's own argv and stdin are not a remote caller's input", async () => {
    const findings = await scan(
      'cli.py',
      `import sys
import anthropic
client = anthropic.Anthropic()
persona = sys.argv[1]
note = input("note: ")
client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=f"You are {persona}. {note}", messages=[{"role": "user", "content": f"Summarize: {note}"}])
`,
      [systemPrompt, promptConcat, clientHistory],
    );
    expect(findings).toEqual([]);
  });

  it('the engine marks process sources as operator input and keeps request sources apart', async () => {
    const model = (await parseSource('cli.py', 'python', `import sys\nfrom flask import request\nx = sys.argv[1] + request.args["q"]\n`))!;
    const taint = taintAnalysis(model, bindLlm(model), defaultConfig());
    const traces = taint.tracesOf(model.assignments[0]!.value, undefined);
    expect(traces.map((t) => [t.label, !!t.operator])).toEqual([
      ['user', true],
      ['user', false],
    ]);
  });
});

describe('injection-prompt-concat', () => {
  it('is low without tools and medium when the call can use tools', async () => {
    const findings = await scan(
      'route.ts',
      `import { anthropic } from '@ai-sdk/anthropic';
import { generateText, tool } from 'ai';
export async function POST(req: Request) {
  const { text } = await req.json();
  await generateText({ model: anthropic('claude-sonnet-4-5'), maxOutputTokens: 5, prompt: \`Translate to French: \${text}\` });
  await generateText({ model: anthropic('claude-sonnet-4-5'), maxOutputTokens: 5, tools: { t: tool({}) }, prompt: \`Summarize: \${text}\` });
}
`,
      [promptConcat],
    );
    expect(findings.map((f) => [f.line, f.severity])).toEqual([
      [5, 'low'],
      [6, 'medium'],
    ]);
    expect(findings[0]!.message).toContain('"Translate"');
    expect(findings[1]!.message).toContain('can use tools');
  });

  it('cue words are whole words, case-insensitive', () => {
    expect(INSTRUCTION_CUE.test('Please SUMMARIZE this')).toBe(true);
    expect(INSTRUCTION_CUE.test('You are a bot')).toBe(true);
    expect(INSTRUCTION_CUE.test('The answers page')).toBe(false);
    expect(INSTRUCTION_CUE.test('Hello there')).toBe(false);
  });
});

describe('injection-indirect-content', () => {
  const source = `import anthropic
import requests
from flask import request
from .kb import kb
client = anthropic.Anthropic()
@app.post("/q")
def q():
    docs = kb.similarity_search(request.json["q"])
    page = requests.get(request.json["url"], timeout=5).text
    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=f"Context: {docs}", messages=[{"role": "user", "content": "hi"}])
    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=f"Page: {page}", messages=[{"role": "user", "content": "hi"}])
`;

  it('reports fetched and retrieved content in the system prompt at medium', async () => {
    const findings = await scan('app.py', source, [indirectContent]);
    expect(findings.map((f) => [f.line, f.severity])).toEqual([
      [10, 'medium'],
      [11, 'medium'],
    ]);
    expect(findings[0]!.message).toMatch(/^retrieved documents \(kb\.similarity_search\(request\.json\["q"\]\)\) \(line 8\) reaches the system prompt/);
  });

  it('skips sources the config marks as trusted', async () => {
    const findings = await scan('app.py', source, [indirectContent], { ...defaultConfig(), trustedSources: ['kb.similarity_search'] });
    expect(findings.map((f) => f.line)).toEqual([11]);
  });
});

describe('injection-client-history', () => {
  it('is high for OpenAI, medium for Anthropic, low for the AI SDK useChat pattern', async () => {
    const py = await scan(
      'app.py',
      `${FLASK}
@app.post("/a")
def a():
    oai.chat.completions.create(model="gpt-5.1", max_completion_tokens=5, messages=request.json["messages"])
    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=request.json["messages"])
`,
      [clientHistory],
    );
    expect(py.map((f) => [f.line, f.severity])).toEqual([
      [10, 'high'],
      [11, 'medium'],
    ]);
    expect(py[0]!.message).toContain('system and developer messages');
    const ts = await scan(
      'app/api/chat/route.ts',
      `import { anthropic } from '@ai-sdk/anthropic';
import { convertToModelMessages, streamText } from 'ai';
export async function POST(req: Request) {
  const { messages } = await req.json();
  return streamText({ model: anthropic('claude-sonnet-4-5'), maxOutputTokens: 5, messages: convertToModelMessages(messages) }).toUIMessageStreamResponse();
}
`,
      [clientHistory],
    );
    expect(ts.map((f) => [f.line, f.severity])).toEqual([[5, 'low']]);
    expect(ts[0]!.message).toContain('useChat sends the history by design');
  });

  it('recognises schemas that pin roles', () => {
    expect(rolesPinnedBySchema(`const M = z.object({ role: z.enum(['user', 'assistant']), content: z.string() });`)).toBe(true);
    expect(rolesPinnedBySchema(`class Message(BaseModel):\n    role: Literal["user", "assistant"]\n`)).toBe(true);
    expect(rolesPinnedBySchema(`const M = z.object({ role: z.enum(['system', 'user', 'assistant']) });`)).toBe(false);
    expect(rolesPinnedBySchema(`const M = z.object({ role: z.string() });`)).toBe(false);
  });
});

describe('leak-secret-in-prompt', () => {
  it('reports secret env reads with the variable as evidence, and literal keys redacted', async () => {
    const key = 'sk-ant-api03-u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFRIBXuDL7DxtpYlSXpfKtHFAA';
    const text = `import os
import anthropic
client = anthropic.Anthropic()
TOKEN = os.environ["BILLING_TOKEN"]
client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system="Token " + TOKEN, messages=[{"role": "user", "content": "Use ${key}"}])
client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=os.environ["APP_NAME"], messages=[{"role": "user", "content": "postgres://app:Zq81mVb@db/x"}])
`;
    const lines = text.split('\n');
    const column = (line: number, needle: string) => lines[line - 1]!.indexOf(needle) + 1;
    const findings = await scan('app.py', text, [secretInPrompt]);
    expect(findings.map((f) => [f.line, f.column, f.evidence])).toEqual([
      [5, column(5, '"Token "'), 'os.environ["BILLING_TOKEN"]'],
      [5, column(5, '"Use '), expect.stringMatching(/^sk-ant-a…\[\d+ hidden\]…/)],
      [6, column(6, '"postgres:'), expect.stringMatching(/^postgres:\/\/app:.*hidden.*@db/)],
    ]);
    expect(findings[0]!.flow!.map((s) => s.line)).toEqual([4, 4, 5]);
    expect(JSON.stringify(findings)).not.toContain(key);
    expect(JSON.stringify(findings)).not.toContain('Zq81mVb');
  });
});

describe('secret environment names', () => {
  it('keys, tokens, passwords and connection URLs are secrets; settings about them are not', async () => {
    const { isSecretEnvName } = await import('../src/knowledge/taint.js');
    expect(['OPENAI_API_KEY', 'STRIPE_SECRET_KEY', 'GITHUB_TOKEN', 'DB_PASSWORD', 'DATABASE_URL', 'SENTRY_DSN'].filter((n) => !isSecretEnvName(n))).toEqual([]);
    expect(['APP_NAME', 'NODE_ENV', 'PUBLIC_DOCS_URL', 'NEXT_PUBLIC_API_KEY', 'MAX_TOKEN_COUNT', 'TOKEN_TTL', 'API_KEY_HEADER'].filter((n) => isSecretEnvName(n))).toEqual([]);
  });
});

describe('taint engine behaviour the prompt rules rely on', () => {
  async function tracesAt(text: string, needle: string) {
    const model = (await parseSource('app.py', 'python', text))!;
    const llm = bindLlm(model);
    const taint = taintAnalysis(model, llm, defaultConfig());
    const part = promptCalls(model, llm).flatMap((c) => c.parts).find((p) => model.source.slice(0).split('\n')[p.span.line - 1]!.includes(needle))!;
    return taint.tracesOf(part.value, part.functionIndex).map((t) => `${t.label}[${t.sanitizers.join(',')}]`);
  }
  const head = `import anthropic
from typing import Literal
from fastapi import FastAPI
from flask import request
api = FastAPI()
client = anthropic.Anthropic()
`;

  it('a variable reassigned from itself keeps its taint (x = x.strip())', async () => {
    expect(await tracesAt(`${head}
@api.post("/a")
def a(q: str):
    q = q.strip()
    client.messages.create(model="m", max_tokens=5, system=q, messages=[])
`, 'system=q')).toEqual(['user[]']);
  });

  it('FastAPI parameters typed Literal / int are cleaned; plain str is not', async () => {
    expect(await tracesAt(`${head}
@api.get("/b")
def b(persona: Literal["a", "b"], n: int, s: str):
    client.messages.create(model="m", max_tokens=5, system=f"{persona} {n}", messages=[])
    client.messages.create(model="m", max_tokens=5, system=s, messages=[])
`, '{persona} {n}')).toEqual(['user[allowlist]', 'user[cast]']);
  });

  it('database lookups keyed by client data return server-owned rows', async () => {
    expect(await tracesAt(`${head}
@api.post("/c")
def c(slug: str):
    tenant = Tenant.query.filter_by(slug=slug).first_or_404()
    client.messages.create(model="m", max_tokens=5, system=tenant.name, messages=[])
`, 'system=tenant.name')).toEqual([]);
  });
});
