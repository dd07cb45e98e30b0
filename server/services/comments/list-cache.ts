/**
 * Serialized answers of the comment listing, per thread, dropped on every write to that
 * thread. Listing is the most frequent read and its answer only changes when a comment does,
 * so caching the JSON text spares both the queries and the serialization.
 */
export class ListCache {
  private readonly byThread = new Map<string, Map<string, string>>();
  private entries = 0;

  constructor(private readonly maxEntries = 5_000) {}

  get(thread: string, query: string): string | undefined {
    return this.byThread.get(thread)?.get(query);
  }

  set(thread: string, query: string, json: string): void {
    let m = this.byThread.get(thread);
    if (!m) this.byThread.set(thread, (m = new Map()));
    if (!m.has(query)) this.entries++;
    m.set(query, json);
    while (this.entries > this.maxEntries) {
      const first = this.byThread.keys().next();
      if (first.done) break;
      this.invalidate(first.value);
    }
  }

  invalidate(thread: string): void {
    const m = this.byThread.get(thread);
    if (!m) return;
    this.entries -= m.size;
    this.byThread.delete(thread);
  }

  clear(): void {
    this.byThread.clear();
    this.entries = 0;
  }
}
