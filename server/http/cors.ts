import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { AppError } from '../lib/errors';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CORS for the public API as FOOTNOTE_ORIGINS says. Browsers enforce it for reads; writes
 * from a page of another origin are also refused here, since a simple cross-site POST could
 * otherwise land before the browser looks at the answer's headers.
 */
export function corsFor(origins: '*' | string[]): MiddlewareHandler[] {
  const allowed = (origin: string) => origins === '*' || origins.includes(origin);
  const headers = cors({
    origin: (origin) => (origins === '*' ? '*' : allowed(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'If-None-Match'],
    exposeHeaders: ['Retry-After', 'ETag'],
    maxAge: 600,
  });
  const guard: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    // The server's own pages (the demo article, /admin) are always allowed to write.
    const own = origin === new URL(c.req.url).origin;
    if (origin && !own && WRITES.has(c.req.method) && !allowed(origin)) {
      throw new AppError('forbidden', `This site (${origin}) is not allowed to post here. Add it to FOOTNOTE_ORIGINS.`);
    }
    await next();
  };
  return [headers, guard];
}
