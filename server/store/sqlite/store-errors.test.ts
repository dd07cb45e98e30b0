import { describe, expect, it } from 'vitest';
import { StoreError } from '../types';
import { createSqliteStore } from './index';

describe('the SQLite store speaks storage, not answers', () => {
  it('names a comment that is gone with comment_missing, whatever the write', async () => {
    const store = createSqliteStore(':memory:');
    const writes = [
      () => store.comments.addReaction(404, 'reader', 'range', 5),
      () => store.comments.removeReaction(404, 'reader'),
      () => store.comments.addReport(404, 'reader', 'range', 'spam', null),
    ];
    for (const write of writes) {
      const error = await write().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'comment_missing' });
    }
    await store.close();
  });
});
