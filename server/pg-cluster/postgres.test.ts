import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import type { Cluster, Signal } from '../services/cluster';
import { MAX_PAYLOAD, payloads } from './bus';
import { postgresCluster } from '.';
import { sweep } from './memory';
import { SharedPool } from './pool';
import { pgReachable, tempDatabase } from './testing';

const reachable = await pgReachable();
if (!reachable) console.log('PostgreSQL is not reachable: the shared-state tests on PostgreSQL are skipped.');

const refusal = async (p: void | Promise<void>): Promise<AppError | null> => {
  try {
    await p;
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
};

/** Polls `f` until it holds (notifications arrive asynchronously); fails after 5 s. */
async function until(f: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !f(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(f()).toBe(true);
}

describe.skipIf(!reachable)('instances sharing PostgreSQL', () => {
  let db: { url: string; drop: () => Promise<void> };
  let a: Cluster;
  let b: Cluster;
  const heardByB: Signal[] = [];
  const heardByA: Signal[] = [];
  let resetsOfB = 0;

  beforeAll(async () => {
    db = await tempDatabase();
    a = postgresCluster({ url: db.url });
    b = postgresCluster({ url: db.url });
    a.receive({ signal: (s) => heardByA.push(s), reset: () => {} });
    b.receive({ signal: (s) => heardByB.push(s), reset: () => resetsOfB++ });
    await a.start();
    await b.start();
    // Creating and migrating a database takes seconds on a busy machine.
  }, 60_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  }, 60_000);

  it('delivers a signal sent by A to B, in order, and not back to A', async () => {
    const sent: Signal[] = [
      { type: 'comment', thread: 't1', event: { type: 'counts', data: { views: 1, comments: 2 } } },
      { type: 'views', threads: ['t1', 'ü-thread'] },
      { type: 'words', kind: 'banned' },
    ];
    for (const s of sent) a.send(s);
    await until(() => heardByB.length >= 3);
    expect(heardByB.slice(0, 3)).toEqual(sent);
    await new Promise((r) => setTimeout(r, 100));
    expect(heardByA).toEqual([]);
  });

  it('shares a posting limit: one per 3 s and 2 an hour, whichever instance is asked', async () => {
    const windows = [
      { max: 1, windowMs: 3_000 },
      { max: 2, windowMs: 3_600_000 },
    ];
    const la = a.limit('comments', windows);
    const lb = b.limit('comments', windows);
    const t = 1_000_000;
    expect(await refusal(la.hit('ada', t))).toBeNull();
    const second = await refusal(lb.hit('ada', t + 500));
    expect(second?.status).toBe(429);
    expect(second?.headers['Retry-After']).toBe('3');
    // Another reader is not affected.
    expect(await refusal(lb.hit('bob', t + 500))).toBeNull();
    expect(await refusal(lb.hit('ada', t + 3_000))).toBeNull();
    const hourly = await refusal(la.hit('ada', t + 10_000));
    expect(hourly?.headers['Retry-After']).toBe(String(3_600 - 10));
  });

  it('lets exactly `max` of many hits at once through, across both instances', async () => {
    const la = a.limit('reactions', [{ max: 10, windowMs: 60_000 }]);
    const lb = b.limit('reactions', [{ max: 10, windowMs: 60_000 }]);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => refusal((i % 2 ? la : lb).hit('crowd', 5_000_000 + i))));
    expect(results.filter((r) => r === null)).toHaveLength(10);
  });

  it('keeps each key to its own quota when many hits of many keys arrive at once on one instance', async () => {
    const la = a.limit('reports', [{ max: 2, windowMs: 60_000 }]);
    const keys = ['k1', 'k2', 'k3'];
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => refusal(la.hit(keys[i % 3]!, 6_000_000 + i)).then((r) => [keys[i % 3], r] as const)));
    for (const key of keys) expect(results.filter(([k, r]) => k === key && r === null)).toHaveLength(2);
    // Each refusal waits for its own key's oldest hit to leave the minute.
    for (const [, r] of results) if (r !== null) expect(Number(r.headers['Retry-After'])).toBeGreaterThanOrEqual(59);
  });

  it('answers each of many texts at once, and one text twice at once as seen once', async () => {
    const swaps = await Promise.all(['t-a', 't-b', 't-a', 't-c', 't-a'].map((key, i) => a.texts.swap(key, 10_000 + i, 3_600_000)));
    // t-b and t-c once each; t-a three times, in the order asked: new, then the time before each.
    expect(swaps).toEqual([undefined, undefined, 10_000, undefined, 10_002]);
  });

  it('remembers a text posted through A when B sees it again', async () => {
    expect(await a.texts.swap('hash-1', 1_000, 3_600_000)).toBeUndefined();
    expect(await b.texts.swap('hash-1', 2_000, 3_600_000)).toBe(1_000);
    expect(await a.texts.swap('hash-1', 3_000, 3_600_000)).toBe(2_000);
  });

  it('claims a view once across instances, and again once its hold expired', async () => {
    const views = [a.views!, b.views!];
    const [first, second] = await Promise.all(views.map((v) => v.claim(['42', '-7'], [10_000, 10_000], 1_000)));
    // Each key is won by exactly one of the two.
    expect([...first!, ...second!].sort()).toEqual(['-7', '42']);
    expect(await views[1]!.claim(['42'], [20_000], 9_999)).toEqual(new Set());
    expect(await views[1]!.claim(['42'], [20_000], 10_000)).toEqual(new Set(['42']));
  });

  it('deletes expired shared rows', async () => {
    const pool = new SharedPool({ url: db.url, size: 1 });
    try {
      await b.views!.claim(['1001'], [50], 0);
      expect(await sweep(pool, 10 ** 15)).toBeGreaterThan(0);
      const left = await pool.query<{ n: string }>('select (select count(*) from cluster_view_seen) + (select count(*) from cluster_limits) + (select count(*) from cluster_texts) as n', []);
      expect(Number(left.rows[0]!.n)).toBe(0);
    } finally {
      await pool.end();
    }
  });

  it('listens again after losing its connection, and says caches must go', async () => {
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      // Both instances' listening connections: each is told it lost its connection.
      await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen %'");
      await until(() => resetsOfB > 0);
      a.send({ type: 'thread', thread: 'after-reconnect' });
      await until(() => heardByB.some((s) => s.type === 'thread' && s.thread === 'after-reconnect'));
    } finally {
      await admin.end();
    }
  });
});

describe('notification payloads', () => {
  it('sends a comment too big for one notification as its id', () => {
    const html = `<p>${'é'.repeat(5_000)}</p>`;
    const signal: Signal = {
      type: 'comment',
      thread: 'big',
      event: { type: 'comment', data: { id: 7, parentId: null, author: 'A', authorId: null, badges: [], body: 'é'.repeat(5_000), html, createdAt: '', editedAt: null, reactions: 0, featured: false, deleted: false, replies: [], status: 'published' } },
    };
    const [one, ...rest] = payloads('me', signal);
    expect(rest).toEqual([]);
    expect(JSON.parse(one!.slice(3))).toEqual({ type: 'comment', thread: 'big', event: { type: 'comment', id: 7 } });
  });

  it('splits a long list of threads, each part under the limit', () => {
    const threads = Array.from({ length: 200 }, (_, i) => `thread-${i}-${'x'.repeat(100)}`);
    const parts = payloads('me', { type: 'views', threads });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(MAX_PAYLOAD);
    expect(parts.flatMap((p) => (JSON.parse(p.slice(3)) as { threads: string[] }).threads)).toEqual(threads);
  });
});
