import { anthropic } from '@ai-sdk/anthropic';
import { convertToModelMessages, streamText, type UIMessage } from 'ai';

export const maxDuration = 30;

export async function POST(req: Request) {
  const { messages }: { messages: UIMessage[] } = await req.json();
  // ruleid: cost-missing-max-tokens
  const result = streamText({
    model: anthropic('claude-opus-4-6'),
    system: 'You are a helpful shopping assistant for Acme Outfitters.',
    messages: convertToModelMessages(messages),
  });
  return result.toUIMessageStreamResponse();
}
