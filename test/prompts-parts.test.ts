// The prompt-structure helper: which parts of an LLM call's prompt carry which role, across SDK shapes.
import { describe, expect, it } from 'vitest';
import { bindLlm } from '../src/analysis/bind.js';
import type { FileModel } from '../src/analysis/model.js';
import { parseSource } from '../src/analysis/parse.js';
import { describePart, isInstructionRole, isPrivilegedRole, promptCalls, promptParts, type PromptCall } from '../src/analysis/prompts.js';
import { exprSpanText } from '../src/analysis/values.js';

async function load(path: string, text: string): Promise<{ model: FileModel; calls: PromptCall[] }> {
  const model = (await parseSource(path, path.endsWith('.py') ? 'python' : 'typescript', text))!;
  return { model, calls: promptCalls(model, bindLlm(model)) };
}

/** `role via: text` per part, so expectations read like the source. */
function show(model: FileModel, call: PromptCall): string[] {
  return call.parts.map((p) => {
    const flags = [p.wholeMessages ? 'whole' : '', p.templateVariable ? `var ${p.templateVariable}` : '', p.roleValue ? `role=${exprSpanText(model, p.roleValue.span)}` : '']
      .filter(Boolean)
      .join(' ');
    return `${p.role} ${p.via}${flags ? ` [${flags}]` : ''}: ${exprSpanText(model, p.span)}`;
  });
}

describe('promptParts: Python SDK shapes', () => {
  it('Anthropic system string and text blocks, messages with string and block content', async () => {
    const { model, calls } = await load(
      'app.py',
      `import anthropic
client = anthropic.Anthropic()
BLOCKS = [{"type": "text", "text": "Static rules", "cache_control": {"type": "ephemeral"}}, {"type": "text", "text": extra}]
client.messages.create(model="m", max_tokens=10, system="Be brief", messages=[{"role": "user", "content": q}])
client.messages.create(model="m", max_tokens=10, system=BLOCKS, messages=[
    {"role": "user", "content": [{"type": "image", "source": img}, {"type": "text", "text": q}]},
    {"role": "assistant", "content": prior},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1", "content": result}]},
])
`,
    );
    expect(show(model, calls[0]!)).toEqual(['system system prompt: "Be brief"', 'user messages[0] (role user): q']);
    expect(show(model, calls[1]!)).toEqual([
      'system system prompt: "Static rules"',
      'system system prompt: extra',
      'user messages[0] (role user): q',
      'assistant messages[1] (role assistant): prior',
      'tool messages[2] (role user): result',
    ]);
  });

  it('OpenAI chat roles, Responses instructions and input, local lists with append / extend / +=', async () => {
    const { model, calls } = await load(
      'app.py',
      `from openai import OpenAI
oai = OpenAI()
def handler(q, style, turns):
    messages = [{"role": "system", "content": "S"}, {"role": "developer", "content": style}]
    messages.append({"role": "user", "content": q})
    messages.extend(turns)
    messages += [{"role": "assistant", "content": "ok"}]
    oai.chat.completions.create(model="gpt-5.1", messages=messages, max_completion_tokens=5)
    messages.append({"role": "user", "content": "after the call"})
    oai.responses.create(model="gpt-5.1", instructions=style, input=q, max_output_tokens=5)
    oai.responses.create(model="gpt-5.1", input=history, max_output_tokens=5)
`,
    );
    expect(show(model, calls[0]!)).toEqual([
      'system messages[0] (role system): "S"',
      'developer messages[1] (role developer): style',
      'user messages.append(…) (role user): q',
      'unknown messages.extend(…) [whole]: turns',
      'assistant messages += …[0] (role assistant): "ok"',
    ]);
    expect(show(model, calls[1]!)).toEqual(['system instructions: style', 'user input: q']);
    // A value named like a history where text or messages may go is treated as a history.
    expect(show(model, calls[2]!)).toEqual(['unknown input [whole]: history']);
  });

  it('whole histories, spreads and computed roles', async () => {
    const { model, calls } = await load(
      'app.py',
      `from openai import OpenAI
from flask import request
oai = OpenAI()
@app.post("/chat")
def chat():
    oai.chat.completions.create(model="gpt-5.1", max_completion_tokens=5, messages=request.json["messages"])
    oai.chat.completions.create(model="gpt-5.1", max_completion_tokens=5, messages=[{"role": "system", "content": "S"}, *request.json["messages"]])
    msgs = []
    for m in request.json["turns"]:
        msgs.append({"role": m["role"], "content": m["text"]})
    oai.chat.completions.create(model="gpt-5.1", max_completion_tokens=5, messages=msgs)
`,
    );
    expect(show(model, calls[0]!)).toEqual(['unknown messages [whole]: request.json["messages"]']);
    expect(show(model, calls[1]!)).toEqual(['system messages[0] (role system): "S"', 'unknown messages[1] [whole]: request.json["messages"]']);
    expect(show(model, calls[2]!)).toEqual(['unknown msgs.append(…) [role=m["role"]]: m["text"]']);
  });

  it('LangChain: message classes, tuples, strings, prompt templates and prompt | model chains', async () => {
    const { model, calls } = await load(
      'app.py',
      `from langchain_anthropic import ChatAnthropic
from langchain_core.messages import HumanMessage, SystemMessage, AIMessage
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
llm = ChatAnthropic(model="claude-sonnet-4-5", max_tokens=100)
prompt = ChatPromptTemplate.from_messages([("system", "You are {persona}"), MessagesPlaceholder("history"), ("human", "{question}")])
llm.invoke([SystemMessage(content=f"Be {tone}"), HumanMessage(q), AIMessage(content=a)])
llm.invoke([("system", "S"), ("human", q)])
llm.invoke(f"Summarize: {text}")
llm.invoke(prompt.format_messages(persona=p, history=h, question=q))
chain = prompt | llm.bind_tools([search])
chain.invoke({"persona": p, "history": h, "question": q})
`,
    );
    expect(show(model, calls[0]!)).toEqual(['system SystemMessage: f"Be {tone}"', 'user HumanMessage: q', 'assistant AIMessage: a']);
    expect(show(model, calls[1]!)).toEqual(['system input[0] (role system): "S"', 'user input[1] (role human): q']);
    expect(show(model, calls[2]!)).toEqual(['prompt input: f"Summarize: {text}"']);
    expect(show(model, calls[3]!)).toEqual([
      'system input template message 0 ({persona}) [var persona]: p',
      'unknown input template message 1 ({history}) [whole var history]: h',
      'user input template message 2 ({question}) [var question]: q',
    ]);
    const chain = calls[4]!;
    expect(chain.llmCall).toBeUndefined();
    expect(chain.api).toBe('langchain ChatAnthropic chain.invoke');
    expect(chain.hasTools).toBe(true);
    expect(show(model, chain)[0]).toBe('system chain template message 0 ({persona}) [var persona]: p');
  });

  it('Gemini system instructions and contents; a local helper that returns the messages', async () => {
    const { model, calls } = await load(
      'app.py',
      `from google import genai
from google.genai import types
client = genai.Client()
def build(q):
    return [{"role": "system", "content": "S"}, {"role": "user", "content": f"Q: {q}"}]
client.models.generate_content(model="gemini-3-pro", contents=q, config=types.GenerateContentConfig(system_instruction=s, max_output_tokens=5))
client.models.generate_content(model="gemini-3-pro", contents=[{"role": "model", "parts": [{"text": a}]}], config=types.GenerateContentConfig(max_output_tokens=5))
from openai import OpenAI
OpenAI().chat.completions.create(model="gpt-5.1", max_completion_tokens=5, messages=build(x))
`,
    );
    expect(show(model, calls[0]!)).toEqual(['system system instruction: s', 'user contents: q']);
    expect(show(model, calls[1]!)).toEqual(['assistant contents[0] (role model): a']);
    const helper = calls[2]!.parts;
    expect(helper.map((p) => [p.role, p.span.line])).toEqual([
      ['system', 5],
      ['user', 5],
    ]);
    // Parts inside the helper are read in the helper's scope (for taint through its parameter).
    expect(helper[1]!.functionIndex).toBe(model.functions.find((f) => f.name === 'build')!.index);
  });
});

describe('promptParts: TypeScript SDK shapes', () => {
  it('AI SDK system / prompt / messages, OpenAI push, Anthropic blocks, tools', async () => {
    const { model, calls } = await load(
      'route.ts',
      `import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { anthropic } from '@ai-sdk/anthropic';
import { convertToModelMessages, generateText, streamText, tool } from 'ai';
const client = new Anthropic();
const openai = new OpenAI();
export async function POST(req: Request) {
  const { messages, q, style } = await req.json();
  streamText({ model: anthropic('claude-sonnet-4-5'), system: style, messages: convertToModelMessages(messages), maxOutputTokens: 5 });
  await generateText({ model: anthropic('claude-sonnet-4-5'), prompt: \`Summarize: \${q}\`, tools: { t: tool({}) }, maxOutputTokens: 5 });
  const msgs = [{ role: 'system' as const, content: 'S' }];
  msgs.push({ role: 'user', content: q });
  await openai.chat.completions.create({ model: 'gpt-5.1', messages: msgs, max_completion_tokens: 5 });
  await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 5, system: [{ type: 'text', text: style }], messages: [...messages, { role: 'user', content: q }] });
}
`,
    );
    expect(show(model, calls[0]!)).toEqual(['system system prompt: style', 'unknown messages [whole]: convertToModelMessages(messages)']);
    expect(show(model, calls[1]!)).toEqual(['prompt prompt: `Summarize: ${q}`']);
    expect(calls[1]!.hasTools).toBe(true);
    expect(calls[0]!.hasTools).toBe(false);
    expect(show(model, calls[2]!)).toEqual(["system messages[0] (role system): 'S'", 'user msgs.push(…) (role user): q']);
    expect(show(model, calls[3]!)).toEqual(['system system prompt: style', 'unknown messages[0] [whole]: messages', 'user messages[1] (role user): q']);
  });

  it('LangChain JS: new SystemMessage, fromMessages templates and .pipe chains; Gemini systemInstruction', async () => {
    const { model, calls } = await load(
      'route.ts',
      `import { ChatAnthropic } from '@langchain/anthropic';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { GoogleGenAI } from '@google/genai';
const llm = new ChatAnthropic({ model: 'claude-sonnet-4-5', maxTokens: 5 });
const template = ChatPromptTemplate.fromMessages([['system', 'You are {persona}'], ['human', '{input}']]);
const ai = new GoogleGenAI({});
export async function run(persona: string, input: string) {
  await llm.invoke([new SystemMessage(\`Be \${persona}\`), new HumanMessage({ content: input })]);
  await llm.invoke(await template.formatMessages({ persona, input }));
  await template.pipe(llm).invoke({ persona, input });
  await ai.models.generateContent({ model: 'gemini-3-pro', contents: input, config: { systemInstruction: persona, maxOutputTokens: 5 } });
}
`,
    );
    expect(show(model, calls[0]!)).toEqual(['system SystemMessage: `Be ${persona}`', 'user HumanMessage: input']);
    expect(show(model, calls[1]!)).toEqual([
      'system input template message 0 ({persona}) [var persona]: persona',
      'user input template message 1 ({input}) [var input]: input',
    ]);
    expect(show(model, calls[2]!)).toEqual([
      'system system instruction: persona',
      'user contents: input',
    ]);
    expect(show(model, calls[3]!)).toEqual([
      'system chain template message 0 ({persona}) [var persona]: persona',
      'user chain template message 1 ({input}) [var input]: input',
    ]);
  });

  it('promptParts of a bound call equals the PromptCall parts, and is memoized', async () => {
    const { model } = await load('a.py', 'import anthropic\nc = anthropic.Anthropic()\nc.messages.create(model="m", max_tokens=1, system=s, messages=[])\n');
    const llm = bindLlm(model);
    const first = promptParts(model, llm.calls[0]!);
    expect(first.map((p) => p.role)).toEqual(['system']);
    expect(promptParts(model, llm.calls[0]!)).toBe(first);
    expect(describePart(first[0]!, llm.calls[0]!.api)).toBe('the system prompt of anthropic messages.create');
  });
});

describe('role predicates', () => {
  it('instruction roles are system and developer; privileged adds assistant', () => {
    expect(['system', 'developer', 'assistant', 'user', 'tool', 'prompt', 'unknown'].map((r) => isInstructionRole(r as never))).toEqual([
      true, true, false, false, false, false, false,
    ]);
    expect(['system', 'developer', 'assistant', 'user', 'tool', 'prompt', 'unknown'].map((r) => isPrivilegedRole(r as never))).toEqual([
      true, true, true, false, false, false, false,
    ]);
  });
});
