import { trimOldest } from '../../lib/bounded-map';

/**
 * At most `max` admissions per key in a fixed window of `windowMs` that starts with the key's
 * first admission; past it `admit` says no until the window is over. No 429: the caller still
 * answers, it just stops counting (the views of an address range on one article).
 *
 * One number per key: the window's start in whole seconds since this cap was made, times
 * 2^20, plus the admissions so far (at most 2^20 - 1, more than any cap allowed). Keys are
 * kept in window order (a new window re-inserts its key) and bounded: past `maxKeys` the
 * oldest windows are forgotten, which can only let more through, never count one twice.
 */
export class RangeCap {
  private readonly windows = new Map<string, number>();
  private readonly epoch: number;

  constructor(
    readonly max: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
    now = Date.now(),
  ) {
    this.epoch = now;
  }

  /** Whether one more event of `key` fits in its window at `now`; if so, it is counted. */
  admit(key: string, now: number): boolean {
    const second = Math.floor((now - this.epoch) / 1000);
    const known = this.windows.get(key);
    if (known !== undefined) {
      const start = Math.floor(known / SLOTS);
      const used = known % SLOTS;
      if ((second - start) * 1000 < this.windowMs) {
        if (used >= this.max) return false;
        this.windows.set(key, known + 1);
        return true;
      }
      this.windows.delete(key);
    }
    if (this.max < 1) return false;
    this.windows.set(key, second * SLOTS + 1);
    this.sweep(second);
    trimOldest(this.windows, this.maxKeys);
    return true;
  }

  get size(): number {
    return this.windows.size;
  }

  /** Drops a few windows that are over, from the oldest end. */
  private sweep(second: number): void {
    let budget = 4;
    for (const [key, value] of this.windows) {
      if ((second - Math.floor(value / SLOTS)) * 1000 < this.windowMs || --budget < 0) return;
      this.windows.delete(key);
    }
  }
}

const SLOTS = 2 ** 20;
