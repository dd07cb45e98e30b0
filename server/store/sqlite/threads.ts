import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { threads } from '../../db/schema';
import { StoreError, type ThreadRow, type ThreadStore } from '../types';
import { dailyWrites, utcDay } from './daily';

export function sqliteThreads(db: Db): ThreadStore {
  const daily = dailyWrites(db);
  // The view flush writes every thread seen in the last second: its statement is prepared once.
  const addThreadViews = db
    .insert(threads)
    .values({ key: sql.placeholder('key'), views: sql.placeholder('n'), createdAt: sql.placeholder('at') })
    .onConflictDoUpdate({ target: threads.key, set: { views: sql`${threads.views} + excluded.views` } })
    .returning({ id: threads.id })
    .prepare();
  // The day's figures move in the same transaction as the counts: their sum stays the count.
  const addViewsTx = db.$client.transaction((deltas: ReadonlyMap<string, number>, at: number) => {
    const day = utcDay(at);
    let total = 0;
    for (const [key, n] of deltas) {
      daily.threadViews(addThreadViews.get({ key, n, at })!.id, day, n);
      total += n;
    }
    daily.siteViews(day, total);
  });
  const byKey = db.select().from(threads).where(eq(threads.key, sql.placeholder('key'))).prepare();

  const ensureSync = (key: string, meta: { title?: string | null; url?: string | null } = {}): ThreadRow => {
    const title = meta.title ?? null;
    const url = meta.url ?? null;
    // One statement: create on first use, fill title/url only where still empty.
    return db
      .insert(threads)
      .values({ key, title, url, createdAt: Date.now() })
      .onConflictDoUpdate({
        target: threads.key,
        set: {
          title: sql`coalesce(${threads.title}, excluded.title)`,
          url: sql`coalesce(${threads.url}, excluded.url)`,
        },
      })
      .returning()
      .get();
  };

  return {
    async get(key) {
      return byKey.get({ key }) ?? null;
    },
    async byId(id) {
      return db.select().from(threads).where(eq(threads.id, id)).get() ?? null;
    },
    async getMany(keys) {
      if (keys.length === 0) return [];
      return db.select().from(threads).where(inArray(threads.key, [...keys])).all();
    },
    async ensure(key, meta) {
      return ensureSync(key, meta);
    },
    async update(key, patch) {
      ensureSync(key);
      const set: Partial<typeof threads.$inferInsert> = {};
      if (patch.closed !== undefined) set.closed = patch.closed;
      if (patch.closedAt !== undefined) set.closedAt = patch.closedAt;
      if (patch.keepOpen !== undefined) set.keepOpen = patch.keepOpen;
      if (patch.moderation !== undefined) set.moderation = patch.moderation;
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.url !== undefined) set.url = patch.url;
      if (Object.keys(set).length === 0) return ensureSync(key);
      const row = db.update(threads).set(set).where(eq(threads.key, key)).returning().get();
      if (!row) throw new StoreError('thread_missing', `thread ${key} is gone`);
      return row;
    },
    async addViews(deltas, at = Date.now()) {
      if (deltas.size === 0) return;
      addViewsTx(deltas, at);
    },
    async listAll(afterId, limit) {
      return db.select().from(threads).where(gt(threads.id, afterId)).orderBy(asc(threads.id)).limit(limit).all();
    },
  };
}
