import type Database from 'better-sqlite3';
import { eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { secrets, viewSeen } from '../../db/schema';
import type { MetaStore } from '../types';

export function sqliteMeta(db: Db, sqlite: Database.Database): MetaStore {
  return {
    async getSecret(name) {
      return db.select().from(secrets).where(eq(secrets.name, name)).get()?.value ?? null;
    },
    async setSecret(name, value) {
      db.insert(secrets)
        .values({ name, value, createdAt: Date.now() })
        // The first one stays: two instances starting at once on one database must agree.
        .onConflictDoNothing()
        .run();
    },
    async loadViewSeen(now) {
      return db.select().from(viewSeen).where(gt(viewSeen.expiresAt, now)).all();
    },
    async saveViewSeen(entries) {
      // Up to 200,000 rows at a clean stop: one prepared statement, not a query built per row.
      const insert = sqlite.prepare<[string, number]>('insert or ignore into view_seen (hash, expires_at) values (?, ?)');
      sqlite.transaction(() => {
        sqlite.prepare('delete from view_seen').run();
        for (const e of entries) insert.run(e.hash, e.expiresAt);
      })();
    },
    async integrityCheck() {
      return String(sqlite.pragma('integrity_check', { simple: true }));
    },
    async ping() {
      sqlite.prepare('select 1').get();
    },
  };
}
