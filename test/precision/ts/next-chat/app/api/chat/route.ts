// Chat endpoint for the useChat page. The client sends only its newest message; earlier turns are
// loaded from the database for a chat the signed-in user owns, so the client cannot forge history.
import { anthropic } from '@ai-sdk/anthropic';
import { convertToModelMessages, streamText, type UIMessage } from 'ai';
import { z } from 'zod';
import { auth } from '@/app/(auth)/auth';
import { getChatById, getMessagesByChatId, saveChat, saveMessages } from '@/lib/db/queries';
import { chatRatelimit } from '@/lib/ratelimit';
import { CHAT_MODEL } from '@/lib/ai/models';

export const maxDuration = 60;

const SYSTEM_PROMPT = `You are Acme's product assistant. Answer questions about Acme's plans, features and
integrations. Keep answers short and friendly. If a question is unrelated to Acme, say so politely.`;

const requestSchema = z.object({
  id: z.string().uuid(),
  message: z.object({
    id: z.string().min(1).max(64),
    role: z.literal('user'),
    parts: z.array(z.object({ type: z.literal('text'), text: z.string().min(1).max(4000) })).min(1).max(1),
  }),
});

export async function POST(request: Request) {
  const session = await auth();
  if (!session?.user?.id) return new Response('Unauthorized', { status: 401 });

  const { success, reset } = await chatRatelimit.limit(session.user.id);
  if (!success) {
    return new Response('Too many requests', { status: 429, headers: { 'Retry-After': String(Math.ceil((reset - Date.now()) / 1000)) } });
  }

  const parsed = requestSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return new Response('Bad request', { status: 400 });
  const { id, message } = parsed.data;

  const chat = await getChatById({ id });
  if (chat && chat.userId !== session.user.id) return new Response('Forbidden', { status: 403 });
  if (!chat) await saveChat({ id, userId: session.user.id, title: message.parts[0].text.slice(0, 80) });

  const history = await getMessagesByChatId({ id, limit: 40 });
  const uiMessages: UIMessage[] = [...history, message];
  await saveMessages({ chatId: id, messages: [message] });

  const result = streamText({
    model: anthropic(CHAT_MODEL),
    system: SYSTEM_PROMPT,
    messages: convertToModelMessages(uiMessages),
    maxOutputTokens: 1024,
    abortSignal: request.signal,
    onFinish: async ({ text, usage }) => {
      console.info('chat finished', { chatId: id, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens });
      await saveMessages({ chatId: id, messages: [{ id: crypto.randomUUID(), role: 'assistant', parts: [{ type: 'text', text }] }] });
    },
  });

  return result.toUIMessageStreamResponse();
}
