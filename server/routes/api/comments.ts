import { Hono } from 'hono';
import { parseWith, readJson } from '../../http/body';
import { cachedJson } from '../../http/etag';
import { readerOf } from '../../http/reader';
import { listComments } from '../../services/comments/list';
import { postComment } from '../../services/comments/post';
import type { ServiceContext } from '../../services/context';
import { ListQuery, NewCommentBody, ThreadKey } from './schemas';

/** `GET` and `POST /threads/{thread}/comments`. */
export function commentListRoutes(ctx: ServiceContext) {
  return new Hono()
    .get('/threads/:thread/comments', async (c) => {
      const key = parseWith(ThreadKey, c.req.param('thread'));
      const q = parseWith(ListQuery, c.req.query());
      const cacheKey = `${q.sort}|${q.limit}|${q.cursor ?? ''}`;
      let json = ctx.listCache.get(key, cacheKey);
      if (json === undefined) {
        json = JSON.stringify(await listComments(ctx, key, { sort: q.sort, limit: q.limit, cursor: q.cursor ?? null }));
        ctx.listCache.set(key, cacheKey, json);
      }
      // Revalidate every time: a new comment must show at once, the ETag saves the bytes.
      return cachedJson(c, json, 'no-cache');
    })
    .post('/threads/:thread/comments', async (c) => {
      const key = parseWith(ThreadKey, c.req.param('thread'));
      const input = await readJson(c, NewCommentBody);
      const result = await postComment(ctx, key, input, readerOf(c, ctx.config.trustProxy));
      return c.json(result, 201);
    });
}
