import { Hono } from 'hono';
import { parseWith, readJson } from '../../http/body';
import { cachedJson, etagOf } from '../../http/etag';
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
      let hit = ctx.listCache.get(key, cacheKey);
      if (!hit) {
        const version = ctx.listCache.version;
        const json = JSON.stringify(await listComments(ctx, key, { sort: q.sort, limit: q.limit, cursor: q.cursor ?? null }));
        hit = { json, etag: etagOf(json) };
        ctx.listCache.set(key, cacheKey, hit, version);
      }
      // Revalidate every time: a new comment must show at once, the ETag saves the bytes.
      return cachedJson(c, hit.json, 'no-cache', hit.etag);
    })
    .post('/threads/:thread/comments', async (c) => {
      const key = parseWith(ThreadKey, c.req.param('thread'));
      const input = await readJson(c, NewCommentBody);
      const result = await postComment(ctx, key, input, readerOf(c, ctx.config.trustProxy));
      return c.json(result, 201);
    });
}
