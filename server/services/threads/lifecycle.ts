import type { ThreadRow } from '../../store/types';

const DAY_MS = 86_400_000;

/** Whether a thread takes new comments now, and since when it does not. */
export interface ThreadState {
  closed: boolean;
  /** ISO time it closed; null while open, or when the desk closed it before this was kept. */
  closedAt: string | null;
}

const OPEN: ThreadState = Object.freeze({ closed: false, closedAt: null, guests: true });

/**
 * A thread is closed when the desk closed it, or `autoCloseDays` after it began (its first
 * view or comment: when its row was created) unless the desk reopened it since. Computed on
 * read, so changing FOOTNOTE_AUTO_CLOSE_DAYS applies to every thread at once, and closing
 * needs no timer.
 */
export function threadState(row: Pick<ThreadRow, 'closed' | 'closedAt' | 'keepOpen' | 'createdAt'> | null | undefined, autoCloseDays: number, now: number): ThreadState {
  if (!row) return OPEN;
  if (row.closed) return { closed: true, closedAt: row.closedAt === null ? null : new Date(row.closedAt).toISOString() };
  if (autoCloseDays > 0 && !row.keepOpen) {
    const closesAt = row.createdAt + autoCloseDays * DAY_MS;
    if (now >= closesAt) return { closed: true, closedAt: new Date(closesAt).toISOString() };
  }
  return OPEN;
}
