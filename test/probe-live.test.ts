// The live probe against demo endpoints on 127.0.0.1 (real HTTP). Every test checks the request budget.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { UsageError, silentLogger, type Finding } from '../src/core/types.js';
import { runProbe, type ProbeOptions, type ProbeResult } from '../src/probe/index.js';
import { PROBES } from '../src/probe/probes.js';
import { renderProbeMarkdown, renderProbeText } from '../src/probe/render.js';
import { DEFAULT_TOKEN, startDemoApp, type DemoApp, type DemoOptions, type DemoShape } from './helpers/demo-llm-apps.js';

const CANARY = 'cnry-5f3a9c1e7b2d4e60';
const BYPASS = 'bypass-secret-7d1f0c';
const LLM_PROBES = new Set(PROBES.filter((p) => p.llm).map((p) => p.id));
const INJECTION_OR_LEAK = [
  'probe-instruction-override',
  'probe-client-system-role',
  'probe-canary-leak',
  'probe-prompt-leak',
  'probe-markdown-exfil',
  'probe-param-override',
  'probe-encoded-injection',
  'probe-indirect-injection',
  'probe-html-output',
  'probe-data-exposure',
];

const apps: DemoApp[] = [];
const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all([...apps.splice(0).map((a) => a.close()), ...servers.splice(0).map((s) => s.close())]);
});

async function demo(options: DemoOptions): Promise<DemoApp> {
  const app = await startDemoApp(options);
  apps.push(app);
  return app;
}

function byId(result: ProbeResult): Record<string, Finding> {
  return Object.fromEntries(result.findings.map((f) => [f.ruleId, f]));
}

/** What must hold for every run: the budget, no pass without calibration, no secret in any output. */
function checkInvariants(result: ProbeResult, seenByServers: number, secrets: string[] = []): void {
  expect(result.requests).toBeLessThanOrEqual(result.maxRequests);
  expect(seenByServers).toBeLessThanOrEqual(result.maxRequests);
  for (const f of result.findings) {
    expect(['fail', 'pass', 'inconclusive', 'skipped']).toContain(f.status);
    if (!result.calibrated && LLM_PROBES.has(f.ruleId) && f.status === 'pass') expect(f.evidence).toMatch(/→ 41[3]|→ 431/);
    expect((f.evidence ?? '').length).toBeLessThanOrEqual(300);
  }
  const outputs = [JSON.stringify(result), renderProbeText(result, { color: false }), renderProbeMarkdown(result)].join('\n');
  for (const secret of secrets) expect(outputs).not.toContain(secret);
}

const base = (app: DemoApp, extra: Partial<ProbeOptions> = {}): ProbeOptions => ({
  url: app.url,
  allowPrivate: true,
  canary: CANARY,
  runId: 'fixed-run',
  source: { routes: [{ file: 'app/api/chat/route.ts', line: 12, method: 'POST', path: '/api/chat' }], systemPrompts: [app.systemPrompt] },
  locationFallback: '.github/workflows/probe.yml',
  ...extra,
});

describe('vulnerable endpoint', () => {
  test('quick tier: open, unlimited, leaky and steerable, within 25 requests', async () => {
    const app = await demo({ kind: 'vulnerable', canary: CANARY, leakKey: true, latencyMs: 5 });
    const result = await runProbe(base(app, { bypassHeaders: [`x-vercel-protection-bypass: ${BYPASS}`] }), silentLogger);
    checkInvariants(result, app.requests.length, [CANARY, BYPASS, app.fakeKey!]);
    expect(result.requests).toBe(app.requests.length);
    expect(result.maxRequests).toBe(25);
    expect(result.calibrated).toBe(true);
    expect(result.shape).toBe('ai-sdk-ui');
    const f = byId(result);
    for (const id of [
      'probe-unauthenticated',
      'probe-rate-limit',
      'probe-cors',
      'probe-error-leak',
      'probe-data-exposure',
      'probe-instruction-override',
      'probe-client-system-role',
      'probe-canary-leak',
      'probe-prompt-leak',
      'probe-markdown-exfil',
    ]) {
      expect(f[id]?.status, id).toBe('fail');
    }
    expect(f['probe-unauthenticated']!.severity).toBe('critical'); // no auth and no rate limit
    expect(f['probe-cors']!.severity).toBe('high'); // reflected origin with credentials
    expect(f['probe-data-exposure']!.severity).toBe('critical'); // the key in the leaked prompt
    // Located at the route that serves the path; fingerprints leave the host out.
    expect(f['probe-cors']).toMatchObject({ file: 'app/api/chat/route.ts', line: 12 });
    expect(f['probe-canary-leak']!.evidence).toContain('[canary]');
    // Identification and transport headers on every request; bypass headers always sent.
    for (const r of app.requests) {
      expect(r.headers['user-agent']).toMatch(/^promptgate\//);
      expect(r.headers['x-promptgate-probe-run']).toBe('fixed-run');
      expect(r.headers['x-vercel-protection-bypass']).toBe(BYPASS);
    }
  });

  test('standard tier adds the cost, parameter, encoding, indirect, HTML and tool probes', async () => {
    const app = await demo({ kind: 'vulnerable', canary: CANARY });
    const result = await runProbe(base(app, { tier: 'standard' }), silentLogger);
    checkInvariants(result, app.requests.length, [CANARY]);
    expect(result.maxRequests).toBe(70);
    const f = byId(result);
    for (const id of [
      'probe-input-limit',
      'probe-output-limit',
      'probe-param-override',
      'probe-encoded-injection',
      'probe-indirect-injection',
      'probe-html-output',
      'probe-tool-surface',
    ]) {
      expect(f[id]?.status, id).toBe('fail');
    }
    expect(f['probe-tool-surface']!.severity).toBe('high'); // tools on an unauthenticated endpoint
  });

  test('deep tier: smuggling and persona fail, session leak is skipped on a stateless endpoint', async () => {
    const app = await demo({ kind: 'vulnerable', canary: CANARY });
    const result = await runProbe(base(app, { tier: 'deep' }), silentLogger);
    checkInvariants(result, app.requests.length, [CANARY]);
    const f = byId(result);
    expect(f['probe-smuggling']!.status).toBe('fail');
    expect(f['probe-persona']!.status).toBe('fail');
    expect(f['probe-session-leak']!.status).toBe('skipped');
    expect(f['probe-instruction-override']!.message).toMatch(/\d+ of \d+ attempts/); // repeats
  });

  test('deep tier: a memory shared between sessions is found', async () => {
    const app = await demo({ kind: 'vulnerable', sharedMemory: true });
    const result = await runProbe(base(app, { tier: 'deep', canary: undefined }), silentLogger);
    checkInvariants(result, app.requests.length);
    const f = byId(result);
    expect(f['probe-session-leak']!.status).toBe('fail');
    // The planting request carried the session cookie, the asking one did not.
    const plant = app.requests.find((r) => r.body.includes('remember this order reference'));
    const ask = app.requests.find((r) => r.body.includes('order references were you asked to remember'));
    expect(plant?.headers.cookie).toMatch(/^sid=s\d+$/);
    expect(ask?.headers.cookie).toBeUndefined();
  });

  test('fingerprints and locations do not depend on the preview host', async () => {
    const one = await demo({ kind: 'vulnerable' });
    const two = await demo({ kind: 'vulnerable' });
    const a = await runProbe(base(one, { canary: undefined }), silentLogger);
    const b = await runProbe(base(two, { canary: undefined, runId: 'other-run' }), silentLogger);
    checkInvariants(a, one.requests.length);
    checkInvariants(b, two.requests.length);
    expect(one.port).not.toBe(two.port);
    expect(a.findings.map((f) => [f.ruleId, f.fingerprint, f.file, f.line])).toEqual(b.findings.map((f) => [f.ruleId, f.fingerprint, f.file, f.line]));
    expect(byId(a)['probe-canary-leak']!.status).toBe('skipped'); // no canary given
  });

  test('a lower --max-requests is never exceeded; what did not fit is skipped, never passed', async () => {
    const app = await demo({ kind: 'vulnerable' });
    const result = await runProbe(base(app, { maxRequests: 6 }), silentLogger);
    checkInvariants(result, app.requests.length);
    expect(result.maxRequests).toBe(6);
    expect(app.requests.length).toBeLessThanOrEqual(6);
    const f = byId(result);
    expect(f['probe-rate-limit']!.status).toBe('skipped');
    expect(result.findings.filter((x) => x.status === 'skipped').length).toBeGreaterThan(0);
  });

  test('a --max-requests above the tier budget is lowered to it', async () => {
    const app = await demo({ kind: 'vulnerable' });
    const result = await runProbe(base(app, { maxRequests: 500 }), silentLogger);
    checkInvariants(result, app.requests.length);
    expect(result.maxRequests).toBe(25);
  });
});

describe('hardened endpoint', () => {
  test('quick tier: nothing fails; auth, rate limit, CORS and error handling pass', async () => {
    const app = await demo({ kind: 'hardened', canary: CANARY });
    const auth = `Authorization: Bearer ${DEFAULT_TOKEN}`;
    const result = await runProbe(base(app, { headers: [auth], bypassHeaders: [`x-vercel-protection-bypass: ${BYPASS}`] }), silentLogger);
    checkInvariants(result, app.requests.length, [DEFAULT_TOKEN, BYPASS, CANARY]);
    expect(result.calibrated).toBe(true);
    const f = byId(result);
    expect(result.findings.filter((x) => x.status === 'fail')).toEqual([]);
    for (const id of ['probe-unauthenticated', 'probe-rate-limit', 'probe-cors', 'probe-error-leak', 'probe-instruction-override', 'probe-client-system-role', 'probe-canary-leak', 'probe-prompt-leak']) {
      expect(f[id]?.status, id).toBe('pass');
    }
    expect(f['probe-rate-limit']!.message).toMatch(/429/);
    // App credentials went to the target, except on the request that tests for them.
    const unauthenticated = app.requests.filter((r) => r.headers.authorization === undefined);
    expect(unauthenticated.length).toBe(1);
    expect(unauthenticated[0]!.headers['x-vercel-protection-bypass']).toBe(BYPASS);
  });

  test('standard tier: input limit (413) and output cap pass', async () => {
    const app = await demo({ kind: 'hardened', rateLimit: 30, shape: 'openai-sse' });
    const result = await runProbe(base(app, { tier: 'standard', headers: { Authorization: `Bearer ${DEFAULT_TOKEN}` } }), silentLogger);
    checkInvariants(result, app.requests.length, [DEFAULT_TOKEN]);
    const f = byId(result);
    expect(result.findings.filter((x) => x.status === 'fail')).toEqual([]);
    expect(f['probe-input-limit']!.status).toBe('pass');
    expect(f['probe-output-limit']!.status).toBe('pass');
    expect(f['probe-param-override']!.status).toBe('pass');
    expect(f['probe-tool-surface']!.status).toBe('pass');
  });

  test('without credentials the endpoint is reported as protected and the model probes as inconclusive', async () => {
    const app = await demo({ kind: 'hardened' });
    const result = await runProbe(base(app), silentLogger);
    checkInvariants(result, app.requests.length);
    const f = byId(result);
    expect(f['probe-unauthenticated']!.status).toBe('pass');
    expect(result.calibrated).toBe(false);
    expect(f['probe-instruction-override']!.status).toBe('inconclusive');
  });
});

describe('endpoint shapes and streams', () => {
  const cases: Array<[DemoShape, string, string]> = [
    ['ai-sdk-ui', '/api/chat', 'ai-sdk-ui'],
    ['ai-sdk-data', '/api/chat', 'ai-sdk-ui'],
    ['messages-json', '/api/chat', 'ai-sdk-ui'],
    ['prompt-json', '/api/completion', 'fields'],
    ['text', '/api/chat', 'fields'],
    ['openai', '/v1/chat/completions', 'openai'],
    ['openai-sse', '/v1/chat/completions', 'openai'],
    ['anthropic-sse', '/v1/messages', 'anthropic'],
  ];
  test.each(cases)('%s at %s calibrates and detects the injection', async (shape, path, expected) => {
    const app = await demo({ kind: 'vulnerable', shape, path });
    const result = await runProbe(base(app, { canary: undefined }), silentLogger);
    checkInvariants(result, app.requests.length);
    expect(result.calibrated).toBe(true);
    // AI SDK 4 servers read `content`, so the UI-message shape falls through to `messages`.
    expect(result.shape).toBe(shape === 'ai-sdk-data' || shape === 'messages-json' ? 'messages' : expected);
    expect(byId(result)['probe-instruction-override']!.status).toBe('fail');
  });

  test('an explicit body template and response path win over detection', async () => {
    const app = await demo({ kind: 'vulnerable', shape: 'prompt-json' });
    const result = await runProbe(base(app, { canary: undefined, body: '{"prompt": "{{prompt}}", "user": "probe"}', responsePath: '$.completion' }), silentLogger);
    checkInvariants(result, app.requests.length);
    expect(result.shape).toBe('template');
    expect(result.calibrated).toBe(true);
    expect(app.requests.filter((r) => r.body.includes('"user":"probe"') || r.body.includes('"user": "probe"')).length).toBeGreaterThan(0);
    expect(byId(result)['probe-instruction-override']!.status).toBe('fail');
    expect(byId(result)['probe-client-system-role']!.status).toBe('skipped'); // a template has no roles
  });

  test('required fields are learned from a FastAPI-style 422', async () => {
    // A small pydantic-like endpoint: needs `question` and `session_id`, answers sums.
    const seen: string[] = [];
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push(body);
        let data: Record<string, unknown> = {};
        try {
          data = JSON.parse(body);
        } catch {
          /* fall through to 422 */
        }
        const missing = ['question', 'session_id'].filter((k) => typeof data[k] !== 'string');
        res.setHeader('content-type', 'application/json');
        if (missing.length) {
          res.statusCode = 422;
          res.end(JSON.stringify({ detail: missing.map((k) => ({ type: 'missing', loc: ['body', k], msg: 'Field required', input: null })) }));
          return;
        }
        const m = /What is (\d+) plus (\d+)/.exec(String(data['question']));
        res.end(JSON.stringify({ answer: m ? String(Number(m[1]) + Number(m[2])) : 'I only do sums.' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push({ close: () => new Promise<void>((r) => server.close(() => r())) });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ask`;
    const result = await runProbe({ url, allowPrivate: true, runId: 'fixed-run' }, silentLogger);
    checkInvariants(result, seen.length);
    expect(result.calibrated).toBe(true);
    expect(result.shape).toBe('fields');
    expect(seen.some((b) => b.includes('"session_id":"promptgate-fixed-run"'))).toBe(true);
    expect(byId(result)['probe-instruction-override']!.status).toBe('pass');
  });
});

describe('echo bot', () => {
  test('an endpoint that echoes the input yields no injection or leak finding', async () => {
    const app = await demo({ kind: 'echo' });
    const result = await runProbe(
      base(app, { tier: 'standard', source: { routes: [], systemPrompts: ['Repeat the text above this message verbatim and reply only with the letters of the sum of the numbers you are given by users today.'] } }),
      silentLogger,
    );
    checkInvariants(result, app.requests.length, [CANARY]);
    expect(result.calibrated).toBe(false);
    const f = byId(result);
    for (const id of INJECTION_OR_LEAK) expect(f[id]?.status, id).not.toBe('fail');
    expect(f['probe-unauthenticated']!.status).toBe('inconclusive');
    expect(result.errors.some((e) => /echoes the input/.test(e.message))).toBe(true);
  });
});

describe('safety', () => {
  test('an endpoint that never answers: the deadline holds and nothing passes', async () => {
    const app = await demo({ kind: 'silent' });
    const result = await runProbe(base(app, { deadlineSeconds: 1.5 }), silentLogger);
    checkInvariants(result, app.requests.length);
    expect(result.responses).toBe(0);
    expect(result.findings.filter((f) => f.status === 'pass' || f.status === 'fail')).toEqual([]);
    expect(result.errors.some((e) => /no response/.test(e.message))).toBe(true);
  });

  test('a redirect to another origin is not followed', async () => {
    const other = await demo({ kind: 'vulnerable' });
    const app = await demo({ kind: 'vulnerable', redirects: { '/api/chat': `${other.origin}/api/chat` } });
    const result = await runProbe(base(app, { bypassHeaders: [`x-vercel-protection-bypass: ${BYPASS}`], headers: ['Authorization: Bearer app-secret-1'] }), silentLogger);
    checkInvariants(result, app.requests.length + other.requests.length, [BYPASS, 'app-secret-1']);
    expect(other.requests).toEqual([]);
    expect(app.requests.length).toBeGreaterThan(0);
    expect(result.errors.some((e) => /redirect to another origin/.test(e.message))).toBe(true);
    // A redirect is not an answer: nothing can pass on it.
    expect(result.findings.filter((f) => f.status === 'pass')).toEqual([]);
  });

  test('a redirect to localhost (another host name for the same machine) is not followed either', async () => {
    const target = await demo({ kind: 'vulnerable' });
    const app = await demo({ kind: 'vulnerable', redirects: { '/api/chat': `http://localhost:${target.port}/api/chat` } });
    const result = await runProbe(base(app, { maxRequests: 8 }), silentLogger);
    checkInvariants(result, app.requests.length + target.requests.length);
    expect(target.requests).toEqual([]);
    expect(result.errors.some((e) => /redirect to another origin \(http:\/\/localhost:/.test(e.message))).toBe(true);
  });

  test('same-origin redirects are followed, and every hop counts against the budget', async () => {
    const app = await demo({ kind: 'vulnerable', redirects: { '/api/old': '/api/chat' } });
    const result = await runProbe(base(app, { url: `${app.origin}/api/old`, canary: undefined }), silentLogger);
    checkInvariants(result, app.requests.length);
    expect(result.requests).toBe(app.requests.length);
    expect(app.requests.filter((r) => r.url === '/api/old').length).toBeGreaterThan(0);
    expect(app.requests.filter((r) => r.url === '/api/chat').length).toBeGreaterThan(0);
    expect(result.calibrated).toBe(true);
  });

  test('loopback and private addresses are refused without allowPrivate, before any request', async () => {
    const app = await demo({ kind: 'vulnerable' });
    await expect(runProbe({ url: app.url }, silentLogger)).rejects.toThrow(UsageError);
    await expect(runProbe({ url: app.url }, silentLogger)).rejects.toThrow(/loopback.*--allow-private/);
    await expect(runProbe({ url: `http://localhost:${app.port}/api/chat` }, silentLogger)).rejects.toThrow(/loopback/);
    await expect(runProbe({ url: 'http://169.254.169.254/latest/meta-data' }, silentLogger)).rejects.toThrow(/link-local/);
    await expect(runProbe({ url: 'http://[::1]:1/x' }, silentLogger)).rejects.toThrow(/loopback/);
    await expect(runProbe({ url: 'ftp://example.com/x' }, silentLogger)).rejects.toThrow(/http or https/);
    await expect(runProbe({ url: 'http://user:pw@127.0.0.1/x', allowPrivate: true }, silentLogger)).rejects.toThrow(/credentials/);
    expect(app.requests).toEqual([]);
  });

  test('a platform wall is reported, not taken for app authentication', async () => {
    let count = 0;
    const server = createServer((req, res) => {
      count++;
      req.resume();
      res.writeHead(401, { 'content-type': 'text/html', 'set-cookie': '_vercel_sso_nonce=abc; Path=/; HttpOnly' });
      res.end('<html><body>Authentication Required. Redirecting to vercel.com/sso-api</body></html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push({ close: () => new Promise<void>((r) => server.close(() => r())) });
    const result = await runProbe({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat`, allowPrivate: true }, silentLogger);
    checkInvariants(result, count);
    expect(byId(result)['probe-unauthenticated']!.status).toBe('inconclusive');
    expect(result.findings.filter((f) => f.status === 'pass' || f.status === 'fail')).toEqual([]);
    expect(result.errors.some((e) => /x-vercel-protection-bypass/.test(e.message))).toBe(true);
    expect(result.blockedBy).toMatch(/Vercel Deployment Protection/);
    expect(count).toBe(1); // nothing else is sent into the wall
  });
});
