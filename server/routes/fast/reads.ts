import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseWith } from '../../http/body';
import { COUNTS_CACHE, LIST_CACHE, etagOf, notModified } from '../../http/etag';
import type { ServiceContext } from '../../services/context';
import { CountThreads, countsAnswer, listAnswer, threadAnswer } from '../api/read-answers';
import { ListQuery, ThreadKey } from '../api/schemas';
import { header, originHeaders, plainRequest, send, sendError, threadParam } from './answer';
import type { FastPath } from './types';
import type { WriteBatch } from './write-batch';

const THREAD = '/api/v1/threads/';
const COMMENTS = '/comments';
const COUNTS = '/api/v1/counts';

/**
 * The public reads on node:http itself, ahead of Hono, the requests a traffic spike
 * multiplies along with the views: `GET /api/v1/threads/{thread}/comments` (every page load),
 * `GET /api/v1/threads/{thread}` (the live footer) and `GET /api/v1/counts?thread=…` (a
 * listing page's badges). Same answers as the Hono routes, from the same builders
 * (`listAnswer`, `threadAnswer`, `countsAnswer`), with the same ETag, Cache-Control and 304
 * (`notModified`); `reads.test.ts` compares the two paths. Anything else (HEAD, a query on the
 * thread read, an encoding that does not decode) is left to Hono.
 */
export function readsFastPath(ctx: ServiceContext, batch: WriteBatch): FastPath {
  // Hono's cachedJson always says Vary: Origin (the CORS grant may depend on it); its errors
  // carry only what the CORS middleware set.
  const headersFor = originHeaders(ctx.config.origins, { vary: 'Origin' });
  const errorHeadersFor = originHeaders(ctx.config.origins, { 'content-type': 'application/json' });
  const heads = (req: IncomingMessage): Heads => {
    const origin = header(req.headers, 'origin');
    return { ok: headersFor(origin), error: errorHeadersFor(origin) };
  };
  return (req, res) => {
    if (req.method !== 'GET' || !plainRequest(req)) return false;
    const url = req.url ?? '';
    if (url.startsWith(THREAD)) {
      const query = url.indexOf('?');
      const path = query === -1 ? url : url.slice(0, query);
      if (path.endsWith(COMMENTS)) {
        const key = threadParam(path.slice(THREAD.length, path.length - COMMENTS.length));
        const params = query === -1 ? new Map<string, string[]>() : queryParams(url.slice(query + 1));
        if (key === null || params === null) return false;
        // Hono's c.req.query(): the first value of each parameter.
        const first = Object.fromEntries([...params].map(([name, values]) => [name, values[0]]));
        void answer(req, res, batch, heads(req), LIST_CACHE, async () => {
          const page = await listAnswer(ctx, parseWith(ThreadKey, key), parseWith(ListQuery, first));
          return { text: page.json, etag: page.etag };
        });
        return true;
      }
      const key = threadParam(url.slice(THREAD.length));
      if (key === null) return false;
      void answer(req, res, batch, heads(req), COUNTS_CACHE, async () => ({ text: await threadAnswer(ctx, parseWith(ThreadKey, key)) }));
      return true;
    }
    if (url === COUNTS || url.startsWith(`${COUNTS}?`)) {
      const params = queryParams(url.slice(COUNTS.length + 1));
      if (params === null) return false;
      const threads = [...new Set(params.get('thread') ?? [])];
      void answer(req, res, batch, heads(req), COUNTS_CACHE, async () => ({ text: await countsAnswer(ctx, parseWith(CountThreads, threads)) }));
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

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  batch: WriteBatch,
  head: Heads,
  cacheControl: string,
  build: () => Promise<{ text: string; etag?: string }>,
): Promise<void> {
  try {
    const { text, etag = etagOf(text) } = await build();
    const cache = { etag, 'cache-control': cacheControl };
    if (notModified(header(req.headers, 'if-none-match'), etag)) return send(batch, res, 304, '', head.ok, cache);
    send(batch, res, 200, text, head.ok, { ...cache, 'content-type': 'application/json; charset=UTF-8' });
  } catch (err) {
    sendError(batch, res, err, 'GET', req.url ?? '', head.error);
  }
}

/**
 * The query's parameters, each with its values in order, decoded as Hono decodes them (`+`
 * is a space, a name without `=` has the value ''), or null when a part does not decode
 * (Hono then answers).
 */
function queryParams(query: string): Map<string, string[]> | null {
  const params = new Map<string, string[]>();
  const end = query.indexOf('#');
  for (const part of (end === -1 ? query : query.slice(0, end)).split('&')) {
    const eq = part.indexOf('=');
    const name = decode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decode(part.slice(eq + 1));
    if (name === null || value === null) return null;
    if (name === '') continue;
    const values = params.get(name);
    if (values) values.push(value);
    else params.set(name, [value]);
  }
  return params;
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
