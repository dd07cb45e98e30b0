import type { Store } from '../../store/types';
import type { EventHub } from '../events/hub';
import { dayStart, type ReaderIdentity, type ReaderInfo } from '../readers/identity';
import type { Counts, ThreadState } from '../threads/thread-state';

export const VIEW_WINDOW_MS = 30 * 60_000;

export interface ViewCounterOptions {
  /** Most reader/article pairs remembered for de-duplication; the oldest go first. */
  maxSeen?: number;
  now?: () => number;
}

/**
 * Counts views in memory and writes them in one transaction per flush (every second from
 * `start`). Served counts always include views not yet written. The de-duplication memory
 * maps a daily reader hash (per article) to when it stops counting as the same view; it is
 * bounded, swept on every flush, and saved on a clean stop so a restart does not count a
 * reader's reload again.
 */
export class ViewCounter {
  private pending = new Map<string, number>();
  /** hash -> expiry; insertion order is expiry order since every entry lives 30 minutes. */
  private readonly seen = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly maxSeen: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    private readonly threads: ThreadState,
    private readonly identity: ReaderIdentity,
    private readonly hub: EventHub,
    options: ViewCounterOptions = {},
  ) {
    this.maxSeen = options.maxSeen ?? 200_000;
    this.now = options.now ?? Date.now;
  }

  /** Loads the saved de-duplication memory and starts the once-a-second flush. */
  async start(intervalMs = 1000): Promise<void> {
    for (const e of await this.store.meta.loadViewSeen(this.now())) this.seen.set(e.hash, e.expiresAt);
    this.timer = setInterval(() => void this.flush().catch((err) => console.error('footnote: view flush failed', err)), intervalMs);
    this.timer.unref();
  }

  /**
   * Records one page load. Returns whether it counted and the thread's counts after it.
   * `countable` is false for bots and prefetches: they are answered but not counted.
   */
  async record(threadKey: string, reader: ReaderInfo, countable: boolean, meta?: { title?: string | null; url?: string | null }): Promise<Counts & { counted: boolean }> {
    await this.threads.ensure(threadKey, meta);
    let counted = false;
    if (countable) {
      const now = this.now();
      const hash = this.identity.daily(reader, threadKey, now);
      // Just after midnight the same reader hashes differently: check yesterday's key too.
      const previous = now - dayStart(now) < VIEW_WINDOW_MS ? this.identity.daily(reader, threadKey, now - VIEW_WINDOW_MS) : null;
      if (!this.isSeen(hash, now) && !(previous && this.isSeen(previous, now))) {
        this.seen.delete(hash);
        this.seen.set(hash, now + VIEW_WINDOW_MS);
        if (this.seen.size > this.maxSeen) this.dropOldest();
        this.pending.set(threadKey, (this.pending.get(threadKey) ?? 0) + 1);
        counted = true;
      }
    }
    return { ...(await this.counts(threadKey)), counted };
  }

  /** Counts of one thread including unwritten views; zeros for an unknown thread. */
  async counts(threadKey: string): Promise<Counts> {
    const row = await this.threads.get(threadKey);
    return { views: (row?.views ?? 0) + (this.pending.get(threadKey) ?? 0), comments: row?.publishedCount ?? 0 };
  }

  /** Unwritten views of a thread (for callers that already hold the row). */
  pendingFor(threadKey: string): number {
    return this.pending.get(threadKey) ?? 0;
  }

  /** Writes pending views in one transaction and announces the new counts. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      this.sweep(this.now());
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.store.threads.addViews(batch);
      } catch (err) {
        // Put them back so the next flush retries: a failed write must not lose views.
        for (const [k, n] of batch) this.pending.set(k, (this.pending.get(k) ?? 0) + n);
        throw err;
      }
      this.threads.addViews(batch);
      for (const key of batch.keys()) {
        if (this.hub.hasListeners(key)) this.hub.publish(key, { type: 'counts', data: await this.counts(key) });
      }
    });
    return this.flushing;
  }

  /** Clean stop: writes every pending view and saves the de-duplication memory. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    const now = this.now();
    this.sweep(now);
    await this.store.meta.saveViewSeen([...this.seen].map(([hash, expiresAt]) => ({ hash, expiresAt })));
  }

  get seenSize(): number {
    return this.seen.size;
  }

  private isSeen(hash: string, now: number): boolean {
    const until = this.seen.get(hash);
    return until !== undefined && until > now;
  }

  private sweep(now: number): void {
    for (const [hash, until] of this.seen) {
      if (until > now) break;
      this.seen.delete(hash);
    }
  }

  private dropOldest(): void {
    const oldest = this.seen.keys().next();
    if (!oldest.done) this.seen.delete(oldest.value);
  }
}
