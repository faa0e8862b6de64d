// Express API for the help-center assistant: session auth, per-user rate limits, validated input,
// fixed system prompt, text-only responses and generic error messages.
import Anthropic from '@anthropic-ai/sdk';
import express, { type NextFunction, type Request, type Response } from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import pino from 'pino';
import { z } from 'zod';
import { requireSession } from './lib/session.js';
import notesRouter from './routes/notes.js';
import translateRouter from './routes/translate.mjs';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, timeout: 30_000, maxRetries: 2 });

const SYSTEM_PROMPT = [
  'You are the Acme help-center assistant.',
  'Answer questions about using the Acme dashboard. Be brief and give step-by-step instructions.',
  'If asked about anything else, explain that you can only help with the Acme dashboard.',
].join('\n');

const askSchema = z.object({ question: z.string().trim().min(1).max(4000) });

const app = express();
app.use(helmet());
app.use(express.json({ limit: '32kb' }));
app.use(requireSession);

const assistantLimiter = rateLimit({
  windowMs: 60_000,
  limit: 20,
  standardHeaders: 'draft-7',
  legacyHeaders: false,
  keyGenerator: (req) => req.session!.userId,
});

app.post('/api/assistant', assistantLimiter, async (req: Request, res: Response) => {
  const parsed = askSchema.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: 'question is required (max 4000 characters)' });

  try {
    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 1024,
      system: SYSTEM_PROMPT,
      messages: [{ role: 'user', content: parsed.data.question }],
      metadata: { user_id: req.session!.userId },
    });
    logger.info({ userId: req.session!.userId, usage: message.usage, stop: message.stop_reason }, 'assistant answered');
    const answer = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    return res.json({ answer });
  } catch (error) {
    logger.error({ err: error instanceof Anthropic.APIError ? { status: error.status, type: error.name } : 'unknown' }, 'assistant failed');
    return res.status(502).json({ error: 'The assistant is unavailable. Please try again shortly.' });
  }
});

// Streaming variant: server-sent events with text deltas only; the upstream request is aborted when
// the browser disconnects.
app.post('/api/assistant/stream', assistantLimiter, async (req: Request, res: Response) => {
  const parsed = askSchema.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: 'question is required (max 4000 characters)' });

  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  const controller = new AbortController();
  req.on('close', () => controller.abort());

  try {
    const stream = anthropic.messages.stream(
      {
        model: 'claude-sonnet-4-6',
        max_tokens: 1024,
        system: SYSTEM_PROMPT,
        messages: [{ role: 'user', content: parsed.data.question }],
      },
      { signal: controller.signal },
    );
    stream.on('text', (delta) => res.write(`data: ${JSON.stringify({ delta })}\n\n`));
    const final = await stream.finalMessage();
    logger.info({ userId: req.session!.userId, outputTokens: final.usage.output_tokens }, 'assistant streamed');
  } catch (error) {
    if (!controller.signal.aborted) {
      logger.error({ err: error instanceof Error ? error.name : 'unknown' }, 'assistant stream failed');
      res.write(`data: ${JSON.stringify({ error: 'The assistant is unavailable.' })}\n\n`);
    }
  }
  res.end();
});

app.use('/api/notes', notesRouter);
app.use('/api/translate', translateRouter);

app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
  logger.error({ err }, 'unhandled error');
  res.status(500).json({ error: 'Internal server error' });
});

app.listen(Number(process.env.PORT ?? 3000), () => logger.info('listening'));
