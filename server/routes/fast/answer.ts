import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { corsHeaders, originAllowed, type Origins } from '../../http/cors';
import { answerError } from '../../http/errors';
import { BASE_HEADERS } from '../../http/security';
import type { WriteBatch } from './write-batch';

/**
 * The pieces every fast path answers with, shared so that they answer alike (and like Hono:
 * the headers come from the same `BASE_HEADERS`, `corsHeaders` and `answerError`).
 */

/** A Host that @hono/node-server takes as is (its own pattern); any other it parses or refuses. */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;
/** A `.` or `..` path segment, also percent-encoded: the URL parser would collapse it. */
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:[/?#]|$)/i;
/** Headers Node keeps only the first of when repeated, where Hono's adapter joins them all. */
const FIRST_ONLY = new Set(['user-agent', 'content-type']);

/**
 * Whether a request is plain enough for a fast path to read it exactly as Hono would: a Host
 * and a target that @hono/node-server passes through untouched (no dot segments, no
 * backslash, a simple Host), and no repeated header that Node and Hono's adapter read
 * differently. Anything else goes to Hono, which answers it as always.
 */
export function plainRequest(req: IncomingMessage): boolean {
  const host = req.headers.host;
  const url = req.url ?? '';
  if (host === undefined || !PLAIN_HOST.test(host) || url.includes('\\') || DOT_SEGMENT.test(url)) return false;
  const raw = req.rawHeaders;
  let seen = '';
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!FIRST_ONLY.has(name)) continue;
    if (seen.includes(`|${name}|`)) return false;
    seen += `|${name}|`;
  }
  return true;
}

/**
 * A `{thread}` path segment as Hono's router gives it to a route (percent-decoded), or null
 * where a fast path should not guess: empty, several segments, a query or fragment, a dot
 * segment, or an encoding that does not decode.
 */
export function threadParam(raw: string): string | null {
  if (!raw || raw.includes('/') || raw.includes('?') || raw.includes('#')) return null;
  if (!raw.includes('%')) return raw === '.' || raw === '..' ? null : raw;
  try {
    const key = decodeURIComponent(raw);
    return key === '.' || key === '..' ? null : key;
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
    // With "*" the headers are the same for every origin (or none): one list, not one per
    // origin a client makes up. With a list, one per listed origin, and one for the rest.
    const key = origins === '*' ? '*' : origin !== undefined && originAllowed(origins, origin) ? origin : OTHER;
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
