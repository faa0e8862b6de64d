// The output-* rules and agency-tool-args-sink end to end (scanSources): who reports which flow, severities
// and their partial-defence downgrades, messages and codeFlows, nested sinks, and the engine behaviour the
// rules rely on (exact member guards, callback elements, Python path joins, LLM endpoints, UI hooks).
import { beforeAll, describe, expect, it } from 'vitest';
import { bindLlm } from '../src/analysis/bind.js';
import { initPython, parsePython } from '../src/analysis/python/index.js';
import { taintAnalysis } from '../src/analysis/taint.js';
import { parseTypeScript } from '../src/analysis/typescript/index.js';
import { defaultConfig, type ResolvedConfig } from '../src/config/config.js';
import type { Finding } from '../src/core/types.js';
import { ruleById } from '../src/rules/index.js';
import type { Rule } from '../src/rules/types.js';
import { scanFile } from './helpers/scan.js';

beforeAll(() => initPython());

const SINK_RULES = [
  'output-code-exec',
  'output-shell',
  'output-sql',
  'output-html',
  'output-markdown',
  'output-file-path',
  'output-outbound-url',
  'output-unsafe-deserialize',
  'agency-tool-args-sink',
];
const rules: Rule[] = SINK_RULES.map((id) => {
  const rule = ruleById(id);
  if (!rule) throw new Error(`${id} is not registered`);
  return rule;
});

const scan = (path: string, text: string, config?: ResolvedConfig): Promise<Finding[]> => scanFile(path, text, rules, config);
const brief = (findings: Finding[]) => findings.map((f) => `${f.line} ${f.ruleId} ${f.severity}`);

const PY_HEADER = `import os, re, subprocess
import anthropic
client = anthropic.Anthropic()

def ask(prompt):
    reply = client.messages.create(model="claude-opus-4-6", max_tokens=300, messages=[{"role": "user", "content": prompt}])
    return reply.content[0].text
`;
/** Line of the n-th line after the header and its blank line. */
const pyLine = (n: number) => n + PY_HEADER.split('\n').length;

describe('rule metadata', () => {
  it('has a docs page with bad and good examples in both languages and a suppression line', () => {
    for (const rule of rules) {
      expect(rule.meta.help, rule.meta.id).toContain(`# ${rule.meta.id}:`);
      expect(rule.meta.help, rule.meta.id).toMatch(/## Bad\n```python[\s\S]*```tsx?\n/);
      expect(rule.meta.help, rule.meta.id).toMatch(/## Good\n```python[\s\S]*```tsx?\n/);
      expect(rule.meta.help, rule.meta.id).toContain(`promptgate-ignore ${rule.meta.id}: `);
      expect(rule.meta.owasp.every((o) => /^LLM\d\d:2025$/.test(o)), rule.meta.id).toBe(true);
    }
    expect(ruleById('agency-tool-args-sink')!.meta.owasp).toEqual(['LLM06:2025', 'LLM05:2025']);
  });
});

describe('one flow, one finding', () => {
  it('reports model output with output-*, and tool-call arguments with agency-tool-args-sink only', async () => {
    const findings = await scan('agent.py', `${PY_HEADER}
def loop(q):
    reply = client.messages.create(model="claude-opus-4-6", max_tokens=300, tools=TOOLS, messages=[{"role": "user", "content": q}])
    for block in reply.content:
        if block.type == "tool_use":
            subprocess.run(block.input["cmd"], shell=True)
        else:
            subprocess.run(block.text, shell=True)
`);
    expect(brief(findings)).toEqual([`${pyLine(5)} agency-tool-args-sink critical`, `${pyLine(7)} output-shell critical`]);
  });

  it('reports the inner sink of nested sinks once', async () => {
    const findings = await scan('nested.py', `${PY_HEADER}
def run(task):
    exec(compile(ask(task), "<llm>", "exec"))
`);
    expect(findings.map((f) => [f.line, f.column, f.ruleId])).toEqual([[pyLine(2), 10, 'output-code-exec']]);
    expect(findings[0]!.message).toContain('compile()');
  });
});

describe('messages and flows', () => {
  it('names the source and the sink with their lines, and carries every step as a codeFlow', async () => {
    const [finding] = await scan('ops.py', `${PY_HEADER}
def run(task):
    command = ask(task)
    return subprocess.run(command, shell=True)
`);
    expect(finding!.message).toMatch(/^output of anthropic messages\.create \(line 6\) reaches the shell \(subprocess with shell=True\) \(line 11\)\. /);
    const flow = finding!.flow!;
    expect(flow[0]!.line).toBe(6);
    expect(flow.map((s) => s.message)).toContain('returned by ask()');
    expect(flow.map((s) => s.message)).toContain('assigned to command');
    expect(flow.at(-1)).toMatchObject({ line: 11, message: 'reaches the shell (subprocess with shell=True)' });
  });
});

describe('severity', () => {
  it('lowers one step for a denylist filter or a confirmation prompt, never hides', async () => {
    const findings = await scan('ops.py', `${PY_HEADER}
def filtered(task):
    subprocess.run(re.sub(r"[;&|]", "", ask(task)), shell=True)

def confirmed(task):
    command = ask(task)
    if input("Run " + command + "? ") != "y":
        return
    subprocess.run(command, shell=True)

def both(task):
    command = ask(task).replace(";", "")
    if input("Run it? ") != "y":
        return
    subprocess.run(command, shell=True)
`);
    expect(brief(findings)).toEqual([`${pyLine(2)} output-shell high`, `${pyLine(8)} output-shell high`, `${pyLine(14)} output-shell high`]);
    expect(findings[0]!.message).toContain('Severity lowered: a denylist filter only partly defends.');
  });

  it('gives file reads medium and writes high; tool arguments high for files, critical for the shell', async () => {
    const findings = await scan('files.py', `${PY_HEADER}
from langchain_core.tools import tool

def notes(topic):
    name = ask(topic)
    open(name).read()
    open(name, "w").write("x")

@tool
def read(path: str) -> str:
    """Read a file."""
    return open(path).read()

@tool
def run(cmd: str) -> str:
    """Run a command."""
    return os.popen(cmd).read()
`);
    expect(brief(findings)).toEqual([
      `${pyLine(5)} output-file-path medium`,
      `${pyLine(6)} output-file-path high`,
      `${pyLine(11)} agency-tool-args-sink high`,
      `${pyLine(16)} agency-tool-args-sink critical`,
    ]);
    expect(findings[2]!.message).toMatch(/^tool argument path \(line \d+\) reaches a file opened for reading/);
  });

  it('lowers a tool that needs approval, and skips an argument the schema pins to an enum', async () => {
    const findings = await scan('tools.ts', `import { execSync } from 'node:child_process';
import { tool } from 'ai';
import { z } from 'zod';
export const free = tool({ inputSchema: z.object({ cmd: z.string() }), execute: async ({ cmd }) => execSync(cmd) });
export const approved = tool({ inputSchema: z.object({ cmd: z.string() }), needsApproval: true, execute: async ({ cmd }) => execSync(cmd) });
export const pinned = tool({ inputSchema: z.object({ repo: z.enum(['web', 'api']) }), execute: async ({ repo }) => execSync(\`git -C /srv/\${repo} pull\`) });
export const field = tool({ inputSchema: z.object({ n: z.number().int() }), execute: async (args) => execSync(\`seq \${args.n}\`) });
`);
    expect(brief(findings)).toEqual(['4 agency-tool-args-sink critical', '5 agency-tool-args-sink high']);
  });

  it('lowers output of a configured LLM wrapper one step', async () => {
    const config = defaultConfig();
    config.llmWrappers = ['call_llm'];
    const findings = await scan('wrapped.py', `import subprocess
from .llm import call_llm

def run(task):
    subprocess.run(call_llm(task), shell=True)
`, config);
    expect(brief(findings)).toEqual(['5 output-shell high']);
  });
});

describe('quiet cases', () => {
  it('does not report literal programs with quoted or argv arguments, parameters, sanitizers and casts', async () => {
    const findings = await scan('safe.py', `${PY_HEADER}
import ast, html, shlex, sqlite3
from markupsafe import Markup

def safe(q):
    term = ask(q)
    subprocess.run(["grep", "--", term, "app.log"])
    os.system("grep " + shlex.quote(term) + " app.log")
    sqlite3.connect("x.db").execute("SELECT * FROM t WHERE name = ?", (term,))
    Markup("<p>" + html.escape(term) + "</p>")
    eval(str(int(term)) + " + 1")
    return ast.literal_eval(term)
`);
    expect(findings).toEqual([]);
  });

  it('does not treat JSON.parse as schema validation, and does not flag tool-call argument parsing', async () => {
    const findings = await scan('parse.ts', `import OpenAI from 'openai';
const client = new OpenAI();
export async function plan(goal: string) {
  const c = await client.chat.completions.create({ model: 'gpt-5.1', max_completion_tokens: 300, messages: [{ role: 'user', content: goal }] });
  const args = JSON.parse(c.choices[0].message.tool_calls![0].function.arguments);
  const plan = JSON.parse(c.choices[0].message.content ?? '{}');
  return [args, plan];
}
`);
    expect(brief(findings)).toEqual(['6 output-unsafe-deserialize low']);
  });
});

describe('engine behaviour the sink rules rely on', () => {
  const traceLabels = (model: ReturnType<typeof parsePython>, callee: string) => {
    const analysis = taintAnalysis(model, bindLlm(model), defaultConfig());
    const call = [...model.calls].reverse().find((c) => c.calleePath === callee)!;
    return analysis.tracesOf(call.args[0]!.value, call.functionIndex).map((t) => `${t.label}${t.sanitizers.length ? `[${t.sanitizers.join(',')}]` : ''}`);
  };

  it('guards only the checked member: block.type == "tool_use" does not clean block.input', () => {
    expect(traceLabels(parsePython('a.py', `${PY_HEADER}
def loop(q):
    reply = client.messages.create(model="claude-opus-4-6", max_tokens=300, messages=[])
    for block in reply.content:
        if block.type == "tool_use":
            sink(block.input)
`), 'sink')).toEqual(['tool']);
    const checked = traceLabels(parsePython('b.py', `${PY_HEADER}
import json
STYLES = {"a", "b"}
def f(q):
    data = json.loads(ask(q))
    if data["style"] not in STYLES:
        return
    sink(data["style"])
    other(data["prompt"])
`), 'sink');
    expect(checked).toEqual(['llm[allowlist]']);
    expect(traceLabels(parsePython('b.py', `${PY_HEADER}
import json
STYLES = {"a", "b"}
def f(q):
    data = json.loads(ask(q))
    if data["style"] not in STYLES:
        return
    sink(data["prompt"])
`), 'sink')).toEqual(['llm']);
  });

  it('joins Python paths with `/`, and follows array callbacks to the elements', () => {
    expect(traceLabels(parsePython('c.py', `${PY_HEADER}
def f(q):
    sink(BASE / ask(q))
`), 'sink')).toEqual(['llm']);
    const model = parseTypeScript('d.tsx', `'use client';
import { useChat } from '@ai-sdk/react';
export function C() {
  const { messages } = useChat();
  return messages.map((m) => m.parts.map((part) => sink(part.text)));
}
`);
    expect(traceLabels(model, 'sink')).toEqual(['llm']);
  });

  it('labels responses of chat endpoints and provider APIs as model output, other fetches as fetched', () => {
    const model = parseTypeScript('e.js', `
async function a() { const r = await fetch('/api/chat', { method: 'POST' }); sink(await r.json()); }
async function b() { const r = await fetch('https://api.anthropic.com/v1/messages', { method: 'POST' }); sink((await r.json()).content); }
async function c() { const r = await fetch('/api/products'); sink(await r.json()); }
`);
    const analysis = taintAnalysis(model, bindLlm(model), defaultConfig());
    const labels = model.calls.filter((call) => call.calleePath === 'sink').map((call) => analysis.tracesOf(call.args[0]!.value, call.functionIndex).map((t) => t.label));
    expect(labels).toEqual([['llm'], ['llm'], ['fetched']]);
  });
});
