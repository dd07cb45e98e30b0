import { asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { userIgnores, users } from '../../db/schema';
import type { ExportUserRow, ImportOpResult, ImportUserOp, UserRow } from '../types';

/**
 * Signed-in users in Footnote's export, on SQLite: written by an import batch (in its
 * transaction) and read a page at a time by the export. Ids are compared as bytes, SQLite's
 * default, which PostgreSQL's engine asks for by name: both export users in one order.
 */
export function sqliteArchiveUsers(db: Db) {
  const q = {
    taken: db
      .select({ id: users.id })
      .from(users)
      .where(or(eq(users.id, sql.placeholder('id')), eq(users.ssoId, sql.placeholder('ssoId'))))
      .limit(1)
      .prepare(),
    exists: db.select({ id: users.id }).from(users).where(eq(users.id, sql.placeholder('id'))).prepare(),
  };

  return {
    /** Adds the user and their ignore list, unless their id or newsroom id is stored already. */
    write(op: ImportUserOp): ImportOpResult {
      if (q.taken.get({ id: op.user.id, ssoId: op.user.ssoId })) return 'existing';
      db.insert(users).values(op.user).run();
      if (op.ignored.length > 0) {
        db.insert(userIgnores)
          .values(op.ignored.map((i) => ({ userId: op.user.id, ignoredId: i.id, createdAt: i.at })))
          .onConflictDoNothing()
          .run();
      }
      return 'created';
    },

    /** The comment's author id if that user is stored here, else null (the comment stays a guest's). */
    knownUser(id: string | null): string | null {
      return id !== null && q.exists.get({ id }) ? id : null;
    },

    exportUsers(afterId: string, limit: number): ExportUserRow[] {
      const page = db.select().from(users).where(gt(users.id, afterId)).orderBy(asc(users.id)).limit(limit).all();
      if (page.length === 0) return [];
      const ignores = db
        .select()
        .from(userIgnores)
        .where(inArray(userIgnores.userId, page.map((u) => u.id)))
        .orderBy(asc(userIgnores.createdAt), asc(userIgnores.ignoredId))
        .all();
      return withIgnores(page, ignores);
    },
  };
}

/** Each user with their ignore entries (already in order), for either engine. */
export function withIgnores(page: UserRow[], ignores: { userId: string; ignoredId: string; createdAt: number }[]): ExportUserRow[] {
  const by = new Map<string, { id: string; at: number }[]>(page.map((u) => [u.id, []]));
  for (const i of ignores) by.get(i.userId)?.push({ id: i.ignoredId, at: i.createdAt });
  return page.map((u) => ({ ...u, ignored: by.get(u.id) ?? [] }));
}
