import type { NextFunction, Request, Response } from 'express';
import { verifySessionToken } from './tokens.js';

declare module 'express-serve-static-core' {
  interface Request {
    session?: { userId: string; plan: 'free' | 'pro' };
  }
}

export async function requireSession(req: Request, res: Response, next: NextFunction) {
  const header = req.get('authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : undefined;
  const session = token ? await verifySessionToken(token) : undefined;
  if (!session) {
    res.status(401).json({ error: 'Unauthorized' });
    return;
  }
  req.session = session;
  next();
}
