import { createHash } from 'node:crypto';
import { AppError } from '../../lib/errors';
import type { BanRow, DataRequestComment, EraseResult } from '../../store/types';
import { afterCommentWrite } from '../comments/after-write';
import type { ServiceContext } from '../context';
import { recordAudit } from '../moderation/audit';
import { emailKey } from '../mail/keys';
import { normalEmail } from '../readers/email';
import { userKey } from '../users/session';

// Data requests: what is stored about one commenter, named by their email, shown or erased
// (the law's right of access and right to erasure). Reader identity, the hashes that stand
// for a browser or an address, is another matter: services/readers/.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A commenter as named in a data request: an email address, in its stored form (`normalEmail`). */
function requestEmail(raw: string): string {
  const email = normalEmail(raw);
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) {
    throw new AppError('validation_failed', 'Give the email address of the commenter, like ann@example.com.');
  }
  return email;
}

/**
 * How the audit trail names an erased commenter: a hash of the address in its stored form
 * (`normalEmail`). The entry proves the erasure happened (hash the address again to find it)
 * without keeping the address.
 */
export const erasedCommenterId = (email: string) => `sha256:${createHash('sha256').update(normalEmail(email)).digest('hex').slice(0, 16)}`;

const presentComment = (c: DataRequestComment) => ({
  id: c.id,
  thread: { key: c.threadKey, title: c.threadTitle, url: c.threadUrl },
  parentId: c.parentId,
  author: c.author,
  email: c.email,
  body: c.body,
  status: c.status,
  featured: c.featured,
  reactions: c.reactions,
  reports: c.reports,
  imported: c.importKey !== null,
  createdAt: iso(c.createdAt),
  editedAt: iso(c.editedAt),
});

const presentBan = (b: BanRow) => ({ id: b.id, email: b.email, reason: b.reason, until: iso(b.until), createdAt: iso(b.createdAt) });

/**
 * Everything stored under one email, for a commenter's access request: every comment (any status)
 * with its thread, and every ban naming the address. Reactions and reports are stored only under
 * a keyed hash of a browser, never linked to an email, so they cannot be found this way.
 */
export async function exportCommenter(ctx: ServiceContext, rawEmail: string) {
  const email = requestEmail(rawEmail);
  const { comments, bans } = await ctx.store.archive.recordsByEmail(email);
  return { email, exportedAt: iso(ctx.now()), comments: comments.map(presentComment), bans: bans.map(presentBan) };
}

export interface EraseOptions {
  /** Keep bans naming the address (the desk's legitimate interest); by default they go too. */
  keepBans?: boolean;
}

/**
 * Erases one commenter: each comment with replies (or imported, so re-importing the old file
 * cannot revive it) becomes an empty "deleted" placeholder, the others are removed; bans by the
 * email are lifted unless `keepBans`; audit entries that quoted the address get its hash instead.
 * Recorded in the audit trail as "erase" under the hash, never the address.
 */
export async function eraseCommenter(ctx: ServiceContext, rawEmail: string, options: EraseOptions = {}) {
  const email = requestEmail(rawEmail);
  const target = erasedCommenterId(email);
  // Reply mail first: nothing queued for the address may go out while its comments are erased.
  const mail = await ctx.store.mail.eraseEmail(email, emailKey(email));
  const result = await ctx.store.archive.eraseByEmail(email, { keepBans: options.keepBans ?? false, mask: target });
  return finishErase(ctx, 'reader', target, result, mail, options.keepBans ? ' (bans kept on request)' : '');
}

/**
 * What both erasures do once the store has erased: the audit entry under the hash, open pages
 * told (they drop the comments or show the placeholder; counts and listings are re-read), and
 * the summary the caller answers.
 */
async function finishErase(
  ctx: ServiceContext,
  targetType: 'reader' | 'user',
  target: string,
  result: EraseResult,
  mail: { subscriptions: number; deliveries: number },
  bansNote: string,
) {
  const placeholders = result.comments.filter((c) => c.placeholder).length;
  const summary = {
    comments: result.comments.length,
    removed: result.comments.length - placeholders,
    placeholders,
    bansRemoved: result.bansRemoved,
    auditScrubbed: result.auditScrubbed,
    subscriptions: mail.subscriptions,
    deliveries: mail.deliveries,
  };
  await recordAudit(ctx, {
    action: 'erase',
    targetType,
    targetId: target,
    detail: `${summary.removed} comments removed, ${placeholders} kept as empty placeholders, ${summary.bansRemoved} bans lifted${bansNote}, ${mail.subscriptions} reply subscriptions and ${mail.deliveries} mails removed`,
  });
  for (const { before } of result.comments) {
    const gone = { ...before, status: 'deleted' as const, author: '', body: '', html: '', email: null };
    await afterCommentWrite(ctx, before.threadKey, before.status === 'published' ? gone : undefined);
  }
  return { erased: target, ...summary };
}

/** How the audit trail names an erased signed-in commenter: a hash of our id for them. */
export const erasedUserId = (authorId: string) => `sha256:${createHash('sha256').update(authorId).digest('hex').slice(0, 16)}`;

async function userOr404(ctx: ServiceContext, authorId: string) {
  const user = await ctx.store.users.get(authorId);
  if (!user) throw new AppError('not_found', 'No signed-in commenter has that authorId.');
  return user;
}

/**
 * Everything stored about one signed-in commenter, named by their `authorId` (the desk finds
 * it on their comments, or by their newsroom id in the commenter view): the user as their
 * latest token described them and the desk's note on them, every comment (any status), whom
 * they ignore, and bans on them.
 */
export async function exportUser(ctx: ServiceContext, authorId: string) {
  const user = await userOr404(ctx, authorId);
  const comments = await ctx.store.users.comments(user.id, Number.MAX_SAFE_INTEGER);
  const bans = (await ctx.store.moderation.listBans()).filter((b) => b.reader === userKey(user));
  return {
    authorId: user.id,
    exportedAt: iso(ctx.now()),
    user: { ...user, firstSeen: iso(user.firstSeen), lastSeen: iso(user.lastSeen) },
    comments: [...comments].reverse().map(presentComment),
    ignored: await ctx.store.users.ignored(user.id),
    bans: bans.map(presentBan),
  };
}

/**
 * Erases one signed-in commenter: their comments as `eraseCommenter` does, their ignore lists,
 * bans on them, the user row itself; their reactions and reports stay counted under a key
 * that no longer names them; audit entries naming them (as target or as acting moderator) get
 * a hash instead. Their newsroom may sign them in again later: they come back as a new user.
 */
export async function eraseUser(ctx: ServiceContext, authorId: string) {
  const target = erasedUserId(authorId);
  // Reply mail to the address their token gave: subscriptions and queued or sent mail go too.
  const email = (await ctx.store.users.get(authorId))?.email ?? null;
  const mail = email ? await ctx.store.mail.eraseEmail(email, emailKey(email)) : { subscriptions: 0, deliveries: 0 };
  const result = await ctx.store.users.erase(authorId, target);
  if (!result) throw new AppError('not_found', 'No signed-in commenter has that authorId.');
  return finishErase(ctx, 'user', target, result, mail, '');
}
