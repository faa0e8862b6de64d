// LangGraph.js ReAct agent with two pure tools and a recursion limit.
import { ChatOpenAI } from '@langchain/openai';
import { tool } from '@langchain/core/tools';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { z } from 'zod';

const UNIT_FACTORS: Record<string, number> = { km: 1000, m: 1, mi: 1609.344, ft: 0.3048 };

const convertDistance = tool(
  async ({ value, from, to }) => {
    const meters = value * UNIT_FACTORS[from]!;
    return `${(meters / UNIT_FACTORS[to]!).toFixed(3)} ${to}`;
  },
  {
    name: 'convert_distance',
    description: 'Convert a distance between km, m, mi and ft',
    schema: z.object({ value: z.number().finite(), from: z.enum(['km', 'm', 'mi', 'ft']), to: z.enum(['km', 'm', 'mi', 'ft']) }),
  },
);

const paceCalculator = tool(
  async ({ distanceKm, minutes }) => `${(minutes / distanceKm).toFixed(2)} min/km`,
  {
    name: 'pace',
    description: 'Running pace in minutes per km',
    schema: z.object({ distanceKm: z.number().positive().max(1000), minutes: z.number().positive().max(10_000) }),
  },
);

const llm = new ChatOpenAI({ model: 'gpt-5.1', maxTokens: 600, timeout: 30_000, maxRetries: 2 });
const agent = createReactAgent({ llm, tools: [convertDistance, paceCalculator] });

export async function askRunningCoach(question: string): Promise<string> {
  const result = await agent.invoke(
    { messages: [{ role: 'user', content: question.slice(0, 2000) }] },
    { recursionLimit: 8 },
  );
  const last = result.messages[result.messages.length - 1];
  return typeof last?.content === 'string' ? last.content : '';
}
