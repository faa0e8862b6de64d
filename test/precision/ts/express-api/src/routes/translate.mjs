// Translation endpoint backed by OpenAI chat completions.
import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import OpenAI from 'openai';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, timeout: 20_000, maxRetries: 2 });
const router = Router();

const LANGUAGES = new Map([
  ['de', 'German'],
  ['es', 'Spanish'],
  ['fr', 'French'],
  ['ja', 'Japanese'],
]);

const limiter = rateLimit({ windowMs: 60_000, limit: 30, keyGenerator: (req) => req.session.userId });

router.post('/', limiter, async (req, res) => {
  const text = typeof req.body?.text === 'string' ? req.body.text.slice(0, 4000) : '';
  const target = LANGUAGES.get(String(req.body?.target ?? ''));
  if (!text || !target) return res.status(400).json({ error: 'text and a supported target language are required' });

  try {
    const completion = await openai.chat.completions.create({
      model: 'gpt-5.1',
      max_completion_tokens: 1500,
      messages: [
        { role: 'developer', content: `Translate the user's message into ${target}. Output only the translation.` },
        { role: 'user', content: text },
      ],
    });
    res.json({ translation: completion.choices[0]?.message?.content ?? '' });
  } catch {
    res.status(502).json({ error: 'Translation failed. Please try again.' });
  }
});

export default router;
