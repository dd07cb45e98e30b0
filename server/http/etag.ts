import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { answer } from './headers';

/** A weak validator for a JSON text: equal texts, equal tags. */
export const etagOf = (text: string) => `W/"${createHash('sha1').update(text).digest('base64url').slice(0, 20)}"`;

/** Weak comparison (RFC 9110 §8.8.3.2): `W/"x"` and `"x"` match, since proxies may weaken tags. */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** Whether an `If-None-Match` header says the client already holds the answer tagged `etag`. */
export const notModified = (ifNoneMatch: string | undefined, etag: string): boolean =>
  Boolean(ifNoneMatch && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => opaque(t) === opaque(etag))));

/**
 * Answers `text` as JSON with an ETag and the given Cache-Control, or 304 when the client
 * (or a CDN) already holds this exact answer. `bytes`, when given, is `text` already encoded.
 */
export function cachedJson(c: Context, text: string, cacheControl: string, etag = etagOf(text), bytes?: Uint8Array<ArrayBuffer>): Response {
  if (notModified(c.req.header('if-none-match'), etag)) return answer(c, 304, null, { etag, 'cache-control': cacheControl });
  return answer(c, 200, bytes ?? text, { etag, 'cache-control': cacheControl, 'content-type': 'application/json; charset=UTF-8' });
}

/**
 * Counts may be a few seconds old behind a CDN, never minutes: fresh for 5 s, then served
 * stale for at most 25 s more while the CDN revalidates in the background (a cheap 304).
 */
export const COUNTS_CACHE = 'public, max-age=5, stale-while-revalidate=25';

/** A comment page is revalidated every time: a new comment must show at once, the ETag saves the bytes. */
export const LIST_CACHE = 'no-cache';
