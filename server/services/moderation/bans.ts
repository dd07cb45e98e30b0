import type { BanRequest, DeskBan } from '../../../contract';
import { AppError, notFound } from '../../lib/errors';
import type { BanRow } from '../../store/types';
import { validateEmail } from '../comments/validate';
import type { ServiceContext } from '../context';
import { userKey } from '../users/session';
import { recordAudit } from './audit';

const DAY_MS = 86_400_000;

export const presentBan = (b: BanRow, now: number): DeskBan => ({
  id: b.id,
  email: b.email,
  byReader: b.reader !== null || b.host !== null,
  reason: b.reason,
  until: b.until === null ? null : new Date(b.until).toISOString(),
  createdAt: new Date(b.createdAt).toISOString(),
  active: b.until === null || b.until > now,
});

export async function listBans(ctx: ServiceContext) {
  const now = ctx.now();
  return { bans: (await ctx.store.moderation.listBans()).map((b) => presentBan(b, now)) };
}

/**
 * Bans a commenter, by email, by a signed-in commenter's `authorId` (on every device), or by a comment: then the comment author's hashed identity (their
 * browser, and their address alone, so another user agent does not evade it), and the email
 * typed on the comment only when `banEmail` says so. The reason stays with the desk: the
 * banned poster is told only that they cannot post.
 */
export async function banReader(ctx: ServiceContext, input: BanRequest): Promise<DeskBan> {
  const now = ctx.now();
  let email = input.email !== undefined ? validateEmail(input.email) : null;
  let reader: string | null = null;
  let host: string | null = null;
  let who = email ? `email ${email}` : '';
  if (input.commentId !== undefined) {
    const c = await ctx.store.comments.get(input.commentId);
    if (!c || c.status === 'deleted') throw notFound('That comment');
    email = input.banEmail ? c.email : null;
    if (input.banEmail && !c.email) throw new AppError('validation_failed', 'That comment carries no email to ban.');
    if (!c.reader && !c.host && !email) {
      throw new AppError(
        'validation_failed',
        c.email
          ? 'That comment carries no reader identity (it was probably imported): ban its email with "banEmail": true, if it is the troll\'s own.'
          : 'That comment carries no reader identity or email to ban (it was probably imported).',
      );
    }
    // A signed-in author is banned as the person, on every device, not as one browser.
    reader = c.userId ? userKey({ id: c.userId }) : c.reader;
    host = c.host;
    who = `author of comment #${c.id} (${c.author})${email ? ` and email ${email}` : ''}`;
  }
  if (input.authorId !== undefined) {
    const user = await ctx.store.users.get(input.authorId);
    if (!user) throw notFound('That commenter');
    reader = userKey(user);
    who = `user ${user.id} (${user.username})`;
  }
  if (!email && !reader && !host) throw new AppError('validation_failed', 'Give the "email" or the "commentId" of the commenter to ban.');
  const row = await ctx.store.moderation.addBan({
    email,
    reader,
    host,
    reason: input.reason?.trim() || null,
    until: input.days === undefined ? null : now + input.days * DAY_MS,
    createdAt: now,
  });
  const period = input.days === undefined ? 'for good' : `for ${input.days} day${input.days === 1 ? '' : 's'}`;
  await recordAudit(ctx, { action: 'ban', targetType: 'ban', targetId: String(row.id), detail: `${who}, ${period}` });
  return presentBan(row, now);
}

/** Lifts a ban. */
export async function liftBan(ctx: ServiceContext, id: number): Promise<void> {
  if (!(await ctx.store.moderation.removeBan(id))) throw notFound('That ban');
  await recordAudit(ctx, { action: 'unban', targetType: 'ban', targetId: String(id) });
}
