import type { Context } from 'hono';
import { parseWith, readJson } from '../../http/body';
import type { ServiceContext } from '../../services/context';
import { eraseComment, moderateComment, moderateMany } from '../../services/moderation/actions';
import { listQueue, queueCounts } from '../../services/moderation/queue';
import { BulkBody, CommentId, CommentPatchBody, CountsQuery, QueueQuery } from './schemas';

/** The moderation queues and the actions on comments. */
export function adminCommentHandlers(ctx: ServiceContext) {
  return {
    queue: async (c: Context) => {
      const q = parseWith(QueueQuery, c.req.query());
      c.header('Cache-Control', 'no-store');
      return c.json(await listQueue(ctx, q));
    },
    counts: async (c: Context) => {
      const { thread } = parseWith(CountsQuery, c.req.query());
      c.header('Cache-Control', 'no-store');
      return c.json({ counts: await queueCounts(ctx, thread || undefined) });
    },
    bulk: async (c: Context) => {
      const { ids, ...patch } = await readJson(c, BulkBody);
      return c.json(await moderateMany(ctx, ids, patch));
    },
    moderate: async (c: Context) => {
      const id = parseWith(CommentId, c.req.param('id'));
      const patch = await readJson(c, CommentPatchBody);
      return c.json({ comment: await moderateComment(ctx, id, patch) });
    },
    erase: async (c: Context) => {
      await eraseComment(ctx, parseWith(CommentId, c.req.param('id')));
      return c.body(null, 204);
    },
  };
}
