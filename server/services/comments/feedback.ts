import type { ReportReason } from '../../../contract';
import { AppError, notFound } from '../../lib/errors';
import type { ServiceContext } from '../context';
import type { ReaderInfo } from '../readers/identity';
import { recordAudit } from '../moderation/audit';
import { afterCommentWrite } from './after-write';

async function publishedComment(ctx: ServiceContext, id: number) {
  const row = await ctx.store.comments.get(id);
  if (!row || row.status !== 'published') throw notFound('That comment');
  const thread = await ctx.store.threads.byId(row.threadId);
  if (!thread) throw notFound('That comment');
  return { row, threadKey: thread.key };
}

/** Toggles the reader's "Recommend" on a published comment (one per reader, on the server). */
export async function reactToComment(ctx: ServiceContext, id: number, reader: ReaderInfo) {
  const { threadKey } = await publishedComment(ctx, id);
  const readerId = ctx.identity.stable(reader);
  ctx.limits.react.hit(readerId, ctx.now());
  const result = await ctx.store.comments.toggleReaction(id, readerId);
  ctx.listCache.invalidate(threadKey);
  return result;
}

/**
 * Records a reader's report, once per reader. At `reportThreshold` reports the comment is
 * held (pending) until a moderator decides, and leaves the public counts at once.
 */
export async function reportComment(ctx: ServiceContext, id: number, reason: ReportReason, note: string | null, reader: ReaderInfo) {
  const { threadKey } = await publishedComment(ctx, id);
  const readerId = ctx.identity.stable(reader);
  ctx.limits.report.hit(readerId, ctx.now());
  const added = await ctx.store.comments.addReport(id, readerId, reason, note);
  if (!added) throw new AppError('already_reported', 'You have already reported this comment. Thank you: a moderator will look at it.');
  // Only a comment still published is held: a moderator may have decided meanwhile.
  const now = await ctx.store.comments.get(id);
  if (added.reports >= ctx.config.reportThreshold && now?.status === 'published') {
    const result = await ctx.store.comments.update(id, { status: 'pending' });
    await recordAudit(ctx, {
      action: 'auto-hold',
      targetType: 'comment',
      targetId: String(id),
      before: result?.before.status ?? null,
      after: 'pending',
      detail: `${added.reports} reader reports`,
    });
    await afterCommentWrite(ctx, threadKey, result?.after);
  }
}
