import 'server-only';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';

const redis = Redis.fromEnv();

export const chatRatelimit = new Ratelimit({
  redis,
  limiter: Ratelimit.slidingWindow(20, '60 s'),
  prefix: 'ratelimit:chat',
  analytics: true,
});

export const extractRatelimit = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(10, '60 s'), prefix: 'ratelimit:extract' });
export const docsRatelimit = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(30, '60 s'), prefix: 'ratelimit:docs' });
export const actionRatelimit = new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(10, '60 s'), prefix: 'ratelimit:action' });
