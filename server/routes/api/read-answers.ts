import { z } from 'zod';
import type { ServiceContext } from '../../services/context';
import { ThreadKey } from './schemas';

/**
 * The JSON texts of the two count reads, built here once for both HTTP paths (the Hono routes
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
