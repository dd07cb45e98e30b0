import { AppError, notFound } from '../../lib/errors';
import { renderCommentHtml } from '../format/markdown';
import type { ServiceContext } from '../context';
import { afterCommentWrite } from './after-write';
import { presentOwn } from './present';
import { tokenMatches } from './tokens';
import { validateBody } from './validate';

export const EDIT_WINDOW_MS = 15 * 60_000;

/** Loads a comment its author may still change: right token, within 15 minutes. */
async function ownComment(ctx: ServiceContext, id: number, token: string | null) {
  const row = await ctx.store.comments.get(id);
  // Same answer for "no such comment" and "wrong token": the token proves ownership.
  if (!row || row.status === 'deleted' || !token || !tokenMatches(token, row.editTokenHash)) {
    throw new AppError('unauthorized', 'Only the author can change this comment, from the browser that posted it.');
  }
  if (ctx.now() - row.createdAt > EDIT_WINDOW_MS) {
    throw new AppError('edit_window_closed', 'Comments can only be changed within 15 minutes of posting.');
  }
  return row;
}

async function threadKeyOf(ctx: ServiceContext, threadId: number): Promise<string> {
  const t = await ctx.store.threads.byId(threadId);
  if (!t) throw notFound('The thread');
  return t.key;
}

export async function editOwnComment(ctx: ServiceContext, id: number, token: string | null, body: string) {
  const row = await ownComment(ctx, id, token);
  validateBody(body);
  const result = await ctx.store.comments.update(id, { body, html: renderCommentHtml(body), editedAt: ctx.now() });
  if (!result) throw notFound('That comment');
  await afterCommentWrite(ctx, await threadKeyOf(ctx, row.threadId), result.after.status === 'published' ? result.after : undefined);
  return { comment: presentOwn(result.after) };
}

export async function deleteOwnComment(ctx: ServiceContext, id: number, token: string | null): Promise<void> {
  const row = await ownComment(ctx, id, token);
  const result = await ctx.store.comments.erase(id);
  if (!result) throw notFound('That comment');
  // Announced as deleted either way, so open pages drop it (or show the placeholder).
  await afterCommentWrite(ctx, await threadKeyOf(ctx, row.threadId), { ...result.before, status: 'deleted' });
}
