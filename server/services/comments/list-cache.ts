/**
 * Serialized answers of the comment listing, per thread, dropped on every write to that
 * thread. Listing is the most frequent read and its answer only changes when a comment does,
 * so caching the JSON text (and its ETag) spares the queries, the serialization and the hash.
 */
export interface CachedList {
  json: string;
  etag: string;
}

export class ListCache {
  private readonly byThread = new Map<string, Map<string, CachedList>>();
  /** Characters held: the bound is on size, since one long thread's page can be 100 KB. */
  private size = 0;
  /** Bumped by every invalidation, so an answer computed across a write is not cached. */
  private generation = 0;

  constructor(private readonly maxChars = 16_000_000) {}

  get(thread: string, query: string): CachedList | undefined {
    return this.byThread.get(thread)?.get(query);
  }

  /** The generation to pass back to `set` for an answer computed from now on. */
  get version(): number {
    return this.generation;
  }

  set(thread: string, query: string, entry: CachedList, version: number): void {
    // A write landed while this answer was being built: serve it, but do not keep it.
    if (version !== this.generation) return;
    let m = this.byThread.get(thread);
    if (!m) this.byThread.set(thread, (m = new Map()));
    this.size += entry.json.length - (m.get(query)?.json.length ?? 0);
    m.set(query, entry);
    while (this.size > this.maxChars) {
      const first = this.byThread.keys().next();
      if (first.done) break;
      this.invalidate(first.value);
    }
  }

  invalidate(thread: string): void {
    this.generation++;
    const m = this.byThread.get(thread);
    if (!m) return;
    for (const e of m.values()) this.size -= e.json.length;
    this.byThread.delete(thread);
  }

  clear(): void {
    this.generation++;
    this.byThread.clear();
    this.size = 0;
  }
}
