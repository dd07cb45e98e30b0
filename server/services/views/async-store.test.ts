import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../store/sqlite';
import type { Store } from '../../store/types';
import { EventHub } from '../events/hub';
import { ReaderIdentity, type ReaderInfo } from '../readers/identity';
import { ThreadCache } from '../threads/thread-cache';
import { BROWSER_UA } from './testing';
import { ViewCounter } from './view-counter';

const reader = (n: number): ReaderInfo => ({ address: `198.51.100.${n}`, userAgent: BROWSER_UA });
const tick = () => new Promise((r) => setTimeout(r, 1));

/**
 * A store that answers the way a database over a network does (PostgreSQL): reads resolve a
 * moment later, and a view batch lands in the database either as soon as it is sent or only
 * just before its answer comes back, with its answer held until the test lets it go. The
 * store's contract (store/types.ts) promises nothing about what is visible before a promise
 * settles, so the counts must be exact at every moment either way.
 */
function slowStore(base: Store, landsAt: 'start' | 'end') {
  let release: (() => void) | null = null;
  let failNext = false;
  const writing: { started: boolean } = { started: false };
  const store: Store = {
    ...base,
    threads: {
      ...base.threads,
      get: async (key) => {
        await tick();
        return base.threads.get(key);
      },
      getMany: async (keys) => {
        await tick();
        return base.threads.getMany(keys);
      },
      addViews: async (deltas, at) => {
        writing.started = true;
        if (landsAt === 'start') await base.threads.addViews(deltas, at);
        await new Promise<void>((r) => (release = r));
        release = null;
        writing.started = false;
        if (failNext) {
          failNext = false;
          throw new Error('connection lost before the commit');
        }
        if (landsAt === 'end') await base.threads.addViews(deltas, at);
      },
    },
  };
  return {
    store,
    writing,
    /** Lets the view write under way answer. */
    answer: () => release?.(),
    failNextWrite: () => (failNext = true),
  };
}

async function setup(landsAt: 'start' | 'end') {
  const base = createSqliteStore(':memory:');
  const slow = slowStore(base, landsAt);
  const threads = new ThreadCache(slow.store);
  const views = new ViewCounter(slow.store, threads, ReaderIdentity.fixed(), new EventHub(10));
  return { base, threads, views, ...slow };
}

async function until(check: () => boolean) {
  while (!check()) await tick();
}

describe.each(['start', 'end'] as const)('counts while a view batch is being written (it lands at the %s of the write)', (landsAt) => {
  it('are exact at every moment, from the cache and from the database alike', async () => {
    const { views, threads, writing, answer, base } = await setup(landsAt);
    await base.threads.addViews(new Map([['c', 5]]));
    for (let i = 1; i <= 3; i++) await views.record('a', reader(i), true);
    for (let i = 1; i <= 2; i++) await views.record('b', reader(i), true);
    const exact = { a: { views: 3, comments: 0 }, b: { views: 2, comments: 0 }, c: { views: 5, comments: 0 } };
    expect(await views.countsMany(['a', 'b', 'c'])).toEqual(exact);

    const flushed = views.flush();
    await until(() => writing.started);
    // Cached rows, rows read from the database during the write, and rows read after it.
    const during = [views.countsMany(['a', 'b', 'c']), views.counts('b')];
    threads.forget(['b']);
    during.push(views.countsMany(['a', 'b', 'c']), views.counts('b'));
    await tick();
    await tick();
    answer();
    await flushed;
    const [m1, b1, m2, b2] = await Promise.all(during);
    expect(m1).toEqual(exact);
    expect(b1).toEqual(exact.b);
    expect(m2).toEqual(exact);
    expect(b2).toEqual(exact.b);
    expect(await views.countsMany(['a', 'b', 'c'])).toEqual(exact);
    expect(views.pendingTotal).toBe(0);
    expect((await base.threads.get('a'))?.views).toBe(3);
    expect((await base.threads.get('b'))?.views).toBe(2);
  });

  it('keep a batch whose write failed, and write it once with the next flush', async () => {
    const { views, writing, answer, failNextWrite, base } = await setup(landsAt);
    if (landsAt === 'start') return; // a write that landed cannot be said to have failed
    for (let i = 1; i <= 4; i++) await views.record('a', reader(i), true);
    failNextWrite();
    const failed = views.flush().catch((e: unknown) => e);
    await until(() => writing.started);
    answer();
    expect(await failed).toBeInstanceOf(Error);
    expect(await views.counts('a')).toEqual({ views: 4, comments: 0 });
    await views.record('a', reader(5), true);
    const again = views.flush();
    await until(() => writing.started);
    answer();
    await again;
    expect((await base.threads.get('a'))?.views).toBe(5);
    expect(await views.counts('a')).toEqual({ views: 5, comments: 0 });
  });

  it('do not count a new thread twice when it is created while a batch of its views is being written', async () => {
    const { views, threads, writing, answer } = await setup(landsAt);
    await views.record('n', reader(1), true);
    const flushed = views.flush();
    await until(() => writing.started);
    threads.forget(['n']);
    // A page load with a title makes the thread's row be written (and read back) meanwhile.
    const viewing = views.record('n', reader(2), true, { title: 'New title' });
    await tick();
    await tick();
    answer();
    await flushed;
    expect(await viewing).toMatchObject({ counted: true, views: 2 });
    expect(await views.counts('n')).toEqual({ views: 2, comments: 0 });
    const again = views.flush();
    await until(() => writing.started);
    answer();
    await again;
    expect(await views.counts('n')).toEqual({ views: 2, comments: 0 });
  });
});
