import { describe, expect, it, vi } from 'vitest';
import { createSqliteStore } from '../../store/sqlite';
import { ThreadCache } from './thread-cache';

function setup(maxAbsent?: number) {
  const store = createSqliteStore(':memory:');
  const get = vi.spyOn(store.threads, 'get');
  const getMany = vi.spyOn(store.threads, 'getMany');
  const threads = new ThreadCache(store, 20_000, maxAbsent);
  return { store, threads, reads: () => get.mock.calls.length + getMany.mock.calls.length };
}

describe('ThreadCache: threads nobody has opened yet', () => {
  it('reads an unknown thread from the database once, then answers its absence from memory', async () => {
    const { threads, reads } = setup();
    expect(await threads.get('new-article')).toBeNull();
    expect(await threads.getMany(['new-a', 'new-b'])).toEqual(new Map());
    const before = reads();
    expect(await threads.get('new-article')).toBeNull();
    expect(await threads.getMany(['new-a', 'new-b', 'new-article'])).toEqual(new Map());
    expect(reads()).toBe(before);
  });

  it('forgets the absence when the thread is created, so its counts show at once', async () => {
    const { threads } = setup();
    expect(await threads.get('soon')).toBeNull();
    expect(await threads.getMany(['soon'])).toEqual(new Map());
    await threads.ensure('soon', { title: 'Soon' });
    expect((await threads.get('soon'))?.title).toBe('Soon');
    expect((await threads.getMany(['soon'])).get('soon')?.title).toBe('Soon');
  });

  it('forgets it when something else wrote the thread (an admin update, an import)', async () => {
    const { store, threads } = setup();
    expect(await threads.get('closed-early')).toBeNull();
    await threads.update('closed-early', { closed: true });
    expect((await threads.get('closed-early'))?.closed).toBe(true);

    expect(await threads.get('imported')).toBeNull();
    await store.threads.ensure('imported');
    threads.clear();
    expect(await threads.get('imported')).not.toBeNull();
  });

  it('does not remember an absence read while the thread was being created', async () => {
    const { store, threads } = setup();
    // The read starts, the thread is created before the read's answer is used.
    const reading = threads.get('racing');
    await threads.ensure('racing');
    expect(await reading).toBeNull();
    expect(await threads.get('racing')).not.toBeNull();
    expect(await store.threads.get('racing')).not.toBeNull();
  });

  it('remembers a bounded number of absent threads', async () => {
    const { threads, reads } = setup(100);
    for (let i = 0; i < 1_000; i++) await threads.get(`made-up-${i}`);
    const before = reads();
    await threads.get('made-up-0');
    expect(reads()).toBe(before + 1);
    await threads.get('made-up-999');
    expect(reads()).toBe(before + 1);
  });
});

describe('ThreadCache: ensure on a busy thread', () => {
  it('takes the row just read when it has what the page would fill in, and writes only when something is missing', async () => {
    const { store, threads } = setup();
    const write = vi.spyOn(store.threads, 'ensure');
    await store.threads.ensure('busy', { title: 'Busy', url: 'https://news.example/busy' });
    write.mockClear();
    // What every post does after another one dropped the cached row: read, then ensure.
    threads.clear();
    const read = await threads.get('busy');
    threads.clear();
    expect((await threads.ensure('busy', { title: 'Other title' }, read))?.title).toBe('Busy');
    expect(write).not.toHaveBeenCalled();

    await store.threads.ensure('bare');
    write.mockClear();
    threads.clear();
    const bare = await threads.get('bare');
    threads.clear();
    expect((await threads.ensure('bare', { title: 'Bare' }, bare)).title).toBe('Bare');
    expect(write).toHaveBeenCalledTimes(1);
    // A row of another thread is never taken.
    expect((await threads.ensure('third', {}, read)).key).toBe('third');
  });
});
