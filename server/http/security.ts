import type { MiddlewareHandler } from 'hono';

/** Headers on every answer: no MIME sniffing, no referrer leaks beyond the origin. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export const baseHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // Set on the finished response itself: c.header() after next() makes Hono rebuild the
  // whole response, which costs more than the rest of a cached read.
  for (const [name, value] of Object.entries(BASE_HEADERS)) c.res.headers.set(name, value);
};

/**
 * A strict Content-Security-Policy for the pages we serve ourselves (the demo article and
 * /admin): scripts and styles only from this origin (Lit's adopted stylesheets need no
 * inline style attribute), no inline event handlers, no plugins, no framing of /admin.
 */
export const pageCsp = (opts: { frameable: boolean }): MiddlewareHandler => async (c, next) => {
  await next();
  c.res.headers.set(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      `frame-ancestors ${opts.frameable ? "'self'" : "'none'"}`,
    ].join('; '),
  );
};
