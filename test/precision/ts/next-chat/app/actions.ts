'use server';

import { anthropic } from '@ai-sdk/anthropic';
import { generateText } from 'ai';
import { headers } from 'next/headers';
import { z } from 'zod';
import { auth } from '@/app/(auth)/auth';
import { actionRatelimit } from '@/lib/ratelimit';

const TONES = ['friendly', 'formal', 'concise'] as const;
const inputSchema = z.object({
  draft: z.string().trim().min(1).max(4000),
  tone: z.enum(TONES),
});

const TONE_INSTRUCTIONS: Record<(typeof TONES)[number], string> = {
  friendly: 'Rewrite the email in the user message in a warm, friendly tone.',
  formal: 'Rewrite the email in the user message in a formal business tone.',
  concise: 'Rewrite the email in the user message to be as short as possible without losing facts.',
};

export type RewriteResult = { ok: true; text: string } | { ok: false; error: string };

export async function rewriteEmail(formData: FormData): Promise<RewriteResult> {
  const session = await auth();
  if (!session?.user?.id) return { ok: false, error: 'Please sign in.' };

  const ip = (await headers()).get('x-forwarded-for') ?? 'unknown';
  const { success } = await actionRatelimit.limit(`${session.user.id}:${ip}`);
  if (!success) return { ok: false, error: 'You are going too fast. Try again in a minute.' };

  const parsed = inputSchema.safeParse({ draft: formData.get('draft'), tone: formData.get('tone') });
  if (!parsed.success) return { ok: false, error: 'Enter a draft (up to 4000 characters) and pick a tone.' };

  try {
    const { text } = await generateText({
      model: anthropic('claude-sonnet-4-6'),
      // The tone is one of three fixed strings selected by an enum, never free text.
      system: TONE_INSTRUCTIONS[parsed.data.tone],
      prompt: parsed.data.draft,
      maxOutputTokens: 1200,
    });
    return { ok: true, text };
  } catch {
    return { ok: false, error: 'The rewrite service is unavailable right now.' };
  }
}
