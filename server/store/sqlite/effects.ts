import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { comments, mailRecipients, outbox, subscriptions } from '../../db/schema';
import type { CommentEffects, CommentRow } from '../types';

type Tx = Pick<Db, 'select' | 'insert' | 'update'>;

/**
 * Writes what a comment write causes (docs/mail.md): webhook events, a subscription and its
 * confirmation mail, a reply mail. Called inside the transaction of the comment write, so the
 * change and its mail are committed together, or neither is.
 */
export function writeEffects(tx: Tx, effects: CommentEffects, after: CommentRow): void {
  const { now } = effects;
  for (const hook of effects.webhooks ?? []) {
    tx.insert(outbox).values({ kind: 'webhook', payload: hook.body, eventId: hook.eventId, dueAt: now, createdAt: now }).run();
  }
  if (effects.subscribe && after.email) subscribe(tx, effects, after, after.email, effects.subscribe);
  if (effects.replyMail && after.parentId !== null && after.status === 'published') queueReply(tx, effects, after, effects.replyMail);
}

function subscribe(tx: Tx, effects: CommentEffects, after: CommentRow, email: string, wish: NonNullable<CommentEffects['subscribe']>): void {
  const { now } = effects;
  tx.insert(subscriptions).values({ commentId: after.id, email, lang: wish.lang, createdAt: now }).onConflictDoNothing().run();
  if (wish.confirmed) {
    tx.insert(mailRecipients).values({ email, confirmedAt: now }).onConflictDoNothing().run();
    return;
  }
  const confirmed = tx.select({ e: mailRecipients.email }).from(mailRecipients).where(eq(mailRecipients.email, email)).get();
  if (confirmed) return;
  tx.insert(outbox)
    .values({ kind: 'confirm', recipient: email, recipientKey: effects.keyOf(email), ref: after.id, lang: wish.lang, payload: '{}', eventId: randomUUID(), dueAt: now, createdAt: now })
    .run();
}

function queueReply(tx: Tx, effects: CommentEffects, reply: CommentRow, timing: NonNullable<CommentEffects['replyMail']>): void {
  const { now } = effects;
  const sub = tx
    .select({ email: subscriptions.email, lang: subscriptions.lang, parentReader: comments.reader })
    .from(subscriptions)
    .innerJoin(mailRecipients, eq(mailRecipients.email, subscriptions.email))
    .innerJoin(comments, eq(comments.id, subscriptions.commentId))
    .where(eq(subscriptions.commentId, reply.parentId!))
    .get();
  if (!sub) return;
  // Never mail anyone about their own reply: the same address, or the same browser.
  if (sub.email === reply.email || (sub.parentReader !== null && sub.parentReader === reply.reader)) return;
  const key = effects.keyOf(sub.email);
  const mine = and(eq(outbox.kind, 'reply'), eq(outbox.recipientKey, key));
  // A digest that waits and that no worker is sending right now takes this reply too.
  const open = tx
    .select({ id: outbox.id, payload: outbox.payload })
    .from(outbox)
    .where(and(mine, eq(outbox.status, 'queued'), or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, now))))
    .orderBy(desc(outbox.id))
    .limit(1)
    .get();
  if (open) {
    const ids = [...(JSON.parse(open.payload) as number[]), reply.id];
    // Only while still unclaimed: a worker that took it meanwhile has its text already.
    const still = and(eq(outbox.id, open.id), eq(outbox.status, 'queued'), or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, now)));
    if (tx.update(outbox).set({ payload: JSON.stringify(ids) }).where(still).run().changes > 0) return;
  }
  // The last reply mail to them (sent, or being sent now): the next one waits out the window.
  const last = tx
    .select({ at: sql<number | null>`max(coalesce(${outbox.sentAt}, ${outbox.dueAt}))` })
    .from(outbox)
    .where(and(mine, inArray(outbox.status, ['sent', 'queued'])))
    .get()?.at;
  const dueAt = Math.max(now + timing.firstDelayMs, last == null ? 0 : last + timing.windowMs);
  tx.insert(outbox)
    .values({ kind: 'reply', recipient: sub.email, recipientKey: key, lang: sub.lang, payload: JSON.stringify([reply.id]), eventId: randomUUID(), dueAt, createdAt: now })
    .run();
}
