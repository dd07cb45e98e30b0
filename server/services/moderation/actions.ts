import type { Decision, DecisionStatus, DeskComment } from '../../../contract';
import { notFound } from '../../lib/errors';
import type { CommentPatch, CommentRow } from '../../store/types';
import { afterCommentWrite } from '../comments/after-write';
import { commentEffects } from '../mail/effects';
import type { ServiceContext } from '../context';
import { recordAudit } from './audit';
import { deskComment } from './desk-comment';

const VERB: Record<DecisionStatus, string> = { published: 'publish', rejected: 'reject', spam: 'spam' };

/**
 * What live readers are told about a comment that changed. Text that has left the public
 * page (rejected, spam) is not broadcast again: readers only learn that it is gone.
 */
function liveCopy(before: CommentRow, after: CommentRow): CommentRow | undefined {
  if (after.status === 'published') return after;
  if (before.status === 'published') return { ...after, author: '', body: '', html: '', email: null };
  return undefined;
}

async function threadKeyOf(ctx: ServiceContext, row: CommentRow): Promise<string> {
  return (await ctx.store.threads.byId(row.threadId))?.key ?? '';
}

/**
 * Publishes, rejects, marks as spam, features or unfeatures a comment. Any decision also
 * clears the comment from the reported queue. The thread's published count moves in the
 * same transaction as the status (the store does it), and caches and live readers follow.
 */
export async function moderateComment(ctx: ServiceContext, id: number, patch: Decision): Promise<DeskComment> {
  const current = await ctx.store.comments.get(id);
  // A deleted placeholder is kept only to hold replies in place: there is nothing to moderate.
  if (!current || current.status === 'deleted') throw notFound('That comment');
  const change: CommentPatch = { reportsReviewed: true };
  // The status is then the desk's decision: what the daily `rejected` figure counts. A decision
  // the audit records (below: the status changes, or open reports are reviewed) also dates the
  // desk's first decision, what the reports' minutes to a decision measure.
  if (patch.status !== undefined) {
    Object.assign(change, { status: patch.status, statusByDesk: true });
    if (patch.status !== current.status || (current.reports > 0 && !current.reportsReviewed)) change.decidedAt = ctx.now();
  }
  if (patch.featured !== undefined) change.featured = patch.featured;
  const threadKey = await threadKeyOf(ctx, current);
  const effects = commentEffects(ctx, threadKey, { event: 'comment.moderated' });
  const result = await ctx.store.comments.update(id, change, effects);
  if (!result) throw notFound('That comment');
  if (effects) ctx.outbox.kick();
  const { before, after } = result;

  const reviewed = before.reports > 0 && !before.reportsReviewed;
  const detail = reviewed ? `${before.reports} reader report${before.reports === 1 ? '' : 's'} reviewed` : null;
  const target = { targetType: 'comment', targetId: String(id), before: before.status, after: after.status };
  if (patch.status !== undefined && (before.status !== after.status || reviewed)) {
    await recordAudit(ctx, { ...target, action: VERB[patch.status], detail });
  }
  if (before.featured !== after.featured) {
    await recordAudit(ctx, { ...target, action: after.featured ? 'feature' : 'unfeature' });
  } else if (patch.status === undefined && reviewed) {
    await recordAudit(ctx, { ...target, action: 'dismiss-reports', detail });
  }

  await afterCommentWrite(ctx, threadKey, liveCopy(before, after));
  return deskComment(ctx, after);
}

/** The same decision for many comments; ids that are gone are listed in `missing`. */
export async function moderateMany(ctx: ServiceContext, ids: readonly number[], patch: Decision) {
  const comments: DeskComment[] = [];
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    try {
      comments.push(await moderateComment(ctx, id, patch));
    } catch (err) {
      if ((err as { code?: string }).code !== 'not_found') throw err;
      missing.push(id);
    }
  }
  return { comments, missing };
}

/**
 * Erases a comment for good. One with replies stays as a "deleted" placeholder (no author,
 * text or email) so the replies keep their place. The audit keeps no trace of the text.
 */
export async function eraseComment(ctx: ServiceContext, id: number): Promise<void> {
  const result = await ctx.store.comments.erase(id);
  if (!result) throw notFound('That comment');
  const { before, placeholder } = result;
  await recordAudit(ctx, {
    action: 'delete',
    targetType: 'comment',
    targetId: String(id),
    before: before.status,
    after: placeholder ? 'deleted' : null,
    detail: placeholder ? 'kept as an empty placeholder: it has replies' : null,
  });
  const gone: CommentRow = { ...before, status: 'deleted', author: '', body: '', html: '', email: null };
  await afterCommentWrite(ctx, await threadKeyOf(ctx, before), gone);
}
