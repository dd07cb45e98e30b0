import type { CommentStatus } from '../../../contract';
import type { Db } from '../../db/open';
import { COMMENTER_SQL } from '../../db/schema';

/** What the daily figures need to know of a comment, before or after a change. */
export interface DailySnapshot {
  threadId: number;
  parentId: number | null;
  status: CommentStatus;
  /** Whether the status is the desk's decision (`comments.status_by_desk`). */
  statusByDesk: boolean;
  createdAt: number;
  userId: string | null;
  email: string | null;
  reader: string | null;
  author: string;
}

/** The UTC day (YYYY-MM-DD) of a time in milliseconds, as the figures are keyed. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const DAY_MS = 86_400_000;

/** Same text as `COMMENTER_SQL`, in JavaScript. */
export function commenterOf(c: Pick<DailySnapshot, 'userId' | 'email' | 'reader' | 'author'>): string {
  if (c.userId !== null) return `u:${c.userId}`;
  if (c.email !== null) return `e:${c.email}`;
  if (c.reader !== null) return `r:${c.reader}`;
  return `a:${c.author}`;
}

export const published = (s: DailySnapshot | null) => s !== null && s.status === 'published';

/**
 * Rejected or marked spam by the desk: a moderator's decision, not the checks' at posting (a
 * comment posted as spam, or sent back to spam by an edit, has `statusByDesk` false). The
 * reports' rejection rate and minutes to a decision count the same decisions.
 */
export const deskRejected = (s: DailySnapshot | null) => s !== null && s.statusByDesk && (s.status === 'rejected' || s.status === 'spam');

/** What one comment adds to its day's figures (distinct commenters apart). */
export const figures = (s: DailySnapshot | null) => ({
  comments: published(s) ? 1 : 0,
  replies: published(s) && s!.parentId !== null ? 1 : 0,
  rejected: deskRejected(s) ? 1 : 0,
});

/**
 * Keeps `thread_days` and `site_days` in step with the comments and views. Every method runs
 * inside the caller's transaction, on the same connection, after the row itself changed: the
 * figures move in the same commit as the status (or the view count) they describe.
 *
 * Distinct commenters are kept without any reader data of their own: whether a commenter
 * already has (or still has) a published comment that day is asked of the comments table,
 * through its partial index `comments_published_commenter`.
 */
export function dailyWrites(db: Db) {
  const sqlite = db.$client;
  const bump = (table: 'thread_days' | 'site_days', key: string) =>
    sqlite.prepare<Record<string, number | string>>(
      `insert into ${table} (${key}, views, comments, replies, commenters, rejected)
       values (${key === 'day' ? '' : '@threadId, '}@day, @views, @comments, @replies, @commenters, @rejected)
       on conflict do update set views = views + excluded.views, comments = comments + excluded.comments,
         replies = replies + excluded.replies, commenters = commenters + excluded.commenters, rejected = rejected + excluded.rejected`,
    );
  const q = {
    thread: bump('thread_days', 'thread_id, day'),
    site: bump('site_days', 'day'),
    inThread: sqlite.prepare<[string, number, number, number], { n: number }>(
      `select count(*) as n from comments where ${COMMENTER_SQL} = ? and status = 'published' and created_at >= ? and created_at < ? and thread_id = ?`,
    ),
    onSite: sqlite.prepare<[string, number, number], { n: number }>(
      `select count(*) as n from comments where ${COMMENTER_SQL} = ? and status = 'published' and created_at >= ? and created_at < ?`,
    ),
  };

  return {
    /**
     * A comment changed from `before` to `after` (null: it did not exist / no longer exists).
     * Both describe the same comment, so the same thread and day.
     */
    comment(before: DailySnapshot | null, after: DailySnapshot | null): void {
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
        // Counted after the row changed: gone from the day when none is left, new when this is the only one.
        if (who.before !== null) {
          if (q.inThread.get(who.before, start, end, any.threadId)!.n === 0) threadCommenters--;
          if (q.onSite.get(who.before, start, end)!.n === 0) siteCommenters--;
        }
        if (who.after !== null) {
          if (q.inThread.get(who.after, start, end, any.threadId)!.n === 1) threadCommenters++;
          if (q.onSite.get(who.after, start, end)!.n === 1) siteCommenters++;
        }
      }
      const move = {
        day: utcDay(start),
        views: 0,
        comments: a.comments - b.comments,
        replies: a.replies - b.replies,
        rejected: a.rejected - b.rejected,
      };
      if (move.comments !== 0 || move.replies !== 0 || move.rejected !== 0 || threadCommenters !== 0) {
        q.thread.run({ ...move, threadId: any.threadId, commenters: threadCommenters });
      }
      if (move.comments !== 0 || move.replies !== 0 || move.rejected !== 0 || siteCommenters !== 0) {
        q.site.run({ ...move, commenters: siteCommenters });
      }
    },
    /** Views added to a thread on `day` (the site's total is added once per batch: `siteViews`). */
    threadViews(threadId: number, day: string, views: number): void {
      q.thread.run({ threadId, day, views, comments: 0, replies: 0, commenters: 0, rejected: 0 });
    },
    siteViews(day: string, views: number): void {
      if (views !== 0) q.site.run({ day, views, comments: 0, replies: 0, commenters: 0, rejected: 0 });
    },
  };
}

export type DailyWrites = ReturnType<typeof dailyWrites>;
