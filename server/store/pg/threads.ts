import { asc, eq, gt, sql } from 'drizzle-orm';
import type { PgDb } from '../../db/open-pg';
import { Batcher } from '../../lib/batcher';
import { threads } from '../../db/pg-schema';
import { utcDay } from '../sqlite/daily';
import { StoreError, type ThreadRow, type ThreadStore } from '../types';
import { pgDaily } from './daily';

export function pgThreads(db: PgDb): ThreadStore {
  const ensure = async (key: string, meta: { title?: string | null; url?: string | null } = {}): Promise<ThreadRow> => {
    // One statement: create on first use, fill title/url only where still empty.
    const [row] = await db
      .insert(threads)
      .values({ key, title: meta.title ?? null, url: meta.url ?? null, createdAt: Date.now() })
      .onConflictDoUpdate({
        target: threads.key,
        set: {
          title: sql`coalesce(${threads.title}, excluded.title)`,
          url: sql`coalesce(${threads.url}, excluded.url)`,
        },
      })
      .returning();
    return row!;
  };

  // Threads by key, for `getMany` and for `get`: every post reads its thread's row (which the
  // post before it changed), and reads arriving together share one query (`Batcher`).
  const byKeys = db
    .select()
    .from(threads)
    .where(sql`${threads.key} = any(${sql.placeholder('keys')}::text[])`)
    .prepare('footnote_threads_by_keys');
  const gets = new Batcher<string, ThreadRow | null>(async (keys) => {
    const rows = await byKeys.execute({ keys: [...new Set(keys)] });
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });

  return {
    get: (key) => gets.add(key),
    async byId(id) {
      const [row] = await db.select().from(threads).where(eq(threads.id, id));
      return row ?? null;
    },
    async getMany(keys) {
      if (keys.length === 0) return [];
      return byKeys.execute({ keys: [...new Set(keys)] });
    },
    ensure,
    async update(key, patch) {
      const set: Partial<typeof threads.$inferInsert> = {};
      if (patch.closed !== undefined) set.closed = patch.closed;
      if (patch.moderation !== undefined) set.moderation = patch.moderation;
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.url !== undefined) set.url = patch.url;
      if (patch.closedAt !== undefined) set.closedAt = patch.closedAt;
      if (patch.keepOpen !== undefined) set.keepOpen = patch.keepOpen;
      await ensure(key);
      if (Object.keys(set).length === 0) return ensure(key);
      const [row] = await db.update(threads).set(set).where(eq(threads.key, key)).returning();
      if (!row) throw new StoreError('thread_missing', `thread ${key} is gone`);
      return row;
    },
    async addViews(deltas, at = Date.now()) {
      if (deltas.size === 0) return;
      // Keys in a fixed order: two instances flushing the same threads lock their rows in the
      // same order, so they wait for each other, never deadlock.
      const values = [...deltas].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, views]) => ({ key, views, createdAt: at }));
      await db.transaction(async (tx) => {
        // One statement for the counts; the day's figures in the same transaction, so their sum stays the count.
        const rows = await tx
          .insert(threads)
          .values(values)
          .onConflictDoUpdate({ target: threads.key, set: { views: sql`${threads.views} + excluded.views` } })
          .returning({ id: threads.id, key: threads.key });
        await pgDaily.views(tx, utcDay(at), rows.map((r) => ({ id: r.id, views: deltas.get(r.key)! })));
      });
    },
    async listAll(afterId, limit) {
      return db.select().from(threads).where(gt(threads.id, afterId)).orderBy(asc(threads.id)).limit(limit);
    },
  };
}
