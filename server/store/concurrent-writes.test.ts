import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { freshStore, pgTestUrl, type Engine } from '../testing/engine';
import { commenterOf, utcDay } from './sqlite/daily';
import type { Store } from './types';

/**
 * Writes that touch the same rows at the same moment: posts and replies on one story, the
 * view batches of two instances and a moderator's decisions, all at once. On PostgreSQL they
 * lock the thread's row, its day and the site's day; taken in different orders they would
 * deadlock and a post would fail. Every write must succeed and the figures must add up.
 */
const ENGINES: { engine: Engine; available: boolean }[] = [
  { engine: 'sqlite', available: true },
  { engine: 'pg', available: pgTestUrl() !== null },
];

describe.each(ENGINES)('writes at once on $engine', ({ engine, available }) => {
  const open: Store[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it.runIf(available)('post, reply, count views and moderate on one story together without a failure, figures exact', async () => {
    const store = await freshStore(engine);
    open.push(store);
    const now = Date.now();
    const thread = await store.threads.ensure('breaking');
    const base = { threadId: thread.id, body: 'x', html: '<p>x</p>', editTokenHash: null, email: null, userId: null } as const;
    const roots = [];
    for (let i = 0; i < 6; i++) {
      roots.push(await store.comments.insert({ ...base, parentId: null, author: `Root ${i}`, status: 'published', reader: `root-${i}`, createdAt: now }));
    }

    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 80; i++) {
      // Every fourth post comes from a reader who posted a root earlier today: the day's
      // commenters count them once. (Two first comments of one reader at the same instant may
      // both count on PostgreSQL, as store/pg/daily.ts says; that race is not what this checks.)
      const reader = i % 4 === 0 ? `root-${(i / 4) % 4}` : `reader-${i}`;
      const parent = i % 3 === 0 ? roots[i % roots.length]! : null;
      // Half of them queue a webhook in their own transaction (the newsroom set a webhook URL),
      // the other half go through the posting queue's shared statements.
      const effects = i % 2 === 0 ? () => ({ now, keyOf: (email: string) => email, webhooks: [{ eventId: randomUUID(), body: '{}' }] }) : undefined;
      writes.push(
        store.comments.insert({ ...base, parentId: parent?.id ?? null, author: 'A', status: i % 10 === 9 ? 'pending' : 'published', reader, createdAt: now }, effects),
      );
      if (i % 8 === 0) writes.push(store.threads.addViews(new Map([['breaking', 2], ['other', 1]]), now));
      // Roots 4 and 5 take no replies: hiding and restoring them moves the counts without
      // turning away a reply posted meanwhile.
      if (i % 16 === 0) writes.push(store.comments.update(roots[4 + ((i / 16) % 2)]!.id, { status: i % 32 === 0 ? 'rejected' : 'published' }));
    }
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

    const rows = await store.comments.listByThread(thread.id);
    const published = rows.filter((c) => c.status === 'published');
    const fresh = (await store.threads.byId(thread.id))!;
    expect(fresh.publishedCount).toBe(published.length);
    expect(fresh.views).toBe(20);
    const [day] = await store.stats.days(utcDay(now), utcDay(now), thread.id);
    expect(day).toMatchObject({
      views: 20,
      comments: published.length,
      replies: published.filter((c) => c.parentId !== null).length,
      commenters: new Set(published.map(commenterOf)).size,
    });
  });
});
