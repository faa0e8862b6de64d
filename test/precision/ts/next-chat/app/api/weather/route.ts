// Weather assistant with two read-only tools (the AI SDK docs example), capped at five steps.
import { anthropic } from '@ai-sdk/anthropic';
import { convertToModelMessages, stepCountIs, streamText, tool, type UIMessage } from 'ai';
import { z } from 'zod';
import { auth } from '@/app/(auth)/auth';
import { chatRatelimit } from '@/lib/ratelimit';

const CITY_COORDINATES: Record<string, { latitude: number; longitude: number }> = {
  berlin: { latitude: 52.52, longitude: 13.41 },
  london: { latitude: 51.51, longitude: -0.13 },
  'new york': { latitude: 40.71, longitude: -74.01 },
  tokyo: { latitude: 35.68, longitude: 139.69 },
};

const messageSchema = z.object({
  role: z.literal('user'),
  parts: z.array(z.object({ type: z.literal('text'), text: z.string().max(2000) })).max(1),
});

export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user?.id) return new Response('Unauthorized', { status: 401 });
  if (!(await chatRatelimit.limit(session.user.id)).success) return new Response('Too many requests', { status: 429 });

  const parsed = z.object({ message: messageSchema }).safeParse(await req.json());
  if (!parsed.success) return new Response('Bad request', { status: 400 });
  const messages: UIMessage[] = [{ id: crypto.randomUUID(), ...parsed.data.message }];

  const result = streamText({
    model: anthropic('claude-haiku-4-5-20251001'),
    system: 'You are a weather assistant. Use the tools to answer; give temperatures in Celsius.',
    messages: convertToModelMessages(messages),
    maxOutputTokens: 800,
    stopWhen: stepCountIs(5),
    abortSignal: req.signal,
    tools: {
      lookupCity: tool({
        description: 'Find the coordinates of a supported city',
        inputSchema: z.object({ city: z.string().min(1).max(60) }),
        execute: async ({ city }) => CITY_COORDINATES[city.trim().toLowerCase()] ?? { error: 'Unsupported city' },
      }),
      getWeather: tool({
        description: 'Get the current temperature at a location',
        inputSchema: z.object({
          latitude: z.number().min(-90).max(90),
          longitude: z.number().min(-180).max(180),
        }),
        execute: async ({ latitude, longitude }) => {
          const url = new URL('https://api.open-meteo.com/v1/forecast');
          url.searchParams.set('latitude', latitude.toFixed(2));
          url.searchParams.set('longitude', longitude.toFixed(2));
          url.searchParams.set('current', 'temperature_2m');
          const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
          if (!response.ok) return { error: 'Weather service unavailable' };
          const data = (await response.json()) as { current?: { temperature_2m?: number } };
          return { temperatureC: data.current?.temperature_2m ?? null };
        },
      }),
    },
  });

  return result.toUIMessageStreamResponse();
}
