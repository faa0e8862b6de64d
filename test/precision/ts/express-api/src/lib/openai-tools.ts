// Order-status bot with OpenAI function calling. Arguments are JSON-parsed and then validated by zod;
// only functions in the handler table can run; at most MAX_ROUNDS model calls.
import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { db } from './db.js';

const openai = new OpenAI({ timeout: 30_000, maxRetries: 2 });
const MAX_ROUNDS = 4;

const handlers = {
  order_status: {
    schema: z.object({ orderNumber: z.string().regex(/^\d{8}$/) }),
    async run({ orderNumber }: { orderNumber: string }, customerId: string) {
      const row = await db.oneOrNone('SELECT status, carrier, eta FROM orders WHERE number = $1 AND customer_id = $2', [orderNumber, customerId]);
      return row ?? { error: 'not found' };
    },
  },
  return_policy: {
    schema: z.object({ category: z.enum(['electronics', 'clothing', 'home']) }),
    async run({ category }: { category: 'electronics' | 'clothing' | 'home' }) {
      return { category, days: category === 'electronics' ? 14 : 30 };
    },
  },
} as const;

type HandlerName = keyof typeof handlers;

const tools: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'order_status',
      description: "Status of one of the customer's orders",
      parameters: { type: 'object', properties: { orderNumber: { type: 'string', pattern: '^\\d{8}$' } }, required: ['orderNumber'], additionalProperties: false },
      strict: true,
    },
  },
  {
    type: 'function',
    function: {
      name: 'return_policy',
      description: 'Return window for a product category',
      parameters: { type: 'object', properties: { category: { type: 'string', enum: ['electronics', 'clothing', 'home'] } }, required: ['category'], additionalProperties: false },
      strict: true,
    },
  },
];

function isHandlerName(name: string): name is HandlerName {
  return Object.hasOwn(handlers, name);
}

export async function answerCustomer(customerId: string, question: string): Promise<string> {
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You are a polite order-support assistant for Acme Store.' },
    { role: 'user', content: question.slice(0, 2000) },
  ];

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const completion = await openai.chat.completions.create({ model: 'gpt-5.1', messages, tools, max_completion_tokens: 800 });
    const reply = completion.choices[0]?.message;
    if (!reply) break;
    if (!reply.tool_calls?.length) return reply.content ?? '';

    messages.push(reply);
    for (const call of reply.tool_calls) {
      if (call.type !== 'function') continue;
      let content: string;
      if (!isHandlerName(call.function.name)) {
        content = JSON.stringify({ error: 'unknown function' });
      } else {
        const handler = handlers[call.function.name];
        let raw: unknown;
        try {
          raw = JSON.parse(call.function.arguments);
        } catch {
          raw = undefined;
        }
        const args = handler.schema.safeParse(raw);
        content = JSON.stringify(args.success ? await handler.run(args.data as never, customerId) : { error: 'invalid arguments' });
      }
      messages.push({ role: 'tool', tool_call_id: call.id, content });
    }
  }
  return 'Sorry, I could not answer that. A support agent will get back to you.';
}
