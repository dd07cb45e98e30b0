import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { corsHeaders, originAllowed, type Origins } from '../../http/cors';
import { answerError } from '../../http/errors';
import { BASE_HEADERS } from '../../http/security';
import type { WriteBatch } from './write-batch';

/**
 * The pieces every fast path answers with, shared so that they answer alike (and like Hono:
 * the headers come from the same `BASE_HEADERS`, `corsHeaders` and `answerError`).
 */

/**
 * A `{thread}` path segment as Hono's router gives it to a route (percent-decoded), or null
 * where a fast path should not guess: empty, several segments, a query or fragment, or an
 * encoding that does not decode.
 */
export function threadParam(raw: string): string | null {
  if (!raw || raw.includes('/') || raw.includes('?') || raw.includes('#')) return null;
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** A request header as one string (Node keeps repeated headers as a list for a few names). */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The headers of an answer that depend only on the request's origin (base, CORS, and the
 * `extra` this path always sends), as a flat name, value, ... list for `writeHead`. Built once
 * per origin FOOTNOTE_ORIGINS allows, and once for all the others (which get no grant), so the
 * memory is bounded by the configuration, not by what clients send.
 */
export function originHeaders(origins: Origins, extra: Record<string, string>): (origin: string | undefined) => string[] {
  const built = new Map<string | undefined, string[]>();
  const OTHER = '\0other';
  return (origin) => {
    const key = origin === undefined || originAllowed(origins, origin) ? origin : OTHER;
    let list = built.get(key);
    if (!list) built.set(key, (list = Object.entries({ ...BASE_HEADERS, ...corsHeaders(origins, origin), ...extra }).flat()));
    return list;
  };
}

/** Writes an answer: `head` plus `extra` headers and the length, the text at the turn's end. */
export function send(batch: WriteBatch, res: ServerResponse, status: number, text: string, head: string[], extra: Record<string, string> = {}): void {
  // A flat list goes to the wire as is (Node still checks each name and value).
  const all = head.slice();
  for (const name in extra) all.push(name.toLowerCase(), extra[name]!);
  if (status !== 304) all.push('content-length', String(Buffer.byteLength(text)));
  res.writeHead(status, all);
  batch.end(res, text);
}

/** Answers an error as Hono's `handleError` does: the contract's shape, its extra headers. */
export function sendError(batch: WriteBatch, res: ServerResponse, err: unknown, method: string, url: string, head: string[]): void {
  const { status, body, headers } = answerError(err, method, url.split('?')[0] ?? '');
  send(batch, res, status, JSON.stringify(body), head, headers);
}
