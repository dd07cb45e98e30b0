// The store interface, the daily figures behind the engagement reports (see ../types.ts for the whole contract).
/** One UTC day's figures (site-wide or one thread's). */
export interface DayRow {
  /** YYYY-MM-DD, UTC. */
  day: string;
  views: number;
  /** Published comments created that day (replies included). */
  comments: number;
  /** Distinct authors of those comments. */
  commenters: number;
  /** Published replies created that day. */
  replies: number;
  /** Comments created that day that are now rejected or spam. */
  rejected: number;
}

/** A thread's figures over a range of days. */
export interface RangeThreadRow {
  threadId: number;
  key: string;
  title: string | null;
  url: string | null;
  views: number;
  comments: number;
  /** Distinct over the whole range (not a sum of days). */
  commenters: number;
  replies: number;
  rejected: number;
  /** Median time from a comment's creation to the desk's first decision on it, of the range's comments. */
  medianDecisionMs: number | null;
}

export interface StatsStore {
  /** The days of `from`..`to` (YYYY-MM-DD, both included) that have figures, oldest first; one thread's or the site's. */
  days(from: string, to: string, threadId?: number): Promise<DayRow[]>;
  /**
   * The threads with the most comments and those with the most views over the range (up to
   * `limit` of each, together), or the one thread asked for.
   */
  topThreads(from: string, to: string, limit: number, threadId?: number): Promise<RangeThreadRow[]>;
  /** Published comments created in each hour from `start` (ms) for `hours` hours. */
  commentsPerHour(start: number, hours: number, threadId?: number): Promise<number[]>;
  /** The first day views were kept per day, when some were counted before (null: all views are in the days). */
  viewsSince(): Promise<string | null>;
}
