import { Hono } from 'hono';
import { parseWith, readJson } from '../../http/body';
import { LIST_CACHE, cachedJson } from '../../http/etag';
import { readerOf } from '../../http/reader';
import { postComment } from '../../services/comments/post';
import type { ServiceContext } from '../../services/context';
import { listAnswer } from './read-answers';
import { ListQuery, NewCommentBody, ThreadKey } from './schemas';

/** `GET` and `POST /threads/{thread}/comments`. */
export function commentListRoutes(ctx: ServiceContext) {
  return new Hono()
    .get('/threads/:thread/comments', async (c) => {
      const key = parseWith(ThreadKey, c.req.param('thread'));
      const q = parseWith(ListQuery, c.req.query());
      const page = await listAnswer(ctx, key, q);
      return cachedJson(c, page.json, LIST_CACHE, page.etag);
    })
    .post('/threads/:thread/comments', async (c) => {
      const key = parseWith(ThreadKey, c.req.param('thread'));
      const input = await readJson(c, NewCommentBody);
      const result = await postComment(ctx, key, input, readerOf(c, ctx.config.trustProxy));
      return c.json(result, 201);
    });
}
