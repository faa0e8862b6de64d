// Quiz generator: asks Claude for JSON, validates it with zod and re-asks at most MAX_ATTEMPTS times.
import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';

const anthropic = new Anthropic({ timeout: 45_000, maxRetries: 2 });
const MAX_ATTEMPTS = 3;
const MAX_QUESTIONS = 10;
const APP_NAME = process.env.APP_NAME ?? 'Acme Academy';

const quizSchema = z.object({
  title: z.string().max(120),
  questions: z
    .array(
      z.object({
        prompt: z.string().max(300),
        choices: z.array(z.string().max(120)).length(4),
        answerIndex: z.number().int().min(0).max(3),
      }),
    )
    .min(1)
    .max(MAX_QUESTIONS),
});

export type Quiz = z.infer<typeof quizSchema>;

export async function generateQuiz(lessonText: string, requestedCount: number): Promise<Quiz | undefined> {
  const count = Math.max(1, Math.min(Math.trunc(Number(requestedCount)) || 5, MAX_QUESTIONS));
  const system =
    `You write multiple-choice quizzes for ${APP_NAME}. Return only JSON shaped as ` +
    `{"title": string, "questions": [{"prompt": string, "choices": [4 strings], "answerIndex": 0-3}]} ` +
    `with exactly ${count} questions about the lesson in the user message.`;

  let attempts = 0;
  while (attempts < MAX_ATTEMPTS) {
    attempts++;
    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 2000,
      system,
      messages: [{ role: 'user', content: `<lesson>\n${lessonText.slice(0, 20_000)}\n</lesson>` }],
    });
    const raw = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
    try {
      const quiz = quizSchema.safeParse(JSON.parse(raw));
      if (quiz.success) return quiz.data;
    } catch {
      // not JSON: ask again
    }
  }
  return undefined;
}
