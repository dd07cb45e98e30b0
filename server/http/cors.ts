import type { MiddlewareHandler } from 'hono';
import { AppError } from '../lib/errors';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PREFLIGHT = {
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization, If-None-Match',
  'Access-Control-Max-Age': '600',
};

export type Origins = '*' | string[];

export const originAllowed = (origins: Origins, origin: string) => origins === '*' || origins.includes(origin);

/**
 * The CORS headers of an answer (not a preflight) to a request from `origin`: the grant when
 * FOOTNOTE_ORIGINS allows it, and `Vary: Origin` whenever the answer depends on it. Shared by
 * the Hono middleware and the node:http fast path, so both answer alike.
 */
export function corsHeaders(origins: Origins, origin: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const grant = origins === '*' ? '*' : origin && originAllowed(origins, origin) ? origin : null;
  if (grant) {
    headers['access-control-allow-origin'] = grant;
    headers['access-control-expose-headers'] = 'Retry-After, ETag';
  }
  if (origins !== '*') headers.vary = 'Origin';
  return headers;
}

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
export function corsFor(origins: Origins): MiddlewareHandler[] {
  const cors: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = { ...PREFLIGHT };
      const grant = corsHeaders(origins, origin)['access-control-allow-origin'];
      if (grant) headers['Access-Control-Allow-Origin'] = grant;
      if (origins !== '*') headers.Vary = 'Origin';
      return new Response(null, { status: 204, headers });
    }
    for (const [name, value] of Object.entries(corsHeaders(origins, origin))) c.header(name, value, { append: name === 'vary' });
    if (origin && WRITES.has(c.req.method) && !originAllowed(origins, origin) && origin !== new URL(c.req.url).origin) {
      throw new AppError('forbidden', `This site (${origin}) is not allowed to post here. Add it to FOOTNOTE_ORIGINS.`);
    }
    await next();
  };
  return [cors];
}
