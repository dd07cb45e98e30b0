import type { SharedPool } from './pool';
import { Batcher } from '../lib/batcher';
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
 * same text at once, one sees the other's. Posts arriving together share one statement
 * (`Batcher`), sorted by hash so two instances lock rows in one order; one text twice never
 * shares one (the second must see the first).
 */
export function pgTexts(pool: SharedPool): TextMemory {
  type Swap = { key: string; at: number; windowMs: number };
  const batcher = new Batcher<Swap, number | undefined>(
    async (swaps) => {
      const res = await pool.query<{ hash: string; prev: string | null }>(
        'insert into cluster_texts as t (hash, at, prev, expires_at) select x.hash, x.at, null, x.expires_at ' +
          'from unnest($1::text[], $2::bigint[], $3::bigint[]) as x(hash, at, expires_at) order by x.hash ' +
          'on conflict (hash) do update set prev = t.at, at = excluded.at, expires_at = excluded.expires_at returning hash, prev',
        [swaps.map((s) => s.key), swaps.map((s) => s.at), swaps.map((s) => s.at + s.windowMs)],
      );
      const prev = new Map(res.rows.map((r) => [r.hash, r.prev]));
      return swaps.map((s) => {
        const p = prev.get(s.key);
        return p === null || p === undefined ? undefined : Number(p);
      });
    },
    { keyOf: (s) => s.key },
  );
  return { swap: (key, at, windowMs) => batcher.add({ key, at, windowMs }) };
}

/** Deletes what expired from the shared tables, a bounded batch per table, so no sweep holds locks long. */
export async function sweep(pool: SharedPool, now: number, batch = 50_000): Promise<number> {
  let n = 0;
  for (const table of ['cluster_view_seen', 'cluster_limits', 'cluster_texts']) {
    // Rows a batch of hits or claims holds are skipped (the next sweep takes them): the batches
    // lock in key order and a sweep in the index's, so waiting on them could deadlock.
    const res = await pool.query(`delete from ${table} where ctid in (select ctid from ${table} where expires_at < $1 limit ${batch} for update skip locked)`, [now]);
    n += res.rowCount ?? 0;
  }
  return n;
}
