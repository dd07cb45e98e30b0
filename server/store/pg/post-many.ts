import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { PgDb } from '../../db/open-pg';
import { comments, threads } from '../../db/pg-schema';
import { COMMENTER_SQL } from '../../db/schema';
import type { CommentInsert } from '../sqlite/comment-writes';
import { commenterOf, utcDay } from '../sqlite/daily';
import type { CommentRow } from '../types';
import type { PgTx } from './comment-writes';

/** A reader's new comment as posting writes it: published or held, never an import. */
export type NewPost = Omit<CommentInsert, 'rootId'> & { status: 'published' | 'pending'; importKey: null };

const COLUMNS = getTableColumns(comments);
const dialect = new PgDialect();

const DAY_MS = 86_400_000;

/** A row as node-postgres hands it over (column names, bigints as strings) in the schema's shape. */
export function commentFromDriver(raw: Record<string, unknown>): CommentRow {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(COLUMNS)) {
    const value = raw[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as unknown as CommentRow;
}

/**
 * Readers' new comments, any number, with their threads' counts and the day's figures, in one
 * statement. Run on its own it commits on its own: the rows every post must change (the
 * thread's count, its day, the site's day) stay locked only while it runs and its commit is
 * flushed, and a batch of posts waits for that once, not once per post (`post-queue.ts`).
 *
 * The locks come in the order every other writer takes them (views, moderation): parents
 * (`for share`, so a moderator hiding one waits and no reply lands under what just went
 * away), then the threads by key, then the threads' days by thread, then the site's days. Each
 * step counts the rows of the step before it, which makes it run to the end first.
 *
 * Returns one entry per post, in order: the stored row, or null when its parent is gone,
 * hidden or in another thread. A commenter's first comment of the day is asked of the rows as
 * they were before the statement, and of the posts before it in the batch.
 */
export async function postMany(on: PgTx | PgDb, posts: readonly NewPost[]): Promise<(CommentRow | null)[]> {
  if (posts.length === 0) return [];
  const names = Object.keys(posts[0]!) as Column[];
  const starts = posts.map((p) => p.createdAt - (((p.createdAt % DAY_MS) + DAY_MS) % DAY_MS));
  // One array per column, whatever the batch's size: the statement's text stays the same.
  const arrays: unknown[][] = [
    posts.map(commenterOf),
    starts.map(utcDay),
    starts,
    starts.map((s) => s + DAY_MS),
    ...names.map((k) => posts.map((p) => (p[k] == null ? null : COLUMNS[k].mapToDriverValue(p[k] as never)))),
  ];
  // Not a named statement: planned for each batch with the tables as they are. A named one's
  // generic plan, made while a new database's comments were few, went on scanning the whole
  // day's comments for each post's first-of-the-day check until autovacuum's ANALYZE came
  // (posting at 530/s instead of 1,000/s in a new database's first minute, docs/performance.md).
  const result = await on.execute<Record<string, unknown>>(withArrays(compiled(names), arrays));
  const out: (CommentRow | null)[] = posts.map(() => null);
  for (const raw of result.rows) out[Number(raw.k)] = commentFromDriver(raw);
  return out;
}

type Column = keyof NewPost & keyof typeof COLUMNS;

/**
 * The statement's text split at its parameters, per list of columns: drizzle builds and
 * escapes it once, as only the arrays change from batch to batch (building it for each batch
 * cost about 5% of the instance's CPU while posting).
 */
const texts = new Map<string, string[]>();

function compiled(names: readonly Column[]): string[] {
  const id = names.join(',');
  let chunks = texts.get(id);
  if (!chunks) {
    const params = Array.from({ length: 4 + names.length }, () => sql.param(null));
    chunks = dialect.sqlToQuery(statementOf(names, params)).sql.split(/\$\d+/);
    if (chunks.length !== params.length + 1) throw new Error(`postMany: expected ${params.length} parameters, the statement has ${chunks.length - 1}`);
    texts.set(id, chunks);
  }
  return chunks;
}

/** The text back together, each array in its place (drizzle numbers parameters in order). */
const withArrays = (chunks: readonly string[], arrays: readonly unknown[][]): SQL =>
  sql.join(chunks.flatMap((chunk, i) => (i < arrays.length ? [sql.raw(chunk), sql.param(arrays[i])] : [sql.raw(chunk)])));

function statementOf(names: readonly Column[], params: readonly ReturnType<typeof sql.param>[]): SQL {
  const types = ['text', 'text', 'bigint', 'bigint', ...names.map((n) => COLUMNS[n].getSQLType())];
  const arrays = sql.join(
    params.map((p, i) => sql`${p}::${sql.raw(types[i]!)}[]`),
    sql`, `,
  );
  const columns = sql.join(names.map((n) => sql.identifier(COLUMNS[n].name)), sql`, `);
  const fromOk = sql.join(names.map((n) => sql`ok.${sql.identifier(COLUMNS[n].name)}`), sql`, `);
  // Asked of one index only, the commenter's (`comments_published_commenter`: commenter, then
  // time): the day's range is a row comparison over its two columns, which no other index can
  // serve, and the thread is compared as `thread_id + 0`, which none can. The planner cannot
  // know the commenter and day a CTE row holds; given the choice, once autovacuum had been at
  // a busy table, it took the (status, created_at) or (thread_id, status, created_at) index
  // and filtered the whole day's comments for each post (posting fell from 1,100/s to 35/s
  // past 20,000 comments, docs/performance.md). A commenter's rows of one day are few.
  const mine = (thread: boolean) =>
    sql`not exists (select 1 from ${comments} c where status = 'published' and ${sql.raw(COMMENTER_SQL)} = v.who${thread ? sql` and thread_id + 0 = v.thread_id` : sql``}
      and (${sql.raw(COMMENTER_SQL)}, created_at) >= (v.who, v.day_start) and (${sql.raw(COMMENTER_SQL)}, created_at) < (v.who, v.day_end))`;
  return sql`
    with v as (select x.*, (x.n - 1)::int as k from unnest(${arrays}) with ordinality as x(who, day, day_start, day_end, ${columns}, n)),
    p as (
      select c.id, c.root_id, c.thread_id from ${comments} c
      where c.id in (select parent_id from v where parent_id is not null) and c.status = 'published'
      order by c.id for share
    ),
    locked as (
      select t.id from ${threads} t
      where t.id in (select thread_id from v where status = 'published') and (select count(*) from p) >= 0
      order by t.key for no key update
    ),
    ok as materialized (
      select v.*, nextval('comments_id_seq')::int as new_id, coalesce(p.root_id, p.id) as parent_root
      from v left join p on p.id = v.parent_id and p.thread_id = v.thread_id
      where (v.parent_id is null or p.id is not null) and (select count(*) from locked) >= 0
      order by v.k
    ),
    ins as (
      insert into ${comments} (id, root_id, ${columns})
      select ok.new_id, coalesce(ok.parent_root, ok.new_id), ${fromOk} from ok order by ok.k
      returning *
    ),
    np as materialized (
      select v.k, v.thread_id, v.day, (v.parent_id is not null)::int as reply,
        (row_number() over (partition by v.thread_id, v.who, v.day order by v.k) = 1 and ${mine(true)})::int as first_t,
        (row_number() over (partition by v.who, v.day order by v.k) = 1 and ${mine(false)})::int as first_s
      from v join ok on ok.k = v.k where v.status = 'published'
    ),
    bump as (
      update ${threads} t set published_count = t.published_count + d.n
      from (select thread_id, count(*)::int as n from np group by thread_id) d
      where t.id = d.thread_id and (select count(*) from locked) > 0
      returning t.id
    ),
    td as (
      insert into thread_days (thread_id, day, views, comments, replies, commenters, rejected)
      select thread_id, day, 0, count(*), sum(reply), sum(first_t), 0 from np
      where (select count(*) from bump) > 0
      group by thread_id, day order by thread_id, day
      on conflict (thread_id, day) do update set comments = thread_days.comments + excluded.comments,
        replies = thread_days.replies + excluded.replies, commenters = thread_days.commenters + excluded.commenters
      returning 1
    ),
    sd as (
      insert into site_days (day, views, comments, replies, commenters, rejected)
      select day, 0, count(*), sum(reply), sum(first_s), 0 from np
      where (select count(*) from td) > 0
      group by day order by day
      on conflict (day) do update set comments = site_days.comments + excluded.comments,
        replies = site_days.replies + excluded.replies, commenters = site_days.commenters + excluded.commenters
    )
    select ok.k, ins.* from ins join ok on ok.new_id = ins.id`;
}
