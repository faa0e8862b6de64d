import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { callsTo, onlyCall, showExpr } from './helpers/model.js';
import { forEachChildExpr, nthPositional, positionalValues, type Call, type Expr, type FileModel, type Span } from '../src/analysis/model.js';
import { copyTree, describeGrammar, grammarTables } from '../src/analysis/python/flat-tree.js';
import { initPython, parsePython, PYTHON_WASM_FILES, resolveWasmSources } from '../src/analysis/python/index.js';
import { pythonRuntime } from '../src/analysis/python/runtime.js';

// ---- helpers -------------------------------------------------------------------------------------

const show = (e: Expr | undefined): string => showExpr(e, '**');

function arg(call: Call, name: string | number): Expr | undefined {
  if (typeof name === 'number') return call.args.filter((a) => a.name === undefined)[name]?.value;
  return call.args.find((a) => a.name === name)?.value;
}

function assignmentsTo(model: FileModel, target: string): string[] {
  return model.assignments.filter((a) => a.target === target).map((a) => show(a.value));
}

/** `[line, column, endLine, endColumn]`. */
function at(span: Span): [number, number, number, number] {
  return [span.line, span.column, span.endLine, span.endColumn];
}

/** Where `needle` starts in `source`, as 1-based line and UTF-16 column. */
function locate(source: string, needle: string, from = 0): { line: number; column: number } {
  const offset = source.indexOf(needle, from);
  expect(offset, `"${needle}" in source`).toBeGreaterThanOrEqual(0);
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** Depth of an expression tree, measured without recursion. */
function exprDepth(root: Expr): number {
  let max = 0;
  const stack: Array<[Expr, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [e, d] = stack.pop()!;
    max = Math.max(max, d);
    forEachChildExpr(e, (child) => stack.push([child, d + 1]));
  }
  return max;
}

const py = (lines: string[]): string => lines.join('\n') + '\n';

// ---- loading ---------------------------------------------------------------------------------------

describe('loading', () => {
  it('refuses to parse before initPython() with a message that says what to do', async () => {
    vi.resetModules(); // a fresh copy of the module, never initialised
    const fresh = await import('../src/analysis/python/index.js');
    expect(() => fresh.parsePython('a.py', 'x = 1\n')).toThrow(/await initPython\(\)/);
  });

  it('loads once: concurrent and repeated calls share the runtime', async () => {
    await Promise.all([initPython(), initPython(), initPython()]);
    await initPython();
    const model = parsePython('a.py', 'x = 1\n');
    expect(model.language).toBe('python');
    expect(model.assignments.map((a) => a.target)).toEqual(['x']);
  });

  it('names the wasm files the packager copies, and finds them in node_modules', () => {
    const sources = resolveWasmSources();
    expect(sources.map((s) => basename(s))).toEqual([...PYTHON_WASM_FILES]);
    expect(PYTHON_WASM_FILES).toEqual(['web-tree-sitter.wasm', 'tree-sitter-python.wasm']);
    for (const s of sources) expect(existsSync(s), s).toBe(true);
  });
});

beforeAll(async () => {
  await initPython();
});

describe('copying the tree out of wasm', () => {
  const pythonFiles = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.py'))
      .map((name) => join(dir, name));
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const broken = ['def f(:\n  return client.messages.create(model=, system=f"{x}"\n', 'class A(\n    x = [1, 2\n', 'if True:\n\tpass\n  else\n'];

  it('the raw cursor exports copy exactly what the public TreeCursor copies, errors and MISSING nodes included', () => {
    const { parser, language, rawCursor } = pythonRuntime();
    // The pinned web-tree-sitter exposes them: the fast path is the one that runs.
    expect(rawCursor).toBeDefined();
    const tables = grammarTables(describeGrammar(language));
    const sources = [
      ...['examples', 'test/precision', 'test/fixtures/rules'].flatMap((dir) => pythonFiles(join(repo, dir))).map((file) => readFileSync(file, 'utf8')),
      ...broken,
    ];
    expect(sources.length).toBeGreaterThan(40);
    let nodes = 0;
    let missing = 0;
    for (const source of sources) {
      const tree = parser.parse(source)!;
      try {
        const fast = copyTree(tree, tables, rawCursor);
        const slow = copyTree(tree, tables);
        expect(fast.count).toBe(slow.count);
        for (const column of ['type', 'field', 'start', 'end', 'parent', 'firstChild', 'nextSibling', 'missing'] as const)
          expect(Array.from(fast[column]), column).toEqual(Array.from(slow[column]));
        nodes += fast.count;
        missing += fast.missing.reduce((sum, m) => sum + m, 0);
      } finally {
        tree.delete();
      }
    }
    expect(nodes).toBeGreaterThan(10_000);
    expect(missing).toBeGreaterThan(0);
    // The cursor went back to its TreeCursor: parsing goes on normally afterwards.
    expect(parsePython('a.py', 'x = 1\n').assignments.map((a) => a.target)).toEqual(['x']);
  });
});

// ---- realistic snippets ------------------------------------------------------------------------------

describe('a Flask route', () => {
  const source = py([
    'import os',
    'from flask import Flask, request, abort',
    'from anthropic import Anthropic',
    '',
    'app = Flask(__name__)',
    'client = Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])',
    'ALLOWED = {"pirate", "poet"}',
    '',
    '@app.route("/chat", methods=["POST"])',
    'def chat():',
    '    style = request.json["style"]  # the user picks the persona',
    '    if style not in ALLOWED: abort(400)',
    '    text = request.json.get("text", "")',
    '    msg = client.messages.create(',
    '        model="claude-sonnet-4-5",',
    '        max_tokens=1024,',
    '        system=f"Talk like {style}",',
    '        messages=[{"role": "user", "content": text}],',
    '    )',
    '    return {"answer": msg.content[0].text}',
  ]);
  let model: FileModel;
  beforeAll(() => {
    model = parsePython('app.py', source);
  });

  it('lowers the handler with its route decorator', () => {
    expect(model.syntaxErrors).toEqual([]);
    expect(model.functions).toHaveLength(1);
    const chat = model.functions[0]!;
    expect(chat).toMatchObject({ name: 'chat', className: undefined, exported: true, isAsync: false, parentIndex: undefined });
    expect(chat.decorators.map(show)).toHaveLength(1);
    const decorator = chat.decorators[0]!;
    expect(decorator.kind).toBe('call');
    const route = model.calls[(decorator as { callIndex: number }).callIndex]!;
    expect(route.calleePath).toBe('app.route');
    expect(show(arg(route, 0))).toBe('"/chat"');
    expect(show(arg(route, 'methods'))).toBe('["POST"]');
    expect(route.functionIndex).toBeUndefined();
    expect(at(chat.span)[0]).toBe(10);
    expect(at(chat.bodySpan)[0]).toBe(11);
  });

  it('lowers the LLM call with keyword arguments, the f-string system prompt and the messages list', () => {
    const create = onlyCall(model, 'client.messages.create');
    expect(create.functionIndex).toBe(0);
    expect(create.awaited).toBe(false);
    expect(create.args.map((a) => a.name)).toEqual(['model', 'max_tokens', 'system', 'messages']);
    expect(show(arg(create, 'model'))).toBe('"claude-sonnet-4-5"');
    expect(show(arg(create, 'max_tokens'))).toBe('1024');
    expect(show(arg(create, 'system'))).toBe('fstring<"Talk like " {style}>');
    expect(show(arg(create, 'messages'))).toBe('[{role: "user", content: text}]');
    const start = locate(source, 'client.messages.create');
    expect(at(create.span)).toEqual([start.line, start.column, 19, 6]);
    expect(create.callee.kind).toBe('member');
  });

  it('records where request data flows', () => {
    expect(assignmentsTo(model, 'style')).toEqual(['request.json["style"]']);
    expect(assignmentsTo(model, 'text')).toEqual([`call#${onlyCall(model, 'request.json.get').index}`]);
    expect(assignmentsTo(model, 'msg')).toEqual([`call#${create().index}`]);
    expect(model.assignments.find((a) => a.target === 'style')!.functionIndex).toBe(0);
    expect(assignmentsTo(model, 'client')).toEqual([`call#${onlyCall(model, 'Anthropic').index}`]);
    expect(assignmentsTo(model, 'ALLOWED')).toEqual(['["pirate", "poet"]']);
    expect(model.assignments.every((a) => a.constant === false)).toBe(true);
    function create(): Call {
      return onlyCall(model, 'client.messages.create');
    }
  });

  it('sees the allow-list guard that aborts', () => {
    expect(model.conditions).toHaveLength(1);
    const guard = model.conditions[0]!;
    expect(show(guard.test)).toBe('(style not in ALLOWED)');
    expect(guard.consequentExits).toBe(true);
    expect(guard.alternateSpan).toBeUndefined();
    expect(guard.functionIndex).toBe(0);
    expect(at(guard.span)).toEqual([12, 5, 12, 40]);
  });

  it('returns, env reads, imports and comments', () => {
    expect(model.returns.map((r) => show(r.value))).toEqual(['{answer: msg.content[0].text}']);
    expect(model.returns[0]!.functionIndex).toBe(0);
    expect(model.envReads).toEqual([
      { name: 'ANTHROPIC_API_KEY', via: 'os.environ', span: expect.any(Object), functionIndex: undefined },
    ]);
    expect(model.imports.map((i) => `${i.module}:${i.imported}:${i.local}`)).toEqual([
      'os:*:os',
      'flask:Flask:Flask',
      'flask:request:request',
      'flask:abort:abort',
      'anthropic:Anthropic:Anthropic',
    ]);
    expect(model.imports.every((i) => !i.typeOnly)).toBe(true);
    const comment = locate(source, '# the user');
    expect(model.comments).toEqual([
      {
        text: '# the user picks the persona',
        span: { line: comment.line, column: comment.column, endLine: comment.line, endColumn: comment.column + 28 },
      },
    ]);
    expect(model.directives).toEqual([]);
  });
});

describe('a FastAPI handler with a pydantic body', () => {
  const source = py([
    'from fastapi import FastAPI, Body, Depends',
    'from pydantic import BaseModel',
    'from openai import AsyncOpenAI',
    '',
    'app = FastAPI()',
    'client = AsyncOpenAI()',
    '',
    'class ChatRequest(BaseModel):',
    '    message: str',
    '    history: list[dict] = []',
    '',
    '@app.post("/chat")',
    'async def chat(body: ChatRequest, user=Depends(current_user), *, temperature: float = Body(0.2)) -> dict:',
    '    completion = await client.chat.completions.create(',
    '        model="gpt-4o",',
    '        messages=[{"role": "system", "content": "You help."}, *body.history, {"role": "user", "content": body.message}],',
    '    )',
    '    return completion.choices[0].message.content',
  ]);

  it('keeps parameter annotations, defaults and positions', () => {
    const model = parsePython('api.py', source);
    const chat = model.functions.find((f) => f.name === 'chat')!;
    expect(chat.isAsync).toBe(true);
    expect(chat.params.map((p) => [p.name, p.annotation, show(p.defaultValue), p.position, p.rest])).toEqual([
      ['body', 'ChatRequest', '∅', 0, false],
      ['user', undefined, `call#${onlyCall(model, 'Depends').index}`, 1, false],
      ['temperature', 'float', `call#${onlyCall(model, 'Body').index}`, 2, false],
    ]);
    // Defaults run when the def runs: outside the handler.
    expect(onlyCall(model, 'Depends').functionIndex).toBeUndefined();
    expect(chat.decorators.map(show)).toEqual([`call#${onlyCall(model, 'app.post').index}`]);
  });

  it('marks the awaited call and lowers starred list elements as spreads', () => {
    const model = parsePython('api.py', source);
    const create = onlyCall(model, 'client.chat.completions.create');
    expect(create.awaited).toBe(true);
    expect(show(arg(create, 'messages'))).toBe(
      '[{role: "system", content: "You help."}, spread(body.history), {role: "user", content: body.message}]',
    );
    expect(assignmentsTo(model, 'completion')).toEqual([`await(call#${create.index})`]);
    expect(model.returns.map((r) => show(r.value))).toEqual(['completion.choices[0].message.content']);
    // Class-level annotated assignment with a value is an assignment; a bare annotation is not.
    expect(assignmentsTo(model, 'history')).toEqual(['[]']);
    expect(assignmentsTo(model, 'message')).toEqual([]);
  });
});

describe('a class holding its client', () => {
  const source = py([
    'from openai import OpenAI',
    '',
    'class Assistant:',
    '    def __init__(self, api_key: str | None = None):',
    '        self.client = OpenAI(api_key=api_key)',
    '',
    '    def ask(self, *args, **params):',
    '        def helper():',
    '            return 1',
    '        return self.client.chat.completions.create(**params)',
  ]);

  it('records attribute targets and method calls through self', () => {
    const model = parsePython('bot.py', source);
    expect(assignmentsTo(model, 'self.client')).toEqual([`call#${onlyCall(model, 'OpenAI').index}`]);
    const create = onlyCall(model, 'self.client.chat.completions.create');
    expect(create.args).toEqual([
      { name: '**', value: expect.objectContaining({ kind: 'name', name: 'params' }), spread: true, span: expect.any(Object) },
    ]);
    const [init, ask, helper] = model.functions;
    expect(init).toMatchObject({ name: '__init__', className: 'Assistant', exported: false });
    expect(init!.params.map((p) => [p.name, p.annotation, show(p.defaultValue)])).toEqual([
      ['self', undefined, '∅'],
      ['api_key', 'str | None', 'null'],
    ]);
    expect(ask).toMatchObject({ name: 'ask', className: 'Assistant' });
    expect(ask!.params.map((p) => [p.name, p.rest, p.position])).toEqual([
      ['self', false, 0],
      ['args', true, 1],
      ['params', true, 2],
    ]);
    // A def nested in a method is not a method.
    expect(helper).toMatchObject({ name: 'helper', className: undefined, parentIndex: ask!.index, exported: false });
    expect(create.functionIndex).toBe(ask!.index);
    expect(model.returns.map((r) => [show(r.value), r.functionIndex])).toEqual([
      ['1', helper!.index],
      [`call#${create.index}`, ask!.index],
    ]);
  });
});

describe('an agent loop', () => {
  const source = py([
    'def run(messages):',
    '    while True:',
    '        response = client.messages.create(model=MODEL, max_tokens=1024, tools=TOOLS, messages=messages)',
    '        if response.stop_reason != "tool_use":',
    '            break',
    '        for block in response.content:',
    '            if block.type == "tool_use":',
    '                result = TOOLS_BY_NAME[block.name](**block.input)',
    '                break',
    '        else:',
    '            break',
    '        messages.append({"role": "assistant", "content": response.content})',
    '    while 1:',
    '        pass',
    '    while not done:',
    '        pass',
  ]);

  it('marks the loop infinite and gives each break to its own loop', () => {
    const model = parsePython('agent.py', source);
    expect(model.loops.map((l) => [l.kind, l.infinite])).toEqual([
      ['while', true],
      ['for-in', false],
      ['while', true],
      ['while', false],
    ]);
    const [outer, inner] = model.loops;
    expect(show(outer!.condition)).toBe('true');
    expect(outer!.iterable).toBeUndefined();
    // Line 5 (stop_reason) and line 11 (the for-else, which runs outside the for) break the while.
    expect(outer!.breaks.map((b) => b.line)).toEqual([5, 11]);
    expect(inner!.breaks.map((b) => b.line)).toEqual([9]);
    expect(show(inner!.iterable)).toBe('response.content');
    expect(inner!.condition).toBeUndefined();
    expect(at(outer!.span)).toEqual([2, 5, 12, 76]);
    expect(outer!.bodySpan.line).toBe(3);
    expect(model.loops.every((l) => l.functionIndex === 0)).toBe(true);
    expect(assignmentsTo(model, 'block')).toEqual(['iterate(response.content)']);
  });

  it('lowers the stop_reason guard and dynamic tool dispatch', () => {
    const model = parsePython('agent.py', source);
    const guard = model.conditions.find((c) => show(c.test) === '(response.stop_reason != "tool_use")')!;
    expect(guard.consequentExits).toBe(true);
    const dispatch = model.calls.find((c) => c.callee.kind === 'index')!;
    expect(dispatch.calleePath).toBeUndefined();
    expect(show(dispatch.callee)).toBe('TOOLS_BY_NAME[block.name]');
    expect(dispatch.args[0]).toMatchObject({ name: '**', spread: true });
  });
});

describe('a tenacity retry', () => {
  it('keeps decorator calls with their keyword arguments', () => {
    const source = py([
      'from tenacity import retry, stop_after_attempt, wait_exponential',
      '',
      '@retry(stop=stop_after_attempt(5), wait=wait_exponential(multiplier=1, max=60))',
      '@tool',
      'async def call_model(prompt: str) -> str:',
      '    return (await client.messages.create(model="claude-haiku-4-5", max_tokens=256, messages=[{"role": "user", "content": prompt}])).content[0].text',
    ]);
    const model = parsePython('retry.py', source);
    const fn = model.functions[0]!;
    expect(fn.decorators.map(show)).toEqual([`call#${onlyCall(model, 'retry').index}`, 'tool']);
    const retry = onlyCall(model, 'retry');
    expect(show(arg(retry, 'stop'))).toBe(`call#${onlyCall(model, 'stop_after_attempt').index}`);
    expect(show(arg(onlyCall(model, 'wait_exponential'), 'max'))).toBe('60');
    const create = onlyCall(model, 'client.messages.create');
    expect(create.awaited).toBe(true);
    expect(create.functionIndex).toBe(0);
    expect(retry.functionIndex).toBeUndefined();
    expect(model.returns.map((r) => show(r.value))).toEqual([`await(call#${create.index}).content[0].text`]);
  });
});

// ---- imports -------------------------------------------------------------------------------------------

describe('imports', () => {
  it('lowers every import form', () => {
    const model = parsePython(
      'i.py',
      py([
        'import anthropic',
        'import openai as oa, google.generativeai',
        'from anthropic import Anthropic, AsyncAnthropic as AA',
        'from langchain_anthropic import ChatAnthropic',
        'from google import genai',
        'from . import sibling',
        'from ..pkg.mod import (a,',
        '    b as c)',
        'from .util import *',
        'from __future__ import annotations',
        'def f():',
        '    import json',
      ]),
    );
    expect(model.imports.map((i) => [i.module, i.imported, i.local])).toEqual([
      ['anthropic', '*', 'anthropic'],
      ['openai', '*', 'oa'],
      ['google.generativeai', '*', 'google'],
      ['anthropic', 'Anthropic', 'Anthropic'],
      ['anthropic', 'AsyncAnthropic', 'AA'],
      ['langchain_anthropic', 'ChatAnthropic', 'ChatAnthropic'],
      ['google', 'genai', 'genai'],
      ['.', 'sibling', 'sibling'],
      ['..pkg.mod', 'a', 'a'],
      ['..pkg.mod', 'b', 'c'],
      ['.util', '*', '*'],
      ['__future__', 'annotations', 'annotations'],
      ['json', '*', 'json'],
    ]);
    const aa = model.imports.find((i) => i.local === 'AA')!;
    expect(at(aa.span)).toEqual([3, 34, 3, 54]);
  });
});

// ---- calls -----------------------------------------------------------------------------------------------

describe('calls', () => {
  it('lowers positional, keyword and starred arguments and dotted callee paths', () => {
    const model = parsePython(
      'c.py',
      py([
        'f(1, "two", x=3, *rest, **options)',
        'get_client().messages.create(model="m")',
        'clients[0].messages.create(model="m")',
        'sum(x for x in xs)',
        'f(a)(b)',
      ]),
    );
    const f = model.calls[0]!;
    expect(f.args.map((a) => [a.name, show(a.value), a.spread])).toEqual([
      [undefined, '1', false],
      [undefined, '"two"', false],
      ['x', '3', false],
      ['*', 'rest', true],
      ['**', 'options', true],
    ]);
    expect(at(f.args[2]!.span)).toEqual([1, 13, 1, 16]);
    expect(positionalValues(f).map(show)).toEqual(['1', '"two"']);
    expect(nthPositional(f, 2)).toBeUndefined();
    expect(f.isNew).toBe(false);
    // Calls and indexes in the chain break the path.
    const creates = model.calls.filter((c) => show(c.callee).endsWith('.messages.create'));
    expect(creates.map((c) => c.calleePath)).toEqual([undefined, undefined]);
    expect(model.calls.find((c) => c.calleePath === 'get_client')).toBeDefined();
    expect(show(onlyCall(model, 'sum').args[0]!.value)).toBe('comprehension(x, xs)');
    // The outer call of f(a)(b) starts first, so it comes first.
    const chained = model.calls.filter((c) => at(c.span)[0] === 5);
    expect(chained.map((c) => show(c.callee))).toEqual([`call#${chained[1]!.index}`, 'f']);
  });
});

// ---- strings ------------------------------------------------------------------------------------------------

describe('string building', () => {
  const value = (source: string): string => show(parsePython('s.py', source).assignments[0]!.value);

  it('f-strings keep literal and interpolated parts and drop conversions and format specs', () => {
    expect(value('x = f"Hi {name!r:>10}, {{literal}} {a.b[0]}!\\n"\n')).toBe('fstring<"Hi " {name} ", {literal} " {a.b[0]} "!\\n">');
    expect(value('x = f"{x=}"\n')).toBe('fstring<"x=" {x}>');
    expect(value("x = rf'\\d{n}'\n")).toBe('fstring<"\\\\d" {n}>');
    expect(value('x = f"no fields"\n')).toBe('"no fields"');
    expect(value('x = f"""multi\n{line}\n"""\n')).toBe('fstring<"multi\\n" {line} "\\n">');
  });

  it('concatenation, .format and % build templates; constants fold to strings', () => {
    expect(value('x = "You are " + role + "."\n')).toBe('concat<"You are " {role} ".">');
    expect(value('x = a + b + "!"\n')).toBe('concat<{(a + b)} "!">');
    expect(value('x = "a" + f"{b}" + c\n')).toBe('concat<"a" {b} {c}>');
    expect(value('x = "a" + "b"\n')).toBe('"ab"');
    expect(value('x = a + b\n')).toBe('(a + b)');
    expect(value('x = "Hi {} {name}".format(user, name=n)\n')).toBe('format<"Hi {} {name}" {user} {n}>');
    expect(value('x = "Hi %s from %s" % (user, place)\n')).toBe('percent<"Hi %s from %s" {user} {place}>');
    expect(value('x = "Hi %s" % user\n')).toBe('percent<"Hi %s" {user}>');
    expect(value('x = "Hi %(u)s" % {"u": user}\n')).toBe('percent<"Hi %(u)s" {{u: user}}>');
    expect(value('x = count % 2\n')).toBe('(count % 2)');
  });

  it('.format on a string is not recorded as a call, its arguments are', () => {
    const model = parsePython('s.py', 'x = "{}".format(load())\ny = ("a {}" "b").format(z)\n');
    expect(model.calls.map((c) => c.calleePath)).toEqual(['load']);
    expect(assignmentsTo(model, 'y')).toEqual(['format<"a {}b" {z}>']);
  });

  it('adjacent literals are one string or template; bytes and escapes decode', () => {
    expect(value('x = ("You are a "\n     "helpful assistant. "\n     f"Today is {day}.")\n')).toBe(
      'fstring<"You are a helpful assistant. Today is " {day} ".">',
    );
    expect(value('x = "a" \'b\'\n')).toBe('"ab"');
    expect(value('x = b"\\x41\\n"\n')).toBe('"A\\n"');
    expect(value('x = r"\\n"\n')).toBe('"\\\\n"');
    expect(value('x = "tab\\tquote\\" \\u00e9 \\N{DASH}"\n')).toBe('"tab\\tquote\\" é \\\\N{DASH}"');
    expect(value('x = """line\\\ncontinued"""\n')).toBe('"linecontinued"');
  });
});

// ---- values ----------------------------------------------------------------------------------------------

describe('values', () => {
  const value = (source: string): string => assignmentsTo(parsePython('v.py', source), 'x').join(' | ');

  it('dicts, lists, tuples and sets', () => {
    expect(value('x = {"role": "user", 1: a, k: v, **extra}\n')).toBe('{role: "user", 1: a, ?: v, **extra}');
    expect(value('x = [1, *more]\n')).toBe('[1, spread(more)]');
    expect(value('x = (1,)\n')).toBe('[1]');
    expect(value('x = {a, b}\n')).toBe('[a, b]');
    expect(value('x = 1, 2\n')).toBe('[1, 2]');
  });

  it('literals, operators and other expressions', () => {
    expect(value('x = [True, False, None, -5, 0x10, 1_000, 1.5e3, ...]\n')).toBe('[true, false, null, -5, 16, 1000, 1500, ellipsis()]');
    expect(value('x = a or "default"\n')).toBe('(a or "default")');
    expect(value('x = not a\n')).toBe('unary:not(a)');
    expect(value('x = ~a\n')).toBe('unary:~(a)');
    expect(value('x = 0 < n <= 10\n')).toBe('((0 < n) and (n <= 10))');
    expect(value('x = a is not None\n')).toBe('(a is not null)');
    expect(value('x = items[1:2]\n')).toBe('slice(items, slice(1, 2))');
    expect(value('x = grid[1, 2]\n')).toBe('grid[[1, 2]]');
    expect(value('x = [m["content"] for m in msgs if m]\n')).toBe('comprehension(m["content"], msgs, m)');
    expect(value('x = {k: v for k, v in pairs}\n')).toBe('comprehension(pair(k, v), pairs)');
  });

  it('cuts expression trees at a bounded depth', () => {
    const model = parsePython('deep.py', 'x = ' + 'a.'.repeat(5000) + 'b\n');
    const depth = exprDepth(model.assignments[0]!.value);
    expect(depth).toBeLessThanOrEqual(600);
    expect(depth).toBeGreaterThan(100);
  });
});

// ---- assignments -------------------------------------------------------------------------------------

describe('assignments', () => {
  it('unpacks tuples into index expressions, including starred targets', () => {
    const model = parsePython('a.py', 'a, (b, c), *rest, last = source\n');
    expect(model.assignments.map((a) => `${a.target} = ${show(a.value)}`)).toEqual([
      'a = source[0]',
      'b = source[1][0]',
      'c = source[1][1]',
      'rest = rest(source)',
      'last = source[-1]',
    ]);
  });

  it('annotated, augmented, chained, subscript and attribute targets', () => {
    const model = parsePython(
      'a.py',
      py(['prompt: str = base', 'prompt += f"{extra}"', 'a = b = make()', 'headers["Authorization"] = token', 'get().attr = 3', 'count: int']),
    );
    expect(model.assignments.map((a) => [a.target, show(a.value), a.augmented])).toEqual([
      ['prompt', 'base', false],
      ['prompt', 'fstring<{extra}>', true],
      ['b', 'call#0', false],
      ['a', 'call#0', false],
      ['headers["Authorization"]', 'token', false],
      ['get().attr', '3', false],
    ]);
    // The call inside the complex target is still recorded.
    expect(model.calls.map((c) => c.calleePath)).toEqual(['make', 'get']);
  });

  it('with-as, for targets and the walrus operator bind names', () => {
    const model = parsePython(
      'a.py',
      py([
        'with open(path) as f, lock:',
        '    data = f.read()',
        'for i, (k, v) in enumerate(d.items()):',
        '    pass',
        'if (m := pattern.match(text)) is not None:',
        '    pass',
      ]),
    );
    const open = onlyCall(model, 'open');
    const enumerate = onlyCall(model, 'enumerate');
    expect(model.assignments.map((a) => `${a.target} = ${show(a.value)}`)).toEqual([
      `f = call#${open.index}`,
      `data = call#${onlyCall(model, 'f.read').index}`,
      `i = iterate(call#${enumerate.index})[0]`,
      `k = iterate(call#${enumerate.index})[1][0]`,
      `v = iterate(call#${enumerate.index})[1][1]`,
      `m = call#${onlyCall(model, 'pattern.match').index}`,
    ]);
    expect(at(model.assignments[0]!.span)).toEqual([1, 6, 1, 21]);
    expect(show(model.conditions[0]!.test)).toBe(`(walrus(call#${onlyCall(model, 'pattern.match').index}) is not null)`);
  });
});

// ---- functions -------------------------------------------------------------------------------------------

describe('functions', () => {
  it('lambdas passed to calls know where they went', () => {
    const model = parsePython(
      'f.py',
      py([
        'app.add_url_rule("/chat", view_func=lambda: handle(request))',
        'tool({"execute": lambda args: run(args)})',
        'items.sort(lambda a, *b, k=1: a)',
        'handler = lambda event: event["body"]',
      ]),
    );
    const [viewFunc, execute, sorter, named] = model.functions;
    expect(viewFunc!.passedTo).toEqual({ callIndex: onlyCall(model, 'app.add_url_rule').index, position: 1, property: 'view_func' });
    expect(execute!.passedTo).toEqual({ callIndex: onlyCall(model, 'tool').index, position: 0, property: 'execute' });
    expect(sorter!.passedTo).toEqual({ callIndex: onlyCall(model, 'items.sort').index, position: 0, property: undefined });
    expect(sorter!.params.map((p) => [p.name, p.rest, show(p.defaultValue)])).toEqual([
      ['a', false, '∅'],
      ['b', true, '∅'],
      ['k', false, '1'],
    ]);
    expect(named).toMatchObject({ name: 'handler', passedTo: undefined });
    // A lambda's body is its return value, and calls in it belong to it.
    expect(model.returns.filter((r) => r.functionIndex === viewFunc!.index).map((r) => show(r.value))).toEqual([
      `call#${onlyCall(model, 'handle').index}`,
    ]);
    expect(onlyCall(model, 'handle').functionIndex).toBe(viewFunc!.index);
    expect(onlyCall(model, 'app.add_url_rule').functionIndex).toBeUndefined();
    expect(show(arg(onlyCall(model, 'app.add_url_rule'), 'view_func'))).toBe(`fn#${viewFunc!.index}`);
  });

  it('generators, nesting and spans', () => {
    const source = py(['def stream():', '    def inner():', '        pass', '    yield from chunks()', 'def plain():', '    return [x for x in (yield_ for yield_ in y)]']);
    const model = parsePython('g.py', source);
    const [stream, inner, plain] = model.functions;
    expect(stream).toMatchObject({ name: 'stream', isGenerator: true, exported: true });
    expect(inner).toMatchObject({ name: 'inner', isGenerator: false, parentIndex: stream!.index, exported: false });
    expect(plain).toMatchObject({ isGenerator: false });
    expect(at(stream!.span)).toEqual([1, 1, 4, 24]);
    expect(at(stream!.bodySpan)).toEqual([2, 5, 4, 24]);
  });
});

// ---- control flow ------------------------------------------------------------------------------------

describe('control flow', () => {
  it('if/elif/else conditions with their branch spans', () => {
    const source = py(['if a:', '    x = 1', 'elif b:', '    return', 'else:', '    y = 2']);
    const model = parsePython('i.py', source);
    expect(model.conditions.map((c) => [show(c.test), at(c.consequentSpan), c.alternateSpan && at(c.alternateSpan), c.consequentExits, at(c.span)])).toEqual([
      ['a', [2, 5, 2, 10], [3, 1, 6, 10], false, [1, 1, 6, 10]],
      ['b', [4, 5, 4, 11], [5, 1, 6, 10], true, [3, 1, 6, 10]],
    ]);
  });

  it('knows which branches always leave', () => {
    const exits = (body: string[]): boolean => parsePython('e.py', py(['def f():', '    if cond:', ...body.map((l) => '        ' + l)])).conditions[0]!.consequentExits;
    expect(exits(['raise ValueError("bad")'])).toBe(true);
    expect(exits(['abort(400)'])).toBe(true);
    expect(exits(['sys.exit(1)'])).toBe(true);
    expect(exits(['log("x")', 'return None'])).toBe(true);
    expect(exits(['continue'])).toBe(true);
    expect(exits(['if x:', '    return 1', 'else:', '    raise E()'])).toBe(true);
    expect(exits(['if x:', '    return 1'])).toBe(false);
    expect(exits(['if x:', '    return 1', 'elif y:', '    pass', 'else:', '    return 2'])).toBe(false);
    expect(exits(['log("x")'])).toBe(false);
    expect(exits(['return 1', 'x = 2'])).toBe(false);
    // Resolved through imports: `from sys import exit as quit_now`.
    const aliased = parsePython('e.py', py(['from sys import exit as leave', 'if bad:', '    leave(2)']));
    expect(aliased.conditions[0]!.consequentExits).toBe(true);
  });

  it('conditional expressions are conditions too', () => {
    const model = parsePython('c.py', 'x = safe(v) if allowed(v) else DEFAULT\n');
    const allowed = onlyCall(model, 'allowed');
    expect(model.conditions).toHaveLength(1);
    expect(show(model.conditions[0]!.test)).toBe(`call#${allowed.index}`);
    expect(at(model.conditions[0]!.consequentSpan)).toEqual([1, 5, 1, 12]);
    expect(at(model.conditions[0]!.alternateSpan!)).toEqual([1, 32, 1, 39]);
    expect(show(model.assignments[0]!.value)).toBe(`conditional(call#${allowed.index}, call#${onlyCall(model, 'safe').index}, DEFAULT)`);
  });

  it('try/except handlers with their parameter names', () => {
    const source = py([
      'try:',
      '    reply = client.messages.create(model="m", max_tokens=10, messages=[])',
      'except (anthropic.APIError, KeyError) as err:',
      '    return str(err)',
      'except Exception:',
      '    raise',
      'except* OSError as group:',
      '    pass',
      'else:',
      '    done()',
      'finally:',
      '    cleanup()',
    ]);
    const model = parsePython('t.py', source);
    expect(model.tries).toHaveLength(1);
    const t = model.tries[0]!;
    expect(t.handlers.map((h) => [h.param, h.span.line])).toEqual([
      ['err', 3],
      [undefined, 5],
      ['group', 7],
    ]);
    expect(at(t.bodySpan)).toEqual([2, 5, 2, 74]);
    expect(at(t.span)).toEqual([1, 1, 12, 14]);
    expect(model.calls.map((c) => c.calleePath)).toEqual(['client.messages.create', 'str', 'done', 'cleanup']);
  });

  it('endless iterators make endless loops', () => {
    const model = parsePython(
      'l.py',
      py(['import itertools', 'from itertools import count', 'for _ in itertools.count():', '    pass', 'for i in count(1):', '    pass', 'for x in itertools.repeat(1, 3):', '    pass', 'for x in range(10):', '    pass']),
    );
    expect(model.loops.map((l) => l.infinite)).toEqual([true, true, false, false]);
  });
});

// ---- environment -------------------------------------------------------------------------------------

describe('environment reads', () => {
  it('finds os.environ, os.getenv and imported aliases', () => {
    const source = py([
      'import os',
      'import os as _os',
      'from os import environ, getenv as ge',
      'a = os.environ["A"]',
      'b = os.environ.get("B", "default")',
      'c = os.getenv("C")',
      'd = environ["D"]',
      'e = ge("E")',
      'f = _os.environ.get(key="F")',
      'g = os.environ[name]',
      'h = other.get("H")',
      'def handler():',
      '    return os.environ.setdefault("I", "x")',
    ]);
    const model = parsePython('env.py', source);
    expect(model.envReads.map((e) => [e.name, e.via, e.span.line, e.functionIndex])).toEqual([
      ['A', 'os.environ', 4, undefined],
      ['B', 'os.environ', 5, undefined],
      ['C', 'os.getenv', 6, undefined],
      ['D', 'os.environ', 7, undefined],
      ['E', 'os.getenv', 8, undefined],
      ['F', 'os.environ', 9, undefined],
      ['I', 'os.environ', 13, 0],
    ]);
    expect(at(model.envReads[0]!.span)).toEqual([4, 5, 4, 20]);
  });
});

// ---- syntax errors -------------------------------------------------------------------------------------

describe('syntax errors', () => {
  it('lists errors and still lowers what parsed', () => {
    const source = py([
      'from anthropic import Anthropic',
      'client = Anthropic()',
      'def ok(prompt):',
      '    return client.messages.create(model="claude-3-opus-20240229", messages=[{"role": "user", "content": prompt}])',
      'x = (1 +)',
      'def after():',
      '    client.messages.create(model="m")',
    ]);
    const model = parsePython('broken.py', source);
    expect(model.syntaxErrors.length).toBeGreaterThan(0);
    expect(model.syntaxErrors[0]).toEqual({ message: "syntax error near '+'", line: 5, column: 8 });
    expect(model.imports.map((i) => i.imported)).toEqual(['Anthropic']);
    expect(callsTo(model, 'client.messages.create').map((c) => c.span.line)).toEqual([4, 7]);
    expect(model.functions.map((f) => f.name)).toEqual(['ok', 'after']);
  });

  it('reports missing tokens', () => {
    const model = parsePython('m.py', 'def f(:\n    pass\n');
    expect(model.syntaxErrors).toContainEqual({ message: "missing ')'", line: 1, column: 7 });
    const comp = parsePython('m.py', 'x = [i for i in]\n');
    expect(comp.syntaxErrors).toEqual([{ message: 'missing identifier', line: 1, column: 16 }]);
    expect(comp.assignments.map((a) => a.target)).toEqual(['i', 'x']);
  });

  it('recovers an unclosed call being edited, with its assignment and return', () => {
    const source = py([
      'class Bot:',
      '    def __init__(self):',
      '        self.client = OpenAI(',
      '    def ask(self, q):',
      '        return self.client.chat.completions.create(model="gpt-4o", messages=q,',
      '',
    ]);
    const model = parsePython('edit.py', source);
    expect(model.syntaxErrors.length).toBeGreaterThan(0);
    expect(model.syntaxErrors.every((e) => e.message.length > 0 && e.line >= 1 && e.column >= 1)).toBe(true);
    expect(onlyCall(model, 'OpenAI').span.line).toBe(3);
    expect(assignmentsTo(model, 'self.client')).toEqual([`call#${onlyCall(model, 'OpenAI').index}`]);
    const create = onlyCall(model, 'self.client.chat.completions.create');
    expect(create.args.map((a) => [a.name, show(a.value)])).toEqual([
      ['model', '"gpt-4o"'],
      ['messages', 'q'],
    ]);
    const editing = parsePython('r.py', py(['def f():', '    return client.messages.create(model="m",', '']));
    const recovered = onlyCall(editing, 'client.messages.create');
    expect(editing.returns.map((r) => [show(r.value), r.functionIndex])).toEqual([[`call#${recovered.index}`, 0]]);
    const print = parsePython('p.py', 'print("a"\n');
    expect(print.calls.map((c) => [c.calleePath, c.args.map((a) => show(a.value))])).toEqual([['print', ['"a"']]]);
  });

  it('caps the list for files that are not Python at all', () => {
    const junk = Array.from({ length: 3000 }, (_, i) => `<<${i}>> ]] }} ?? ;; @@`).join('\n');
    const model = parsePython('junk.py', junk);
    expect(model.syntaxErrors.length).toBeGreaterThan(0);
    expect(model.syntaxErrors.length).toBeLessThanOrEqual(100);
  });

  it('never throws on odd input', () => {
    for (const source of ['', '\n', '\uFEFF', '\0\0\0', 'def', '"""', 'f"{', 'x = [', '@', 'class', '\\', 'lambda:', 'é = 1']) {
      const model = parsePython('odd.py', source);
      expect(model.directives).toEqual([]);
    }
  });
});

// ---- robustness -------------------------------------------------------------------------------------

describe('robustness', () => {
  it('5,000 nested brackets', () => {
    const model = parsePython('deep.py', 'x = ' + '['.repeat(5000) + ']'.repeat(5000) + '\ny = after()\n');
    expect(model.assignments.map((a) => a.target)).toEqual(['x', 'y']);
    expect(exprDepth(model.assignments[0]!.value)).toBeLessThanOrEqual(600);
    expect(onlyCall(model, 'after').span.line).toBe(2);
  });

  it('5,000 nested parentheses in a call, and 3,000 nested calls', () => {
    const model = parsePython('deep.py', 'f(' + '('.repeat(5000) + 'g(1)' + ')'.repeat(5000) + ')\nw = ' + 'h('.repeat(3000) + ')'.repeat(3000) + '\n');
    expect(show(onlyCall(model, 'f').args[0]!.value)).toBe(`call#${onlyCall(model, 'g').index}`);
    expect(callsTo(model, 'h')).toHaveLength(3000);
    expect(model.syntaxErrors).toEqual([]);
  });

  it('deeply nested blocks, 5,000 nested lambdas and 5,000 unary operators', () => {
    // tree-sitter-python's indentation scanner tracks a few hundred levels; 400 is far past real code.
    const blocks = Array.from({ length: 400 }, (_, i) => ' '.repeat(i) + 'if x:').join('\n') + '\n' + ' '.repeat(400) + 'call()\n';
    const model = parsePython('deep.py', blocks + 'z = ' + '-'.repeat(5000) + '1\nf = ' + 'lambda: '.repeat(5000) + 'g()\n');
    expect(model.syntaxErrors).toEqual([]);
    expect(model.conditions).toHaveLength(400);
    expect(onlyCall(model, 'call').span.line).toBe(401);
    expect(show(model.assignments[0]!.value)).toBe('1');
    expect(model.functions).toHaveLength(5000);
    expect(model.functions[4999]!.parentIndex).toBe(4998);
    expect(onlyCall(model, 'g').functionIndex).toBe(4999);
  });

  it('a 1 MiB single-line file', () => {
    let source = '';
    for (let i = 0; source.length < 1024 * 1024; i++) source += `x${i} = client.messages.create(model="m", max_tokens=${i}, messages=[{"role": "user", "content": f"hi {y}"}]); `;
    const model = parsePython('big.py', source);
    expect(model.calls.length).toBeGreaterThan(9000);
    const last = model.calls[model.calls.length - 1]!;
    expect(last.span.line).toBe(1);
    expect(last.span.column).toBe(source.lastIndexOf('client.messages.create') + 1);
  });
});

// ---- positions -----------------------------------------------------------------------------------------

describe('positions', () => {
  it('columns count UTF-16 code units after non-ASCII text', () => {
    const source = 'x = "é😀"; client.messages.create(model="m")  # 😀 note\ny = "ü"\n';
    const model = parsePython('u.py', source);
    const call = onlyCall(model, 'client.messages.create');
    // x(1) (2) =(3) (4) "(5) é(6) 😀(7-8) "(9) ;(10) (11) c(12)
    expect(at(call.span)).toEqual([1, 12, 1, 45]);
    expect(show(model.assignments[0]!.value)).toBe('"é😀"');
    expect(at(model.comments[0]!.span)).toEqual([1, 47, 1, 56]);
    expect(model.comments[0]!.text).toBe('# 😀 note');
    expect(at(model.assignments[1]!.span)).toEqual([2, 1, 2, 8]);
  });

  it('CRLF gives the same model as LF, and a BOM is stripped', () => {
    const lf = py(['import os', 'def f(q):  # note', '    s = """a', 'b"""', '    return client.messages.create(system=s + q)']);
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = parsePython('a.py', lf);
    const b = parsePython('a.py', crlf);
    const c = parsePython('a.py', '\uFEFF' + crlf);
    const strip = (m: FileModel) => ({ ...m, source: '' });
    expect(strip(b)).toEqual(strip(a));
    expect(strip(c)).toEqual(strip(a));
    expect(c.source).toBe(crlf);
    expect(a.comments[0]!.text).toBe('# note');
    expect(show(a.assignments[0]!.value)).toBe('"a\\nb"');
    expect(onlyCall(a, 'client.messages.create').span.line).toBe(5);
  });
});

// ---- the model as a whole ---------------------------------------------------------------------------

describe('the model as a whole', () => {
  const source = py([
    'import os',
    '@app.get("/x")',
    'async def h(a, *b, c=1, **d):',
    '    with ctx() as (p, q):',
    '        async for item in stream(a):',
    '            yield f"{item!r}" + "x" if item else None',
    '    try:',
    '        del d["k"]',
    '        assert a, "msg"',
    '    except Exception as e:',
    '        raise RuntimeError(str(e)) from e',
    '    match a:',
    '        case {"k": v} if v > 1:',
    '            print(v)',
    '        case _:',
    '            pass',
    '    return [lambda z: z, {**d}, {1, 2}, (3,), not a, -a, a[::2], (yield)]',
    'class C(Base, metaclass=Meta):',
    '    x = y = 0',
  ]);

  it('is plain data: deterministic, serialisable, with no internal placeholders', () => {
    const a = parsePython('w.py', source);
    const b = parsePython('w.py', source);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.syntaxErrors).toEqual([]);
    const roots: Expr[] = [
      ...a.calls.flatMap((c) => [c.callee, ...c.args.map((x) => x.value)]),
      ...a.assignments.map((x) => x.value),
      ...a.returns.flatMap((r) => (r.value ? [r.value] : [])),
      ...a.conditions.map((c) => c.test),
      ...a.loops.flatMap((l) => [l.condition, l.iterable].filter((e): e is Expr => e !== undefined)),
      ...a.functions.flatMap((f) => [...f.decorators, ...f.params.flatMap((p) => (p.defaultValue ? [p.defaultValue] : []))]),
    ];
    const stack = [...roots];
    let seen = 0;
    while (stack.length > 0) {
      const e = stack.pop()!;
      seen++;
      expect(e.kind === 'other' && (e.op === 'statement' || e.op === 'missing')).toBe(false);
      expect(e.span.line).toBeGreaterThanOrEqual(1);
      if (e.kind === 'call') expect(a.calls[e.callIndex]).toBeDefined();
      if (e.kind === 'function') expect(a.functions[e.functionIndex]).toBeDefined();
      if (e.kind === 'member') stack.push(e.object);
      else if (e.kind === 'index') stack.push(e.object, e.index);
      else if (e.kind === 'binary') stack.push(e.left, e.right);
      else if (e.kind === 'array') stack.push(...e.elements);
      else if (e.kind === 'object') stack.push(...e.entries.map((en) => en.value));
      else if (e.kind === 'template') stack.push(...e.parts.filter((p): p is Expr => typeof p !== 'string'));
      else if (e.kind === 'other') stack.push(...e.children);
    }
    expect(seen).toBeGreaterThan(40);
    expect(a.calls.every((c, i) => c.index === i)).toBe(true);
    expect(a.functions.every((f, i) => f.index === i)).toBe(true);
    const h = a.functions[0]!;
    expect(h).toMatchObject({ name: 'h', isAsync: true, isGenerator: true });
    expect(a.loops.map((l) => [l.kind, show(l.iterable)])).toEqual([['for-in', `call#${onlyCall(a, 'stream').index}`]]);
    expect(assignmentsTo(a, 'p')).toEqual([`call#${onlyCall(a, 'ctx').index}[0]`]);
    expect(a.tries[0]!.handlers.map((x) => x.param)).toEqual(['e']);
    expect(onlyCall(a, 'print').functionIndex).toBe(0);
    expect(assignmentsTo(a, 'x')).toEqual(['0']);
    expect(assignmentsTo(a, 'y')).toEqual(['0']);
  });
});

// ---- the bundle ---------------------------------------------------------------------------------------

describe('bundled', () => {
  it('runs from an esbuild bundle with the wasm files copied next to it and no node_modules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'promptgate-python-bundle-'));
    try {
      const entry = join(dir, 'entry.ts');
      const frontEnd = fileURLToPath(new URL('../src/analysis/python/index.ts', import.meta.url));
      writeFileSync(
        entry,
        [
          `import { initPython, parsePython } from ${JSON.stringify(frontEnd)};`,
          'await initPython();',
          'const model = parsePython("x.py", "client.messages.create(model=\\"m\\")\\n");',
          'console.log(JSON.stringify(model.calls.map((c) => c.calleePath)));',
        ].join('\n'),
      );
      const dist = join(dir, 'dist');
      mkdirSync(dist);
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: join(dist, 'cli.js'), logLevel: 'silent' });

      // Without the wasm files the failure is one clear line.
      const missing = spawnSync(process.execPath, [join(dist, 'cli.js')], { cwd: dir, encoding: 'utf8' });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain('cannot find web-tree-sitter.wasm');

      const sources = resolveWasmSources();
      PYTHON_WASM_FILES.forEach((file, i) => copyFileSync(sources[i]!, join(dist, file)));
      const out = execFileSync(process.execPath, [join(dist, 'cli.js')], { cwd: dir, encoding: 'utf8' });
      expect(JSON.parse(out)).toEqual(['client.messages.create']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
