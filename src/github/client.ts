// A small GitHub REST client on undici: auth, JSON, `Link` pagination, and retries on 5xx, 429 and
// secondary rate limits. This directory is the only place that talks to the GitHub API.
import { request, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { Logger } from '../core/types.js';
import { silentLogger } from '../core/types.js';

export const DEFAULT_API_URL = 'https://api.github.com';

export interface GitHubClientOptions {
  token: string;
  /** `GITHUB_API_URL` (GitHub Enterprise Server: https://host/api/v3). */
  baseUrl?: string;
  userAgent?: string;
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** First backoff wait; doubles on each retry. */
  baseDelayMs?: number;
  /** Cap on any single wait, `retry-after` included. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** How to read the response body; default json. */
  responseType?: 'json' | 'buffer';
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string>;
}

/** A failed GitHub API call. Carries the status; the message never contains the token. */
export class GitHubApiError extends Error {
  override name = 'GitHubApiError';
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    /** GitHub's `message` field, when it sent one. */
    readonly apiMessage: string,
    /** `x-accepted-github-permissions`, which names the permission a 403 lacked. */
    readonly acceptedPermissions?: string,
  ) {
    super(`GitHub API ${method} ${path} failed: ${status}${apiMessage ? ` ${apiMessage}` : ''}`);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export class GitHubClient {
  readonly baseUrl: string;
  private readonly token: string;
  private readonly userAgent: string;
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly logger: Logger;
  private readonly dispatcher: Dispatcher | undefined;

  constructor(options: GitHubClientOptions) {
    this.token = options.token;
    this.baseUrl = (options.baseUrl || DEFAULT_API_URL).replace(/\/+$/, '');
    this.userAgent = options.userAgent ?? 'promptgate';
    this.maxRetries = options.maxRetries ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.sleep = options.sleep ?? sleep;
    this.logger = options.logger ?? silentLogger;
    // Self-hosted runners behind a proxy: honour the usual variables (and NO_PROXY).
    this.dispatcher = PROXY_VARS.some((name) => process.env[name]) ? new EnvHttpProxyAgent() : undefined;
  }

  /** Same origin as the API base: only such URLs (e.g. from `Link` headers) ever get the token. */
  private sameOrigin(url: URL): boolean {
    return url.origin === new URL(this.baseUrl).origin;
  }

  private url(pathOrUrl: string, query?: RequestOptions['query']): URL {
    const url = /^https?:\/\//.test(pathOrUrl) ? new URL(pathOrUrl) : new URL(this.baseUrl + pathOrUrl);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  async request<T = unknown>(method: string, pathOrUrl: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const url = this.url(pathOrUrl, options.query);
    const shownPath = url.pathname.slice(new URL(this.baseUrl).pathname.replace(/\/$/, '').length) || url.pathname;
    if (!this.sameOrigin(url)) throw new GitHubApiError(0, method, shownPath, `refusing to send the token to ${url.origin}`);
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': this.userAgent,
      ...options.headers,
    };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }

    for (let attempt = 0; ; attempt++) {
      let status: number;
      let responseHeaders: Record<string, string>;
      let raw: Buffer;
      try {
        const response = await request(url, {
          method: method as Dispatcher.HttpMethod,
          headers,
          body,
          ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
        });
        status = response.statusCode;
        responseHeaders = flattenHeaders(response.headers);
        raw = Buffer.from(await response.body.arrayBuffer());
      } catch (error) {
        // Network failure (reset, DNS, timeout): retry like a 5xx.
        if (attempt >= this.maxRetries) {
          throw new GitHubApiError(0, method, shownPath, `network error: ${(error as Error).message}`);
        }
        await this.wait(attempt, undefined, `${method} ${shownPath}: network error`);
        continue;
      }

      if (status >= 200 && status < 300) {
        return { status, headers: responseHeaders, data: decodeBody(raw, responseHeaders, options.responseType) as T };
      }
      const apiMessage = errorMessage(raw);
      if (attempt < this.maxRetries && isRetryable(status, responseHeaders, apiMessage)) {
        await this.wait(attempt, responseHeaders, `${method} ${shownPath}: ${status}`);
        continue;
      }
      throw new GitHubApiError(status, method, shownPath, apiMessage, responseHeaders['x-accepted-github-permissions']);
    }
  }

  /** Every item of a list endpoint, following `Link: rel="next"`, up to `maxItems`. */
  async paginate<T>(path: string, options: RequestOptions & { maxItems?: number } = {}): Promise<T[]> {
    const items: T[] = [];
    const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
    let next: string | undefined = this.url(path, { per_page: 100, ...options.query }).toString();
    while (next && items.length < maxItems) {
      const response: ApiResponse<T[]> = await this.request<T[]>('GET', next, { headers: options.headers });
      if (!Array.isArray(response.data)) throw new GitHubApiError(response.status, 'GET', path, 'expected a list');
      items.push(...response.data);
      next = nextLink(response.headers.link);
    }
    return items.slice(0, maxItems);
  }

  private async wait(attempt: number, headers: Record<string, string> | undefined, what: string): Promise<void> {
    const ms = Math.min(retryDelayMs(attempt, headers, this.baseDelayMs), this.maxDelayMs);
    this.logger.info(`GitHub API ${what}; retrying in ${Math.round(ms / 100) / 10}s`);
    await this.sleep(ms);
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) flat[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function decodeBody(raw: Buffer, headers: Record<string, string>, type: RequestOptions['responseType']): unknown {
  if (type === 'buffer') return raw;
  if (raw.length === 0) return null;
  const text = raw.toString('utf8');
  if (/json/.test(headers['content-type'] ?? '')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function errorMessage(raw: Buffer): string {
  const text = raw.toString('utf8').slice(0, 2000);
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** 5xx, 429, and the 403s GitHub uses for primary and secondary rate limits. */
export function isRetryable(status: number, headers: Record<string, string>, apiMessage = ''): boolean {
  if (status >= 500 || status === 429) return true;
  if (status === 403) {
    return (
      headers['retry-after'] !== undefined ||
      headers['x-ratelimit-remaining'] === '0' ||
      /secondary rate limit/i.test(apiMessage)
    );
  }
  return false;
}

/** `retry-after` first, then `x-ratelimit-reset`, else exponential backoff (uncapped: the caller caps). */
export function retryDelayMs(
  attempt: number,
  headers: Record<string, string> | undefined,
  baseDelayMs: number,
  now: number = Date.now(),
): number {
  const retryAfter = headers?.['retry-after'];
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (headers?.['x-ratelimit-remaining'] === '0' && headers['x-ratelimit-reset']) {
    const reset = Number(headers['x-ratelimit-reset']) * 1000;
    if (Number.isFinite(reset)) return Math.max(0, reset - now);
  }
  return baseDelayMs * 2 ** attempt;
}

/** The `rel="next"` URL of a `Link` header. */
export function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/** `/repos/{owner}/{repo}` plus encoded segments. */
export interface RepoRef {
  owner: string;
  repo: string;
}

export function repoPath(repo: RepoRef, ...segments: Array<string | number>): string {
  const parts = [repo.owner, repo.repo, ...segments.map(String)].map(encodeURIComponent);
  return `/repos/${parts.join('/')}`;
}
