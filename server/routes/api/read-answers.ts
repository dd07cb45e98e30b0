import { z } from 'zod';
import { etagOf } from '../../http/etag';
import { listComments } from '../../services/comments/list';
import type { ServiceContext } from '../../services/context';
import { type ListQuery, ThreadKey } from './schemas';

/**
 * The JSON texts of the public reads, built here once for both HTTP paths (the Hono routes
 * and the node:http fast path), so the two cannot drift apart.
 */

export const MAX_COUNT_THREADS = 100;

/** The `thread` parameters of `GET /counts`, after de-duplication. */
export const CountThreads = z
  .array(ThreadKey)
  .min(1, 'name at least one thread: /api/v1/counts?thread=a&thread=b')
  .max(MAX_COUNT_THREADS, `ask for at most ${MAX_COUNT_THREADS} threads at once`)
  .describe('The "thread" parameter');

/** `GET /threads/{thread}`: counts and state; an unknown thread reads as zeros, not created. */
export async function threadAnswer(ctx: ServiceContext, key: string): Promise<string> {
  const row = await ctx.threads.get(key);
  const counts = await ctx.views.counts(key);
  return JSON.stringify({ thread: key, title: row?.title ?? null, url: row?.url ?? null, ...counts, closed: row?.closed ?? false });
}

/** `GET /counts?thread=a&thread=b`: the footer numbers of many threads (reads only). */
export async function countsAnswer(ctx: ServiceContext, keys: string[]): Promise<string> {
  return JSON.stringify(await ctx.views.countsMany(keys));
}

/**
 * `GET /threads/{thread}/comments`: a page of the published comments, from the listing cache
 * when it holds this page (with its ETag), else built and cached.
 */
export async function listAnswer(ctx: ServiceContext, key: string, q: z.output<typeof ListQuery>): Promise<{ json: string; etag: string }> {
  const cacheKey = `${q.sort}|${q.limit}|${q.cursor ?? ''}`;
  const hit = ctx.listCache.get(key, cacheKey);
  if (hit) return hit;
  const version = ctx.listCache.version;
  const json = JSON.stringify(await listComments(ctx, key, { sort: q.sort, limit: q.limit, cursor: q.cursor ?? null }));
  const built = { json, etag: etagOf(json) };
  ctx.listCache.set(key, cacheKey, built, version);
  return built;
}
