import { and, desc, eq, like, or, sql } from 'drizzle-orm';
import { COMMENT_STATUSES, type CommentStatus } from '../../../contract';
import type { Db } from '../../db/open';
import { audit, bans, comments, reactions, reports, threads, userIgnores, users } from '../../db/schema';
import type { UserComment, UserStore } from '../types';
import { dailyWrites } from './daily';
import { eraseCommentsIn } from './erase-comments';

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Readers signed in with the newsroom's accounts, on SQLite. */
export function sqliteUsers(db: Db): UserStore {
  const daily = dailyWrites(db);
  const bySsoId = db.select().from(users).where(eq(users.ssoId, sql.placeholder('ssoId'))).prepare();
  const byId = db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare();

  const userComments = (tx: Pick<Db, 'select'>, id: string, limit?: number): UserComment[] => {
    const q = tx
      .select({ c: comments, threadKey: threads.key, threadTitle: threads.title, threadUrl: threads.url })
      .from(comments)
      .innerJoin(threads, eq(threads.id, comments.threadId))
      .where(eq(comments.userId, id))
      .orderBy(desc(comments.createdAt), desc(comments.id));
    return (limit === undefined ? q.all() : q.limit(limit).all()).map((r) => ({ ...r.c, threadKey: r.threadKey, threadTitle: r.threadTitle, threadUrl: r.threadUrl }));
  };

  return {
    async upsert(claims, shownBadges, now, newId, seenEveryMs) {
      return db.transaction((tx) => {
        const found = bySsoId.get({ ssoId: claims.ssoId });
        if (!found) {
          const user = tx
            .insert(users)
            .values({ id: newId(), ...claims, firstSeen: now, lastSeen: now })
            .returning()
            .get();
          return { user, renamed: false };
        }
        const changed =
          found.username !== claims.username ||
          found.email !== claims.email ||
          found.role !== claims.role ||
          found.url !== claims.url ||
          !sameList(found.badges, claims.badges);
        if (!changed && now - found.lastSeen < seenEveryMs) return { user: found, renamed: false };
        const user = tx.update(users).set({ ...claims, lastSeen: now }).where(eq(users.id, found.id)).returning().get()!;
        // Past comments show the author as they are now (docs/sso.md): the name is a person's,
        // not a string typed once. Only rows that differ are touched.
        const renamed = tx
          .update(comments)
          .set({ author: claims.username, badges: shownBadges })
          .where(
            and(
              eq(comments.userId, found.id),
              or(sql`${comments.author} <> ${claims.username}`, sql`${comments.badges} <> ${JSON.stringify(shownBadges)}`),
            ),
          )
          .run().changes;
        return { user, renamed: renamed > 0 };
      });
    },

    async get(id) {
      return byId.get({ id }) ?? null;
    },

    async update(id, patch) {
      const set: Partial<typeof users.$inferInsert> = {};
      if (patch.premod !== undefined) set.premod = patch.premod;
      if (patch.note !== undefined) set.note = patch.note;
      if (Object.keys(set).length === 0) return byId.get({ id }) ?? null;
      return db.update(users).set(set).where(eq(users.id, id)).returning().get() ?? null;
    },

    async countsByStatus(id) {
      const counts = Object.fromEntries(COMMENT_STATUSES.map((s) => [s, 0])) as Record<CommentStatus, number>;
      const rows = db
        .select({ status: comments.status, n: sql<number>`count(*)` })
        .from(comments)
        .where(eq(comments.userId, id))
        .groupBy(comments.status)
        .all();
      for (const r of rows) counts[r.status] = r.n;
      return counts;
    },

    async publishedBy(who) {
      const by = 'userId' in who ? eq(comments.userId, who.userId) : eq(comments.email, who.email);
      return db.select({ n: sql<number>`count(*)` }).from(comments).where(and(by, eq(comments.status, 'published'))).get()?.n ?? 0;
    },

    async comments(id, limit) {
      return userComments(db, id, limit);
    },

    async ignore(userId, ignoredId, now) {
      db.insert(userIgnores).values({ userId, ignoredId, createdAt: now }).onConflictDoNothing().run();
    },
    async unignore(userId, ignoredId) {
      db.delete(userIgnores).where(and(eq(userIgnores.userId, userId), eq(userIgnores.ignoredId, ignoredId))).run();
    },
    async ignored(userId) {
      return db
        .select({ id: userIgnores.ignoredId })
        .from(userIgnores)
        .where(eq(userIgnores.userId, userId))
        .orderBy(userIgnores.createdAt)
        .all()
        .map((r) => r.id);
    },

    async threadKeys(id) {
      return db
        .selectDistinct({ key: threads.key })
        .from(comments)
        .innerJoin(threads, eq(threads.id, comments.threadId))
        .where(eq(comments.userId, id))
        .all()
        .map((r) => r.key);
    },

    async erase(id, mask) {
      return db.transaction((tx) => {
        const user = tx.select().from(users).where(eq(users.id, id)).get();
        if (!user) return null;
        const erased = eraseCommentsIn(tx, userComments(tx, id), daily);
        tx.delete(userIgnores).where(or(eq(userIgnores.userId, id), eq(userIgnores.ignoredId, id))).run();
        const bansRemoved = tx.delete(bans).where(eq(bans.reader, `u:${id}`)).run().changes;
        // Their reactions and reports stay counted (a comment's numbers do not jump) but no
        // longer name them: the key becomes the mask, which leads nowhere.
        tx.update(reactions).set({ reader: mask }).where(eq(reactions.reader, `u:${id}`)).run();
        tx.update(reports).set({ reader: mask }).where(eq(reports.reader, `u:${id}`)).run();
        // Entries naming them: as the target (their id), or as the moderator who acted (their
        // newsroom id in `actor`). The entry stays, so the trail still shows something happened.
        const actorLike = `%${JSON.stringify(user.ssoId).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const named = tx
          .select({ id: audit.id, targetId: audit.targetId, actor: audit.actor, detail: audit.detail })
          .from(audit)
          .where(or(eq(audit.targetId, id), like(audit.detail, `%${id}%`), sql`${audit.actor} like ${actorLike} escape '\\'`))
          .all();
        for (const r of named) {
          tx.update(audit)
            .set({
              targetId: r.targetId === id ? mask : r.targetId,
              detail: r.detail?.split(id).join(mask) ?? null,
              actor: r.actor?.includes(JSON.stringify(user.ssoId)) ? JSON.stringify({ id: mask, name: '[erased]' }) : r.actor,
            })
            .where(eq(audit.id, r.id))
            .run();
        }
        tx.delete(users).where(eq(users.id, id)).run();
        return { comments: erased, bansRemoved, auditScrubbed: named.length };
      });
    },
  } satisfies UserStore;
}

