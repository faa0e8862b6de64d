// Extracts contact details from pasted text into a fixed schema (AI SDK generateObject + zod).
import { openai } from '@ai-sdk/openai';
import { generateObject } from 'ai';
import { z } from 'zod';
import { auth } from '@/app/(auth)/auth';
import { extractRatelimit } from '@/lib/ratelimit';

const bodySchema = z.object({ text: z.string().min(1).max(4000) });

const contactSchema = z.object({
  name: z.string().max(120).nullable(),
  email: z.string().email().nullable(),
  phone: z.string().max(40).nullable(),
  company: z.string().max(120).nullable(),
});

export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user?.id) return Response.json({ error: 'Sign in required' }, { status: 401 });
  const { success } = await extractRatelimit.limit(session.user.id);
  if (!success) return Response.json({ error: 'Slow down' }, { status: 429 });

  const body = bodySchema.safeParse(await req.json().catch(() => null));
  if (!body.success) return Response.json({ error: 'Text is required (max 4000 characters)' }, { status: 400 });

  try {
    const { object, usage } = await generateObject({
      model: openai('gpt-5.1'),
      schema: contactSchema,
      system: 'Extract the contact details that appear in the user text. Use null for anything missing.',
      prompt: body.data.text,
      maxOutputTokens: 500,
    });
    console.info('extract usage', { user: session.user.id, totalTokens: usage.totalTokens });
    return Response.json({ contact: object });
  } catch (error) {
    console.error('extract failed', error instanceof Error ? error.name : 'unknown');
    return Response.json({ error: 'Extraction failed, please try again' }, { status: 502 });
  }
}
