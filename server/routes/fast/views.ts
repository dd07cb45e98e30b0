import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonBody, parseWith } from '../../http/body';
import { MAX_BODY_BYTES } from '../../http/body-limit';
import { corsHeaders, originAllowed } from '../../http/cors';
import { answerError } from '../../http/errors';
import { readerFrom } from '../../http/reader';
import { BASE_HEADERS } from '../../http/security';
import type { ServiceContext } from '../../services/context';
import { recordView } from '../../services/views/record-view';
import { ThreadKey, ViewBody } from '../api/schemas';
import type { FastPath } from './types';
import { WriteBatch } from './write-batch';

const PREFIX = '/api/v1/threads/';
const SUFFIX = '/views';
const EMPTY = new Uint8Array(0);

/**
 * `POST /api/v1/threads/{thread}/views` on node:http itself, ahead of Hono. A viral article
 * sends one of these per page load; through Hono and its Request/Response adapter a view cost
 * several times what Footnote's own work on it costs (docs/performance.md). The answer is the
 * same as the Hono route's, built from the same pieces: `recordView`, the same schemas, the
 * same CORS, base and error headers. A test sends both paths the same requests and compares.
 *
 * Only the plain case is taken: a request with anything to argue about (another origin, a
 * chunked or oversized body, a path Hono would read differently) is left to Hono, which
 * answers it as before.
 */
export function viewsFastPath(ctx: ServiceContext): FastPath {
  const { origins, trustProxy } = ctx.config;
  // The headers of an answer depend only on the request's origin, and only allowed origins
  // (a handful) reach this path: built once per origin rather than per answer.
  const answerHeaders = new Map<string | undefined, string[]>();
  const headersFor = (origin: string | undefined) => {
    let headers = answerHeaders.get(origin);
    if (!headers) answerHeaders.set(origin, (headers = Object.entries({ ...BASE_HEADERS, ...corsHeaders(origins, origin), 'content-type': 'application/json' }).flat()));
    return headers;
  };
  const batch = new WriteBatch();
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    if (!url.startsWith(PREFIX) || !url.endsWith(SUFFIX)) return false;
    const key = threadParam(url.slice(PREFIX.length, url.length - SUFFIX.length));
    if (key === null) return false;
    const headers = req.headers;
    const origin = headers.origin;
    if (origin !== undefined && !originAllowed(origins, origin)) return false;
    if (headers['transfer-encoding'] !== undefined) return false;
    const declared = headers['content-length'];
    if (declared !== undefined && !(/^\d{1,6}$/.test(declared) && Number(declared) <= MAX_BODY_BYTES)) return false;

    const answer = (bytes: Uint8Array) => void respond(ctx, { req, res, batch, answerHeaders: headersFor(origin), trustProxy }, key, bytes);
    if (!declared || declared === '0') {
      answer(EMPTY);
      return true;
    }
    // Node's parser hands over exactly Content-Length bytes (checked above to be within the
    // limit), mostly in one chunk.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    // A reader who leaves mid-body: nothing to answer, nothing counted.
    req.on('error', () => res.destroy());
    return true;
  };
}

/**
 * The `{thread}` path segment as Hono's router gives it to the route (percent-decoded), or
 * null where the fast path should not guess: an empty or multi-segment path, a query, or an
 * encoding that does not decode.
 */
function threadParam(raw: string): string | null {
  if (!raw || raw.includes('/') || raw.includes('?') || raw.includes('#')) return null;
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  batch: WriteBatch;
  /** Every header of the answer but its status-specific ones, as name, value, ... (see `headersFor`). */
  answerHeaders: string[];
  trustProxy: boolean;
}

async function respond(ctx: ServiceContext, { req, res, batch, answerHeaders, trustProxy }: Exchange, rawKey: string, bytes: Uint8Array): Promise<void> {
  const headers = req.headers;
  try {
    const threadKey = parseWith(ThreadKey, rawKey);
    const meta = parseJsonBody(headers['content-type'] ?? '', bytes, ViewBody, { optional: true });
    const reader = readerFrom(headers['user-agent'], header(headers, 'x-forwarded-for'), req.socket.remoteAddress, trustProxy);
    const counts = await recordView(ctx, { threadKey, reader, header: (name) => header(headers, name), meta });
    send(batch, res, 200, JSON.stringify(counts), answerHeaders, NO_STORE);
  } catch (err) {
    const { status, body, headers: extra } = answerError(err, 'POST', (req.url ?? '').split('?')[0] ?? '');
    send(batch, res, status, JSON.stringify(body), answerHeaders, lowerCase(extra));
  }
}

/** A request header as one string (Node keeps repeated headers as a list for a few names). */
function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

const NO_STORE = { 'cache-control': 'no-store' };

function send(batch: WriteBatch, res: ServerResponse, status: number, text: string, headers: string[], extra: Record<string, string>): void {
  // A flat list goes to the wire as is (Node still checks each name and value).
  const head = headers.slice();
  for (const name in extra) head.push(name, extra[name]!);
  head.push('content-length', String(Buffer.byteLength(text)));
  res.writeHead(status, head);
  batch.end(res, text);
}
