import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import { userIgnores, users } from '../../db/pg-schema';
import { withIgnores } from '../sqlite/archive-users';
import type { ExportUserRow, ImportOpResult, ImportUserOp } from '../types';
import type { PgTx } from './comment-writes';

/** Ids in byte order, as SQLite compares them: the database's collation may sort `u_B` after `u_a`. */
const bytes = (col: typeof users.id | typeof userIgnores.ignoredId) => sql`${col} collate "C"`;

/** Signed-in users in Footnote's export, on PostgreSQL: the same decisions as `sqlite/archive-users.ts`. */
export const pgArchiveUsers = {
  async write(tx: PgTx, op: ImportUserOp): Promise<ImportOpResult> {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(or(eq(users.id, op.user.id), eq(users.ssoId, op.user.ssoId)))
      .limit(1);
    if (taken) return 'existing';
    await tx.insert(users).values(op.user);
    if (op.ignored.length > 0) {
      await tx
        .insert(userIgnores)
        .values(op.ignored.map((i) => ({ userId: op.user.id, ignoredId: i.id, createdAt: i.at })))
        .onConflictDoNothing();
    }
    return 'created';
  },

  async knownUser(tx: PgTx, id: string | null): Promise<string | null> {
    if (id === null) return null;
    const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.id, id));
    return row ? id : null;
  },

  async exportUsers(tx: PgTx, afterId: string, limit: number): Promise<ExportUserRow[]> {
    const page = await tx
      .select()
      .from(users)
      .where(sql`${bytes(users.id)} > ${afterId}`)
      .orderBy(bytes(users.id))
      .limit(limit);
    if (page.length === 0) return [];
    const ignores = await tx
      .select()
      .from(userIgnores)
      .where(inArray(userIgnores.userId, page.map((u) => u.id)))
      .orderBy(asc(userIgnores.createdAt), bytes(userIgnores.ignoredId));
    return withIgnores(page, ignores);
  },
};
