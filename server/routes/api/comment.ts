import { Hono } from 'hono';
import { parseWith, readJson } from '../../http/body';
import { readerOf } from '../../http/reader';
import { reactToComment, reportComment, unreactToComment } from '../../services/comments/feedback';
import { deleteOwnComment, editOwnComment } from '../../services/comments/own';
import type { ServiceContext } from '../../services/context';
import { CommentId, EditBody, ReportBody } from './schemas';

const bearer = (header: string | undefined) => header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;

/** One comment: the author's edit and delete, a reader's reaction and report. */
export function commentRoutes(ctx: ServiceContext) {
  return new Hono()
    .patch('/comments/:id', async (c) => {
      const id = parseWith(CommentId, c.req.param('id'));
      const { body } = await readJson(c, EditBody);
      return c.json(await editOwnComment(ctx, id, bearer(c.req.header('authorization')), body, readerOf(c, ctx.config.trustProxy)));
    })
    .delete('/comments/:id', async (c) => {
      const id = parseWith(CommentId, c.req.param('id'));
      await deleteOwnComment(ctx, id, bearer(c.req.header('authorization')));
      return c.body(null, 204);
    })
    .post('/comments/:id/reactions', async (c) => {
      const id = parseWith(CommentId, c.req.param('id'));
      const result = await reactToComment(ctx, id, readerOf(c, ctx.config.trustProxy));
      return c.json(result);
    })
    .delete('/comments/:id/reactions', async (c) => {
      const id = parseWith(CommentId, c.req.param('id'));
      return c.json(await unreactToComment(ctx, id, readerOf(c, ctx.config.trustProxy)));
    })
    .post('/comments/:id/reports', async (c) => {
      const id = parseWith(CommentId, c.req.param('id'));
      const { reason, note } = await readJson(c, ReportBody);
      await reportComment(ctx, id, reason, note ?? null, readerOf(c, ctx.config.trustProxy));
      return c.body(null, 202);
    });
}
