// The probe's HTTP client (undici): the target's origin only, a pinned address, timeouts, a body cap, one
// deadline, bounded concurrency, and a request counter that cannot pass the budget.
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import { UsageError } from '../core/types.js';
import { privateAddressReason } from './address.js';
import type { TierLimits } from './tiers.js';

export interface Target {
  url: URL;
  origin: string;
  /** Host name as DNS sees it (IPv6 without brackets). */
  host: string;
  /** Every address the host resolved to; connections go to the first one only (no DNS rebinding). */
  addresses: LookupAddress[];
}

/** The target could not be resolved: a runtime condition, reported as a result, not a usage error. */
export class TargetUnreachableError extends Error {
  override name = 'TargetUnreachableError';
}

/** Parse and vet the URL, resolve the host once, and refuse private addresses unless allowed. */
export async function resolveTarget(rawUrl: string, allowPrivate: boolean): Promise<Target> {
  let url: URL;
  try {
    url = new URL(rawUrl.trim());
  } catch {
    throw new UsageError('--url must be an absolute http(s) URL, e.g. https://my-app.vercel.app/api/chat');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url must use http or https (got ${url.protocol.replace(/:$/, '')})`);
  }
  if (url.username || url.password) {
    throw new UsageError('--url must not contain credentials: pass them with --header instead');
  }
  url.hash = '';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  const family = isIP(host);
  if (family) {
    addresses = [{ address: host, family }];
  } else {
    try {
      addresses = await dnsLookup(host, { all: true, verbatim: true });
    } catch (error) {
      throw new TargetUnreachableError(`cannot resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? 'lookup failed'}`);
    }
    if (addresses.length === 0) throw new TargetUnreachableError(`cannot resolve ${host}: no addresses`);
  }
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const reason = privateAddressReason(address);
      if (reason) {
        throw new UsageError(
          `refusing to probe ${host}: it resolves to a ${reason} address (${address}); pass --allow-private for a local or self-hosted target`,
        );
      }
    }
  }
  return { url, origin: url.origin, host, addresses };
}

/** The tier's network limits, with the request budget and deadline the user may have changed. */
export type ClientLimits = Pick<
  TierLimits,
  'maxRequests' | 'concurrency' | 'connectTimeoutMs' | 'requestTimeoutMs' | 'idleTimeoutMs' | 'maxBodyBytes' | 'deadlineMs'
> & {
  /** Scheduling stops at this share of the deadline. */
  cutoff: number;
};

export interface ClientHeaders {
  /** App auth headers (lower-case names): dropped when a request sets `omitAuth`. */
  app: Record<string, string>;
  /** Platform headers: always sent. */
  bypass: Record<string, string>;
  userAgent: string;
  runIdHeader: string;
  runId: string;
}

export type Method = 'POST' | 'OPTIONS' | 'GET' | 'HEAD';

export interface ProbeRequest {
  /** Probe id (or `calibration`), for logs and evidence. */
  label: string;
  method: Method;
  body?: string;
  /** Default `application/json` when there is a body. */
  contentType?: string;
  headers?: Record<string, string>;
  /** Leave out the app auth headers (platform bypass headers are still sent). */
  omitAuth?: boolean;
  /** Overrides the tier's body cap. */
  maxBodyBytes?: number;
  /** Overrides the tier's request timeout (still bounded by the deadline). */
  timeoutMs?: number;
  /** Not queued behind the concurrency limit (the rate-limit burst). */
  burst?: boolean;
}

export interface Exchange {
  request: ProbeRequest;
  /** Set when the request was never sent. */
  notSent?: 'budget' | 'deadline';
  /** HTTP status of the final response; undefined on a transport error. */
  status?: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  bodyText: string;
  /** The body was cut at the byte cap. */
  truncated: boolean;
  /** Transport error, timeout, or a redirect that was not followed. */
  error?: string;
  /** Same-origin redirect hops that were followed (paths). */
  redirects: string[];
  elapsedMs: number;
}

class Semaphore {
  private waiting: Array<() => void> = [];
  constructor(private free: number) {}
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;

function joinHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function describeError(error: unknown, deadlineHit: boolean, timeoutMs: number, idleMs: number): string {
  if (deadlineHit) return 'deadline reached';
  const e = error as { name?: string; code?: string; message?: string };
  switch (e?.code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect timeout';
    case 'UND_ERR_HEADERS_TIMEOUT':
      return `no response within ${Math.round(timeoutMs / 1000)} s`;
    case 'UND_ERR_BODY_TIMEOUT':
      return `response idle for ${Math.round(idleMs / 1000)} s`;
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
  }
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError' || e?.code === 'UND_ERR_ABORTED') {
    return `no complete response within ${Math.round(timeoutMs / 1000)} s`;
  }
  if (typeof e?.code === 'string') return e.code;
  return 'request failed';
}

export class ProbeClient {
  private sent = 0;
  private answered = 0;
  private readonly started = Date.now();
  private readonly deadline = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly agent: Agent;
  private readonly semaphore: Semaphore;
  readonly exchanges: Exchange[] = [];
  /** Problems worth reporting once (redirects to other origins, ...). */
  readonly notes: string[] = [];

  constructor(
    readonly target: Target,
    readonly limits: ClientLimits,
    private readonly headers: ClientHeaders,
  ) {
    this.timer = setTimeout(() => this.deadline.abort(), limits.deadlineMs);
    this.semaphore = new Semaphore(limits.concurrency);
    const pinned = target.addresses[0]!;
    const host = target.host;
    // Connect to the address checked above, whatever DNS says now (a rebinding answer cannot redirect us).
    const lookup = (
      hostname: string,
      options: LookupOptions,
      callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
    ): void => {
      if (hostname.replace(/^\[|\]$/g, '') !== host) {
        callback(Object.assign(new Error(`refused to connect to ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      } else if (options.all) {
        callback(null, [pinned]);
      } else {
        callback(null, pinned.address, pinned.family);
      }
    };
    this.agent = new Agent({
      connect: { timeout: limits.connectTimeoutMs, lookup: lookup as never },
      headersTimeout: limits.requestTimeoutMs,
      bodyTimeout: limits.idleTimeoutMs,
      connections: Math.max(limits.concurrency, 16),
      keepAliveTimeout: 4_000,
    });
  }

  /** Requests sent so far (every redirect hop counts). */
  get requests(): number {
    return this.sent;
  }

  /** HTTP responses received so far. */
  get responses(): number {
    return this.answered;
  }

  get remaining(): number {
    return Math.max(0, this.limits.maxRequests - this.sent);
  }

  get elapsedMs(): number {
    return Date.now() - this.started;
  }

  get deadlineReached(): boolean {
    return this.deadline.signal.aborted;
  }

  /** New work may start: budget left and less than the cutoff share of the deadline used. */
  get open(): boolean {
    return !this.deadlineReached && this.remaining > 0 && this.elapsedMs < this.limits.deadlineMs * this.limits.cutoff;
  }

  /** Wait (for Retry-After) without outliving the deadline. Returns false when the deadline came first. */
  async sleep(ms: number): Promise<boolean> {
    if (this.elapsedMs + ms >= this.limits.deadlineMs * this.limits.cutoff) return false;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return !this.deadlineReached;
  }

  async send(req: ProbeRequest): Promise<Exchange> {
    const notSent = (why: 'budget' | 'deadline'): Exchange => {
      const exchange: Exchange = { request: req, notSent: why, headers: {}, bodyText: '', truncated: false, redirects: [], elapsedMs: 0 };
      this.exchanges.push(exchange);
      return exchange;
    };
    if (this.remaining <= 0) return notSent('budget');
    if (!this.open) return notSent('deadline');
    if (!req.burst) await this.semaphore.acquire();
    try {
      if (this.deadlineReached || this.elapsedMs >= this.limits.deadlineMs * this.limits.cutoff) return notSent('deadline');
      if (this.remaining <= 0) return notSent('budget');
      const exchange = await this.perform(req);
      this.exchanges.push(exchange);
      return exchange;
    } finally {
      if (!req.burst) this.semaphore.release();
    }
  }

  private buildHeaders(req: ProbeRequest): Record<string, string> {
    const headers: Record<string, string> = {
      'user-agent': this.headers.userAgent,
      accept: 'text/event-stream, application/json;q=0.9, text/plain;q=0.8, */*;q=0.5',
      'accept-encoding': 'identity',
    };
    if (req.body !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
    Object.assign(headers, req.headers ?? {});
    if (!req.omitAuth) {
      // A session cookie of the probe and an auth cookie of the user travel together.
      const cookie = req.headers?.['cookie'] && this.headers.app['cookie'] ? `${this.headers.app['cookie']}; ${req.headers['cookie']}` : undefined;
      Object.assign(headers, this.headers.app);
      if (cookie) headers['cookie'] = cookie;
    }
    Object.assign(headers, this.headers.bypass);
    headers[this.headers.runIdHeader] = this.headers.runId;
    return headers;
  }

  private async perform(req: ProbeRequest): Promise<Exchange> {
    const began = Date.now();
    const timeoutMs = Math.max(1, Math.min(req.timeoutMs ?? this.limits.requestTimeoutMs, this.limits.deadlineMs - this.elapsedMs));
    const maxBytes = req.maxBodyBytes ?? this.limits.maxBodyBytes;
    const signal = AbortSignal.any([this.deadline.signal, AbortSignal.timeout(timeoutMs)]);
    const exchange: Exchange = { request: req, headers: {}, bodyText: '', truncated: false, redirects: [], elapsedMs: 0 };
    let url = new URL(this.target.url.href);
    let method: Method = req.method;
    let body = req.body;
    for (let hop = 0; ; hop++) {
      if (hop > 0 && this.remaining <= 0) {
        exchange.error = 'redirect not followed: request budget spent';
        break;
      }
      this.sent++;
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(url, {
          dispatcher: this.agent,
          method,
          headers: this.buildHeaders({ ...req, body }),
          body,
          signal,
        });
      } catch (error) {
        exchange.error = describeError(error, this.deadlineReached, timeoutMs, this.limits.idleTimeoutMs);
        break;
      }
      this.answered++;
      exchange.status = response.statusCode;
      exchange.headers = joinHeaders(response.headers);
      const location = exchange.headers['location'];
      if (REDIRECTS.has(response.statusCode) && location) {
        await response.body.dump().catch(() => undefined);
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          exchange.error = 'redirect with an invalid Location not followed';
          break;
        }
        if (next.origin !== this.target.origin) {
          exchange.error = `redirect to another origin (${next.protocol}//${next.host}) not followed`;
          this.notes.push(exchange.error);
          break;
        }
        if (hop >= MAX_REDIRECTS) {
          exchange.error = `more than ${MAX_REDIRECTS} redirects`;
          break;
        }
        // As fetch does: 303, and 301/302 after a POST, continue as GET without a body.
        if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        exchange.redirects.push(next.pathname);
        url = next;
        continue;
      }
      await this.readBody(response.body, maxBytes, exchange, timeoutMs);
      break;
    }
    exchange.elapsedMs = Date.now() - began;
    return exchange;
  }

  private async readBody(
    stream: AsyncIterable<Buffer> & { destroy(): unknown },
    maxBytes: number,
    exchange: Exchange,
    timeoutMs: number,
  ): Promise<void> {
    const decoder = new TextDecoder('utf-8');
    let bytes = 0;
    let text = '';
    try {
      for await (const chunk of stream) {
        const room = maxBytes - bytes;
        if (chunk.length >= room) {
          text += decoder.decode(chunk.subarray(0, room), { stream: true });
          bytes = maxBytes;
          exchange.truncated = true;
          break; // leaving the loop destroys the stream: we stop reading, the server may keep writing
        }
        bytes += chunk.length;
        text += decoder.decode(chunk, { stream: true });
      }
    } catch (error) {
      exchange.error = describeError(error, this.deadlineReached, timeoutMs, this.limits.idleTimeoutMs);
      stream.destroy();
    }
    exchange.bodyText = text + decoder.decode();
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.agent.destroy().catch(() => undefined);
  }
}
