import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../store/sqlite';
import type { Store } from '../../store/types';
import { EventHub } from '../events/hub';
import { ReaderIdentity, type ReaderInfo } from '../readers/identity';
import { ThreadCache } from '../threads/thread-cache';
import { BROWSER_UA, fileApp, tempDir } from './testing';
import { VIEW_WINDOW_MS, ViewCounter } from './view-counter';

const NOON = Date.UTC(2026, 10, 28, 12, 0, 0);
const reader = (n: number): ReaderInfo => ({ address: `198.51.100.${n % 250}`, userAgent: `${BROWSER_UA} r${n}` });

function counter(opts: { store?: Store; maxSeen?: number } = {}) {
  const clock = { now: NOON };
  const store = opts.store ?? createSqliteStore(':memory:');
  const threads = new ThreadCache(store);
  const views = new ViewCounter(store, threads, ReaderIdentity.fixed(), new EventHub(10), { now: () => clock.now, maxSeen: opts.maxSeen });
  return { clock, store, threads, views };
}

describe('ViewCounter de-duplication', () => {
  it('counts a reader once per article within 30 minutes, and again after', async () => {
    const { clock, views } = counter();
    expect((await views.record('a', reader(1), true)).counted).toBe(true);
    clock.now += VIEW_WINDOW_MS - 1000;
    expect((await views.record('a', reader(1), true)).counted).toBe(false);
    // Another article, another reader: both new views.
    expect((await views.record('b', reader(1), true)).counted).toBe(true);
    expect((await views.record('a', reader(2), true)).counted).toBe(true);
    clock.now = NOON + VIEW_WINDOW_MS;
    expect(await views.record('a', reader(1), true)).toMatchObject({ counted: true, views: 3 });
  });

  it('keeps the window to within a second: a reload just before 30 minutes or half a second after does not count, one a second after does', async () => {
    const { clock, views } = counter();
    clock.now = NOON + 400; // not on a whole second of the counter's clock
    expect((await views.record('s', reader(5), true)).counted).toBe(true);
    clock.now = NOON + 400 + VIEW_WINDOW_MS - 1;
    expect((await views.record('s', reader(5), true)).counted).toBe(false);
    // Kept in whole seconds, rounded up: at most a second longer, never shorter.
    clock.now = NOON + 400 + VIEW_WINDOW_MS + 500;
    expect((await views.record('s', reader(5), true)).counted).toBe(false);
    clock.now = NOON + 400 + VIEW_WINDOW_MS + 1000;
    expect((await views.record('s', reader(5), true)).counted).toBe(true);
  });

  it('does not count a reload just after midnight of a view just before (yesterday\'s key is checked)', async () => {
    const { clock, views } = counter();
    const midnight = Date.UTC(2026, 10, 29);
    clock.now = midnight - 10 * 60_000;
    expect((await views.record('m', reader(3), true)).counted).toBe(true);
    clock.now = midnight + 5 * 60_000;
    // The day key changed, so the hash is a new one; only the look-back keeps this one view.
    const identity = ReaderIdentity.fixed();
    expect(identity.viewer(reader(3), clock.now).id).not.toBe(identity.viewer(reader(3), midnight - 1).id);
    expect((await views.record('m', reader(3), true)).counted).toBe(false);
    clock.now = midnight + 25 * 60_000; // 35 minutes after the first view
    expect(await views.record('m', reader(3), true)).toMatchObject({ counted: true, views: 2 });
  });

  it('answers but does not count what is not countable', async () => {
    const { views } = counter();
    expect(await views.record('bot', reader(4), false)).toEqual({ views: 0, comments: 0, counted: false });
    expect(await views.record('bot', reader(4), true)).toEqual({ views: 1, comments: 0, counted: true });
  });

  it('keeps the de-duplication memory at its bound, forgetting the oldest first', async () => {
    const { views } = counter({ maxSeen: 10 });
    for (let i = 0; i < 50; i++) await views.record('busy', reader(i), true);
    // At most the bound; the oldest go a sixteenth of it (here one) beyond the excess at a time.
    expect(views.seenSize).toBeLessThanOrEqual(10);
    expect(views.seenSize).toBeGreaterThanOrEqual(9);
    expect((await views.counts('busy')).views).toBe(50);
    // The newest ten are still remembered; the first reader was forgotten and counts again.
    expect((await views.record('busy', reader(49), true)).counted).toBe(false);
    expect((await views.record('busy', reader(0), true)).counted).toBe(true);
    expect(views.seenSize).toBeLessThanOrEqual(10);
  });

  it('forgets expired entries on flush', async () => {
    const { clock, views } = counter();
    for (let i = 0; i < 5; i++) await views.record('s', reader(i), true);
    clock.now += VIEW_WINDOW_MS;
    await views.record('s', reader(99), true);
    await views.flush();
    expect(views.seenSize).toBe(1);
  });
});

describe('ViewCounter writes', () => {
  it('serves unwritten views, writes them in one flush, and never counts them twice', async () => {
    const { store, views } = counter();
    for (let i = 0; i < 3; i++) await views.record('w', reader(i), true);
    expect((await store.threads.get('w'))?.views).toBe(0);
    expect(await views.counts('w')).toEqual({ views: 3, comments: 0 });
    expect(views.pendingTotal).toBe(3);
    await views.flush();
    expect((await store.threads.get('w'))?.views).toBe(3);
    expect(views.pendingTotal).toBe(0);
    expect(await views.counts('w')).toEqual({ views: 3, comments: 0 });
    await views.flush(); // nothing pending: writes nothing
    expect((await store.threads.get('w'))?.views).toBe(3);
  });

  it('writes one batch per flush in one call to the store', async () => {
    const base = createSqliteStore(':memory:');
    const batches: Map<string, number>[] = [];
    const store: Store = { ...base, threads: { ...base.threads, addViews: (d) => (batches.push(new Map(d)), base.threads.addViews(d)) } };
    const { views } = counter({ store });
    for (let i = 0; i < 4; i++) await views.record('x', reader(i), true);
    await views.record('y', reader(1), true);
    await views.flush();
    expect(batches).toEqual([new Map([['x', 4], ['y', 1]])]);
  });

  it('keeps the views of a failed flush for the next one', async () => {
    const base = createSqliteStore(':memory:');
    let failures = 1;
    const store: Store = {
      ...base,
      threads: {
        ...base.threads,
        addViews: async (d) => {
          if (failures-- > 0) throw new Error('disk full');
          return base.threads.addViews(d);
        },
      },
    };
    const { views } = counter({ store });
    for (let i = 0; i < 3; i++) await views.record('f', reader(i), true);
    await expect(views.flush()).rejects.toThrow('disk full');
    expect(await views.counts('f')).toEqual({ views: 3, comments: 0 });
    await views.record('f', reader(7), true);
    await views.flush(); // the chain goes on after a failure
    expect((await base.threads.get('f'))?.views).toBe(4);
    expect(await views.counts('f')).toEqual({ views: 4, comments: 0 });
  });

  it('serves exact counts to reads that overlap a flush, cached or not', async () => {
    const { threads, views } = counter();
    for (let round = 1; round <= 6; round++) {
      for (const key of ['hot', 'cold']) await views.record(key, reader(round), true);
      threads.forget(['cold']); // one thread read from the database, one from the cache
      const reads: Promise<unknown>[] = [];
      const flushed = views.flush();
      for (let hop = 0; hop < 6; hop++) {
        reads.push(views.counts('hot'), views.counts('cold'), views.countsMany(['hot', 'cold']));
        await Promise.resolve();
      }
      await flushed;
      const results = await Promise.all(reads);
      for (const r of results) expect(JSON.stringify(r)).toMatch(new RegExp(`"views":${round}\\b`));
      expect((await threads.get('hot'))?.views).toBe(round);
      expect((await threads.get('cold'))?.views).toBe(round);
    }
  });
});

describe('restart', () => {
  const dir = tempDir();
  afterEach(() => dir.remove());

  it('1,000 views, a clean stop, a new process on the same file: exactly 1,000, and reloads stay one view', async () => {
    const file = dir.file('restart.db');
    const clock = { now: NOON };
    const first = await fileApp(file, clock);
    const address = (i: number) => `10.${(i >> 8) & 255}.${i & 255}.7`;
    for (let i = 0; i < 1000; i++) {
      const res = await first.call('POST', '/api/v1/threads/viral/views', { address: address(i) });
      expect(res.status).toBe(200);
    }
    expect(first.ctx.views.pendingTotal).toBe(1000); // nothing written yet: no timer in tests
    await first.ctx.views.stop(); // what SIGTERM and SIGINT call
    await first.store.close();

    clock.now += 60_000;
    const second = await fileApp(file, clock);
    await second.ctx.views.start();
    try {
      const read = async () => ((await (await second.call('GET', '/api/v1/threads/viral')).json()) as { views: number }).views;
      expect(await read()).toBe(1000);
      // Same secret, same saved memory: these readers' reloads are not new views.
      for (const i of [0, 500, 999]) await second.call('POST', '/api/v1/threads/viral/views', { address: address(i) });
      expect(await read()).toBe(1000);
      await second.call('POST', '/api/v1/threads/viral/views', { address: '10.200.200.200' });
      expect(await read()).toBe(1001);
    } finally {
      await second.ctx.views.stop();
      await second.store.close();
    }
  });

  it('does not count a reload just after midnight of a view just before a restart', async () => {
    const store = createSqliteStore(':memory:');
    const identity = ReaderIdentity.fixed();
    const midnight = Date.UTC(2026, 10, 29);
    const clock = { now: midnight - 10 * 60_000 };
    const open = async () => {
      const views = new ViewCounter(store, new ThreadCache(store), identity, new EventHub(10), { now: () => clock.now });
      await views.loadSeen();
      return views;
    };
    let views = await open();
    expect((await views.record('late', reader(6), true)).counted).toBe(true);
    await views.stop();
    clock.now = midnight + 5 * 60_000;
    views = await open();
    // Today's key is new and yesterday's was saved hashed: the look-back finds it in `restored`.
    expect((await views.record('late', reader(6), true)).counted).toBe(false);
    expect((await views.record('late', reader(7), true)).counted).toBe(true);
  });

  it('keeps what a restart restored through a second restart, until it expires', async () => {
    const store = createSqliteStore(':memory:');
    const identity = ReaderIdentity.fixed();
    const clock = { now: NOON };
    const open = async () => {
      const threads = new ThreadCache(store);
      const views = new ViewCounter(store, threads, identity, new EventHub(10), { now: () => clock.now });
      await views.loadSeen();
      return views;
    };
    let views = await open();
    expect((await views.record('r', reader(1), true)).counted).toBe(true);
    expect((await views.record('q', reader(1), true)).counted).toBe(true);
    await views.stop();
    // The database holds a hash per view key: nothing in it is the day's viewer, or tells that
    // the two articles were read by one reader.
    const saved = (await store.meta.loadViewSeen(clock.now)).map((e) => e.hash);
    const viewer = identity.viewer(reader(1), NOON).id;
    expect(saved).toHaveLength(2);
    expect(new Set(saved).size).toBe(2);
    for (const hash of saved) {
      expect(hash).toMatch(/^[\w-]{11}$/);
      expect(hash).not.toBe(viewer);
      for (let i = 0; i + 4 <= viewer.length; i++) expect(hash).not.toContain(viewer.slice(i, i + 4));
    }

    clock.now += 10 * 60_000;
    views = await open();
    expect((await views.record('r', reader(1), true)).counted).toBe(false);
    await views.stop();
    clock.now += 10 * 60_000;
    views = await open();
    expect((await views.record('r', reader(1), true)).counted).toBe(false);
    expect((await views.record('r', reader(2), true)).counted).toBe(true);
    // 30 minutes after the first view it is a new one, and the restored memory is swept.
    clock.now = NOON + VIEW_WINDOW_MS;
    await views.flush();
    expect(views.seenSize).toBe(1); // reader 2's, 20 minutes from expiry
    expect(await views.record('r', reader(1), true)).toMatchObject({ counted: true, views: 3 });
  });
});
