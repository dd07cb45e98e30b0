import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseWith } from '../../http/body';
import { COUNTS_CACHE, etagOf, notModified } from '../../http/etag';
import type { ServiceContext } from '../../services/context';
import { CountThreads, countsAnswer, threadAnswer } from '../api/read-answers';
import { ThreadKey } from '../api/schemas';
import { header, originHeaders, send, sendError, threadParam } from './answer';
import type { FastPath } from './types';
import type { WriteBatch } from './write-batch';

const THREAD = '/api/v1/threads/';
const COUNTS = '/api/v1/counts';

/**
 * The two count reads on node:http itself, ahead of Hono: `GET /api/v1/threads/{thread}`
 * (the live footer) and `GET /api/v1/counts?thread=…` (a listing page's badges), the reads a
 * traffic spike multiplies along with the views. Same answers as the Hono routes, from the
 * same builders (`threadAnswer`, `countsAnswer`), with the same ETag, Cache-Control and 304
 * (`notModified`); `counts.test.ts` compares the two paths. Anything else (HEAD, a query on the
 * thread read, an encoding that does not decode) is left to Hono.
 */
export function countsFastPath(ctx: ServiceContext, batch: WriteBatch): FastPath {
  // Hono's cachedJson always says Vary: Origin (the CORS grant may depend on it); its errors
  // carry only what the CORS middleware set.
  const headersFor = originHeaders(ctx.config.origins, { vary: 'Origin' });
  const errorHeadersFor = originHeaders(ctx.config.origins, { 'content-type': 'application/json' });
  const heads = (req: IncomingMessage): Heads => {
    const origin = header(req.headers, 'origin');
    return { ok: headersFor(origin), error: errorHeadersFor(origin) };
  };
  return (req, res) => {
    if (req.method !== 'GET') return false;
    const url = req.url ?? '';
    if (url.startsWith(THREAD)) {
      const key = threadParam(url.slice(THREAD.length));
      if (key === null) return false;
      void answer(req, res, batch, heads(req), async () => threadAnswer(ctx, parseWith(ThreadKey, key)));
      return true;
    }
    if (url === COUNTS || url.startsWith(`${COUNTS}?`)) {
      const threads = queryValues(url.slice(COUNTS.length + 1), 'thread');
      if (threads === null) return false;
      void answer(req, res, batch, heads(req), async () => countsAnswer(ctx, parseWith(CountThreads, [...new Set(threads)])));
      return true;
    }
    return false;
  };
}

/** The origin-dependent headers of a read's answer and of its error. */
interface Heads {
  ok: string[];
  error: string[];
}

async function answer(req: IncomingMessage, res: ServerResponse, batch: WriteBatch, head: Heads, build: () => Promise<string>): Promise<void> {
  try {
    const text = await build();
    const etag = etagOf(text);
    const cache = { etag, 'cache-control': COUNTS_CACHE };
    if (notModified(header(req.headers, 'if-none-match'), etag)) return send(batch, res, 304, '', head.ok, cache);
    send(batch, res, 200, text, head.ok, { ...cache, 'content-type': 'application/json; charset=UTF-8' });
  } catch (err) {
    sendError(batch, res, err, 'GET', req.url ?? '', head.error);
  }
}

/**
 * Every value of the query parameter `name`, decoded as Hono's `c.req.queries()` decodes it
 * (`+` is a space), or null when a part does not decode (Hono then answers).
 */
function queryValues(query: string, name: string): string[] | null {
  const values: string[] = [];
  const end = query.indexOf('#');
  for (const part of (end === -1 ? query : query.slice(0, end)).split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decode(part.slice(eq + 1));
    if (key === null || value === null) return null;
    if (key === name) values.push(value);
  }
  return values;
}

function decode(text: string): string | null {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return null;
  }
}
