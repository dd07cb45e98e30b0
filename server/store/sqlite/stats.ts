import type Database from 'better-sqlite3';
import { COMMENTER_SQL } from '../../db/schema';
import type { DayRow, RangeThreadRow, StatsStore } from '../types';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

type Sums = Omit<RangeThreadRow, 'commenters' | 'medianDecisionMs'>;

const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The middle value (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numbers as numbers, without a comparison call per pair.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The report's queries (exported so bench/stats.ts prints the plans of these very texts). A
 * story's distinct commenters are read from the index alone (`indexed by`: without ANALYZE
 * statistics the planner prefers the status index, which visits every row).
 */
export const STATS_SQL = {
  siteDays:
    'select day, views, comments, commenters, replies, rejected from site_days where day >= ? and day <= ? order by day',
  threadDays:
    'select day, views, comments, commenters, replies, rejected from thread_days where thread_id = ? and day >= ? and day <= ? order by day',
  sums:
    `select thread_id as threadId, sum(views) as views, sum(comments) as comments, sum(replies) as replies, sum(rejected) as rejected
    from thread_days where day >= ? and day <= ? group by thread_id`,
  oneSum:
    `select @threadId as threadId, coalesce(sum(views), 0) as views, coalesce(sum(comments), 0) as comments,
      coalesce(sum(replies), 0) as replies, coalesce(sum(rejected), 0) as rejected
    from thread_days where thread_id = @threadId and day >= @from and day <= @to`,
  commenters:
    `select count(distinct ${COMMENTER_SQL}) as n from comments indexed by comments_published_thread_commenter
    where thread_id = ? and status = 'published' and created_at >= ? and created_at < ?`,
  decisions:
    'select decided_at - created_at as ms from comments where thread_id = ? and created_at >= ? and created_at < ? and decided_at is not null',
  hourSite:
    "select count(*) as n from comments where status = 'published' and created_at >= ? and created_at < ?",
  hourThread:
    "select count(*) as n from comments where thread_id = ? and status = 'published' and created_at >= ? and created_at < ?",
} as const;

/**
 * The engagement reports on SQLite. The days read `site_days` (or one thread's `thread_days`),
 * a row a day; the top threads sum `thread_days` over the range; what is distinct over a range
 * (commenters) or is a median (minutes to the desk's first decision, `decided_at`) is asked of
 * the comments, for the few threads shown only.
 */
export function sqliteStats(sqlite: Database.Database): StatsStore {
  const q = {
    siteDays: sqlite.prepare<[string, string], DayRow>(STATS_SQL.siteDays),
    threadDays: sqlite.prepare<[number, string, string], DayRow>(STATS_SQL.threadDays),
    sums: sqlite.prepare<[string, string], Omit<Sums, 'key' | 'title' | 'url'>>(STATS_SQL.sums),
    oneSum: sqlite.prepare<{ threadId: number; from: string; to: string }, Omit<Sums, 'key' | 'title' | 'url'>>(STATS_SQL.oneSum),
    commenters: sqlite.prepare<[number, number, number], { n: number }>(STATS_SQL.commenters),
    // Plain numbers, not a row object each: a big story has thousands of decided comments.
    decisions: sqlite.prepare<[number, number, number], number>(STATS_SQL.decisions).pluck(),
    hourSite: sqlite.prepare<[number, number], { n: number }>(STATS_SQL.hourSite),
    hourThread: sqlite.prepare<[number, number, number], { n: number }>(STATS_SQL.hourThread),
    thread: sqlite.prepare<[number], { key: string; title: string | null; url: string | null }>('select key, title, url from threads where id = ?'),
    since: sqlite.prepare<[], { value: string }>("select value from stats_meta where name = 'views_since'"),
  };

  const complete = (sums: Omit<Sums, 'key' | 'title' | 'url'>, start: number, end: number): RangeThreadRow => {
    const t = q.thread.get(sums.threadId) ?? { key: '', title: null, url: null };
    const decided = q.decisions.all(sums.threadId, start, end);
    return {
      ...sums,
      ...t,
      commenters: q.commenters.get(sums.threadId, start, end)?.n ?? 0,
      medianDecisionMs: median(decided),
    };
  };

  return {
    async days(from, to, threadId) {
      return threadId === undefined ? q.siteDays.all(from, to) : q.threadDays.all(threadId, from, to);
    },
    async topThreads(from, to, limit, threadId) {
      const start = dayStart(from);
      const end = dayStart(to) + DAY_MS;
      if (threadId !== undefined) return [complete(q.oneSum.get({ threadId, from, to })!, start, end)];
      const all = q.sums.all(from, to);
      const byComments = [...all].sort((a, b) => b.comments - a.comments || b.views - a.views || a.threadId - b.threadId).slice(0, limit);
      const byViews = [...all].sort((a, b) => b.views - a.views || b.comments - a.comments || a.threadId - b.threadId).slice(0, limit);
      const chosen = [...new Map([...byComments, ...byViews].map((r) => [r.threadId, r])).values()];
      return chosen.filter((r) => r.views > 0 || r.comments > 0 || r.rejected > 0).map((r) => complete(r, start, end));
    },
    async commentsPerHour(start, hours, threadId) {
      return Array.from({ length: hours }, (_, h) => {
        const from = start + h * HOUR_MS;
        const row = threadId === undefined ? q.hourSite.get(from, from + HOUR_MS) : q.hourThread.get(threadId, from, from + HOUR_MS);
        return row?.n ?? 0;
      });
    },
    async viewsSince() {
      return q.since.get()?.value ?? null;
    },
  };
}
