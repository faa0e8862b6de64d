// The taint engine on small programs in both languages: sources, propagation, sanitizers and labels.
import { beforeAll, describe, expect, it } from 'vitest';
import { bindLlm } from '../src/analysis/bind.js';
import type { Expr, FileModel } from '../src/analysis/model.js';
import { initPython, parsePython } from '../src/analysis/python/index.js';
import { taintAnalysis } from '../src/analysis/taint.js';
import { parseTypeScript } from '../src/analysis/typescript/index.js';
import { defaultConfig } from '../src/config/config.js';

beforeAll(() => initPython());

/** Traces of the argument `name` (or first positional argument) of the last call to `sink(...)`. */
function tracesAtSink(model: FileModel, trusted: string[] = []) {
  const config = defaultConfig();
  config.trustedSources = trusted;
  const analysis = taintAnalysis(model, bindLlm(model), config);
  const sink = [...model.calls].reverse().find((c) => c.calleePath === 'sink');
  if (!sink) throw new Error('no sink() call');
  const value: Expr = sink.args[0]!.value;
  return analysis.tracesOf(value, sink.functionIndex).map((t) => ({ label: t.label, sanitizers: [...t.sanitizers].sort(), source: t.source }));
}

const py = (code: string) => tracesAtSink(parsePython('app.py', code));
const ts = (code: string) => tracesAtSink(parseTypeScript('route.ts', code));
const labels = (traces: Array<{ label: string; sanitizers: string[] }>) => traces.map((t) => `${t.label}${t.sanitizers.length ? `[${t.sanitizers.join(',')}]` : ''}`).sort();

describe('taint engine: Python', () => {
  it('follows Flask request data through assignments, f-strings, format, % and join', () => {
    const traces = py(`
from flask import Flask, request
app = Flask(__name__)
@app.post("/chat")
def chat():
    style = request.json["style"]
    a = f"Talk like {style}"
    b = "Be {}".format(a)
    c = "%s!" % b
    d = "\\n".join([c, "rules"])
    sink(d)
`);
    expect(labels(traces)).toEqual(['user']);
    expect(traces[0]!.source).toBe('request.json["style"]');
  });

  it('treats FastAPI body parameters as client data, not injected dependencies', () => {
    expect(labels(py(`
from fastapi import FastAPI, Depends
app = FastAPI()
@app.post("/ask")
def ask(body: Ask, user = Depends(current_user)):
    sink(body.question)
`))).toEqual(['user']);
    expect(labels(py(`
from fastapi import FastAPI, Depends
app = FastAPI()
@app.post("/ask")
def ask(body: Ask, user = Depends(current_user)):
    sink(user.name)
`))).toEqual([]);
  });

  it('is cleaned by casts and allowlist guards, and marks denylists as partial', () => {
    expect(labels(py(`
from flask import request
def h():
    sink(int(request.args["n"]))
`))).toEqual(['user[cast]']);
    expect(labels(py(`
from flask import request, abort
def h():
    persona = request.json["persona"]
    if persona not in {"pirate", "formal"}:
        abort(400)
    sink(persona)
`))).toEqual(['user[allowlist]']);
    expect(labels(py(`
import re
from flask import request
def h():
    sink(re.sub(r"ignore", "", request.json["q"]))
`))).toEqual(['user[denylist]']);
  });

  it('carries taint through local helper returns and parameters', () => {
    expect(labels(py(`
from flask import request
def build(topic):
    return "Write about " + topic
def h():
    sink(build(request.json["topic"]))
`))).toEqual(['user']);
  });

  it('labels LLM output and tool-call arguments', () => {
    const code = `
import anthropic
client = anthropic.Anthropic()
def run():
    resp = client.messages.create(model="claude-opus-4-6", max_tokens=100, messages=[])
    text = resp.content[0].text
    SINK
`;
    expect(labels(py(code.replace('SINK', 'sink(text)')))).toEqual(['llm']);
    expect(labels(py(code.replace('SINK', 'for block in resp.content:\n        sink(block.input["cmd"])')))).toEqual(['tool']);
  });

  it('labels @tool parameters, fetched content and secret env reads', () => {
    expect(labels(py(`
from langchain_core.tools import tool
@tool
def shell(cmd: str) -> str:
    sink(cmd)
`))).toEqual(['tool']);
    expect(labels(py(`
import requests
def h(url):
    page = requests.get(url).text
    sink(page)
`))).toEqual(['fetched']);
    expect(labels(py(`
import os
def h():
    sink(f"db: {os.environ['DATABASE_URL']}")
`))).toEqual(['secret']);
    expect(labels(py(`
import os
def h():
    sink(f"app: {os.environ['APP_NAME']}")
`))).toEqual([]);
  });

  it('honours trusted sources from the config', () => {
    const code = `
from flask import request
def h():
    sink(request.json["tenant"])
`;
    expect(labels(py(code))).toEqual(['user']);
    expect(labels(tracesAtSink(parsePython('app.py', code), ['request.json']))).toEqual([]);
  });

  it('does not taint constants, lengths or booleans', () => {
    expect(labels(py(`
from flask import request
def h():
    n = len(request.json["text"])
    ok = request.json["text"].startswith("a")
    sink(f"{n} {ok} fixed")
`))).toEqual([]);
  });
});

describe('taint engine: TypeScript', () => {
  it('follows Next.js request bodies through destructuring, templates and spreads', () => {
    const traces = ts(`
export async function POST(req: Request) {
  const { persona } = await req.json();
  const system = \`You are \${persona}\`;
  const options = { ...{ system } };
  sink(options);
}
`);
    expect(labels(traces)).toEqual(['user']);
  });

  it('follows Express req.body and Hono c.req.json()', () => {
    expect(labels(ts(`
import express from 'express';
const app = express();
app.post('/chat', (req, res) => { sink('Summarize: ' + req.body.text); });
`))).toEqual(['user']);
    expect(labels(ts(`
import { Hono } from 'hono';
const app = new Hono();
app.post('/chat', async (c) => { const { q } = await c.req.json(); sink(q); });
`))).toEqual(['user']);
  });

  it('is cleaned by zod parsing and Number()', () => {
    expect(labels(ts(`
export async function POST(req: Request) {
  const body = Schema.parse(await req.json());
  sink(body.topic);
}
`))).toEqual(['user[schema]']);
    expect(labels(ts(`
export async function POST(req: Request) {
  const { n } = await req.json();
  sink(Number(n));
}
`))).toEqual(['user[cast]']);
  });

  it('labels AI SDK tool execute parameters, LLM text and fetched pages', () => {
    expect(labels(ts(`
import { tool } from 'ai';
export const run = tool({ description: 'x', execute: async ({ cmd }) => sink(cmd) });
`))).toEqual(['tool']);
    expect(labels(ts(`
import { generateText } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';
export async function f() {
  const { text } = await generateText({ model: anthropic('claude-opus-4-6'), prompt: 'hi', maxOutputTokens: 10 });
  sink(text);
}
`))).toEqual(['llm']);
    expect(labels(ts(`
export async function f(url: string) {
  const html = await (await fetch(url)).text();
  sink(html);
}
`))).toEqual(['fetched']);
  });

  it('keeps server constants and plain parameters clean', () => {
    expect(labels(ts(`
const SYSTEM = 'You are a helpful assistant.';
export function build(name: string) { sink(SYSTEM + name); }
`))).toEqual([]);
  });
});
