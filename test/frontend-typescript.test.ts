import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { callsTo, onlyCall, showExpr as show } from './helpers/model.js';
import { isPositional, nthPositional, positionalValues, type Expr, type FileModel, type FunctionInfo } from '../src/analysis/model.js';
import { MAX_EXPR_DEPTH, parseTypeScript, typescriptLanguageOf } from '../src/analysis/typescript/index.js';

// ---- helpers -------------------------------------------------------------------------------------

function parse(source: string, path = 'src/app.ts'): FileModel {
  return parseTypeScript(path, source);
}

function fn(model: FileModel, name: string): FunctionInfo {
  const found = model.functions.filter((f) => f.name === name);
  expect(found, `functions named ${name}`).toHaveLength(1);
  return found[0]!;
}

function assignment(model: FileModel, target: string) {
  const found = model.assignments.filter((a) => a.target === target);
  expect(found, `assignments to ${target}`).toHaveLength(1);
  return found[0]!;
}

/** Source text covered by a span (single- or multi-line). */
function textAt(model: FileModel, span: { line: number; column: number; endLine: number; endColumn: number }): string {
  const lines = model.source.split('\n');
  if (span.line === span.endLine) return lines[span.line - 1]!.slice(span.column - 1, span.endColumn - 1);
  const first = lines[span.line - 1]!.slice(span.column - 1);
  const middle = lines.slice(span.line, span.endLine - 1);
  const last = lines[span.endLine - 1]!.slice(0, span.endColumn - 1);
  return [first, ...middle, last].join('\n');
}

// ---- realistic snippets -------------------------------------------------------------------------

describe('Next.js route handler calling Anthropic', () => {
  const source = `import Anthropic from '@anthropic-ai/sdk';
import type { NextRequest } from 'next/server';

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export async function POST(req: Request) {
  const { messages } = await req.json();
  const msg = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    system: \`You are \${persona}\`,
    messages,
  });
  return Response.json(msg);
}
`;
  const model = parse(source, 'app/api/chat/route.ts');

  it('records imports, including type-only ones', () => {
    expect(model.language).toBe('typescript');
    expect(model.imports.map((i) => [i.module, i.imported, i.local, i.typeOnly])).toEqual([
      ['@anthropic-ai/sdk', 'default', 'Anthropic', false],
      ['next/server', 'NextRequest', 'NextRequest', true],
    ]);
    expect(model.imports[0]!.span).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 43 });
  });

  it('records the exported handler with its annotated parameter', () => {
    const post = fn(model, 'POST');
    expect(post.exported).toBe(true);
    expect(post.isAsync).toBe(true);
    expect(post.parentIndex).toBeUndefined();
    expect(post.params).toHaveLength(1);
    expect(post.params[0]).toMatchObject({ name: 'req', annotation: 'Request', position: 0, rest: false });
    expect(post.span.line).toBe(6);
    expect(post.span.endLine).toBe(15);
    expect(post.bodySpan).toMatchObject({ line: 6, column: 42, endLine: 15, endColumn: 2 });
  });

  it('records the client construction and the LLM call with its options', () => {
    const ctor = onlyCall(model, 'Anthropic');
    expect(ctor.isNew).toBe(true);
    expect(ctor.functionIndex).toBeUndefined();
    expect(show(ctor.args[0]!.value)).toBe('{apiKey: process.env.ANTHROPIC_API_KEY}');

    const create = onlyCall(model, 'anthropic.messages.create');
    expect(create.awaited).toBe(true);
    expect(create.isNew).toBe(false);
    expect(create.functionIndex).toBe(fn(model, 'POST').index);
    expect(create.args).toHaveLength(1);
    expect(create.args[0]!.name).toBeUndefined();
    expect(show(create.args[0]!.value)).toBe(
      '{model: "claude-sonnet-4-5", max_tokens: 1024, system: template<"You are " {persona}>, messages: messages}',
    );
    expect(create.span).toEqual({ line: 8, column: 21, endLine: 13, endColumn: 5 });
    expect(textAt(model, create.callee.span)).toBe('anthropic.messages.create');
  });

  it('lowers the destructured request body and the call result into assignments', () => {
    const post = fn(model, 'POST');
    const messages = assignment(model, 'messages');
    expect(messages.constant).toBe(true);
    expect(messages.functionIndex).toBe(post.index);
    const json = onlyCall(model, 'req.json');
    expect(show(messages.value)).toBe(`await(call#${json.index}).messages`);
    expect(json.awaited).toBe(true);
    const msg = assignment(model, 'msg');
    expect(show(msg.value)).toBe(`await(call#${onlyCall(model, 'anthropic.messages.create').index})`);
    expect(show(assignment(model, 'anthropic').value)).toBe(`call#${onlyCall(model, 'Anthropic').index}`);
  });

  it('records the return and the env read', () => {
    expect(model.returns).toHaveLength(1);
    expect(show(model.returns[0]!.value)).toBe(`call#${onlyCall(model, 'Response.json').index}`);
    expect(model.returns[0]!.functionIndex).toBe(fn(model, 'POST').index);
    expect(model.envReads).toEqual([
      { name: 'ANTHROPIC_API_KEY', via: 'process.env', span: { line: 4, column: 43, endLine: 4, endColumn: 72 }, functionIndex: undefined },
    ]);
    expect(model.syntaxErrors).toEqual([]);
    expect(model.directives).toEqual([]);
  });
});

describe('Express app', () => {
  const source = `const express = require('express');
const { rateLimit } = require('express-rate-limit');
const OpenAI = require('openai').default;
const app = express();
const limiter = rateLimit({ windowMs: 60_000, max: 10 });
const openai = new OpenAI();

app.post('/chat', limiter, async (req, res) => {
  const { message, model = 'gpt-4o' } = req.body;
  try {
    const completion = await openai.chat.completions.create({
      model,
      messages: [{ role: 'system', content: 'You are helpful. User: ' + message + '.' }, ...history],
    });
    res.json({ reply: completion.choices[0].message.content });
  } catch (err) {
    res.status(500).send(err.message);
  }
});

app.listen(3000);
`;
  const model = parse(source, 'server.js');

  it('reads CommonJS requires as imports', () => {
    expect(model.language).toBe('javascript');
    expect(model.imports.map((i) => [i.module, i.imported, i.local])).toEqual([
      ['express', '*', 'express'],
      ['express-rate-limit', 'rateLimit', 'rateLimit'],
      ['openai', 'default', 'OpenAI'],
    ]);
  });

  it('links the handler to app.post with its argument position', () => {
    const post = onlyCall(model, 'app.post');
    expect(post.args.map((a) => show(a.value))).toEqual(['"/chat"', 'limiter', expect.stringMatching(/^fn#\d+$/)]);
    const handler = model.functions.find((f) => f.passedTo?.callIndex === post.index)!;
    expect(handler).toBeDefined();
    expect(handler.passedTo).toEqual({ callIndex: post.index, position: 2, property: undefined });
    expect(handler.name).toBeUndefined();
    expect(handler.isAsync).toBe(true);
    expect(handler.params.map((p) => [p.name, p.position])).toEqual([
      ['req', 0],
      ['res', 1],
    ]);
    expect(show(post.args[2]!.value)).toBe(`fn#${handler.index}`);
  });

  it('lowers destructuring with a default, string concatenation and spreads', () => {
    const handler = model.functions.find((f) => f.passedTo !== undefined)!;
    expect(show(assignment(model, 'message').value)).toBe('req.body.message');
    expect(show(assignment(model, 'model').value)).toBe('(req.body.model ?? "gpt-4o")');
    expect(assignment(model, 'model').functionIndex).toBe(handler.index);
    const create = onlyCall(model, 'openai.chat.completions.create');
    expect(show(create.args[0]!.value)).toBe(
      '{model: model, messages: [{role: "system", content: concat<"You are helpful. User: " {message} ".">}, spread(history)]}',
    );
    expect(create.functionIndex).toBe(handler.index);
  });

  it('records try/catch and the calls inside', () => {
    expect(model.tries).toHaveLength(1);
    const t = model.tries[0]!;
    expect(t.handlers).toHaveLength(1);
    expect(t.handlers[0]!.param).toBe('err');
    expect(t.bodySpan.line).toBe(10);
    expect(t.handlers[0]!.span.line).toBe(16);
    // `res.status(500).send(...)`: a call in the chain breaks the dotted path
    const send = model.calls.find((c) => c.callee.kind === 'member' && c.callee.property === 'send')!;
    expect(send.calleePath).toBeUndefined();
    expect(show(send.callee)).toBe(`call#${onlyCall(model, 'res.status').index}.send`);
    expect(show(send.args[0]!.value)).toBe('err.message');
  });

  it('records module-level calls without a function', () => {
    expect(onlyCall(model, 'app.listen').functionIndex).toBeUndefined();
    expect(callsTo(model, 'require')).toHaveLength(3);
    expect(callsTo(model, 'require').every((c) => c.functionIndex === undefined)).toBe(true);
  });
});

describe("'use client' React component", () => {
  const source = `'use client';
// Chat UI
import { useChat } from '@ai-sdk/react';
import { useState } from 'react';

export default function Chat({ initial }: { initial: string }) {
  const { messages, input, handleInputChange, handleSubmit } = useChat({ api: '/api/chat' });
  const [draft, setDraft] = useState(initial);
  return (
    <form onSubmit={handleSubmit}>
      {/* the history, rendered as HTML */}
      {messages.map((m) => (
        <div key={m.id} dangerouslySetInnerHTML={{ __html: m.content }} />
      ))}
      <p>// not a comment, /* nor this */ in JSX text</p>
      <input value={input} onChange={(e) => setDraft(e.target.value)} disabled />
    </form>
  );
}
`;
  const model = parse(source, 'app/chat/page.tsx');

  it('reads the directive prologue and the comments, including one inside JSX', () => {
    expect(model.directives).toEqual(['use client']);
    expect(model.comments.map((c) => c.text)).toEqual(['// Chat UI', '/* the history, rendered as HTML */']);
    expect(model.comments[1]!.span).toEqual({ line: 11, column: 8, endLine: 11, endColumn: 43 });
    expect(model.syntaxErrors).toEqual([]);
  });

  it('names the default-exported component and its destructured parameter', () => {
    const chat = fn(model, 'Chat');
    expect(chat.exported).toBe(true);
    expect(chat.params).toEqual([
      expect.objectContaining({ name: 'initial', annotation: 'string', destructuredFrom: 0, position: 0, rest: false }),
    ]);
  });

  it('records hooks and destructured results', () => {
    const useChat = onlyCall(model, 'useChat');
    expect(show(useChat.args[0]!.value)).toBe('{api: "/api/chat"}');
    expect(show(assignment(model, 'handleSubmit').value)).toBe(`call#${useChat.index}.handleSubmit`);
    const useState = onlyCall(model, 'useState');
    expect(show(assignment(model, 'draft').value)).toBe(`call#${useState.index}[0]`);
    expect(show(assignment(model, 'setDraft').value)).toBe(`call#${useState.index}[1]`);
  });

  it('lowers JSX elements to calls with attributes and children', () => {
    const div = onlyCall(model, 'div');
    expect(show(div.args[0]!.value)).toBe('{key: m.id, dangerouslySetInnerHTML: {__html: m.content}}');
    const input = onlyCall(model, 'input');
    expect(show(input.args[0]!.value)).toMatch(/^\{value: input, onChange: fn#\d+, disabled: true\}$/);
    const onChange = model.functions.find((f) => f.passedTo?.callIndex === input.index)!;
    expect(onChange.passedTo).toEqual({ callIndex: input.index, position: 0, property: 'onChange' });
    const p = onlyCall(model, 'p');
    expect(show(p.args[1]!.value)).toBe('"// not a comment, /* nor this */ in JSX text"');
    const form = onlyCall(model, 'form');
    expect(form.args.map((a) => show(a.value))).toEqual([
      '{onSubmit: handleSubmit}',
      `call#${onlyCall(model, 'messages.map').index}`,
      `call#${p.index}`,
      `call#${input.index}`,
    ]);
    // the returned expression is the form element
    expect(model.returns.map((r) => show(r.value))).toContain(`call#${form.index}`);
  });

  it('gives the map callback an implicit return of its expression body', () => {
    const map = onlyCall(model, 'messages.map');
    const callback = model.functions.find((f) => f.passedTo?.callIndex === map.index)!;
    expect(callback.parentIndex).toBe(fn(model, 'Chat').index);
    const ret = model.returns.find((r) => r.functionIndex === callback.index)!;
    expect(show(ret.value)).toBe(`call#${onlyCall(model, 'div').index}`);
  });
});

describe('Vercel AI SDK tools', () => {
  const source = `import { streamText, tool } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';
import { execSync } from 'node:child_process';
import { z } from 'zod';

export async function POST(req: Request) {
  const { messages } = await req.json();
  const result = streamText({
    model: anthropic('claude-sonnet-4-5'),
    messages,
    tools: {
      run: tool({
        description: 'Run a shell command',
        inputSchema: z.object({ cmd: z.string() }),
        execute: async ({ cmd }) => execSync(cmd).toString(),
      }),
      read: {
        description: 'Read a file',
        async execute({ path }: { path: string }) { return readFile(path); },
      },
    },
  });
  return result.toUIMessageStreamResponse();
}
`;
  const model = parse(source, 'app/api/agent/route.ts');

  it('links tool executors to the call they are passed to', () => {
    const tool = onlyCall(model, 'tool');
    const execute = model.functions.find((f) => f.passedTo?.callIndex === tool.index)!;
    expect(execute.passedTo).toEqual({ callIndex: tool.index, position: 0, property: 'execute' });
    expect(execute.name).toBe('execute');
    expect(execute.isAsync).toBe(true);
    expect(execute.parentIndex).toBe(fn(model, 'POST').index);
    expect(execute.params).toEqual([
      expect.objectContaining({ name: 'cmd', destructuredFrom: 0, position: 0, annotation: undefined }),
    ]);
    const ret = model.returns.find((r) => r.functionIndex === execute.index)!;
    const toString = model.calls[(ret.value as { callIndex: number }).callIndex]!;
    expect(show(toString.callee)).toBe(`call#${onlyCall(model, 'execSync').index}.toString`);
    expect(show(onlyCall(model, 'execSync').args[0]!.value)).toBe('cmd');
    expect(onlyCall(model, 'execSync').functionIndex).toBe(execute.index);
  });

  it('follows plain object tools with a dotted property path', () => {
    const streamText = onlyCall(model, 'streamText');
    const read = model.functions.find((f) => f.passedTo?.property === 'tools.read.execute')!;
    expect(read).toBeDefined();
    expect(read.passedTo).toEqual({ callIndex: streamText.index, position: 0, property: 'tools.read.execute' });
    expect(read.params).toEqual([expect.objectContaining({ name: 'path', annotation: 'string', destructuredFrom: 0 })]);
  });

  it('keeps nested calls as references, inner and outer all recorded', () => {
    const streamText = onlyCall(model, 'streamText');
    const options = streamText.args[0]!.value;
    expect(options.kind).toBe('object');
    const entries = (options as Extract<Expr, { kind: 'object' }>).entries;
    expect(entries.map((e) => e.key)).toEqual(['model', 'messages', 'tools']);
    expect(show(entries[0]!.value)).toBe(`call#${onlyCall(model, 'anthropic').index}`);
    expect(show(onlyCall(model, 'anthropic').args[0]!.value)).toBe('"claude-sonnet-4-5"');
    expect(onlyCall(model, 'z.object').args).toHaveLength(1);
    expect(onlyCall(model, 'z.string').args).toHaveLength(0);
    // calls are numbered in source order, outer before inner
    expect(streamText.index).toBeLessThan(onlyCall(model, 'anthropic').index);
    expect(onlyCall(model, 'tool').index).toBeLessThan(onlyCall(model, 'z.object').index);
    expect(model.calls.every((c, i) => c.index === i)).toBe(true);
  });
});

// ---- constructs, one at a time ------------------------------------------------------------------

describe('imports', () => {
  it('reads every ESM form', () => {
    const model = parse(`import Anthropic, { APIError as Err, type MessageParam } from '@anthropic-ai/sdk';
import * as ai from 'ai';
import type { Tool } from 'ai';
import 'server-only';
import fs = require('node:fs');
export { x } from './x';
`);
    expect(model.imports.map((i) => `${i.module}:${i.imported}->${i.local}${i.typeOnly ? ' (type)' : ''}`)).toEqual([
      '@anthropic-ai/sdk:default->Anthropic',
      '@anthropic-ai/sdk:APIError->Err',
      '@anthropic-ai/sdk:MessageParam->MessageParam (type)',
      'ai:*->ai',
      'ai:Tool->Tool (type)',
      'server-only:*->',
      'node:fs:*->fs',
    ]);
  });

  it('reads CommonJS requires and awaited dynamic imports', () => {
    const model = parse(`const a = require('a');
const { B, C: D } = require('b');
const E = require('e').default;
async function load() {
  const F = await import('f');
  const { G } = await import('g');
  const H = (await import('h')).default;
  const lazy = import('not-awaited');
}
`, 'load.cjs');
    expect(model.imports.map((i) => `${i.module}:${i.imported}->${i.local}`)).toEqual([
      'a:*->a',
      'b:B->B',
      'b:C->D',
      'e:default->E',
      'f:*->F',
      'g:G->G',
      'h:default->H',
    ]);
    const dynamic = callsTo(model, 'import');
    expect(dynamic).toHaveLength(4);
    expect(dynamic.filter((c) => c.awaited)).toHaveLength(3);
  });
});

describe('calls', () => {
  it('records spreads, optional chaining, this-paths, new without arguments and tagged templates', () => {
    const model = parse(`class Bot {
  constructor(private client = new Anthropic) { super(); }
  async ask(q: string, ...rest: string[]) {
    const r = await this.client.messages.create({ ...defaults, messages: [{ role: 'user', content: q }] }, ...rest);
    client?.chat?.completions.create?.(q);
    return sql\`select * from t where q = \${q}\`;
  }
}`);
    const create = onlyCall(model, 'this.client.messages.create');
    expect(create.awaited).toBe(true);
    expect(create.args.map((a) => [a.name, a.spread, show(a.value)])).toEqual([
      [undefined, false, '{...defaults, messages: [{role: "user", content: q}]}'],
      ['...', true, 'rest'],
    ]);
    expect(onlyCall(model, 'client.chat.completions.create').args.map((a) => show(a.value))).toEqual(['q']);
    const ctor = onlyCall(model, 'Anthropic');
    expect(ctor).toMatchObject({ isNew: true, args: [] });
    expect(onlyCall(model, 'super').args).toEqual([]);
    const sql = onlyCall(model, 'sql');
    expect(sql.args.map((a) => show(a.value))).toEqual(['template<"select * from t where q = " {q}>']);
    const ask = fn(model, 'ask');
    expect(ask.className).toBe('Bot');
    expect(ask.params.map((p) => [p.name, p.annotation, p.rest])).toEqual([
      ['q', 'string', false],
      ['rest', 'string[]', true],
    ]);
    expect(fn(model, 'constructor').params[0]).toMatchObject({ name: 'client', defaultValue: { kind: 'call', callIndex: ctor.index } });
  });

  it('records every call of a chain and of nested arguments', () => {
    const model = parse(`const out = fetchJson(url(base, path(id))).then((r) => r.json()).catch(log);`);
    expect(model.calls.map((c) => c.calleePath ?? show(c.callee))).toEqual([
      `call#1.catch`,
      `call#2.then`,
      'fetchJson',
      'url',
      'path',
      'r.json',
    ]);
    expect(show(model.calls[2]!.args[0]!.value)).toBe('call#3');
    expect(show(model.calls[3]!.args[1]!.value)).toBe('call#4');
    expect(model.calls.every((c) => !c.awaited)).toBe(true);
  });

  it('names no argument but spreads, so positional arguments need no language check', () => {
    const model = parse(`f(a, ...rest, b); tag\`x\${y}\`; const el = <Box title={t} {...props}>{child}{...kids}</Box>;`, 'src/app.tsx');
    for (const call of model.calls) for (const arg of call.args) expect(arg.name === undefined).toBe(!arg.spread);
    const f = onlyCall(model, 'f');
    expect(positionalValues(f).map((e) => show(e))).toEqual(['a', 'b']);
    expect(show(nthPositional(f, 1)?.value)).toBe('b');
    expect(nthPositional(f, 2)).toBeUndefined();
    expect(onlyCall(model, 'Box').args.map((a) => isPositional(a))).toEqual([true, true, false]);
  });

  it('marks only the awaited call', () => {
    const model = parse(`async function f() { const t = await (await fetch(u)).text(); await g().then(h); }`);
    expect(onlyCall(model, 'fetch').awaited).toBe(true);
    expect(model.calls.find((c) => c.callee.kind === 'member' && c.callee.property === 'text')!.awaited).toBe(true);
    expect(model.calls.find((c) => c.callee.kind === 'member' && c.callee.property === 'then')!.awaited).toBe(true);
    expect(onlyCall(model, 'g').awaited).toBe(false);
  });
});

describe('strings', () => {
  it('lowers templates and flattens + chains with a string into one concat', () => {
    const model = parse(`const a = \`Hello \${user.name}, you asked: \${q}\`;
const b = 'You are ' + role + ' and ' + tone + '.';
const c = prefix + \`[\${x}]\` + ('(' + y + ')');
const d = a + b;
const e = 1 + 2 + 3;
const f = \`plain\`;`);
    expect(show(assignment(model, 'a').value)).toBe('template<"Hello " {user.name} ", you asked: " {q}>');
    expect(show(assignment(model, 'b').value)).toBe('concat<"You are " {role} " and " {tone} ".">');
    expect(show(assignment(model, 'c').value)).toBe('concat<{prefix} "[" {x} "](" {y} ")">');
    expect(show(assignment(model, 'd').value)).toBe('(a + b)');
    expect(show(assignment(model, 'e').value)).toBe('((1 + 2) + 3)');
    expect(show(assignment(model, 'f').value)).toBe('"plain"');
    expect(textAt(model, assignment(model, 'b').value.span)).toBe(`'You are ' + role + ' and ' + tone + '.'`);
  });

  it('sees through parentheses, casts and non-null assertions; keeps await and unary', () => {
    const model = parse(`const a = (body as any).prompt!;
const b = <string>(x satisfies unknown);
async function h() { const c = await (q); }
const d = -1;
const e = !ok;
const f = void 0;
const g = cond ? 'x' : y;
const h = a ?? b ?? c;`);
    expect(show(assignment(model, 'a').value)).toBe('body.prompt');
    expect(show(assignment(model, 'b').value)).toBe('x');
    expect(show(assignment(model, 'c').value)).toBe('await(q)');
    expect(assignment(model, 'd').value).toMatchObject({ kind: 'number', value: -1 });
    expect(show(assignment(model, 'e').value)).toBe('unary:!(ok)');
    expect(show(assignment(model, 'f').value)).toBe('undefined');
    expect(show(assignment(model, 'g').value)).toBe('conditional(cond, "x", y)');
    expect(show(assignment(model, 'h').value)).toBe('((a ?? b) ?? c)');
    const other = assignment(model, 'g').value as Extract<Expr, { kind: 'other' }>;
    expect(other.text).toBe(`cond ? 'x' : y`);
  });
});

describe('assignments', () => {
  it('records declarations, expressions, augmented and this-targets', () => {
    const model = parse(`var a = 1; let b = 2; const c = 3;
b += 'x';
this.client = new OpenAI();
obj.deep.key = value;
items[0] = first;
let none;
x ??= fallback;`);
    expect(model.assignments.map((a) => [a.target, a.constant, a.augmented])).toEqual([
      ['a', false, false],
      ['b', false, false],
      ['c', true, false],
      ['b', false, true],
      ['this.client', false, false],
      ['obj.deep.key', false, false],
      ['items[0]', false, false],
      ['x', false, true],
    ]);
    expect(show(model.assignments[3]!.value)).toBe('"x"');
    expect(show(assignment(model, 'this.client').value)).toBe(`call#${onlyCall(model, 'OpenAI').index}`);
  });

  it('lowers nested, renamed, computed, array and rest destructuring', () => {
    const model = parse(`const { body: { messages, options: { temperature: temp = 0.7 } }, ['x-key']: key, ...rest } = req;
const [first, , third, ...others] = list;
const [{ id }] = rows;
({ a, b: this.b } = src);
[p, q] = [q, p];`);
    expect(show(assignment(model, 'messages').value)).toBe('req.body.messages');
    expect(show(assignment(model, 'temp').value)).toBe('(req.body.options.temperature ?? 0.7)');
    expect(show(assignment(model, 'key').value)).toBe('req.x-key');
    expect(show(assignment(model, 'rest').value)).toBe('rest(req)');
    expect(show(assignment(model, 'first').value)).toBe('list[0]');
    expect(show(assignment(model, 'third').value)).toBe('list[2]');
    expect(show(assignment(model, 'others').value)).toBe('rest(list)');
    expect(show(assignment(model, 'id').value)).toBe('rows[0].id');
    expect(show(assignment(model, 'a').value)).toBe('src.a');
    expect(show(assignment(model, 'this.b').value)).toBe('src.b');
    expect(show(assignment(model, 'p').value)).toBe('[q, p][0]');
    expect(show(assignment(model, 'q').value)).toBe('[q, p][1]');
    expect(assignment(model, 'messages').constant).toBe(true);
    expect(assignment(model, 'a').constant).toBe(false);
    expect(textAt(model, assignment(model, 'temp').span)).toBe('temperature: temp = 0.7');
  });

  it('binds for-of and for-in variables to the iterated value', () => {
    const model = parse(`for (const msg of body.messages) send(msg);
for (const { role, content } of history) {}
for (let k in obj) {}
for (item of list) {}`);
    expect(show(assignment(model, 'msg').value)).toBe('iterate(body.messages)');
    expect(assignment(model, 'msg').constant).toBe(true);
    expect(show(assignment(model, 'content').value)).toBe('iterate(history).content');
    expect(show(assignment(model, 'k').value)).toBe('keys(obj)');
    expect(show(assignment(model, 'item').value)).toBe('iterate(list)');
  });

  it('records class fields as this-targets', () => {
    const model = parse(`class Service {
  private readonly client = new Anthropic();
  static model = 'claude-sonnet-4-5';
  #secret = process.env.KEY;
  handle = async (req) => this.client.messages.create(req);
}`);
    expect(assignment(model, 'this.client').constant).toBe(true);
    expect(show(assignment(model, 'Service.model').value)).toBe('"claude-sonnet-4-5"');
    expect(show(assignment(model, 'this.#secret').value)).toBe('process.env.KEY');
    const handle = fn(model, 'handle');
    expect(handle.className).toBe('Service');
    expect(show(assignment(model, 'this.handle').value)).toBe(`fn#${handle.index}`);
    expect(onlyCall(model, 'this.client.messages.create').functionIndex).toBe(handle.index);
  });
});

describe('functions', () => {
  it('names functions from declarations, bindings, properties and classes', () => {
    const model = parse(`function plain(a, b = 2) {}
const arrow = async (x: number) => x * 2;
const expr = function () {};
const obj = { method() {}, prop: () => {}, get value() { return 1; } };
class A { m() {} static s() {} constructor() {} }
function* gen() { yield 1; }
module.exports.handler = async (event) => {};
`);
    expect(model.functions.map((f) => [f.name, f.className ?? null])).toEqual([
      ['plain', null],
      ['arrow', null],
      ['expr', null],
      ['method', null],
      ['prop', null],
      ['value', null],
      ['m', 'A'],
      ['s', 'A'],
      ['constructor', 'A'],
      ['gen', null],
      ['handler', null],
    ]);
    expect(fn(model, 'plain').params.map((p) => [p.name, show(p.defaultValue)])).toEqual([
      ['a', '∅'],
      ['b', '2'],
    ]);
    expect(fn(model, 'arrow').isAsync).toBe(true);
    expect(show(model.returns.find((r) => r.functionIndex === fn(model, 'arrow').index)!.value)).toBe('(x * 2)');
    expect(fn(model, 'gen').isGenerator).toBe(true);
    expect(fn(model, 'handler').exported).toBe(true);
    expect(fn(model, 'plain').exported).toBe(false);
  });

  it('marks exports in every form', () => {
    const model = parse(`export function GET() {}
export const POST = async (req: Request) => {};
async function PUT() {}
const DELETE = () => {};
function helper() {}
export { PUT, DELETE as PATCH };
export default async function (req, res) {}
`);
    const exported = model.functions.filter((f) => f.exported).map((f) => f.name);
    expect(exported).toEqual(['GET', 'POST', 'PUT', 'DELETE', 'default']);
    expect(fn(model, 'helper').exported).toBe(false);

    const arrowDefault = parse(`export default async (req, res) => { res.end(); };`);
    expect(arrowDefault.functions[0]).toMatchObject({ name: 'default', exported: true });

    const cjs = parse(`async function handler(req, res) {}
function other() {}
module.exports = { handler, run: async () => {} };`, 'api.js');
    expect(cjs.functions.filter((f) => f.exported).map((f) => f.name)).toEqual(['handler', 'run']);
  });

  it('records decorators, nesting and body spans', () => {
    const model = parse(`@Controller('chat')
class ChatController {
  @Post('/send')
  @UseGuards(AuthGuard)
  async send(@Body() body: ChatDto) {
    const inner = () => { return body.text; };
  }
}`);
    const send = fn(model, 'send');
    expect(send.decorators.map((d) => show(d))).toEqual([
      `call#${onlyCall(model, 'Post').index}`,
      `call#${onlyCall(model, 'UseGuards').index}`,
    ]);
    expect(onlyCall(model, 'Post').functionIndex).toBeUndefined();
    expect(send.params[0]).toMatchObject({ name: 'body', annotation: 'ChatDto' });
    expect(fn(model, 'inner').parentIndex).toBe(send.index);
    expect(textAt(model, fn(model, 'inner').bodySpan)).toBe('{ return body.text; }');
    expect(model.returns.find((r) => r.functionIndex === fn(model, 'inner').index)).toBeDefined();
  });

  it('links callbacks passed directly to calls, including middleware lists and promises', () => {
    const model = parse(`router.get('/x', auth, function named(req, res) {}, (req, res) => {});
new Promise((resolve) => setTimeout(resolve, 10));
const wrapped = withAuth(async (req) => handler(req));`);
    const get = onlyCall(model, 'router.get');
    expect(fn(model, 'named').passedTo).toEqual({ callIndex: get.index, position: 2, property: undefined });
    expect(model.functions[1]!.passedTo).toEqual({ callIndex: get.index, position: 3, property: undefined });
    expect(model.functions[2]!.passedTo).toEqual({ callIndex: onlyCall(model, 'Promise').index, position: 0, property: undefined });
    expect(model.functions[3]!.passedTo).toEqual({ callIndex: onlyCall(model, 'withAuth').index, position: 0, property: undefined });
    expect(model.functions[3]!.name).toBeUndefined();
  });
});

describe('loops', () => {
  it('classifies loops and detects infinite ones', () => {
    const model = parse(`while (true) { if (done) break; }
while (1) {}
for (;;) {}
do { step(); } while (!0);
while (attempts < 3) {}
for (let i = 0; i < n; i++) {}
for (const k in obj) {}
for await (const chunk of stream) {}`);
    expect(model.loops.map((l) => [l.kind, l.infinite, show(l.condition), show(l.iterable)])).toEqual([
      ['while', true, 'true', '∅'],
      ['while', true, '1', '∅'],
      ['for', true, '∅', '∅'],
      ['do-while', true, 'true', '∅'],
      ['while', false, '(attempts < 3)', '∅'],
      ['for', false, '(i < n)', '∅'],
      ['for-in', false, '∅', 'obj'],
      ['for-in', false, '∅', 'stream'],
    ]);
    expect(model.loops[0]!.breaks).toHaveLength(1);
    expect(textAt(model, model.loops[0]!.bodySpan)).toBe('{ if (done) break; }');
  });

  it('assigns each break to the loop it leaves', () => {
    const model = parse(`outer: while (true) {
  for (const x of xs) {
    switch (x) { case 1: break; }
    if (x === 2) break;
    if (x === 3) break outer;
    items.forEach(() => { while (true) { break; } });
  }
  block: { break block; }
}`);
    const [outer, inner, inCallback] = model.loops;
    expect(outer!.breaks.map((b) => b.line)).toEqual([5]);
    expect(inner!.breaks.map((b) => b.line)).toEqual([4]);
    expect(inCallback!.breaks.map((b) => b.line)).toEqual([6]);
    expect(inCallback!.functionIndex).toBe(0);
  });
});

describe('conditions', () => {
  it('records if statements and conditional expressions with exits', () => {
    const model = parse(`function handle(model) {
  if (!ALLOWED.includes(model)) return new Response('bad', { status: 400 });
  if (model === 'x') { log(model); }
  else { other(); }
  if (a) { throw new Error('no'); }
  if (b) { process.exit(1); }
  if (c) { if (d) return 1; else return 2; }
  if (e) { if (f) return 1; }
  const t = ok ? model : 'default';
}`);
    expect(model.conditions.map((c) => [show(c.test), c.consequentExits, c.alternateSpan !== undefined])).toEqual([
      [`unary:!(call#0)`, true, false],
      ['(model === "x")', false, true],
      ['a', true, false],
      ['b', true, false],
      ['c', true, false],
      ['d', true, true],
      ['e', false, false],
      ['f', true, false],
      ['ok', false, true],
    ]);
    expect(textAt(model, model.conditions[0]!.consequentSpan)).toBe(`return new Response('bad', { status: 400 });`);
    expect(textAt(model, model.conditions[8]!.consequentSpan)).toBe('model');
    expect(model.conditions.every((c) => c.functionIndex === 0)).toBe(true);
  });

  it('treats continue in a loop as an exit', () => {
    const model = parse(`for (const m of ms) { if (m.role === 'system') continue; out.push(m); }`);
    expect(model.conditions[0]!.consequentExits).toBe(true);
  });
});

describe('environment reads', () => {
  it('finds member, index, import.meta and destructured reads', () => {
    const model = parse(`const a = process.env.OPENAI_API_KEY;
const b = process.env['ANTHROPIC_API_KEY'];
const c = import.meta.env.VITE_OPENAI_KEY;
const { NEXT_PUBLIC_KEY, SECRET: secret, ...restEnv } = process.env;
function f() { return process.env?.MODEL ?? 'x'; }
const all = process.env;
const dyn = process.env[name];`);
    expect(model.envReads.map((r) => [r.name, r.via, r.functionIndex ?? null])).toEqual([
      ['OPENAI_API_KEY', 'process.env', null],
      ['ANTHROPIC_API_KEY', 'process.env', null],
      ['VITE_OPENAI_KEY', 'import.meta.env', null],
      ['NEXT_PUBLIC_KEY', 'process.env', null],
      ['SECRET', 'process.env', null],
      ['MODEL', 'process.env', 0],
    ]);
    expect(textAt(model, model.envReads[1]!.span)).toBe(`process.env['ANTHROPIC_API_KEY']`);
    expect(textAt(model, model.envReads[4]!.span)).toBe('SECRET: secret');
    expect(show(assignment(model, 'secret').value)).toBe('process.env.SECRET');
  });
});

describe('comments and directives', () => {
  it('finds every comment, and nothing inside strings, templates or regexes', () => {
    const model = parse(`#!/usr/bin/env node
/** Docs */
const url = 'http://example.com'; // trailing
const re = /\\/\\/x/g; /* after regex */
const t = \`// \${a /* in substitution */} /* not */\`;
call(/* arg */ 1, 2 /* two */,
  // before paren
);
function f() {
  // last line of a block
}
// promptgate-ignore injection-system-prompt: reviewed
`);
    expect(model.comments.map((c) => c.text)).toEqual([
      '/** Docs */',
      '// trailing',
      '/* after regex */',
      '/* in substitution */',
      '/* arg */',
      '/* two */',
      '// before paren',
      '// last line of a block',
      '// promptgate-ignore injection-system-prompt: reviewed',
    ]);
    expect(model.comments[1]!.span).toEqual({ line: 3, column: 35, endLine: 3, endColumn: 46 });
    expect(model.comments[8]!.span.line).toBe(12);
  });

  it('reads multi-line block comments with their span', () => {
    const model = parse(`const a = 1; /* one
two */ const b = 2;`);
    expect(model.comments).toEqual([{ text: '/* one\ntwo */', span: { line: 1, column: 14, endLine: 2, endColumn: 7 } }]);
  });

  it('reads the directive prologue only', () => {
    expect(parse(`"use server";\n'use strict';\nexport async function act() {}`).directives).toEqual(['use server', 'use strict']);
    expect(parse(`// header\n'use client'\nimport x from 'y';`).directives).toEqual(['use client']);
    expect(parse(`import x from 'y';\n'use client';`).directives).toEqual([]);
  });
});

// ---- robustness ---------------------------------------------------------------------------------

describe('robustness', () => {
  it('keeps lowering around syntax errors and lists them', () => {
    const model = parse(`const before = client.messages.create({ model: 'a' });
const broken = foo(1, ;
let = = 2;
after(1);
function later() { return llm.invoke(x) }
`);
    expect(model.syntaxErrors).toEqual([
      { message: "')' expected.", line: 2, column: 23 },
      { message: 'Expression expected.', line: 3, column: 7 },
    ]);
    expect(model.calls.map((c) => [c.calleePath, c.span.line])).toEqual([
      ['client.messages.create', 1],
      ['foo', 2],
      ['after', 4],
      ['llm.invoke', 5],
    ]);
    expect(fn(model, 'later').span.line).toBe(5);
  });

  it('lowers what it can of a file that is mostly not code', () => {
    const model = parse('}}} ((( <<< @@@ \u0000 \' unterminated\n`also ${', 'junk.js');
    expect(model.syntaxErrors.length).toBeGreaterThan(0);
    expect(model.syntaxErrors.length).toBeLessThanOrEqual(50);
  });

  it('gives the same lines and columns for LF, CRLF and a BOM', () => {
    const lf = `import OpenAI from 'openai';\n// note\nconst c = new OpenAI();\nasync function go() {\n  return c.chat.completions.create({ model: 'gpt-4o' });\n}\n`;
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = parse(lf);
    const b = parse(crlf);
    const c = parse('\uFEFF' + crlf);
    const strip = (m: FileModel) => JSON.stringify({ ...m, source: undefined });
    expect(strip(b)).toBe(strip(a));
    expect(strip(c)).toBe(strip(a));
    expect(c.source.startsWith('import')).toBe(true);
    expect(c.source).toContain('\r\n');
    expect(onlyCall(c, 'c.chat.completions.create').span).toEqual({ line: 5, column: 10, endLine: 5, endColumn: 56 });
    expect(c.comments[0]).toEqual({ text: '// note', span: { line: 2, column: 1, endLine: 2, endColumn: 8 } });
  });

  it('counts columns in UTF-16 code units', () => {
    const model = parse(`const s = '😀é'; run(s);`);
    // '😀' is two UTF-16 units: `run` starts at column 18
    expect(onlyCall(model, 'run').span).toMatchObject({ line: 1, column: 18, endColumn: 24 });
  });

  it('parses JSX in .js and .jsx files, and picks the language from the extension', () => {
    for (const path of ['pages/index.js', 'components/App.jsx', 'app.mjs']) {
      const model = parse(`export default function Page() { return <div className="x">{fetchData()}</div>; }`, path);
      expect(model.syntaxErrors, path).toEqual([]);
      expect(model.language).toBe('javascript');
      expect(callsTo(model, 'div'), path).toHaveLength(1);
      expect(callsTo(model, 'fetchData'), path).toHaveLength(1);
    }
    expect(typescriptLanguageOf('a/b.tsx')).toBe('typescript');
    expect(typescriptLanguageOf('a/b.cjs')).toBe('javascript');
    expect(typescriptLanguageOf('a/b.py')).toBeUndefined();
    // TS files do not take JSX (`<div>` is a type assertion there)
    expect(parse(`const a = <div>x</div>;`, 'a.ts').syntaxErrors.length).toBeGreaterThan(0);
  });

  it('parses a 1 MiB single-line minified file', () => {
    const unit = (i: number) => `function a${i}(b){return b.c(d,"x"+b)}var e${i}=a${i}(1);`;
    const parts: string[] = [];
    let size = 0;
    let count = 0;
    while (size < 1 << 20) {
      const u = unit(count++);
      parts.push(u);
      size += u.length;
    }
    const model = parse(parts.join(''), 'dist/bundle.min.js');
    expect(model.syntaxErrors).toEqual([]);
    expect(model.functions).toHaveLength(count);
    expect(model.calls).toHaveLength(2 * count);
    expect(model.calls[model.calls.length - 1]!.span.line).toBe(1);
    expect(model.calls[model.calls.length - 1]!.span.column).toBeGreaterThan(1 << 19);
  });

  it('bounds expression depth for long operator chains and deep literals', () => {
    const chain = Array.from({ length: 2000 }, (_, i) => `v${i}`).join(' || ');
    const arrays = '['.repeat(300) + 'leaf()' + ']'.repeat(300);
    const model = parse(`const a = ${chain};\nconst b = ${arrays};`);
    expect(model.syntaxErrors).toEqual([]);
    const depth = (e: Expr): number => {
      let max = 0;
      const visit = (x: Expr, d: number) => {
        max = Math.max(max, d);
        if (x.kind === 'binary') { visit(x.left, d + 1); visit(x.right, d + 1); }
        else if (x.kind === 'array') x.elements.forEach((y) => visit(y, d + 1));
        else if (x.kind === 'other') x.children.forEach((y) => visit(y, d + 1));
      };
      visit(e, 0);
      return max;
    };
    const a = assignment(model, 'a').value;
    expect(depth(a)).toBeLessThanOrEqual(MAX_EXPR_DEPTH);
    expect(show(a).endsWith('|| v1999)')).toBe(true);
    const b = assignment(model, 'b').value;
    expect(depth(b)).toBeLessThanOrEqual(MAX_EXPR_DEPTH);
    // the call at the bottom is still recorded
    expect(callsTo(model, 'leaf')).toHaveLength(1);
  });

  it('never throws on 5,000-deep nesting, and says why when it cannot parse here', () => {
    const normal = `const c = new OpenAI();\nconst r = await c.responses.create({ input: q });\n`;
    const before = JSON.stringify(parse(normal));
    const deep = `const first = f(1);\nx = ${'('.repeat(5000)}g(2)${')'.repeat(5000)};\nh(3);\n`;
    const model = parse(deep);
    // Running from TypeScript sources (as here) there is no JavaScript bundle to start a worker from, so the
    // model says the file was not parsed; the bundled path, where a worker parses it, is tested below.
    expect(model.syntaxErrors).toEqual([
      { message: 'nesting too deep to parse (5001 levels); scanned for secrets only', line: 2, column: 5006 },
    ]);
    expect(model.source).toBe(deep);
    expect(model.calls).toEqual([]);
    for (const nested of ['['.repeat(5000) + ']'.repeat(5000), 'if (a) {'.repeat(5000) + '}'.repeat(5000), '{'.repeat(100_000)]) {
      const m = parse(nested);
      expect(m.syntaxErrors[0]!.message).toMatch(/^nesting too deep to parse \(\d+ levels\)/);
    }
    // the parser is still sound after overflowing
    expect(JSON.stringify(parse(normal))).toBe(before);
  });
});

describe('deep nesting from the bundle', () => {
  it('parses a 5,000-deep file in a worker with a large stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-ts-deep-'));
    try {
      const entry = join(dir, 'entry.ts');
      const frontEnd = fileURLToPath(new URL('../src/analysis/typescript/index.ts', import.meta.url));
      writeFileSync(
        entry,
        `import { parseTypeScript, isDeepParseWorker } from ${JSON.stringify(frontEnd)};
if (isDeepParseWorker()) throw new Error('the entry must not run in the worker');
const n = 5000;
const results = [
  parseTypeScript('paren.ts', 'const first = f(1);\\nx = ' + '('.repeat(n) + 'g(2)' + ')'.repeat(n) + ';\\nh(3);\\n'),
  parseTypeScript('arrays.js', 'f(1);\\nx = ' + '['.repeat(n) + 'g(2)' + ']'.repeat(n) + ';\\nh(3);\\n'),
  parseTypeScript('ifs.ts', 'f(1);\\n' + 'if (a) {'.repeat(n) + 'g(2)' + '}'.repeat(n) + '\\nh(3);\\n'),
  parseTypeScript('huge.ts', '['.repeat(1_000_000)),
];
process.stdout.write(JSON.stringify(results.map((m) => ({
  calls: m.calls.map((c) => c.calleePath),
  conditions: m.conditions.length,
  errors: m.syntaxErrors.map((e) => e.message),
}))));
`,
      );
      const out = join(dir, 'bundle.mjs');
      await build({
        entryPoints: [entry],
        bundle: true,
        platform: 'node',
        format: 'esm',
        outfile: out,
        logLevel: 'silent',
        banner: {
          js: [
            "import { createRequire as __pgRequire } from 'node:module';",
            "import { fileURLToPath as __pgPath } from 'node:url';",
            "import { dirname as __pgDir } from 'node:path';",
            'const require = __pgRequire(import.meta.url);',
            'const __filename = __pgPath(import.meta.url);',
            'const __dirname = __pgDir(__filename);',
          ].join('\n'),
        },
      });
      const stdout = execFileSync(process.execPath, [out], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const [paren, arrays, ifs, huge] = JSON.parse(stdout) as Array<{ calls: string[]; conditions: number; errors: string[] }>;
      expect(paren).toEqual({ calls: ['f', 'g', 'h'], conditions: 0, errors: [] });
      expect(arrays).toEqual({ calls: ['f', 'g', 'h'], conditions: 0, errors: [] });
      expect(ifs).toEqual({ calls: ['f', 'g', 'h'], conditions: 5000, errors: [] });
      // beyond even the worker's stack: a clear syntax error, no crash
      expect(huge!.calls).toEqual([]);
      expect(huge!.errors).toEqual(['nesting too deep to parse (1000000 levels); scanned for secrets only']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
