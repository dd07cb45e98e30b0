import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { comments, mailRecipients, outbox, subscriptions } from '../../db/pg-schema';
import type { CommentEffects, CommentRow, EffectsOf } from '../types';
import type { PgTx } from './comment-writes';

/** Mail and webhooks caused by a comment write, in its transaction: the same as `sqlite/effects.ts`. */
export async function applyEffects(tx: PgTx, effects: EffectsOf | undefined, after: CommentRow, before: CommentRow | null): Promise<void> {
  const wanted = effects?.(after, before);
  if (wanted) await writeEffects(tx, wanted, after);
}

async function writeEffects(tx: PgTx, effects: CommentEffects, after: CommentRow): Promise<void> {
  const { now } = effects;
  for (const hook of effects.webhooks ?? []) {
    await tx.insert(outbox).values({ kind: 'webhook', payload: hook.body, eventId: hook.eventId, dueAt: now, createdAt: now });
  }
  if (effects.subscribe && after.email) await subscribe(tx, effects, after, after.email, effects.subscribe);
  if (effects.replyMail && after.parentId !== null && after.status === 'published') await queueReply(tx, effects, after, effects.replyMail);
}

async function subscribe(tx: PgTx, effects: CommentEffects, after: CommentRow, email: string, wish: NonNullable<CommentEffects['subscribe']>) {
  const { now } = effects;
  await tx.insert(subscriptions).values({ commentId: after.id, email, lang: wish.lang, createdAt: now }).onConflictDoNothing();
  if (wish.confirmed) {
    await tx.insert(mailRecipients).values({ email, confirmedAt: now }).onConflictDoNothing();
    return;
  }
  const [confirmed] = await tx.select({ e: mailRecipients.email }).from(mailRecipients).where(eq(mailRecipients.email, email));
  if (confirmed) return;
  await tx
    .insert(outbox)
    .values({ kind: 'confirm', recipient: email, recipientKey: effects.keyOf(email), ref: after.id, lang: wish.lang, payload: '{}', eventId: randomUUID(), dueAt: now, createdAt: now });
}

async function queueReply(tx: PgTx, effects: CommentEffects, reply: CommentRow, timing: NonNullable<CommentEffects['replyMail']>) {
  const { now } = effects;
  const [sub] = await tx
    .select({ email: subscriptions.email, lang: subscriptions.lang, parentReader: comments.reader })
    .from(subscriptions)
    .innerJoin(mailRecipients, eq(mailRecipients.email, subscriptions.email))
    .innerJoin(comments, eq(comments.id, subscriptions.commentId))
    .where(eq(subscriptions.commentId, reply.parentId!));
  if (!sub) return;
  if (sub.email === reply.email || (sub.parentReader !== null && sub.parentReader === reply.reader)) return;
  const key = effects.keyOf(sub.email);
  // Replies to one person queue one after the other: without it two replies committed at once
  // would each find no waiting digest and start one apiece (two mails inside the window).
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`footnote-reply:${key}`}))`);
  const mine = and(eq(outbox.kind, 'reply'), eq(outbox.recipientKey, key));
  // The open digest is locked: two replies at once join it one after the other.
  const [open] = await tx
    .select({ id: outbox.id, payload: outbox.payload })
    .from(outbox)
    .where(and(mine, eq(outbox.status, 'queued'), or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, now))))
    .orderBy(desc(outbox.id))
    .limit(1)
    .for('update');
  if (open) {
    const ids = [...(JSON.parse(open.payload) as number[]), reply.id];
    // Only while still unclaimed: a worker that took it meanwhile has its text already.
    const still = and(eq(outbox.id, open.id), eq(outbox.status, 'queued'), or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, now)));
    if ((await tx.update(outbox).set({ payload: JSON.stringify(ids) }).where(still).returning({ id: outbox.id })).length > 0) return;
  }
  const [last] = await tx
    .select({ at: sql<string | null>`max(coalesce(${outbox.sentAt}, ${outbox.dueAt}))` })
    .from(outbox)
    .where(and(mine, inArray(outbox.status, ['sent', 'queued'])));
  const at = last?.at == null ? null : Number(last.at);
  const dueAt = Math.max(now + timing.firstDelayMs, at === null ? 0 : at + timing.windowMs);
  await tx
    .insert(outbox)
    .values({ kind: 'reply', recipient: sub.email, recipientKey: key, lang: sub.lang, payload: JSON.stringify([reply.id]), eventId: randomUUID(), dueAt, createdAt: now });
}
