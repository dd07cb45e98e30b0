import { eq } from 'drizzle-orm';
import { comments } from '../../db/pg-schema';
import type { DataRequestComment } from '../types';
import { pgCommentWrites as writes, type PgTx } from './comment-writes';
import { pgDaily } from './daily';

/** As `sqlite/erase-comments.ts`: one commenter's comments erased inside the caller's transaction. */
export async function eraseCommentsIn(tx: PgTx, found: readonly DataRequestComment[]) {
  const erased: { before: DataRequestComment; placeholder: boolean }[] = [];
  for (const row of [...found].sort((a, b) => b.id - a.id)) {
    const [child] = await tx.select({ id: comments.id }).from(comments).where(eq(comments.parentId, row.id)).limit(1);
    const placeholder = Boolean(child) || row.importKey !== null;
    if (placeholder) {
      await tx
        .update(comments)
        .set({ status: 'deleted', author: '', body: '', html: '', email: null, reader: null, host: null, editTokenHash: null, featured: false, userId: null, badges: [] })
        .where(eq(comments.id, row.id));
    } else {
      await tx.delete(comments).where(eq(comments.id, row.id));
    }
    if (row.status === 'published') await writes.bumpCount(tx, row.threadId, -1);
    await pgDaily.comment(tx, row, placeholder ? { ...row, status: 'deleted' } : null);
    erased.push({ before: row, placeholder });
  }
  return erased;
}
