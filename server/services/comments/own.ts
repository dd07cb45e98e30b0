import type { CommentStatus } from '../../../contract';
import { AppError, notFound } from '../../lib/errors';
import type { CommentPatch } from '../../store/types';
import { renderCommentHtml } from '../format/markdown';
import type { ServiceContext } from '../context';
import type { ReaderInfo } from '../readers/identity';
import type { SignedIn } from '../users/session';
import { afterCommentWrite } from './after-write';
import { runChecks } from './checks';
import { presentOwn } from './present';
import { tokenMatches } from './tokens';
import { validateBody } from './validate';

export const EDIT_WINDOW_MS = 15 * 60_000;

/**
 * Who claims a comment: the edit token from its posting, or the signed-in reader (their
 * comments on any device, no edit token needed).
 */
export type Proof = { editToken: string | null } | { who: SignedIn };

const proves = (proof: Proof, row: { editTokenHash: string | null; userId: string | null }) =>
  'who' in proof ? row.userId !== null && row.userId === proof.who.user.id : proof.editToken !== null && tokenMatches(proof.editToken, row.editTokenHash);

/** Loads a comment its author may still change: right token or user, within 15 minutes. */
async function ownComment(ctx: ServiceContext, id: number, proof: Proof) {
  const row = await ctx.store.comments.get(id);
  // Same answer for "no such comment" and "wrong token": the token proves ownership.
  if (!row || row.status === 'deleted' || !proves(proof, row)) {
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

/**
 * Edits the body. The new text passes the same checks as a new comment: a banned word is
 * refused, and a suspect word or spam signal takes a published comment back to the desk.
 */
export async function editOwnComment(ctx: ServiceContext, id: number, proof: Proof, body: string, reader: ReaderInfo) {
  const row = await ownComment(ctx, id, proof);
  validateBody(body);
  const threadKey = await threadKeyOf(ctx, row.threadId);
  const verdict = await runChecks(ctx.checks, {
    threadKey,
    author: row.author,
    body,
    email: row.email,
    reader,
    readerId: ctx.identity.stable(reader),
    honeypot: null,
    elapsedMs: null,
  });
  if (verdict.action === 'reject') throw new AppError(verdict.code, verdict.message);
  const held: CommentStatus | null = verdict.action === 'spam' ? 'spam' : verdict.action === 'hold' ? 'pending' : null;
  const status: CommentPatch = held && row.status === 'published' ? { status: held } : {};
  const result = await ctx.store.comments.update(id, { body, html: renderCommentHtml(body), editedAt: ctx.now(), ...status });
  if (!result) throw notFound('That comment');
  // A comment that just left the public view is announced too, so open pages drop it.
  const announce = result.after.status === 'published' || result.before.status === 'published';
  await afterCommentWrite(ctx, threadKey, announce ? result.after : undefined);
  return { comment: presentOwn(result.after) };
}

export async function deleteOwnComment(ctx: ServiceContext, id: number, proof: Proof): Promise<void> {
  const row = await ownComment(ctx, id, proof);
  const result = await ctx.store.comments.erase(id);
  if (!result) throw notFound('That comment');
  // Announced as deleted either way, so open pages drop it (or show the placeholder).
  await afterCommentWrite(ctx, await threadKeyOf(ctx, row.threadId), { ...result.before, status: 'deleted' });
}
