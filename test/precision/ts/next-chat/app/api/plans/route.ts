// Plan advisor: a tool-using generateText call that stops after four steps or when the model calls
// the answer tool. Tools only read a constant price table.
import { openai } from '@ai-sdk/openai';
import { generateText, hasToolCall, stepCountIs, tool } from 'ai';
import { z } from 'zod';
import { auth } from '@/app/(auth)/auth';
import { chatRatelimit } from '@/lib/ratelimit';

const PLANS = {
  starter: { monthlyUsd: 0, seats: 1, storageGb: 5 },
  team: { monthlyUsd: 49, seats: 10, storageGb: 100 },
  business: { monthlyUsd: 199, seats: 50, storageGb: 1000 },
} as const;

const bodySchema = z.object({ question: z.string().trim().min(1).max(1000) });

export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user?.id) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  if (!(await chatRatelimit.limit(session.user.id)).success) return Response.json({ error: 'Too many requests' }, { status: 429 });
  const parsed = bodySchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: 'question is required' }, { status: 400 });

  const { toolCalls, text } = await generateText({
    model: openai('gpt-5.1'),
    system: 'You recommend one Acme plan. Look up plan details with getPlan, then call answer with your recommendation.',
    prompt: parsed.data.question,
    maxOutputTokens: 600,
    stopWhen: [stepCountIs(4), hasToolCall('answer')],
    tools: {
      getPlan: tool({
        description: 'Price and limits of a plan',
        inputSchema: z.object({ plan: z.enum(['starter', 'team', 'business']) }),
        execute: async ({ plan }) => PLANS[plan],
      }),
      answer: tool({
        description: 'Give the final recommendation',
        inputSchema: z.object({ plan: z.enum(['starter', 'team', 'business']), reason: z.string().max(300) }),
      }),
    },
  });

  const final = toolCalls.find((call) => call.toolName === 'answer');
  const recommendation = final ? (final.input as { plan: keyof typeof PLANS; reason: string }) : undefined;
  return Response.json(recommendation ? { plan: recommendation.plan, reason: recommendation.reason } : { plan: null, reason: text.slice(0, 300) });
}
