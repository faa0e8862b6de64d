// Inventory agent: Claude with an explicit tool registry, per-tool zod validation, a membership
// check before dispatch and a hard iteration cap.
import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, Tool, ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import { db } from './db.js';

const client = new Anthropic();
const MAX_ITERATIONS = 8;

const SYSTEM_PROMPT =
  'You answer warehouse staff questions about stock levels. Use the tools; never invent SKUs or quantities.';

const skuSchema = z.object({ sku: z.string().regex(/^[A-Z]{3}-\d{4}$/) });
const lowStockSchema = z.object({ threshold: z.number().int().min(0).max(1000) });

type Handler = (input: unknown) => Promise<string>;

const registry = new Map<string, { definition: Tool; run: Handler }>([
  [
    'get_stock',
    {
      definition: {
        name: 'get_stock',
        description: 'Current stock level for one SKU',
        input_schema: { type: 'object', properties: { sku: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' } }, required: ['sku'] },
      },
      run: async (input) => {
        const { sku } = skuSchema.parse(input);
        const row = await db.oneOrNone('SELECT quantity, location FROM stock WHERE sku = $1', [sku]);
        return row ? JSON.stringify(row) : 'Unknown SKU';
      },
    },
  ],
  [
    'list_low_stock',
    {
      definition: {
        name: 'list_low_stock',
        description: 'SKUs whose quantity is below a threshold',
        input_schema: { type: 'object', properties: { threshold: { type: 'integer', minimum: 0, maximum: 1000 } }, required: ['threshold'] },
      },
      run: async (input) => {
        const { threshold } = lowStockSchema.parse(input);
        const rows = await db.any('SELECT sku, quantity FROM stock WHERE quantity < $1 ORDER BY quantity LIMIT 50', [threshold]);
        return JSON.stringify(rows);
      },
    },
  ],
]);

const tools: Tool[] = [...registry.values()].map((entry) => entry.definition);

export async function askInventory(question: string): Promise<string> {
  const messages: MessageParam[] = [{ role: 'user', content: question.slice(0, 2000) }];

  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const response = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 1024,
      system: SYSTEM_PROMPT,
      tools,
      messages,
    });

    if (response.stop_reason !== 'tool_use') {
      return response.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
    }

    messages.push({ role: 'assistant', content: response.content });
    const results: ToolResultBlockParam[] = [];
    for (const block of response.content) {
      if (block.type !== 'tool_use') continue;
      const entry = registry.get(block.name);
      if (!entry) {
        results.push({ type: 'tool_result', tool_use_id: block.id, content: 'Unknown tool', is_error: true });
        continue;
      }
      try {
        results.push({ type: 'tool_result', tool_use_id: block.id, content: await entry.run(block.input) });
      } catch {
        results.push({ type: 'tool_result', tool_use_id: block.id, content: 'Invalid input', is_error: true });
      }
    }
    messages.push({ role: 'user', content: results });
  }
  return 'I could not complete that lookup. Please narrow the question.';
}
