import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { DeliveryStatus } from '../../../contract';
import type { PgDb } from '../../db/open-pg';
import { mailOptouts, mailRecipients, mailTokens, outbox, subscriptions } from '../../db/pg-schema';
import type { MailStore, OutboxRow } from '../types';
import type { PgTx } from './comment-writes';

const FINISHED = ['sent', 'dropped', 'failed'] as const;

/** Subscriptions, mail tokens and the outbox on PostgreSQL: the same as `sqlite/mail.ts`. */
export function pgMail(db: PgDb): MailStore {
  const forget = async (tx: PgTx, email: string) => {
    const subs = (await tx.delete(subscriptions).where(eq(subscriptions.email, email)).returning({ id: subscriptions.id })).length;
    await tx.delete(mailRecipients).where(eq(mailRecipients.email, email));
    await tx.delete(mailTokens).where(eq(mailTokens.email, email));
    return subs;
  };
  return {
    async addToken(token) {
      await db.insert(mailTokens).values(token);
    },
    async confirm(hash, now) {
      return db.transaction(async (tx) => {
        const [token] = await tx
          .delete(mailTokens)
          .where(and(eq(mailTokens.hash, hash), eq(mailTokens.purpose, 'confirm')))
          .returning();
        if (!token || token.expiresAt <= now) return null;
        await tx.insert(mailRecipients).values({ email: token.email, confirmedAt: now }).onConflictDoNothing();
        return { email: token.email, lang: token.lang };
      });
    },
    async unsubscribe(hash, now, keyOf) {
      return db.transaction(async (tx) => {
        const [token] = await tx
          .select()
          .from(mailTokens)
          .where(and(eq(mailTokens.hash, hash), eq(mailTokens.purpose, 'unsubscribe')));
        if (!token) return null;
        const key = keyOf(token.email);
        await forget(tx, token.email);
        await tx
          .update(outbox)
          .set({ status: 'dropped', recipient: null, lastError: 'unsubscribed', leaseUntil: null, leaseOwner: null })
          .where(and(eq(outbox.recipientKey, key), eq(outbox.status, 'queued')));
        await tx.insert(mailOptouts).values({ emailKey: key, createdAt: now }).onConflictDoUpdate({ target: mailOptouts.emailKey, set: { createdAt: now } });
        return { lang: token.lang };
      });
    },
    async subscriptionOf(commentId) {
      return (await db.select().from(subscriptions).where(eq(subscriptions.commentId, commentId)))[0] ?? null;
    },
    async isConfirmed(email) {
      return (await db.select({ e: mailRecipients.email }).from(mailRecipients).where(eq(mailRecipients.email, email))).length > 0;
    },
    async optedOutSince(key, since) {
      return (await db.select({ k: mailOptouts.emailKey }).from(mailOptouts).where(and(eq(mailOptouts.emailKey, key), gte(mailOptouts.createdAt, since)))).length > 0;
    },
    async claim(now, owner, leaseMs, limit) {
      // `for update skip locked`: instances claiming at the same moment each take other rows
      // instead of waiting for (or taking) the same ones.
      const due = db
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(eq(outbox.status, 'queued'), lte(outbox.dueAt, now), or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, now))))
        .orderBy(outbox.dueAt, outbox.id)
        .limit(limit)
        .for('update', { skipLocked: true });
      const rows = await db
        .update(outbox)
        .set({ leaseUntil: now + leaseMs, leaseOwner: owner })
        .where(inArray(outbox.id, due))
        .returning();
      return (rows as OutboxRow[]).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
    },
    async settle(id, owner, outcome) {
      const held = and(eq(outbox.id, id), eq(outbox.leaseOwner, owner), eq(outbox.status, 'queued'));
      const done =
        outcome.status === 'queued'
          ? { dueAt: outcome.dueAt, lastError: outcome.error, attempts: sql`${outbox.attempts} + 1`, leaseUntil: null, leaseOwner: null }
          : {
              status: outcome.status,
              sentAt: outcome.status === 'sent' ? outcome.at : null,
              lastError: outcome.error ?? null,
              attempts: sql`${outbox.attempts} + 1`,
              recipient: null,
              leaseUntil: null,
              leaseOwner: null,
            };
      return (await db.update(outbox).set(done).where(held).returning({ id: outbox.id })).length > 0;
    },
    async deliveries({ status, kind, beforeId, limit }) {
      const where = and(status ? eq(outbox.status, status) : undefined, kind ? eq(outbox.kind, kind) : undefined, beforeId ? lt(outbox.id, beforeId) : undefined);
      return (await db.select().from(outbox).where(where).orderBy(desc(outbox.id)).limit(limit)) as OutboxRow[];
    },
    async deliveryCounts() {
      const counts: Record<DeliveryStatus, number> = { queued: 0, sent: 0, failed: 0, dropped: 0 };
      const rows = await db.select({ status: outbox.status, n: sql<number>`count(*)`.mapWith(Number) }).from(outbox).groupBy(outbox.status);
      for (const r of rows) counts[r.status] = r.n;
      return counts;
    },
    async prune(now, before, optoutsBefore) {
      return db.transaction(async (tx) => {
        let n = (await tx.delete(outbox).where(and(inArray(outbox.status, [...FINISHED]), lt(outbox.createdAt, before))).returning({ id: outbox.id })).length;
        n += (await tx.delete(mailTokens).where(lt(mailTokens.expiresAt, now)).returning({ h: mailTokens.hash })).length;
        n += (await tx.delete(mailOptouts).where(lt(mailOptouts.createdAt, optoutsBefore)).returning({ k: mailOptouts.emailKey })).length;
        return n;
      });
    },
    async eraseEmail(email, key) {
      return db.transaction(async (tx) => {
        const subs = await forget(tx, email);
        const deliveries = (await tx.delete(outbox).where(or(eq(outbox.recipient, email), eq(outbox.recipientKey, key))).returning({ id: outbox.id })).length;
        return { subscriptions: subs, deliveries };
      });
    },
  };
}
