// One probe run: calibrate the request shape, send every probe's requests (bounded by the client), then
// the rate-limit burst last so it cannot starve the model-behaviour probes of a rate-limited endpoint.
import type { Logger } from '../core/types.js';
import type { Exchange, ProbeClient, ProbeRequest } from './client.js';
import { containsToken, squash } from './detect.js';
import { extract, type Extracted, type PathSegment } from './extract.js';
import { CALIBRATION_PROMPT, PROBE_ORIGIN, type ChatPayload, type ProbeDef } from './probes.js';
import { initialShapes, learnFromError, nextFromLearned, shapeById, type Shape, type Turn } from './shapes.js';
import { MIN_BURST, type TierLimits } from './tiers.js';
import { codeWord, letterChallenge, sumChallenge, type Rng } from './tokens.js';
import type { Tier } from './types.js';

/** One request a probe sent (or tried to send), with its answer read out. */
export interface Sent {
  probe: string;
  exchange: Exchange;
  extracted: Extracted;
  /** The computed token the answer must carry to count as a hit. */
  token?: string;
  /** The session-leak code. */
  code?: string;
  /** The prompt shown in evidence (first user text). */
  prompt: string;
  /** The request body as sent (for reflection checks). */
  requestText: string;
}

export type NotRun = 'budget' | 'deadline' | 'no-shape' | 'roles' | 'stateless';

export interface RunState {
  tier: Tier;
  limits: TierLimits;
  client: ProbeClient;
  logger: Logger;
  rng: Rng;
  runId: string;
  method: 'POST';
  path: string;
  template: Shape | undefined;
  responsePath: readonly PathSegment[] | undefined;
  hasAppAuth: boolean;
  /** Learned required fields, sent with every body. */
  extra: Record<string, unknown>;
  /** Locked by a calibration answer with the computed sum. */
  shape: Shape | undefined;
  calibrated: boolean;
  /** Answered 2xx without the sum: usable for HTTP-level probes, never enough to pass an LLM probe. */
  guess: Shape | undefined;
  /** Why calibration ended the way it did (shown when LLM probes are inconclusive). */
  calibrationNote: string;
  /** A platform wall (Vercel SSO, Cloudflare challenge, ...) stood in front of the app. */
  wall: string | undefined;
  stateful: { cookie?: string; conversation?: { key: string; id: string } } | undefined;
  sent: Sent[];
  /** Why a probe sent nothing (or less than planned). */
  notRun: Map<string, NotRun>;
  requestCounter: number;
}

const EMPTY: Extracted = { text: '', format: 'empty', toolCalls: [], errors: [] };

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, key: string) => values[key] ?? m);
}

function fillValue(value: unknown, values: Record<string, string>): unknown {
  return typeof value === 'string' ? fill(value, values) : value;
}

const rot13 = (s: string): string =>
  s.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });

export function encode(text: string, encoding: 'base64' | 'hex' | 'rot13' | 'tags'): string {
  switch (encoding) {
    case 'base64':
      return Buffer.from(text, 'utf8').toString('base64');
    case 'hex':
      return Buffer.from(text, 'utf8').toString('hex');
    case 'rot13':
      return rot13(text);
    case 'tags':
      // Unicode tag characters mirror ASCII at U+E0000 and render as nothing.
      return Array.from(text, (c) => (c.charCodeAt(0) < 0x80 ? String.fromCodePoint(0xe0000 + c.charCodeAt(0)) : '')).join('');
  }
}

const FILLER_SENTENCE = 'The quick brown fox jumps over the lazy dog near the quiet river bank on a calm spring morning. ';

export function filler(chars: number): string {
  return FILLER_SENTENCE.repeat(Math.ceil(chars / FILLER_SENTENCE.length)).slice(0, chars);
}

export function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const is2xx = (ex: Exchange): boolean => ex.status !== undefined && ex.status >= 200 && ex.status < 300;

/** Send and record one request; a short Retry-After on 429 is honoured once. */
async function sendRecorded(
  state: RunState,
  probe: string,
  req: ProbeRequest,
  meta: { token?: string; code?: string; prompt: string; retry429?: boolean },
): Promise<Sent> {
  const record = (exchange: Exchange): Sent => {
    const extracted = exchange.status !== undefined ? extract(exchange, state.responsePath) : EMPTY;
    const sent: Sent = { probe, exchange, extracted, prompt: meta.prompt, requestText: req.body ?? '' };
    if (meta.token !== undefined) sent.token = meta.token;
    if (meta.code !== undefined) sent.code = meta.code;
    state.sent.push(sent);
    return sent;
  };
  let sent = record(await state.client.send(req));
  if (meta.retry429 && sent.exchange.status === 429) {
    const wait = retryAfterMs(sent.exchange.headers['retry-after']);
    if (wait !== undefined && wait <= 5_000 && state.client.remaining > 0 && (await state.client.sleep(wait))) {
      sent = record(await state.client.send(req));
    }
  }
  if (sent.exchange.notSent) state.notRun.set(probe, sent.exchange.notSent);
  return sent;
}

function nextRequestId(state: RunState): string {
  state.requestCounter += 1;
  return `pg-${state.runId}-${state.requestCounter}`;
}

interface ChatOptions {
  token?: string;
  code?: string;
  fields?: Record<string, unknown>;
  unbounded?: boolean;
  omitAuth?: boolean;
  headers?: Record<string, string>;
  maxBodyBytes?: number;
  timeoutMs?: number;
  burst?: boolean;
  retry429?: boolean;
}

function chatRequest(state: RunState, probe: string, shape: Shape, turns: readonly Turn[], o: ChatOptions): ProbeRequest {
  const built = shape.build(turns, { extra: { ...state.extra, ...(o.fields ?? {}) }, requestId: nextRequestId(state), unbounded: o.unbounded ?? false });
  const req: ProbeRequest = { label: probe, method: state.method, body: built.body, headers: { ...(built.headers ?? {}), ...(o.headers ?? {}) } };
  if (o.omitAuth) req.omitAuth = true;
  if (o.maxBodyBytes) req.maxBodyBytes = o.maxBodyBytes;
  if (o.timeoutMs) req.timeoutMs = o.timeoutMs;
  if (o.burst) req.burst = true;
  return req;
}

function sendChat(state: RunState, probe: string, shape: Shape, turns: readonly Turn[], o: ChatOptions): Promise<Sent> {
  const req = chatRequest(state, probe, shape, turns, o);
  const meta: { token?: string; code?: string; prompt: string; retry429?: boolean } = {
    prompt: turns.find((t) => t.role === 'user')?.text ?? turns[0]?.text ?? '',
    retry429: o.retry429 ?? true,
  };
  if (o.token !== undefined) meta.token = o.token;
  if (o.code !== undefined) meta.code = o.code;
  return sendRecorded(state, probe, req, meta);
}

// ---- calibration ------------------------------------------------------------------------------------

/** Platform walls in front of the app: not findings, but nothing behind them can be judged. */
export function detectWall(ex: Exchange): string | undefined {
  const h = ex.headers;
  const body = ex.bodyText.slice(0, 20_000);
  if (h['cf-mitigated'] === 'challenge') return 'a Cloudflare challenge';
  if ((ex.status === 401 || ex.status === 403) && (/_vercel_sso_nonce/.test(h['set-cookie'] ?? '') || /vercel\.com\/sso|Vercel Authentication/i.test(body))) {
    return 'Vercel Deployment Protection (send the bypass secret as "x-vercel-protection-bypass: …" with --bypass-header or probe-bypass-headers)';
  }
  if ((ex.status === 401 || ex.status === 200) && /netlify/i.test(h['server'] ?? '') && /<form[^>]+password/i.test(body)) return 'a Netlify password page';
  return undefined;
}

function reflects(text: string, prompt: string): boolean {
  const p = squash(prompt).slice(0, 24);
  return p.length >= 12 && squash(text).includes(p);
}

function answerText(s: Sent): string {
  return s.extracted.text || s.exchange.bodyText;
}

/** Try request shapes until an answer carries the computed sum; learn required fields from 400/422. */
export async function calibrate(state: RunState): Promise<void> {
  const queue: string[] = state.template ? ['template', 'template'] : initialShapes(state.path);
  const tried = new Set<string>();
  let attempts = 0;
  let retried429 = false;
  const notes: string[] = [];
  while (queue.length && attempts < state.limits.calibrationAttempts && state.client.open) {
    const id = queue.shift()!;
    if (id !== 'template' && tried.has(id)) continue;
    tried.add(id);
    const shape = id === 'template' ? state.template! : shapeById(id)!;
    const { a, b, token } = sumChallenge(state.rng);
    const prompt = fill(CALIBRATION_PROMPT, { a: String(a), b: String(b) });
    const sent = await sendChat(state, 'calibration', shape, [{ role: 'user', text: prompt }], { token, retry429: false });
    attempts++;
    const ex = sent.exchange;
    if (ex.notSent) {
      notes.push(ex.notSent === 'budget' ? 'request budget spent' : 'deadline reached');
      break;
    }
    if (ex.status === undefined) {
      notes.push(ex.error ?? 'no response');
      break;
    }
    const wall = detectWall(ex);
    if (wall) {
      state.wall = wall;
      notes.push(`blocked by ${wall}`);
      break;
    }
    const status = ex.status;
    const text = answerText(sent);
    if (is2xx(ex)) {
      if (containsToken(text, token)) {
        state.shape = shape;
        state.calibrated = true;
        notes.push(`${shape.id} answered the calibration question`);
        noteState(state, sent);
        break;
      }
      if (sent.extracted.format === 'html') {
        notes.push(`${status} text/html to a POST: is this the API route (e.g. /api/chat)?`);
        break;
      }
      if (sent.extracted.pathMissing) notes.push('--response-path matched nothing in the answer');
      if (reflects(text, prompt)) {
        state.guess = shape;
        notes.push(`${shape.id} reaches the endpoint, but it echoes the input instead of answering`);
        noteState(state, sent);
        break;
      }
      if (text.trim()) {
        state.guess ??= shape;
        notes.push(`${shape.id}: ${status} without the computed answer`);
        noteState(state, sent);
      } else {
        notes.push(`${shape.id}: ${status} with an empty answer`);
      }
      continue;
    }
    if ((status === 400 || status === 422) && !state.template) {
      const learned = learnFromError(ex.bodyText);
      const next = nextFromLearned(learned, shape.id, state.runId);
      const newExtra = Object.keys(next.extra).filter((k) => !(k in state.extra));
      Object.assign(state.extra, next.extra);
      if (newExtra.length && shape.id !== 'template') {
        tried.delete(shape.id);
        queue.unshift(shape.id);
      }
      queue.unshift(...next.shapes.filter((s) => !tried.has(s)));
      notes.push(`${shape.id}: ${status}${learned.fields.length ? ` (asks for ${learned.fields.slice(0, 4).join(', ')})` : ''}`);
      continue;
    }
    if (status === 429 && !retried429) {
      retried429 = true;
      const wait = retryAfterMs(ex.headers['retry-after']);
      if (wait !== undefined && wait <= 5_000 && (await state.client.sleep(wait))) {
        tried.delete(shape.id);
        queue.unshift(shape.id);
        continue;
      }
    }
    if (status >= 500 || status === 413) {
      notes.push(`${shape.id}: ${status}`);
      continue;
    }
    notes.push(
      status === 401 || status === 403
        ? `${status}: the endpoint requires credentials${state.hasAppAuth ? ' (the --header values were refused)' : ' (pass them with --header)'}`
        : status === 404 || status === 405
          ? `${status}: nothing answers POST at this URL`
          : ex.error
            ? `${status}: ${ex.error}`
            : `${status}`,
    );
    break;
  }
  if (!state.calibrated && attempts >= state.limits.calibrationAttempts && queue.length) notes.push('calibration attempts used up');
  state.calibrationNote = notes.join('; ');
  state.logger.info(`probe: calibration ${state.calibrated ? 'locked' : 'failed'}: ${state.calibrationNote}`);
}

/** Remember how the endpoint keeps state (for the session-leak probe). */
function noteState(state: RunState, sent: Sent): void {
  const cookie = sent.exchange.headers['set-cookie'];
  const cookies = cookie
    ? cookie
        .split(/,(?=\s*[^;,=\s]+=)/)
        .map((c) => c.split(';')[0]!.trim())
        .filter((c) => c.includes('='))
        .join('; ')
    : '';
  if (cookies) state.stateful = { cookie: cookies };
  else if (sent.extracted.conversationId) {
    const body = (() => {
      try {
        return JSON.parse(sent.exchange.bodyText) as Record<string, unknown>;
      } catch {
        return {};
      }
    })();
    const key = Object.keys(body).find((k) => body[k] === sent.extracted.conversationId) ?? 'conversationId';
    state.stateful = { conversation: { key, id: sent.extracted.conversationId } };
  }
}

// ---- the probes -------------------------------------------------------------------------------------

function workingShape(state: RunState): Shape | undefined {
  return state.shape ?? state.guess;
}

/** Build one chat payload with a fresh challenge; re-drawn if the request would contain the token. */
function preparePayload(state: RunState, p: ChatPayload): { turns: Turn[]; fields: Record<string, unknown>; token: string } {
  for (let attempt = 0; ; attempt++) {
    const challenge = letterChallenge(state.rng);
    const values: Record<string, string> = { challenge: challenge.phrase, filler: filler(state.limits.longInputChars) };
    if (p.hidden) values['encoded'] = encode(fill(p.hidden.text, values), p.hidden.encoding);
    const turns = p.turns.map((t) => ({ role: t.role, text: fill(t.text, values) }));
    const fields = Object.fromEntries(Object.entries(p.fields ?? {}).map(([k, v]) => [k, fillValue(v, values)]));
    const requestText = JSON.stringify({ turns, fields });
    if (!containsToken(requestText, challenge.token) || attempt >= 5) return { turns, fields, token: challenge.token };
  }
}

async function runChatProbe(state: RunState, probe: ProbeDef, payloads: readonly ChatPayload[]): Promise<void> {
  const shape = workingShape(state);
  if (!shape) {
    state.notRun.set(probe.id, 'no-shape');
    return;
  }
  const count = Math.min(payloads.length, probe.budget[state.tier] ?? 0);
  const repeats = probe.repeat ? state.limits.repeats : 1;
  const jobs: Promise<Sent>[] = [];
  for (let r = 0; r < repeats; r++) {
    for (const payload of payloads.slice(0, count)) {
      if (payload.needsRoles && !shape.roles) {
        state.notRun.set(probe.id, 'roles');
        continue;
      }
      const { turns, fields, token } = preparePayload(state, payload);
      const o: ChatOptions = { token, fields };
      if (payload.unbounded) o.unbounded = true;
      if (payload.maxBodyBytes) o.maxBodyBytes = payload.maxBodyBytes;
      if (payload.timeoutMs) o.timeoutMs = payload.timeoutMs;
      jobs.push(sendChat(state, probe.id, shape, turns, o));
    }
  }
  await Promise.all(jobs);
}

async function runSessionProbe(state: RunState, probe: ProbeDef, plant: string, ask: string): Promise<void> {
  const shape = workingShape(state);
  if (!shape) return void state.notRun.set(probe.id, 'no-shape');
  if (!state.stateful) return void state.notRun.set(probe.id, 'stateless');
  const code = codeWord(state.rng);
  const a: ChatOptions = { code, retry429: true };
  if (state.stateful.cookie) a.headers = { cookie: state.stateful.cookie };
  if (state.stateful.conversation) a.fields = { [state.stateful.conversation.key]: state.stateful.conversation.id };
  const first = await sendChat(state, probe.id, shape, [{ role: 'user', text: fill(plant, { code }) }], a);
  if (!is2xx(first.exchange)) return;
  const b: ChatOptions = { code, retry429: true };
  if (state.stateful.conversation) b.fields = { [state.stateful.conversation.key]: `pg-${state.runId}-fresh` };
  await sendChat(state, probe.id, shape, [{ role: 'user', text: ask }], b);
}

async function runProbeRequests(state: RunState, probe: ProbeDef): Promise<void> {
  const send = probe.send;
  const budget = probe.budget[state.tier] ?? 0;
  switch (send.kind) {
    case 'none':
    case 'burst':
      return;
    case 'without-auth': {
      if (!state.hasAppAuth) return; // the calibration request itself carried no credentials
      const shape = workingShape(state);
      if (!shape) return void state.notRun.set(probe.id, 'no-shape');
      const { a, b, token } = sumChallenge(state.rng);
      await sendChat(state, probe.id, shape, [{ role: 'user', text: fill(CALIBRATION_PROMPT, { a: String(a), b: String(b) }) }], {
        token,
        omitAuth: true,
        retry429: false,
      });
      return;
    }
    case 'preflight': {
      const jobs = send.origins.slice(0, budget).map((origin) =>
        sendRecorded(
          state,
          probe.id,
          {
            label: probe.id,
            method: 'OPTIONS',
            headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
          },
          { prompt: `OPTIONS with Origin: ${origin}` },
        ),
      );
      await Promise.all(jobs);
      return;
    }
    case 'raw': {
      const jobs = send.bodies.slice(0, budget).map((b) =>
        sendRecorded(state, probe.id, { label: probe.id, method: state.method, body: b.body, contentType: b.contentType }, { prompt: b.body }),
      );
      await Promise.all(jobs);
      return;
    }
    case 'chat':
      return runChatProbe(state, probe, send.payloads);
    case 'session':
      return runSessionProbe(state, probe, send.plant, send.ask);
  }
}

/** Every probe except the burst, concurrently (the client bounds concurrency and budget). */
export async function runProbes(state: RunState, probes: readonly ProbeDef[]): Promise<void> {
  if (state.wall) return; // everything would hit the same wall
  await Promise.all(probes.map((p) => runProbeRequests(state, p)));
}

/** The rate-limit burst: concurrent minimal prompts with a foreign Origin (read by the CORS probe too). */
export async function runBurst(state: RunState, probe: ProbeDef | undefined): Promise<void> {
  if (!probe || probe.send.kind !== 'burst') return;
  const shape = workingShape(state);
  if (!shape) return void state.notRun.set(probe.id, 'no-shape');
  const size = Math.min(probe.budget[state.tier] ?? 0, state.client.remaining);
  if (size < MIN_BURST) return void state.notRun.set(probe.id, 'budget');
  if (!state.client.open) return void state.notRun.set(probe.id, 'deadline');
  const turns: Turn[] = [{ role: 'user', text: probe.send.prompt }];
  const jobs: Promise<Sent>[] = [];
  for (let i = 0; i < size; i++) {
    jobs.push(sendChat(state, probe.id, shape, turns, { burst: true, retry429: false, headers: { origin: PROBE_ORIGIN } }));
  }
  await Promise.all(jobs);
}
