import type { SharedPool } from './pool';
import { Batcher } from '../lib/batcher';
import { tooMany, type Window } from '../services/limits/rate-limiter';
import type { Limit } from '../services/cluster';

interface Hit {
  key: string;
  now: number;
}

/**
 * `RateLimiter`'s sliding log, kept in the database every instance shares (`cluster_limits`:
 * one row per limit and key, the times of the key's events within the longest window). Atomic
 * under the row's lock: a hit appends its time only when every window has room, so two
 * instances hit at once cannot both take the last place. A refusal reads the log once more,
 * for the seconds to wait. Keys are the keyed hashes the limits always used (a reader, an
 * address range), never an address. Rows expire with their longest window (`sweep`,
 * memory.ts).
 *
 * Hits arriving together share one statement (`Batcher`), sorted by key so two instances lock
 * rows in one order; two hits of one key never share one (the second must count the first).
 *
 * Each instance's clock stamps its own hits: instances on machines whose clocks disagree by
 * seconds shift each other's windows by as much (keep them on NTP, docs/scale.md).
 */
export class PgLimit implements Limit {
  private readonly sql: string;
  private readonly longest: number;
  private readonly batcher = new Batcher<Hit, number | null>((hits) => this.hitMany(hits), { keyOf: (h) => h.key });

  constructor(
    private readonly pool: SharedPool,
    private readonly name: string,
    private readonly windows: readonly Window[],
  ) {
    this.longest = Math.max(...windows.map((w) => w.windowMs));
    // $1 name, $2 keys, $3 their times, $4 longest window; then each window's length and
    // maximum. The hit's time is the one its insert would store (`excluded.times[1]`).
    const room = windows
      .map((_, i) => `(select count(*) from unnest(l.times) as t where t > excluded.times[1] - $${5 + 2 * i}::bigint) < $${6 + 2 * i}`)
      .join(' and ');
    this.sql =
      'insert into cluster_limits as l (name, key, times, expires_at) ' +
      'select $1, x.key, array[x.now], x.now + $4::bigint from unnest($2::text[], $3::bigint[]) as x(key, now) order by x.key ' +
      'on conflict (name, key) do update set times = array(select t from unnest(l.times) as t where t > excluded.times[1] - $4::bigint) || excluded.times[1], ' +
      `expires_at = excluded.expires_at where ${room || 'true'} returning key`;
  }

  async hit(key: string, now: number): Promise<void> {
    // Like RateLimiter: a limit that allows nothing refuses without asking.
    if (this.windows.some((w) => w.max < 1)) throw tooMany(this.name, Math.max(1, Math.ceil(this.longest / 1000)));
    const wait = await this.batcher.add({ key, now });
    if (wait !== null) throw tooMany(this.name, wait);
  }

  /** Per hit: null when it was counted, else the seconds to wait. */
  private async hitMany(hits: readonly Hit[]): Promise<(number | null)[]> {
    const params: unknown[] = [this.name, hits.map((h) => h.key), hits.map((h) => h.now), this.longest];
    for (const w of this.windows) params.push(w.windowMs, w.max);
    const res = await this.pool.query<{ key: string }>(this.sql, params);
    const counted = new Set(res.rows.map((r) => r.key));
    const refused = hits.filter((h) => !counted.has(h.key));
    if (refused.length === 0) return hits.map(() => null);
    // The hits counted above are committed: a failed read of the others' logs must not fail
    // them too. The refused then wait a second, as when a window ended meanwhile.
    const logs = await this.pool
      .query<{ key: string; times: string[] }>('select key, times from cluster_limits where name = $1 and key = any($2::text[])', [this.name, refused.map((h) => h.key)])
      .catch(() => ({ rows: [] }));
    const times = new Map(logs.rows.map((r) => [r.key, r.times.map(Number)]));
    return hits.map((h) => (counted.has(h.key) ? null : retryAfter(this.windows, times.get(h.key) ?? [], h.now)));
  }
}

/** Seconds until the first full window of `times` (oldest first) has room again, at least 1. */
export function retryAfter(windows: readonly Window[], times: readonly number[], now: number): number {
  for (const w of windows) {
    const inWindow = times.filter((t) => t > now - w.windowMs).length;
    if (inWindow >= w.max) {
      const oldest = times[times.length - w.max] ?? now;
      return Math.max(1, Math.ceil((oldest + w.windowMs - now) / 1000));
    }
  }
  // Room again already (a window ended between the two statements): try again at once.
  return 1;
}
