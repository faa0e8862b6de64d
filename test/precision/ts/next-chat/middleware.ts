// Edge middleware: every /api request must carry a session cookie and passes a per-IP rate limit
// before it reaches a route handler.
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { NextResponse, type NextRequest } from 'next/server';

const ratelimit = new Ratelimit({
  redis: Redis.fromEnv(),
  limiter: Ratelimit.slidingWindow(60, '60 s'),
  prefix: 'ratelimit:edge',
});

export const config = { matcher: ['/api/:path*'] };

export default async function middleware(request: NextRequest) {
  if (!request.cookies.has('__Secure-authjs.session-token')) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  const ip = request.headers.get('x-real-ip') ?? request.headers.get('x-forwarded-for')?.split(',')[0] ?? '127.0.0.1';
  const { success, limit, remaining } = await ratelimit.limit(ip);
  if (!success) {
    return NextResponse.json({ error: 'Too many requests' }, { status: 429, headers: { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(remaining) } });
  }
  return NextResponse.next();
}
