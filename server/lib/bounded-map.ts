/**
 * Keeps an insertion-ordered Map (oldest first) at most `max` entries long by deleting its
 * oldest entries, a batch at a time.
 *
 * Why a batch: V8 leaves a hole for every deleted Map entry until it compacts the table, and
 * each `map.keys().next()` walks from the start over all of them. Deleting one oldest entry
 * per insert on a full map walks those holes on every insert, which cost more than the rest
 * of recording a view; one walk per batch of a sixteenth shares it out over the batch
 * (`node bench/map-evict.mjs` measures both).
 */
export function trimOldest<K, V>(map: Map<K, V>, max: number): void {
  if (map.size <= max) return;
  let drop = map.size - max + Math.ceil(max / 16);
  for (const key of map.keys()) {
    map.delete(key);
    if (--drop <= 0) break;
  }
}
