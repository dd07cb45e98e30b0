import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { PgDb } from '../../db/open-pg';
import { comments, threads } from '../../db/pg-schema';
import type { CommentInsert, ParentRef } from '../sqlite/comment-writes';
import type { CommentRow } from '../types';
import { commentFromDriver } from './post-many';

/** A transaction or the database: what the writes below run on. */
export type PgTx = Pick<PgDb, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/**
 * The statements that write a comment, shared by posting (`comments.insert`) and importing
 * (`archive.importBatch`), as `sqlite/comment-writes.ts` is for SQLite: one definition of the
 * row (the same `CommentInsert` type), so a column added to both schemas fails the type-check here.
 */
const COLUMNS = getTableColumns(comments);

export const pgCommentWrites = {
  /**
   * Any other new row (caught as spam, or brought in by an import through `comments.insert`):
   * the id drawn first so a top-level comment is written as its own root, the thread's
   * published count moved by `delta` in the same statement, the whole row returned. The
   * caller moves the day's figures (`pgDaily.comment`) in the same transaction.
   */
  async insertAny(tx: PgTx, row: Omit<CommentInsert, 'rootId'> & { rootId: number | null }, delta: number): Promise<CommentRow> {
    const names = Object.keys(row).filter((k) => k !== 'rootId') as (keyof typeof row & keyof typeof COLUMNS)[];
    const columns = sql.join(names.map((k) => sql.identifier(COLUMNS[k].name)), sql`, `);
    const values = sql.join(names.map((k) => sql`${COLUMNS[k].mapToDriverValue(row[k] as never)}`), sql`, `);
    const result = await tx.execute<Record<string, unknown>>(sql`
      with n as (select nextval('comments_id_seq')::int as id),
      ins as (
        insert into ${comments} (id, root_id, ${columns})
        select n.id, coalesce(${row.rootId}::int, n.id), ${values} from n
        returning *
      ),
      bump as (
        update ${threads} set published_count = published_count + ${delta}::int
        where id = ${row.threadId}::int and ${delta}::int <> 0
      )
      select * from ins`);
    return commentFromDriver(result.rows[0]!);
  },
  /** The new row's id, or null when its `importKey` is stored already (a re-import). */
  async insert(tx: PgTx, row: CommentInsert): Promise<number | null> {
    const [inserted] = await tx
      .insert(comments)
      .values(row)
      .onConflictDoNothing({ target: comments.importKey })
      .returning({ id: comments.id });
    return inserted?.id ?? null;
  },
  /**
   * A comment as a parent, locked against change until the transaction ends (`for share`): a
   * moderator hiding or erasing it waits, so a reply is never placed under what just went away.
   */
  async parent(tx: PgTx, id: number): Promise<ParentRef | null> {
    const [row] = await tx
      .select({ id: comments.id, threadId: comments.threadId, rootId: comments.rootId, status: comments.status })
      .from(comments)
      .where(eq(comments.id, id))
      .for('share');
    return row ?? null;
  },
  /** A top-level comment is its own branch's root. */
  async setRoot(tx: PgTx, id: number): Promise<void> {
    await tx.update(comments).set({ rootId: sql`${comments.id}` }).where(eq(comments.id, id));
  },
  /** Moves a thread's published count (negative to lower it). */
  async bumpCount(tx: PgTx, threadId: number, delta: number): Promise<void> {
    if (delta === 0) return;
    await tx.update(threads).set({ publishedCount: sql`${threads.publishedCount} + ${delta}` }).where(eq(threads.id, threadId));
  },
};
