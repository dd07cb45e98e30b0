import { trimOldest } from '../../lib/bounded-map';
import { AppError } from '../../lib/errors';

/** One window: at most `max` events per `windowMs`. */
export interface Window {
  max: number;
  windowMs: number;
}

/**
 * In-memory sliding-log rate limiter with a bounded number of tracked keys: when full, the
 * least recently seen keys are forgotten (Map keeps insertion order; a hit re-inserts the key).
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly longest: number;
  /** Whether a key's first event passes every window (each allows at least one). */
  private readonly firstPasses: boolean;

  constructor(
    private readonly name: string,
    private readonly windows: readonly Window[],
    private readonly maxKeys = 100_000,
  ) {
    this.longest = Math.max(...windows.map((w) => w.windowMs));
    this.firstPasses = windows.every((w) => w.max >= 1);
  }

  /** Records one event for `key`, or throws 429 with `Retry-After` when a window is full. */
  hit(key: string, now: number): void {
    const seen = this.hits.get(key);
    // A key with no events yet passes: the common case on a busy article, where most page
    // loads come from readers not seen this minute. No filtering, no copies.
    if (seen === undefined && this.firstPasses) return this.remember(key, [now]);
    const log = (seen ?? []).filter((t) => t > now - this.longest);
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
    this.remember(key, log);
  }

  private remember(key: string, log: number[]): void {
    this.hits.set(key, log);
    trimOldest(this.hits, this.maxKeys);
  }

  get size(): number {
    return this.hits.size;
  }
}
