// Request shapes (reference/live-probe.md §c): how a prompt becomes a request body. An explicit body
// template wins; otherwise the shapes below are tried in order until a calibration answer locks one.
import { UsageError } from '../core/types.js';

export type Role = 'system' | 'user' | 'assistant';
export interface Turn {
  role: Role;
  text: string;
}

export interface BuildOptions {
  /** Top-level fields merged into JSON object bodies (learned required fields, probe overrides). */
  extra: Record<string, unknown>;
  /** Unique per request (AI SDK chat ids). */
  requestId: string;
  /** Do not send our own output cap (the output-limit probe tests the app's). */
  unbounded?: boolean;
}

export interface Built {
  body: string;
  headers?: Record<string, string>;
}

export interface Shape {
  id: string;
  /** Can carry system and assistant turns (client-controlled roles can be tested). */
  roles: boolean;
  build(turns: readonly Turn[], options: BuildOptions): Built;
}

/** Single prompt fields that chat endpoints commonly read. */
export const PROMPT_FIELDS = ['prompt', 'message', 'input', 'query', 'question', 'text', 'content'] as const;

const OPENAI_MODEL = 'gpt-4o-mini';
const ANTHROPIC_MODEL = 'claude-3-5-haiku-latest';
const OUR_MAX_TOKENS = 256;

function lastUser(turns: readonly Turn[]): string {
  for (let i = turns.length - 1; i >= 0; i--) if (turns[i]!.role === 'user') return turns[i]!.text;
  return turns[turns.length - 1]?.text ?? '';
}

const json = (value: unknown): Built => ({ body: JSON.stringify(value) });

export const SHAPES: Record<string, Shape> = {
  // Vercel AI SDK 5+ `useChat` (UI messages with parts, sent as `trigger: submit-message`).
  'ai-sdk-ui': {
    id: 'ai-sdk-ui',
    roles: true,
    build: (turns, o) =>
      json({
        id: o.requestId,
        messages: turns.map((t, i) => ({ id: `${o.requestId}-m${i + 1}`, role: t.role, parts: [{ type: 'text', text: t.text }] })),
        trigger: 'submit-message',
        ...o.extra,
      }),
  },
  // AI SDK 4 `useChat` and most hand-written chat routes: `{ messages: [{ role, content }] }`.
  messages: {
    id: 'messages',
    roles: true,
    build: (turns, o) => json({ messages: turns.map((t) => ({ role: t.role, content: t.text })), ...o.extra }),
  },
  // `{ prompt }` (AI SDK `useCompletion`), `{ message }`, `{ input }`, ...: one request covers them all.
  fields: {
    id: 'fields',
    roles: false,
    build: (turns, o) => {
      const text = lastUser(turns);
      return json({ ...Object.fromEntries(PROMPT_FIELDS.map((f) => [f, text])), ...o.extra });
    },
  },
  openai: {
    id: 'openai',
    roles: true,
    build: (turns, o) =>
      json({
        model: OPENAI_MODEL,
        messages: turns.map((t) => ({ role: t.role, content: t.text })),
        ...(o.unbounded ? {} : { max_tokens: OUR_MAX_TOKENS }),
        ...o.extra,
      }),
  },
  anthropic: {
    id: 'anthropic',
    roles: true,
    build: (turns, o) => {
      const system = turns.filter((t) => t.role === 'system').map((t) => t.text).join('\n');
      return {
        ...json({
          model: ANTHROPIC_MODEL,
          max_tokens: o.unbounded ? 8192 : OUR_MAX_TOKENS,
          ...(system ? { system } : {}),
          messages: turns.filter((t) => t.role !== 'system').map((t) => ({ role: t.role, content: t.text })),
          ...o.extra,
        }),
        headers: { 'anthropic-version': '2023-06-01' },
      };
    },
  },
};

/** One named field, learned from a validation error (`{ "userMessage": ... }`). */
export function fieldShape(name: string): Shape {
  return {
    id: `field:${name}`,
    roles: false,
    build: (turns, o) => json({ [name]: lastUser(turns), ...o.extra }),
  };
}

export function shapeById(id: string): Shape | undefined {
  if (id.startsWith('field:')) return fieldShape(id.slice('field:'.length));
  return SHAPES[id];
}

const PLACEHOLDERS = ['{{prompt}}', '$INPUT'];

/**
 * The user's `--body` template. `{{prompt}}` (or garak's `$INPUT`) inside a JSON string is replaced by the
 * escaped prompt; a bare `{{prompt}}` becomes a JSON string value.
 */
export function templateShape(template: string): Shape {
  const placeholder = PLACEHOLDERS.find((p) => template.includes(p));
  if (!placeholder) throw new UsageError('--body must contain {{prompt}} where the prompt goes');
  const fill = (prompt: string, quoted: boolean): string =>
    template.split(placeholder).join(quoted ? JSON.stringify(prompt) : JSON.stringify(prompt).slice(1, -1));
  let quoted: boolean;
  const parses = (text: string): boolean => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  if (parses(fill('x"\n', false))) quoted = false;
  else if (parses(fill('x', true))) quoted = true;
  else throw new UsageError('--body is not valid JSON once {{prompt}} is filled in');
  return {
    id: 'template',
    roles: false,
    build: (turns, o) => {
      const body = fill(lastUser(turns), quoted);
      const parsed = JSON.parse(body) as unknown;
      if (Object.keys(o.extra).length && parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return json({ ...(parsed as Record<string, unknown>), ...o.extra });
      }
      return { body };
    },
  };
}

/** Shapes to try first, from the URL path (an OpenAI-style path is most likely OpenAI-compatible). */
export function initialShapes(path: string): string[] {
  if (/\/chat\/completions\/?$/i.test(path)) return ['openai', 'messages', 'ai-sdk-ui', 'fields'];
  if (/\/v1\/messages\/?$/i.test(path)) return ['anthropic', 'messages', 'ai-sdk-ui', 'fields'];
  if (/\/(?:completions?|generate|complete|ask|query)\/?$/i.test(path)) return ['fields', 'ai-sdk-ui', 'messages', 'openai', 'anthropic'];
  return ['ai-sdk-ui', 'messages', 'fields', 'openai', 'anthropic'];
}

export interface Learned {
  /** Fields the validator asked for (or found invalid). */
  fields: string[];
  /** Fields a strict validator rejected as unknown. */
  unknown: string[];
  /** The error mentions UI message `parts`. */
  mentionsParts: boolean;
}

const NOT_FIELDS = new Set([
  'field', 'fields', 'property', 'parameter', 'key', 'argument', 'the', 'a', 'an', 'body', 'request', 'value',
  'this', 'is', 'are', 'required', 'missing', 'json', 'object', 'string', 'type', 'error', 'input_value', 'loc', 'msg',
]);

function addName(list: string[], name: unknown): void {
  if (typeof name !== 'string') return;
  const clean = name.replace(/^body\./, '').split(/[.[]/)[0]!;
  if (/^[A-Za-z_][\w-]{0,63}$/.test(clean) && !NOT_FIELDS.has(clean.toLowerCase()) && !list.includes(clean)) list.push(clean);
}

function walk(value: unknown, visit: (node: Record<string, unknown>) => void, depth = 0): void {
  if (depth > 5 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 50)) walk(item, visit, depth + 1);
    return;
  }
  const node = value as Record<string, unknown>;
  visit(node);
  for (const child of Object.values(node)) walk(child, visit, depth + 1);
}

/**
 * Field names from a 400/422 validation error: zod `issues[].path`, zod `fieldErrors`, pydantic/FastAPI
 * `detail[].loc`, express-validator `errors[].path|param`, ajv `params.missingProperty`, and plain
 * messages such as "messages is required" or "missing field `prompt`".
 */
export function learnFromError(bodyText: string): Learned {
  const fields: string[] = [];
  const unknown: string[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  walk(parsed, (node) => {
    // zod issue / pydantic error / express-validator error / ajv error
    if (Array.isArray(node['keys']) && node['code'] === 'unrecognized_keys') for (const k of node['keys']) addName(unknown, k);
    else if (Array.isArray(node['path']) && ('message' in node || 'code' in node)) addName(fields, node['path'][0]);
    if (Array.isArray(node['loc'])) {
      const loc = node['loc'].filter((p) => p !== 'body' && typeof p === 'string');
      if (node['type'] === 'extra_forbidden') addName(unknown, loc[0]);
      else addName(fields, loc[0]);
    }
    if (typeof node['path'] === 'string' && 'msg' in node) addName(fields, node['path']);
    if (typeof node['param'] === 'string') addName(fields, node['param']);
    const params = node['params'];
    if (params && typeof params === 'object') {
      addName(fields, (params as Record<string, unknown>)['missingProperty']);
      addName(unknown, (params as Record<string, unknown>)['additionalProperty']);
    }
    const fieldErrors = node['fieldErrors'];
    if (fieldErrors && typeof fieldErrors === 'object' && !Array.isArray(fieldErrors)) for (const k of Object.keys(fieldErrors)) addName(fields, k);
  });
  const text = bodyText.slice(0, 4000);
  const patterns = [
    /\b(?:missing|required)\s+(?:(?:field|property|parameter|key|argument)s?\s*)?[:=]?\s*["'`]([A-Za-z_][\w-]*)["'`]/gi,
    /\b(?:missing|required)\s+(?:field|property|parameter|key|argument)s?\s*[:=]?\s*([A-Za-z_][\w-]*)/gi,
    /["'`]?([A-Za-z_][\w-]*)["'`]?\s+(?:is|are)\s+(?:a\s+)?(?:required|missing)/gi,
    /["'`]([A-Za-z_][\w-]*)["'`]\s+(?:field|property|parameter)\s+(?:is\s+)?required/gi,
    /unrecognized key\(?s?\)? in object:?\s*((?:["'`][\w-]+["'`][,\s]*)+)/gi,
  ];
  patterns.forEach((re, i) => {
    for (const m of text.matchAll(re)) {
      if (i === 4) for (const k of m[1]!.matchAll(/["'`]([\w-]+)["'`]/g)) addName(unknown, k[1]);
      else addName(fields, m[1]);
    }
  });
  return { fields, unknown, mentionsParts: /\bparts\b/.test(text) };
}

const ID_LIKE = /(?:^id$|Id$|_id$|session|conversation|thread|chat)/i;
const PROMPT_LIKE = /(?:message|prompt|input|query|question|text|content|msg|^q$)$/i;

/** What to try next after a validation error: shapes to move to the front, extra fields to send. */
export function nextFromLearned(
  learned: Learned,
  current: string,
  runId: string,
): { shapes: string[]; extra: Record<string, unknown> } {
  const shapes: string[] = [];
  const extra: Record<string, unknown> = {};
  if (current === 'fields' && learned.unknown.length) {
    const accepted = PROMPT_FIELDS.find((f) => !learned.unknown.includes(f));
    if (accepted) shapes.push(`field:${accepted}`);
  }
  for (const name of learned.fields) {
    if (name === 'messages') shapes.push(...(learned.mentionsParts ? ['ai-sdk-ui', 'messages'] : ['messages', 'ai-sdk-ui']));
    else if (name === 'parts' || name === 'trigger') shapes.push('ai-sdk-ui');
    else if (name === 'model') shapes.push('openai', 'anthropic');
    else if (name === 'max_tokens') shapes.push('anthropic');
    else if ((PROMPT_FIELDS as readonly string[]).includes(name)) shapes.push(current === 'fields' ? `field:${name}` : 'fields');
    else if (PROMPT_LIKE.test(name) && !ID_LIKE.test(name)) shapes.push(`field:${name}`);
    else extra[name] = ID_LIKE.test(name) ? `promptgate-${runId}` : 'promptgate';
  }
  return { shapes, extra };
}
