import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { audit, bans, words } from '../../db/schema';
import type { ModerationStore } from '../types';

export function sqliteModeration(db: Db): ModerationStore {
  // Asked on every post: prepared once. A null email, reader or host matches nothing. Emails
  // are stored and asked in one form (`normalEmail`), so equality finds every spelling.
  const activeBanQuery = db
    .select()
    .from(bans)
    .where(
      and(
        or(eq(bans.email, sql.placeholder('email')), eq(bans.reader, sql.placeholder('reader')), eq(bans.host, sql.placeholder('host'))),
        or(isNull(bans.until), gt(bans.until, sql.placeholder('now'))),
      ),
    )
    .limit(1)
    .prepare();
  return {
    async listWords(kind) {
      const q = db.select().from(words);
      return (kind ? q.where(eq(words.kind, kind)) : q).orderBy(words.kind, words.word).all();
    },
    async addWords(kind, list) {
      const now = Date.now();
      return db.transaction((tx) => {
        let added = 0;
        for (const word of list) {
          added += tx.insert(words).values({ kind, word, createdAt: now }).onConflictDoNothing().run().changes;
        }
        return added;
      });
    },
    async removeWord(id) {
      return db.delete(words).where(eq(words.id, id)).run().changes > 0;
    },
    async addBan(ban) {
      return db.insert(bans).values(ban).returning().get();
    },
    async listBans() {
      return db.select().from(bans).orderBy(desc(bans.id)).all();
    },
    async removeBan(id) {
      return db.delete(bans).where(eq(bans.id, id)).run().changes > 0;
    },
    async activeBan({ email, reader, host }, now) {
      if (!email && !reader && !host) return null;
      return activeBanQuery.get({ email, reader, host, now }) ?? null;
    },
    async addAudit(entry) {
      db.insert(audit).values({ ...entry, actor: entry.actor ?? null }).run();
    },
    async listAudit(beforeId, limit) {
      const q = db.select().from(audit);
      return (beforeId ? q.where(lt(audit.id, beforeId)) : q).orderBy(desc(audit.id)).limit(limit).all();
    },
  };
}
