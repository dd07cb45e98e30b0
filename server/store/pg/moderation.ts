import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { PgDb } from '../../db/open-pg';
import { audit, bans, words } from '../../db/pg-schema';
import { Batcher } from '../../lib/batcher';
import type { BanRow, ModerationStore } from '../types';

type BanLookup = { email: string | null; reader: string | null; host: string | null; now: number };

export function pgModeration(db: PgDb): ModerationStore {
  // Every post asks; posts arriving together share one query (`Batcher`). A null email,
  // reader or host matches nothing, as `= null` would not.
  const bansOf = db
    .select()
    .from(bans)
    .where(
      and(
        or(sql`${bans.email} = any(${sql.placeholder('emails')}::text[])`, sql`${bans.reader} = any(${sql.placeholder('readers')}::text[])`, sql`${bans.host} = any(${sql.placeholder('hosts')}::text[])`),
        or(isNull(bans.until), gt(bans.until, sql.placeholder('now'))),
      ),
    )
    .prepare('footnote_bans_of');
  const banLookups = new Batcher<BanLookup, BanRow | null>(async (lookups) => {
    const fields = ['email', 'reader', 'host'] as const;
    const values = (f: (typeof fields)[number]) => [...new Set(lookups.map((l) => l[f]).filter((v): v is string => v !== null))];
    const rows = await bansOf.execute({ emails: values('email'), readers: values('reader'), hosts: values('host'), now: Math.min(...lookups.map((l) => l.now)) });
    return lookups.map((l) => rows.find((b) => (b.until === null || b.until > l.now) && fields.some((f) => l[f] !== null && b[f] === l[f])) ?? null);
  });

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
    activeBan: (who, now) => (who.email || who.reader || who.host ? banLookups.add({ ...who, now }) : Promise.resolve(null)),
    async addAudit(entry) {
      await db.insert(audit).values({ ...entry, actor: entry.actor ?? null });
    },
    async listAudit(beforeId, limit) {
      const q = db.select().from(audit);
      return (beforeId ? q.where(lt(audit.id, beforeId)) : q).orderBy(desc(audit.id)).limit(limit);
    },
  };
}
