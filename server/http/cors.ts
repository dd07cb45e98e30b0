import type { MiddlewareHandler } from 'hono';
import { AppError } from '../lib/errors';
import { answer } from './headers';
import { type Origins, originAllowed } from './origins';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PREFLIGHT = {
  'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'Content-Type, Authorization, If-None-Match',
  'access-control-max-age': '600',
};

/**
 * CORS for the API as FOOTNOTE_ORIGINS says: answers preflights, and refuses writes from a
 * page of another origin. Browsers enforce CORS for reads; a simple cross-site POST could
 * land before the browser looks at the answer's headers, so writes are refused here. The
 * server's own pages (the demo article, /admin) may always write: `own` comes from the
 * configuration (`ownOrigins`), never from the request. The grant itself is part of every
 * API answer's head (`apiHeadFor`).
 */
export function corsFor(origins: Origins, own: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'OPTIONS') return answer(c, 204, null, PREFLIGHT);
    if (WRITES.has(method)) {
      const origin = c.req.header('origin');
      if (origin !== undefined && !originAllowed(origins, origin) && !own.has(origin)) {
        throw new AppError('forbidden', `This site (${origin}) is not allowed to post here. Add it to FOOTNOTE_ORIGINS.`);
      }
    }
    await next();
  };
}
