import type { SharedPool } from './pool';
import { tooMany, type Window } from '../services/limits/rate-limiter';
import type { Limit } from '../services/cluster';

/**
 * `RateLimiter`'s sliding log, kept in the database every instance shares (`cluster_limits`:
 * one row per limit and key, the times of the key's events within the longest window). One
 * statement a hit, atomic under the row's lock: it appends `now` only when every window has
 * room, so two instances hit at once cannot both take the last place. A refusal reads the log
 * once more, for the seconds to wait. Keys are the keyed hashes the limits always used (a
 * reader, an address range), never an address. Rows expire with their longest window
 * (`sweep`, memory.ts).
 *
 * Each instance's clock stamps its own hits: instances on machines whose clocks disagree by
 * seconds shift each other's windows by as much (keep them on NTP, docs/scale.md).
 */
export class PgLimit implements Limit {
  private readonly sql: string;
  private readonly longest: number;

  constructor(
    private readonly pool: SharedPool,
    private readonly name: string,
    private readonly windows: readonly Window[],
  ) {
    this.longest = Math.max(...windows.map((w) => w.windowMs));
    // $1 name, $2 key, $3 now, $4 longest window; then each window's length and maximum.
    const room = windows.map((_, i) => `(select count(*) from unnest(l.times) as t where t > $3::bigint - $${5 + 2 * i}::bigint) < $${6 + 2 * i}`).join(' and ');
    this.sql =
      'insert into cluster_limits as l (name, key, times, expires_at) values ($1, $2, array[$3::bigint], $3::bigint + $4::bigint) ' +
      'on conflict (name, key) do update set times = array(select t from unnest(l.times) as t where t > $3::bigint - $4::bigint) || $3::bigint, ' +
      `expires_at = excluded.expires_at where ${room || 'true'} returning 1`;
  }

  async hit(key: string, now: number): Promise<void> {
    // Like RateLimiter: a limit that allows nothing refuses without asking.
    if (this.windows.some((w) => w.max < 1)) throw tooMany(this.name, Math.max(1, Math.ceil(this.longest / 1000)));
    const params: (string | number)[] = [this.name, key, now, this.longest];
    for (const w of this.windows) params.push(w.windowMs, w.max);
    const res = await this.pool.query(this.sql, params);
    if (res.rowCount === 1) return;
    const row = await this.pool.query<{ times: string[] }>('select times from cluster_limits where name = $1 and key = $2', [this.name, key]);
    throw tooMany(this.name, retryAfter(this.windows, (row.rows[0]?.times ?? []).map(Number), now));
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
