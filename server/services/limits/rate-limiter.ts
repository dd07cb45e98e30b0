import { AppError } from '../../lib/errors';

/** One window: at most `max` events per `windowMs`. */
export interface Window {
  max: number;
  windowMs: number;
}

/**
 * In-memory sliding-log rate limiter with a bounded number of tracked keys: when full, the
 * least recently seen key is forgotten (Map keeps insertion order; a hit re-inserts the key).
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly name: string,
    private readonly windows: readonly Window[],
    private readonly maxKeys = 100_000,
  ) {}

  /** Records one event for `key`, or throws 429 with `Retry-After` when a window is full. */
  hit(key: string, now: number): void {
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    const log = (this.hits.get(key) ?? []).filter((t) => t > now - longest);
    for (const w of this.windows) {
      const inWindow = log.filter((t) => t > now - w.windowMs);
      if (inWindow.length >= w.max) {
        const oldest = inWindow[inWindow.length - w.max] ?? now;
        const retry = Math.max(1, Math.ceil((oldest + w.windowMs - now) / 1000));
        throw new AppError('rate_limited', `Too many ${this.name} in a short time. Please wait ${retry} second${retry === 1 ? '' : 's'} and try again.`, {
          'Retry-After': String(retry),
        });
      }
    }
    log.push(now);
    this.hits.delete(key);
    this.hits.set(key, log);
    if (this.hits.size > this.maxKeys) {
      const first = this.hits.keys().next();
      if (!first.done) this.hits.delete(first.value);
    }
  }

  get size(): number {
    return this.hits.size;
  }
}
