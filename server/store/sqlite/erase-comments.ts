import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { comments, threads } from '../../db/schema';
import type { DataRequestComment } from '../types';
import type { DailyWrites } from './daily';

/**
 * Erases one commenter's comments inside the caller's transaction (a data request by email or
 * by user): each with replies, or imported (re-importing the old file must not revive it),
 * becomes an empty "deleted" placeholder; the others go. Threads' published counts follow.
 */
export function eraseCommentsIn(tx: Pick<Db, 'select' | 'update' | 'delete'>, found: readonly DataRequestComment[], daily: DailyWrites) {
  const erased: { before: DataRequestComment; placeholder: boolean }[] = [];
  // Newest first: a reader's reply to their own comment goes before the comment it holds up.
  for (const row of [...found].sort((a, b) => b.id - a.id)) {
    const child = tx.select({ id: comments.id }).from(comments).where(eq(comments.parentId, row.id)).limit(1).get();
    const placeholder = Boolean(child) || row.importKey !== null;
    if (placeholder) {
      tx.update(comments)
        .set({ status: 'deleted', author: '', body: '', html: '', email: null, reader: null, host: null, editTokenHash: null, featured: false, userId: null, badges: [] })
        .where(eq(comments.id, row.id))
        .run();
    } else {
      tx.delete(comments).where(eq(comments.id, row.id)).run();
    }
    if (row.status === 'published') {
      tx.update(threads).set({ publishedCount: sql`${threads.publishedCount} - 1` }).where(eq(threads.id, row.threadId)).run();
    }
    daily.comment(row, placeholder ? { ...row, status: 'deleted' } : null);
    erased.push({ before: row, placeholder });
  }
  return erased;
}
