// Severities, messages and flows of the agency-dynamic-dispatch, agency-dangerous-capability and leak-* rules,
// which the fixture harness (rule id + line) does not see, and the taint-engine behaviour they rely on.
import { describe, expect, it } from 'vitest';
import { bindLlm } from '../src/analysis/bind.js';
import { parseSource } from '../src/analysis/parse.js';
import { taintAnalysis } from '../src/analysis/taint.js';
import { unwrap } from '../src/analysis/values.js';
import { defaultConfig } from '../src/config/config.js';
import { rule as dangerousCapability } from '../src/rules/agency-dangerous-capability.js';
import { rule as dynamicDispatch } from '../src/rules/agency-dynamic-dispatch.js';
import { rule as promptLogging } from '../src/rules/leak-prompt-logging.js';
import { rule as rawError } from '../src/rules/leak-raw-error.js';
import { rule as rawResponse } from '../src/rules/leak-raw-response.js';
import { scanFile as scan } from './helpers/scan.js';

const CLAUDE_LOOP = `import anthropic
import tools

client = anthropic.Anthropic()

def step(messages):
    response = client.messages.create(model="claude-opus-4-6", max_tokens=1024, messages=messages)
    for block in response.content:
        if block.type == "tool_use":
            out = getattr(tools, block.name)(**block.input)
            tokens = response.usage.output_tokens
            return out, tokens
`;

describe('taint engine behaviour the agency and leak rules rely on', () => {
  it('keeps .name of an iterated response block labelled llm, relabels .input to tool, and drops usage metadata', async () => {
    const model = (await parseSource('loop.py', 'python', CLAUDE_LOOP))!;
    const taint = taintAnalysis(model, bindLlm(model), defaultConfig());
    const getattr = model.calls.find((c) => c.calleePath === 'getattr')!;
    const labels = (expr: Parameters<typeof taint.tracesOf>[0], fn: number | undefined) => taint.tracesOf(expr, fn).map((t) => t.label);
    expect(labels(getattr.args[1]!.value, getattr.functionIndex)).toEqual(['llm']);
    const dispatch = model.calls.find((c) => unwrap(c.callee).kind === 'call')!;
    expect(labels(dispatch.args[0]!.value, dispatch.functionIndex)).toEqual(['tool']);
    const tokens = model.assignments.find((a) => a.target === 'tokens')!;
    expect(labels(tokens.value, tokens.functionIndex)).toEqual([]);
  });
});

describe('agency-dynamic-dispatch', () => {
  it('reports reflection high with the flow from the LLM call to the lookup', async () => {
    const [finding, ...rest] = await scan('loop.py', CLAUDE_LOOP, [dynamicDispatch]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: 'agency-dynamic-dispatch', severity: 'high', line: 10 });
    expect(finding!.message).toContain('output of anthropic messages.create (line 7)');
    expect(finding!.message).toContain('block.name');
    expect(finding!.flow?.[0]?.line).toBe(7);
    expect(finding!.flow?.at(-1)?.line).toBe(10);
  });

  it('reports an unchecked map low, and a checked one not at all', async () => {
    const unchecked = CLAUDE_LOOP.replace('getattr(tools, block.name)', 'TOOLS[block.name]');
    expect((await scan('loop.py', unchecked, [dynamicDispatch])).map((f) => f.severity)).toEqual(['low']);
    const checked = unchecked.replace('if block.type == "tool_use":', 'if block.type == "tool_use" and block.name in TOOLS:');
    expect(await scan('loop.py', checked, [dynamicDispatch])).toEqual([]);
  });

  it('leaves names the model did not choose alone', async () => {
    const text = 'def handle(event, handlers):\n    return handlers[event["type"]](event)\n\ndef read(obj, key):\n    return getattr(obj, key)\n';
    expect(await scan('events.py', text, [dynamicDispatch])).toEqual([]);
  });
});

describe('agency-dangerous-capability', () => {
  const agent = 'from langchain_experimental.agents import create_pandas_dataframe_agent\n\nagent = create_pandas_dataframe_agent(llm, df, allow_dangerous_code=True)\n';

  it('reports the flag high with its CWE, and one step lower in research folders', async () => {
    const [finding] = await scan('app/agent.py', agent, [dangerousCapability]);
    expect(finding).toMatchObject({ severity: 'high', line: 3 });
    expect(finding!.message).toContain('allow_dangerous_code=True on create_pandas_dataframe_agent');
    expect(finding!.message).toContain('CWE-94');
    const [research] = await scan('notebooks/agent.py', agent, [dangerousCapability]);
    expect(research!.severity).toBe('medium');
  });

  it('needs an agent-framework import for flags and the exporting module for tools', async () => {
    expect(await scan('policy.py', 'policy = Policy(allow_dangerous_code=True)\n', [dangerousCapability])).toEqual([]);
    expect(await scan('mine.py', 'from .sandbox import PythonREPLTool\n\nrepl = PythonREPLTool()\n', [dangerousCapability])).toEqual([]);
    const aliased = 'import langchain_experimental.tools as lc_tools\n\nrepl = lc_tools.PythonREPLTool()\n';
    expect((await scan('tools.py', aliased, [dangerousCapability])).map((f) => f.line)).toEqual([3]);
  });

  it('reports Pyodide-backed PythonInterpreterTool medium and a false flag not at all', async () => {
    const text = [
      "import { PythonInterpreterTool } from '@langchain/community/experimental/tools/pyinterpreter';",
      "import { GraphCypherQAChain } from '@langchain/community/chains/graph_qa/cypher';",
      "export const tool = await PythonInterpreterTool.initialize({ indexURL: './pyodide' });",
      'export const safe = GraphCypherQAChain.fromLLM({ llm, graph, allowDangerousRequests: false });',
      '',
    ].join('\n');
    const findings = await scan('tools.ts', text, [dangerousCapability]);
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[3, 'medium']]);
  });
});

describe('leak-prompt-logging', () => {
  const flask = (logLine: string) => `import logging
import anthropic
from flask import Flask, request

app = Flask(__name__)
logger = logging.getLogger(__name__)
client = anthropic.Anthropic()

@app.post("/chat")
def chat():
    question = request.json["question"]
    reply = client.messages.create(model="claude-opus-4-6", max_tokens=512, messages=[{"role": "user", "content": question}])
    ${logLine}
    return {"answer": reply.content[0].text}
`;

  it('reports client text in a route medium, model output low, metadata and ids not at all', async () => {
    const [user] = await scan('app.py', flask('logger.info("q=%s", question)'), [promptLogging]);
    expect(user).toMatchObject({ severity: 'medium', line: 13 });
    expect(user!.message).toContain('question');
    expect(user!.flow?.[0]?.line).toBe(11);
    const [output] = await scan('app.py', flask('logger.info("a=%s", reply.content[0].text)'), [promptLogging]);
    expect(output).toMatchObject({ severity: 'low', line: 13 });
    const quiet = flask('logger.info("id=%s out=%d chars=%d", reply.id, reply.usage.output_tokens, len(question))');
    expect(await scan('app.py', quiet, [promptLogging])).toEqual([]);
  });

  it('reports committed SDK debug logging in config files, at the variable', async () => {
    const docker = 'FROM node:22\nENV NODE_ENV=production\nENV ANTHROPIC_LOG=debug\n';
    expect((await scan('Dockerfile', docker, [promptLogging])).map((f) => [f.line, f.column])).toEqual([[3, 5]]);
    const yaml = 'env:\n  OPENAI_LOG: "debug"\n  ANTHROPIC_LOG: info\n';
    expect((await scan('deploy/app.yaml', yaml, [promptLogging])).map((f) => f.line)).toEqual([2]);
    // A Python file that mentions the variable is code, not configuration.
    expect(await scan('settings.py', 'ANTHROPIC_LOG = "debug"\n', [promptLogging])).toEqual([]);
  });

  it('treats print as a log only in server code, and skips tests', async () => {
    const cli = 'import anthropic\nclient = anthropic.Anthropic()\nr = client.messages.create(model="claude-opus-4-6", max_tokens=64, messages=[{"role": "user", "content": "hi"}])\nprint(r.content[0].text)\n';
    expect(await scan('cli.py', cli, [promptLogging])).toEqual([]);
    expect(await scan('app.py', flask('print(reply)'), [promptLogging])).toHaveLength(1);
    expect(await scan('tests/test_app.py', flask('print(reply)'), [promptLogging])).toEqual([]);
  });
});

describe('leak-raw-error and leak-raw-response', () => {
  const express = (catchBody: string, success = "res.json({ answer: message.content[0].text });") => `import Anthropic from '@anthropic-ai/sdk';
import express from 'express';
const anthropic = new Anthropic();
const app = express();
app.post('/chat', async (req, res) => {
  try {
    const message = await anthropic.messages.create({ model: 'claude-opus-4-6', max_tokens: 256, messages: [{ role: 'user', content: String(req.body.q) }] });
    ${success}
  } catch (err) {
    ${catchBody}
  }
});
`;

  it('reports the raw error medium with the guarded call in the message and flow', async () => {
    const [finding, ...rest] = await scan('server.ts', express('res.status(500).json({ error: `failed: ${String(err)}` });'), [rawError]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'medium', line: 10 });
    expect(finding!.message).toContain('anthropic messages.create (line 7)');
    expect(finding!.flow?.map((s) => s.line)).toEqual([7, 9, 10]);
  });

  it('stays quiet for fixed messages, status codes, and catches outside route handlers', async () => {
    expect(await scan('server.ts', express("res.status(err.status ?? 500).json({ error: 'unavailable', code: err.code });"), [rawError])).toEqual([]);
    const helper = 'import anthropic\nclient = anthropic.Anthropic()\n\ndef ask(q):\n    try:\n        return client.messages.create(model="claude-opus-4-6", max_tokens=64, messages=[{"role": "user", "content": q}])\n    except anthropic.APIError as e:\n        return str(e)\n';
    expect(await scan('helper.py', helper, [rawError])).toEqual([]);
  });

  it('reports the whole response low and allows the text and stream helpers', async () => {
    const [finding] = await scan('server.ts', express("res.status(502).end();", 'res.send(JSON.stringify(message));'), [rawResponse]);
    expect(finding).toMatchObject({ ruleId: 'leak-raw-response', severity: 'low', line: 8 });
    expect(finding!.message).toContain('The whole anthropic messages.create response (line 7)');
    expect(await scan('server.ts', express("res.status(502).end();"), [rawResponse])).toEqual([]);
  });
});
