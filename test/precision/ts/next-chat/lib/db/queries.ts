import 'server-only';
import type { UIMessage } from 'ai';
import { and, asc, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { chat, docChunk, message } from './schema';

const client = postgres(process.env.POSTGRES_URL!, { max: 10 });
const db = drizzle(client);

export async function getChatById({ id }: { id: string }) {
  const [row] = await db.select().from(chat).where(eq(chat.id, id));
  return row;
}

export async function saveChat({ id, userId, title }: { id: string; userId: string; title: string }) {
  await db.insert(chat).values({ id, userId, title, createdAt: new Date() });
}

export async function getMessagesByChatId({ id, limit }: { id: string; limit: number }): Promise<UIMessage[]> {
  const rows = await db.select().from(message).where(eq(message.chatId, id)).orderBy(asc(message.createdAt)).limit(limit);
  return rows.map((row) => ({ id: row.id, role: row.role as UIMessage['role'], parts: row.parts as UIMessage['parts'] }));
}

export async function saveMessages({ chatId, messages }: { chatId: string; messages: Array<Pick<UIMessage, 'id' | 'role' | 'parts'>> }) {
  await db.insert(message).values(messages.map((m) => ({ id: m.id, chatId, role: m.role, parts: m.parts, createdAt: new Date() })));
}

export async function searchDocs({ query, limit }: { query: string; limit: number }) {
  // Full-text search; the query text is bound as a parameter by drizzle's sql template.
  return db
    .select({ id: docChunk.id, title: docChunk.title, body: docChunk.body, url: docChunk.url })
    .from(docChunk)
    .where(and(eq(docChunk.published, true), sql`${docChunk.search} @@ websearch_to_tsquery('english', ${query})`))
    .limit(limit);
}
