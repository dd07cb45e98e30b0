import { trimOldest } from '../../lib/bounded-map';
import type { Store, ThreadPatch, ThreadRow } from '../../store/types';
import { notFound } from '../../lib/errors';
import { answerAs } from '../store-errors';

/**
 * Read-through cache of thread rows, so the hot paths (a view, a count badge) need no query.
 * Bounded (least recently used entries go first). Every write that changes a thread row
 * calls `refresh` (comments) or `addViews` (the view flush), so a cached row is never stale.
 * Other instances sharing the database (docs/scale.md) write behind this cache's back: each
 * tells the others (`changed` here, `Cluster.send` elsewhere), and their signals `forget` the
 * rows (services/cluster/signals.ts). A row read from the database while such a write
 * happened is served but not cached (`generation`), since it may predate the write.
 *
 * Threads that do not exist are remembered too (`absent`): a home page asks for the counts of
 * new articles nobody has opened yet, and each such badge would otherwise cost a query on
 * every page load. Only a thread cache creates threads (`ensure`), and it forgets the absence
 * then (and tells the other instances to, through `changed`).
 */
export class ThreadCache {
  private readonly rows = new Map<string, ThreadRow>();
  /** Keys read from the database and not found there, oldest first. */
  private readonly absent = new Map<string, true>();
  /** Bumped by every change to cached rows; a read that spans a bump is not cached. */
  private generation = 0;
  /** A view batch is being written (`viewWriteStarted`): nothing read meanwhile is cached. */
  private viewWriting = false;
  /**
   * Reads of one key under way, with the generation they started in: a miss joins the read
   * already under way instead of sending its own (many readers of an article whose row another
   * instance's change just dropped would otherwise each ask the database at once).
   */
  private readonly reading = new Map<string, { gen: number; row: Promise<ThreadRow | null> }>();

  constructor(
    private readonly store: Store,
    private readonly maxEntries = 20_000,
    private readonly maxAbsent = 20_000,
    /** Told the key of every thread row this cache created or changed (the other instances must forget theirs). */
    private readonly changed: (key: string) => void = () => {},
  ) {}

  /** The cached row, without touching the store or the cache's order; undefined if not cached. */
  peek(key: string): ThreadRow | undefined {
    return this.rows.get(key);
  }

  /** The row, or null for a thread nobody has used yet (reads as zeros). */
  async get(key: string): Promise<ThreadRow | null> {
    const hit = this.rows.get(key);
    if (hit) {
      this.rows.delete(key);
      this.rows.set(key, hit);
      return hit;
    }
    if (this.absent.has(key)) return null;
    const gen = this.generation;
    const flying = this.reading.get(key);
    if (flying?.gen === gen) return flying.row;
    const read = this.store.threads.get(key);
    this.reading.set(key, { gen, row: read });
    try {
      const row = await read;
      if (row) this.remember(row, gen);
      else this.rememberAbsent(key, gen);
      return row;
    } finally {
      if (this.reading.get(key)?.row === read) this.reading.delete(key);
    }
  }

  async getMany(keys: readonly string[]): Promise<Map<string, ThreadRow>> {
    const found = new Map<string, ThreadRow>();
    const missing: string[] = [];
    for (const k of keys) {
      const hit = this.rows.get(k);
      if (hit) found.set(k, hit);
      else if (!this.absent.has(k)) missing.push(k);
    }
    if (missing.length) {
      const gen = this.generation;
      for (const row of await this.store.threads.getMany(missing)) {
        this.remember(row, gen);
        found.set(row.key, row);
      }
      for (const k of missing) if (!found.has(k)) this.rememberAbsent(k, gen);
    }
    return found;
  }

  /**
   * The cached row when `ensure` would have nothing to write (the thread exists and has what
   * `meta` would fill in), else undefined: the common case of a page load, without an await.
   */
  ready(key: string, meta?: { title?: string | null; url?: string | null }): ThreadRow | undefined {
    const hit = this.rows.get(key);
    return hit && hasMeta(hit, meta) ? hit : undefined;
  }

  /**
   * Creates the thread on first use (filling title/url when given). `read`: the row the caller
   * has just read (`get`), taken when it has what `meta` would fill in. Busy threads need it:
   * every comment drops the cached row, so without it each post would write the thread's row
   * (an upsert) only to learn it exists, queueing behind the other posts' count updates.
   */
  async ensure(key: string, meta?: { title?: string | null; url?: string | null }, read?: ThreadRow | null): Promise<ThreadRow> {
    const hit = this.ready(key, meta) ?? (read && read.key === key && hasMeta(read, meta) ? read : undefined);
    if (hit) return hit;
    const known = this.rows.get(key);
    const gen = this.generation;
    const row = await this.store.threads.ensure(key, meta);
    // A new thread: reads of its absence that are still under way must not be remembered.
    this.absent.delete(key);
    // Remembered only when nothing changed meanwhile: a view batch written while this row was
    // (`viewWriteStarted`) may or may not be in it, and adding the batch to it again when the
    // write lands would count it twice. Not remembered, it is read again when next asked for.
    const fresh = gen === this.generation && !this.viewWriting;
    this.generation++;
    if (fresh) this.remember(row, this.generation);
    else this.rows.delete(key);
    // The other instances are told unless nothing they may hold changed.
    if (!known || known.title !== row.title || known.url !== row.url) this.changed(key);
    return row;
  }

  /** Re-reads a thread after a write that changed it. */
  async refresh(key: string): Promise<ThreadRow | null> {
    this.rows.delete(key);
    this.absent.delete(key);
    this.generation++;
    return this.get(key);
  }

  async update(key: string, patch: ThreadPatch): Promise<ThreadRow> {
    const row = await this.store.threads.update(key, patch).catch(answerAs('thread_missing', () => notFound('That thread')));
    // Dropped rather than cached: a view flush may land between the write and this line.
    this.forget([key]);
    this.changed(key);
    return row;
  }

  /**
   * Cached rows whose key is in `keys` (undefined: not cached), or null when one of them would
   * need the database: the counts of a page of badges answered in one synchronous step.
   */
  cachedMany(keys: readonly string[]): Map<string, ThreadRow> | null {
    const found = new Map<string, ThreadRow>();
    for (const k of keys) {
      const hit = this.rows.get(k);
      if (hit) found.set(k, hit);
      else if (!this.absent.has(k)) return null;
    }
    return found;
  }

  /**
   * A view batch is being written: rows read from the database (or written by `ensure`) from
   * now until `viewWriteEnded` are served but not cached, since they may or may not hold the
   * batch, and the batch is added to the cached rows when it lands (`addViews`).
   */
  viewWriteStarted(): void {
    this.viewWriting = true;
    this.generation++;
  }

  viewWriteEnded(): void {
    this.viewWriting = false;
    this.generation++;
  }

  /** Applies view increments as they land on disk (the view flush). */
  addViews(deltas: ReadonlyMap<string, number>): void {
    this.generation++;
    for (const [key, n] of deltas) {
      const row = this.rows.get(key);
      if (row) this.rows.set(key, { ...row, views: row.views + n });
    }
  }

  /** Forgets everything (after an import that wrote behind the cache's back). */
  clear(): void {
    this.rows.clear();
    this.absent.clear();
    this.generation++;
  }

  /** Drops these rows (after a write that may or may not have landed). */
  forget(keys: Iterable<string>): void {
    for (const key of keys) {
      this.rows.delete(key);
      this.absent.delete(key);
    }
    this.generation++;
  }

  private rememberAbsent(key: string, readAt: number): void {
    if (readAt !== this.generation || this.viewWriting) return;
    this.absent.set(key, true);
    trimOldest(this.absent, this.maxAbsent);
  }

  private remember(row: ThreadRow, readAt: number): void {
    if (readAt !== this.generation || this.viewWriting) return;
    this.rows.delete(row.key);
    this.rows.set(row.key, row);
    trimOldest(this.rows, this.maxEntries);
  }
}

/** Whether `row` has what `meta` would fill in (a title, a URL), so `ensure` has nothing to write. */
export const hasMeta = (row: ThreadRow, meta?: { title?: string | null; url?: string | null }): boolean =>
  Boolean((row.title || !meta?.title) && (row.url || !meta?.url));
