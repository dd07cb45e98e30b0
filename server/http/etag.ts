import { createHash } from 'node:crypto';
import type { Context } from 'hono';

/** A weak validator for a JSON text: equal texts, equal tags. */
export const etagOf = (text: string) => `W/"${createHash('sha1').update(text).digest('base64url').slice(0, 20)}"`;

/**
 * Answers `text` as JSON with an ETag and the given Cache-Control, or 304 when the client
 * (or a CDN) already holds this exact answer.
 */
export function cachedJson(c: Context, text: string, cacheControl: string, etag = etagOf(text)): Response {
  c.header('ETag', etag);
  c.header('Cache-Control', cacheControl);
  c.header('Vary', 'Origin');
  const match = c.req.header('if-none-match');
  if (match && match.split(',').some((t) => t.trim() === etag)) return c.body(null, 304);
  c.header('Content-Type', 'application/json; charset=UTF-8');
  return c.body(text);
}

/** Counts may be a few seconds old behind a CDN, never minutes. */
export const COUNTS_CACHE = 'public, max-age=5, stale-while-revalidate=25';
