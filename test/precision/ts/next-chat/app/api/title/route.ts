// Suggests a short title for a chat. Rate limiting and the session check run in middleware.ts
// (matcher /api/:path*); the handler re-checks the session before calling the model.
import { anthropic } from '@ai-sdk/anthropic';
import { generateText } from 'ai';
import { z } from 'zod';
import { auth } from '@/app/(auth)/auth';
import { FAST_MODEL } from '@/lib/ai/models';

const bodySchema = z.object({ firstMessage: z.string().trim().min(1).max(2000) });

export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user?.id) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  const parsed = bodySchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: 'firstMessage is required' }, { status: 400 });

  try {
    const { text } = await generateText({
      model: anthropic(FAST_MODEL),
      system: 'Write a title of at most six words for a conversation that starts with the user message. Output only the title.',
      prompt: parsed.data.firstMessage,
      maxOutputTokens: 30,
    });
    return Response.json({ title: text.trim().slice(0, 80) });
  } catch {
    return Response.json({ title: 'New chat' });
  }
}
