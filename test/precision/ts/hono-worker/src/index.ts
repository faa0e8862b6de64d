// Cloudflare Worker (Hono): bearer auth, a per-token rate limit, and a fixed-prompt Claude call.
import Anthropic from '@anthropic-ai/sdk';
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { rateLimiter } from 'hono-rate-limiter';
import { z } from 'zod';

type Bindings = { ANTHROPIC_API_KEY: string; API_TOKENS: KVNamespace };

const app = new Hono<{ Bindings: Bindings }>();

const SYSTEM_PROMPT = 'You write short, upbeat product descriptions for an online garden shop. Plain text, at most 80 words.';
const bodySchema = z.object({ product: z.string().trim().min(2).max(300) });

app.use(
  '/api/*',
  bearerAuth({
    verifyToken: async (token, c) => (await c.env.API_TOKENS.get(`token:${token}`)) !== null,
  }),
);

app.use(
  '/api/*',
  rateLimiter({
    windowMs: 60_000,
    limit: 30,
    standardHeaders: 'draft-7',
    keyGenerator: (c) => c.req.header('authorization') ?? 'anonymous',
  }),
);

app.post('/api/describe', async (c) => {
  const parsed = bodySchema.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) return c.json({ error: 'product must be 2-300 characters' }, 400);

  const anthropic = new Anthropic({ apiKey: c.env.ANTHROPIC_API_KEY, maxRetries: 2, timeout: 20_000 });
  try {
    const message = await anthropic.messages.create({
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 300,
      system: SYSTEM_PROMPT,
      messages: [{ role: 'user', content: parsed.data.product }],
    });
    const description = message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('').trim();
    return c.json({ description });
  } catch {
    return c.json({ error: 'Description service unavailable' }, 502);
  }
});

export default app;
