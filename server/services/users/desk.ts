import type { DeskUser, DeskUserPage, UserSettings } from '../../../contract';
import { AppError, notFound } from '../../lib/errors';
import type { UserRow } from '../../store/types';
import type { ServiceContext } from '../context';
import { recordAudit } from '../moderation/audit';
import { presentBan } from '../moderation/bans';
import { presentForDesk } from '../moderation/desk-comment';
import { userKey } from './session';

/** The comments the commenter view lists at most (newest first). */
export const USER_COMMENTS_SHOWN = 200;
const NOTE_MAX = 2000;

const iso = (ms: number) => new Date(ms).toISOString();

async function present(ctx: ServiceContext, user: UserRow): Promise<DeskUser> {
  const counts = await ctx.store.users.countsByStatus(user.id);
  const decided = counts.published + counts.rejected + counts.spam;
  const now = ctx.now();
  const ban = await ctx.store.moderation.activeBan({ email: null, reader: userKey(user), host: null }, now);
  return {
    authorId: user.id,
    ssoId: user.ssoId,
    username: user.username,
    email: user.email,
    role: user.role,
    badges: user.badges,
    url: user.url,
    firstSeen: iso(user.firstSeen),
    lastSeen: iso(user.lastSeen),
    premod: user.premod,
    note: user.note,
    counts,
    rejectionRate: decided === 0 ? null : (counts.rejected + counts.spam) / decided,
    ban: ban ? presentBan(ban, now) : null,
  };
}

async function userOr404(ctx: ServiceContext, authorId: string): Promise<UserRow> {
  const user = await ctx.store.users.get(authorId);
  if (!user) throw notFound('That commenter');
  return user;
}

/** The desk's commenter view: who they are, their counts and notes, their comments newest first. */
export async function getDeskUser(ctx: ServiceContext, authorId: string): Promise<DeskUserPage> {
  const user = await userOr404(ctx, authorId);
  const rows = await ctx.store.users.comments(user.id, USER_COMMENTS_SHOWN);
  const comments = await presentForDesk(
    ctx,
    rows.map((r) => ({ ...r, thread: { key: r.threadKey, title: r.threadTitle, url: r.threadUrl } })),
  );
  return { user: await present(ctx, user), comments };
}

/** Marks a commenter "always pre-moderate" (or not), and keeps the desk's note on them. */
export async function updateDeskUser(ctx: ServiceContext, authorId: string, patch: UserSettings): Promise<DeskUserPage> {
  const before = await userOr404(ctx, authorId);
  const note = patch.note === undefined ? undefined : patch.note?.trim() || null;
  if (note && [...note].length > NOTE_MAX) throw new AppError('validation_failed', `The note is too long: at most ${NOTE_MAX} characters.`);
  const after = await ctx.store.users.update(before.id, {
    ...(patch.premod !== undefined ? { premod: patch.premod } : {}),
    ...(note !== undefined ? { note } : {}),
  });
  if (!after) throw notFound('That commenter');
  const target = { targetType: 'user', targetId: after.id };
  if (before.premod !== after.premod) {
    await recordAudit(ctx, { ...target, action: after.premod ? 'premod' : 'unpremod', before: String(before.premod), after: String(after.premod) });
  }
  // The note itself stays out of the trail: it is about a person, and the user view holds it.
  if (before.note !== after.note) await recordAudit(ctx, { ...target, action: 'note', detail: after.note ? 'note changed' : 'note cleared' });
  return getDeskUser(ctx, after.id);
}
