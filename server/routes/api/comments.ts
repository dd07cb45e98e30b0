import type { Context } from 'hono';
import type { Posted } from '../../../contract';
import { parseWith, readJson } from '../../http/body';
import { LIST_CACHE, cachedJson, etagOf } from '../../http/etag';
import { readerOf } from '../../http/reader';
import { listComments } from '../../services/comments/list';
import { postComment } from '../../services/comments/post';
import type { ServiceContext } from '../../services/context';
import { ListQuery, NewCommentBody, ThreadKey } from './schemas';

/** `GET` and `POST /threads/{thread}/comments`: a thread's comments. */
export function commentListHandlers(ctx: ServiceContext) {
  return {
    /**
     * A page of the published comments, from the listing cache when it holds this page (with
     * its ETag), else built and cached.
     */
    async list(c: Context) {
      const key = parseWith(ThreadKey, c.req.param('thread'));
      const q = parseWith(ListQuery, c.req.query());
      const cacheKey = `${q.sort}|${q.limit}|${q.cursor ?? ''}`;
      let page = ctx.listCache.get(key, cacheKey);
      if (!page) {
        const version = ctx.listCache.version;
        const json = JSON.stringify(await listComments(ctx, key, { sort: q.sort, limit: q.limit, cursor: q.cursor ?? null }));
        page = { json, etag: etagOf(json) };
        ctx.listCache.set(key, cacheKey, page, version);
      }
      return cachedJson(c, page.json, LIST_CACHE, page.etag);
    },

    /** A new comment, answered with the thread's counts after it: the widget needs no refresh. */
    async post(c: Context) {
      const key = parseWith(ThreadKey, c.req.param('thread'));
      const input = await readJson(c, NewCommentBody);
      const result = await postComment(ctx, key, input, readerOf(c, ctx.config.trustProxy));
      const posted: Posted = { ...result, counts: await ctx.views.counts(key) };
      return c.json(posted, 201);
    },
  };
}
