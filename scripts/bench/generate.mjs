// Deterministic benchmark trees: a monorepo-shaped mix of LLM app files (Python and TypeScript, several
// SDKs, some with planted problems), ordinary code that imports no LLM SDK, and text/config files.
// Same seed and size -> byte-identical tree (a manifest records a digest of every byte written).
//
//   node scripts/bench/generate.mjs DIR FILES [SEED]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const GENERATOR_VERSION = 4;

/** Share of each file kind (sums to 1). LLM files are ~1 in 4, as in an app repo with an AI feature. */
export const MIX = [
  ['py-llm', 0.11],
  ['ts-llm', 0.11],
  ['tsx-llm-client', 0.03],
  ['py-plain', 0.25],
  ['ts-plain', 0.2],
  ['tsx-plain', 0.12],
  ['js-plain', 0.06],
  ['text', 0.12],
];

// ---- deterministic randomness --------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(p) {
    return this.next() < p;
  }
  weighted(pairs) {
    let r = this.next();
    for (const [value, weight] of pairs) {
      if ((r -= weight) < 0) return value;
    }
    return pairs[pairs.length - 1][0];
  }
  /** Skewed toward small values with a long tail: most files are short, a few are long. */
  lines(median, max) {
    const u = Math.max(1e-6, this.next());
    return Math.min(max, Math.max(12, Math.round(median * Math.exp(0.7 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())))));
  }
}

// ---- vocabulary ------------------------------------------------------------------------------------

const NOUNS = 'order customer invoice product cart payment shipment account user session report metric event widget ticket message address profile coupon review catalog inventory warehouse refund subscription plan team project task comment note file upload export job queue cache token permission role audit schedule'.split(' ');
const VERBS = 'load fetch build parse format validate compute render update create delete sync merge apply resolve normalize filter group sort collect send handle process refresh archive restore'.split(' ');
const ADJ = 'active pending recent primary default total daily current remote local cached raw clean'.split(' ');
const PKGS = 'billing checkout catalog accounts search notifications analytics support admin shared platform payments shipping inventory reviews auth'.split(' ');

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const camel = (...w) => w[0] + w.slice(1).map(cap).join('');
const snake = (...w) => w.join('_');
const pascal = (...w) => w.map(cap).join('');

// ---- Python ------------------------------------------------------------------------------------------

function pyFunction(r, indent = '') {
  const n = r.pick(NOUNS);
  const name = snake(r.pick(VERBS), n);
  const arg = snake(r.pick(ADJ), n);
  const out = [`${indent}def ${name}(${arg}, limit: int = ${r.int(5, 500)}, *, strict: bool = False):`];
  out.push(`${indent}    """${cap(r.pick(VERBS))} the ${n} records and return a summary."""`);
  out.push(`${indent}    result = {}`);
  out.push(`${indent}    for index, item in enumerate(${arg}):`);
  out.push(`${indent}        if index >= limit:`);
  out.push(`${indent}            break`);
  out.push(`${indent}        key = item.get("${r.pick(NOUNS)}_id") or f"{item['name']}-{index}"`);
  if (r.chance(0.5)) {
    out.push(`${indent}        try:`);
    out.push(`${indent}            value = float(item["${r.pick(ADJ)}"]) * ${r.int(2, 99)} / 100`);
    out.push(`${indent}        except (KeyError, ValueError) as error:`);
    out.push(`${indent}            if strict:`);
    out.push(`${indent}                raise ${pascal(n)}Error(str(error)) from error`);
    out.push(`${indent}            continue`);
  } else {
    out.push(`${indent}        value = sum(x.get("amount", 0) for x in item.get("lines", []) if x.get("${r.pick(ADJ)}"))`);
  }
  out.push(`${indent}        result[key] = {"value": value, "tags": sorted({t.lower() for t in item.get("tags", [])})}`);
  if (r.chance(0.4)) out.push(`${indent}    logger.debug("${name} processed %d items", len(result))`);
  out.push(`${indent}    return {k: v for k, v in result.items() if v["value"] ${r.pick(['>', '>=', '!='])} 0}`);
  return out;
}

function pyClass(r) {
  const n = r.pick(NOUNS);
  const cls = pascal(r.pick(ADJ), n, r.pick(['Service', 'Repository', 'Manager', 'Client', 'Store']));
  const out = [];
  if (r.chance(0.4)) {
    out.push('@dataclass');
    out.push(`class ${pascal(n)}Row:`);
    out.push(`    id: int`);
    out.push(`    name: str`);
    out.push(`    ${snake(r.pick(ADJ), 'count')}: int = 0`);
    out.push(`    tags: list[str] = field(default_factory=list)`);
    out.push('');
    out.push('');
  }
  out.push(`class ${cls}:`);
  out.push(`    """Reads and writes ${n} data for the ${r.pick(PKGS)} module."""`);
  out.push('');
  out.push(`    def __init__(self, db, cache=None, timeout: float = ${r.int(1, 30)}.0):`);
  out.push(`        self.db = db`);
  out.push(`        self.cache = cache or {}`);
  out.push(`        self.timeout = timeout`);
  for (let i = r.int(2, 4); i > 0; i--) {
    const m = snake(r.pick(VERBS), r.pick(NOUNS));
    out.push('');
    out.push(`    ${r.chance(0.3) ? 'async ' : ''}def ${m}(self, ${n}_id: int, **options):`);
    out.push(`        cached = self.cache.get((${n}_id, "${m}"))`);
    out.push(`        if cached is not None and not options.get("refresh"):`);
    out.push(`            return cached`);
    out.push(`        rows = self.db.execute("SELECT * FROM ${n}s WHERE id = %s", (${n}_id,)).fetchall()`);
    out.push(`        value = [dict(row) for row in rows if row["${r.pick(ADJ)}"]]`);
    out.push(`        self.cache[(${n}_id, "${m}")] = value`);
    out.push(`        return value`);
  }
  return out;
}

function pyHeader(r) {
  const out = [`"""${cap(r.pick(NOUNS))} ${r.pick(['helpers', 'service', 'models', 'views', 'tasks'])} for the ${r.pick(PKGS)} package."""`];
  out.push('from __future__ import annotations');
  out.push('');
  out.push('import logging');
  if (r.chance(0.5)) out.push('import os');
  if (r.chance(0.5)) out.push('from dataclasses import dataclass, field');
  if (r.chance(0.4)) out.push(`from datetime import datetime, timedelta`);
  if (r.chance(0.3)) out.push(`from typing import Any, Iterable, Optional`);
  if (r.chance(0.3)) out.push(`from .${r.pick(NOUNS)}s import ${pascal(r.pick(NOUNS))}Error`);
  out.push('');
  out.push('logger = logging.getLogger(__name__)');
  out.push('');
  return out;
}

function pyBody(r, lines, out) {
  while (out.length < lines) {
    out.push('');
    out.push('');
    out.push(...(r.chance(0.55) ? pyFunction(r) : pyClass(r)));
  }
  return out;
}

function pyPlain(r) {
  const out = pyHeader(r);
  if (r.chance(0.2)) out.push(`${snake(r.pick(ADJ), r.pick(NOUNS)).toUpperCase()}_LIMIT = ${r.int(10, 1000)}`);
  return pyBody(r, r.lines(90, 700), out).join('\n') + '\n';
}

/** Current models, and now and then a retired or deprecated one (a planted model-retired finding). */
const CURRENT_MODELS = ['claude-sonnet-4-5', 'claude-opus-4-6', 'claude-haiku-4-5', 'gpt-5.1'];
const OPENAI_MODELS = ['gpt-5.1', 'gpt-5.1'];
const OLD_MODELS = ['claude-3-5-sonnet-20241022', 'gpt-4o'];
const modelFrom = (r, list) => (r.chance(0.05) ? r.pick(OLD_MODELS) : r.pick(list));

function pyLlm(r) {
  const out = [`"""${cap(r.pick(NOUNS))} assistant endpoints."""`, 'import logging', 'import os', ''];
  const sdk = r.weighted([
    ['anthropic', 0.35],
    ['openai', 0.3],
    ['langchain', 0.15],
    ['litellm', 0.1],
    ['genai', 0.1],
  ]);
  const web = r.pick(['flask', 'fastapi']);
  if (web === 'flask') out.push('from flask import Flask, jsonify, request');
  else out.push('from fastapi import FastAPI, Request');
  const model = modelFrom(r, CURRENT_MODELS);
  const system = `You are the ${r.pick(NOUNS)} assistant for Acme. Answer briefly.`;
  const planted = r.chance(0.35);
  if (sdk === 'anthropic') {
    out.push('import anthropic', '', `client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"], timeout=${r.int(10, 60)})`);
  } else if (sdk === 'openai') {
    out.push('from openai import OpenAI', '', `client = OpenAI(timeout=${r.int(10, 60)})`);
  } else if (sdk === 'langchain') {
    out.push('from langchain_openai import ChatOpenAI', 'from langchain_core.messages import HumanMessage, SystemMessage', '', `llm = ChatOpenAI(model="gpt-5.1", max_tokens=${r.int(256, 2048)}, timeout=30)`);
  } else if (sdk === 'litellm') {
    out.push('import litellm', '');
  } else {
    out.push('from google import genai', '', 'client = genai.Client()');
  }
  out.push('', 'logger = logging.getLogger(__name__)', `SYSTEM_PROMPT = "${system}"`, '');
  out.push(web === 'flask' ? 'app = Flask(__name__)' : 'app = FastAPI()', '');
  for (let i = r.int(1, 3); i > 0; i--) {
    const n = r.pick(NOUNS);
    const route = `/api/${n}/${r.pick(VERBS)}`;
    out.push('');
    out.push(web === 'flask' ? `@app.post("${route}")` : `@app.post("${route}")`);
    if (web === 'flask') {
      out.push(`def ${snake(r.pick(VERBS), n, 'answer')}():`);
      out.push(`    question = request.json["question"]`);
    } else {
      out.push(`async def ${snake(r.pick(VERBS), n, 'answer')}(req: Request):`);
      out.push(`    body = await req.json()`);
      out.push(`    question = body["question"]`);
    }
    const userContent = planted && r.chance(0.5) ? `SYSTEM_PROMPT + " Customer: " + question` : 'question';
    if (sdk === 'anthropic') {
      out.push(`    reply = client.messages.create(`);
      out.push(`        model="${model}",`);
      if (!(planted && r.chance(0.4))) out.push(`        max_tokens=${r.int(256, 4096)},`);
      out.push(`        system=SYSTEM_PROMPT,`);
      out.push(`        messages=[{"role": "user", "content": ${userContent}}],`);
      out.push(`    )`);
      out.push(`    text = reply.content[0].text`);
    } else if (sdk === 'openai') {
      out.push(`    reply = client.chat.completions.create(`);
      out.push(`        model="${modelFrom(r, OPENAI_MODELS)}",`);
      if (!(planted && r.chance(0.4))) out.push(`        max_tokens=${r.int(256, 4096)},`);
      out.push(`        messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": ${userContent}}],`);
      out.push(`    )`);
      out.push(`    text = reply.choices[0].message.content`);
    } else if (sdk === 'langchain') {
      out.push(`    reply = llm.invoke([SystemMessage(content=SYSTEM_PROMPT), HumanMessage(content=${userContent})])`);
      out.push(`    text = reply.content`);
    } else if (sdk === 'litellm') {
      out.push(`    reply = litellm.completion(model="${model}", max_tokens=${r.int(256, 2048)}, messages=[{"role": "user", "content": ${userContent}}])`);
      out.push(`    text = reply.choices[0].message.content`);
    } else {
      out.push(`    reply = client.models.generate_content(model="gemini-3-pro-preview", contents=${userContent}, config={"max_output_tokens": ${r.int(256, 2048)}})`);
      out.push(`    text = reply.text`);
    }
    out.push(`    logger.info("answered %s", "${route}")`);
    out.push(web === 'flask' ? `    return jsonify(answer=text)` : `    return {"answer": text}`);
  }
  return pyBody(r, r.lines(110, 500), out).join('\n') + '\n';
}

// ---- TypeScript / JavaScript ---------------------------------------------------------------------

function tsFunction(r, typed) {
  const n = r.pick(NOUNS);
  const name = camel(r.pick(VERBS), n, r.pick(['list', 'map', 'items', 'rows']));
  const T = pascal(n);
  const out = [];
  const t = (s) => (typed ? s : '');
  out.push(`export ${r.chance(0.4) ? 'async ' : ''}function ${name}(items${t(`: ${T}[]`)}, options${t(`: { limit?: number; strict?: boolean }`)} = {})${t(`: Record<string, number>`)} {`);
  out.push(`  const result${t(': Record<string, number>')} = {};`);
  out.push(`  const limit = options.limit ?? ${r.int(5, 500)};`);
  out.push(`  for (const [index, item] of items.entries()) {`);
  out.push(`    if (index >= limit) break;`);
  out.push(`    const key = item.${camel(r.pick(NOUNS), 'id')} ?? \`\${item.name}-\${index}\`;`);
  if (r.chance(0.5)) {
    out.push(`    try {`);
    out.push(`      result[key] = Number(item.${r.pick(ADJ)}) * ${r.int(2, 99)} / 100;`);
    out.push(`    } catch (error) {`);
    out.push(`      if (options.strict) throw new Error(\`bad ${n} \${key}: \${String(error)}\`);`);
    out.push(`    }`);
  } else {
    out.push(`    result[key] = (item.lines ?? []).filter((line) => line.${r.pick(ADJ)}).reduce((sum, line) => sum + line.amount, 0);`);
  }
  out.push(`  }`);
  out.push(`  return Object.fromEntries(Object.entries(result).filter(([, value]) => value ${r.pick(['>', '>=', '!=='])} 0));`);
  out.push(`}`);
  return out;
}

function tsTypes(r) {
  const n = r.pick(NOUNS);
  const T = pascal(n);
  const out = [`export interface ${T} {`, `  id: string;`, `  name: string;`, `  ${camel(n, 'id')}?: string;`, `  ${r.pick(ADJ)}: number;`, `  tags: string[];`, `  lines?: Array<{ amount: number; ${r.pick(ADJ)}: boolean }>;`, `  createdAt: Date;`, `}`, ''];
  out.push(`export type ${T}Status = ${['pending', 'active', 'archived', 'failed'].map((s) => `'${s}'`).join(' | ')};`);
  return out;
}

function tsClass(r, typed) {
  const n = r.pick(NOUNS);
  const cls = pascal(n, r.pick(['Service', 'Repository', 'Store', 'Client']));
  const t = (s) => (typed ? s : '');
  const out = [`export class ${cls} {`];
  out.push(`  ${t('private readonly ')}cache = new Map${t(`<string, ${pascal(n)}[]>`)}();`);
  out.push('');
  out.push(`  constructor(${t('private readonly ')}http${t(': HttpClient')}, ${t('private readonly ')}baseUrl = '/api/${n}s') {${typed ? '' : ' this.http = http; this.baseUrl = baseUrl;'}}`);
  for (let i = r.int(2, 4); i > 0; i--) {
    const m = camel(r.pick(VERBS), r.pick(NOUNS));
    out.push('');
    out.push(`  async ${m}(id${t(': string')}, refresh = false)${t(`: Promise<${pascal(n)}[]>`)} {`);
    out.push(`    const cached = this.cache.get(id);`);
    out.push(`    if (cached && !refresh) return cached;`);
    out.push(`    const response = await this.http.get(\`\${this.baseUrl}/\${encodeURIComponent(id)}/${m}\`);`);
    out.push(`    const rows = (response.data ?? []).filter((row) => row.${r.pick(ADJ)}).map((row) => ({ ...row, id: String(row.id) }));`);
    out.push(`    this.cache.set(id, rows);`);
    out.push(`    return rows;`);
    out.push(`  }`);
  }
  out.push(`}`);
  return out;
}

function tsxComponent(r) {
  const n = r.pick(NOUNS);
  const C = pascal(r.pick(ADJ), n, r.pick(['List', 'Card', 'Panel', 'Table', 'Form']));
  return [
    `export function ${C}({ items, onSelect }: { items: ${pascal(n)}[]; onSelect: (id: string) => void }) {`,
    `  const [filter, setFilter] = useState('');`,
    `  const visible = useMemo(() => items.filter((item) => item.name.toLowerCase().includes(filter.toLowerCase())), [items, filter]);`,
    `  useEffect(() => {`,
    `    document.title = \`\${visible.length} ${n}s\`;`,
    `  }, [visible.length]);`,
    `  return (`,
    `    <section className="${n}-${r.pick(['list', 'grid', 'panel'])}">`,
    `      <input value={filter} onChange={(event) => setFilter(event.target.value)} placeholder="Filter ${n}s" />`,
    `      <ul>`,
    `        {visible.map((item) => (`,
    `          <li key={item.id} onClick={() => onSelect(item.id)}>`,
    `            <strong>{item.name}</strong> <span>{item.tags.join(', ')}</span>`,
    `          </li>`,
    `        ))}`,
    `      </ul>`,
    `    </section>`,
    `  );`,
    `}`,
  ];
}

function tsHeader(r, kind) {
  const out = [`// ${cap(r.pick(NOUNS))} ${r.pick(['helpers', 'service', 'state', 'views'])} for the ${r.pick(PKGS)} package.`];
  if (kind === 'tsx') out.push(`import { useEffect, useMemo, useState } from 'react';`);
  if (kind !== 'js') out.push(`import type { HttpClient } from '../http';`);
  if (r.chance(0.4)) out.push(`import { ${camel(r.pick(VERBS), r.pick(NOUNS))} } from './${r.pick(NOUNS)}s';`);
  if (kind === 'js' && r.chance(0.5)) out.push(`const path = require('node:path');`);
  out.push('');
  return out;
}

function tsBody(r, lines, out, kind) {
  const typed = kind !== 'js';
  if (typed) out.push(...tsTypes(r), '');
  while (out.length < lines) {
    out.push('');
    const pick = r.next();
    if (kind === 'tsx' && pick < 0.4) out.push(...tsxComponent(r));
    else if (pick < 0.7) out.push(...tsFunction(r, typed));
    else out.push(...tsClass(r, typed));
  }
  return out;
}

function tsPlain(r, kind) {
  return tsBody(r, r.lines(kind === 'tsx' ? 80 : 90, 700), tsHeader(r, kind), kind).join('\n') + '\n';
}


function tsLlm(r) {
  const sdk = r.weighted([
    ['ai', 0.35],
    ['openai', 0.35],
    ['anthropic', 0.2],
    ['langchain', 0.1],
  ]);
  const planted = r.chance(0.35);
  const out = [`// ${cap(r.pick(NOUNS))} assistant route.`];
  if (sdk === 'ai') out.push(`import { openai } from '@ai-sdk/openai';`, `import { generateText, streamText } from 'ai';`);
  else if (sdk === 'openai') out.push(`import OpenAI from 'openai';`);
  else if (sdk === 'anthropic') out.push(`import Anthropic from '@anthropic-ai/sdk';`);
  else out.push(`import { ChatOpenAI } from '@langchain/openai';`);
  out.push(`import type { HttpClient } from '../http';`, '');
  if (sdk === 'openai') out.push(`const client = new OpenAI({ timeout: ${r.int(10, 60)}_000 });`);
  if (sdk === 'anthropic') out.push(`const client = new Anthropic({ timeout: ${r.int(10, 60)}_000 });`);
  if (sdk === 'langchain') out.push(`const llm = new ChatOpenAI({ model: 'gpt-5.1', maxTokens: ${r.int(256, 2048)} });`);
  out.push(`const SYSTEM_PROMPT = 'You are the ${r.pick(NOUNS)} assistant for Acme. Answer briefly.';`, '');
  const method = r.pick(['POST', 'POST', 'GET']);
  out.push(`export async function ${method}(req: Request) {`);
  out.push(`  const { question } = await req.json();`);
  const content = planted && r.chance(0.5) ? '`${SYSTEM_PROMPT} Customer says: ${question}`' : 'question';
  const cap_ = planted && r.chance(0.4) ? '' : `, maxOutputTokens: ${r.int(256, 4096)}`;
  if (sdk === 'ai') {
    out.push(`  const result = await generateText({ model: openai('${modelFrom(r, OPENAI_MODELS)}'), system: SYSTEM_PROMPT, prompt: ${content}${cap_} });`);
    out.push(`  return Response.json({ answer: result.text });`);
  } else if (sdk === 'openai') {
    out.push(`  const completion = await client.chat.completions.create({`);
    out.push(`    model: '${modelFrom(r, OPENAI_MODELS)}',`);
    if (cap_) out.push(`    max_completion_tokens: ${r.int(256, 4096)},`);
    out.push(`    messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: ${content} }],`);
    out.push(`  });`);
    out.push(`  return Response.json({ answer: completion.choices[0]?.message.content ?? '' });`);
  } else if (sdk === 'anthropic') {
    out.push(`  const message = await client.messages.create({`);
    out.push(`    model: '${modelFrom(r, CURRENT_MODELS.slice(0, 3))}',`);
    out.push(`    max_tokens: ${r.int(256, 4096)},`);
    out.push(`    system: SYSTEM_PROMPT,`);
    out.push(`    messages: [{ role: 'user', content: ${content} }],`);
    out.push(`  });`);
    out.push(`  const block = message.content[0];`);
    out.push(`  return Response.json({ answer: block?.type === 'text' ? block.text : '' });`);
  } else {
    out.push(`  const reply = await llm.invoke([['system', SYSTEM_PROMPT], ['human', ${content}]]);`);
    out.push(`  return Response.json({ answer: String(reply.content) });`);
  }
  out.push(`}`);
  return tsBody(r, r.lines(100, 500), out, 'ts').join('\n') + '\n';
}

function tsxLlmClient(r) {
  const out = [`'use client';`, `import { useChat } from '@ai-sdk/react';`, `import { useEffect, useMemo, useState } from 'react';`, `import type { HttpClient } from '../http';`, ''];
  out.push(
    `export default function ${pascal(r.pick(NOUNS))}Chat() {`,
    `  const { messages, sendMessage } = useChat();`,
    `  const [input, setInput] = useState('');`,
    `  return (`,
    `    <main>`,
    `      {messages.map((m) => (`,
    `        <p key={m.id}>{m.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')}</p>`,
    `      ))}`,
    `      <form onSubmit={(e) => { e.preventDefault(); sendMessage({ text: input }); setInput(''); }}>`,
    `        <input value={input} onChange={(e) => setInput(e.target.value)} />`,
    `      </form>`,
    `    </main>`,
    `  );`,
    `}`,
    '',
  );
  return tsBody(r, r.lines(70, 300), out, 'tsx').join('\n') + '\n';
}

// ---- text ----------------------------------------------------------------------------------------

function textFile(r) {
  const kind = r.weighted([
    ['md', 0.45],
    ['json', 0.3],
    ['yml', 0.2],
    ['env', 0.05],
  ]);
  const n = r.pick(NOUNS);
  if (kind === 'md') {
    const out = [`# ${cap(n)} ${r.pick(['service', 'module', 'notes'])}`, ''];
    for (let i = r.int(3, 30); i > 0; i--) out.push(`- ${cap(r.pick(VERBS))} the ${r.pick(ADJ)} ${r.pick(NOUNS)}s before the ${r.pick(NOUNS)} is ${r.pick(VERBS)}d.`);
    out.push('', '```bash', `npm run ${r.pick(VERBS)}`, '```');
    return { ext: '.md', text: out.join('\n') + '\n' };
  }
  if (kind === 'json') {
    const value = {};
    for (let i = r.int(3, 40); i > 0; i--) value[camel(r.pick(ADJ), r.pick(NOUNS))] = r.chance(0.5) ? r.int(0, 9999) : `${r.pick(NOUNS)}-${r.int(1, 99)}`;
    return { ext: '.json', text: JSON.stringify(value, null, 2) + '\n' };
  }
  if (kind === 'yml') {
    const out = [`name: ${n}`, 'on:', '  push:', '    branches: [main]', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:'];
    for (let i = r.int(2, 12); i > 0; i--) out.push(`      - run: npm run ${r.pick(VERBS)}`);
    return { ext: '.yml', text: out.join('\n') + '\n' };
  }
  return { ext: '.env.example', text: `OPENAI_API_KEY=\nDATABASE_URL=postgres://localhost/${n}\nLOG_LEVEL=info\n` };
}

// ---- tree ------------------------------------------------------------------------------------------

function fileFor(r, kind, i) {
  const pkg = PKGS[i % PKGS.length];
  const dir = (lang) => `${lang === 'py' ? 'services' : 'packages'}/${pkg}-${Math.floor(i / 160)}/${lang === 'py' ? pkg.replace(/-/g, '_') : 'src'}/${r.pick(NOUNS)}s`;
  const base = `${snake(r.pick(VERBS), r.pick(NOUNS))}_${i}`;
  switch (kind) {
    case 'py-llm':
      return { path: `${dir('py')}/${base}_assistant.py`, text: pyLlm(r) };
    case 'py-plain':
      return { path: `${dir('py')}/${base}.py`, text: pyPlain(r) };
    case 'ts-llm':
      return { path: `${dir('ts')}/api/${base}/route.ts`, text: tsLlm(r) };
    case 'tsx-llm-client':
      return { path: `${dir('ts')}/chat/${base}.tsx`, text: tsxLlmClient(r) };
    case 'ts-plain':
      return { path: `${dir('ts')}/${base}.ts`, text: tsPlain(r, 'ts') };
    case 'tsx-plain':
      return { path: `${dir('ts')}/${base}.tsx`, text: tsPlain(r, 'tsx') };
    case 'js-plain':
      return { path: `${dir('ts')}/${base}.js`, text: tsPlain(r, 'js') };
    default: {
      const { ext, text } = textFile(r);
      return { path: `${dir(r.pick(['py', 'ts']))}/${base}${ext}`, text };
    }
  }
}

/** The files of a tree, in order: [{ path, text, kind }]. Pure: same (count, seed) -> same files. */
export function generateFiles(count, seed = 20251129) {
  const r = new Rng(seed);
  const files = [];
  for (let i = 0; i < count; i++) {
    const kind = r.weighted(MIX);
    files.push({ ...fileFor(r, kind, i), kind });
  }
  return files;
}

/** Writes the tree into `dir` unless a manifest says it is already there; returns the manifest. */
export function generateTree(dir, count, seed = 20251129) {
  const manifestPath = `${dir}.manifest.json`; // beside the tree, so it is not scanned
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.version === GENERATOR_VERSION && manifest.files === count && manifest.seed === seed) return manifest;
  }
  rmSync(dir, { recursive: true, force: true });
  const files = generateFiles(count, seed);
  const hash = createHash('sha256');
  const kinds = {};
  let lines = 0;
  let bytes = 0;
  for (const file of files) {
    const absolute = path.join(dir, file.path);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, file.text);
    hash.update(file.path).update('\0').update(file.text).update('\0');
    kinds[file.kind] = (kinds[file.kind] ?? 0) + 1;
    lines += file.text.split('\n').length - 1;
    bytes += Buffer.byteLength(file.text);
  }
  const manifest = { version: GENERATOR_VERSION, seed, files: count, lines, bytes, kinds, digest: hash.digest('hex').slice(0, 16) };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [dir, count, seed] = process.argv.slice(2);
  if (!dir || !count) {
    console.error('usage: node scripts/bench/generate.mjs DIR FILES [SEED]');
    process.exit(2);
  }
  console.log(JSON.stringify(generateTree(path.resolve(dir), Number(count), seed ? Number(seed) : undefined)));
}
