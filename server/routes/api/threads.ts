import { Hono } from 'hono';
import { readJson, parseWith } from '../../http/body';
import { COUNTS_CACHE, cachedJson } from '../../http/etag';
import { readerOf } from '../../http/reader';
import type { ServiceContext } from '../../services/context';
import { recordView } from '../../services/views/record-view';
import { threadAnswer } from './read-answers';
import { ThreadKey, ViewBody } from './schemas';

/** `GET /threads/{thread}` and `POST /threads/{thread}/views`. */
export function threadRoutes(ctx: ServiceContext) {
  return new Hono()
    .get('/threads/:thread', async (c) => {
      const key = parseWith(ThreadKey, c.req.param('thread'));
      return cachedJson(c, await threadAnswer(ctx, key), COUNTS_CACHE);
    })
    .post('/threads/:thread/views', async (c) => {
      const key = parseWith(ThreadKey, c.req.param('thread'));
      const meta = await readJson(c, ViewBody, { optional: true });
      const reader = readerOf(c, ctx.config.trustProxy);
      const counts = await recordView(ctx, { threadKey: key, reader, header: (h) => c.req.header(h), meta });
      c.header('Cache-Control', 'no-store');
      return c.json(counts);
    });
}
