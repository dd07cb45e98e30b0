import type { SharedPool } from './pool';
import type { TextMemory } from '../services/spam/heuristics';
import type { ViewClaims } from '../services/cluster';

/**
 * The view de-duplication every instance shares (`cluster_view_seen`: a 64-bit sealed key and
 * when it expires). One statement per flush claims a whole batch: a key nobody holds, or whose
 * hold has expired, is taken and returned; a key held is left alone. Sorted, so two instances
 * claiming overlapping batches lock rows in the same order and never deadlock.
 */
export function pgViewClaims(pool: SharedPool): ViewClaims {
  return {
    async claim(hashes, until, now) {
      if (hashes.length === 0) return new Set();
      const order = hashes.map((h, i) => [BigInt(h), i] as const).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      const res = await pool.query<{ hash: string }>(
        'insert into cluster_view_seen as s (hash, expires_at) select * from unnest($1::bigint[], $2::bigint[]) ' +
          'on conflict (hash) do update set expires_at = excluded.expires_at where s.expires_at <= $3 returning hash::text',
        [order.map(([, i]) => hashes[i]), order.map(([, i]) => until[i]), now],
      );
      return new Set(res.rows.map((r) => r.hash));
    },
  };
}

/**
 * The duplicate-text memory every instance shares (`cluster_texts`): one statement records the
 * new time and answers the one before, under the row's lock, so of two instances posting the
 * same text at once, one sees the other's.
 */
export function pgTexts(pool: SharedPool): TextMemory {
  return {
    async swap(key, at, windowMs) {
      const res = await pool.query<{ prev: string | null }>(
        'insert into cluster_texts as t (hash, at, prev, expires_at) values ($1, $2, null, $3) ' +
          'on conflict (hash) do update set prev = t.at, at = excluded.at, expires_at = excluded.expires_at returning prev',
        [key, at, at + windowMs],
      );
      const prev = res.rows[0]?.prev;
      return prev === null || prev === undefined ? undefined : Number(prev);
    },
  };
}

/** Deletes what expired from the shared tables, a bounded batch per table, so no sweep holds locks long. */
export async function sweep(pool: SharedPool, now: number, batch = 50_000): Promise<number> {
  let n = 0;
  for (const table of ['cluster_view_seen', 'cluster_limits', 'cluster_texts']) {
    const res = await pool.query(`delete from ${table} where ctid in (select ctid from ${table} where expires_at < $1 limit ${batch})`, [now]);
    n += res.rowCount ?? 0;
  }
  return n;
}
