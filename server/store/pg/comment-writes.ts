import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { PgDb } from '../../db/open-pg';
import { comments, threads } from '../../db/pg-schema';
import { COMMENTER_SQL } from '../../db/schema';
import type { CommentInsert, ParentRef } from '../sqlite/comment-writes';
import { commenterOf, utcDay } from '../sqlite/daily';
import type { CommentRow } from '../types';

/** A transaction or the database: what the writes below run on. */
export type PgTx = Pick<PgDb, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/**
 * The statements that write a comment, shared by posting (`comments.insert`) and importing
 * (`archive.importBatch`), as `sqlite/comment-writes.ts` is for SQLite: one definition of the
 * row (the same `CommentInsert` type), so a column added to both schemas fails the type-check here.
 */
const COLUMNS = getTableColumns(comments);

/** A row as node-postgres hands it over (column names, bigints as strings) in the schema's shape. */
function commentFromDriver(raw: Record<string, unknown>): CommentRow {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(COLUMNS)) {
    const value = raw[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as unknown as CommentRow;
}

const DAY_MS = 86_400_000;

/**
 * The steps that count a newly published comment (as `pgDaily.comment` does for a change):
 * the thread's published count, then the thread's day, then the site's day, each step reading
 * the one before so they run, and lock, in that order. `firsts` sees the comments as they were
 * before the insert, so "no earlier published comment of this commenter today" is this one
 * being their first.
 */
function figuresOfNew(row: CommentInsert, reply: boolean) {
  const start = row.createdAt - (((row.createdAt % DAY_MS) + DAY_MS) % DAY_MS);
  const day = utcDay(start);
  const who = commenterOf(row);
  const mine = sql`${sql.raw(COMMENTER_SQL)} = ${who} and status = 'published' and created_at >= ${start} and created_at < ${start + DAY_MS}`;
  const replies = reply ? 1 : 0;
  return sql`,
      firsts as (
        select (not exists (select 1 from ${comments} where ${mine} and thread_id = ${row.threadId}::int))::int as in_thread,
               (not exists (select 1 from ${comments} where ${mine}))::int as on_site
      ),
      bump as (
        update ${threads} set published_count = published_count + 1
        where id = ${row.threadId}::int and exists (select 1 from ins)
        returning id
      ),
      td as (
        insert into thread_days (thread_id, day, views, comments, replies, commenters, rejected)
        select bump.id, ${day}, 0, 1, ${replies}::int, firsts.in_thread, 0 from bump, firsts
        on conflict (thread_id, day) do update set comments = thread_days.comments + 1,
          replies = thread_days.replies + excluded.replies, commenters = thread_days.commenters + excluded.commenters
        returning 1 as done
      ),
      sd as (
        insert into site_days (day, views, comments, replies, commenters, rejected)
        select ${day}, 0, 1, ${replies}::int, firsts.on_site, 0 from td, firsts
        on conflict (day) do update set comments = site_days.comments + 1,
          replies = site_days.replies + excluded.replies, commenters = site_days.commenters + excluded.commenters
      )
`;
}

export const pgCommentWrites = {
  /**
   * A new comment that is published or held, with its thread's count and the day's figures,
   * in one statement: outside a transaction it commits on its own, so the rows every post
   * must change (the thread's count, its day, the site's day) stay locked only while the
   * statement runs and its commit is flushed, not across round trips. With 32 posts at once on
   * one story that lock is the queue they wait in (docs/performance.md, "Posting on
   * PostgreSQL"). The steps are chained (each reads the one before) so the locks are taken in
   * the order every other writer takes them: the parent, the thread, its day, the site's day.
   *
   * A reply reads its parent `for share` in the same statement (a moderator hiding it waits):
   * no row comes back when the parent is gone, hidden or in another thread. The commenter's
   * first comment of the day is asked of the rows as they were before this one.
   */
  async post(tx: PgTx, row: CommentInsert & { status: 'published' | 'pending' }): Promise<CommentRow | null> {
    const names = Object.keys(row).filter((k) => k !== 'rootId') as (keyof CommentInsert)[];
    const columns = sql.join(names.map((k) => sql.identifier(COLUMNS[k].name)), sql`, `);
    const values = sql.join(names.map((k) => sql`${COLUMNS[k].mapToDriverValue(row[k] as never)}`), sql`, `);
    const reply = row.parentId !== null;
    const parent = reply
      ? sql`p as (select id, root_id from ${comments} where id = ${row.parentId}::int and thread_id = ${row.threadId}::int and status = 'published' for share),`
      : sql``;
    const insert = sql`ins as (
        insert into ${comments} (id, root_id, ${columns})
        select n.id, ${reply ? sql`coalesce(p.root_id, p.id)` : sql`n.id`}, ${values} from n${reply ? sql`, p` : sql``}
        returning *
      )`;
    const counted = row.status === 'published' ? figuresOfNew(row, reply) : sql``;
    const result = await tx.execute<Record<string, unknown>>(sql`
      with ${parent} n as (select nextval('comments_id_seq')::int as id),
      ${insert}${counted}
      select * from ins`);
    const raw = result.rows[0];
    return raw ? commentFromDriver(raw) : null;
  },
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
