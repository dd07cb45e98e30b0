import type { BanRequest, DeskBan } from '../../../contract';
import { AppError, notFound } from '../../lib/errors';
import type { BanRow } from '../../store/types';
import { validateEmail } from '../comments/validate';
import type { ServiceContext } from '../context';
import { recordAudit } from './audit';

const DAY_MS = 86_400_000;

const present = (b: BanRow, now: number): DeskBan => ({
  id: b.id,
  email: b.email,
  byReader: b.reader !== null,
  reason: b.reason,
  until: b.until === null ? null : new Date(b.until).toISOString(),
  createdAt: new Date(b.createdAt).toISOString(),
  active: b.until === null || b.until > now,
});

export async function listBans(ctx: ServiceContext) {
  const now = ctx.now();
  return { bans: (await ctx.store.moderation.listBans()).map((b) => present(b, now)) };
}

/**
 * Bans a commenter, by email or by a comment: then the comment's hashed reader identity,
 * and its email too when it has one. The reason is shown to the banned reader when they post.
 */
export async function banReader(ctx: ServiceContext, input: BanRequest): Promise<DeskBan> {
  const now = ctx.now();
  let email = input.email !== undefined ? validateEmail(input.email) : null;
  let reader: string | null = null;
  let who = email ? `email ${email}` : '';
  if (input.commentId !== undefined) {
    const c = await ctx.store.comments.get(input.commentId);
    if (!c || c.status === 'deleted') throw notFound('That comment');
    if (!c.reader && !c.email) {
      throw new AppError('validation_failed', 'That comment carries no reader identity or email to ban (it was probably imported).');
    }
    reader = c.reader;
    email = c.email;
    who = `author of comment #${c.id} (${c.author})`;
  }
  if (!email && !reader) throw new AppError('validation_failed', 'Give the "email" or the "commentId" of the commenter to ban.');
  const row = await ctx.store.moderation.addBan({
    email,
    reader,
    reason: input.reason?.trim() || null,
    until: input.days === undefined ? null : now + input.days * DAY_MS,
    createdAt: now,
  });
  const period = input.days === undefined ? 'for good' : `for ${input.days} day${input.days === 1 ? '' : 's'}`;
  await recordAudit(ctx, { action: 'ban', targetType: 'ban', targetId: String(row.id), detail: `${who}, ${period}` });
  return present(row, now);
}

/** Lifts a ban. */
export async function liftBan(ctx: ServiceContext, id: number): Promise<void> {
  if (!(await ctx.store.moderation.removeBan(id))) throw notFound('That ban');
  await recordAudit(ctx, { action: 'unban', targetType: 'ban', targetId: String(id) });
}
