// A "DevOps copilot" endpoint: the model can run shell commands on the server through a tool.
import { execSync } from 'node:child_process';
import { anthropic } from '@ai-sdk/anthropic';
import { stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';

const Body = z.object({ prompt: z.string().max(2000) });

const runCommand = tool({
  description: 'Run a shell command on the deployment host and return its output.',
  inputSchema: z.object({ command: z.string() }),
  // ruleid: agency-tool-args-sink
  execute: async ({ command }) => execSync(command, { timeout: 10_000 }).toString(),
});

// ruleid: cost-no-rate-limit
export async function POST(req: Request) {
  const { prompt } = Body.parse(await req.json());
  const result = streamText({
    model: anthropic('claude-opus-4-6'),
    system: 'You help operators inspect the deployment.',
    prompt,
    maxOutputTokens: 1024,
    tools: { runCommand },
    stopWhen: stepCountIs(5),
  });
  return result.toUIMessageStreamResponse();
}
