import type { Store, ThreadRow } from '../../store/types';
import type { EventHub } from '../events/hub';
import type { RateLimiter } from '../limits/rate-limiter';
import type { RangeCap } from '../limits/range-cap';
import { dayStart, type ReaderIdentity, type ReaderInfo, type SeenKey, type Viewer } from '../readers/identity';
import type { Counts } from '../../../contract';
import { hasMeta, type ThreadCache } from '../threads/thread-cache';
import { SeenTable } from './seen-table';
import type { ViewLimiter } from './view-limiter';
import type { Cluster } from '../cluster';
import { SharedViews } from './shared-views';

/** A reader loading the same article again within this time is the same view. */
export const VIEW_WINDOW_MS = 30 * 60_000;

export interface ViewCounterOptions {
  /**
   * Most reader/article pairs remembered for de-duplication; the oldest go first. For the 30
   * minutes after a restart, as many again may be held as saved hashes (`restored`).
   */
  maxSeen?: number;
  now?: () => number;
  /** Views per reader per minute (FOOTNOTE_VIEWS_PER_MINUTE); past it a view answers 429. */
  limiter?: ViewLimiter;
  /** Views per address range per minute (FOOTNOTE_RANGE_VIEWS_PER_MINUTE); past it, 429. */
  rangeLimiter?: RateLimiter;
  /** Distinct readers counted per address range and article per 30 minutes (FOOTNOTE_RANGE_READERS_PER_ARTICLE). */
  rangeCap?: RangeCap;
  /** Instances sharing the database: with `cluster.views`, the de-duplication is shared (`SharedViews`). */
  cluster?: Cluster;
}

/**
 * Counts views in memory and writes them in one transaction per flush (every second from
 * `start`). Served counts always include views not yet written. The de-duplication memory
 * maps a reader of the day and an article (`ReaderIdentity.seenKey`) to when a load stops
 * counting as the same view; it is bounded, swept on every flush, and saved (hashed once more)
 * on a clean stop so a restart does not count a reader's reload again. See docs/views.md.
 *
 * With other instances on the same database (`Cluster.views`), what this memory counts is
 * only a first sieve: each flush claims the views against the memory all instances share and
 * writes those that win (`SharedViews`; docs/scale.md).
 */
export class ViewCounter {
  private pending = new Map<string, number>();
  /**
   * Viewer of the day and thread (`ReaderIdentity.seenKey`, 64 bits) -> expiry, in whole
   * seconds since `epoch` (rounded up), in typed arrays (`SeenTable`): 12 bytes an entry
   * and some index, no object per entry. Insertion order is expiry order since every entry
   * lives 30 minutes.
   */
  private readonly seen: SeenTable;
  private readonly epoch: number;
  /**
   * What the last clean stop saved (`ReaderIdentity.sealed` keys -> expiry, as in `seen`),
   * until it expires 30 minutes after the start. Looked up only while it holds anything, so a
   * page load pays for the extra hash only in the first half hour after a restart.
   */
  private restored: SeenTable | null = null;
  /** Scratch for the key of the view being recorded (no array per page load). */
  private readonly key: SeenKey = [0, 0];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** View writes begun (`writingViews`): a read that saw this number move read across one. */
  private writesStarted = 0;
  /** Settles when the view write under way has landed (or failed); null while none is. */
  private writeLanded: Promise<void> | null = null;
  private readonly maxSeen: number;
  private readonly now: () => number;
  private readonly limiter: ViewLimiter | null;
  private readonly rangeLimiter: RateLimiter | null;
  private readonly rangeCap: RangeCap | null;
  /** Null on one instance alone: then `pending` is the whole truth and nothing is claimed. */
  private readonly shared: SharedViews | null;

  constructor(
    private readonly store: Store,
    private readonly threads: ThreadCache,
    private readonly identity: ReaderIdentity,
    private readonly hub: EventHub,
    options: ViewCounterOptions = {},
  ) {
    this.maxSeen = options.maxSeen ?? 200_000;
    this.now = options.now ?? Date.now;
    this.epoch = this.now();
    this.seen = new SeenTable(this.maxSeen);
    this.limiter = options.limiter ?? null;
    this.rangeLimiter = options.rangeLimiter ?? null;
    this.rangeCap = options.rangeCap ?? null;
    const cluster = options.cluster;
    this.shared = cluster?.views
      ? new SharedViews(cluster.views, identity, (keys) => {
          threads.forget(keys);
          cluster.send({ type: 'views', threads: keys });
        })
      : null;
  }

  /** Loads the saved de-duplication memory and starts the once-a-second flush. */
  async start(intervalMs = 1000): Promise<void> {
    // Shared, the memory of every instance is in the database already.
    if (!this.shared) await this.loadSeen();
    this.timer = setInterval(() => void this.flush().catch((err) => console.error('footnote: view flush failed, will retry', err)), intervalMs);
    this.timer.unref();
  }

  /** Loads the de-duplication memory saved by the last clean stop (done by `start`). */
  async loadSeen(): Promise<void> {
    const saved = await this.store.meta.loadViewSeen(this.now());
    // Oldest first, so the table's order stays expiry order; keep the newest `maxSeen`. A hash
    // of another form (a build before this one) cannot match and is skipped.
    const usable = saved.filter((e) => SEALED.test(e.hash)).sort((a, b) => a.expiresAt - b.expiresAt).slice(-this.maxSeen);
    if (usable.length === 0) return;
    const restored = new SeenTable(usable.length);
    for (const e of usable) {
      const bytes = Buffer.from(e.hash, 'base64url');
      restored.set(bytes.readUInt32LE(0), bytes.readUInt32LE(4), this.seconds(e.expiresAt));
    }
    this.restored = restored;
  }

  /**
   * Records one page load. Returns whether it counted and the thread's counts after it.
   * `countable` is false for bots and prefetches: they are answered but not counted. A reader
   * or an address range past its rate limit gets its 429 (an `AppError`) before anything is
   * counted. Past the cap of distinct readers per range and article (`rangeCap`) a view is
   * answered but not counted. Only a counted view writes anything: it creates the thread on
   * first use and fills a missing title or url from `meta` (which the caller has vetted).
   */
  async record(threadKey: string, reader: ReaderInfo, countable: boolean, meta?: { title?: string | null; url?: string | null }): Promise<Counts & { counted: boolean }> {
    const now = this.now();
    // One keyed hash per page load: the day's viewer keys both the limit and the de-duplication.
    // (One more for the range, one more in the first half hour of a day, for yesterday's
    // viewer, and one for the lookup in `restored` in the first half hour after a restart.)
    const viewer = countable ? this.identity.viewer(reader, now) : null;
    let range: string | null = null;
    if (viewer !== null) {
      this.limiter?.hit(viewer.digest.readUInt32LE(8), viewer.digest.readUInt32LE(12), now);
      if (this.rangeLimiter || this.rangeCap) range = this.identity.viewRange(reader, now);
      if (range !== null) this.rangeLimiter?.hit(range, now);
    }
    let thread = this.threads.peek(threadKey) ?? (await this.threads.get(threadKey));
    let counted = false;
    // A thread that does not exist yet has no views to repeat.
    if (viewer !== null && (thread === null || !this.seenBy(viewer, reader, thread.id, now))) {
      if (range === null || !this.rangeCap || this.rangeCap.admit(`${range}\n${threadKey}`, now)) {
        // Judged on the row read, not on the cache: another instance's change may have dropped
        // it from the cache meanwhile, and an `ensure` for nothing would tell every instance.
        if (thread === null || !hasMeta(thread, meta)) {
          thread = await this.threads.ensure(threadKey, meta);
        }
        // Checked again after the wait: the same reader's other request may have counted meanwhile.
        if (!this.seenBy(viewer, reader, thread.id, now)) {
          // Set as the newest entry (an expired one of the same key moves to the end, where
          // entries expiring last belong); when full, the oldest goes.
          const key = this.identity.seenKey(viewer, thread.id, this.key);
          this.seen.set(key[0], key[1], this.seconds(now + VIEW_WINDOW_MS));
          this.pending.set(threadKey, (this.pending.get(threadKey) ?? 0) + 1);
          this.shared?.counted(threadKey, key, now + VIEW_WINDOW_MS);
          counted = true;
        }
      }
    }
    // The row is normally cached (get or ensure just read it): answer without another await.
    const row = this.threads.peek(threadKey);
    const counts = row ? { views: row.views + this.unwritten(threadKey), comments: row.publishedCount } : await this.counts(threadKey);
    return { ...counts, counted };
  }

  /** Whether `viewer` (the day's hash of `reader`) was counted on thread `threadId` within the window, also just before midnight. */
  private seenBy(viewer: Viewer, reader: ReaderInfo, threadId: number, now: number): boolean {
    if (this.isSeen(this.identity.seenKey(viewer, threadId, this.key), now)) return true;
    // Just after midnight the same reader hashes differently: check yesterday's key too.
    return now - dayStart(now) < VIEW_WINDOW_MS && this.isSeen(this.identity.daily(reader, threadId, now - VIEW_WINDOW_MS, this.key), now);
  }

  /** Counts of one thread including unwritten views; zeros for an unknown thread. */
  async counts(threadKey: string): Promise<Counts> {
    // A cached row and the unwritten views, in one synchronous step (a batch lands in both at once).
    const cached = this.threads.peek(threadKey);
    if (cached) return { views: cached.views + this.unwritten(threadKey), comments: cached.publishedCount };
    return this.consistent(
      () => this.threads.get(threadKey),
      (row) => ({ views: (row?.views ?? 0) + this.unwritten(threadKey), comments: row?.publishedCount ?? 0 }),
    );
  }

  /** Counts of many threads (unknown ones read as zeros and are not created). */
  async countsMany(keys: readonly string[]): Promise<Record<string, Counts>> {
    const cached = this.threads.cachedMany(keys);
    if (cached) return this.withUnwritten(keys, cached);
    return this.consistent(
      () => this.threads.getMany(keys),
      (rows) => this.withUnwritten(keys, rows),
    );
  }

  private withUnwritten(keys: readonly string[], rows: ReadonlyMap<string, ThreadRow>): Record<string, Counts> {
    // No prototype: a thread called "__proto__" is a key like any other.
    const out: Record<string, Counts> = Object.create(null);
    for (const key of keys) {
      const row = rows.get(key);
      out[key] = { views: (row?.views ?? 0) + this.unwritten(key), comments: row?.publishedCount ?? 0 };
    }
    return out;
  }

  /**
   * Reads rows (from the cache or the database) and adds the unwritten views to them in the
   * same synchronous step as the read ends, when no view batch was being written meanwhile.
   * A batch under way may or may not be in rows the database answers (on PostgreSQL it is
   * committed before its answer comes back) while it is still in `pending` until it lands; so a
   * read that overlapped a write waits for it to land and reads again. Writes come once a
   * second and take milliseconds: a read retries at most about once.
   */
  private async consistent<T, R>(read: () => Promise<T>, add: (rows: T) => R): Promise<R> {
    for (;;) {
      while (this.writeLanded) await this.writeLanded;
      const started = this.writesStarted;
      const rows = await read();
      if (this.writesStarted === started && !this.writeLanded) return add(rows);
    }
  }

  /**
   * Writes pending views in one transaction and announces the new counts. A failed write
   * keeps its views for the next flush.
   */
  flush(): Promise<void> {
    const run = () => (this.shared ? this.writeShared(this.shared) : this.write());
    // Chain on success and failure alike: one failed flush must not stop every later one.
    this.flushing = this.flushing.then(run, run);
    return this.flushing;
  }

  /** Clean stop: writes every pending view and saves the de-duplication memory. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    if (this.shared) return;
    this.sweep(this.now());
    const saved: { hash: string; expiresAt: number }[] = [];
    const bytes = Buffer.alloc(8);
    for (const [a, b, until] of this.restored?.entries() ?? []) {
      bytes.writeUInt32LE(a, 0);
      bytes.writeUInt32LE(b, 4);
      saved.push({ hash: bytes.toString('base64url'), expiresAt: this.ms(until) });
    }
    for (const [a, b, until] of this.seen.entries()) saved.push({ hash: this.identity.sealed([a, b]), expiresAt: this.ms(until) });
    await this.store.meta.saveViewSeen(saved);
  }

  /** Entries in the de-duplication memory (bounded by `maxSeen`, plus what a restart restored). */
  get seenSize(): number {
    return this.seen.size + (this.restored?.size ?? 0);
  }

  /** Views counted but not yet written, over all threads. */
  get pendingTotal(): number {
    let n = this.shared?.writingTotal ?? 0;
    for (const v of this.pending.values()) n += v;
    return n;
  }

  /** Views of `threadKey` counted and not yet in its row: pending, and (shared) being claimed or written. */
  private unwritten(threadKey: string): number {
    return (this.pending.get(threadKey) ?? 0) + (this.shared?.writing(threadKey) ?? 0);
  }

  /** The flush of a shared de-duplication: claim, write what won, then drop the cached rows (`SharedViews.write`). */
  private async writeShared(shared: SharedViews): Promise<void> {
    this.sweep(this.now());
    const batch = this.pending;
    this.pending = new Map();
    // On a failure the views wait in `shared`, still counted in answers, for the next flush.
    const written = await this.writingViews(() => shared.write(batch, this.store, this.now()));
    for (const key of written) {
      if (this.hub.hasListeners(key)) this.hub.publish(key, { type: 'counts', data: await this.counts(key) });
    }
  }

  private async write(): Promise<void> {
    this.sweep(this.now());
    if (this.pending.size === 0) return;
    const batch = new Map(this.pending);
    // The batch stays in `pending`, counted in every answer, until its write has landed; then
    // it leaves `pending` and joins the cached rows in one synchronous step. The store's write
    // is asynchronous for real (store/types.ts): nothing is assumed of the database before it
    // answers, and reads of the database meanwhile wait for it (`consistent`).
    await this.writingViews(async () => {
      await this.store.threads.addViews(batch, this.now());
      for (const [key, n] of batch) {
        const left = (this.pending.get(key) ?? 0) - n;
        if (left > 0) this.pending.set(key, left);
        else this.pending.delete(key);
      }
      this.threads.addViews(batch);
    });
    for (const key of batch.keys()) {
      if (this.hub.hasListeners(key)) this.hub.publish(key, { type: 'counts', data: await this.counts(key) });
    }
  }

  /**
   * Runs a view write, known as under way (`writeLanded`) until it has landed or failed: reads
   * that overlap it read again (`consistent`), and rows read meanwhile are not cached.
   */
  private async writingViews<T>(write: () => Promise<T>): Promise<T> {
    this.writesStarted++;
    this.threads.viewWriteStarted();
    let landed!: () => void;
    this.writeLanded = new Promise<void>((resolve) => (landed = resolve));
    try {
      return await write();
    } finally {
      this.threads.viewWriteEnded();
      this.writeLanded = null;
      landed();
    }
  }

  /** Whether `key` (a `seenKey`) is remembered and unexpired, also from before a restart. */
  private isSeen(key: SeenKey, now: number): boolean {
    const until = this.seen.get(key[0], key[1]);
    return (until !== 0 && this.ms(until) > now) || this.seenBeforeRestart(key, now);
  }

  /** An expiry time in whole seconds since `epoch`, rounded up (see `seen`); at least 1 (0 is "none"). */
  private seconds(at: number): number {
    return Math.max(1, Math.ceil((at - this.epoch) / 1000));
  }

  /** A time of `seconds` in ms since 1970. */
  private ms(seconds: number): number {
    return this.epoch + seconds * 1000;
  }

  private seenBeforeRestart(key: SeenKey, now: number): boolean {
    if (this.restored === null) return false;
    const sealed = this.identity.sealedBytes(key);
    const until = this.restored.get(sealed.readUInt32LE(0), sealed.readUInt32LE(4));
    return until !== 0 && this.ms(until) > now;
  }

  private sweep(now: number): void {
    // An entry expiring within the second `now` falls in still counts as seen until then.
    const second = Math.floor((now - this.epoch) / 1000);
    this.seen.sweep(second);
    if (this.restored !== null) {
      this.restored.sweep(second);
      if (this.restored.size === 0) this.restored = null;
    }
  }
}

/** A saved hash of the current form (`ReaderIdentity.sealed`: 64 bits, base64url). */
const SEALED = /^[\w-]{11}$/;
