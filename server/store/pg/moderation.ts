import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { PgDb } from '../../db/open-pg';
import { audit, bans, words } from '../../db/pg-schema';
import type { ModerationStore } from '../types';

export function pgModeration(db: PgDb): ModerationStore {
  return {
    async listWords(kind) {
      const q = db.select().from(words);
      // Byte order, as SQLite sorts text: the list reads the same on both engines whatever the database's locale.
      return (kind ? q.where(eq(words.kind, kind)) : q).orderBy(sql`${words.kind} collate "C"`, sql`${words.word} collate "C"`);
    },
    async addWords(kind, list) {
      if (list.length === 0) return 0;
      const now = Date.now();
      const added = await db
        .insert(words)
        .values(list.map((word) => ({ kind, word, createdAt: now })))
        .onConflictDoNothing()
        .returning({ id: words.id });
      return added.length;
    },
    async removeWord(id) {
      return (await db.delete(words).where(eq(words.id, id)).returning({ id: words.id })).length > 0;
    },
    async addBan(ban) {
      const [row] = await db.insert(bans).values(ban).returning();
      return row!;
    },
    async listBans() {
      return db.select().from(bans).orderBy(desc(bans.id));
    },
    async removeBan(id) {
      return (await db.delete(bans).where(eq(bans.id, id)).returning({ id: bans.id })).length > 0;
    },
    async activeBan({ email, reader, host }, now) {
      if (!email && !reader && !host) return null;
      // A null email, reader or host matches nothing (`= null` is never true).
      const [row] = await db
        .select()
        .from(bans)
        .where(and(or(eq(bans.email, email as string), eq(bans.reader, reader as string), eq(bans.host, host as string)), or(isNull(bans.until), gt(bans.until, now))))
        .limit(1);
      return row ?? null;
    },
    async addAudit(entry) {
      await db.insert(audit).values({ ...entry, actor: entry.actor ?? null });
    },
    async listAudit(beforeId, limit) {
      const q = db.select().from(audit);
      return (beforeId ? q.where(lt(audit.id, beforeId)) : q).orderBy(desc(audit.id)).limit(limit);
    },
  };
}
