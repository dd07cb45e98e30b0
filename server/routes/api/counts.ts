import { Hono } from 'hono';
import { parseWith } from '../../http/body';
import { COUNTS_CACHE, cachedJson } from '../../http/etag';
import type { ServiceContext } from '../../services/context';
import { CountThreads, countsAnswer } from './read-answers';

/** `GET /counts?thread=a&thread=b`: the footer numbers of many threads in one request. */
export function countRoutes(ctx: ServiceContext) {
  return new Hono().get('/counts', async (c) => {
    const keys = parseWith(CountThreads, [...new Set(c.req.queries('thread') ?? [])]);
    // Reads only: an unknown thread answers zeros and is not created.
    return cachedJson(c, await countsAnswer(ctx, keys), COUNTS_CACHE);
  });
}
