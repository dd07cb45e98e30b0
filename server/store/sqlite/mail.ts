import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { DeliveryStatus } from '../../../contract';
import type { Db } from '../../db/open';
import { mailOptouts, mailRecipients, mailTokens, outbox, subscriptions } from '../../db/schema';
import type { MailStore, OutboxRow } from '../types';

const FINISHED = ['sent', 'dropped', 'failed'] as const;

export function sqliteMail(db: Db): MailStore {
  /** Everything that lets the outbox mail `email`, gone in one go (unsubscribe, erasure). */
  const forget = (tx: Pick<Db, 'delete'>, email: string, key: string) => {
    const subs = tx.delete(subscriptions).where(eq(subscriptions.email, email)).run().changes;
    tx.delete(mailRecipients).where(eq(mailRecipients.email, email)).run();
    tx.delete(mailTokens).where(eq(mailTokens.email, email)).run();
    return { subs, key };
  };
  return {
    async addToken(token) {
      db.insert(mailTokens).values(token).run();
    },
    async confirm(hash, now) {
      return db.transaction((tx) => {
        const token = tx
          .delete(mailTokens)
          .where(and(eq(mailTokens.hash, hash), eq(mailTokens.purpose, 'confirm')))
          .returning()
          .get();
        if (!token || token.expiresAt <= now) return null;
        tx.insert(mailRecipients).values({ email: token.email, confirmedAt: now }).onConflictDoNothing().run();
        return { email: token.email, lang: token.lang };
      });
    },
    async unsubscribe(hash, now, keyOf) {
      return db.transaction((tx) => {
        const token = tx
          .select()
          .from(mailTokens)
          .where(and(eq(mailTokens.hash, hash), eq(mailTokens.purpose, 'unsubscribe')))
          .get();
        if (!token) return null;
        const key = keyOf(token.email);
        forget(tx, token.email, key);
        // Mail not yet sent to them is not sent at all; what went already keeps its key only.
        tx.update(outbox)
          .set({ status: 'dropped', recipient: null, lastError: 'unsubscribed', leaseUntil: null, leaseOwner: null })
          .where(and(eq(outbox.recipientKey, key), eq(outbox.status, 'queued')))
          .run();
        tx.insert(mailOptouts).values({ emailKey: key, createdAt: now }).onConflictDoUpdate({ target: mailOptouts.emailKey, set: { createdAt: now } }).run();
        return { lang: token.lang };
      });
    },
    async subscriptionOf(commentId) {
      return db.select().from(subscriptions).where(eq(subscriptions.commentId, commentId)).get() ?? null;
    },
    async isConfirmed(email) {
      return Boolean(db.select({ e: mailRecipients.email }).from(mailRecipients).where(eq(mailRecipients.email, email)).get());
    },
    async optedOutSince(key, since) {
      return Boolean(db.select({ k: mailOptouts.emailKey }).from(mailOptouts).where(and(eq(mailOptouts.emailKey, key), gte(mailOptouts.createdAt, since))).get());
    },
    async claim(now, owner, leaseMs, limit) {
      // One statement: SQLite runs writers one at a time, so two instances never claim one row.
      const due = db
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(eq(outbox.status, 'queued'), lte(outbox.dueAt, now), or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, now))))
        .orderBy(outbox.dueAt, outbox.id)
        .limit(limit);
      const rows = db
        .update(outbox)
        .set({ leaseUntil: now + leaseMs, leaseOwner: owner })
        .where(inArray(outbox.id, due))
        .returning()
        .all();
      return rows.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
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
              // The address is needed no longer: the key alone times the next digest.
              recipient: null,
              leaseUntil: null,
              leaseOwner: null,
            };
      return db.update(outbox).set(done).where(held).run().changes > 0;
    },
    async deliveries({ status, kind, beforeId, limit }) {
      const where = and(status ? eq(outbox.status, status) : undefined, kind ? eq(outbox.kind, kind) : undefined, beforeId ? lt(outbox.id, beforeId) : undefined);
      return db.select().from(outbox).where(where).orderBy(desc(outbox.id)).limit(limit).all() as OutboxRow[];
    },
    async deliveryCounts() {
      const counts: Record<DeliveryStatus, number> = { queued: 0, sent: 0, failed: 0, dropped: 0 };
      const rows = db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all();
      for (const r of rows) counts[r.status] = r.n;
      return counts;
    },
    async prune(now, before, optoutsBefore) {
      return db.transaction((tx) => {
        let n = tx.delete(outbox).where(and(inArray(outbox.status, [...FINISHED]), lt(outbox.createdAt, before))).run().changes;
        n += tx.delete(mailTokens).where(lt(mailTokens.expiresAt, now)).run().changes;
        n += tx.delete(mailOptouts).where(lt(mailOptouts.createdAt, optoutsBefore)).run().changes;
        return n;
      });
    },
    async eraseEmail(email, key) {
      return db.transaction((tx) => {
        const { subs } = forget(tx, email, key);
        const deliveries = tx.delete(outbox).where(or(eq(outbox.recipient, email), eq(outbox.recipientKey, key))).run().changes;
        return { subscriptions: subs, deliveries };
      });
    },
  };
}
