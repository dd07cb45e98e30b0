import { afterEach, describe, expect, it } from 'vitest';
import type { CommentStatus } from '../../contract';
import { freshStore, pgTestUrl, type Engine } from '../testing/engine';
import { commenterOf, utcDay } from './sqlite/daily';
import type { CommentRow, DayRow, Store } from './types';

/**
 * The daily figures (store/types.ts `StatsStore`, kept by every write that moves a count),
 * checked on every engine: SQLite always, PostgreSQL where the run has a database.
 */
const ENGINES: { engine: Engine; available: boolean }[] = [
  { engine: 'sqlite', available: true },
  { engine: 'pg', available: pgTestUrl() !== null },
];

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20);

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Tally = DayRow & { who: Set<string> };
const blank = (day: string): Tally => ({ day, views: 0, comments: 0, commenters: 0, replies: 0, rejected: 0, who: new Set() });

/** The figures recomputed from the comments as they are now: what the kept ones must equal. */
async function recount(store: Store, threadIds: number[]) {
  const perThread = new Map<number, Map<string, Tally>>();
  const site = new Map<string, Tally>();
  for (const id of threadIds) {
    const days = new Map<string, Tally>();
    for (const c of await store.comments.listByThread(id)) {
      const day = utcDay(c.createdAt);
      const d = days.get(day) ?? blank(day);
      const s = site.get(day) ?? blank(day);
      days.set(day, d);
      site.set(day, s);
      for (const f of [d, s]) {
        if (c.status === 'published') {
          f.comments++;
          if (c.parentId !== null) f.replies++;
          f.who.add(commenterOf(c));
          f.commenters = f.who.size;
        }
        // Only what the desk rejected or marked spam: not what came in as spam.
        if (c.statusByDesk && (c.status === 'rejected' || c.status === 'spam')) f.rejected++;
      }
    }
    perThread.set(id, days);
  }
  return { perThread, site };
}

/** What the kept rows say, zero rows and views left out (the recount knows no views). */
const comparable = (rows: DayRow[]) =>
  rows
    .filter((r) => r.comments || r.commenters || r.replies || r.rejected)
    .map((r) => ({ day: r.day, comments: r.comments, commenters: r.commenters, replies: r.replies, rejected: r.rejected }))
    .sort((a, b) => a.day.localeCompare(b.day));

describe.each(ENGINES)('daily figures on $engine', ({ engine, available }) => {
  const open: Store[] = [];
  const fresh = async () => {
    const store = await freshStore(engine);
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it.runIf(available)('stay equal to a recount from the comments through posts, decisions, erasures and imports', async () => {
    const store = await fresh();
    const next = random(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const threads = [await store.threads.ensure('a'), await store.threads.ensure('b'), await store.threads.ensure('c')];
    const emails = ['ann@example.com', 'bob@example.com', null, null];
    const statuses: CommentStatus[] = ['published', 'published', 'pending', 'rejected', 'spam'];
    // The comments as they are now, refreshed after each step that may have changed them.
    const live = new Map<number, CommentRow>();
    const refresh = async (ids: Iterable<number>) => {
      for (const id of [...ids]) {
        const row = await store.comments.get(id);
        if (row) live.set(id, row);
        else live.delete(id);
      }
    };
    for (let step = 0; step < 300; step++) {
      const roll = next();
      const rows = [...live.values()];
      if (roll < 0.5 || rows.length < 5) {
        const thread = pick(threads);
        const parents = rows.filter((c) => c.threadId === thread.id && c.status === 'published');
        const parent = parents.length && next() < 0.4 ? pick(parents) : null;
        const row = await store.comments.insert({
          threadId: thread.id, parentId: parent?.id ?? null, author: pick(['Ann', 'Bob', 'Cy']), email: pick(emails),
          body: 'x', html: '<p>x</p>', status: pick(statuses), reader: pick(['r1', 'r2', 'r3']), editTokenHash: null,
          createdAt: T0 + Math.floor(next() * 4 * DAY), userId: pick([null, null, 'u1', 'u2']),
        });
        live.set(row.id, row);
      } else if (roll < 0.85) {
        const c = pick(rows);
        // The desk's decision (as moderateComment sends it), or a change of status by the checks.
        const desk = next() < 0.6 ? { statusByDesk: true, reportsReviewed: true } : {};
        await store.comments.update(c.id, { status: pick(statuses), ...desk, ...(next() < 0.1 ? { email: pick(emails) } : {}) });
        await refresh([c.id]);
      } else if (roll < 0.95) {
        const c = pick(rows);
        await store.comments.erase(c.id);
        await refresh([c.id]);
      } else if (roll < 0.97) {
        await store.archive.eraseByEmail('bob@example.com', { keepBans: false, mask: '[erased]' });
        await refresh(live.keys());
      } else {
        await store.archive.importBatch(
          [{ kind: 'comment', importKey: `x:${step}`, threadKey: pick(threads).key, parentKey: null, localId: null, parentLocalId: null,
            author: pick(['Old', 'Older']), email: null, body: 'o', html: '<p>o</p>', status: pick(statuses), featured: false, reactions: 0,
            createdAt: T0 + Math.floor(next() * 4 * DAY), editedAt: null, userId: null, badges: [],
            // Moved from another engine: some of its statuses are the desk's.
            statusByDesk: next() < 0.5, decidedAt: null }],
          T0,
        );
      }
    }

    const expected = await recount(store, threads.map((t) => t.id));
    const from = utcDay(T0 - DAY);
    const to = utcDay(T0 + 5 * DAY);
    for (const t of threads) {
      const days = await store.stats.days(from, to, t.id);
      expect(comparable(days), t.key).toEqual(comparable([...(expected.perThread.get(t.id)?.values() ?? [])]));
      expect(days.reduce((n, d) => n + d.comments, 0)).toBe((await store.threads.byId(t.id))!.publishedCount);
    }
    expect(comparable(await store.stats.days(from, to))).toEqual(comparable([...expected.site.values()]));
    // The walk went through both kinds of rejection.
    const rejectedNow = [...live.values()].filter((c) => c.status === 'rejected' || c.status === 'spam');
    expect(rejectedNow.some((c) => c.statusByDesk)).toBe(true);
    expect(rejectedNow.some((c) => !c.statusByDesk)).toBe(true);
  });

  it.runIf(available)('count as rejected what the desk rejected or marked spam, not what the checks caught', async () => {
    const store = await fresh();
    const a = await store.threads.ensure('a');
    const post = (status: CommentStatus, minute: number) =>
      store.comments.insert({ threadId: a.id, parentId: null, author: 'Ann', email: null, body: 'x', html: '<p>x</p>', status, reader: `r${minute}`, editTokenHash: null, createdAt: T0 + minute * 60_000 });
    const desk = (id: number, status: CommentStatus) => store.comments.update(id, { status, statusByDesk: true, reportsReviewed: true });
    const rejected = async () => (await store.stats.days(utcDay(T0), utcDay(T0), a.id))[0]?.rejected ?? 0;

    const caught = await post('spam', 1); // the checks' spam at posting: not the desk's
    expect(await rejected()).toBe(0);
    const confirmed = await post('spam', 2);
    await desk(confirmed.id, 'spam'); // the desk leaves it as it was: still not a desk decision
    expect((await store.comments.get(confirmed.id))!.statusByDesk).toBe(false);
    expect(await rejected()).toBe(0);

    const freed = await post('spam', 3);
    await desk(freed.id, 'published'); // approved by the desk ...
    expect(await rejected()).toBe(0);
    await desk(freed.id, 'rejected'); // ... then rejected by it: one
    expect(await rejected()).toBe(1);
    await desk(freed.id, 'spam'); // rejected to spam: still one
    expect(await rejected()).toBe(1);

    const undone = await post('published', 4);
    await desk(undone.id, 'rejected');
    expect(await rejected()).toBe(2);
    await desk(undone.id, 'published'); // the desk takes it back
    expect(await rejected()).toBe(1);

    const approved = await post('pending', 5);
    await desk(approved.id, 'published');
    await store.comments.update(approved.id, { status: 'spam', body: 'edited' }); // an edit the checks send to spam
    expect((await store.comments.get(approved.id))!.statusByDesk).toBe(false);
    expect(await rejected()).toBe(1);
    await store.comments.update(approved.id, { status: 'published' }); // back out without the desk ...
    await store.comments.update(approved.id, { status: 'spam' }); // ... and in again: still the checks'
    expect(await rejected()).toBe(1);

    const erased = await post('published', 6);
    await desk(erased.id, 'spam');
    expect(await rejected()).toBe(2);
    await store.comments.erase(erased.id); // gone: the figures follow the comments as they are
    expect(await rejected()).toBe(1);

    expect(await store.comments.get(caught.id)).toMatchObject({ status: 'spam', statusByDesk: false });
    const [top] = await store.stats.topThreads(utcDay(T0), utcDay(T0), 10);
    expect(top).toMatchObject({ key: 'a', comments: 1, rejected: 1 });
  });

  it.runIf(available)('adds views to the day they were written on, so the days sum to the count', async () => {
    const store = await fresh();
    await store.threads.addViews(new Map([['a', 3], ['b', 1]]), T0 + 1000);
    await store.threads.addViews(new Map([['a', 2]]), T0 + DAY + 5);
    await store.threads.addViews(new Map([['a', 4]]), T0 + DAY + 6);
    const a = (await store.threads.get('a'))!;
    const days = await store.stats.days(utcDay(T0), utcDay(T0 + DAY), a.id);
    expect(days.map((d) => [d.day, d.views])).toEqual([[utcDay(T0), 3], [utcDay(T0 + DAY), 6]]);
    expect(days.reduce((n, d) => n + d.views, 0)).toBe(a.views);
    expect((await store.stats.days(utcDay(T0), utcDay(T0 + DAY))).map((d) => d.views)).toEqual([4, 6]);
    expect(await store.stats.viewsSince()).toBeNull();
  });

  it.runIf(available)('reports a range: top stories, distinct commenters, minutes to a decision, comments per hour', async () => {
    const store = await fresh();
    const a = await store.threads.ensure('a', { title: 'Alpha' });
    const b = await store.threads.ensure('b');
    const post = (threadId: number, over: Partial<Parameters<Store['comments']['insert']>[0]> = {}) =>
      store.comments.insert({ threadId, parentId: null, author: 'Ann', email: null, body: 'x', html: '<p>x</p>', status: 'published', reader: 'r1', editTokenHash: null, createdAt: T0 + 3_600_000, ...over });
    const first = await post(a.id);
    await post(a.id, { reader: 'r2', createdAt: T0 + DAY + 7_200_000, parentId: first.id });
    await post(a.id, { createdAt: T0 + DAY });
    const held = await post(b.id, { status: 'pending', createdAt: T0 + 60_000 });
    // The desk publishes it ten minutes after it was posted (what moderateComment does).
    await store.comments.update(held.id, { status: 'published', statusByDesk: true, reportsReviewed: true, decidedAt: T0 + 11 * 60_000 });
    // A later decision leaves the first one's time.
    await store.comments.update(held.id, { status: 'rejected', statusByDesk: true, reportsReviewed: true, decidedAt: T0 + DAY });
    await store.comments.update(held.id, { status: 'published', statusByDesk: true, reportsReviewed: true, decidedAt: T0 + DAY + 1 });
    expect((await store.comments.get(held.id))!.decidedAt).toBe(T0 + 11 * 60_000);
    await store.threads.addViews(new Map([['a', 10], ['b', 40]]), T0 + 5);

    const top = await store.stats.topThreads(utcDay(T0), utcDay(T0 + DAY), 10);
    const byKey = Object.fromEntries(top.map((r) => [r.key, [r.views, r.comments, r.commenters, r.replies, r.rejected, r.medianDecisionMs]]));
    expect(byKey).toEqual({ a: [10, 3, 2, 1, 0, null], b: [40, 1, 1, 0, 0, 600_000] });
    const one = await store.stats.topThreads(utcDay(T0 + DAY), utcDay(T0 + DAY), 10, a.id);
    expect(one.map((r) => [r.key, r.title, r.comments, r.commenters])).toEqual([['a', 'Alpha', 2, 2]]);
    const hours = await store.stats.commentsPerHour(T0, 48);
    expect(hours[0]).toBe(1);
    expect(hours[1]).toBe(1);
    expect(hours[24]).toBe(1);
    expect(hours[26]).toBe(1);
    expect(hours.reduce((x, y) => x + y, 0)).toBe(4);
    expect((await store.stats.commentsPerHour(T0, 48, a.id)).reduce((x, y) => x + y, 0)).toBe(3);
  });
});
