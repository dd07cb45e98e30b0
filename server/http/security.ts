import type { MiddlewareHandler } from 'hono';

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
