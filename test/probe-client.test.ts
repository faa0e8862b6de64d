// The probe's HTTP client on its own, against raw node:http servers on 127.0.0.1: the budget under
// concurrency, the body cap, stream-idle timeouts, redirect limits and address pinning.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { ProbeClient, resolveTarget, type ClientLimits } from '../src/probe/client.js';

const servers: Server[] = [];
const clients: ProbeClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((r) => {
          s.closeAllConnections();
          s.close(() => r());
        }),
    ),
  );
});

async function serve(handler: RequestListener): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat`, hits };
}

const LIMITS: ClientLimits = {
  maxRequests: 25,
  concurrency: 4,
  connectTimeoutMs: 2_000,
  requestTimeoutMs: 5_000,
  idleTimeoutMs: 5_000,
  maxBodyBytes: 256 * 1024,
  deadlineMs: 10_000,
  cutoff: 0.8,
};

async function client(url: string, limits: Partial<ClientLimits> = {}, app: Record<string, string> = {}): Promise<ProbeClient> {
  const target = await resolveTarget(url, true);
  const c = new ProbeClient(target, { ...LIMITS, ...limits }, { app, bypass: { 'x-bypass': 'b' }, userAgent: 'promptgate/test', runIdHeader: 'x-run', runId: 'r1' });
  clients.push(c);
  return c;
}

describe('probe client', () => {
  test('the request counter holds under 40 concurrent sends', async () => {
    const { url, hits } = await serve((_req, res) => setTimeout(() => res.end('ok'), 20));
    const c = await client(url, { maxRequests: 7 });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => c.send({ label: 't', method: 'POST', body: '{}', burst: i % 2 === 0 })));
    expect(hits.length).toBe(7);
    expect(c.requests).toBe(7);
    expect(results.filter((r) => r.notSent === 'budget').length).toBe(33);
  });

  test('bodies are cut at the cap and reading stops', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const write = (): void => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once('drain', write);
        else res.end();
      };
      write();
    });
    const c = await client(url, { maxBodyBytes: 100_000 });
    const ex = await c.send({ label: 't', method: 'POST', body: '{}' });
    expect(ex.status).toBe(200);
    expect(ex.truncated).toBe(true);
    expect(ex.bodyText.length).toBe(100_000);
  });

  test('a stream that goes silent ends with an idle timeout and keeps what arrived', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"type":"text-delta","delta":"partial"}\n\n');
      // then nothing, until the client gives up
    });
    const c = await client(url, { idleTimeoutMs: 300 });
    const ex = await c.send({ label: 't', method: 'POST', body: '{}' });
    expect(ex.status).toBe(200);
    expect(ex.error).toMatch(/idle/);
    expect(ex.bodyText).toContain('partial');
  });

  test('same-origin redirects stop after 3 hops; each hop is counted', async () => {
    const { url, hits } = await serve((req, res) => {
      const n = Number(/\d+$/.exec(req.url ?? '')?.[0] ?? 0);
      res.writeHead(308, { location: `/hop/${n + 1}` });
      res.end();
    });
    const c = await client(url);
    const ex = await c.send({ label: 't', method: 'POST', body: '{}' });
    expect(ex.error).toMatch(/more than 3 redirects/);
    expect(ex.redirects).toEqual(['/hop/1', '/hop/2', '/hop/3']);
    expect(hits.length).toBe(4);
    expect(c.requests).toBe(4);
    expect(hits.every((h) => h.startsWith('POST'))).toBe(true); // 308 keeps the method
  });

  test('app headers can be left out; bypass and identification headers are always sent', async () => {
    const seen: Array<Record<string, string | string[] | undefined>> = [];
    const { url } = await serve((req, res) => {
      seen.push(req.headers);
      res.end('ok');
    });
    const c = await client(url, {}, { authorization: 'Bearer t' });
    await c.send({ label: 't', method: 'POST', body: '{}' });
    await c.send({ label: 't', method: 'POST', body: '{}', omitAuth: true });
    expect(seen[0]).toMatchObject({ authorization: 'Bearer t', 'x-bypass': 'b', 'user-agent': 'promptgate/test', 'x-run': 'r1' });
    expect(seen[1]!['authorization']).toBeUndefined();
    expect(seen[1]).toMatchObject({ 'x-bypass': 'b', 'x-run': 'r1' });
  });

  test('host names are resolved once and checked; the connection goes to the checked address', async () => {
    const { url, hits } = await serve((_req, res) => res.end('ok'));
    const port = new URL(url).port;
    await expect(resolveTarget(`http://localhost:${port}/api/chat`, false)).rejects.toThrow(/loopback/);
    const target = await resolveTarget(`http://localhost:${port}/api/chat`, true);
    expect(target.addresses.length).toBeGreaterThan(0);
    // Pin to the IPv4 loopback the server listens on, whatever the resolver put first.
    const pinned = { ...target, addresses: [{ address: '127.0.0.1', family: 4 }] };
    const c = new ProbeClient(pinned, LIMITS, { app: {}, bypass: {}, userAgent: 'u', runIdHeader: 'x-run', runId: 'r' });
    clients.push(c);
    const ex = await c.send({ label: 't', method: 'GET' });
    expect(ex.status).toBe(200);
    expect(hits).toEqual(['GET /api/chat']);
  });
});
