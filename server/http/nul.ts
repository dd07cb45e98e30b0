import type { MiddlewareHandler } from 'hono';
import { AppError } from '../lib/errors';

/**
 * U+0000 is refused wherever text comes in, on both engines alike: PostgreSQL cannot store it
 * in text, and the same request must get the same answer whichever engine is behind the API.
 */
export const nulRefused = () => new AppError('validation_failed', 'The text contains the character U+0000 (NUL), which cannot be stored. Please remove it.');

/**
 * Refuses a request whose address carries U+0000 (`%00`, the only way it can be written in a
 * URL) before any route reads its path or query: thread keys, cursors, searches.
 */
export function refuseNulInUrl(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.url.includes('%00')) throw nulRefused();
    await next();
  };
}

/** In JSON text U+0000 can only be written as an escape (a raw one is malformed JSON). */
export const NUL_ESCAPE = /\\u0000/;
