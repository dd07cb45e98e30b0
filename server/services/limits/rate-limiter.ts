import { trimOldest } from '../../lib/bounded-map';
import { AppError } from '../../lib/errors';

/** One window: at most `max` events per `windowMs`. */
export interface Window {
  max: number;
  windowMs: number;
}

/** A key's event times, oldest first; those before `head` have left every window. */
interface EventLog {
  times: number[];
  head: number;
}

/**
 * In-memory sliding-log rate limiter with a bounded number of tracked keys: when full, the
 * least recently seen keys are forgotten (Map keeps insertion order; a hit re-inserts the key).
 *
 * A hit costs O(log n) in the key's events, not O(n): expired times are skipped from the
 * front and each window's count is found by binary search. (Filtering the whole log on every
 * hit made each view of a reader with a raised limit, FOOTNOTE_VIEWS_PER_MINUTE=1000000, cost
 * more the more of their views were in the log.)
 */
export class RateLimiter {
  /**
   * Per key, its log; or, for a key with one event, just that event's time. Most keys of the
   * view limiter are readers seen once, and a number costs a fraction of the memory (and the
   * garbage collector's work) of a log object with its array.
   */
  private readonly hits = new Map<string, EventLog | number>();
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
    const known = this.hits.get(key);
    // A key with no events yet passes: the common case on a busy article, where most page
    // loads come from readers not seen this minute.
    if (known === undefined && this.firstPasses) return this.remember(key, now);
    let log = typeof known === 'number' ? { times: [known], head: 0 } : (known ?? { times: [], head: 0 });
    const { times } = log;
    // Times stay in order even if the clock steps back.
    const at = Math.max(now, times[times.length - 1] ?? now);
    while (log.head < times.length && times[log.head]! <= at - this.longest) log.head++;
    for (const w of this.windows) {
      const inWindow = times.length - firstAfter(times, log.head, at - w.windowMs);
      if (inWindow >= w.max) {
        const oldest = times[times.length - w.max] ?? at;
        throw tooMany(this.name, Math.max(1, Math.ceil((oldest + w.windowMs - at) / 1000)));
      }
    }
    // Drop the expired times once they are most of the array.
    if (log.head > 64 && log.head * 2 > times.length) log = { times: times.slice(log.head), head: 0 };
    log.times.push(at);
    this.hits.delete(key);
    this.remember(key, log);
  }

  private remember(key: string, log: EventLog | number): void {
    this.hits.set(key, log);
    trimOldest(this.hits, this.maxKeys);
  }

  get size(): number {
    return this.hits.size;
  }
}

/** The 429 of a limit on `what` ("page views"), to try again in `retry` seconds. */
export function tooMany(what: string, retry: number): AppError {
  return new AppError('rate_limited', `Too many ${what} in a short time. Please wait ${retry} second${retry === 1 ? '' : 's'} and try again.`, {
    'Retry-After': String(retry),
  });
}

/** The index of the first time after `after` in `times` (sorted), searching from `from`. */
function firstAfter(times: number[], from: number, after: number): number {
  let lo = from;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! > after) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
