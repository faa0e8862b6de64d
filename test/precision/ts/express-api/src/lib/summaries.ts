// Summaries of support threads, stored with parameterized queries (pg and Prisma).
import Anthropic from '@anthropic-ai/sdk';
import { PrismaClient } from '@prisma/client';
import pg from 'pg';

const anthropic = new Anthropic();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const prisma = new PrismaClient();

export async function summarizeThread(threadId: number): Promise<string> {
  const { rows } = await pool.query<{ author: string; body: string }>(
    'SELECT author, body FROM thread_messages WHERE thread_id = $1 ORDER BY created_at LIMIT 200',
    [threadId],
  );
  const transcript = rows.map((r) => `${r.author}: ${r.body}`).join('\n').slice(0, 50_000);

  const message = await anthropic.messages.create({
    model: 'claude-haiku-4-5-20251001',
    max_tokens: 600,
    system: 'Summarize the support thread in the user message in three sentences for an agent taking over the case.',
    messages: [{ role: 'user', content: `<thread>\n${transcript}\n</thread>` }],
  });
  const summary = message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');

  // Model output is a bound parameter, never part of the SQL text.
  await pool.query('UPDATE threads SET summary = $1, summarized_at = now() WHERE id = $2', [summary, threadId]);
  return summary;
}

export async function saveSummaryWithPrisma(threadId: number, summary: string) {
  await prisma.threadSummary.upsert({
    where: { threadId },
    create: { threadId, body: summary },
    update: { body: summary },
  });
  // Tagged-template $executeRaw sends interpolated values as bind parameters.
  return prisma.$executeRaw`UPDATE threads SET summary_tsv = to_tsvector('english', ${summary}) WHERE id = ${threadId}`;
}
