import { Hono } from 'hono';
import { parseWith, readJson } from '../../http/body';
import type { ServiceContext } from '../../services/context';
import { eraseComment, moderateComment, moderateMany } from '../../services/moderation/actions';
import { listQueue, queueCounts } from '../../services/moderation/queue';
import { BulkBody, CommentId, CommentPatchBody, CountsQuery, QueueQuery } from './schemas';

/** The moderation queues and the actions on comments. */
export function adminCommentRoutes(ctx: ServiceContext) {
  return new Hono()
    .get('/comments', async (c) => {
      const q = parseWith(QueueQuery, c.req.query());
      c.header('Cache-Control', 'no-store');
      return c.json(await listQueue(ctx, q));
    })
    .get('/counts', async (c) => {
      const { thread } = parseWith(CountsQuery, c.req.query());
      c.header('Cache-Control', 'no-store');
      return c.json({ counts: await queueCounts(ctx, thread || undefined) });
    })
    .post('/comments/bulk', async (c) => {
      const { ids, ...patch } = await readJson(c, BulkBody);
      return c.json(await moderateMany(ctx, ids, patch));
    })
    .patch('/comments/:id', async (c) => {
      const id = parseWith(CommentId, c.req.param('id'));
      const patch = await readJson(c, CommentPatchBody);
      return c.json({ comment: await moderateComment(ctx, id, patch) });
    })
    .delete('/comments/:id', async (c) => {
      await eraseComment(ctx, parseWith(CommentId, c.req.param('id')));
      return c.body(null, 204);
    });
}
