import { anthropic } from '@ai-sdk/anthropic';
import { convertToModelMessages, streamText, type UIMessage } from 'ai';

export const maxDuration = 30;

// ruleid: cost-no-rate-limit
export async function POST(req: Request) {
  const { messages }: { messages: UIMessage[] } = await req.json();
  // ruleid: cost-missing-max-tokens
  const result = streamText({
    model: anthropic('claude-opus-4-6'),
    system: 'You are a helpful shopping assistant for Acme Outfitters.',
    // useChat sends the whole history by design; nothing here checks the roles (a note, low).
    // ruleid: injection-client-history, cost-unbounded-input
    messages: convertToModelMessages(messages),
  });
  return result.toUIMessageStreamResponse();
}
