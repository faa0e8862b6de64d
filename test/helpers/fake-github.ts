// A fake GitHub REST server on 127.0.0.1 (real HTTP through node:http) with just the endpoints promptgate
// uses: token identity, PR files, issue comments, code scanning SARIF uploads, contents, PR lookups. It
// records every request, paginates with `Link` headers like GitHub, checks the token, and can inject
// faults (429 / 5xx / secondary rate limits) and fork mode (every write 403).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface FakeUser {
  login: string;
  type: 'User' | 'Bot';
}

export interface FakeComment {
  id: number;
  body: string;
  user: FakeUser;
}

export interface FakeDiffEntry {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  previous_filename?: string;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  base: { sha: string; ref: string; repo: { full_name: string } };
  head: { sha: string; ref: string; label: string; repo: { full_name: string } | null };
  changed_files?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the API prefix and query, percent-decoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface StoredSarif {
  id: string;
  commit_sha: string;
  ref: string;
  /** The decoded (gunzipped, base64-decoded) SARIF text. */
  sarif: string;
  tool_name?: string;
  checkout_uri?: string;
}

export interface Fault {
  method?: string;
  /** Matches the request path (without prefix and query). */
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many matching requests get the fault (then it is spent). */
  times: number;
}

export interface FakeGitHubOptions {
  token: string;
  owner: string;
  repo: string;
  /** The `GET /user` answer: a user for a personal token, null for an installation token (403). */
  tokenUser?: FakeUser | null;
  /** Mount the API under a path prefix, as GitHub Enterprise Server does (`/api/v3`). */
  prefix?: string;
}

const ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', type: 'Bot' };
const NOT_ACCESSIBLE = { message: 'Resource not accessible by integration' };

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments = new Map<number, FakeComment[]>();
  readonly pulls = new Map<number, { pull: FakePull; files: FakeDiffEntry[] }>();
  /** `${ref}:${path}` → file bytes. */
  readonly contents = new Map<string, Buffer>();
  readonly sarifs: StoredSarif[] = [];
  /** sha → PR numbers (for `GET /commits/{sha}/pulls`). */
  readonly commitPulls = new Map<string, number[]>();
  readonly faults: Fault[] = [];
  /** Fork mode: every POST/PATCH/PUT/DELETE answers 403 like a read-only token. */
  readOnly = false;
  /** Code scanning not enabled: the SARIF endpoints answer this status. */
  codeScanningStatus: number | undefined;
  /** processing_status answers per SARIF, in order; the last repeats. */
  processing: string[] = ['pending', 'complete'];
  private readonly processingSeen = new Map<string, number>();
  private nextCommentId = 1000;
  private server: Server | undefined;
  url = '';

  constructor(readonly options: FakeGitHubOptions) {}

  get tokenUser(): FakeUser | null {
    return this.options.tokenUser === undefined ? null : this.options.tokenUser;
  }

  /** Author of comments written with the token. */
  get author(): FakeUser {
    return this.tokenUser ?? ACTIONS_BOT;
  }

  addComment(number: number, body: string, user: FakeUser): FakeComment {
    const comment = { id: this.nextCommentId++, body, user };
    const list = this.comments.get(number) ?? [];
    list.push(comment);
    this.comments.set(number, list);
    return comment;
  }

  fault(fault: Fault): void {
    this.faults.push(fault);
  }

  /** Requests to a path (regex) with a method. */
  calls(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const prefix = this.options.prefix ?? '';
        const rawPath = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
        const record: RecordedRequest = {
          method: req.method ?? 'GET',
          path: rawPath.split('/').map((s) => decodeURIComponent(s)).join('/'),
          query: url.searchParams,
          headers: req.headers,
          body,
          status: 0,
        };
        this.requests.push(record);
        const reply = this.handle(record, rawPath, `http://${req.headers.host}${prefix}`);
        record.status = reply.status;
        const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...reply.headers };
        res.writeHead(reply.status, headers);
        if (Buffer.isBuffer(reply.body)) res.end(reply.body);
        else res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}${this.options.prefix ?? ''}`;
    return this.url;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(
    req: RecordedRequest,
    rawPath: string,
    base: string,
  ): { status: number; headers?: Record<string, string>; body?: unknown } {
    const auth = req.headers.authorization;
    if (auth !== `Bearer ${this.options.token}` && auth !== `token ${this.options.token}`) {
      return { status: 401, body: { message: 'Bad credentials' } };
    }
    const fault = this.faults.find((f) => f.times > 0 && (!f.method || f.method === req.method) && f.path.test(req.path));
    if (fault) {
      fault.times--;
      return { status: fault.status, headers: fault.headers, body: fault.body ?? { message: `fault ${fault.status}` } };
    }
    const isWrite = !['GET', 'HEAD'].includes(req.method);
    if (this.readOnly && isWrite) {
      return { status: 403, headers: { 'x-accepted-github-permissions': 'issues=write; pull_requests=write' }, body: NOT_ACCESSIBLE };
    }
    const { owner, repo } = this.options;
    const repoPrefix = `/repos/${owner}/${repo}`;
    if (req.method === 'GET' && req.path === '/user') {
      return this.tokenUser ? { status: 200, body: { ...this.tokenUser, id: 1 } } : { status: 403, body: NOT_ACCESSIBLE };
    }
    if (!req.path.startsWith(`${repoPrefix}/`)) return { status: 404, body: { message: 'Not Found' } };
    const rest = req.path.slice(repoPrefix.length);
    const listUrl = `${base}${rawPath}`;
    let match: RegExpExecArray | null;

    if (req.method === 'GET' && (match = /^\/pulls\/(\d+)\/files$/.exec(rest))) {
      const entry = this.pulls.get(Number(match[1]));
      if (!entry) return { status: 404, body: { message: 'Not Found' } };
      // GitHub stops listing at 3,000 files.
      return this.page(entry.files.slice(0, 3000), req.query, listUrl);
    }
    if (req.method === 'GET' && (match = /^\/pulls\/(\d+)$/.exec(rest))) {
      const entry = this.pulls.get(Number(match[1]));
      return entry ? { status: 200, body: entry.pull } : { status: 404, body: { message: 'Not Found' } };
    }
    if (req.method === 'GET' && rest === '/pulls') {
      const head = req.query.get('head');
      const pulls = [...this.pulls.values()].map((e) => e.pull).filter((p) => p.state === 'open' && (!head || p.head.label === head));
      return this.page(pulls, req.query, listUrl);
    }
    if (req.method === 'GET' && (match = /^\/commits\/([0-9a-f]+)\/pulls$/.exec(rest))) {
      const numbers = this.commitPulls.get(match[1]!) ?? [];
      return this.page(numbers.map((n) => this.pulls.get(n)!.pull), req.query, listUrl);
    }
    if ((match = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const number = Number(match[1]);
      if (req.method === 'GET') return this.page(this.comments.get(number) ?? [], req.query, listUrl);
      if (req.method === 'POST') {
        const { body } = JSON.parse(req.body) as { body: string };
        if (body.length > 65536) return { status: 422, body: { message: 'Body is too long (maximum is 65536 characters)' } };
        return { status: 201, body: this.addComment(number, body, this.author) };
      }
    }
    if (req.method === 'PATCH' && (match = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const id = Number(match[1]);
      const comment = [...this.comments.values()].flat().find((c) => c.id === id);
      if (!comment) return { status: 404, body: { message: 'Not Found' } };
      const { body } = JSON.parse(req.body) as { body: string };
      if (body.length > 65536) return { status: 422, body: { message: 'Body is too long (maximum is 65536 characters)' } };
      comment.body = body;
      return { status: 200, body: comment };
    }
    if (rest.startsWith('/code-scanning/sarifs')) {
      if (this.codeScanningStatus) return { status: this.codeScanningStatus, body: { message: 'Code scanning is not enabled for this repository' } };
      if (req.method === 'POST' && rest === '/code-scanning/sarifs') {
        const payload = JSON.parse(req.body) as { commit_sha: string; ref: string; sarif: string; tool_name?: string; checkout_uri?: string };
        const id = `sarif-${this.sarifs.length + 1}`;
        const sarif = gunzipSync(Buffer.from(payload.sarif, 'base64')).toString('utf8');
        this.sarifs.push({ id, commit_sha: payload.commit_sha, ref: payload.ref, sarif, tool_name: payload.tool_name, checkout_uri: payload.checkout_uri });
        return { status: 202, body: { id, url: `${base}${repoPrefix}/code-scanning/sarifs/${id}` } };
      }
      if (req.method === 'GET' && (match = /^\/code-scanning\/sarifs\/([\w-]+)$/.exec(rest))) {
        const seen = this.processingSeen.get(match[1]!) ?? 0;
        this.processingSeen.set(match[1]!, seen + 1);
        const status = this.processing[Math.min(seen, this.processing.length - 1)];
        return { status: 200, body: { processing_status: status, analyses_url: null, errors: status === 'failed' ? ['invalid'] : null } };
      }
    }
    if (req.method === 'GET' && rest.startsWith('/contents/')) {
      const file = rest.slice('/contents/'.length);
      const ref = req.query.get('ref') ?? 'main';
      const bytes = this.contents.get(`${ref}:${file}`);
      if (!bytes) return { status: 404, body: { message: 'Not Found' } };
      if ((req.headers.accept ?? '').includes('raw')) {
        return { status: 200, headers: { 'content-type': 'application/vnd.github.raw' }, body: bytes };
      }
      return { status: 200, body: { type: 'file', encoding: 'base64', path: file, content: bytes.toString('base64') } };
    }
    return { status: 404, body: { message: 'Not Found' } };
  }

  /** GitHub-style pagination: `per_page` (default 30, max 100), `page`, and a `Link` header. */
  private page<T>(items: T[], query: URLSearchParams, listUrl: string): { status: number; headers?: Record<string, string>; body: T[] } {
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30)));
    const page = Math.max(1, Number(query.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const links: string[] = [];
    const pageUrl = (n: number): string => {
      const params = new URLSearchParams(query);
      params.set('page', String(n));
      params.set('per_page', String(perPage));
      return `<${listUrl}?${params.toString()}>`;
    };
    if (page < last) links.push(`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(last)}; rel="last"`);
    if (page > 1) links.push(`${pageUrl(1)}; rel="first"`, `${pageUrl(page - 1)}; rel="prev"`);
    return {
      status: 200,
      ...(links.length ? { headers: { link: links.join(', ') } } : {}),
      body: items.slice((page - 1) * perPage, page * perPage),
    };
  }
}
