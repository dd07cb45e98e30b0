// Why server/lib/bounded-map.ts trims a batch at a time: the cost per insert of keeping an
// insertion-ordered Map at a bound by deleting its oldest entry one at a time, against
// deleting a batch. V8 leaves a hole per deleted entry until it compacts the table, and each
// `map.keys().next()` walks over all of them.
//
//   node bench/map-evict.mjs [bound] [inserts]      # defaults: 100,000 and 400,000
import process from 'node:process';

const bound = Number(process.argv[2] ?? 100_000);
const inserts = Number(process.argv[3] ?? 400_000);

function measure(name, evict) {
  const map = new Map();
  let i = 0;
  for (; i < bound; i++) map.set(`k${i}`, i);
  const start = performance.now();
  for (let j = 0; j < inserts; j++, i++) {
    map.set(`k${i}`, i);
    if (map.size > bound) evict(map);
  }
  console.log(`${name}: ${(((performance.now() - start) * 1000) / inserts).toFixed(2)} µs per insert`);
}

measure('oldest one at a time', (map) => map.delete(map.keys().next().value));
measure('a sixteenth at a time', (map) => {
  let drop = Math.ceil(bound / 16);
  for (const key of map.keys()) {
    map.delete(key);
    if (--drop === 0) break;
  }
});
