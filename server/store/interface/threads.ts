// The store interface, threads: a thread's row and what may be asked of them (see ../types.ts for the whole contract).
import type { ModerationMode } from '../../../contract';

export interface ThreadRow {
  id: number;
  key: string;
  title: string | null;
  url: string | null;
  views: number;
  publishedCount: number;
  closed: boolean;
  moderation: ModerationMode | null;
  createdAt: number;
  /** When the desk closed it; null while open (or closed before this was kept). */
  closedAt: number | null;
  /** The desk reopened it: FOOTNOTE_AUTO_CLOSE_DAYS no longer closes it. */
  keepOpen: boolean;
}

/** What the desk may change on a thread (title and URL: a correction, null clears). */
export interface ThreadPatch {
  closed?: boolean;
  closedAt?: number | null;
  keepOpen?: boolean;
  moderation?: ModerationMode | null;
  title?: string | null;
  url?: string | null;
}

export interface ThreadStore {
  get(key: string): Promise<ThreadRow | null>;
  byId(id: number): Promise<ThreadRow | null>;
  getMany(keys: readonly string[]): Promise<ThreadRow[]>;
  /** Creates the thread on first use; fills a missing title or url, never overwrites one. */
  ensure(key: string, meta?: { title?: string | null; url?: string | null }): Promise<ThreadRow>;
  update(key: string, patch: ThreadPatch): Promise<ThreadRow>;
  /**
   * Adds batched view increments in one transaction, creating threads as needed, and the same
   * increments to the daily figures of the UTC day of `at` (default: now).
   */
  addViews(deltas: ReadonlyMap<string, number>, at?: number): Promise<void>;
  /** Every thread, in id order, a page at a time (export). */
  listAll(afterId: number, limit: number): Promise<ThreadRow[]>;
}
