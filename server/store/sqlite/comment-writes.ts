import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import type { CommentStatus } from '../../../contract';
import { comments, threads } from '../../db/schema';
import type { CommentPatch, CommentRow } from '../types';

/** What placing a comment needs to know about its parent. */
export interface ParentRef {
  id: number;
  threadId: number;
  rootId: number | null;
  status: CommentStatus;
}

/**
 * Every column a new comment row is written with, as the schema names them (a path that has
 * no value for one passes null). Moderation state a new row never carries is left to its defaults
 * (a new row's status is never the desk's decision: `statusByDesk` false).
 */
export type CommentInsert = Required<Omit<typeof comments.$inferInsert, 'id' | 'reports' | 'reportsReviewed' | 'statusByDesk' | 'decidedAt'>>;

const p = <K extends keyof CommentInsert>(name: K) => sql.placeholder(name);

/**
 * The statements that write a comment, prepared once through drizzle and shared by posting
 * (`comments.insert`) and importing (`archive.importBatch`): one definition of the row, typed
 * by the schema, so a renamed or added column fails the type-check in one place. Both run
 * them inside their own better-sqlite3 transaction on the same connection.
 */
export function commentWrites(db: Db) {
  return {
    /** The new row's id, or nothing when its `importKey` is stored already (a re-import). */
    insert: db
      .insert(comments)
      .values({
        threadId: p('threadId'),
        parentId: p('parentId'),
        rootId: p('rootId'),
        author: p('author'),
        email: p('email'),
        body: p('body'),
        html: p('html'),
        status: p('status'),
        featured: p('featured'),
        reactions: p('reactions'),
        reader: p('reader'),
        host: p('host'),
        editTokenHash: p('editTokenHash'),
        createdAt: p('createdAt'),
        editedAt: p('editedAt'),
        importKey: p('importKey'),
        userId: p('userId'),
        badges: p('badges'),
      })
      .onConflictDoNothing({ target: comments.importKey })
      .returning({ id: comments.id })
      .prepare(),
    /** A comment as a parent: where it lives and whether it is shown. */
    parent: db
      .select({ id: comments.id, threadId: comments.threadId, rootId: comments.rootId, status: comments.status })
      .from(comments)
      .where(eq(comments.id, sql.placeholder('id')))
      .prepare(),
    /** A top-level comment is its own branch's root. */
    setRoot: db
      .update(comments)
      .set({ rootId: sql`${comments.id}` })
      .where(eq(comments.id, sql.placeholder('id')))
      .prepare(),
    /** Moves a thread's published count (negative to lower it). */
    bumpCount: db
      .update(threads)
      .set({ publishedCount: sql`${threads.publishedCount} + ${sql.placeholder('delta')}` })
      .where(eq(threads.id, sql.placeholder('threadId')))
      .prepare(),
  };
}

export type CommentWrites = ReturnType<typeof commentWrites>;

/**
 * The columns an update writes for a patch, on both engines. A review closes the open reports:
 * the threshold then counts only new ones, so one fresh report cannot hide a comment a
 * moderator has just cleared.
 *
 * `statusByDesk`: a status the desk changes becomes the desk's (the patch says so: the
 * moderation service). A desk decision that leaves the status as it was (spam confirmed as
 * spam) leaves the mark as it was too, as the audit records no change of status either. Any
 * other change of status (an edit's checks, readers' reports) clears it. `decidedAt` is the
 * desk's first decision: a later one does not move it.
 */
export function commentSet(patch: CommentPatch, before: Pick<CommentRow, 'status' | 'statusByDesk' | 'decidedAt'>) {
  const { statusByDesk, decidedAt, ...rest } = patch;
  const changed = patch.status !== undefined && patch.status !== before.status;
  return {
    ...rest,
    ...(patch.reportsReviewed ? { reports: 0 } : {}),
    ...(changed ? { statusByDesk: statusByDesk === true } : {}),
    ...(decidedAt !== undefined && before.decidedAt === null ? { decidedAt } : {}),
  };
}
