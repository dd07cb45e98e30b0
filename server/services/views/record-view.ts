import type { ServiceContext } from '../context';
import type { ReaderInfo } from '../readers/identity';
import type { Counts } from '../../../contract';
import { vetThreadMeta } from '../threads/thread-meta';
import { isCountable } from './is-countable';

export interface PageLoad {
  threadKey: string;
  reader: ReaderInfo;
  /** A request header by lower-case name (prefetch and prerender announce themselves there). */
  header: (name: string) => string | undefined;
  meta: { title?: string | null; url?: string | null };
}

/**
 * One page load of an article, as both HTTP paths (the Hono route and the node:http fast
 * path) hand it over: bots and prefetches are answered but not counted, a reader past the
 * view rate limit gets 429, everyone else is counted once per 30 minutes by the counter. The
 * title and URL offered are vetted (`vetThreadMeta`) and kept only by a view that counts.
 * Answers the counts after this view.
 */
export async function recordView(ctx: ServiceContext, load: PageLoad): Promise<Counts> {
  const countable = isCountable(load.reader.userAgent, load.header);
  const meta = load.meta.title || load.meta.url ? vetThreadMeta(ctx.config.origins, load.header('origin'), load.meta) : undefined;
  const { views, comments } = await ctx.views.record(load.threadKey, load.reader, countable, meta);
  return { views, comments };
}
