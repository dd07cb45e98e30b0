import { tooMany } from '../limits/rate-limiter';
import { SeenTable } from './seen-table';

/**
 * The per-reader page-view limit (FOOTNOTE_VIEWS_PER_MINUTE): at most `max` views per reader
 * in a window of `windowMs` that starts with the reader's first view, then 429 with the
 * seconds until the window ends. Keyed by 64 bits of the day's viewer in a `SeenTable` (a
 * window's end and its count, 16 bytes a reader, no object per reader), because every page
 * load of every reader passes here and most readers are seen once: a Map of strings held a
 * string and an entry per reader, and made garbage on every view.
 *
 * Bounded like the other limiters: at most `capacity` readers, the oldest windows forgotten
 * first (which can only let more through); windows that are over are swept as new ones open.
 */
export class ViewLimiter {
  private readonly table: SeenTable;
  private readonly epoch: number;
  private readonly windowSeconds: number;

  constructor(
    private readonly name: string,
    private readonly max: number,
    windowMs: number,
    capacity = 100_000,
    now = Date.now(),
  ) {
    this.table = new SeenTable(capacity, { withCounts: true });
    this.epoch = now;
    this.windowSeconds = Math.max(1, Math.ceil(windowMs / 1000));
  }

  /** Records one view of reader (a, b) at `now`, or throws 429 with `Retry-After` when its window is full. */
  hit(a: number, b: number, now: number): void {
    // Whole seconds since the limiter was made; a window ends at its first view's second + the window.
    const second = Math.max(0, Math.floor((now - this.epoch) / 1000));
    const slot = this.table.slot(a, b);
    if (slot >= 0 && this.table.untilAt(slot) > second) {
      if (this.table.countAt(slot) >= this.max) throw tooMany(this.name, this.table.untilAt(slot) - second);
      this.table.bumpAt(slot);
      return;
    }
    this.table.sweep(second);
    this.table.set(a, b, second + this.windowSeconds, 1);
  }

  /** Readers whose window is remembered. */
  get size(): number {
    return this.table.size;
  }
}
