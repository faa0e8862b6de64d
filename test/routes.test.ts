// Route handlers and system prompts the probe learns from the source.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextAppRoutePath, nextPagesRoutePath } from '../src/analysis/routes.js';
import { readStaticAppContext } from '../src/core/routes.js';

const EXAMPLES = path.resolve(import.meta.dirname, '..', 'examples');

describe('static app context', () => {
  it('finds the example app routes in both languages and its system prompts', async () => {
    const context = await readStaticAppContext(EXAMPLES);
    const routes = context.routes.map((r) => `${r.method ?? '*'} ${r.path} ${r.file}`);
    expect(routes).toEqual(expect.arrayContaining(['POST /api/chat chat-api/app.py', 'POST /api/chat web/app/api/chat/route.ts', 'POST /api/blurb chat-api/app.py']));
    expect(context.systemPrompts).toEqual(
      expect.arrayContaining([
        'You are the support assistant for Acme Outfitters. Answer briefly and politely.',
        'You are a helpful shopping assistant for Acme Outfitters.',
      ]),
    );
  });

  it('derives Next.js URL paths from file paths', () => {
    expect(nextAppRoutePath('app/api/chat/route.ts')).toBe('/api/chat');
    expect(nextAppRoutePath('src/app/(marketing)/api/[id]/route.js')).toBe('/api/[id]');
    expect(nextAppRoutePath('app/route.ts')).toBe('/');
    expect(nextAppRoutePath('app/api/chat/page.tsx')).toBeUndefined();
    expect(nextPagesRoutePath('pages/api/chat/index.ts')).toBe('/api/chat');
    expect(nextPagesRoutePath('pages/about.tsx')).toBeUndefined();
  });
});
