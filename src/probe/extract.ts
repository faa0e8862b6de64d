// Reading the answer out of a response: JSON by known paths (or the user's --response-path), server-sent
// events through a real SSE parser (eventsource-parser) including the AI SDK UI-message stream and the
// OpenAI and Anthropic event streams, the AI SDK 4 data stream (`0:"…"` lines), NDJSON and plain text.
// Side channels (model, usage, finish reason, tool calls, error parts) feed the passive probes.
import { createParser } from 'eventsource-parser';
import { UsageError } from '../core/types.js';

export type ResponseFormat = 'json' | 'sse' | 'ui-message-stream' | 'data-stream' | 'ndjson' | 'text' | 'html' | 'empty';

export interface Extracted {
  text: string;
  format: ResponseFormat;
  model?: string;
  outputTokens?: number;
  finishReason?: string;
  /** Names of tools the answer called (stream parts, `tool_calls`, `tool_use` blocks). */
  toolCalls: string[];
  /** Error parts and error fields. */
  errors: string[];
  /** Number of choices in an OpenAI-style answer. */
  choices?: number;
  /** --response-path was given and matched nothing. */
  pathMissing?: boolean;
  /** A conversation id returned by the server (stateful endpoint). */
  conversationId?: string;
}

// ---- --response-path --------------------------------------------------------------------------------

export type PathSegment = string | number | '*';

/** `$.choices[0].message.content`, `content[*].text`, `data.answer` -> segments. */
export function parseResponsePath(path: string): PathSegment[] {
  const text = path.trim().replace(/^\$\.?/, '');
  const segments: PathSegment[] = [];
  const re = /([^.[\]]+)|\[(\d+|\*|'[^']*'|"[^"]*")\]/g;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    const between = text.slice(consumed, m.index);
    if (between && between !== '.') throw new UsageError(`--response-path is not a path like choices[0].message.content (got "${path.slice(0, 60)}")`);
    consumed = m.index + m[0].length;
    if (m[1] !== undefined) segments.push(m[1] === '*' ? '*' : m[1]);
    else if (m[2] === '*') segments.push('*');
    else if (/^\d+$/.test(m[2]!)) segments.push(Number(m[2]));
    else segments.push(m[2]!.slice(1, -1));
  }
  if (!segments.length || consumed !== text.length) throw new UsageError(`--response-path is not a path like choices[0].message.content (got "${path.slice(0, 60)}")`);
  return segments;
}

function select(value: unknown, path: readonly PathSegment[]): unknown[] {
  let current: unknown[] = [value];
  for (const seg of path) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object') continue;
      if (seg === '*') next.push(...(Array.isArray(v) ? v : Object.values(v)));
      else if (typeof seg === 'number') Array.isArray(v) && seg < v.length && next.push(v[seg]);
      else if (!Array.isArray(v) && seg in v) next.push((v as Record<string, unknown>)[seg]);
    }
    current = next;
  }
  return current;
}

function asText(values: unknown[]): string | undefined {
  const parts = values.flatMap((v) => (typeof v === 'string' ? [v] : typeof v === 'number' ? [String(v)] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []));
  return parts.length ? parts.join('') : undefined;
}

// ---- JSON answers -----------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Text of a content value: a string, or an array of `{ type: 'text', text }` parts. */
function contentText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const texts = v.map((p) => (isObj(p) ? str(p['text']) : typeof p === 'string' ? p : undefined)).filter((t): t is string => t !== undefined);
    return texts.length ? texts.join('') : undefined;
  }
  return undefined;
}

/** Known places of the answer text in JSON bodies, most specific first. */
const JSON_PATHS: ReadonlyArray<(d: Obj) => string | undefined> = [
  (d) => (Array.isArray(d['choices']) && isObj(d['choices'][0]) ? contentText((d['choices'][0]['message'] as Obj | undefined)?.['content']) ?? str(d['choices'][0]['text']) : undefined),
  (d) => (Array.isArray(d['content']) ? contentText(d['content']) : undefined),
  (d) => str(d['output_text']),
  (d) => (Array.isArray(d['output']) ? contentText(d['output'].flatMap((o) => (isObj(o) && Array.isArray(o['content']) ? o['content'] : []))) : undefined),
  (d) => (isObj(d['message']) ? contentText(d['message']['content']) ?? contentText(d['message']['parts']) : undefined),
  (d) =>
    Array.isArray(d['candidates']) && isObj(d['candidates'][0]) && isObj(d['candidates'][0]['content'])
      ? contentText(d['candidates'][0]['content']['parts'])
      : undefined,
  ...['message', 'response', 'reply', 'answer', 'text', 'output', 'completion', 'result', 'content', 'generated_text'].map(
    (k) => (d: Obj) => str(d[k]),
  ),
  ...['data', 'result', 'response', 'output'].map((k) => (d: Obj) => (isObj(d[k]) ? knownText(d[k]) : undefined)),
];

function knownText(d: Obj): string | undefined {
  for (const read of JSON_PATHS) {
    const text = read(d);
    if (text !== undefined) return text;
  }
  return undefined;
}

const NOT_ANSWER_KEYS = new Set(['id', 'model', 'role', 'object', 'type', 'status', 'created', 'finish_reason', 'stop_reason', 'system_fingerprint']);

function longestStringLeaf(value: unknown, depth = 0): string | undefined {
  if (depth > 6) return undefined;
  let best: string | undefined;
  const consider = (s: string | undefined): void => {
    if (s !== undefined && (best === undefined || s.length > best.length)) best = s;
  };
  if (Array.isArray(value)) for (const v of value) consider(typeof v === 'string' ? v : longestStringLeaf(v, depth + 1));
  else if (isObj(value)) for (const [k, v] of Object.entries(value)) if (!NOT_ANSWER_KEYS.has(k)) consider(typeof v === 'string' ? v : longestStringLeaf(v, depth + 1));
  return best;
}

function sideChannels(d: Obj, out: Extracted): void {
  out.model ??= str(d['model']);
  const usage = isObj(d['usage']) ? d['usage'] : undefined;
  if (usage) out.outputTokens = num(usage['output_tokens']) ?? num(usage['completion_tokens']) ?? num(usage['completionTokens']) ?? out.outputTokens;
  out.finishReason = str(d['stop_reason']) ?? str(d['finishReason']) ?? str(d['finish_reason']) ?? out.finishReason;
  if (Array.isArray(d['choices'])) {
    out.choices = d['choices'].length;
    for (const c of d['choices']) {
      if (!isObj(c)) continue;
      out.finishReason = str(c['finish_reason']) ?? out.finishReason;
      const calls = (isObj(c['message']) ? c['message']['tool_calls'] : undefined) ?? (isObj(c['delta']) ? c['delta']['tool_calls'] : undefined);
      if (Array.isArray(calls)) for (const call of calls) if (isObj(call) && isObj(call['function']) && str(call['function']['name'])) out.toolCalls.push(call['function']['name'] as string);
    }
  }
  if (Array.isArray(d['content'])) for (const block of d['content']) if (isObj(block) && block['type'] === 'tool_use' && str(block['name'])) out.toolCalls.push(block['name'] as string);
  const error = d['error'];
  if (typeof error === 'string') out.errors.push(error);
  else if (isObj(error)) out.errors.push(str(error['message']) ?? JSON.stringify(error).slice(0, 500));
  for (const key of ['conversationId', 'conversation_id', 'chatId', 'threadId', 'thread_id', 'sessionId', 'session_id']) {
    if (str(d[key])) out.conversationId ??= d[key] as string;
  }
}

// ---- stream events ----------------------------------------------------------------------------------

/** One JSON event of any supported stream: AI SDK UI parts, OpenAI chat/Responses, Anthropic, generic. */
function streamEvent(d: Obj, event: string | undefined, out: Extracted, path: readonly PathSegment[] | undefined): void {
  if (path) {
    const text = asText(select(d, path));
    if (text !== undefined) out.text += text;
    sideChannels(d, out);
    return;
  }
  const type = str(d['type']) ?? event;
  switch (type) {
    case 'text-delta':
      out.text += str(d['delta']) ?? str(d['textDelta']) ?? '';
      return;
    case 'text':
      out.text += str(d['text']) ?? '';
      return;
    case 'error':
      out.errors.push(str(d['errorText']) ?? (isObj(d['error']) ? str(d['error']['message']) : str(d['error'])) ?? JSON.stringify(d).slice(0, 500));
      return;
    case 'tool-input-start':
    case 'tool-input-available':
    case 'tool-call':
    case 'tool-call-streaming-start':
      if (str(d['toolName'])) out.toolCalls.push(d['toolName'] as string);
      return;
    case 'finish':
    case 'finish-step':
      out.finishReason = str(d['finishReason']) ?? out.finishReason;
      if (isObj(d['messageMetadata'])) sideChannels(d['messageMetadata'], out);
      if (isObj(d['usage'])) sideChannels(d, out);
      return;
    case 'start':
      if (isObj(d['messageMetadata'])) sideChannels(d['messageMetadata'], out);
      return;
    case 'response.output_text.delta':
      out.text += str(d['delta']) ?? '';
      return;
    case 'response.completed':
      if (isObj(d['response'])) sideChannels(d['response'], out);
      return;
    case 'message_start':
      if (isObj(d['message'])) sideChannels(d['message'], out);
      return;
    case 'content_block_start':
      if (isObj(d['content_block'])) {
        const block = d['content_block'];
        if (block['type'] === 'tool_use' && str(block['name'])) out.toolCalls.push(block['name'] as string);
        if (block['type'] === 'text') out.text += str(block['text']) ?? '';
      }
      return;
    case 'content_block_delta':
      if (isObj(d['delta']) && d['delta']['type'] === 'text_delta') out.text += str(d['delta']['text']) ?? '';
      return;
    case 'message_delta':
      if (isObj(d['delta'])) out.finishReason = str(d['delta']['stop_reason']) ?? out.finishReason;
      if (isObj(d['usage'])) out.outputTokens = num(d['usage']['output_tokens']) ?? out.outputTokens;
      return;
  }
  if (type && /^(?:ping|message_stop|content_block_stop|start-step|text-start|text-end|reasoning-.*|source-.*|data-.*|file|tool-output-.*|tool-input-delta|response\..*)$/.test(type)) return;
  if (Array.isArray(d['choices'])) {
    for (const c of d['choices']) {
      if (!isObj(c)) continue;
      const delta = isObj(c['delta']) ? c['delta'] : isObj(c['message']) ? c['message'] : undefined;
      out.text += (delta ? contentText(delta['content']) : str(c['text'])) ?? '';
    }
    sideChannels(d, out);
    return;
  }
  const generic = str(d['text']) ?? str(d['token']) ?? str(d['content']) ?? str(d['delta']) ?? str(d['message']) ?? str(d['response']) ?? str(d['answer']) ?? str(d['output']);
  if (generic !== undefined) out.text += generic;
  sideChannels(d, out);
}

function feedData(data: string, event: string | undefined, out: Extracted, path: readonly PathSegment[] | undefined): void {
  const trimmed = data.trim();
  if (trimmed === '[DONE]' || trimmed === '') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    if (!/^[{[]/.test(trimmed)) out.text += data; // plain text chunks sent as events; a cut-off JSON event is dropped
    return;
  }
  if (isObj(parsed)) streamEvent(parsed, event, out, path);
  else if (typeof parsed === 'string') out.text += parsed;
}

function parseSse(body: string, out: Extracted, path: readonly PathSegment[] | undefined): void {
  const parser = createParser({ onEvent: (e) => feedData(e.data, e.event, out, path) });
  parser.feed(body);
  parser.feed('\n\n'); // a last event without its blank line (cut off at the cap) still counts
}

// AI SDK 4 data stream: `<code>:<JSON>` lines.
const DATA_LINE = /^([0-9a-k]):(.*)$/;

function parseDataStream(body: string, out: Extracted): void {
  for (const line of body.split('\n')) {
    const m = DATA_LINE.exec(line.trim());
    if (!m) continue;
    let value: unknown;
    try {
      value = JSON.parse(m[2]!);
    } catch {
      continue;
    }
    switch (m[1]) {
      case '0':
        if (typeof value === 'string') out.text += value;
        break;
      case '3':
        out.errors.push(typeof value === 'string' ? value : JSON.stringify(value).slice(0, 500));
        break;
      case '9':
      case 'b':
        if (isObj(value) && str(value['toolName'])) out.toolCalls.push(value['toolName'] as string);
        break;
      case 'd':
      case 'e':
        if (isObj(value)) {
          out.finishReason = str(value['finishReason']) ?? out.finishReason;
          if (isObj(value['usage'])) out.outputTokens = num(value['usage']['completionTokens']) ?? out.outputTokens;
        }
        break;
    }
  }
}

function looksLikeDataStream(body: string): boolean {
  const lines = body.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length > 0 && lines.every((l) => DATA_LINE.test(l)) && lines.some((l) => /^(?:0:"|f:\{|d:\{)/.test(l));
}

export interface ResponseLike {
  status?: number;
  headers: Record<string, string>;
  bodyText: string;
}

/** The answer text and side channels of a response. */
export function extract(response: ResponseLike, path?: readonly PathSegment[]): Extracted {
  const out: Extracted = { text: '', format: 'empty', toolCalls: [], errors: [] };
  const body = response.bodyText;
  const type = (response.headers['content-type'] ?? '').toLowerCase();
  if (!body.trim()) return out;
  if (response.headers['x-vercel-ai-ui-message-stream']) {
    out.format = 'ui-message-stream';
    parseSse(body, out, path);
  } else if (response.headers['x-vercel-ai-data-stream'] || (!type.includes('json') && !type.includes('event-stream') && looksLikeDataStream(body))) {
    out.format = 'data-stream';
    parseDataStream(body, out);
  } else if (type.includes('text/event-stream') || /^(?:data|event|id):/m.test(body.slice(0, 200)) && !type.includes('json')) {
    out.format = 'sse';
    parseSse(body, out, path);
  } else if (type.includes('ndjson') || type.includes('jsonl') || type.includes('json-seq')) {
    out.format = 'ndjson';
    for (const line of body.split('\n')) feedData(line, undefined, out, path);
  } else if (type.includes('json') || /^\s*[{[]/.test(body)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      out.format = type.includes('json') ? 'json' : 'text';
      out.text = body;
      return out;
    }
    out.format = 'json';
    if (path) {
      const text = asText(select(parsed, path));
      if (text === undefined) out.pathMissing = true;
      else out.text = text;
    } else if (isObj(parsed)) {
      out.text = knownText(parsed) ?? longestStringLeaf(parsed) ?? '';
    } else {
      out.text = typeof parsed === 'string' ? parsed : longestStringLeaf(parsed) ?? '';
    }
    if (isObj(parsed)) sideChannels(parsed, out);
  } else {
    out.format = type.includes('html') ? 'html' : 'text';
    out.text = body;
  }
  if (path && out.format !== 'json' && out.format !== 'text' && out.format !== 'html' && out.text === '') out.pathMissing = true;
  return out;
}
