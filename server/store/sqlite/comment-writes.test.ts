import { describe, expect, it } from 'vitest';
import { StoreError, type ImportCommentOp, type NewCommentRow } from '../types';
import { createSqliteStore } from './index';

const posted = (threadId: number, over: Partial<NewCommentRow> = {}): NewCommentRow => ({
  threadId, parentId: null, author: 'Ann', email: null, body: 'hi', html: '<p>hi</p>', status: 'published',
  reader: 'r1', editTokenHash: 'h', createdAt: 1000, ...over,
});
const imported = (key: string, over: Partial<ImportCommentOp> = {}): ImportCommentOp => ({
  kind: 'comment', importKey: key, threadKey: 't', parentKey: null, localId: null, parentLocalId: null, author: 'Bob', email: 'b@example.com',
  body: 'old', html: '<p>old</p>', status: 'published', featured: true, reactions: 4, createdAt: 500, editedAt: 600, ...over,
});

describe('comment writes shared by posting and importing', () => {
  it('throws a storage error, not a reader-facing one, for a parent that cannot take the reply', async () => {
    const store = createSqliteStore(':memory:');
    const a = await store.threads.ensure('a');
    const b = await store.threads.ensure('b');
    const parent = await store.comments.insert(posted(a.id));
    const held = await store.comments.insert(posted(a.id, { status: 'pending' }));
    for (const parentId of [parent.id, held.id, 999]) {
      const threadId = parentId === parent.id ? b.id : a.id;
      const error = await store.comments.insert(posted(threadId, { parentId })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'parent_unusable' });
    }
    expect((await store.threads.get('a'))?.publishedCount).toBe(1);
  });

  it('write the same row shape either way: roots, counts, flags, import keys', async () => {
    const store = createSqliteStore(':memory:');
    const t = await store.threads.ensure('t');
    const live = await store.comments.insert(posted(t.id, { featured: true, reactions: 2 }));
    const reply = await store.comments.insert(posted(t.id, { parentId: live.id }));
    expect(live).toMatchObject({ rootId: live.id, featured: true, reactions: 2, importKey: null, editedAt: null, reports: 0, reportsReviewed: false });
    expect(reply).toMatchObject({ parentId: live.id, rootId: live.id });

    const results = await store.archive.importBatch([imported('x:1'), imported('x:2', { parentKey: 'x:1', featured: false }), imported('x:1')], 2000);
    expect(results).toEqual(['added', 'added', 'unchanged']);
    const first = await store.comments.findByImportKey('x:1');
    const second = await store.comments.findByImportKey('x:2');
    expect(first).toMatchObject({ rootId: first?.id, featured: true, reactions: 4, editedAt: 600, reader: null, editTokenHash: null, email: 'b@example.com' });
    expect(second).toMatchObject({ parentId: first?.id, rootId: first?.id, featured: false });
    expect((await store.threads.get('t'))?.publishedCount).toBe(4);
    await store.close();
  });
});
