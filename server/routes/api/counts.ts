import { Hono } from 'hono';
import { z } from 'zod';
import { parseWith } from '../../http/body';
import { COUNTS_CACHE, cachedJson } from '../../http/etag';
import type { ServiceContext } from '../../services/context';
import { ThreadKey } from './schemas';

export const MAX_COUNT_THREADS = 100;

const Threads = z
  .array(ThreadKey)
  .min(1, 'name at least one thread: /api/v1/counts?thread=a&thread=b')
  .max(MAX_COUNT_THREADS, `ask for at most ${MAX_COUNT_THREADS} threads at once`)
  .describe('The "thread" parameter');

/** `GET /counts?thread=a&thread=b`: the footer numbers of many threads in one request. */
export function countRoutes(ctx: ServiceContext) {
  return new Hono().get('/counts', async (c) => {
    const keys = parseWith(Threads, [...new Set(c.req.queries('thread') ?? [])]);
    // Reads only: an unknown thread answers zeros and is not created.
    return cachedJson(c, JSON.stringify(await ctx.views.countsMany(keys)), COUNTS_CACHE);
  });
}
