import type { CommentStatus } from '../../../contract';
import { AppError } from '../../lib/errors';
import { renderCommentHtml } from '../format/markdown';
import { answerAs } from '../store-errors';
import type { ServiceContext } from '../context';
import type { ReaderInfo } from '../readers/identity';
import { commentEffects } from '../mail/effects';
import { mailLanguage } from '../mail/keys';
import { threadState } from '../threads/lifecycle';
import { vetThreadMeta } from '../threads/thread-meta';
import { requireSignInUnlessGuests, userKey, type SignedIn } from '../users/session';
import { mustWait } from '../users/trust';
import { afterCommentWrite } from './after-write';
import { runChecks } from './checks';
import { presentOwn } from './present';
import { newEditToken } from './tokens';
import { validateCommentText, validateEmail } from './validate';

export interface NewComment {
  /** Required of guests; a signed-in reader posts under their username, whatever is sent. */
  author?: string | undefined;
  body: string;
  email?: string | null | undefined;
  parentId?: number | null | undefined;
  /** Honeypot (`website` field hidden from people). */
  website?: string | null | undefined;
  elapsedMs?: number | null | undefined;
  title?: string | null | undefined;
  url?: string | null | undefined;
  /** Mail me replies to this comment (docs/mail.md); needs `email`. */
  notify?: boolean | null | undefined;
  /** The widget's language (`lang`), for that mail. */
  lang?: string | null | undefined;
}

/**
 * Posts a comment or a reply, as a guest or signed in (`who`: the author comes from the
 * token). Checks run cheapest first and nothing is written until all have passed; the row is
 * committed (WAL) before this returns, so a 201 is on disk.
 */
export async function postComment(ctx: ServiceContext, threadKey: string, input: NewComment, reader: ReaderInfo, who: SignedIn | null = null) {
  requireSignInUnlessGuests(ctx, who, 'comment');
  const author = who ? who.user.username : (input.author ?? '');
  validateCommentText(author, input.body);
  const email = who ? who.user.email : validateEmail(input.email);
  if (input.notify && !email) throw new AppError('validation_failed', 'To be emailed replies, give your email address.');
  const now = ctx.now();
  const readerId = ctx.identity.stable(reader);
  // One person on every device: a signed-in reader's limits follow them, not their browser.
  const limitKey = who ? userKey(who.user) : readerId;

  const existing = await ctx.threads.get(threadKey);
  if (threadState(existing, ctx.config.sso.autoCloseDays, now).closed) throw new AppError('thread_closed', 'This discussion is closed to new comments.');

  const parentId = input.parentId ?? null;
  if (parentId !== null) {
    const parent = await ctx.store.comments.get(parentId);
    if (!parent || parent.threadId !== existing?.id || parent.status !== 'published') {
      throw new AppError('invalid_parent', 'The comment you are replying to is not in this discussion (it may have been removed).');
    }
  }

  // The limits count before the ban is looked up: probing which emails are banned costs a
  // post like any other attempt.
  await ctx.limits.post.hit(limitKey, now);
  await ctx.limits.postRange.hit(ctx.identity.range(reader), now);

  const host = ctx.identity.host(reader);
  const banned =
    (await ctx.store.moderation.activeBan({ email, reader: readerId, host }, now)) ??
    (who ? await ctx.store.moderation.activeBan({ email: null, reader: userKey(who.user), host: null }, now) : null);
  if (banned) {
    // Neutral on purpose: the reason and the end date are the desk's notes, and the email
    // typed may not be the poster's own.
    throw new AppError('banned', 'You cannot post comments here.');
  }

  const verdict = await runChecks(ctx.checks, {
    threadKey,
    author,
    body: input.body,
    email,
    reader,
    readerId,
    honeypot: input.website ?? null,
    elapsedMs: input.elapsedMs ?? null,
  });
  if (verdict.action === 'reject') throw new AppError(verdict.code, verdict.message);

  const thread = await ctx.threads.ensure(threadKey, vetThreadMeta(ctx.config.origins, reader.origin, input), existing);
  const moderation = thread.moderation ?? ctx.config.moderation;
  const status: CommentStatus =
    verdict.action === 'spam' ? 'spam' : verdict.action === 'hold' || (await mustWait(ctx, moderation, who, email)) ? 'pending' : 'published';

  // Without SMTP there is no mail to promise: the wish is ignored (docs/mail.md).
  const wantsMail = Boolean(input.notify && email && ctx.config.mail.smtpUrl);
  // A signed-in user's email comes from the newsroom's signed token: it needs no confirmation.
  const subscribe = wantsMail ? { lang: mailLanguage(input.lang), confirmed: Boolean(who?.user.email) } : null;
  const effects = commentEffects(ctx, threadKey, { event: 'comment.created', subscribe });
  const confirmedAlready = subscribe && email ? subscribe.confirmed || (await ctx.store.mail.isConfirmed(email)) : false;

  const { token, hash } = newEditToken();
  const row = await ctx.store.comments
    .insert(
      {
        threadId: thread.id,
        parentId,
        author,
        email,
        body: input.body,
        html: renderCommentHtml(input.body),
        status,
        reader: readerId,
        host,
        editTokenHash: hash,
        createdAt: now,
        userId: who?.user.id ?? null,
        badges: who?.badges ?? [],
      },
      effects,
    )
    // The parent went (erased, hidden) between the service's look and the write.
    .catch(answerAs('parent_unusable', () => new AppError('invalid_parent', 'The comment you are replying to is not in this discussion (it may have been removed).')));
  if (effects) ctx.outbox.kick();
  await afterCommentWrite(ctx, threadKey, status === 'published' ? row : undefined);
  const subscription = subscribe ? { subscription: confirmedAlready ? ('subscribed' as const) : ('confirm' as const) } : {};
  return { comment: presentOwn(row), editToken: token, ...subscription };
}
