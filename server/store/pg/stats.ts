import { sql, type SQL } from 'drizzle-orm';
import type { PgDb } from '../../db/open-pg';
import { COMMENTER_SQL } from '../../db/schema';
import { median } from '../sqlite/stats';
import type { DayRow, RangeThreadRow, StatsStore } from '../types';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

type Sums = Omit<RangeThreadRow, 'key' | 'title' | 'url' | 'commenters' | 'medianDecisionMs'>;

const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Sums come back as bigint or numeric text from node-postgres: numbers here. */
const numbers = <T extends object>(row: Record<string, unknown>, keys: (keyof T)[]): T => {
  const out: Record<string, unknown> = { ...row };
  for (const k of keys) out[k as string] = row[k as string] === null ? null : Number(row[k as string]);
  return out as T;
};

/** The engagement reports on PostgreSQL: the same queries as `sqlite/stats.ts`. */
export function pgStats(db: PgDb): StatsStore {
  const rows = async (query: SQL) => (await db.execute<Record<string, unknown>>(query)).rows;
  const DAY_KEYS: (keyof DayRow)[] = ['views', 'comments', 'commenters', 'replies', 'rejected'];
  const SUM_KEYS: (keyof Sums)[] = ['threadId', 'views', 'comments', 'replies', 'rejected'];

  const complete = async (sums: Sums, start: number, end: number): Promise<RangeThreadRow> => {
    const [t] = await rows(sql`select key, title, url from threads where id = ${sums.threadId}`);
    const decided = (
      await rows(sql`select decided_at - created_at as ms from comments
        where thread_id = ${sums.threadId} and created_at >= ${start} and created_at < ${end} and decided_at is not null`)
    ).map((r) => Number(r.ms));
    const [c] = await rows(
      sql`select count(distinct ${sql.raw(COMMENTER_SQL)}) as n from comments where thread_id = ${sums.threadId} and status = 'published' and created_at >= ${start} and created_at < ${end}`,
    );
    return {
      ...sums,
      key: (t?.key as string | undefined) ?? '',
      title: (t?.title as string | null | undefined) ?? null,
      url: (t?.url as string | null | undefined) ?? null,
      commenters: Number(c?.n ?? 0),
      medianDecisionMs: median(decided),
    };
  };

  return {
    async days(from, to, threadId) {
      const found =
        threadId === undefined
          ? await rows(sql`select day, views, comments, commenters, replies, rejected from site_days where day >= ${from} and day <= ${to} order by day`)
          : await rows(
              sql`select day, views, comments, commenters, replies, rejected from thread_days where thread_id = ${threadId} and day >= ${from} and day <= ${to} order by day`,
            );
      return found.map((r) => numbers<DayRow>(r, DAY_KEYS));
    },
    async topThreads(from, to, limit, threadId) {
      const start = dayStart(from);
      const end = dayStart(to) + DAY_MS;
      if (threadId !== undefined) {
        const [one] = await rows(sql`select ${threadId}::int as "threadId", coalesce(sum(views), 0) as views, coalesce(sum(comments), 0) as comments,
            coalesce(sum(replies), 0) as replies, coalesce(sum(rejected), 0) as rejected
          from thread_days where thread_id = ${threadId} and day >= ${from} and day <= ${to}`);
        return [await complete(numbers<Sums>(one!, SUM_KEYS), start, end)];
      }
      const all = (
        await rows(sql`select thread_id as "threadId", sum(views) as views, sum(comments) as comments, sum(replies) as replies, sum(rejected) as rejected
          from thread_days where day >= ${from} and day <= ${to} group by thread_id`)
      ).map((r) => numbers<Sums>(r, SUM_KEYS));
      const byComments = [...all].sort((a, b) => b.comments - a.comments || b.views - a.views || a.threadId - b.threadId).slice(0, limit);
      const byViews = [...all].sort((a, b) => b.views - a.views || b.comments - a.comments || a.threadId - b.threadId).slice(0, limit);
      const chosen = [...new Map([...byComments, ...byViews].map((r) => [r.threadId, r])).values()];
      const out: RangeThreadRow[] = [];
      for (const r of chosen.filter((r) => r.views > 0 || r.comments > 0 || r.rejected > 0)) out.push(await complete(r, start, end));
      return out;
    },
    async commentsPerHour(start, hours, threadId) {
      const end = start + hours * HOUR_MS;
      const inThread = threadId === undefined ? sql`` : sql` and thread_id = ${threadId}`;
      const found = await rows(sql`select (created_at - ${start}) / ${HOUR_MS} as h, count(*) as n from comments
        where status = 'published' and created_at >= ${start} and created_at < ${end}${inThread} group by h`);
      const out = new Array<number>(hours).fill(0);
      for (const r of found) out[Number(r.h)] = Number(r.n);
      return out;
    },
    async viewsSince() {
      const [r] = await rows(sql`select value from stats_meta where name = 'views_since'`);
      return (r?.value as string | undefined) ?? null;
    },
  };
}
