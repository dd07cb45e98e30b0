import { STATS_CSV_COLUMNS, type StatsDay, type StatsReport, type StatsThread } from '../../../contract';
import { AppError, notFound } from '../../lib/errors';
import type { RangeThreadRow } from '../../store/types';
import type { ServiceContext } from '../context';

const DAY_MS = 86_400_000;
/** The longest range one report covers: a year, leap day included. */
export const MAX_DAYS = 366;

export interface StatsQuery {
  from?: string | undefined;
  to?: string | undefined;
  thread?: string | undefined;
  /** How many stories of each ranking (by comments, by views). */
  limit: number;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const startOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const ratio = (a: number, b: number, scale: number, places: number) => (b === 0 ? null : round((a * scale) / b, places));

function story(r: RangeThreadRow): StatsThread {
  return {
    thread: r.key,
    title: r.title,
    url: r.url,
    views: r.views,
    comments: r.comments,
    commenters: r.commenters,
    replies: r.replies,
    rejected: r.rejected,
    commentsPer1000Views: ratio(r.comments, r.views, 1000, 1),
    replyShare: ratio(r.replies, r.comments, 1, 3),
    medianMinutesToDecision: r.medianDecisionMs === null ? null : round(r.medianDecisionMs / 60_000, 1),
    rejectionRate: ratio(r.rejected, r.comments + r.rejected, 1, 3),
  };
}

/** The range and thread a query asks for, checked. */
async function resolve(ctx: ServiceContext, query: StatsQuery) {
  const to = query.to ?? dayOf(ctx.now());
  const from = query.from ?? dayOf(startOf(to) - 29 * DAY_MS);
  const span = (startOf(to) - startOf(from)) / DAY_MS + 1;
  if (span < 1) throw new AppError('validation_failed', `"from" (${from}) must not be after "to" (${to}).`);
  if (span > MAX_DAYS) throw new AppError('validation_failed', `A report covers at most ${MAX_DAYS} days; ${from} to ${to} is ${span}.`);

  let threadId: number | undefined;
  if (query.thread !== undefined) {
    const row = await ctx.store.threads.get(query.thread);
    if (!row) throw notFound('That thread');
    threadId = row.id;
  }
  return { from, to, span, threadId };
}

/** The days of a range (site or thread): every day of it, zeros where nothing happened. */
export async function reportDays(ctx: ServiceContext, query: StatsQuery): Promise<Pick<StatsReport, 'from' | 'to' | 'days'>> {
  const range = await resolve(ctx, query);
  return { from: range.from, to: range.to, days: await daysOf(ctx, range) };
}

async function daysOf(ctx: ServiceContext, { from, to, span, threadId }: Awaited<ReturnType<typeof resolve>>): Promise<StatsDay[]> {
  const stored = new Map((await ctx.store.stats.days(from, to, threadId)).map((d) => [d.day, d]));
  const days: StatsDay[] = [];
  for (let i = 0; i < span; i++) {
    const day = dayOf(startOf(from) + i * DAY_MS);
    const d = stored.get(day);
    days.push(d ? { day, views: d.views, comments: d.comments, commenters: d.commenters, replies: d.replies, rejected: d.rejected } : { day, views: 0, comments: 0, commenters: 0, replies: 0, rejected: 0 });
  }
  return days;
}

/**
 * The engagement report for a range of UTC days (default: the 30 days ending today), for the
 * site or one thread. Views not yet written (at most a second's) are not in it.
 */
export async function engagementReport(ctx: ServiceContext, query: StatsQuery): Promise<StatsReport> {
  const range = await resolve(ctx, query);
  const { from, to, threadId } = range;
  const days = await daysOf(ctx, range);

  const threads = (await ctx.store.stats.topThreads(from, to, query.limit, threadId))
    .map(story)
    .sort((a, b) => b.comments - a.comments || b.views - a.views || a.thread.localeCompare(b.thread));

  // The last day's hours against the three days before it, hour by hour.
  const perHour = await ctx.store.stats.commentsPerHour(startOf(to) - 3 * DAY_MS, 96, threadId);
  const before = Array.from({ length: 24 }, (_, h) => round((perHour[h]! + perHour[24 + h]! + perHour[48 + h]!) / 3, 2));

  return {
    from,
    to,
    thread: query.thread ?? null,
    viewsSince: await ctx.store.stats.viewsSince(),
    days,
    threads,
    hours: { day: to, counts: perHour.slice(72), before },
  };
}

/**
 * The report's days as CSV (RFC 4180; every field a date or a number, so none needs quoting).
 * It needs only the days (`reportDays`): not the stories or hours, the costly part of a report.
 */
export function statsCsv(report: Pick<StatsReport, 'days'>): string {
  const lines = [STATS_CSV_COLUMNS.join(',')];
  for (const d of report.days) lines.push(STATS_CSV_COLUMNS.map((c) => d[c]).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
