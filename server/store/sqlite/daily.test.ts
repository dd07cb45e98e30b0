import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/paths';
import type { CommentStatus } from '../../../contract';
import type { CommentRow, DayRow, Store } from '../types';
import { commenterOf, utcDay } from './daily';
import { createSqliteStore } from './index';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20);

/** A small deterministic generator, so a failure repeats. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The figures recomputed from the comments as they are now: what the kept ones must equal. */
async function recount(store: Store, threadIds: number[]) {
  const perThread = new Map<number, Map<string, DayRow>>();
  const site = new Map<string, DayRow & { who: Set<string> }>();
  const blank = (day: string) => ({ day, views: 0, comments: 0, commenters: 0, replies: 0, rejected: 0 });
  for (const id of threadIds) {
    const days = new Map<string, DayRow & { who: Set<string> }>();
    for (const c of await store.comments.listByThread(id)) {
      const day = utcDay(c.createdAt);
      const d = days.get(day) ?? { ...blank(day), who: new Set<string>() };
      const s = site.get(day) ?? { ...blank(day), who: new Set<string>() };
      days.set(day, d);
      site.set(day, s);
      for (const f of [d, s]) {
        if (c.status === 'published') {
          f.comments++;
          if (c.parentId !== null) f.replies++;
          f.who.add(commenterOf(c));
          f.commenters = f.who.size;
        }
        if (c.status === 'rejected' || c.status === 'spam') f.rejected++;
      }
    }
    perThread.set(id, new Map([...days].map(([k, { who: _who, ...v }]) => [k, v])));
  }
  return { perThread, site: new Map([...site].map(([k, { who: _who, ...v }]) => [k, v])) };
}

/** Kept rows that are all zeros say nothing; compare what is non-zero. */
const nonZero = (rows: DayRow[]) => rows.filter((r) => r.comments || r.commenters || r.replies || r.rejected || r.views);
const byDay = (m: Map<string, DayRow> | undefined) => [...(m ?? new Map<string, DayRow>()).values()].sort((a, b) => a.day.localeCompare(b.day));
const comparable = (rows: DayRow[]) => nonZero(rows).map(({ views: _v, ...r }) => r);

describe('daily figures (SQLite)', () => {
  it('stay equal to a recount from the comments through posts, decisions, erasures and imports', async () => {
    const store = createSqliteStore(':memory:');
    const next = random(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const threads = [await store.threads.ensure('a'), await store.threads.ensure('b'), await store.threads.ensure('c')];
    const emails = ['ann@example.com', 'bob@example.com', null, null];
    const readers = ['r1', 'r2', 'r3'];
    const statuses: CommentStatus[] = ['published', 'published', 'pending', 'rejected', 'spam'];
    const live: CommentRow[] = [];

    for (let step = 0; step < 600; step++) {
      const roll = next();
      if (roll < 0.5 || live.length < 5) {
        const thread = pick(threads);
        const parents = live.filter((c) => c.threadId === thread.id && c.status === 'published');
        const parent = parents.length && next() < 0.4 ? pick(parents) : null;
        const row = await store.comments.insert({
          threadId: thread.id, parentId: parent?.id ?? null, author: pick(['Ann', 'Bob', 'Cy']), email: pick(emails),
          body: 'x', html: '<p>x</p>', status: pick(statuses), reader: pick(readers), editTokenHash: null,
          createdAt: T0 + Math.floor(next() * 4 * DAY), userId: pick([null, null, 'u1', 'u2']),
        });
        live.push(row);
      } else if (roll < 0.85) {
        const c = pick(live);
        await store.comments.update(c.id, { status: pick(statuses), ...(next() < 0.1 ? { email: pick(emails) } : {}) });
      } else if (roll < 0.95) {
        const c = pick(live);
        await store.comments.erase(c.id);
      } else if (roll < 0.97) {
        await store.archive.eraseByEmail('bob@example.com', { keepBans: false, mask: '[erased]' });
      } else {
        await store.archive.importBatch(
          [{ kind: 'comment', importKey: `x:${step}`, threadKey: pick(threads).key, parentKey: null, localId: null, parentLocalId: null,
            author: pick(['Old', 'Older']), email: null, body: 'o', html: '<p>o</p>', status: pick(statuses), featured: false, reactions: 0,
            createdAt: T0 + Math.floor(next() * 4 * DAY), editedAt: null }],
          T0,
        );
      }
      const now = await Promise.all(live.map((c) => store.comments.get(c.id)));
      live.splice(0, live.length, ...now.filter((c): c is CommentRow => c !== null));
    }

    const expected = await recount(store, threads.map((t) => t.id));
    const from = utcDay(T0 - DAY);
    const to = utcDay(T0 + 5 * DAY);
    for (const t of threads) {
      expect(comparable(await store.stats.days(from, to, t.id)), t.key).toEqual(comparable(byDay(expected.perThread.get(t.id))));
      // The thread's published count is the sum of its days.
      const sum = (await store.stats.days(from, to, t.id)).reduce((n, d) => n + d.comments, 0);
      expect(sum).toBe((await store.threads.byId(t.id))!.publishedCount);
    }
    expect(comparable(await store.stats.days(from, to))).toEqual(comparable(byDay(expected.site)));
    await store.close();
  });

  it('adds views to the day they were written on, so the days sum to the count', async () => {
    const store = createSqliteStore(':memory:');
    await store.threads.addViews(new Map([['a', 3], ['b', 1]]), T0 + 1000);
    await store.threads.addViews(new Map([['a', 2]]), T0 + DAY + 5);
    await store.threads.addViews(new Map([['a', 4]]), T0 + DAY + 6);
    const a = (await store.threads.get('a'))!;
    const days = await store.stats.days(utcDay(T0), utcDay(T0 + DAY), a.id);
    expect(days.map((d) => [d.day, d.views])).toEqual([[utcDay(T0), 3], [utcDay(T0 + DAY), 6]]);
    expect(days.reduce((n, d) => n + d.views, 0)).toBe(a.views);
    expect((await store.stats.days(utcDay(T0), utcDay(T0 + DAY))).map((d) => d.views)).toEqual([4, 6]);
    // A fresh database counted no views before the daily figures: nothing is missing from them.
    expect(await store.stats.viewsSince()).toBeNull();
    await store.close();
  });
});

describe('the upgrade to daily figures', () => {
  it('fills the comment figures from the comments, and invents no views', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'footnote-daily-'));
    try {
      // The migrations as they were before the daily figures.
      const before = join(dir, 'migrations');
      cpSync(join(projectRoot(), 'migrations'), before, { recursive: true });
      const journalPath = join(before, 'meta/_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag.endsWith('_daily_figures'));
      expect(at).toBeGreaterThan(0);
      journal.entries = journal.entries.slice(0, at);
      writeFileSync(journalPath, JSON.stringify(journal));

      const file = join(dir, 'old.db');
      const old = new Database(file);
      migrate(drizzle(old), { migrationsFolder: before });
      old.prepare("insert into threads (id, key, views, published_count, created_at) values (1, 'a', 40, 3, 0), (2, 'b', 0, 1, 0)").run();
      const add = old.prepare(
        'insert into comments (thread_id, parent_id, author, email, reader, body, html, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      add.run(1, null, 'Ann', 'ann@example.com', null, 'x', 'x', 'published', T0 + 5);
      add.run(1, 1, 'Ann', 'ann@example.com', null, 'x', 'x', 'published', T0 + 6);
      add.run(1, null, 'Bob', null, 'r-bob', 'x', 'x', 'spam', T0 + 7);
      add.run(1, null, 'Old', null, null, 'x', 'x', 'published', T0 + DAY);
      add.run(2, null, 'Ann', 'ann@example.com', null, 'x', 'x', 'published', T0 + 8);
      add.run(2, null, 'Cy', null, 'r-cy', 'x', 'x', 'pending', T0 + 9);
      old.close();

      const store = createSqliteStore(file);
      const a = (await store.threads.get('a'))!;
      const days = (await store.stats.days(utcDay(T0), utcDay(T0 + DAY), a.id)).map(({ views: _v, ...d }) => d);
      expect(days).toEqual([
        { day: utcDay(T0), comments: 2, commenters: 1, replies: 1, rejected: 1 },
        { day: utcDay(T0 + DAY), comments: 1, commenters: 1, replies: 0, rejected: 0 },
      ]);
      expect((await store.stats.days(utcDay(T0), utcDay(T0))).map(({ comments, commenters }) => ({ comments, commenters }))).toEqual([
        { comments: 3, commenters: 1 },
      ]);
      // The 40 views of "a" have no day: the report says from when daily views exist.
      expect((await store.stats.days('2000-01-01', '2999-12-31')).every((d) => d.views === 0)).toBe(true);
      expect(await store.stats.viewsSince()).toBe(utcDay(Date.now()));
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
