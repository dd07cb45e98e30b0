import type { Context } from 'hono';
import { parseWith, readJson } from '../../http/body';
import { readerOf } from '../../http/reader';
import { reactToComment, reportComment, unreactToComment } from '../../services/comments/feedback';
import { deleteOwnComment, editOwnComment } from '../../services/comments/own';
import type { ServiceContext } from '../../services/context';
import { looksLikeJwt, signIn } from '../../services/users/session';
import { CommentId, EditBody, ReportBody } from './schemas';
import { bearerOf, signedInOf } from './session';

/** One comment: the author's edit and delete, a reader's reaction and report. */
export function commentHandlers(ctx: ServiceContext) {
  const reader = (c: Context) => readerOf(c, ctx.config.trustProxy);
  /** An author proves a comment theirs by its edit token, or by signing in (a JWT). */
  const proof = async (c: Context) => {
    const token = bearerOf(c);
    return token !== null && looksLikeJwt(token) ? { who: await signIn(ctx, token) } : { editToken: token };
  };
  return {
    async edit(c: Context) {
      const id = parseWith(CommentId, c.req.param('id'));
      const { body } = await readJson(c, EditBody);
      return c.json(await editOwnComment(ctx, id, await proof(c), body, reader(c)));
    },
    async remove(c: Context) {
      const id = parseWith(CommentId, c.req.param('id'));
      await deleteOwnComment(ctx, id, await proof(c));
      return c.body(null, 204);
    },
    async react(c: Context) {
      const id = parseWith(CommentId, c.req.param('id'));
      return c.json(await reactToComment(ctx, id, reader(c), await signedInOf(ctx, c)));
    },
    async unreact(c: Context) {
      const id = parseWith(CommentId, c.req.param('id'));
      return c.json(await unreactToComment(ctx, id, reader(c), await signedInOf(ctx, c)));
    },
    async report(c: Context) {
      const id = parseWith(CommentId, c.req.param('id'));
      const { reason, note } = await readJson(c, ReportBody);
      await reportComment(ctx, id, reason, note ?? null, reader(c), await signedInOf(ctx, c));
      return c.body(null, 202);
    },
  };
}
