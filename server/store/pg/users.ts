import { and, desc, eq, like, or, sql } from 'drizzle-orm';
import { COMMENT_STATUSES, type CommentStatus } from '../../../contract';
import type { PgDb } from '../../db/open-pg';
import { audit, bans, comments, reactions, reports, threads, userIgnores, users } from '../../db/pg-schema';
import type { UserComment, UserStore } from '../types';
import type { PgTx } from './comment-writes';
import { eraseCommentsIn } from './erase-comments';

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const count = () => sql<number>`count(*)`.mapWith(Number);

/** Readers signed in with the newsroom's accounts, on PostgreSQL: the same as `sqlite/users.ts`. */
export function pgUsers(db: PgDb): UserStore {
  const userComments = async (tx: PgTx, id: string, limit?: number): Promise<UserComment[]> => {
    const q = tx
      .select({ c: comments, threadKey: threads.key, threadTitle: threads.title, threadUrl: threads.url })
      .from(comments)
      .innerJoin(threads, eq(threads.id, comments.threadId))
      .where(eq(comments.userId, id))
      .orderBy(desc(comments.createdAt), desc(comments.id));
    const rows = limit === undefined ? await q : await q.limit(limit);
    return rows.map((r) => ({ ...r.c, threadKey: r.threadKey, threadTitle: r.threadTitle, threadUrl: r.threadUrl }));
  };
  const byId = async (tx: PgTx, id: string) => (await tx.select().from(users).where(eq(users.id, id)))[0] ?? null;

  return {
    async upsert(claims, shownBadges, now, newId, seenEveryMs) {
      return db.transaction(async (tx) => {
        // Locked: the same user signing in on two instances at once is created once.
        const [found] = await tx.select().from(users).where(eq(users.ssoId, claims.ssoId)).for('update');
        if (!found) {
          const [created] = await tx
            .insert(users)
            .values({ id: newId(), ...claims, firstSeen: now, lastSeen: now })
            .onConflictDoNothing({ target: users.ssoId })
            .returning();
          // Another instance created them between the look and the insert: theirs stands.
          const user = created ?? (await tx.select().from(users).where(eq(users.ssoId, claims.ssoId)))[0]!;
          return { user, renamed: false };
        }
        const changed =
          found.username !== claims.username ||
          found.email !== claims.email ||
          found.role !== claims.role ||
          found.url !== claims.url ||
          !sameList(found.badges, claims.badges);
        if (!changed && now - found.lastSeen < seenEveryMs) return { user: found, renamed: false };
        const [user] = await tx.update(users).set({ ...claims, lastSeen: now }).where(eq(users.id, found.id)).returning();
        const renamed = await tx
          .update(comments)
          .set({ author: claims.username, badges: shownBadges })
          .where(
            and(
              eq(comments.userId, found.id),
              or(sql`${comments.author} <> ${claims.username}`, sql`${comments.badges} <> ${JSON.stringify(shownBadges)}::jsonb`),
            ),
          )
          .returning({ id: comments.id });
        return { user: user!, renamed: renamed.length > 0 };
      });
    },

    async get(id) {
      return byId(db, id);
    },

    async update(id, patch) {
      const set: Partial<typeof users.$inferInsert> = {};
      if (patch.premod !== undefined) set.premod = patch.premod;
      if (patch.note !== undefined) set.note = patch.note;
      if (Object.keys(set).length === 0) return byId(db, id);
      return (await db.update(users).set(set).where(eq(users.id, id)).returning())[0] ?? null;
    },

    async countsByStatus(id) {
      const counts = Object.fromEntries(COMMENT_STATUSES.map((s) => [s, 0])) as Record<CommentStatus, number>;
      const rows = await db.select({ status: comments.status, n: count() }).from(comments).where(eq(comments.userId, id)).groupBy(comments.status);
      for (const r of rows) counts[r.status] = r.n;
      return counts;
    },

    async publishedBy(who) {
      const by = 'userId' in who ? eq(comments.userId, who.userId) : eq(comments.email, who.email);
      return (await db.select({ n: count() }).from(comments).where(and(by, eq(comments.status, 'published'))))[0]?.n ?? 0;
    },

    async comments(id, limit) {
      return userComments(db, id, limit);
    },

    async ignore(userId, ignoredId, now) {
      await db.insert(userIgnores).values({ userId, ignoredId, createdAt: now }).onConflictDoNothing();
    },
    async unignore(userId, ignoredId) {
      await db.delete(userIgnores).where(and(eq(userIgnores.userId, userId), eq(userIgnores.ignoredId, ignoredId)));
    },
    async ignored(userId) {
      const rows = await db.select({ id: userIgnores.ignoredId }).from(userIgnores).where(eq(userIgnores.userId, userId)).orderBy(userIgnores.createdAt);
      return rows.map((r) => r.id);
    },

    async threadKeys(id) {
      const rows = await db
        .selectDistinct({ key: threads.key })
        .from(comments)
        .innerJoin(threads, eq(threads.id, comments.threadId))
        .where(eq(comments.userId, id));
      return rows.map((r) => r.key);
    },

    async erase(id, mask) {
      return db.transaction(async (tx) => {
        const [user] = await tx.select().from(users).where(eq(users.id, id)).for('update');
        if (!user) return null;
        const erased = await eraseCommentsIn(tx, await userComments(tx, id));
        await tx.delete(userIgnores).where(or(eq(userIgnores.userId, id), eq(userIgnores.ignoredId, id)));
        const bansRemoved = (await tx.delete(bans).where(eq(bans.reader, `u:${id}`)).returning({ id: bans.id })).length;
        await tx.update(reactions).set({ reader: mask }).where(eq(reactions.reader, `u:${id}`));
        await tx.update(reports).set({ reader: mask }).where(eq(reports.reader, `u:${id}`));
        const actorLike = `%${JSON.stringify(user.ssoId).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const named = await tx
          .select({ id: audit.id, targetId: audit.targetId, actor: audit.actor, detail: audit.detail })
          .from(audit)
          .where(or(eq(audit.targetId, id), like(audit.detail, `%${id}%`), sql`${audit.actor} like ${actorLike} escape '\\'`));
        for (const r of named) {
          await tx
            .update(audit)
            .set({
              targetId: r.targetId === id ? mask : r.targetId,
              detail: r.detail?.split(id).join(mask) ?? null,
              actor: r.actor?.includes(JSON.stringify(user.ssoId)) ? JSON.stringify({ id: mask, name: '[erased]' }) : r.actor,
            })
            .where(eq(audit.id, r.id));
        }
        await tx.delete(users).where(eq(users.id, id));
        return { comments: erased, bansRemoved, auditScrubbed: named.length };
      });
    },
  } satisfies UserStore;
}
