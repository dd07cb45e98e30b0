export interface BatcherOptions<I> {
  /** The most items one run takes. */
  most?: number;
  /**
   * Items of one key never share a run: the later waits for the next. For statements that
   * upsert one row per item, which PostgreSQL refuses to change twice in one statement, and
   * whose second change must see the first.
   */
  keyOf?: (item: I) => string;
  /**
   * After a failed run of several items: true to run each item alone, so the one the database
   * refuses does not take the others down with it (not when it is down: all would fail again).
   */
  retryAlone?: (err: unknown) => boolean;
}

interface Waiting<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for any statement that can take many items at once: one run is under way at a
 * time; items arriving meanwhile wait for it and go together in the next. Alone, an item goes
 * at once (no timer, no added latency); under load, dozens share one round trip, one plan and
 * one commit. Every run starts after its items arrived, so each sees every write finished
 * before it was asked for: batching never serves an item an answer older than the item.
 *
 * `run` answers one output per item, in order.
 */
export class Batcher<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private running = false;
  private readonly most: number;

  constructor(
    private readonly run: (items: readonly I[]) => Promise<readonly O[]>,
    private readonly options: BatcherOptions<I> = {},
  ) {
    this.most = options.most ?? 200;
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.take();
        try {
          const out = await this.run(batch.map((w) => w.item));
          batch.forEach((w, i) => w.resolve(out[i] as O));
        } catch (err) {
          if (batch.length === 1 || !this.options.retryAlone?.(err)) batch.forEach((w) => w.reject(err));
          else
            for (const w of batch) {
              try {
                w.resolve((await this.run([w.item]))[0] as O);
              } catch (alone) {
                w.reject(alone);
              }
            }
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** The next run's items, oldest first; with `keyOf`, at most one per key (the others keep their place). */
  private take(): Waiting<I, O>[] {
    const keyOf = this.options.keyOf;
    if (!keyOf) return this.waiting.splice(0, this.most);
    const batch: Waiting<I, O>[] = [];
    const rest: Waiting<I, O>[] = [];
    const keys = new Set<string>();
    for (const w of this.waiting) {
      const key = keyOf(w.item);
      if (batch.length >= this.most || keys.has(key)) rest.push(w);
      else {
        keys.add(key);
        batch.push(w);
      }
    }
    this.waiting = rest;
    return batch;
  }
}
