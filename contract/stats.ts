/**
 * The engagement reports (`GET /api/v1/admin/stats`, docs/admin.md): what the server answers
 * and the /admin Engagement view reads. Days are UTC dates, `YYYY-MM-DD`.
 */

/** One day's figures, site-wide or for one thread. */
export interface StatsDay {
  day: string;
  /** Views written that day (deduplicated, no bots; as the thread's count). */
  views: number;
  /** Published comments created that day, replies included. */
  comments: number;
  /** Distinct authors of those comments (signed-in user, else email, else reader; imported: the name). */
  commenters: number;
  /** Published replies created that day (a subset of `comments`). */
  replies: number;
  /**
   * Comments created that day that the desk rejected or marked spam (and that are so now): not
   * spam the checks caught on posting, nor an imported comment's status.
   */
  rejected: number;
}

/** A story's figures over the range. Ratios are null where they would divide by zero. */
export interface StatsThread {
  thread: string;
  title: string | null;
  url: string | null;
  views: number;
  comments: number;
  /** Distinct over the whole range. */
  commenters: number;
  replies: number;
  rejected: number;
  /** Comments per 1,000 views (one decimal). */
  commentsPer1000Views: number | null;
  /** Replies among the comments, 0 to 1 (three decimals). */
  replyShare: number | null;
  /** Median minutes from a comment's posting to the desk's first decision on it (one decimal). */
  medianMinutesToDecision: number | null;
  /** Rejected (and marked spam) by the desk among published and those, 0 to 1 (three decimals). */
  rejectionRate: number | null;
}

/** `200` of `GET /admin/stats`. */
export interface StatsReport {
  from: string;
  to: string;
  /** The thread asked for, or null for the whole site. */
  thread: string | null;
  /**
   * The first day views were kept per day, when views were counted before that (they are not
   * spread over days they were never recorded on); null when every view is in the days.
   */
  viewsSince: string | null;
  /** Every day of the range, oldest first (days without activity as zeros). */
  days: StatsDay[];
  /** The stories of the range with the most comments and those with the most views, most comments first. */
  threads: StatsThread[];
  /** Published comments per UTC hour on the range's last day, against the mean of the three days before it. */
  hours: { day: string; counts: number[]; before: number[] };
}

/** The CSV's columns (`GET /admin/stats.csv`), in order: the `days` rows. */
export const STATS_CSV_COLUMNS = ['day', 'views', 'comments', 'commenters', 'replies', 'rejected'] as const;
