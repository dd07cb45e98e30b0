import { sql } from 'drizzle-orm';
import { COMMENTER_SQL } from '../../db/schema';
import { commenterOf, figures, published, utcDay, type DailySnapshot } from '../sqlite/daily';
import type { PgTx } from './comment-writes';

const DAY_MS = 86_400_000;

interface Move {
  day: string;
  views: number;
  comments: number;
  replies: number;
  commenters: number;
  rejected: number;
}

const addThread = (tx: PgTx, threadId: number, m: Move) =>
  tx.execute(sql`insert into thread_days (thread_id, day, views, comments, replies, commenters, rejected)
    values (${threadId}, ${m.day}, ${m.views}, ${m.comments}, ${m.replies}, ${m.commenters}, ${m.rejected})
    on conflict (thread_id, day) do update set views = thread_days.views + excluded.views, comments = thread_days.comments + excluded.comments,
      replies = thread_days.replies + excluded.replies, commenters = thread_days.commenters + excluded.commenters, rejected = thread_days.rejected + excluded.rejected`);

const addSite = (tx: PgTx, m: Move) =>
  tx.execute(sql`insert into site_days (day, views, comments, replies, commenters, rejected)
    values (${m.day}, ${m.views}, ${m.comments}, ${m.replies}, ${m.commenters}, ${m.rejected})
    on conflict (day) do update set views = site_days.views + excluded.views, comments = site_days.comments + excluded.comments,
      replies = site_days.replies + excluded.replies, commenters = site_days.commenters + excluded.commenters, rejected = site_days.rejected + excluded.rejected`);

/** Published comments of one commenter on one day (in one thread, or on the whole site). */
async function countOf(tx: PgTx, who: string, start: number, end: number, threadId?: number): Promise<number> {
  const inThread = threadId === undefined ? sql`` : sql` and thread_id = ${threadId}`;
  const r = await tx.execute<{ n: string }>(
    sql`select count(*) as n from comments where ${sql.raw(COMMENTER_SQL)} = ${who} and status = 'published' and created_at >= ${start} and created_at < ${end}${inThread}`,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * The daily figures on PostgreSQL: the same moves as `sqlite/daily.ts`, in the caller's
 * transaction after the row itself changed. Two transactions adding the same commenter's first
 * comment of a day at the same instant can each see the other's row missing (read committed):
 * the `commenters` figure may then be off by one for that day; counts and views are exact.
 */
export const pgDaily = {
  async comment(tx: PgTx, before: DailySnapshot | null, after: DailySnapshot | null): Promise<void> {
    const any = after ?? before;
    if (!any) return;
    const b = figures(before);
    const a = figures(after);
    const start = any.createdAt - (((any.createdAt % DAY_MS) + DAY_MS) % DAY_MS);
    const end = start + DAY_MS;
    const who = { before: published(before) ? commenterOf(before!) : null, after: published(after) ? commenterOf(after!) : null };
    let threadCommenters = 0;
    let siteCommenters = 0;
    if (who.before !== who.after) {
      if (who.before !== null) {
        if ((await countOf(tx, who.before, start, end, any.threadId)) === 0) threadCommenters--;
        if ((await countOf(tx, who.before, start, end)) === 0) siteCommenters--;
      }
      if (who.after !== null) {
        if ((await countOf(tx, who.after, start, end, any.threadId)) === 1) threadCommenters++;
        if ((await countOf(tx, who.after, start, end)) === 1) siteCommenters++;
      }
    }
    const move = { day: utcDay(start), views: 0, comments: a.comments - b.comments, replies: a.replies - b.replies, rejected: a.rejected - b.rejected };
    const moved = move.comments !== 0 || move.replies !== 0 || move.rejected !== 0;
    if (moved || threadCommenters !== 0) await addThread(tx, any.threadId, { ...move, commenters: threadCommenters });
    if (moved || siteCommenters !== 0) await addSite(tx, { ...move, commenters: siteCommenters });
  },

  /** A batch of views: each thread's day, then the site's day once, in one statement each. */
  async views(tx: PgTx, day: string, byThread: readonly { id: number; views: number }[]): Promise<void> {
    if (byThread.length === 0) return;
    await tx.execute(sql`insert into thread_days (thread_id, day, views)
      select id, ${day}, views from unnest(${sql.param(byThread.map((t) => t.id))}::int[], ${sql.param(byThread.map((t) => t.views))}::int[]) as v(id, views)
      order by id
      on conflict (thread_id, day) do update set views = thread_days.views + excluded.views`);
    const total = byThread.reduce((n, t) => n + t.views, 0);
    if (total !== 0) await addSite(tx, { day, views: total, comments: 0, replies: 0, commenters: 0, rejected: 0 });
  },
};
