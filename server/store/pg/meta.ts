import { eq, gt, sql } from 'drizzle-orm';
import type { PgDb } from '../../db/open-pg';
import { secrets, viewSeen } from '../../db/pg-schema';
import type { MetaStore } from '../types';

export function pgMeta(db: PgDb): MetaStore {
  return {
    async getSecret(name) {
      const [row] = await db.select().from(secrets).where(eq(secrets.name, name));
      return row?.value ?? null;
    },
    async setSecret(name, value) {
      // The first one stays: two instances starting at once on one database must agree.
      await db.insert(secrets).values({ name, value, createdAt: Date.now() }).onConflictDoNothing();
    },
    async loadViewSeen(now) {
      return db.select().from(viewSeen).where(gt(viewSeen.expiresAt, now));
    },
    async saveViewSeen(entries) {
      // Up to 200,000 rows at a clean stop: sent as two arrays, unnested by the server, in
      // chunks (one statement per chunk rather than a parameter per value).
      await db.transaction(async (tx) => {
        await tx.delete(viewSeen);
        for (let i = 0; i < entries.length; i += 20_000) {
          const chunk = entries.slice(i, i + 20_000);
          await tx.execute(
            sql`insert into ${viewSeen} (hash, expires_at) select * from unnest(${sql.param(chunk.map((e) => e.hash))}::text[], ${sql.param(chunk.map((e) => e.expiresAt))}::bigint[]) on conflict do nothing`,
          );
        }
      });
    },
    async integrityCheck() {
      // PostgreSQL checks its pages itself; what can be asked is whether it answers.
      await db.execute(sql`select 1`);
      return 'ok';
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
  };
}
