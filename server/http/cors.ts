import type { MiddlewareHandler } from 'hono';
import { AppError } from '../lib/errors';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PREFLIGHT = {
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization, If-None-Match',
  'Access-Control-Max-Age': '600',
};

/**
 * CORS for the public API as FOOTNOTE_ORIGINS says. Browsers enforce it for reads; writes
 * from a page of another origin are also refused here, since a simple cross-site POST could
 * otherwise land before the browser looks at the answer's headers. The server's own pages
 * (the demo article, /admin) may always write.
 *
 * Written by hand rather than with hono/cors, which reads the response headers before the
 * handler runs and so makes Hono rebuild every answer: on a cached read that was most of the
 * cost.
 */
export function corsFor(origins: '*' | string[]): MiddlewareHandler[] {
  const allowed = (origin: string) => origins === '*' || origins.includes(origin);
  const cors: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    const grant = origins === '*' ? '*' : origin && allowed(origin) ? origin : null;
    if (origins !== '*') c.header('Vary', 'Origin', { append: true });
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = { ...PREFLIGHT };
      if (grant) headers['Access-Control-Allow-Origin'] = grant;
      if (origins !== '*') headers.Vary = 'Origin';
      return new Response(null, { status: 204, headers });
    }
    if (origin && WRITES.has(c.req.method) && !allowed(origin) && origin !== new URL(c.req.url).origin) {
      throw new AppError('forbidden', `This site (${origin}) is not allowed to post here. Add it to FOOTNOTE_ORIGINS.`);
    }
    if (grant) {
      c.header('Access-Control-Allow-Origin', grant);
      c.header('Access-Control-Expose-Headers', 'Retry-After, ETag');
    }
    await next();
  };
  return [cors];
}
