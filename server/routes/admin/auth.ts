import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../lib/errors';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * `Authorization: Bearer <FOOTNOTE_ADMIN_TOKEN>`, compared in constant time (both sides
 * hashed first so their lengths match). Without a configured token everyone gets 401.
 * The 401 is the same whatever was asked, so it tells nothing about what exists.
 */
export function requireAdmin(token: string | null): MiddlewareHandler {
  const expected = token ? digest(token) : null;
  return async (c, next) => {
    const given = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    if (!expected || !given || !timingSafeEqual(digest(given), expected)) {
      throw new AppError(
        'unauthorized',
        expected ? 'The admin token is missing or wrong.' : 'The admin API is closed: set FOOTNOTE_ADMIN_TOKEN on the server.',
        { 'WWW-Authenticate': 'Bearer realm="footnote-admin"' },
      );
    }
    await next();
  };
}
