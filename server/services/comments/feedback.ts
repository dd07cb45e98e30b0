import type { ReportReason } from '../../../contract';
import { AppError, notFound } from '../../lib/errors';
import type { ServiceContext } from '../context';
import type { Limit } from '../cluster';
import type { ReaderInfo } from '../readers/identity';
import { recordAudit } from '../moderation/audit';
import { answerAs } from '../store-errors';
import { commentEffects } from '../mail/effects';
import { requireSignInUnlessGuests, userKey, type SignedIn } from '../users/session';
import { afterCommentWrite } from './after-write';

/** Erased between the service's look and the store's write: the same 404 as before the look. */
const gone = answerAs('comment_missing', () => notFound('That comment'));

async function publishedComment(ctx: ServiceContext, id: number) {
  const row = await ctx.store.comments.get(id);
  if (!row || row.status !== 'published') throw notFound('That comment');
  const thread = await ctx.store.threads.byId(row.threadId);
  if (!thread) throw notFound('That comment');
  return { row, threadKey: thread.key };
}

/**
 * Adds the reader's "Recommend" to a published comment; again changes nothing (one per reader,
 * kept on the server, so a retried request cannot flip it). Limited per reader and per
 * address range; past `FOOTNOTE_RANGE_REACTIONS_PER_COMMENT` of one range on one comment it
 * is kept but not counted (the answer is the same 200).
 */
export async function reactToComment(ctx: ServiceContext, id: number, reader: ReaderInfo, who: SignedIn | null = null) {
  requireSignInUnlessGuests(ctx, who, 'recommend comments');
  const { threadKey } = await publishedComment(ctx, id);
  const { readerId, range } = await hitLimits(ctx, reader, ctx.limits.react, ctx.limits.reactRange, who);
  const result = await ctx.store.comments.addReaction(id, readerId, range, ctx.config.ranges.reactionsPerComment).catch(gone);
  listChanged(ctx, threadKey);
  return result;
}

/** Takes the reader's "Recommend" back; idempotent. Shares the reaction limits with adding. */
export async function unreactToComment(ctx: ServiceContext, id: number, reader: ReaderInfo, who: SignedIn | null = null) {
  requireSignInUnlessGuests(ctx, who, 'recommend comments');
  const { threadKey } = await publishedComment(ctx, id);
  const { readerId } = await hitLimits(ctx, reader, ctx.limits.react, ctx.limits.reactRange, who);
  const result = await ctx.store.comments.removeReaction(id, readerId).catch(gone);
  listChanged(ctx, threadKey);
  return result;
}

/** A reaction changed a listing, here and on every other instance (no live event: counts of reactions are read with the list). */
function listChanged(ctx: ServiceContext, threadKey: string): void {
  ctx.listCache.invalidate(threadKey);
  ctx.cluster.send({ type: 'list', thread: threadKey });
}

/**
 * The reader's identity and range, after a hit on both limits (the range's first: a crowd of
 * made-up readers stops there). A signed-in reader is one person on every device: their
 * reactions and reports are kept under their user, once.
 */
async function hitLimits(ctx: ServiceContext, reader: ReaderInfo, perReader: Limit, perRange: Limit, who: SignedIn | null) {
  const readerId = who ? userKey(who.user) : ctx.identity.stable(reader);
  const range = ctx.identity.range(reader);
  const now = ctx.now();
  await perRange.hit(range, now);
  await perReader.hit(readerId, now);
  return { readerId, range };
}

/**
 * Records a reader's report, once per reader. When the open reports come from
 * `reportThreshold` distinct address ranges the comment is held (pending) until a moderator
 * decides, and leaves the public counts at once: readers of one network (one client changing
 * its user agent, or one office) weigh as one.
 */
export async function reportComment(ctx: ServiceContext, id: number, reason: ReportReason, note: string | null, reader: ReaderInfo, who: SignedIn | null = null) {
  requireSignInUnlessGuests(ctx, who, 'report comments');
  const { threadKey } = await publishedComment(ctx, id);
  const { readerId, range } = await hitLimits(ctx, reader, ctx.limits.report, ctx.limits.reportRange, who);
  const reported = commentEffects(ctx, threadKey, { event: 'comment.reported' });
  const added = await ctx.store.comments.addReport(id, readerId, range, reason, note, reported).catch(gone);
  if (reported) ctx.outbox.kick();
  if (!added) throw new AppError('already_reported', 'You have already reported this comment. Thank you: a moderator will look at it.');
  // Only a comment still published is held: a moderator may have decided meanwhile.
  const now = await ctx.store.comments.get(id);
  if (added.ranges >= ctx.config.reportThreshold && now?.status === 'published') {
    const result = await ctx.store.comments.update(id, { status: 'pending' }, commentEffects(ctx, threadKey, { event: 'comment.moderated' }));
    await recordAudit(ctx, {
      action: 'auto-hold',
      targetType: 'comment',
      targetId: String(id),
      before: result?.before.status ?? null,
      after: 'pending',
      detail: `${added.reports} reader reports from ${added.ranges} networks`,
    });
    await afterCommentWrite(ctx, threadKey, result?.after);
  }
}
