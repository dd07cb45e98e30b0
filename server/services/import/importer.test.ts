import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../store/sqlite';
import type { Store } from '../../store/types';
import { IMPORT_BODY_MAX, REASONS_KEPT, writeImport } from './importer';
import type { ImportedComment, ImportedThread, ImportItem } from './types';

const thread = (key: string, extra: Partial<ImportedThread> = {}): ImportedThread => ({ kind: 'thread', key, title: null, url: null, closed: false, ...extra });
const comment = (id: string, extra: Partial<ImportedComment> = {}): ImportedComment => ({
  kind: 'comment', sourceId: `test:${id}`, threadKey: 't', parentSourceId: null, author: `A${id}`, email: null, body: `body ${id}`,
  createdAt: 1_600_000_000_000, status: 'published', ...extra,
});
async function* items(list: ImportItem[]): AsyncGenerator<ImportItem> {
  yield* list;
}

/** The thread's stored count next to what its rows say. */
async function counted(store: Store, key: string) {
  const row = (await store.threads.get(key))!;
  const rows = await store.comments.listByThread(row.id);
  return { stored: row.publishedCount, actual: rows.filter((r) => r.status === 'published').length };
}

describe('writeImport', () => {
  it('writes in batches, finds parents written in an earlier batch, and keeps counts exact', async () => {
    const store = createSqliteStore(':memory:');
    const list: ImportItem[] = [thread('t')];
    for (let i = 1; i <= 20; i++) {
      list.push(comment(String(i), { parentSourceId: i > 1 ? `test:${i - 1}` : null, status: i % 4 === 0 ? 'pending' : 'published' }));
    }
    const progress: number[] = [];
    const result = await writeImport(store, items(list), { batchSize: 3, onProgress: (_t, read) => progress.push(read) });
    expect(result).toEqual({ threads: 1, comments: 20, skipped: 0, unchanged: 0, skippedReasons: [] });
    expect(progress).toEqual([3, 6, 9, 12, 15, 18, 21]);
    const rows = await store.comments.listByThread((await store.threads.get('t'))!.id);
    // Each reply hangs under the one before it; a published one under a pending one comes in at the top.
    for (const [i, row] of rows.entries()) {
      const expected = i === 0 || rows[i - 1]!.status === 'pending' ? null : rows[i - 1]!.id;
      expect(row.parentId).toBe(expected);
      expect(row.rootId).toBe(expected === null ? row.id : rows.find((r) => r.id === expected)!.rootId);
    }
    expect(await counted(store, 't')).toEqual({ stored: 15, actual: 15 });
    expect(rows[0]).toMatchObject({ reader: null, editTokenHash: null, importKey: 'test:1', html: '<p>body 1</p>' });
  });

  it('completes an existing thread without overriding what the desk set', async () => {
    const store = createSqliteStore(':memory:');
    await store.threads.ensure('t', { title: 'Kept title' });
    await store.threads.addViews(new Map([['t', 10]]));
    await store.threads.update('t', { moderation: 'post' });
    await writeImport(store, items([thread('t', { title: 'Other', url: 'https://x.example/t', closed: true, moderation: 'pre', views: 7 }), thread('u', { closed: true, views: 4 })]));
    expect(await store.threads.get('t')).toMatchObject({ title: 'Kept title', url: 'https://x.example/t', closed: false, moderation: 'post', views: 10 });
    expect(await store.threads.get('u')).toMatchObject({ closed: true, views: 4 });
    await writeImport(store, items([thread('u', { views: 9 })]));
    expect((await store.threads.get('u'))?.views).toBe(9);
  });

  it('skips what cannot be a comment, with reasons, and counts what it already has', async () => {
    const store = createSqliteStore(':memory:');
    const huge = 'x'.repeat(IMPORT_BODY_MAX + 1);
    const list: ImportItem[] = [
      thread('t'),
      comment('1'),
      comment('2', { body: huge }),
      comment('3', { threadKey: 'nowhere' }),
      comment('4', { parentSourceId: 'test:2', body: 'reply to the skipped one' }),
      { kind: 'skip', ref: 'post 9', reason: 'post has no valid date' },
    ];
    const first = await writeImport(store, items(list));
    expect(first).toMatchObject({ threads: 1, comments: 2, skipped: 3, unchanged: 0 });
    expect(first.skippedReasons).toEqual([
      { ref: 'test:2', reason: 'comment of 100,001 characters (at most 100,000 are imported)' },
      { ref: 'post 9', reason: 'post has no valid date' },
      { ref: 'test:3', reason: 'thread nowhere not found' },
    ]);
    const orphan = await store.comments.findByImportKey('test:4');
    expect(orphan?.parentId).toBeNull();
    expect(await writeImport(store, items(list))).toMatchObject({ threads: 0, comments: 0, skipped: 3, unchanged: 2 });
  });

  it('stores deleted and empty comments as bare placeholders, keeping reactions and dates', async () => {
    const store = createSqliteStore(':memory:');
    await writeImport(store, items([
      thread('t'),
      comment('1', { status: 'deleted', author: 'Named', email: 'a@b.example', body: '', featured: true }),
      comment('2', { body: ' \n ', email: 'c@d.example' }),
      comment('3', { reactions: 4, featured: true, editedAt: 1_600_000_100_000, status: 'rejected' }),
    ]));
    const [a, b, c] = await store.comments.listByThread((await store.threads.get('t'))!.id);
    expect(a).toMatchObject({ status: 'deleted', author: '', email: null, body: '', html: '', featured: false });
    expect(b).toMatchObject({ status: 'deleted', author: '', email: null, body: '' });
    expect(c).toMatchObject({ status: 'rejected', reactions: 4, featured: true, editedAt: 1_600_000_100_000, createdAt: 1_600_000_000_000 });
    expect(await counted(store, 't')).toEqual({ stored: 0, actual: 0 });
  });

  it('keeps at most a hundred reasons but counts every skip', async () => {
    const store = createSqliteStore(':memory:');
    const skips: ImportItem[] = Array.from({ length: 250 }, (_, i) => ({ kind: 'skip', ref: `post ${i}`, reason: 'broken' }));
    const result = await writeImport(store, items(skips));
    expect(result.skipped).toBe(250);
    expect(result.skippedReasons).toHaveLength(REASONS_KEPT);
  });
});

describe('writeImport on ids of this very database', () => {
  it('knows its own comments, skips those deleted since, and tells a clone\'s comments apart', async () => {
    const store = createSqliteStore(':memory:');
    const t = await store.threads.ensure('t');
    const row = (body: string, createdAt: number) => ({ threadId: t.id, parentId: null, author: 'a', email: null, body, html: body, status: 'published' as const, reader: null, editTokenHash: null, createdAt });
    const a = await store.comments.insert(row('a', 1000));
    const b = await store.comments.insert(row('b', 2000));
    await store.comments.erase(b.id);
    const site = await store.archive.siteTag();
    const own = (id: number, createdAt: number, parent: number | null = null) =>
      comment(String(id), { sourceId: `footnote:${site}:${id}`, parentSourceId: parent === null ? null : `footnote:${site}:${parent}`, createdAt });
    const result = await writeImport(store, items([
      thread('t'),
      own(a.id, 1000), // this server's own comment: nothing to do
      own(b.id, 2000), // deleted here since the export: not revived
      own(a.id + 50, 3000, a.id), // a number never used here (a clone's): a new comment, under `a`
    ]));
    expect(result).toMatchObject({ comments: 1, unchanged: 1, skipped: 1 });
    expect(result.skippedReasons[0]?.reason).toBe('deleted on this server since it was exported');
    const added = await store.comments.findByImportKey(`footnote:${site}:${a.id + 50}`);
    expect(added?.parentId).toBe(a.id);
    // The same number with another date is another server's comment too.
    expect(await writeImport(store, items([thread('t'), own(a.id, 9999)]))).toMatchObject({ comments: 1 });
  });
});
